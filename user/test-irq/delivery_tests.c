/*
 * Interrupts end to end: COM2's transmitter-empty interrupt, through the
 * I/O APIC, to a notification. Each test starts with the UART quiet (its
 * line low) before binding, since an edge-triggered input only sees edges
 * that come while it is open.
 */
#include "user/test-irq/irq_tests.h"

#define BADGE 0x40
#define WAIT_TICKS 20
#define QUIET_TICKS 3

/* A handler for COM2's IRQ bound to a fresh notification minted with
 * BADGE (the badged copy in *notification); the UART quiet. */
static uint32_t bound_com2(uint32_t ports, uint32_t *notification)
{
	com2_quiet(ports);
	uint32_t handler = com2_handler();
	new_notification(BADGE, notification);
	UCHECK_EQ(st_irq_handler_set_notification(handler, *notification), ST_OK);
	return handler;
}

static uint8_t stacks[2][16384] __attribute__((aligned(16)));
static volatile uint64_t woken, woken_bits;

static void trigger_com2(uint64_t ports)
{
	com2_raise((uint32_t)ports);
	com2_write((uint32_t)ports, UART_DATA, 'x');
}

/* The root waits; a lower-priority thread makes the interrupt once the
 * root is blocked. The wait ends with the handler's badge. */
UTEST(irq_wakes_waiting_thread_with_badge)
{
	uint32_t ports = com2_ports(), notification, thread;
	bound_com2(ports, &notification);
	UCHECK_EQ(st_thread_spawn(trigger_com2, ports, stacks[0] + sizeof stacks[0], 100, "trigger", &thread),
		  ST_OK);
	struct st_message message = { 0 };
	UCHECK_EQ(st_recv_timeout(notification, 0, 1000000000ull, &message), ST_OK);
	UCHECK_EQ(message.badge, BADGE);
	UCHECK_EQ(ST_MSG_WORDS(message.info), 0);
}

static void wait_and_record(uint64_t notification)
{
	uint64_t bits = 0;
	long error = st_wait(notification, &bits);
	woken_bits = error ? ~0ull : bits;
	woken = 1;
}

/* A higher-priority thread woken by the interrupt runs at once, on the
 * interrupt's way back to user mode: it has run by the time the call that
 * raised the interrupt has returned (the interrupt is taken as soon as
 * sysret opens interrupts), not at some later timer tick. */
UTEST(irq_preempts_for_woken_higher_priority_thread)
{
	uint32_t ports = com2_ports(), notification, thread;
	bound_com2(ports, &notification);
	UCHECK_EQ(st_thread_set_priority(ST_ROOT_THREAD, ST_ROOT_THREAD, 100), ST_OK);
	woken = 0;
	UCHECK_EQ(st_thread_spawn(wait_and_record, notification, stacks[0] + sizeof stacks[0], 200, "waiter",
				  &thread),
		  ST_OK);
	unsigned state = 0;
	UCHECK_EQ(st_thread_state(thread, &state, NULL, NULL), ST_OK);
	UCHECK_EQ(state, ST_THREAD_BLOCKED_NOTIFICATION);
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_IER, 1, UART_IER_TRANSMIT_EMPTY), ST_OK);
	uint64_t woken_at_once = woken;
	UCHECK_EQ(woken_at_once, 1);
	UCHECK_EQ(woken_bits, BADGE);
}

UTEST(irq_unbadged_notification_gets_bit_one)
{
	uint32_t ports = com2_ports(), handler = com2_handler(), notification = new_notification(0, NULL);
	com2_quiet(ports);
	UCHECK_EQ(st_irq_handler_set_notification(handler, notification), ST_OK);
	com2_raise(ports);
	uint64_t bits = 0;
	UCHECK(signalled_within(notification, WAIT_TICKS, &bits));
	UCHECK_EQ(bits, 1);
}

/* Edge-triggered: an interrupt before the ack is not signalled then, but
 * remembered and signalled at the ack; an ack with nothing remembered
 * signals nothing. */
UTEST(edge_interrupt_before_ack_signalled_at_ack)
{
	uint32_t ports = com2_ports(), notification;
	uint32_t handler = bound_com2(ports, &notification);
	uint64_t bits = 0;
	com2_raise(ports);
	UCHECK(signalled_within(notification, WAIT_TICKS, &bits));
	UCHECK_EQ(bits, BADGE);
	com2_pulse(ports); /* a second interrupt, before the ack */
	UCHECK(quiet_for(notification, QUIET_TICKS));
	UCHECK_EQ(st_irq_handler_ack(handler), ST_OK);
	UCHECK_EQ(st_poll(notification, &bits), ST_OK); /* at once */
	UCHECK_EQ(bits, BADGE);
	com2_pulse(ports); /* and a third, several before the ack count once */
	com2_pulse(ports);
	UCHECK(quiet_for(notification, QUIET_TICKS));
	UCHECK_EQ(st_irq_handler_ack(handler), ST_OK);
	UCHECK_EQ(st_poll(notification, &bits), ST_OK);
	UCHECK_EQ(st_irq_handler_ack(handler), ST_OK);
	UCHECK(quiet_for(notification, QUIET_TICKS));
	/* Acknowledged and quiet: the next interrupt signals straight away. */
	com2_pulse(ports);
	UCHECK(signalled_within(notification, WAIT_TICKS, &bits));
}

/* Level-triggered: the input is masked from the interrupt until the ack;
 * acked while the device still asserts it, it fires again; acked after
 * the driver dealt with the device, it stays quiet. */
UTEST(level_input_masked_until_ack)
{
	uint32_t ports = com2_ports(), handler = utest_slot(), notification;
	uint64_t gsi = com2_gsi();
	com2_quiet(ports);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, gsi, ST_IRQ_LEVEL, handler), ST_OK);
	new_notification(BADGE, &notification);
	UCHECK_EQ(st_irq_handler_set_notification(handler, notification), ST_OK);
	uint64_t bits = 0;
	com2_raise(ports); /* the line goes high and stays high */
	UCHECK(signalled_within(notification, WAIT_TICKS, &bits));
	UCHECK_EQ(bits, BADGE);
	UCHECK(quiet_for(notification, QUIET_TICKS)); /* no interrupt storm: masked */
	UCHECK_EQ(st_irq_handler_ack(handler), ST_OK);
	UCHECK(signalled_within(notification, WAIT_TICKS, &bits)); /* still asserted */
	com2_lower(ports);
	UCHECK_EQ(st_irq_handler_ack(handler), ST_OK);
	UCHECK(quiet_for(notification, QUIET_TICKS));
	com2_pulse(ports);
	UCHECK(signalled_within(notification, WAIT_TICKS, &bits));
}

/* With the notification unbound (0) the input is masked: nothing is
 * signalled, and binding again makes it work again. */
UTEST(unbound_handler_signals_nothing)
{
	uint32_t ports = com2_ports(), notification;
	uint32_t handler = bound_com2(ports, &notification);
	UCHECK_EQ(st_irq_handler_set_notification(handler, 0), ST_OK);
	com2_raise(ports);
	com2_pulse(ports);
	UCHECK(quiet_for(notification, QUIET_TICKS));
	UCHECK_EQ(st_irq_handler_set_notification(handler, notification), ST_OK);
	com2_pulse(ports);
	uint64_t bits = 0;
	UCHECK(signalled_within(notification, WAIT_TICKS, &bits));
	UCHECK_EQ(bits, BADGE);
}

/* Setting another notification replaces the first. */
UTEST(rebinding_moves_signals)
{
	uint32_t ports = com2_ports(), first;
	uint32_t handler = bound_com2(ports, &first);
	uint32_t second_badged, second = new_notification(0x9, &second_badged);
	(void)second;
	UCHECK_EQ(st_irq_handler_set_notification(handler, second_badged), ST_OK);
	com2_raise(ports);
	uint64_t bits = 0;
	UCHECK(signalled_within(second_badged, WAIT_TICKS, &bits));
	UCHECK_EQ(bits, 0x9);
	UCHECK(quiet_for(first, 1));
}

/* Deleting the handler's last capability masks the input (here a level
 * one, which would fire without end on a freed vector if it stayed open)
 * and stops its signals; a new handler for it works. */
UTEST(deleting_handler_masks_input)
{
	uint32_t ports = com2_ports(), handler = utest_slot(), notification;
	uint64_t gsi = com2_gsi();
	com2_quiet(ports);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, gsi, ST_IRQ_LEVEL, handler), ST_OK);
	new_notification(BADGE, &notification);
	UCHECK_EQ(st_irq_handler_set_notification(handler, notification), ST_OK);
	UCHECK_EQ(st_cap_delete(handler), ST_OK);
	com2_raise(ports);
	UCHECK(quiet_for(notification, QUIET_TICKS));
	uint32_t again = utest_slot(), second_badged;
	new_notification(0x5, &second_badged);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, gsi, ST_IRQ_LEVEL, again), ST_OK);
	UCHECK_EQ(st_irq_handler_set_notification(again, second_badged), ST_OK);
	uint64_t bits = 0;
	UCHECK(signalled_within(second_badged, WAIT_TICKS, &bits)); /* the line is still high */
	UCHECK_EQ(bits, 0x5);
	UCHECK(quiet_for(notification, 1));
	com2_quiet(ports);
}

/* Deleting the bound notification unbinds it: later interrupts harm
 * nothing, not even a new notification made in the same memory, and the
 * handler can be bound to another. */
UTEST(deleting_notification_unbinds_handler)
{
	uint32_t ports = com2_ports(), handler = com2_handler();
	uint32_t untyped = utest_untyped(12), notification = utest_slot(), second = utest_slot();
	com2_quiet(ports);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_NOTIFICATION, 0, notification, 1), ST_OK);
	UCHECK_EQ(st_irq_handler_set_notification(handler, notification), ST_OK);
	UCHECK_EQ(st_cap_delete(notification), ST_OK);
	/* The untyped is empty again: this one is where the first one was. */
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_NOTIFICATION, 0, second, 1), ST_OK);
	com2_raise(ports);
	com2_pulse(ports);
	UCHECK(quiet_for(second, QUIET_TICKS));
	UCHECK_EQ(st_irq_handler_set_notification(handler, second), ST_OK);
	UCHECK_EQ(st_irq_handler_ack(handler), ST_OK);
	com2_pulse(ports);
	uint64_t bits = 0;
	UCHECK(signalled_within(second, WAIT_TICKS, &bits));
	UCHECK_EQ(bits, 1);
}

/*
 * Interrupt to a user-space handler: a second UART (COM2, ports 0x2f8-0x2ff,
 * ISA IRQ 3; tools/bench gives QEMU a second serial port) raises its
 * transmitter-empty interrupt when a byte written to it has gone. A
 * higher-priority handler thread waits on the notification the IRQ
 * handler signals. The root timestamps and writes a byte; the handler
 * timestamps when it wakes, clears the UART's interrupt (reads IIR) and
 * acknowledges the IRQ, then waits again (not timed).
 */
#include "user/bench/bench.h"

#define COM2 0x2f8
#define COM2_GSI 3 /* ISA IRQ 3, no source override on the PC */
#define UART_THR 0 /* transmit holding register (write) */
#define UART_IER 1 /* interrupt enable */
#define UART_IIR 2 /* interrupt identification (read): reading it clears THRE */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCRATCH 7
#define UART_IER_THRE (1u << 1)
#define UART_LCR_8N1 0x03
#define UART_LCR_DLAB 0x80
#define UART_MCR_OUT2 (1u << 3) /* gates the UART's interrupt onto the ISA line */

static uint32_t ports, irq_handler, irq_notification;
static volatile uint64_t handler_woke;
static uint8_t handler_stack[4096] __attribute__((aligned(16)));

static long port_out(uint16_t port, uint8_t value)
{
	return st_call(ST_SYS_IO_PORT_OUT, ports, port, 1, value, 0, 0);
}

static uint8_t port_in(uint16_t port)
{
	struct st_result result = st_syscall(ST_SYS_IO_PORT_IN, ports, port, 1, 0, 0, 0);
	return result.error ? 0xff : (uint8_t)result.value;
}

static void handle_interrupts(uint64_t unused)
{
	(void)unused;
	for (;;) {
		st_wait(irq_notification, NULL);
		handler_woke = tsc_serialized();
		port_in(COM2 + UART_IIR);
		st_call(ST_SYS_IRQ_HANDLER_ACK, irq_handler, 0, 0, 0, 0, 0);
	}
}

/* The capabilities: COM2's ports, IRQ 3's handler bound to a notification. */
static long take_com2(const char **step)
{
	long error;
	*step = "I/O port capability (ST_SYS_IO_PORT_CONTROL_GET)";
	if (!(ports = st_alloc_slot()) ||
	    (error = st_call(ST_SYS_IO_PORT_CONTROL_GET, ST_ROOT_IO_PORT_CONTROL, COM2, COM2 + 7, ports, 0, 0)))
		return ports ? error : ST_ERROR_NO_MEMORY;
	*step = "IRQ handler capability (ST_SYS_IRQ_CONTROL_GET)";
	if (!(irq_handler = st_alloc_slot()) ||
	    (error = st_call(ST_SYS_IRQ_CONTROL_GET, ST_ROOT_IRQ_CONTROL, COM2_GSI, 0, irq_handler, 0, 0)))
		return irq_handler ? error : ST_ERROR_NO_MEMORY;
	*step = "notification";
	if ((error = st_alloc_object(ST_OBJECT_NOTIFICATION, 0, &irq_notification)))
		return error;
	*step = "binding the IRQ (ST_SYS_IRQ_HANDLER_SET_NOTIFICATION)";
	return st_call(ST_SYS_IRQ_HANDLER_SET_NOTIFICATION, irq_handler, irq_notification, 0, 0, 0, 0);
}

/* 8N1, no FIFO (one byte, one interrupt), OUT2 on; then the transmitter
 * interrupt, which fires at once (the holding register is empty). */
static long start_com2(const char **step)
{
	*step = "COM2's scratch register (no second serial port?)";
	port_out(COM2 + UART_SCRATCH, 0x5a);
	if (port_in(COM2 + UART_SCRATCH) != 0x5a)
		return ST_ERROR_ILLEGAL_OPERATION;
	port_out(COM2 + UART_IER, 0);
	port_out(COM2 + UART_LCR, UART_LCR_DLAB);
	port_out(COM2 + 0, 1); /* divisor 1: 115200 baud */
	port_out(COM2 + 1, 0);
	port_out(COM2 + UART_LCR, UART_LCR_8N1);
	port_out(COM2 + UART_FCR, 0);
	port_out(COM2 + UART_MCR, UART_MCR_OUT2);
	port_in(COM2 + UART_LSR);
	port_in(COM2 + UART_IIR);
	return port_out(COM2 + UART_IER, UART_IER_THRE);
}

void bench_irq(void)
{
	const char *name = "irq_to_user", *step;
	long error = take_com2(&step);
	uint32_t handler_thread;
	if (!error) {
		step = "handler thread";
		error = st_thread_spawn(handle_interrupts, 0, handler_stack + sizeof handler_stack, BENCH_PRIORITY + 1,
					"irq handler", &handler_thread);
	}
	if (!error)
		error = start_com2(&step);
	if (error) {
		st_printf("bench: %s left out: %s: %s\n", name, step, st_error_name(error));
		return;
	}
	unsigned late = 0;
	for (int i = -WARM_UP; i < ITERATIONS; i++) {
		uint64_t start = tsc_serialized();
		port_out(COM2 + UART_THR, 'x');
		uint64_t woke = handler_woke;
		late += woke < start;
		if (i >= 0)
			samples[i] = woke - start;
	}
	port_out(COM2 + UART_IER, 0);
	st_cap_delete(handler_thread);
	if (late) {
		st_printf("bench: %s: the handler did not run before the writer went on %u times\n", name, late);
		return;
	}
	report(name, "the low-priority thread's TSC, then a byte written to COM2 (I/O port call), the UART's "
	       "transmitter-empty interrupt (IRQ 3), its notification signalled, to the higher-priority "
	       "handler thread's TSC after its wait returned",
	       (struct cost){ 2, 0 }, samples);
}

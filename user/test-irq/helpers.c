#include "user/test-irq/irq_tests.h"

uint32_t com2_ports(void)
{
	uint32_t slot = utest_slot();
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, COM2, COM2_LAST, slot), ST_OK);
	return slot;
}

uint8_t com2_read(uint32_t ports, unsigned reg)
{
	uint64_t value = 0;
	UCHECK_EQ(st_io_port_in(ports, COM2 + reg, 1, &value), ST_OK);
	return (uint8_t)value;
}

void com2_write(uint32_t ports, unsigned reg, uint8_t value)
{
	UCHECK_EQ(st_io_port_out(ports, COM2 + reg, 1, value), ST_OK);
}

void com2_quiet(uint32_t ports)
{
	com2_write(ports, UART_LCR, 0x03); /* 8N1, divisor latch off */
	com2_write(ports, UART_IER, 0);
	com2_write(ports, UART_FCR, 0);    /* no FIFO: the transmitter empties at once */
	com2_write(ports, UART_MCR, UART_MCR_OUT2);
	com2_read(ports, UART_IIR);
	com2_read(ports, UART_LSR);
	com2_read(ports, UART_DATA);
	com2_read(ports, UART_MSR);
}

void com2_raise(uint32_t ports)
{
	com2_write(ports, UART_IER, UART_IER_TRANSMIT_EMPTY);
}

void com2_lower(uint32_t ports)
{
	com2_read(ports, UART_IIR);
}

void com2_pulse(uint32_t ports)
{
	com2_lower(ports);
	com2_write(ports, UART_DATA, 'x');
}

uint32_t com2_handler(void)
{
	uint32_t slot = utest_slot();
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, COM2_ISA_IRQ, ST_IRQ_ISA, slot), ST_OK);
	return slot;
}

uint64_t com2_gsi(void)
{
	uint32_t handler = com2_handler();
	uint64_t info = 0, gsi = ~0ull;
	UCHECK_EQ(st_cap_identify(handler, &info, &gsi), ST_OK);
	UCHECK_EQ(st_cap_delete(handler), ST_OK);
	return gsi;
}

uint32_t new_notification(uint64_t badge, uint32_t *badged)
{
	uint32_t notification = utest_object(ST_OBJECT_NOTIFICATION, 0);
	if (badge) {
		*badged = utest_slot();
		UCHECK_EQ(st_cap_mint(notification, *badged, ST_RIGHTS_ALL, badge), ST_OK);
	}
	return notification;
}

uint32_t copy_with_rights(uint32_t slot, unsigned rights)
{
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_copy(slot, copy, rights), ST_OK);
	return copy;
}

uint64_t tsc_now(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

uint64_t tsc_per_tick(void)
{
	return utest_bootinfo->tsc_hz / (utest_bootinfo->timer_hz ? utest_bootinfo->timer_hz : 100);
}

bool signalled_within(uint32_t notification, unsigned ticks, uint64_t *bits)
{
	uint64_t deadline = tsc_now() + ticks * tsc_per_tick();
	for (;;) {
		uint64_t got = 0;
		if (st_poll(notification, &got) == ST_OK) {
			if (bits)
				*bits = got;
			return true;
		}
		if (tsc_now() > deadline)
			return false;
		st_yield();
	}
}

bool quiet_for(uint32_t notification, unsigned ticks)
{
	return !signalled_within(notification, ticks, NULL);
}

#include "kernel/arch/x86_64/uart.h"

#include <stdbool.h>

#include "kernel/arch/x86_64/cpu.h"

#define COM1 0x3f8
#define UART_DATA 0
#define UART_INTERRUPT_ENABLE 1
#define UART_DIVISOR_LOW 0
#define UART_DIVISOR_HIGH 1
#define UART_FIFO_CONTROL 2
#define UART_LINE_CONTROL 3
#define UART_MODEM_CONTROL 4
#define UART_LINE_STATUS 5
#define LINE_STATUS_TRANSMIT_EMPTY 0x20
#define LINE_CONTROL_DLAB 0x80

static bool uart_present;

void uart_init(void)
{
	outb(COM1 + UART_INTERRUPT_ENABLE, 0x00); /* polled output only */
	outb(COM1 + UART_LINE_CONTROL, LINE_CONTROL_DLAB);
	outb(COM1 + UART_DIVISOR_LOW, 1); /* 115200 baud */
	outb(COM1 + UART_DIVISOR_HIGH, 0);
	outb(COM1 + UART_LINE_CONTROL, 0x03);  /* 8 data bits, no parity, 1 stop */
	outb(COM1 + UART_FIFO_CONTROL, 0xc7);  /* enable and clear FIFOs */
	outb(COM1 + UART_MODEM_CONTROL, 0x03); /* DTR, RTS */
	/* No UART answers reads of a missing port with 0xff; don't spin on one. */
	uart_present = inb(COM1 + UART_LINE_STATUS) != 0xff;
}

void uart_putc(char c)
{
	if (!uart_present)
		return;
	if (c == '\n')
		uart_putc('\r');
	for (int spins = 0; spins < 100000; spins++) {
		if (inb(COM1 + UART_LINE_STATUS) & LINE_STATUS_TRANSMIT_EMPTY)
			break;
		cpu_pause();
	}
	outb(COM1 + UART_DATA, (uint8_t)c);
}

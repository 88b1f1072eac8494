/*
 * The 16550 UART the console drives, through an I/O-ports capability:
 * received-data interrupts and the FIFO on, output by polling. Which UART
 * it is (COM1 at 0x3f8, or COM2 at 0x2f8 for tests) follows from the
 * capability's range.
 */
#ifndef CONSOLE_UART_H
#define CONSOLE_UART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct uart {
	uint64_t ports;  /* the I/O-ports capability */
	uint16_t base;   /* its first port */
	bool present;    /* something answers at those ports */
};

/* Finds the base from the capability (its last port - 7) and sets the
 * UART up: 8N1, FIFO on, received-data interrupt enabled, OUT2 (which
 * gates the interrupt line on PCs). Bytes already received are kept. */
long uart_init(struct uart *uart, uint64_t ports);

/* Receives one byte if one is waiting (true). */
bool uart_receive(struct uart *uart, uint8_t *byte);

/* Sends bytes, waiting for room in the transmitter each FIFO-full. */
void uart_send(struct uart *uart, const uint8_t *bytes, size_t length);

#endif

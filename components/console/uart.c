#include "components/console/uart.h"

#include "user/lib/strata.h"

/* Registers (offsets from the base) and the bits used. */
#define UART_DATA 0          /* receive buffer / transmit holding */
#define UART_IER 1           /* interrupt enable */
#define UART_FCR 2           /* FIFO control (write) */
#define UART_LCR 3           /* line control */
#define UART_MCR 4           /* modem control */
#define UART_LSR 5           /* line status */
#define IER_RECEIVED_DATA 0x01
#define FCR_ENABLE 0x01      /* FIFO on; receive trigger level 1 byte */
#define LCR_8N1 0x03
#define MCR_DTR_RTS_OUT2 0x0b
#define LSR_DATA_READY 0x01
#define LSR_TRANSMIT_EMPTY 0x20 /* the holding register (and FIFO) is empty */
#define TRANSMIT_FIFO_SIZE 16
/* Polls of the line status before giving up on a transmitter that never
 * empties (no UART there, or a stuck one): output is dropped, not hung. */
#define TRANSMIT_POLLS 100000

static uint8_t port_in(struct uart *uart, unsigned reg)
{
	uint64_t value = 0xff;
	st_io_port_in(uart->ports, uart->base + reg, 1, &value);
	return (uint8_t)value;
}

static void port_out(struct uart *uart, unsigned reg, uint8_t value)
{
	st_io_port_out(uart->ports, uart->base + reg, 1, value);
}

long uart_init(struct uart *uart, uint64_t ports)
{
	uint64_t info = 0, last = 0;
	long error = st_cap_identify(ports, &info, &last);
	if (error)
		return error;
	if (ST_CAP_INFO_TYPE(info) != ST_OBJECT_IO_PORTS || last < 7)
		return ST_ERROR_WRONG_TYPE;
	uart->ports = ports;
	uart->base = (uint16_t)(last - 7);
	uart->present = port_in(uart, UART_LSR) != 0xff;
	if (!uart->present)
		return ST_OK;
	/* The speed is left as it is (the nucleus set COM1 up already). The
	 * FIFO is enabled without clearing it: what was typed before the
	 * console started is still there to read. */
	port_out(uart, UART_LCR, LCR_8N1);
	port_out(uart, UART_FCR, FCR_ENABLE);
	port_out(uart, UART_MCR, MCR_DTR_RTS_OUT2);
	port_out(uart, UART_IER, IER_RECEIVED_DATA);
	return ST_OK;
}

bool uart_receive(struct uart *uart, uint8_t *byte)
{
	if (!uart->present || !(port_in(uart, UART_LSR) & LSR_DATA_READY))
		return false;
	*byte = port_in(uart, UART_DATA);
	return true;
}

void uart_send(struct uart *uart, const uint8_t *bytes, size_t length)
{
	if (!uart->present)
		return;
	while (length > 0) {
		unsigned polls = 0;
		while (!(port_in(uart, UART_LSR) & LSR_TRANSMIT_EMPTY)) {
			if (++polls == TRANSMIT_POLLS)
				return;
		}
		/* Empty: a FIFO's worth goes without looking again. */
		size_t burst = length < TRANSMIT_FIFO_SIZE ? length : TRANSMIT_FIFO_SIZE;
		for (size_t i = 0; i < burst; i++)
			port_out(uart, UART_DATA, bytes[i]);
		bytes += burst;
		length -= burst;
	}
}

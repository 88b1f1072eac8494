/* The protocol's requests (console_protocol.h), one function each. */
#include "components/console/console.h"

#include "components/console/clock.h"
#include "components/console/console_protocol.h"
#include "components/posix/linux_errno.h"
#include "lib/string.h"

#define BYTES_PER_WORD 8

static void uart_output(void *context, const uint8_t *bytes, size_t length)
{
	uart_send(context, bytes, length);
}

void console_init(struct console *c)
{
	ld_init(&c->ld, uart_output, &c->uart);
	c->rows = CONSOLE_DEFAULT_ROWS;
	c->columns = CONSOLE_DEFAULT_COLUMNS;
}

void console_input(struct console *c, const uint8_t *bytes, unsigned length, uint64_t now)
{
	for (unsigned i = 0; i < length; i++) {
		if (ld_receive(&c->ld, bytes[i], now))
			c->wake_client = true;
	}
}

static unsigned words_for(uint64_t bytes)
{
	return (unsigned)((bytes + BYTES_PER_WORD - 1) / BYTES_PER_WORD);
}

static void answer(struct console_message *reply, unsigned length)
{
	reply->label = 0;
	reply->length = length;
}

static void refuse(struct console_message *reply, long linux_error)
{
	reply->label = CONSOLE_REPLY_ERROR;
	reply->length = 1;
	reply->words[0] = (uint64_t)-linux_error;
}

static void write_bytes(struct console *c, const struct console_message *request, struct console_message *reply)
{
	uint64_t length = request->words[0];
	if (request->length < 1 || length > CONSOLE_DATA_MAX || request->length < 1 + words_for(length)) {
		refuse(reply, LINUX_EINVAL);
		return;
	}
	ld_write(&c->ld, (const uint8_t *)&request->words[1], length);
	reply->words[0] = length;
	answer(reply, 1);
}

static void read_bytes(struct console *c, const struct console_message *request, struct console_message *reply)
{
	uint64_t wanted = request->words[0];
	if (request->length < 1 || wanted > CONSOLE_DATA_MAX) {
		refuse(reply, LINUX_EINVAL);
		return;
	}
	long n = ld_read(&c->ld, (uint8_t *)&reply->words[1], wanted, clock_now_ns());
	if (n == LD_READ_EMPTY) {
		reply->words[0] = CONSOLE_EMPTY;
		answer(reply, 1);
		return;
	}
	reply->words[0] = (uint64_t)n;
	answer(reply, 1 + words_for((uint64_t)n));
}

static void events(struct console *c, struct console_message *reply)
{
	reply->words[0] = ld_take_signals(&c->ld);
	reply->words[1] = ld_readable(&c->ld, clock_now_ns());
	answer(reply, 2);
}

static void get_termios(struct console *c, struct console_message *reply)
{
	memset(reply->words, 0, CONSOLE_TERMIOS_WORDS * BYTES_PER_WORD);
	memcpy(reply->words, &c->ld.termios, sizeof c->ld.termios);
	answer(reply, CONSOLE_TERMIOS_WORDS);
}

enum { SET_NOW = 0, SET_AFTER_OUTPUT = 1, SET_AND_FLUSH = 2 }; /* TCSETS, TCSETSW, TCSETSF */

static void set_termios(struct console *c, const struct console_message *request, struct console_message *reply)
{
	if (request->length < CONSOLE_TERMIOS_WORDS + 1 || request->words[CONSOLE_TERMIOS_WORDS] > SET_AND_FLUSH) {
		refuse(reply, LINUX_EINVAL);
		return;
	}
	struct linux_termios termios;
	memcpy(&termios, request->words, sizeof termios);
	/* Output is written before each write is answered, so there is
	 * nothing to wait for with TCSETSW. */
	if (request->words[CONSOLE_TERMIOS_WORDS] == SET_AND_FLUSH)
		ld_flush_input(&c->ld);
	ld_set_termios(&c->ld, &termios);
	/* Leaving canonical mode can make the edited line readable. */
	if (ld_readable(&c->ld, clock_now_ns()))
		c->wake_client = true;
	reply->words[0] = 0;
	answer(reply, 1);
}

static void get_winsize(struct console *c, struct console_message *reply)
{
	reply->words[0] = c->rows;
	reply->words[1] = c->columns;
	answer(reply, 2);
}

static void set_winsize(struct console *c, const struct console_message *request, struct console_message *reply)
{
	uint64_t rows = request->words[0], columns = request->words[1];
	if (request->length < 2 || rows > UINT16_MAX || columns > UINT16_MAX) {
		refuse(reply, LINUX_EINVAL);
		return;
	}
	/* SIGWINCH for the foreground group is the client's to send: it
	 * knows the group, and it is the one that changed the size. */
	c->rows = (uint16_t)rows;
	c->columns = (uint16_t)columns;
	reply->words[0] = 0;
	answer(reply, 1);
}

void console_serve(struct console *c, const struct console_message *request, struct console_message *reply)
{
	switch (request->label) {
	case CONSOLE_WRITE:
		write_bytes(c, request, reply);
		break;
	case CONSOLE_READ:
		read_bytes(c, request, reply);
		break;
	case CONSOLE_EVENTS:
		events(c, reply);
		break;
	case CONSOLE_GET_TERMIOS:
		get_termios(c, reply);
		break;
	case CONSOLE_SET_TERMIOS:
		set_termios(c, request, reply);
		break;
	case CONSOLE_GET_WINSIZE:
		get_winsize(c, reply);
		break;
	case CONSOLE_SET_WINSIZE:
		set_winsize(c, request, reply);
		break;
	default:
		refuse(reply, LINUX_ENOSYS);
	}
}

/*
 * The console server (protocol: console_protocol.h): a line discipline
 * over a 16550 UART, serving one client (the personality) that never
 * blocks in it: every request is answered at once, and the client's
 * notification is signalled when input or a signal is there to fetch.
 */
#ifndef CONSOLE_CONSOLE_H
#define CONSOLE_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

#include "components/console/line_discipline.h"
#include "components/console/uart.h"
#include "user/lib/strata.h"

/* A request that cannot be served (unknown label, a length beyond
 * CONSOLE_DATA_MAX or beyond the message, a bad argument) is answered
 * with this label and words[0] = a negated Linux errno (-ENOSYS for an
 * unknown label, else -EINVAL). Successful replies have label 0. */


#define CONSOLE_DEFAULT_ROWS 24
#define CONSOLE_DEFAULT_COLUMNS 80

struct console {
	struct line_discipline ld;
	struct uart uart;
	uint16_t rows, columns;
	/* The client's notification needs a signal (set while serving). */
	bool wake_client;
};

/* A message in full: its label and words, those from registers and those
 * from the IPC buffer together. */
struct console_message {
	uint64_t label;
	unsigned length; /* words */
	uint64_t words[ST_MSG_MAX_WORDS];
};

void console_init(struct console *c);

/* One request, answered in *reply. */
void console_serve(struct console *c, const struct console_message *request, struct console_message *reply);

/* Bytes from the UART, arrived at `now`. */
void console_input(struct console *c, const uint8_t *bytes, unsigned length, uint64_t now);

#endif

/*
 * Tests of the console server (components/console) as the personality
 * will use it: this root task starts console.elf (the boot module after
 * it) exactly as posix does (capabilities in the slots of
 * console_protocol.h, IPC buffer, TSC rate as its argument) and calls it.
 *
 * The kernel command line picks the UART: COM1 by default (the nucleus
 * must be booted with console=user to let it go; output shows up in the
 * serial log), COM2 with "uart=com2" (tests/run-all's serial2 option). The
 * input tests put the UART in loopback, so whatever the console writes
 * comes back to it as typed input: real interrupts, deterministic
 * "typing".
 */
#ifndef USER_CONSOLE_TEST_CONSOLE_TEST_H
#define USER_CONSOLE_TEST_CONSOLE_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "components/console/console.h"
#include "components/console/console_protocol.h"
#include "components/console/linux_termios.h"
#include "user/lib/utest.h"

#define CONSOLE_PRIORITY 200
/* The root waits below the console, so the console drains the UART as
 * soon as its interrupt comes (in loopback, before its FIFO overflows). */
#define CLIENT_PRIORITY 100
/* The FIFO's size: the most one loopback write may send. */
#define LOOPBACK_CHUNK 16

struct console_client {
	struct st_process process;
	uint32_t endpoint;       /* ours: all rights, to call */
	uint32_t notification;   /* the console signals it (the client's) */
	uint32_t ports;          /* our own capability to the UART's ports */
	uint16_t base;
	struct st_ipc_buffer *buffer;
};

/* The console started (on the UART the command line picks) and answering;
 * false (with a failed check) if not. */
bool console_start(struct console_client *c);
/* The same, but without an IRQ handler in its slot: it must poll. */
bool console_start_with(struct console_client *c, bool interrupt);
bool console_on_com2(void);

/* One call: label and words out, the reply's label and words back (up to
 * ST_MSG_MAX_WORDS); the reply's length in words, or -1 on an IPC error. */
int console_call(struct console_client *c, uint64_t label, const uint64_t *words, unsigned length,
		 uint64_t *reply_label, uint64_t *reply);

/* CONSOLE_WRITE of a string (at most CONSOLE_DATA_MAX bytes): words[0]. */
uint64_t console_write(struct console_client *c, const char *text, size_t length);
/* CONSOLE_READ: the count (or CONSOLE_EMPTY); bytes into buffer. */
uint64_t console_read(struct console_client *c, char *buffer, size_t wanted);
/* Reads, waiting for the console's signal between tries, until a read
 * returns something other than CONSOLE_EMPTY or `ms` pass. */
uint64_t console_read_wait(struct console_client *c, char *buffer, size_t wanted, unsigned ms);
/* CONSOLE_EVENTS: the signal mask; *readable the second word. */
uint64_t console_events(struct console_client *c, uint64_t *readable);
void console_get_termios(struct console_client *c, struct linux_termios *t);
/* CONSOLE_SET_TERMIOS with mode 0 (TCSETS), 1 (TCSETSW), 2 (TCSETSF): words[0]. */
uint64_t console_set_termios(struct console_client *c, const struct linux_termios *t, uint64_t mode);

/* Whether the console signalled our notification within `ms`. */
bool console_signalled(struct console_client *c, unsigned ms);

/* Loopback: what the console sends comes back as input. */
void console_loopback(struct console_client *c, bool on);
/* "Types" bytes: written through the console with output processing and
 * echo off, in FIFO-sized pieces, so exactly these bytes come back. */
void console_type(struct console_client *c, const char *text, size_t length);
/* Output processing and echo off (for typing through loopback), else as
 * Linux's defaults; and `lflag` changes. */
void console_typing_mode(struct console_client *c, uint32_t lflag_clear);

#endif

/*
 * The terminal line discipline: what sits between a serial line and the
 * programs reading and writing it, with Linux's termios semantics (its
 * N_TTY discipline is the model; this is our own code). Input is edited in
 * canonical mode (erase, kill, word erase, end of file), echoed, turned
 * into signals (^C, ^\, ^Z); output is post-processed (\n to \r\n).
 *
 * Pure C: no system calls, no clock of its own (the caller passes the time
 * in nanoseconds), output through a function the caller gives, so the
 * same code runs in the console server and in host unit tests.
 */
#ifndef CONSOLE_LINE_DISCIPLINE_H
#define CONSOLE_LINE_DISCIPLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "components/console/linux_termios.h"

/* Input buffered at most (Linux's N_TTY_BUF_SIZE): typed bytes, line
 * ends and end-of-file marks together; beyond it bytes are dropped with a
 * bell. */
#define LD_BUFFER_SIZE 4096
/* Output collected before it goes to the output function. */
#define LD_OUTPUT_BATCH 64

/* ld_read: nothing is readable yet (no complete line in canonical mode;
 * VMIN/VTIME unmet in raw mode). */
#define LD_READ_EMPTY (-1L)

/* What ld_receive did, as bits: input became readable (a line completed,
 * or a raw byte arrived), a signal character was typed. */
#define LD_EVENT_INPUT 1u
#define LD_EVENT_SIGNAL 2u

typedef void ld_output_fn(void *context, const uint8_t *bytes, size_t length);

/* What each buffered slot holds. */
enum ld_slot_kind {
	LD_SLOT_DATA = 0,     /* a byte of input */
	LD_SLOT_LINE_END = 1, /* a byte of input that ends a line (\n, VEOL) */
	LD_SLOT_EOF = 2,      /* an end of file (VEOF): ends a line, is no data */
};

struct line_discipline {
	struct linux_termios termios;
	/* The input ring: `count` slots from `head`; the first `committed`
	 * are readable (complete lines in canonical mode; all in raw mode),
	 * the rest is the line being edited. */
	uint8_t bytes[LD_BUFFER_SIZE];
	uint8_t kinds[LD_BUFFER_SIZE];
	uint32_t head, count, committed;
	bool literal_next;          /* VLNEXT typed: the next byte is not special */
	uint32_t signals;           /* typed since ld_take_signals: 1 << signal number */
	/* The cursor column (for erasing tabs) and where the edited line
	 * began on screen. */
	uint32_t column, line_start_column;
	/* Raw-mode timers: VMIN 0, VTIME > 0: when the pending read gives up
	 * (0: no read pending); VMIN > 0, VTIME > 0: when the last byte came. */
	uint64_t read_deadline;
	uint64_t last_input_time;
	/* Output. */
	ld_output_fn *output;
	void *output_context;
	uint8_t batch[LD_OUTPUT_BATCH];
	size_t batch_length;
};

/* Linux's defaults (ICANON, ECHO, ^C is VINTR, ...). */
void ld_default_termios(struct linux_termios *termios);

void ld_init(struct line_discipline *ld, ld_output_fn *output, void *output_context);

/* A byte from the line, arrived at time `now`: LD_EVENT_* bits. */
unsigned ld_receive(struct line_discipline *ld, uint8_t byte, uint64_t now);

/* Program output, post-processed (OPOST); all of it is taken. */
void ld_write(struct line_discipline *ld, const uint8_t *bytes, size_t length);

/* Up to `wanted` bytes of input: how many, 0 at end of file (or a raw
 * read whose VMIN/VTIME ran out), or LD_READ_EMPTY. */
long ld_read(struct line_discipline *ld, uint8_t *buffer, size_t wanted, uint64_t now);

/* Whether input is ready as poll() sees it: a complete line (or end of
 * file) in canonical mode; in raw mode VMIN bytes (1 if VMIN is 0 or
 * VTIME is set), or a VMIN 0 read whose VTIME ran out. */
bool ld_readable(const struct line_discipline *ld, uint64_t now);

/* When a raw read with VTIME would next give up on its own (0: never):
 * the caller should look again (and wake readers) then. */
uint64_t ld_deadline(const struct line_discipline *ld);

/* The signals typed since the last call (1 << number), then forgotten. */
uint32_t ld_take_signals(struct line_discipline *ld);

/* New settings (TCSETS); TCSETSF also flushes input. Switching to raw
 * mode makes the edited line readable; switching to canonical mode makes
 * pending raw input one line. */
void ld_set_termios(struct line_discipline *ld, const struct linux_termios *termios);
void ld_flush_input(struct line_discipline *ld);

#endif

/*
 * The console server's IPC protocol (components/console/). The personality
 * is its client: it calls the console endpoint with one of these labels;
 * data travels as bytes in the message words from word 1 on (the IPC
 * buffer). The console signals the client's notification whenever input
 * becomes readable or a signal character (^C, ^Z, ^\) is typed, so the
 * client never blocks in the console: every call answers at once.
 */
#ifndef CONSOLE_PROTOCOL_H
#define CONSOLE_PROTOCOL_H

#include <stdint.h>

enum console_label {
	/* words[0] = length (<= CONSOLE_DATA_MAX), bytes from word 1.
	 * Reply: words[0] = bytes written (output post-processing, e.g. \n to
	 * \r\n when OPOST|ONLCR, is the console's). */
	CONSOLE_WRITE = 1,
	/* words[0] = the most bytes wanted (<= CONSOLE_DATA_MAX). Reply:
	 * words[0] = bytes read, from word 1; 0 at end of file (^D at the start
	 * of a line in cooked mode); CONSOLE_EMPTY when nothing is readable yet
	 * (cooked: no complete line; raw: no byte, or VMIN/VTIME unmet). */
	CONSOLE_READ = 2,
	/* Reply: words[0] = signals typed since the last ask, as a bit mask
	 * (1 << LINUX signal number: SIGINT 2, SIGQUIT 3, SIGTSTP 20);
	 * words[1] = 1 if a read would return now (data or end of file). */
	CONSOLE_EVENTS = 3,
	/* Reply: words[0..] = struct linux_termios (36 bytes, the layout of
	 * Linux's TCGETS: c_iflag, c_oflag, c_cflag, c_lflag (uint32), c_line,
	 * c_cc[19]; components/console/linux_termios.h) */
	CONSOLE_GET_TERMIOS = 4,
	/* words[0..] = struct linux_termios; words[CONSOLE_TERMIOS_WORDS] = 0 TCSETS, 1 TCSETSW,
	 * 2 TCSETSF (also discards pending input). Reply: words[0] = 0. */
	CONSOLE_SET_TERMIOS = 5,
	/* Reply: words[0] = rows, words[1] = columns. */
	CONSOLE_GET_WINSIZE = 6,
	/* words[0] = rows, words[1] = columns. Reply: words[0] = 0. */
	CONSOLE_SET_WINSIZE = 7,
};

/* Good replies have label 0; a bad request (unknown label, length out of
 * range) is answered with this label and words[0] = -ENOSYS or -EINVAL. */
#define CONSOLE_REPLY_ERROR 0xffff

#define CONSOLE_DATA_MAX 960     /* bytes in one message (120 words) */
#define CONSOLE_EMPTY (~0ull)
#define CONSOLE_TERMIOS_WORDS 5  /* 36 bytes, rounded up to words */

/* The console server's capabilities, in these slots of its root CNode,
 * put there by whoever starts it (the personality's root task), which also
 * passes the TSC rate (bootinfo->tsc_hz) as its start argument and runs it
 * at a higher priority than itself. COM1 is only handed out when the
 * nucleus boots with console=user. */
enum console_slot {
	CONSOLE_SLOT_ENDPOINT = 8,      /* its endpoint (READ): requests arrive here */
	CONSOLE_SLOT_REPLY = 9,         /* a reply object */
	CONSOLE_SLOT_PORTS = 10,        /* I/O ports 0x3f8-0x3ff (COM1) */
	CONSOLE_SLOT_IRQ = 11,          /* IRQ handler for ISA IRQ 4 */
	CONSOLE_SLOT_IRQ_NOTIFICATION = 12, /* the IRQ handler signals this (READ|WRITE) */
	CONSOLE_SLOT_CLIENT = 13,       /* the client's notification (WRITE): signal on events */
};

/* Its IPC buffer is mapped here, and named in its thread's configuration. */
#define CONSOLE_IPC_BUFFER_ADDRESS 0x0000300000000000ull

#endif

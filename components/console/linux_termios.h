/*
 * Linux's terminal interface as the TCGETS/TCSETS ioctls see it: the
 * kernel's struct termios (36 bytes, 19 control characters; the C
 * library's larger struct termios starts with the same fields) and its
 * flag and index values (asm-generic/termbits.h), and struct winsize.
 * The console server and the personality's console device share these.
 */
#ifndef CONSOLE_LINUX_TERMIOS_H
#define CONSOLE_LINUX_TERMIOS_H

#include <stdint.h>

#define LINUX_NCCS 19

struct linux_termios {
	uint32_t c_iflag; /* input modes */
	uint32_t c_oflag; /* output modes */
	uint32_t c_cflag; /* control modes (speed, character size) */
	uint32_t c_lflag; /* local modes (canonical, echo, signals) */
	uint8_t c_line;   /* line discipline number (0: N_TTY) */
	uint8_t c_cc[LINUX_NCCS];
};
_Static_assert(sizeof(struct linux_termios) == 36, "the kernel's struct termios");

struct linux_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc indices. */
#define LINUX_VINTR 0
#define LINUX_VQUIT 1
#define LINUX_VERASE 2
#define LINUX_VKILL 3
#define LINUX_VEOF 4
#define LINUX_VTIME 5
#define LINUX_VMIN 6
#define LINUX_VSWTC 7
#define LINUX_VSTART 8
#define LINUX_VSTOP 9
#define LINUX_VSUSP 10
#define LINUX_VEOL 11
#define LINUX_VREPRINT 12
#define LINUX_VDISCARD 13
#define LINUX_VWERASE 14
#define LINUX_VLNEXT 15
#define LINUX_VEOL2 16
/* A control character set to this is disabled. */
#define LINUX_VDISABLE 0

/* c_iflag */
#define LINUX_IGNBRK 0000001
#define LINUX_BRKINT 0000002
#define LINUX_IGNPAR 0000004
#define LINUX_PARMRK 0000010
#define LINUX_INPCK 0000020
#define LINUX_ISTRIP 0000040
#define LINUX_INLCR 0000100
#define LINUX_IGNCR 0000200
#define LINUX_ICRNL 0000400
#define LINUX_IUCLC 0001000
#define LINUX_IXON 0002000
#define LINUX_IXANY 0004000
#define LINUX_IXOFF 0010000
#define LINUX_IMAXBEL 0020000
#define LINUX_IUTF8 0040000

/* c_oflag */
#define LINUX_OPOST 0000001
#define LINUX_OLCUC 0000002
#define LINUX_ONLCR 0000004
#define LINUX_OCRNL 0000010
#define LINUX_ONOCR 0000020
#define LINUX_ONLRET 0000040
#define LINUX_OFILL 0000100
#define LINUX_OFDEL 0000200
#define LINUX_TABDLY 0014000
#define LINUX_XTABS 0014000 /* TAB3: expand tabs to spaces */

/* c_cflag */
#define LINUX_CBAUD 0010017
#define LINUX_B38400 0000017
#define LINUX_CSIZE 0000060
#define LINUX_CS8 0000060
#define LINUX_CSTOPB 0000100
#define LINUX_CREAD 0000200
#define LINUX_PARENB 0000400
#define LINUX_PARODD 0001000
#define LINUX_HUPCL 0002000
#define LINUX_CLOCAL 0004000

/* c_lflag */
#define LINUX_ISIG 0000001
#define LINUX_ICANON 0000002
#define LINUX_XCASE 0000004
#define LINUX_ECHO 0000010
#define LINUX_ECHOE 0000020
#define LINUX_ECHOK 0000040
#define LINUX_ECHONL 0000100
#define LINUX_NOFLSH 0000200
#define LINUX_TOSTOP 0000400
#define LINUX_ECHOCTL 0001000
#define LINUX_ECHOPRT 0002000
#define LINUX_ECHOKE 0004000
#define LINUX_FLUSHO 0010000
#define LINUX_PENDIN 0040000
#define LINUX_IEXTEN 0100000
#define LINUX_EXTPROC 0200000

/* The signals a terminal raises (their Linux x86-64 numbers). */
#define LINUX_SIGINT 2
#define LINUX_SIGQUIT 3
#define LINUX_SIGTSTP 20
#define LINUX_SIGWINCH 28

#endif

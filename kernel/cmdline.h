/*
 * Kernel command-line options, all "name=value":
 *   test=NAME   run the in-guest test NAME, then leave QEMU with its result
 *   hz=N        timer interrupts per second, 1-1000 (default 100)
 *   console=user  COM1 may be given to a user console server (I/O port
 *               control); the nucleus still writes its messages there
 * Unknown options and bad values are reported and ignored.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>

#define KERNEL_TEST_NAME_MAX 48

struct kernel_options {
	char test[KERNEL_TEST_NAME_MAX]; /* "" unless a test was asked for */
	unsigned timer_hz;
	bool user_console;
};

extern struct kernel_options kernel_options;

void cmdline_parse(const char *cmdline, struct kernel_options *options);

#endif

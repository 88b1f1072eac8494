/*
 * Kernel command-line options, all "name=value":
 *   test=NAME   run the in-guest test NAME, then leave QEMU with its result
 *   hz=N        timer interrupts per second, 1-1000 (default 100)
 * Unknown options and bad values are reported and ignored.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#define KERNEL_TEST_NAME_MAX 48

struct kernel_options {
	char test[KERNEL_TEST_NAME_MAX]; /* "" unless a test was asked for */
	unsigned timer_hz;
};

extern struct kernel_options kernel_options;

void cmdline_parse(const char *cmdline, struct kernel_options *options);

#endif

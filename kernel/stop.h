/*
 * Stopping the machine. Under a test (test= on the command line) the nucleus
 * leaves QEMU through the isa-debug-exit device with a code that says why;
 * otherwise it halts with interrupts off and says so.
 */
#ifndef KERNEL_STOP_H
#define KERNEL_STOP_H

#include <stdbool.h>

/* Values written to isa-debug-exit; QEMU exits with (value << 1) | 1. */
enum stop_reason {
	STOP_TEST_PASS = 0x10,    /* QEMU exit status 33 */
	STOP_TEST_FAIL = 0x11,    /* 35 */
	STOP_PANIC = 0x12,        /* 37 */
	STOP_EXCEPTION = 0x13,    /* 39 */
};

/* Set once the command line asks for a test: stops then exit QEMU. */
extern bool stop_exits_emulator;

_Noreturn void system_stop(enum stop_reason reason);

#endif

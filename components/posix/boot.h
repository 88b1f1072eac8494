/*
 * Start-up of the personality as the root task (main.c): the console
 * server (console_start.c), the boot archive, the first process (init.c).
 */
#ifndef POSIX_BOOT_H
#define POSIX_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include "user/lib/strata.h"

/* Starts the console server from its image; *endpoint (a root slot) is
 * where to call it. */
long console_start(const void *image, size_t size, uint32_t client_notification, unsigned priority,
		   uint32_t *endpoint);

/* Starts the first process from the kernel command line's init=PATH
 * ARGS... (default /bin/sh). 0 or a negated Linux error. */
long init_start(const char *cmdline);

/* Says how init ended and stops the machine (QEMU's isa-debug-exit). */
_Noreturn void system_halt(int wait_status);

#endif

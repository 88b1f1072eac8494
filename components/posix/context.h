/*
 * A process's user registers, as the process side reads and changes them
 * (fork copies them, exec sets them, signal delivery and sigreturn
 * rewrite them, arch_prctl sets the FS base). In the micro placement they
 * are its thread's saved registers, reachable while the thread waits for
 * the server or is suspended; one place to change for a placement that
 * keeps them elsewhere (a library OS's saved context).
 */
#ifndef POSIX_CONTEXT_H
#define POSIX_CONTEXT_H

#include "user/lib/strata.h"

struct process;

/* ST_OK or the nucleus's error. */
long context_read(struct process *p, struct st_registers *registers);
long context_write(struct process *p, const struct st_registers *registers);

#endif

/*
 * Dispatching Linux system calls: one table of 512 entries, built from
 * the process side's list (process_syscalls) and the file side's
 * (fs_syscalls). A number nobody implements is -ENOSYS, and is reported
 * on the console the first time each number is seen.
 */
#ifndef POSIX_SYSCALL_H
#define POSIX_SYSCALL_H

#include <stdint.h>

struct process;

void syscall_init(void);
/* Runs p->call (number and arguments): the Linux result or POSIX_BLOCK. */
long syscall_dispatch(struct process *p);

/* Runs one call's implementation directly (no report if missing:
 * -ENOSYS), for the process side's own use of the file side. */
long syscall_invoke(struct process *p, unsigned number, const uint64_t args[6]);

#endif

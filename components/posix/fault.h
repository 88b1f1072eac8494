/*
 * A Linux process's CPU exceptions, which arrive as fault messages: page
 * faults are served from its regions (demand-zero, executable pages,
 * copy-on-write); what cannot be served, and every other exception,
 * becomes the signal Linux would send (SIGSEGV, SIGFPE, SIGILL, SIGTRAP,
 * SIGBUS) with the siginfo Linux gives.
 */
#ifndef POSIX_FAULT_H
#define POSIX_FAULT_H

#include <stdint.h>

struct process;

void fault_handle(struct process *p, uint64_t vector, uint64_t error, uint64_t address, uint64_t ip);

#endif

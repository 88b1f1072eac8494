/*
 * Faults as messages: a thread's CPU exception is sent, as if by a call,
 * through the endpoint its fault_handler names (in its own capability
 * space), so a user-level pager or debugger decides what happens next.
 */
#ifndef KERNEL_IPC_FAULT_H
#define KERNEL_IPC_FAULT_H

#include <stdbool.h>

#include "kernel/thread.h"

/* The current thread faulted (its fault_* fields are set): true if the
 * fault went to its handler, false if it has none it can reach. */
bool fault_deliver(struct thread *thread);

#endif

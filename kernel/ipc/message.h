/*
 * Moving a message from one thread to another: words 0-3 between saved
 * registers, the rest between IPC buffers, capabilities between capability
 * spaces (include/strata/syscalls.h has the convention).
 */
#ifndef KERNEL_IPC_MESSAGE_H
#define KERNEL_IPC_MESSAGE_H

#include <stdint.h>

#include "include/strata/syscalls.h"
#include "kernel/thread.h"

/* The thread's IPC buffer, through the nucleus's own mapping of its
 * frame, or NULL when it has none. */
struct st_ipc_buffer *thread_ipc_buffer(const struct thread *thread);

/* Checks the message the current thread is about to send (info in rsi):
 * word and capability counts, and the IPC buffer they need. */
int message_check(struct thread *sender, unsigned flags);

/* Delivers from's message (its registers, or its fault when flags has
 * IPC_FAULT) to to, which receives it through a capability with the given
 * badge; capabilities go only with IPC_GRANT. Sets to's rax to ST_OK. */
void message_transfer(struct thread *from, struct thread *to, uint64_t badge, unsigned flags);

#endif

/*
 * Synchronous IPC and notifications (docs/ipc.md). Endpoints are where a
 * sender and a receiver meet; the message goes straight from one thread's
 * registers (and IPC buffer) to the other's, never buffered in the nucleus.
 * A call leaves its caller waiting on a reply object that the receiver
 * named: replying through it, once, wakes the caller.
 */
#ifndef KERNEL_IPC_IPC_H
#define KERNEL_IPC_IPC_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/thread.h"
#include "kernel/wait_queue.h"

struct endpoint {
	struct wait_queue queue; /* senders, or receivers: never both */
	bool receivers;          /* which of the two the queue holds */
};

struct reply {
	struct thread *caller;   /* waiting for the reply through this object */
	struct thread *receiver; /* blocked receiving with this object */
};

struct notification {
	uint64_t word;                /* signalled bits not yet taken */
	struct wait_queue waiters;
	struct thread *bound;         /* receives the signals while it waits on an endpoint */
};

_Static_assert(sizeof(struct endpoint) <= 1u << ST_ENDPOINT_SIZE_BITS, "endpoint size");
_Static_assert(sizeof(struct reply) <= 1u << ST_REPLY_SIZE_BITS, "reply size");
_Static_assert(sizeof(struct notification) <= 1u << ST_NOTIFICATION_SIZE_BITS, "notification size");

/* The current thread sends (flags: IPC_CALL, IPC_GRANT, IPC_FAULT) with
 * the given badge; blocks for a receiver unless nonblocking. The result
 * lands in the thread's saved registers. */
void endpoint_send(struct endpoint *endpoint, uint64_t badge, unsigned flags, bool nonblocking);
/* The current thread receives, binding a call to reply (may be NULL);
 * timeout in timer ticks (0: none). */
void endpoint_receive(struct endpoint *endpoint, struct reply *reply, bool nonblocking, uint64_t timeout);
/* The current thread replies through reply: ST_OK, or
 * ST_ERROR_ILLEGAL_OPERATION when no caller waits on it. */
int reply_send(struct reply *reply);

void notification_signal(struct notification *notification, uint64_t badge);
void notification_wait(struct notification *notification, bool nonblocking, uint64_t timeout);
/* Whether the current thread's bound notification had signals (then they
 * are delivered to it instead of a message). */
bool notification_take_bound(struct thread *thread);

/* Their last capability went: every waiting thread is woken with
 * ST_ERROR_ABORTED (a faulted sender stays stopped). */
void endpoint_destroy(struct endpoint *endpoint);
void reply_destroy(struct reply *reply);
void notification_destroy(struct notification *notification);

/* Detaches a blocked thread from everything its IPC involves: its queue,
 * its reply object, its timeout. A system call it was blocked in returns
 * ST_ERROR_ABORTED unless the caller writes another result. */
void ipc_cancel(struct thread *thread);

/* Sets a thread's system-call result (rax) and, for message results, the
 * badge and info. */
static inline void ipc_set_result(struct thread *thread, int error)
{
	thread->frame.rax = (uint64_t)error;
}

/* Wakes a blocked thread: runnable again with what it was given. */
void ipc_wake(struct thread *thread);
/* Blocks the current thread in the given state. */
void ipc_block(struct thread *thread, unsigned state);

#endif

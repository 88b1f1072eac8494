/* Notifications: a word of bits that signals OR into and a wait takes. */
#include "kernel/ipc/ipc.h"

#include "include/strata/errors.h"
#include "include/strata/syscalls.h"
#include "kernel/arch/x86_64/irq.h"
#include "kernel/ipc/timeout.h"

/* A waiter gets the bits as its badge, with no message words. */
static void deliver(struct thread *thread, uint64_t bits, uint64_t info)
{
	struct trap_frame *frame = &thread->frame;
	frame->rax = ST_OK;
	frame->rdi = bits;
	frame->rsi = info;
	frame->r10 = frame->r8 = frame->r9 = frame->r12 = 0;
}

void notification_signal(struct notification *notification, uint64_t badge)
{
	struct thread *bound = notification->bound;
	if (!wait_queue_empty(&notification->waiters)) {
		struct thread *waiter = notification->waiters.head;
		ipc_cancel(waiter);
		deliver(waiter, notification->word | badge, 0);
		notification->word = 0;
		ipc_wake(waiter);
	} else if (bound && bound->state == ST_THREAD_BLOCKED_RECEIVE) {
		/* Bound: its receive on an endpoint ends with the signal. */
		ipc_cancel(bound);
		deliver(bound, notification->word | badge, ST_MSG_NOTIFICATION);
		notification->word = 0;
		ipc_wake(bound);
	} else {
		notification->word |= badge;
	}
}

void notification_wait(struct notification *notification, bool nonblocking, uint64_t timeout)
{
	struct thread *thread = current_thread;
	if (notification->word) {
		deliver(thread, notification->word, 0);
		notification->word = 0;
	} else if (nonblocking) {
		ipc_set_result(thread, ST_ERROR_WOULD_BLOCK);
	} else {
		wait_queue_add(&notification->waiters, thread);
		ipc_block(thread, ST_THREAD_BLOCKED_NOTIFICATION);
		if (timeout)
			timeout_add(thread, timeout);
	}
}

bool notification_take_bound(struct thread *thread)
{
	struct notification *notification = thread->bound_notification;
	if (!notification || !notification->word)
		return false;
	deliver(thread, notification->word, ST_MSG_NOTIFICATION);
	notification->word = 0;
	return true;
}

void notification_destroy(struct notification *notification)
{
	while (notification->waiters.head) {
		struct thread *waiter = notification->waiters.head;
		ipc_cancel(waiter);
		ipc_wake(waiter);
	}
	if (notification->bound)
		notification->bound->bound_notification = NULL;
	irq_forget_notification(notification);
}

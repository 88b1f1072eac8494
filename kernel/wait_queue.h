/*
 * Threads waiting on an endpoint or a notification: highest priority
 * first, first come first served within a priority, so a high-priority
 * client is never stuck behind a queue of low-priority ones.
 */
#ifndef KERNEL_WAIT_QUEUE_H
#define KERNEL_WAIT_QUEUE_H

#include "kernel/thread.h"

struct wait_queue {
	struct thread *head, *tail;
};

static inline int wait_queue_empty(const struct wait_queue *queue)
{
	return queue->head == NULL;
}

/* Queues the thread (which must be in no queue) and records where. */
void wait_queue_add(struct wait_queue *queue, struct thread *thread);
/* Takes it out of the queue it is in, if any. */
void wait_queue_remove(struct thread *thread);

#endif

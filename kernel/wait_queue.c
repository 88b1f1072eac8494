#include "kernel/wait_queue.h"

void wait_queue_add(struct wait_queue *queue, struct thread *thread)
{
	/* Behind every thread of at least its priority: walk from the tail,
	 * which is where an equal-priority thread stops the walk at once. */
	struct thread *before = queue->tail;
	while (before && before->priority < thread->priority)
		before = before->wait_prev;
	thread->wait_prev = before;
	thread->wait_next = before ? before->wait_next : queue->head;
	if (thread->wait_next)
		thread->wait_next->wait_prev = thread;
	else
		queue->tail = thread;
	if (before)
		before->wait_next = thread;
	else
		queue->head = thread;
	thread->waiting_in = queue;
}

void wait_queue_remove(struct thread *thread)
{
	struct wait_queue *queue = thread->waiting_in;
	if (!queue)
		return;
	if (thread->wait_prev)
		thread->wait_prev->wait_next = thread->wait_next;
	else
		queue->head = thread->wait_next;
	if (thread->wait_next)
		thread->wait_next->wait_prev = thread->wait_prev;
	else
		queue->tail = thread->wait_prev;
	thread->wait_next = thread->wait_prev = NULL;
	thread->waiting_in = NULL;
}

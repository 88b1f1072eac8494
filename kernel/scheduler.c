#include "kernel/scheduler.h"

#include <stdbool.h>

#include "include/strata/objects.h"

/* Circular lists, one per priority; a bit per non-empty level. */
static struct thread *queues[ST_PRIORITY_MAX + 1];
static uint64_t nonempty[(ST_PRIORITY_MAX + 1) / 64];
bool scheduler_changed;

void scheduler_add(struct thread *thread)
{
	unsigned level = thread->priority;
	scheduler_changed = true;
	struct thread *head = queues[level];
	if (!head) {
		thread->queue_next = thread->queue_prev = thread;
		queues[level] = thread;
		nonempty[level / 64] |= 1ull << (level % 64);
		return;
	}
	thread->queue_next = head;
	thread->queue_prev = head->queue_prev;
	head->queue_prev->queue_next = thread;
	head->queue_prev = thread;
}

void scheduler_remove(struct thread *thread)
{
	if (!thread->queue_next)
		return; /* not queued */
	unsigned level = thread->priority;
	scheduler_changed = true;
	if (thread->queue_next == thread) {
		queues[level] = NULL;
		nonempty[level / 64] &= ~(1ull << (level % 64));
	} else {
		thread->queue_prev->queue_next = thread->queue_next;
		thread->queue_next->queue_prev = thread->queue_prev;
		if (queues[level] == thread)
			queues[level] = thread->queue_next;
	}
	thread->queue_next = thread->queue_prev = NULL;
}

struct thread *scheduler_pick(void)
{
	for (int word = (int)(sizeof nonempty / sizeof nonempty[0]) - 1; word >= 0; word--) {
		if (nonempty[word])
			return queues[word * 64 + 63 - __builtin_clzll(nonempty[word])];
	}
	return NULL;
}

bool scheduler_switch_directly(struct thread *from, struct thread *to)
{
	/* from is running, so nothing runnable is above its priority; to must
	 * then be first in line once from leaves: above from, or alone at its
	 * level after from leaves it. */
	unsigned level = to->priority;
	if (level == from->priority) {
		/* The usual case: to takes from's place as the level's only thread. */
		if (from->queue_next != from)
			return false;
		queues[level] = to;
		to->queue_next = to->queue_prev = to;
		from->queue_next = from->queue_prev = NULL;
		return true;
	}
	if (level < from->priority || queues[level])
		return false;
	scheduler_remove(from);
	scheduler_add(to);
	return true;
}

void scheduler_rotate(struct thread *thread)
{
	thread->ticks_left = thread->time_slice;
	if (thread->queue_next) {
		scheduler_remove(thread);
		scheduler_add(thread);
	}
}

void scheduler_set_priority(struct thread *thread, unsigned priority)
{
	bool queued = thread->queue_next != NULL;
	if (queued)
		scheduler_remove(thread);
	thread->priority = (uint8_t)priority;
	if (queued)
		scheduler_add(thread);
}

void scheduler_tick(void)
{
	struct thread *thread = current_thread;
	if (!thread || !thread->queue_next)
		return;
	if (thread->ticks_left > 1)
		thread->ticks_left--;
	else
		scheduler_rotate(thread);
}

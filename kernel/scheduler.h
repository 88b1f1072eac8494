/*
 * Fixed-priority preemptive round robin: 256 levels, a run queue each, the
 * highest non-empty level runs; within a level threads take turns of their
 * own time slice. Policy stays small: priorities and slices are set by
 * whoever holds the thread's capability, bounded by an MCP.
 */
#ifndef KERNEL_SCHEDULER_H
#define KERNEL_SCHEDULER_H

#include <stdbool.h>

#include "kernel/thread.h"

/* Set by every change to the run queues; cleared when a thread is entered.
 * While clear, scheduler_pick() would choose the running thread again. */
extern bool scheduler_changed;

void scheduler_add(struct thread *thread);    /* at the tail of its level */
void scheduler_remove(struct thread *thread);
/* The thread to run: the head of the highest non-empty level, or NULL. */
struct thread *scheduler_pick(void);
/* The IPC fastpath's direct switch: the running thread `from` blocks and
 * `to` becomes runnable. If `to` is then the thread scheduler_pick() would
 * choose, makes both changes and returns true; else changes nothing. */
bool scheduler_switch_directly(struct thread *from, struct thread *to);
/* To the back of its level with a fresh slice (yield, slice used up). */
void scheduler_rotate(struct thread *thread);
/* A new priority; a queued thread goes to the back of its new level. */
void scheduler_set_priority(struct thread *thread, unsigned priority);
/* A timer tick charged to the running thread. */
void scheduler_tick(void);

#endif

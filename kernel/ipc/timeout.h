/*
 * Timed waits: sleeping threads and receives with a timeout, ordered by the
 * timer tick they end at. Resolution is the scheduling tick (timer_hz).
 */
#ifndef KERNEL_IPC_TIMEOUT_H
#define KERNEL_IPC_TIMEOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/thread.h"

/* Nanoseconds as whole timer ticks, rounded up (at least 1). */
uint64_t timeout_ticks(uint64_t nanoseconds);
/* The blocked thread's wait ends after this many ticks. */
void timeout_add(struct thread *thread, uint64_t ticks);
void timeout_cancel(struct thread *thread);
/* Whether any thread waits with a timeout. */
bool timeout_pending(void);
/* From the timer interrupt: ends the waits that are due. */
void timeout_tick(uint64_t now);

#endif

#include "kernel/ipc/timeout.h"

#include "include/strata/errors.h"
#include "kernel/arch/x86_64/apic_timer.h"
#include "kernel/ipc/ipc.h"

static struct thread *timeouts; /* soonest first */

uint64_t timeout_ticks(uint64_t nanoseconds)
{
	/* Split so nanoseconds * timer_hz cannot overflow. */
	uint64_t seconds = nanoseconds / 1000000000, rest = nanoseconds % 1000000000;
	uint64_t ticks = seconds * timer_hz + (rest * timer_hz + 999999999) / 1000000000;
	return ticks ? ticks : 1;
}

void timeout_add(struct thread *thread, uint64_t ticks)
{
	uint64_t now = timer_ticks;
	thread->wake_tick = ticks > UINT64_MAX - now ? UINT64_MAX : now + ticks;
	struct thread *before = NULL, *after = timeouts;
	while (after && after->wake_tick <= thread->wake_tick) {
		before = after;
		after = after->timeout_next;
	}
	thread->timeout_prev = before;
	thread->timeout_next = after;
	if (after)
		after->timeout_prev = thread;
	if (before)
		before->timeout_next = thread;
	else
		timeouts = thread;
}

void timeout_cancel(struct thread *thread)
{
	if (!thread->wake_tick)
		return;
	if (thread->timeout_prev)
		thread->timeout_prev->timeout_next = thread->timeout_next;
	else
		timeouts = thread->timeout_next;
	if (thread->timeout_next)
		thread->timeout_next->timeout_prev = thread->timeout_prev;
	thread->timeout_next = thread->timeout_prev = NULL;
	thread->wake_tick = 0;
}

bool timeout_pending(void)
{
	return timeouts != NULL;
}

void timeout_tick(uint64_t now)
{
	while (timeouts && timeouts->wake_tick <= now) {
		struct thread *thread = timeouts;
		bool sleeping = thread->state == ST_THREAD_SLEEPING;
		ipc_cancel(thread);
		ipc_set_result(thread, sleeping ? ST_OK : ST_ERROR_TIMED_OUT);
		ipc_wake(thread);
	}
}

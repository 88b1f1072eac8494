#include "components/posix/timer.h"

#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"

#define NS_PER_SECOND 1000000000ull
#define NS_PER_MICROSECOND 1000ull
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

struct linux_itimerval {
	int64_t interval_seconds, interval_microseconds;
	int64_t value_seconds, value_microseconds;
};

void timer_expire(void)
{
	uint64_t now = posix_now_ns();
	for (struct process *p = process_first(); p; p = process_next(p)) {
		if (p->state != PROCESS_ALIVE || !p->alarm_deadline || p->alarm_deadline > now)
			continue;
		p->alarm_deadline = p->alarm_interval ? now + p->alarm_interval : 0;
		struct signal_info info = { .code = LINUX_SI_KERNEL };
		signal_post(p, LINUX_SIGALRM, &info);
	}
}

uint64_t timer_next_deadline(void)
{
	uint64_t earliest = 0;
	for (struct process *p = process_first(); p; p = process_next(p)) {
		if (p->state == PROCESS_ALIVE && p->alarm_deadline && (!earliest || p->alarm_deadline < earliest))
			earliest = p->alarm_deadline;
	}
	return earliest;
}

static uint64_t remaining(const struct process *p)
{
	uint64_t now = posix_now_ns();
	return p->alarm_deadline > now ? p->alarm_deadline - now : p->alarm_deadline ? 1 : 0;
}

long linux_alarm(struct process *p, const uint64_t a[6])
{
	uint64_t left = remaining(p);
	/* Linux rounds the old alarm's rest to the nearest second, and never
	 * to 0 while one is set. */
	long old = (long)((left + NS_PER_SECOND / 2) / NS_PER_SECOND);
	if (left && !old)
		old = 1;
	uint64_t seconds = (uint32_t)a[0];
	p->alarm_deadline = seconds ? posix_now_ns() + seconds * NS_PER_SECOND : 0;
	p->alarm_interval = 0;
	return old;
}

static void to_itimerval(const struct process *p, struct linux_itimerval *out)
{
	uint64_t left = remaining(p);
	out->value_seconds = (int64_t)(left / NS_PER_SECOND);
	out->value_microseconds = (int64_t)((left % NS_PER_SECOND + NS_PER_MICROSECOND - 1) / NS_PER_MICROSECOND);
	if (out->value_microseconds == 1000000) {
		out->value_seconds++;
		out->value_microseconds = 0;
	}
	out->interval_seconds = (int64_t)(p->alarm_interval / NS_PER_SECOND);
	out->interval_microseconds = (int64_t)(p->alarm_interval % NS_PER_SECOND / NS_PER_MICROSECOND);
}

long linux_getitimer(struct process *p, const uint64_t a[6])
{
	struct linux_itimerval value = { 0 };
	if (a[0] == ITIMER_REAL)
		to_itimerval(p, &value);
	else if (a[0] != ITIMER_VIRTUAL && a[0] != ITIMER_PROF)
		return -LINUX_EINVAL;
	return user_write(p, a[1], &value, sizeof value) ? -LINUX_EFAULT : 0;
}

long linux_setitimer(struct process *p, const uint64_t a[6])
{
	if (a[0] > ITIMER_PROF)
		return -LINUX_EINVAL;
	struct linux_itimerval value = { 0 }, old = { 0 };
	if (a[1] && user_read(p, a[1], &value, sizeof value))
		return -LINUX_EFAULT;
	if (value.value_microseconds < 0 || value.value_microseconds >= 1000000 || value.interval_microseconds < 0 ||
	    value.interval_microseconds >= 1000000 || value.value_seconds < 0 || value.interval_seconds < 0)
		return -LINUX_EINVAL;
	if (a[0] != ITIMER_REAL) /* CPU-time timers: accepted, never fire (no CPU accounting) */
		return a[2] && user_write(p, a[2], &old, sizeof old) ? -LINUX_EFAULT : 0;
	to_itimerval(p, &old);
	if (a[2] && user_write(p, a[2], &old, sizeof old))
		return -LINUX_EFAULT;
	if (!a[1])
		return 0;
	uint64_t value_ns = (uint64_t)value.value_seconds * NS_PER_SECOND +
			    (uint64_t)value.value_microseconds * NS_PER_MICROSECOND;
	p->alarm_interval = (uint64_t)value.interval_seconds * NS_PER_SECOND +
			    (uint64_t)value.interval_microseconds * NS_PER_MICROSECOND;
	p->alarm_deadline = value_ns ? posix_now_ns() + value_ns : 0;
	if (!value_ns)
		p->alarm_interval = 0;
	return 0;
}

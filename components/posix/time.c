/*
 * Time: the monotonic clock is the time-stamp counter at the rate the
 * nucleus measured (bootinfo->tsc_hz); the wall clock adds the date and
 * time the CMOS real-time clock showed at boot. Sleeping is a parked call
 * with a deadline.
 */
#include "components/posix/time.h"

#include "components/posix/libos/libos.h"
#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"
#include "user/lib/alloc.h"

#define NS_PER_SECOND 1000000000ull
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1
#define CMOS_PORT 0x70
#define USER_HZ 100

struct linux_timespec64 {
	int64_t seconds, nanoseconds;
};

static uint64_t tsc_hz = 1000000000ull;
static uint64_t boot_tsc;
static uint64_t ns_per_tsc_q32;
static uint64_t boot_realtime_ns;

static uint64_t read_tsc(void)
{
	uint32_t low, high;
	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return (uint64_t)high << 32 | low;
}

/* As the library OS counts (libos_tsc_to_ns): both must agree. */
uint64_t posix_now_ns(void)
{
	return libos_tsc_to_ns(read_tsc() - boot_tsc, ns_per_tsc_q32);
}

uint64_t time_ns_per_tsc_q32(void)
{
	return ns_per_tsc_q32;
}

uint64_t time_boot_tsc(void)
{
	return boot_tsc;
}

uint64_t posix_realtime_ns(void)
{
	return boot_realtime_ns + posix_now_ns();
}

/* ---- The CMOS clock, read once ---- */

static unsigned cmos_read(uint64_t ports, unsigned reg)
{
	uint64_t value = 0;
	st_io_port_out(ports, CMOS_PORT, 1, reg);
	st_io_port_in(ports, CMOS_PORT + 1, 1, &value);
	return (unsigned)value;
}

static uint64_t days_from_civil(int64_t year, unsigned month, unsigned day)
{
	/* Days since 1970-01-01 of a Gregorian date (month 1-12). */
	year -= month <= 2;
	int64_t era = (year >= 0 ? year : year - 399) / 400;
	uint64_t year_of_era = (uint64_t)(year - era * 400);
	uint64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	uint64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return (uint64_t)(era * 146097 + (int64_t)day_of_era - 719468);
}

static uint64_t rtc_seconds(void)
{
	uint32_t slot = st_alloc_slot();
	if (!slot || st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, CMOS_PORT, CMOS_PORT + 1, slot) != ST_OK)
		return 0;
	/* Wait out an update in progress, then read. */
	for (int i = 0; i < 100000 && (cmos_read(slot, 0x0a) & 0x80); i++)
		;
	unsigned second = cmos_read(slot, 0x00), minute = cmos_read(slot, 0x02), hour = cmos_read(slot, 0x04);
	unsigned day = cmos_read(slot, 0x07), month = cmos_read(slot, 0x08), year = cmos_read(slot, 0x09);
	unsigned status_b = cmos_read(slot, 0x0b);
	st_cap_delete(slot);
	if (!(status_b & 0x04)) { /* BCD */
#define BCD(v) (((v) & 0x0f) + ((v) >> 4) * 10)
		second = BCD(second), minute = BCD(minute), day = BCD(day), month = BCD(month), year = BCD(year);
		hour = BCD(hour & 0x7f) | (hour & 0x80);
#undef BCD
	}
	if (!(status_b & 0x02) && (hour & 0x80)) /* 12-hour clock, PM */
		hour = ((hour & 0x7f) + 12) % 24;
	if (month < 1 || month > 12 || day < 1 || day > 31)
		return 0;
	return days_from_civil(2000 + year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

void time_init(const struct st_bootinfo *bootinfo)
{
	if (bootinfo->tsc_hz)
		tsc_hz = bootinfo->tsc_hz;
	ns_per_tsc_q32 = (NS_PER_SECOND << 32) / tsc_hz;
	boot_tsc = read_tsc();
	boot_realtime_ns = rtc_seconds() * NS_PER_SECOND;
}

/* ---- System calls ---- */

static long clock_now(struct process *p, uint64_t clock, uint64_t *ns)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = posix_realtime_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = posix_now_ns();
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		/* CPU time is not accounted: the time since it started
		 * bounds it. */
		*ns = posix_now_ns() - p->start_ns;
		return 0;
	default:
		return -LINUX_EINVAL;
	}
}

static long write_timespec(struct process *p, uint64_t address, uint64_t ns)
{
	struct linux_timespec64 ts = { (int64_t)(ns / NS_PER_SECOND), (int64_t)(ns % NS_PER_SECOND) };
	return user_write(p, address, &ts, sizeof ts) ? -LINUX_EFAULT : 0;
}

/* A timespec from user memory, checked, in nanoseconds. */
static long read_timespec(struct process *p, uint64_t address, uint64_t *ns)
{
	struct linux_timespec64 ts;
	if (user_read(p, address, &ts, sizeof ts))
		return -LINUX_EFAULT;
	if (ts.seconds < 0 || ts.nanoseconds < 0 || (uint64_t)ts.nanoseconds >= NS_PER_SECOND)
		return -LINUX_EINVAL;
	/* Far future: as good as forever (and no overflow). */
	if ((uint64_t)ts.seconds > (1ull << 32))
		ts.seconds = 1ll << 32;
	*ns = (uint64_t)ts.seconds * NS_PER_SECOND + (uint64_t)ts.nanoseconds;
	return 0;
}

long linux_clock_gettime(struct process *p, const uint64_t a[6])
{
	uint64_t ns;
	long error = clock_now(p, a[0], &ns);
	return error ? error : write_timespec(p, a[1], ns);
}

long linux_clock_getres(struct process *p, const uint64_t a[6])
{
	uint64_t ns;
	long error = clock_now(p, a[0], &ns);
	if (error || !a[1])
		return error;
	return write_timespec(p, a[1], 1);
}

long linux_gettimeofday(struct process *p, const uint64_t a[6])
{
	if (a[0]) {
		uint64_t ns = posix_realtime_ns();
		struct { int64_t seconds, microseconds; } tv = { (int64_t)(ns / NS_PER_SECOND),
								  (int64_t)(ns % NS_PER_SECOND / 1000) };
		if (user_write(p, a[0], &tv, sizeof tv))
			return -LINUX_EFAULT;
	}
	if (a[1]) {
		int32_t zone[2] = { 0, 0 }; /* UTC */
		if (user_write(p, a[1], zone, sizeof zone))
			return -LINUX_EFAULT;
	}
	return 0;
}

long linux_time(struct process *p, const uint64_t a[6])
{
	int64_t seconds = (int64_t)(posix_realtime_ns() / NS_PER_SECOND);
	if (a[0] && user_write(p, a[0], &seconds, sizeof seconds))
		return -LINUX_EFAULT;
	return seconds;
}

/* The common part of the sleeps: the deadline is set on the first run. */
static long sleep_until(struct process *p, uint64_t deadline)
{
	if (posix_now_ns() >= deadline)
		return 0;
	p->common.block_deadline = deadline;
	return POSIX_BLOCK;
}

long linux_nanosleep(struct process *p, const uint64_t a[6])
{
	if (p->common.retrying)
		return sleep_until(p, p->common.block_deadline);
	uint64_t ns;
	long error = read_timespec(p, a[0], &ns);
	return error ? error : sleep_until(p, posix_now_ns() + ns);
}

long linux_clock_nanosleep(struct process *p, const uint64_t a[6])
{
	if (p->common.retrying)
		return sleep_until(p, p->common.block_deadline);
	uint64_t clock = a[0], flags = a[1], now, ns;
	if (clock == CLOCK_THREAD_CPUTIME_ID)
		return -LINUX_EOPNOTSUPP; /* as Linux: no sleeping on one's own CPU time */
	long error = clock_now(p, clock, &now);
	if (!error)
		error = read_timespec(p, a[2], &ns);
	if (error)
		return error;
	if (flags & TIMER_ABSTIME)
		return sleep_until(p, ns > now ? posix_now_ns() + (ns - now) : 0);
	return sleep_until(p, posix_now_ns() + ns);
}

/* Setting the wall clock moves it for everyone (root may). */
static long set_realtime(uint64_t ns)
{
	boot_realtime_ns = ns - posix_now_ns();
	return 0;
}

long linux_clock_settime(struct process *p, const uint64_t a[6])
{
	uint64_t ns;
	if (a[0] != CLOCK_REALTIME)
		return -LINUX_EINVAL;
	long error = read_timespec(p, a[1], &ns);
	return error ? error : set_realtime(ns);
}

long linux_settimeofday(struct process *p, const uint64_t a[6])
{
	if (!a[0])
		return 0; /* only a time zone: nothing kept */
	struct { int64_t seconds, microseconds; } tv;
	if (user_read(p, a[0], &tv, sizeof tv))
		return -LINUX_EFAULT;
	if (tv.seconds < 0 || tv.microseconds < 0 || tv.microseconds >= 1000000)
		return -LINUX_EINVAL;
	return set_realtime((uint64_t)tv.seconds * NS_PER_SECOND + (uint64_t)tv.microseconds * 1000);
}

/* A sleep interrupted by a signal: nanosleep and relative clock_nanosleep
 * tell how much was left. */
void time_sleep_interrupted(struct process *p)
{
	uint64_t rest_address = 0;
	if (p->call.number == LINUX_SYS_nanosleep)
		rest_address = p->call.args[1];
	else if (p->call.number == LINUX_SYS_clock_nanosleep && !(p->call.args[1] & TIMER_ABSTIME))
		rest_address = p->call.args[3];
	if (!rest_address || !p->common.block_deadline)
		return;
	uint64_t now = posix_now_ns();
	write_timespec(p, rest_address, p->common.block_deadline > now ? p->common.block_deadline - now : 0);
}

long linux_times(struct process *p, const uint64_t a[6])
{
	if (a[0]) {
		int64_t tms[4] = { 0, 0, 0, 0 }; /* CPU time is not accounted */
		if (user_write(p, a[0], tms, sizeof tms))
			return -LINUX_EFAULT;
	}
	return (long)(posix_now_ns() / (NS_PER_SECOND / USER_HZ));
}

long linux_getrusage(struct process *p, const uint64_t a[6])
{
	int who = (int)a[0];
	if (who != 0 && who != -1 && who != 1) /* self, children, thread */
		return -LINUX_EINVAL;
	static const uint8_t zero[144];
	return user_write(p, a[1], zero, sizeof zero) ? -LINUX_EFAULT : 0;
}

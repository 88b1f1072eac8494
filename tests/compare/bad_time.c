/* Bad input to the time calls: clock_gettime, clock_getres,
 * clock_nanosleep, nanosleep, gettimeofday, time, getitimer, setitimer,
 * alarm: bad clock ids, pointers, and out-of-range times. */
#include "common.h"

#include <sys/time.h>
#include <time.h>

int main(void)
{
	struct timespec ts;
	void *gone = unmapped_address();
	void *bad[] = { BAD_NULL, BAD_ONE, BAD_KERNEL, BAD_NONCANONICAL, gone };
	const char *bad_names[] = { "NULL", "1", "kernel", "noncanonical", "unmapped" };
	printf("-- clock ids\n");
	long clocks[] = { 99, -1, 12, 1000, CLOCK_REALTIME, CLOCK_MONOTONIC };
	for (unsigned i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
		printf("clock %ld: ", clocks[i]);
		SHOW(syscall(SYS_clock_gettime, clocks[i], &ts));
		printf("clock %ld: ", clocks[i]);
		SHOW(syscall(SYS_clock_getres, clocks[i], &ts));
	}
	SHOW(syscall(SYS_clock_getres, (long)CLOCK_MONOTONIC, 0));
	printf("-- pointers\n");
	for (int i = 0; i < 5; i++) {
		void *p = bad[i];
		printf("pointer %s\n", bad_names[i]);
		SHOW(syscall(SYS_clock_gettime, (long)CLOCK_MONOTONIC, p));
		SHOW(syscall(SYS_clock_gettime, (long)CLOCK_REALTIME, p));
		SHOW(syscall(SYS_nanosleep, p, 0));
		SHOW(syscall(SYS_clock_nanosleep, (long)CLOCK_MONOTONIC, 0L, p, 0));
		SHOW(syscall(SYS_gettimeofday, p, 0));
		SHOW(syscall(SYS_time, p) == -1);
		SHOW(syscall(SYS_getitimer, (long)ITIMER_REAL, p));
		SHOW(syscall(SYS_setitimer, (long)ITIMER_REAL, p, 0));
	}
	struct timeval tv;
	SHOW(syscall(SYS_gettimeofday, 0, 0));
	SHOW(syscall(SYS_gettimeofday, &tv, BAD_ONE));
	SHOW(syscall(SYS_time, 0) > 1577836800);
	printf("-- out-of-range times\n");
	struct timespec bad_times[] = { { 0, 1000000000 }, { 0, -1 }, { -1, 0 }, { -1, -1 }, { 0, 999999999 + 2 } };
	for (unsigned i = 0; i < sizeof bad_times / sizeof bad_times[0]; i++) {
		printf("{%ld, %ld}: ", (long)bad_times[i].tv_sec, bad_times[i].tv_nsec);
		SHOW(syscall(SYS_nanosleep, &bad_times[i], 0));
		printf("{%ld, %ld}: ", (long)bad_times[i].tv_sec, bad_times[i].tv_nsec);
		SHOW(syscall(SYS_clock_nanosleep, (long)CLOCK_MONOTONIC, 0L, &bad_times[i], 0));
	}
	struct timespec short_sleep = { 0, 1000 };
	SHOW(syscall(SYS_nanosleep, &short_sleep, BAD_ONE));
	SHOW(syscall(SYS_clock_nanosleep, 99L, 0L, &short_sleep, 0));
	SHOW(syscall(SYS_clock_nanosleep, (long)CLOCK_THREAD_CPUTIME_ID, 0L, &short_sleep, 0));
	SHOW(syscall(SYS_clock_nanosleep, (long)CLOCK_MONOTONIC, 0x10L, &short_sleep, 0));
	SHOW(syscall(SYS_clock_settime, (long)CLOCK_MONOTONIC, &short_sleep));
	SHOW(syscall(SYS_clock_settime, 99L, &short_sleep));
	printf("-- itimers and alarm\n");
	struct itimerval timer = { { 0, 0 }, { 0, 0 } };
	SHOW(syscall(SYS_getitimer, 99L, &timer));
	SHOW(syscall(SYS_setitimer, 99L, &timer, 0));
	SHOW(syscall(SYS_setitimer, -1L, &timer, 0));
	timer.it_value.tv_usec = 1000000;
	SHOW(syscall(SYS_setitimer, (long)ITIMER_REAL, &timer, 0));
	timer.it_value.tv_usec = -1;
	SHOW(syscall(SYS_setitimer, (long)ITIMER_REAL, &timer, 0));
	timer.it_value.tv_usec = 0;
	timer.it_value.tv_sec = -1;
	SHOW(syscall(SYS_setitimer, (long)ITIMER_REAL, &timer, 0));
	timer.it_value.tv_sec = 0;
	SHOW(syscall(SYS_setitimer, (long)ITIMER_REAL, &timer, BAD_ONE));
	SHOW(syscall(SYS_alarm, 0L));
	SHOW(syscall(SYS_alarm, 1000L));
	SHOW(syscall(SYS_alarm, 0L) > 990);
	SHOW(syscall(SYS_clock_gettime, (long)CLOCK_MONOTONIC, &ts));
	still_fine();
	return 0;
}

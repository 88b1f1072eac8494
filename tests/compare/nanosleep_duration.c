/* Sleeping: nanosleep, usleep, sleep and clock_nanosleep sleep at least as
 * long as asked (and not absurdly longer); a zero sleep returns at once. */
#include "common.h"

#include <time.h>

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ll + t.tv_nsec;
}

static void judge(const char *what, long long asked, long long took)
{
	printf("%s: %s\n", what, took >= asked && took < asked + 5000000000ll ? "ok" :
	       took < asked ? "TOO SHORT" : "TOO LONG");
}

int main(void)
{
	long long start = now_ns();
	struct timespec request = { 0, 100000000 }, remaining = { 9, 9 };
	SHOW(nanosleep(&request, &remaining));
	judge("nanosleep 100 ms", 100000000, now_ns() - start);
	start = now_ns();
	usleep(50000);
	judge("usleep 50 ms", 50000000, now_ns() - start);
	start = now_ns();
	SHOW(sleep(1));
	judge("sleep 1 s", 1000000000, now_ns() - start);
	start = now_ns();
	request.tv_sec = 0;
	request.tv_nsec = 0;
	SHOW(nanosleep(&request, NULL));
	judge("nanosleep 0", 0, now_ns() - start);
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	start = now_ns();
	deadline.tv_nsec += 200000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	printf("clock_nanosleep absolute = %d\n", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL));
	judge("absolute sleep 200 ms", 200000000 - 1000000, now_ns() - start);
	start = now_ns();
	request.tv_nsec = 30000000;
	printf("clock_nanosleep relative = %d\n", clock_nanosleep(CLOCK_REALTIME, 0, &request, NULL));
	judge("relative realtime sleep 30 ms", 30000000, now_ns() - start);
	/* A deadline in the past (the one just slept to) returns at once. */
	start = now_ns();
	printf("past deadline = %d\n", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL));
	judge("past deadline", 0, now_ns() - start);
	return 0;
}

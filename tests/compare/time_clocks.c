/* Clocks: monotonic time never goes back and advances, the wall clock is
 * after 2020, gettimeofday and time agree with clock_gettime, resolutions. */
#include "common.h"

#include <sys/time.h>
#include <time.h>

static long long ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000ll + t->tv_nsec;
}

int main(void)
{
	struct timespec a, b;
	int backwards = 0, advanced = 0;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < 10000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (ns(&b) < ns(&a))
			backwards++;
		if (ns(&b) > ns(&a))
			advanced++;
		a = b;
	}
	printf("monotonic over 10000 reads: went back %d times, advanced: %s\n", backwards, advanced > 0 ? "yes" : "no");
	printf("nanoseconds in range: %s\n", b.tv_nsec >= 0 && b.tv_nsec < 1000000000 ? "yes" : "no");
	struct timespec real;
	clock_gettime(CLOCK_REALTIME, &real);
	printf("realtime after 2020: %s\n", real.tv_sec > 1577836800 ? "yes" : "no");
	struct timeval tv;
	gettimeofday(&tv, NULL);
	time_t now = time(NULL);
	printf("gettimeofday, time and clock_gettime within 2 s: %s\n",
	       tv.tv_sec - real.tv_sec <= 2 && now - real.tv_sec <= 2 && now >= real.tv_sec ? "yes" : "no");
	printf("microseconds in range: %s\n", tv.tv_usec >= 0 && tv.tv_usec < 1000000 ? "yes" : "no");
	struct timespec resolution;
	SHOW(clock_getres(CLOCK_MONOTONIC, &resolution));
	printf("monotonic resolution at most 1 ms: %s\n", resolution.tv_sec == 0 && resolution.tv_nsec <= 1000000 ? "yes" : "no");
	SHOW(clock_gettime(CLOCK_BOOTTIME, &a));
	SHOW(clock_gettime(CLOCK_MONOTONIC_COARSE, &a));
	SHOW(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a));
	/* Time spent computing moves the monotonic clock. */
	clock_gettime(CLOCK_MONOTONIC, &a);
	volatile unsigned long spin = 0;
	for (unsigned long i = 0; i < 20000000; i++)
		spin += i;
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("20 million iterations took more than 0: %s\n", ns(&b) > ns(&a) ? "yes" : "no");
	struct tm tm;
	time_t fixed = 1000000000;
	gmtime_r(&fixed, &tm);
	char text[64];
	strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
	printf("gmtime(1000000000) = %s\n", text);
	return 0;
}

/* alarm: SIGALRM after the time asked, pause returns EINTR, alarm(0)
 * cancels and returns the seconds left; a sleep interrupted by a signal
 * reports the time remaining. */
#include "common.h"

#include <signal.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int signal)
{
	(void)signal;
	alarms++;
}

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ll + t.tv_nsec;
}

int main(void)
{
	signal(SIGALRM, on_alarm);
	long long start = now_ns();
	SHOW(alarm(1));
	errno = 0;
	int result = pause();
	long long took = now_ns() - start;
	printf("pause returned %d %s after the alarm: alarms %d, waited about 1 s: %s\n", result, errno_name(errno), alarms,
	       took >= 900000000 && took < 6000000000ll ? "ok" : "no");
	SHOW(alarm(10));
	SHOW(alarm(0) > 8);
	SHOW(alarm(0));
	/* A sleep cut short by a signal returns EINTR and the time left. */
	struct sigaction action = { 0 };
	action.sa_handler = on_alarm;
	sigaction(SIGALRM, &action, NULL); /* no SA_RESTART */
	alarm(1);
	struct timespec request = { 5, 0 }, remaining = { 0, 0 };
	errno = 0;
	result = nanosleep(&request, &remaining);
	printf("nanosleep 5 s with an alarm after 1 s: %d %s, remaining 3 to 4 s: %s\n", result, errno_name(errno),
	       remaining.tv_sec >= 3 && remaining.tv_sec <= 4 ? "yes" : "no");
	/* setitimer: a repeating interval timer. */
	struct itimerval timer = { { 0, 50000 }, { 0, 50000 } };
	alarms = 0;
	SHOW(setitimer(ITIMER_REAL, &timer, NULL));
	while (alarms < 5)
		pause();
	struct itimerval off = { { 0, 0 }, { 0, 0 } }, old;
	SHOW(setitimer(ITIMER_REAL, &off, &old));
	printf("interval timer fired 5 times; old interval %ld us\n", (long)old.it_interval.tv_usec);
	return 0;
}

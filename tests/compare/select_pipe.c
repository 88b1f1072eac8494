/* select on pipes: readiness, timeouts (and the remaining time written
 * back), descriptors in several sets, errors. */
#include "common.h"

#include <fcntl.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>

static void show(const char *what, int nfds, int read_fd, int write_fd, long timeout_us)
{
	fd_set readable, writable;
	FD_ZERO(&readable);
	FD_ZERO(&writable);
	if (read_fd >= 0)
		FD_SET(read_fd, &readable);
	if (write_fd >= 0)
		FD_SET(write_fd, &writable);
	struct timeval timeout = { timeout_us / 1000000, timeout_us % 1000000 };
	errno = 0;
	int result = select(nfds, &readable, &writable, NULL, timeout_us < 0 ? NULL : &timeout);
	printf("%-32s = %d %s read %d write %d\n", what, result, result < 0 ? errno_name(errno) : "",
	       read_fd >= 0 && result >= 0 ? FD_ISSET(read_fd, &readable) : -1,
	       write_fd >= 0 && result >= 0 ? FD_ISSET(write_fd, &writable) : -1);
}

int main(void)
{
	int p[2];
	pipe(p);
	int top = (p[0] > p[1] ? p[0] : p[1]) + 1;
	show("empty pipe", top, p[0], p[1], 0);
	write(p[1], "x", 1);
	show("after a write", top, p[0], p[1], 0);
	show("nfds too small", p[0], p[0], -1, 0);
	char c;
	read(p[0], &c, 1);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	fd_set readable;
	FD_ZERO(&readable);
	FD_SET(p[0], &readable);
	struct timeval timeout = { 0, 150000 };
	/* The system call itself (musl's select passes a copy of the timeout):
	 * Linux writes the time left back. */
	int result = (int)syscall(SYS_select, top, &readable, NULL, NULL, &timeout);
	clock_gettime(CLOCK_MONOTONIC, &b);
	long long took = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	printf("timeout 150 ms: %d, waited enough %s, timeval written back to zero %s, set cleared %s\n", result,
	       took >= 150 && took < 5000 ? "yes" : "no", timeout.tv_sec == 0 && timeout.tv_usec == 0 ? "yes" : "no",
	       FD_ISSET(p[0], &readable) ? "no" : "yes");
	pid_t child = fork();
	if (child == 0) {
		usleep(200000);
		write(p[1], "y", 1);
		_exit(0);
	}
	show("waiting for the child", top, p[0], -1, -1);
	waitpid(child, NULL, 0);
	read(p[0], &c, 1);
	close(p[1]);
	show("writer closed: readable (EOF)", top, p[0], -1, 0);
	show("a closed descriptor in the set", top, p[1], -1, 0);
	close(p[0]);
	SHOW(select(0, NULL, NULL, NULL, &(struct timeval){ 0, 10000 }));
	SHOW(select(-1, NULL, NULL, NULL, &(struct timeval){ 0, 0 }));
	SHOW(select(1, NULL, NULL, NULL, &(struct timeval){ -1, 0 }));
	/* pselect with a signal mask. */
	pipe(p);
	write(p[1], "z", 1);
	FD_ZERO(&readable);
	FD_SET(p[0], &readable);
	sigset_t mask;
	sigemptyset(&mask);
	struct timespec zero = { 0, 0 };
	SHOW(pselect(p[0] + 1, &readable, NULL, NULL, &zero, &mask));
	return 0;
}

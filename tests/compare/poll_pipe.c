/* poll on pipes: nothing ready, readable after a write, writable while
 * there is room, POLLHUP when the writer goes, POLLERR when the reader
 * goes, POLLNVAL for a closed descriptor, timeouts, and waking up when
 * another process writes. */
#include "common.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <time.h>

static void show(const char *what, struct pollfd *fds, int n, int timeout)
{
	errno = 0;
	int result = poll(fds, (nfds_t)n, timeout);
	printf("%-34s = %d %s:", what, result, result < 0 ? errno_name(errno) : "");
	for (int i = 0; i < n; i++)
		printf(" [%s%s%s%s%s]", fds[i].revents & POLLIN ? "IN " : "", fds[i].revents & POLLOUT ? "OUT " : "",
		       fds[i].revents & POLLHUP ? "HUP " : "", fds[i].revents & POLLERR ? "ERR " : "",
		       fds[i].revents & POLLNVAL ? "NVAL" : "");
	printf("\n");
}

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000ll + t.tv_nsec / 1000000;
}

int main(void)
{
	int p[2];
	pipe(p);
	struct pollfd fds[3] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 }, { 77, POLLIN, 0 } };
	show("empty pipe, timeout 0", fds, 2, 0);
	write(p[1], "x", 1);
	show("after a write", fds, 2, 0);
	show("with a closed descriptor", fds, 3, 0);
	fds[2].fd = -1;
	show("with a negative descriptor", fds, 3, 0);
	fds[0].events = 0;
	show("events 0 on the read end", fds, 2, 0);
	fds[0].events = POLLIN;
	char c;
	read(p[0], &c, 1);
	long long start = now_ms();
	show("empty pipe, timeout 100 ms", fds, 1, 100);
	long long took = now_ms() - start;
	printf("waited at least 100 ms: %s\n", took >= 100 && took < 5000 ? "yes" : "no");
	/* Another process writes while we wait. */
	pid_t child = fork();
	if (child == 0) {
		usleep(200000);
		write(p[1], "y", 1);
		_exit(0);
	}
	show("waiting for the child's write", fds, 1, -1);
	waitpid(child, NULL, 0);
	read(p[0], &c, 1);
	close(p[1]);
	show("writer closed", fds, 1, 0);
	close(p[0]);
	pipe(p);
	close(p[0]);
	fds[1].fd = p[1];
	show("reader closed", &fds[1], 1, 0);
	close(p[1]);
	/* A full pipe is not writable. */
	pipe(p);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	static char block[4096];
	while (write(p[1], block, sizeof block) > 0) {
	}
	struct pollfd full = { p[1], POLLOUT, 0 };
	show("full pipe", &full, 1, 0);
	read(p[0], block, sizeof block);
	show("after reading 4 KiB", &full, 1, 0);
	/* Pipe in another process's hands: readable data plus a hang-up. */
	int q[2];
	pipe(q);
	child = fork();
	if (child == 0) {
		write(q[1], "bye", 3);
		_exit(0);
	}
	close(q[1]);
	waitpid(child, NULL, 0);
	struct pollfd both = { q[0], POLLIN, 0 };
	show("data left and the writer gone", &both, 1, 0);
	SHOW(poll(NULL, 0, 10));
	return 0;
}

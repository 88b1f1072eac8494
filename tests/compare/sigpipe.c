/* Writing to a pipe nobody reads: SIGPIPE kills by default; ignored or
 * handled, write fails with EPIPE. */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>

static volatile sig_atomic_t caught;

static void handler(int signal)
{
	caught = signal;
}

int main(void)
{
	int p[2];
	pipe(p);
	close(p[0]);
	pid_t child = fork();
	if (child == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	int status;
	waitpid(child, &status, 0);
	printf("default: child signaled %d by signal %d\n", WIFSIGNALED(status), WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	signal(SIGPIPE, SIG_IGN);
	SHOW(write(p[1], "x", 1));
	signal(SIGPIPE, handler);
	SHOW(write(p[1], "x", 1));
	printf("handler saw signal %d\n", caught);
	close(p[1]);
	/* The reader goes away while the writer is blocked on a full pipe. */
	pipe(p);
	signal(SIGPIPE, SIG_IGN);
	child = fork();
	if (child == 0) {
		close(p[1]);
		sleep(1);
		_exit(0);
	}
	close(p[0]);
	static char block[65536];
	ssize_t n;
	long total = 0;
	while ((n = write(p[1], block, sizeof block)) > 0)
		total += n;
	printf("blocked writer woke when the reader exited: %s, wrote something first: %s\n", errno_name(errno),
	       total > 0 ? "yes" : "no");
	waitpid(child, &status, 0);
	return 0;
}

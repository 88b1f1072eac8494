/* fork and wait: exit statuses, waiting for a given child or any child,
 * WNOHANG, ECHILD, and the parent/child relation. */
#include "common.h"

#include <sys/wait.h>

int main(void)
{
	pid_t self = getpid();
	pid_t children[5];
	for (int i = 0; i < 5; i++) {
		children[i] = fork();
		if (children[i] == 0) {
			if (getppid() != self)
				_exit(100);
			_exit(10 + i);
		}
	}
	printf("child pids differ from ours and each other: %s\n",
	       children[0] != self && children[0] != children[1] && children[3] != children[4] ? "yes" : "no");
	int status;
	pid_t got = waitpid(children[3], &status, 0);
	printf("waitpid(child 3): right pid %s, exited %d, status %d\n", got == children[3] ? "yes" : "no",
	       WIFEXITED(status), WEXITSTATUS(status));
	int seen = 0, sum = 0;
	while ((got = wait(&status)) > 0) {
		seen++;
		sum += WEXITSTATUS(status);
	}
	printf("wait collected %d more, statuses add up to %d, then %s\n", seen, sum, errno_name(errno));
	SHOW(waitpid(-1, &status, 0));
	SHOW(waitpid(children[0], &status, 0));
	/* WNOHANG while the child runs, then its status. */
	int p[2];
	pipe(p);
	pid_t child = fork();
	if (child == 0) {
		char c;
		close(p[1]);
		read(p[0], &c, 1);
		exit(7);
	}
	close(p[0]);
	SHOW(waitpid(child, &status, WNOHANG));
	write(p[1], "x", 1);
	got = waitpid(child, &status, 0);
	printf("after the pipe: right pid %s, status %d\n", got == child ? "yes" : "no", WEXITSTATUS(status));
	/* exit flushes stdio in the child; _exit does not. */
	fflush(stdout);
	setvbuf(stdout, NULL, _IOFBF, 4096);
	child = fork();
	if (child == 0) {
		printf("child: buffered line, exit flushes it\n");
		exit(0);
	}
	waitpid(child, &status, 0);
	child = fork();
	if (child == 0) {
		printf("child: buffered line that _exit drops\n");
		_exit(0);
	}
	waitpid(child, &status, 0);
	fflush(stdout);
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* A grandchild is not our child. */
	child = fork();
	if (child == 0) {
		pid_t grandchild = fork();
		if (grandchild == 0)
			_exit(3);
		waitpid(grandchild, &status, 0);
		_exit(WEXITSTATUS(status) + 1);
	}
	waitpid(child, &status, 0);
	printf("child reaped its own child and exited %d\n", WEXITSTATUS(status));
	/* Exit status is 8 bits. */
	child = fork();
	if (child == 0)
		_exit(256 + 42);
	waitpid(child, &status, 0);
	printf("_exit(298) gives %d\n", WEXITSTATUS(status));
	/* wait4 and waitid. */
	child = fork();
	if (child == 0)
		_exit(5);
	siginfo_t info;
	memset(&info, 0, sizeof info);
	SHOW(waitid(P_PID, (id_t)child, &info, WEXITED));
	printf("waitid: signo %d, code %s, status %d, pid right %s\n", info.si_signo,
	       info.si_code == CLD_EXITED ? "CLD_EXITED" : "other", info.si_status, info.si_pid == child ? "yes" : "no");
	return 0;
}

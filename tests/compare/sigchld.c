/* SIGCHLD: sent when children exit, with the child's status in siginfo;
 * SA_NOCLDWAIT and SIG_IGN leave no zombies. */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>

static volatile sig_atomic_t chld_count, last_status, last_code;

static void on_child(int signal, siginfo_t *info, void *context)
{
	(void)signal;
	(void)context;
	chld_count++;
	last_status = info->si_status;
	last_code = info->si_code;
}

int main(void)
{
	struct sigaction action = { 0 };
	action.sa_sigaction = on_child;
	action.sa_flags = SA_SIGINFO;
	sigaction(SIGCHLD, &action, NULL);
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	pid_t child = fork();
	if (child == 0)
		_exit(23);
	int status;
	waitpid(child, &status, 0);
	printf("blocked while the child exited: %d handled\n", chld_count);
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("after unblocking: %d handled, status %d, code %s\n", chld_count, last_status,
	       last_code == CLD_EXITED ? "CLD_EXITED" : "other");
	/* Several children; waiting in a loop after the signals arrive. */
	chld_count = 0;
	for (int i = 0; i < 3; i++)
		if (fork() == 0)
			_exit(i);
	int reaped = 0;
	while (reaped < 3) {
		pid_t got = waitpid(-1, &status, 0);
		if (got > 0)
			reaped++;
		else if (errno != EINTR)
			break;
	}
	printf("reaped %d children, handled at least one SIGCHLD: %s\n", reaped, chld_count >= 1 ? "yes" : "no");
	/* A child killed by a signal: code CLD_KILLED. */
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	kill(child, SIGKILL);
	while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
	}
	printf("killed child: signaled %d, signal %d, code %s\n", WIFSIGNALED(status), WTERMSIG(status),
	       last_code == CLD_KILLED ? "CLD_KILLED" : "other");
	/* SIGCHLD ignored: children are reaped automatically, wait gives ECHILD. */
	signal(SIGCHLD, SIG_IGN);
	child = fork();
	if (child == 0)
		_exit(1);
	errno = 0;
	pid_t got = waitpid(child, &status, 0);
	printf("with SIGCHLD ignored: waitpid %s %s\n", got == -1 ? "-1" : "a pid", errno_name(errno));
	return 0;
}

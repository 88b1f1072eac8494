/* Blocking signals: sigprocmask, sigpending, delivery on unblock,
 * sigsuspend, and that SIGKILL and SIGSTOP cannot be blocked. */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>

static volatile sig_atomic_t delivered[65];

static void handler(int signal)
{
	delivered[signal]++;
}

static void show_pending(const char *when)
{
	sigset_t pending;
	sigpending(&pending);
	printf("%s: pending USR1 %d, USR2 %d, TERM %d\n", when, sigismember(&pending, SIGUSR1),
	       sigismember(&pending, SIGUSR2), sigismember(&pending, SIGTERM));
}

int main(void)
{
	signal(SIGUSR1, handler);
	signal(SIGUSR2, handler);
	signal(SIGTERM, handler);
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	SHOW(sigprocmask(SIG_BLOCK, &block, &old));
	printf("nothing blocked before: %s\n", sigismember(&old, SIGUSR1) ? "no" : "yes");
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGTERM);
	printf("while blocked: USR1 %d, USR2 %d, TERM %d\n", delivered[SIGUSR1], delivered[SIGUSR2], delivered[SIGTERM]);
	show_pending("blocked");
	sigset_t current;
	sigprocmask(SIG_SETMASK, NULL, &current);
	printf("mask has USR1 %d, USR2 %d, TERM %d\n", sigismember(&current, SIGUSR1), sigismember(&current, SIGUSR2),
	       sigismember(&current, SIGTERM));
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, SIGUSR2);
	SHOW(sigprocmask(SIG_UNBLOCK, &one, NULL));
	printf("after unblocking USR2: USR1 %d, USR2 %d\n", delivered[SIGUSR1], delivered[SIGUSR2]);
	show_pending("USR2 unblocked");
	SHOW(sigprocmask(SIG_SETMASK, &old, NULL));
	printf("after unblocking all: USR1 %d (standard signals do not queue)\n", delivered[SIGUSR1]);
	show_pending("nothing blocked");
	/* SIGKILL and SIGSTOP cannot be blocked: adding them is silently ignored. */
	sigset_t all;
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	sigprocmask(SIG_SETMASK, NULL, &current);
	printf("everything blocked: KILL in mask %d, STOP in mask %d, USR1 in mask %d\n", sigismember(&current, SIGKILL),
	       sigismember(&current, SIGSTOP), sigismember(&current, SIGUSR1));
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* sigsuspend: wait with USR1 unblocked, the old mask comes back. */
	sigprocmask(SIG_BLOCK, &block, NULL);
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		kill(parent, SIGUSR1);
		_exit(0);
	}
	sigset_t wait_mask;
	sigemptyset(&wait_mask);
	int before = delivered[SIGUSR1];
	errno = 0;
	int result = sigsuspend(&wait_mask);
	printf("sigsuspend returned %d %s, USR1 delivered %d more\n", result, errno_name(errno),
	       delivered[SIGUSR1] - before);
	sigprocmask(SIG_SETMASK, NULL, &current);
	printf("mask restored after sigsuspend: %s\n", sigismember(&current, SIGUSR1) ? "yes" : "no");
	waitpid(child, NULL, 0);
	/* The mask is inherited by fork and kept across exec; pending signals are not inherited. */
	kill(getpid(), SIGUSR2);
	child = fork();
	if (child == 0) {
		sigset_t child_pending, child_mask;
		sigpending(&child_pending);
		sigprocmask(SIG_SETMASK, NULL, &child_mask);
		_exit(sigismember(&child_pending, SIGUSR2) * 10 + sigismember(&child_mask, SIGUSR1));
	}
	int status;
	waitpid(child, &status, 0);
	printf("child: pending USR2 inherited %d, mask USR1 inherited %d\n", WEXITSTATUS(status) / 10,
	       WEXITSTATUS(status) % 10);
	/* A blocked signal that is ignored is discarded... */
	signal(SIGUSR2, SIG_IGN);
	show_pending("USR2 set to SIG_IGN while pending");
	/* ...but a blocked one whose default action is to ignore stays pending. */
	kill(getpid(), SIGCHLD);
	sigset_t pending;
	sigprocmask(SIG_BLOCK, &all, NULL);
	kill(getpid(), SIGCHLD);
	sigpending(&pending);
	printf("blocked SIGCHLD (default ignore) pending: %d\n", sigismember(&pending, SIGCHLD));
	return 0;
}

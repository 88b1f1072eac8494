/* Job control signals: SIGSTOP stops a child (WUNTRACED sees it),
 * SIGCONT resumes it (WCONTINUED sees it), SIGTSTP with a handler is
 * caught, and a stopped child can still be killed. */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>

static int report_fd;

/* The handlers act themselves (write, _exit) rather than set a flag for
 * a loop around pause(): a flag set just before pause() would be missed. */
static void on_cont(int signal)
{
	(void)signal;
	write(report_fd, "c", 1);
}

static void on_usr1(int signal)
{
	(void)signal;
	_exit(44);
}

int main(void)
{
	int p[2], ready[2];
	pipe(p);
	pipe(ready);
	char c = 0;
	pid_t child = fork();
	if (child == 0) {
		report_fd = p[1];
		signal(SIGCONT, on_cont);
		write(ready[1], "r", 1);
		for (;;)
			pause();
	}
	close(p[1]);
	read(ready[0], &c, 1);
	SHOW(kill(child, SIGSTOP));
	int status;
	pid_t got = waitpid(child, &status, WUNTRACED);
	printf("stopped: right child %s, WIFSTOPPED %d, WSTOPSIG %d\n", got == child ? "yes" : "no", WIFSTOPPED(status),
	       WSTOPSIG(status));
	SHOW(waitpid(child, &status, WNOHANG | WUNTRACED));
	SHOW(kill(child, SIGCONT));
	got = waitpid(child, &status, WCONTINUED);
	printf("continued: right child %s, WIFCONTINUED %d\n", got == child ? "yes" : "no", WIFCONTINUED(status));
	read(p[0], &c, 1);
	printf("child's SIGCONT handler ran: %s\n", c == 'c' ? "yes" : "no");
	/* SIGTSTP stops by default too. */
	kill(child, SIGTSTP);
	waitpid(child, &status, WUNTRACED);
	printf("SIGTSTP: WIFSTOPPED %d, WSTOPSIG %d\n", WIFSTOPPED(status), WSTOPSIG(status));
	/* A stopped child dies of SIGKILL without being continued. */
	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	printf("killed while stopped: WIFSIGNALED %d, WTERMSIG %d\n", WIFSIGNALED(status), WTERMSIG(status));
	/* Signals sent to a stopped process wait until it continues. */
	child = fork();
	if (child == 0) {
		signal(SIGUSR1, on_usr1);
		write(ready[1], "r", 1);
		for (;;)
			pause();
	}
	read(ready[0], &c, 1);
	kill(child, SIGSTOP);
	waitpid(child, &status, WUNTRACED);
	kill(child, SIGUSR1);
	usleep(200000);
	SHOW(waitpid(child, &status, WNOHANG));
	kill(child, SIGCONT);
	waitpid(child, &status, 0);
	printf("after SIGCONT the pending SIGUSR1 ran: exited %d\n", WEXITSTATUS(status));
	return 0;
}

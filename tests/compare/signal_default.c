/* Default actions: each fault and each fatal signal ends a child with
 * the right status; ignored and stopping signals do not. */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>

static int run(void (*body)(void))
{
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		body();
		_exit(0);
	}
	int status;
	waitpid(child, &status, 0);
	return status;
}

static void null_write(void) { *(volatile int *)0 = 1; }
static void divide(void)
{
	/* In assembly: the compiler may drop a C division whose result is unused. */
	int zero = 0, eax = 1, edx = 0;
	__asm__ volatile("idivl %2" : "+a"(eax), "+d"(edx) : "r"(zero));
}
static void undefined(void) { __asm__ volatile("ud2"); }
static void breakpoint(void) { __asm__ volatile("int3"); }
static void aborts(void) { abort(); }
static void terminate(void) { kill(getpid(), SIGTERM); pause(); }
static void quit(void) { raise(SIGQUIT); }
static void user1(void) { raise(SIGUSR1); }
static void alarm_clock(void) { raise(SIGALRM); }
static void hangup(void) { raise(SIGHUP); }
static void kill_self(void) { raise(SIGKILL); }
static void ignored(void) { raise(SIGCHLD); raise(SIGWINCH); raise(SIGURG); }
static void privileged(void) { __asm__ volatile("hlt"); }
static void bad_syscall_number(void) { _exit(syscall(100000) == -1 && errno == ENOSYS ? 4 : 5); }

static void show(const char *what, int status)
{
	if (WIFEXITED(status))
		printf("%-28s exited %d\n", what, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("%-28s killed by signal %d\n", what, WTERMSIG(status));
	else
		printf("%-28s status 0x%x\n", what, status);
}

int main(void)
{
	show("write to NULL", run(null_write));
	show("divide by zero", run(divide));
	show("ud2", run(undefined));
	show("int3", run(breakpoint));
	show("hlt in user mode", run(privileged));
	show("abort()", run(aborts));
	show("SIGTERM", run(terminate));
	show("SIGQUIT", run(quit));
	show("SIGUSR1", run(user1));
	show("SIGALRM", run(alarm_clock));
	show("SIGHUP", run(hangup));
	show("SIGKILL", run(kill_self));
	show("ignored by default", run(ignored));
	show("unknown system call", run(bad_syscall_number));
	return 0;
}

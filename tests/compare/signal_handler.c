/* sigaction handlers: delivery on kill and raise, siginfo contents,
 * SA_RESETHAND, SA_NODEFER, handler masks, nested signals. */
#include "common.h"

#include <signal.h>

static volatile sig_atomic_t count, last_signal, last_code, last_pid_ok, nested, depth, max_depth;

static void handler(int signal, siginfo_t *info, void *context)
{
	(void)context;
	count++;
	last_signal = signal;
	last_code = info->si_code;
	last_pid_ok = info->si_pid == getpid();
}

static void nesting(int signal)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	if (signal == SIGUSR1 && nested++ < 3)
		raise(SIGUSR1);
	depth--;
}

static const char *code_name(int code)
{
	return code == SI_USER ? "SI_USER" : code == SI_TKILL ? "SI_TKILL" : code == SI_QUEUE ? "SI_QUEUE" : "other";
}

int main(void)
{
	struct sigaction action = { 0 };
	action.sa_sigaction = handler;
	action.sa_flags = SA_SIGINFO;
	sigemptyset(&action.sa_mask);
	SHOW(sigaction(SIGUSR1, &action, NULL));
	SHOW(kill(getpid(), SIGUSR1));
	printf("after kill: count %d, signal %d, code %s, sender is us %s\n", count, last_signal, code_name(last_code),
	       last_pid_ok ? "yes" : "no");
	SHOW(raise(SIGUSR1));
	printf("after raise: count %d, code %s\n", count, code_name(last_code));
	union sigval value = { .sival_int = 5 };
	SHOW(sigqueue(getpid(), SIGUSR1, value));
	printf("after sigqueue: count %d, code %s\n", count, code_name(last_code));
	struct sigaction old;
	SHOW(sigaction(SIGUSR1, NULL, &old));
	printf("old handler is ours: %s, SA_SIGINFO kept: %s\n", old.sa_sigaction == handler ? "yes" : "no",
	       old.sa_flags & SA_SIGINFO ? "yes" : "no");
	/* SA_RESETHAND: one delivery, then the default action again. */
	action.sa_flags = SA_SIGINFO | SA_RESETHAND;
	sigaction(SIGUSR2, &action, NULL);
	raise(SIGUSR2);
	sigaction(SIGUSR2, NULL, &old);
	printf("after SA_RESETHAND delivery: count %d, handler reset to default %s\n", count,
	       old.sa_handler == SIG_DFL ? "yes" : "no");
	/* Without SA_NODEFER a signal is blocked in its own handler: raised
	 * again, it arrives after the handler returns, so depth stays 1. */
	struct sigaction nest = { 0 };
	nest.sa_handler = nesting;
	sigaction(SIGUSR1, &nest, NULL);
	raise(SIGUSR1);
	printf("without SA_NODEFER: %d deliveries, deepest nesting %d\n", nested + 1, max_depth);
	nested = 0;
	max_depth = 0;
	nest.sa_flags = SA_NODEFER;
	sigaction(SIGUSR1, &nest, NULL);
	raise(SIGUSR1);
	printf("with SA_NODEFER: %d deliveries, deepest nesting %d\n", nested + 1, max_depth);
	/* SIG_IGN: nothing happens. */
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	printf("ignored SIGUSR1: still here\n");
	/* signal() returns the previous disposition. */
	printf("signal() gave back SIG_IGN: %s\n", signal(SIGUSR1, SIG_DFL) == SIG_IGN ? "yes" : "no");
	/* Default action of SIGCHLD and SIGURG is to ignore. */
	raise(SIGURG);
	raise(SIGWINCH);
	printf("SIGURG and SIGWINCH ignored by default\n");
	/* A handler that changes errno must not disturb the code around it;
	 * a signal in the middle of a loop keeps the loop's state. */
	struct sigaction term = { 0 };
	term.sa_handler = nesting;
	sigaction(SIGTERM, &term, NULL);
	volatile double x = 1.0;
	for (int i = 0; i < 1000; i++) {
		x *= 1.001;
		if (i == 500)
			kill(getpid(), SIGTERM);
	}
	printf("floating point state survives a handler: %.6f\n", x);
	SHOW(kill(getpid(), 0));
	return 0;
}

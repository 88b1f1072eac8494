/* Bad input to the signal calls: rt_sigaction, rt_sigprocmask,
 * rt_sigpending, rt_sigsuspend, sigaltstack, rt_sigtimedwait, with bad
 * signal numbers, sizes, pointers and flags; then deliveries that cannot
 * work (a garbage handler, an unmapped alternate stack, a garbage
 * rt_sigreturn), which must kill only the child that asked for them. */
#include "common.h"

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

/* The kernel's struct sigaction for x86-64 (not libc's). */
struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

static void handler(int signal)
{
	(void)signal;
}

static void in_child(const char *what, void (*body)(void))
{
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		body();
		_exit(0);
	}
	int status;
	waitpid(child, &status, 0);
	if (WIFSIGNALED(status))
		printf("%s: killed by signal %d\n", what, WTERMSIG(status));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(status));
}

static void garbage_handler(void)
{
	struct kernel_sigaction action = { (void *)0x1234, 0x04000000 /* SA_RESTORER */, (void *)0x1234, 0 };
	syscall(SYS_rt_sigaction, (long)SIGUSR1, &action, 0, 8L);
	raise(SIGUSR1);
}

static void garbage_restorer(void)
{
	struct kernel_sigaction action = { (void *)handler, 0x04000000, (void *)0x10, 0 };
	syscall(SYS_rt_sigaction, (long)SIGUSR1, &action, 0, 8L);
	raise(SIGUSR1);
}

static void unmapped_alternate_stack(void)
{
	stack_t stack = { .ss_sp = unmapped_address(), .ss_size = 65536, .ss_flags = 0 };
	sigaltstack(&stack, NULL);
	struct sigaction action = { 0 };
	action.sa_handler = handler;
	action.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &action, NULL);
	raise(SIGUSR1);
}

static void garbage_sigreturn(void)
{
	syscall(SYS_rt_sigreturn);
}

int main(void)
{
	struct kernel_sigaction action = { (void *)handler, 0x04000000, 0, 0 }, old;
	long bad_numbers[] = { 0, -1, 65, 1000, SIGKILL, SIGSTOP };
	printf("-- rt_sigaction\n");
	for (unsigned i = 0; i < sizeof bad_numbers / sizeof bad_numbers[0]; i++) {
		printf("signal %ld: ", bad_numbers[i]);
		SHOW(syscall(SYS_rt_sigaction, bad_numbers[i], &action, &old, 8L));
	}
	SHOW(syscall(SYS_rt_sigaction, (long)SIGKILL, 0, &old, 8L));
	SHOW(syscall(SYS_rt_sigaction, (long)SIGUSR1, &action, &old, 4L));
	SHOW(syscall(SYS_rt_sigaction, (long)SIGUSR1, &action, &old, 16L));
	SHOW(syscall(SYS_rt_sigaction, (long)SIGUSR1, BAD_ONE, 0, 8L));
	SHOW(syscall(SYS_rt_sigaction, (long)SIGUSR1, BAD_KERNEL, 0, 8L));
	SHOW(syscall(SYS_rt_sigaction, (long)SIGUSR1, 0, BAD_ONE, 8L));
	SHOW(syscall(SYS_rt_sigaction, (long)SIGUSR1, 0, unmapped_address(), 8L));
	SHOW(syscall(SYS_rt_sigaction, (long)SIGUSR1, 0, 0, 8L));
	printf("-- rt_sigprocmask\n");
	unsigned long set = 1ul << (SIGUSR1 - 1), oldset;
	SHOW(syscall(SYS_rt_sigprocmask, 99L, &set, &oldset, 8L));
	SHOW(syscall(SYS_rt_sigprocmask, -1L, &set, &oldset, 8L));
	SHOW(syscall(SYS_rt_sigprocmask, 99L, 0, &oldset, 8L));
	SHOW(syscall(SYS_rt_sigprocmask, (long)SIG_BLOCK, &set, &oldset, 4L));
	SHOW(syscall(SYS_rt_sigprocmask, (long)SIG_BLOCK, BAD_ONE, 0, 8L));
	SHOW(syscall(SYS_rt_sigprocmask, (long)SIG_BLOCK, BAD_KERNEL, 0, 8L));
	SHOW(syscall(SYS_rt_sigprocmask, (long)SIG_BLOCK, 0, BAD_ONE, 8L));
	SHOW(syscall(SYS_rt_sigprocmask, (long)SIG_BLOCK, 0, 0, 8L));
	/* Blocking SIGKILL and SIGSTOP is silently dropped. */
	set = ~0ul;
	SHOW(syscall(SYS_rt_sigprocmask, (long)SIG_SETMASK, &set, 0, 8L));
	SHOW(syscall(SYS_rt_sigprocmask, (long)SIG_SETMASK, 0, &oldset, 8L));
	printf("mask has KILL %lu, STOP %lu, USR1 %lu\n", oldset >> (SIGKILL - 1) & 1, oldset >> (SIGSTOP - 1) & 1,
	       oldset >> (SIGUSR1 - 1) & 1);
	set = 0;
	syscall(SYS_rt_sigprocmask, (long)SIG_SETMASK, &set, 0, 8L);
	printf("-- rt_sigpending, rt_sigsuspend, rt_sigtimedwait, sigaltstack\n");
	SHOW(syscall(SYS_rt_sigpending, BAD_ONE, 8L));
	SHOW(syscall(SYS_rt_sigpending, &set, 16L));
	SHOW(syscall(SYS_rt_sigpending, &set, 4L));
	SHOW(syscall(SYS_rt_sigsuspend, &set, 4L));
	SHOW(syscall(SYS_rt_sigsuspend, BAD_ONE, 8L));
	struct timespec zero = { 0, 0 }, bad_time = { 0, 1000000000 };
	set = 1ul << (SIGUSR2 - 1);
	SHOW(syscall(SYS_rt_sigtimedwait, &set, 0, &zero, 8L));
	SHOW(syscall(SYS_rt_sigtimedwait, &set, 0, &bad_time, 8L));
	SHOW(syscall(SYS_rt_sigtimedwait, &set, 0, BAD_ONE, 8L));
	SHOW(syscall(SYS_rt_sigtimedwait, BAD_ONE, 0, &zero, 8L));
	SHOW(syscall(SYS_rt_sigtimedwait, &set, 0, &zero, 4L));
	stack_t stack = { .ss_sp = malloc(65536), .ss_size = 65536, .ss_flags = 0x1234 };
	SHOW(syscall(SYS_sigaltstack, &stack, 0));
	stack.ss_flags = 0;
	stack.ss_size = 100;
	SHOW(syscall(SYS_sigaltstack, &stack, 0));
	SHOW(syscall(SYS_sigaltstack, BAD_ONE, 0));
	SHOW(syscall(SYS_sigaltstack, 0, BAD_ONE));
	SHOW(syscall(SYS_sigaltstack, 0, 0));
	printf("-- deliveries that cannot work, each in a child\n");
	in_child("handler at 0x1234", garbage_handler);
	in_child("restorer at 0x10", garbage_restorer);
	in_child("alternate stack unmapped", unmapped_alternate_stack);
	in_child("rt_sigreturn without a frame", garbage_sigreturn);
	/* Our own handlers still work. */
	signal(SIGUSR2, handler);
	SHOW(raise(SIGUSR2));
	still_fine();
	return 0;
}

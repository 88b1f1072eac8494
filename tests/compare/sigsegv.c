/* Faults as signals: SIGSEGV caught with its address and code, for
 * unmapped memory and a write to a read-only page; recovery through
 * siglongjmp; and the default action kills with the right signal. */
#include "common.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

static sigjmp_buf recover;
static volatile char *const high = (volatile char *)0x12345678000ull;
static volatile sig_atomic_t faults;
static void *volatile fault_address;
static volatile int fault_code;

static void on_fault(int signal, siginfo_t *info, void *context)
{
	(void)context;
	faults++;
	fault_address = info->si_addr;
	fault_code = info->si_code;
	siglongjmp(recover, signal);
}

static const char *segv_code(int code)
{
	return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

int main(void)
{
	struct sigaction action = { 0 };
	action.sa_sigaction = on_fault;
	action.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &action, NULL);
	sigaction(SIGBUS, &action, NULL);

	volatile int *null = NULL;
	int signal_number = sigsetjmp(recover, 1);
	if (signal_number == 0) {
		*null = 1;
		printf("write to NULL did not fault\n");
	} else {
		printf("write to NULL: signal %d, address %p, %s\n", signal_number, fault_address, segv_code(fault_code));
	}
	signal_number = sigsetjmp(recover, 1);
	if (signal_number == 0) {
		(void)*high;
		printf("read of an unmapped address did not fault\n");
	} else {
		printf("read of 0x12345678000: signal %d, address right %s, %s\n", signal_number,
		       fault_address == (void *)high ? "yes" : "no", segv_code(fault_code));
	}
	char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	signal_number = sigsetjmp(recover, 1);
	if (signal_number == 0) {
		((volatile char *)page)[100] = 1;
		printf("write to a read-only page did not fault\n");
	} else {
		printf("write to a read-only page: signal %d, address right %s, %s\n", signal_number,
		       fault_address == page + 100 ? "yes" : "no", segv_code(fault_code));
	}
	/* The handler ran with SIGSEGV blocked; siglongjmp restored the mask. */
	sigset_t mask;
	sigprocmask(SIG_SETMASK, NULL, &mask);
	printf("SIGSEGV blocked after siglongjmp: %s\n", sigismember(&mask, SIGSEGV) ? "yes" : "no");
	/* Executing a non-executable page. */
	char *data = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	data[0] = (char)0xc3; /* ret */
	signal_number = sigsetjmp(recover, 1);
	if (signal_number == 0) {
		((void (*)(void))data)();
		printf("executing a data page did not fault\n");
	} else {
		printf("executing a data page: signal %d, address right %s, %s\n", signal_number,
		       fault_address == data ? "yes" : "no", segv_code(fault_code));
	}
	/* Kernel addresses. */
	signal_number = sigsetjmp(recover, 1);
	if (signal_number == 0) {
		(void)*(volatile char *)0xffff800000001000ull;
		printf("reading a kernel address did not fault\n");
	} else {
		printf("reading a kernel address: signal %d\n", signal_number);
	}
	printf("faults caught: %d\n", faults);
	/* Uncaught: the process dies of SIGSEGV. */
	pid_t child = fork();
	if (child == 0) {
		signal(SIGSEGV, SIG_DFL);
		*null = 2;
		_exit(0);
	}
	int status;
	waitpid(child, &status, 0);
	printf("uncaught fault: signaled %d, signal %d\n", WIFSIGNALED(status), WTERMSIG(status));
	/* A fault while SIGSEGV is blocked kills the process too. */
	child = fork();
	if (child == 0) {
		sigset_t block;
		sigemptyset(&block);
		sigaddset(&block, SIGSEGV);
		sigprocmask(SIG_BLOCK, &block, NULL);
		*null = 3;
		_exit(0);
	}
	waitpid(child, &status, 0);
	printf("fault with SIGSEGV blocked: signaled %d, signal %d\n", WIFSIGNALED(status), WTERMSIG(status));
	return 0;
}

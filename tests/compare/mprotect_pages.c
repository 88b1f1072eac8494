/* mprotect: read-only, no-access and executable pages, page by page
 * inside one mapping, and the faults each one gives. */
#include "common.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

static sigjmp_buf recover;
static volatile int last_code;

static void on_fault(int signal, siginfo_t *info, void *context)
{
	(void)context;
	last_code = info->si_code;
	siglongjmp(recover, signal);
}

static const char *try_read(volatile char *p)
{
	if (sigsetjmp(recover, 1) == 0) {
		(void)*p;
		return "ok";
	}
	return last_code == SEGV_ACCERR ? "SEGV_ACCERR" : last_code == SEGV_MAPERR ? "SEGV_MAPERR" : "fault";
}

static const char *try_write(volatile char *p)
{
	if (sigsetjmp(recover, 1) == 0) {
		*p = 1;
		return "ok";
	}
	return last_code == SEGV_ACCERR ? "SEGV_ACCERR" : last_code == SEGV_MAPERR ? "SEGV_MAPERR" : "fault";
}

static const char *try_run(void *p)
{
	if (sigsetjmp(recover, 1) == 0) {
		((int (*)(void))p)();
		return "ok";
	}
	return last_code == SEGV_ACCERR ? "SEGV_ACCERR" : last_code == SEGV_MAPERR ? "SEGV_MAPERR" : "fault";
}

int main(void)
{
	struct sigaction action = { 0 };
	action.sa_sigaction = on_fault;
	action.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &action, NULL);
	char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	memset(p, 0xc3, 4 * 4096); /* ret instructions */
	SHOW(mprotect(p + 4096, 4096, PROT_READ));
	SHOW(mprotect(p + 2 * 4096, 4096, PROT_NONE));
	SHOW(mprotect(p + 3 * 4096, 4096, PROT_READ | PROT_EXEC));
	for (int i = 0; i < 4; i++)
		printf("page %d: read %s, write %s, execute %s\n", i, try_read(p + i * 4096), try_write(p + i * 4096 + 8),
		       try_run(p + i * 4096 + 16));
	printf("read-only page kept its data: %s\n", (unsigned char)p[4096] == 0xc3 ? "yes" : "no");
	SHOW(mprotect(p, 4 * 4096, PROT_READ | PROT_WRITE));
	printf("after opening all: page 2 write %s, data kept %s\n", try_write(p + 2 * 4096 + 8),
	       (unsigned char)p[2 * 4096] == 0xc3 ? "yes" : "no");
	/* The program's own text is not writable, its data is. */
	printf("write to main's code: %s\n", try_write((volatile char *)(uintptr_t)main));
	static char data[10];
	printf("write to static data: %s\n", try_write(data));
	printf("write to a string literal: %s\n", try_write((volatile char *)"literal"));
	/* mprotect of an unmapped range. */
	munmap(p + 4096, 4096);
	SHOW(mprotect(p, 2 * 4096, PROT_READ));
	SHOW(mprotect(p + 1, 4096, PROT_READ));
	return 0;
}

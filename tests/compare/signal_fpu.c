/* A signal handler that uses the SSE registers leaves them as they were
 * for the code it interrupted: a loop holding a pattern in xmm0-15 is
 * interrupted by a child's signals while it runs, and checks the pattern
 * every round. */
#include "common.h"

#include <sys/wait.h>

#define SIGNALS 20

static volatile int handled;
__attribute__((used)) static volatile int child_done;
__attribute__((used)) static uint64_t pattern[32], seen[32];
__attribute__((used)) static volatile uint64_t rounds_left;

static void clobber(int signal_number)
{
	(void)signal_number;
	__asm__ volatile("pcmpeqb %%xmm0, %%xmm0; pcmpeqb %%xmm1, %%xmm1; pcmpeqb %%xmm2, %%xmm2\n\t"
			 "pcmpeqb %%xmm3, %%xmm3; pcmpeqb %%xmm4, %%xmm4; pcmpeqb %%xmm5, %%xmm5\n\t"
			 "pcmpeqb %%xmm6, %%xmm6; pcmpeqb %%xmm7, %%xmm7; pcmpeqb %%xmm8, %%xmm8\n\t"
			 "pcmpeqb %%xmm9, %%xmm9; pcmpeqb %%xmm10, %%xmm10; pcmpeqb %%xmm11, %%xmm11\n\t"
			 "pcmpeqb %%xmm12, %%xmm12; pcmpeqb %%xmm13, %%xmm13; pcmpeqb %%xmm14, %%xmm14\n\t"
			 "pcmpeqb %%xmm15, %%xmm15"
			 ::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",
			 "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
	handled++;
}

static void child_exited(int signal_number)
{
	(void)signal_number;
	child_done = 1;
}

/* Holds the pattern in xmm0-15 and, each round, stores them to seen[] and
 * compares; returns the number of rounds in which they differed. Runs
 * until the child has sent its signals and exited. */
static uint64_t hold_pattern(void)
{
	uint64_t differing = 0;
	rounds_left = 100000000; /* a bound, far above what the child needs */
	__asm__ volatile(
		"movdqu pattern+0(%%rip), %%xmm0; movdqu pattern+16(%%rip), %%xmm1\n\t"
		"movdqu pattern+32(%%rip), %%xmm2; movdqu pattern+48(%%rip), %%xmm3\n\t"
		"movdqu pattern+64(%%rip), %%xmm4; movdqu pattern+80(%%rip), %%xmm5\n\t"
		"movdqu pattern+96(%%rip), %%xmm6; movdqu pattern+112(%%rip), %%xmm7\n\t"
		"movdqu pattern+128(%%rip), %%xmm8; movdqu pattern+144(%%rip), %%xmm9\n\t"
		"movdqu pattern+160(%%rip), %%xmm10; movdqu pattern+176(%%rip), %%xmm11\n\t"
		"movdqu pattern+192(%%rip), %%xmm12; movdqu pattern+208(%%rip), %%xmm13\n\t"
		"movdqu pattern+224(%%rip), %%xmm14; movdqu pattern+240(%%rip), %%xmm15\n"
		"1:\n\t"
		"movdqu %%xmm0, seen+0(%%rip); movdqu %%xmm1, seen+16(%%rip)\n\t"
		"movdqu %%xmm2, seen+32(%%rip); movdqu %%xmm3, seen+48(%%rip)\n\t"
		"movdqu %%xmm4, seen+64(%%rip); movdqu %%xmm5, seen+80(%%rip)\n\t"
		"movdqu %%xmm6, seen+96(%%rip); movdqu %%xmm7, seen+112(%%rip)\n\t"
		"movdqu %%xmm8, seen+128(%%rip); movdqu %%xmm9, seen+144(%%rip)\n\t"
		"movdqu %%xmm10, seen+160(%%rip); movdqu %%xmm11, seen+176(%%rip)\n\t"
		"movdqu %%xmm12, seen+192(%%rip); movdqu %%xmm13, seen+208(%%rip)\n\t"
		"movdqu %%xmm14, seen+224(%%rip); movdqu %%xmm15, seen+240(%%rip)\n\t"
		"xorl %%ecx, %%ecx\n"
		"2:\n\t"
		"leaq pattern(%%rip), %%rdx; movq (%%rdx,%%rcx,8), %%rax\n\t"
		"leaq seen(%%rip), %%rdx; cmpq (%%rdx,%%rcx,8), %%rax\n\t"
		"je 3f\n\t"
		"incq %[differing]\n\t"
		"jmp 4f\n"
		"3:\n\t"
		"incl %%ecx; cmpl $32, %%ecx; jb 2b\n"
		"4:\n\t"
		"cmpl $0, child_done(%%rip); jne 5f\n\t"
		"decq rounds_left(%%rip); jnz 1b\n"
		"5:"
		: [differing] "+r"(differing)
		:
		: "rax", "rcx", "rdx", "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
		  "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
	return differing;
}

int main(void)
{
	for (unsigned i = 0; i < 32; i++)
		pattern[i] = 0x0123456789abcdefull * (i + 1);
	struct sigaction action = { .sa_handler = clobber, .sa_flags = SA_RESTART };
	sigaction(SIGUSR1, &action, NULL);
	struct sigaction on_child = { .sa_handler = child_exited, .sa_flags = SA_RESTART };
	sigaction(SIGCHLD, &on_child, NULL);
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0) {
		for (int i = 0; i < SIGNALS; i++) {
			kill(parent, SIGUSR1);
			usleep(3000);
		}
		_exit(0);
	}
	uint64_t differing = hold_pattern();
	int status;
	waitpid(child, &status, 0);
	printf("the handler ran: %s\n", handled > 0 ? "yes" : "no");
	printf("xmm0-15 changed under the loop: %s\n", differing ? "yes" : "no");
	return 0;
}

/* setjmp/longjmp through nested calls, the values they carry, locals that
 * survive, and sigsetjmp/siglongjmp restoring (or not) the signal mask. */
#include "common.h"

#include <setjmp.h>
#include <signal.h>

static jmp_buf jump;
static sigjmp_buf signal_jump;
static int depth_reached;

static void recurse(int depth)
{
	depth_reached = depth;
	if (depth == 50)
		longjmp(jump, depth);
	if (depth < 1000)
		recurse(depth + 1);
}

static int usr1_blocked(void)
{
	sigset_t mask;
	sigprocmask(SIG_SETMASK, NULL, &mask);
	return sigismember(&mask, SIGUSR1);
}

int main(void)
{
	volatile int rounds = 0;
	int value = setjmp(jump);
	rounds++;
	if (value == 0)
		recurse(1);
	printf("longjmp from depth %d returned %d after %d rounds\n", depth_reached, value, rounds);
	value = setjmp(jump);
	if (value == 0)
		longjmp(jump, 0);
	printf("longjmp(0) arrives as %d\n", value);
	volatile double kept = 1.25;
	if (setjmp(jump) == 0) {
		kept *= 4;
		longjmp(jump, 2);
	}
	printf("volatile double after longjmp: %.2f\n", kept);
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	if (sigsetjmp(signal_jump, 1) == 0) {
		sigprocmask(SIG_BLOCK, &block, NULL);
		printf("blocked before siglongjmp: %d\n", usr1_blocked());
		siglongjmp(signal_jump, 1);
	}
	printf("savemask=1: blocked after siglongjmp: %d\n", usr1_blocked());
	if (sigsetjmp(signal_jump, 0) == 0) {
		sigprocmask(SIG_BLOCK, &block, NULL);
		siglongjmp(signal_jump, 1);
	}
	printf("savemask=0: blocked after siglongjmp: %d\n", usr1_blocked());
	return 0;
}

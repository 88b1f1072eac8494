/* mremap: growing in place or by moving (contents follow), shrinking,
 * and the old range going away when the mapping moves. */
#include "common.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

static sigjmp_buf recover;

static void on_fault(int signal)
{
	siglongjmp(recover, signal);
}

static int faults(volatile char *address)
{
	if (sigsetjmp(recover, 1) == 0) {
		(void)*address;
		return 0;
	}
	return 1;
}

int main(void)
{
	signal(SIGSEGV, on_fault);
	size_t small = 4 * 4096, large = 256 * 4096;
	/* Four usable pages and a fifth, inaccessible one right after them:
	 * the mapping cannot grow in place, so it must move. */
	char *p = mmap(NULL, small + 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	SHOW(mprotect(p, small, PROT_READ | PROT_WRITE));
	for (size_t i = 0; i < small; i++)
		p[i] = (char)(i % 251);
	errno = 0;
	char *in_place = mremap(p, small, large, 0);
	printf("grow without MREMAP_MAYMOVE: %s\n", in_place == MAP_FAILED ? errno_name(errno) : "grew");
	char *q = mremap(p, small, large, MREMAP_MAYMOVE);
	printf("grow with MREMAP_MAYMOVE: %s, moved %s\n", q == MAP_FAILED ? errno_name(errno) : "ok", q != p ? "yes" : "no");
	int ok = 1;
	for (size_t i = 0; i < small; i++)
		ok &= q[i] == (char)(i % 251);
	printf("contents moved along: %s\n", ok ? "yes" : "no");
	int zero = 1;
	for (size_t i = small; i < large; i++)
		zero &= q[i] == 0;
	printf("new part zero: %s\n", zero ? "yes" : "no");
	q[large - 1] = 7;
	printf("old address faults: %d\n", faults(p));
	char *r = mremap(q, large, 2 * 4096, 0);
	printf("shrink in place: %s, same address %s\n", r == MAP_FAILED ? errno_name(errno) : "ok", r == q ? "yes" : "no");
	printf("beyond the shrunk end faults: %d, start kept %s\n", faults(q + 2 * 4096), q[5] == 5 ? "yes" : "no");
	/* MREMAP_FIXED to a chosen place. */
	char *target = mmap(NULL, 4 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *s = mremap(r, 2 * 4096, 2 * 4096, MREMAP_MAYMOVE | MREMAP_FIXED, target);
	printf("MREMAP_FIXED: at the target %s, data %s\n", s == target ? "yes" : "no", s[5] == 5 ? "kept" : "lost");
	SHOW(mremap(s, 2 * 4096, 0, 0) == MAP_FAILED);
	SHOW(mremap(s + 1, 4096, 4096, 0) == MAP_FAILED);
	return 0;
}

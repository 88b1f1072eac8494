/* Anonymous mappings: zero-filled, readable and writable, hints and
 * MAP_FIXED, partial munmap, and a touch after munmap faults. */
#include "common.h"

#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

static sigjmp_buf recover;

static void on_fault(int signal)
{
	siglongjmp(recover, signal);
}

/* 1 if reading address faults. */
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
	size_t size = 64 * 4096;
	char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mmap 256 KiB: %s, page aligned: %s\n", p == MAP_FAILED ? errno_name(errno) : "ok",
	       ((uintptr_t)p & 4095) == 0 ? "yes" : "no");
	int zero = 1;
	for (size_t i = 0; i < size; i++)
		zero &= p[i] == 0;
	printf("zero filled: %s\n", zero ? "yes" : "no");
	for (size_t i = 0; i < size; i++)
		p[i] = (char)(i * 13);
	int ok = 1;
	for (size_t i = 0; i < size; i++)
		ok &= p[i] == (char)(i * 13);
	printf("written and read back: %s\n", ok ? "yes" : "no");
	/* Unmap the middle: the edges stay, the middle faults. */
	SHOW(munmap(p + 16 * 4096, 8 * 4096));
	printf("page before the hole faults: %d, first in the hole: %d, last in the hole: %d, after: %d\n",
	       faults(p + 15 * 4096), faults(p + 16 * 4096), faults(p + 24 * 4096 - 1), faults(p + 24 * 4096));
	printf("data beside the hole kept: %s\n", p[15 * 4096] == (char)(15 * 4096 * 13) && p[24 * 4096] == (char)(24 * 4096 * 13) ? "yes" : "no");
	/* MAP_FIXED into the hole: a fresh zeroed page. */
	char *fixed = mmap(p + 16 * 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED into the hole: at the address asked %s, zero %s\n", fixed == p + 16 * 4096 ? "yes" : "no",
	       fixed[0] == 0 ? "yes" : "no");
	/* MAP_FIXED over existing data replaces it. */
	char *over = mmap(p, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	printf("MAP_FIXED over data: same address %s, now zero %s, next page kept %s\n", over == p ? "yes" : "no",
	       p[1] == 0 ? "yes" : "no", p[4096 + 1] == (char)((4096 + 1) * 13) ? "yes" : "no");
	SHOW(munmap(p, size));
	printf("after munmap of everything: first page faults %d\n", faults(p));
	SHOW(munmap(p, size));
	/* A hint that is free is usually honoured; either way we get memory. */
	char *hint = mmap((void *)0x200000000ull, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mmap with a free hint: %s\n", hint == MAP_FAILED ? "failed" : "ok");
	hint[0] = 1;
	/* MAP_FIXED_NOREPLACE refuses an occupied range. */
	char *again = mmap(hint, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	printf("MAP_FIXED_NOREPLACE over a mapping: %s\n", again == MAP_FAILED ? errno_name(errno) : "mapped");
	/* Many small mappings. */
	char *many[200];
	ok = 1;
	for (int i = 0; i < 200; i++) {
		many[i] = mmap(NULL, 4096 * (size_t)(1 + i % 3), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (many[i] == MAP_FAILED)
			ok = 0;
		else
			many[i][0] = (char)i;
	}
	for (int i = 0; i < 200; i++) {
		if (many[i] != MAP_FAILED) {
			ok &= many[i][0] == (char)i;
			munmap(many[i], 4096 * (size_t)(1 + i % 3));
		}
	}
	printf("200 small mappings: %s\n", ok ? "ok" : "failed");
	/* PROT_NONE reserve, then open part of it. */
	char *reserve = mmap(NULL, 16 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("PROT_NONE reservation faults: %d\n", faults(reserve + 4096));
	SHOW(mprotect(reserve + 4096, 4096, PROT_READ | PROT_WRITE));
	reserve[4096] = 5;
	printf("opened page: faults %d, value %d; its neighbour faults %d\n", faults(reserve + 4096), reserve[4096],
	       faults(reserve + 2 * 4096));
	return 0;
}

/* The program break: brk(0) reports it, raising it gives zeroed writable
 * memory, lowering it gives memory back, and impossible requests leave it
 * where it was. */
#include "common.h"

#include <setjmp.h>
#include <signal.h>

static sigjmp_buf recover;

static void on_fault(int signal)
{
	siglongjmp(recover, signal);
}

static long current_break(void)
{
	return syscall(SYS_brk, 0);
}

int main(void)
{
	signal(SIGSEGV, on_fault);
	long start = current_break();
	printf("break is above the program: %s\n", start > (long)(uintptr_t)&main ? "yes" : "no");
	long wanted = start + 10 * 4096 + 123;
	long got = syscall(SYS_brk, wanted);
	printf("raise by 40 KiB + 123: returns the new break %s\n", got == wanted ? "yes" : "no");
	char *heap = (char *)start;
	int zero = 1;
	for (long i = 0; i < wanted - start; i++)
		zero &= heap[i] == 0;
	printf("new memory zero: %s\n", zero ? "yes" : "no");
	memset(heap, 0x5a, (size_t)(wanted - start));
	printf("writable: yes\n");
	got = syscall(SYS_brk, start + 4096);
	printf("lower to one page: %s\n", got == start + 4096 ? "ok" : "refused");
	if (sigsetjmp(recover, 1) == 0) {
		heap[5 * 4096] = 1;
		printf("write above the lowered break: no fault\n");
	} else {
		printf("write above the lowered break: fault\n");
	}
	got = syscall(SYS_brk, start + 10 * 4096);
	printf("raise again: memory zero again: %s\n", heap[3 * 4096] == 0 ? "yes" : "no");
	printf("below the start of the heap: unchanged %s\n", syscall(SYS_brk, start - 4096 * 1000) == start + 10 * 4096 ? "yes" : "no");
	printf("a kernel address: unchanged %s\n", syscall(SYS_brk, 0xffff800000000000ull) == start + 10 * 4096 ? "yes" : "no");
	printf("1 TiB: unchanged %s\n", syscall(SYS_brk, start + (1ll << 40)) == start + 10 * 4096 ? "yes" : "no");
	/* A large heap, 64 MiB, touched page by page. */
	got = syscall(SYS_brk, start + (64 << 20));
	printf("raise by 64 MiB: %s\n", got == start + (64 << 20) ? "ok" : "refused");
	for (long i = 0; i < (64 << 20); i += 4096)
		heap[i] = (char)(i >> 12);
	int ok = 1;
	for (long i = 0; i < (64 << 20); i += 4096)
		ok &= heap[i] == (char)(i >> 12);
	printf("64 MiB heap intact: %s\n", ok ? "yes" : "no");
	syscall(SYS_brk, start);
	printf("back to the start: %s\n", current_break() == start ? "yes" : "no");
	/* malloc still works after all that. */
	char *m = malloc(1000);
	strcpy(m, "malloc works");
	printf("%s\n", m);
	return 0;
}

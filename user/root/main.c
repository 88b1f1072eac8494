/*
 * The root task. For now it shows user mode working and checks that the
 * nucleus refuses bad arguments; the argument (rdi) selects a behaviour for
 * the in-guest tests.
 */
#include "user/lib/strata.h"

enum root_mode { ROOT_NORMAL = 0, ROOT_FAULT = 1 };

int main(uint64_t mode);

int main(uint64_t mode)
{
	st_printf("root task: hello from user mode\n");

	long error = st_debug_write((const void *)0xffff800000000000ull, 16);
	st_printf("root task: debug_write(kernel address) -> %ld\n", error);
	error = st_debug_write((const void *)0x1000, 16);
	st_printf("root task: debug_write(unmapped) -> %ld\n", error);
	error = st_debug_write("x", ST_DEBUG_WRITE_MAX + 1);
	st_printf("root task: debug_write(too long) -> %ld\n", error);
	error = st_syscall2(12345, 1, 2);
	st_printf("root task: syscall 12345 -> %ld\n", error);

	/* SSE registers are the program's own (the nucleus saves them). */
	volatile double x = 1.5;
	st_printf("root task: 1.5 * 4 = %d\n", (int)(x * 4));

	if (mode == ROOT_FAULT) {
		st_printf("root task: touching address 0x10\n");
		volatile int *volatile bad = (volatile int *)0x10; /* hide it from the compiler */
		*bad = 1;
	}
	st_printf("root task: done\n");
	return 0;
}

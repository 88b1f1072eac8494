/*
 * The root task: the first program, holding every capability. It says what
 * it was given, loads the second program from boot module 1 into a new
 * process and starts it. Under the in-guest tests (test= on the kernel
 * command line) it also checks that the nucleus refuses bad arguments, and
 * for test=user_fault it faults on purpose.
 */
#include "lib/string.h"
#include "user/lib/alloc.h"
#include "user/lib/process.h"

int main(const struct st_bootinfo *bootinfo);

static void check_bad_arguments(void)
{
	long error = st_debug_write((const void *)0xffff800000000000ull, 16);
	st_printf("root task: debug_write(kernel address) -> %ld\n", error);
	error = st_debug_write((const void *)0x1000, 16);
	st_printf("root task: debug_write(unmapped) -> %ld\n", error);
	error = st_debug_write("x", ST_DEBUG_WRITE_MAX + 1);
	st_printf("root task: debug_write(too long) -> %ld\n", error);
	error = st_call(12345, 1, 2, 0, 0, 0, 0);
	st_printf("root task: syscall 12345 -> %ld\n", error);
	/* SSE registers are the program's own (the nucleus saves them). */
	volatile double x = 1.5;
	st_printf("root task: 1.5 * 4 = %d\n", (int)(x * 4));
}

static void start_second_program(const struct st_bootinfo *bootinfo)
{
	if (bootinfo->module_count == 0) {
		st_printf("root task: no second program (boot module 1) to start\n");
		return;
	}
	const struct st_bootinfo_module *module = &bootinfo->modules[0];
	const void *image = st_map_module(bootinfo, 0);
	struct st_process process;
	long error = image ? st_process_create(image, module->size, 8, "hello", &process) : ST_ERROR_NO_MEMORY;
	if (!error)
		error = st_process_start(&process, 42, ST_PRIORITY_MAX);
	if (error)
		st_printf("root task: cannot start \"%s\": %s\n", module->name, st_error_name(error));
	else
		st_printf("root task: started \"%s\" in a new process\n", module->name);
}

int main(const struct st_bootinfo *bootinfo)
{
	if (bootinfo->magic != ST_BOOTINFO_MAGIC)
		return 1;
	st_printf("root task: hello from user mode\n");
	st_printf("root task: %u untyped capabilities, %lu KiB; slots %u-%u free; %u module(s)\n",
		  bootinfo->untyped_count, bootinfo->untyped_bytes / 1024, bootinfo->first_free_slot,
		  (1u << bootinfo->cnode_size_bits) - 1, bootinfo->module_count);
	st_alloc_init(bootinfo);
	if (strstr(bootinfo->cmdline, "test="))
		check_bad_arguments();
	if (strstr(bootinfo->cmdline, "test=user_fault")) {
		st_printf("root task: touching address 0x10\n");
		volatile int *volatile bad = (volatile int *)0x10; /* hide it from the compiler */
		*bad = 1;
	}
	start_second_program(bootinfo);
	st_printf("root task: done\n");
	return 0;
}

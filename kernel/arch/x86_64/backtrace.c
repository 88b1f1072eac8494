#include "kernel/arch/x86_64/backtrace.h"

#include <stdbool.h>

#include "kernel/ksyms.h"
#include "kernel/printk.h"

#define BACKTRACE_MAX_FRAMES 32

/* All kernel stacks live in the image's .bss; a frame pointer outside it (or
 * misaligned, or not moving up the stack) ends the walk instead of faulting. */
extern const char kernel_data_start[], kernel_data_end[];

static bool frame_pointer_valid(uint64_t rbp)
{
	return rbp % 8 == 0 && rbp >= (uint64_t)kernel_data_start &&
	       rbp + 16 <= (uint64_t)kernel_data_end;
}

void print_code_address(uint64_t address)
{
	uint64_t offset;
	const char *name = ksym_lookup(address, &offset);
	if (name)
		kprintf("0x%016lx <%s+0x%lx>", address, name, offset);
	else
		kprintf("0x%016lx <?>", address);
}

void backtrace_print(uint64_t rbp, uint64_t rip)
{
	kprintf("backtrace:\n");
	int frame = 0;
	if (rip) {
		kprintf("  #%d ", frame++);
		print_code_address(rip);
		kprintf("\n");
	}
	while (frame < BACKTRACE_MAX_FRAMES && frame_pointer_valid(rbp)) {
		const uint64_t *record = (const uint64_t *)rbp;
		uint64_t return_address = record[1];
		if (return_address == 0)
			break;
		kprintf("  #%d ", frame++);
		print_code_address(return_address);
		kprintf("\n");
		if (record[0] <= rbp)
			break;
		rbp = record[0];
	}
}

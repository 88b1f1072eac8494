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

static void print_frame(int *frame, uint64_t address)
{
	kprintf("  #%d ", (*frame)++);
	print_code_address(address);
	kprintf("\n");
}

static void walk_frames(int frame, uint64_t rbp);

void backtrace_print(uint64_t rbp, uint64_t rip)
{
	kprintf("backtrace:\n");
	int frame = 0;
	if (rip)
		print_frame(&frame, rip);
	walk_frames(frame, rbp);
}

void backtrace_print_trap(uint64_t rbp, uint64_t rip, uint64_t rsp)
{
	kprintf("backtrace:\n");
	int frame = 0;
	print_frame(&frame, rip);
	uint64_t offset;
	if (ksym_lookup(rip, &offset) && offset == 0 && frame_pointer_valid(rsp))
		print_frame(&frame, *(const uint64_t *)rsp);
	walk_frames(frame, rbp);
}

static void walk_frames(int frame, uint64_t rbp)
{
	while (frame < BACKTRACE_MAX_FRAMES && frame_pointer_valid(rbp)) {
		const uint64_t *record = (const uint64_t *)rbp;
		uint64_t return_address = record[1];
		if (return_address == 0)
			break;
		print_frame(&frame, return_address);
		if (record[0] <= rbp)
			break;
		rbp = record[0];
	}
}

/* Physical memory accounting and the shape of the kernel's page tables. */
#include <stdint.h>

#include "kernel/arch/x86_64/cpu_features.h"
#include "kernel/arch/x86_64/paging.h"
#include "kernel/ktest.h"
#include "kernel/mm/layout.h"
#include "kernel/mm/page.h"
#include "kernel/mm/physical_memory.h"
#include "kernel/printk.h"
#include "lib/bitmap.h"

static int accounting_exact(void)
{
	const struct frame_allocator *f = &kernel_frames;
	uint64_t used_bits = 0;
	/* Recount from the bitmap: set bits inside usable ranges are used frames. */
	for (size_t i = 0; i < f->ranges.count; i++) {
		for (uint64_t phys = f->ranges.range[i].start; phys < f->ranges.range[i].end; phys += PAGE_SIZE)
			used_bits += bitmap_test(f->bitmap, (phys >> PAGE_SHIFT) - f->first_frame);
	}
	return f->free_frames + frame_used_count(f) == f->usable_frames &&
	       used_bits == frame_used_count(f) && phys_ranges_bytes(&f->ranges) / PAGE_SIZE == f->usable_frames;
}

/* Takes every free frame, chaining them through the direct map (which also
 * proves the direct map reaches all of them), then gives them all back. */
KTEST(frames_exact, KTEST_STAGE_LATE)
{
	struct frame_allocator *f = &kernel_frames;
	KCHECK(accounting_exact());
	uint64_t free_before = f->free_frames;
	uint64_t used_before = frame_used_count(f);
	kprintf("frames: %lu usable, %lu free, %lu used\n", f->usable_frames, free_before, used_before);

	uint64_t chain = 0, taken = 0, phys;
	while ((phys = frame_alloc(f))) {
		KCHECK(frame_is_usable(f, phys));
		KCHECK(phys < phys_window_limit());
		*(uint64_t *)phys_to_virt(phys) = chain;
		chain = phys;
		taken++;
	}
	KCHECK(taken == free_before);
	KCHECK(f->free_frames == 0);
	KCHECK(accounting_exact());
	KCHECK(frame_alloc(f) == 0);

	while (chain) {
		uint64_t next = *(uint64_t *)phys_to_virt(chain);
		KCHECK(frame_free(f, chain) == FRAME_OK);
		chain = next;
	}
	KCHECK(f->free_frames == free_before);
	KCHECK(frame_used_count(f) == used_before);
	KCHECK(accounting_exact());

	/* Misuse is refused and changes nothing. */
	uint64_t one = frame_alloc(f);
	KCHECK(one != 0);
	KCHECK(frame_free(f, one + 8) == FRAME_ERROR_UNALIGNED);
	KCHECK(frame_free(f, one) == FRAME_OK);
	KCHECK(frame_free(f, one) == FRAME_ERROR_NOT_ALLOCATED);
	KCHECK(frame_free(f, 0x1000) == FRAME_ERROR_NOT_USABLE);
	KCHECK(f->free_frames == free_before);
	KCHECK(accounting_exact());
	kprintf("frames: took and returned %lu frames\n", taken);
}

struct wx_scan {
	uint64_t leaves;
	uint64_t writable_and_executable;
	uint64_t user_accessible;
};

static void check_leaf(uint64_t virt, uint64_t entry, uint64_t size, void *context)
{
	struct wx_scan *scan = context;
	scan->leaves++;
	if ((entry & PTE_WRITABLE) && !(entry & PTE_NO_EXECUTE)) {
		scan->writable_and_executable++;
		kprintf("W+X mapping at 0x%lx (size 0x%lx, entry 0x%lx)\n", virt, size, entry);
	}
	if (entry & PTE_USER)
		scan->user_accessible++;
}

extern const char kernel_text_start[], kernel_rodata_start[], kernel_data_start[], boot_stack_guard[];

KTEST(kernel_mappings_wx, KTEST_STAGE_LATE)
{
	KCHECK(cpu_features.nx);
	struct wx_scan scan = { 0 };
	paging_walk_kernel(check_leaf, &scan);
	kprintf("kernel mappings: %lu leaves, %lu W+X, %lu user\n", scan.leaves, scan.writable_and_executable,
		scan.user_accessible);
	KCHECK(scan.leaves > 0);
	KCHECK(scan.writable_and_executable == 0);
	KCHECK(scan.user_accessible == 0);

	uint64_t size;
	uint64_t text = paging_lookup((uint64_t)kernel_text_start, &size);
	KCHECK(text && !(text & PTE_WRITABLE) && !(text & PTE_NO_EXECUTE));
	uint64_t rodata = paging_lookup((uint64_t)kernel_rodata_start, &size);
	KCHECK(rodata && !(rodata & PTE_WRITABLE) && (rodata & PTE_NO_EXECUTE));
	uint64_t data = paging_lookup((uint64_t)kernel_data_start, &size);
	KCHECK(data && (data & PTE_WRITABLE) && (data & PTE_NO_EXECUTE));
	KCHECK(paging_lookup((uint64_t)boot_stack_guard, &size) == 0);
	KCHECK(paging_lookup(0x100000, &size) == 0); /* the boot identity map is gone */
}

#include "kernel/mm/physical_memory.h"

#include "kernel/arch/x86_64/cpu_features.h"
#include "kernel/mm/layout.h"
#include "kernel/mm/page.h"
#include "kernel/printk.h"

struct frame_allocator kernel_frames;

/* Firmware, real-mode structures and the EBDA live below 1 MiB. */
#define LOW_MEMORY_END 0x100000ull

extern const char kernel_phys_start[], kernel_phys_end[];

static void print_memory_map(const struct boot_info *info)
{
	kprintf("memory map (%zu entries):\n", info->memmap_count);
	for (size_t i = 0; i < info->memmap_count; i++) {
		const struct memmap_entry *e = &info->memmap[i];
		kprintf("  0x%016lx + 0x%016lx %s\n", e->base, e->length, memmap_type_name(e->type));
	}
}

/* The lowest stretch of a usable range inside the boot window big enough for
 * the bitmap. */
static uint64_t find_bitmap_home(const struct phys_ranges *ranges, uint64_t bytes)
{
	for (size_t i = 0; i < ranges->count; i++) {
		uint64_t start = ranges->range[i].start;
		uint64_t end = ranges->range[i].end < BOOT_WINDOW_SIZE ? ranges->range[i].end : BOOT_WINDOW_SIZE;
		if (start < end && end - start >= bytes)
			return start;
	}
	return 0;
}

void physical_memory_init(const struct boot_info *info)
{
	struct phys_range reserved[2 + BOOT_MODULES_MAX];
	size_t reserved_count = 0;
	reserved[reserved_count++] = (struct phys_range){ 0, LOW_MEMORY_END };
	reserved[reserved_count++] = (struct phys_range){ (uint64_t)kernel_phys_start, (uint64_t)kernel_phys_end };
	for (size_t i = 0; i < info->module_count; i++)
		reserved[reserved_count++] = (struct phys_range){ info->modules[i].start, info->modules[i].end };

	uint64_t phys_limit = 1ull << cpu_features.physical_address_bits;
	static struct phys_ranges ranges;
	struct memmap_report report;
	int error = memmap_usable_ranges(info->memmap, info->memmap_count, reserved, reserved_count,
					 phys_limit, &ranges, &report);
	if (report.empty_entries || report.wrapping_entries || report.ignored_entries || report.truncated_entries)
		kprintf("memory map: ignored %zu empty entries, %zu wrapping past 2^64, %zu beyond the "
			"%u-bit physical limit; cut %zu at that limit\n",
			report.empty_entries, report.wrapping_entries, report.ignored_entries,
			cpu_features.physical_address_bits, report.truncated_entries);
	if (error) {
		print_memory_map(info);
		panic("memory map unusable: more than %d separate usable ranges", MEMMAP_MAX_RANGES);
	}
	if (ranges.count == 0) {
		print_memory_map(info);
		panic("memory map unusable: no usable memory above 1 MiB outside the kernel and modules "
		      "(%zu entries)", info->memmap_count);
	}

	uint64_t bitmap_bytes = frame_allocator_bitmap_bytes(&ranges);
	uint64_t bitmap_pages = page_align_up(bitmap_bytes) / PAGE_SIZE;
	uint64_t bitmap_phys = find_bitmap_home(&ranges, bitmap_pages * PAGE_SIZE);
	if (!bitmap_phys) {
		print_memory_map(info);
		panic("memory map unusable: no %lu KiB of usable memory in the first GiB for the frame "
		      "bitmap (memory spans 0x%lx-0x%lx)",
		      bitmap_pages * 4, ranges.range[0].start, ranges.range[ranges.count - 1].end);
	}
	error = frame_allocator_init(&kernel_frames, &ranges, phys_to_virt(bitmap_phys), bitmap_pages * PAGE_SIZE);
	if (!error)
		error = frame_claim(&kernel_frames, bitmap_phys, bitmap_pages);
	if (error)
		panic("frame allocator: %s", frame_error_name(error));
}

void physical_memory_window_moved(uint64_t old_base, uint64_t new_base)
{
	kernel_frames.bitmap = (uint64_t *)((uint64_t)kernel_frames.bitmap - old_base + new_base);
}

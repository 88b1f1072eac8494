#include "kernel/arch/x86_64/paging.h"

#include <stdbool.h>

#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/cpu_features.h"
#include "kernel/arch/x86_64/segments.h"
#include "kernel/mm/layout.h"
#include "kernel/mm/page.h"
#include "kernel/mm/physical_memory.h"
#include "kernel/printk.h"
#include "lib/string.h"

extern const char kernel_text_start[], kernel_text_end[];
extern const char kernel_rodata_start[], kernel_rodata_end[];
extern const char kernel_data_start[], kernel_data_end[];
extern const char boot_stack_guard[], kernel_trap_stack_guard[];

static uint64_t window_base = KERNEL_VMA;
static uint64_t window_limit = BOOT_WINDOW_SIZE;
static uint64_t *kernel_pml4;
static uint64_t mmio_next = MMIO_BASE;
static uint64_t no_execute; /* PTE_NO_EXECUTE if NX is on, else 0 (the bit would be reserved) */

void *phys_to_virt(uint64_t phys)
{
	return (void *)(window_base + phys);
}

uint64_t phys_window_limit(void)
{
	return window_limit;
}

static uint64_t *new_table(void)
{
	uint64_t phys = frame_alloc_below(&kernel_frames, window_limit);
	if (!phys)
		panic("paging: out of memory for page tables");
	uint64_t *table = phys_to_virt(phys);
	memset(table, 0, PAGE_SIZE);
	return table;
}

static uint64_t table_phys(const uint64_t *table)
{
	return (uint64_t)table - window_base;
}

static unsigned table_index(uint64_t virt, int level)
{
	return (virt >> (PAGE_SHIFT + 9 * (level - 1))) & 511;
}

/* The table at 'level' (1 = page table) covering virt, created on the way. */
static uint64_t *walk_create(uint64_t virt, int level)
{
	uint64_t *table = kernel_pml4;
	for (int current = 4; current > level; current--) {
		uint64_t *entry = &table[table_index(virt, current)];
		if (!(*entry & PTE_PRESENT)) {
			uint64_t *next = new_table();
			/* Intermediate entries allow everything; leaves restrict. */
			*entry = table_phys(next) | PTE_PRESENT | PTE_WRITABLE;
		} else if (*entry & PTE_LARGE) {
			panic("paging: 0x%lx already mapped by a large page", virt);
		}
		table = phys_to_virt(*entry & PTE_ADDRESS_MASK);
	}
	return table;
}

static void map_page(uint64_t virt, uint64_t phys, uint64_t size, uint64_t flags)
{
	int level = size == HUGE_PAGE_SIZE ? 3 : size == LARGE_PAGE_SIZE ? 2 : 1;
	uint64_t *table = walk_create(virt, level);
	uint64_t leaf = phys | flags | PTE_PRESENT | (level > 1 ? PTE_LARGE : 0);
	uint64_t *entry = &table[table_index(virt, level)];
	if (*entry & PTE_PRESENT)
		panic("paging: 0x%lx mapped twice", virt);
	*entry = leaf;
}

/* Maps [phys, phys + length) at virt with the largest pages alignment allows. */
static void map_range(uint64_t virt, uint64_t phys, uint64_t length, uint64_t flags)
{
	uint64_t end = phys + length;
	while (phys < end) {
		uint64_t size = PAGE_SIZE;
		if (cpu_features.huge_pages && phys % HUGE_PAGE_SIZE == 0 && virt % HUGE_PAGE_SIZE == 0 &&
		    end - phys >= HUGE_PAGE_SIZE)
			size = HUGE_PAGE_SIZE;
		else if (phys % LARGE_PAGE_SIZE == 0 && virt % LARGE_PAGE_SIZE == 0 && end - phys >= LARGE_PAGE_SIZE)
			size = LARGE_PAGE_SIZE;
		map_page(virt, phys, size, flags);
		virt += size;
		phys += size;
	}
}

static bool is_guard_page(uint64_t virt)
{
	if (virt == (uint64_t)boot_stack_guard || virt == (uint64_t)kernel_trap_stack_guard)
		return true;
	for (int i = 0; i < IST_COUNT; i++) {
		if (virt == (uint64_t)ist_stacks[i].guard)
			return true;
	}
	return false;
}

static void map_kernel_section(const char *start, const char *end, uint64_t flags)
{
	for (uint64_t virt = (uint64_t)start; virt < (uint64_t)end; virt += PAGE_SIZE) {
		if (!is_guard_page(virt))
			map_page(virt, virt - KERNEL_VMA, PAGE_SIZE, flags | PTE_GLOBAL);
	}
}

static bool is_ram(uint32_t type)
{
	return type == MEMMAP_USABLE || type == MEMMAP_ACPI_RECLAIMABLE || type == MEMMAP_ACPI_NVS;
}

/* Adds [start, end) to a sorted, merged list of page-aligned ranges. */
static void direct_map_add(struct phys_ranges *ranges, uint64_t start, uint64_t end, uint64_t limit)
{
	if (end > limit)
		end = limit;
	start = page_align_down(start);
	end = page_align_up(end);
	if (start >= end)
		return;
	struct memmap_entry entry = { start, end - start, MEMMAP_USABLE };
	/* Reuse the memory-map merger: the old ranges plus this one. Static:
	 * too big for the boot stack, and paging_init runs once. */
	static struct phys_ranges merged;
	static struct memmap_entry all[MEMMAP_MAX_RANGES + 1];
	size_t count = 0;
	for (size_t i = 0; i < ranges->count; i++)
		all[count++] = (struct memmap_entry){ ranges->range[i].start,
						      ranges->range[i].end - ranges->range[i].start, MEMMAP_USABLE };
	all[count++] = entry;
	if (memmap_usable_ranges(all, count, NULL, 0, limit, &merged, NULL) == MEMMAP_OK)
		*ranges = merged;
}

void paging_init(const struct boot_info *info)
{
	no_execute = cpu_features.nx ? PTE_NO_EXECUTE : 0;
	kernel_pml4 = new_table();

	/* The direct map covers RAM only (never device memory as write-back),
	 * plus the kernel image and the modules wherever the loader put them. */
	uint64_t limit = 1ull << cpu_features.physical_address_bits;
	static struct phys_ranges ram;
	ram.count = 0;
	for (size_t i = 0; i < info->memmap_count; i++) {
		const struct memmap_entry *e = &info->memmap[i];
		if (is_ram(e->type) && e->length && e->base < limit)
			direct_map_add(&ram, e->base, e->base + e->length < e->base ? limit : e->base + e->length, limit);
	}
	direct_map_add(&ram, (uint64_t)kernel_text_start - KERNEL_VMA, (uint64_t)kernel_data_end - KERNEL_VMA, limit);
	for (size_t i = 0; i < info->module_count; i++)
		direct_map_add(&ram, info->modules[i].start, info->modules[i].end, limit);

	uint64_t highest = 0;
	for (size_t i = 0; i < ram.count; i++) {
		map_range(DIRECT_MAP_BASE + ram.range[i].start, ram.range[i].start,
			  ram.range[i].end - ram.range[i].start, PTE_WRITABLE | PTE_GLOBAL | no_execute);
		highest = ram.range[i].end;
	}

	/* W^X: code is never writable, data is never executable. */
	map_kernel_section(kernel_text_start, kernel_text_end, 0);
	map_kernel_section(kernel_rodata_start, kernel_rodata_end, no_execute);
	map_kernel_section(kernel_data_start, kernel_data_end, PTE_WRITABLE | no_execute);

	write_cr3(table_phys(kernel_pml4));
	physical_memory_window_moved(window_base, DIRECT_MAP_BASE);
	window_base = DIRECT_MAP_BASE;
	window_limit = highest;
	kernel_pml4 = phys_to_virt(read_cr3() & PTE_ADDRESS_MASK);
}

void *paging_map_mmio(uint64_t phys, uint64_t size)
{
	uint64_t offset = phys & (PAGE_SIZE - 1);
	uint64_t virt = mmio_next;
	uint64_t pages = page_align_up(offset + size) / PAGE_SIZE;
	for (uint64_t i = 0; i < pages; i++)
		map_page(virt + i * PAGE_SIZE, page_align_down(phys) + i * PAGE_SIZE, PAGE_SIZE,
			 PTE_WRITABLE | PTE_CACHE_DISABLE | PTE_WRITE_THROUGH | PTE_GLOBAL | no_execute);
	mmio_next += (pages + 1) * PAGE_SIZE; /* an unmapped page between mappings */
	return (void *)(virt + offset);
}

uint64_t paging_new_address_space(void)
{
	uint64_t phys = frame_alloc(&kernel_frames);
	if (!phys)
		return 0;
	uint64_t *root = phys_to_virt(phys);
	memset(root, 0, PAGE_SIZE / 2);
	memcpy(root + 256, kernel_pml4 + 256, PAGE_SIZE / 2); /* the kernel half */
	return phys;
}

int paging_map_user_page(uint64_t address_space, uint64_t virt, uint64_t phys, uint64_t flags)
{
	if (virt >= USER_ADDRESS_LIMIT || (virt & (PAGE_SIZE - 1)))
		return -1;
	uint64_t *table = phys_to_virt(address_space);
	for (int level = 4; level > 1; level--) {
		uint64_t *entry = &table[table_index(virt, level)];
		if (!(*entry & PTE_PRESENT)) {
			uint64_t next = frame_alloc(&kernel_frames);
			if (!next)
				return -1;
			memset(phys_to_virt(next), 0, PAGE_SIZE);
			*entry = next | PTE_PRESENT | PTE_WRITABLE | PTE_USER;
		}
		table = phys_to_virt(*entry & PTE_ADDRESS_MASK);
	}
	uint64_t *leaf = &table[table_index(virt, 1)];
	if (*leaf & PTE_PRESENT)
		return -1;
	/* Without NX the bit is reserved: drop it (the CPU cannot honour it). */
	*leaf = phys | (flags & ~PTE_NO_EXECUTE) | ((flags & PTE_NO_EXECUTE) ? no_execute : 0) | PTE_PRESENT |
		PTE_USER;
	return 0;
}

uint64_t paging_lookup_in(uint64_t address_space, uint64_t virt)
{
	const uint64_t *table = phys_to_virt(address_space);
	for (int level = 4; level >= 1; level--) {
		uint64_t entry = table[table_index(virt, level)];
		if (!(entry & PTE_PRESENT))
			return 0;
		if (level == 1 || (level <= 3 && (entry & PTE_LARGE)))
			return entry;
		table = phys_to_virt(entry & PTE_ADDRESS_MASK);
	}
	return 0;
}

uint64_t paging_lookup(uint64_t virt, uint64_t *page_size)
{
	const uint64_t *table = phys_to_virt(read_cr3() & PTE_ADDRESS_MASK);
	for (int level = 4; level >= 1; level--) {
		uint64_t entry = table[table_index(virt, level)];
		if (!(entry & PTE_PRESENT))
			return 0;
		if (level == 1 || (level <= 3 && (entry & PTE_LARGE))) {
			*page_size = (uint64_t)1 << (PAGE_SHIFT + 9 * (level - 1));
			return entry;
		}
		table = phys_to_virt(entry & PTE_ADDRESS_MASK);
	}
	return 0;
}

static void walk_table(const uint64_t *table, int level, uint64_t base,
		       void (*visit)(uint64_t, uint64_t, uint64_t, void *), void *context)
{
	uint64_t span = (uint64_t)1 << (PAGE_SHIFT + 9 * (level - 1));
	for (unsigned i = 0; i < 512; i++) {
		uint64_t entry = table[i];
		if (!(entry & PTE_PRESENT))
			continue;
		uint64_t virt = base + i * span;
		if (level == 4)
			virt = (virt & (1ull << 47)) ? (virt | 0xffff000000000000ull) : virt;
		if (level == 1 || (level <= 3 && (entry & PTE_LARGE)))
			visit(virt, entry, span, context);
		else
			walk_table(phys_to_virt(entry & PTE_ADDRESS_MASK), level - 1, virt, visit, context);
	}
}

void paging_walk_kernel(void (*visit)(uint64_t virt, uint64_t entry, uint64_t size, void *context),
			void *context)
{
	const uint64_t *pml4 = phys_to_virt(read_cr3() & PTE_ADDRESS_MASK);
	for (unsigned i = 256; i < 512; i++) {
		if (!(pml4[i] & PTE_PRESENT))
			continue;
		uint64_t virt = 0xffff000000000000ull | ((uint64_t)i << 39);
		walk_table(phys_to_virt(pml4[i] & PTE_ADDRESS_MASK), 3, virt, visit, context);
	}
}

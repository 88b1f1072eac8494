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
		return NULL;
	uint64_t *table = phys_to_virt(phys);
	memset(table, 0, PAGE_SIZE);
	return table;
}

static uint64_t table_phys(const uint64_t *table)
{
	return (uint64_t)table - window_base;
}

/* Turns a request for "not executable" into the CPU's bit, or nothing
 * where there is no NX (the bit would be reserved). */
static uint64_t leaf_flags(uint64_t flags)
{
	return (flags & ~PTE_NO_EXECUTE) | ((flags & PTE_NO_EXECUTE) ? no_execute : 0);
}

/* The table at 'level' (1 = page table) covering virt under root, created on
 * the way with table_flags; NULL when out of memory or a large page is in
 * the way. Intermediate entries allow everything; leaves restrict. */
static uint64_t *walk_create(uint64_t *root, uint64_t virt, int level, uint64_t table_flags)
{
	uint64_t *table = root;
	for (int current = 4; current > level; current--) {
		uint64_t *entry = &table[page_table_index(virt, current)];
		if (!(*entry & PTE_PRESENT)) {
			uint64_t *next = new_table();
			if (!next)
				return NULL;
			*entry = table_phys(next) | PTE_PRESENT | table_flags;
		} else if (*entry & PTE_LARGE) {
			return NULL;
		}
		table = phys_to_virt(*entry & PTE_ADDRESS_MASK);
	}
	return table;
}

/* Maps one page of the given size; false if no table or already mapped. */
static bool map_page_in(uint64_t *root, uint64_t virt, uint64_t phys, uint64_t size, uint64_t flags,
			uint64_t table_flags)
{
	int level = size == HUGE_PAGE_SIZE ? 3 : size == LARGE_PAGE_SIZE ? 2 : 1;
	uint64_t *table = walk_create(root, virt, level, table_flags);
	if (!table)
		return false;
	uint64_t *entry = &table[page_table_index(virt, level)];
	if (*entry & PTE_PRESENT)
		return false;
	*entry = phys | leaf_flags(flags) | PTE_PRESENT | (level > 1 ? PTE_LARGE : 0);
	return true;
}

/* The nucleus's own mappings: failure is a nucleus bug or no memory at boot. */
static void map_page(uint64_t virt, uint64_t phys, uint64_t size, uint64_t flags)
{
	if (!map_page_in(kernel_pml4, virt, phys, size, flags, PTE_WRITABLE))
		panic("paging: cannot map 0x%lx (out of memory, or mapped twice)", virt);
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

/* [start, end) grown to whole pages, as a usable entry for the merger. */
static struct memmap_entry whole_pages(uint64_t start, uint64_t end, uint64_t limit)
{
	if (end < start || end > limit)
		end = limit;
	uint64_t base = page_align_down(start);
	return (struct memmap_entry){ base, page_align_up(end) - base, MEMMAP_USABLE };
}

void paging_init(const struct boot_info *info)
{
	no_execute = cpu_features.nx ? PTE_NO_EXECUTE : 0;
	kernel_pml4 = new_table();
	if (!kernel_pml4)
		panic("paging: out of memory for page tables");

	/* The direct map covers RAM only (never device memory as write-back),
	 * plus the kernel image and the modules wherever the loader put them;
	 * the memory-map merger sorts and joins them. Static: too big for the
	 * boot stack, and paging_init runs once. */
	uint64_t limit = 1ull << cpu_features.physical_address_bits;
	static struct memmap_entry pieces[BOOT_MEMMAP_MAX + 1 + BOOT_MODULES_MAX];
	static struct phys_ranges ram;
	size_t count = 0;
	for (size_t i = 0; i < info->memmap_count; i++) {
		const struct memmap_entry *e = &info->memmap[i];
		if (is_ram(e->type) && e->length && e->base < limit)
			pieces[count++] = whole_pages(e->base, e->base + e->length, limit);
	}
	pieces[count++] = whole_pages((uint64_t)kernel_text_start - KERNEL_VMA, (uint64_t)kernel_data_end - KERNEL_VMA,
				      limit);
	for (size_t i = 0; i < info->module_count; i++)
		pieces[count++] = whole_pages(info->modules[i].start, info->modules[i].end, limit);
	if (memmap_usable_ranges(pieces, count, NULL, 0, limit, &ram, NULL) != MEMMAP_OK)
		panic("paging: memory too fragmented for the direct map");

	uint64_t highest = 0;
	for (size_t i = 0; i < ram.count; i++) {
		map_range(DIRECT_MAP_BASE + ram.range[i].start, ram.range[i].start,
			  ram.range[i].end - ram.range[i].start, PTE_WRITABLE | PTE_GLOBAL | PTE_NO_EXECUTE);
		highest = ram.range[i].end;
	}

	/* W^X: code is never writable, data is never executable. */
	map_kernel_section(kernel_text_start, kernel_text_end, 0);
	map_kernel_section(kernel_rodata_start, kernel_rodata_end, PTE_NO_EXECUTE);
	map_kernel_section(kernel_data_start, kernel_data_end, PTE_WRITABLE | PTE_NO_EXECUTE);

	/* Every address space shares the kernel half's top-level entries as they
	 * are when it is made, so make now the one later MMIO mappings need. */
	if (!walk_create(kernel_pml4, MMIO_BASE, 3, PTE_WRITABLE))
		panic("paging: out of memory for page tables");

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
			 PTE_WRITABLE | PTE_CACHE_DISABLE | PTE_WRITE_THROUGH | PTE_GLOBAL | PTE_NO_EXECUTE);
	mmio_next += (pages + 1) * PAGE_SIZE; /* an unmapped page between mappings */
	return (void *)(virt + offset);
}

void paging_share_kernel_half(uint64_t *root)
{
	memcpy(root + 256, kernel_pml4 + 256, PAGE_SIZE / 2);
}

uint64_t paging_kernel_root(void)
{
	return table_phys(kernel_pml4);
}

uint64_t paging_no_execute(void)
{
	return no_execute;
}

/* The leaf entry for virt under the top-level table at root, and its size. */
static uint64_t lookup_leaf(uint64_t root, uint64_t virt, uint64_t *page_size)
{
	const uint64_t *table = phys_to_virt(root);
	for (int level = 4; level >= 1; level--) {
		uint64_t entry = table[page_table_index(virt, level)];
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

uint64_t paging_lookup(uint64_t virt, uint64_t *page_size)
{
	return lookup_leaf(read_cr3() & PTE_ADDRESS_MASK, virt, page_size);
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

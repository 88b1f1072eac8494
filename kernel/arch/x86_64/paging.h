/* The kernel's page tables: direct map, W^X kernel image, MMIO window. */
#ifndef KERNEL_ARCH_X86_64_PAGING_H
#define KERNEL_ARCH_X86_64_PAGING_H

#include <stdint.h>

#include "kernel/boot_info.h"

#define PTE_PRESENT (1ull << 0)
#define PTE_WRITABLE (1ull << 1)
#define PTE_USER (1ull << 2)
#define PTE_WRITE_THROUGH (1ull << 3)
#define PTE_CACHE_DISABLE (1ull << 4)
#define PTE_LARGE (1ull << 7) /* 2 MiB in a PD, 1 GiB in a PDPT */
#define PTE_GLOBAL (1ull << 8)
#define PTE_NO_EXECUTE (1ull << 63)
#define PTE_ADDRESS_MASK 0x000ffffffffff000ull

/* Index of virt's entry in its table at level (4: top, 1: page table). */
static inline unsigned page_table_index(uint64_t virt, int level)
{
	return (virt >> (12 + 9 * (level - 1))) & 511;
}

/* Bytes one entry at this level maps. */
static inline uint64_t page_table_entry_span(int level)
{
	return 1ull << (12 + 9 * (level - 1));
}

/* Builds the kernel page tables and switches to them. After this the boot
 * identity map is gone and phys_to_virt uses the direct map. */
void paging_init(const struct boot_info *info);

/* Maps device registers uncached; returns their virtual address. */
void *paging_map_mmio(uint64_t phys, uint64_t size);

/* The leaf entry mapping virt in the current tables, and its level's page
 * size in *page_size; 0 if unmapped. */
uint64_t paging_lookup(uint64_t virt, uint64_t *page_size);

/* Calls visit for every present leaf mapping in the upper (kernel) half. */
void paging_walk_kernel(void (*visit)(uint64_t virt, uint64_t entry, uint64_t size, void *context),
			void *context);

/* Copies the kernel's half of the top-level table into an address space's. */
void paging_share_kernel_half(uint64_t *root);

/* The kernel's own top-level table (for when no address space is left). */
uint64_t paging_kernel_root(void);

/* PTE_NO_EXECUTE where the CPU has NX, else 0 (the bit would be reserved). */
uint64_t paging_no_execute(void);

#endif

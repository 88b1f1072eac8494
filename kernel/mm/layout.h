/* The kernel's virtual address layout. */
#ifndef KERNEL_MM_LAYOUT_H
#define KERNEL_MM_LAYOUT_H

#include <stdint.h>

/* The kernel image: virtual = KERNEL_VMA + physical (the top 2 GiB, as
 * -mcmodel=kernel requires). */
#define KERNEL_VMA 0xffffffff80000000ull
/* All of physical memory, at DIRECT_MAP_BASE + physical, once paging_init ran. */
#define DIRECT_MAP_BASE 0xffff800000000000ull
/* Device registers, mapped uncached on demand. */
#define MMIO_BASE 0xffffc00000000000ull
/* What boot.S maps: the first GiB, at 0 and at KERNEL_VMA. */
#define BOOT_WINDOW_SIZE 0x40000000ull

/* Physical to virtual through whichever window is current (boot window
 * before paging_init, the direct map after). */
void *phys_to_virt(uint64_t phys);
/* The end of the physical memory phys_to_virt can reach now. */
uint64_t phys_window_limit(void);

/* phys_to_virt once paging_init ran (always, by the time user code runs),
 * without the call: for the IPC fastpath. */
static inline void *direct_map(uint64_t phys)
{
	return (void *)(DIRECT_MAP_BASE + phys);
}

static inline uint64_t kernel_image_virt_to_phys(const void *p)
{
	return (uint64_t)p - KERNEL_VMA;
}

#endif

/* Page sizes and alignment helpers. */
#ifndef KERNEL_MM_PAGE_H
#define KERNEL_MM_PAGE_H

#include <stdint.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE ((uint64_t)1 << PAGE_SHIFT)
#define LARGE_PAGE_SIZE ((uint64_t)1 << 21)
#define HUGE_PAGE_SIZE ((uint64_t)1 << 30)

static inline uint64_t page_align_down(uint64_t address)
{
	return address & ~(PAGE_SIZE - 1);
}

/* Callers keep address below 2^64 - PAGE_SIZE (physical addresses always are). */
static inline uint64_t page_align_up(uint64_t address)
{
	return (address + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

#endif

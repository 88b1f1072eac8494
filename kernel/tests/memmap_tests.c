/*
 * Hostile memory maps: each replaces the loader's map before the nucleus
 * uses it. Boot must stop with a clear panic, never hang or triple fault;
 * tests/guest/tests.list checks the message.
 */
#include "kernel/ktest.h"

KTEST_BOOT_MUST_STOP(memmap_empty)
{
	info->memmap_count = 0;
}

KTEST_BOOT_MUST_STOP(memmap_all_reserved)
{
	for (size_t i = 0; i < info->memmap_count; i++)
		info->memmap[i].type = MEMMAP_RESERVED;
}

/* Sizes that wrap around 2^64 or lie beyond any physical address, and RAM
 * claimed only where the kernel itself sits. */
KTEST_BOOT_MUST_STOP(memmap_absurd)
{
	info->memmap[0] = (struct memmap_entry){ 0xfffffffffffff000ull, 0x10000000ull, MEMMAP_USABLE };
	info->memmap[1] = (struct memmap_entry){ 0x200000, 0xffffffffffff0000ull, MEMMAP_USABLE };
	info->memmap[2] = (struct memmap_entry){ 1ull << 62, 1ull << 62, MEMMAP_USABLE };
	info->memmap[3] = (struct memmap_entry){ 0x100000, 0x20000, MEMMAP_USABLE }; /* inside the kernel */
	info->memmap[4] = (struct memmap_entry){ 0x1000, 0, MEMMAP_USABLE };
	info->memmap_count = 5;
}

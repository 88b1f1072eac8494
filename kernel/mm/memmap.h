/*
 * Turning a firmware memory map into the list of physical ranges the kernel
 * may allocate from.
 *
 * Firmware maps can be unsorted, overlapping, unaligned, or absurd. The rules:
 * a byte is usable only if some entry says usable and no entry says anything
 * else (reserved wins), it lies below the physical address limit, and it is in
 * none of the caller's reserved ranges (kernel image, boot modules, low MiB).
 * Usable ranges shrink inward to page boundaries; holes grow outward. A
 * usable entry whose end wraps past 2^64 says nothing trustworthy and is
 * ignored; a non-usable one blocks everything from its base up.
 * Pure computation: also built on the host for unit tests.
 */
#ifndef KERNEL_MM_MEMMAP_H
#define KERNEL_MM_MEMMAP_H

#include <stddef.h>
#include <stdint.h>

/* E820 numbering, which both Multiboot and PVH use. */
enum memmap_type {
	MEMMAP_USABLE = 1,
	MEMMAP_RESERVED = 2,
	MEMMAP_ACPI_RECLAIMABLE = 3,
	MEMMAP_ACPI_NVS = 4,
	MEMMAP_BAD = 5,
};

struct memmap_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
};

/* [start, end), page aligned. */
struct phys_range {
	uint64_t start;
	uint64_t end;
};

#define MEMMAP_MAX_RANGES 256

struct phys_ranges {
	size_t count;
	struct phys_range range[MEMMAP_MAX_RANGES];
};

/* What was wrong with the map, for the boot log. */
struct memmap_report {
	size_t empty_entries;     /* zero length: ignored */
	size_t wrapping_entries;  /* base + length past 2^64, nonsense: ignored */
	size_t ignored_entries;   /* wholly above the physical limit */
	size_t truncated_entries; /* reaching past the physical limit: cut there */
};

enum memmap_error {
	MEMMAP_OK = 0,
	MEMMAP_ERROR_TOO_MANY_RANGES = -1,
	MEMMAP_ERROR_BAD_LIMIT = -2,
};

/* phys_limit: one past the highest physical address the CPU can use (page
 * aligned, nonzero). report may be NULL. Returns MEMMAP_OK or an error. */
int memmap_usable_ranges(const struct memmap_entry *entries, size_t entry_count,
			 const struct phys_range *reserved, size_t reserved_count,
			 uint64_t phys_limit, struct phys_ranges *out, struct memmap_report *report);

/* Total bytes in the ranges. */
uint64_t phys_ranges_bytes(const struct phys_ranges *ranges);

const char *memmap_type_name(uint32_t type);

#endif

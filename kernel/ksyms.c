#include "kernel/ksyms.h"

#include <stddef.h>

struct ksym {
	uint64_t address;
	const char *name;
};

/* Sorted by address; see tools/gen-ksyms. */
extern const uint64_t ksym_count;
extern const struct ksym ksym_table[];
extern const char kernel_text_start[], kernel_text_end[];

const char *ksym_lookup(uint64_t address, uint64_t *offset)
{
	if (address < (uint64_t)kernel_text_start || address >= (uint64_t)kernel_text_end || ksym_count == 0)
		return NULL;
	/* The last symbol at or below address. */
	size_t low = 0, high = ksym_count;
	while (high - low > 1) {
		size_t middle = low + (high - low) / 2;
		if (ksym_table[middle].address <= address)
			low = middle;
		else
			high = middle;
	}
	if (ksym_table[low].address > address)
		return NULL;
	*offset = address - ksym_table[low].address;
	return ksym_table[low].name;
}

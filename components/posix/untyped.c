#include "components/posix/untyped.h"

struct untyped {
	uint32_t slot;
	uint8_t size_bits;
	/* The smallest object size (log2) a retype failed for: nothing that
	 * large or larger is tried here again (memory only ever runs out). */
	uint8_t failed_bits;
	uint64_t used; /* bytes handed out, as far as we know */
};

static struct untyped untypeds[ST_BOOTINFO_UNTYPED_MAX];
static unsigned untyped_count;
static uint64_t total_bytes, used_bytes;

void untyped_init(const struct st_bootinfo *bootinfo)
{
	untyped_count = bootinfo->untyped_count;
	/* Smallest blocks first: they are used up before the big ones are
	 * broken into, which keeps large aligned blocks for CNodes. */
	for (unsigned i = 0; i < untyped_count; i++) {
		untypeds[i].slot = bootinfo->untyped[i].slot;
		untypeds[i].size_bits = bootinfo->untyped[i].size_bits;
		untypeds[i].failed_bits = 64;
		untypeds[i].used = 0;
		total_bytes += 1ull << untypeds[i].size_bits;
	}
	for (unsigned i = 1; i < untyped_count; i++) {
		struct untyped u = untypeds[i];
		unsigned j = i;
		for (; j > 0 && untypeds[j - 1].size_bits > u.size_bits; j--)
			untypeds[j] = untypeds[j - 1];
		untypeds[j] = u;
	}
}

long untyped_retype(unsigned type, unsigned size_bits, uint64_t dest)
{
	unsigned bits = st_object_size_bits(type, size_bits);
	for (unsigned i = 0; i < untyped_count; i++) {
		struct untyped *u = &untypeds[i];
		if (bits >= u->failed_bits || bits > u->size_bits)
			continue;
		long error = st_untyped_retype(u->slot, type, size_bits, dest, 1);
		if (error == ST_OK) {
			u->used += 1ull << bits;
			used_bytes += 1ull << bits;
			return ST_OK;
		}
		if (error != ST_ERROR_NO_MEMORY)
			return error;
		u->failed_bits = (uint8_t)bits;
	}
	return ST_ERROR_NO_MEMORY;
}

uint64_t untyped_free_bytes(void)
{
	return total_bytes - used_bytes;
}

uint64_t untyped_total_bytes(void)
{
	return total_bytes;
}

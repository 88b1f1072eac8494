#include "lib/bitmap.h"

void bitmap_set_range(uint64_t *map, size_t first, size_t count)
{
	for (size_t bit = first; bit < first + count;) {
		if (bit % BITMAP_WORD_BITS == 0 && first + count - bit >= BITMAP_WORD_BITS) {
			map[bit / BITMAP_WORD_BITS] = ~(uint64_t)0;
			bit += BITMAP_WORD_BITS;
		} else {
			bitmap_set(map, bit++);
		}
	}
}

void bitmap_clear_range(uint64_t *map, size_t first, size_t count)
{
	for (size_t bit = first; bit < first + count;) {
		if (bit % BITMAP_WORD_BITS == 0 && first + count - bit >= BITMAP_WORD_BITS) {
			map[bit / BITMAP_WORD_BITS] = 0;
			bit += BITMAP_WORD_BITS;
		} else {
			bitmap_clear(map, bit++);
		}
	}
}

size_t bitmap_find_clear(const uint64_t *map, size_t start, size_t limit)
{
	size_t bit = start;
	while (bit < limit) {
		uint64_t word = map[bit / BITMAP_WORD_BITS];
		/* Treat bits below 'bit' in this word as set, then look for a zero. */
		uint64_t free_bits = ~word & (~(uint64_t)0 << (bit % BITMAP_WORD_BITS));
		if (free_bits) {
			size_t found = (bit & ~(size_t)(BITMAP_WORD_BITS - 1)) + (size_t)__builtin_ctzll(free_bits);
			return found < limit ? found : BITMAP_NONE;
		}
		bit = (bit | (BITMAP_WORD_BITS - 1)) + 1;
	}
	return BITMAP_NONE;
}

/* Not __builtin_popcountll: without -mpopcnt it calls into libgcc, which the
 * freestanding nucleus does not link. */
static size_t popcount64(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ull);
	x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (size_t)((x * 0x0101010101010101ull) >> 56);
}

size_t bitmap_count_set(const uint64_t *map, size_t limit)
{
	size_t count = 0;
	size_t full_words = limit / BITMAP_WORD_BITS;
	for (size_t i = 0; i < full_words; i++)
		count += popcount64(map[i]);
	for (size_t bit = full_words * BITMAP_WORD_BITS; bit < limit; bit++)
		count += bitmap_test(map, bit);
	return count;
}

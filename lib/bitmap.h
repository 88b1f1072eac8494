/* Bit arrays stored as 64-bit words; bit i lives in word i/64, bit i%64. */
#ifndef LIB_BITMAP_H
#define LIB_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BITMAP_WORD_BITS 64
#define BITMAP_WORDS(bits) (((bits) + BITMAP_WORD_BITS - 1) / BITMAP_WORD_BITS)
#define BITMAP_NONE ((size_t)-1)

static inline bool bitmap_test(const uint64_t *map, size_t bit)
{
	return (map[bit / BITMAP_WORD_BITS] >> (bit % BITMAP_WORD_BITS)) & 1;
}

static inline void bitmap_set(uint64_t *map, size_t bit)
{
	map[bit / BITMAP_WORD_BITS] |= (uint64_t)1 << (bit % BITMAP_WORD_BITS);
}

static inline void bitmap_clear(uint64_t *map, size_t bit)
{
	map[bit / BITMAP_WORD_BITS] &= ~((uint64_t)1 << (bit % BITMAP_WORD_BITS));
}

/* Sets or clears bits [first, first + count). */
void bitmap_set_range(uint64_t *map, size_t first, size_t count);
void bitmap_clear_range(uint64_t *map, size_t first, size_t count);

/* The first clear bit at or after start and below limit, or BITMAP_NONE. */
size_t bitmap_find_clear(const uint64_t *map, size_t start, size_t limit);

/* Number of set bits in [0, limit). */
size_t bitmap_count_set(const uint64_t *map, size_t limit);

#endif

/*
 * lib/bitmap.c against a plain bool-per-bit reference. Bitmaps are heap
 * allocated at their exact word count so ASan catches any access to a word
 * the bit range does not include.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"

#include "lib/bitmap.h"

static uint64_t *bitmap_new(size_t bits)
{
	size_t words = BITMAP_WORDS(bits);
	uint64_t *map = malloc((words ? words : 1) * sizeof(uint64_t));
	return map;
}

static bool bitmap_matches(const uint64_t *map, const bool *reference, size_t bits)
{
	for (size_t i = 0; i < bits; i++) {
		if (bitmap_test(map, i) != reference[i])
			return false;
	}
	return true;
}

UNIT_TEST(bitmap_words_macro)
{
	CHECK_EQ(BITMAP_WORDS(0), 0);
	CHECK_EQ(BITMAP_WORDS(1), 1);
	CHECK_EQ(BITMAP_WORDS(64), 1);
	CHECK_EQ(BITMAP_WORDS(65), 2);
	CHECK_EQ(BITMAP_WORDS(128), 2);
}

UNIT_TEST(bitmap_set_clear_test)
{
	uint64_t map[3] = { 0, 0, 0 };
	static const size_t bits[] = { 0, 1, 62, 63, 64, 65, 127, 128, 191 };
	for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
		bitmap_set(map, bits[i]);
		CHECK(bitmap_test(map, bits[i]));
	}
	/* Exactly those bits are set, in the documented layout. */
	CHECK_EQ(map[0], 0xc000000000000003ull);
	CHECK_EQ(map[1], 0x8000000000000003ull);
	CHECK_EQ(map[2], 0x8000000000000001ull);
	/* Setting twice is harmless. */
	bitmap_set(map, 64);
	CHECK_EQ(map[1], 0x8000000000000003ull);

	bitmap_clear(map, 63);
	bitmap_clear(map, 64);
	CHECK(!bitmap_test(map, 63));
	CHECK(!bitmap_test(map, 64));
	CHECK(bitmap_test(map, 62));
	CHECK(bitmap_test(map, 65));
	CHECK_EQ(map[0], 0x4000000000000003ull);
	CHECK_EQ(map[1], 0x8000000000000002ull);
	bitmap_clear(map, 63); /* clearing twice is harmless */
	CHECK_EQ(map[0], 0x4000000000000003ull);
}

/* Every (first, count) inside 3 words, on a random background, with the
 * bitmap sized to the range so a write past the last bit's word faults. */
static void check_ranges(bool set)
{
	enum { BITS = 192 };
	unit_random_seed(set ? 0x1234567 : 0x7654321);
	for (size_t first = 0; first < 140; first++) {
		for (size_t count = 0; first + count <= BITS && count < 140; count++) {
			size_t bits = first + count;
			uint64_t *map = bitmap_new(bits ? bits : 1);
			bool reference[BITS];
			size_t words = BITMAP_WORDS(bits ? bits : 1);
			for (size_t w = 0; w < words; w++)
				map[w] = unit_random_next();
			for (size_t i = 0; i < words * 64; i++)
				reference[i] = bitmap_test(map, i);

			if (set)
				bitmap_set_range(map, first, count);
			else
				bitmap_clear_range(map, first, count);
			for (size_t i = first; i < first + count; i++)
				reference[i] = set;

			bool matched = bitmap_matches(map, reference, words * 64);
			free(map);
			if (!matched) {
				char message[96];
				snprintf(message, sizeof message, "%s_range(first %zu, count %zu) is wrong",
					 set ? "set" : "clear", first, count);
				unit_fail(__FILE__, __LINE__, message);
				return;
			}
		}
	}
}

UNIT_TEST(bitmap_set_range_across_words)
{
	check_ranges(true);
}

UNIT_TEST(bitmap_clear_range_across_words)
{
	check_ranges(false);
}

UNIT_TEST(bitmap_range_examples)
{
	uint64_t map[3] = { 0, 0, 0 };
	bitmap_set_range(map, 60, 10); /* straddles the first boundary */
	CHECK_EQ(map[0], 0xf000000000000000ull);
	CHECK_EQ(map[1], 0x3full);
	bitmap_set_range(map, 64, 128); /* two whole words */
	CHECK_EQ(map[1], ~0ull);
	CHECK_EQ(map[2], ~0ull);
	bitmap_clear_range(map, 1, 190); /* all but the very first and last */
	CHECK_EQ(map[0], 0);
	CHECK_EQ(map[1], 0);
	CHECK_EQ(map[2], 0x8000000000000000ull);
	bitmap_set_range(map, 5, 0); /* count 0 changes nothing */
	CHECK_EQ(map[0], 0);
}

static size_t reference_find_clear(const bool *reference, size_t start, size_t limit)
{
	for (size_t i = start; i < limit; i++) {
		if (!reference[i])
			return i;
	}
	return BITMAP_NONE;
}

UNIT_TEST(bitmap_find_clear_edges)
{
	uint64_t map[2] = { ~0ull, ~0ull };
	/* Nothing clear at all. */
	CHECK_EQ(bitmap_find_clear(map, 0, 128), BITMAP_NONE);
	/* Empty windows. */
	CHECK_EQ(bitmap_find_clear(map, 0, 0), BITMAP_NONE);
	map[0] = 0;
	CHECK_EQ(bitmap_find_clear(map, 5, 5), BITMAP_NONE);
	CHECK_EQ(bitmap_find_clear(map, 9, 5), BITMAP_NONE); /* start past limit */
	CHECK_EQ(bitmap_find_clear(map, 0, 1), 0);
	CHECK_EQ(bitmap_find_clear(map, 37, 64), 37);

	/* Limit not a multiple of 64: a clear bit at or past it is not found,
	 * even though it is in the same word as bits below the limit. */
	map[0] = ~0ull;
	map[1] = ~0ull;
	bitmap_clear(map, 70);
	CHECK_EQ(bitmap_find_clear(map, 0, 70), BITMAP_NONE);
	CHECK_EQ(bitmap_find_clear(map, 0, 71), 70);
	CHECK_EQ(bitmap_find_clear(map, 70, 71), 70);
	CHECK_EQ(bitmap_find_clear(map, 71, 128), BITMAP_NONE);

	/* Clear bits below start are skipped, in the same word and earlier. */
	bitmap_clear(map, 3);
	bitmap_clear(map, 66);
	CHECK_EQ(bitmap_find_clear(map, 0, 128), 3);
	CHECK_EQ(bitmap_find_clear(map, 4, 128), 66);
	CHECK_EQ(bitmap_find_clear(map, 64, 128), 66);
	CHECK_EQ(bitmap_find_clear(map, 67, 128), 70);

	/* The last bit of a word, and the first of the next. */
	map[0] = ~0ull;
	map[1] = ~0ull;
	bitmap_clear(map, 63);
	CHECK_EQ(bitmap_find_clear(map, 0, 64), 63);
	CHECK_EQ(bitmap_find_clear(map, 63, 64), 63);
	bitmap_set(map, 63);
	bitmap_clear(map, 64);
	CHECK_EQ(bitmap_find_clear(map, 0, 64), BITMAP_NONE);
	CHECK_EQ(bitmap_find_clear(map, 0, 65), 64);
}

UNIT_TEST(bitmap_find_clear_random)
{
	/* Sparse, dense and mixed maps; every start and limit within 200 bits.
	 * The map holds only the words below limit, so ASan catches a read of
	 * the word after the one holding bit limit - 1. */
	enum { BITS = 200 };
	unit_random_seed(0xfeedbeef);
	for (int round = 0; round < 12; round++) {
		bool reference[BITMAP_WORDS(BITS) * 64];
		uint64_t words[BITMAP_WORDS(BITS)];
		for (size_t w = 0; w < BITMAP_WORDS(BITS); w++) {
			uint64_t x = unit_random_next();
			/* Mostly-set words make the search skip whole words. */
			if (round % 3 == 0)
				x |= unit_random_next() | unit_random_next();
			else if (round % 3 == 1)
				x = ~0ull ^ ((uint64_t)1 << (unit_random_next() % 64));
			if (round % 4 == 3 && w == 1)
				x = ~0ull;
			words[w] = x;
		}
		for (size_t i = 0; i < BITMAP_WORDS(BITS) * 64; i++)
			reference[i] = bitmap_test(words, i);
		for (size_t limit = 0; limit <= BITS; limit++) {
			uint64_t *map = bitmap_new(limit);
			memcpy(map, words, BITMAP_WORDS(limit) * sizeof(uint64_t));
			for (size_t start = 0; start <= limit + 1; start++) {
				size_t expected = reference_find_clear(reference, start, limit);
				if (bitmap_find_clear(map, start, limit) != expected) {
					char message[96];
					snprintf(message, sizeof message,
						 "round %d: find_clear(start %zu, limit %zu) wrong",
						 round, start, limit);
					unit_fail(__FILE__, __LINE__, message);
					free(map);
					return;
				}
			}
			free(map);
		}
	}
}

UNIT_TEST(bitmap_count_set_limits)
{
	uint64_t map[3] = { 0, 0, 0 };
	CHECK_EQ(bitmap_count_set(map, 192), 0);
	map[0] = ~0ull;
	map[1] = 0x8000000000000001ull;
	map[2] = ~0ull;
	CHECK_EQ(bitmap_count_set(map, 0), 0);
	CHECK_EQ(bitmap_count_set(map, 1), 1);
	CHECK_EQ(bitmap_count_set(map, 64), 64);
	CHECK_EQ(bitmap_count_set(map, 65), 65);
	CHECK_EQ(bitmap_count_set(map, 127), 65); /* bit 127 not counted yet */
	CHECK_EQ(bitmap_count_set(map, 128), 66);
	CHECK_EQ(bitmap_count_set(map, 130), 68);
	CHECK_EQ(bitmap_count_set(map, 192), 130);

	/* Against a reference count on random maps, every limit; the map is
	 * sized to the limit, so no read past it goes unnoticed. */
	unit_random_seed(0xabcdef);
	for (int round = 0; round < 20; round++) {
		uint64_t words[4];
		for (int w = 0; w < 4; w++)
			words[w] = unit_random_next() & unit_random_next(); /* vary the density */
		size_t expected = 0;
		for (size_t limit = 0; limit <= 256; limit++) {
			uint64_t *counted = bitmap_new(limit);
			memcpy(counted, words, BITMAP_WORDS(limit) * sizeof(uint64_t));
			size_t actual = bitmap_count_set(counted, limit);
			free(counted);
			REQUIRE(actual == expected);
			if (limit < 256)
				expected += bitmap_test(words, limit);
		}
	}
}

/*
 * components/posix/fs/heap.c: the file side's allocator, over a region of
 * host memory: blocks never overlap, keep their contents through realloc,
 * merge when freed (the heap returns to one free block), grow in place at
 * the end, and fail cleanly at the limit. A seeded random run compares
 * against a model of live blocks.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "unit.h"

#define FS_HEAP_TESTING
#define fs_alloc heap_test_alloc
#define fs_zalloc heap_test_zalloc
#define fs_realloc heap_test_realloc
#define fs_free heap_test_free
#define fs_heap_grow heap_test_grow
#include "components/posix/fs/heap.c"

#define REGION_SIZE (16u << 20)
static uint8_t *region;
static size_t grown;

int heap_test_grow(uintptr_t end, size_t bytes)
{
	if (end != (uintptr_t)region + grown || bytes % 4096)
		unit_fail(__FILE__, __LINE__, "heap grew out of order");
	grown += bytes;
	return 0;
}

static void heap_setup(size_t limit)
{
	if (!region) {
		region = mmap(NULL, REGION_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (region == MAP_FAILED)
			abort();
	}
	grown = 0;
	heap_use_region((uintptr_t)region, limit);
}

/* Walks every block: sizes add up to the heap, no two free blocks touch,
 * each block knows its predecessor's size. Returns the free blocks. */
static unsigned heap_check(void)
{
	unsigned free_blocks = 0;
	size_t previous = 0;
	bool previous_free = false;
	for (uintptr_t at = heap_base; at < heap_end;) {
		struct block *b = (struct block *)at;
		if (b->previous_size != previous)
			unit_fail(__FILE__, __LINE__, "previous_size wrong");
		bool is_free = !(b->size & IN_USE);
		if (is_free && previous_free)
			unit_fail(__FILE__, __LINE__, "two free blocks side by side");
		if (block_size(b) < MIN_BLOCK || at + block_size(b) > heap_end)
			unit_fail(__FILE__, __LINE__, "block size out of range");
		free_blocks += is_free;
		previous = block_size(b);
		previous_free = is_free;
		at += block_size(b);
	}
	return free_blocks;
}

UNIT_TEST(fs_heap_alloc_free_merges)
{
	heap_setup(REGION_SIZE);
	void *a = heap_test_alloc(100), *b = heap_test_alloc(5000), *c = heap_test_alloc(1);
	REQUIRE(a && b && c);
	CHECK((uintptr_t)a % 16 == 0 && (uintptr_t)b % 16 == 0);
	memset(a, 1, 100);
	memset(b, 2, 5000);
	memset(c, 3, 1);
	heap_test_free(b);
	CHECK_EQ(heap_check(), 2);
	heap_test_free(a);
	heap_test_free(c);
	CHECK_EQ(heap_check(), 1);
	CHECK_EQ(grown, 64u << 10);
}

UNIT_TEST(fs_heap_realloc_grows_in_place_at_the_end)
{
	heap_setup(REGION_SIZE);
	uint8_t *data = heap_test_alloc(10);
	memcpy(data, "0123456789", 10);
	uint8_t *moved = heap_test_realloc(data, 3u << 20);
	CHECK(moved == data);
	CHECK(memcmp(moved, "0123456789", 10) == 0);
	CHECK(grown >= 3u << 20);
	uint8_t *small = heap_test_realloc(moved, 20);
	CHECK(small == data);
	CHECK_EQ(heap_check(), 1);
}

UNIT_TEST(fs_heap_fails_at_its_limit)
{
	heap_setup(1u << 20);
	CHECK(heap_test_alloc(2u << 20) == NULL);
	void *half = heap_test_alloc(600u << 10);
	CHECK(half != NULL);
	CHECK(heap_test_alloc(600u << 10) == NULL);
	CHECK(heap_test_realloc(half, 2u << 20) == NULL);
	CHECK(heap_test_alloc((size_t)-100) == NULL);
	heap_test_free(half);
	CHECK(heap_test_alloc(900u << 10) != NULL);
}

UNIT_TEST(fs_heap_random_against_model)
{
	heap_setup(REGION_SIZE);
	unit_random_seed(7);
	enum { SLOTS = 256 };
	static uint8_t *blocks[SLOTS];
	static size_t sizes[SLOTS];
	memset(blocks, 0, sizeof blocks);
	for (int step = 0; step < 20000; step++) {
		unsigned i = (unsigned)unit_random_below(SLOTS);
		size_t size = unit_random_below(4) == 0 ? unit_random_below(40000) : unit_random_below(300);
		if (blocks[i]) {
			for (size_t k = 0; k < sizes[i]; k++)
				REQUIRE(blocks[i][k] == (uint8_t)(i + k));
			if (unit_random_below(2)) {
				heap_test_free(blocks[i]);
				blocks[i] = NULL;
				continue;
			}
			uint8_t *grown_block = heap_test_realloc(blocks[i], size);
			REQUIRE(grown_block);
			blocks[i] = grown_block;
		} else {
			blocks[i] = heap_test_alloc(size);
			REQUIRE(blocks[i]);
		}
		sizes[i] = size;
		for (size_t k = 0; k < size; k++)
			blocks[i][k] = (uint8_t)(i + k);
	}
	heap_check();
	for (unsigned i = 0; i < SLOTS; i++)
		heap_test_free(blocks[i]);
	CHECK_EQ(heap_check(), 1);
}

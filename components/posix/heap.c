#include "components/posix/heap.h"

#include <stdint.h>

#include "components/posix/self_map.h"
#include "lib/string.h"

#define PAGE 4096ull
#define SMALL_MIN_SHIFT 4  /* 16 bytes */
#define SMALL_MAX_SHIFT 11 /* 2048 bytes */
#define CLASS_COUNT (SMALL_MAX_SHIFT - SMALL_MIN_SHIFT + 1)

struct free_block {
	struct free_block *next;
};

/* A free run of pages, kept sorted by address so neighbours merge. */
struct free_run {
	struct free_run *next;
	uint64_t pages;
};

static struct free_block *class_free[CLASS_COUNT];
static struct free_run *runs;
static uint64_t heap_top = SELF_HEAP_BASE; /* mapped below this */

static unsigned class_of(size_t size)
{
	unsigned shift = SMALL_MIN_SHIFT;
	while ((1ull << shift) < size)
		shift++;
	return shift - SMALL_MIN_SHIFT;
}

static void *pages_from_runs(uint64_t pages)
{
	for (struct free_run **link = &runs; *link; link = &(*link)->next) {
		struct free_run *run = *link;
		if (run->pages < pages)
			continue;
		if (run->pages == pages) {
			*link = run->next;
			return run;
		}
		/* Take the tail: the run keeps its place in the list. */
		run->pages -= pages;
		return (uint8_t *)run + run->pages * PAGE;
	}
	return NULL;
}

static void *pages_alloc(uint64_t pages)
{
	void *p = pages_from_runs(pages);
	if (p)
		return p;
	if (heap_top + pages * PAGE > SELF_HEAP_LIMIT)
		return NULL;
	uint64_t start = heap_top;
	for (uint64_t i = 0; i < pages; i++) {
		if (self_map_new_frame(heap_top) != 0) {
			/* Keep what was mapped for later, as a free run. */
			uint64_t got = (heap_top - start) / PAGE;
			if (got)
				heap_free((void *)start, got * PAGE);
			return NULL;
		}
		heap_top += PAGE;
	}
	return (void *)start;
}

static void pages_free(void *pointer, uint64_t pages)
{
	struct free_run *run = pointer, **link = &runs;
	while (*link && *link < run)
		link = &(*link)->next;
	run->pages = pages;
	run->next = *link;
	*link = run;
	/* Merge with the next run, then with the previous one. */
	if (run->next && (uint8_t *)run + run->pages * PAGE == (uint8_t *)run->next) {
		run->pages += run->next->pages;
		run->next = run->next->next;
	}
	if (link != &runs) {
		struct free_run *previous = (struct free_run *)((uint8_t *)link - offsetof(struct free_run, next));
		if ((uint8_t *)previous + previous->pages * PAGE == (uint8_t *)run) {
			previous->pages += run->pages;
			previous->next = run->next;
		}
	}
}

void *heap_alloc(size_t size)
{
	if (size == 0)
		size = 1;
	if (size > (1u << SMALL_MAX_SHIFT))
		return pages_alloc((size + PAGE - 1) / PAGE);
	unsigned c = class_of(size);
	if (!class_free[c]) {
		uint8_t *page = pages_alloc(1);
		if (!page)
			return NULL;
		size_t block = 1ull << (c + SMALL_MIN_SHIFT);
		for (size_t offset = 0; offset < PAGE; offset += block) {
			struct free_block *b = (struct free_block *)(page + offset);
			b->next = class_free[c];
			class_free[c] = b;
		}
	}
	struct free_block *b = class_free[c];
	class_free[c] = b->next;
	return b;
}

void *heap_zalloc(size_t size)
{
	void *p = heap_alloc(size);
	if (p)
		memset(p, 0, size);
	return p;
}

void heap_free(void *pointer, size_t size)
{
	if (!pointer)
		return;
	if (size == 0)
		size = 1;
	if (size > (1u << SMALL_MAX_SHIFT)) {
		pages_free(pointer, (size + PAGE - 1) / PAGE);
		return;
	}
	unsigned c = class_of(size);
	struct free_block *b = pointer;
	b->next = class_free[c];
	class_free[c] = b;
}

size_t heap_bytes_mapped(void)
{
	return heap_top - SELF_HEAP_BASE;
}

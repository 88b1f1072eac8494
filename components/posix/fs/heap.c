/*
 * The file side's heap: boundary-tag blocks in one region that grows
 * upward (fs_heap_grow maps more of it). Every block starts with its own
 * size and its predecessor's, so freeing merges with both neighbours in
 * constant time; free blocks wait in size-class bins (exact classes below
 * 1 KiB, powers of two above). File contents grow by realloc, which
 * extends in place when the next block is free or the block is the last.
 */
#include "components/posix/fs/memory.h"

#include "lib/string.h"

struct block {
	size_t size;          /* bytes including this header; bit 0: in use */
	size_t previous_size; /* the block just below, 0 for the first */
};

struct free_block {
	struct block header;
	struct free_block *next, *previous;
};

#define HEADER_SIZE sizeof(struct block)
#define MIN_BLOCK sizeof(struct free_block)
#define IN_USE 1ul
#define SMALL_LIMIT 1024
#define SMALL_BINS (SMALL_LIMIT / 16)
#define BIN_COUNT (SMALL_BINS + 40)
#define GROW_MIN (64u << 10)
#define PAGE_SIZE 4096u

static uintptr_t heap_base = FS_HEAP_BASE;
static uintptr_t heap_end = FS_HEAP_BASE;
static size_t heap_limit = FS_HEAP_LIMIT;
static struct free_block *bins[BIN_COUNT];
static struct block *tail; /* the block that ends at heap_end */

#ifdef FS_HEAP_TESTING
/* Host tests run the heap over memory of their own. */
static void heap_use_region(uintptr_t base, size_t limit)
{
	heap_base = heap_end = base;
	heap_limit = limit;
	tail = NULL;
	memset(bins, 0, sizeof bins);
}
#endif

static size_t block_size(const struct block *b)
{
	return b->size & ~IN_USE;
}

static struct block *block_next(struct block *b)
{
	uintptr_t next = (uintptr_t)b + block_size(b);
	return next < heap_end ? (struct block *)next : NULL;
}

static struct block *block_previous(struct block *b)
{
	return b->previous_size ? (struct block *)((uintptr_t)b - b->previous_size) : NULL;
}

static unsigned bin_of(size_t size)
{
	if (size < SMALL_LIMIT)
		return (unsigned)(size / 16);
	unsigned log = 63 - (unsigned)__builtin_clzl(size);
	unsigned bin = SMALL_BINS + (log - 10);
	return bin < BIN_COUNT ? bin : BIN_COUNT - 1;
}

static void bin_insert(struct block *b)
{
	struct free_block *f = (struct free_block *)b;
	unsigned bin = bin_of(block_size(b));
	f->previous = NULL;
	f->next = bins[bin];
	if (f->next)
		f->next->previous = f;
	bins[bin] = f;
}

static void bin_remove(struct block *b)
{
	struct free_block *f = (struct free_block *)b;
	if (f->previous)
		f->previous->next = f->next;
	else
		bins[bin_of(block_size(b))] = f->next;
	if (f->next)
		f->next->previous = f->previous;
}

/* Sets b's size and tells the block after it. */
static void block_resize(struct block *b, size_t size, size_t in_use)
{
	b->size = size | in_use;
	struct block *next = block_next(b);
	if (next)
		next->previous_size = size;
	else
		tail = b;
}

/* Cuts b (in use, off every bin) to size, freeing the rest if it is
 * big enough to be a block. */
static void block_trim(struct block *b, size_t size)
{
	size_t total = block_size(b);
	if (total - size < MIN_BLOCK)
		return;
	block_resize(b, size, IN_USE);
	struct block *rest = (struct block *)((uintptr_t)b + size);
	rest->previous_size = size;
	block_resize(rest, total - size, 0);
	struct block *after = block_next(rest);
	if (after && !(after->size & IN_USE)) {
		bin_remove(after);
		block_resize(rest, total - size + block_size(after), 0);
	}
	bin_insert(rest);
}

static struct block *bins_find(size_t size)
{
	for (unsigned bin = bin_of(size); bin < BIN_COUNT; bin++)
		for (struct free_block *f = bins[bin]; f; f = f->next)
			if (block_size(&f->header) >= size)
				return &f->header;
	return NULL;
}

static size_t round_up(size_t value, size_t to)
{
	return (value + to - 1) & ~(to - 1);
}

/* Adds at least size bytes at the end of the heap, as (or merged into) a
 * free last block. */
static int heap_grow(size_t size)
{
	size_t grow = round_up(size < GROW_MIN ? GROW_MIN : size, PAGE_SIZE);
	if (grow > heap_limit - (heap_end - heap_base) || fs_heap_grow(heap_end, grow) != 0)
		return -1;
	uintptr_t old_end = heap_end;
	heap_end += grow;
	if (tail && !(tail->size & IN_USE)) {
		bin_remove(tail);
		block_resize(tail, block_size(tail) + grow, 0);
		bin_insert(tail);
		return 0;
	}
	struct block *b = (struct block *)old_end;
	b->previous_size = tail ? block_size(tail) : 0;
	block_resize(b, grow, 0);
	bin_insert(b);
	return 0;
}

/* The block size that holds size bytes of payload, 0 if none can. */
static size_t block_size_for(size_t size)
{
	if (size > heap_limit)
		return 0;
	size_t need = round_up(size + HEADER_SIZE, 16);
	return need < MIN_BLOCK ? MIN_BLOCK : need;
}

void *fs_alloc(size_t size)
{
	size_t need = block_size_for(size);
	if (!need)
		return NULL;
	struct block *b = bins_find(need);
	if (!b) {
		/* A free last block counts towards the growth. */
		size_t have = tail && !(tail->size & IN_USE) ? block_size(tail) : 0;
		if (heap_grow(need - have) != 0)
			return NULL;
		b = bins_find(need);
		if (!b)
			return NULL;
	}
	bin_remove(b);
	block_resize(b, block_size(b), IN_USE);
	block_trim(b, need);
	return (char *)b + HEADER_SIZE;
}

void *fs_zalloc(size_t size)
{
	void *block = fs_alloc(size);
	if (block)
		memset(block, 0, size);
	return block;
}

void fs_free(void *pointer)
{
	if (!pointer)
		return;
	struct block *b = (struct block *)((char *)pointer - HEADER_SIZE);
	size_t size = block_size(b);
	struct block *next = block_next(b);
	if (next && !(next->size & IN_USE)) {
		bin_remove(next);
		size += block_size(next);
	}
	struct block *previous = block_previous(b);
	if (previous && !(previous->size & IN_USE)) {
		bin_remove(previous);
		size += block_size(previous);
		b = previous;
	}
	block_resize(b, size, 0);
	bin_insert(b);
}

/* Grows block b (in use) in place to need bytes if its neighbour after it
 * is free and big enough, or it is the last block or the one before the
 * free last block (the heap grows to make room). */
static int block_extend(struct block *b, size_t need)
{
	size_t size = block_size(b);
	struct block *next = block_next(b);
	if (b == tail) {
		if (heap_grow(need - size) != 0)
			return -1;
		next = block_next(b); /* the growth, a free block after b */
	} else if (next == tail && !(next->size & IN_USE) && size + block_size(next) < need) {
		if (heap_grow(need - size - block_size(next)) != 0)
			return -1; /* the growth joins the free last block */
	}
	if (!next || (next->size & IN_USE) || size + block_size(next) < need)
		return -1;
	bin_remove(next);
	block_resize(b, size + block_size(next), IN_USE);
	block_trim(b, need);
	return 0;
}

void *fs_realloc(void *pointer, size_t size)
{
	if (!pointer)
		return fs_alloc(size);
	size_t need = block_size_for(size);
	if (!need)
		return NULL;
	struct block *b = (struct block *)((char *)pointer - HEADER_SIZE);
	size_t have = block_size(b);
	if (need <= have) {
		block_trim(b, need);
		return pointer;
	}
	if (block_extend(b, need) == 0)
		return pointer;
	void *moved = fs_alloc(size);
	if (!moved)
		return NULL;
	memcpy(moved, pointer, have - HEADER_SIZE);
	fs_free(pointer);
	return moved;
}

/*
 * The physical frame allocator: one bit per 4 KiB frame over the span of the
 * usable ranges (set = not available). Exact accounting: usable frames are
 * always free + used. Frame 0 is never handed out, so 0 means "no frame".
 * The caller provides the bitmap storage (the kernel carves it out of usable
 * memory and then claims those frames). Pure computation: host-tested too.
 */
#ifndef KERNEL_MM_FRAME_ALLOC_H
#define KERNEL_MM_FRAME_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/mm/memmap.h"

struct frame_allocator {
	uint64_t *bitmap;
	uint64_t first_frame; /* frame number of bit 0 */
	uint64_t frame_span;  /* bits in the bitmap */
	uint64_t usable_frames;
	uint64_t free_frames;
	uint64_t search_hint; /* no free frame below this bit */
	struct phys_ranges ranges;
};

enum frame_error {
	FRAME_OK = 0,
	FRAME_ERROR_NO_MEMORY = -1,      /* no usable ranges */
	FRAME_ERROR_BITMAP_TOO_SMALL = -2,
	FRAME_ERROR_UNALIGNED = -3,
	FRAME_ERROR_NOT_USABLE = -4,     /* outside every usable range */
	FRAME_ERROR_NOT_ALLOCATED = -5,  /* double free */
	FRAME_ERROR_NOT_FREE = -6,       /* claim of a frame already in use */
};

/* Bytes of bitmap needed to cover these ranges (0 if there are none). */
uint64_t frame_allocator_bitmap_bytes(const struct phys_ranges *ranges);

int frame_allocator_init(struct frame_allocator *allocator, const struct phys_ranges *ranges,
			 uint64_t *bitmap, uint64_t bitmap_bytes);

/* A free frame's physical address, or 0 when none is left. */
uint64_t frame_alloc(struct frame_allocator *allocator);
/* A free frame entirely below limit, or 0. */
uint64_t frame_alloc_below(struct frame_allocator *allocator, uint64_t limit);

/* 2^size_bits bytes of consecutive free frames aligned to their size, or 0. */
uint64_t frame_alloc_aligned(struct frame_allocator *allocator, unsigned size_bits);

/* The lowest run of consecutive free frames; false when none is free. */
bool frame_first_free_run(const struct frame_allocator *allocator, uint64_t *phys, uint64_t *count);

int frame_free(struct frame_allocator *allocator, uint64_t phys);
/* Marks count frames from phys as used (they must all be usable and free). */
int frame_claim(struct frame_allocator *allocator, uint64_t phys, uint64_t count);

bool frame_is_usable(const struct frame_allocator *allocator, uint64_t phys);

static inline uint64_t frame_used_count(const struct frame_allocator *allocator)
{
	return allocator->usable_frames - allocator->free_frames;
}

const char *frame_error_name(int error);

#endif

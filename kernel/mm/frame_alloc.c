#include "kernel/mm/frame_alloc.h"

#include "kernel/mm/page.h"
#include "lib/bitmap.h"

uint64_t frame_allocator_bitmap_bytes(const struct phys_ranges *ranges)
{
	if (ranges->count == 0)
		return 0;
	uint64_t span = (ranges->range[ranges->count - 1].end >> PAGE_SHIFT) -
			(ranges->range[0].start >> PAGE_SHIFT);
	return BITMAP_WORDS(span) * sizeof(uint64_t);
}

int frame_allocator_init(struct frame_allocator *allocator, const struct phys_ranges *ranges,
			 uint64_t *bitmap, uint64_t bitmap_bytes)
{
	allocator->ranges = *ranges;
	struct phys_ranges *own = &allocator->ranges;
	/* Frame 0 is the "no frame" value. */
	if (own->count && own->range[0].start == 0) {
		own->range[0].start = PAGE_SIZE;
		if (own->range[0].end == PAGE_SIZE) {
			for (size_t i = 1; i < own->count; i++)
				own->range[i - 1] = own->range[i];
			own->count--;
		}
	}
	if (own->count == 0)
		return FRAME_ERROR_NO_MEMORY;
	if (bitmap_bytes < frame_allocator_bitmap_bytes(own))
		return FRAME_ERROR_BITMAP_TOO_SMALL;

	allocator->bitmap = bitmap;
	allocator->first_frame = own->range[0].start >> PAGE_SHIFT;
	allocator->frame_span = (own->range[own->count - 1].end >> PAGE_SHIFT) - allocator->first_frame;
	allocator->usable_frames = 0;
	allocator->search_hint = 0;

	/* Everything unavailable, then open up the usable ranges. */
	bitmap_set_range(bitmap, 0, BITMAP_WORDS(allocator->frame_span) * BITMAP_WORD_BITS);
	for (size_t i = 0; i < own->count; i++) {
		uint64_t first = (own->range[i].start >> PAGE_SHIFT) - allocator->first_frame;
		uint64_t count = (own->range[i].end - own->range[i].start) >> PAGE_SHIFT;
		bitmap_clear_range(bitmap, first, count);
		allocator->usable_frames += count;
	}
	allocator->free_frames = allocator->usable_frames;
	return FRAME_OK;
}

static uint64_t take_bit(struct frame_allocator *allocator, size_t bit)
{
	bitmap_set(allocator->bitmap, bit);
	allocator->free_frames--;
	return (allocator->first_frame + bit) << PAGE_SHIFT;
}

uint64_t frame_alloc(struct frame_allocator *allocator)
{
	size_t bit = bitmap_find_clear(allocator->bitmap, allocator->search_hint, allocator->frame_span);
	if (bit == BITMAP_NONE) {
		allocator->search_hint = allocator->frame_span;
		return 0;
	}
	allocator->search_hint = bit + 1;
	return take_bit(allocator, bit);
}

uint64_t frame_alloc_below(struct frame_allocator *allocator, uint64_t limit)
{
	uint64_t limit_frame = limit >> PAGE_SHIFT;
	if (limit_frame <= allocator->first_frame)
		return 0;
	uint64_t limit_bit = limit_frame - allocator->first_frame;
	if (limit_bit > allocator->frame_span)
		limit_bit = allocator->frame_span;
	size_t bit = bitmap_find_clear(allocator->bitmap, allocator->search_hint, limit_bit);
	if (bit == BITMAP_NONE)
		return 0;
	allocator->search_hint = bit + 1; /* bit was the lowest free frame */
	return take_bit(allocator, bit);
}

bool frame_is_usable(const struct frame_allocator *allocator, uint64_t phys)
{
	/* Binary search over the sorted, disjoint ranges. */
	size_t low = 0, high = allocator->ranges.count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		const struct phys_range *r = &allocator->ranges.range[middle];
		if (phys < r->start)
			high = middle;
		else if (phys >= r->end)
			low = middle + 1;
		else
			return true;
	}
	return false;
}

static int check_frame(const struct frame_allocator *allocator, uint64_t phys)
{
	if (phys & (PAGE_SIZE - 1))
		return FRAME_ERROR_UNALIGNED;
	if (!frame_is_usable(allocator, phys))
		return FRAME_ERROR_NOT_USABLE;
	return FRAME_OK;
}

int frame_free(struct frame_allocator *allocator, uint64_t phys)
{
	int error = check_frame(allocator, phys);
	if (error)
		return error;
	size_t bit = (phys >> PAGE_SHIFT) - allocator->first_frame;
	if (!bitmap_test(allocator->bitmap, bit))
		return FRAME_ERROR_NOT_ALLOCATED;
	bitmap_clear(allocator->bitmap, bit);
	allocator->free_frames++;
	if (bit < allocator->search_hint)
		allocator->search_hint = bit;
	return FRAME_OK;
}

int frame_claim(struct frame_allocator *allocator, uint64_t phys, uint64_t count)
{
	/* Check everything first so a failed claim changes nothing. */
	for (uint64_t i = 0; i < count; i++) {
		uint64_t frame = phys + i * PAGE_SIZE;
		int error = check_frame(allocator, frame);
		if (error)
			return error;
		if (bitmap_test(allocator->bitmap, (frame >> PAGE_SHIFT) - allocator->first_frame))
			return FRAME_ERROR_NOT_FREE;
	}
	for (uint64_t i = 0; i < count; i++)
		take_bit(allocator, ((phys >> PAGE_SHIFT) + i) - allocator->first_frame);
	return FRAME_OK;
}

const char *frame_error_name(int error)
{
	switch (error) {
	case FRAME_OK: return "ok";
	case FRAME_ERROR_NO_MEMORY: return "no usable memory";
	case FRAME_ERROR_BITMAP_TOO_SMALL: return "bitmap too small";
	case FRAME_ERROR_UNALIGNED: return "unaligned address";
	case FRAME_ERROR_NOT_USABLE: return "not usable memory";
	case FRAME_ERROR_NOT_ALLOCATED: return "frame not allocated";
	case FRAME_ERROR_NOT_FREE: return "frame not free";
	default: return "unknown error";
	}
}

uint64_t frame_alloc_aligned(struct frame_allocator *allocator, unsigned size_bits)
{
	if (size_bits < PAGE_SHIFT || size_bits >= 48)
		return 0;
	uint64_t frames = 1ull << (size_bits - PAGE_SHIFT);
	/* Candidates are the aligned addresses inside the bitmap's span. */
	uint64_t first = allocator->first_frame << PAGE_SHIFT;
	uint64_t end = (allocator->first_frame + allocator->frame_span) << PAGE_SHIFT;
	uint64_t align = 1ull << size_bits;
	if (first == 0)
		first = PAGE_SIZE; /* frame 0 is never handed out */
	for (uint64_t phys = (first + align - 1) & ~(align - 1); phys + align <= end; phys += align) {
		uint64_t bit = (phys >> PAGE_SHIFT) - allocator->first_frame, i;
		for (i = 0; i < frames && !bitmap_test(allocator->bitmap, bit + i); i++)
			;
		if (i == frames) {
			for (i = 0; i < frames; i++)
				take_bit(allocator, bit + i);
			return phys;
		}
	}
	return 0;
}

bool frame_first_free_run(const struct frame_allocator *allocator, uint64_t *phys, uint64_t *count)
{
	size_t bit = bitmap_find_clear(allocator->bitmap, allocator->search_hint, allocator->frame_span);
	if (bit == BITMAP_NONE)
		return false;
	size_t end = bit;
	while (end < allocator->frame_span && !bitmap_test(allocator->bitmap, end))
		end++;
	*phys = (allocator->first_frame + bit) << PAGE_SHIFT;
	*count = end - bit;
	return true;
}

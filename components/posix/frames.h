/*
 * The frames the personality hands to processes. Each is retyped once and
 * kept for good: its own capability stays mapped in the personality's
 * window (so it can be zeroed, filled and copied with plain memory
 * accesses), every mapping into a process uses a copy of that capability,
 * and a reference count says how many mappings (and caches) share it.
 * When the count drops to zero the frame goes back on a free list and is
 * zeroed on reuse: untyped memory is never given back to the nucleus.
 */
#ifndef POSIX_FRAMES_H
#define POSIX_FRAMES_H

#include <stdint.h>

#include "components/posix/self_map.h"
#include "components/posix/slots.h"

typedef uint32_t frame_id; /* 0: no frame */

void frames_init(uint64_t memory_bytes);

/* A frame with one reference: zeroed, or (dirty) with unspecified bytes
 * the caller overwrites. 0 when memory has run out. */
frame_id frame_alloc(void);
frame_id frame_alloc_dirty(void);

void frame_get(frame_id frame);
void frame_put(frame_id frame);
uint32_t frame_refs(frame_id frame);

/* The frame's capability (for copies), and its bytes in the window. */
uint64_t frame_cap(frame_id frame);
static inline void *frame_data(frame_id frame)
{
	return (void *)(SELF_FRAME_WINDOW + (uint64_t)frame * 4096);
}

/* Frames in use by processes and caches, and frames free for reuse. */
uint64_t frames_used(void);
uint64_t frames_free(void);

static inline void page_zero(void *page)
{
	uint64_t count = 512;
	__asm__ volatile("rep stosq" : "+D"(page), "+c"(count) : "a"(0ull) : "memory");
}

static inline void page_copy(void *to, const void *from)
{
	uint64_t count = 512;
	__asm__ volatile("rep movsq" : "+D"(to), "+S"(from), "+c"(count) : : "memory");
}

#endif

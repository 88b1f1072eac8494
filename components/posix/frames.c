#include "components/posix/frames.h"

#include "components/posix/heap.h"
#include "components/posix/untyped.h"
#include "user/lib/strata.h"

static uint32_t *refs;       /* per frame id */
static slot_id *owner_slot;  /* per frame id: the capability mapped in the window */
static frame_id *free_stack; /* ids with no reference, to reuse */
static uint32_t capacity, created, free_count;

void frames_init(uint64_t memory_bytes)
{
	capacity = (uint32_t)(memory_bytes / 4096) + 1;
	refs = heap_zalloc(capacity * sizeof *refs);
	owner_slot = heap_zalloc(capacity * sizeof *owner_slot);
	free_stack = heap_alloc(capacity * sizeof *free_stack);
	if (!refs || !owner_slot || !free_stack) {
		st_printf("posix: no memory for the frame table\n");
		capacity = 0;
	}
}

/* A brand-new frame from untyped memory (zeroed by the nucleus). */
static frame_id frame_create(void)
{
	if (created + 1 >= capacity)
		return 0;
	frame_id id = created + 1;
	slot_id slot = slot_alloc();
	if (!slot)
		return 0;
	if (untyped_retype(ST_OBJECT_FRAME, 0, slot_ref(slot)) != ST_OK) {
		slot_free(slot);
		return 0;
	}
	if (self_map_frame(slot_ref(slot), (uint64_t)frame_data(id)) != ST_OK) {
		slot_release(slot);
		return 0;
	}
	owner_slot[id] = slot;
	created = id;
	return id;
}

frame_id frame_alloc_dirty(void)
{
	frame_id id = free_count ? free_stack[--free_count] : frame_create();
	if (id)
		refs[id] = 1;
	return id;
}

frame_id frame_alloc(void)
{
	if (!free_count)
		return frame_alloc_dirty(); /* fresh from the nucleus: zero */
	frame_id id = frame_alloc_dirty();
	page_zero(frame_data(id));
	return id;
}

void frame_get(frame_id frame)
{
	refs[frame]++;
}

void frame_put(frame_id frame)
{
	if (!frame || !refs[frame])
		return;
	if (--refs[frame] == 0)
		free_stack[free_count++] = frame;
}

uint32_t frame_refs(frame_id frame)
{
	return refs[frame];
}

uint64_t frame_cap(frame_id frame)
{
	return slot_ref(owner_slot[frame]);
}

uint64_t frames_used(void)
{
	return created - free_count;
}

uint64_t frames_free(void)
{
	return free_count;
}

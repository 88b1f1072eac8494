/*
 * The first user-level resource manager: hands out empty slots of the
 * caller's root CNode and objects retyped from its untyped capabilities,
 * and maps frames, making page tables as they are needed. The nucleus
 * keeps no such policy; this is one (simple, bump-pointer) choice of it.
 */
#ifndef USER_LIB_ALLOC_H
#define USER_LIB_ALLOC_H

#include <stdint.h>

#include "user/lib/strata.h"

#define ST_ALLOC_UNTYPED_MAX ST_BOOTINFO_UNTYPED_MAX

struct st_allocator {
	uint32_t next_slot, slot_end;     /* free slots of the root CNode */
	uint32_t vspace;                  /* the caller's own address space */
	uint32_t untyped_count;
	struct { uint32_t slot; uint8_t size_bits; uint8_t full; } untyped[ST_ALLOC_UNTYPED_MAX];
};

extern struct st_allocator st_allocator;

/* Takes over the root task's free slots and untyped memory. */
void st_alloc_init(const struct st_bootinfo *bootinfo);

/* An empty slot of the root CNode, or 0 when none is left. */
uint32_t st_alloc_slot(void);

/* A new object in a fresh slot (*slot), from the first untyped with room. */
long st_alloc_object(unsigned type, unsigned size_bits, uint32_t *slot);

/* Maps frame at address in vspace, retyping and mapping page tables as
 * needed. */
long st_map_frame(uint64_t vspace, uint64_t frame, uint64_t address, unsigned rights);

#endif

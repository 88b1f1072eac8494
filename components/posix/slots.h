/*
 * Capability slots beyond the root CNode. The root CNode has only 4096
 * slots, and the personality needs one per frame it owns plus one per
 * mapping of a frame into a process (a capability maps once), so it makes
 * further CNodes of SLOTS_PER_CNODE slots, each held in a root slot, and
 * names their slots by a small integer: a slot id.
 */
#ifndef POSIX_SLOTS_H
#define POSIX_SLOTS_H

#include <stdint.h>

#include "user/lib/strata.h"

#define SLOTS_CNODE_BITS 14
#define SLOTS_PER_CNODE (1u << SLOTS_CNODE_BITS)
#define SLOTS_CNODE_MAX 64

typedef uint32_t slot_id; /* 0: no slot */

extern uint32_t slots_cnode_root_slot[SLOTS_CNODE_MAX];

/* An empty slot, or 0 when no CNode can be made any more. */
slot_id slot_alloc(void);
/* Gives back an empty slot (the caller deleted its capability). */
void slot_free(slot_id id);
/* Deletes the capability in the slot, then frees the slot. */
void slot_release(slot_id id);

/* The slot reference of an id, for system calls. */
static inline uint64_t slot_ref(slot_id id)
{
	return ST_SLOT(slots_cnode_root_slot[id >> SLOTS_CNODE_BITS], id & (SLOTS_PER_CNODE - 1));
}

unsigned slots_in_use(void);

#endif

/*
 * Capability slots and the derivation tree (docs/objects.md).
 *
 * Pure bookkeeping: the nucleus supplies what happens to objects through
 * cap_destroy_object() and cap_unmap(), so this file is also built on the
 * host for unit tests.
 */
#ifndef KERNEL_OBJECT_SLOT_H
#define KERNEL_OBJECT_SLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "include/strata/errors.h"
#include "include/strata/objects.h"

#define CAP_FLAG_MAPPED (1u << 0)

struct cap {
	uint8_t type;      /* enum st_object_type; ST_OBJECT_NULL: empty slot */
	uint8_t rights;    /* ST_RIGHT_* */
	uint8_t size_bits; /* untyped: log2 bytes; CNode: log2 slots */
	uint8_t flags;     /* CAP_FLAG_* */
	uint32_t level;    /* a mapped page table: level of the entry that points to it */
	uint64_t object;   /* physical address of the object */
	/* badge (endpoints), free offset (untyped), mapped address (frames,
	 * page tables) */
	uint64_t word;
	uint64_t mapped_in; /* the address space object while mapped */
};

struct slot {
	struct cap cap;
	/* Derivation tree: a slot's children were derived from it. */
	struct slot *parent;
	struct slot *first_child;
	struct slot *prev_sibling;
	struct slot *next_sibling;
	/* A mapped frame's or page table's place on its address space's list. */
	struct slot *map_prev;
	struct slot *map_next;
	uint64_t reserved[6];
};

_Static_assert(sizeof(struct slot) == 1u << ST_SLOT_SIZE_BITS, "slot size is part of the ABI");

/* A run of slots that must be emptied because their holder (a CNode, a
 * thread) is being destroyed; see cspace_clear_later(). */
struct slot_container {
	struct slot *slots;
	size_t count;
	size_t cursor;
	struct slot_container *next;
};

static inline bool slot_empty(const struct slot *slot)
{
	return slot->cap.type == ST_OBJECT_NULL;
}

/* Puts cap into the empty slot child, as a child of parent (NULL: a root). */
void slot_insert(struct slot *parent, struct slot *child, const struct cap *cap);

/* Copy (rights = ST_RIGHTS_ALL, no badge) and mint: dest becomes a child of
 * source with source's rights masked by rights, and the badge set if asked
 * (only on an unbadged capability). Untyped capabilities cannot be copied. */
int slot_derive(struct slot *source, struct slot *dest, unsigned rights, bool set_badge, uint64_t badge);

/* Moves a capability, keeping its place in the tree and its mapping. */
int slot_move(struct slot *source, struct slot *dest);

/* Empties the slot; destroys the object if this was its last capability. */
int slot_delete(struct slot *slot);

/* Deletes every capability derived from the one in slot. */
int slot_revoke(struct slot *slot);

/* True if no other capability names the slot's object. */
bool slot_is_final(const struct slot *slot);

/* Called from cap_destroy_object(): empty these slots once the current
 * deletion finishes (no recursion, whatever the nesting). */
void cspace_clear_later(struct slot_container *container);

/* Supplied by the nucleus (or the unit tests). */
void cap_destroy_object(struct slot *slot); /* the last capability to an object goes */
void cap_unmap(struct slot *slot);          /* a mapped capability is being deleted */

#endif

/*
 * Nucleus objects: how big each kind is, how a new one is initialised in
 * memory retyped from untyped, and what happens when its last capability
 * goes (docs/objects.md).
 */
#ifndef KERNEL_OBJECT_OBJECT_H
#define KERNEL_OBJECT_OBJECT_H

#include <stdint.h>

#include "kernel/object/slot.h"

/* log2 of the bytes an object of this type takes; size_bits is the
 * caller's size argument (untyped: log2 bytes, CNode: log2 slots). Returns
 * 0 for a type that cannot be made or a size out of range. */
unsigned object_size_bits(unsigned type, unsigned size_bits);

/* Makes a fresh object in zeroed memory at phys. */
void object_init(unsigned type, uint64_t phys, unsigned size_bits);

/* A capability for a new object, with all rights. */
struct cap object_cap(unsigned type, uint64_t phys, unsigned size_bits);

/* Whether capabilities of this type may be copied (untyped and page tables
 * may only be moved: their state lives in their one capability). */
int object_copyable(unsigned type);

/* Whether capabilities of this type carry a badge (endpoints, notifications). */
int object_badgeable(unsigned type);

/* The slots of the CNode a capability names. */
struct slot *cnode_slots(const struct cap *cnode);

#endif

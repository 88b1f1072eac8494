/*
 * Finding capabilities for a system call: slot references (ST_SLOT in
 * include/strata/syscalls.h) resolved in the calling thread's capability
 * space, with the checks every call makes.
 */
#ifndef KERNEL_OBJECT_CSPACE_H
#define KERNEL_OBJECT_CSPACE_H

#include <stdint.h>

#include "kernel/object/slot.h"

/* The slot a reference names, empty or not. cnode_rights: what the call
 * does to the CNode holding the slot (ST_RIGHT_READ to use a capability,
 * ST_RIGHT_WRITE to change the slot). */
int cspace_slot(uint64_t ref, unsigned cnode_rights, struct slot **out);

/* A capability of the given type (or any type, with ST_OBJECT_NULL) with
 * at least the given rights. */
int cspace_cap(uint64_t ref, unsigned type, unsigned rights, struct slot **out);

/* `count` consecutive empty slots from ref, for new capabilities. */
int cspace_empty_slots(uint64_t ref, uint64_t count, struct slot **out);

/* The same, in another thread's capability space (IPC capability transfer). */
struct thread;
int cspace_thread_slot(struct thread *thread, uint64_t ref, unsigned cnode_rights, struct slot **out);
int cspace_thread_cap(struct thread *thread, uint64_t ref, unsigned type, unsigned rights, struct slot **out);
int cspace_thread_empty_slots(struct thread *thread, uint64_t ref, uint64_t count, struct slot **out);

#endif

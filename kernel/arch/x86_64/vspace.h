/*
 * Address spaces made from untyped memory: frames and page tables mapped by
 * their capabilities (docs/objects.md). An address space object is 8 KiB:
 * the top-level table, then a page of bookkeeping (the list of capabilities
 * mapped in it).
 */
#ifndef KERNEL_ARCH_X86_64_VSPACE_H
#define KERNEL_ARCH_X86_64_VSPACE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/object/slot.h"

/* Sets up a zeroed address space: the kernel half and the read-only
 * window onto its own page tables. */
void vspace_object_init(uint64_t phys);

/* Uses PCIDs if the CPU has them (at boot, before any address space is loaded). */
void vspace_enable_pcid(void);
/* Loads an address space into CR3 (keeping its cached translations when
 * they are still valid). */
void vspace_load(uint64_t root);

/* Its last capability went: everything mapped in it is unmapped. */
void vspace_destroy(uint64_t phys);

/* Unmaps a frame or page table capability (deletion, or unmap calls). */
void vspace_unmap_cap(struct slot *slot);

/* Maps the frame or page table in cap_slot into the address space vspace
 * names (rights: ST_RIGHT_* | ST_MAP_*; ignored for page tables). */
int vspace_map_frame(struct slot *vspace, struct slot *frame, uint64_t address, uint64_t rights);
/* Changes a mapped frame's rights (same rules as mapping it). */
int vspace_protect_frame(struct slot *frame, uint64_t rights);
int vspace_map_page_table(struct slot *vspace, struct slot *table, uint64_t address, unsigned *level);

/* The physical address behind a user address, if the address space maps it
 * for user access (and writable, if asked), as the CPU would see it. */
bool vspace_user_page(uint64_t root, uint64_t address, bool write, uint64_t *phys);

#endif

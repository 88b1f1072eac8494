/*
 * A process's pages as the personality sees them: for each virtual page
 * that has a frame, which frame, which capability maps it (a copy of the
 * frame's capability: one per mapping), whether that mapping is
 * writable (a private page shared after fork is mapped read-only until
 * its first write copies it). A four-level radix tree over the 47-bit
 * user address space, as the hardware's, kept in the personality's heap.
 */
#ifndef POSIX_PAGEMAP_H
#define POSIX_PAGEMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "components/posix/frames.h"
#include "components/posix/slots.h"

struct pm_entry {
	frame_id frame;     /* 0: no page here */
	uint32_t cap : 30;  /* slot id of the mapping capability */
	uint32_t writable : 1; /* mapped writable (else read-only) */
	uint32_t unmapped : 1; /* kept but not mapped (PROT_NONE) */
};

struct pagemap {
	void *root;
	uint64_t pages; /* entries with a frame */
};

/* The entry for the page holding address, made if create (NULL if it is
 * missing and not created, or memory ran out). */
struct pm_entry *pagemap_entry(struct pagemap *map, uint64_t address, bool create);

/* The first entry with a frame at a page address >= *address and < end;
 * *address is set to its page. NULL when there is none. */
struct pm_entry *pagemap_next(struct pagemap *map, uint64_t *address, uint64_t end);

/* Frees the tree (the entries must have been emptied). */
void pagemap_free(struct pagemap *map);

#endif

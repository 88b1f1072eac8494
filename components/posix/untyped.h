/*
 * Untyped memory for the personality: every nucleus object it makes
 * (frames, page tables, threads, address spaces, CNodes, reply objects) is
 * retyped from the untyped capabilities the root task was given. The
 * nucleus only bump-allocates inside an untyped, so whatever can be reused
 * is kept and recycled by its owner (slots.c, frames.c, objects.c).
 */
#ifndef POSIX_UNTYPED_H
#define POSIX_UNTYPED_H

#include <stdint.h>

#include "user/lib/strata.h"

void untyped_init(const struct st_bootinfo *bootinfo);

/* One new object of the type at the (empty) slot reference dest: ST_OK or
 * ST_ERROR_NO_MEMORY when no untyped has room for it. */
long untyped_retype(unsigned type, unsigned size_bits, uint64_t dest);

/* Bytes of untyped memory not yet handed out (an upper bound: alignment
 * may waste some), and the total. */
uint64_t untyped_free_bytes(void);
uint64_t untyped_total_bytes(void);

#endif

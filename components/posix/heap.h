/*
 * The personality's own memory for its bookkeeping (processes, regions,
 * page maps, buffers): a heap in its own address space that grows by
 * mapping fresh frames. Callers give the size back when freeing, so no
 * header is kept: small sizes come from power-of-two classes, larger ones
 * are runs of whole pages.
 */
#ifndef POSIX_HEAP_H
#define POSIX_HEAP_H

#include <stddef.h>

/* NULL when memory has run out. */
void *heap_alloc(size_t size);
/* The same, zeroed. */
void *heap_zalloc(size_t size);
void heap_free(void *pointer, size_t size);

size_t heap_bytes_mapped(void);

#endif

/*
 * The file side's memory: a heap for vnodes, directory entries, open files,
 * pipe buffers and file contents, with realloc (files grow in place) and
 * free without sizes. It lives in its own growing region of the server's
 * address space; heap_frames.c maps fresh frames there through the process
 * side's self_map_new_frame (its untyped memory and capability slots).
 */
#ifndef POSIX_FS_MEMORY_H
#define POSIX_FS_MEMORY_H

#include <stddef.h>
#include <stdint.h>

/* Where the heap lives in the posix server's address space: 64 GiB from
 * 32 TiB, away from anything the process side maps. */
#define FS_HEAP_BASE 0x0000200000000000ull
#define FS_HEAP_LIMIT (64ull << 30)

void *fs_alloc(size_t size);            /* NULL when memory runs out */
void *fs_zalloc(size_t size);           /* the same, zero-filled */
void *fs_realloc(void *block, size_t size); /* NULL (block kept) when it cannot grow */
void fs_free(void *block);              /* NULL is fine */

/* The heap's page source: makes [end, end + bytes) usable (bytes is a
 * multiple of 4096) and returns 0, or -1 when memory runs out. */
int fs_heap_grow(uintptr_t end, size_t bytes);

#endif

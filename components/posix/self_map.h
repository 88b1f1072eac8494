/*
 * The personality's own address space: where its heap, its window on the
 * frames it hands to processes, and its IPC buffer live, and how a frame
 * gets mapped there (page tables made as needed, never taken down).
 */
#ifndef POSIX_SELF_MAP_H
#define POSIX_SELF_MAP_H

#include <stdint.h>

#define SELF_HEAP_BASE 0x0000400000000000ull
#define SELF_HEAP_LIMIT 0x0000480000000000ull
#define SELF_FRAME_WINDOW 0x0000500000000000ull
#define SELF_IPC_BUFFER 0x0000380000000000ull

/* Maps the frame (a slot reference) read-write at address. */
long self_map_frame(uint64_t frame, uint64_t address);

/* A fresh zeroed frame from untyped memory, mapped read-write at address
 * (its capability stays in a pool slot for good). */
long self_map_new_frame(uint64_t address);

#endif

/* The nucleus's frame allocator, set up from the boot memory map. */
#ifndef KERNEL_MM_PHYSICAL_MEMORY_H
#define KERNEL_MM_PHYSICAL_MEMORY_H

#include "kernel/boot_info.h"
#include "kernel/mm/frame_alloc.h"

extern struct frame_allocator kernel_frames;

/* Reserves the kernel image, boot modules and the first MiB, places the
 * frame bitmap, and panics with a clear message when the map is unusable. */
void physical_memory_init(const struct boot_info *info);

/* The allocator's bitmap was reached through the boot window; paging_init
 * calls this when it replaces that window with the direct map. */
void physical_memory_window_moved(uint64_t old_base, uint64_t new_base);

#endif

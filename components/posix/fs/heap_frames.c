/*
 * The heap's page source in the posix server: fresh 4 KiB frames from the
 * personality's untyped memory and capability slots (self_map.c), mapped
 * read-write at the end of the heap. Freed heap memory is reused by the
 * heap, never given back.
 */
#include "components/posix/fs/memory.h"
#include "components/posix/self_map.h"

#include "user/lib/strata.h"

int fs_heap_grow(uintptr_t end, size_t bytes)
{
	for (size_t offset = 0; offset < bytes; offset += 4096)
		if (self_map_new_frame(end + offset) != ST_OK)
			return -1;
	return 0;
}

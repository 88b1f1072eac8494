#include "user/lib/alloc.h"

struct st_allocator st_allocator;

void st_alloc_init(const struct st_bootinfo *bootinfo)
{
	struct st_allocator *a = &st_allocator;
	a->next_slot = bootinfo->first_free_slot;
	a->slot_end = 1u << bootinfo->cnode_size_bits;
	a->vspace = ST_ROOT_VSPACE;
	a->untyped_count = bootinfo->untyped_count;
	for (uint32_t i = 0; i < a->untyped_count; i++) {
		a->untyped[i].slot = bootinfo->untyped[i].slot;
		a->untyped[i].size_bits = bootinfo->untyped[i].size_bits;
		a->untyped[i].full = 0;
	}
}

uint32_t st_alloc_slot(void)
{
	return st_allocator.next_slot < st_allocator.slot_end ? st_allocator.next_slot++ : 0;
}

long st_alloc_object(unsigned type, unsigned size_bits, uint32_t *slot)
{
	struct st_allocator *a = &st_allocator;
	uint32_t dest = st_alloc_slot();
	if (!dest)
		return ST_ERROR_INVALID_SLOT;
	long error = ST_ERROR_NO_MEMORY;
	for (uint32_t i = 0; i < a->untyped_count && error == ST_ERROR_NO_MEMORY; i++) {
		if (a->untyped[i].full)
			continue;
		error = st_untyped_retype(a->untyped[i].slot, type, size_bits, dest, 1);
		/* Small objects failing means the untyped is used up. */
		if (error == ST_ERROR_NO_MEMORY && type == ST_OBJECT_FRAME)
			a->untyped[i].full = 1;
	}
	if (error) {
		a->next_slot--; /* give the slot back */
		return error;
	}
	*slot = dest;
	return ST_OK;
}

long st_map_frame(uint64_t vspace, uint64_t frame, uint64_t address, unsigned rights)
{
	for (;;) {
		long error = st_frame_map(frame, vspace, address, rights);
		if (error != ST_ERROR_NOT_MAPPED)
			return error;
		uint32_t table;
		if ((error = st_alloc_object(ST_OBJECT_PAGE_TABLE, 0, &table)))
			return error;
		if ((error = st_page_table_map(table, vspace, address, NULL)))
			return error;
	}
}

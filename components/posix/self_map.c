#include "components/posix/self_map.h"

#include "components/posix/slots.h"
#include "components/posix/untyped.h"

long self_map_frame(uint64_t frame, uint64_t address)
{
	for (;;) {
		long error = st_frame_map(frame, ST_ROOT_VSPACE, address, ST_RIGHT_READ | ST_RIGHT_WRITE);
		if (error != ST_ERROR_NOT_MAPPED)
			return error;
		slot_id table = slot_alloc();
		if (!table)
			return ST_ERROR_NO_MEMORY;
		if ((error = untyped_retype(ST_OBJECT_PAGE_TABLE, 0, slot_ref(table))) ||
		    (error = st_page_table_map(slot_ref(table), ST_ROOT_VSPACE, address, NULL))) {
			slot_release(table);
			return error;
		}
	}
}

long self_map_new_frame(uint64_t address)
{
	slot_id frame = slot_alloc();
	if (!frame)
		return ST_ERROR_NO_MEMORY;
	long error = untyped_retype(ST_OBJECT_FRAME, 0, slot_ref(frame));
	if (!error)
		error = self_map_frame(slot_ref(frame), address);
	if (error)
		slot_release(frame);
	return error;
}

/* Frame and page-table calls: map, unmap, protect. */
#include "kernel/arch/x86_64/vspace.h"
#include "kernel/object/cspace.h"
#include "kernel/syscall.h"

/* A frame of either size. */
static int find_frame(uint64_t ref, struct slot **out)
{
	int error = cspace_cap(ref, ST_OBJECT_NULL, 0, out);
	if (error)
		return error;
	unsigned type = (*out)->cap.type;
	return type == ST_OBJECT_FRAME || type == ST_OBJECT_LARGE_FRAME ? ST_OK : ST_ERROR_WRONG_TYPE;
}

int sys_frame_map(struct syscall_args *args)
{
	struct slot *frame, *vspace;
	int error = find_frame(args->a[0], &frame);
	if (!error)
		error = cspace_cap(args->a[1], ST_OBJECT_VSPACE, ST_RIGHT_WRITE, &vspace);
	return error ? error : vspace_map_frame(vspace, frame, args->a[2], args->a[3]);
}

int sys_frame_unmap(struct syscall_args *args)
{
	struct slot *frame;
	int error = find_frame(args->a[0], &frame);
	if (error)
		return error;
	if (!(frame->cap.flags & CAP_FLAG_MAPPED))
		return ST_ERROR_NOT_MAPPED;
	vspace_unmap_cap(frame);
	return ST_OK;
}

int sys_frame_protect(struct syscall_args *args)
{
	struct slot *frame;
	int error = find_frame(args->a[0], &frame);
	return error ? error : vspace_protect_frame(frame, args->a[1]);
}

int sys_page_table_map(struct syscall_args *args)
{
	struct slot *table, *vspace;
	int error = cspace_cap(args->a[0], ST_OBJECT_PAGE_TABLE, ST_RIGHT_WRITE, &table);
	if (!error)
		error = cspace_cap(args->a[1], ST_OBJECT_VSPACE, ST_RIGHT_WRITE, &vspace);
	if (error)
		return error;
	unsigned level;
	error = vspace_map_page_table(vspace, table, args->a[2], &level);
	if (!error)
		args->result = level;
	return error;
}

int sys_page_table_unmap(struct syscall_args *args)
{
	struct slot *table;
	int error = cspace_cap(args->a[0], ST_OBJECT_PAGE_TABLE, ST_RIGHT_WRITE, &table);
	if (error)
		return error;
	if (!(table->cap.flags & CAP_FLAG_MAPPED))
		return ST_ERROR_NOT_MAPPED;
	vspace_unmap_cap(table);
	return ST_OK;
}

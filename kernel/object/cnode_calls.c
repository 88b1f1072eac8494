/* Capability calls: identify, copy, mint, move, delete, revoke. */
#include "kernel/object/cspace.h"
#include "kernel/object/object.h"
#include "kernel/syscall.h"

int sys_cap_identify(struct syscall_args *args)
{
	struct slot *slot;
	int error = cspace_cap(args->a[0], ST_OBJECT_NULL, 0, &slot);
	if (error)
		return error;
	const struct cap *cap = &slot->cap;
	args->result = cap->type | (uint64_t)cap->rights << 8 | (uint64_t)cap->size_bits << 16 |
		       (uint64_t)(cap->flags & CAP_FLAG_MAPPED ? 1 : 0) << 24;
	args->result2 = cap->word;
	return ST_OK;
}

/* Copy and mint: the new capability is a child of the source. Only
 * endpoints and notifications take a badge, and only once. */
static int derive(struct syscall_args *args, uint64_t badge)
{
	struct slot *source, *dest;
	int error = cspace_cap(args->a[0], ST_OBJECT_NULL, 0, &source);
	if (!error)
		error = cspace_empty_slots(args->a[1], 1, &dest);
	if (error)
		return error;
	if (args->a[2] & ~(uint64_t)ST_RIGHTS_ALL)
		return ST_ERROR_INVALID_ARGUMENT;
	if (!object_copyable(source->cap.type))
		return ST_ERROR_ILLEGAL_OPERATION;
	if (badge != 0 && !object_badgeable(source->cap.type))
		return ST_ERROR_INVALID_ARGUMENT;
	return slot_derive(source, dest, (unsigned)args->a[2], badge != 0, badge);
}

int sys_cap_copy(struct syscall_args *args)
{
	return derive(args, 0);
}

int sys_cap_mint(struct syscall_args *args)
{
	return derive(args, args->a[3]);
}

int sys_cap_move(struct syscall_args *args)
{
	struct slot *source, *dest;
	/* Moving a capability out of a CNode both reads and changes it. */
	int error = cspace_slot(args->a[0], ST_RIGHT_READ | ST_RIGHT_WRITE, &source);
	if (!error)
		error = cspace_slot(args->a[1], ST_RIGHT_WRITE, &dest);
	if (error)
		return error;
	return slot_move(source, dest);
}

int sys_cap_delete(struct syscall_args *args)
{
	struct slot *slot;
	int error = cspace_slot(args->a[0], ST_RIGHT_WRITE, &slot);
	return error ? error : slot_delete(slot);
}

int sys_cap_revoke(struct syscall_args *args)
{
	struct slot *slot;
	int error = cspace_slot(args->a[0], ST_RIGHT_WRITE, &slot);
	return error ? error : slot_revoke(slot);
}

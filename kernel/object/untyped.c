/*
 * Retyping untyped memory into objects. The untyped capability's word is
 * its watermark: bytes from its start already handed out. Memory is only
 * reused once every object made from it is gone (no children left), so no
 * object can outlive the memory it stands in.
 */
#include "kernel/object/cspace.h"
#include "kernel/object/object.h"
#include "kernel/syscall.h"

int sys_untyped_retype(struct syscall_args *args)
{
	uint64_t type = args->a[1], size_bits = args->a[2], count = args->a[4];
	struct slot *untyped, *dest;
	int error = cspace_cap(args->a[0], ST_OBJECT_UNTYPED, 0, &untyped);
	if (error)
		return error;
	unsigned object_bits = type < ST_OBJECT_TYPE_COUNT && size_bits < 64
				       ? object_size_bits((unsigned)type, (unsigned)size_bits)
				       : 0;
	if (object_bits == 0 || count == 0 || count > ST_RETYPE_MAX_COUNT)
		return ST_ERROR_INVALID_ARGUMENT;
	if ((error = cspace_empty_slots(args->a[3], count, &dest)))
		return error;
	if (type != ST_OBJECT_UNTYPED && type != ST_OBJECT_CNODE)
		size_bits = 0; /* fixed-size objects: the argument is ignored */

	struct cap *cap = &untyped->cap;
	uint64_t base = cap->object, end = base + (1ull << cap->size_bits);
	uint64_t object_size = 1ull << object_bits;
	if (object_bits > cap->size_bits)
		return ST_ERROR_NO_MEMORY;
	/* No overflow: the untyped lies below 2^48, objects are at most as big. */
	uint64_t first = (base + cap->word + object_size - 1) & ~(object_size - 1);
	if (first > end || count > (end - first) >> object_bits)
		return ST_ERROR_NO_MEMORY;

	for (uint64_t i = 0; i < count; i++) {
		uint64_t phys = first + i * object_size;
		object_init((unsigned)type, phys, (unsigned)size_bits);
		struct cap new_cap = object_cap((unsigned)type, phys, (unsigned)size_bits);
		slot_insert(untyped, &dest[i], &new_cap);
	}
	cap->word = first + count * object_size - base;
	return ST_OK;
}

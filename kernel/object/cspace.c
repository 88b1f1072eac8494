#include "kernel/object/cspace.h"

#include "kernel/object/object.h"
#include "kernel/thread.h"

/* The CNode a reference's upper half names, and the rights over it. */
static int find_cnode(struct thread *thread, uint64_t ref, unsigned cnode_rights, struct cap **out)
{
	struct cap *root = &thread->slots[THREAD_SLOT_CSPACE].cap;
	if (root->type != ST_OBJECT_CNODE)
		return ST_ERROR_INVALID_SLOT; /* a thread with no capability space */
	uint64_t cnode_index = ref >> 32;
	struct cap *cnode = root;
	if (cnode_index != 0) {
		if (cnode_index >= (1ull << root->size_bits))
			return ST_ERROR_INVALID_SLOT;
		if (!(root->rights & ST_RIGHT_READ))
			return ST_ERROR_NO_RIGHTS;
		cnode = &cnode_slots(root)[cnode_index].cap;
		if (cnode->type == ST_OBJECT_NULL)
			return ST_ERROR_EMPTY_SLOT;
		if (cnode->type != ST_OBJECT_CNODE)
			return ST_ERROR_WRONG_TYPE;
	}
	if ((cnode->rights & cnode_rights) != cnode_rights)
		return ST_ERROR_NO_RIGHTS;
	*out = cnode;
	return ST_OK;
}

int cspace_thread_slot(struct thread *thread, uint64_t ref, unsigned cnode_rights, struct slot **out)
{
	struct cap *cnode;
	int error = find_cnode(thread, ref, cnode_rights, &cnode);
	if (error)
		return error;
	uint32_t index = (uint32_t)ref;
	/* Slot 0 is the CNode's own bookkeeping, never a capability. */
	if (index == 0 || index >= (1ull << cnode->size_bits))
		return ST_ERROR_INVALID_SLOT;
	*out = &cnode_slots(cnode)[index];
	return ST_OK;
}

int cspace_slot(uint64_t ref, unsigned cnode_rights, struct slot **out)
{
	return cspace_thread_slot(current_thread, ref, cnode_rights, out);
}

int cspace_thread_cap(struct thread *thread, uint64_t ref, unsigned type, unsigned rights, struct slot **out)
{
	struct slot *slot;
	int error = cspace_thread_slot(thread, ref, ST_RIGHT_READ, &slot);
	if (error)
		return error;
	if (slot_empty(slot))
		return ST_ERROR_EMPTY_SLOT;
	if (type != ST_OBJECT_NULL && slot->cap.type != type)
		return ST_ERROR_WRONG_TYPE;
	if ((slot->cap.rights & rights) != rights)
		return ST_ERROR_NO_RIGHTS;
	*out = slot;
	return ST_OK;
}

int cspace_cap(uint64_t ref, unsigned type, unsigned rights, struct slot **out)
{
	return cspace_thread_cap(current_thread, ref, type, rights, out);
}

int cspace_thread_empty_slots(struct thread *thread, uint64_t ref, uint64_t count, struct slot **out)
{
	struct cap *cnode;
	int error = find_cnode(thread, ref, ST_RIGHT_WRITE, &cnode);
	if (error)
		return error;
	uint64_t first = (uint32_t)ref, size = 1ull << cnode->size_bits;
	if (first == 0 || first >= size || count > size - first)
		return ST_ERROR_INVALID_SLOT;
	struct slot *slots = &cnode_slots(cnode)[first];
	for (uint64_t i = 0; i < count; i++) {
		if (!slot_empty(&slots[i]))
			return ST_ERROR_SLOT_OCCUPIED;
	}
	*out = slots;
	return ST_OK;
}

int cspace_empty_slots(uint64_t ref, uint64_t count, struct slot **out)
{
	return cspace_thread_empty_slots(current_thread, ref, count, out);
}

#include "kernel/object/object.h"

#include "kernel/arch/x86_64/irq.h"
#include "kernel/arch/x86_64/vspace.h"
#include "kernel/ipc/ipc.h"
#include "kernel/mm/layout.h"
#include "kernel/thread.h"
#include "lib/string.h"

unsigned object_size_bits(unsigned type, unsigned size_bits)
{
	return st_object_size_bits(type, size_bits);
}

void object_init(unsigned type, uint64_t phys, unsigned size_bits)
{
	/* Untyped memory is cleared when it becomes an object, not before. */
	if (type != ST_OBJECT_UNTYPED)
		memset(phys_to_virt(phys), 0, (size_t)1 << object_size_bits(type, size_bits));
	if (type == ST_OBJECT_THREAD)
		thread_object_init(phys_to_virt(phys));
	else if (type == ST_OBJECT_VSPACE)
		vspace_object_init(phys);
}

struct cap object_cap(unsigned type, uint64_t phys, unsigned size_bits)
{
	return (struct cap){ .type = (uint8_t)type,
			     .rights = ST_RIGHTS_ALL,
			     .size_bits = (uint8_t)size_bits,
			     .object = phys };
}

int object_badgeable(unsigned type)
{
	return type == ST_OBJECT_ENDPOINT || type == ST_OBJECT_NOTIFICATION;
}

int object_copyable(unsigned type)
{
	return type != ST_OBJECT_UNTYPED && type != ST_OBJECT_PAGE_TABLE;
}

struct slot *cnode_slots(const struct cap *cnode)
{
	return phys_to_virt(cnode->object);
}

/* The derivation tree's hooks (kernel/object/slot.h). */

void cap_destroy_object(struct slot *slot)
{
	switch (slot->cap.type) {
	case ST_OBJECT_CNODE: {
		/* Slot 0 is never a capability: it holds the CNode's work item. */
		struct slot *slots = cnode_slots(&slot->cap);
		struct slot_container *container = (struct slot_container *)&slots[0];
		container->slots = slots + 1;
		container->count = ((size_t)1 << slot->cap.size_bits) - 1;
		cspace_clear_later(container);
		break;
	}
	case ST_OBJECT_THREAD:
		thread_destroy(phys_to_virt(slot->cap.object));
		break;
	case ST_OBJECT_VSPACE:
		vspace_destroy(slot->cap.object);
		break;
	case ST_OBJECT_ENDPOINT:
		endpoint_destroy(phys_to_virt(slot->cap.object));
		break;
	case ST_OBJECT_NOTIFICATION:
		notification_destroy(phys_to_virt(slot->cap.object));
		break;
	case ST_OBJECT_REPLY:
		reply_destroy(phys_to_virt(slot->cap.object));
		break;
	case ST_OBJECT_IRQ_HANDLER:
		/* Its object is the vector: the input is masked, the vector free. */
		irq_release((unsigned)slot->cap.object);
		break;
	default:
		/* Frames and page tables were unmapped by cap_unmap(); untyped
		 * memory, I/O ports and the control capabilities hold no other
		 * state. */
		break;
	}
}

void cap_unmap(struct slot *slot)
{
	vspace_unmap_cap(slot);
}

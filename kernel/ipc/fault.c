#include "kernel/ipc/fault.h"

#include "kernel/ipc/ipc.h"
#include "kernel/mm/layout.h"
#include "kernel/object/cspace.h"

bool fault_deliver(struct thread *thread)
{
	struct slot *slot;
	if (cspace_thread_cap(thread, thread->fault_handler, ST_OBJECT_ENDPOINT, ST_RIGHT_WRITE, &slot))
		return false;
	endpoint_send(phys_to_virt(slot->cap.object), slot->cap.word, IPC_FAULT, false);
	return true;
}

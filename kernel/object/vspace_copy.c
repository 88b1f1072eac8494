/*
 * Copying between another address space and the caller's own: how a
 * personality server reads a client's system-call arguments and writes its
 * results (MINIX's safecopy, Mach's vm_read). The remote side is walked in
 * its page tables, the local side goes through user_copy's checks, and the
 * bytes move through the direct map: no mapping is made and nothing can
 * fault in the nucleus.
 */
#include "include/strata/syscalls.h"
#include "kernel/arch/x86_64/vspace.h"
#include "kernel/mm/layout.h"
#include "kernel/mm/page.h"
#include "kernel/object/cspace.h"
#include "kernel/syscall.h"
#include "kernel/thread.h"
#include "kernel/user_copy.h"

int sys_vspace_copy(struct syscall_args *args)
{
	uint64_t remote = args->a[1], local = args->a[2], length = args->a[3], direction = args->a[4];
	if (direction > ST_COPY_TO_REMOTE || length > ST_VSPACE_COPY_MAX)
		return ST_ERROR_INVALID_ARGUMENT;
	bool to_remote = direction == ST_COPY_TO_REMOTE;
	struct slot *vspace;
	int error = cspace_cap(args->a[0], ST_OBJECT_VSPACE, to_remote ? ST_RIGHT_WRITE : ST_RIGHT_READ, &vspace);
	if (error)
		return error;
	if (remote >= ST_USER_ADDRESS_LIMIT || length > ST_USER_ADDRESS_LIMIT - remote)
		return ST_ERROR_BAD_ADDRESS;
	uint64_t own = thread_address_space(current_thread);
	uint64_t done = 0;
	while (done < length) {
		uint64_t phys;
		if (!vspace_user_page(vspace->cap.object, remote + done, to_remote, &phys)) {
			error = ST_ERROR_NOT_MAPPED;
			break;
		}
		uint64_t chunk = PAGE_SIZE - ((remote + done) & (PAGE_SIZE - 1));
		if (chunk > length - done)
			chunk = length - done;
		error = to_remote ? user_copy_from(own, phys_to_virt(phys), local + done, chunk)
				  : user_copy_to(own, local + done, phys_to_virt(phys), chunk);
		if (error)
			break;
		done += chunk;
	}
	args->result = done;
	args->keep_results = true;
	return error;
}

/*
 * User memory of a process, as the server reaches it (posix.h's
 * user_read, user_write, user_read_string): copies through the nucleus
 * (st_vspace_copy). A page that is not there yet, or shared copy-on-write
 * when written, is resolved as the process's own access would be, then
 * the copy goes on; an address the process could not access is -EFAULT.
 */
#include "components/posix/process.h"
#include "lib/string.h"

/* The copy stopped at address: make it accessible, or say it cannot be. */
static bool resolve(struct process *p, uint64_t address, unsigned access)
{
	return mm_fault(&p->mm, address, access) == MM_FAULT_OK;
}

static long copy(struct process *p, uint64_t address, void *buffer, size_t length, unsigned direction)
{
	if (!length)
		return 0;
	if (address >= MEMORY_USER_LIMIT || length > MEMORY_USER_LIMIT - address)
		return -LINUX_EFAULT;
	unsigned access = direction == ST_COPY_TO_REMOTE ? ACCESS_WRITE : ACCESS_READ;
	size_t done = 0;
	uint64_t last_resolved = ~0ull;
	while (done < length) {
		size_t chunk = length - done < ST_VSPACE_COPY_MAX ? length - done : ST_VSPACE_COPY_MAX;
		size_t copied = 0;
		long error = st_vspace_copy(p->vspace, address + done, (uint8_t *)buffer + done, chunk, direction,
					    &copied);
		done += copied;
		if (error == ST_OK)
			continue;
		uint64_t at = address + done;
		/* Resolving the same page twice without progress: give up. */
		if (error != ST_ERROR_NOT_MAPPED || PAGE_DOWN(at) == last_resolved || !resolve(p, at, access))
			return -LINUX_EFAULT;
		last_resolved = PAGE_DOWN(at);
	}
	return 0;
}

long user_read(struct process *p, uint64_t address, void *buffer, size_t length)
{
	return copy(p, address, buffer, length, ST_COPY_FROM_REMOTE);
}

long user_write(struct process *p, uint64_t address, const void *buffer, size_t length)
{
	return copy(p, address, (void *)buffer, length, ST_COPY_TO_REMOTE);
}

long user_read_string(struct process *p, uint64_t address, char *buffer, size_t max)
{
	size_t done = 0;
	while (done < max) {
		/* Up to the end of the page: the next page may not exist. */
		size_t chunk = 4096 - ((address + done) & 4095);
		if (chunk > max - done)
			chunk = max - done;
		long error = user_read(p, address + done, buffer + done, chunk);
		if (error)
			return error;
		char *nul = memchr(buffer + done, 0, chunk);
		if (nul)
			return nul - buffer;
		done += chunk;
	}
	return -LINUX_ENAMETOOLONG;
}

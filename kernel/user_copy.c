#include "kernel/user_copy.h"

#include "include/strata/errors.h"
#include "include/strata/objects.h"
#include "kernel/arch/x86_64/vspace.h"
#include "kernel/mm/layout.h"
#include "kernel/mm/page.h"
#include "lib/string.h"

/* Copies page by page through the direct map, after checking each page is
 * mapped for user access (and writable, to write) in the address space:
 * no SMAP window, and no fault is possible in the nucleus. */
static int copy_pages(uint64_t address_space, uint64_t user_address, void *kernel, size_t length, bool to_user,
		      bool copy)
{
	if (user_address >= ST_USER_ADDRESS_LIMIT || length > ST_USER_ADDRESS_LIMIT - user_address)
		return ST_ERROR_BAD_ADDRESS;
	uint8_t *bytes = kernel;
	while (length) {
		uint64_t phys;
		if (!vspace_user_page(address_space, user_address, to_user, &phys))
			return ST_ERROR_BAD_ADDRESS;
		size_t chunk = PAGE_SIZE - (user_address & (PAGE_SIZE - 1));
		if (chunk > length)
			chunk = length;
		if (copy && to_user)
			memcpy(phys_to_virt(phys), bytes, chunk);
		else if (copy)
			memcpy(bytes, phys_to_virt(phys), chunk);
		bytes += chunk;
		user_address += chunk;
		length -= chunk;
	}
	return ST_OK;
}

static int user_copy(uint64_t address_space, uint64_t user_address, void *kernel, size_t length, bool to_user)
{
	/* A write checks every page first: all of it lands, or none. */
	if (to_user) {
		int error = copy_pages(address_space, user_address, kernel, length, true, false);
		if (error)
			return error;
	}
	return copy_pages(address_space, user_address, kernel, length, to_user, true);
}

int user_copy_from(uint64_t address_space, void *destination, uint64_t user_source, size_t length)
{
	return user_copy(address_space, user_source, destination, length, false);
}

int user_copy_to(uint64_t address_space, uint64_t user_destination, const void *source, size_t length)
{
	return user_copy(address_space, user_destination, (void *)source, length, true);
}

#include "kernel/user_copy.h"

#include "include/strata/errors.h"
#include "kernel/arch/x86_64/paging.h"
#include "kernel/mm/layout.h"
#include "kernel/mm/page.h"
#include "lib/string.h"

int user_copy_from(uint64_t address_space, void *destination, uint64_t user_source, size_t length)
{
	if (user_source >= USER_ADDRESS_LIMIT || length > USER_ADDRESS_LIMIT - user_source)
		return ST_ERROR_BAD_ADDRESS;
	uint8_t *out = destination;
	while (length) {
		uint64_t entry = paging_lookup_in(address_space, user_source);
		if (!(entry & PTE_PRESENT) || !(entry & PTE_USER))
			return ST_ERROR_BAD_ADDRESS;
		/* Read through the direct map: no SMAP window, no fault possible. */
		uint64_t page_offset = user_source & (PAGE_SIZE - 1);
		size_t chunk = PAGE_SIZE - page_offset;
		if (chunk > length)
			chunk = length;
		memcpy(out, phys_to_virt((entry & PTE_ADDRESS_MASK) + page_offset), chunk);
		out += chunk;
		user_source += chunk;
		length -= chunk;
	}
	return ST_OK;
}

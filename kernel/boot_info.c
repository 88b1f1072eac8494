#include "kernel/boot_info.h"

#include "kernel/mm/layout.h"
#include "lib/string.h"

const void *boot_phys_pointer(uint64_t phys, uint64_t size)
{
	if (phys == 0 || phys >= BOOT_WINDOW_SIZE || size > BOOT_WINDOW_SIZE - phys)
		return NULL;
	return (const void *)(KERNEL_VMA + phys);
}

void boot_copy_string(char *out, size_t size, uint64_t phys)
{
	out[0] = '\0';
	size_t n = 0;
	while (n + 1 < size) {
		const char *c = boot_phys_pointer(phys + n, 1);
		if (!c || !*c)
			break;
		out[n++] = *c;
	}
	out[n] = '\0';
}

/*
 * What the boot loader told us, in one form whichever protocol booted the
 * kernel (Multiboot v1 or PVH). Everything is copied into the kernel, so the
 * loader's structures may be overwritten once this is filled in.
 */
#ifndef KERNEL_BOOT_INFO_H
#define KERNEL_BOOT_INFO_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/mm/memmap.h"

#define BOOT_MEMMAP_MAX 128
#define BOOT_MODULES_MAX 16
#define BOOT_CMDLINE_MAX 512
#define BOOT_MODULE_NAME_MAX 64

struct boot_module {
	uint64_t start; /* physical, [start, end) */
	uint64_t end;
	char name[BOOT_MODULE_NAME_MAX];
};

struct boot_info {
	int protocol; /* BOOT_PROTOCOL_* */
	const char *protocol_name;
	char cmdline[BOOT_CMDLINE_MAX];
	size_t memmap_count;
	struct memmap_entry memmap[BOOT_MEMMAP_MAX];
	size_t module_count;
	struct boot_module modules[BOOT_MODULES_MAX];
	uint64_t acpi_rsdp; /* 0 if the loader gave none */
};

/* Each returns 0, or prints what is wrong with the loader's data and returns -1. */
int boot_info_from_multiboot(uint32_t info_phys, struct boot_info *info);
int boot_info_from_pvh(uint32_t start_info_phys, struct boot_info *info);

/* Loader data is read through the boot page tables (first GiB only): a
 * pointer to [phys, phys + size), or NULL if it lies outside that window. */
const void *boot_phys_pointer(uint64_t phys, uint64_t size);

/* Copies a loader string of at most size-1 characters; "" if unreadable. */
void boot_copy_string(char *out, size_t size, uint64_t phys);

#endif

/* PVH start info (the Xen HVM direct boot ABI; QEMU, Firecracker, our VMM). */
#include "kernel/arch/x86_64/boot_protocol.h"
#include "kernel/boot_info.h"
#include "kernel/printk.h"

#define PVH_START_MAGIC 0x336ec578

struct pvh_start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t module_count;
	uint64_t module_list;
	uint64_t cmdline;
	uint64_t rsdp;
	uint64_t memmap; /* version 1 and later */
	uint32_t memmap_entries;
	uint32_t reserved;
} __attribute__((packed));

struct pvh_module {
	uint64_t start, size, cmdline, reserved;
} __attribute__((packed));

struct pvh_memmap_entry {
	uint64_t base, length;
	uint32_t type, reserved;
} __attribute__((packed));

int boot_info_from_pvh(uint32_t start_info_phys, struct boot_info *info)
{
	info->protocol = BOOT_PROTOCOL_PVH;
	info->protocol_name = "PVH";
	const struct pvh_start_info *start = boot_phys_pointer(start_info_phys, sizeof *start);
	if (!start || start->magic != PVH_START_MAGIC) {
		kprintf("pvh: no start info with the right magic at 0x%x\n", start_info_phys);
		return -1;
	}
	if (start->cmdline)
		boot_copy_string(info->cmdline, sizeof info->cmdline, start->cmdline);
	info->acpi_rsdp = start->rsdp;

	if (start->version >= 1 && start->memmap) {
		uint32_t count = start->memmap_entries;
		if (count > BOOT_MEMMAP_MAX) {
			kprintf("pvh: %u memory map entries, only the first %d used\n", count, BOOT_MEMMAP_MAX);
			count = BOOT_MEMMAP_MAX;
		}
		const struct pvh_memmap_entry *entries =
			boot_phys_pointer(start->memmap, (uint64_t)count * sizeof *entries);
		if (!entries) {
			kprintf("pvh: memory map at 0x%lx unreadable\n", start->memmap);
			count = 0;
		}
		for (uint32_t i = 0; i < count; i++)
			info->memmap[i] = (struct memmap_entry){ entries[i].base, entries[i].length, entries[i].type };
		info->memmap_count = count;
	} else {
		kprintf("pvh: start info version %u has no memory map\n", start->version);
	}

	uint32_t module_count = start->module_count;
	if (module_count > BOOT_MODULES_MAX) {
		kprintf("pvh: %u modules, only the first %d used\n", module_count, BOOT_MODULES_MAX);
		module_count = BOOT_MODULES_MAX;
	}
	const struct pvh_module *modules =
		module_count ? boot_phys_pointer(start->module_list, (uint64_t)module_count * sizeof *modules) : NULL;
	if (module_count && !modules) {
		kprintf("pvh: module list at 0x%lx unreadable\n", start->module_list);
		module_count = 0;
	}
	for (uint32_t i = 0; i < module_count; i++) {
		if (modules[i].start + modules[i].size < modules[i].start) {
			kprintf("pvh: module %u wraps around the address space; ignored\n", i);
			continue;
		}
		struct boot_module *out = &info->modules[info->module_count++];
		out->start = modules[i].start;
		out->end = modules[i].start + modules[i].size;
		out->name[0] = '\0';
		if (modules[i].cmdline)
			boot_copy_string(out->name, sizeof out->name, modules[i].cmdline);
	}
	return 0;
}

/* Multiboot v1 information (QEMU -kernel, GRUB's multiboot command). */
#include "kernel/arch/x86_64/boot_protocol.h"
#include "kernel/boot_info.h"
#include "kernel/printk.h"
#include "lib/string.h"

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct multiboot_module {
	uint32_t start, end, string, reserved;
} __attribute__((packed));

struct multiboot_mmap_entry {
	uint32_t size; /* of the rest of the entry: the next one is size + 4 on */
	uint64_t base, length;
	uint32_t type;
} __attribute__((packed));

#define MULTIBOOT_INFO_MEMORY (1u << 0)
#define MULTIBOOT_INFO_CMDLINE (1u << 2)
#define MULTIBOOT_INFO_MODULES (1u << 3)
#define MULTIBOOT_INFO_MEMORY_MAP (1u << 6)

static void skip_image_path(char *cmdline)
{
	/* By convention (GRUB, QEMU) the first word is the kernel's path. Our
	 * options all have an '=', so a first word without one is the path. */
	char *end = cmdline;
	while (*end && *end != ' ')
		end++;
	for (char *p = cmdline; p < end; p++) {
		if (*p == '=')
			return;
	}
	while (*end == ' ')
		end++;
	memmove(cmdline, end, strlen(end) + 1);
}

static void read_memory_map(const struct multiboot_info *mb, struct boot_info *info)
{
	uint64_t offset = 0;
	while (offset + sizeof(struct multiboot_mmap_entry) <= mb->mmap_length) {
		const struct multiboot_mmap_entry *entry =
			boot_phys_pointer(mb->mmap_addr + offset, sizeof *entry);
		if (!entry) {
			kprintf("multiboot: memory map at 0x%x unreadable; using what was read\n", mb->mmap_addr);
			return;
		}
		if (entry->size < 20) { /* would loop forever or misparse */
			kprintf("multiboot: memory map entry with size %u; rest of map ignored\n", entry->size);
			return;
		}
		if (info->memmap_count == BOOT_MEMMAP_MAX) {
			kprintf("multiboot: more than %d memory map entries; rest ignored\n", BOOT_MEMMAP_MAX);
			return;
		}
		info->memmap[info->memmap_count++] =
			(struct memmap_entry){ entry->base, entry->length, entry->type };
		offset += (uint64_t)entry->size + 4;
	}
}

int boot_info_from_multiboot(uint32_t info_phys, struct boot_info *info)
{
	info->protocol = BOOT_PROTOCOL_MULTIBOOT;
	info->protocol_name = "Multiboot";
	const struct multiboot_info *mb = boot_phys_pointer(info_phys, sizeof *mb);
	if (!mb) {
		kprintf("multiboot: information block at 0x%x is unreadable\n", info_phys);
		return -1;
	}
	if (mb->flags & MULTIBOOT_INFO_CMDLINE) {
		boot_copy_string(info->cmdline, sizeof info->cmdline, mb->cmdline);
		skip_image_path(info->cmdline);
	}
	if (mb->flags & MULTIBOOT_INFO_MEMORY_MAP) {
		read_memory_map(mb, info);
	} else if (mb->flags & MULTIBOOT_INFO_MEMORY) {
		/* Only the old two-number summary: low memory and memory above 1 MiB. */
		info->memmap[0] = (struct memmap_entry){ 0, (uint64_t)mb->mem_lower * 1024, MEMMAP_USABLE };
		info->memmap[1] = (struct memmap_entry){ 0x100000, (uint64_t)mb->mem_upper * 1024, MEMMAP_USABLE };
		info->memmap_count = 2;
	}
	if (mb->flags & MULTIBOOT_INFO_MODULES) {
		for (uint32_t i = 0; i < mb->mods_count; i++) {
			const struct multiboot_module *module =
				boot_phys_pointer(mb->mods_addr + (uint64_t)i * sizeof *module, sizeof *module);
			if (!module || info->module_count == BOOT_MODULES_MAX) {
				kprintf("multiboot: module %u unreadable or over the limit of %d; ignored\n", i,
					BOOT_MODULES_MAX);
				break;
			}
			if (module->end < module->start) {
				kprintf("multiboot: module %u ends before it starts; ignored\n", i);
				continue;
			}
			struct boot_module *out = &info->modules[info->module_count++];
			out->start = module->start;
			out->end = module->end;
			boot_copy_string(out->name, sizeof out->name, module->string);
		}
	}
	return 0;
}

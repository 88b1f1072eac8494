#include "kernel/root_task.h"

#include "kernel/arch/x86_64/paging.h"
#include "kernel/mm/layout.h"
#include "kernel/mm/page.h"
#include "kernel/mm/physical_memory.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "lib/elf.h"
#include "lib/string.h"

/* The root task's stack: 64 KiB just below the top of the lower half, with
 * the page above it left unmapped. */
#define ROOT_STACK_TOP (USER_ADDRESS_LIMIT - PAGE_SIZE)
#define ROOT_STACK_PAGES 16

static struct thread root_thread;

static uint64_t segment_page_flags(uint32_t elf_flags)
{
	uint64_t flags = 0;
	if (elf_flags & ELF_SEGMENT_WRITE)
		flags |= PTE_WRITABLE;
	if (!(elf_flags & ELF_SEGMENT_EXECUTE))
		flags |= PTE_NO_EXECUTE;
	return flags;
}

static const char *load_segment(uint64_t address_space, const uint8_t *file, const struct elf_segment *s)
{
	uint64_t first = page_align_down(s->vaddr);
	uint64_t end = page_align_up(s->vaddr + s->memory_size);
	for (uint64_t page = first; page < end; page += PAGE_SIZE) {
		uint64_t frame = frame_alloc(&kernel_frames);
		if (!frame)
			return "out of memory";
		uint8_t *bytes = phys_to_virt(frame);
		memset(bytes, 0, PAGE_SIZE);
		/* The part of this page that comes from the file. */
		uint64_t file_start = s->vaddr, file_end = s->vaddr + s->file_size;
		uint64_t copy_start = page > file_start ? page : file_start;
		uint64_t copy_end = page + PAGE_SIZE < file_end ? page + PAGE_SIZE : file_end;
		if (copy_start < copy_end)
			memcpy(bytes + (copy_start - page), file + s->file_offset + (copy_start - s->vaddr),
			       copy_end - copy_start);
		if (paging_map_user_page(address_space, page, frame, segment_page_flags(s->flags)))
			return "cannot map a page";
	}
	return NULL;
}

static const char *load(const struct boot_module *module, uint64_t *address_space_out, uint64_t *entry_out)
{
	const uint8_t *file = phys_to_virt(module->start);
	struct elf_image image;
	const char *error = elf_parse(file, module->end - module->start, USER_ADDRESS_LIMIT - (1ull << 30), &image);
	if (error)
		return error;
	uint64_t address_space = paging_new_address_space();
	if (!address_space)
		return "out of memory";
	for (size_t i = 0; i < image.segment_count; i++) {
		if ((error = load_segment(address_space, file, &image.segments[i])))
			return error;
	}
	for (uint64_t i = 1; i <= ROOT_STACK_PAGES; i++) {
		uint64_t frame = frame_alloc(&kernel_frames);
		if (!frame)
			return "out of memory";
		memset(phys_to_virt(frame), 0, PAGE_SIZE);
		if (paging_map_user_page(address_space, ROOT_STACK_TOP - i * PAGE_SIZE, frame,
					 PTE_WRITABLE | PTE_NO_EXECUTE))
			return "cannot map the stack";
	}
	*address_space_out = address_space;
	*entry_out = image.entry;
	return NULL;
}

void root_task_start(const struct boot_info *info, uint64_t argument)
{
	if (info->module_count == 0) {
		kprintf("root task: no boot module to run\n");
		return;
	}
	const struct boot_module *module = &info->modules[0];
	uint64_t address_space, entry;
	const char *error = load(module, &address_space, &entry);
	if (error) {
		kprintf("root task: cannot load module 0 (\"%s\"): %s\n", module->name, error);
		return;
	}
	kprintf("root task: starting \"%s\" at 0x%lx\n", module->name, entry);
	thread_init(&root_thread, "root", address_space, entry, ROOT_STACK_TOP, argument);
	thread_start(&root_thread);
}

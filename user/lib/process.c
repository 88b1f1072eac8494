#include "user/lib/process.h"

#include "lib/elf.h"
#include "lib/string.h"
#include "user/lib/alloc.h"

const void *st_map_module(const struct st_bootinfo *bootinfo, unsigned index)
{
	if (index >= bootinfo->module_count)
		return NULL;
	const struct st_bootinfo_module *m = &bootinfo->modules[index];
	/* Each module gets its own 1 GiB of addresses. */
	uint64_t base = ST_MODULE_ADDRESS + ((uint64_t)index << 30);
	for (uint32_t i = 0; i < m->frame_count; i++) {
		if (st_map_frame(st_allocator.vspace, m->first_slot + i, base + (uint64_t)i * 4096, ST_RIGHT_READ))
			return NULL;
	}
	return (const void *)(base + (m->phys & 4095));
}

/* A fresh frame filled through the scratch address, then mapped in the new
 * process; the bytes come from source (length <= 4096 at offset). */
static long add_page(const struct st_process *p, uint64_t address, unsigned rights, const uint8_t *source,
		     size_t offset, size_t length)
{
	uint32_t frame;
	long error = st_alloc_object(ST_OBJECT_FRAME, 0, &frame);
	if (error)
		return error;
	if (length) {
		if ((error = st_map_frame(st_allocator.vspace, frame, ST_SCRATCH_ADDRESS, ST_RIGHT_READ | ST_RIGHT_WRITE)))
			return error;
		memcpy((uint8_t *)ST_SCRATCH_ADDRESS + offset, source, length);
		if ((error = st_frame_unmap(frame)))
			return error;
	}
	return st_map_frame(p->vspace, frame, address, rights);
}

static long load_segment(const struct st_process *p, const uint8_t *file, const struct elf_segment *s)
{
	for (uint64_t page = s->vaddr & ~4095ull; page < s->vaddr + s->memory_size; page += 4096) {
		struct elf_page_part part = elf_page_part(s, page);
		long error = add_page(p, page, elf_segment_rights(s->flags), file + part.file_offset,
				      part.page_offset, part.length);
		if (error)
			return error;
	}
	return ST_OK;
}

long st_process_create(const void *elf, size_t size, unsigned cnode_bits, const char *name,
		       struct st_process *p)
{
	struct elf_image image;
	if (elf_parse(elf, size, ST_UVPT_BASE, &image))
		return ST_ERROR_INVALID_ARGUMENT;
	long error;
	if ((error = st_alloc_object(ST_OBJECT_CNODE, cnode_bits, &p->cnode)) ||
	    (error = st_alloc_object(ST_OBJECT_VSPACE, 0, &p->vspace)) ||
	    (error = st_alloc_object(ST_OBJECT_THREAD, 0, &p->thread)))
		return error;
	for (size_t i = 0; i < image.segment_count; i++) {
		if ((error = load_segment(p, elf, &image.segments[i])))
			return error;
	}
	for (uint64_t i = 1; i <= ST_PROCESS_STACK_PAGES; i++) {
		if ((error = add_page(p, ST_PROCESS_STACK_TOP - i * 4096, ST_RIGHT_READ | ST_RIGHT_WRITE, NULL, 0, 0)))
			return error;
	}
	/* Its own CNode, thread and address space in the root task's slots. */
	if ((error = st_cap_copy(p->cnode, ST_SLOT(p->cnode, ST_ROOT_CNODE), ST_RIGHTS_ALL)) ||
	    (error = st_cap_copy(p->thread, ST_SLOT(p->cnode, ST_ROOT_THREAD), ST_RIGHTS_ALL)) ||
	    (error = st_cap_copy(p->vspace, ST_SLOT(p->cnode, ST_ROOT_VSPACE), ST_RIGHTS_ALL)))
		return error;
	if ((error = st_thread_configure(p->thread, p->cnode, p->vspace, 0, 0, 0)))
		return error;
	p->entry = image.entry;
	return name ? st_thread_set_name(p->thread, name, strlen(name)) : ST_OK;
}

long st_process_set_fault_handler(const struct st_process *p, uint64_t fault_handler)
{
	return st_thread_configure(p->thread, p->cnode, p->vspace, 0, 0, fault_handler);
}

long st_process_start(const struct st_process *p, uint64_t argument, unsigned priority)
{
	struct st_registers registers = { .rip = p->entry, .rsp = ST_PROCESS_STACK_TOP, .rdi = argument };
	long error = st_thread_write_registers(p->thread, &registers);
	if (!error)
		error = st_thread_set_priority(p->thread, ST_ROOT_THREAD, priority);
	return error ? error : st_thread_resume(p->thread);
}

static void exit_thread(void)
{
	st_thread_exit();
}

long st_thread_spawn(void (*entry)(uint64_t), uint64_t argument, void *stack_top, unsigned priority,
		     const char *name, uint32_t *thread)
{
	long error = st_alloc_object(ST_OBJECT_THREAD, 0, thread);
	if (!error)
		error = st_thread_configure(*thread, ST_ROOT_CNODE, st_allocator.vspace, 0, 0, 0);
	if (!error && name)
		error = st_thread_set_name(*thread, name, strlen(name));
	if (error)
		return error;
	/* As if called, returning into thread_exit: the stack 16-byte aligned
	 * before the return address. */
	uint64_t rsp = ((uint64_t)stack_top & ~15ull) - 8;
	*(uint64_t *)rsp = (uint64_t)exit_thread;
	struct st_registers registers = { .rip = (uint64_t)entry, .rsp = rsp, .rdi = argument };
	error = st_thread_write_registers(*thread, &registers);
	if (!error)
		error = st_thread_set_priority(*thread, ST_ROOT_THREAD, priority);
	return error ? error : st_thread_resume(*thread);
}

/*
 * Building the root task. Its CNode, thread, address space, page tables and
 * frames are made exactly as retyping would make them, from memory the
 * nucleus sets aside at boot, and it holds a capability to each. Then all
 * remaining free memory becomes untyped capabilities in its CNode, and the
 * nucleus's allocator is left empty: from here on, every object is paid for
 * by whoever makes it.
 */
#include "kernel/root_task.h"

#include "include/strata/bootinfo.h"
#include "kernel/arch/x86_64/apic_timer.h"
#include "kernel/arch/x86_64/tsc.h"
#include "kernel/arch/x86_64/vspace.h"
#include "kernel/mm/layout.h"
#include "kernel/mm/page.h"
#include "kernel/mm/physical_memory.h"
#include "kernel/object/object.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "lib/elf.h"
#include "lib/string.h"

#define ROOT_CNODE_BITS 12 /* 4096 slots */
/* A 64 KiB stack just below the top of the lower half with an unmapped page
 * above it, and the bootinfo page below it with an unmapped page between. */
#define ROOT_STACK_TOP (ST_USER_ADDRESS_LIMIT - PAGE_SIZE)
#define ROOT_STACK_PAGES 16
#define ROOT_BOOTINFO_ADDRESS (ROOT_STACK_TOP - (ROOT_STACK_PAGES + 2) * PAGE_SIZE)

struct builder {
	struct slot *slots;
	uint32_t next_slot;
	struct slot *vspace;
	const char *error;
};

static struct slot *take_slot(struct builder *b)
{
	if (b->next_slot >= 1u << ROOT_CNODE_BITS) {
		b->error = "root CNode full";
		return NULL;
	}
	return &b->slots[b->next_slot++];
}

/* A new object from the nucleus's boot memory, with its capability in the
 * next slot; the slot, or NULL. */
static struct slot *make_object(struct builder *b, unsigned type, unsigned size_bits)
{
	uint64_t phys = frame_alloc_aligned(&kernel_frames, object_size_bits(type, size_bits));
	if (!phys) {
		b->error = "out of memory";
		return NULL;
	}
	struct slot *slot = take_slot(b);
	if (!slot)
		return NULL;
	object_init(type, phys, size_bits);
	struct cap cap = object_cap(type, phys, size_bits);
	slot_insert(NULL, slot, &cap);
	return slot;
}

/* A zeroed frame mapped at address, page tables made on the way; its
 * contents, or NULL. */
static uint8_t *map_new_frame(struct builder *b, uint64_t address, uint64_t rights)
{
	struct slot *frame = make_object(b, ST_OBJECT_FRAME, 0);
	if (!frame)
		return NULL;
	for (;;) {
		int error = vspace_map_frame(b->vspace, frame, address, rights);
		if (error == ST_OK)
			return phys_to_virt(frame->cap.object);
		struct slot *table = error == ST_ERROR_NOT_MAPPED ? make_object(b, ST_OBJECT_PAGE_TABLE, 0) : NULL;
		unsigned level;
		if (!table || vspace_map_page_table(b->vspace, table, address, &level) != ST_OK) {
			b->error = b->error ? b->error : "cannot map the image";
			return NULL;
		}
	}
}

static void load_segment(struct builder *b, const uint8_t *file, const struct elf_segment *s)
{
	for (uint64_t page = page_align_down(s->vaddr); page < s->vaddr + s->memory_size; page += PAGE_SIZE) {
		uint8_t *bytes = map_new_frame(b, page, elf_segment_rights(s->flags));
		if (!bytes)
			return;
		struct elf_page_part part = elf_page_part(s, page);
		memcpy(bytes + part.page_offset, file + part.file_offset, part.length);
	}
}

/* The other modules' memory, as frame capabilities the root task maps
 * where it wants. */
static void give_modules(struct builder *b, const struct boot_info *info, struct st_bootinfo *bootinfo)
{
	for (size_t i = 1; i < info->module_count && i - 1 < ST_BOOTINFO_MODULES_MAX; i++) {
		const struct boot_module *m = &info->modules[i];
		struct st_bootinfo_module *out = &bootinfo->modules[bootinfo->module_count++];
		out->phys = m->start;
		out->size = m->end - m->start;
		out->first_slot = b->next_slot;
		strlcpy(out->name, m->name, sizeof out->name);
		for (uint64_t page = page_align_down(m->start); page < m->end; page += PAGE_SIZE) {
			struct slot *slot = take_slot(b);
			if (!slot)
				return;
			struct cap cap = object_cap(ST_OBJECT_FRAME, page, 0);
			slot_insert(NULL, slot, &cap);
			out->frame_count++;
		}
	}
}

/* Every free frame left, as the largest aligned power-of-two blocks. */
static void give_untyped(struct builder *b, struct st_bootinfo *bootinfo)
{
	uint64_t phys, count;
	while (frame_first_free_run(&kernel_frames, &phys, &count)) {
		uint64_t end = phys + count * PAGE_SIZE;
		while (phys < end) {
			unsigned bits = phys ? (unsigned)__builtin_ctzll(phys) : ST_UNTYPED_MAX_BITS;
			while (bits > ST_UNTYPED_MAX_BITS || phys + (1ull << bits) > end)
				bits--;
			if (bootinfo->untyped_count == ST_BOOTINFO_UNTYPED_MAX || b->next_slot >= 1u << ROOT_CNODE_BITS) {
				kprintf("root task: %lu KiB of memory left out (no room for more untyped)\n",
					kernel_frames.free_frames * 4);
				return;
			}
			frame_claim(&kernel_frames, phys, 1ull << (bits - PAGE_SHIFT));
			struct slot *slot = take_slot(b);
			struct cap cap = object_cap(ST_OBJECT_UNTYPED, phys, bits);
			slot_insert(NULL, slot, &cap);
			bootinfo->untyped[bootinfo->untyped_count++] =
				(struct st_bootinfo_untyped){ .phys = phys, .slot = (uint32_t)(slot - b->slots),
							      .size_bits = (uint8_t)bits };
			bootinfo->untyped_bytes += 1ull << bits;
			phys += 1ull << bits;
		}
	}
}

static void start_thread(struct builder *b, uint64_t entry)
{
	struct thread *thread = phys_to_virt(b->slots[ST_ROOT_THREAD].cap.object);
	slot_derive(&b->slots[ST_ROOT_CNODE], &thread->slots[THREAD_SLOT_CSPACE], ST_RIGHTS_ALL, false, 0);
	slot_derive(&b->slots[ST_ROOT_VSPACE], &thread->slots[THREAD_SLOT_VSPACE], ST_RIGHTS_ALL, false, 0);
	strlcpy(thread->name, "root", sizeof thread->name);
	thread->priority = thread->mcp = ST_PRIORITY_MAX;
	thread->frame.rip = entry;
	thread->frame.rsp = ROOT_STACK_TOP;
	thread->frame.rdi = ROOT_BOOTINFO_ADDRESS;
	thread_resume(thread);
}

static const char *build(const struct boot_info *info)
{
	const struct boot_module *module = &info->modules[0];
	const uint8_t *file = phys_to_virt(module->start);
	struct elf_image image;
	const char *error = elf_parse(file, module->end - module->start, ST_UVPT_BASE, &image);
	if (error)
		return error;

	uint64_t cnode = frame_alloc_aligned(&kernel_frames, ROOT_CNODE_BITS + ST_SLOT_SIZE_BITS);
	if (!cnode)
		return "out of memory";
	object_init(ST_OBJECT_CNODE, cnode, ROOT_CNODE_BITS);
	struct builder b = { .slots = phys_to_virt(cnode), .next_slot = ST_ROOT_CNODE };
	struct cap cap = object_cap(ST_OBJECT_CNODE, cnode, ROOT_CNODE_BITS);
	slot_insert(NULL, take_slot(&b), &cap);
	if (!make_object(&b, ST_OBJECT_THREAD, 0) || !(b.vspace = make_object(&b, ST_OBJECT_VSPACE, 0)))
		return b.error;
	cap = object_cap(ST_OBJECT_IRQ_CONTROL, 0, 0);
	slot_insert(NULL, take_slot(&b), &cap);
	cap = object_cap(ST_OBJECT_IO_PORT_CONTROL, 0, 0);
	slot_insert(NULL, take_slot(&b), &cap);

	struct st_bootinfo *bootinfo = (struct st_bootinfo *)map_new_frame(&b, ROOT_BOOTINFO_ADDRESS, ST_RIGHT_READ);
	if (!bootinfo)
		return b.error;
	for (size_t i = 0; i < image.segment_count && !b.error; i++)
		load_segment(&b, file, &image.segments[i]);
	for (uint64_t i = 1; i <= ROOT_STACK_PAGES && !b.error; i++)
		map_new_frame(&b, ROOT_STACK_TOP - i * PAGE_SIZE, ST_RIGHT_READ | ST_RIGHT_WRITE);
	if (b.error)
		return b.error;
	bootinfo->image_first_slot = ST_ROOT_FIRST_IMAGE_SLOT;
	bootinfo->image_slot_count = b.next_slot - ST_ROOT_FIRST_IMAGE_SLOT;

	give_modules(&b, info, bootinfo);
	give_untyped(&b, bootinfo);
	bootinfo->magic = ST_BOOTINFO_MAGIC;
	bootinfo->cnode_size_bits = ROOT_CNODE_BITS;
	bootinfo->first_free_slot = b.next_slot;
	bootinfo->timer_hz = timer_hz;
	bootinfo->tsc_hz = tsc_hz;
	strlcpy(bootinfo->cmdline, info->cmdline, sizeof bootinfo->cmdline);
	start_thread(&b, image.entry);
	kprintf("root task: \"%s\", %u untyped capabilities (%lu KiB), %u modules, %u slots free\n", module->name,
		bootinfo->untyped_count, bootinfo->untyped_bytes / 1024, bootinfo->module_count,
		(1u << ROOT_CNODE_BITS) - b.next_slot);
	return NULL;
}

bool root_task_create(const struct boot_info *info)
{
	if (info->module_count == 0) {
		kprintf("root task: no boot module to run\n");
		return false;
	}
	const char *error = build(info);
	if (error) {
		kprintf("root task: cannot load module 0 (\"%s\"): %s\n", info->modules[0].name, error);
		return false;
	}
	return true;
}

_Noreturn void root_task_run(const struct boot_info *info)
{
	root_task_create(info);
	thread_return_to_user();
}

/* Capability space: identify, copy, mint, move, delete, revoke, two-level
 * slot references and CNode rights. Retype is in untyped_tests.c. */
#include "user/lib/utest.h"

#define PTE_PRESENT 1ull
#define RW (ST_RIGHT_READ | ST_RIGHT_WRITE)

/* The identify word of a capability that must be there. */
static uint64_t info_of(uint64_t slot)
{
	uint64_t info = 0;
	UCHECK_EQ(st_cap_identify(slot, &info, NULL), ST_OK);
	return info;
}

static uint64_t word_of(uint64_t slot)
{
	uint64_t word = 0;
	UCHECK_EQ(st_cap_identify(slot, NULL, &word), ST_OK);
	return word;
}

/* A fresh frame's copy with the given rights, in a new slot. */
static uint32_t frame_copy(uint32_t frame, unsigned rights)
{
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_copy(frame, copy, rights), ST_OK);
	return copy;
}

static bool present(uint64_t address)
{
	return (st_page_entry(address) & PTE_PRESENT) != 0;
}

/* --- identify --- */

UTEST(identify_root_caps)
{
	uint64_t info;
	UCHECK_EQ(st_cap_identify(ST_ROOT_CNODE, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_CNODE);
	UCHECK_EQ(ST_CAP_INFO_SIZE_BITS(info), utest_bootinfo->cnode_size_bits);
	UCHECK_EQ(st_cap_identify(ST_ROOT_THREAD, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_THREAD);
	UCHECK_EQ(st_cap_identify(ST_ROOT_VSPACE, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_VSPACE);
	UCHECK_EQ(st_cap_identify(ST_ROOT_IRQ_CONTROL, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_IRQ_CONTROL);
	UCHECK_EQ(st_cap_identify(ST_ROOT_IO_PORT_CONTROL, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_IO_PORT_CONTROL);
	UCHECK_EQ(st_cap_identify(ST_ROOT_BOOTINFO_FRAME, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_FRAME);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 1);
}

UTEST(identify_bad_slots)
{
	UCHECK_EQ(st_cap_identify(0, NULL, NULL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_identify(1u << utest_bootinfo->cnode_size_bits, NULL, NULL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_identify(utest_slot(), NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(ST_SLOT(ST_ROOT_THREAD, 1), NULL, NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_cap_identify(ST_SLOT(0xffffffffu, 1), NULL, NULL), ST_ERROR_INVALID_SLOT);
}

/* Every type a retype makes: all rights, its size argument, an empty word. */
UTEST(identify_every_retyped_type)
{
	static const struct { unsigned type, size_bits; } kinds[] = {
		{ ST_OBJECT_UNTYPED, 12 }, { ST_OBJECT_CNODE, 3 },      { ST_OBJECT_THREAD, 0 },
		{ ST_OBJECT_VSPACE, 0 },   { ST_OBJECT_PAGE_TABLE, 0 }, { ST_OBJECT_FRAME, 0 },
		{ ST_OBJECT_LARGE_FRAME, 0 },
	};
	for (unsigned i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		uint32_t slot = utest_object(kinds[i].type, kinds[i].size_bits);
		uint64_t info = 0, word = 1;
		UCHECK_EQ(st_cap_identify(slot, &info, &word), ST_OK);
		UCHECK_EQ(ST_CAP_INFO_TYPE(info), kinds[i].type);
		UCHECK_EQ(ST_CAP_INFO_RIGHTS(info), ST_RIGHTS_ALL);
		UCHECK_EQ(ST_CAP_INFO_SIZE_BITS(info), kinds[i].size_bits);
		UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 0);
		UCHECK_EQ(word, 0);
	}
}

/* An untyped capability's word is how many bytes it has handed out. */
UTEST(identify_untyped_word_is_watermark)
{
	uint32_t untyped = utest_untyped(16);
	UCHECK_EQ(word_of(untyped), 0);
	uint32_t first = utest_slot();
	utest_slot();
	utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 3), ST_OK);
	UCHECK_EQ(word_of(untyped), 3 * 4096);
	UCHECK_EQ(ST_CAP_INFO_SIZE_BITS(info_of(untyped)), 16);
}

UTEST(identify_mapped_frame_shows_address)
{
	uint32_t frame;
	void *address = utest_mapped_frame(&frame);
	uint64_t info = 0, word = 0;
	UCHECK_EQ(st_cap_identify(frame, &info, &word), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 1);
	UCHECK_EQ(word, (uint64_t)address);
}

/* ST_SLOT(ST_ROOT_CNODE, i) goes through the root CNode's own capability. */
UTEST(identify_through_root_cnode_cap)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t copy = frame_copy(frame, ST_RIGHT_READ);
	UCHECK_EQ(info_of(ST_SLOT(ST_ROOT_CNODE, copy)), info_of(copy));
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info_of(ST_SLOT(ST_ROOT_CNODE, copy))), ST_RIGHT_READ);
}

/* --- copy and mint --- */

UTEST(copy_masks_rights)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t copy = frame_copy(frame, ST_RIGHT_READ | ST_RIGHT_EXECUTE);
	uint64_t info = info_of(copy);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_FRAME);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info), ST_RIGHT_READ | ST_RIGHT_EXECUTE);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info_of(frame)), ST_RIGHTS_ALL);
}

UTEST(copy_cannot_add_rights)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t read_only = frame_copy(frame, ST_RIGHT_READ);
	uint32_t again = frame_copy(read_only, ST_RIGHTS_ALL);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info_of(again)), ST_RIGHT_READ);
	/* And the lost right is enforced: no writable mapping from it. */
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, again, utest_address(4096), RW), ST_ERROR_NO_RIGHTS);
}

UTEST(copy_with_no_rights)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t copy = frame_copy(frame, 0);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info_of(copy)), 0);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, copy, utest_address(4096), ST_RIGHT_READ), ST_ERROR_NO_RIGHTS);
}

UTEST(copy_into_occupied_slot)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_cap_copy(frame, thread, ST_RIGHTS_ALL), ST_ERROR_SLOT_OCCUPIED);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(thread)), ST_OBJECT_THREAD);
	/* Onto itself is no exception. */
	UCHECK_EQ(st_cap_copy(frame, frame, ST_RIGHTS_ALL), ST_ERROR_SLOT_OCCUPIED);
}

UTEST(copy_from_empty_slot)
{
	uint32_t empty = utest_slot(), dest = utest_slot();
	UCHECK_EQ(st_cap_copy(empty, dest, ST_RIGHTS_ALL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(dest, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

UTEST(copy_out_of_range_index)
{
	uint32_t size = 1u << utest_bootinfo->cnode_size_bits;
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_cap_copy(frame, size, ST_RIGHTS_ALL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_copy(frame, 0xffffffffu, ST_RIGHTS_ALL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_copy(size, utest_slot(), ST_RIGHTS_ALL), ST_ERROR_INVALID_SLOT);
}

UTEST(copy_slot_zero)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_cap_copy(frame, 0, ST_RIGHTS_ALL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_copy(0, utest_slot(), ST_RIGHTS_ALL), ST_ERROR_INVALID_SLOT);
}

UTEST(copy_rights_outside_all)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_cap_copy(frame, dest, ST_RIGHTS_ALL + 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_cap_copy(frame, dest, 0x80000000u), ST_ERROR_INVALID_ARGUMENT);
	/* The whole register counts, not just its low 32 bits. */
	UCHECK_EQ(st_call(ST_SYS_CAP_COPY, frame, dest, 1ull << 40 | ST_RIGHT_READ, 0, 0, 0), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_cap_identify(dest, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

/* An untyped's watermark lives in its one capability: no copies. */
UTEST(copy_untyped_is_illegal)
{
	uint32_t untyped = utest_untyped(12);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_cap_copy(untyped, dest, ST_RIGHTS_ALL), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_cap_mint(untyped, dest, ST_RIGHTS_ALL, 0), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_cap_identify(dest, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

/* A page table's mapping lives in its one capability: no copies. */
UTEST(copy_page_table_is_illegal)
{
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_cap_copy(table, dest, ST_RIGHTS_ALL), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_cap_mint(table, dest, ST_RIGHT_READ, 0), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_cap_identify(dest, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

/* Mappings belong to capabilities: a copy of a mapped frame is unmapped. */
UTEST(copy_of_mapped_frame_is_unmapped)
{
	uint32_t frame;
	void *address = utest_mapped_frame(&frame);
	uint32_t copy = frame_copy(frame, ST_RIGHTS_ALL);
	uint64_t info = 0, word = 1;
	UCHECK_EQ(st_cap_identify(copy, &info, &word), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 0);
	UCHECK_EQ(word, 0);
	UCHECK_EQ(word_of(frame), (uint64_t)address);
	/* And it can be mapped a second time, elsewhere. */
	uint64_t second = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, copy, second, RW), ST_OK);
	*(volatile uint32_t *)address = 0x5eed;
	UCHECK_EQ(*(volatile uint32_t *)second, 0x5eed);
}

/* No type takes a badge yet. */
UTEST(mint_nonzero_badge_is_invalid)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_cap_mint(frame, dest, ST_RIGHTS_ALL, 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_cap_mint(ST_ROOT_THREAD, dest, ST_RIGHTS_ALL, ~0ull), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_cap_identify(dest, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

UTEST(mint_zero_badge_copies_with_rights)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_cap_mint(frame, dest, ST_RIGHT_READ | ST_RIGHT_GRANT, 0), ST_OK);
	uint64_t info = 0, word = 1;
	UCHECK_EQ(st_cap_identify(dest, &info, &word), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_FRAME);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info), ST_RIGHT_READ | ST_RIGHT_GRANT);
	UCHECK_EQ(word, 0);
	/* A child like a copy: revoking the source takes it. */
	UCHECK_EQ(st_cap_revoke(frame), ST_OK);
	UCHECK_EQ(st_cap_identify(dest, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

/* --- move --- */

UTEST(move_keeps_cap_and_empties_source)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t source = frame_copy(frame, ST_RIGHT_READ | ST_RIGHT_WRITE);
	uint32_t dest = utest_slot();
	uint64_t before = info_of(source);
	UCHECK_EQ(st_cap_move(source, dest), ST_OK);
	UCHECK_EQ(info_of(dest), before);
	UCHECK_EQ(st_cap_identify(source, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

/* The moved capability keeps its place in the derivation tree. */
UTEST(move_keeps_derivation)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t copy = frame_copy(frame, ST_RIGHTS_ALL);
	uint32_t moved = utest_slot();
	UCHECK_EQ(st_cap_move(copy, moved), ST_OK);
	uint32_t grandchild = frame_copy(moved, ST_RIGHTS_ALL);
	UCHECK_EQ(st_cap_revoke(frame), ST_OK);
	UCHECK_EQ(st_cap_identify(moved, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(grandchild, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(frame)), ST_OBJECT_FRAME);
}

UTEST(move_to_self_is_ok)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint64_t before = info_of(frame);
	UCHECK_EQ(st_cap_move(frame, frame), ST_OK);
	UCHECK_EQ(info_of(frame), before);
	/* The same slot named two ways is still the same slot. */
	UCHECK_EQ(st_cap_move(frame, ST_SLOT(ST_ROOT_CNODE, frame)), ST_OK);
	UCHECK_EQ(info_of(frame), before);
}

UTEST(move_into_occupied_slot)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_cap_move(frame, thread), ST_ERROR_SLOT_OCCUPIED);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(frame)), ST_OBJECT_FRAME);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(thread)), ST_OBJECT_THREAD);
}

UTEST(move_from_empty_or_bad_slot)
{
	uint32_t empty = utest_slot(), dest = utest_slot();
	UCHECK_EQ(st_cap_move(empty, dest), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_move(empty, empty), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_move(0, dest), ST_ERROR_INVALID_SLOT);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_cap_move(frame, 1u << utest_bootinfo->cnode_size_bits), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(frame)), ST_OBJECT_FRAME);
}

UTEST(move_mapped_frame_keeps_mapping)
{
	uint32_t frame;
	volatile uint32_t *address = utest_mapped_frame(&frame);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_cap_move(frame, dest), ST_OK);
	uint64_t info = 0, word = 0;
	UCHECK_EQ(st_cap_identify(dest, &info, &word), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 1);
	UCHECK_EQ(word, (uint64_t)address);
	*address = 7;
	UCHECK_EQ(*address, 7);
	/* The mapping is reached through its new slot. */
	UCHECK_EQ(st_frame_unmap(dest), ST_OK);
	UCHECK(!present((uint64_t)address));
}

/* A page table's mapping lives in its one capability and moves with it. */
UTEST(move_mapped_page_table_keeps_mapping)
{
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	uint64_t address = utest_address(1ull << 30);
	UCHECK_EQ(st_page_table_map(table, ST_ROOT_VSPACE, address, NULL), ST_OK);
	uint64_t word = word_of(table);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_cap_move(table, dest), ST_OK);
	uint64_t info = 0, moved_word = 0;
	UCHECK_EQ(st_cap_identify(dest, &info, &moved_word), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 1);
	UCHECK_EQ(moved_word, word);
	UCHECK_EQ(st_page_table_unmap(dest), ST_OK);
	UCHECK_EQ(st_page_table_unmap(dest), ST_ERROR_NOT_MAPPED);
}

/* An untyped keeps its children when moved: revoking it there takes them. */
UTEST(move_untyped_keeps_children)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t frame = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, frame, 1), ST_OK);
	uint32_t moved = utest_slot();
	UCHECK_EQ(st_cap_move(untyped, moved), ST_OK);
	UCHECK_EQ(word_of(moved), 4096);
	UCHECK_EQ(st_cap_revoke(moved), ST_OK);
	UCHECK_EQ(st_cap_identify(frame, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

/* --- delete --- */

UTEST(delete_empties_slot)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t copy = frame_copy(frame, ST_RIGHTS_ALL);
	UCHECK_EQ(st_cap_delete(copy), ST_OK);
	UCHECK_EQ(st_cap_identify(copy, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	/* Empty means reusable. */
	UCHECK_EQ(st_cap_copy(frame, copy, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info_of(copy)), ST_RIGHT_READ);
}

UTEST(delete_empty_or_bad_slot)
{
	UCHECK_EQ(st_cap_delete(utest_slot()), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_delete(0), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_delete(1u << utest_bootinfo->cnode_size_bits), ST_ERROR_INVALID_SLOT);
}

UTEST(delete_mapped_frame_unmaps_it)
{
	uint32_t frame;
	void *address = utest_mapped_frame(&frame);
	UCHECK(present((uint64_t)address));
	UCHECK_EQ(st_cap_delete(frame), ST_OK);
	UCHECK(!present((uint64_t)address));
}

/* A thread that counts while it is alive. */
static volatile uint64_t counter;
static uint8_t counter_stack[16384] __attribute__((aligned(16)));

static void count_forever(uint64_t argument)
{
	(void)argument;
	for (;;) {
		counter++;
		st_yield();
	}
}

/* Whether the counting thread runs when the root (same priority) yields. */
static bool counter_advances(void)
{
	uint64_t before = counter;
	for (int i = 0; i < 20; i++)
		st_yield();
	return counter != before;
}

static uint32_t spawn_counter(void)
{
	uint32_t thread = 0;
	UCHECK_EQ(st_thread_spawn(count_forever, 0, counter_stack + sizeof counter_stack, ST_PRIORITY_MAX,
				  "counter", &thread),
		  ST_OK);
	UCHECK(counter_advances());
	return thread;
}

UTEST(delete_original_keeps_copy_alive)
{
	uint32_t thread = spawn_counter();
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_copy(thread, copy, ST_RIGHTS_ALL), ST_OK);
	UCHECK_EQ(st_cap_delete(thread), ST_OK);
	unsigned state = 0;
	UCHECK_EQ(st_thread_state(copy, &state, NULL, NULL), ST_OK);
	UCHECK_EQ(state, ST_THREAD_RUNNABLE);
	UCHECK(counter_advances());
}

UTEST(delete_last_cap_destroys_thread)
{
	uint32_t thread = spawn_counter();
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_copy(thread, copy, ST_RIGHTS_ALL), ST_OK);
	UCHECK_EQ(st_cap_delete(copy), ST_OK);
	UCHECK(counter_advances());
	UCHECK_EQ(st_cap_delete(thread), ST_OK);
	UCHECK(!counter_advances());
}

/* The counting thread made by hand from `untyped`, with `cspace` as its
 * capability space; its slot. */
static uint32_t start_counter_from(uint32_t untyped, uint32_t cspace)
{
	uint32_t thread = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_THREAD, 0, thread, 1), ST_OK);
	UCHECK_EQ(st_thread_configure(thread, cspace, ST_ROOT_VSPACE, 0, 0, 0), ST_OK);
	/* count_forever never returns: no return address, just the ABI's
	 * alignment at entry. */
	struct st_registers registers = { .rip = (uint64_t)count_forever,
					  .rsp = (uint64_t)(counter_stack + sizeof counter_stack) - 8 };
	UCHECK_EQ(st_thread_write_registers(thread, &registers), ST_OK);
	UCHECK_EQ(st_thread_set_priority(thread, ST_ROOT_THREAD, ST_PRIORITY_MAX), ST_OK);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK(counter_advances());
	return thread;
}

/* A CNode holding a thread's only capability takes the thread with it. */
UTEST(delete_cnode_destroys_thread_it_holds)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t cnode = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 2, cnode, 1), ST_OK);
	uint32_t thread = start_counter_from(untyped, ST_ROOT_CNODE);
	UCHECK_EQ(st_cap_move(thread, ST_SLOT(cnode, 3)), ST_OK);
	UCHECK(counter_advances());
	UCHECK_EQ(st_cap_delete(cnode), ST_OK);
	UCHECK(!counter_advances());
}

/* A thread whose capability space holds the only capability to the thread:
 * a cycle no deletion from outside can break, but revoking the untyped
 * they were made from destroys both. */
UTEST(thread_cnode_cycle_freed_by_revoking_untyped)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t cnode = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 2, cnode, 1), ST_OK);
	uint32_t thread = start_counter_from(untyped, cnode);
	UCHECK_EQ(st_cap_move(thread, ST_SLOT(cnode, 1)), ST_OK);
	UCHECK_EQ(st_cap_delete(cnode), ST_OK);
	UCHECK(counter_advances()); /* kept alive by the cycle */
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	UCHECK(!counter_advances());
	/* Nothing made from it is left: a new object starts at its base. */
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_THREAD, 0, cnode, 1), ST_OK);
	UCHECK_EQ(word_of(untyped), 4096);
}

/* An address space lives while any capability to it does; when the last
 * goes, everything mapped in it is unmapped. */
UTEST(delete_last_vspace_cap_destroys_it)
{
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_map_frame(vspace, frame, 0x400000, RW), ST_OK);
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_copy(vspace, copy, ST_RIGHTS_ALL), ST_OK);
	UCHECK_EQ(st_cap_delete(vspace), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info_of(frame)), 1);
	UCHECK_EQ(st_cap_delete(copy), ST_OK);
	uint64_t info = 0, word = 1;
	UCHECK_EQ(st_cap_identify(frame, &info, &word), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 0);
	UCHECK_EQ(word, 0);
}

/* A deleted copy's children move up: revoking the original still reaches them. */
UTEST(delete_middle_copy_keeps_descendants_revocable)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t middle = frame_copy(frame, ST_RIGHTS_ALL);
	uint32_t leaf = frame_copy(middle, ST_RIGHTS_ALL);
	UCHECK_EQ(st_cap_delete(middle), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(leaf)), ST_OBJECT_FRAME);
	UCHECK_EQ(st_cap_revoke(frame), ST_OK);
	UCHECK_EQ(st_cap_identify(leaf, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

/* --- revoke --- */

UTEST(revoke_removes_copy_chain)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t a = frame_copy(frame, ST_RIGHTS_ALL);
	uint32_t b = frame_copy(a, ST_RIGHTS_ALL);
	uint32_t c = frame_copy(b, ST_RIGHT_READ);
	uint32_t sibling = frame_copy(frame, ST_RIGHTS_ALL);
	UCHECK_EQ(st_cap_revoke(frame), ST_OK);
	UCHECK_EQ(st_cap_identify(a, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(b, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(c, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(sibling, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info_of(frame)), ST_RIGHTS_ALL);
}

/* Revoke walks the tree without recursion: a chain of 2000 copies. */
UTEST(revoke_deep_copy_chain)
{
	enum { DEPTH = 2000 };
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t first = utest_slot(), previous = frame, last = first;
	for (unsigned i = 0; i < DEPTH; i++) {
		last = i ? utest_slot() : first;
		if (st_cap_copy(previous, last, ST_RIGHTS_ALL) != ST_OK) {
			UCHECK(!"chain of copies built");
			break;
		}
		previous = last;
	}
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(last)), ST_OBJECT_FRAME);
	UCHECK_EQ(st_cap_revoke(frame), ST_OK);
	UCHECK_EQ(st_cap_identify(last, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(first, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(frame)), ST_OBJECT_FRAME);
}

UTEST(revoke_copy_leaves_its_ancestors)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t a = frame_copy(frame, ST_RIGHTS_ALL);
	uint32_t b = frame_copy(a, ST_RIGHTS_ALL);
	uint32_t c = frame_copy(b, ST_RIGHTS_ALL);
	UCHECK_EQ(st_cap_revoke(a), ST_OK);
	UCHECK_EQ(st_cap_identify(b, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(c, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(a)), ST_OBJECT_FRAME);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(frame)), ST_OBJECT_FRAME);
}

UTEST(revoke_without_children_or_empty)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_cap_revoke(frame), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(frame)), ST_OBJECT_FRAME);
	UCHECK_EQ(st_cap_revoke(utest_slot()), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_revoke(0), ST_ERROR_INVALID_SLOT);
}

UTEST(revoke_frame_unmaps_mapped_copies)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t a = frame_copy(frame, ST_RIGHTS_ALL);
	uint32_t b = frame_copy(a, ST_RIGHTS_ALL);
	uint64_t address_a = utest_address(4096), address_b = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, a, address_a, RW), ST_OK);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, b, address_b, ST_RIGHT_READ), ST_OK);
	*(volatile uint32_t *)address_a = 42;
	UCHECK_EQ(*(volatile uint32_t *)address_b, 42);
	UCHECK(present(address_a) && present(address_b));
	UCHECK_EQ(st_cap_revoke(frame), ST_OK);
	UCHECK(!present(address_a));
	UCHECK(!present(address_b));
	/* The original is untouched and can still be mapped. */
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, address_a, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(*(volatile uint32_t *)address_a, 42);
}

UTEST(revoke_untyped_destroys_everything_made_from_it)
{
	uint32_t untyped = utest_untyped(16);
	unsigned types[] = { ST_OBJECT_FRAME, ST_OBJECT_THREAD, ST_OBJECT_VSPACE, ST_OBJECT_PAGE_TABLE,
			     ST_OBJECT_CNODE, ST_OBJECT_UNTYPED };
	uint32_t made[6];
	for (unsigned i = 0; i < 6; i++) {
		made[i] = utest_slot();
		unsigned bits = types[i] == ST_OBJECT_CNODE ? 2 : types[i] == ST_OBJECT_UNTYPED ? 12 : 0;
		UCHECK_EQ(st_untyped_retype(untyped, types[i], bits, made[i], 1), ST_OK);
	}
	/* And copies of them, and a mapping. */
	uint32_t frame_copy_slot = frame_copy(made[0], ST_RIGHTS_ALL);
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame_copy_slot, address, RW), ST_OK);
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	for (unsigned i = 0; i < 6; i++)
		UCHECK_EQ(st_cap_identify(made[i], NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(frame_copy_slot, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK(!present(address));
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(untyped)), ST_OBJECT_UNTYPED);
}

UTEST(revoke_untyped_resets_watermark)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t first = utest_slot();
	utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 2), ST_OK);
	UCHECK_EQ(word_of(untyped), 8192);
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	UCHECK_EQ(word_of(untyped), 0);
}

UTEST(revoke_untyped_makes_memory_retypable)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t first = utest_slot();
	for (int i = 1; i < 16; i++)
		utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 16), ST_OK);
	uint32_t more = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, more, 1), ST_ERROR_NO_MEMORY);
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 16), ST_OK);
	UCHECK_EQ(word_of(untyped), 65536);
}

/* Revoking an untyped that sits in a CNode made from it: the CNode goes,
 * and takes the untyped capability (the one being revoked) with it. */
UTEST(revoke_untyped_held_in_its_own_cnode)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t cnode = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 2, cnode, 1), ST_OK);
	UCHECK_EQ(st_cap_move(untyped, ST_SLOT(cnode, 1)), ST_OK);
	UCHECK_EQ(st_cap_revoke(ST_SLOT(cnode, 1)), ST_OK);
	UCHECK_EQ(st_cap_identify(cnode, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

/* --- two-level slot references --- */

UTEST(two_level_copy_and_identify)
{
	uint32_t cnode = utest_object(ST_OBJECT_CNODE, 4);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_cap_copy(frame, ST_SLOT(cnode, 1), ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_cap_copy(ST_ROOT_THREAD, ST_SLOT(cnode, 15), ST_RIGHTS_ALL), ST_OK);
	uint64_t info = info_of(ST_SLOT(cnode, 1));
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_FRAME);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info), ST_RIGHT_READ);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(ST_SLOT(cnode, 15))), ST_OBJECT_THREAD);
	UCHECK_EQ(st_cap_identify(ST_SLOT(cnode, 2), NULL, NULL), ST_ERROR_EMPTY_SLOT);
	/* Caps in it are usable by other calls too. */
	unsigned state = 0;
	UCHECK_EQ(st_thread_state(ST_SLOT(cnode, 15), &state, NULL, NULL), ST_OK);
	UCHECK_EQ(state, ST_THREAD_RUNNABLE);
}

UTEST(two_level_move_and_delete)
{
	uint32_t cnode = utest_object(ST_OBJECT_CNODE, 3);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_cap_move(frame, ST_SLOT(cnode, 7)), ST_OK);
	UCHECK_EQ(st_cap_identify(frame, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_move(ST_SLOT(cnode, 7), ST_SLOT(cnode, 2)), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(ST_SLOT(cnode, 2))), ST_OBJECT_FRAME);
	UCHECK_EQ(st_cap_delete(ST_SLOT(cnode, 2)), ST_OK);
	UCHECK_EQ(st_cap_identify(ST_SLOT(cnode, 2), NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

UTEST(two_level_cnode_part_not_a_cnode)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_cap_identify(ST_SLOT(frame, 1), NULL, NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_cap_copy(ST_ROOT_THREAD, ST_SLOT(frame, 1), ST_RIGHTS_ALL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_cap_delete(ST_SLOT(ST_ROOT_VSPACE, 1)), ST_ERROR_WRONG_TYPE);
}

UTEST(two_level_cnode_part_empty)
{
	uint32_t empty = utest_slot();
	UCHECK_EQ(st_cap_identify(ST_SLOT(empty, 1), NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_copy(ST_ROOT_THREAD, ST_SLOT(empty, 1), ST_RIGHTS_ALL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(empty, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

UTEST(two_level_index_beyond_cnode)
{
	uint32_t cnode = utest_object(ST_OBJECT_CNODE, 4);
	UCHECK_EQ(st_cap_copy(ST_ROOT_THREAD, ST_SLOT(cnode, 16), ST_RIGHTS_ALL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_identify(ST_SLOT(cnode, 16), NULL, NULL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_identify(ST_SLOT(cnode, 0xffffffffu), NULL, NULL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_identify(ST_SLOT(cnode, 0), NULL, NULL), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_cap_copy(ST_ROOT_THREAD, ST_SLOT(cnode, 15), ST_RIGHTS_ALL), ST_OK);
}

/* --- CNode rights --- */

/* A CNode with a frame in slot 1 and a copy of its cap with `rights`. */
static uint32_t cnode_with_rights(unsigned rights)
{
	uint32_t cnode = utest_object(ST_OBJECT_CNODE, 3);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_cap_copy(frame, ST_SLOT(cnode, 1), ST_RIGHTS_ALL), ST_OK);
	uint32_t restricted = utest_slot();
	UCHECK_EQ(st_cap_copy(cnode, restricted, rights), ST_OK);
	return restricted;
}

UTEST(read_only_cnode_refuses_changes)
{
	uint32_t read_only = cnode_with_rights(ST_RIGHT_READ);
	uint32_t root_slot = utest_slot();
	UCHECK_EQ(st_cap_copy(ST_ROOT_THREAD, ST_SLOT(read_only, 2), ST_RIGHTS_ALL), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_cap_delete(ST_SLOT(read_only, 1)), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_cap_revoke(ST_SLOT(read_only, 1)), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_cap_move(ST_SLOT(read_only, 1), root_slot), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_cap_move(ST_ROOT_THREAD, ST_SLOT(read_only, 2)), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_cap_move(ST_SLOT(read_only, 1), ST_SLOT(read_only, 2)), ST_ERROR_NO_RIGHTS);
	/* Nothing changed. */
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(ST_SLOT(read_only, 1))), ST_OBJECT_FRAME);
	UCHECK_EQ(st_cap_identify(ST_SLOT(read_only, 2), NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(ST_ROOT_THREAD)), ST_OBJECT_THREAD);
}

UTEST(read_only_cnode_allows_use)
{
	uint32_t read_only = cnode_with_rights(ST_RIGHT_READ);
	uint64_t info = info_of(ST_SLOT(read_only, 1));
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_FRAME);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info), ST_RIGHTS_ALL);
	/* Copying out of it reads it only. */
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_copy(ST_SLOT(read_only, 1), copy, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info_of(copy)), ST_OBJECT_FRAME);
	/* Mapping uses the frame's cap, changes no slot of the CNode. */
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, ST_SLOT(read_only, 1), address, RW), ST_OK);
	UCHECK(present(address));
}

UTEST(cnode_without_read_refuses_use)
{
	uint32_t write_only = cnode_with_rights(ST_RIGHT_WRITE);
	UCHECK_EQ(st_cap_identify(ST_SLOT(write_only, 1), NULL, NULL), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_cap_copy(ST_SLOT(write_only, 1), utest_slot(), ST_RIGHTS_ALL), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, ST_SLOT(write_only, 1), utest_address(4096), RW), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_frame_unmap(ST_SLOT(write_only, 1)), ST_ERROR_NO_RIGHTS);
}

/* Moving a capability out reads the CNode as well as changing it. */
UTEST(cnode_without_read_refuses_move_out)
{
	uint32_t write_only = cnode_with_rights(ST_RIGHT_WRITE);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_cap_move(ST_SLOT(write_only, 1), dest), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_cap_identify(dest, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

UTEST(cnode_with_no_rights_refuses_everything)
{
	uint32_t none = cnode_with_rights(0);
	UCHECK_EQ(st_cap_identify(ST_SLOT(none, 1), NULL, NULL), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_cap_delete(ST_SLOT(none, 1)), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_cap_copy(ST_ROOT_THREAD, ST_SLOT(none, 2), ST_RIGHTS_ALL), ST_ERROR_NO_RIGHTS);
	/* The cap itself is still a CNode cap, rights 0. */
	UCHECK_EQ(info_of(none) & 0xffff, ST_OBJECT_CNODE);
}

/* --- wrong types --- */

UTEST(thread_cap_used_as_other_types)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	uint64_t address = utest_address(1ull << 30);
	UCHECK_EQ(st_frame_map(thread, ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_frame_map(frame, thread, address, ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_page_table_map(table, thread, address, NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_untyped_retype(thread, ST_OBJECT_FRAME, 0, utest_slot(), 1), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_cap_identify(ST_SLOT(thread, 1), NULL, NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info_of(frame)), 0);
}

UTEST(vspace_cap_used_as_other_types)
{
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	UCHECK_EQ(st_thread_resume(vspace), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_state(vspace, NULL, NULL, NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_frame_map(vspace, ST_ROOT_VSPACE, utest_address(4096), ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_page_table_unmap(vspace), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_configure(ST_ROOT_THREAD, vspace, ST_ROOT_VSPACE, 0, 0, 0), ST_ERROR_WRONG_TYPE);
}

UTEST(page_table_cap_used_as_other_types)
{
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint64_t address = utest_address(1ull << 30);
	UCHECK_EQ(st_frame_map(table, ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_frame_unmap(table), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_frame_map(frame, table, address, ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_suspend(table), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_page_table_map(frame, ST_ROOT_VSPACE, address, NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info_of(table)), 0);
}

/* --- nested CNodes --- */

/* A chain of `depth` CNodes from untyped, each holding the only cap to the
 * next, built bottom-up through two root slots; the deepest holds `payload`
 * (moved in). The top's cap is left in slot `top`. */
static void build_chain(uint32_t untyped, unsigned depth, uint32_t top, uint32_t payload)
{
	uint32_t spare = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 1, top, 1), ST_OK);
	UCHECK_EQ(st_cap_move(payload, ST_SLOT(top, 1)), ST_OK);
	for (unsigned i = 1; i < depth; i++) {
		if (st_untyped_retype(untyped, ST_OBJECT_CNODE, 1, spare, 1) != ST_OK ||
		    st_cap_move(top, ST_SLOT(spare, 1)) != ST_OK || st_cap_move(spare, top) != ST_OK) {
			UCHECK(!"chain built");
			return;
		}
	}
}

static void check_chain_destroyed(unsigned depth, unsigned untyped_bits)
{
	uint32_t untyped = utest_untyped(untyped_bits);
	uint32_t frame;
	uint64_t address = (uint64_t)utest_mapped_frame(&frame);
	uint32_t top = utest_slot();
	build_chain(untyped, depth, top, frame);
	UCHECK_EQ(word_of(untyped), (uint64_t)depth * 256);
	UCHECK(present(address)); /* the moved frame cap is still mapped */
	UCHECK_EQ(st_cap_delete(top), ST_OK);
	UCHECK(!present(address)); /* the deepest CNode was emptied */
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	uint32_t again = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 1, again, 1), ST_OK);
	UCHECK_EQ(word_of(untyped), 256);
}

UTEST(nested_cnode_chain_destroyed)
{
	check_chain_destroyed(50, 16);
}

/* Deep enough that a recursive destruction would overflow the nucleus stack. */
UTEST(deep_cnode_chain_destroyed)
{
	check_chain_destroyed(5000, 21);
}

/* A CNode holding the only capability to itself goes with its untyped. */
UTEST(cnode_holding_only_cap_to_itself)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t cnode = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 2, cnode, 1), ST_OK);
	uint32_t frame;
	uint64_t address = (uint64_t)utest_mapped_frame(&frame);
	UCHECK_EQ(st_cap_move(frame, ST_SLOT(cnode, 2)), ST_OK);
	UCHECK_EQ(st_cap_move(cnode, ST_SLOT(cnode, 1)), ST_OK);
	UCHECK_EQ(st_cap_identify(cnode, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK(present(address));
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	UCHECK(!present(address));
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 2, cnode, 1), ST_OK);
	UCHECK_EQ(word_of(untyped), 512);
}

/* Frames: map, unmap and protect of 4 KiB frames, and their errors. */
#include "user/test-vspace/vspace_tests.h"

UTEST(frame_map_root_vspace)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, address, READ_WRITE), ST_OK);
	volatile uint64_t *word = (volatile uint64_t *)address;
	UCHECK_EQ(word[0], 0); /* a new frame is zeroed */
	word[0] = 0x1122334455667788ull;
	word[511] = 42;
	UCHECK_EQ(word[0], 0x1122334455667788ull);
	UCHECK_EQ(word[511], 42);
	uint64_t info, mapped_at;
	UCHECK_EQ(st_cap_identify(frame, &info, &mapped_at), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_FRAME);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 1);
	UCHECK_EQ(mapped_at, address);
}

UTEST(frame_copies_share_memory)
{
	uint32_t frame;
	volatile uint64_t *first = utest_mapped_frame(&frame);
	uint32_t copy = copy_cap(frame, ST_RIGHTS_ALL);
	uint64_t second_address = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, copy, second_address, READ_WRITE), ST_OK);
	volatile uint64_t *second = (volatile uint64_t *)second_address;
	first[3] = 0xfeedface;
	UCHECK_EQ(second[3], 0xfeedface);
	second[500] = 77;
	UCHECK_EQ(first[500], 77);
	/* Both entries name the same physical page. */
	UCHECK_EQ(st_page_entry((uint64_t)first) & PTE_ADDRESS_MASK, st_page_entry(second_address) & PTE_ADDRESS_MASK);
}

UTEST(frame_unmap_removes_mapping)
{
	uint32_t frame;
	volatile uint64_t *word = utest_mapped_frame(&frame);
	uint64_t address = (uint64_t)word;
	*word = 7;
	UCHECK(st_page_entry(address) & PTE_PRESENT);
	UCHECK_EQ(st_frame_unmap(frame), ST_OK);
	UCHECK_EQ(st_page_entry(address), 0);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 0);
	struct stop stop = run_thread(read_word, address);
	UCHECK(page_faulted_at(stop, address));
	UCHECK_EQ(stop.error, PF_USER); /* not present, read, user mode */
	/* The frame keeps its contents and maps again. */
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address, READ_WRITE), ST_OK);
	UCHECK_EQ(*word, 7);
}

UTEST(frame_unmap_unmapped)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_unmap(frame), ST_ERROR_NOT_MAPPED);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, utest_address(4096), READ_WRITE), ST_OK);
	UCHECK_EQ(st_frame_unmap(frame), ST_OK);
	UCHECK_EQ(st_frame_unmap(frame), ST_ERROR_NOT_MAPPED);
}

UTEST(frame_calls_in_fresh_vspace)
{
	const uint64_t address = 0x400000;
	uint32_t vspace = vspace_with_tables(address);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(frame, vspace, address, READ_WRITE), ST_OK);
	uint64_t info, mapped_at;
	UCHECK_EQ(st_cap_identify(frame, &info, &mapped_at), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 1);
	UCHECK_EQ(mapped_at, address);
	UCHECK_EQ(st_frame_protect(frame, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_frame_protect(frame, READ_EXECUTE), ST_OK);
	UCHECK_EQ(st_frame_unmap(frame), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 0);
	UCHECK_EQ(st_frame_protect(frame, ST_RIGHT_READ), ST_ERROR_NOT_MAPPED);
	/* The page is free again for another frame. */
	uint32_t other = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(other, vspace, address, ST_RIGHT_READ), ST_OK);
}

UTEST(frame_map_unaligned)
{
	uint64_t address = address_with_tables();
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address + 1, READ_WRITE), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address + 0x800, READ_WRITE), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address + 4095, READ_WRITE), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 0);
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address, READ_WRITE), ST_OK);
}

UTEST(frame_map_beyond_user_half)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	static const uint64_t refused[] = { ST_USER_ADDRESS_LIMIT, ST_USER_ADDRESS_LIMIT + 4096,
					    0xffff800000000000ull, 0xffffffff80000000ull, 0xfffffffffffff000ull };
	for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++)
		UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, refused[i], ST_RIGHT_READ), ST_ERROR_INVALID_ARGUMENT);
	/* The last user page is fine. */
	const uint64_t last = ST_USER_ADDRESS_LIMIT - 4096;
	uint32_t vspace = vspace_with_tables(last);
	UCHECK_EQ(st_frame_map(frame, vspace, last, ST_RIGHT_READ), ST_OK);
}

UTEST(frame_map_in_window_refused)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	static const uint64_t refused[] = { ST_UVPT_BASE, ST_UVPT_BASE + 0x12345000ull, ST_UVPT_END - 4096 };
	for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++)
		UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, refused[i], ST_RIGHT_READ), ST_ERROR_INVALID_ARGUMENT);
	/* In a fresh address space too, tables or not; the pages either side
	 * of the window are ordinary. */
	uint32_t vspace = vspace_with_tables(ST_UVPT_END);
	UCHECK_EQ(map_tables(vspace, ST_UVPT_BASE - 4096), 3);
	for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++)
		UCHECK_EQ(st_frame_map(frame, vspace, refused[i], ST_RIGHT_READ), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_frame_map(frame, vspace, ST_UVPT_END, ST_RIGHT_READ), ST_OK);
	uint32_t other = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(other, vspace, ST_UVPT_BASE - 4096, ST_RIGHT_READ), ST_OK);
}

UTEST(frame_map_rights_need_read)
{
	uint64_t address = address_with_tables();
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	static const unsigned refused[] = {
		0, ST_RIGHT_WRITE, ST_RIGHT_EXECUTE, ST_RIGHT_WRITE | ST_RIGHT_EXECUTE | ST_MAP_ALLOW_WRITE_EXECUTE,
		/* and no bits that mean nothing */
		ST_RIGHT_READ | ST_RIGHT_GRANT, ST_RIGHT_READ | (1u << 9), ST_RIGHT_READ | (1u << 4),
	};
	for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++)
		UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address, refused[i]), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_page_entry(address), 0);
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_OK);
}

UTEST(frame_map_write_execute_needs_flag)
{
	uint64_t address = address_with_tables();
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	const unsigned all = READ_WRITE | ST_RIGHT_EXECUTE;
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address, all), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 0);
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address, all | ST_MAP_ALLOW_WRITE_EXECUTE), ST_OK);
	uint64_t entry = st_page_entry(address);
	UCHECK(entry & PTE_WRITABLE);
	UCHECK(!(entry & PTE_NO_EXECUTE));
}

UTEST(frame_map_rights_beyond_cap)
{
	uint64_t address = address_with_tables();
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t read_only = copy_cap(frame, ST_RIGHT_READ);
	UCHECK_EQ(st_frame_map(read_only, ST_ROOT_VSPACE, address, READ_WRITE), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_frame_map(read_only, ST_ROOT_VSPACE, address, READ_EXECUTE), ST_ERROR_NO_RIGHTS);
	uint32_t no_execute = copy_cap(frame, READ_WRITE);
	UCHECK_EQ(st_frame_map(no_execute, ST_ROOT_VSPACE, address, READ_EXECUTE), ST_ERROR_NO_RIGHTS);
	uint32_t write_only = copy_cap(frame, ST_RIGHT_WRITE);
	UCHECK_EQ(st_frame_map(write_only, ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_page_entry(address), 0);
	/* What the capability allows maps, read-only. */
	UCHECK_EQ(st_frame_map(read_only, ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_OK);
	uint64_t entry = st_page_entry(address);
	UCHECK(entry & PTE_PRESENT);
	UCHECK(!(entry & PTE_WRITABLE));
}

UTEST(frame_map_vspace_without_write)
{
	uint64_t address = address_with_tables();
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t read_only_vspace = copy_cap(ST_ROOT_VSPACE, ST_RIGHT_READ);
	UCHECK_EQ(st_frame_map(frame, read_only_vspace, address, ST_RIGHT_READ), ST_ERROR_NO_RIGHTS);
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	UCHECK_EQ(st_page_table_map(table, read_only_vspace, utest_address(1ull << 30), NULL), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_page_entry(address), 0);
	uint32_t writable_vspace = copy_cap(ST_ROOT_VSPACE, ST_RIGHT_WRITE);
	UCHECK_EQ(st_frame_map(frame, writable_vspace, address, ST_RIGHT_READ), ST_OK);
}

UTEST(frame_map_without_page_tables)
{
	const uint64_t address = 0x12345678000ull;
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	/* Not mapped until the last level is there. */
	for (unsigned level = 3; level >= 1; level--) {
		UCHECK_EQ(st_frame_map(frame, vspace, address, ST_RIGHT_READ), ST_ERROR_NOT_MAPPED);
		UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 0);
		uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
		unsigned landed = 0;
		UCHECK_EQ(st_page_table_map(table, vspace, address, &landed), ST_OK);
		UCHECK_EQ(landed, level);
	}
	UCHECK_EQ(st_frame_map(frame, vspace, address, ST_RIGHT_READ), ST_OK);
}

UTEST(frame_map_address_taken)
{
	uint32_t first;
	volatile uint64_t *word = utest_mapped_frame(&first);
	*word = 99;
	uint32_t second = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(second, ST_ROOT_VSPACE, (uint64_t)word, READ_WRITE), ST_ERROR_ALREADY_MAPPED);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(second)), 0);
	/* A copy of the same frame is refused there as well. */
	uint32_t copy = copy_cap(first, ST_RIGHTS_ALL);
	UCHECK_EQ(st_frame_map(copy, ST_ROOT_VSPACE, (uint64_t)word, READ_WRITE), ST_ERROR_ALREADY_MAPPED);
	UCHECK_EQ(*word, 99);
}

UTEST(frame_map_cap_already_mapped)
{
	uint32_t frame;
	volatile uint64_t *word = utest_mapped_frame(&frame);
	uint64_t other = address_with_tables();
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, other, READ_WRITE), ST_ERROR_ALREADY_MAPPED);
	uint32_t vspace = vspace_with_tables(0x400000);
	UCHECK_EQ(st_frame_map(frame, vspace, 0x400000, READ_WRITE), ST_ERROR_ALREADY_MAPPED);
	uint64_t mapped_at;
	UCHECK_EQ(st_cap_identify(frame, NULL, &mapped_at), ST_OK);
	UCHECK_EQ(mapped_at, (uint64_t)word);
	/* A mapping belongs to a capability: a copy maps the frame again. */
	uint32_t copy = copy_cap(frame, ST_RIGHTS_ALL);
	UCHECK_EQ(st_frame_map(copy, ST_ROOT_VSPACE, other, READ_WRITE), ST_OK);
}

UTEST(frame_map_wrong_types)
{
	uint64_t address = address_with_tables();
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	uint32_t untyped = utest_untyped(16);
	static const uint32_t not_frames[] = { ST_ROOT_CNODE, ST_ROOT_THREAD, ST_ROOT_VSPACE, ST_ROOT_IRQ_CONTROL };
	for (unsigned i = 0; i < sizeof not_frames / sizeof not_frames[0]; i++)
		UCHECK_EQ(st_frame_map(not_frames[i], ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_frame_map(table, ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_frame_map(untyped, ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	static const uint32_t not_vspaces[] = { ST_ROOT_CNODE, ST_ROOT_THREAD, ST_ROOT_BOOTINFO_FRAME };
	for (unsigned i = 0; i < sizeof not_vspaces / sizeof not_vspaces[0]; i++)
		UCHECK_EQ(st_frame_map(frame, not_vspaces[i], address, ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_frame_map(frame, table, address, ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_frame_map(utest_slot(), ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_frame_map(frame, utest_slot(), address, ST_RIGHT_READ), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_page_entry(address), 0);
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_OK);
}

UTEST(unmap_protect_wrong_types)
{
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	uint32_t frame;
	utest_mapped_frame(&frame);
	static const uint32_t not_frames[] = { ST_ROOT_CNODE, ST_ROOT_THREAD, ST_ROOT_VSPACE };
	for (unsigned i = 0; i < sizeof not_frames / sizeof not_frames[0]; i++) {
		UCHECK_EQ(st_frame_unmap(not_frames[i]), ST_ERROR_WRONG_TYPE);
		UCHECK_EQ(st_frame_protect(not_frames[i], ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
		UCHECK_EQ(st_page_table_unmap(not_frames[i]), ST_ERROR_WRONG_TYPE);
	}
	UCHECK_EQ(st_frame_unmap(table), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_frame_protect(table, ST_RIGHT_READ), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_page_table_unmap(frame), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_page_table_map(frame, ST_ROOT_VSPACE, utest_address(1ull << 30), NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_page_table_map(table, frame, utest_address(1ull << 30), NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_frame_unmap(utest_slot()), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_page_table_unmap(utest_slot()), ST_ERROR_EMPTY_SLOT);
	/* The frame is still mapped: none of those touched it. */
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 1);
}

UTEST(frame_protect_read_only_then_write_faults)
{
	uint32_t frame;
	volatile uint64_t *word = utest_mapped_frame(&frame);
	uint64_t address = (uint64_t)word;
	*word = 5;
	UCHECK(st_page_entry(address) & PTE_WRITABLE);
	UCHECK_EQ(st_frame_protect(frame, ST_RIGHT_READ), ST_OK);
	uint64_t entry = st_page_entry(address);
	UCHECK(entry & PTE_PRESENT);
	UCHECK(!(entry & PTE_WRITABLE));
	UCHECK_EQ(*word, 5); /* still readable */
	struct stop stop = run_thread(write_word, address);
	UCHECK(page_faulted_at(stop, address));
	UCHECK_EQ(stop.error, PF_PRESENT | PF_WRITE | PF_USER);
	UCHECK_EQ(*word, 5);
}

UTEST(frame_protect_back_to_writable)
{
	uint32_t frame;
	volatile uint64_t *word = utest_mapped_frame(&frame);
	UCHECK_EQ(st_frame_protect(frame, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_frame_protect(frame, READ_WRITE), ST_OK);
	UCHECK(st_page_entry((uint64_t)word) & PTE_WRITABLE);
	struct stop stop = run_thread(write_word, (uint64_t)word);
	UCHECK_EQ(stop.state, ST_THREAD_EXITED);
	UCHECK_EQ(*word, 0x5717a7a);
}

UTEST(frame_protect_unmapped)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_protect(frame, ST_RIGHT_READ), ST_ERROR_NOT_MAPPED);
	utest_mapped_frame(&frame);
	UCHECK_EQ(st_frame_unmap(frame), ST_OK);
	UCHECK_EQ(st_frame_protect(frame, READ_WRITE), ST_ERROR_NOT_MAPPED);
}

UTEST(frame_protect_beyond_cap_rights)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t read_only = copy_cap(frame, ST_RIGHT_READ);
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, read_only, address, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_frame_protect(read_only, READ_WRITE), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_frame_protect(read_only, READ_EXECUTE), ST_ERROR_NO_RIGHTS);
	UCHECK(!(st_page_entry(address) & PTE_WRITABLE));
	UCHECK(st_page_entry(address) & PTE_NO_EXECUTE);
}

UTEST(frame_protect_bad_rights)
{
	uint32_t frame;
	volatile uint64_t *word = utest_mapped_frame(&frame);
	uint64_t address = (uint64_t)word;
	UCHECK_EQ(st_frame_protect(frame, 0), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_frame_protect(frame, ST_RIGHT_WRITE), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_frame_protect(frame, READ_WRITE | ST_RIGHT_EXECUTE), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_frame_protect(frame, ST_RIGHT_READ | ST_RIGHT_GRANT), ST_ERROR_INVALID_ARGUMENT);
	uint64_t entry = st_page_entry(address);
	UCHECK(entry & PTE_WRITABLE);
	UCHECK(entry & PTE_NO_EXECUTE);
	UCHECK_EQ(st_frame_protect(frame, READ_WRITE | ST_RIGHT_EXECUTE | ST_MAP_ALLOW_WRITE_EXECUTE), ST_OK);
	UCHECK(!(st_page_entry(address) & PTE_NO_EXECUTE));
}

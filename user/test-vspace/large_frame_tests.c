/* 2 MiB frames: mapped by a page-directory entry, no page table below. */
#include "user/test-vspace/vspace_tests.h"

/* A large frame from an untyped of its own (4 MiB: room for one aligned). */
static uint32_t large_frame(void)
{
	uint32_t untyped = utest_untyped(22);
	uint32_t frame = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_LARGE_FRAME, 0, frame, 1), ST_OK);
	return frame;
}

UTEST(large_frame_map_read_write)
{
	uint32_t frame = large_frame();
	uint64_t address = utest_address(LARGE_PAGE);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, address, READ_WRITE), ST_OK);
	volatile uint64_t *words = (volatile uint64_t *)address;
	const uint64_t last = LARGE_PAGE / 8 - 1;
	UCHECK_EQ(words[0], 0);
	UCHECK_EQ(words[last], 0);
	words[0] = 1;
	words[LARGE_PAGE / 16] = 2;
	words[last] = 3;
	UCHECK_EQ(words[0] + words[LARGE_PAGE / 16] + words[last], 6);
	uint64_t entry = st_page_entry(address);
	UCHECK(entry & PTE_PRESENT);
	UCHECK(entry & PTE_LARGE);
	UCHECK(entry & PTE_WRITABLE);
	UCHECK_EQ(st_page_entry(address + LARGE_PAGE - 4096), entry); /* one entry covers it all */
	UCHECK_EQ(entry & PTE_ADDRESS_MASK & (LARGE_PAGE - 1), 0);
	uint64_t info;
	UCHECK_EQ(st_cap_identify(frame, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_LARGE_FRAME);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 1);
}

UTEST(large_frame_needs_tables_to_directory_only)
{
	const uint64_t address = 0x40000000;
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	uint32_t frame = large_frame();
	UCHECK_EQ(st_frame_map(frame, vspace, address, READ_WRITE), ST_ERROR_NOT_MAPPED);
	uint32_t directory_pointer = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	UCHECK_EQ(st_page_table_map(directory_pointer, vspace, address, NULL), ST_OK);
	UCHECK_EQ(st_frame_map(frame, vspace, address, READ_WRITE), ST_ERROR_NOT_MAPPED);
	uint32_t directory = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	unsigned level = 0;
	UCHECK_EQ(st_page_table_map(directory, vspace, address, &level), ST_OK);
	UCHECK_EQ(level, 2);
	UCHECK_EQ(st_frame_map(frame, vspace, address, READ_WRITE), ST_OK);
	/* Nothing fits below a large page: no page table, no small frame. */
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	UCHECK_EQ(st_page_table_map(table, vspace, address, NULL), ST_ERROR_ALREADY_MAPPED);
	uint32_t small = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(small, vspace, address + 0x5000, READ_WRITE), ST_ERROR_ALREADY_MAPPED);
}

UTEST(large_frame_map_unaligned)
{
	const uint64_t address = 0x40000000;
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	UCHECK_EQ(map_tables(vspace, address), 3);
	uint32_t frame = large_frame();
	static const uint64_t offsets[] = { 4096, 0x100000, LARGE_PAGE - 4096, LARGE_PAGE + 0x1000, 1 };
	for (unsigned i = 0; i < sizeof offsets / sizeof offsets[0]; i++)
		UCHECK_EQ(st_frame_map(frame, vspace, address + LARGE_PAGE + offsets[i], READ_WRITE),
			  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 0);
	UCHECK_EQ(st_frame_map(frame, vspace, address + LARGE_PAGE, READ_WRITE), ST_OK);
}

UTEST(large_frame_over_page_table_refused)
{
	const uint64_t address = 0x40000000;
	uint32_t vspace = vspace_with_tables(address); /* a page table covers address */
	uint32_t frame = large_frame();
	UCHECK_EQ(st_frame_map(frame, vspace, address, READ_WRITE), ST_ERROR_ALREADY_MAPPED);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 0);
}

UTEST(large_frame_unmap_and_protect)
{
	uint32_t frame = large_frame();
	uint64_t address = utest_address(LARGE_PAGE);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, address, READ_WRITE), ST_OK);
	uint64_t inside = address + LARGE_PAGE / 2;
	*(volatile uint64_t *)inside = 11;
	UCHECK_EQ(st_frame_protect(frame, ST_RIGHT_READ), ST_OK);
	uint64_t entry = st_page_entry(address);
	UCHECK(entry & PTE_LARGE);
	UCHECK(!(entry & PTE_WRITABLE));
	struct stop stop = run_thread(write_word, inside);
	UCHECK(page_faulted_at(stop, inside));
	UCHECK_EQ(st_frame_unmap(frame), ST_OK);
	UCHECK_EQ(st_page_entry(address), 0);
	UCHECK_EQ(st_frame_unmap(frame), ST_ERROR_NOT_MAPPED);
}

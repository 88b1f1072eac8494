/* Page tables: the level they land at, unmap, and their errors. */
#include "user/test-vspace/vspace_tests.h"

#define GIB (1ull << 30)

/* Maps a fresh page table at address; the level it landed at, 0 on error. */
static unsigned table_level(uint32_t vspace, uint64_t address, uint32_t *table)
{
	uint32_t slot = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	unsigned level = 0;
	if (table)
		*table = slot;
	return st_page_table_map(slot, vspace, address, &level) == ST_OK ? level : 0;
}

UTEST(page_table_map_levels)
{
	const uint64_t address = 0x40000000;
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	UCHECK_EQ(table_level(vspace, address, NULL), 3); /* page-directory pointer table */
	UCHECK_EQ(table_level(vspace, address, NULL), 2); /* page directory */
	UCHECK_EQ(table_level(vspace, address, NULL), 1); /* page table */
	/* Each level is present: a fourth has nowhere to go. */
	uint32_t extra = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	UCHECK_EQ(st_page_table_map(extra, vspace, address + 0x1000, NULL), ST_ERROR_ALREADY_MAPPED);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(extra)), 0);
	/* Elsewhere it lands at the first level missing there. */
	UCHECK_EQ(table_level(vspace, address + LARGE_PAGE, NULL), 1);
	UCHECK_EQ(table_level(vspace, address + GIB, NULL), 2);
	UCHECK_EQ(table_level(vspace, address + (512 * GIB), NULL), 3);
}

UTEST(page_table_identify)
{
	const uint64_t address = 0x40000000 + 0x123000;
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	uint32_t table;
	UCHECK_EQ(table_level(vspace, address, &table), 3);
	uint64_t info;
	UCHECK_EQ(st_cap_identify(table, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_PAGE_TABLE);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 1);
	/* A page table maps at one place only, and is never copied. */
	UCHECK_EQ(st_page_table_map(table, vspace, address + 512 * GIB, NULL), ST_ERROR_ALREADY_MAPPED);
	UCHECK_EQ(st_cap_copy(table, utest_slot(), ST_RIGHTS_ALL), ST_ERROR_ILLEGAL_OPERATION);
}

UTEST(page_table_map_bad_address)
{
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	static const uint64_t refused[] = { ST_USER_ADDRESS_LIMIT, 0xffff800000000000ull, 0xffffffff80000000ull,
					    ST_UVPT_BASE, ST_UVPT_BASE + 0x40000000ull, ST_UVPT_END - 1 };
	for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		UCHECK_EQ(st_page_table_map(table, vspace, refused[i], NULL), ST_ERROR_INVALID_ARGUMENT);
		UCHECK_EQ(st_page_table_map(table, ST_ROOT_VSPACE, refused[i], NULL), ST_ERROR_INVALID_ARGUMENT);
	}
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(table)), 0);
	unsigned level = 0;
	UCHECK_EQ(st_page_table_map(table, vspace, ST_UVPT_END, &level), ST_OK);
	UCHECK_EQ(level, 3);
}

UTEST(page_table_unmap_hides_frames)
{
	uint64_t address = utest_address(GIB); /* a gigabyte of its own: fresh tables */
	uint32_t vspace = ST_ROOT_VSPACE, table = 0;
	unsigned level;
	while ((level = table_level(vspace, address, &table)) > 1)
		;
	UCHECK_EQ(level, 1);
	uint32_t first = utest_object(ST_OBJECT_FRAME, 0), second = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(first, vspace, address, READ_WRITE), ST_OK);
	UCHECK_EQ(st_frame_map(second, vspace, address + 0x5000, READ_WRITE), ST_OK);
	*(volatile uint64_t *)address = 31;
	UCHECK(st_page_entry(address + 0x5000) & PTE_PRESENT);
	UCHECK_EQ(st_page_table_unmap(table), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(table)), 0);
	UCHECK_EQ(st_page_entry(address), 0);
	UCHECK_EQ(st_page_entry(address + 0x5000), 0);
	struct stop stop = run_thread(read_word, address);
	UCHECK(page_faulted_at(stop, address));
	UCHECK_EQ(stop.error, PF_USER);
	/* The frames' capabilities unmap and delete cleanly, and the frame
	 * maps again (with a new table), its contents intact. */
	UCHECK_EQ(st_frame_unmap(first), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(first)), 0);
	UCHECK_EQ(st_cap_delete(second), ST_OK);
	UCHECK_EQ(st_map_frame(vspace, first, address, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(*(volatile uint64_t *)address, 31);
}

UTEST(page_table_remap_is_empty)
{
	const uint64_t address = 0x40000000;
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	uint32_t directory_pointer = 0, directory = 0, table = 0;
	UCHECK_EQ(table_level(vspace, address, &directory_pointer), 3);
	UCHECK_EQ(table_level(vspace, address, &directory), 2);
	UCHECK_EQ(table_level(vspace, address, &table), 1);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(frame, vspace, address, READ_WRITE), ST_OK);
	/* Unmapped, the table is cleared: mapped again it brings nothing back,
	 * so the page is free for another frame. */
	UCHECK_EQ(st_page_table_unmap(table), ST_OK);
	UCHECK_EQ(st_page_table_map(table, vspace, address, NULL), ST_OK);
	uint32_t other = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(other, vspace, address, READ_WRITE), ST_OK);
	/* Likewise a directory taken out above the table. */
	UCHECK_EQ(st_page_table_unmap(directory), ST_OK);
	UCHECK_EQ(st_page_table_unmap(table), ST_OK);
	UCHECK_EQ(st_page_table_map(directory, vspace, address, NULL), ST_OK);
	UCHECK_EQ(st_page_table_map(table, vspace, address, NULL), ST_OK);
	uint32_t third = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(third, vspace, address, READ_WRITE), ST_OK);
}

UTEST(page_table_unmap_unmapped)
{
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	UCHECK_EQ(st_page_table_unmap(table), ST_ERROR_NOT_MAPPED);
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	UCHECK_EQ(st_page_table_map(table, vspace, 0x40000000, NULL), ST_OK);
	UCHECK_EQ(st_page_table_unmap(table), ST_OK);
	UCHECK_EQ(st_page_table_unmap(table), ST_ERROR_NOT_MAPPED);
}

UTEST(page_table_delete_unmaps)
{
	uint64_t address = utest_address(GIB);
	uint32_t table = 0;
	while (table_level(ST_ROOT_VSPACE, address, &table) > 1)
		;
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address, READ_WRITE), ST_OK);
	UCHECK(st_page_entry(address) & PTE_PRESENT);
	UCHECK_EQ(st_cap_delete(table), ST_OK);
	UCHECK_EQ(st_page_entry(address), 0);
	UCHECK_EQ(st_frame_unmap(frame), ST_OK);
}

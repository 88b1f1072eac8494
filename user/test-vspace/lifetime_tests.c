/* Mappings and capability lifetime: revoke, delete, address-space
 * destruction. */
#include "user/test-vspace/vspace_tests.h"

UTEST(revoke_removes_copy_mapping)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t copy = copy_cap(frame, ST_RIGHTS_ALL);
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, copy, address, READ_WRITE), ST_OK);
	*(volatile uint64_t *)address = 3;
	UCHECK_EQ(st_cap_revoke(frame), ST_OK);
	UCHECK_EQ(st_page_entry(address), 0);
	UCHECK_EQ(st_cap_identify(copy, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	/* The original stays, unmapped, and takes the address over. */
	UCHECK_EQ(ST_CAP_INFO_TYPE(cap_info(frame)), ST_OBJECT_FRAME);
	UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(*(volatile uint64_t *)address, 3);
}

UTEST(delete_mapped_frame_unmaps)
{
	uint32_t frame;
	uint64_t address = (uint64_t)utest_mapped_frame(&frame);
	uint32_t copy = copy_cap(frame, ST_RIGHTS_ALL);
	UCHECK_EQ(st_cap_delete(frame), ST_OK);
	UCHECK_EQ(st_page_entry(address), 0);
	struct stop stop = run_thread(read_word, address);
	UCHECK(page_faulted_at(stop, address));
	/* The frame lives on in its copy, which maps there. */
	UCHECK_EQ(st_frame_map(copy, ST_ROOT_VSPACE, address, ST_RIGHT_READ), ST_OK);
}

UTEST(vspace_delete_unmaps_everything)
{
	const uint64_t address = 0x40000000;
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	uint32_t tables[3];
	for (unsigned i = 0; i < 3; i++) {
		tables[i] = utest_object(ST_OBJECT_PAGE_TABLE, 0);
		UCHECK_EQ(st_page_table_map(tables[i], vspace, address, NULL), ST_OK);
	}
	uint32_t first = utest_object(ST_OBJECT_FRAME, 0), second = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(first, vspace, address, READ_WRITE), ST_OK);
	UCHECK_EQ(st_frame_map(second, vspace, address + 0x1000, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_cap_delete(vspace), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(first)), 0);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(second)), 0);
	for (unsigned i = 0; i < 3; i++)
		UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(tables[i])), 0);
	UCHECK_EQ(st_frame_unmap(first), ST_ERROR_NOT_MAPPED);
	/* Everything maps elsewhere again. */
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, first, utest_address(4096), READ_WRITE), ST_OK);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, second, utest_address(4096), READ_WRITE), ST_OK);
	uint32_t other = utest_object(ST_OBJECT_VSPACE, 0);
	unsigned level = 0;
	UCHECK_EQ(st_page_table_map(tables[0], other, address, &level), ST_OK);
	UCHECK_EQ(level, 3);
	/* The tables came back empty: the next level is missing again. */
	UCHECK_EQ(st_page_table_map(tables[1], other, address, &level), ST_OK);
	UCHECK_EQ(level, 2);
}

UTEST(vspace_delete_copy_keeps_mappings)
{
	const uint64_t address = 0x40000000;
	uint32_t vspace = vspace_with_tables(address);
	uint32_t copy = copy_cap(vspace, ST_RIGHTS_ALL);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_frame_map(frame, copy, address, READ_WRITE), ST_OK);
	UCHECK_EQ(st_cap_delete(copy), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 1);
	UCHECK_EQ(st_cap_delete(vspace), ST_OK); /* the last one */
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 0);
}

UTEST(moved_frame_cap_keeps_mapping)
{
	uint32_t frame;
	uint64_t address = (uint64_t)utest_mapped_frame(&frame);
	uint32_t moved = utest_slot();
	UCHECK_EQ(st_cap_move(frame, moved), ST_OK);
	uint64_t info, mapped_at;
	UCHECK_EQ(st_cap_identify(moved, &info, &mapped_at), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(info), 1);
	UCHECK_EQ(mapped_at, address);
	UCHECK(st_page_entry(address) & PTE_PRESENT);
	UCHECK_EQ(st_frame_unmap(moved), ST_OK);
	UCHECK_EQ(st_page_entry(address), 0);
}

UTEST(vspace_delete_unmaps_moved_caps)
{
	/* The mapping belongs to the capability wherever it moves: deleting
	 * the address space must still find and unmap it. The last frame
	 * mapped is moved, then one mapped before it, then a page table. */
	const uint64_t address = 0x40000000;
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	uint32_t tables[3];
	for (unsigned i = 0; i < 3; i++) {
		tables[i] = utest_object(ST_OBJECT_PAGE_TABLE, 0);
		UCHECK_EQ(st_page_table_map(tables[i], vspace, address, NULL), ST_OK);
	}
	uint32_t frames[3];
	for (unsigned i = 0; i < 3; i++) {
		frames[i] = utest_object(ST_OBJECT_FRAME, 0);
		UCHECK_EQ(st_frame_map(frames[i], vspace, address + i * 4096, ST_RIGHT_READ), ST_OK);
	}
	uint32_t moved_last = utest_slot(), moved_first = utest_slot(), moved_table = utest_slot();
	UCHECK_EQ(st_cap_move(frames[2], moved_last), ST_OK);
	UCHECK_EQ(st_cap_move(frames[0], moved_first), ST_OK);
	UCHECK_EQ(st_cap_move(tables[2], moved_table), ST_OK);
	UCHECK_EQ(st_cap_delete(vspace), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(moved_last)), 0);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frames[1])), 0);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(moved_first)), 0);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(moved_table)), 0);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(tables[0])), 0);
}

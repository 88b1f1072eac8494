/* The read-only page-table window at ST_UVPT_BASE. */
#include "user/test-vspace/vspace_tests.h"

/* Where the window shows the last-level entry for address. */
static uint64_t window_entry_address(uint64_t address)
{
	return ST_UVPT_BASE + (address >> 12) * 8;
}

UTEST(window_entry_bits)
{
	uint32_t frame;
	uint64_t writable = (uint64_t)utest_mapped_frame(&frame);
	uint64_t entry = st_page_entry(writable);
	UCHECK(entry & PTE_PRESENT);
	UCHECK(entry & PTE_WRITABLE);
	UCHECK(entry & PTE_USER);
	UCHECK(entry & PTE_NO_EXECUTE);
	UCHECK(!(entry & PTE_LARGE));
	UCHECK((entry & PTE_ADDRESS_MASK) != 0);
	UCHECK_EQ(*(volatile uint64_t *)window_entry_address(writable), entry);
	/* A read-only mapping of another frame: not writable, elsewhere. */
	uint32_t other = utest_object(ST_OBJECT_FRAME, 0);
	uint64_t read_only = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, other, read_only, ST_RIGHT_READ), ST_OK);
	uint64_t read_only_entry = st_page_entry(read_only);
	UCHECK(read_only_entry & PTE_PRESENT);
	UCHECK(!(read_only_entry & PTE_WRITABLE));
	UCHECK(read_only_entry & PTE_NO_EXECUTE);
	UCHECK((read_only_entry & PTE_ADDRESS_MASK) != (entry & PTE_ADDRESS_MASK));
	/* Read-execute: no NX bit. */
	uint32_t copy = copy_cap(other, ST_RIGHTS_ALL);
	uint64_t executable = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, copy, executable, READ_EXECUTE), ST_OK);
	UCHECK(!(st_page_entry(executable) & PTE_NO_EXECUTE));
	UCHECK_EQ(st_page_entry(executable) & PTE_ADDRESS_MASK, read_only_entry & PTE_ADDRESS_MASK);
}

UTEST(window_shows_unmapped_as_zero)
{
	/* The unmapped page next to a mapped one (its tables present) ... */
	uint64_t address = address_with_tables();
	UCHECK_EQ(st_page_entry(address), 0);
	UCHECK_EQ(*(volatile uint64_t *)window_entry_address(address), 0);
	/* ... and an address with no tables at all. */
	UCHECK_EQ(st_page_entry(0x580000000000ull), 0);
}

UTEST(window_write_faults)
{
	uint32_t frame;
	uint64_t address = (uint64_t)utest_mapped_frame(&frame);
	uint64_t entry = st_page_entry(address);
	uint64_t window = window_entry_address(address);
	struct stop stop = run_thread(write_word, window);
	UCHECK(page_faulted_at(stop, window));
	UCHECK_EQ(stop.error, PF_PRESENT | PF_WRITE | PF_USER);
	UCHECK_EQ(st_page_entry(address), entry);
}

UTEST(window_not_executable)
{
	uint32_t frame;
	uint64_t address = (uint64_t)utest_mapped_frame(&frame);
	/* The window page holding this entry: jumping there faults. */
	uint64_t window_page = window_entry_address(address) & ~4095ull;
	struct stop stop = run_thread((void (*)(uint64_t))window_page, 0);
	UCHECK(page_faulted_at(stop, window_page));
	UCHECK_EQ(stop.error, PF_PRESENT | PF_USER | PF_FETCH);
}

UTEST(window_cannot_be_mapped_over)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
	uint64_t mapped = (uint64_t)utest_mapped_frame(NULL);
	/* The window's own pages, including the one showing a live entry. */
	const uint64_t targets[] = { ST_UVPT_BASE, window_entry_address(mapped) & ~4095ull, ST_UVPT_END - 4096 };
	for (unsigned i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		UCHECK_EQ(st_frame_map(frame, ST_ROOT_VSPACE, targets[i], READ_WRITE), ST_ERROR_INVALID_ARGUMENT);
		UCHECK_EQ(st_page_table_map(table, ST_ROOT_VSPACE, targets[i], NULL), ST_ERROR_INVALID_ARGUMENT);
	}
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(frame)), 0);
	UCHECK_EQ(ST_CAP_INFO_MAPPED(cap_info(table)), 0);
}

UTEST(nucleus_writes_honour_page_rights)
{
	/* The nucleus writes results into user memory (read_registers) only
	 * where the caller itself could write. */
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	struct st_registers *writable = utest_mapped_frame(NULL);
	UCHECK_EQ(st_thread_read_registers(thread, writable), ST_OK);
	uint32_t frame;
	struct st_registers *read_only = utest_mapped_frame(&frame);
	UCHECK_EQ(st_frame_protect(frame, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_thread_read_registers(thread, read_only), ST_ERROR_BAD_ADDRESS);
	uint64_t window = window_entry_address((uint64_t)writable);
	uint64_t entry = st_page_entry((uint64_t)writable);
	UCHECK_EQ(st_thread_read_registers(thread, (struct st_registers *)window), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(st_page_entry((uint64_t)writable), entry);
	UCHECK_EQ(st_thread_read_registers(thread, (struct st_registers *)0xffff800000100000ull), ST_ERROR_BAD_ADDRESS);
}

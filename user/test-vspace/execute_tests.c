/* Execute permission: NX on frames mapped without EXECUTE, code runs in
 * frames mapped with it. */
#include "user/test-vspace/vspace_tests.h"

#include "lib/string.h"

/* movq $42, (%rdi); ret -- stores 42 where its argument points. */
static const uint8_t store_42[] = { 0x48, 0xc7, 0x07, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

static volatile uint64_t stored;

/* Runs the code at address in a thread with &stored as its argument. */
static struct stop run_code_at(uint64_t address)
{
	stored = 0;
	return run_thread((void (*)(uint64_t))address, (uint64_t)&stored);
}

UTEST(execute_without_right_faults)
{
	uint32_t frame;
	uint8_t *code = utest_mapped_frame(&frame); /* read-write, so no-execute */
	memcpy(code, store_42, sizeof store_42);
	UCHECK(st_page_entry((uint64_t)code) & PTE_NO_EXECUTE);
	struct stop stop = run_code_at((uint64_t)code);
	UCHECK(page_faulted_at(stop, (uint64_t)code));
	UCHECK_EQ(stop.error, PF_PRESENT | PF_USER | PF_FETCH);
	UCHECK_EQ(stored, 0);
}

UTEST(execute_with_right_runs)
{
	uint32_t frame;
	uint8_t *writable = utest_mapped_frame(&frame);
	memcpy(writable, store_42, sizeof store_42);
	/* A second, read-execute mapping of the same frame. */
	uint32_t copy = copy_cap(frame, ST_RIGHTS_ALL);
	uint64_t code = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, copy, code, READ_EXECUTE), ST_OK);
	uint64_t entry = st_page_entry(code);
	UCHECK(!(entry & PTE_NO_EXECUTE));
	UCHECK(!(entry & PTE_WRITABLE));
	struct stop stop = run_code_at(code);
	UCHECK_EQ(stop.state, ST_THREAD_EXITED);
	UCHECK_EQ(stored, 42);
}

UTEST(execute_follows_protect)
{
	uint32_t frame;
	uint8_t *code = utest_mapped_frame(&frame);
	memcpy(code, store_42, sizeof store_42);
	UCHECK_EQ(st_frame_protect(frame, READ_EXECUTE), ST_OK);
	struct stop stop = run_code_at((uint64_t)code);
	UCHECK_EQ(stop.state, ST_THREAD_EXITED);
	UCHECK_EQ(stored, 42);
	/* Taking EXECUTE away again stops it. */
	UCHECK_EQ(st_frame_protect(frame, ST_RIGHT_READ), ST_OK);
	stop = run_code_at((uint64_t)code);
	UCHECK(page_faulted_at(stop, (uint64_t)code));
	UCHECK_EQ(stop.error, PF_PRESENT | PF_USER | PF_FETCH);
	UCHECK_EQ(stored, 0);
}

UTEST(execute_without_cap_right_refused)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t no_execute = copy_cap(frame, READ_WRITE);
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, no_execute, address, READ_EXECUTE), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, no_execute, address, READ_WRITE), ST_OK);
	UCHECK_EQ(st_frame_protect(no_execute, READ_EXECUTE), ST_ERROR_NO_RIGHTS);
	UCHECK(st_page_entry(address) & PTE_NO_EXECUTE);
}

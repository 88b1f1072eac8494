/* CPU exceptions in user threads: the thread stops as FAULTED, the rest go on. */
#include "user/test-threads/threads.h"

static void divide_by_zero(uint64_t unused)
{
	(void)unused;
	__asm__ volatile("xorl %%ecx, %%ecx; divl %%ecx" : : : "rax", "rcx", "rdx", "cc");
}

static void read_address(uint64_t address)
{
	(void)*(volatile uint64_t *)address;
}

/* The state and fault vector of a thread once it has stopped. */
static unsigned stopped_vector(uint32_t thread, unsigned expected_state, uint64_t *address)
{
	UCHECK_EQ(utest_wait_stopped(thread, 100), expected_state);
	unsigned state = 0xff, vector = 0xff;
	UCHECK_EQ(st_thread_state(thread, &state, &vector, address), ST_OK);
	UCHECK_EQ(state, expected_state);
	return vector;
}

UTEST(fault_divide_by_zero)
{
	set_root_priority(TEST_PRIORITY);
	uint32_t thread = start_thread(divide_by_zero, 0, 0, TEST_PRIORITY);
	UCHECK_EQ(stopped_vector(thread, ST_THREAD_FAULTED, NULL), 0);
}

UTEST(fault_page_reports_address)
{
	set_root_priority(TEST_PRIORITY);
	uint64_t address = unmapped_address() + 0x123;
	uint32_t thread = start_thread(read_address, address, 0, TEST_PRIORITY);
	uint64_t fault_address = 0;
	UCHECK_EQ(stopped_vector(thread, ST_THREAD_FAULTED, &fault_address), 14);
	UCHECK_EQ(fault_address, address);
	/* The CPU's error code too: not present, read, user mode. */
	struct st_result state = st_syscall(ST_SYS_THREAD_STATE, thread, 0, 0, 0, 0, 0);
	UCHECK_EQ(state.error, ST_OK);
	UCHECK_EQ(ST_THREAD_INFO_FAULT_ERROR(state.value), 0x4);
}

static void write_address(uint64_t address)
{
	*(volatile uint64_t *)address = 1;
}

UTEST(fault_write_to_read_only_page)
{
	set_root_priority(TEST_PRIORITY);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, address, ST_RIGHT_READ), ST_OK);
	uint32_t thread = start_thread(write_address, address + 0x40, 0, TEST_PRIORITY);
	uint64_t fault_address = 0;
	UCHECK_EQ(stopped_vector(thread, ST_THREAD_FAULTED, &fault_address), 14);
	UCHECK_EQ(fault_address, address + 0x40);
	/* Protection violation, write, user mode. */
	struct st_result state = st_syscall(ST_SYS_THREAD_STATE, thread, 0, 0, 0, 0, 0);
	UCHECK_EQ(ST_THREAD_INFO_FAULT_ERROR(state.value), 0x7);
}

UTEST(exit_is_not_a_fault)
{
	set_root_priority(TEST_PRIORITY);
	static volatile uint64_t flag;
	flag = 0;
	uint32_t thread = start_thread(set_flag, (uint64_t)&flag, 0, TEST_PRIORITY);
	uint64_t fault_address = 1;
	UCHECK_EQ(stopped_vector(thread, ST_THREAD_EXITED, &fault_address), 0);
	UCHECK_EQ(fault_address, 0);
	UCHECK_EQ(flag, 1);
}

static volatile uint64_t bystander_counter;

UTEST(fault_leaves_others_running)
{
	set_root_priority(TEST_PRIORITY);
	start_thread(count_forever, (uint64_t)&bystander_counter, 0, TEST_PRIORITY);
	UCHECK(wait_progress(&bystander_counter, 100));
	uint32_t divider = start_thread(divide_by_zero, 0, 1, TEST_PRIORITY);
	uint32_t reader = start_thread(read_address, unmapped_address(), 2, TEST_PRIORITY);
	UCHECK_EQ(utest_wait_stopped(divider, 100), ST_THREAD_FAULTED);
	UCHECK_EQ(utest_wait_stopped(reader, 100), ST_THREAD_FAULTED);
	UCHECK(wait_progress(&bystander_counter, 100));
	UCHECK(wait_progress(&bystander_counter, 100));
}

/* Resuming a faulted thread retries the instruction: with the page mapped
 * now, the load succeeds. */
static volatile uint64_t loaded_value;

static void load_into_global(uint64_t address)
{
	loaded_value = *(volatile uint64_t *)address;
}

UTEST(resume_after_fault_retries)
{
	loaded_value = 0;
	set_root_priority(TEST_PRIORITY);
	uint64_t address = unmapped_address();
	uint32_t thread = start_thread(load_into_global, address + 8, 0, TEST_PRIORITY);
	UCHECK_EQ(stopped_vector(thread, ST_THREAD_FAULTED, NULL), 14);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, address, ST_RIGHT_READ | ST_RIGHT_WRITE), ST_OK);
	*(volatile uint64_t *)(address + 8) = 0x5eed;
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK_EQ(utest_wait_stopped(thread, 100), ST_THREAD_EXITED);
	UCHECK_EQ(loaded_value, 0x5eed);
}

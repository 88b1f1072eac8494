/* Thread configuration, resume and suspend, and the states they lead to. */
#include "user/test-threads/threads.h"

UTEST(configure_valid)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	/* With or without a capability space or an IPC buffer. */
	UCHECK_EQ(st_thread_configure(thread, 0, ST_ROOT_VSPACE, 0, 0, 0), ST_OK);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, frame, utest_address(4096), 0), ST_OK);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, 0, 0, 0), ST_OK);
	/* Configured, it may be resumed (it never runs: the root is at 255). */
	UCHECK_EQ(st_thread_set_priority(thread, ST_ROOT_THREAD, 0), ST_OK);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK_EQ(thread_state(thread), ST_THREAD_RUNNABLE);
}

UTEST(configure_wrong_types)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint64_t ipc_address = utest_address(4096);
	UCHECK_EQ(st_thread_configure(thread, frame, ST_ROOT_VSPACE, 0, 0, 0), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_CNODE, 0, 0, 0), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, frame, 0, 0, 0), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, ST_ROOT_VSPACE, ipc_address, 0),
		  ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, thread, ipc_address, 0),
		  ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_configure(frame, ST_ROOT_CNODE, ST_ROOT_VSPACE, 0, 0, 0), ST_ERROR_WRONG_TYPE);
	/* None of it took: the thread still has no address space. */
	UCHECK_EQ(st_thread_resume(thread), ST_ERROR_ILLEGAL_OPERATION);
}

UTEST(configure_bad_vspace_slot)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, 0, 0, 0, 0), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, 1u << utest_bootinfo->cnode_size_bits, 0, 0, 0),
		  ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, utest_slot(), 0, 0, 0), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_thread_resume(thread), ST_ERROR_ILLEGAL_OPERATION);
}

UTEST(configure_bad_ipc_buffer_address)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, frame, address + 8, 0),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, frame, address + 2048, 0),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, frame, ST_USER_ADDRESS_LIMIT, 0),
		  ST_ERROR_INVALID_ARGUMENT);
	/* An address but no frame to put there. */
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, 0, address, 0),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_resume(thread), ST_ERROR_ILLEGAL_OPERATION);
}

UTEST(configure_needs_rights)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	uint32_t read_only = utest_slot();
	UCHECK_EQ(st_cap_copy(thread, read_only, ST_RIGHT_READ | ST_RIGHT_GRANT), ST_OK);
	UCHECK_EQ(st_thread_configure(read_only, ST_ROOT_CNODE, ST_ROOT_VSPACE, 0, 0, 0), ST_ERROR_NO_RIGHTS);
	/* The IPC buffer is written by the nucleus and read by the thread. */
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t read_only_frame = utest_slot();
	UCHECK_EQ(st_cap_copy(frame, read_only_frame, ST_RIGHT_READ), ST_OK);
	uint64_t ipc_address = utest_address(4096);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, read_only_frame, ipc_address, 0),
		  ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_resume(thread), ST_ERROR_ILLEGAL_OPERATION);
}

UTEST(resume_unconfigured_is_illegal)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(thread_state(thread), ST_THREAD_INACTIVE);
	UCHECK_EQ(st_thread_resume(thread), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(thread_state(thread), ST_THREAD_INACTIVE);
}

static volatile uint64_t suspend_counter;

UTEST(suspend_stops_and_resume_continues)
{
	set_root_priority(TEST_PRIORITY);
	uint32_t thread = start_thread(count_forever, (uint64_t)&suspend_counter, 0, TEST_PRIORITY);
	UCHECK(wait_progress(&suspend_counter, 100));
	UCHECK_EQ(st_thread_suspend(thread), ST_OK);
	uint64_t suspended_at = suspend_counter;
	yield_for_ticks(5);
	busy_wait_ticks(5);
	UCHECK_EQ(suspend_counter, suspended_at);
	UCHECK_EQ(thread_state(thread), ST_THREAD_SUSPENDED);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK(wait_progress(&suspend_counter, 100));
	UCHECK(suspend_counter > suspended_at);
}

static volatile uint64_t transitions_go, transitions_started;

static void wait_for_go(uint64_t unused)
{
	(void)unused;
	transitions_started = 1;
	while (!transitions_go)
		__asm__ volatile("pause");
}

UTEST(state_transitions)
{
	set_root_priority(TEST_PRIORITY);
	transitions_go = transitions_started = 0;
	uint32_t thread = make_thread(wait_for_go, 0, 0, TEST_PRIORITY);
	UCHECK_EQ(thread_state(thread), ST_THREAD_INACTIVE);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK_EQ(thread_state(thread), ST_THREAD_RUNNABLE);
	UCHECK(utest_wait_for(&transitions_started, 100));
	UCHECK_EQ(st_thread_suspend(thread), ST_OK);
	UCHECK_EQ(thread_state(thread), ST_THREAD_SUSPENDED);
	/* Suspending again changes nothing. */
	UCHECK_EQ(st_thread_suspend(thread), ST_OK);
	UCHECK_EQ(thread_state(thread), ST_THREAD_SUSPENDED);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK_EQ(thread_state(thread), ST_THREAD_RUNNABLE);
	transitions_go = 1;
	UCHECK_EQ(utest_wait_stopped(thread, 100), ST_THREAD_EXITED);
	UCHECK_EQ(thread_state(thread), ST_THREAD_EXITED);
}

/* A thread's last capability deleted: the thread is destroyed, not merely
 * unreachable, so it stops. */
static volatile uint64_t deleted_counter;

UTEST(delete_last_cap_stops_thread)
{
	set_root_priority(TEST_PRIORITY);
	uint32_t thread = start_thread(count_forever, (uint64_t)&deleted_counter, 0, TEST_PRIORITY);
	UCHECK(wait_progress(&deleted_counter, 100));
	UCHECK_EQ(st_cap_delete(thread), ST_OK);
	uint64_t deleted_at = deleted_counter;
	yield_for_ticks(5);
	busy_wait_ticks(5);
	UCHECK_EQ(deleted_counter, deleted_at);
	UCHECK_EQ(st_cap_identify(thread, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

/* A thread may suspend itself; it continues from there when resumed. */
static volatile uint64_t self_suspend_stage;

static void suspend_self(uint64_t self)
{
	self_suspend_stage = 1;
	long error = st_thread_suspend(self);
	self_suspend_stage = error == ST_OK ? 2 : 99;
}

UTEST(thread_suspends_itself)
{
	self_suspend_stage = 0;
	set_root_priority(TEST_PRIORITY);
	uint32_t slot = utest_slot();
	UCHECK_EQ(st_cap_move(make_thread(suspend_self, slot, 0, TEST_PRIORITY), slot), ST_OK);
	UCHECK_EQ(st_thread_resume(slot), ST_OK);
	UCHECK(utest_wait_for(&self_suspend_stage, 100));
	yield_for_ticks(3);
	UCHECK_EQ(thread_state(slot), ST_THREAD_SUSPENDED);
	UCHECK_EQ(self_suspend_stage, 1);
	UCHECK_EQ(st_thread_resume(slot), ST_OK);
	UCHECK_EQ(utest_wait_stopped(slot, 100), ST_THREAD_EXITED);
	UCHECK_EQ(self_suspend_stage, 2);
}

/* A thread deleting its own last capability destroys itself at once. */
static volatile uint64_t self_delete_stage;

static void delete_self(uint64_t self)
{
	self_delete_stage = 1;
	st_cap_delete(self);
	self_delete_stage = 2;
}

UTEST(thread_deleting_own_cap_stops)
{
	self_delete_stage = 0;
	set_root_priority(TEST_PRIORITY);
	uint32_t slot = utest_slot();
	UCHECK_EQ(st_cap_move(make_thread(delete_self, slot, 0, TEST_PRIORITY + 1), slot), ST_OK);
	/* Higher than the root: it runs to its end before resume returns. */
	UCHECK_EQ(st_thread_resume(slot), ST_OK);
	UCHECK_EQ(self_delete_stage, 1);
	UCHECK_EQ(st_cap_identify(slot, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	yield_for_ticks(3);
	UCHECK_EQ(self_delete_stage, 1);
}

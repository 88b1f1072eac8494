/*
 * Priorities and maximum controlled priorities (MCP): a new value may not
 * exceed the MCP of the authority thread, so nothing is lifted above what
 * its holder was given.
 */
#include "user/test-threads/threads.h"

/* A thread object (never configured: these calls do not need it). */
static uint32_t new_thread(void)
{
	return utest_object(ST_OBJECT_THREAD, 0);
}

/* A thread whose MCP the root sets to mcp, to act as the authority. */
static uint32_t authority_with_mcp(unsigned mcp)
{
	uint32_t authority = new_thread();
	UCHECK_EQ(st_thread_set_mcp(authority, ST_ROOT_THREAD, mcp), ST_OK);
	return authority;
}

UTEST(priority_above_authority_mcp)
{
	uint32_t thread = new_thread(), authority = authority_with_mcp(50);
	UCHECK_EQ(st_thread_set_priority(thread, authority, 51), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_priority(thread, authority, 255), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_priority(thread, authority, 50), ST_OK);
	UCHECK_EQ(st_thread_set_priority(thread, authority, 0), ST_OK);
}

UTEST(priority_out_of_range)
{
	uint32_t thread = new_thread();
	UCHECK_EQ(st_thread_set_priority(thread, ST_ROOT_THREAD, 256), ST_ERROR_INVALID_ARGUMENT);
	/* No truncation to the low bits: 2^32 + 5 and 2^8 + 5 are not 5. */
	UCHECK_EQ(st_call(ST_SYS_THREAD_SET_PRIORITY, thread, ST_ROOT_THREAD, (1ull << 32) + 5, 0, 0, 0),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_priority(thread, ST_ROOT_THREAD, 261), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_priority(thread, ST_ROOT_THREAD, 255), ST_OK);
}

UTEST(mcp_above_authority_mcp)
{
	uint32_t thread = new_thread(), authority = authority_with_mcp(50);
	UCHECK_EQ(st_thread_set_mcp(thread, authority, 51), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_mcp(thread, authority, 255), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_mcp(thread, authority, 50), ST_OK);
	/* The thread itself may now hand out up to 50. */
	UCHECK_EQ(st_thread_set_priority(new_thread(), thread, 50), ST_OK);
	UCHECK_EQ(st_thread_set_priority(new_thread(), thread, 51), ST_ERROR_NO_RIGHTS);
}

UTEST(mcp_out_of_range)
{
	uint32_t thread = new_thread();
	UCHECK_EQ(st_thread_set_mcp(thread, ST_ROOT_THREAD, 256), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_call(ST_SYS_THREAD_SET_MCP, thread, ST_ROOT_THREAD, (1ull << 32) + 5, 0, 0, 0),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_mcp(thread, ST_ROOT_THREAD, 255), ST_OK);
}

UTEST(mcp_zero_authority_grants_nothing)
{
	/* A new thread's MCP is 0. */
	uint32_t thread = new_thread(), authority = new_thread();
	UCHECK_EQ(st_thread_set_priority(thread, authority, 1), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_mcp(thread, authority, 1), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_priority(authority, authority, 1), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_mcp(authority, authority, 1), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_priority(thread, authority, 0), ST_OK);
	UCHECK_EQ(st_thread_set_mcp(thread, authority, 0), ST_OK);
}

UTEST(priority_calls_need_write_right)
{
	uint32_t thread = new_thread(), read_only = utest_slot();
	UCHECK_EQ(st_cap_copy(thread, read_only, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_thread_set_priority(read_only, ST_ROOT_THREAD, 1), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_mcp(read_only, ST_ROOT_THREAD, 1), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_time_slice(read_only, 1000), ST_ERROR_NO_RIGHTS);
	/* The authority only has to be a thread: a read-only capability will do. */
	UCHECK_EQ(st_thread_set_priority(thread, read_only, 0), ST_OK);
	UCHECK_EQ(st_thread_set_priority(thread, ST_ROOT_CNODE, 0), ST_ERROR_WRONG_TYPE);
}

/* A thread with MCP 10 tries to lift itself, through its own capability
 * (its slot in the root's CNode, which it shares). */
static volatile uint64_t self_results[4];
static volatile uint64_t self_done;

static void raise_self(uint64_t self)
{
	self_results[0] = (uint64_t)st_thread_set_priority(self, self, 11);
	self_results[1] = (uint64_t)st_thread_set_mcp(self, self, 11);
	self_results[2] = (uint64_t)st_thread_set_priority(self, self, 255);
	self_results[3] = (uint64_t)st_thread_set_priority(self, self, 10);
	self_done = 1;
}

UTEST(thread_cannot_raise_itself_above_mcp)
{
	for (int i = 0; i < 4; i++)
		self_results[i] = 0xdead;
	self_done = 0;
	set_root_priority(5);
	uint32_t slot = utest_slot();
	/* Made by hand: it has to know its slot before it starts. */
	uint32_t thread = make_thread(raise_self, slot, 0, 5);
	UCHECK_EQ(st_cap_move(thread, slot), ST_OK);
	UCHECK_EQ(st_thread_set_mcp(slot, ST_ROOT_THREAD, 10), ST_OK);
	UCHECK_EQ(st_thread_resume(slot), ST_OK);
	UCHECK(utest_wait_for(&self_done, 100));
	UCHECK_EQ(self_results[0], ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(self_results[1], ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(self_results[2], ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(self_results[3], ST_OK);
	UCHECK_EQ(utest_wait_stopped(slot, 100), ST_THREAD_EXITED);
}

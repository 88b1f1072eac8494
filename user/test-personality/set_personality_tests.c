/* ST_SYS_THREAD_SET_PERSONALITY: what it refuses, and that a refusal
 * changes nothing. */
#include "user/test-personality/personality_tests.h"

UTEST(set_personality_slot_errors)
{
	begin();
	UCHECK_EQ(st_thread_set_personality(0, ST_PERSONALITY_SERVER, 1), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_thread_set_personality(1ull << utest_bootinfo->cnode_size_bits, ST_PERSONALITY_SERVER, 1),
		  ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_thread_set_personality(utest_slot(), ST_PERSONALITY_SERVER, 1), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_thread_set_personality(new_endpoint(), ST_PERSONALITY_SERVER, 1), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_set_personality(ST_ROOT_VSPACE, ST_PERSONALITY_NATIVE, 0), ST_ERROR_WRONG_TYPE);
}

UTEST(set_personality_needs_write)
{
	begin();
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_set_personality(utest_copy(thread, ST_RIGHT_READ), ST_PERSONALITY_SERVER, 1),
		  ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_personality(utest_copy(thread, ST_RIGHTS_ALL & ~ST_RIGHT_WRITE), ST_PERSONALITY_NATIVE, 0),
		  ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_set_personality(utest_copy(thread, ST_RIGHT_WRITE), ST_PERSONALITY_SERVER, 1), ST_OK);
}

UTEST(set_personality_mode_and_upcall_address)
{
	begin();
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_set_personality(thread, 3, 0), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_personality(thread, 0xffffffffu, 0), ST_ERROR_INVALID_ARGUMENT);
	/* The mode is a whole register: no truncation to a valid one. */
	UCHECK_EQ(st_call(ST_SYS_THREAD_SET_PERSONALITY, thread, 1ull << 32 | ST_PERSONALITY_SERVER, 4, 0, 0, 0),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_personality(thread, ST_PERSONALITY_UPCALL, ST_USER_ADDRESS_LIMIT),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_personality(thread, ST_PERSONALITY_UPCALL, 0xffff800000000000ull),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_personality(thread, ST_PERSONALITY_UPCALL, ST_USER_ADDRESS_LIMIT - 1), ST_OK);
	/* A server handler is a slot reference, looked up at each call: any
	 * value is taken. So is anything with the native mode (ignored). */
	UCHECK_EQ(st_thread_set_personality(thread, ST_PERSONALITY_SERVER, ~0ull), ST_OK);
	UCHECK_EQ(st_thread_set_personality(thread, ST_PERSONALITY_NATIVE, ~0ull), ST_OK);
}

/* The thread stays in its upcall personality after refused changes: its
 * Linux call still reaches its upcall entry. */
UTEST(refused_change_keeps_personality)
{
	begin();
	struct probe *p = probe_setup(39, 0);
	p->upcall_result = 0x5a;
	struct worker *w = worker_make(body_probe, HIGH_PRIORITY, 0);
	UCHECK_EQ(st_thread_set_personality(w->thread, ST_PERSONALITY_UPCALL, (uint64_t)upcall_entry), ST_OK);
	UCHECK_EQ(st_thread_set_personality(w->thread, 3, 0), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_personality(w->thread, ST_PERSONALITY_UPCALL, ST_USER_ADDRESS_LIMIT),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_personality(utest_copy(w->thread, ST_RIGHT_READ), ST_PERSONALITY_NATIVE, 0),
		  ST_ERROR_NO_RIGHTS);
	worker_resume(w);
	UCHECK(worker_finished(w));
	UCHECK_EQ(p->upcall_count, 1);
	UCHECK_EQ(p->out[R_RAX], 0x5a);
}

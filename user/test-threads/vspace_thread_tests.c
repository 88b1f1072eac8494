/*
 * Threads in address spaces of their own, and what happens when those go.
 * Such a thread runs a few bytes of machine code from a frame the root
 * fills (mapped read-write in the root, read-execute in the thread's
 * space), with rbx pointing at a counter in a frame both map.
 */
#include "lib/string.h"
#include "user/test-threads/threads.h"

/* 1: incq (%rbx); jmp 1b */
static const uint8_t increment_forever[] = { 0x48, 0xff, 0x03, 0xeb, 0xfb };
/* syscall; 1: incq (%rbx); jmp 1b */
static const uint8_t syscall_then_increment_forever[] = { 0x0f, 0x05, 0x48, 0xff, 0x03, 0xeb, 0xfb };

struct foreign_code {
	uint32_t code_frame, counter_frame;
	uint8_t *code;             /* its address, in the root and in the spaces made */
	volatile uint64_t *counter;
};

static struct foreign_code foreign_code(const uint8_t *bytes, size_t length)
{
	struct foreign_code c;
	c.code = utest_mapped_frame(&c.code_frame);
	c.counter = utest_mapped_frame(&c.counter_frame);
	memcpy(c.code, bytes, length);
	return c;
}

/* A copy of frame mapped in vspace at address. */
static void map_copy(uint32_t frame, uint32_t vspace, uint64_t address, unsigned rights)
{
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_copy(frame, copy, ST_RIGHTS_ALL), ST_OK);
	UCHECK_EQ(st_map_frame(vspace, copy, address, rights), ST_OK);
}

/* A new address space with the code and the counter at the root's addresses. */
static uint32_t vspace_with(const struct foreign_code *c)
{
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	map_copy(c->code_frame, vspace, (uint64_t)c->code, ST_RIGHT_READ | ST_RIGHT_EXECUTE);
	map_copy(c->counter_frame, vspace, (uint64_t)c->counter, ST_RIGHT_READ | ST_RIGHT_WRITE);
	return vspace;
}

/* A thread at TEST_PRIORITY running the code in vspace, with the root's
 * CNode; `registers` gives the rest (rip and rbx are filled in). */
static uint32_t foreign_thread(const struct foreign_code *c, uint32_t vspace, struct st_registers registers)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, vspace, 0, 0, 0), ST_OK);
	registers.rip = (uint64_t)c->code;
	registers.rbx = (uint64_t)c->counter;
	UCHECK_EQ(st_thread_write_registers(thread, &registers), ST_OK);
	UCHECK_EQ(st_thread_set_priority(thread, ST_ROOT_THREAD, TEST_PRIORITY), ST_OK);
	return thread;
}

UTEST(delete_vspace_cap_thread_keeps_running)
{
	set_root_priority(TEST_PRIORITY);
	struct foreign_code c = foreign_code(increment_forever, sizeof increment_forever);
	uint32_t vspace = vspace_with(&c);
	uint32_t thread = foreign_thread(&c, vspace, (struct st_registers){ 0 });
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK(wait_progress(c.counter, 100));
	/* The thread's own copy keeps the address space alive. */
	UCHECK_EQ(st_cap_delete(vspace), ST_OK);
	UCHECK(wait_progress(c.counter, 100));
	UCHECK(wait_progress(c.counter, 100));
	UCHECK_EQ(thread_state(thread), ST_THREAD_RUNNABLE);
}

UTEST(revoking_vspace_stops_thread)
{
	set_root_priority(TEST_PRIORITY);
	struct foreign_code c = foreign_code(increment_forever, sizeof increment_forever);
	uint32_t vspace = vspace_with(&c);
	uint32_t thread = foreign_thread(&c, vspace, (struct st_registers){ 0 });
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK(wait_progress(c.counter, 100));
	/* Revoking takes the thread's copy: it has no address space left and
	 * is stopped rather than entered (kernel/thread.c). */
	UCHECK_EQ(st_cap_revoke(vspace), ST_OK);
	yield_for_ticks(3);
	uint64_t stopped_at = *c.counter;
	yield_for_ticks(5);
	UCHECK_EQ(*c.counter, stopped_at);
	UCHECK_EQ(thread_state(thread), ST_THREAD_INACTIVE);
	UCHECK_EQ(st_thread_resume(thread), ST_ERROR_ILLEGAL_OPERATION);
}

/*
 * A thread whose address space has no other capability left reconfigures
 * itself into another one: its old space is destroyed while it is the one
 * loaded, and the thread goes on in the new space (the same code and
 * counter are mapped there).
 */
UTEST(thread_moves_out_of_its_dying_vspace)
{
	set_root_priority(TEST_PRIORITY);
	struct foreign_code c = foreign_code(syscall_then_increment_forever, sizeof syscall_then_increment_forever);
	uint32_t old_vspace = vspace_with(&c), new_vspace = vspace_with(&c);
	uint32_t thread = utest_slot();
	struct st_registers configure_call = {
		.rax = ST_SYS_THREAD_CONFIGURE, .rdi = thread, .rsi = 0, .rdx = new_vspace,
	};
	UCHECK_EQ(st_cap_move(foreign_thread(&c, old_vspace, configure_call), thread), ST_OK);
	UCHECK_EQ(st_cap_delete(old_vspace), ST_OK);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK(wait_progress(c.counter, 100));
	UCHECK(wait_progress(c.counter, 100));
	UCHECK_EQ(thread_state(thread), ST_THREAD_RUNNABLE);
	struct st_registers now;
	UCHECK_EQ(st_thread_read_registers(thread, &now), ST_OK);
	UCHECK_EQ(now.rax, ST_OK); /* what the configure call returned */
}

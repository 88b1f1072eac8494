/* When a forwarded call cannot be answered: the thread stops faulted (no
 * usable endpoint, no reply object), or makes the call again when it next
 * runs (suspended, reply object or endpoint gone); and its CPU exceptions
 * still go to its fault handler. */
#include "user/test-personality/personality_tests.h"

#define GETPID 39

/* Its saved registers are the system call's again: rip at the syscall
 * instruction, rax the number, the arguments in place. */
static void check_rewound(uint32_t thread, const struct probe *p)
{
	struct st_registers r = { 0 };
	UCHECK_EQ(st_thread_read_registers(thread, &r), ST_OK);
	UCHECK_EQ(r.rip, (uint64_t)linux_probe_syscall);
	UCHECK_EQ(r.rax, p->in[R_RAX]);
	UCHECK_EQ(r.rdi, p->in[R_RDI]);
	UCHECK_EQ(r.r9, p->in[R_R9]);
}

/* The call arrives again, unchanged, and this time is answered. */
static void serve_again(struct worker *w, const struct probe *p, uint32_t endpoint, uint32_t reply)
{
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(0, ST_MSG_REGISTER_WORDS, 0) | ST_MSG_LINUX);
	UCHECK_EQ(m.words[0], p->in[R_RAX]);
	UCHECK_EQ(m.words[1], p->in[R_RDI]);
	UCHECK_EQ(m.words[3], p->in[R_RDX]);
	struct st_message answer = reply_message(1, 77, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->steps, 1);
	UCHECK_EQ(probe_differences(p, 77), 0);
}

UTEST(suspended_while_queued_call_restarts)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, endpoint, HIGH_PRIORITY);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	UCHECK_EQ(st_thread_suspend(w->thread), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_SUSPENDED);
	check_rewound(w->thread, p);
	struct st_message m = { 0 };
	UCHECK_EQ(st_nb_recv(endpoint, reply, &m), ST_ERROR_WOULD_BLOCK);
	UCHECK_EQ(st_thread_resume(w->thread), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	serve_again(w, p, endpoint, reply);
}

UTEST(suspended_while_served_call_restarts)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, endpoint, HIGH_PRIORITY);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(st_thread_suspend(w->thread), ST_OK);
	check_rewound(w->thread, p);
	/* The server's reply has nobody to go to any more. */
	struct st_message answer = reply_message(1, 5, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(w->steps, 0);
	UCHECK_EQ(st_thread_resume(w->thread), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	serve_again(w, p, endpoint, reply);
}

/* A server that loses the reply object holding the call (it died, or
 * threw it away) makes the caller ask again. */
UTEST(reply_object_deleted_call_restarts)
{
	begin();
	uint32_t endpoint = new_endpoint(), first_reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, endpoint, HIGH_PRIORITY);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, first_reply, &m), ST_OK);
	UCHECK_EQ(st_cap_delete(first_reply), ST_OK);
	UCHECK(wait_state(w->thread, ST_THREAD_BLOCKED_SEND));
	UCHECK_EQ(w->steps, 0);
	serve_again(w, p, endpoint, new_reply());
}

/* Its call queued on an endpoint that goes: the call is made again and
 * finds no endpoint, so the thread stops faulted, with no result given. */
UTEST(endpoint_deleted_while_queued_restarts_then_faults)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct probe *p = probe_setup(GETPID, 0);
	/* Its handler is the endpoint's only capability. */
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, endpoint, HIGH_PRIORITY);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	UCHECK_EQ(st_cap_delete(endpoint), ST_OK);
	UCHECK(wait_state(w->thread, ST_THREAD_FAULTED));
	UCHECK_EQ(w->steps, 0);
	struct st_registers r = { 0 };
	UCHECK_EQ(st_thread_read_registers(w->thread, &r), ST_OK);
	UCHECK_EQ(r.rax, GETPID);
	UCHECK_EQ(r.rdi, p->in[R_RDI]);
}

/* Once received, the call waits on the reply object, not the endpoint. */
UTEST(endpoint_deleted_while_served_reply_still_works)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, endpoint, HIGH_PRIORITY);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(st_cap_delete(endpoint), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_REPLY);
	struct st_message answer = reply_message(1, 3, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(probe_differences(p, 3), 0);
}

/* No usable endpoint at the handler slot: an empty slot, an endpoint
 * without WRITE, a notification, slot 0. */
UTEST(unusable_personality_endpoint_stops_thread)
{
	begin();
	uint32_t endpoint = new_endpoint();
	probe_setup(GETPID, 0);
	uint64_t handlers[4] = { utest_slot(), utest_copy(endpoint, ST_RIGHTS_ALL & ~ST_RIGHT_WRITE),
				 utest_object(ST_OBJECT_NOTIFICATION, 0), 0 };
	for (unsigned i = 0; i < 4; i++) {
		struct worker *w = probe_worker(ST_PERSONALITY_SERVER, handlers[i], HIGH_PRIORITY);
		UCHECK(wait_state(w->thread, ST_THREAD_FAULTED));
		UCHECK_EQ(w->steps, 0);
	}
	struct st_message m = { 0 };
	UCHECK_EQ(st_nb_recv(endpoint, 0, &m), ST_ERROR_WOULD_BLOCK);
}

/* Nobody could answer it: taken by a receive without a reply object (the
 * caller queued first, or the server waiting first), it stops faulted. */
UTEST(receive_without_reply_object_leaves_caller_faulted)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct probe *p = probe_setup(GETPID, 0);
	struct worker *queued = probe_worker(ST_PERSONALITY_SERVER, endpoint, HIGH_PRIORITY);
	UCHECK_EQ(state_of(queued->thread), ST_THREAD_BLOCKED_SEND);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(0, ST_MSG_REGISTER_WORDS, 0) | ST_MSG_LINUX);
	UCHECK_EQ(state_of(queued->thread), ST_THREAD_FAULTED);
	/* Now the root waits first; the caller runs below it. */
	struct worker *later = probe_worker(ST_PERSONALITY_SERVER, endpoint, LOW_PRIORITY);
	m = (struct st_message){ 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.words[0], p->in[R_RAX]);
	UCHECK_EQ(state_of(later->thread), ST_THREAD_FAULTED);
	UCHECK_EQ(queued->steps + later->steps, 0);
}

static void body_probe_then_fault(struct worker *w)
{
	linux_probe();
	w->steps = 1;
	*(volatile uint64_t *)w->argument[0] = 1;
	w->steps = 2;
}

/* Its page fault goes to its fault handler (here on the same endpoint as
 * its Linux calls, told apart by ST_MSG_FAULT and the badge). */
UTEST(faults_of_linux_thread_go_to_fault_handler)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	uint64_t address = utest_address(4096);
	struct worker *w = worker_make(body_probe_then_fault, HIGH_PRIORITY, utest_mint(endpoint, ST_RIGHT_WRITE, 2));
	w->argument[0] = address;
	UCHECK_EQ(st_thread_set_personality(w->thread, ST_PERSONALITY_SERVER, utest_mint(endpoint, ST_RIGHT_WRITE, 1)),
		  ST_OK);
	worker_resume(w);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.info & (ST_MSG_LINUX | ST_MSG_FAULT), ST_MSG_LINUX);
	UCHECK_EQ(m.badge, 1);
	struct st_message answer = reply_message(1, 0, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK_EQ(probe_differences(p, 0), 0);
	m = (struct st_message){ 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(0, ST_FAULT_WORDS, 0) | ST_MSG_FAULT);
	UCHECK_EQ(m.badge, 2);
	UCHECK_EQ(m.words[ST_FAULT_VECTOR], VECTOR_PAGE_FAULT);
	UCHECK_EQ(m.words[ST_FAULT_ADDRESS], address);
	answer = (struct st_message){ .info = ST_MSG_INFO(ST_FAULT_REPLY_STOP, 0, 0) };
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_FAULTED);
	UCHECK_EQ(w->steps, 1);
}

/* Where a server's written registers send the thread (a signal handler,
 * say): it goes there, it does not make the call again. */
static volatile uint64_t landed;

static __attribute__((noreturn)) void landing(void)
{
	landed = 1;
	st_thread_exit();
}

UTEST(registers_written_during_call_are_not_rewound)
{
	begin();
	landed = 0;
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	probe_setup(GETPID, 0);
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, endpoint, HIGH_PRIORITY);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	struct st_registers r = { 0 };
	UCHECK_EQ(st_thread_read_registers(w->thread, &r), ST_OK);
	r.rip = (uint64_t)landing;
	UCHECK_EQ(st_thread_write_registers(w->thread, &r), ST_OK);
	UCHECK_EQ(st_thread_suspend(w->thread), ST_OK);
	UCHECK_EQ(st_thread_read_registers(w->thread, &r), ST_OK);
	UCHECK_EQ(r.rip, (uint64_t)landing);
	UCHECK_EQ(st_thread_resume(w->thread), ST_OK);
	UCHECK(wait_state(w->thread, ST_THREAD_EXITED));
	UCHECK_EQ(landed, 1);
	UCHECK_EQ(w->steps, 0);
	UCHECK_EQ(st_nb_recv(endpoint, reply, &m), ST_ERROR_WOULD_BLOCK);
}

/* ST_PERSONALITY_UPCALL: a Linux system call jumps to the thread's own
 * upcall entry with its registers as it left them, rcx and r11 as the
 * syscall instruction set them, so the entry can return by itself. */
#include "user/test-personality/personality_tests.h"

#define GETPID 39

UTEST(upcall_gets_registers_as_left)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct probe *p = probe_setup(GETPID, 0);
	p->upcall_result = 0x600d;
	struct worker *w = probe_worker(ST_PERSONALITY_UPCALL, (uint64_t)upcall_entry, HIGH_PRIORITY);
	UCHECK(worker_finished(w));
	UCHECK_EQ(p->upcall_count, 1);
	unsigned wrong = 0;
	for (unsigned i = 0; i < PROBE_REGISTERS; i++) {
		if (i == R_RCX || i == R_R11 || i == R_RSP)
			continue;
		if (p->upcall[i] != p->in[i]) {
			st_printf("  register %u at the upcall entry is %#lx, expected %#lx\n", i, p->upcall[i], p->in[i]);
			wrong++;
		}
	}
	UCHECK_EQ(wrong, 0);
	UCHECK_EQ(p->upcall[R_RSP], p->saved_rsp);
	UCHECK_EQ(p->upcall[R_RCX], (uint64_t)linux_probe_after);
	UCHECK_EQ(p->upcall[R_R11], p->rflags_before);
	/* It came back by itself, with its result in rax. */
	UCHECK_EQ(probe_differences(p, 0x600d), 0);
	UCHECK_EQ(p->out[R_RCX], (uint64_t)linux_probe_after);
	struct st_message m = { 0 };
	UCHECK_EQ(st_nb_recv(endpoint, 0, &m), ST_ERROR_WOULD_BLOCK);
}

/* Linux calls in a loop from a thread in the upcall personality, mixed
 * with native ones: each Linux call enters once, native calls never. */
static void body_mixed(struct worker *w)
{
	struct probe *p = (struct probe *)PROBE_PAGE;
	for (unsigned i = 0; i < 50; i++) {
		p->in[R_RAX] = i;
		p->upcall_result = i * 3;
		linux_probe();
		if (p->out[R_RAX] != i * 3 || p->upcall[R_RAX] != i)
			w->argument[1]++;
		if (st_yield() != ST_OK)
			w->argument[1]++;
		w->steps++;
	}
}

UTEST(upcall_and_native_calls_mixed)
{
	begin();
	struct probe *p = probe_setup(0, 0);
	struct worker *w = worker_make(body_mixed, HIGH_PRIORITY, 0);
	UCHECK_EQ(st_thread_set_personality(w->thread, ST_PERSONALITY_UPCALL, (uint64_t)upcall_entry), ST_OK);
	worker_resume(w);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->steps, 50);
	UCHECK_EQ(w->argument[1], 0);
	UCHECK_EQ(p->upcall_count, 50);
}

/* An upcall entry where nothing is mapped: the jump faults there, a fault
 * of the thread like any other (here with no handler: it stops). */
UTEST(upcall_to_unmapped_entry_faults)
{
	begin();
	probe_setup(GETPID, 0);
	uint64_t entry = utest_address(4096);
	struct worker *w = probe_worker(ST_PERSONALITY_UPCALL, entry, HIGH_PRIORITY);
	UCHECK(wait_state(w->thread, ST_THREAD_FAULTED));
	unsigned state = 0, vector = 0;
	uint64_t address = 0;
	UCHECK_EQ(st_thread_state(w->thread, &state, &vector, &address), ST_OK);
	UCHECK_EQ(vector, VECTOR_PAGE_FAULT);
	UCHECK_EQ(address, entry);
	UCHECK_EQ(w->steps, 0);
}

/* Between two native IPC calls to the root, which switches its mode:
 * upcall, then server, then native. */
static void body_three_modes(struct worker *w)
{
	for (unsigned i = 0; i < 3; i++) {
		struct st_message m = { .info = ST_MSG_INFO(i, 0, 0) };
		if (st_ipc_call(w->argument[0], &m) != ST_OK)
			return;
		linux_probe();
		w->argument[1 + i] = ((struct probe *)PROBE_PAGE)->out[R_RAX];
		w->steps++;
	}
}

UTEST(switching_between_modes)
{
	begin();
	uint32_t control = new_endpoint(), linux_endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	p->upcall_result = 0xa;
	struct worker *w = worker_make(body_three_modes, HIGH_PRIORITY, 0);
	w->argument[0] = control;
	worker_resume(w);
	static const unsigned modes[3] = { ST_PERSONALITY_UPCALL, ST_PERSONALITY_SERVER, ST_PERSONALITY_NATIVE };
	for (unsigned i = 0; i < 3; i++) {
		struct st_message m = { 0 };
		UCHECK_EQ(root_recv(control, reply, &m), ST_OK);
		uint64_t handler = modes[i] == ST_PERSONALITY_UPCALL ? (uint64_t)upcall_entry : linux_endpoint;
		UCHECK_EQ(st_thread_set_personality(w->thread, modes[i], handler), ST_OK);
		if (modes[i] == ST_PERSONALITY_NATIVE)
			p->in[R_RAX] = 12345;
		struct st_message answer = reply_message(0, 0, 0, 0, 0);
		UCHECK_EQ(st_reply(reply, &answer), ST_OK);
		if (modes[i] == ST_PERSONALITY_SERVER) {
			UCHECK_EQ(root_recv(linux_endpoint, reply, &m), ST_OK);
			UCHECK(m.info & ST_MSG_LINUX);
			answer = reply_message(1, 0xb, 0, 0, 0);
			UCHECK_EQ(st_reply(reply, &answer), ST_OK);
		}
	}
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->steps, 3);
	UCHECK_EQ(w->argument[1], 0xa);
	UCHECK_EQ(w->argument[2], 0xb);
	UCHECK_EQ(w->argument[3], ST_ERROR_INVALID_SYSCALL);
	UCHECK_EQ(p->upcall_count, 1);
}

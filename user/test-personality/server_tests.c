/* ST_PERSONALITY_SERVER: a Linux system call arrives at the server as an
 * ST_MSG_LINUX call; the reply's word 0 is its result. */
#include "user/test-personality/personality_tests.h"

#define GETPID 39
#define BADGE 0x51

/* The call as the server must see it: 7 words with an IPC buffer, 4
 * without. */
static void check_linux_message(const struct probe *p, const struct st_message *m, const struct st_ipc_buffer *buffer,
				uint64_t badge)
{
	UCHECK_EQ(m->info, ST_MSG_INFO(0, buffer ? ST_LINUX_WORDS : ST_MSG_REGISTER_WORDS, 0) | ST_MSG_LINUX);
	UCHECK_EQ(m->badge, badge);
	UCHECK_EQ(m->words[0], p->in[R_RAX]);
	UCHECK_EQ(m->words[1], p->in[R_RDI]);
	UCHECK_EQ(m->words[2], p->in[R_RSI]);
	UCHECK_EQ(m->words[3], p->in[R_RDX]);
	if (buffer) {
		UCHECK_EQ(buffer->words[4], p->in[R_R10]);
		UCHECK_EQ(buffer->words[5], p->in[R_R8]);
		UCHECK_EQ(buffer->words[6], p->in[R_R9]);
	}
}

UTEST(server_gets_call_from_same_process)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, utest_mint(endpoint, ST_RIGHT_WRITE, BADGE), HIGH_PRIORITY);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	check_linux_message(p, &m, buffer, BADGE);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(w->steps, 0);
	struct st_message answer = reply_message(1, 4242, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->steps, 1);
	UCHECK_EQ(probe_differences(p, 4242), 0);
	/* The call was answered once; the reply object is empty now. */
	answer = reply_message(1, 1, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_ERROR_ILLEGAL_OPERATION);
}

UTEST(server_gets_call_from_another_process)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct peer peer;
	if (!peer_create(&peer, GETPID, endpoint, ST_RIGHT_WRITE, 0x77))
		return;
	struct probe *p = peer.probe;
	peer_start(&peer, PEER_PROBE, HIGH_PRIORITY);
	UCHECK_EQ(state_of(peer.process.thread), ST_THREAD_BLOCKED_SEND);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	check_linux_message(p, &m, buffer, 0x77);
	UCHECK_EQ(p->peer_steps, 0);
	struct st_message answer = reply_message(1, (uint64_t)-38, 0, 0, 0); /* -ENOSYS */
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK(utest_wait_for(&p->peer_done, WAIT_TICKS));
	UCHECK_EQ(probe_differences(p, (uint64_t)-38), 0);
	/* Its native call after the Linux one went to the nucleus. */
	UCHECK_EQ(p->peer_steps, 2);
	UCHECK_EQ(p->peer_native_result, ST_OK);
	UCHECK(wait_state(peer.process.thread, ST_THREAD_EXITED));
	UCHECK_EQ(st_nb_recv(endpoint, reply, &m), ST_ERROR_WOULD_BLOCK);
}

/* A server without an IPC buffer gets the number and the first three
 * arguments; the thread's registers are untouched all the same. */
UTEST(server_without_ipc_buffer_gets_four_words)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, utest_copy(endpoint, ST_RIGHT_WRITE), HIGH_PRIORITY);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	check_linux_message(p, &m, NULL, 0);
	struct st_message answer = reply_message(1, 7, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(probe_differences(p, 7), 0);
}

/* Only word 0 of the reply matters: more words do not reach rdx, r8, ...,
 * and the label (even the fault-stop label) is not looked at. */
UTEST(reply_word_zero_is_the_only_result)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, endpoint, HIGH_PRIORITY);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	struct st_message answer = reply_message(4, 0x1234, 0xdead, 0xbeef, 0xf00d);
	answer.info = ST_MSG_INFO(ST_FAULT_REPLY_STOP, 4, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(probe_differences(p, 0x1234), 0);
}

UTEST(reply_without_words_returns_zero)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, endpoint, HIGH_PRIORITY);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	struct st_message answer = reply_message(0, 0x999, 0x999, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(probe_differences(p, 0), 0);
}

/* Runs linux_probe argument[0] times, counting in steps. */
static void body_probe_loop(struct worker *w)
{
	for (uint64_t i = 0; i < w->argument[0]; i++) {
		linux_probe();
		w->steps++;
	}
}

/*
 * Every number without ST_SYSCALL_NATIVE is Linux's, including the
 * numbers of the native IPC calls. The worker runs below the root, which
 * waits in a receive with a reply object: the situation in which a native
 * call would take the IPC fastpath. Each reply sets the next number.
 */
UTEST(every_number_without_native_bit_is_forwarded)
{
	static const uint64_t numbers[] = {
		0, 1, 2, ST_SYS_SEND, ST_SYS_CALL, ST_SYS_RECV, ST_SYS_REPLY_RECV, ST_SYS_THREAD_SET_PERSONALITY,
		ST_SYS_VSPACE_COPY, 60, 231, 1ull << 63 | ST_SYS_CALL, 0xffffffffull,
	};
	const unsigned count = sizeof numbers / sizeof numbers[0];
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(numbers[0], 0);
	struct worker *w = worker_make(body_probe_loop, LOW_PRIORITY, 0);
	w->argument[0] = count;
	UCHECK_EQ(st_thread_set_personality(w->thread, ST_PERSONALITY_SERVER, endpoint), ST_OK);
	worker_resume(w);
	unsigned wrong = 0;
	for (unsigned i = 0; i < count; i++) {
		struct st_message m = { 0 };
		if (root_recv(endpoint, reply, &m) != ST_OK) {
			st_printf("  number %#lx: no message\n", numbers[i]);
			wrong++;
			break;
		}
		if (m.info != (ST_MSG_INFO(0, ST_MSG_REGISTER_WORDS, 0) | ST_MSG_LINUX) || m.words[0] != numbers[i] ||
		    m.words[1] != p->in[R_RDI]) {
			st_printf("  number %#lx: info %#lx, word 0 %#lx\n", numbers[i], m.info, m.words[0]);
			wrong++;
		}
		/* The previous call's registers, once its reply came through. */
		if (i > 0 && probe_differences(p, numbers[i - 1] + 1) != 0)
			wrong++;
		p->in[R_RAX] = i + 1 < count ? numbers[i + 1] : 0;
		struct st_message answer = reply_message(1, numbers[i] + 1, 0, 0, 0);
		UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	}
	UCHECK_EQ(wrong, 0);
	/* Let it finish the last one. */
	UCHECK_EQ(st_thread_set_priority(w->thread, ST_ROOT_THREAD, HIGH_PRIORITY), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->steps, count);
	UCHECK_EQ(probe_differences(p, numbers[count - 1] + 1), 0);
}

/* Native calls (bit 62 set, as the library's wrappers do) of a thread in
 * a Linux personality go to the nucleus, IPC included. */
static void body_native_calls(struct worker *w)
{
	w->argument[1] = (uint64_t)st_yield();
	struct st_message m = { .info = ST_MSG_INFO(5, 2, 0), .words = { 10, 20 } };
	w->result = st_ipc_call(w->argument[0], &m);
	w->argument[2] = m.words[0];
	w->argument[3] = (uint64_t)st_call(12345, 0, 0, 0, 0, 0, 0);
}

UTEST(native_calls_work_in_a_personality)
{
	begin();
	uint32_t linux_endpoint = new_endpoint(), native_endpoint = new_endpoint(), reply = new_reply();
	struct worker *w = worker_make(body_native_calls, HIGH_PRIORITY, 0);
	w->argument[0] = native_endpoint;
	UCHECK_EQ(st_thread_set_personality(w->thread, ST_PERSONALITY_SERVER, linux_endpoint), ST_OK);
	worker_resume(w);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(native_endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(5, 2, 0));
	UCHECK_EQ(m.words[0], 10);
	UCHECK_EQ(m.words[1], 20);
	struct st_message answer = reply_message(1, 11, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->argument[1], ST_OK);
	UCHECK_EQ(w->result, ST_OK);
	UCHECK_EQ(w->argument[2], 11);
	UCHECK_EQ(w->argument[3], ST_ERROR_INVALID_SYSCALL);
	UCHECK_EQ(st_nb_recv(linux_endpoint, reply, &m), ST_ERROR_WOULD_BLOCK);
}

/* A native thread may leave the bit out: its calls are native. */
UTEST(native_thread_needs_no_native_bit)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct probe *p = probe_setup(12345, 0);
	/* A native call writes rdx and r8 (0 on error): expect that. */
	p->in[R_RDX] = 0;
	p->in[R_R8] = 0;
	struct worker *w = probe_worker(ST_PERSONALITY_NATIVE, endpoint, HIGH_PRIORITY);
	UCHECK(worker_finished(w));
	UCHECK_EQ(probe_differences(p, ST_ERROR_INVALID_SYSCALL), 0);
	struct st_message m = { 0 };
	UCHECK_EQ(st_nb_recv(endpoint, 0, &m), ST_ERROR_WOULD_BLOCK);
}

/* Back to native while its forwarded call is being served: that call is
 * answered by the server, the next goes to the nucleus. */
UTEST(switching_back_to_native)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(GETPID, 0);
	struct worker *w = worker_make(body_probe_loop, HIGH_PRIORITY, 0);
	w->argument[0] = 2;
	UCHECK_EQ(st_thread_set_personality(w->thread, ST_PERSONALITY_SERVER, endpoint), ST_OK);
	worker_resume(w);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.words[0], GETPID);
	UCHECK_EQ(st_thread_set_personality(w->thread, ST_PERSONALITY_NATIVE, 0), ST_OK);
	p->in[R_RAX] = 12345;
	p->in[R_RDX] = 0;
	p->in[R_R8] = 0;
	struct st_message answer = reply_message(1, 100, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->steps, 2);
	UCHECK_EQ(probe_differences(p, ST_ERROR_INVALID_SYSCALL), 0);
	UCHECK_EQ(st_nb_recv(endpoint, reply, &m), ST_ERROR_WOULD_BLOCK);
}

/*
 * A Linux call numbered like ST_SYS_CALL (madvise) whose registers also
 * make a valid native call (an endpoint slot in rdi, a short message in
 * rsi) while the root waits with a reply object and runs above the
 * caller: everything the IPC fastpath looks for but the native bit. It
 * must arrive as the Linux call it is.
 */
/* Sends label 0xdead to argument[0] a second from now: a receive that
 * must not wait with a timeout still ends if nothing else comes. */
static void body_watchdog(struct worker *w)
{
	st_sleep(1000000000ull);
	struct st_message m = { .info = ST_MSG_INFO(0xdead, 0, 0) };
	w->result = st_nb_send(w->argument[0], &m);
}

UTEST(linux_call_shaped_like_native_call_is_forwarded)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct probe *p = probe_setup(ST_SYS_CALL, 0);
	p->in[R_RDI] = endpoint;
	p->in[R_RSI] = ST_MSG_INFO(0x66, 2, 0);
	p->in[R_RDX] = 0;
	p->in[R_R13] = 0;
	struct worker *watchdog = worker_make(body_watchdog, LOW_PRIORITY - 1, 0);
	watchdog->argument[0] = endpoint;
	worker_resume(watchdog);
	struct worker *w = probe_worker(ST_PERSONALITY_SERVER, endpoint, LOW_PRIORITY);
	/* No timeout: a receive with one never takes the fastpath. */
	struct st_message m = { 0 };
	UCHECK_EQ(st_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(0, ST_MSG_REGISTER_WORDS, 0) | ST_MSG_LINUX);
	UCHECK_EQ(m.words[0], ST_SYS_CALL);
	UCHECK_EQ(m.words[1], endpoint);
	UCHECK_EQ(m.words[2], ST_MSG_INFO(0x66, 2, 0));
	struct st_message answer = reply_message(1, 0, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK_EQ(st_thread_set_priority(w->thread, ST_ROOT_THREAD, HIGH_PRIORITY), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(probe_differences(p, 0), 0);
}

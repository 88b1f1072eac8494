/* The FS base (thread-local storage) in struct st_registers: written and
 * read with the other registers, loaded whenever its thread runs. */
#include "user/test-personality/personality_tests.h"

#define ARCH_PRCTL 158
#define ARCH_SET_FS 0x1002

static inline uint64_t fs_word(uint64_t offset)
{
	uint64_t value;
	__asm__ volatile("movq %%fs:(%1), %0" : "=r"(value) : "r"(offset) : "memory");
	return value;
}

/* A page whose first words say which it is. */
static uint64_t *marked_page(uint64_t mark)
{
	uint64_t *page = utest_mapped_frame(NULL);
	page[0] = mark;
	page[1] = ~mark;
	return page;
}

static void set_fs_base(uint32_t thread, uint64_t fs_base)
{
	struct st_registers r = { 0 };
	UCHECK_EQ(st_thread_read_registers(thread, &r), ST_OK);
	r.fs_base = fs_base;
	UCHECK_EQ(st_thread_write_registers(thread, &r), ST_OK);
}

static uint64_t fs_base_of(uint32_t thread)
{
	struct st_registers r = { 0 };
	UCHECK_EQ(st_thread_read_registers(thread, &r), ST_OK);
	return r.fs_base;
}

static void body_read_fs(struct worker *w)
{
	w->argument[1] = fs_word(0);
	w->argument[2] = fs_word(8);
}

UTEST(fs_base_written_is_seen_by_thread)
{
	begin();
	uint64_t *page = marked_page(0xf5ba5e);
	struct worker *w = worker_make(body_read_fs, HIGH_PRIORITY, 0);
	UCHECK_EQ(fs_base_of(w->thread), 0);
	set_fs_base(w->thread, (uint64_t)page);
	UCHECK_EQ(fs_base_of(w->thread), (uint64_t)page);
	worker_resume(w);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->argument[1], 0xf5ba5e);
	UCHECK_EQ(w->argument[2], ~0xf5ba5eull);
	UCHECK_EQ(fs_base_of(w->thread), (uint64_t)page);
}

UTEST(fs_base_beyond_user_memory_is_refused)
{
	begin();
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, 0, 0, 0), ST_OK);
	struct st_registers r = { .rip = 0x401000, .rsp = 0x8000, .fs_base = 0x7000 };
	UCHECK_EQ(st_thread_write_registers(thread, &r), ST_OK);
	static const uint64_t refused[] = { ST_USER_ADDRESS_LIMIT, ST_USER_ADDRESS_LIMIT + 4096, 0xffff800000000000ull,
					    ~0ull };
	for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		struct st_registers bad = { .rip = 0x402000, .rsp = 0x9000, .fs_base = refused[i] };
		UCHECK_EQ(st_thread_write_registers(thread, &bad), ST_ERROR_INVALID_ARGUMENT);
	}
	/* Refused whole: nothing changed. */
	struct st_registers now = { 0 };
	UCHECK_EQ(st_thread_read_registers(thread, &now), ST_OK);
	UCHECK_EQ(now.fs_base, 0x7000);
	UCHECK_EQ(now.rip, 0x401000);
	r.fs_base = ST_USER_ADDRESS_LIMIT - 1;
	UCHECK_EQ(st_thread_write_registers(thread, &r), ST_OK);
	UCHECK_EQ(fs_base_of(thread), ST_USER_ADDRESS_LIMIT - 1);
	r.fs_base = 0;
	UCHECK_EQ(st_thread_write_registers(thread, &r), ST_OK);
	UCHECK_EQ(fs_base_of(thread), 0);
}

/* Reads %fs:argument[0] argument[3] times, yielding in between; counts
 * values other than argument[1] in argument[2]. */
static void body_fs_loop(struct worker *w)
{
	for (uint64_t i = 0; i < w->argument[3]; i++) {
		if (fs_word(w->argument[0]) != w->argument[1])
			w->argument[2]++;
		st_yield();
		w->steps++;
	}
}

/*
 * Two threads with their own FS bases and one with none (base 0: %fs:x
 * is address x) take turns at one priority with the root: each keeps
 * seeing its own, whatever ran before it.
 */
UTEST(fs_base_kept_per_thread_across_switches)
{
	begin();
	uint64_t *pages[3] = { marked_page(0xaaaa), marked_page(0xbbbb), marked_page(0xcccc) };
	struct worker *w[3];
	for (unsigned i = 0; i < 3; i++) {
		w[i] = worker_make(body_fs_loop, HIGH_PRIORITY, 0);
		w[i]->argument[0] = i < 2 ? 0 : (uint64_t)pages[2];
		w[i]->argument[1] = pages[i][0];
		w[i]->argument[3] = 300;
		if (i < 2)
			set_fs_base(w[i]->thread, (uint64_t)pages[i]);
	}
	UCHECK_EQ(st_thread_set_priority(ST_ROOT_THREAD, ST_ROOT_THREAD, HIGH_PRIORITY), ST_OK);
	for (unsigned i = 0; i < 3; i++)
		worker_resume(w[i]);
	for (unsigned i = 0; i < 3; i++) {
		UCHECK(worker_finished(w[i]));
		UCHECK_EQ(w[i]->steps, 300);
		UCHECK_EQ(w[i]->argument[2], 0);
	}
}

/* A client and a server with different FS bases at one priority: the IPC
 * fastpath's direct switch loads each one's base too. */
static void body_fs_client(struct worker *w)
{
	for (uint64_t i = 0; i < 200; i++) {
		struct st_message m = { .info = ST_MSG_INFO(0, 1, 0), .words = { i } };
		if (st_ipc_call(w->argument[0], &m) != ST_OK || m.words[0] != i + 1)
			w->argument[2]++;
		if (fs_word(0) != w->argument[1])
			w->argument[2]++;
		w->steps++;
	}
}

static void body_fs_server(struct worker *w)
{
	struct st_message m = { 0 };
	long error = st_recv(w->argument[0], w->argument[3], &m);
	while (error == ST_OK) {
		if (fs_word(0) != w->argument[1])
			w->argument[2]++;
		m.words[0]++;
		w->steps++;
		error = st_reply_recv(w->argument[0], w->argument[3], &m);
	}
}

UTEST(fs_base_kept_through_ipc)
{
	begin();
	uint32_t endpoint = new_endpoint();
	uint64_t *pages[2] = { marked_page(0xc11e), marked_page(0x5e7e) };
	struct worker *server = worker_make(body_fs_server, HIGH_PRIORITY, 0);
	struct worker *client = worker_make(body_fs_client, HIGH_PRIORITY, 0);
	server->argument[0] = client->argument[0] = endpoint;
	server->argument[3] = new_reply();
	client->argument[1] = pages[0][0];
	server->argument[1] = pages[1][0];
	set_fs_base(client->thread, (uint64_t)pages[0]);
	set_fs_base(server->thread, (uint64_t)pages[1]);
	worker_resume(server);
	worker_resume(client);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->steps, 200);
	UCHECK_EQ(client->argument[2], 0);
	UCHECK_EQ(server->steps, 200);
	UCHECK_EQ(server->argument[2], 0);
}

static void body_arch_prctl(struct worker *w)
{
	linux_probe();
	w->argument[1] = fs_word(0);
	w->steps = 1;
}

/* arch_prctl(ARCH_SET_FS) as a personality server does it: the thread's
 * registers, read and written while its call waits for the reply. */
UTEST(fs_base_set_by_server_during_call)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	uint64_t *tls = marked_page(0x715);
	struct probe *p = probe_setup(ARCH_PRCTL, 0);
	p->in[R_RDI] = ARCH_SET_FS;
	p->in[R_RSI] = (uint64_t)tls;
	struct worker *w = worker_make(body_arch_prctl, HIGH_PRIORITY, 0);
	UCHECK_EQ(st_thread_set_personality(w->thread, ST_PERSONALITY_SERVER, endpoint), ST_OK);
	worker_resume(w);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.words[0], ARCH_PRCTL);
	UCHECK_EQ(m.words[1], ARCH_SET_FS);
	struct st_registers r = { 0 };
	UCHECK_EQ(st_thread_read_registers(w->thread, &r), ST_OK);
	UCHECK_EQ(r.rip, (uint64_t)linux_probe_after);
	r.fs_base = m.words[2];
	UCHECK_EQ(st_thread_write_registers(w->thread, &r), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_REPLY);
	struct st_message answer = reply_message(1, 0, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &answer), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(probe_differences(p, 0), 0);
	UCHECK_EQ(w->argument[1], 0x715);
	UCHECK_EQ(fs_base_of(w->thread), (uint64_t)tls);
}

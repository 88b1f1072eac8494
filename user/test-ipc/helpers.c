/* Helpers of the IPC suite (ipc_tests.h). */
#include "user/test-ipc/ipc_tests.h"

#include "lib/string.h"

#define STACK_SIZE 16384

static struct {
	uint8_t bytes[STACK_SIZE];
} stacks[WORKER_COUNT] __attribute__((aligned(16)));

/* A test's workers; the harness destroys their threads after it, so the
 * next test reuses the structures and stacks. */
static struct worker workers[WORKER_COUNT];
static unsigned worker_count;

void begin(void)
{
	worker_count = 0;
	UCHECK_EQ(st_thread_set_priority(ST_ROOT_THREAD, ST_ROOT_THREAD, TEST_PRIORITY), ST_OK);
}

static void exit_thread(void)
{
	st_thread_exit();
}

static void worker_main(uint64_t address)
{
	struct worker *w = (struct worker *)address;
	w->body(w);
	w->done = 1;
}

void worker_configure(struct worker *w, uint64_t cspace, uint64_t fault_handler)
{
	UCHECK_EQ(st_thread_configure(w->thread, cspace ? cspace : ST_ROOT_CNODE, ST_ROOT_VSPACE, w->buffer_frame,
				      (uint64_t)w->buffer, fault_handler),
		  ST_OK);
}

struct worker *worker_make(worker_body *body, unsigned priority, unsigned flags)
{
	return worker_make_in(utest_object(ST_OBJECT_THREAD, 0), body, priority, flags);
}

struct worker *worker_make_in(uint32_t thread, worker_body *body, unsigned priority, unsigned flags)
{
	UCHECK(worker_count < WORKER_COUNT);
	unsigned index = worker_count++ % WORKER_COUNT;
	struct worker *w = &workers[index];
	memset(w, 0, sizeof *w);
	w->body = body;
	w->result = -1;
	w->thread = thread;
	if (flags & WORKER_BUFFER)
		w->buffer = utest_mapped_frame(&w->buffer_frame);
	worker_configure(w, 0, 0);
	/* As if called: 16-byte aligned before the return address, which leads
	 * to thread_exit when the body is done. */
	uint64_t rsp = (uint64_t)&stacks[index].bytes[STACK_SIZE] - 8;
	*(uint64_t *)rsp = (uint64_t)exit_thread;
	struct st_registers registers = { .rip = (uint64_t)worker_main, .rsp = rsp, .rdi = (uint64_t)w };
	UCHECK_EQ(st_thread_write_registers(w->thread, &registers), ST_OK);
	UCHECK_EQ(st_thread_set_priority(w->thread, ST_ROOT_THREAD, priority), ST_OK);
	return w;
}

void worker_resume(struct worker *w)
{
	UCHECK_EQ(st_thread_resume(w->thread), ST_OK);
}

struct worker *worker_start(worker_body *body, unsigned priority, unsigned flags)
{
	struct worker *w = worker_make(body, priority, flags);
	worker_resume(w);
	return w;
}

bool worker_finished(struct worker *w)
{
	return utest_wait_for(&w->done, WAIT_TICKS);
}

unsigned state_of(uint32_t thread)
{
	unsigned state;
	return st_thread_state(thread, &state, NULL, NULL) == ST_OK ? state : 0xff;
}

unsigned fault_vector_of(uint32_t thread)
{
	unsigned state, vector = 0xff;
	UCHECK_EQ(st_thread_state(thread, &state, &vector, NULL), ST_OK);
	return vector;
}

uint64_t tsc_now(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

uint64_t ns_since(uint64_t tsc_start)
{
	uint64_t ticks = tsc_now() - tsc_start, hz = utest_bootinfo->tsc_hz;
	return ticks / hz * 1000000000ull + ticks % hz * 1000000000ull / hz;
}

bool wait_state(uint32_t thread, unsigned state)
{
	uint64_t start = tsc_now();
	while (state_of(thread) != state) {
		if (ns_since(start) > WAIT_TICKS * 10 * MS)
			return false;
		st_yield();
	}
	return true;
}

long root_recv(uint64_t endpoint, uint64_t reply, struct st_message *message)
{
	return st_recv_timeout(endpoint, reply, ROOT_TIMEOUT_NS, message);
}

uint32_t new_endpoint(void)
{
	return utest_object(ST_OBJECT_ENDPOINT, 0);
}

uint32_t new_reply(void)
{
	return utest_object(ST_OBJECT_REPLY, 0);
}

uint32_t new_notification(void)
{
	return utest_object(ST_OBJECT_NOTIFICATION, 0);
}

unsigned cap_type(uint32_t slot)
{
	uint64_t info = 0;
	if (st_cap_identify(slot, &info, NULL) != ST_OK)
		return ST_OBJECT_NULL;
	return (unsigned)ST_CAP_INFO_TYPE(info);
}

struct st_message msg(uint64_t label, unsigned count, uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3)
{
	return (struct st_message){ .info = ST_MSG_INFO(label, count, 0), .words = { w0, w1, w2, w3 } };
}

void body_send(struct worker *w)
{
	w->result = st_send(w->endpoint, &w->message);
}

void body_call(struct worker *w)
{
	w->result = st_ipc_call(w->endpoint, &w->message);
}

void body_recv(struct worker *w)
{
	w->result = st_recv(w->endpoint, w->reply, &w->message);
}

void body_wait(struct worker *w)
{
	uint64_t bits = 0;
	w->result = st_wait(w->notification, &bits);
	w->message.badge = bits;
}

void body_sleep(struct worker *w)
{
	w->result = st_sleep(w->argument[0]);
}

static void body_ipc(struct worker *w)
{
	w->result = st_ipc(w->argument[0], w->endpoint, w->reply, 0, &w->message);
}

long ipc_in_worker(uint64_t number, uint64_t cap, struct st_message message)
{
	struct worker *w = worker_make(body_ipc, HIGH_PRIORITY, 0);
	w->argument[0] = number;
	w->endpoint = cap;
	w->message = message;
	worker_resume(w);
	if (worker_finished(w))
		return w->result;
	st_printf("  system call %lu blocked (state %u)\n", number, state_of(w->thread));
	return -1;
}

uint64_t unmapped_address(void)
{
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_page_entry(address) & 1, 0);
	return address;
}

/* Helpers of the personality suite (personality_tests.h). */
#include "user/test-personality/personality_tests.h"

#include "lib/string.h"

#define WORKER_COUNT 4
#define STACK_SIZE 16384

static struct {
	uint8_t bytes[STACK_SIZE];
} stacks[WORKER_COUNT] __attribute__((aligned(16)));

/* A test's workers; the harness destroys their threads after the test. */
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

struct worker *worker_make(worker_body *body, unsigned priority, uint64_t fault_handler)
{
	UCHECK(worker_count < WORKER_COUNT);
	unsigned index = worker_count++ % WORKER_COUNT;
	struct worker *w = &workers[index];
	memset(w, 0, sizeof *w);
	w->body = body;
	w->result = -1;
	w->thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_configure(w->thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, 0, 0, fault_handler), ST_OK);
	/* As if called: aligned to 16 below the return address, which leads
	 * to thread_exit (a native call, bit 62 set) when the body is done. */
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

bool worker_finished(struct worker *w)
{
	return utest_wait_for(&w->done, WAIT_TICKS);
}

void body_probe(struct worker *w)
{
	linux_probe();
	w->steps = 1;
}

struct worker *probe_worker(unsigned mode, uint64_t handler, unsigned priority)
{
	struct worker *w = worker_make(body_probe, priority, 0);
	UCHECK_EQ(st_thread_set_personality(w->thread, mode, handler), ST_OK);
	worker_resume(w);
	return w;
}

unsigned state_of(uint32_t thread)
{
	unsigned state;
	return st_thread_state(thread, &state, NULL, NULL) == ST_OK ? state : 0xff;
}

uint64_t tsc_now(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

bool wait_state(uint32_t thread, unsigned state)
{
	uint64_t start = tsc_now(), limit = utest_bootinfo->tsc_hz; /* about a second */
	while (state_of(thread) != state) {
		if (tsc_now() - start > limit) {
			st_printf("  thread state %u, expected %u\n", state_of(thread), state);
			return false;
		}
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

struct st_message reply_message(unsigned count, uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3)
{
	return (struct st_message){ .info = ST_MSG_INFO(0, count, 0), .words = { w0, w1, w2, w3 } };
}

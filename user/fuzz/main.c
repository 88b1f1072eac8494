/*
 * The driver (the root task): starts the fuzzer and the bystander from its
 * own image (boot module 1 is this program again), all three at one
 * priority so that they share the CPU round robin; hands the fuzzer a fresh
 * set of objects every epoch; then checks that the bystander was never
 * disturbed, that every call returned an error code and kept the registers
 * it must, and that the nucleus still works. Finally it revokes all its
 * untyped memory, destroying everything the others made, so that the
 * nucleus ends idle. The fuzzer may block in IPC calls and sleeps: one
 * with a short timeout of its own must end in time; any other is ended
 * here (see unblock_if_stuck). Command line: fuzz_seed=N chooses the calls;
 * fuzz_trace=N has the fuzzer print each call from the Nth on (to find the
 * one that brings the nucleus down: runs are the same for the same seed).
 */
#include <stdbool.h>

#include "lib/fmt.h"
#include "lib/string.h"
#include "user/fuzz/fuzz.h"
#include "user/lib/alloc.h"
#include "user/lib/process.h"

#define DEFAULT_SEED 20240601
#define PRIORITY 100         /* of every thread that runs */
#define FUZZ_TIMEOUT_S 45    /* TSC seconds; the runner gives a boot 60 s */
#define STOP_TIMEOUT_S 5
/* A timeout ends a blocked call within a tick or two; under emulation the
 * timer may lag, so a call is late only this long after its timeout. */
#define LATE_MS 1000
#define CHECK_ADDRESS 0x0000500000000000ull

int main(uint64_t argument);

static const struct st_bootinfo *bootinfo;
static volatile struct fuzz_shared *shared;
static unsigned failures;
static char first_failure[160];

static void failed(const char *format, ...) __attribute__((format(printf, 1, 2)));

static void failed(const char *format, ...)
{
	char reason[160];
	va_list args;
	va_start(args, format);
	fmt_vsnprintf(reason, sizeof reason, format, args);
	va_end(args);
	st_printf("FUZZ check failed: %s\n", reason);
	if (failures++ == 0)
		strlcpy(first_failure, reason, sizeof first_failure);
}

static uint64_t tsc_now(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high));
	return (uint64_t)high << 32 | low;
}

/* A decimal `name=N` option of the kernel command line. */
static uint64_t option(const char *name, uint64_t fallback)
{
	size_t length = strlen(name);
	for (const char *p = strstr(bootinfo->cmdline, name); p; p = strstr(p + 1, name)) {
		if ((p != bootinfo->cmdline && p[-1] != ' ') || p[length] != '=')
			continue;
		uint64_t value = 0;
		const char *digit = p + length + 1;
		for (; *digit >= '0' && *digit <= '9'; digit++)
			value = value * 10 + (uint64_t)(*digit - '0');
		return digit > p + length + 1 ? value : fallback;
	}
	return fallback;
}

/* The shared page: a frame mapped here, and copies of its capability
 * mapped in each process (the copies stay in our CNode, so neither the
 * fuzzer nor the bystander can unmap it). */
static uint32_t shared_frame;

static long make_shared_page(void)
{
	long error = st_alloc_object(ST_OBJECT_FRAME, 0, &shared_frame);
	if (!error)
		error = st_map_frame(ST_ROOT_VSPACE, shared_frame, FUZZ_SHARED_ADDRESS, ST_RIGHT_READ | ST_RIGHT_WRITE);
	shared = fuzz_shared();
	return error;
}

static long make_process(const void *image, const char *name, struct st_process *p)
{
	long error = st_process_create(image, bootinfo->modules[0].size, FUZZ_CNODE_BITS, name, p);
	uint32_t copy = st_alloc_slot();
	if (!error)
		error = st_cap_copy(shared_frame, copy, ST_RIGHTS_ALL);
	if (!error)
		error = st_map_frame(p->vspace, copy, FUZZ_SHARED_ADDRESS, ST_RIGHT_READ | ST_RIGHT_WRITE);
	return error;
}

/* The calls before (and including) the one in progress. */
static void print_recent(void)
{
	uint64_t in_progress = shared->calls;
	for (uint64_t i = in_progress >= FUZZ_RECENT ? in_progress - FUZZ_RECENT + 1 : 0; i <= in_progress; i++) {
		const volatile struct fuzz_call *c = &shared->recent[i % FUZZ_RECENT];
		if (c->index == i)
			fuzz_print_call(c);
	}
}

/* Everything the fuzzer is given comes from this untyped, so revoking it
 * takes back all the fuzzer holds and all it made. */
#define POOL_BITS 23
static uint32_t pool;

/* A slot of the fuzzer's CNode, from here. */
static uint64_t fuzzer_slot(const struct st_process *fuzzer, uint32_t index)
{
	return ST_SLOT(fuzzer->cnode, index);
}

/* A new object in the fuzzer's CNode. */
static long give(const struct st_process *fuzzer, unsigned type, unsigned size_bits, uint32_t index)
{
	return st_untyped_retype(pool, type, size_bits, fuzzer_slot(fuzzer, index), 1);
}

/* The partner's CNode (its capability space; see partner.c). */
static uint32_t partner_cnode;

/* The served endpoint lives in our slot, so that what the fuzzer does to
 * its copies (delete, revoke) never takes the partner's; a badged copy
 * beside the fuzzer's. The partner's reply object. */
static long give_served_endpoint(const struct st_process *fuzzer)
{
	static uint32_t endpoint;
	if (!endpoint && !(endpoint = st_alloc_slot()))
		return ST_ERROR_INVALID_SLOT;
	long error = st_untyped_retype(pool, ST_OBJECT_ENDPOINT, 0, endpoint, 1);
	if (!error)
		error = st_cap_copy(endpoint, fuzzer_slot(fuzzer, FUZZ_SLOT_ENDPOINT), ST_RIGHTS_ALL);
	if (!error)
		error = st_cap_mint(endpoint, fuzzer_slot(fuzzer, FUZZ_SLOT_ENDPOINT + 1), ST_RIGHTS_ALL, FUZZ_BADGE);
	if (!error)
		error = st_cap_copy(endpoint, ST_SLOT(partner_cnode, FUZZ_PARTNER_ENDPOINT), ST_RIGHTS_ALL);
	if (!error)
		error = st_untyped_retype(pool, ST_OBJECT_REPLY, 0, ST_SLOT(partner_cnode, FUZZ_PARTNER_REPLY), 1);
	return error;
}

static long give_objects(const struct st_process *fuzzer)
{
	long error = give(fuzzer, ST_OBJECT_UNTYPED, FUZZ_UNTYPED_BITS, FUZZ_SLOT_UNTYPED);
	for (uint32_t i = 0; i < FUZZ_FRAMES && !error; i++)
		error = give(fuzzer, ST_OBJECT_FRAME, 0, FUZZ_SLOT_FRAME + i);
	if (!error)
		error = give(fuzzer, ST_OBJECT_LARGE_FRAME, 0, FUZZ_SLOT_LARGE_FRAME);
	for (uint32_t i = 0; i < FUZZ_PAGE_TABLES && !error; i++)
		error = give(fuzzer, ST_OBJECT_PAGE_TABLE, 0, FUZZ_SLOT_PAGE_TABLE + i);
	if (!error)
		error = give_served_endpoint(fuzzer);
	if (!error)
		error = give(fuzzer, ST_OBJECT_ENDPOINT, 0, FUZZ_SLOT_UNSERVED_ENDPOINT);
	if (!error)
		error = give(fuzzer, ST_OBJECT_NOTIFICATION, 0, FUZZ_SLOT_NOTIFICATION);
	if (!error)
		error = st_cap_mint(fuzzer_slot(fuzzer, FUZZ_SLOT_NOTIFICATION),
				    fuzzer_slot(fuzzer, FUZZ_SLOT_NOTIFICATION + 1), ST_RIGHTS_ALL, FUZZ_BADGE);
	for (uint32_t i = 0; i < 2 && !error; i++)
		error = give(fuzzer, ST_OBJECT_REPLY, 0, FUZZ_SLOT_REPLY + i);
	if (!error)
		error = give(fuzzer, ST_OBJECT_THREAD, 0, FUZZ_SLOT_THREAD);
	if (!error)
		error = give(fuzzer, ST_OBJECT_VSPACE, 0, FUZZ_SLOT_VSPACE);
	return error;
}

/* The code frame: "syscall; ud2", so that the given thread, started
 * there, makes one call with whatever registers the fuzzer gave it. */
#define CODE_WRITE_ADDRESS 0x0000600000000000ull

static long write_code(const struct st_process *fuzzer)
{
	static const uint8_t code[] = { 0x0f, 0x05, 0x0f, 0x0b };
	uint64_t frame = fuzzer_slot(fuzzer, FUZZ_SLOT_FRAME);
	long error = st_map_frame(ST_ROOT_VSPACE, frame, CODE_WRITE_ADDRESS, ST_RIGHT_READ | ST_RIGHT_WRITE);
	if (error)
		return error;
	memcpy((void *)CODE_WRITE_ADDRESS, code, sizeof code);
	return st_frame_unmap(frame);
}

/* The given thread runs in the given address space with the given CNode
 * as its capability space, which holds copies of the thread's own
 * capability, its address space, its frames and the IPC objects: its
 * calls reach itself and the fuzzer's endpoints. Its IPC buffer is the
 * data frame; on odd epochs its faults go to the unserved endpoint as
 * messages (for the fuzzer's receives to take). */
static long prepare_thread(const struct st_process *fuzzer, uint64_t epoch)
{
	static uint32_t cnode; /* ours while we fill it */
	if (!cnode && !(cnode = st_alloc_slot()))
		return ST_ERROR_INVALID_SLOT;
	const struct { uint32_t from, to; } copies[] = {
		{ FUZZ_SLOT_THREAD, FUZZ_GIVEN_THREAD },
		{ FUZZ_SLOT_VSPACE, FUZZ_GIVEN_VSPACE },
		{ FUZZ_SLOT_FRAME, FUZZ_GIVEN_FRAME },
		{ FUZZ_SLOT_FRAME + 1, FUZZ_GIVEN_FRAME + 1 },
		{ FUZZ_SLOT_UNSERVED_ENDPOINT, FUZZ_GIVEN_ENDPOINT },
		{ FUZZ_SLOT_NOTIFICATION, FUZZ_GIVEN_NOTIFICATION },
		{ FUZZ_SLOT_REPLY, FUZZ_GIVEN_REPLY },
		{ FUZZ_SLOT_ENDPOINT, FUZZ_GIVEN_SERVED_ENDPOINT },
	};
	long error = st_untyped_retype(pool, ST_OBJECT_CNODE, FUZZ_GIVEN_CNODE_BITS, cnode, 1);
	for (size_t i = 0; i < sizeof copies / sizeof copies[0] && !error; i++)
		error = st_cap_copy(fuzzer_slot(fuzzer, copies[i].from), ST_SLOT(cnode, copies[i].to), ST_RIGHTS_ALL);
	if (!error)
		error = st_thread_configure(fuzzer_slot(fuzzer, FUZZ_SLOT_THREAD), cnode,
					    fuzzer_slot(fuzzer, FUZZ_SLOT_VSPACE),
					    fuzzer_slot(fuzzer, FUZZ_SLOT_FRAME + 1), FUZZ_SCRATCH_ADDRESS + 4096,
					    epoch % 2 ? FUZZ_GIVEN_ENDPOINT : 0);
	/* At our priority, so that it really runs (its MCP stays 0: no thread
	 * the fuzzer makes can run). */
	if (!error)
		error = st_thread_set_priority(fuzzer_slot(fuzzer, FUZZ_SLOT_THREAD), ST_ROOT_THREAD, PRIORITY);
	return error ? error : st_cap_move(cnode, fuzzer_slot(fuzzer, FUZZ_SLOT_CNODE));
}

/* The tables a frame mapping needs, and the code and a data frame. */
static long map_in_given_space(const struct st_process *fuzzer)
{
	uint64_t vspace = fuzzer_slot(fuzzer, FUZZ_SLOT_VSPACE);
	long error = ST_OK;
	for (uint32_t i = 0; i < FUZZ_MAPPED_PAGE_TABLES && !error; i++)
		error = st_page_table_map(fuzzer_slot(fuzzer, FUZZ_SLOT_PAGE_TABLE + i), vspace, FUZZ_SCRATCH_ADDRESS,
					  NULL);
	if (!error)
		error = st_frame_map(fuzzer_slot(fuzzer, FUZZ_SLOT_FRAME), vspace, FUZZ_SCRATCH_ADDRESS,
				     ST_RIGHT_READ | ST_RIGHT_EXECUTE);
	if (!error)
		error = st_frame_map(fuzzer_slot(fuzzer, FUZZ_SLOT_FRAME + 1), vspace, FUZZ_SCRATCH_ADDRESS + 4096,
				     ST_RIGHT_READ | ST_RIGHT_WRITE);
	return error;
}

/* The last set and all made from it are gone (every slot of the fuzzer's
 * CNode is empty again), and a fresh set is in place. */
static long refill(const struct st_process *fuzzer, uint64_t epoch)
{
	long error = st_cap_revoke(pool);
	if (error)
		return error;
	for (uint32_t i = 1; i < 1u << FUZZ_CNODE_BITS; i++) {
		uint64_t info;
		if (st_cap_identify(fuzzer_slot(fuzzer, i), &info, NULL) != ST_ERROR_EMPTY_SLOT) {
			failed("slot %u of the fuzzer's CNode survived the revoke (type %lu)", i, ST_CAP_INFO_TYPE(info));
			print_recent();
			if ((error = st_cap_delete(fuzzer_slot(fuzzer, i))))
				return error;
		}
	}
	if ((error = give_objects(fuzzer)) || (error = write_code(fuzzer)) || (error = prepare_thread(fuzzer, epoch)) ||
	    (error = map_in_given_space(fuzzer)))
		return error;
	/* Even epochs: the fuzzer's own thread is bound to the notification,
	 * so signals to it end (or pre-empt) the fuzzer's endpoint receives. */
	return epoch % 2 ? ST_OK
			 : st_thread_bind_notification(fuzzer->thread, fuzzer_slot(fuzzer, FUZZ_SLOT_NOTIFICATION));
}

/* Nothing to suspend or unmap itself with: its own CNode, thread and
 * address space capabilities go (its thread keeps its own copies). Its
 * thread gets an IPC buffer (whose capability stays here) and no fault
 * handler: slot 0 is never usable, so nothing the fuzzer puts in its CNode
 * becomes one, and a fault of the fuzzer itself stops it for the checks
 * below to report. */
static long equip_fuzzer(const struct st_process *fuzzer)
{
	uint32_t ipc_frame;
	long error = st_alloc_object(ST_OBJECT_FRAME, 0, &ipc_frame);
	if (!error)
		error = st_map_frame(fuzzer->vspace, ipc_frame, FUZZ_IPC_BUFFER_ADDRESS,
				     ST_RIGHT_READ | ST_RIGHT_WRITE);
	if (!error)
		error = st_thread_configure(fuzzer->thread, fuzzer->cnode, fuzzer->vspace, ipc_frame,
					    FUZZ_IPC_BUFFER_ADDRESS, 0);
	for (uint32_t i = ST_ROOT_CNODE; i <= ST_ROOT_VSPACE && !error; i++)
		error = st_cap_delete(ST_SLOT(fuzzer->cnode, i));
	return error ? error : st_alloc_object(ST_OBJECT_UNTYPED, POOL_BITS, &pool);
}

/* The partner thread: in the fuzzer's address space, running
 * fuzz_partner_main (this image is the fuzzer's too) on its own stack
 * there, with its own CNode and IPC buffer; its endpoint and reply object
 * come with each epoch. */
static long start_partner(const struct st_process *fuzzer)
{
	uint32_t thread, ipc_frame;
	long error;
	if ((error = st_alloc_object(ST_OBJECT_CNODE, FUZZ_PARTNER_CNODE_BITS, &partner_cnode)) ||
	    (error = st_alloc_object(ST_OBJECT_THREAD, 0, &thread)) ||
	    (error = st_alloc_object(ST_OBJECT_FRAME, 0, &ipc_frame)) ||
	    (error = st_map_frame(fuzzer->vspace, ipc_frame, FUZZ_PARTNER_IPC_BUFFER_ADDRESS,
				  ST_RIGHT_READ | ST_RIGHT_WRITE)) ||
	    (error = st_thread_configure(thread, partner_cnode, fuzzer->vspace, ipc_frame,
					 FUZZ_PARTNER_IPC_BUFFER_ADDRESS, 0)) ||
	    (error = st_thread_set_name(thread, "partner", 7)))
		return error;
	/* As if called (the stack 16-byte aligned before a return address);
	 * it never returns. */
	struct st_registers registers = {
		.rip = (uint64_t)fuzz_partner_main,
		.rsp = (uint64_t)(fuzz_partner_stack + sizeof fuzz_partner_stack) - 8,
	};
	if ((error = st_thread_write_registers(thread, &registers)) ||
	    (error = st_thread_set_priority(thread, ST_ROOT_THREAD, PRIORITY)))
		return error;
	return st_thread_resume(thread);
}

static long start(struct st_process *fuzzer, struct st_process *bystander)
{
	long error;
	if ((error = make_shared_page()))
		return error;
	shared->seed = option("fuzz_seed", DEFAULT_SEED);
	shared->trace_from = option("fuzz_trace", FUZZ_NO_TRACE);
	const void *image = st_map_module(bootinfo, 0); /* this program again */
	if (!image)
		return ST_ERROR_NOT_MAPPED;
	if ((error = make_process(image, "fuzzer", fuzzer)) || (error = equip_fuzzer(fuzzer)) ||
	    (error = start_partner(fuzzer)) || (error = make_process(image, "bystander", bystander)))
		return error;
	if ((error = st_thread_set_priority(ST_ROOT_THREAD, ST_ROOT_THREAD, PRIORITY)) ||
	    (error = st_process_start(bystander, FUZZ_ROLE_BYSTANDER, PRIORITY)))
		return error;
	return st_process_start(fuzzer, FUZZ_ROLE_FUZZER, PRIORITY);
}

static unsigned thread_state(uint32_t thread, unsigned *vector, uint64_t *address)
{
	unsigned state = ~0u;
	long error = st_thread_state(thread, &state, vector, address);
	if (error)
		failed("thread_state: %s", st_error_name(error));
	return state;
}

static bool blocked(unsigned state)
{
	return state >= ST_THREAD_BLOCKED_SEND && state <= ST_THREAD_SLEEPING;
}

/* The fuzzer's blocked call: how long it has been seen blocked. */
struct blocked_call {
	uint64_t index, since;
	unsigned looks;
};
static uint64_t rescues, late_calls;

/* The fuzzer blocked in a call. One with a short timeout of its own
 * (a receive's, a sleep) is left for the nucleus to end, which it must do
 * in time; any other may wait for a partner that never comes: after one
 * round of the others (the partner thread may answer it), ended here by
 * suspending and resuming the fuzzer (the call returns ST_ERROR_ABORTED). */
static void unblock_if_stuck(const struct st_process *fuzzer, struct blocked_call *seen)
{
	uint64_t index = shared->calls, limit_ns = shared->block_limit_ns;
	unsigned state = thread_state(fuzzer->thread, NULL, NULL);
	if (!blocked(state) || shared->calls != index)
		return; /* it ran in between: look again next time */
	uint64_t now = tsc_now();
	if (seen->index != index + 1) { /* + 1: 0 is "none seen" */
		seen->index = index + 1;
		seen->since = now;
		seen->looks = 0;
	}
	if (++seen->looks < 2 && !limit_ns)
		return;
	if (limit_ns) {
		uint64_t allowed = limit_ns / 1000000 + LATE_MS; /* in ms */
		if (now - seen->since < allowed * (bootinfo->tsc_hz / 1000))
			return;
		late_calls++;
		failed("call #%lu still blocked (state %u) %lu ms after its %lu ns timeout", index, state, allowed,
		       limit_ns);
		print_recent();
	}
	long error = st_thread_suspend(fuzzer->thread);
	if (!error)
		error = st_thread_resume(fuzzer->thread);
	if (error)
		failed("cannot unblock the fuzzer: %s", st_error_name(error));
	rescues++;
}

/* Until the fuzzer is done: both still running (or the fuzzer blocked in
 * a call), the fuzzer's objects renewed whenever it asks. */
static bool wait_for_fuzzer(const struct st_process *fuzzer, const struct st_process *bystander)
{
	uint64_t deadline = tsc_now() + FUZZ_TIMEOUT_S * bootinfo->tsc_hz;
	struct blocked_call seen = { 0, 0, 0 };
	for (;;) {
		unsigned vector = 0;
		uint64_t address = 0;
		unsigned state = thread_state(fuzzer->thread, &vector, &address);
		if (shared->fuzzer_done) /* read after the state: it may have exited since */
			return true;
		if (blocked(state)) {
			unblock_if_stuck(fuzzer, &seen);
		} else if (state != ST_THREAD_RUNNABLE) {
			failed("fuzzer stopped in state %u (vector %u, address %#lx) after %lu calls", state,
			       vector, address, shared->calls);
			print_recent();
			return false;
		}
		if (shared->refill_request != shared->refilled) {
			long error = refill(fuzzer, shared->refill_request);
			if (error) {
				failed("cannot refill the fuzzer: %s", st_error_name(error));
				return false;
			}
			shared->refilled = shared->refill_request; /* the fuzzer goes on */
		}
		state = thread_state(bystander->thread, &vector, &address);
		if (state != ST_THREAD_RUNNABLE) {
			failed("bystander stopped in state %u (vector %u, address %#lx)", state, vector, address);
			return false;
		}
		if (tsc_now() > deadline) {
			failed("timed out after %u s, %lu calls made", FUZZ_TIMEOUT_S, shared->calls);
			print_recent();
			return false;
		}
		st_yield();
	}
}

/* Until the thread leaves the run queue; its final state. */
static unsigned wait_until_stopped(uint32_t thread, const char *name)
{
	uint64_t deadline = tsc_now() + STOP_TIMEOUT_S * bootinfo->tsc_hz;
	unsigned state, vector = 0;
	uint64_t address = 0;
	while ((state = thread_state(thread, &vector, &address)) == ST_THREAD_RUNNABLE && tsc_now() < deadline)
		st_yield();
	if (state != ST_THREAD_EXITED)
		failed("%s ended in state %u (vector %u, address %#lx), not exited", name, state, vector, address);
	return state;
}

static void check_results(void)
{
	uint64_t total = 0;
	for (unsigned e = 0; e < ST_ERROR_COUNT; e++)
		total += shared->results[e];
	if (shared->calls != FUZZ_CALLS || total != FUZZ_CALLS)
		failed("%lu calls made, %lu counted, expected %u", shared->calls, total, FUZZ_CALLS);
	if (shared->bad_results)
		failed("%lu calls returned no error code", shared->bad_results);
	if (shared->clobbered)
		failed("%lu calls changed a register they must preserve", shared->clobbered);
	if (shared->results_not_cleared)
		failed("%lu failed or result-less calls left rdx/r8 non-zero", shared->results_not_cleared);
	if (shared->bad_messages)
		failed("%lu received messages had an impossible badge, info or words", shared->bad_messages);
	if (shared->words_not_cleared)
		failed("%lu received messages left register words beyond their length non-zero",
		       shared->words_not_cleared);
	if (!shared->rounds || shared->rounds_at_end <= shared->rounds_at_start)
		failed("the bystander made no progress while the fuzzer ran (rounds %lu, %lu -> %lu)", shared->rounds,
		       shared->rounds_at_start, shared->rounds_at_end);
	if (shared->mismatches)
		failed("the bystander's memory changed: %lu words wrong, first in round %lu", shared->mismatches,
		       shared->first_mismatch_round);
}

static volatile uint64_t check_flag;
static uint32_t check_notification;
static uint8_t check_stack[4096] __attribute__((aligned(16)));

static void set_check_flag(uint64_t value)
{
	check_flag = value;
	st_signal(check_notification);
}

/* A call, a signal, a timeout and a sleep still end as they should. */
static void check_ipc_works(uint32_t thread)
{
	struct st_message message = { 0 };
	long error = st_recv_timeout(check_notification, 0, 1000000000, &message);
	if (error || message.badge != 1)
		failed("waiting for the check thread's signal: %s, bits %#lx", st_error_name(error), message.badge);
	wait_until_stopped(thread, "the check thread");
	error = st_recv_timeout(check_notification, 0, 1, &message);
	if (error != ST_ERROR_TIMED_OUT)
		failed("a wait with nothing to wait for ended with %s, not timed out", st_error_name(error));
	if ((error = st_sleep(1)))
		failed("sleep: %s", st_error_name(error));
}

/* Retype, map, write, read, run a thread and take its signal, as at the
 * start. */
static void check_nucleus_works(void)
{
	uint32_t frame, thread;
	long error = st_alloc_object(ST_OBJECT_FRAME, 0, &frame);
	if (!error)
		error = st_map_frame(ST_ROOT_VSPACE, frame, CHECK_ADDRESS, ST_RIGHT_READ | ST_RIGHT_WRITE);
	if (!error)
		error = st_alloc_object(ST_OBJECT_NOTIFICATION, 0, &check_notification);
	if (error) {
		failed("cannot make and map a frame and a notification: %s", st_error_name(error));
		return;
	}
	volatile uint64_t *words = (volatile uint64_t *)CHECK_ADDRESS;
	for (unsigned i = 0; i < 512; i++)
		words[i] = i * 0x0101010101010101ull;
	for (unsigned i = 0; i < 512; i++) {
		if (words[i] != i * 0x0101010101010101ull) {
			failed("a new frame does not keep what is written: word %u", i);
			break;
		}
	}
	error = st_thread_spawn(set_check_flag, 0x5a, check_stack + sizeof check_stack, PRIORITY, "check", &thread);
	if (error) {
		failed("cannot start a thread: %s", st_error_name(error));
		return;
	}
	check_ipc_works(thread);
	if (check_flag != 0x5a)
		failed("the check thread did not run (flag %#lx)", check_flag);
}

static void revoke_all_untyped(void)
{
	for (uint32_t i = 0; i < bootinfo->untyped_count; i++) {
		long error = st_cap_revoke(bootinfo->untyped[i].slot);
		if (error)
			failed("revoke untyped slot %u: %s", bootinfo->untyped[i].slot, st_error_name(error));
	}
}

static int driver_main(void)
{
	st_alloc_init(bootinfo);
	struct st_process fuzzer, bystander;
	long error = start(&fuzzer, &bystander);
	if (error) {
		st_printf("FUZZ FAIL cannot start the fuzzer and the bystander: %s\n", st_error_name(error));
		return 1;
	}
	bool done = wait_for_fuzzer(&fuzzer, &bystander);
	st_printf("FUZZ driver: %lu blocked calls ended by suspend and resume, %lu timeouts late\n", rescues,
		  late_calls);
	if (done) {
		wait_until_stopped(fuzzer.thread, "the fuzzer");
		/* While the bystander still runs: the nucleus stops the test
		 * as finished when no thread is runnable, even with one waiting
		 * for a timeout (kernel/main.c, idle_forever). */
		check_nucleus_works();
		shared->stop = 1;
		wait_until_stopped(bystander.thread, "the bystander");
		check_results();
	}
	/* The shared page goes with the untyped memory: read it first. */
	uint64_t calls = shared->calls, rounds = shared->rounds;
	revoke_all_untyped();
	if (failures)
		st_printf("FUZZ FAIL %s (%u failed checks; seed %lu)\n", first_failure, failures,
			  option("fuzz_seed", DEFAULT_SEED));
	else
		st_printf("FUZZ PASS calls=%lu rounds=%lu\n", calls, rounds);
	return failures != 0;
}

int main(uint64_t argument)
{
	if (argument == FUZZ_ROLE_FUZZER)
		return fuzzer_main();
	if (argument == FUZZ_ROLE_BYSTANDER)
		return bystander_main();
	bootinfo = (const struct st_bootinfo *)argument;
	if (bootinfo->magic != ST_BOOTINFO_MAGIC)
		return 1;
	st_printf("FUZZ driver: seed %lu\n", option("fuzz_seed", DEFAULT_SEED));
	return driver_main();
}

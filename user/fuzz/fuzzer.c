/*
 * The fuzzer: FUZZ_CALLS system calls with random numbers and arguments,
 * the same for the same seed. It holds no capability to its own CNode,
 * thread or address space, so whatever the calls do to the objects it was
 * given (or makes), it keeps running; each result must be an st_error and
 * every register the convention preserves must come back unchanged.
 *
 * Arguments mostly fit the call (a frame where it takes a frame, ...) so
 * that calls get past their first check, and the driver hands out a fresh
 * set of objects every FUZZ_EPOCH calls. One of them is a thread that
 * really runs: started at a "syscall; ud2" with random registers, it makes
 * calls of its own in its own capability space, which holds its own
 * capability (so it may suspend, reconfigure or destroy itself).
 */
#include "user/fuzz/fuzz.h"

#include "lib/fmt.h"
#include "lib/string.h"
#include "user/lib/process.h"

/* The lowest page of its stack: far below anything in use, so a register
 * dump written there harms nothing. */
#define STACK_BOTTOM (ST_PROCESS_STACK_TOP - ST_PROCESS_STACK_PAGES * 4096)
#define REPORTS_MAX 5 /* anomalies printed in full, per kind */
/* Register sets in the scribble area, 128 bytes apart (each is 144). */
#define REGISTER_SETS 7

/* xorshift64* */
static uint64_t rng_next(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

static uint64_t below(uint64_t *rng, uint64_t n)
{
	return (rng_next(rng) >> 16) % n;
}

void fuzz_print_call(const volatile struct fuzz_call *c)
{
	st_printf("FUZZ call #%lu: %lu(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx) -> %lu\n", c->index, c->number, c->args[0],
		  c->args[1], c->args[2], c->args[3], c->args[4], c->args[5], c->result);
}

static uint64_t slot_ref(uint64_t *rng)
{
	/* Mostly the root CNode's first slots, where the objects are. */
	uint64_t index = below(rng, 4) ? below(rng, FUZZ_SLOT_COUNT + 8) : below(rng, 71);
	uint64_t cnode = 0;
	if (below(rng, 4) == 0)
		cnode = below(rng, 2) ? FUZZ_SLOT_CNODE : below(rng, 71);
	return ST_SLOT(cnode, index);
}

/* Mostly the slot where the driver put an object of the kind the
 * argument wants (signature letters below), else any slot. */
static uint64_t typed_slot_ref(uint64_t *rng, char kind)
{
	if (below(rng, 4) == 0)
		return slot_ref(rng);
	switch (kind) {
	case 'u':
		return FUZZ_SLOT_UNTYPED;
	case 'f':
		return below(rng, 4) ? FUZZ_SLOT_FRAME + below(rng, FUZZ_FRAMES) : FUZZ_SLOT_LARGE_FRAME;
	case 'p':
		return FUZZ_SLOT_PAGE_TABLE + below(rng, FUZZ_PAGE_TABLES);
	case 'c':
		return FUZZ_SLOT_CNODE;
	case 'h':
		return FUZZ_SLOT_THREAD;
	case 'v':
		return FUZZ_SLOT_VSPACE;
	default: /* 'd', a destination: likely empty */
		return below(rng, 2) ? FUZZ_SLOT_COUNT + below(rng, 8)
				     : ST_SLOT(FUZZ_SLOT_CNODE, below(rng, 1u << FUZZ_GIVEN_CNODE_BITS));
	}
}

static uint64_t user_address(uint64_t *rng)
{
	const uint64_t own[] = { FUZZ_SHARED_ADDRESS, (uint64_t)fuzzer_main & ~4095ull, STACK_BOTTOM };
	switch (below(rng, 8)) {
	case 0:
	case 1:
		return FUZZ_SCRATCH_ADDRESS + below(rng, 32) * 4096;
	case 2:
		return FUZZ_SCRATCH_ADDRESS + below(rng, 4) * (2ull << 20) + below(rng, 2) * (1ull << 30);
	case 3: /* the window: its entry for one of our pages, or any page of it */
		return below(rng, 2) ? ST_UVPT_BASE + (own[below(rng, 3)] >> 12) * 8
				     : ST_UVPT_BASE + below(rng, 1ull << 27) * 4096;
	case 4: /* the register sets in the shared page */
		return FUZZ_SHARED_ADDRESS + below(rng, REGISTER_SETS) * 128;
	case 5:
		return own[1 + below(rng, 2)];
	case 6:
		return ST_USER_ADDRESS_LIMIT - 4096 * (1 + below(rng, 2)) - below(rng, 2) * 8;
	default:
		return below(rng, 16) * 4096;
	}
}

/* Any of the kinds of value below, or a random word. */
static uint64_t any_value(uint64_t *rng)
{
	switch (below(rng, 12)) {
	case 0:
	case 1:
		return below(rng, 71);
	case 2:
	case 3:
		return slot_ref(rng);
	case 4:
		return below(rng, ST_OBJECT_TYPE_COUNT + 2);
	case 5:
		return below(rng, 31);
	case 6:
		return below(rng, 0x200);
	case 7:
		return user_address(rng);
	case 8:
		return below(rng, 2) ? 0xffff800000000000ull : 0xffffffff80000000ull;
	case 9: {
		const uint64_t non_canonical[] = { ST_USER_ADDRESS_LIMIT, 0x8000000000000000ull, 0x0000ffffffffffffull,
						   0x00ff000000000000ull };
		return non_canonical[below(rng, 4)];
	}
	case 10:
		return ~0ull;
	default:
		return rng_next(rng);
	}
}

/* What each call takes (include/strata/syscalls.h), one letter an
 * argument: s any slot; u untyped, f frame, p page table, c CNode,
 * h thread, v address space, d an empty slot; t object type, b size bits,
 * r rights, a user address, m a mapping address, g registers to write,
 * n small number, w anything. */
static const char *const signatures[ST_SYSCALL_COUNT] = {
	[ST_SYS_CAP_IDENTIFY] = "s",       [ST_SYS_CAP_COPY] = "sdr",
	[ST_SYS_CAP_MINT] = "sdrn",        [ST_SYS_CAP_MOVE] = "sd",
	[ST_SYS_CAP_DELETE] = "s",         [ST_SYS_CAP_REVOKE] = "s",
	[ST_SYS_UNTYPED_RETYPE] = "utbdn", [ST_SYS_FRAME_MAP] = "fvmr",
	[ST_SYS_FRAME_UNMAP] = "f",        [ST_SYS_FRAME_PROTECT] = "fr",
	[ST_SYS_PAGE_TABLE_MAP] = "pva",   [ST_SYS_PAGE_TABLE_UNMAP] = "p",
	[ST_SYS_THREAD_CONFIGURE] = "hcvfan", [ST_SYS_THREAD_WRITE_REGISTERS] = "hg",
	[ST_SYS_THREAD_READ_REGISTERS] = "ha", [ST_SYS_THREAD_RESUME] = "h",
	[ST_SYS_THREAD_SUSPEND] = "h",     [ST_SYS_THREAD_SET_PRIORITY] = "hhn",
	[ST_SYS_THREAD_SET_MCP] = "hhn",   [ST_SYS_THREAD_SET_TIME_SLICE] = "hw",
	[ST_SYS_THREAD_STATE] = "h",       [ST_SYS_THREAD_SET_NAME] = "han",
};

/* Mostly what the call expects, so that calls get past their first
 * check; sometimes anything. */
static uint64_t argument(uint64_t *rng, uint64_t number, unsigned position)
{
	const char *signature = number < ST_SYSCALL_COUNT ? signatures[number] : NULL;
	char kind = signature && position < strlen(signature) && below(rng, 8) ? signature[position] : 'w';
	switch (kind) {
	case 's':
		return slot_ref(rng);
	case 'u':
	case 'f':
	case 'p':
	case 'c':
	case 'h':
	case 'v':
	case 'd':
		return typed_slot_ref(rng, kind);
	case 't':
		return below(rng, ST_OBJECT_TYPE_COUNT + 2);
	case 'b':
		return below(rng, 31);
	case 'r': /* mostly readable (as mappings must be), sometimes W+X */
		return below(rng, 3) ? ST_RIGHT_READ | below(rng, 16) | (below(rng, 4) ? 0 : ST_MAP_ALLOW_WRITE_EXECUTE)
				     : below(rng, 0x200);
	case 'm': /* where the given address space has page tables (or room for a large frame) */
		if (below(rng, 4) == 0)
			return user_address(rng);
		return FUZZ_SCRATCH_ADDRESS + (below(rng, 4) ? below(rng, 16) * 4096 : below(rng, 4) << 21);
	case 'g': /* mostly one of the register sets fill_scribble() made */
		return below(rng, 4) ? FUZZ_SHARED_ADDRESS + below(rng, REGISTER_SETS) * 128 : user_address(rng);
	case 'a':
		return user_address(rng);
	case 'n':
		return below(rng, 4) ? below(rng, 8) : below(rng, 300);
	default:
		return any_value(rng);
	}
}

/* Calls that take things away: drawn half as often as the others, so
 * that the objects of an epoch live long enough to be used. */
static int destructive(uint64_t number)
{
	return number == ST_SYS_CAP_MOVE || number == ST_SYS_CAP_DELETE || number == ST_SYS_CAP_REVOKE ||
	       number == ST_SYS_FRAME_UNMAP || number == ST_SYS_PAGE_TABLE_UNMAP;
}

static void make_call(uint64_t *rng, uint64_t index, struct fuzz_call *c)
{
	c->index = index;
	do {
		c->number = below(rng, 64) ? below(rng, ST_SYSCALL_COUNT + 4) : rng_next(rng);
		/* More often: setting the given thread going, to run its call. */
		if (below(rng, 8) == 0)
			c->number = below(rng, 2) ? ST_SYS_THREAD_WRITE_REGISTERS : ST_SYS_THREAD_RESUME;
		/* Never debug_write (random bytes on the console) nor
		 * thread_exit (the fuzzer would end itself). */
	} while (c->number == ST_SYS_DEBUG_WRITE || c->number == ST_SYS_THREAD_EXIT ||
		 (destructive(c->number) && below(rng, 2)));
	for (unsigned i = 0; i < 6; i++)
		c->args[i] = argument(rng, c->number, i);
	c->result = ~0ull;
}

/* What a call left in the registers: rax, the results, and whether every
 * register the convention preserves still holds what it held. */
struct outcome {
	uint64_t rax, rdx, r8;
	int preserved;
};

static struct outcome raw_call(const struct fuzz_call *c, uint64_t canary)
{
	register uint64_t r10 __asm__("r10") = c->args[3];
	register uint64_t r8 __asm__("r8") = c->args[4];
	register uint64_t r9 __asm__("r9") = c->args[5];
	register uint64_t r12 __asm__("r12") = canary ^ 12;
	register uint64_t r13 __asm__("r13") = canary ^ 13;
	register uint64_t r14 __asm__("r14") = canary ^ 14;
	register uint64_t r15 __asm__("r15") = canary ^ 15;
	uint64_t rax = c->number, rbx = canary ^ 3, rdi = c->args[0], rsi = c->args[1], rdx = c->args[2];
	uint64_t xmm_before = ~canary, xmm_after;
	/* Every register is an operand, so the compiler keeps nothing of its
	 * own in one across the call (except rbp and rsp, which it needs);
	 * an SSE register too. */
	__asm__ volatile("movq %[xmm_before], %%xmm7\n\tsyscall\n\tmovq %%xmm7, %[xmm_after]"
			 : "+a"(rax), "+b"(rbx), "+D"(rdi), "+S"(rsi), "+d"(rdx), "+r"(r8), "+r"(r9), "+r"(r10),
			   "+r"(r12), "+r"(r13), "+r"(r14), "+r"(r15), [xmm_after] "=m"(xmm_after)
			 : [xmm_before] "m"(xmm_before)
			 : "rcx", "r11", "xmm7", "memory");
	int preserved = rbx == (canary ^ 3) && rdi == c->args[0] && rsi == c->args[1] && r9 == c->args[5] &&
			r10 == c->args[3] && r12 == (canary ^ 12) && r13 == (canary ^ 13) && r14 == (canary ^ 14) &&
			r15 == (canary ^ 15) && xmm_after == xmm_before;
	return (struct outcome){ rax, rdx, r8, preserved };
}

/* Register sets for write_registers to read, at each place user_address()
 * offers in the scribble area: the given thread (which runs) mostly starts
 * at the "syscall; ud2" in its code frame, so it makes one call with
 * these registers as the number and arguments, then stops. */
static void fill_scribble(uint64_t *rng)
{
	volatile uint64_t *words = (volatile uint64_t *)fuzz_shared()->scribble;
	for (unsigned i = 0; i < sizeof fuzz_shared()->scribble / 8; i++)
		words[i] = below(rng, 4) ? rng_next(rng) : user_address(rng);
	for (unsigned set = 0; set < REGISTER_SETS; set++) {
		struct st_registers r;
		uint64_t near = FUZZ_SCRATCH_ADDRESS + below(rng, 4) * 4096 + below(rng, 4096);
		uint64_t *word = (uint64_t *)&r;
		for (unsigned i = 0; i < sizeof r / 8; i++)
			word[i] = any_value(rng);
		r.rip = below(rng, 2) ? FUZZ_SCRATCH_ADDRESS : below(rng, 2) ? near : rng_next(rng) >> 17;
		r.rsp = near;
		r.rflags = rng_next(rng);
		r.rax = below(rng, 2) ? below(rng, ST_SYSCALL_COUNT) : r.rax;
		if (r.rax == ST_SYS_DEBUG_WRITE)
			r.rax = ST_SYS_YIELD; /* no random bytes on the console */
		for (unsigned i = 0; i < sizeof r / 8; i++)
			words[set * 128 / 8 + i] = word[i];
	}
}

static void report(unsigned *reported, const char *what, const struct fuzz_call *c, const struct outcome *o)
{
	if (++*reported > REPORTS_MAX)
		return;
	st_printf("FUZZ anomaly: %s (rax %#lx rdx %#lx r8 %#lx)\n", what, o->rax, o->rdx, o->r8);
	fuzz_print_call(c);
}

/* Which calls got through, to see how deep the arguments reach. */
static uint32_t successes[ST_SYSCALL_COUNT];

static void check(const struct fuzz_call *c, const struct outcome *o)
{
	static unsigned bad_reported, clobber_reported, uncleared_reported;
	volatile struct fuzz_shared *shared = fuzz_shared();
	if (o->rax < ST_ERROR_COUNT) {
		shared->results[o->rax]++;
		if (o->rax == ST_OK && c->number < ST_SYSCALL_COUNT)
			successes[c->number]++;
	} else {
		shared->bad_results++;
		report(&bad_reported, "not an error code", c, o);
	}
	if (!o->preserved) {
		shared->clobbered++;
		report(&clobber_reported, "a preserved register changed", c, o);
	}
	/* docs/syscalls.md: every call writes rdx and r8, 0 when it failed. */
	if (o->rax != ST_OK && (o->rdx || o->r8)) {
		shared->results_not_cleared++;
		report(&uncleared_reported, "failed, yet rdx/r8 not zeroed", c, o);
	}
}

/* After a thread was resumed: lets it run until it stops (the given
 * thread makes one call, then faults), so that what it does happens at
 * the same point of every run with this seed, whatever the timer does.
 * One at priority 0 never runs: give up after a few turns. */
static void let_it_run(uint64_t thread)
{
	unsigned state;
	for (int turn = 0; turn < 16; turn++) {
		if (st_thread_state(thread, &state, NULL, NULL) != ST_OK || state != ST_THREAD_RUNNABLE)
			return;
		st_yield();
	}
}

/* Waits for the driver to replace whatever is left of the last set. */
static void new_epoch(uint64_t epoch)
{
	volatile struct fuzz_shared *shared = fuzz_shared();
	shared->refill_request = epoch;
	while (shared->refilled != epoch)
		st_yield();
}

int fuzzer_main(void)
{
	volatile struct fuzz_shared *shared = fuzz_shared();
	uint64_t rng = shared->seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull; /* never 0 from small seeds */
	if (!rng)
		rng = 1;
	st_printf("FUZZ fuzzer: seed %lu, %u calls\n", shared->seed, FUZZ_CALLS);
	shared->rounds_at_start = shared->rounds;
	for (uint64_t i = 0; i < FUZZ_CALLS; i++) {
		if (i % FUZZ_EPOCH == 0) {
			new_epoch(i / FUZZ_EPOCH + 1); /* from 1: 0 is "none asked" */
			fill_scribble(&rng);
		}
		struct fuzz_call c;
		make_call(&rng, i, &c);
		if (i >= shared->trace_from)
			fuzz_print_call(&c);
		shared->recent[i % FUZZ_RECENT] = c;
		struct outcome o = raw_call(&c, rng_next(&rng));
		c.result = o.rax;
		shared->recent[i % FUZZ_RECENT].result = o.rax;
		shared->calls = i + 1;
		check(&c, &o);
		if (c.number == ST_SYS_THREAD_RESUME && o.rax == ST_OK)
			let_it_run(c.args[0]);
		if ((i + 1) % FUZZ_PROGRESS_EVERY == 0)
			st_printf("FUZZ fuzzer: %lu calls\n", i + 1);
	}
	shared->rounds_at_end = shared->rounds;
	/* Lines written at once, however the output interleaves. */
	char line[512];
	size_t length = 0;
	for (unsigned n = ST_SYS_YIELD; n < ST_SYSCALL_COUNT; n++)
		length += (size_t)fmt_snprintf(line + length, sizeof line - length, " %u:%u", n, successes[n]);
	st_printf("FUZZ fuzzer successes by call number:%s\n", line);
	length = 0;
	for (unsigned e = 0; e < ST_ERROR_COUNT; e++)
		length += (size_t)fmt_snprintf(line + length, sizeof line - length, " %s %lu,", st_error_name(e),
					       shared->results[e]);
	st_printf("FUZZ fuzzer done: %lu calls,%s bad %lu, clobbered %lu, not cleared %lu\n", shared->calls, line,
		  shared->bad_results, shared->clobbered, shared->results_not_cleared);
	shared->fuzzer_done = 1;
	return 0;
}

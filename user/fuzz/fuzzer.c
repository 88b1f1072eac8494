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
 *
 * IPC calls (ST_SYS_SEND .. ST_SYS_REPLY_RECV) have their own register
 * convention (include/strata/syscalls.h): a receive that succeeds writes
 * the badge, info and words 0-3 over rdi, rsi, r10, r8, r9, r12; nothing
 * else changes, and a failed one changes nothing but rax. What they may
 * block on: receives and sleeps mostly get a short timeout; the driver ends
 * any other blocked call (suspend and resume: ST_ERROR_ABORTED), and fails
 * the run if a timeout does not end one in time.
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
	st_printf("FUZZ call #%lu: %lu(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx; r12 %#lx, r13 %#lx) -> %lu\n", c->index,
		  c->number, c->args[0], c->args[1], c->args[2], c->args[3], c->args[4], c->args[5], c->args[6],
		  c->args[7], c->result);
}

static int is_ipc(uint64_t number)
{
	return number >= ST_SYS_SEND && number <= ST_SYS_REPLY_RECV;
}

/* IPC calls that deliver a message into the caller's registers. */
static int receives(uint64_t number)
{
	return number == ST_SYS_CALL || number == ST_SYS_RECV || number == ST_SYS_NB_RECV ||
	       number == ST_SYS_REPLY_RECV;
}

/* Calls that may wait for another thread or the timer. */
static int may_block(uint64_t number)
{
	return number == ST_SYS_SEND || number == ST_SYS_CALL || number == ST_SYS_RECV ||
	       number == ST_SYS_REPLY_RECV || number == ST_SYS_SLEEP;
}

/* General-convention calls that return something in rdx or r8. */
static int has_results(uint64_t number)
{
	return number == ST_SYS_CAP_IDENTIFY || number == ST_SYS_PAGE_TABLE_MAP || number == ST_SYS_THREAD_STATE ||
	       number == ST_SYS_IRQ_CONTROL_GET_MSI || number == ST_SYS_IO_PORT_IN;
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
	case 'e': /* an endpoint, now and then a notification (the wrong type for a call) */
		if (below(rng, 8) == 0)
			return typed_slot_ref(rng, 'N');
		if (below(rng, 8) == 0) /* the given thread's copies */
			return ST_SLOT(FUZZ_SLOT_CNODE, below(rng, 2) ? FUZZ_GIVEN_ENDPOINT : FUZZ_GIVEN_SERVED_ENDPOINT);
		return FUZZ_SLOT_ENDPOINT + below(rng, FUZZ_ENDPOINTS);
	case 'o': /* what send and receive take: an endpoint or a notification */
		return typed_slot_ref(rng, below(rng, 3) ? 'e' : 'N');
	case 'N':
		return below(rng, 8) ? FUZZ_SLOT_NOTIFICATION + below(rng, 2)
				     : ST_SLOT(FUZZ_SLOT_CNODE, FUZZ_GIVEN_NOTIFICATION);
	case 'R':
		return below(rng, 8) ? FUZZ_SLOT_REPLY + below(rng, 2) : ST_SLOT(FUZZ_SLOT_CNODE, FUZZ_GIVEN_REPLY);
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
 * h thread, v address space, e endpoint, N notification, o either of
 * those two, R reply object, d an empty slot; t object type, b size bits,
 * r rights, a user address, m a mapping address, g registers to write,
 * n small number, i message info, x receive timeout, z sleep, q I/O port,
 * k port width, w anything. The letters stand for rdi, rsi, rdx, r10, r8,
 * r9, r12 and r13 in turn (an IPC message's words are r10, r8, r9, r12);
 * the nucleus ignores what a call does not take, and must keep it. */
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
	[ST_SYS_SEND] = "oiwwwwww",        [ST_SYS_NB_SEND] = "oiwwwwww",
	[ST_SYS_CALL] = "eiwwwwww",        [ST_SYS_RECV] = "oiRwwwwx",
	[ST_SYS_NB_RECV] = "oiRwwwwx",     [ST_SYS_REPLY] = "Riwwwwww",
	[ST_SYS_REPLY_RECV] = "eiRwwwwx",  [ST_SYS_THREAD_BIND_NOTIFICATION] = "hN",
	[ST_SYS_SLEEP] = "z",              [ST_SYS_IRQ_CONTROL_GET] = "snnd",
	[ST_SYS_IRQ_CONTROL_GET_MSI] = "sd", [ST_SYS_IRQ_HANDLER_SET_NOTIFICATION] = "sN",
	[ST_SYS_IRQ_HANDLER_ACK] = "s",    [ST_SYS_IO_PORT_CONTROL_GET] = "sqqd",
	[ST_SYS_IO_PORT_IN] = "sqk",       [ST_SYS_IO_PORT_OUT] = "sqkw",
};

/* A message's info: mostly a few register words, sometimes long ones,
 * capabilities, a fault reply's label, flags the nucleus sets itself. */
static uint64_t message_info(uint64_t *rng)
{
	if (below(rng, 16) == 0)
		return any_value(rng);
	uint64_t words = below(rng, 4)   ? below(rng, ST_MSG_REGISTER_WORDS + 1)
			 : below(rng, 4) ? below(rng, ST_MSG_MAX_WORDS + 1)
					 : ST_MSG_MAX_WORDS + 1 + below(rng, 127);
	uint64_t caps = below(rng, 2) ? 0 : below(rng, ST_MSG_MAX_CAPS + 2);
	uint64_t label = below(rng, 4) ? below(rng, 3) : rng_next(rng) >> 16; /* 1: ST_FAULT_REPLY_STOP */
	uint64_t flags = below(rng, 8) ? 0 : below(rng, 4) << 12;
	return ST_MSG_INFO(label, words, caps) | flags;
}

/* A receive's timeout: mostly within a tick, sometimes none (the driver
 * ends the call) or anything. */
static uint64_t receive_timeout(uint64_t *rng)
{
	switch (below(rng, 16)) {
	case 0:
		return 0;
	case 1:
		return any_value(rng);
	default:
		return 1 + below(rng, FUZZ_SHORT_WAIT_NS);
	}
}

static uint64_t sleep_time(uint64_t *rng)
{
	switch (below(rng, 8)) {
	case 0:
	case 1:
		return 0;
	case 2:
		return any_value(rng);
	default:
		return 1 + below(rng, FUZZ_SHORT_WAIT_NS);
	}
}

/* Mostly what the call expects, so that calls get past their first
 * check; sometimes anything. */
static uint64_t argument(uint64_t *rng, uint64_t number, unsigned position)
{
	const char *signature = number < ST_SYSCALL_COUNT ? signatures[number] : NULL;
	char kind = signature && position < strlen(signature) && below(rng, 8) ? signature[position] : 'w';
	switch (kind) {
	case 'R': /* 0: no reply object */
	case 'N': /* 0: unbind */
		return below(rng, 4) ? typed_slot_ref(rng, kind) : 0;
	case 's':
		return slot_ref(rng);
	case 'e':
	case 'o':
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
	case 'i':
		return message_info(rng);
	case 'x':
		return receive_timeout(rng);
	case 'z':
		return sleep_time(rng);
	case 'q': {
		const uint16_t ports[] = { 0x20, 0x60, 0x64, 0x70, 0x3f8, 0xcf8, 0xcfc, 0xf4 };
		return below(rng, 2) ? ports[below(rng, 8)] : below(rng, 4) ? below(rng, 0x10000) : rng_next(rng);
	}
	case 'k':
		return below(rng, 4) ? 1u << below(rng, 3) : below(rng, 9);
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
		 * thread_exit (the fuzzer would end itself). Calls that may
		 * wait a tick (or for the driver) are drawn a quarter as often:
		 * they cost time, not coverage. */
	} while (c->number == ST_SYS_DEBUG_WRITE || c->number == ST_SYS_THREAD_EXIT ||
		 (destructive(c->number) && below(rng, 2)) || (may_block(c->number) && below(rng, 4)));
	for (unsigned i = 0; i < 8; i++)
		c->args[i] = argument(rng, c->number, i);
	c->result = ~0ull;
}

/* How long the call may block by a timeout of its own: 0 when nothing
 * but another thread (or the driver) would end it. */
static uint64_t block_limit_ns(const struct fuzz_call *c)
{
	uint64_t limit = 0;
	if (c->number == ST_SYS_RECV || c->number == ST_SYS_REPLY_RECV)
		limit = c->args[7];
	else if (c->number == ST_SYS_SLEEP)
		limit = c->args[0];
	return limit <= FUZZ_SHORT_WAIT_NS ? limit : 0;
}

/* Every register after the call (rcx and r11 excepted: the instruction
 * clobbers them), and the SSE register that held ~canary. */
struct outcome {
	uint64_t rax, rbx, rdi, rsi, rdx, r8, r9, r10, r12, r13, r14, r15, xmm;
};

static struct outcome raw_call(const struct fuzz_call *c, uint64_t canary)
{
	register uint64_t r10 __asm__("r10") = c->args[3];
	register uint64_t r8 __asm__("r8") = c->args[4];
	register uint64_t r9 __asm__("r9") = c->args[5];
	register uint64_t r12 __asm__("r12") = c->args[6];
	register uint64_t r13 __asm__("r13") = c->args[7];
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
	return (struct outcome){ rax, rbx, rdi, rsi, rdx, r8, r9, r10, r12, r13, r14, r15, xmm_after };
}

/* The fuzzer's IPC buffer: words for long messages, the capabilities a
 * message carries (mostly its objects) and where received ones go (mostly
 * an empty slot, sometimes none). */
static void fill_ipc_buffer(uint64_t *rng, int words_too)
{
	volatile struct st_ipc_buffer *buffer = (volatile struct st_ipc_buffer *)FUZZ_IPC_BUFFER_ADDRESS;
	for (unsigned i = ST_MSG_REGISTER_WORDS; words_too && i < ST_MSG_MAX_WORDS; i++)
		buffer->words[i] = any_value(rng);
	for (unsigned i = 0; i < ST_MSG_MAX_CAPS; i++) /* mostly one of its objects */
		buffer->caps[i] = below(rng, 4) ? FUZZ_SLOT_UNTYPED + below(rng, FUZZ_SLOT_COUNT - FUZZ_SLOT_UNTYPED)
						: slot_ref(rng);
	buffer->receive_slot = below(rng, 4) ? typed_slot_ref(rng, 'd') : 0;
}

/* Register sets for write_registers to read, at each place user_address()
 * offers in the scribble area: the given thread (which runs) mostly starts
 * at the "syscall; ud2" in its code frame, so it makes one call with
 * these registers as the number and arguments, then stops (or, with its
 * fault handler set, sends its fault and waits). */
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
		if (is_ipc(r.rax) && below(rng, 2)) {
			/* Its own endpoint, notification or reply object. */
			const uint64_t own[] = { FUZZ_GIVEN_ENDPOINT, FUZZ_GIVEN_SERVED_ENDPOINT,
						 FUZZ_GIVEN_NOTIFICATION, FUZZ_GIVEN_REPLY };
			r.rdi = own[below(rng, 4)];
			r.rdx = below(rng, 2) ? FUZZ_GIVEN_REPLY : 0;
			r.rsi = message_info(rng);
		}
		for (unsigned i = 0; i < sizeof r / 8; i++)
			words[set * 128 / 8 + i] = word[i];
	}
	fill_ipc_buffer(rng, 1);
}

static void report(unsigned *reported, const char *what, const struct fuzz_call *c, const struct outcome *o)
{
	if (++*reported > REPORTS_MAX)
		return;
	st_printf("FUZZ anomaly: %s (rax %#lx rdi %#lx rsi %#lx rdx %#lx r10 %#lx r8 %#lx r9 %#lx r12 %#lx)\n", what,
		  o->rax, o->rdi, o->rsi, o->rdx, o->r10, o->r8, o->r9, o->r12);
	fuzz_print_call(c);
}

/* How far the calls reach: made and succeeded, by number. */
static uint32_t made[ST_SYSCALL_COUNT], successes[ST_SYSCALL_COUNT];
/* What the receives got. */
static uint64_t messages, fault_messages, notification_signals, capabilities_received;

/* A message a receive (or a call's reply) delivered: info within bounds,
 * flags only the nucleus's, a fault's four words or a signal's bits, and
 * the register words beyond its length zero (ipc.md). */
static void check_message(const struct fuzz_call *c, const struct outcome *o)
{
	static unsigned bad_reported, words_reported;
	volatile struct fuzz_shared *shared = fuzz_shared();
	uint64_t info = o->rsi, label = ST_MSG_LABEL(info);
	unsigned words = (unsigned)ST_MSG_WORDS(info), caps = (unsigned)ST_MSG_CAPS(info);
	int fault = (info & ST_MSG_FAULT) != 0, signal = (info & ST_MSG_NOTIFICATION) != 0;
	int sane = words <= ST_MSG_MAX_WORDS && caps <= ST_MSG_MAX_CAPS && !(info & 0xc000) && !(fault && signal);
	if (fault) /* the given thread's CPU exception */
		sane = sane && words == ST_FAULT_WORDS && caps == 0 && label == 0 && o->r10 < 32 &&
		       o->r12 < ST_USER_ADDRESS_LIMIT;
	if (signal)
		sane = sane && words == 0 && caps == 0 && label == 0 && o->rdi != 0;
	if (c->number == ST_SYS_CALL) /* a reply: badge 0, never a fault or a signal */
		sane = sane && !fault && !signal && o->rdi == 0;
	if (!sane) {
		shared->bad_messages++;
		report(&bad_reported, "impossible message", c, o);
	}
	const uint64_t got[ST_MSG_REGISTER_WORDS] = { o->r10, o->r8, o->r9, o->r12 };
	for (unsigned i = words; i < ST_MSG_REGISTER_WORDS; i++) {
		if (got[i]) {
			shared->words_not_cleared++;
			report(&words_reported, "register words beyond the message not zeroed", c, o);
			break;
		}
	}
	messages++;
	fault_messages += fault;
	notification_signals += signal;
	capabilities_received += caps;
}

/* What the convention of the call says about every register. */
static void check(const struct fuzz_call *c, const struct outcome *o, uint64_t canary)
{
	static unsigned bad_reported, clobber_reported, uncleared_reported;
	volatile struct fuzz_shared *shared = fuzz_shared();
	const uint64_t *a = c->args;
	if (c->number < ST_SYSCALL_COUNT)
		made[c->number]++;
	if (o->rax < ST_ERROR_COUNT) {
		shared->results[o->rax]++;
		if (o->rax == ST_OK && c->number < ST_SYSCALL_COUNT)
			successes[c->number]++;
	} else {
		shared->bad_results++;
		report(&bad_reported, "not an error code", c, o);
	}
	/* Never touched by any call: rbx, r13 (a receive's timeout), r14,
	 * r15, the SSE registers. */
	int kept = o->rbx == (canary ^ 3) && o->r13 == a[7] && o->r14 == (canary ^ 14) && o->r15 == (canary ^ 15) &&
		   o->xmm == ~canary;
	if (is_ipc(c->number)) {
		/* rdx (the reply object) stays; the message registers change
		 * only when a message arrived. */
		kept = kept && o->rdx == a[2];
		if (o->rax == ST_OK && receives(c->number))
			check_message(c, o);
		else
			kept = kept && o->rdi == a[0] && o->rsi == a[1] && o->r10 == a[3] && o->r8 == a[4] &&
			       o->r9 == a[5] && o->r12 == a[6];
	} else {
		kept = kept && o->rdi == a[0] && o->rsi == a[1] && o->r10 == a[3] && o->r9 == a[5] && o->r12 == a[6];
		/* docs/syscalls.md: every call writes rdx and r8, 0 when it
		 * failed or has no result. */
		if ((o->rax != ST_OK || !has_results(c->number)) && (o->rdx || o->r8)) {
			shared->results_not_cleared++;
			report(&uncleared_reported, "failed or no result, yet rdx/r8 not zeroed", c, o);
		}
	}
	if (!kept) {
		shared->clobbered++;
		report(&clobber_reported, "a register the call must keep changed", c, o);
	}
}

static unsigned given_thread_state(void)
{
	unsigned state;
	return st_thread_state(FUZZ_SLOT_THREAD, &state, NULL, NULL) == ST_OK ? state : ~0u;
}

/* After a thread was resumed or woken: lets it run until it stops (the
 * given thread makes one call, then faults), so that what it does happens
 * at the same point of every run with this seed, whatever the timer does.
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

/* " n:made/succeeded" for calls first..last, on one line. */
static void print_reach(const char *what, unsigned first, unsigned last)
{
	char line[512];
	size_t length = 0;
	for (unsigned n = first; n <= last && length < sizeof line; n++)
		length += (size_t)fmt_snprintf(line + length, sizeof line - length, " %u:%u/%u", n, made[n],
					       successes[n]);
	st_printf("FUZZ fuzzer calls/successes by number (%s):%s\n", what, line);
}

static void print_summary(void)
{
	volatile struct fuzz_shared *shared = fuzz_shared();
	print_reach("capabilities, memory, threads", ST_SYS_YIELD, ST_SYS_THREAD_SET_NAME);
	print_reach("IPC, IRQs, I/O ports", ST_SYS_SEND, ST_SYSCALL_COUNT - 1);
	st_printf("FUZZ fuzzer received %lu messages: %lu faults, %lu bound-notification signals, %lu capabilities\n",
		  messages, fault_messages, notification_signals, capabilities_received);
	/* Lines written at once, however the output interleaves. */
	char line[512];
	size_t length = 0;
	for (unsigned e = 0; e < ST_ERROR_COUNT; e++)
		length += (size_t)fmt_snprintf(line + length, sizeof line - length, " %s %lu,", st_error_name(e),
					       shared->results[e]);
	st_printf("FUZZ fuzzer done: %lu calls,%s bad %lu, clobbered %lu, not cleared %lu, bad messages %lu, "
		  "words not cleared %lu\n",
		  shared->calls, line, shared->bad_results, shared->clobbered, shared->results_not_cleared,
		  shared->bad_messages, shared->words_not_cleared);
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
		if (is_ipc(c.number) && below(&rng, 4) == 0)
			fill_ipc_buffer(&rng, 0);
		if (i >= shared->trace_from)
			fuzz_print_call(&c);
		shared->recent[i % FUZZ_RECENT] = c;
		shared->block_limit_ns = block_limit_ns(&c);
		/* An IPC call may wake the given thread (its partner). */
		unsigned given_before = is_ipc(c.number) ? given_thread_state() : ST_THREAD_RUNNABLE;
		uint64_t canary = rng_next(&rng);
		struct outcome o = raw_call(&c, canary);
		c.result = o.rax;
		shared->recent[i % FUZZ_RECENT].result = o.rax;
		shared->calls = i + 1;
		check(&c, &o, canary);
		if (c.number == ST_SYS_THREAD_RESUME && o.rax == ST_OK)
			let_it_run(c.args[0]);
		else if (given_before != ST_THREAD_RUNNABLE && given_thread_state() == ST_THREAD_RUNNABLE)
			let_it_run(FUZZ_SLOT_THREAD);
		if ((i + 1) % FUZZ_PROGRESS_EVERY == 0)
			st_printf("FUZZ fuzzer: %lu calls\n", i + 1);
	}
	shared->rounds_at_end = shared->rounds;
	print_summary();
	shared->fuzzer_done = 1;
	return 0;
}

/*
 * The system-call fuzz test: one program in three roles. The root task
 * (the driver, main.c) starts two processes from its own image: the fuzzer
 * (fuzzer.c), which makes random system calls with few capabilities, and
 * the bystander (bystander.c), which checks that its memory stays its own.
 * All three share one page at FUZZ_SHARED_ADDRESS.
 */
#ifndef USER_FUZZ_FUZZ_H
#define USER_FUZZ_FUZZ_H

#include <stdint.h>

#include "user/lib/strata.h"

/* rdi at entry: the root task gets its bootinfo's address instead. */
enum fuzz_role {
	FUZZ_ROLE_FUZZER = 1,
	FUZZ_ROLE_BYSTANDER = 2,
};

#define FUZZ_SHARED_ADDRESS 0x0000300000000000ull
#define FUZZ_CALLS 100000
/* Every so many calls the driver takes back all the fuzzer holds and gives
 * it a fresh set: random deletes and revokes soon leave it nothing. */
#define FUZZ_EPOCH 250
#define FUZZ_PROGRESS_EVERY 10000
#define FUZZ_RECENT 8 /* calls remembered for a failure report */
#define FUZZ_NO_TRACE UINT64_MAX

/* What the driver puts in the fuzzer's CNode each epoch (slots 1-3 are
 * emptied: it holds no capability to its own CNode, thread or address
 * space). The thread runs at the driver's priority in the address space,
 * with the CNode as its capability space (see prepare_thread in main.c). */
enum fuzz_slot {
	FUZZ_SLOT_UNTYPED = 4, /* 1 MiB */
	FUZZ_SLOT_FRAME = 5,   /* FUZZ_FRAMES of them; the first two mapped: code, data */
	FUZZ_FRAMES = 3,
	FUZZ_SLOT_LARGE_FRAME = FUZZ_SLOT_FRAME + FUZZ_FRAMES,
	FUZZ_SLOT_PAGE_TABLE, /* FUZZ_PAGE_TABLES of them, the first 3 mapped */
	FUZZ_PAGE_TABLES = 5,
	/* The served endpoint (the partner answers there), a badged copy
	 * (FUZZ_BADGE), and an endpoint nobody serves. */
	FUZZ_SLOT_ENDPOINT = FUZZ_SLOT_PAGE_TABLE + FUZZ_PAGE_TABLES,
	FUZZ_ENDPOINTS = 3,
	FUZZ_SLOT_UNSERVED_ENDPOINT = FUZZ_SLOT_ENDPOINT + 2,
	/* A notification and a badged copy; on even epochs the fuzzer's own
	 * thread is bound to it. */
	FUZZ_SLOT_NOTIFICATION = FUZZ_SLOT_ENDPOINT + FUZZ_ENDPOINTS,
	FUZZ_SLOT_REPLY = FUZZ_SLOT_NOTIFICATION + 2, /* two reply objects */
	FUZZ_SLOT_CNODE = FUZZ_SLOT_REPLY + 2,
	FUZZ_SLOT_THREAD,
	FUZZ_SLOT_VSPACE,
	FUZZ_SLOT_COUNT,
};
#define FUZZ_BADGE 0x5a
#define FUZZ_MAPPED_PAGE_TABLES 3
/* Where the given address space has page tables for frames, and where no
 * page of the fuzzer is mapped (its pointers there must be refused). */
#define FUZZ_SCRATCH_ADDRESS 0x0000400000000000ull
#define FUZZ_CNODE_BITS 6
#define FUZZ_GIVEN_CNODE_BITS 4
#define FUZZ_UNTYPED_BITS 20

/* The given thread's CNode (its capability space): its own thread and
 * address space, the code and data frames, and copies of the endpoints,
 * the notification and a reply object. On odd epochs the unserved
 * endpoint is its fault handler, so its faults arrive as messages the
 * fuzzer may take. */
enum fuzz_given_slot {
	FUZZ_GIVEN_THREAD = 1,
	FUZZ_GIVEN_VSPACE = 2,
	FUZZ_GIVEN_FRAME = 3, /* and 4 */
	FUZZ_GIVEN_ENDPOINT = 5, /* the unserved one */
	FUZZ_GIVEN_NOTIFICATION = 6,
	FUZZ_GIVEN_REPLY = 7,
	FUZZ_GIVEN_SERVED_ENDPOINT = 8,
};

/* The partner (partner.c): a thread in the fuzzer's process with a
 * capability space of its own, out of the fuzzer's reach, answering on the
 * served endpoint. Its CNode: */
enum fuzz_partner_slot {
	FUZZ_PARTNER_ENDPOINT = 1,
	FUZZ_PARTNER_REPLY = 2,
	FUZZ_PARTNER_RECEIVE = 4, /* capabilities arrive at 4-6 and 8-10 in turn */
	FUZZ_PARTNER_RECEIVE_TOGGLE = 12,
};
#define FUZZ_PARTNER_CNODE_BITS 4
#define FUZZ_PARTNER_IPC_BUFFER_ADDRESS 0x0000320000000000ull

/* The fuzzer's IPC buffer (a frame the driver keeps the capability to):
 * long messages and capability transfers come from and land in it. */
#define FUZZ_IPC_BUFFER_ADDRESS 0x0000310000000000ull
/* Timeouts and sleeps the fuzzer chooses stay under this (a timer tick);
 * longer or none, and the driver ends the call (see unblock_if_stuck). */
#define FUZZ_SHORT_WAIT_NS 10000000ull

struct fuzz_call {
	uint64_t index; /* 0-based call number in the run */
	uint64_t number;
	uint64_t args[8]; /* rdi, rsi, rdx, r10, r8, r9, r12, r13 */
	uint64_t result;
};

struct fuzz_shared {
	/* The fuzzer passes pointers into this area to calls that read or
	 * write user memory; nothing else lives here. */
	uint8_t scribble[1024];
	/* Set by the driver before the others start. */
	uint64_t seed;
	uint64_t trace_from; /* the fuzzer prints every call from this index */
	/* The fuzzer's. */
	uint64_t calls;
	uint64_t results[ST_ERROR_COUNT]; /* how many calls returned each error */
	uint64_t bad_results;             /* rax not an st_error */
	uint64_t clobbered;               /* a register the call must keep changed */
	uint64_t results_not_cleared;     /* an error or no result, yet rdx or r8 not zeroed */
	uint64_t bad_messages;            /* a received message's badge, info or words impossible */
	uint64_t words_not_cleared;       /* received words beyond the message's length not zeroed */
	/* The call in progress (index `calls`) may block this long on its
	 * own timeout; 0: it may block forever. */
	uint64_t block_limit_ns;
	uint64_t rounds_at_start, rounds_at_end;
	struct fuzz_call recent[FUZZ_RECENT]; /* by index % FUZZ_RECENT */
	/* The bystander's. */
	uint64_t rounds;
	uint64_t mismatches;
	uint64_t first_mismatch_round;
	/* The fuzzer asks for a fresh set (the epoch's number), the driver
	 * answers when it is in place. */
	uint64_t refill_request, refilled;
	/* Flags. */
	uint32_t stop;        /* driver to bystander: finish */
	uint32_t fuzzer_done; /* all calls made */
};

static inline volatile struct fuzz_shared *fuzz_shared(void)
{
	return (volatile struct fuzz_shared *)FUZZ_SHARED_ADDRESS;
}

int fuzzer_main(void);
int bystander_main(void);
_Noreturn void fuzz_partner_main(void);
extern uint8_t fuzz_partner_stack[4096];
void fuzz_print_call(const volatile struct fuzz_call *c);

#endif

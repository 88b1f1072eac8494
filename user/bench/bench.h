/*
 * Strata microbenchmarks (make bench), in the style of sel4bench: hot cache,
 * serialized TSC reads around each iteration, many iterations, min / median
 * / max. Under QEMU's TCG with -icount shift=0 the TSC counts executed
 * instructions, so the figures are exact instruction counts; under hardware
 * KVM they are cycles. Each result is one "BENCH {json}" line on the
 * console; tools/bench collects them and docs/benchmarks.md says what each
 * one measures.
 *
 * The program runs as the root task and again, from boot module 0, as the
 * partner process of the benchmarks that cross address spaces (a yielder,
 * an IPC server, a notification waiter, a fault handler): the partner's
 * main gets its role instead of the bootinfo.
 */
#ifndef USER_BENCH_BENCH_H
#define USER_BENCH_BENCH_H

#include <stdbool.h>
#include <stdint.h>

#include "user/lib/alloc.h"
#include "user/lib/process.h"

#define ITERATIONS 10000
#define WARM_UP 100
/* The root runs the benchmarks at this priority, below the top so that a
 * partner can be started above it. */
#define BENCH_PRIORITY 100

/* A partner process's main argument: what it does (small numbers, unlike
 * the root task's bootinfo address). */
enum partner_role {
	ROLE_YIELDER = 1,            /* yields forever */
	ROLE_ECHO_SERVER,            /* replies to each call with the message it got */
	ROLE_TIMESTAMP_SERVER,       /* replies with when the call arrived and when the reply left */
	ROLE_NOTIFICATION_WAITER,    /* waits, and stores when it woke in the shared page */
	ROLE_DIVIDE_FAULT_HANDLER,   /* divide errors: makes the divisor 1 and resumes */
	ROLE_PROTECT_FAULT_HANDLER,  /* write faults: makes the page writable and resumes */
	ROLE_LAST = ROLE_PROTECT_FAULT_HANDLER,
};

/* The partner's CNode: slots 1-3 as in the root (st_process_create), then
 * what the benchmark gives it. */
#define PARTNER_CNODE_BITS 4
enum partner_slot {
	PARTNER_OBJECT = 4, /* the endpoint or notification it serves or waits on */
	PARTNER_REPLY = 5,  /* its reply object */
	PARTNER_FRAME = 6,  /* a mapped frame of the root's (write-fault handler) */
};

/* One page mapped at the same address in the root and every partner. */
#define SHARED_ADDRESS 0x0000300000000000ull
struct shared_page {
	uint64_t woke;    /* the notification waiter's TSC when it woke */
	uint64_t divisor; /* the divide-fault benchmark's divisor */
};
#define shared ((volatile struct shared_page *)SHARED_ADDRESS)

/* What one iteration (or, for one-way figures, the timed part of it)
 * makes the nucleus do, by construction. */
struct cost {
	unsigned kernel_entries;
	unsigned space_switches;
};

/* Per-iteration figures; a second array for benchmarks that measure two
 * things per iteration. */
extern uint64_t samples[ITERATIONS];
extern uint64_t samples2[ITERATIONS];

static inline uint64_t tsc_serialized(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(low), "=d"(high) : : "memory");
	return ((uint64_t)high << 32) | low;
}

/* Sorts `figures` and prints the BENCH line. */
void report(const char *name, const char *what, struct cost cost, uint64_t *figures);

/* Times `operation` ITERATIONS times after a warm-up, each time after an
 * untimed `prepare`; the timing overhead (two serialized TSC reads) is
 * included, as in sel4bench's figures. */
#define MEASURE_PREPARED(prepare, operation)                    \
	do {                                                    \
		for (int i = 0; i < WARM_UP; i++) {             \
			prepare;                                \
			operation;                              \
		}                                               \
		for (int i = 0; i < ITERATIONS; i++) {          \
			prepare;                                \
			uint64_t start = tsc_serialized();      \
			operation;                              \
			samples[i] = tsc_serialized() - start;  \
		}                                               \
	} while (0)
#define MEASURE(operation) MEASURE_PREPARED((void)0, operation)

/* Partners (partner.c). init: maps the partner image (boot module 0) and
 * the shared page, once. create: the process, not started, with the shared
 * page mapped; the caller puts capabilities in its CNode (ST_SLOT(cnode,
 * PARTNER_*)), then starts it. */
long partners_init(const struct st_bootinfo *bootinfo);
long partner_create(const char *name, struct st_process *partner);
long partner_start(const struct st_process *partner, enum partner_role role, unsigned priority);
/* A partner with a new object of `type` (endpoint or notification) in
 * PARTNER_OBJECT and a reply object in PARTNER_REPLY, started; *object:
 * the root's capability to it. */
long partner_serving(enum partner_role role, unsigned type, unsigned priority, struct st_process *partner,
		     uint32_t *object);
/* The same for a partner already created. */
long partner_serving_created(struct st_process *partner, enum partner_role role, unsigned type, unsigned priority,
			     uint32_t *object);
/* Stops it for good (its own CNode keeps its thread alive). */
void partner_stop(const struct st_process *partner);
/* The partner side: runs the role, never returns. */
_Noreturn void partner_main(enum partner_role role);

/* The benchmark groups. */
void bench_ipc(void);
void bench_notification(void);
void bench_faults(void);
void bench_irq(void);

/* Prints why a benchmark could not run (no BENCH line then). */
void bench_failed(const char *name, const char *step, long error);

#endif

/*
 * Helpers shared by the thread and scheduler tests: threads in the root's
 * own address space and capability space on static stacks, time measured
 * with the TSC, waits bounded in timer ticks.
 */
#ifndef USER_TEST_THREADS_THREADS_H
#define USER_TEST_THREADS_THREADS_H

#include <stdbool.h>
#include <stdint.h>

#include "user/lib/utest.h"

/* The priority the scheduling tests run the root at: room above and below. */
#define TEST_PRIORITY 100
/* The default time slice (one 100 Hz tick), to put the root's back. */
#define DEFAULT_SLICE_US 10000

/* How many static stacks there are for spawned threads. */
#define STACK_COUNT 6

/* The top of static stack `index` (16 KiB, 16-byte aligned). A test's
 * threads each take a different index; the next test may reuse them,
 * since the harness has destroyed the threads by then. */
void *stack_top(unsigned index);

/* A thread running entry(argument) on stack `stack` at `priority`, in the
 * root's capability and address space, returning into thread_exit:
 * configured and ready but not resumed. Its slot. */
uint32_t make_thread(void (*entry)(uint64_t), uint64_t argument, unsigned stack, unsigned priority);

/* The same, resumed. */
uint32_t start_thread(void (*entry)(uint64_t), uint64_t argument, unsigned stack, unsigned priority);

/* A configured thread that starts with exactly these registers. */
uint32_t make_thread_with(const struct st_registers *registers, unsigned priority);

/* Sets the root's own priority. */
void set_root_priority(unsigned priority);

/* The thread's state (ST_THREAD_*), or 0xff if it cannot be read. */
unsigned thread_state(uint32_t thread);

/* Thread bodies. */
void count_forever(uint64_t counter_address); /* (*(uint64_t *)counter_address)++ forever */
void set_flag(uint64_t flag_address);         /* *(uint64_t *)flag_address = 1, then exit */
void loop_forever(uint64_t unused);           /* for (;;); */

/* Time. */
uint64_t tsc_now(void);
uint64_t tsc_after_ticks(unsigned ticks); /* the TSC value `ticks` timer ticks from now */
void busy_wait_ticks(unsigned ticks);     /* spins without yielding */
void yield_for_ticks(unsigned ticks);     /* yields until they have passed */

/* Yields until *counter changes or `ticks` have passed; true if it changed. */
bool wait_progress(volatile uint64_t *counter, unsigned ticks);

/* Yields until the condition holds or `ticks` have passed; the condition. */
#define WAIT_UNTIL(condition, ticks)                                     \
	({                                                               \
		uint64_t wait_deadline_ = tsc_after_ticks(ticks);        \
		while (!(condition) && tsc_now() < wait_deadline_)       \
			st_yield();                                      \
		(bool)(condition);                                       \
	})

/* An address in the test area with nothing mapped there. */
uint64_t unmapped_address(void);

#endif

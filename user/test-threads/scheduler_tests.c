/*
 * The scheduler: strict priorities, round robin within a priority, time
 * slices in timer ticks. Every thread that loops forever runs at the root's
 * priority, so the root always gets its turn to finish the test (and the
 * harness destroys such threads afterwards).
 */
#include "user/test-threads/threads.h"

UTEST(higher_priority_runs_at_once)
{
	static volatile uint64_t flag;
	flag = 0;
	set_root_priority(TEST_PRIORITY);
	uint32_t thread = make_thread(set_flag, (uint64_t)&flag, 0, TEST_PRIORITY + 1);
	UCHECK_EQ(flag, 0);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	/* No yield: it ran (and exited) before the root got the CPU back. */
	UCHECK_EQ(flag, 1);
	UCHECK_EQ(thread_state(thread), ST_THREAD_EXITED);
}

UTEST(raising_a_priority_runs_it_at_once)
{
	static volatile uint64_t flag;
	flag = 0;
	set_root_priority(TEST_PRIORITY);
	uint32_t thread = start_thread(set_flag, (uint64_t)&flag, 0, TEST_PRIORITY - 1);
	UCHECK_EQ(flag, 0);
	UCHECK_EQ(st_thread_set_priority(thread, ST_ROOT_THREAD, TEST_PRIORITY + 1), ST_OK);
	UCHECK_EQ(flag, 1);
	UCHECK_EQ(thread_state(thread), ST_THREAD_EXITED);
}

UTEST(lower_priority_waits_until_root_lowers)
{
	static volatile uint64_t flag;
	flag = 0;
	set_root_priority(TEST_PRIORITY);
	uint32_t thread = start_thread(set_flag, (uint64_t)&flag, 0, TEST_PRIORITY - 1);
	/* Several timer ticks, and yields: only equal priorities share. */
	busy_wait_ticks(5);
	yield_for_ticks(3);
	UCHECK_EQ(flag, 0);
	UCHECK_EQ(thread_state(thread), ST_THREAD_RUNNABLE);
	set_root_priority(TEST_PRIORITY - 2);
	UCHECK_EQ(flag, 1);
	UCHECK_EQ(thread_state(thread), ST_THREAD_EXITED);
}

static volatile uint64_t round_robin_counters[2];

UTEST(equal_priority_round_robin)
{
	round_robin_counters[0] = round_robin_counters[1] = 0;
	set_root_priority(TEST_PRIORITY);
	start_thread(count_forever, (uint64_t)&round_robin_counters[0], 0, TEST_PRIORITY);
	start_thread(count_forever, (uint64_t)&round_robin_counters[1], 1, TEST_PRIORITY);
	UCHECK(WAIT_UNTIL(round_robin_counters[0] && round_robin_counters[1], 100));
	/* And they go on sharing while the root spins (time slices, no yield). */
	uint64_t before[2] = { round_robin_counters[0], round_robin_counters[1] };
	busy_wait_ticks(10);
	UCHECK(round_robin_counters[0] > before[0]);
	UCHECK(round_robin_counters[1] > before[1]);
}

static volatile uint64_t starved_counter;

UTEST(busy_loop_does_not_stop_equal_priority)
{
	starved_counter = 0;
	set_root_priority(TEST_PRIORITY);
	uint32_t looper = start_thread(loop_forever, 0, 0, TEST_PRIORITY);
	start_thread(count_forever, (uint64_t)&starved_counter, 1, TEST_PRIORITY);
	UCHECK(wait_progress(&starved_counter, 100));
	uint64_t before = starved_counter;
	/* The root keeps running too: this spin ends. */
	busy_wait_ticks(10);
	UCHECK(starved_counter > before);
	UCHECK_EQ(thread_state(looper), ST_THREAD_RUNNABLE);
}

UTEST(yield_hands_over_to_equal_priority)
{
	static volatile uint64_t flag;
	flag = 0;
	set_root_priority(TEST_PRIORITY);
	/* A long slice, started fresh by the yield: no timer rotation below. */
	UCHECK_EQ(st_thread_set_time_slice(ST_ROOT_THREAD, 1000000), ST_OK);
	st_yield();
	uint32_t thread = start_thread(set_flag, (uint64_t)&flag, 0, TEST_PRIORITY);
	UCHECK_EQ(flag, 0);
	UCHECK_EQ(thread_state(thread), ST_THREAD_RUNNABLE);
	UCHECK_EQ(st_yield(), ST_OK);
	UCHECK_EQ(flag, 1);
	UCHECK_EQ(thread_state(thread), ST_THREAD_EXITED);
	UCHECK_EQ(st_thread_set_time_slice(ST_ROOT_THREAD, DEFAULT_SLICE_US), ST_OK);
}

/* Setting a runnable thread's priority puts it at the back of its level,
 * even at the level it had: the root, doing so, lets the next one run. */
UTEST(set_priority_moves_to_back_of_level)
{
	static volatile uint64_t flag;
	flag = 0;
	set_root_priority(TEST_PRIORITY);
	UCHECK_EQ(st_thread_set_time_slice(ST_ROOT_THREAD, 1000000), ST_OK);
	st_yield();
	uint32_t thread = start_thread(set_flag, (uint64_t)&flag, 0, TEST_PRIORITY);
	UCHECK_EQ(flag, 0);
	set_root_priority(TEST_PRIORITY);
	UCHECK_EQ(flag, 1);
	UCHECK_EQ(thread_state(thread), ST_THREAD_EXITED);
	UCHECK_EQ(st_thread_set_time_slice(ST_ROOT_THREAD, DEFAULT_SLICE_US), ST_OK);
}

UTEST(time_slice_bounds)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_set_time_slice(thread, 0), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_time_slice(thread, ST_TIME_SLICE_MAX_US + 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_time_slice(thread, 1ull << 63), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_time_slice(thread, ST_TIME_SLICE_MAX_US), ST_OK);
	UCHECK_EQ(st_thread_set_time_slice(thread, 1), ST_OK);
}

static volatile uint64_t slice_counters[2];

UTEST(longer_slice_gets_more_cpu)
{
	slice_counters[0] = slice_counters[1] = 0;
	set_root_priority(TEST_PRIORITY);
	uint32_t short_slice = start_thread(count_forever, (uint64_t)&slice_counters[0], 0, TEST_PRIORITY);
	uint32_t long_slice = start_thread(count_forever, (uint64_t)&slice_counters[1], 1, TEST_PRIORITY);
	UCHECK_EQ(st_thread_set_time_slice(short_slice, 10000), ST_OK);
	UCHECK_EQ(st_thread_set_time_slice(long_slice, 40000), ST_OK);
	/* Let both settle into their slices, then measure about 0.5 s while
	 * the root takes its own one-tick turns. */
	busy_wait_ticks(10);
	uint64_t short_start = slice_counters[0], long_start = slice_counters[1];
	busy_wait_ticks(50);
	uint64_t short_ran = slice_counters[0] - short_start, long_ran = slice_counters[1] - long_start;
	st_printf("time slices 10 ms and 40 ms: counted %lu and %lu\n", short_ran, long_ran);
	UCHECK(short_ran > 0);
	UCHECK(long_ran >= 2 * short_ran);
	UCHECK(long_ran <= 8 * short_ran);
}

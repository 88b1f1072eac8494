#include "components/console/clock.h"

#include "user/lib/strata.h"

#define NS_PER_SECOND 1000000000ull
/* Measuring: a sleep of this long, which the nucleus rounds up to timer
 * ticks (at most one more), taken as lasting a little longer. */
#define MEASURE_SLEEP_NS 20000000ull
#define MEASURE_ASSUMED_NS 25000000ull

static uint64_t tsc_per_second;

static uint64_t tsc_now(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

void clock_init(uint64_t tsc_hz)
{
	if (!tsc_hz) {
		uint64_t start = tsc_now();
		st_sleep(MEASURE_SLEEP_NS);
		tsc_hz = (tsc_now() - start) * (NS_PER_SECOND / MEASURE_ASSUMED_NS);
	}
	tsc_per_second = tsc_hz ? tsc_hz : 1000000000ull;
}

/* Whole seconds and the rest apart, so nothing overflows 64 bits for any
 * rate below 18 GHz (no 128-bit division in a freestanding program). */
uint64_t clock_now_ns(void)
{
	uint64_t tsc = tsc_now();
	uint64_t ns = tsc / tsc_per_second * NS_PER_SECOND + tsc % tsc_per_second * NS_PER_SECOND / tsc_per_second;
	return ns ? ns : 1;
}

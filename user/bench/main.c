/*
 * Strata microbenchmarks (make bench), in the style of sel4bench: hot cache,
 * serialized TSC reads around each iteration, many iterations, min / median
 * / max. Under QEMU's TCG with -icount shift=0 the TSC counts executed
 * instructions, so the figures are exact instruction counts; under hardware
 * KVM they are cycles. Each result is one "BENCH {json}" line on the
 * console; tools/bench collects them.
 *
 * The program runs as the root task and again (boot module 1) as the
 * partner process of the address-space switch benchmark.
 */
#include "lib/string.h"
#include "user/lib/alloc.h"
#include "user/lib/process.h"

#define ITERATIONS 10000
#define WARM_UP 100
#define PARTNER_ROLE 1
#define BENCH_PRIORITY 100

int main(uint64_t argument);

static uint64_t samples[ITERATIONS];
static const char *unit = "cycles";

static inline uint64_t tsc_serialized(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(low), "=d"(high) : : "memory");
	return ((uint64_t)high << 32) | low;
}

/* Heap sort: no allocation, n log n even under emulation. */
static void sift_down(uint64_t *a, size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && a[child + 1] > a[child])
			child++;
		if (a[root] >= a[child])
			return;
		uint64_t t = a[root];
		a[root] = a[child];
		a[child] = t;
	}
}

static void sort(uint64_t *a, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	for (size_t end = n; end-- > 1;) {
		uint64_t t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift_down(a, 0, end);
	}
}

/* What one iteration makes the nucleus do, by construction. */
struct cost {
	unsigned kernel_entries;
	unsigned space_switches;
};

static void report(const char *name, const char *what, struct cost cost)
{
	sort(samples, ITERATIONS);
	st_printf("BENCH {\"name\":\"%s\",\"what\":\"%s\",\"unit\":\"%s\",\"iterations\":%d,"
		  "\"min\":%lu,\"median\":%lu,\"max\":%lu,\"kernel_entries\":%u,\"space_switches\":%u}\n",
		  name, what, unit, ITERATIONS, samples[0], samples[ITERATIONS / 2], samples[ITERATIONS - 1],
		  cost.kernel_entries, cost.space_switches);
}

/* Times `operation` ITERATIONS times after a warm-up; the timing overhead
 * (two serialized TSC reads) is included, as in sel4bench's figures. */
#define MEASURE(operation)                                      \
	do {                                                    \
		for (int i = 0; i < WARM_UP; i++)               \
			operation;                              \
		for (int i = 0; i < ITERATIONS; i++) {          \
			uint64_t start = tsc_serialized();      \
			operation;                              \
			samples[i] = tsc_serialized() - start;  \
		}                                               \
	} while (0)

static void bench_null_syscall(void)
{
	/* An unknown call number: entry, the table bound check, exit. */
	MEASURE(st_call(ST_SYSCALL_COUNT, 0, 0, 0, 0, 0, 0));
	report("null_syscall", "syscall with an unknown number: entry and exit", (struct cost){ 1, 0 });
}

static void bench_yield_alone(void)
{
	MEASURE(st_yield());
	report("yield_alone", "yield with no other thread of that priority", (struct cost){ 1, 0 });
}

static uint8_t partner_stack[4096] __attribute__((aligned(16)));

static void yield_forever(uint64_t unused)
{
	(void)unused;
	for (;;)
		st_yield();
}

static void bench_yield_thread_switch(void)
{
	uint32_t partner;
	long error = st_thread_spawn(yield_forever, 0, partner_stack + sizeof partner_stack, BENCH_PRIORITY,
				     "partner", &partner);
	if (error) {
		st_printf("bench: cannot start the partner thread: %s\n", st_error_name(error));
		return;
	}
	MEASURE(st_yield());
	report("yield_thread_round_trip", "yield to a thread in the same address space and back",
	       (struct cost){ 2, 0 });
	st_cap_delete(partner);
}

static void bench_yield_space_switch(const struct st_bootinfo *bootinfo)
{
	const void *image = st_map_module(bootinfo, 0);
	struct st_process partner;
	long error = image ? st_process_create(image, bootinfo->modules[0].size, 4, "partner", &partner)
			   : ST_ERROR_NO_MEMORY;
	if (!error)
		error = st_process_start(&partner, PARTNER_ROLE, BENCH_PRIORITY);
	if (error) {
		st_printf("bench: cannot start the partner process: %s\n", st_error_name(error));
		return;
	}
	MEASURE(st_yield());
	report("yield_space_round_trip", "yield to a thread in another address space and back",
	       (struct cost){ 2, 2 });
	st_cap_delete(partner.thread);
}

int main(uint64_t argument)
{
	if (argument == PARTNER_ROLE)
		yield_forever(0);
	const struct st_bootinfo *bootinfo = (const struct st_bootinfo *)argument;
	st_alloc_init(bootinfo);
	if (strstr(bootinfo->cmdline, "bench_unit=instructions"))
		unit = "instructions";
	/* Below the top priority, as the partners will be. */
	st_thread_set_priority(ST_ROOT_THREAD, ST_ROOT_THREAD, BENCH_PRIORITY);
	bench_null_syscall();
	bench_yield_alone();
	bench_yield_thread_switch();
	bench_yield_space_switch(bootinfo);
	st_printf("BENCH done\n");
	return 0;
}

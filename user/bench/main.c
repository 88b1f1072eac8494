/*
 * The benchmark run (bench.h says how and why): system call and yield
 * here, IPC and notifications in ipc.c, faults in fault.c, interrupts in
 * irq.c; the partner process's side in partner.c.
 */
#include "user/bench/bench.h"

#include "lib/string.h"

int main(uint64_t argument);

uint64_t samples[ITERATIONS];
uint64_t samples2[ITERATIONS];
static const char *unit = "cycles";

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

void report(const char *name, const char *what, struct cost cost, uint64_t *figures)
{
	sort(figures, ITERATIONS);
	st_printf("BENCH {\"name\":\"%s\",\"what\":\"%s\",\"unit\":\"%s\",\"iterations\":%d,"
		  "\"min\":%lu,\"median\":%lu,\"max\":%lu,\"kernel_entries\":%u,\"space_switches\":%u}\n",
		  name, what, unit, ITERATIONS, figures[0], figures[ITERATIONS / 2], figures[ITERATIONS - 1],
		  cost.kernel_entries, cost.space_switches);
}

void bench_failed(const char *name, const char *step, long error)
{
	st_printf("bench: %s: %s: %s\n", name, step, st_error_name(error));
}

static void bench_null_syscall(void)
{
	/* An unknown call number: entry, the table bound check, exit. */
	MEASURE(st_call(ST_SYSCALL_COUNT, 0, 0, 0, 0, 0, 0));
	report("null_syscall", "syscall with an unknown number: entry and exit", (struct cost){ 1, 0 }, samples);
}

static void bench_yield_alone(void)
{
	MEASURE(st_yield());
	report("yield_alone", "yield with no other thread of that priority", (struct cost){ 1, 0 }, samples);
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
		bench_failed("yield_thread_round_trip", "partner thread", error);
		return;
	}
	MEASURE(st_yield());
	report("yield_thread_round_trip", "yield to a thread in the same address space and back",
	       (struct cost){ 2, 0 }, samples);
	st_cap_delete(partner);
}

static void bench_yield_space_switch(void)
{
	struct st_process partner;
	long error = partner_create("yielder", &partner);
	if (!error)
		error = partner_start(&partner, ROLE_YIELDER, BENCH_PRIORITY);
	if (error) {
		bench_failed("yield_space_round_trip", "partner process", error);
		return;
	}
	MEASURE(st_yield());
	report("yield_space_round_trip", "yield to a thread in another address space and back",
	       (struct cost){ 2, 2 }, samples);
	partner_stop(&partner);
}

int main(uint64_t argument)
{
	if (argument >= ROLE_YIELDER && argument <= ROLE_LAST)
		partner_main((enum partner_role)argument);
	const struct st_bootinfo *bootinfo = (const struct st_bootinfo *)argument;
	st_alloc_init(bootinfo);
	if (strstr(bootinfo->cmdline, "bench_unit=instructions"))
		unit = "instructions";
	/* Below the top priority, so partners can be started above it. */
	st_thread_set_priority(ST_ROOT_THREAD, ST_ROOT_THREAD, BENCH_PRIORITY);
	long error = partners_init(bootinfo);
	if (error)
		bench_failed("partners", "boot module 0 and the shared page", error);
	bench_null_syscall();
	bench_yield_alone();
	bench_yield_thread_switch();
	bench_yield_space_switch();
	bench_ipc();
	bench_notification();
	bench_faults();
	bench_irq();
	st_printf("BENCH done\n");
	return 0;
}

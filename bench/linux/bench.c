/*
 * The Linux half of `make bench`: runs as /init of an initramfs on Debian's
 * cloud kernel (see bench/linux/run) and prints one line per benchmark,
 *
 *   BENCH {"name":...,"unit":...,"iterations":...,"min":...,"median":...,"max":...}
 *
 * then powers the machine off. Each benchmark times every iteration on its
 * own with serialized TSC reads, after a warm-up, so min / median / max come
 * from the sorted per-iteration deltas. Under QEMU TCG with -icount shift=0
 * the TSC counts executed instructions; the run script says so with
 * strata_unit=instructions on the kernel command line. Run on a Linux host
 * as an ordinary program, it measures cycles and exits instead.
 *
 * Build: musl-gcc -static -O2 -Wall -Wextra -Werror
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* musl-gcc sees no kernel headers, so <linux/futex.h> is not there. */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

#define ITERATIONS 10000
#define WARMUP 1000

static uint64_t samples[ITERATIONS];
static const char *unit = "cycles";

/*
 * lfence before rdtsc keeps earlier instructions from finishing after the
 * read; lfence after keeps later ones from starting before it.
 */
static inline uint64_t tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

/* Stores the delta of timed iteration i; warm-up iterations (i < 0) are dropped. */
static inline void record(int i, uint64_t start)
{
	uint64_t end = tsc();

	if (i >= 0)
		samples[i] = end - start;
}

static int compare(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static void report(const char *name, const char *includes)
{
	qsort(samples, ITERATIONS, sizeof samples[0], compare);
	printf("BENCH {\"name\":\"%s\",\"unit\":\"%s\",\"iterations\":%d,"
	       "\"min\":%llu,\"median\":%llu,\"max\":%llu,\"includes\":\"%s\"}\n",
	       name, unit, ITERATIONS, (unsigned long long)samples[0],
	       (unsigned long long)samples[ITERATIONS / 2],
	       (unsigned long long)samples[ITERATIONS - 1], includes);
	fflush(stdout);
}

static void fail(const char *what)
{
	perror(what);
	fflush(stdout);
	/* Returning from init panics the kernel; exit and let panic=-1 end the run. */
	exit(1);
}

static void bench_getppid(void)
{
	for (int i = -WARMUP; i < ITERATIONS; i++) {
		uint64_t start = tsc();
		/* syscall() itself, so no C library caching can stand in for the kernel. */
		syscall(SYS_getppid);
		record(i, start);
	}
	report("getppid", "getppid system call entry and return");
}

static void bench_getpid(void)
{
	for (int i = -WARMUP; i < ITERATIONS; i++) {
		uint64_t start = tsc();
		syscall(SYS_getpid);
		record(i, start);
	}
	report("getpid", "getpid system call entry and return");
}

static void bench_sched_yield(void)
{
	for (int i = -WARMUP; i < ITERATIONS; i++) {
		uint64_t start = tsc();
		sched_yield();
		record(i, start);
	}
	report("sched_yield", "sched_yield with no other runnable process");
}

/* Reaps a child, failing the run unless it exited cleanly. */
static void reap(pid_t child)
{
	int status;

	if (waitpid(child, &status, 0) < 0)
		fail("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench: child failed (status %#x)\n", status);
		exit(1);
	}
}

static void bench_pipe(void)
{
	int to_child[2], to_parent[2];
	char byte = 'x';

	if (pipe(to_child) < 0 || pipe(to_parent) < 0)
		fail("pipe");
	pid_t child = fork();
	if (child < 0)
		fail("fork");
	if (child == 0) {
		/* Echo every byte back, once per warm-up and timed iteration. */
		for (int i = -WARMUP; i < ITERATIONS; i++)
			if (read(to_child[0], &byte, 1) != 1 || write(to_parent[1], &byte, 1) != 1)
				_exit(1);
		_exit(0);
	}
	for (int i = -WARMUP; i < ITERATIONS; i++) {
		uint64_t start = tsc();
		if (write(to_child[1], &byte, 1) != 1 || read(to_parent[0], &byte, 1) != 1)
			fail("pipe round trip");
		record(i, start);
	}
	reap(child);
	close(to_child[0]);
	close(to_child[1]);
	close(to_parent[0]);
	close(to_parent[1]);
	report("pipe_round_trip", "parent writes 1 byte, child reads it and writes it back, "
	       "parent reads it: 4 system calls, 2 context switches on one CPU");
}

/*
 * Shared futexes (no FUTEX_PRIVATE_FLAG): the word lives in a MAP_SHARED
 * mapping seen by two processes, so the kernel must key it by page.
 */
static long futex(uint32_t *word, int op, uint32_t value)
{
	return syscall(SYS_futex, word, op, value, NULL, NULL, 0);
}

/* Waits until *turn stops being mine (a stale value just makes FUTEX_WAIT return). */
static void futex_wait_while(uint32_t *turn, uint32_t mine)
{
	while (__atomic_load_n(turn, __ATOMIC_ACQUIRE) == mine)
		futex(turn, FUTEX_WAIT, mine);
}

static void futex_pass(uint32_t *turn, uint32_t to)
{
	__atomic_store_n(turn, to, __ATOMIC_RELEASE);
	futex(turn, FUTEX_WAKE, 1);
}

static void bench_futex(void)
{
	/* 0: the parent's turn; 1: the child's. */
	uint32_t *turn = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (turn == MAP_FAILED)
		fail("mmap");
	*turn = 0;
	pid_t child = fork();
	if (child < 0)
		fail("fork");
	if (child == 0) {
		for (int i = -WARMUP; i < ITERATIONS; i++) {
			futex_wait_while(turn, 0);
			futex_pass(turn, 0);
		}
		_exit(0);
	}
	for (int i = -WARMUP; i < ITERATIONS; i++) {
		uint64_t start = tsc();
		futex_pass(turn, 1);
		futex_wait_while(turn, 1);
		record(i, start);
	}
	reap(child);
	munmap(turn, 4096);
	report("futex_round_trip", "parent FUTEX_WAKE then FUTEX_WAIT, child woken does "
	       "FUTEX_WAKE then FUTEX_WAIT (shared futex, MAP_SHARED word): "
	       "2 context switches on one CPU");
}

/*
 * One way: the parent's FUTEX_WAKE to the child it wakes, the child being
 * SCHED_FIFO (above the parent, which is SCHED_OTHER) so that on one CPU it
 * runs as soon as it is woken, as a higher-priority Strata thread does.
 * From the parent's TSC before FUTEX_WAKE to the child's after FUTEX_WAIT
 * returned, handed over in the shared page; the child's next FUTEX_WAIT,
 * which lets the parent run again, is not timed.
 */
struct wake_page {
	uint32_t word;          /* 1: woken; the child sets it back to 0 */
	uint32_t ready;         /* the child is SCHED_FIFO */
	volatile uint64_t woke; /* the child's TSC after its wait returned */
};

static void bench_futex_wake(void)
{
	struct wake_page *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				      MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED)
		fail("mmap");
	page->word = 0;
	page->ready = 0;
	pid_t child = fork();
	if (child < 0)
		fail("fork");
	if (child == 0) {
		/* musl's sched_setscheduler() is a stub: the system call itself. */
		struct sched_param param = { .sched_priority = 1 };
		if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &param) < 0)
			_exit(1);
		__atomic_store_n(&page->ready, 1, __ATOMIC_RELEASE);
		for (int i = -WARMUP; i < ITERATIONS; i++) {
			futex_wait_while(&page->word, 0);
			page->woke = tsc();
			__atomic_store_n(&page->word, 0, __ATOMIC_RELEASE);
		}
		_exit(0);
	}
	/*
	 * Once the child is SCHED_FIFO it runs until it blocks: from then on,
	 * the parent running at all means the child waits in FUTEX_WAIT.
	 */
	while (!__atomic_load_n(&page->ready, __ATOMIC_ACQUIRE))
		sched_yield();
	for (int i = -WARMUP; i < ITERATIONS; i++) {
		__atomic_store_n(&page->word, 1, __ATOMIC_RELEASE);
		uint64_t start = tsc();
		futex(&page->word, FUTEX_WAKE, 1);
		if (page->woke < start) {
			/* More than one CPU, or the wake did not preempt. */
			fprintf(stderr, "bench: futex_wake: the woken child did not run first\n");
			kill(child, SIGKILL);
			exit(1);
		}
		if (i >= 0)
			samples[i] = page->woke - start;
	}
	reap(child);
	munmap(page, 4096);
	report("futex_wake", "FUTEX_WAKE of a SCHED_FIFO process waiting in FUTEX_WAIT (shared futex): "
	       "the waker's TSC before the wake to the woken's after its wait returned, 1 context switch");
}

static volatile char *fault_page;

/* Opens the page the fault hit, so returning retries the faulting write. */
static void on_segv(int signal, siginfo_t *info, void *context)
{
	(void)signal;
	(void)context;
	if ((char *)info->si_addr != fault_page ||
	    mprotect((void *)fault_page, 4096, PROT_READ | PROT_WRITE) < 0)
		_exit(2);
}

static void bench_page_fault(void)
{
	struct sigaction action = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };

	sigemptyset(&action.sa_mask);
	if (sigaction(SIGSEGV, &action, NULL) < 0)
		fail("sigaction");
	fault_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fault_page == MAP_FAILED)
		fail("mmap");
	/* Touch it first so every timed fault is a protection fault, never a fill. */
	fault_page[0] = 1;
	for (int i = -WARMUP; i < ITERATIONS; i++) {
		if (mprotect((void *)fault_page, 4096, PROT_NONE) < 0)
			fail("mprotect");
		uint64_t start = tsc();
		fault_page[0] = 2;
		record(i, start);
	}
	signal(SIGSEGV, SIG_DFL);
	munmap((void *)fault_page, 4096);
	report("page_fault", "write to a resident PROT_NONE page, SIGSEGV delivery, handler's "
	       "mprotect read-write, sigreturn, the write retried (the mprotect PROT_NONE "
	       "before it is not timed)");
}

static volatile uint64_t divisor;

/* Makes the faulting divq succeed when retried. */
static void on_sigfpe(int signal, siginfo_t *info, void *context)
{
	(void)signal;
	(void)context;
	if (info->si_code != FPE_INTDIV)
		_exit(2);
	divisor = 1;
}

static void bench_divide_fault(void)
{
	struct sigaction action = { .sa_sigaction = on_sigfpe, .sa_flags = SA_SIGINFO };

	sigemptyset(&action.sa_mask);
	if (sigaction(SIGFPE, &action, NULL) < 0)
		fail("sigaction");
	for (int i = -WARMUP; i < ITERATIONS; i++) {
		uint64_t quotient = 1, remainder = 0;

		divisor = 0;
		uint64_t start = tsc();
		__asm__ volatile("divq %2" : "+a"(quotient), "+d"(remainder) : "m"(divisor) : "memory");
		record(i, start);
	}
	signal(SIGFPE, SIG_DFL);
	report("divide_fault", "divq by a 0 in memory: divide error, SIGFPE delivery, a handler that sets "
	       "the divisor to 1, sigreturn, the divq retried");
}

/*
 * The kernel opens /dev/console for init from its built-in initramfs; if
 * that failed there is no stdout, so mount devtmpfs and open it ourselves.
 */
static void open_console(void)
{
	if (fcntl(1, F_GETFD) >= 0)
		return;
	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	int fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		exit(1);
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static void run_all(void)
{
	/*
	 * The kernel hands init each unknown name=value word of its command line
	 * as an environment variable, so no /proc is needed to read it.
	 */
	if (getenv("strata_unit"))
		unit = getenv("strata_unit");
	bench_getppid();
	bench_getpid();
	bench_pipe();
	bench_futex();
	bench_futex_wake();
	bench_sched_yield();
	bench_page_fault();
	bench_divide_fault();
}

/* Named benchmarks only (and unit=NAME), as an ordinary program: how
 * Strata's Linux personality runs this same binary (tools/bench). */
static int run_named(int count, char **names)
{
	static const struct {
		const char *name;
		void (*run)(void);
	} benchmarks[] = {
		{ "getpid", bench_getpid }, { "getppid", bench_getppid }, { "sched_yield", bench_sched_yield },
		{ "pipe_round_trip", bench_pipe }, { "futex_round_trip", bench_futex },
		{ "page_fault", bench_page_fault }, { "divide_fault", bench_divide_fault },
	};
	if (getenv("strata_unit"))
		unit = getenv("strata_unit");
	for (int i = 0; i < count; i++) {
		if (!strncmp(names[i], "unit=", 5)) {
			unit = names[i] + 5;
			continue;
		}
		size_t j = 0;
		while (j < sizeof benchmarks / sizeof benchmarks[0] && strcmp(benchmarks[j].name, names[i]))
			j++;
		if (j == sizeof benchmarks / sizeof benchmarks[0]) {
			fprintf(stderr, "bench: no benchmark '%s'\n", names[i]);
			return 1;
		}
		benchmarks[j].run();
	}
	printf("BENCH done\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return run_named(argc - 1, argv + 1);
	if (getpid() != 1) {
		run_all();
		return 0;
	}
	open_console();
	/*
	 * Measure in an ordinary process: Linux treats init's signals specially
	 * (it logs every SIGSEGV init takes, inside the fault path we time).
	 */
	pid_t child = fork();
	if (child < 0)
		fail("fork");
	if (child == 0) {
		run_all();
		_exit(0);
	}
	reap(child);
	sync();
	reboot(RB_POWER_OFF);
	fail("reboot");
}

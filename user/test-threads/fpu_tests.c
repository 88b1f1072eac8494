/*
 * FPU and SSE state belongs to each thread: several threads at one priority
 * load distinct values into xmm0-xmm15, the x87 stack and control word and
 * MXCSR, spin across many preemptions, and find them unchanged.
 */
#include <stddef.h>

#include "lib/string.h"
#include "user/test-threads/threads.h"

#define FPU_THREADS 3
#define FPU_ROUNDS 6
#define FPU_ROUND_TICKS 3

/* What one thread loads; the offsets are fixed in the assembly below. */
struct fpu_values {
	uint64_t xmm[16][2]; /* 0 */
	double x87[3];       /* 256 */
	uint16_t fcw;        /* 280 */
	uint16_t padding;
	uint32_t mxcsr;      /* 284 */
};
_Static_assert(offsetof(struct fpu_values, x87) == 256 && offsetof(struct fpu_values, fcw) == 280 &&
		       offsetof(struct fpu_values, mxcsr) == 284,
	       "the offsets fpu_round uses");

/* The FXSAVE image: where the fields compared are. */
#define FXSAVE_FCW 0
#define FXSAVE_FSW 2
#define FXSAVE_FTW 4
#define FXSAVE_MXCSR 24
#define FXSAVE_ST(i) (32 + 16 * (i))
#define FXSAVE_XMM(i) (160 + 16 * (i))

struct fpu_thread {
	struct fpu_values values;
	uint8_t before[512] __attribute__((aligned(16)));
	uint8_t after[512] __attribute__((aligned(16)));
	uint64_t first_tsc, last_tsc;
};

static struct fpu_thread fpu_threads[FPU_THREADS];
static volatile uint64_t fpu_failures, fpu_done;
static const uint32_t default_mxcsr = 0x1f80;

/*
 * Loads everything, saves it (before), spins until the deadline (the only
 * stretch in which the thread is preempted), saves it again (after), and
 * resets the FPU so the compiler's code finds it as it expects.
 */
static void fpu_round(struct fpu_thread *t, uint64_t deadline)
{
	__asm__ volatile(
		"ldmxcsr 284(%[v])\n"
		"fninit\n"
		"fldcw 280(%[v])\n"
		"fldl 256(%[v])\n"
		"fldl 264(%[v])\n"
		"fldl 272(%[v])\n"
		"movdqu 0(%[v]), %%xmm0\n"
		"movdqu 16(%[v]), %%xmm1\n"
		"movdqu 32(%[v]), %%xmm2\n"
		"movdqu 48(%[v]), %%xmm3\n"
		"movdqu 64(%[v]), %%xmm4\n"
		"movdqu 80(%[v]), %%xmm5\n"
		"movdqu 96(%[v]), %%xmm6\n"
		"movdqu 112(%[v]), %%xmm7\n"
		"movdqu 128(%[v]), %%xmm8\n"
		"movdqu 144(%[v]), %%xmm9\n"
		"movdqu 160(%[v]), %%xmm10\n"
		"movdqu 176(%[v]), %%xmm11\n"
		"movdqu 192(%[v]), %%xmm12\n"
		"movdqu 208(%[v]), %%xmm13\n"
		"movdqu 224(%[v]), %%xmm14\n"
		"movdqu 240(%[v]), %%xmm15\n"
		"fxsave (%[before])\n"
		"1:\n"
		"rdtsc\n"
		"shlq $32, %%rdx\n"
		"orq %%rdx, %%rax\n"
		"cmpq %[deadline], %%rax\n"
		"jb 1b\n"
		"fxsave (%[after])\n"
		"fninit\n"
		"ldmxcsr %[default_mxcsr]\n"
		:
		: [v] "r"(&t->values), [before] "r"(t->before), [after] "r"(t->after), [deadline] "r"(deadline),
		  [default_mxcsr] "m"(default_mxcsr)
		: "rax", "rdx", "cc", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
		  "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "st", "st(1)", "st(2)",
		  "st(3)", "st(4)", "st(5)", "st(6)", "st(7)");
}

static bool same(const uint8_t *a, const uint8_t *b, size_t offset, size_t length)
{
	return memcmp(a + offset, b + offset, length) == 0;
}

/* The state survived the round, and was what was loaded to begin with. */
static bool round_ok(const struct fpu_thread *t)
{
	bool ok = same(t->before, t->after, FXSAVE_FCW, 2) && same(t->before, t->after, FXSAVE_FSW, 2) &&
		  same(t->before, t->after, FXSAVE_FTW, 1) && same(t->before, t->after, FXSAVE_MXCSR, 4);
	for (int i = 0; i < 8; i++)
		ok = ok && same(t->before, t->after, FXSAVE_ST(i), 10);
	for (int i = 0; i < 16; i++) {
		ok = ok && same(t->before, t->after, FXSAVE_XMM(i), 16);
		ok = ok && memcmp(t->before + FXSAVE_XMM(i), t->values.xmm[i], 16) == 0;
	}
	ok = ok && memcmp(t->before + FXSAVE_FCW, &t->values.fcw, 2) == 0;
	return ok && memcmp(t->before + FXSAVE_MXCSR, &t->values.mxcsr, 4) == 0;
}

static void fpu_worker(uint64_t index)
{
	struct fpu_thread *t = &fpu_threads[index];
	t->first_tsc = tsc_now();
	for (int round = 0; round < FPU_ROUNDS; round++) {
		fpu_round(t, tsc_after_ticks(FPU_ROUND_TICKS));
		if (!round_ok(t))
			fpu_failures++;
	}
	t->last_tsc = tsc_now();
	__atomic_fetch_add(&fpu_done, 1, __ATOMIC_SEQ_CST);
}

/* Distinct values per thread and register; a rounding mode per thread. */
static void fill_values(struct fpu_values *v, unsigned index)
{
	for (unsigned i = 0; i < 16; i++) {
		v->xmm[i][0] = 0x0101010101010101ull * (index + 1) + i;
		v->xmm[i][1] = ~(0x1000000000000000ull * (index + 1)) - (i << 8);
	}
	for (unsigned i = 0; i < 3; i++)
		v->x87[i] = (index + 1) * 1000.0 + i + 0.25;
	unsigned rounding = (index + 1) % 4;
	v->fcw = (uint16_t)(0x037f | rounding << 10);
	v->mxcsr = 0x1f80 | rounding << 13;
}

UTEST(fpu_state_survives_preemption)
{
	fpu_failures = fpu_done = 0;
	set_root_priority(TEST_PRIORITY);
	for (unsigned i = 0; i < FPU_THREADS; i++) {
		memset(&fpu_threads[i], 0, sizeof fpu_threads[i]);
		fill_values(&fpu_threads[i].values, i);
	}
	uint32_t threads[FPU_THREADS];
	for (unsigned i = 0; i < FPU_THREADS; i++)
		threads[i] = start_thread(fpu_worker, i, i, TEST_PRIORITY);
	UCHECK(WAIT_UNTIL(fpu_done == FPU_THREADS, 500));
	UCHECK_EQ(fpu_failures, 0);
	for (unsigned i = 0; i < FPU_THREADS; i++)
		UCHECK_EQ(utest_wait_stopped(threads[i], 100), ST_THREAD_EXITED);
	/* They ran interleaved (one CPU): each began before the others ended. */
	for (unsigned i = 0; i < FPU_THREADS; i++) {
		for (unsigned j = 0; j < FPU_THREADS; j++)
			UCHECK(fpu_threads[i].first_tsc < fpu_threads[j].last_tsc);
	}
}

/*
 * A new thread starts with a clean FPU: the default control words, an
 * empty x87 stack, zero vector registers, whatever the thread before it
 * left in them. The root fills xmm0-xmm15 and resumes a higher-priority
 * thread in one asm statement, so that thread is the next to touch the
 * FPU; its first instruction saves what it finds.
 */
uint8_t fpu_probe_image[512] __attribute__((aligned(16)));
volatile uint64_t fpu_probe_done;
extern void fpu_probe_entry(void);

__asm__(".pushsection .text\n"
	".global fpu_probe_entry\n"
	"fpu_probe_entry:\n"
	"	fxsave fpu_probe_image(%rip)\n"
	"	movq $1, fpu_probe_done(%rip)\n"
	"	movl $1, %eax\n" /* ST_SYS_THREAD_EXIT */
	"	syscall\n"
	"	ud2\n"
	".popsection\n");

static void resume_with_dirty_xmm(uint32_t thread, const uint64_t (*pattern)[2])
{
	uint64_t rax = ST_SYS_THREAD_RESUME;
	__asm__ volatile(
		"movdqu 0(%[p]), %%xmm0\n movdqu 16(%[p]), %%xmm1\n movdqu 32(%[p]), %%xmm2\n"
		"movdqu 48(%[p]), %%xmm3\n movdqu 64(%[p]), %%xmm4\n movdqu 80(%[p]), %%xmm5\n"
		"movdqu 96(%[p]), %%xmm6\n movdqu 112(%[p]), %%xmm7\n movdqu 128(%[p]), %%xmm8\n"
		"movdqu 144(%[p]), %%xmm9\n movdqu 160(%[p]), %%xmm10\n movdqu 176(%[p]), %%xmm11\n"
		"movdqu 192(%[p]), %%xmm12\n movdqu 208(%[p]), %%xmm13\n movdqu 224(%[p]), %%xmm14\n"
		"movdqu 240(%[p]), %%xmm15\n"
		"syscall\n"
		: "+a"(rax)
		: [p] "r"(pattern), "D"((uint64_t)thread)
		: "rcx", "rdx", "r8", "r11", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6",
		  "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
	UCHECK_EQ(rax, ST_OK);
}

UTEST(new_thread_fpu_state_is_clean)
{
	static uint64_t pattern[16][2];
	for (unsigned i = 0; i < 16; i++)
		pattern[i][0] = pattern[i][1] = 0xdeadbeef00000000ull | i;
	fpu_probe_done = 0;
	memset(fpu_probe_image, 0xff, sizeof fpu_probe_image);
	set_root_priority(TEST_PRIORITY);
	struct st_registers registers = { .rip = (uint64_t)fpu_probe_entry, .rsp = (uint64_t)stack_top(0) };
	uint32_t thread = make_thread_with(&registers, TEST_PRIORITY + 1);
	resume_with_dirty_xmm(thread, pattern);
	UCHECK_EQ(fpu_probe_done, 1);
	uint16_t fcw, fsw;
	uint32_t mxcsr;
	memcpy(&fcw, fpu_probe_image + FXSAVE_FCW, 2);
	memcpy(&fsw, fpu_probe_image + FXSAVE_FSW, 2);
	memcpy(&mxcsr, fpu_probe_image + FXSAVE_MXCSR, 4);
	UCHECK_EQ(fcw, 0x037f);
	UCHECK_EQ(fsw, 0);
	UCHECK_EQ(fpu_probe_image[FXSAVE_FTW], 0); /* every x87 register empty */
	UCHECK_EQ(mxcsr, 0x1f80);
	static const uint8_t zero[16];
	for (int i = 0; i < 16; i++)
		UCHECK(memcmp(fpu_probe_image + FXSAVE_XMM(i), zero, 16) == 0);
}

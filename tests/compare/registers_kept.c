/* What a system call keeps: every general register but rax, rcx and r11,
 * and all of xmm0-15, whoever answers the call (in the exo placement
 * getpid is answered inside the process, getppid is forwarded). */
#include "common.h"

#include <time.h>

struct registers {
	uint64_t general[13]; /* rbx rdx rsi rdi rbp r8 r9 r10 r12 r13 r14 r15 rsp */
	uint64_t xmm[32];     /* xmm0-15, two halves each */
};

/* Loads every register from `in`, makes system call `number` with them
 * (so the arguments are the pattern too; the calls used ignore or accept
 * them), stores every register to `out`. */
__attribute__((used)) static const struct registers *call_in;
__attribute__((used)) static struct registers *call_out;
__attribute__((used)) static long call_number;

static void call_with(long number, const struct registers *in, struct registers *out)
{
	call_in = in;
	call_out = out;
	call_number = number;
	/* The operands are globals, reached rip-relative: the stack moves. */
	__asm__ volatile(
		"pushq %%rbx; pushq %%rbp; pushq %%r12; pushq %%r13; pushq %%r14; pushq %%r15\n\t"
		"pushq call_out(%%rip)\n\t"
		"movq call_in(%%rip), %%rax\n\t"
		"movdqu 104(%%rax), %%xmm0; movdqu 120(%%rax), %%xmm1; movdqu 136(%%rax), %%xmm2\n\t"
		"movdqu 152(%%rax), %%xmm3; movdqu 168(%%rax), %%xmm4; movdqu 184(%%rax), %%xmm5\n\t"
		"movdqu 200(%%rax), %%xmm6; movdqu 216(%%rax), %%xmm7; movdqu 232(%%rax), %%xmm8\n\t"
		"movdqu 248(%%rax), %%xmm9; movdqu 264(%%rax), %%xmm10; movdqu 280(%%rax), %%xmm11\n\t"
		"movdqu 296(%%rax), %%xmm12; movdqu 312(%%rax), %%xmm13; movdqu 328(%%rax), %%xmm14\n\t"
		"movdqu 344(%%rax), %%xmm15\n\t"
		"movq 0(%%rax), %%rbx; movq 8(%%rax), %%rdx; movq 16(%%rax), %%rsi; movq 24(%%rax), %%rdi\n\t"
		"movq 32(%%rax), %%rbp; movq 40(%%rax), %%r8; movq 48(%%rax), %%r9; movq 56(%%rax), %%r10\n\t"
		"movq 64(%%rax), %%r12; movq 72(%%rax), %%r13; movq 80(%%rax), %%r14; movq 88(%%rax), %%r15\n\t"
		"movq call_number(%%rip), %%rax\n\t"
		"syscall\n\t"
		"movq (%%rsp), %%rax\n\t"
		"movq %%rbx, 0(%%rax); movq %%rdx, 8(%%rax); movq %%rsi, 16(%%rax); movq %%rdi, 24(%%rax)\n\t"
		"movq %%rbp, 32(%%rax); movq %%r8, 40(%%rax); movq %%r9, 48(%%rax); movq %%r10, 56(%%rax)\n\t"
		"movq %%r12, 64(%%rax); movq %%r13, 72(%%rax); movq %%r14, 80(%%rax); movq %%r15, 88(%%rax)\n\t"
		"leaq 8(%%rsp), %%rcx; movq %%rcx, 96(%%rax)\n\t"
		"movdqu %%xmm0, 104(%%rax); movdqu %%xmm1, 120(%%rax); movdqu %%xmm2, 136(%%rax)\n\t"
		"movdqu %%xmm3, 152(%%rax); movdqu %%xmm4, 168(%%rax); movdqu %%xmm5, 184(%%rax)\n\t"
		"movdqu %%xmm6, 200(%%rax); movdqu %%xmm7, 216(%%rax); movdqu %%xmm8, 232(%%rax)\n\t"
		"movdqu %%xmm9, 248(%%rax); movdqu %%xmm10, 264(%%rax); movdqu %%xmm11, 280(%%rax)\n\t"
		"movdqu %%xmm12, 296(%%rax); movdqu %%xmm13, 312(%%rax); movdqu %%xmm14, 328(%%rax)\n\t"
		"movdqu %%xmm15, 344(%%rax)\n\t"
		"addq $8, %%rsp\n\t"
		"popq %%r15; popq %%r14; popq %%r13; popq %%r12; popq %%rbp; popq %%rbx"
		:
		:
		: "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory", "xmm0", "xmm1", "xmm2",
		  "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",
		  "xmm15");
}

static void check(const char *name, long number, uint64_t seed)
{
	struct registers in, out;
	for (unsigned i = 0; i < 13; i++)
		in.general[i] = seed * 0x9e3779b97f4a7c15ull + i;
	for (unsigned i = 0; i < 32; i++)
		in.xmm[i] = seed * 0xc2b2ae3d27d4eb4full + 100 + i;
	memset(&out, 0, sizeof out);
	call_with(number, &in, &out);
	int general_kept = 1, xmm_kept = 1;
	for (unsigned i = 0; i < 12; i++) /* rsp (12) is where the stack was, not a pattern */
		general_kept &= out.general[i] == in.general[i];
	for (unsigned i = 0; i < 32; i++)
		xmm_kept &= out.xmm[i] == in.xmm[i];
	printf("%s: general registers kept %s, xmm0-15 kept %s\n", name, general_kept ? "yes" : "no",
	       xmm_kept ? "yes" : "no");
}

int main(void)
{
	for (uint64_t round = 1; round <= 3; round++) {
		check("getpid", SYS_getpid, round);
		check("getppid", SYS_getppid, round);
		check("sched_yield", SYS_sched_yield, round);
		check("getuid", SYS_getuid, round);
	}
	return 0;
}

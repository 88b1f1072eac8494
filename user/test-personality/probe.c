/*
 * The probe: a Linux system call with every register known before and
 * recorded after, and an upcall entry that records what it was entered
 * with. Written in assembly because C would keep its own values in the
 * registers under test; it names the probe page by absolute address so it
 * needs no register of its own.
 */
#include <stddef.h>

#include "lib/string.h"
#include "user/test-personality/personality_tests.h"

_Static_assert(PROBE_PAGE == 0x20000000ull, "the assembly below names the probe page");
_Static_assert(offsetof(struct probe, out) == 128 && offsetof(struct probe, upcall) == 256 &&
		       offsetof(struct probe, rflags_before) == 384 && offsetof(struct probe, saved_rsp) == 392 &&
		       offsetof(struct probe, upcall_result) == 400 && offsetof(struct probe, upcall_count) == 408,
	       "the assembly below knows the probe's layout");

#define STORE_ALL(base)                                  \
	"	movq %rax, " base "+0\n"                 \
	"	movq %rbx, " base "+8\n"                 \
	"	movq %rcx, " base "+16\n"                \
	"	movq %rdx, " base "+24\n"                \
	"	movq %rsi, " base "+32\n"                \
	"	movq %rdi, " base "+40\n"                \
	"	movq %rbp, " base "+48\n"                \
	"	movq %rsp, " base "+56\n"                \
	"	movq %r8, " base "+64\n"                 \
	"	movq %r9, " base "+72\n"                 \
	"	movq %r10, " base "+80\n"                \
	"	movq %r11, " base "+88\n"                \
	"	movq %r12, " base "+96\n"                \
	"	movq %r13, " base "+104\n"               \
	"	movq %r14, " base "+112\n"               \
	"	movq %r15, " base "+120\n"

__asm__(".pushsection .text\n"
	".global linux_probe, linux_probe_syscall, linux_probe_after, upcall_entry\n"
	"linux_probe:\n"
	"	pushq %rbx\n"
	"	pushq %rbp\n"
	"	pushq %r12\n"
	"	pushq %r13\n"
	"	pushq %r14\n"
	"	pushq %r15\n"
	"	movq %rsp, 0x20000000+392\n"
	"	movq 0x20000000+0, %rax\n"
	"	movq 0x20000000+8, %rbx\n"
	"	movq 0x20000000+16, %rcx\n"
	"	movq 0x20000000+24, %rdx\n"
	"	movq 0x20000000+32, %rsi\n"
	"	movq 0x20000000+40, %rdi\n"
	"	movq 0x20000000+48, %rbp\n"
	"	movq 0x20000000+64, %r8\n"
	"	movq 0x20000000+72, %r9\n"
	"	movq 0x20000000+80, %r10\n"
	"	movq 0x20000000+88, %r11\n"
	"	movq 0x20000000+96, %r12\n"
	"	movq 0x20000000+104, %r13\n"
	"	movq 0x20000000+112, %r14\n"
	"	movq 0x20000000+120, %r15\n"
	"	pushfq\n"
	"	popq 0x20000000+384\n"
	"linux_probe_syscall:\n"
	"	syscall\n" /* no ST_SYSCALL_NATIVE: a Linux call in a personality */
	"linux_probe_after:\n"
	STORE_ALL("0x20000000+128")
	"	movq 0x20000000+392, %rsp\n"
	"	popq %r15\n"
	"	popq %r14\n"
	"	popq %r13\n"
	"	popq %r12\n"
	"	popq %rbp\n"
	"	popq %rbx\n"
	"	ret\n"
	/* A library OS's entry reduced to its bones: record, answer, and go
	 * back to the instruction after the syscall, as rcx says. */
	"upcall_entry:\n"
	STORE_ALL("0x20000000+256")
	"	incq 0x20000000+408\n"
	"	movq 0x20000000+400, %rax\n"
	"	cmpq $linux_probe_after, %rcx\n"
	"	jne 1f\n"
	"	jmp *%rcx\n"
	/* A wrong rcx (the test reports it) must not hang the suite. */
	"1:	jmp linux_probe_after\n"
	".popsection\n");

struct probe *probe_setup(uint64_t number, uint32_t vspace)
{
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, PROBE_PAGE, READ_WRITE), ST_OK);
	if (vspace)
		UCHECK_EQ(st_map_frame(vspace, utest_copy(frame, READ_WRITE), PROBE_PAGE, READ_WRITE), ST_OK);
	struct probe *p = (struct probe *)PROBE_PAGE;
	memset(p, 0, sizeof *p);
	for (unsigned i = 0; i < PROBE_REGISTERS; i++)
		p->in[i] = 0x0123456789abcdefull ^ ((uint64_t)(i + 1) * 0x1111111111111111ull);
	p->in[R_RAX] = number;
	return p;
}

static const char *const register_names[PROBE_REGISTERS] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

unsigned probe_differences(const struct probe *p, uint64_t result)
{
	unsigned differences = 0;
	for (unsigned i = 0; i < PROBE_REGISTERS; i++) {
		if (i == R_RCX || i == R_R11)
			continue;
		uint64_t expected = i == R_RAX ? result : i == R_RSP ? p->saved_rsp : p->in[i];
		if (p->out[i] != expected) {
			st_printf("  %s after the call is %#lx, expected %#lx\n", register_names[i], p->out[i], expected);
			differences++;
		}
	}
	return differences;
}

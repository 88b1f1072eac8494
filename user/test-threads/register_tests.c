/* Reading and writing a thread's registers; what user code may set in rflags. */
#include <stddef.h>

#include "lib/string.h"
#include "user/test-threads/threads.h"

#define RFLAGS_IF 0x200ull
/* CF, PF, AF, ZF, SF, OF and the always-set bit 1: flags user code owns. */
#define ARITHMETIC_FLAGS 0x8d7ull
#define RFLAGS_IOPL3 0x3000ull

/*
 * Thread entries in assembly, where the compiler cannot touch a register
 * before it is observed.
 * register_dump_entry stores every register as the thread starts (into
 * register_dump, the struct st_registers layout), then exits.
 * spin_entry says it started, then spins at spin_here without touching a
 * register or a flag.
 * cli_entry and in_entry try privileged instructions, then exit.
 */
struct st_registers register_dump;
volatile uint64_t register_dump_done, spin_started;
extern void register_dump_entry(void), spin_entry(void), spin_here(void), cli_entry(void), in_entry(void);

_Static_assert(offsetof(struct st_registers, rip) == 0 && offsetof(struct st_registers, rsp) == 8 &&
		       offsetof(struct st_registers, rflags) == 16 && offsetof(struct st_registers, rax) == 24 &&
		       offsetof(struct st_registers, rbp) == 72 && offsetof(struct st_registers, r8) == 80 &&
		       offsetof(struct st_registers, r15) == 136,
	       "the offsets register_dump_entry uses");

__asm__(".pushsection .text\n"
	".global register_dump_entry\n"
	"register_dump_entry:\n"
	"	movq %rsp, register_dump+8(%rip)\n"
	"	movq %rax, register_dump+24(%rip)\n"
	"	movq %rbx, register_dump+32(%rip)\n"
	"	movq %rcx, register_dump+40(%rip)\n"
	"	movq %rdx, register_dump+48(%rip)\n"
	"	movq %rsi, register_dump+56(%rip)\n"
	"	movq %rdi, register_dump+64(%rip)\n"
	"	movq %rbp, register_dump+72(%rip)\n"
	"	movq %r8, register_dump+80(%rip)\n"
	"	movq %r9, register_dump+88(%rip)\n"
	"	movq %r10, register_dump+96(%rip)\n"
	"	movq %r11, register_dump+104(%rip)\n"
	"	movq %r12, register_dump+112(%rip)\n"
	"	movq %r13, register_dump+120(%rip)\n"
	"	movq %r14, register_dump+128(%rip)\n"
	"	movq %r15, register_dump+136(%rip)\n"
	"	pushfq\n"
	"	popq register_dump+16(%rip)\n"
	"	leaq register_dump_entry(%rip), %rax\n"
	"	movq %rax, register_dump+0(%rip)\n"
	"	movq $1, register_dump_done(%rip)\n"
	"	movl $1, %eax\n" /* ST_SYS_THREAD_EXIT */
	"	syscall\n"
	"	ud2\n"
	".global spin_entry, spin_here\n"
	"spin_entry:\n"
	"	movq $1, spin_started(%rip)\n"
	"spin_here:\n"
	"	jmp spin_here\n"
	".global cli_entry\n"
	"cli_entry:\n"
	"	cli\n"
	"	movl $1, %eax\n"
	"	syscall\n"
	"	ud2\n"
	".global in_entry\n"
	"in_entry:\n"
	"	inb $0x80, %al\n"
	"	movl $1, %eax\n"
	"	syscall\n"
	"	ud2\n"
	".popsection\n");

/* Registers with a distinct value in each, starting at entry on stack 0. */
static struct st_registers distinct_registers(void (*entry)(void))
{
	return (struct st_registers){
		.rip = (uint64_t)entry, .rsp = (uint64_t)stack_top(0) - 64, .rflags = ARITHMETIC_FLAGS,
		.rax = 0x1111111111111110, .rbx = 0x2222222222222221, .rcx = 0x3333333333333332,
		.rdx = 0x4444444444444443, .rsi = 0x5555555555555554, .rdi = 0x6666666666666665,
		.rbp = 0x7777777777777776, .r8 = 0x8888888888888887, .r9 = 0x9999999999999998,
		.r10 = 0xaaaaaaaaaaaaaaa9, .r11 = 0xbbbbbbbbbbbbbbba, .r12 = 0xcccccccccccccccb,
		.r13 = 0xdddddddddddddddc, .r14 = 0xeeeeeeeeeeeeeeed, .r15 = 0x0f0f0f0f0f0f0f0e,
	};
}

/* Checks every field of got against expected. */
static void check_registers(const struct st_registers *got, const struct st_registers *expected)
{
	UCHECK_EQ(got->rip, expected->rip);
	UCHECK_EQ(got->rsp, expected->rsp);
	UCHECK_EQ(got->rflags, expected->rflags);
	UCHECK_EQ(got->rax, expected->rax);
	UCHECK_EQ(got->rbx, expected->rbx);
	UCHECK_EQ(got->rcx, expected->rcx);
	UCHECK_EQ(got->rdx, expected->rdx);
	UCHECK_EQ(got->rsi, expected->rsi);
	UCHECK_EQ(got->rdi, expected->rdi);
	UCHECK_EQ(got->rbp, expected->rbp);
	UCHECK_EQ(got->r8, expected->r8);
	UCHECK_EQ(got->r9, expected->r9);
	UCHECK_EQ(got->r10, expected->r10);
	UCHECK_EQ(got->r11, expected->r11);
	UCHECK_EQ(got->r12, expected->r12);
	UCHECK_EQ(got->r13, expected->r13);
	UCHECK_EQ(got->r14, expected->r14);
	UCHECK_EQ(got->r15, expected->r15);
}

UTEST(write_registers_noncanonical_rejected)
{
	struct st_registers good = distinct_registers(spin_entry);
	uint32_t thread = make_thread_with(&good, 0);
	struct st_registers bad = good;
	bad.rip = ST_USER_ADDRESS_LIMIT;
	UCHECK_EQ(st_thread_write_registers(thread, &bad), ST_ERROR_INVALID_ARGUMENT);
	bad.rip = 0xffffffff80000000;
	UCHECK_EQ(st_thread_write_registers(thread, &bad), ST_ERROR_INVALID_ARGUMENT);
	bad = good;
	bad.rsp = ST_USER_ADDRESS_LIMIT;
	UCHECK_EQ(st_thread_write_registers(thread, &bad), ST_ERROR_INVALID_ARGUMENT);
	bad.rsp = ~0ull;
	UCHECK_EQ(st_thread_write_registers(thread, &bad), ST_ERROR_INVALID_ARGUMENT);
	/* The highest user addresses are fine. */
	bad = good;
	bad.rip = bad.rsp = ST_USER_ADDRESS_LIMIT - 1;
	UCHECK_EQ(st_thread_write_registers(thread, &bad), ST_OK);
	/* A refused write leaves the registers as they were. */
	bad.rip = ST_USER_ADDRESS_LIMIT;
	bad.rbx = 0;
	UCHECK_EQ(st_thread_write_registers(thread, &bad), ST_ERROR_INVALID_ARGUMENT);
	struct st_registers read;
	UCHECK_EQ(st_thread_read_registers(thread, &read), ST_OK);
	UCHECK_EQ(read.rip, ST_USER_ADDRESS_LIMIT - 1);
	UCHECK_EQ(read.rbx, good.rbx);
}

UTEST(write_registers_of_caller_is_illegal)
{
	struct st_registers registers = distinct_registers(spin_entry);
	UCHECK_EQ(st_thread_write_registers(ST_ROOT_THREAD, &registers), ST_ERROR_ILLEGAL_OPERATION);
	/* Through another capability to the same thread too. */
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_copy(ST_ROOT_THREAD, copy, ST_RIGHTS_ALL), ST_OK);
	UCHECK_EQ(st_thread_write_registers(copy, &registers), ST_ERROR_ILLEGAL_OPERATION);
}

UTEST(write_registers_bad_buffer)
{
	struct st_registers registers = distinct_registers(spin_entry);
	uint32_t thread = make_thread_with(&registers, 0);
	UCHECK_EQ(st_thread_write_registers(thread, NULL), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(st_thread_write_registers(thread, (void *)unmapped_address()), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(st_thread_write_registers(thread, (void *)0xffffffff80000000), ST_ERROR_BAD_ADDRESS);
	/* Running off the end of a mapped page into an unmapped one. */
	uint8_t *page = utest_mapped_frame(NULL);
	UCHECK_EQ(st_thread_write_registers(thread, (void *)(page + 4096 - 16)), ST_ERROR_BAD_ADDRESS);
}

UTEST(register_calls_need_rights)
{
	struct st_registers registers = distinct_registers(spin_entry);
	uint32_t thread = make_thread_with(&registers, 0);
	uint32_t read_only = utest_slot(), write_only = utest_slot();
	UCHECK_EQ(st_cap_copy(thread, read_only, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_cap_copy(thread, write_only, ST_RIGHT_WRITE), ST_OK);
	UCHECK_EQ(st_thread_write_registers(read_only, &registers), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_read_registers(write_only, &registers), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_write_registers(write_only, &registers), ST_OK);
	UCHECK_EQ(st_thread_read_registers(read_only, &registers), ST_OK);
}

UTEST(written_registers_are_the_thread_start_state)
{
	set_root_priority(TEST_PRIORITY);
	register_dump_done = 0;
	memset(&register_dump, 0, sizeof register_dump);
	struct st_registers registers = distinct_registers(register_dump_entry);
	uint32_t thread = make_thread_with(&registers, TEST_PRIORITY);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK(utest_wait_for(&register_dump_done, 100));
	UCHECK_EQ(utest_wait_stopped(thread, 100), ST_THREAD_EXITED);
	/* rflags as written, with interrupts on (the nucleus forces IF). */
	registers.rflags |= RFLAGS_IF;
	check_registers(&register_dump, &registers);
}

UTEST(read_registers_returns_written)
{
	struct st_registers written = distinct_registers(register_dump_entry);
	uint32_t thread = make_thread_with(&written, 0);
	struct st_registers read;
	memset(&read, 0, sizeof read);
	UCHECK_EQ(st_thread_read_registers(thread, &read), ST_OK);
	written.rflags |= RFLAGS_IF;
	check_registers(&read, &written);
}

UTEST(read_registers_of_suspended_thread)
{
	set_root_priority(TEST_PRIORITY);
	spin_started = 0;
	struct st_registers written = distinct_registers(spin_entry);
	uint32_t thread = make_thread_with(&written, TEST_PRIORITY);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK(utest_wait_for(&spin_started, 100));
	UCHECK_EQ(st_thread_suspend(thread), ST_OK);
	struct st_registers read;
	memset(&read, 0, sizeof read);
	UCHECK_EQ(st_thread_read_registers(thread, &read), ST_OK);
	/* Interrupted in its loop, every other register as it started. */
	written.rip = (uint64_t)spin_here;
	written.rflags |= RFLAGS_IF;
	check_registers(&read, &written);
}

UTEST(read_registers_bad_buffer)
{
	struct st_registers written = distinct_registers(spin_entry);
	uint32_t thread = make_thread_with(&written, 0);
	UCHECK_EQ(st_thread_read_registers(thread, NULL), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(st_thread_read_registers(thread, (void *)unmapped_address()), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(st_thread_read_registers(thread, (void *)0xffffffff80000000), ST_ERROR_BAD_ADDRESS);
	/* Read-only memory is not written. */
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	uint64_t read_only = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, read_only, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_thread_read_registers(thread, (void *)read_only), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(*(volatile uint64_t *)read_only, 0);
	/* Half in a writable page, half beyond it: nothing is written at all. */
	uint8_t *page = utest_mapped_frame(NULL);
	uint8_t *straddling = page + 4096 - 16;
	memset(straddling, 0xa5, 16);
	UCHECK_EQ(st_thread_read_registers(thread, (void *)straddling), ST_ERROR_BAD_ADDRESS);
	for (int i = 0; i < 16; i++)
		UCHECK_EQ(straddling[i], 0xa5);
}

/* rflags with IOPL 3 written: if the nucleus let it through, the thread
 * could disable interrupts or use I/O ports. It must fault instead. */
static void check_privileged_faults(void (*entry)(void))
{
	set_root_priority(TEST_PRIORITY);
	struct st_registers registers = distinct_registers(entry);
	registers.rflags = RFLAGS_IOPL3 | RFLAGS_IF | 0x2;
	uint32_t thread = make_thread_with(&registers, TEST_PRIORITY);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK_EQ(utest_wait_stopped(thread, 100), ST_THREAD_FAULTED);
	unsigned vector = 0xff;
	UCHECK_EQ(st_thread_state(thread, NULL, &vector, NULL), ST_OK);
	UCHECK_EQ(vector, 13);
}

UTEST(rflags_iopl_not_settable_cli)
{
	check_privileged_faults(cli_entry);
}

UTEST(rflags_iopl_not_settable_in)
{
	check_privileged_faults(in_entry);
}

/*
 * Entering and leaving the library OS. The nucleus jumps to libos_upcall
 * on each Linux system call with every register as the program left it,
 * except rcx (where to return) and r11 (rflags). The program's registers
 * go into libos_state.context (struct st_registers), the library OS runs on
 * its own stack, and libos_resume puts back every register, rflags and rsp
 * included, from the context, which the server may have changed (signal
 * delivery, sigreturn, execve). Everything is rip-relative, so the last
 * register restored needs no spare one. One thread per process: one
 * context and one stack.
 */
#define CTX(field) (libos_state + 80 + (field) * 8)
#define RIP 0
#define RSP 1
#define RFLAGS 2
#define RAX 3
#define RBX 4
#define RCX 5
#define RDX 6
#define RSI 7
#define RDI 8
#define RBP 9
#define R8 10
#define R9 11
#define R10 12
#define R11 13
#define R12 14
#define R13 15
#define R14 16
#define R15 17

.section .text.libos_upcall, "ax"
.global libos_upcall
libos_upcall:
	movq %rsp, CTX(RSP)(%rip)
	movq %rcx, CTX(RIP)(%rip)
	movq %r11, CTX(RFLAGS)(%rip)
	movq %rax, CTX(RAX)(%rip)
	movq %rbx, CTX(RBX)(%rip)
	movq %rcx, CTX(RCX)(%rip)
	movq %rdx, CTX(RDX)(%rip)
	movq %rsi, CTX(RSI)(%rip)
	movq %rdi, CTX(RDI)(%rip)
	movq %rbp, CTX(RBP)(%rip)
	movq %r8, CTX(R8)(%rip)
	movq %r9, CTX(R9)(%rip)
	movq %r10, CTX(R10)(%rip)
	movq %r11, CTX(R11)(%rip)
	movq %r12, CTX(R12)(%rip)
	movq %r13, CTX(R13)(%rip)
	movq %r14, CTX(R14)(%rip)
	movq %r15, CTX(R15)(%rip)
	leaq libos_stack_top(%rip), %rsp
	cld                     /* the C ABI wants it clear; the program's is in the context */
	xorl %ebp, %ebp
	call libos_syscall
.global libos_resume
libos_resume:
	pushq CTX(RFLAGS)(%rip)
	popfq
	movq CTX(RAX)(%rip), %rax
	movq CTX(RBX)(%rip), %rbx
	movq CTX(RCX)(%rip), %rcx
	movq CTX(RDX)(%rip), %rdx
	movq CTX(RSI)(%rip), %rsi
	movq CTX(RDI)(%rip), %rdi
	movq CTX(RBP)(%rip), %rbp
	movq CTX(R8)(%rip), %r8
	movq CTX(R9)(%rip), %r9
	movq CTX(R10)(%rip), %r10
	movq CTX(R11)(%rip), %r11
	movq CTX(R12)(%rip), %r12
	movq CTX(R13)(%rip), %r13
	movq CTX(R14)(%rip), %r14
	movq CTX(R15)(%rip), %r15
	movq CTX(RSP)(%rip), %rsp
	jmp *CTX(RIP)(%rip)

.section .text
/* Where the server starts a process (after execve too): the context holds
 * the program's first registers, prepared by libos_start_program. */
.global libos_start
libos_start:
	leaq libos_stack_top(%rip), %rsp
	xorl %ebp, %ebp
	call libos_start_program
	jmp libos_resume

.section .bss
.balign 16
libos_stack:
	.skip 16384
libos_stack_top:

.section .note.GNU-stack, "", @progbits

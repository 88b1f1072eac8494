/*
 * One 16-byte stub per vector: push a zero where the CPU pushes no error
 * code (so every frame has the same shape), push the vector, and go to
 * trap_common, which saves the general registers as a struct trap_frame.
 */
.set TRAP_STUB_SIZE, 16

.altmacro
.macro TRAP_STUB vector
	.balign TRAP_STUB_SIZE
	.if (\vector == 8) || (\vector >= 10 && \vector <= 14) || (\vector == 17) || (\vector == 21) || (\vector == 29) || (\vector == 30)
	.else
	pushq $0
	.endif
	pushq $\vector
	jmp trap_common
.endm

/* The general registers, in struct trap_frame order (last pushed first). */
.macro SAVE_REGISTERS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

/* The reverse, and past the vector and error code: ready for iretq. */
.macro RESTORE_REGISTERS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp
.endm

.section .text
.balign TRAP_STUB_SIZE
.global trap_stubs
trap_stubs:
.set vector, 0
.rept 256
	TRAP_STUB %vector
	.set vector, vector + 1
.endr

trap_common:
	SAVE_REGISTERS
	cld
	movq %rsp, %rdi
	testb $3, 0x90(%rsp)    /* trap_frame.cs: did we come from user mode? */
	jnz from_user
	call trap_dispatch
	jmp restore_frame

/* From user mode the CPU pushed its part of the frame into the current
 * thread (TSS.rsp0 points at the end of thread->frame) and we pushed the
 * rest there too; run the handler on the kernel stack. */
from_user:
	leaq kernel_trap_stack_top(%rip), %rsp
	call trap_dispatch
	call thread_return_to_user  /* never returns */

/*
 * syscall: rcx holds the user rip, r11 the user rflags; interrupts are off
 * (IA32_FMASK). Build the same trap_frame in the current thread, then call
 * syscall_dispatch on the kernel stack.
 */
.global syscall_entry
syscall_entry:
	movq %rsp, syscall_user_rsp(%rip)
	movq current_frame_end(%rip), %rsp
	pushq $0x23             /* user ss */
	pushq syscall_user_rsp(%rip)
	pushq %r11              /* rflags */
	pushq $0x2b             /* user cs */
	pushq %rcx              /* rip */
	pushq $0                /* error code */
	pushq $256              /* vector: 256 marks a system call */
	SAVE_REGISTERS
	cld
	movq %rsp, %rbx         /* the frame (rbx is saved in it, and C preserves it) */
	leaq kernel_trap_stack_top(%rip), %rsp
	/* Call and reply-and-receive try the IPC fastpath first; it returns
	 * only when the general path must do the work. Only calls marked
	 * native (ST_SYSCALL_NATIVE, bit 62) qualify: a thread in a Linux
	 * personality uses these numbers for its Linux calls. */
	movq %rbx, %rdi
	movq %rax, %rcx
	btrq $62, %rcx
	jnc 2f
	cmpq $27, %rcx          /* ST_SYS_CALL */
	je 1f
	cmpq $31, %rcx          /* ST_SYS_REPLY_RECV */
	jne 2f
	call fastpath_reply_receive
	jmp 2f
1:	call fastpath_call
2:	movq %rbx, %rdi
	call syscall_dispatch
	call thread_return_to_user  /* never returns */

/*
 * return_to_user(frame): restore a thread's registers and enter user mode.
 * A thread that entered by syscall (vector 256) leaves by sysretq, which
 * is cheaper than iretq and, like syscall, returns rip in rcx and rflags
 * in r11 (the saved rcx and r11 are the syscall's, so nothing is lost).
 * Its rip is canonical: user addresses end a page below the canonical
 * hole (ST_USER_ADDRESS_LIMIT), so even a syscall at the very end of user
 * memory returns to a canonical address. Interrupts stay off until
 * sysretq; NMI and machine checks have their own stacks (IST).
 */
.global return_to_user
return_to_user:
	movq %rdi, %rsp
	cmpq $256, 0x78(%rsp)   /* trap_frame.vector */
	jne restore_frame
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	addq $8, %rsp           /* r11: gets rflags */
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	addq $8, %rsp           /* rcx: gets rip */
	popq %rbx
	popq %rax
	movq 16(%rsp), %rcx     /* rip, past vector and error code */
	movq 32(%rsp), %r11     /* rflags (already masked) */
	movq 40(%rsp), %rsp     /* the user stack */
	sysretq
restore_frame:
	RESTORE_REGISTERS
	iretq

.section .bss
.align 8
syscall_user_rsp: .quad 0

.section .note.GNU-stack, "", @progbits

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
	cld
	movq %rsp, %rdi
	call trap_dispatch
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
	addq $16, %rsp          /* vector and error code */
	iretq

.section .note.GNU-stack, "", @progbits

/* Entry of a native Strata program: rdi holds the nucleus's argument. */
.section .text
.global _start
_start:
	xorl %ebp, %ebp
	call main
	movabsq $0x4000000000000001, %rax /* ST_SYS_THREAD_EXIT | ST_SYSCALL_NATIVE */
	syscall
	ud2

.section .note.GNU-stack, "", @progbits

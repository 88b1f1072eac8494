/* Entry of a native Strata program: rdi holds the nucleus's argument. */
.section .text
.global _start
_start:
	xorl %ebp, %ebp
	call main
	movl $1, %eax           /* ST_SYS_THREAD_EXIT */
	syscall
	ud2

.section .note.GNU-stack, "", @progbits

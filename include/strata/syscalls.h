/*
 * Strata native system call numbers and register convention.
 *
 * `syscall` with the number in rax and arguments in rdi, rsi, rdx, r10, r8,
 * r9 (the Linux convention, so the same stubs serve both personalities).
 * The error (enum st_error) comes back in rax; results in rdx and r8.
 * rcx and r11 are clobbered by the instruction; all other registers are
 * preserved. docs/syscalls.md describes each call.
 */
#ifndef STRATA_SYSCALLS_H
#define STRATA_SYSCALLS_H

enum st_syscall {
	ST_SYS_DEBUG_WRITE = 0, /* (const char *buffer, size_t length) */
	ST_SYS_THREAD_EXIT = 1, /* () : never returns */
};

#define ST_SYSCALL_COUNT 2
#define ST_DEBUG_WRITE_MAX 4096

#endif

/* Native Strata system calls for user programs (include/strata/syscalls.h). */
#ifndef USER_LIB_STRATA_H
#define USER_LIB_STRATA_H

#include <stddef.h>
#include <stdint.h>

#include "include/strata/errors.h"
#include "include/strata/syscalls.h"

static inline long st_syscall2(long number, long a, long b)
{
	long result;
	__asm__ volatile("syscall" : "=a"(result) : "a"(number), "D"(a), "S"(b) : "rcx", "r11", "memory");
	return result;
}

static inline long st_debug_write(const void *buffer, size_t length)
{
	return st_syscall2(ST_SYS_DEBUG_WRITE, (long)buffer, (long)length);
}

static inline _Noreturn void st_thread_exit(void)
{
	st_syscall2(ST_SYS_THREAD_EXIT, 0, 0);
	for (;;)
		;
}

/* printf to the nucleus's debug console (lib/fmt). */
int st_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif

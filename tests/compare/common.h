/*
 * Shared by the comparison programs (tests/compare/NAME.c): each is built once
 * with musl and runs on Linux and on Strata, and its output must be the
 * same on both, so programs print results and relations ("differs: yes"),
 * never pids, addresses or times.
 */
#ifndef COMPARE_COMMON_H
#define COMPARE_COMMON_H

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* One write per line: output stays in order with stderr and with children,
 * and what was printed before a crash is not lost in a buffer. Every
 * signal at its default action and unblocked: a test started from a
 * background job on the host inherits SIGINT and SIGQUIT ignored. */
__attribute__((constructor)) static void compare_start(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int signal_number = 1; signal_number < 32; signal_number++)
		if (signal_number != SIGKILL && signal_number != SIGSTOP)
			signal(signal_number, SIG_DFL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* The symbolic name of an errno value: Linux and Strata must agree on the
 * error, and a name reads better in a diff than a number. */
static inline const char *errno_name(int e)
{
	switch (e) {
	case 0: return "0";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ESRCH: return "ESRCH";
	case EINTR: return "EINTR";
	case EIO: return "EIO";
	case ENXIO: return "ENXIO";
	case E2BIG: return "E2BIG";
	case ENOEXEC: return "ENOEXEC";
	case EBADF: return "EBADF";
	case ECHILD: return "ECHILD";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case EXDEV: return "EXDEV";
	case ENODEV: return "ENODEV";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case EINVAL: return "EINVAL";
	case ENFILE: return "ENFILE";
	case EMFILE: return "EMFILE";
	case ENOTTY: return "ENOTTY";
	case ETXTBSY: return "ETXTBSY";
	case EFBIG: return "EFBIG";
	case ENOSPC: return "ENOSPC";
	case ESPIPE: return "ESPIPE";
	case EROFS: return "EROFS";
	case EMLINK: return "EMLINK";
	case EPIPE: return "EPIPE";
	case EDOM: return "EDOM";
	case ERANGE: return "ERANGE";
	case EDEADLK: return "EDEADLK";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	case ENOSYS: return "ENOSYS";
	case ENOTEMPTY: return "ENOTEMPTY";
	case ELOOP: return "ELOOP";
	case EOVERFLOW: return "EOVERFLOW";
	case ENOTSOCK: return "ENOTSOCK";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ETIMEDOUT: return "ETIMEDOUT";
	default: return "E?";
	}
}

/* "what = value", or "what = -1 ENAME" when it failed with errno set. */
static inline long show_result(const char *what, long result)
{
	if (result == -1)
		printf("%s = -1 %s\n", what, errno_name(errno));
	else
		printf("%s = %ld\n", what, result);
	return result;
}
#define SHOW(call) (errno = 0, show_result(#call, (long)(call)))

/* For calls that return an address (mmap, brk): only whether it failed. */
static inline void show_pointer_result(const char *what, void *result)
{
	if (result == (void *)-1)
		printf("%s = -1 %s\n", what, errno_name(errno));
	else
		printf("%s = an address\n", what);
}
#define SHOW_POINTER(call) (errno = 0, show_pointer_result(#call, (void *)(call)))

/* Pointers a bad-input test passes: none of them may be dereferenced. */
#define BAD_NULL ((void *)0)
#define BAD_ONE ((void *)1)
#define BAD_KERNEL ((void *)0xffff800000000000ull)
#define BAD_NONCANONICAL ((void *)0x0000800000000000ull)

/* An address these small programs never map, on Linux (whose mmap works
 * down from below the stack) or on Strata; a page unmapped at run time
 * would not do: the next mmap takes the hole again. */
static inline void *unmapped_address(void)
{
	return (void *)0x0000123400000000ull;
}

/* The last line of every bad-input test: the process survived all of it
 * and its memory, stdio and system calls still work. */
static inline void still_fine(void)
{
	char *p = malloc(100000);
	memset(p, 7, 100000);
	int sum = 0;
	for (int i = 0; i < 100000; i += 997)
		sum += p[i];
	free(p);
	printf("still fine: malloc %s, getpid %s\n", sum == 7 * 101 ? "ok" : "BROKEN",
	       getpid() > 0 ? "ok" : "BROKEN");
}

#define CHECK(cond) printf("%s: %s\n", #cond, (cond) ? "yes" : "no")

#endif

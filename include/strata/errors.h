/*
 * Errors returned by Strata native system calls (in rax; 0 is success).
 * Shared by the nucleus and user space. Each system call's page in
 * docs/syscalls.md lists which of these it returns and when.
 */
#ifndef STRATA_ERRORS_H
#define STRATA_ERRORS_H

enum st_error {
	ST_OK = 0,
	ST_ERROR_INVALID_SYSCALL = 1,  /* no such system call number */
	ST_ERROR_INVALID_SLOT = 2,     /* slot index outside the capability space */
	ST_ERROR_EMPTY_SLOT = 3,       /* the slot holds no capability */
	ST_ERROR_WRONG_TYPE = 4,       /* the capability names the wrong kind of object */
	ST_ERROR_NO_RIGHTS = 5,        /* the capability lacks a right the call needs */
	ST_ERROR_SLOT_OCCUPIED = 6,    /* the destination slot is not empty */
	ST_ERROR_INVALID_ARGUMENT = 7, /* a value out of range, misaligned or contradictory */
	ST_ERROR_NO_MEMORY = 8,        /* the untyped memory has no room left */
	ST_ERROR_BAD_ADDRESS = 9,      /* a user pointer that is unmapped or not user memory */
	ST_ERROR_ALREADY_MAPPED = 10,  /* something is mapped there already */
	ST_ERROR_NOT_MAPPED = 11,      /* nothing is mapped (or no table covers the address) */
	ST_ERROR_ILLEGAL_OPERATION = 12, /* not possible in the object or capability's present state */
	ST_ERROR_ABORTED = 13,         /* the partner or object of a blocked IPC went, or the thread was suspended */
	ST_ERROR_WOULD_BLOCK = 14,     /* a non-blocking send or receive found no partner */
	ST_ERROR_TIMED_OUT = 15,       /* a receive's timeout passed first */
};

#define ST_ERROR_COUNT 16

#endif

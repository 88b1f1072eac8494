/* Reading and writing user memory safely: every page is checked in the
 * thread's own page tables (present, user-accessible, writable to write)
 * before a byte moves, so a bad pointer is an error code, never a nucleus
 * fault. */
#ifndef KERNEL_USER_COPY_H
#define KERNEL_USER_COPY_H

#include <stddef.h>
#include <stdint.h>

/* 0, or ST_ERROR_BAD_ADDRESS. */
int user_copy_from(uint64_t address_space, void *destination, uint64_t user_source, size_t length);
int user_copy_to(uint64_t address_space, uint64_t user_destination, const void *source, size_t length);

#endif

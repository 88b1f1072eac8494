/*
 * Random bytes for getrandom and AT_RANDOM: RDRAND where the CPU has it,
 * else a generator seeded from the time-stamp counter. Not for keys: the
 * point is that programs get bytes that differ from run to run.
 */
#ifndef POSIX_RANDOM_H
#define POSIX_RANDOM_H

#include <stddef.h>

void random_bytes(void *buffer, size_t length);

#endif

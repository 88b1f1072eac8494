/*
 * The console's sense of time, for VTIME: the time-stamp counter, at the
 * rate its starter passed (the bootinfo's tsc_hz), or measured roughly
 * against the nucleus's sleep when it passed 0.
 */
#ifndef CONSOLE_CLOCK_H
#define CONSOLE_CLOCK_H

#include <stdint.h>

void clock_init(uint64_t tsc_hz);

/* Nanoseconds since an arbitrary start, never 0. */
uint64_t clock_now_ns(void);

#endif

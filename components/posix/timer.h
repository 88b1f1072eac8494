/*
 * Interval timers (alarm, setitimer's ITIMER_REAL): a SIGALRM at a
 * deadline, again every interval if one was given. The server loop asks
 * for the earliest deadline (its receive timeout) and expires them.
 */
#ifndef POSIX_TIMER_H
#define POSIX_TIMER_H

#include <stdint.h>

/* Sends SIGALRM to every process whose timer has run out. */
void timer_expire(void);
/* The earliest timer deadline (posix_now_ns time), 0 if none. */
uint64_t timer_next_deadline(void);

#endif

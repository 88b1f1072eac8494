/* The clocks (time.c): posix_now_ns and posix_realtime_ns in posix.h. */
#ifndef POSIX_TIME_H
#define POSIX_TIME_H

#include "user/lib/strata.h"

/* Starts the clocks: the TSC rate, and the wall time from the CMOS clock. */
void time_init(const struct st_bootinfo *bootinfo);
/* The clock's terms, for the library OS to count time the same way. */
uint64_t time_ns_per_tsc_q32(void);
uint64_t time_boot_tsc(void);

struct process;
/* The parked sleep of p ends early (a signal): it says what was left. */
void time_sleep_interrupted(struct process *p);

#endif

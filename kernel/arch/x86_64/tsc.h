/* The time-stamp counter: the nucleus's clock. */
#ifndef KERNEL_ARCH_X86_64_TSC_H
#define KERNEL_ARCH_X86_64_TSC_H

#include <stdint.h>

extern uint64_t tsc_hz;
extern const char *tsc_source; /* how tsc_hz was found, for the banner */

/* CPUID leaf 0x15 (with 0x16 for the crystal), else the KVM clock, else the PIT. */
void tsc_calibrate(void);

/* Busy-waits; for calibration and timeouts, not for scheduling. */
void tsc_delay_us(uint64_t microseconds);

#endif

/* The periodic tick from the local APIC timer: TSC-deadline mode when the
 * CPU has it (no drift, no calibration of the APIC clock), else periodic
 * mode calibrated against the TSC. */
#ifndef KERNEL_ARCH_X86_64_APIC_TIMER_H
#define KERNEL_ARCH_X86_64_APIC_TIMER_H

#include <stdint.h>

extern volatile uint64_t timer_ticks;
extern unsigned timer_hz;
extern const char *timer_mode; /* for the banner */

void apic_timer_start(unsigned hz);

#endif

/* The local APIC, in x2APIC mode (MSRs) when the CPU has it, else xAPIC (MMIO). */
#ifndef KERNEL_ARCH_X86_64_APIC_H
#define KERNEL_ARCH_X86_64_APIC_H

#include <stdbool.h>
#include <stdint.h>

#define APIC_REG_ID 0x020
#define APIC_REG_VERSION 0x030
#define APIC_REG_EOI 0x0b0
#define APIC_REG_SPURIOUS 0x0f0
#define APIC_REG_LVT_TIMER 0x320
#define APIC_REG_TIMER_INITIAL 0x380
#define APIC_REG_TIMER_CURRENT 0x390
#define APIC_REG_TIMER_DIVIDE 0x3e0

extern bool apic_x2apic_mode;

void apic_init(void);
uint32_t apic_read(uint32_t reg);
void apic_write(uint32_t reg, uint32_t value);
void apic_eoi(void);

#endif

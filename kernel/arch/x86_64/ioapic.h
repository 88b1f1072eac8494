/*
 * The I/O APICs: each routes its inputs (global system interrupts from its
 * GSI base on) to local APIC vectors. Every input starts masked; an input
 * is routed and unmasked only for an IRQ handler (kernel/arch/x86_64/irq.c).
 */
#ifndef KERNEL_ARCH_X86_64_IOAPIC_H
#define KERNEL_ARCH_X86_64_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/boot_info.h"

/* Finds the I/O APICs (ACPI MADT; without one, the usual single I/O APIC
 * at 0xfec00000, GSI 0 on, said so on the console), maps them and masks
 * every input. At boot, after paging and the local APIC. */
void ioapic_init(const struct boot_info *info);

/* One console line per I/O APIC, for the boot banner. */
void ioapic_print_banner(void);

/* Whether some I/O APIC has this input. */
bool ioapic_has_gsi(uint64_t gsi);

/* Where ISA IRQ irq (0-15) arrives, by the MADT's interrupt source
 * overrides: its GSI, trigger and polarity. */
void ioapic_isa_irq(unsigned irq, uint32_t *gsi, bool *level, bool *active_low);

/* Routes the input to vector on the local APIC apic_id (fixed delivery,
 * physical destination), masked. */
void ioapic_route(uint32_t gsi, uint8_t vector, bool level, bool active_low, uint32_t apic_id);

void ioapic_set_masked(uint32_t gsi, bool masked);

#endif

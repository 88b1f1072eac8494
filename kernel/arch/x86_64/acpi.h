/*
 * The little of ACPI the nucleus reads: the MADT (signature "APIC"), for
 * the I/O APICs (address, first GSI) and the ISA interrupt source
 * overrides (which GSI, trigger and polarity an ISA IRQ really has).
 */
#ifndef KERNEL_ARCH_X86_64_ACPI_H
#define KERNEL_ARCH_X86_64_ACPI_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/boot_info.h"

#define ACPI_IOAPICS_MAX 8
#define ACPI_ISA_IRQS 16

struct acpi_ioapic {
	uint8_t id;
	uint64_t address;
	uint32_t gsi_base;
};

/* Where an ISA IRQ arrives: identity-mapped, edge, active high unless the
 * MADT overrides it. */
struct acpi_isa_irq {
	uint32_t gsi;
	bool level;
	bool active_low;
	bool overridden; /* the MADT had an override for it */
};

struct acpi_madt {
	uint64_t rsdp;       /* where the RSDP was found */
	unsigned ioapic_count;
	struct acpi_ioapic ioapics[ACPI_IOAPICS_MAX];
	unsigned override_count;
	struct acpi_isa_irq isa[ACPI_ISA_IRQS];
};

/* Finds the RSDP (the loader's, else by searching the EBDA and the BIOS
 * area), then the MADT through the XSDT or RSDT. False (and *madt with
 * only the identity ISA mapping) if there is none. Maps the tables it
 * reads: call at boot, after paging_init, while the nucleus still has
 * frames for page tables. */
bool acpi_read_madt(const struct boot_info *info, struct acpi_madt *madt);

#endif

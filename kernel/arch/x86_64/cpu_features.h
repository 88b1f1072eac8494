/* What the CPU offers (CPUID), and turning on the protections it has. */
#ifndef KERNEL_ARCH_X86_64_CPU_FEATURES_H
#define KERNEL_ARCH_X86_64_CPU_FEATURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cpu_features {
	char vendor[13];
	char brand[49];
	char hypervisor[13]; /* empty on bare metal */
	uint32_t max_leaf;
	uint32_t max_extended_leaf;
	uint32_t max_hypervisor_leaf;
	uint8_t physical_address_bits;
	bool nx, smep, smap, umip, global_pages, huge_pages, pcid;
	bool x2apic, tsc_deadline, invariant_tsc, apic;
};

extern struct cpu_features cpu_features;

void cpu_features_detect(void);

/* WP is always on (boot.S); NX, SMEP, SMAP, UMIP and global pages where offered. */
void cpu_protections_enable(void);

/* "NX WP SMEP ..." for the boot banner: what is on, not merely offered. */
void cpu_features_describe(char *buffer, size_t size);

#endif

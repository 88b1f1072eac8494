#include "kernel/arch/x86_64/cpu_features.h"

#include "kernel/arch/x86_64/cpu.h"
#include "lib/fmt.h"
#include "lib/string.h"

struct cpu_features cpu_features;

static void copy_register_text(char *out, const uint32_t *words, int count)
{
	memcpy(out, words, (size_t)count * 4);
	out[count * 4] = '\0';
}

void cpu_features_detect(void)
{
	struct cpu_features *f = &cpu_features;
	struct cpuid_result r = cpuid(0, 0);
	f->max_leaf = r.eax;
	uint32_t vendor[3] = { r.ebx, r.edx, r.ecx };
	copy_register_text(f->vendor, vendor, 3);

	r = cpuid(1, 0);
	f->apic = r.edx & (1u << 9);
	f->global_pages = r.edx & (1u << 13);
	f->pcid = r.ecx & (1u << 17);
	f->x2apic = r.ecx & (1u << 21);
	f->tsc_deadline = r.ecx & (1u << 24);
	bool hypervisor_present = r.ecx & (1u << 31);

	if (f->max_leaf >= 7) {
		r = cpuid(7, 0);
		f->smep = r.ebx & (1u << 7);
		f->smap = r.ebx & (1u << 20);
		f->umip = r.ecx & (1u << 2);
	}

	f->max_extended_leaf = cpuid(0x80000000, 0).eax;
	if (f->max_extended_leaf >= 0x80000001) {
		r = cpuid(0x80000001, 0);
		f->nx = r.edx & (1u << 20);
		f->huge_pages = r.edx & (1u << 26);
	}
	if (f->max_extended_leaf >= 0x80000004) {
		uint32_t brand[12];
		for (uint32_t i = 0; i < 3; i++) {
			r = cpuid(0x80000002 + i, 0);
			brand[i * 4 + 0] = r.eax;
			brand[i * 4 + 1] = r.ebx;
			brand[i * 4 + 2] = r.ecx;
			brand[i * 4 + 3] = r.edx;
		}
		copy_register_text(f->brand, brand, 12);
	}
	if (f->max_extended_leaf >= 0x80000007)
		f->invariant_tsc = cpuid(0x80000007, 0).edx & (1u << 8);
	f->physical_address_bits = 36; /* architectural minimum when unreported */
	if (f->max_extended_leaf >= 0x80000008)
		f->physical_address_bits = cpuid(0x80000008, 0).eax & 0xff;

	if (hypervisor_present) {
		r = cpuid(0x40000000, 0);
		f->max_hypervisor_leaf = r.eax;
		uint32_t signature[3] = { r.ebx, r.ecx, r.edx };
		copy_register_text(f->hypervisor, signature, 3);
	}
}

void cpu_protections_enable(void)
{
	struct cpu_features *f = &cpu_features;
	write_cr0(read_cr0() | CR0_WP);
	if (f->nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	uint64_t cr4 = read_cr4();
	if (f->global_pages)
		cr4 |= CR4_PGE;
	if (f->smep)
		cr4 |= CR4_SMEP;
	if (f->smap)
		cr4 |= CR4_SMAP;
	if (f->umip)
		cr4 |= CR4_UMIP;
	write_cr4(cr4);
}

void cpu_features_describe(char *buffer, size_t size)
{
	uint64_t cr4 = read_cr4();
	bool nx_on = rdmsr(MSR_EFER) & EFER_NXE;
	fmt_snprintf(buffer, size, "%s%s%s%s%s%s%s%s%s%s%s", nx_on ? "NX " : "",
		     read_cr0() & CR0_WP ? "WP " : "", cr4 & CR4_SMEP ? "SMEP " : "",
		     cr4 & CR4_SMAP ? "SMAP " : "", cr4 & CR4_UMIP ? "UMIP " : "",
		     cr4 & CR4_PGE ? "PGE " : "", cpu_features.pcid ? "PCID " : "", /* enabled with user mode */
		     cpu_features.huge_pages ? "1GiB-pages " : "",
		     cpu_features.x2apic ? "x2APIC " : "xAPIC ",
		     cpu_features.tsc_deadline ? "TSC-deadline " : "",
		     cpu_features.invariant_tsc ? "invariant-TSC" : "");
}

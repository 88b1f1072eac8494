#include "kernel/arch/x86_64/tsc.h"

#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/cpu_features.h"
#include "kernel/mm/layout.h"
#include "kernel/printk.h"
#include "lib/string.h"

uint64_t tsc_hz;
const char *tsc_source = "none";

/* CPUID 0x15: TSC = crystal * ebx / eax. Some CPUs leave the crystal out;
 * then 0x16's base frequency (MHz) is the TSC frequency. */
static uint64_t tsc_from_cpuid(void)
{
	if (cpu_features.max_leaf < 0x15)
		return 0;
	struct cpuid_result r = cpuid(0x15, 0);
	if (r.eax && r.ebx && r.ecx)
		return (uint64_t)r.ecx * r.ebx / r.eax;
	if (r.eax && r.ebx && cpu_features.max_leaf >= 0x16) {
		uint64_t base_mhz = cpuid(0x16, 0).eax & 0xffff;
		if (base_mhz)
			return base_mhz * 1000000;
	}
	return 0;
}

struct pvclock_time_info {
	uint32_t version;
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad[2];
} __attribute__((packed, aligned(64)));

static struct pvclock_time_info kvm_clock;

/* KVM publishes ns = ((tsc << shift) * mul) >> 32; invert it. */
static uint64_t tsc_from_kvm_clock(void)
{
	if (strcmp(cpu_features.hypervisor, "KVMKVMKVM") != 0 || cpu_features.max_hypervisor_leaf < 0x40000001)
		return 0;
	if (!(cpuid(0x40000001, 0).eax & (1u << 3))) /* KVM_FEATURE_CLOCKSOURCE2 */
		return 0;
	memset(&kvm_clock, 0, sizeof kvm_clock);
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, kernel_image_virt_to_phys(&kvm_clock) | 1);
	uint32_t mul = 0;
	int8_t shift = 0;
	for (int tries = 0; tries < 1000 && !mul; tries++) {
		uint32_t version = __atomic_load_n(&kvm_clock.version, __ATOMIC_ACQUIRE);
		mul = kvm_clock.tsc_to_system_mul;
		shift = kvm_clock.tsc_shift;
		if (version & 1 || version != __atomic_load_n(&kvm_clock.version, __ATOMIC_ACQUIRE))
			mul = 0;
	}
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);
	if (!mul)
		return 0;
	uint64_t hz = (1000000000ull << 32) / mul;
	return shift >= 0 ? hz >> shift : hz << -shift;
}

#define PIT_HZ 1193182
#define PIT_CHANNEL2 0x42
#define PIT_COMMAND 0x43
#define PIT_GATE_PORT 0x61

/* Counts TSC ticks across 10 ms of PIT channel 2 in one-shot mode; the
 * fastest of a few runs is the one least disturbed. */
static uint64_t tsc_from_pit(void)
{
	const uint16_t count = PIT_HZ / 100;
	uint64_t best = ~0ull;
	for (int run = 0; run < 3; run++) {
		outb(PIT_GATE_PORT, (inb(PIT_GATE_PORT) & ~0x02) | 0x01); /* gate on, speaker off */
		outb(PIT_COMMAND, 0xb0);                                  /* channel 2, mode 0 */
		outb(PIT_CHANNEL2, count & 0xff);
		outb(PIT_CHANNEL2, count >> 8);
		uint64_t start = rdtsc_ordered();
		uint64_t polls = 0;
		while (!(inb(PIT_GATE_PORT) & 0x20)) {
			if (++polls > 100000000)
				return 0; /* no PIT */
		}
		uint64_t elapsed = rdtsc_ordered() - start;
		if (elapsed < best)
			best = elapsed;
	}
	return best * 100;
}

void tsc_calibrate(void)
{
	if ((tsc_hz = tsc_from_cpuid()))
		tsc_source = "CPUID";
	else if ((tsc_hz = tsc_from_kvm_clock()))
		tsc_source = "KVM clock";
	else if ((tsc_hz = tsc_from_pit()))
		tsc_source = "PIT";
	else
		panic("cannot calibrate the TSC: no CPUID frequency, KVM clock or PIT");
}

void tsc_delay_us(uint64_t microseconds)
{
	uint64_t end = rdtsc_ordered() + microseconds * (tsc_hz / 1000000);
	while (rdtsc_ordered() < end)
		cpu_pause();
}

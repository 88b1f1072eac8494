#include "kernel/arch/x86_64/apic.h"

#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/cpu_features.h"
#include "kernel/arch/x86_64/interrupts.h"
#include "kernel/arch/x86_64/paging.h"
#include "kernel/arch/x86_64/pic.h"
#include "kernel/printk.h"

#define APIC_BASE_ENABLE (1ull << 11)
#define APIC_BASE_X2APIC (1ull << 10)
#define APIC_BASE_ADDRESS_MASK 0x000ffffffffff000ull
#define APIC_SPURIOUS_ENABLE (1u << 8)
#define X2APIC_MSR_BASE 0x800

bool apic_x2apic_mode;
static volatile uint32_t *apic_mmio;

uint32_t apic_read(uint32_t reg)
{
	if (apic_x2apic_mode)
		return (uint32_t)rdmsr(X2APIC_MSR_BASE + (reg >> 4));
	return apic_mmio[reg / 4];
}

void apic_write(uint32_t reg, uint32_t value)
{
	if (apic_x2apic_mode)
		wrmsr(X2APIC_MSR_BASE + (reg >> 4), value);
	else
		apic_mmio[reg / 4] = value;
}

void apic_eoi(void)
{
	apic_write(APIC_REG_EOI, 0);
}

void apic_init(void)
{
	if (!cpu_features.apic)
		panic("this CPU has no local APIC");
	pic_disable();
	uint64_t base = rdmsr(MSR_APIC_BASE);
	if (cpu_features.x2apic) {
		/* xAPIC must be enabled before x2APIC (SDM 10.12.5). */
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE | APIC_BASE_X2APIC);
		apic_x2apic_mode = true;
	} else {
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
		apic_mmio = paging_map_mmio(base & APIC_BASE_ADDRESS_MASK, 4096);
	}
	apic_write(APIC_REG_SPURIOUS, APIC_SPURIOUS_ENABLE | VECTOR_APIC_SPURIOUS);
}

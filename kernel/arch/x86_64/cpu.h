/* Thin wrappers over x86-64 instructions the nucleus needs. */
#ifndef KERNEL_ARCH_X86_64_CPU_H
#define KERNEL_ARCH_X86_64_CPU_H

#include <stdint.h>

static inline void outb(uint16_t port, uint8_t value)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t value;
	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline void outl(uint16_t port, uint32_t value)
{
	__asm__ volatile("outl %0, %1" : : "a"(value), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t value)
{
	__asm__ volatile("outw %0, %1" : : "a"(value), "Nd"(port));
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t value;
	__asm__ volatile("inw %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t value;
	__asm__ volatile("inl %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t low, high;
	__asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
	return ((uint64_t)high << 32) | low;
}

static inline void wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)) : "memory");
}

struct cpuid_result {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_result cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_result r;
	__asm__ volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx) : "a"(leaf), "c"(subleaf));
	return r;
}

/* rdtsc ordered after all earlier instructions (lfence serialises loads
 * and instruction dispatch on both Intel and AMD with the usual MSR set). */
static inline uint64_t rdtsc_ordered(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high) : : "memory");
	return ((uint64_t)high << 32) | low;
}

#define DEFINE_CONTROL_REGISTER(n)                                                 \
	static inline uint64_t read_cr##n(void)                                    \
	{                                                                          \
		uint64_t value;                                                    \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(value));              \
		return value;                                                      \
	}                                                                          \
	static inline void write_cr##n(uint64_t value)                             \
	{                                                                          \
		__asm__ volatile("mov %0, %%cr" #n : : "r"(value) : "memory");     \
	}
DEFINE_CONTROL_REGISTER(0)
DEFINE_CONTROL_REGISTER(2)
DEFINE_CONTROL_REGISTER(3)
DEFINE_CONTROL_REGISTER(4)
#undef DEFINE_CONTROL_REGISTER

static inline void invalidate_page(uint64_t virt)
{
	__asm__ volatile("invlpg (%0)" : : "r"(virt) : "memory");
}

static inline uint64_t read_rflags(void)
{
	uint64_t flags;
	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	return flags;
}

static inline void interrupts_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void interrupts_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

/* sti takes effect after the next instruction, so no interrupt slips in
 * between the check that decided to sleep and the hlt. */
static inline void wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

static inline void cpu_pause(void)
{
	__asm__ volatile("pause");
}

static inline uint64_t read_frame_pointer(void)
{
	uint64_t rbp;
	__asm__ volatile("mov %%rbp, %0" : "=r"(rbp));
	return rbp;
}

#define MSR_APIC_BASE 0x1b
#define MSR_TSC_DEADLINE 0x6e0
#define MSR_EFER 0xc0000080
#define MSR_FS_BASE 0xc0000100
#define MSR_KVM_SYSTEM_TIME_NEW 0x4b564d01

#define EFER_NXE (1u << 11)

#define CR0_WP (1ull << 16)
#define CR4_PGE (1ull << 7)
#define CR4_UMIP (1ull << 11)
#define CR4_PCIDE (1ull << 17)
#define CR3_NO_FLUSH (1ull << 63) /* with PCIDs: keep the new PCID's cached translations */
#define CR4_SMEP (1ull << 20)
#define CR4_SMAP (1ull << 21)

#endif

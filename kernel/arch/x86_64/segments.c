#include "kernel/arch/x86_64/segments.h"

#include "lib/string.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t io_map_base;
} __attribute__((packed));

struct descriptor_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

struct kernel_stack ist_stacks[IST_COUNT] __attribute__((section(".bss.stacks")));

static struct tss tss;
static uint64_t gdt[8] __attribute__((aligned(16))) = {
	0,
	0x00af9a000000ffff, /* kernel code, 64-bit */
	0x00cf92000000ffff, /* kernel data */
	0x00cffa000000ffff, /* user code, 32-bit (unused; keeps sysret's layout) */
	0x00cff2000000ffff, /* user data */
	0x00affa000000ffff, /* user code, 64-bit */
	0, 0,               /* TSS: 16 bytes, filled in below */
};

void segments_init(void)
{
	memset(&tss, 0, sizeof tss);
	for (int i = 0; i < IST_COUNT; i++)
		tss.ist[i] = (uint64_t)(ist_stacks[i].bytes + KERNEL_STACK_SIZE);
	tss.io_map_base = sizeof tss; /* no I/O permission bitmap */

	uint64_t base = (uint64_t)&tss;
	uint64_t limit = sizeof tss - 1;
	gdt[6] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
		 (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[7] = base >> 32;

	struct descriptor_pointer pointer = { sizeof gdt - 1, (uint64_t)gdt };
	__asm__ volatile(
		"lgdt %0\n\t"
		/* Reload CS with a far return, then the data segments. */
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movw %%ax, %%fs\n\t"
		"movw %%ax, %%gs\n\t"
		"movw %3, %%ax\n\t"
		"ltr %%ax"
		:
		: "m"(pointer), "i"(SELECTOR_KERNEL_CODE), "i"(SELECTOR_KERNEL_DATA), "i"(SELECTOR_TSS)
		: "rax", "memory");
}

void tss_set_kernel_stack(uint64_t top)
{
	tss.rsp[0] = top;
}

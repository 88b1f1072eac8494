#include "kernel/arch/x86_64/idt.h"

#include <stdint.h>

#include "kernel/arch/x86_64/segments.h"

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attributes;
	uint16_t offset_middle;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

struct idt_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

#define GATE_INTERRUPT_KERNEL 0x8e /* present, DPL 0, 64-bit interrupt gate */
#define GATE_INTERRUPT_USER 0xee   /* the same, DPL 3: user code may raise it with int */
#define TRAP_STUB_SIZE 16

extern const char trap_stubs[];
static struct idt_gate idt[256] __attribute__((aligned(16)));

static void set_gate(int vector, int ist, uint8_t type_attributes)
{
	uint64_t handler = (uint64_t)(trap_stubs + vector * TRAP_STUB_SIZE);
	idt[vector] = (struct idt_gate){
		.offset_low = handler & 0xffff,
		.selector = SELECTOR_KERNEL_CODE,
		.ist = (uint8_t)ist,
		.type_attributes = type_attributes,
		.offset_middle = (handler >> 16) & 0xffff,
		.offset_high = handler >> 32,
	};
}

void idt_init(void)
{
	for (int vector = 0; vector < 256; vector++)
		set_gate(vector, 0, GATE_INTERRUPT_KERNEL);
	/* These may arrive on a broken stack: give them their own. */
	set_gate(2, IST_NMI, GATE_INTERRUPT_KERNEL);
	set_gate(8, IST_DOUBLE_FAULT, GATE_INTERRUPT_KERNEL);
	set_gate(18, IST_MACHINE_CHECK, GATE_INTERRUPT_KERNEL);
	/* int3 from user code is a breakpoint for its fault handler (a
	 * debugger), not a #GP; every other vector stays out of its reach. */
	set_gate(3, 0, GATE_INTERRUPT_USER);
	struct idt_pointer pointer = { sizeof idt - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" : : "m"(pointer));
}

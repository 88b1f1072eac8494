/* Interrupt vector assignment and handler registration. */
#ifndef KERNEL_ARCH_X86_64_INTERRUPTS_H
#define KERNEL_ARCH_X86_64_INTERRUPTS_H

#include "kernel/arch/x86_64/trap_frame.h"

#define VECTOR_FIRST_IRQ 32
#define VECTOR_LEGACY_PIC_BASE 0x20 /* 0x20-0x2f, all masked */
#define VECTOR_APIC_TIMER 0x30
/* IRQ handlers for user space (kernel/arch/x86_64/irq.c): I/O APIC inputs
 * and MSIs each take one of these, lowest free first. */
#define VECTOR_DEVICE_FIRST 0x40
#define VECTOR_DEVICE_LAST 0xef
#define VECTOR_APIC_SPURIOUS 0xff

typedef void (*interrupt_handler)(struct trap_frame *frame);

/* Handlers run with interrupts off; the dispatcher sends the EOI. */
void interrupt_register(int vector, interrupt_handler handler);

#endif

/* The interrupt descriptor table: every vector goes to trap_dispatch. */
#ifndef KERNEL_ARCH_X86_64_IDT_H
#define KERNEL_ARCH_X86_64_IDT_H

void idt_init(void);

#endif

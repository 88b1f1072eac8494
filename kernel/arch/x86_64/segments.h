/* The GDT and the TSS, with IST stacks for double fault, NMI and #MC. */
#ifndef KERNEL_ARCH_X86_64_SEGMENTS_H
#define KERNEL_ARCH_X86_64_SEGMENTS_H

#include <stdint.h>

/* Selector layout fixed by syscall/sysret: user data sits just below user
 * code, and both follow a 32-bit user code slot. */
#define SELECTOR_KERNEL_CODE 0x08
#define SELECTOR_KERNEL_DATA 0x10
#define SELECTOR_USER_CODE32 0x1b
#define SELECTOR_USER_DATA 0x23
#define SELECTOR_USER_CODE 0x2b
#define SELECTOR_TSS 0x30

#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_MACHINE_CHECK 3
#define IST_COUNT 3

#define KERNEL_STACK_SIZE 16384

/* A stack with a guard page below it; paging_init leaves the guard unmapped. */
struct kernel_stack {
	uint8_t guard[4096];
	uint8_t bytes[KERNEL_STACK_SIZE];
} __attribute__((aligned(4096)));

extern struct kernel_stack ist_stacks[IST_COUNT];

void segments_init(void);

/* Where the CPU switches the stack on an interrupt from user mode. */
void tss_set_kernel_stack(uint64_t top);

#endif

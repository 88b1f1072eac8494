/* The register state trap_entry.S saves on every exception and interrupt. */
#ifndef KERNEL_ARCH_X86_64_TRAP_FRAME_H
#define KERNEL_ARCH_X86_64_TRAP_FRAME_H

#include <stdint.h>

#define RFLAGS_IF (1ull << 9) /* interrupts enabled: always, in user mode */

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error_code;
	/* Pushed by the CPU. */
	uint64_t rip, cs, rflags, rsp, ss;
};

void trap_dispatch(struct trap_frame *frame);

#endif

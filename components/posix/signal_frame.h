/*
 * Linux's x86-64 signal frame (struct rt_sigframe): what a handler finds
 * on its stack, and what rt_sigreturn reads back. Layouts as the Linux
 * UAPI defines them. fpstate points at the interrupted code's x87/SSE
 * registers (FXSAVE's layout), which rt_sigreturn puts back.
 */
#ifndef POSIX_SIGNAL_FRAME_H
#define POSIX_SIGNAL_FRAME_H

#include <stdint.h>

#include "components/posix/signal.h"
#include "user/lib/strata.h"

struct linux_sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;
	uint64_t reserved[8];
};

struct linux_stack {
	uint64_t sp;
	int32_t flags;
	int32_t pad;
	uint64_t size;
};

struct linux_ucontext {
	uint64_t flags;
	uint64_t link;
	struct linux_stack stack;
	struct linux_sigcontext mcontext;
	uint64_t sigmask;
};

struct linux_siginfo {
	int32_t signo, error, code, pad;
	union {
		uint8_t raw[112];
		struct {
			int32_t pid;
			uint32_t uid;
			int32_t status;
			int32_t pad;
			int64_t utime, stime;
		} child;
		struct {
			int32_t pid;
			uint32_t uid;
			uint64_t value;
		} kill;
		struct {
			uint64_t address;
		} fault;
	};
};

struct linux_rt_sigframe {
	uint64_t restorer; /* the handler's return address */
	struct linux_ucontext uc;
	struct linux_siginfo info;
};

#define LINUX_SS_ONSTACK 1
#define LINUX_SS_DISABLE 2
#define LINUX_MINSIGSTKSZ 2048

struct process;

/* Writes the frame for signal below the stack *registers describe (or on
 * the alternate stack) and points *registers at the handler. 0, or
 * -LINUX_EFAULT if the stack cannot take it. */
long signal_frame_push(struct process *p, int signal, const struct linux_sigaction *action,
		       const struct signal_info *info, uint64_t saved_mask, struct st_registers *registers);

/* Fills a siginfo as the signal's sender described it. */
void signal_frame_siginfo(struct linux_siginfo *out, int signal, const struct signal_info *info);

#endif

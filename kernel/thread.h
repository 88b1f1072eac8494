/*
 * Threads as the nucleus runs them: saved user registers and FPU state, an
 * address space, a state. (Issue 3 turns this into the thread object made
 * from untyped memory and adds the scheduler; for now the nucleus runs the
 * root task's one thread.)
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <stdint.h>

#include "kernel/arch/x86_64/trap_frame.h"

enum thread_state {
	THREAD_INACTIVE,
	THREAD_RUNNABLE,
	THREAD_DEAD,
};

struct thread {
	/* Aligned so its end is 16-byte aligned: the CPU pushes the user
	 * frame there on entry (TSS.rsp0 = &frame + 1). */
	struct trap_frame frame __attribute__((aligned(16)));
	uint8_t fpu_state[512] __attribute__((aligned(16))); /* FXSAVE area */
	uint64_t address_space; /* physical address of the top-level page table */
	enum thread_state state;
	char name[32];
};

extern struct thread *current_thread;
/* End of current_thread->frame, read by syscall_entry. */
extern uint64_t current_frame_end;

/* Enables SSE for user code, sets up syscall, captures the initial FPU state. */
void user_mode_init(void);

/* Prepares a thread to start at rip with stack rsp and rdi = argument. */
void thread_init(struct thread *thread, const char *name, uint64_t address_space, uint64_t rip,
		 uint64_t rsp, uint64_t argument);

/* Enters user mode in the current thread, or idles if none can run. */
_Noreturn void thread_return_to_user(void);

/* Makes thread the current one and enters it. */
_Noreturn void thread_start(struct thread *thread);

/* Runs when no thread can: halts between interrupts (kernel/main.c). */
_Noreturn void idle_forever(void);

/* Stops a thread for good (a fault with no handler, or exit). */
void thread_kill(struct thread *thread, const char *why);

#endif

#include "kernel/thread.h"

#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/segments.h"
#include "kernel/printk.h"
#include "lib/string.h"

#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084
#define EFER_SCE (1u << 0)

#define RFLAGS_IF (1ull << 9)
/* What user code may set in rflags: arithmetic flags, TF, DF, AC (not IOPL,
 * NT, RF, VM, VIF/VIP, ID). */
#define RFLAGS_USER_MASK 0x0000000000040dd5ull

struct thread *current_thread;
uint64_t current_frame_end;
static struct thread *fpu_owner;
static uint8_t initial_fpu_state[512] __attribute__((aligned(16)));

extern void syscall_entry(void);
extern _Noreturn void return_to_user(struct trap_frame *frame);

void user_mode_init(void)
{
	/* SSE for user code: CR0.EM off, MP on; CR4.OSFXSR and OSXMMEXCPT. The
	 * nucleus itself never touches FPU or SSE registers. */
	write_cr0((read_cr0() & ~(1ull << 2)) | (1ull << 1));
	write_cr4(read_cr4() | (1ull << 9) | (1ull << 10));
	__asm__ volatile("fninit; fxsave %0" : "=m"(initial_fpu_state));
	uint32_t mxcsr_default = 0x1f80; /* all SIMD exceptions masked */
	memcpy(initial_fpu_state + 24, &mxcsr_default, 4);

	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* sysret would take CS from STAR[63:48] + 16 and SS from + 8. */
	wrmsr(MSR_STAR, ((uint64_t)(SELECTOR_USER_CODE32 & ~3) << 48) | ((uint64_t)SELECTOR_KERNEL_CODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* Entering the nucleus: interrupts off, direction forward, no trap, no AC. */
	wrmsr(MSR_FMASK, RFLAGS_IF | (1u << 10) | (1u << 8) | (1u << 18));
}

void thread_init(struct thread *thread, const char *name, uint64_t address_space, uint64_t rip,
		 uint64_t rsp, uint64_t argument)
{
	memset(thread, 0, sizeof *thread);
	strlcpy(thread->name, name, sizeof thread->name);
	thread->address_space = address_space;
	thread->frame.rip = rip;
	thread->frame.rsp = rsp;
	thread->frame.rdi = argument;
	thread->frame.cs = SELECTOR_USER_CODE;
	thread->frame.ss = SELECTOR_USER_DATA;
	thread->frame.rflags = RFLAGS_IF;
	memcpy(thread->fpu_state, initial_fpu_state, sizeof initial_fpu_state);
	thread->state = THREAD_RUNNABLE;
}

static void switch_fpu(struct thread *thread)
{
	if (fpu_owner == thread)
		return;
	if (fpu_owner && fpu_owner->state != THREAD_DEAD)
		__asm__ volatile("fxsave %0" : "=m"(fpu_owner->fpu_state));
	__asm__ volatile("fxrstor %0" : : "m"(thread->fpu_state));
	fpu_owner = thread;
}

_Noreturn void thread_return_to_user(void)
{
	struct thread *thread = current_thread;
	if (!thread || thread->state != THREAD_RUNNABLE) {
		current_thread = NULL;
		idle_forever();
	}
	switch_fpu(thread);
	if (read_cr3() != thread->address_space)
		write_cr3(thread->address_space);
	thread->frame.rflags = (thread->frame.rflags & RFLAGS_USER_MASK) | RFLAGS_IF;
	return_to_user(&thread->frame);
}

_Noreturn void thread_start(struct thread *thread)
{
	current_thread = thread;
	current_frame_end = (uint64_t)(&thread->frame + 1);
	tss_set_kernel_stack(current_frame_end);
	thread_return_to_user();
}

void thread_kill(struct thread *thread, const char *why)
{
	kprintf("thread '%s' stopped: %s\n", thread->name, why);
	thread->state = THREAD_DEAD;
	if (fpu_owner == thread)
		fpu_owner = NULL;
}

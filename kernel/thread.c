#include "kernel/thread.h"

#include "include/strata/objects.h"
#include "kernel/arch/x86_64/apic_timer.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/paging.h"
#include "kernel/arch/x86_64/segments.h"
#include "kernel/arch/x86_64/vspace.h"
#include "kernel/ipc/fault.h"
#include "kernel/ipc/ipc.h"
#include "kernel/printk.h"
#include "kernel/scheduler.h"
#include "lib/string.h"

#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084
#define EFER_SCE (1u << 0)

/* What user code may set in rflags: arithmetic flags, TF, DF, AC (not IOPL,
 * NT, RF, VM, VIF/VIP, ID). */
#define RFLAGS_USER_MASK 0x0000000000040dd5ull

#define DEFAULT_TIME_SLICE_TICKS 1

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

void thread_object_init(struct thread *thread)
{
	thread->frame.cs = SELECTOR_USER_CODE;
	thread->frame.ss = SELECTOR_USER_DATA;
	thread->frame.rflags = RFLAGS_IF;
	memcpy(thread->fpu_state, initial_fpu_state, sizeof initial_fpu_state);
	thread->state = ST_THREAD_INACTIVE;
	thread->time_slice = thread->ticks_left = DEFAULT_TIME_SLICE_TICKS;
	strlcpy(thread->name, "thread", sizeof thread->name);
}

void thread_resume(struct thread *thread)
{
	if (thread->state == ST_THREAD_RUNNABLE)
		return;
	thread->state = ST_THREAD_RUNNABLE;
	thread->ticks_left = thread->time_slice;
	scheduler_add(thread);
}

void thread_stop(struct thread *thread, unsigned state)
{
	if (thread_blocked(thread))
		ipc_cancel(thread);
	scheduler_remove(thread);
	thread->state = (uint8_t)state;
}

void thread_destroy(struct thread *thread)
{
	thread_stop(thread, ST_THREAD_INACTIVE);
	thread->destroyed = 1;
	if (thread->bound_notification)
		thread->bound_notification->bound = NULL;
	thread->bound_notification = NULL;
	if (current_thread == thread)
		current_thread = NULL;
	if (fpu_owner == thread)
		fpu_owner = NULL;
	/* Its capability copies are deleted after this deletion finishes. */
	thread->slot_clearing.slots = thread->slots;
	thread->slot_clearing.count = THREAD_SLOT_COUNT;
	cspace_clear_later(&thread->slot_clearing);
}

bool thread_fault(struct thread *thread, const struct trap_frame *frame, uint64_t address)
{
	thread->fault_vector = (uint8_t)frame->vector;
	thread->fault_error = frame->error_code;
	thread->fault_address = address;
	if (fault_deliver(thread))
		return true;
	thread_stop(thread, ST_THREAD_FAULTED);
	return false;
}

void thread_fpu_read(struct thread *thread, uint8_t *state)
{
	if (fpu_owner == thread) /* its registers are the CPU's */
		__asm__ volatile("fxsave %0" : "=m"(thread->fpu_state));
	memcpy(state, thread->fpu_state, sizeof thread->fpu_state);
}

int thread_fpu_write(struct thread *thread, const uint8_t *state)
{
	/* fxrstor faults on MXCSR bits the CPU lacks: refuse them here. */
	uint32_t mxcsr, mask;
	memcpy(&mxcsr, state + 24, 4);
	memcpy(&mask, initial_fpu_state + 28, 4);
	if (mxcsr & ~(mask ? mask : 0xffbfu))
		return ST_ERROR_INVALID_ARGUMENT;
	memcpy(thread->fpu_state, state, sizeof thread->fpu_state);
	if (fpu_owner == thread)
		fpu_owner = NULL; /* the CPU's copy is stale: load this one when it next runs */
	return ST_OK;
}

static void switch_fpu(struct thread *thread)
{
	if (fpu_owner == thread)
		return;
	if (fpu_owner)
		__asm__ volatile("fxsave %0" : "=m"(fpu_owner->fpu_state));
	__asm__ volatile("fxrstor %0" : : "m"(thread->fpu_state));
	fpu_owner = thread;
}

/* The last step into user mode: rflags as user code may have them. */
static _Noreturn void enter_frame(struct thread *thread)
{
	thread->frame.rflags = (thread->frame.rflags & RFLAGS_USER_MASK) | RFLAGS_IF;
	return_to_user(&thread->frame);
}

_Noreturn void thread_return_to_user(void)
{
	struct thread *thread = current_thread;
	/* Most system calls change nothing the scheduler sees: go straight
	 * back (same thread, same address space, same FPU state). */
	if (thread && !scheduler_changed && thread->state == ST_THREAD_RUNNABLE &&
	    thread_address_space(thread) == (read_cr3() & PTE_ADDRESS_MASK)) {
		enter_frame(thread);
	}
	/* A runnable thread always has an address space (resume and configure
	 * see to it); one without is stopped rather than entered. */
	while ((thread = scheduler_pick()) && !thread_address_space(thread))
		thread_stop(thread, ST_THREAD_INACTIVE);
	if (!thread) {
		current_thread = NULL;
		idle_forever();
	}
	thread_enter(thread);
}

/* Threads that never set an FS base all run with 0 (a selector load cannot
 * give them another), so switching among them writes no MSR. */
static bool fs_base_nonzero;

static void switch_fs_base(const struct thread *thread)
{
	if (thread->fs_base || fs_base_nonzero) {
		wrmsr(MSR_FS_BASE, thread->fs_base);
		fs_base_nonzero = thread->fs_base != 0;
	}
}

_Noreturn void thread_enter(struct thread *thread)
{
	current_thread = thread;
	scheduler_changed = false;
	current_frame_end = (uint64_t)(&thread->frame + 1);
	tss_set_kernel_stack(current_frame_end);
	switch_fpu(thread);
	switch_fs_base(thread);
	uint64_t root = thread_address_space(thread);
	if ((read_cr3() & PTE_ADDRESS_MASK) != root)
		vspace_load(root);
	enter_frame(thread);
}

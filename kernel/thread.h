/*
 * Thread objects: a thread's saved user registers and FPU state, the
 * capabilities it runs with (capability space, address space, IPC buffer),
 * its scheduling parameters. Each lives in 4 KiB retyped from untyped
 * memory (the root task's, in memory the nucleus set aside at boot).
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/arch/x86_64/trap_frame.h"
#include "kernel/object/slot.h"

enum thread_slot {
	THREAD_SLOT_CSPACE,
	THREAD_SLOT_VSPACE,
	THREAD_SLOT_IPC_BUFFER,
	THREAD_SLOT_COUNT,
};

struct thread {
	/* Aligned so its end is 16-byte aligned: the CPU pushes the user
	 * frame there on entry (TSS.rsp0 = &frame + 1). */
	struct trap_frame frame __attribute__((aligned(16)));
	uint8_t fpu_state[512] __attribute__((aligned(16))); /* FXSAVE area */
	/* Copies of the capabilities the thread was configured with; they
	 * keep those objects alive while the thread uses them. */
	struct slot slots[THREAD_SLOT_COUNT];
	struct slot_container slot_clearing; /* used when the thread is destroyed */
	uint64_t ipc_buffer_address;
	uint64_t fault_handler; /* a slot reference in its own capability space */
	/* Its Linux system calls (kernel/ipc/personality.c): ST_PERSONALITY_*
	 * and the endpoint slot reference or upcall address. */
	uint64_t personality_handler;
	uint8_t personality;
	uint64_t fs_base;       /* its FS base (MSR_FS_BASE while it runs) */
	/* Run queue links (kernel/scheduler.c) while runnable. */
	struct thread *queue_next, *queue_prev;
	/* IPC (kernel/object/endpoint.c, notification.c): the wait queue it
	 * blocks in, its links there, and what the blocked operation needs. */
	struct wait_queue *waiting_in;
	struct thread *wait_next, *wait_prev;
	uint64_t ipc_badge;          /* blocked sending: the badge it sends with */
	struct reply *reply;         /* receiving: its reply object; blocked on a reply: the one holding it */
	struct notification *bound_notification;
	uint64_t wake_tick;          /* a timed wait ends at this timer tick (kernel/timeout.c) */
	struct thread *timeout_next, *timeout_prev;
	uint8_t ipc_flags;           /* IPC_* below */
	uint32_t time_slice; /* timer ticks */
	uint32_t ticks_left;
	uint8_t state;       /* enum st_thread_state */
	uint8_t priority;
	uint8_t mcp;         /* maximum controlled priority */
	uint8_t fault_vector;
	uint8_t destroyed;   /* its last capability went (memory not yet reused) */
	uint64_t fault_error;
	uint64_t fault_address;
	char name[32];
};

/* thread->ipc_flags, while blocked sending. */
#define IPC_CALL (1u << 0)  /* a call: wait for the reply after */
#define IPC_GRANT (1u << 1) /* its endpoint capability may pass capabilities */
#define IPC_FAULT (1u << 2) /* the message is its fault, not its registers */
#define IPC_LINUX (1u << 3) /* the message is its Linux system call (with IPC_CALL) */

_Static_assert(sizeof(struct thread) <= 4096, "a thread object is 4 KiB");

/* A thread's FXSAVE image (ST_FPU_STATE_SIZE bytes). Writing refuses
 * MXCSR bits the CPU does not have; the caller refuses the running thread. */
void thread_fpu_read(struct thread *thread, uint8_t *state);
int thread_fpu_write(struct thread *thread, const uint8_t *state);

extern struct thread *current_thread;
/* End of current_thread->frame, read by syscall_entry. */
extern uint64_t current_frame_end;

/* Enables SSE for user code, sets up syscall, captures the initial FPU state. */
void user_mode_init(void);

/* Fills in a zeroed thread object: inactive, priority 0, default slice. */
void thread_object_init(struct thread *thread);

/* Its last capability went: stop it and drop what it holds. */
void thread_destroy(struct thread *thread);

/* The physical address of the thread's top-level page table, or 0. */
static inline uint64_t thread_address_space(const struct thread *thread)
{
	const struct cap *vspace = &thread->slots[THREAD_SLOT_VSPACE].cap;
	return vspace->type == ST_OBJECT_VSPACE ? vspace->object : 0;
}

/* In IPC or asleep: it goes on when that ends. */
static inline bool thread_blocked(const struct thread *thread)
{
	return thread->state >= ST_THREAD_BLOCKED_SEND && thread->state <= ST_THREAD_SLEEPING;
}

/* Makes it runnable (it must have an address space). */
void thread_resume(struct thread *thread);

/* Takes it off the CPU for good or until resumed, in the given state; a
 * blocked IPC is abandoned (its call returns ST_ERROR_ABORTED). */
void thread_stop(struct thread *thread, unsigned state);

/* The current thread's CPU exception: sent to its fault handler (true), or,
 * with none it can reach, the thread stops, faulted (false). */
bool thread_fault(struct thread *thread, const struct trap_frame *frame, uint64_t address);

/* Enters user mode in the thread the scheduler picks, or idles. */
_Noreturn void thread_return_to_user(void);
/* Enters user mode in this thread (it has an address space). */
_Noreturn void thread_enter(struct thread *thread);

/* Runs when no thread can: halts until one can (kernel/main.c). */
_Noreturn void idle_forever(void);

#endif

/* Thread calls: configure, registers, resume, suspend, scheduling. */
#include "include/strata/syscalls.h"
#include "kernel/arch/x86_64/apic_timer.h"
#include "kernel/mm/layout.h"
#include "kernel/object/cspace.h"
#include "kernel/object/object.h"
#include "kernel/scheduler.h"
#include "kernel/syscall.h"
#include "kernel/thread.h"
#include "kernel/user_copy.h"
#include "kernel/wait_queue.h"
#include "lib/string.h"

static int find_thread(uint64_t ref, unsigned rights, struct thread **out)
{
	struct slot *slot;
	int error = cspace_cap(ref, ST_OBJECT_THREAD, rights, &slot);
	if (!error)
		*out = phys_to_virt(slot->cap.object);
	return error;
}

int sys_thread_configure(struct syscall_args *args)
{
	struct thread *thread;
	struct slot *cspace = NULL, *vspace, *ipc_buffer = NULL;
	uint64_t ipc_address = args->a[4];
	int error = find_thread(args->a[0], ST_RIGHT_WRITE, &thread);
	if (!error && args->a[1])
		error = cspace_cap(args->a[1], ST_OBJECT_CNODE, 0, &cspace);
	if (!error)
		error = cspace_cap(args->a[2], ST_OBJECT_VSPACE, 0, &vspace);
	if (!error && args->a[3])
		error = cspace_cap(args->a[3], ST_OBJECT_FRAME, ST_RIGHT_READ | ST_RIGHT_WRITE, &ipc_buffer);
	if (error)
		return error;
	/* The IPC buffer: page-aligned user address, or none at all. */
	if ((ipc_buffer ? ipc_address % 4096 != 0 || ipc_address >= ST_USER_ADDRESS_LIMIT : ipc_address != 0))
		return ST_ERROR_INVALID_ARGUMENT;
	/* Copy the new capabilities first, then drop the old ones: deleting an
	 * old one may destroy objects (even the caller's CNode holding a
	 * source), and the copies keep what the thread needs alive. */
	struct slot *sources[THREAD_SLOT_COUNT] = { cspace, vspace, ipc_buffer };
	struct slot copies[THREAD_SLOT_COUNT] = { 0 };
	for (int i = 0; i < THREAD_SLOT_COUNT; i++) {
		if (sources[i])
			slot_derive(sources[i], &copies[i], ST_RIGHTS_ALL, false, 0);
	}
	for (int i = 0; i < THREAD_SLOT_COUNT; i++) {
		if (!slot_empty(&thread->slots[i]))
			slot_delete(&thread->slots[i]);
	}
	for (int i = 0; i < THREAD_SLOT_COUNT; i++) {
		/* Those deletions may have destroyed the thread itself (its last
		 * capability was in a CNode that went): then drop the copies. */
		if (thread->destroyed)
			slot_delete(&copies[i]);
		else
			slot_move(&copies[i], &thread->slots[i]);
	}
	if (thread->destroyed)
		return ST_OK;
	thread->ipc_buffer_address = ipc_address;
	thread->fault_handler = args->a[5];
	return ST_OK;
}

int sys_thread_write_registers(struct syscall_args *args)
{
	struct thread *thread;
	struct st_registers r;
	int error = find_thread(args->a[0], ST_RIGHT_WRITE, &thread);
	if (error)
		return error;
	if (thread == current_thread)
		return ST_ERROR_ILLEGAL_OPERATION; /* its registers are this call's */
	if ((error = user_copy_from(thread_address_space(current_thread), &r, args->a[1], sizeof r)))
		return error;
	/* iretq to a non-canonical rip would fault in the nucleus. */
	if (r.rip >= ST_USER_ADDRESS_LIMIT || r.rsp >= ST_USER_ADDRESS_LIMIT || r.fs_base >= ST_USER_ADDRESS_LIMIT)
		return ST_ERROR_INVALID_ARGUMENT;
	struct trap_frame *f = &thread->frame;
	f->rip = r.rip, f->rsp = r.rsp, f->rflags = r.rflags | RFLAGS_IF; /* masked on every return to user */
	f->rax = r.rax, f->rbx = r.rbx, f->rcx = r.rcx, f->rdx = r.rdx;
	f->rsi = r.rsi, f->rdi = r.rdi, f->rbp = r.rbp;
	f->r8 = r.r8, f->r9 = r.r9, f->r10 = r.r10, f->r11 = r.r11;
	f->r12 = r.r12, f->r13 = r.r13, f->r14 = r.r14, f->r15 = r.r15;
	thread->fs_base = r.fs_base;
	/* Back to user mode through iretq, which restores rcx and r11 too. */
	f->vector = 0;
	return ST_OK;
}

int sys_thread_read_registers(struct syscall_args *args)
{
	struct thread *thread;
	int error = find_thread(args->a[0], ST_RIGHT_READ, &thread);
	if (error)
		return error;
	const struct trap_frame *f = &thread->frame;
	struct st_registers r = {
		.rip = f->rip, .rsp = f->rsp, .rflags = f->rflags,
		.rax = f->rax, .rbx = f->rbx, .rcx = f->rcx, .rdx = f->rdx,
		.rsi = f->rsi, .rdi = f->rdi, .rbp = f->rbp,
		.r8 = f->r8, .r9 = f->r9, .r10 = f->r10, .r11 = f->r11,
		.r12 = f->r12, .r13 = f->r13, .r14 = f->r14, .r15 = f->r15,
		.fs_base = thread->fs_base,
	};
	return user_copy_to(thread_address_space(current_thread), args->a[1], &r, sizeof r);
}

int sys_thread_resume(struct syscall_args *args)
{
	struct thread *thread;
	int error = find_thread(args->a[0], ST_RIGHT_WRITE, &thread);
	if (error)
		return error;
	if (!thread_address_space(thread))
		return ST_ERROR_ILLEGAL_OPERATION; /* configure it first */
	/* A blocked thread is already going: its IPC or sleep ends it. */
	if (!thread_blocked(thread))
		thread_resume(thread);
	return ST_OK;
}

int sys_thread_suspend(struct syscall_args *args)
{
	struct thread *thread;
	int error = find_thread(args->a[0], ST_RIGHT_WRITE, &thread);
	if (!error && (thread->state == ST_THREAD_RUNNABLE || thread_blocked(thread)))
		thread_stop(thread, ST_THREAD_SUSPENDED);
	return error;
}

/* Priority and MCP: the new value may not exceed the MCP of the authority
 * thread, so no thread can lift anything above what it was given. */
static int set_scheduling(struct syscall_args *args, bool set_mcp)
{
	struct thread *thread, *authority;
	int error = find_thread(args->a[0], ST_RIGHT_WRITE, &thread);
	if (!error)
		error = find_thread(args->a[1], 0, &authority);
	if (error)
		return error;
	uint64_t value = args->a[2];
	if (value > ST_PRIORITY_MAX)
		return ST_ERROR_INVALID_ARGUMENT;
	if (value > authority->mcp)
		return ST_ERROR_NO_RIGHTS;
	if (set_mcp) {
		thread->mcp = (uint8_t)value;
		return ST_OK;
	}
	/* A thread waiting in IPC takes its new place in that queue too. */
	struct wait_queue *queue = thread->waiting_in;
	if (queue)
		wait_queue_remove(thread);
	scheduler_set_priority(thread, (unsigned)value);
	if (queue)
		wait_queue_add(queue, thread);
	return ST_OK;
}

int sys_thread_set_priority(struct syscall_args *args)
{
	return set_scheduling(args, false);
}

int sys_thread_set_mcp(struct syscall_args *args)
{
	return set_scheduling(args, true);
}

int sys_thread_set_time_slice(struct syscall_args *args)
{
	struct thread *thread;
	int error = find_thread(args->a[0], ST_RIGHT_WRITE, &thread);
	if (error)
		return error;
	uint64_t us = args->a[1];
	if (us == 0 || us > ST_TIME_SLICE_MAX_US)
		return ST_ERROR_INVALID_ARGUMENT;
	/* Whole timer ticks, rounded up. */
	uint64_t ticks = (us * timer_hz + 999999) / 1000000;
	thread->time_slice = (uint32_t)(ticks ? ticks : 1);
	if (thread->ticks_left > thread->time_slice)
		thread->ticks_left = thread->time_slice;
	return ST_OK;
}

int sys_thread_state(struct syscall_args *args)
{
	struct thread *thread;
	int error = find_thread(args->a[0], ST_RIGHT_READ, &thread);
	if (error)
		return error;
	args->result = thread->state | (uint64_t)thread->fault_vector << 8 | thread->fault_error << 16;
	args->result2 = thread->fault_address;
	return ST_OK;
}

int sys_thread_set_name(struct syscall_args *args)
{
	struct thread *thread;
	int error = find_thread(args->a[0], ST_RIGHT_WRITE, &thread);
	if (error)
		return error;
	uint64_t length = args->a[2];
	char name[sizeof thread->name];
	if (length >= sizeof name)
		return ST_ERROR_INVALID_ARGUMENT;
	if ((error = user_copy_from(thread_address_space(current_thread), name, args->a[1], length)))
		return error;
	for (uint64_t i = 0; i < length; i++) {
		if (name[i] < 0x20 || name[i] > 0x7e)
			return ST_ERROR_INVALID_ARGUMENT; /* printable ASCII only */
	}
	name[length] = '\0';
	memcpy(thread->name, name, length + 1);
	return ST_OK;
}

int sys_thread_set_personality(struct syscall_args *args)
{
	struct thread *thread;
	int error = find_thread(args->a[0], ST_RIGHT_WRITE, &thread);
	if (error)
		return error;
	uint64_t mode = args->a[1], handler = args->a[2];
	if (mode > ST_PERSONALITY_UPCALL || (mode == ST_PERSONALITY_UPCALL && handler >= ST_USER_ADDRESS_LIMIT))
		return ST_ERROR_INVALID_ARGUMENT;
	thread->personality = (uint8_t)mode;
	thread->personality_handler = mode == ST_PERSONALITY_NATIVE ? 0 : handler;
	return ST_OK;
}

int sys_thread_read_fpu(struct syscall_args *args)
{
	struct thread *thread;
	int error = find_thread(args->a[0], ST_RIGHT_READ, &thread);
	if (error)
		return error;
	uint8_t state[ST_FPU_STATE_SIZE];
	thread_fpu_read(thread, state);
	return user_copy_to(thread_address_space(current_thread), args->a[1], state, sizeof state);
}

int sys_thread_write_fpu(struct syscall_args *args)
{
	struct thread *thread;
	int error = find_thread(args->a[0], ST_RIGHT_WRITE, &thread);
	if (error)
		return error;
	if (thread == current_thread)
		return ST_ERROR_ILLEGAL_OPERATION; /* its registers are live in this call */
	uint8_t state[ST_FPU_STATE_SIZE];
	if ((error = user_copy_from(thread_address_space(current_thread), state, args->a[1], sizeof state)))
		return error;
	return thread_fpu_write(thread, state);
}

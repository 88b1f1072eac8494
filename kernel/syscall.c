/* The native system calls (include/strata/syscalls.h, docs/syscalls.md). */
#include "include/strata/errors.h"
#include "include/strata/syscalls.h"
#include "kernel/arch/x86_64/trap_frame.h"
#include "kernel/printk.h"
#include "kernel/thread.h"
#include "kernel/user_copy.h"

void syscall_dispatch(struct trap_frame *frame);

static uint64_t sys_debug_write(uint64_t buffer, uint64_t length)
{
	if (length > ST_DEBUG_WRITE_MAX)
		return ST_ERROR_INVALID_ARGUMENT;
	char text[ST_DEBUG_WRITE_MAX];
	int error = user_copy_from(current_thread->address_space, text, buffer, length);
	if (error)
		return (uint64_t)error;
	kprintf("%.*s", (int)length, text);
	return ST_OK;
}

void syscall_dispatch(struct trap_frame *frame)
{
	switch (frame->rax) {
	case ST_SYS_DEBUG_WRITE:
		frame->rax = sys_debug_write(frame->rdi, frame->rsi);
		break;
	case ST_SYS_THREAD_EXIT:
		thread_kill(current_thread, "exited");
		break;
	default:
		frame->rax = ST_ERROR_INVALID_SYSCALL;
		break;
	}
}

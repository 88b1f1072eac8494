/* The native system calls: the dispatch table and the simplest calls. The
 * others live beside their objects (kernel/object/). docs/syscalls.md. */
#include "include/strata/errors.h"
#include "include/strata/syscalls.h"
#include "kernel/arch/x86_64/trap_frame.h"
#include "kernel/ipc/personality.h"
#include "kernel/printk.h"
#include "kernel/scheduler.h"
#include "kernel/syscall.h"
#include "kernel/thread.h"
#include "kernel/user_copy.h"

void syscall_dispatch(struct trap_frame *frame);

int sys_debug_write(struct syscall_args *args)
{
	uint64_t length = args->a[1];
	if (length > ST_DEBUG_WRITE_MAX)
		return ST_ERROR_INVALID_ARGUMENT;
	char text[ST_DEBUG_WRITE_MAX];
	int error = user_copy_from(thread_address_space(current_thread), text, args->a[0], length);
	if (error)
		return error;
	kprintf("%.*s", (int)length, text);
	return ST_OK;
}

int sys_thread_exit(struct syscall_args *args)
{
	(void)args;
	kprintf("thread '%s' stopped: exited\n", current_thread->name);
	thread_stop(current_thread, ST_THREAD_EXITED);
	return ST_OK;
}

int sys_yield(struct syscall_args *args)
{
	(void)args;
	scheduler_rotate(current_thread);
	return ST_OK;
}

static syscall_handler *const handlers[ST_SYSCALL_COUNT] = {
	[ST_SYS_DEBUG_WRITE] = sys_debug_write,
	[ST_SYS_THREAD_EXIT] = sys_thread_exit,
	[ST_SYS_YIELD] = sys_yield,
	[ST_SYS_CAP_IDENTIFY] = sys_cap_identify,
	[ST_SYS_CAP_COPY] = sys_cap_copy,
	[ST_SYS_CAP_MINT] = sys_cap_mint,
	[ST_SYS_CAP_MOVE] = sys_cap_move,
	[ST_SYS_CAP_DELETE] = sys_cap_delete,
	[ST_SYS_CAP_REVOKE] = sys_cap_revoke,
	[ST_SYS_UNTYPED_RETYPE] = sys_untyped_retype,
	[ST_SYS_FRAME_MAP] = sys_frame_map,
	[ST_SYS_FRAME_UNMAP] = sys_frame_unmap,
	[ST_SYS_FRAME_PROTECT] = sys_frame_protect,
	[ST_SYS_PAGE_TABLE_MAP] = sys_page_table_map,
	[ST_SYS_PAGE_TABLE_UNMAP] = sys_page_table_unmap,
	[ST_SYS_THREAD_CONFIGURE] = sys_thread_configure,
	[ST_SYS_THREAD_WRITE_REGISTERS] = sys_thread_write_registers,
	[ST_SYS_THREAD_READ_REGISTERS] = sys_thread_read_registers,
	[ST_SYS_THREAD_RESUME] = sys_thread_resume,
	[ST_SYS_THREAD_SUSPEND] = sys_thread_suspend,
	[ST_SYS_THREAD_SET_PRIORITY] = sys_thread_set_priority,
	[ST_SYS_THREAD_SET_MCP] = sys_thread_set_mcp,
	[ST_SYS_THREAD_SET_TIME_SLICE] = sys_thread_set_time_slice,
	[ST_SYS_THREAD_STATE] = sys_thread_state,
	[ST_SYS_THREAD_SET_NAME] = sys_thread_set_name,
	[ST_SYS_THREAD_BIND_NOTIFICATION] = sys_thread_bind_notification,
	[ST_SYS_SLEEP] = sys_sleep,
	[ST_SYS_IRQ_CONTROL_GET] = sys_irq_control_get,
	[ST_SYS_IRQ_CONTROL_GET_MSI] = sys_irq_control_get_msi,
	[ST_SYS_IRQ_HANDLER_SET_NOTIFICATION] = sys_irq_handler_set_notification,
	[ST_SYS_IRQ_HANDLER_ACK] = sys_irq_handler_ack,
	[ST_SYS_IO_PORT_CONTROL_GET] = sys_io_port_control_get,
	[ST_SYS_IO_PORT_IN] = sys_io_port_in,
	[ST_SYS_IO_PORT_OUT] = sys_io_port_out,
	[ST_SYS_THREAD_SET_PERSONALITY] = sys_thread_set_personality,
	[ST_SYS_VSPACE_COPY] = sys_vspace_copy,
	[ST_SYS_THREAD_READ_FPU] = sys_thread_read_fpu,
	[ST_SYS_THREAD_WRITE_FPU] = sys_thread_write_fpu,
};

/* Called by syscall_entry with the caller's registers saved in its thread. */
void syscall_dispatch(struct trap_frame *frame)
{
	uint64_t number = frame->rax;
	/* Native: bit 62 set and bit 63 clear (a negative number is a Linux
	 * program's mistake, for its personality to refuse). */
	if ((number >> 62) != 1 && current_thread->personality != ST_PERSONALITY_NATIVE) {
		personality_syscall(current_thread);
		return;
	}
	number &= ~ST_SYSCALL_NATIVE;
	if (number >= ST_SYS_SEND && number <= ST_SYS_REPLY_RECV) {
		frame->rax = (uint64_t)ipc_syscall(frame, number);
		return;
	}
	if (number >= ST_SYSCALL_COUNT || !handlers[number]) {
		frame->rax = ST_ERROR_INVALID_SYSCALL;
		frame->rdx = frame->r8 = 0;
		return;
	}
	struct syscall_args args = { .a = { frame->rdi, frame->rsi, frame->rdx, frame->r10, frame->r8, frame->r9 } };
	int error = handlers[number](&args);
	if (error && !args.keep_results)
		args.result = args.result2 = 0;
	frame->rax = (uint64_t)error;
	frame->rdx = args.result; /* 0 when the call has no result, or failed */
	frame->r8 = args.result2;
}

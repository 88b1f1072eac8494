/*
 * The system-call handlers, one per call in include/strata/syscalls.h.
 * Each takes the caller's argument registers and returns an st_error;
 * results go in *result (rdx) and *result2 (r8).
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>

struct syscall_args {
	uint64_t a[6];          /* rdi, rsi, rdx, r10, r8, r9 */
	uint64_t result, result2; /* rdx, r8 on return */
	bool keep_results;        /* also on error (else they read 0) */
};

typedef int syscall_handler(struct syscall_args *args);

syscall_handler sys_debug_write, sys_thread_exit, sys_yield;
syscall_handler sys_cap_identify, sys_cap_copy, sys_cap_mint, sys_cap_move, sys_cap_delete, sys_cap_revoke;
syscall_handler sys_untyped_retype;
syscall_handler sys_frame_map, sys_frame_unmap, sys_frame_protect, sys_page_table_map, sys_page_table_unmap;
syscall_handler sys_thread_configure, sys_thread_write_registers, sys_thread_read_registers;
syscall_handler sys_thread_resume, sys_thread_suspend, sys_thread_set_priority, sys_thread_set_mcp;
syscall_handler sys_thread_set_time_slice, sys_thread_state, sys_thread_set_name;
syscall_handler sys_thread_bind_notification, sys_sleep;
syscall_handler sys_irq_control_get, sys_irq_control_get_msi, sys_irq_handler_set_notification, sys_irq_handler_ack;
syscall_handler sys_io_port_control_get, sys_io_port_in, sys_io_port_out;
syscall_handler sys_thread_set_personality, sys_vspace_copy, sys_thread_read_fpu, sys_thread_write_fpu;

/* ST_SYS_SEND .. ST_SYS_REPLY_RECV (kernel/ipc/ipc_calls.c): they read and
 * write the caller's saved registers; returns the error for rax. */
struct trap_frame;
int ipc_syscall(struct trap_frame *frame, uint64_t number);

#endif

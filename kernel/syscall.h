/*
 * The system-call handlers, one per call in include/strata/syscalls.h.
 * Each takes the caller's argument registers and returns an st_error;
 * results go in *result (rdx) and *result2 (r8).
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>

struct syscall_args {
	uint64_t a[6];          /* rdi, rsi, rdx, r10, r8, r9 */
	uint64_t result, result2; /* rdx, r8 on return */
};

typedef int syscall_handler(struct syscall_args *args);

syscall_handler sys_debug_write, sys_thread_exit, sys_yield;
syscall_handler sys_cap_identify, sys_cap_copy, sys_cap_mint, sys_cap_move, sys_cap_delete, sys_cap_revoke;
syscall_handler sys_untyped_retype;
syscall_handler sys_frame_map, sys_frame_unmap, sys_frame_protect, sys_page_table_map, sys_page_table_unmap;
syscall_handler sys_thread_configure, sys_thread_write_registers, sys_thread_read_registers;
syscall_handler sys_thread_resume, sys_thread_suspend, sys_thread_set_priority, sys_thread_set_mcp;
syscall_handler sys_thread_set_time_slice, sys_thread_state, sys_thread_set_name;

#endif

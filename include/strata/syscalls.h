/*
 * Strata native system call numbers and register convention.
 *
 * `syscall` with the number in rax and arguments in rdi, rsi, rdx, r10, r8,
 * r9 (the Linux convention, so the same stubs serve both personalities).
 * The error (enum st_error) comes back in rax; results in rdx and r8.
 * rcx and r11 are clobbered by the instruction; all other registers are
 * preserved. docs/syscalls.md describes each call: arguments, rights, errors.
 *
 * Capabilities are named by slot references (ST_SLOT below): a slot index in
 * a CNode, and which CNode: 0 for the caller's own root CNode, else the index
 * in the caller's root CNode of a capability to another CNode.
 */
#ifndef STRATA_SYSCALLS_H
#define STRATA_SYSCALLS_H

#include <stdint.h>

enum st_syscall {
	ST_SYS_DEBUG_WRITE = 0,           /* (buffer, length) */
	ST_SYS_THREAD_EXIT = 1,           /* () : never returns */
	ST_SYS_YIELD = 2,                 /* () */
	ST_SYS_CAP_IDENTIFY = 3,          /* (slot) -> rdx info (ST_CAP_INFO_*), r8 badge or address */
	ST_SYS_CAP_COPY = 4,              /* (source slot, destination slot, rights) */
	ST_SYS_CAP_MINT = 5,              /* (source slot, destination slot, rights, badge) */
	ST_SYS_CAP_MOVE = 6,              /* (source slot, destination slot) */
	ST_SYS_CAP_DELETE = 7,            /* (slot) */
	ST_SYS_CAP_REVOKE = 8,            /* (slot) */
	ST_SYS_UNTYPED_RETYPE = 9,        /* (untyped, type, size_bits, first destination slot, count) */
	ST_SYS_FRAME_MAP = 10,            /* (frame, vspace, address, rights | ST_MAP_*) */
	ST_SYS_FRAME_UNMAP = 11,          /* (frame) */
	ST_SYS_FRAME_PROTECT = 12,        /* (frame, rights | ST_MAP_*) */
	ST_SYS_PAGE_TABLE_MAP = 13,       /* (page table, vspace, address) -> rdx level */
	ST_SYS_PAGE_TABLE_UNMAP = 14,     /* (page table) */
	ST_SYS_THREAD_CONFIGURE = 15,     /* (thread, cspace, vspace, IPC buffer frame, IPC buffer address, fault handler) */
	ST_SYS_THREAD_WRITE_REGISTERS = 16, /* (thread, const struct st_registers *) */
	ST_SYS_THREAD_READ_REGISTERS = 17,  /* (thread, struct st_registers *) */
	ST_SYS_THREAD_RESUME = 18,        /* (thread) */
	ST_SYS_THREAD_SUSPEND = 19,       /* (thread) */
	ST_SYS_THREAD_SET_PRIORITY = 20,  /* (thread, authority thread, priority) */
	ST_SYS_THREAD_SET_MCP = 21,       /* (thread, authority thread, maximum controlled priority) */
	ST_SYS_THREAD_SET_TIME_SLICE = 22, /* (thread, microseconds) */
	ST_SYS_THREAD_STATE = 23,         /* (thread) -> rdx state info, r8 fault address */
	ST_SYS_THREAD_SET_NAME = 24,      /* (thread, name, length) */
};

#define ST_SYSCALL_COUNT 25
#define ST_DEBUG_WRITE_MAX 4096

/* A slot reference: slot `index` of the CNode whose capability is at
 * `cnode` in the caller's root CNode (cnode 0: the root CNode itself). */
#define ST_SLOT(cnode, index) (((uint64_t)(cnode) << 32) | (uint32_t)(index))

/* ST_SYS_CAP_IDENTIFY's rdx: type, rights, size and flags of a capability. */
#define ST_CAP_INFO_TYPE(info) ((info) & 0xff)
#define ST_CAP_INFO_RIGHTS(info) (((info) >> 8) & 0xff)
#define ST_CAP_INFO_SIZE_BITS(info) (((info) >> 16) & 0xff)
#define ST_CAP_INFO_MAPPED(info) (((info) >> 24) & 1)

/* ST_SYS_THREAD_STATE's rdx: the state and, for a faulted thread, the CPU
 * exception vector and error code. */
#define ST_THREAD_INFO_STATE(info) ((info) & 0xff)
#define ST_THREAD_INFO_FAULT_VECTOR(info) (((info) >> 8) & 0xff)
#define ST_THREAD_INFO_FAULT_ERROR(info) ((info) >> 16)

/* A thread's user registers, for ST_SYS_THREAD_READ/WRITE_REGISTERS. */
struct st_registers {
	uint64_t rip, rsp, rflags;
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
};

#endif

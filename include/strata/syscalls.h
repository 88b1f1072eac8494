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
	/* IPC: the message-register convention below, not the one above. */
	ST_SYS_SEND = 25,                 /* endpoint: send; notification: signal */
	ST_SYS_NB_SEND = 26,              /* the same, never blocking */
	ST_SYS_CALL = 27,                 /* send, then wait for the reply */
	ST_SYS_RECV = 28,                 /* endpoint: receive; notification: wait */
	ST_SYS_NB_RECV = 29,              /* the same, never blocking (poll) */
	ST_SYS_REPLY = 30,                /* reply through a reply object */
	ST_SYS_REPLY_RECV = 31,           /* reply, then receive */
	/* Back to the general convention. */
	ST_SYS_THREAD_BIND_NOTIFICATION = 32, /* (thread, notification or 0 to unbind) */
	ST_SYS_SLEEP = 33,                /* (nanoseconds) */
	ST_SYS_IRQ_CONTROL_GET = 34,      /* (IRQ control, GSI, ST_IRQ_* flags, destination slot) */
	ST_SYS_IRQ_CONTROL_GET_MSI = 35,  /* (IRQ control, destination slot) -> rdx MSI address, r8 MSI data */
	ST_SYS_IRQ_HANDLER_SET_NOTIFICATION = 36, /* (IRQ handler, notification or 0) */
	ST_SYS_IRQ_HANDLER_ACK = 37,      /* (IRQ handler) */
	ST_SYS_IO_PORT_CONTROL_GET = 38,  /* (I/O port control, first port, last port, destination slot) */
	ST_SYS_IO_PORT_IN = 39,           /* (I/O ports, port, width 1/2/4) -> rdx value */
	ST_SYS_IO_PORT_OUT = 40,          /* (I/O ports, port, width 1/2/4, value) */
	ST_SYS_THREAD_SET_PERSONALITY = 41, /* (thread, ST_PERSONALITY_*, handler) */
	ST_SYS_VSPACE_COPY = 42,          /* (vspace, remote address, local address, length, ST_COPY_*) -> rdx bytes copied */
	ST_SYS_THREAD_READ_FPU = 43,      /* (thread, ST_FPU_STATE_SIZE-byte buffer) */
	ST_SYS_THREAD_WRITE_FPU = 44,     /* (thread, ST_FPU_STATE_SIZE-byte buffer) */
};

#define ST_SYSCALL_COUNT 45

/* A thread's x87/SSE state as FXSAVE lays it out (what Linux's signal
 * frames carry as fpstate without XSAVE). */
#define ST_FPU_STATE_SIZE 512

/* A thread in a Linux personality (ST_SYS_THREAD_SET_PERSONALITY) makes
 * native calls with this bit set in rax (and bit 63 clear); its other
 * system calls are Linux's and go to its personality. Native threads may set it too (it is ignored),
 * so the user library always does. */
#define ST_SYSCALL_NATIVE (1ull << 62)

/* ST_SYS_THREAD_SET_PERSONALITY modes (docs/personality.md). */
enum st_personality {
	ST_PERSONALITY_NATIVE = 0,   /* every system call is native (handler ignored) */
	/* Each Linux system call is sent as a call through the endpoint
	 * capability at `handler` (a slot reference in the thread's own
	 * capability space, WRITE needed), as an ST_MSG_LINUX message: words
	 * 0-6 are rax (the number), rdi, rsi, rdx, r10, r8, r9. Word 0 of the
	 * reply becomes rax. */
	ST_PERSONALITY_SERVER = 1,
	/* Each Linux system call jumps to the user address `handler` in the
	 * thread itself (the library OS), all registers unchanged except rcx
	 * (the address after the syscall instruction, as the instruction left
	 * it) and r11 (rflags, likewise). */
	ST_PERSONALITY_UPCALL = 2,
};

/* ST_SYS_VSPACE_COPY directions. Read needs READ on the address space
 * capability, write needs WRITE. The remote pages must be mapped with user
 * access (and writable, to write); at the first that is not, the call stops
 * with ST_ERROR_NOT_MAPPED and rdx says how many bytes were copied. */
#define ST_COPY_FROM_REMOTE 0
#define ST_COPY_TO_REMOTE 1
#define ST_VSPACE_COPY_MAX 65536
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

/*
 * IPC calls (ST_SYS_SEND .. ST_SYS_REPLY_RECV) use their own registers:
 *   in:  rdi  the endpoint, notification or reply object (slot reference)
 *        rsi  message info (ST_MSG_INFO)
 *        rdx  a reply object (RECV, NB_RECV, REPLY_RECV; 0 for none)
 *        r10, r8, r9, r12  message words 0-3
 *        r13  RECV and REPLY_RECV: timeout in nanoseconds (0: wait forever)
 *   out: rax  the error
 *        rdi  the badge of the capability the message came through
 *             (notifications: the signalled bits)
 *        rsi  message info of what arrived (ST_MSG_* flags set by the nucleus)
 *        r10, r8, r9, r12  message words 0-3
 * rcx and r11 are clobbered; other registers are preserved. Words 4 and on
 * travel in the IPC buffer (struct st_ipc_buffer), as do capabilities.
 */
#define ST_MSG_REGISTER_WORDS 4
#define ST_MSG_MAX_WORDS 128
#define ST_MSG_MAX_CAPS 3

#define ST_MSG_INFO(label, words, caps) \
	(((uint64_t)(label) << 16) | ((uint64_t)(caps) << 8) | (uint64_t)(words))
#define ST_MSG_WORDS(info) ((info) & 0xff)
#define ST_MSG_CAPS(info) (((info) >> 8) & 0xf)
#define ST_MSG_LABEL(info) ((info) >> 16)
/* Set by the nucleus in the info it delivers (ignored when sending). */
#define ST_MSG_FAULT (1u << 12)        /* a fault message (ST_FAULT_* words) */
#define ST_MSG_NOTIFICATION (1u << 13) /* a bound notification's signal, not a message */
#define ST_MSG_LINUX (1u << 14)        /* a Linux system call (ST_PERSONALITY_SERVER) */
#define ST_LINUX_WORDS 7

/* A fault message: a thread's CPU exception, sent as if by ST_SYS_CALL
 * through its fault-handler endpoint. Replying resumes the thread at the
 * faulting instruction (after the handler has, say, mapped the page); a
 * reply labelled ST_FAULT_REPLY_STOP leaves it stopped (faulted). */
enum st_fault_word {
	ST_FAULT_VECTOR = 0,  /* CPU exception vector (14 page fault, 13 #GP, ...) */
	ST_FAULT_ERROR = 1,   /* the CPU's error code (page faults: ST_PF_*) */
	ST_FAULT_ADDRESS = 2, /* page faults: the address touched */
	ST_FAULT_IP = 3,      /* the faulting instruction */
};
#define ST_FAULT_WORDS 4
#define ST_FAULT_REPLY_STOP 1
#define ST_PF_PRESENT (1u << 0) /* the page was present: a protection fault */
#define ST_PF_WRITE (1u << 1)
#define ST_PF_FETCH (1u << 4)

/* The IPC buffer: a page the thread names in ST_SYS_THREAD_CONFIGURE. */
struct st_ipc_buffer {
	uint64_t words[ST_MSG_MAX_WORDS]; /* word i >= 4 of a message is words[i] */
	uint64_t caps[ST_MSG_MAX_CAPS];   /* sending: the capabilities to pass (slot references) */
	uint64_t receive_slot;            /* receiving: where capabilities go (consecutive, empty), 0: refuse them */
};

/* ST_SYS_IRQ_CONTROL_GET flags for an I/O APIC input (docs/interrupts.md). */
#define ST_IRQ_LEVEL (1u << 0)      /* level-triggered (default: edge) */
#define ST_IRQ_ACTIVE_LOW (1u << 1) /* (default: active high) */
/* The number is an ISA IRQ (0-15), not a GSI: the ACPI MADT's interrupt
 * source overrides give its GSI, trigger and polarity (so no other flag). */
#define ST_IRQ_ISA (1u << 2)
/* ST_SYS_CAP_IDENTIFY's r8 for an IRQ handler: its GSI; for an MSI
 * handler, this bit or'ed with its MSI data. */
#define ST_IRQ_IDENTIFY_MSI (1ull << 32)

/* A thread's user registers, for ST_SYS_THREAD_READ/WRITE_REGISTERS. */
struct st_registers {
	uint64_t rip, rsp, rflags;
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t fs_base; /* the FS segment base (thread-local storage) */
};

#endif

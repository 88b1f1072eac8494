/*
 * Native Strata system calls for user programs: one inline wrapper per call
 * in include/strata/syscalls.h (docs/syscalls.md). Each returns the error
 * (0 = ST_OK); results come back through pointer arguments.
 */
#ifndef USER_LIB_STRATA_H
#define USER_LIB_STRATA_H

#include <stddef.h>
#include <stdint.h>

#include "include/strata/bootinfo.h"
#include "include/strata/errors.h"
#include "include/strata/objects.h"
#include "include/strata/syscalls.h"

struct st_result {
	long error;
	uint64_t value;  /* rdx */
	uint64_t value2; /* r8 */
};

static inline struct st_result st_syscall(uint64_t number, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
					  uint64_t a4, uint64_t a5)
{
	register uint64_t r10 __asm__("r10") = a3;
	register uint64_t r8 __asm__("r8") = a4;
	register uint64_t r9 __asm__("r9") = a5;
	uint64_t rax = number | ST_SYSCALL_NATIVE, rdx = a2;
	__asm__ volatile("syscall"
			 : "+a"(rax), "+d"(rdx), "+r"(r8)
			 : "D"(a0), "S"(a1), "r"(r10), "r"(r9)
			 : "rcx", "r11", "memory");
	return (struct st_result){ (long)rax, rdx, r8 };
}

static inline long st_call(uint64_t number, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5)
{
	return st_syscall(number, a0, a1, a2, a3, a4, a5).error;
}

static inline long st_debug_write(const void *buffer, size_t length)
{
	return st_call(ST_SYS_DEBUG_WRITE, (uint64_t)buffer, length, 0, 0, 0, 0);
}

static inline _Noreturn void st_thread_exit(void)
{
	st_call(ST_SYS_THREAD_EXIT, 0, 0, 0, 0, 0, 0);
	__builtin_unreachable();
}

static inline long st_yield(void)
{
	return st_call(ST_SYS_YIELD, 0, 0, 0, 0, 0, 0);
}

/* Capabilities. Slots are ST_SLOT(cnode, index) references, or a plain
 * index in the caller's root CNode. */
static inline long st_cap_identify(uint64_t slot, uint64_t *info, uint64_t *word)
{
	struct st_result r = st_syscall(ST_SYS_CAP_IDENTIFY, slot, 0, 0, 0, 0, 0);
	if (info)
		*info = r.value;
	if (word)
		*word = r.value2;
	return r.error;
}

static inline long st_cap_copy(uint64_t source, uint64_t dest, unsigned rights)
{
	return st_call(ST_SYS_CAP_COPY, source, dest, rights, 0, 0, 0);
}

static inline long st_cap_mint(uint64_t source, uint64_t dest, unsigned rights, uint64_t badge)
{
	return st_call(ST_SYS_CAP_MINT, source, dest, rights, badge, 0, 0);
}

static inline long st_cap_move(uint64_t source, uint64_t dest)
{
	return st_call(ST_SYS_CAP_MOVE, source, dest, 0, 0, 0, 0);
}

static inline long st_cap_delete(uint64_t slot)
{
	return st_call(ST_SYS_CAP_DELETE, slot, 0, 0, 0, 0, 0);
}

static inline long st_cap_revoke(uint64_t slot)
{
	return st_call(ST_SYS_CAP_REVOKE, slot, 0, 0, 0, 0, 0);
}

static inline long st_untyped_retype(uint64_t untyped, unsigned type, unsigned size_bits, uint64_t dest,
				     uint64_t count)
{
	return st_call(ST_SYS_UNTYPED_RETYPE, untyped, type, size_bits, dest, count, 0);
}

/* Address spaces. */
static inline long st_frame_map(uint64_t frame, uint64_t vspace, uint64_t address, unsigned rights)
{
	return st_call(ST_SYS_FRAME_MAP, frame, vspace, address, rights, 0, 0);
}

static inline long st_frame_unmap(uint64_t frame)
{
	return st_call(ST_SYS_FRAME_UNMAP, frame, 0, 0, 0, 0, 0);
}

static inline long st_frame_protect(uint64_t frame, unsigned rights)
{
	return st_call(ST_SYS_FRAME_PROTECT, frame, rights, 0, 0, 0, 0);
}

static inline long st_page_table_map(uint64_t table, uint64_t vspace, uint64_t address, unsigned *level)
{
	struct st_result r = st_syscall(ST_SYS_PAGE_TABLE_MAP, table, vspace, address, 0, 0, 0);
	if (level)
		*level = (unsigned)r.value;
	return r.error;
}

static inline long st_page_table_unmap(uint64_t table)
{
	return st_call(ST_SYS_PAGE_TABLE_UNMAP, table, 0, 0, 0, 0, 0);
}

/* The page-table entry that maps address in the caller's own address
 * space, read through the window (0 when a table above it is missing):
 * no system call. */
uint64_t st_page_entry(uint64_t address);

/* Threads. */
static inline long st_thread_configure(uint64_t thread, uint64_t cspace, uint64_t vspace, uint64_t ipc_frame,
				       uint64_t ipc_address, uint64_t fault_handler)
{
	return st_call(ST_SYS_THREAD_CONFIGURE, thread, cspace, vspace, ipc_frame, ipc_address, fault_handler);
}

static inline long st_thread_write_registers(uint64_t thread, const struct st_registers *registers)
{
	return st_call(ST_SYS_THREAD_WRITE_REGISTERS, thread, (uint64_t)registers, 0, 0, 0, 0);
}

static inline long st_thread_read_registers(uint64_t thread, struct st_registers *registers)
{
	return st_call(ST_SYS_THREAD_READ_REGISTERS, thread, (uint64_t)registers, 0, 0, 0, 0);
}

static inline long st_thread_resume(uint64_t thread)
{
	return st_call(ST_SYS_THREAD_RESUME, thread, 0, 0, 0, 0, 0);
}

static inline long st_thread_suspend(uint64_t thread)
{
	return st_call(ST_SYS_THREAD_SUSPEND, thread, 0, 0, 0, 0, 0);
}

static inline long st_thread_set_priority(uint64_t thread, uint64_t authority, unsigned priority)
{
	return st_call(ST_SYS_THREAD_SET_PRIORITY, thread, authority, priority, 0, 0, 0);
}

static inline long st_thread_set_mcp(uint64_t thread, uint64_t authority, unsigned mcp)
{
	return st_call(ST_SYS_THREAD_SET_MCP, thread, authority, mcp, 0, 0, 0);
}

static inline long st_thread_set_time_slice(uint64_t thread, uint64_t microseconds)
{
	return st_call(ST_SYS_THREAD_SET_TIME_SLICE, thread, microseconds, 0, 0, 0, 0);
}

/* state: enum st_thread_state; for a faulted thread, the exception vector,
 * its error code and (page faults) the address. Pointers may be NULL. */
static inline long st_thread_state(uint64_t thread, unsigned *state, unsigned *fault_vector, uint64_t *fault_address)
{
	struct st_result r = st_syscall(ST_SYS_THREAD_STATE, thread, 0, 0, 0, 0, 0);
	if (state)
		*state = (unsigned)ST_THREAD_INFO_STATE(r.value);
	if (fault_vector)
		*fault_vector = (unsigned)ST_THREAD_INFO_FAULT_VECTOR(r.value);
	if (fault_address)
		*fault_address = r.value2;
	return r.error;
}

static inline long st_thread_set_name(uint64_t thread, const char *name, size_t length)
{
	return st_call(ST_SYS_THREAD_SET_NAME, thread, (uint64_t)name, length, 0, 0, 0);
}

static inline long st_thread_bind_notification(uint64_t thread, uint64_t notification)
{
	return st_call(ST_SYS_THREAD_BIND_NOTIFICATION, thread, notification, 0, 0, 0, 0);
}

static inline long st_sleep(uint64_t nanoseconds)
{
	return st_call(ST_SYS_SLEEP, nanoseconds, 0, 0, 0, 0, 0);
}

/*
 * IPC (the register convention in include/strata/syscalls.h). A message's
 * first ST_MSG_REGISTER_WORDS words travel in registers, in struct
 * st_message; longer messages and capabilities use the IPC buffer.
 */
struct st_message {
	uint64_t badge; /* received: the badge of the capability it came through */
	uint64_t info;  /* ST_MSG_INFO(label, words, caps) */
	uint64_t words[ST_MSG_REGISTER_WORDS];
};

/* One IPC system call. On success the message that arrived (if the call
 * receives one) replaces *message; on error *message is left alone. */
static inline long st_ipc(uint64_t number, uint64_t cap, uint64_t reply, uint64_t timeout_ns,
			  struct st_message *message)
{
	register uint64_t r10 __asm__("r10") = message->words[0];
	register uint64_t r8 __asm__("r8") = message->words[1];
	register uint64_t r9 __asm__("r9") = message->words[2];
	register uint64_t r12 __asm__("r12") = message->words[3];
	register uint64_t r13 __asm__("r13") = timeout_ns;
	uint64_t rax = number | ST_SYSCALL_NATIVE, rdi = cap, rsi = message->info;
	__asm__ volatile("syscall"
			 : "+a"(rax), "+D"(rdi), "+S"(rsi), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r12)
			 : "d"(reply), "r"(r13)
			 : "rcx", "r11", "memory");
	if (rax == ST_OK && number != ST_SYS_SEND && number != ST_SYS_NB_SEND) {
		message->badge = rdi;
		message->info = rsi;
		message->words[0] = r10;
		message->words[1] = r8;
		message->words[2] = r9;
		message->words[3] = r12;
	}
	return (long)rax;
}

static inline long st_send(uint64_t endpoint, struct st_message *message)
{
	return st_ipc(ST_SYS_SEND, endpoint, 0, 0, message);
}

static inline long st_nb_send(uint64_t endpoint, struct st_message *message)
{
	return st_ipc(ST_SYS_NB_SEND, endpoint, 0, 0, message);
}

/* Sends, then waits for the reply, which replaces *message. */
static inline long st_ipc_call(uint64_t endpoint, struct st_message *message)
{
	return st_ipc(ST_SYS_CALL, endpoint, 0, 0, message);
}

/* reply: a reply object to hold a call's reply right, or 0. */
static inline long st_recv(uint64_t endpoint, uint64_t reply, struct st_message *message)
{
	return st_ipc(ST_SYS_RECV, endpoint, reply, 0, message);
}

static inline long st_recv_timeout(uint64_t endpoint, uint64_t reply, uint64_t timeout_ns, struct st_message *message)
{
	return st_ipc(ST_SYS_RECV, endpoint, reply, timeout_ns, message);
}

static inline long st_nb_recv(uint64_t endpoint, uint64_t reply, struct st_message *message)
{
	return st_ipc(ST_SYS_NB_RECV, endpoint, reply, 0, message);
}

static inline long st_reply(uint64_t reply, struct st_message *message)
{
	return st_ipc(ST_SYS_REPLY, reply, 0, 0, message);
}

/* Replies to the call reply holds (if any), then receives with it. */
static inline long st_reply_recv(uint64_t endpoint, uint64_t reply, struct st_message *message)
{
	return st_ipc(ST_SYS_REPLY_RECV, endpoint, reply, 0, message);
}

/* Notifications: signal ORs the capability's badge (1 if unbadged) in. */
static inline long st_signal(uint64_t notification)
{
	struct st_message message = { 0 };
	return st_send(notification, &message);
}

/* Waits for signals; *bits gets the word (then cleared). */
static inline long st_wait(uint64_t notification, uint64_t *bits)
{
	struct st_message message = { 0 };
	long error = st_recv(notification, 0, &message);
	if (bits)
		*bits = error ? 0 : message.badge;
	return error;
}

/* The same without blocking: ST_ERROR_WOULD_BLOCK when no bit is set. */
static inline long st_poll(uint64_t notification, uint64_t *bits)
{
	struct st_message message = { 0 };
	long error = st_nb_recv(notification, 0, &message);
	if (bits)
		*bits = error ? 0 : message.badge;
	return error;
}

/* Interrupts and I/O ports (docs/interrupts.md). */
/* ST_SYS_IRQ_CONTROL_GET: number is a GSI, or an ISA IRQ with ST_IRQ_ISA. */
static inline long st_irq_control_get(uint64_t control, uint64_t number, uint64_t flags, uint64_t dest)
{
	return st_call(ST_SYS_IRQ_CONTROL_GET, control, number, flags, dest, 0, 0);
}

static inline long st_irq_control_get_msi(uint64_t control, uint64_t dest, uint64_t *address, uint64_t *data)
{
	struct st_result r = st_syscall(ST_SYS_IRQ_CONTROL_GET_MSI, control, dest, 0, 0, 0, 0);
	if (address)
		*address = r.value;
	if (data)
		*data = r.value2;
	return r.error;
}

static inline long st_irq_handler_set_notification(uint64_t handler, uint64_t notification)
{
	return st_call(ST_SYS_IRQ_HANDLER_SET_NOTIFICATION, handler, notification, 0, 0, 0, 0);
}

static inline long st_irq_handler_ack(uint64_t handler)
{
	return st_call(ST_SYS_IRQ_HANDLER_ACK, handler, 0, 0, 0, 0, 0);
}

static inline long st_io_port_control_get(uint64_t control, uint64_t first, uint64_t last, uint64_t dest)
{
	return st_call(ST_SYS_IO_PORT_CONTROL_GET, control, first, last, dest, 0, 0);
}

static inline long st_io_port_in(uint64_t ports, uint64_t port, uint64_t width, uint64_t *value)
{
	struct st_result r = st_syscall(ST_SYS_IO_PORT_IN, ports, port, width, 0, 0, 0);
	if (value)
		*value = r.value;
	return r.error;
}

static inline long st_io_port_out(uint64_t ports, uint64_t port, uint64_t width, uint64_t value)
{
	return st_call(ST_SYS_IO_PORT_OUT, ports, port, width, value, 0, 0);
}

/* printf to the nucleus's debug console (lib/fmt). */
int st_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* Names for errors and object types, for messages. */
const char *st_error_name(long error);

/* Personalities and address-space copies (docs/personality.md). */
static inline long st_thread_set_personality(uint64_t thread, unsigned mode, uint64_t handler)
{
	return st_call(ST_SYS_THREAD_SET_PERSONALITY, thread, mode, handler, 0, 0, 0);
}

/* Copies length bytes between address `remote` of vspace and `local` of the
 * caller's own (direction ST_COPY_*); *copied (if given) says how many
 * bytes went, also on error. */
static inline long st_vspace_copy(uint64_t vspace, uint64_t remote, void *local, size_t length, unsigned direction,
				  size_t *copied)
{
	struct st_result r = st_syscall(ST_SYS_VSPACE_COPY, vspace, remote, (uint64_t)local, length, direction, 0);
	if (copied)
		*copied = r.value;
	return r.error;
}

/* A thread's x87/SSE registers as FXSAVE lays them out. */
static inline long st_thread_read_fpu(uint64_t thread, uint8_t state[ST_FPU_STATE_SIZE])
{
	return st_call(ST_SYS_THREAD_READ_FPU, thread, (uint64_t)state, 0, 0, 0, 0);
}

static inline long st_thread_write_fpu(uint64_t thread, const uint8_t state[ST_FPU_STATE_SIZE])
{
	return st_call(ST_SYS_THREAD_WRITE_FPU, thread, (uint64_t)state, 0, 0, 0, 0);
}

#endif

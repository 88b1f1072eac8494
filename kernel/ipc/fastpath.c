/*
 * The IPC fastpath: call and reply-and-receive with a message that fits in
 * registers, when the partner is already waiting and will be the next to
 * run anyway. Then the message moves register to register and the nucleus
 * switches straight to the partner, with no scheduler decision and no
 * general message transfer. Every other case (capabilities, long messages,
 * timeouts, faults, bound notifications with signals pending, a partner of
 * lower priority) returns, and the general path in ipc_calls.c runs: the
 * two must give identical results, only the cost differs.
 */
#include "kernel/ipc/fastpath.h"

#include "include/strata/syscalls.h"
#include "kernel/ipc/ipc.h"
#include "kernel/mm/layout.h"
#include "kernel/scheduler.h"

_Static_assert(ST_SYS_CALL == 27 && ST_SYS_REPLY_RECV == 31, "syscall_entry (trap_entry.S) tests these numbers");

/* A capability in the caller's root CNode (the fastpath handles only
 * those), of this type, with these rights; else NULL. */
static inline __attribute__((always_inline)) const struct cap *root_cap(const struct thread *thread, uint64_t ref, unsigned type, unsigned rights)
{
	const struct cap *root = &thread->slots[THREAD_SLOT_CSPACE].cap;
	if (ref == 0 || ref >= (1ull << root->size_bits) || root->type != ST_OBJECT_CNODE ||
	    !(root->rights & ST_RIGHT_READ))
		return NULL; /* also excludes references into other CNodes (upper half set) */
	const struct cap *cap = &((const struct slot *)direct_map(root->object))[ref].cap;
	if (cap->type != type || (cap->rights & rights) != rights)
		return NULL;
	return cap;
}

/* A message that fits in registers and carries no capabilities. */
static inline bool register_message(uint64_t info)
{
	return ST_MSG_WORDS(info) <= ST_MSG_REGISTER_WORDS && ST_MSG_CAPS(info) == 0;
}

/* The register part of message_transfer(), for register messages. */
static inline __attribute__((always_inline)) void transfer_registers(const struct trap_frame *in, struct trap_frame *out, uint64_t badge)
{
	unsigned words = ST_MSG_WORDS(in->rsi);
	out->rax = ST_OK;
	out->rdi = badge;
	out->rsi = ST_MSG_INFO(ST_MSG_LABEL(in->rsi), words, 0);
	out->r10 = words > 0 ? in->r10 : 0;
	out->r8 = words > 1 ? in->r8 : 0;
	out->r9 = words > 2 ? in->r9 : 0;
	out->r12 = words > 3 ? in->r12 : 0;
}

void fastpath_call(struct trap_frame *frame)
{
	struct thread *caller = current_thread;
	if (!register_message(frame->rsi))
		return;
	const struct cap *cap = root_cap(caller, frame->rdi, ST_OBJECT_ENDPOINT, ST_RIGHT_WRITE);
	if (!cap)
		return;
	struct endpoint *endpoint = direct_map(cap->object);
	struct thread *server = endpoint->queue.head;
	if (!server || !endpoint->receivers || !server->reply || server->wake_tick || !thread_address_space(server))
		return;
	if (!scheduler_switch_directly(caller, server))
		return;
	/* The server stops receiving (it is the queue's head); its reply
	 * object now holds the caller. */
	endpoint->queue.head = server->wait_next;
	if (server->wait_next)
		server->wait_next->wait_prev = NULL;
	else
		endpoint->queue.tail = NULL;
	server->wait_next = NULL;
	server->waiting_in = NULL;
	struct reply *reply = server->reply;
	server->reply = NULL;
	reply->receiver = NULL;
	reply->caller = caller;
	caller->reply = reply;
	caller->ipc_flags = IPC_CALL;
	caller->state = ST_THREAD_BLOCKED_REPLY;
	transfer_registers(frame, &server->frame, cap->word);
	server->state = ST_THREAD_RUNNABLE;
	server->ticks_left = server->time_slice;
	thread_enter(server);
}

void fastpath_reply_receive(struct trap_frame *frame)
{
	struct thread *server = current_thread;
	if (!register_message(frame->rsi) || frame->r13)
		return;
	const struct cap *reply_cap = root_cap(server, frame->rdx, ST_OBJECT_REPLY, ST_RIGHT_WRITE);
	const struct cap *endpoint_cap = root_cap(server, frame->rdi, ST_OBJECT_ENDPOINT, ST_RIGHT_READ);
	if (!reply_cap || !endpoint_cap)
		return;
	struct reply *reply = direct_map(reply_cap->object);
	struct endpoint *endpoint = direct_map(endpoint_cap->object);
	struct thread *caller = reply->caller;
	if (!caller || reply->receiver || (caller->ipc_flags & (IPC_FAULT | IPC_LINUX)) || !thread_address_space(caller))
		return;
	if (!endpoint->receivers && !wait_queue_empty(&endpoint->queue))
		return; /* a sender waits: the receive would not block */
	if (server->bound_notification && server->bound_notification->word)
		return;
	if (!scheduler_switch_directly(server, caller))
		return;
	/* The reply. */
	reply->caller = NULL;
	caller->reply = NULL;
	caller->ipc_flags = 0;
	transfer_registers(frame, &caller->frame, 0);
	caller->state = ST_THREAD_RUNNABLE;
	caller->ticks_left = caller->time_slice;
	/* The receive, which blocks. */
	server->reply = reply;
	reply->receiver = server;
	endpoint->receivers = true;
	wait_queue_add(&endpoint->queue, server);
	server->state = ST_THREAD_BLOCKED_RECEIVE;
	thread_enter(caller);
}

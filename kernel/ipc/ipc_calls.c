/*
 * The IPC system calls. Unlike the others they work on the caller's saved
 * registers: a message arrives in them, possibly long after the call
 * blocked, written by the thread that sent it.
 */
#include "include/strata/errors.h"
#include "kernel/ipc/ipc.h"
#include "kernel/ipc/message.h"
#include "kernel/ipc/timeout.h"
#include "kernel/mm/layout.h"
#include "kernel/object/cspace.h"
#include "kernel/syscall.h"

static void *object_of(const struct slot *slot)
{
	return phys_to_virt(slot->cap.object);
}

/* The reply object a receive names in rdx (0: none), free to take a call. */
static int find_reply(uint64_t ref, struct reply **out)
{
	*out = NULL;
	if (!ref)
		return ST_OK;
	struct slot *slot;
	int error = cspace_cap(ref, ST_OBJECT_REPLY, ST_RIGHT_WRITE, &slot);
	if (error)
		return error;
	struct reply *reply = object_of(slot);
	if (reply->receiver)
		return ST_ERROR_ILLEGAL_OPERATION; /* another thread receives with it */
	*out = reply;
	return ST_OK;
}

static int send(struct trap_frame *frame, unsigned flags, bool nonblocking)
{
	struct slot *slot;
	int error = cspace_cap(frame->rdi, ST_OBJECT_NULL, ST_RIGHT_WRITE, &slot);
	if (error)
		return error;
	if (slot->cap.type == ST_OBJECT_NOTIFICATION && !(flags & IPC_CALL)) {
		/* An unbadged capability signals bit 0. */
		notification_signal(object_of(slot), slot->cap.word ? slot->cap.word : 1);
		return ST_OK;
	}
	if (slot->cap.type != ST_OBJECT_ENDPOINT)
		return ST_ERROR_WRONG_TYPE;
	if (slot->cap.rights & ST_RIGHT_GRANT)
		flags |= IPC_GRANT;
	if ((error = message_check(current_thread, flags)))
		return error;
	endpoint_send(object_of(slot), slot->cap.word, flags, nonblocking);
	return (int)frame->rax;
}

static int receive(struct trap_frame *frame, struct reply *reply, bool nonblocking)
{
	struct slot *slot;
	int error = cspace_cap(frame->rdi, ST_OBJECT_NULL, ST_RIGHT_READ, &slot);
	if (error)
		return error;
	uint64_t timeout = !nonblocking && frame->r13 ? timeout_ticks(frame->r13) : 0;
	if (slot->cap.type == ST_OBJECT_NOTIFICATION)
		notification_wait(object_of(slot), nonblocking, timeout);
	else if (slot->cap.type == ST_OBJECT_ENDPOINT)
		endpoint_receive(object_of(slot), reply, nonblocking, timeout);
	else
		return ST_ERROR_WRONG_TYPE;
	return (int)frame->rax;
}

static int reply(struct reply *reply)
{
	int error = message_check(current_thread, IPC_GRANT);
	return error ? error : reply_send(reply);
}

static int reply_receive(struct trap_frame *frame)
{
	struct reply *reply_object;
	struct slot *slot;
	int error = find_reply(frame->rdx, &reply_object);
	if (!error && !reply_object)
		error = ST_ERROR_INVALID_ARGUMENT; /* the reply object is not optional here */
	if (!error)
		error = cspace_cap(frame->rdi, ST_OBJECT_ENDPOINT, ST_RIGHT_READ, &slot);
	if (error)
		return error;
	/* No caller waiting (the first time round a server's loop, or the
	 * caller went): just receive. */
	if (reply_object->caller && (error = reply(reply_object)))
		return error;
	return receive(frame, reply_object, false);
}

int ipc_syscall(struct trap_frame *frame, uint64_t number)
{
	struct reply *reply_object;
	struct slot *slot;
	int error;
	/* Whatever the result, a receive's registers are written only by the
	 * message that ends it: start from a clean result. */
	frame->rax = ST_OK;
	switch (number) {
	case ST_SYS_SEND:
		return send(frame, 0, false);
	case ST_SYS_NB_SEND:
		return send(frame, 0, true);
	case ST_SYS_CALL:
		return send(frame, IPC_CALL, false);
	case ST_SYS_RECV:
	case ST_SYS_NB_RECV:
		if ((error = find_reply(frame->rdx, &reply_object)))
			return error;
		if (reply_object && reply_object->caller)
			return ST_ERROR_ILLEGAL_OPERATION; /* reply to its caller first */
		return receive(frame, reply_object, number == ST_SYS_NB_RECV);
	case ST_SYS_REPLY:
		if ((error = cspace_cap(frame->rdi, ST_OBJECT_REPLY, ST_RIGHT_WRITE, &slot)))
			return error;
		return reply(object_of(slot));
	case ST_SYS_REPLY_RECV:
		return reply_receive(frame);
	default:
		return ST_ERROR_INVALID_SYSCALL;
	}
}

int sys_thread_bind_notification(struct syscall_args *args)
{
	struct slot *thread_slot, *slot = NULL;
	int error = cspace_cap(args->a[0], ST_OBJECT_THREAD, ST_RIGHT_WRITE, &thread_slot);
	if (!error && args->a[1])
		error = cspace_cap(args->a[1], ST_OBJECT_NOTIFICATION, ST_RIGHT_READ, &slot);
	if (error)
		return error;
	struct thread *thread = object_of(thread_slot);
	if (!slot) {
		if (thread->bound_notification)
			thread->bound_notification->bound = NULL;
		thread->bound_notification = NULL;
		return ST_OK;
	}
	struct notification *notification = object_of(slot);
	if (thread->bound_notification || notification->bound)
		return ST_ERROR_ILLEGAL_OPERATION; /* one each way; unbind first */
	thread->bound_notification = notification;
	notification->bound = thread;
	return ST_OK;
}

int sys_sleep(struct syscall_args *args)
{
	if (args->a[0] == 0)
		return ST_OK;
	ipc_set_result(current_thread, ST_OK);
	ipc_block(current_thread, ST_THREAD_SLEEPING);
	timeout_add(current_thread, timeout_ticks(args->a[0]));
	return ST_OK;
}

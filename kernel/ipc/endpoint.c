/* Endpoints and reply objects: send, receive, call, reply. */
#include "kernel/ipc/ipc.h"

#include "include/strata/errors.h"
#include "kernel/ipc/message.h"
#include "kernel/ipc/personality.h"
#include "kernel/ipc/timeout.h"
#include "kernel/scheduler.h"

void ipc_wake(struct thread *thread)
{
	thread->ipc_flags = 0;
	thread_resume(thread);
}

void ipc_block(struct thread *thread, unsigned state)
{
	scheduler_remove(thread);
	thread->state = (uint8_t)state;
}

/* A caller (or faulted thread) whose message was taken now waits on the
 * reply object; with none to wait on, its call ends in ST_ERROR_ABORTED. */
static void await_reply(struct thread *caller, struct reply *reply, unsigned flags)
{
	if (reply) {
		reply->caller = caller;
		caller->reply = reply;
		caller->ipc_flags = (uint8_t)flags;
		ipc_block(caller, ST_THREAD_BLOCKED_REPLY);
	} else if (flags & (IPC_FAULT | IPC_LINUX)) {
		/* Nobody can answer it: stopped as if it had no handler (a
		 * Linux call is made again if the thread is resumed). */
		if (flags & IPC_LINUX)
			personality_restart(caller);
		ipc_block(caller, ST_THREAD_FAULTED);
	} else {
		ipc_set_result(caller, ST_ERROR_ABORTED);
		ipc_wake(caller);
	}
}

void endpoint_send(struct endpoint *endpoint, uint64_t badge, unsigned flags, bool nonblocking)
{
	struct thread *sender = current_thread;
	if (endpoint->receivers && !wait_queue_empty(&endpoint->queue)) {
		struct thread *receiver = endpoint->queue.head;
		struct reply *reply = receiver->reply;
		ipc_cancel(receiver);
		message_transfer(sender, receiver, badge, flags);
		ipc_wake(receiver);
		if (flags & (IPC_CALL | IPC_FAULT))
			await_reply(sender, reply, flags);
		else
			ipc_set_result(sender, ST_OK);
		return;
	}
	if (nonblocking) {
		ipc_set_result(sender, ST_ERROR_WOULD_BLOCK);
		return;
	}
	sender->ipc_badge = badge;
	sender->ipc_flags = (uint8_t)flags;
	endpoint->receivers = false;
	wait_queue_add(&endpoint->queue, sender);
	ipc_block(sender, ST_THREAD_BLOCKED_SEND);
}

void endpoint_receive(struct endpoint *endpoint, struct reply *reply, bool nonblocking, uint64_t timeout)
{
	struct thread *receiver = current_thread;
	if (notification_take_bound(receiver))
		return;
	if (!endpoint->receivers && !wait_queue_empty(&endpoint->queue)) {
		struct thread *sender = endpoint->queue.head;
		unsigned flags = sender->ipc_flags;
		wait_queue_remove(sender);
		message_transfer(sender, receiver, sender->ipc_badge, flags);
		if (flags & (IPC_CALL | IPC_FAULT)) {
			sender->ipc_flags = 0;
			await_reply(sender, reply, flags);
		} else {
			ipc_set_result(sender, ST_OK);
			ipc_wake(sender);
		}
		return;
	}
	if (nonblocking) {
		ipc_set_result(receiver, ST_ERROR_WOULD_BLOCK);
		return;
	}
	receiver->reply = reply;
	if (reply)
		reply->receiver = receiver;
	endpoint->receivers = true;
	wait_queue_add(&endpoint->queue, receiver);
	ipc_block(receiver, ST_THREAD_BLOCKED_RECEIVE);
	if (timeout)
		timeout_add(receiver, timeout);
}

int reply_send(struct reply *reply)
{
	struct thread *caller = reply->caller;
	if (!caller)
		return ST_ERROR_ILLEGAL_OPERATION;
	unsigned flags = caller->ipc_flags;
	reply->caller = NULL;
	caller->reply = NULL;
	if (flags & IPC_FAULT) {
		/* The faulted thread goes on at the faulting instruction, its
		 * registers untouched, unless the handler says stop. */
		if (ST_MSG_LABEL(current_thread->frame.rsi) == ST_FAULT_REPLY_STOP) {
			caller->ipc_flags = 0;
			caller->state = ST_THREAD_FAULTED;
			return ST_OK;
		}
	} else if (flags & IPC_LINUX) {
		/* Word 0 is the system call's result; nothing else changes
		 * (Linux's system calls keep every register but rax, rcx, r11). */
		caller->frame.rax = ST_MSG_WORDS(current_thread->frame.rsi) ? current_thread->frame.r10 : 0;
	} else {
		message_transfer(current_thread, caller, 0, IPC_GRANT);
	}
	ipc_wake(caller);
	return ST_OK;
}

void ipc_cancel(struct thread *thread)
{
	wait_queue_remove(thread);
	timeout_cancel(thread);
	struct reply *reply = thread->reply;
	if (reply) {
		if (reply->caller == thread)
			reply->caller = NULL;
		if (reply->receiver == thread)
			reply->receiver = NULL;
		thread->reply = NULL;
	}
	if (thread->ipc_flags & IPC_LINUX)
		personality_restart(thread);
	else if (!(thread->ipc_flags & IPC_FAULT))
		ipc_set_result(thread, ST_ERROR_ABORTED);
	thread->ipc_flags = 0;
}

/* A blocked thread whose partner or object went: its call fails, or, for a
 * fault, the thread stays stopped as if it had no handler. */
static void abort_blocked(struct thread *thread)
{
	bool fault = thread->ipc_flags & IPC_FAULT;
	ipc_cancel(thread);
	if (fault)
		thread->state = ST_THREAD_FAULTED;
	else
		ipc_wake(thread);
}

void endpoint_destroy(struct endpoint *endpoint)
{
	while (endpoint->queue.head)
		abort_blocked(endpoint->queue.head);
}

void reply_destroy(struct reply *reply)
{
	if (reply->caller)
		abort_blocked(reply->caller);
	if (reply->receiver)
		abort_blocked(reply->receiver);
}

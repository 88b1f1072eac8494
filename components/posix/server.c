#include "components/posix/server.h"

#include "components/posix/fault.h"
#include "components/posix/placement.h"
#include "components/posix/process.h"
#include "components/posix/self_map.h"
#include "components/posix/syscall.h"
#include "components/posix/timer.h"
#include "lib/string.h"

/* Signal deliveries and parked-call retries can set off more of each
 * other (an exit wakes a waiter, which reaps, ...): this many rounds per
 * message at most, the rest waits for the next message or timeout. */
#define SETTLE_ROUNDS 64
#define SNAPSHOT_MAX 1024

static uint32_t endpoint;
static uint32_t receive_reply;   /* the reply object the next receive uses */
static struct process *done_list; /* calls with a reply to send */
static bool wake_pending;

struct st_ipc_buffer *server_ipc_buffer(void)
{
	return (struct st_ipc_buffer *)SELF_IPC_BUFFER;
}

void server_init(uint32_t endpoint_slot)
{
	endpoint = endpoint_slot;
	receive_reply = reply_get();
}

void posix_wake(void)
{
	wake_pending = true;
}

void call_complete(struct process *p, long result)
{
	p->call.result = result;
	if (p->signals.restore_mask && result != -LINUX_EINTR) {
		/* ppoll's or pselect6's mask ends with the call. */
		p->signals.blocked = p->signals.saved_mask;
		p->signals.restore_mask = false;
	}
	if (p->signals.pending)
		p->signal_check = true; /* due at the return from the call */
	if (p->call.state == CALL_DONE)
		return;
	p->call.state = CALL_DONE;
	p->call.next_done = done_list;
	done_list = p;
}

void call_abandon(struct process *p)
{
	if (p->call.state == CALL_NONE)
		return;
	/* The suspension took the thread out of the reply object. */
	if (p->call.reply != receive_reply)
		reply_put(p->call.reply);
	p->call.state = CALL_NONE; /* a done-list entry is skipped */
}

/* The call cannot finish yet: it keeps its reply object, and the loop
 * needs another for its next receive. */
static void park(struct process *p)
{
	if (p->call.reply == receive_reply) {
		uint32_t fresh = reply_get();
		if (!fresh) {
			call_complete(p, -LINUX_EAGAIN); /* no memory to hold it */
			return;
		}
		receive_reply = fresh;
	}
	p->call.state = CALL_PARKED;
}

static void run_call(struct process *p)
{
	p->call.state = CALL_RUNNING;
	long result = syscall_dispatch(p);
	if (p->call.state != CALL_RUNNING)
		return; /* it exited, or its call was taken over (exec's reply, a vfork) */
	if (result == POSIX_BLOCK)
		park(p);
	else
		call_complete(p, result);
}

void call_retry(struct process *p)
{
	p->common.retrying = true;
	run_call(p);
}

static void handle_linux(const struct st_message *m)
{
	struct process *p = process_find((int)m->badge);
	const struct st_ipc_buffer *buffer = server_ipc_buffer();
	uint64_t args[6] = { m->words[1], m->words[2], m->words[3], buffer->words[4], buffer->words[5],
			     buffer->words[6] };
	/* From a library OS (exo): arguments 3-5 wait in the process, unless
	 * the call has none. */
	bool bad_args = false;
	if (!(m->info & ST_MSG_LINUX)) {
		args[3] = args[4] = args[5] = 0;
		bad_args = ST_MSG_LABEL(m->info) == LIBOS_LABEL_LINUX && p && placement_call_args(p, &args[3]);
	}
	if (!p || p->state != PROCESS_ALIVE || p->call.state != CALL_NONE || bad_args) {
		st_printf("posix: system call from unknown process %lu ignored\n", m->badge);
		struct st_message reply = { .info = ST_MSG_INFO(0, 1, 0), .words = { (uint64_t)-LINUX_ENOSYS } };
		st_reply(receive_reply, &reply);
		return;
	}
	p->call = (struct call){ .reply = receive_reply, .number = m->words[0] };
	memcpy(p->call.args, args, sizeof args);
	p->common.retrying = false;
	p->common.block_deadline = 0;
	run_call(p);
}

static void handle_fault(const struct st_message *m)
{
	struct process *p = process_find((int)m->badge);
	if (!p || p->state != PROCESS_ALIVE || p->call.state != CALL_NONE) {
		struct st_message stop = { .info = ST_MSG_INFO(ST_FAULT_REPLY_STOP, 0, 0) };
		st_reply(receive_reply, &stop);
		return;
	}
	p->call = (struct call){ .state = CALL_RUNNING, .fault = true, .reply = receive_reply };
	fault_handle(p, m->words[ST_FAULT_VECTOR], m->words[ST_FAULT_ERROR], m->words[ST_FAULT_ADDRESS],
		     m->words[ST_FAULT_IP]);
	if (p->call.state == CALL_RUNNING)
		call_complete(p, 0);
}

/* Processes worth looking at, copied first: what is done for one may
 * create or reap others. */
static unsigned snapshot(struct process **list)
{
	unsigned count = 0;
	for (struct process *p = process_first(); p && count < SNAPSHOT_MAX; p = process_next(p))
		list[count++] = p;
	return count;
}

static struct process *snapshot_list[SNAPSHOT_MAX];

/* Parked calls run again: all of them after a wake, those whose deadline
 * passed otherwise. */
static bool retry_parked(bool all)
{
	bool any = false;
	uint64_t now = posix_now_ns();
	unsigned count = snapshot(snapshot_list);
	for (unsigned i = 0; i < count; i++) {
		struct process *p = snapshot_list[i];
		if (p->state != PROCESS_ALIVE || p->call.state != CALL_PARKED || p->stopped)
			continue;
		if (!all && !(p->common.block_deadline && p->common.block_deadline <= now))
			continue;
		call_retry(p);
		any = true;
	}
	return any;
}

static bool deliver_signals(void)
{
	bool any = false;
	unsigned count = snapshot(snapshot_list);
	for (unsigned i = 0; i < count; i++) {
		struct process *p = snapshot_list[i];
		if (p->signal_deferred && posix_now_ns() >= p->signal_retry_ns) {
			p->signal_deferred = false;
			p->signal_check = true;
		}
		if (p->state != PROCESS_ALIVE || !p->signal_check)
			continue;
		p->signal_check = false;
		signal_deliver(p);
		any = true;
	}
	return any;
}

static bool deadline_passed(void)
{
	uint64_t now = posix_now_ns();
	for (struct process *p = process_first(); p; p = process_next(p)) {
		if (p->state == PROCESS_ALIVE && p->call.state == CALL_PARKED && !p->stopped &&
		    p->common.block_deadline && p->common.block_deadline <= now)
			return true;
	}
	return false;
}

/* After each message: timers, parked calls, signals, until nothing moves. */
static void settle(void)
{
	for (unsigned round = 0; round < SETTLE_ROUNDS; round++) {
		timer_expire();
		bool all = wake_pending;
		wake_pending = false;
		bool moved = false;
		if (all || deadline_passed())
			moved |= retry_parked(all);
		moved |= deliver_signals();
		if (!moved && !wake_pending)
			return;
	}
}

/* The receive's timeout: until the earliest deadline (0: none). */
static uint64_t receive_timeout(void)
{
	uint64_t earliest = timer_next_deadline();
	for (struct process *p = process_first(); p; p = process_next(p)) {
		if (p->state == PROCESS_ALIVE && p->call.state == CALL_PARKED && !p->stopped &&
		    p->common.block_deadline && (!earliest || p->common.block_deadline < earliest))
			earliest = p->common.block_deadline;
		if (p->state == PROCESS_ALIVE && p->signal_deferred && (!earliest || p->signal_retry_ns < earliest))
			earliest = p->signal_retry_ns;
	}
	if (!earliest)
		return 0;
	uint64_t now = posix_now_ns();
	return earliest > now ? earliest - now : 1;
}

static void reply_message(const struct process *p, struct st_message *m)
{
	if (p->call.fault)
		*m = (struct st_message){ .info = ST_MSG_INFO(0, 0, 0) };
	else
		*m = (struct st_message){ .info = ST_MSG_INFO(0, 1, 0), .words = { (uint64_t)p->call.result } };
}

/* Sends every reply due; the one held by the receive's reply object is
 * left in *m for the reply-and-receive (true then). */
static bool send_replies(struct st_message *m)
{
	bool pending = false;
	struct process *list = done_list;
	done_list = NULL;
	for (struct process *p = list; p; p = p->call.next_done) {
		if (p->call.state != CALL_DONE)
			continue;
		p->call.state = CALL_NONE;
		if (p->call.reply == receive_reply && !p->stopped) {
			reply_message(p, m);
			pending = true;
			continue;
		}
		struct st_message reply;
		reply_message(p, &reply);
		long error = st_reply(p->call.reply, &reply);
		if (error)
			st_printf("posix: reply to process %d: %s\n", p->common.pid, st_error_name(error));
		if (p->call.reply != receive_reply)
			reply_put(p->call.reply);
		if (p->stopped && !p->suspended) {
			/* Stopped at the return from its call: it goes no further. */
			st_thread_suspend(p->thread);
			p->suspended = true;
		}
	}
	return pending;
}

_Noreturn void server_run(void)
{
	struct st_message m = { 0 };
	bool reply_pending = false;
	for (;;) {
		long error = st_ipc(reply_pending ? ST_SYS_REPLY_RECV : ST_SYS_RECV, endpoint, receive_reply,
				    receive_timeout(), &m);
		reply_pending = false;
		if (error == ST_OK) {
			if (m.info & ST_MSG_NOTIFICATION)
				fs_console_event();
			else if ((m.info & ST_MSG_LINUX) ||
				 (placement_exo && !(m.info & ST_MSG_FAULT) &&
				  (ST_MSG_LABEL(m.info) == LIBOS_LABEL_LINUX || ST_MSG_LABEL(m.info) == LIBOS_LABEL_LINUX_SHORT)))
				handle_linux(&m);
			else if (m.info & ST_MSG_FAULT)
				handle_fault(&m);
			else if (ST_MSG_WORDS(m.info) || ST_MSG_LABEL(m.info) || m.badge) {
				/* A native call on a process's endpoint capability:
				 * nothing is offered that way. */
				struct st_message empty = { .info = 0 };
				st_reply(receive_reply, &empty);
			}
		} else if (error != ST_ERROR_TIMED_OUT) {
			st_printf("posix: receive: %s\n", st_error_name(error));
		}
		settle();
		m = (struct st_message){ 0 };
		reply_pending = send_replies(&m);
		process_free_reaped();
	}
}

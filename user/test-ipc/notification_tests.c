/* Notifications: signal, wait, poll, badges as bits, bound notifications
 * ending a receive on an endpoint. */
#include "user/test-ipc/ipc_tests.h"

static struct worker *waiter(uint64_t notification, unsigned priority)
{
	struct worker *w = worker_make(body_wait, priority, 0);
	w->notification = notification;
	worker_resume(w);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_NOTIFICATION);
	return w;
}

UTEST(signal_then_poll_takes_bit_zero)
{
	begin();
	uint32_t notification = new_notification();
	UCHECK_EQ(st_signal(notification), ST_OK);
	uint64_t bits = 0;
	UCHECK_EQ(st_poll(notification, &bits), ST_OK);
	UCHECK_EQ(bits, 1);
	/* Taken: the word is clear again. */
	UCHECK_EQ(st_poll(notification, &bits), ST_ERROR_WOULD_BLOCK);
}

UTEST(poll_with_nothing_signalled_would_block)
{
	begin();
	uint64_t bits = 5;
	UCHECK_EQ(st_poll(new_notification(), &bits), ST_ERROR_WOULD_BLOCK);
	UCHECK_EQ(bits, 0);
}

/* Badged capabilities signalled before a wait: it gets their OR. */
UTEST(badges_signalled_before_wait_are_ored)
{
	begin();
	uint32_t notification = new_notification();
	UCHECK_EQ(st_signal(utest_mint(notification, ST_RIGHT_WRITE, 0x1)), ST_OK);
	UCHECK_EQ(st_signal(utest_mint(notification, ST_RIGHT_WRITE, 0x2)), ST_OK);
	uint32_t eight = utest_mint(notification, ST_RIGHT_WRITE, 0x8);
	UCHECK_EQ(st_signal(eight), ST_OK);
	UCHECK_EQ(st_signal(eight), ST_OK);
	uint64_t bits = 0;
	UCHECK_EQ(st_wait(notification, &bits), ST_OK);
	UCHECK_EQ(bits, 0xb);
	UCHECK_EQ(st_poll(notification, &bits), ST_ERROR_WOULD_BLOCK);
}

UTEST(waiter_woken_with_the_bits)
{
	begin();
	uint32_t notification = new_notification();
	struct worker *w = waiter(notification, HIGH_PRIORITY);
	UCHECK_EQ(st_signal(utest_mint(notification, ST_RIGHT_WRITE, 0x40)), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
	UCHECK_EQ(w->message.badge, 0x40);
	/* Delivered, not left in the word. */
	UCHECK_EQ(st_poll(notification, NULL), ST_ERROR_WOULD_BLOCK);
}

/* One signal wakes one waiter, the highest priority first. */
UTEST(signal_wakes_one_waiter_by_priority)
{
	begin();
	uint32_t notification = new_notification();
	struct worker *low = waiter(notification, HIGH_PRIORITY);
	struct worker *high = waiter(notification, HIGH_PRIORITY + 10);
	UCHECK_EQ(st_signal(notification), ST_OK);
	UCHECK(worker_finished(high));
	UCHECK_EQ(state_of(low->thread), ST_THREAD_BLOCKED_NOTIFICATION);
	UCHECK_EQ(st_signal(utest_mint(notification, ST_RIGHT_WRITE, 4)), ST_OK);
	UCHECK(worker_finished(low));
	UCHECK_EQ(low->message.badge, 4);
}

UTEST(signal_needs_write_wait_needs_read)
{
	begin();
	uint32_t notification = new_notification();
	uint64_t bits;
	UCHECK_EQ(st_signal(utest_copy(notification, ST_RIGHT_READ)), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_poll(utest_copy(notification, ST_RIGHT_WRITE), &bits), ST_ERROR_NO_RIGHTS);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(utest_copy(notification, ST_RIGHT_WRITE), 0, &m), ST_ERROR_NO_RIGHTS);
}

UTEST(wait_times_out)
{
	begin();
	struct st_message m = { 0 };
	uint64_t start = tsc_now();
	UCHECK_EQ(st_recv_timeout(new_notification(), 0, 30 * MS, &m), ST_ERROR_TIMED_OUT);
	UCHECK(ns_since(start) >= 20 * MS);
}

UTEST(notification_deleted_aborts_waiter)
{
	begin();
	uint32_t notification = new_notification();
	struct worker *w = waiter(notification, HIGH_PRIORITY);
	UCHECK_EQ(st_cap_delete(notification), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_ERROR_ABORTED);
}

/* Concurrent signals: each round, signallers at priorities below, equal to
 * and above the collector's each signal their own bit once (woken through a
 * notification of their own); the collector waits until it has every bit.
 * A lost signal would leave it waiting; a bit seen twice in a round, or an
 * unknown one, is counted. */
#define SIGNALLERS 4
#define ROUNDS 300

static volatile uint64_t collector_errors;

static void body_signaller(struct worker *w)
{
	for (;;) {
		if (st_wait(w->argument[0], NULL) != ST_OK)
			return;
		if (st_signal(w->notification) != ST_OK)
			collector_errors++;
		/* Sometimes let the others go first. */
		if (w->steps++ % 3 == 0)
			st_yield();
	}
}

static void body_collector(struct worker *w)
{
	uint64_t all = (1u << SIGNALLERS) - 1;
	for (unsigned round = 0; round < ROUNDS; round++) {
		for (unsigned i = 0; i < SIGNALLERS; i++)
			st_signal(w->argument[i]);
		uint64_t seen = 0;
		while (seen != all) {
			uint64_t bits = 0;
			if (st_wait(w->notification, &bits) != ST_OK) {
				collector_errors++;
				return;
			}
			if ((bits & seen) || (bits & ~all))
				collector_errors++;
			seen |= bits;
		}
		w->steps++;
	}
}

UTEST(concurrent_signals_ored_none_lost)
{
	begin();
	collector_errors = 0;
	uint32_t shared = new_notification();
	unsigned priorities[SIGNALLERS] = { 110, 120, 120, 130 };
	uint64_t go[SIGNALLERS];
	for (unsigned i = 0; i < SIGNALLERS; i++) {
		go[i] = new_notification();
		struct worker *s = worker_make(body_signaller, priorities[i], 0);
		s->notification = utest_mint(shared, ST_RIGHT_WRITE, 1u << i);
		s->argument[0] = go[i];
		worker_resume(s);
	}
	struct worker *collector = worker_make(body_collector, 120, 0);
	collector->notification = shared;
	for (unsigned i = 0; i < SIGNALLERS; i++)
		collector->argument[i] = go[i];
	worker_resume(collector);
	UCHECK(utest_wait_for(&collector->done, 500));
	UCHECK_EQ(collector->steps, ROUNDS);
	UCHECK_EQ(collector_errors, 0);
}

/* A thread bound to a notification, blocked receiving on an endpoint, is
 * woken by a signal: flag ST_MSG_NOTIFICATION, the bits as badge. */
UTEST(bound_notification_wakes_endpoint_receive)
{
	begin();
	uint32_t notification = new_notification();
	struct worker *w = worker_make(body_recv, HIGH_PRIORITY, 0);
	w->endpoint = new_endpoint();
	UCHECK_EQ(st_thread_bind_notification(w->thread, notification), ST_OK);
	worker_resume(w);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_RECEIVE);
	UCHECK_EQ(st_signal(utest_mint(notification, ST_RIGHT_WRITE, 0x24)), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
	UCHECK(w->message.info & ST_MSG_NOTIFICATION);
	UCHECK_EQ(w->message.badge, 0x24);
	UCHECK_EQ(st_poll(notification, NULL), ST_ERROR_WOULD_BLOCK);
}

UTEST(bound_notification_pending_bits_returned_at_recv)
{
	begin();
	uint32_t notification = new_notification();
	UCHECK_EQ(st_signal(utest_mint(notification, ST_RIGHT_WRITE, 0x3)), ST_OK);
	struct worker *w = worker_make(body_recv, HIGH_PRIORITY, 0);
	w->endpoint = new_endpoint();
	UCHECK_EQ(st_thread_bind_notification(w->thread, notification), ST_OK);
	worker_resume(w);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
	UCHECK(w->message.info & ST_MSG_NOTIFICATION);
	UCHECK_EQ(w->message.badge, 0x3);
}

UTEST(bound_thread_still_receives_messages)
{
	begin();
	uint32_t notification = new_notification();
	struct worker *w = worker_make(body_recv, HIGH_PRIORITY, 0);
	w->endpoint = new_endpoint();
	UCHECK_EQ(st_thread_bind_notification(w->thread, notification), ST_OK);
	worker_resume(w);
	struct st_message m = msg(2, 1, 0x99, 0, 0, 0);
	UCHECK_EQ(st_nb_send(utest_mint(w->endpoint, ST_RIGHT_WRITE, 5), &m), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->message.info, ST_MSG_INFO(2, 1, 0));
	UCHECK_EQ(w->message.badge, 5);
}

UTEST(bind_twice_is_illegal)
{
	begin();
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0), other = utest_object(ST_OBJECT_THREAD, 0);
	uint32_t notification = new_notification(), second = new_notification();
	UCHECK_EQ(st_thread_bind_notification(thread, notification), ST_OK);
	/* The thread is bound already; so is the notification. */
	UCHECK_EQ(st_thread_bind_notification(thread, second), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_thread_bind_notification(other, notification), ST_ERROR_ILLEGAL_OPERATION);
	/* Unbound (0), both are free again. */
	UCHECK_EQ(st_thread_bind_notification(thread, 0), ST_OK);
	UCHECK_EQ(st_thread_bind_notification(other, notification), ST_OK);
	UCHECK_EQ(st_thread_bind_notification(thread, second), ST_OK);
}

UTEST(bind_checks_rights_and_types)
{
	begin();
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0), notification = new_notification();
	UCHECK_EQ(st_thread_bind_notification(thread, utest_copy(notification, ST_RIGHT_WRITE)), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_bind_notification(utest_copy(thread, ST_RIGHT_READ), notification), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_bind_notification(thread, new_endpoint()), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_bind_notification(notification, notification), ST_ERROR_WRONG_TYPE);
}

/* Unbound, a signal no longer ends the thread's receive: the bits wait in
 * the word. */
UTEST(unbind_stops_signals_ending_receive)
{
	begin();
	uint32_t notification = new_notification();
	struct worker *w = worker_make(body_recv, HIGH_PRIORITY, 0);
	w->endpoint = new_endpoint();
	UCHECK_EQ(st_thread_bind_notification(w->thread, notification), ST_OK);
	UCHECK_EQ(st_thread_bind_notification(w->thread, 0), ST_OK);
	worker_resume(w);
	UCHECK_EQ(st_signal(notification), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_RECEIVE);
	uint64_t bits = 0;
	UCHECK_EQ(st_poll(notification, &bits), ST_OK);
	UCHECK_EQ(bits, 1);
}

/* A notification's or a thread's deletion unbinds the other. */
UTEST(deletion_unbinds)
{
	begin();
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0), notification = new_notification();
	UCHECK_EQ(st_thread_bind_notification(thread, notification), ST_OK);
	UCHECK_EQ(st_cap_delete(notification), ST_OK);
	uint32_t second = new_notification();
	UCHECK_EQ(st_thread_bind_notification(thread, second), ST_OK);
	UCHECK_EQ(st_cap_delete(thread), ST_OK);
	UCHECK_EQ(st_thread_bind_notification(utest_object(ST_OBJECT_THREAD, 0), second), ST_OK);
}

/* A server bound to a notification answers a call with reply_recv while
 * bits are pending: the reply goes, and its receive ends at once with the
 * bits. */
static void body_bound_server(struct worker *w)
{
	struct st_message m = { 0 };
	if (st_recv(w->endpoint, w->reply, &m) != ST_OK)
		return;
	w->steps++;
	st_wait(w->argument[0], NULL); /* until the root has signalled */
	m = msg(0, 1, 0xfeed, 0, 0, 0);
	w->result = st_reply_recv(w->endpoint, w->reply, &m);
	w->message = m;
}

UTEST(bound_notification_pending_at_reply_recv)
{
	begin();
	uint32_t notification = new_notification();
	struct worker *server = worker_make(body_bound_server, HIGH_PRIORITY, 0);
	server->endpoint = new_endpoint();
	server->reply = new_reply();
	server->argument[0] = new_notification();
	UCHECK_EQ(st_thread_bind_notification(server->thread, notification), ST_OK);
	worker_resume(server);
	/* The client above the server: the reply could switch straight to it. */
	struct worker *client = worker_make(body_call, HIGH_PRIORITY + 10, 0);
	client->endpoint = server->endpoint;
	worker_resume(client);
	UCHECK_EQ(server->steps, 1);
	UCHECK_EQ(state_of(server->thread), ST_THREAD_BLOCKED_NOTIFICATION);
	UCHECK_EQ(st_signal(utest_mint(notification, ST_RIGHT_WRITE, 0x80)), ST_OK);
	UCHECK_EQ(st_signal(server->argument[0]), ST_OK);
	UCHECK(worker_finished(server));
	UCHECK_EQ(server->result, ST_OK);
	UCHECK(server->message.info & ST_MSG_NOTIFICATION);
	UCHECK_EQ(server->message.badge, 0x80);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_OK);
	UCHECK_EQ(client->message.words[0], 0xfeed);
}

/* Call and reply: reply objects, server loops, what a caller gets when the
 * server goes away. */
#include "user/test-ipc/ipc_tests.h"

/* A client blocked calling `endpoint` with m. */
static struct worker *client_calling(uint64_t endpoint, struct st_message m, unsigned priority, unsigned flags)
{
	struct worker *w = worker_make(body_call, priority, flags);
	w->endpoint = endpoint;
	w->message = m;
	worker_resume(w);
	return w;
}

/* The root takes a call on endpoint with reply: the client then waits for
 * the reply. */
static void take_call(uint64_t endpoint, uint64_t reply, struct worker *client)
{
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
}

/* Answers calls until an error: label + 1, each word doubled. */
static void body_echo_server(struct worker *w)
{
	struct st_message m = { 0 };
	long error = st_recv(w->endpoint, w->reply, &m);
	while (error == ST_OK) {
		w->steps++;
		w->message = m;
		for (unsigned i = 0; i < 4; i++)
			m.words[i] *= 2;
		m.info = ST_MSG_INFO(ST_MSG_LABEL(m.info) + 1, ST_MSG_WORDS(m.info), 0);
		error = st_reply_recv(w->endpoint, w->reply, &m);
	}
	w->result = error;
}

UTEST(call_and_reply_carry_values)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(utest_mint(endpoint, ST_RIGHT_WRITE, 0x42), msg(7, 3, 1, 2, 3, 0x5ec2e7),
					       HIGH_PRIORITY, 0);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(7, 3, 0));
	UCHECK_EQ(m.badge, 0x42);
	UCHECK_EQ(m.words[2], 3);
	UCHECK_EQ(m.words[3], 0);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
	m = msg(9, 2, 10, 20, 0x5ec2e7, 0x5ec2e7);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_OK);
	/* A reply carries no badge. */
	UCHECK_EQ(client->message.badge, 0);
	UCHECK_EQ(client->message.info, ST_MSG_INFO(9, 2, 0));
	UCHECK_EQ(client->message.words[0], 10);
	UCHECK_EQ(client->message.words[1], 20);
	UCHECK_EQ(client->message.words[2], 0);
	UCHECK_EQ(client->message.words[3], 0);
}

UTEST(reply_with_long_message)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(endpoint, msg(1, 0, 0, 0, 0, 0), HIGH_PRIORITY, WORKER_BUFFER);
	take_call(endpoint, reply, client);
	for (unsigned i = 4; i < 60; i++)
		buffer->words[i] = i * 3;
	struct st_message m = msg(2, 60, 0, 1, 2, 3);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->message.info, ST_MSG_INFO(2, 60, 0));
	UCHECK_EQ(client->buffer->words[4], 12);
	UCHECK_EQ(client->buffer->words[59], 59 * 3);
}

/* The root calls a server that waits at a higher priority, then at a lower
 * one: either way the reply comes back. */
UTEST(root_calls_servers_of_either_priority)
{
	begin();
	unsigned priorities[2] = { HIGH_PRIORITY, LOW_PRIORITY };
	for (unsigned i = 0; i < 2; i++) {
		struct worker *server = worker_make(body_echo_server, priorities[i], 0);
		server->endpoint = new_endpoint();
		server->reply = new_reply();
		worker_resume(server);
		/* The one above is waiting; the one below runs once the root
		 * blocks in its call. */
		if (priorities[i] > TEST_PRIORITY && state_of(server->thread) != ST_THREAD_BLOCKED_RECEIVE) {
			UCHECK_EQ(state_of(server->thread), ST_THREAD_BLOCKED_RECEIVE);
			return;
		}
		struct st_message m = msg(40, 2, 21, 50, 0, 0);
		UCHECK_EQ(st_ipc_call(server->endpoint, &m), ST_OK);
		UCHECK_EQ(m.info, ST_MSG_INFO(41, 2, 0));
		UCHECK_EQ(m.words[0], 42);
		UCHECK_EQ(m.words[1], 100);
		UCHECK_EQ(m.words[2], 0);
		UCHECK(wait_state(server->thread, ST_THREAD_BLOCKED_RECEIVE));
		UCHECK_EQ(server->steps, 1);
	}
}

/* A reply_recv loop serves clients that call one after another (the server
 * is above them: each call is answered before the next comes). */
UTEST(reply_recv_loop_serves_several_clients)
{
	begin();
	struct worker *server = worker_make(body_echo_server, HIGH_PRIORITY + 10, 0);
	server->endpoint = new_endpoint();
	server->reply = new_reply();
	worker_resume(server);
	UCHECK_EQ(state_of(server->thread), ST_THREAD_BLOCKED_RECEIVE);
	struct worker *clients[4];
	for (unsigned i = 0; i < 4; i++)
		clients[i] = client_calling(utest_mint(server->endpoint, ST_RIGHT_WRITE, i + 1), msg(i, 1, 100 + i, 0, 0, 0),
					    HIGH_PRIORITY, 0);
	for (unsigned i = 0; i < 4; i++) {
		UCHECK(worker_finished(clients[i]));
		UCHECK_EQ(clients[i]->result, ST_OK);
		UCHECK_EQ(clients[i]->message.info, ST_MSG_INFO(i + 1, 1, 0));
		UCHECK_EQ(clients[i]->message.words[0], 2 * (100 + i));
	}
	UCHECK_EQ(server->steps, 4);
	UCHECK_EQ(state_of(server->thread), ST_THREAD_BLOCKED_RECEIVE);
}

/* Clients above the server queue up first; the server's loop then answers
 * each, in order, through one reply object. */
UTEST(reply_recv_loop_drains_queued_callers)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *clients[4];
	for (unsigned i = 0; i < 4; i++) {
		clients[i] = client_calling(utest_mint(endpoint, ST_RIGHT_WRITE, 10 + i), msg(0, 2, i, 1000, 0, 0),
					    HIGH_PRIORITY, 0);
		UCHECK_EQ(state_of(clients[i]->thread), ST_THREAD_BLOCKED_SEND);
	}
	struct worker *server = worker_make(body_echo_server, TEST_PRIORITY + 10, 0);
	server->endpoint = endpoint;
	server->reply = new_reply();
	worker_resume(server);
	for (unsigned i = 0; i < 4; i++) {
		UCHECK(worker_finished(clients[i]));
		UCHECK_EQ(clients[i]->message.words[0], 2 * i);
		UCHECK_EQ(clients[i]->message.words[1], 2000);
	}
	UCHECK_EQ(server->steps, 4);
	/* The last call it took came from the last client queued. */
	UCHECK_EQ(server->message.badge, 13);
}

UTEST(reply_twice_is_illegal)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	take_call(endpoint, reply, client);
	struct st_message m = msg(1, 1, 5, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK_EQ(st_reply(reply, &m), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->message.words[0], 5);
}

UTEST(reply_without_caller_is_illegal)
{
	begin();
	struct st_message m = msg(1, 1, 5, 0, 0, 0);
	UCHECK_EQ(st_reply(new_reply(), &m), ST_ERROR_ILLEGAL_OPERATION);
}

UTEST(reply_needs_a_reply_object_with_write)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	take_call(endpoint, reply, client);
	struct st_message m = msg(1, 1, 5, 0, 0, 0);
	UCHECK_EQ(st_reply(endpoint, &m), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_reply(utest_copy(reply, ST_RIGHT_READ), &m), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_reply(utest_slot(), &m), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(client));
}

UTEST(recv_with_reply_still_holding_a_caller_is_illegal)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	take_call(endpoint, reply, client);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_nb_recv(endpoint, reply, &m), ST_ERROR_ILLEGAL_OPERATION);
	/* The caller still waits, and the reply still reaches it. */
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
	m = msg(0, 1, 77, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->message.words[0], 77);
}

UTEST(recv_with_reply_another_thread_receives_with_is_illegal)
{
	begin();
	uint32_t reply = new_reply();
	struct worker *server = worker_make(body_recv, HIGH_PRIORITY, 0);
	server->endpoint = new_endpoint();
	server->reply = reply;
	worker_resume(server);
	UCHECK_EQ(state_of(server->thread), ST_THREAD_BLOCKED_RECEIVE);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(new_endpoint(), reply, &m), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_reply_recv(new_endpoint(), reply, &m), ST_ERROR_ILLEGAL_OPERATION);
}

UTEST(recv_reply_object_needs_write)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct st_message m = { 0 };
	UCHECK_EQ(st_nb_recv(endpoint, utest_copy(new_reply(), ST_RIGHT_READ), &m), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_nb_recv(endpoint, new_endpoint(), &m), ST_ERROR_WRONG_TYPE);
}

UTEST(reply_recv_needs_a_reply_object)
{
	begin();
	struct st_message m = { 0 };
	UCHECK_EQ(st_reply_recv(new_endpoint(), 0, &m), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_reply_recv(new_notification(), new_reply(), &m), ST_ERROR_WRONG_TYPE);
}

UTEST(call_taken_without_reply_object_aborts_caller)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *client = client_calling(endpoint, msg(3, 1, 33, 0, 0, 0), HIGH_PRIORITY, 0);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	/* The message went through all the same. */
	UCHECK_EQ(m.words[0], 33);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_ERROR_ABORTED);
}

/* A reply object serves one call after another. */
UTEST(reply_object_reused_for_next_call)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	for (unsigned i = 0; i < 3; i++) {
		struct worker *client = client_calling(endpoint, msg(0, 1, i, 0, 0, 0), HIGH_PRIORITY, 0);
		take_call(endpoint, reply, client);
		struct st_message m = msg(0, 1, i + 50, 0, 0, 0);
		UCHECK_EQ(st_reply(reply, &m), ST_OK);
		UCHECK(worker_finished(client));
		UCHECK_EQ(client->message.words[0], i + 50);
	}
}

/* The server goes away in various ways during a call: the caller ends
 * with ST_ERROR_ABORTED once the reply right is gone, never hangs. */

UTEST(server_reply_object_deleted_aborts_caller)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	take_call(endpoint, reply, client);
	UCHECK_EQ(st_cap_delete(reply), ST_OK);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_ERROR_ABORTED);
}

/* Receives a call, then waits on its notification for ever (busy). */
static void body_take_call_and_wait(struct worker *w)
{
	struct st_message m = { 0 };
	w->result = st_recv(w->endpoint, w->reply, &m);
	w->steps++;
	st_wait(w->notification, NULL);
}

/* The server's capability space (a CNode of its own) holds the only reply
 * object capability: the call survives while the server's thread keeps the
 * CNode alive, and ends when both have gone. */
UTEST(server_thread_and_cspace_deleted_aborts_caller)
{
	begin();
	uint32_t endpoint = new_endpoint();
	uint32_t cnode = utest_object(ST_OBJECT_CNODE, 3);
	UCHECK_EQ(st_cap_copy(endpoint, ST_SLOT(cnode, 1), ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_untyped_retype(utest_untyped(12), ST_OBJECT_REPLY, 0, ST_SLOT(cnode, 2), 1), ST_OK);
	UCHECK_EQ(st_cap_copy(new_notification(), ST_SLOT(cnode, 3), ST_RIGHT_READ), ST_OK);
	struct worker *server = worker_make(body_take_call_and_wait, HIGH_PRIORITY + 10, 0);
	worker_configure(server, cnode, 0);
	server->endpoint = 1;
	server->reply = 2;
	server->notification = 3;
	worker_resume(server);
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	UCHECK_EQ(server->result, ST_OK);
	UCHECK_EQ(state_of(server->thread), ST_THREAD_BLOCKED_NOTIFICATION);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(st_cap_delete(cnode), ST_OK);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(st_cap_delete(server->thread), ST_OK);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_ERROR_ABORTED);
}

/* Everything the server was made of came from one untyped: revoking it
 * ends the call. */
UTEST(server_untyped_revoked_aborts_caller)
{
	begin();
	uint32_t endpoint = new_endpoint();
	uint32_t untyped = utest_untyped(14), reply = utest_slot(), thread = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_REPLY, 0, reply, 1), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_THREAD, 0, thread, 1), ST_OK);
	struct worker *server = worker_make_in(thread, body_take_call_and_wait, HIGH_PRIORITY + 10, 0);
	server->endpoint = endpoint;
	server->reply = reply;
	server->notification = new_notification();
	worker_resume(server);
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	UCHECK_EQ(cap_type(reply), ST_OBJECT_NULL);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_ERROR_ABORTED);
}

/* The reply right lives in the reply object, not in the server's thread:
 * with the thread gone, whoever holds the object can still answer. */
UTEST(server_thread_deleted_reply_object_still_answers)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *server = worker_make(body_take_call_and_wait, HIGH_PRIORITY + 10, 0);
	server->endpoint = endpoint;
	server->reply = reply;
	server->notification = new_notification();
	worker_resume(server);
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	UCHECK_EQ(st_cap_delete(server->thread), ST_OK);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
	struct st_message m = msg(0, 1, 0x600d, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_OK);
	UCHECK_EQ(client->message.words[0], 0x600d);
}

/* Receives a call, then touches an unmapped address (it has no fault
 * handler: it stops). */
static void body_take_call_and_fault(struct worker *w)
{
	struct st_message m = { 0 };
	w->result = st_recv(w->endpoint, w->reply, &m);
	*(volatile uint64_t *)w->argument[0] = 1;
}

UTEST(server_faults_during_call_then_reply_deleted_aborts_caller)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *server = worker_make(body_take_call_and_fault, HIGH_PRIORITY + 10, 0);
	server->endpoint = endpoint;
	server->reply = reply;
	server->argument[0] = unmapped_address();
	worker_resume(server);
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	UCHECK_EQ(state_of(server->thread), ST_THREAD_FAULTED);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(st_cap_delete(reply), ST_OK);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_ERROR_ABORTED);
}

/* A server suspended while it waits for calls: its receive ends in
 * ST_ERROR_ABORTED when resumed, and its reply object is free again. */
UTEST(server_suspended_in_recv_aborted_and_reply_freed)
{
	begin();
	uint32_t reply = new_reply();
	struct worker *server = worker_make(body_recv, HIGH_PRIORITY, 0);
	server->endpoint = new_endpoint();
	server->reply = reply;
	worker_resume(server);
	UCHECK_EQ(state_of(server->thread), ST_THREAD_BLOCKED_RECEIVE);
	UCHECK_EQ(st_thread_suspend(server->thread), ST_OK);
	UCHECK_EQ(state_of(server->thread), ST_THREAD_SUSPENDED);
	struct st_message m = { 0 };
	UCHECK_EQ(st_nb_recv(new_endpoint(), reply, &m), ST_ERROR_WOULD_BLOCK);
	worker_resume(server);
	UCHECK(worker_finished(server));
	UCHECK_EQ(server->result, ST_ERROR_ABORTED);
}

UTEST(reply_object_deleted_aborts_its_receiver)
{
	begin();
	uint32_t reply = new_reply();
	struct worker *server = worker_make(body_recv, HIGH_PRIORITY, 0);
	server->endpoint = new_endpoint();
	server->reply = reply;
	worker_resume(server);
	UCHECK_EQ(st_cap_delete(reply), ST_OK);
	UCHECK(worker_finished(server));
	UCHECK_EQ(server->result, ST_ERROR_ABORTED);
}

/* The caller goes while the server holds its call: the reply finds nobody,
 * and the reply object takes the next call. */
UTEST(caller_deleted_then_reply_is_illegal)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	take_call(endpoint, reply, client);
	UCHECK_EQ(st_cap_delete(client->thread), ST_OK);
	struct st_message m = msg(0, 1, 1, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_ERROR_ILLEGAL_OPERATION);
	struct worker *next = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	take_call(endpoint, reply, next);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(next));
	UCHECK_EQ(next->result, ST_OK);
}

UTEST(caller_suspended_in_reply_gets_aborted)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	take_call(endpoint, reply, client);
	UCHECK_EQ(st_thread_suspend(client->thread), ST_OK);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_SUSPENDED);
	struct st_message m = msg(0, 1, 1, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_ERROR_ILLEGAL_OPERATION);
	worker_resume(client);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_ERROR_ABORTED);
}

/* Takes a call with a receive timeout, answers it, then waits again with
 * none: the first timeout must be gone with the call that ended it. */
static void body_timed_server(struct worker *w)
{
	struct st_message m = { 0 };
	if (st_recv_timeout(w->endpoint, w->reply, 50 * MS, &m) != ST_OK)
		return;
	w->steps++;
	m = msg(0, 1, 0x7e, 0, 0, 0);
	w->result = st_reply_recv(w->endpoint, w->reply, &m);
	w->steps++;
}

UTEST(call_cancels_server_receive_timeout)
{
	begin();
	struct worker *server = worker_make(body_timed_server, HIGH_PRIORITY + 10, 0);
	server->endpoint = new_endpoint();
	server->reply = new_reply();
	worker_resume(server);
	struct worker *client = client_calling(server->endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->message.words[0], 0x7e);
	UCHECK_EQ(server->steps, 1);
	UCHECK_EQ(st_sleep(100 * MS), ST_OK);
	UCHECK_EQ(server->steps, 1);
	UCHECK_EQ(state_of(server->thread), ST_THREAD_BLOCKED_RECEIVE);
}

/* reply_recv when the caller has gone: nothing to answer, it just
 * receives. */
UTEST(reply_recv_after_caller_went_just_receives)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	take_call(endpoint, reply, client);
	UCHECK_EQ(st_cap_delete(client->thread), ST_OK);
	struct worker *next = worker_make(body_send, HIGH_PRIORITY, 0);
	next->endpoint = endpoint;
	next->message = msg(0, 1, 0x4e7, 0, 0, 0);
	worker_resume(next);
	struct st_message m = msg(0, 1, 1, 0, 0, 0);
	UCHECK_EQ(st_reply_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.words[0], 0x4e7);
}

/* reply_recv whose endpoint is unusable fails before replying: the caller
 * still waits. */
UTEST(reply_recv_with_bad_endpoint_does_not_reply)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	take_call(endpoint, reply, client);
	struct st_message m = msg(0, 1, 1, 0, 0, 0);
	UCHECK_EQ(st_reply_recv(utest_copy(endpoint, ST_RIGHT_WRITE), reply, &m), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_reply_recv(new_notification(), reply, &m), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(client));
}

UTEST(call_carries_a_capability)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = worker_make(body_call, HIGH_PRIORITY, WORKER_BUFFER);
	client->endpoint = utest_copy(endpoint, ST_RIGHT_WRITE | ST_RIGHT_GRANT);
	client->message = (struct st_message){ .info = ST_MSG_INFO(3, 1, 1), .words = { 0x31 } };
	client->buffer->caps[0] = new_notification();
	worker_resume(client);
	uint32_t received = utest_slot();
	buffer->receive_slot = received;
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(3, 1, 1));
	UCHECK_EQ(cap_type(received), ST_OBJECT_NOTIFICATION);
	m = msg(4, 0, 0, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->message.info, ST_MSG_INFO(4, 0, 0));
}

/* A call already taken no longer needs the endpoint. */
UTEST(endpoint_deleted_after_call_taken_reply_still_arrives)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = client_calling(endpoint, msg(0, 0, 0, 0, 0, 0), HIGH_PRIORITY, 0);
	take_call(endpoint, reply, client);
	UCHECK_EQ(st_cap_delete(endpoint), ST_OK);
	UCHECK_EQ(state_of(client->thread), ST_THREAD_BLOCKED_REPLY);
	struct st_message m = msg(0, 1, 0xa11, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_OK);
	UCHECK_EQ(client->message.words[0], 0xa11);
}

UTEST(call_and_reply_cannot_forge_message_flags)
{
	begin();
	struct worker *server = worker_make(body_echo_server, HIGH_PRIORITY, 0);
	server->endpoint = new_endpoint();
	server->reply = new_reply();
	worker_resume(server);
	struct st_message m = msg(1, 1, 1, 0, 0, 0);
	m.info |= ST_MSG_FAULT | ST_MSG_NOTIFICATION;
	UCHECK_EQ(st_ipc_call(server->endpoint, &m), ST_OK);
	UCHECK_EQ(server->message.info, ST_MSG_INFO(1, 1, 0));
	UCHECK_EQ(m.info, ST_MSG_INFO(2, 1, 0));
}

/* The order threads ran in, for the scheduling tests below. */
static volatile uint64_t run_order[4];
static volatile uint64_t run_count;

static void record_run(uint64_t who)
{
	run_order[run_count++] = who;
}

static void body_record(struct worker *w)
{
	record_run(w->argument[1]);
}

/* Receives a call, records, resumes the thread in argument[0] (if any),
 * answers with reply_recv. */
static void body_recording_server(struct worker *w)
{
	struct st_message m = { 0 };
	if (st_recv(w->endpoint, w->reply, &m) != ST_OK)
		return;
	record_run(w->argument[1]);
	if (w->argument[0])
		st_thread_resume(w->argument[0]);
	m = msg(0, 0, 0, 0, 0, 0);
	w->result = st_reply_recv(w->endpoint, w->reply, &m);
}

static void body_recording_client(struct worker *w)
{
	w->result = st_ipc_call(w->endpoint, &w->message);
	record_run(w->argument[1]);
}

/* The root calls a server below it while a thread between the two is
 * runnable: that thread runs before the server. */
UTEST(call_to_lower_priority_server_lets_higher_thread_run_first)
{
	begin();
	run_count = 0;
	struct worker *server = worker_make(body_recording_server, HIGH_PRIORITY, 0);
	server->endpoint = new_endpoint();
	server->reply = new_reply();
	server->argument[1] = 'S';
	worker_resume(server);
	UCHECK_EQ(state_of(server->thread), ST_THREAD_BLOCKED_RECEIVE);
	UCHECK_EQ(st_thread_set_priority(server->thread, ST_ROOT_THREAD, LOW_PRIORITY), ST_OK);
	struct worker *middle = worker_make(body_record, (TEST_PRIORITY + LOW_PRIORITY) / 2, 0);
	middle->argument[1] = 'M';
	worker_resume(middle);
	struct st_message m = msg(0, 0, 0, 0, 0, 0);
	UCHECK_EQ(st_ipc_call(server->endpoint, &m), ST_OK);
	UCHECK_EQ(run_count, 2);
	UCHECK_EQ(run_order[0], 'M');
	UCHECK_EQ(run_order[1], 'S');
}

/* A server above everyone answers a client below a thread it just made
 * runnable: that thread runs before the client. */
UTEST(reply_to_lower_priority_caller_lets_higher_thread_run_first)
{
	begin();
	run_count = 0;
	struct worker *middle = worker_make(body_record, HIGH_PRIORITY, 0);
	middle->argument[1] = 'M';
	struct worker *server = worker_make(body_recording_server, HIGH_PRIORITY + 20, 0);
	server->endpoint = new_endpoint();
	server->reply = new_reply();
	server->argument[0] = middle->thread;
	server->argument[1] = 'S';
	worker_resume(server);
	struct worker *client = worker_make(body_recording_client, HIGH_PRIORITY - 20, 0);
	client->endpoint = server->endpoint;
	client->argument[1] = 'C';
	worker_resume(client);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_OK);
	UCHECK_EQ(run_count, 3);
	UCHECK_EQ(run_order[0], 'S');
	UCHECK_EQ(run_order[1], 'M');
	UCHECK_EQ(run_order[2], 'C');
}

/* Many register-only round trips with a server of the root's own priority
 * in its address space, every length from 0 to 4: what the server gets
 * (register words beyond the length included) and what comes back. */
UTEST(many_round_trips_with_equal_priority_server)
{
	begin();
	struct worker *server = worker_make(body_echo_server, TEST_PRIORITY, 0);
	server->endpoint = new_endpoint();
	server->reply = new_reply();
	worker_resume(server);
	st_yield();
	UCHECK_EQ(state_of(server->thread), ST_THREAD_BLOCKED_RECEIVE);
	if (state_of(server->thread) != ST_THREAD_BLOCKED_RECEIVE)
		return;
	uint32_t badged = utest_mint(server->endpoint, ST_RIGHT_WRITE, 0xe0);
	unsigned wrong = 0;
	for (unsigned i = 0; i < 300; i++) {
		unsigned words = (i + 2) % 5;
		uint64_t sent[4] = { i + 1, i * 3, i * 5, i * 7 };
		struct st_message m = msg(i, words, sent[0], sent[1], sent[2], sent[3]);
		if (st_ipc_call(badged, &m) != ST_OK || m.info != ST_MSG_INFO(i + 1, words, 0) || m.badge != 0) {
			wrong++;
			continue;
		}
		wrong += server->message.info != ST_MSG_INFO(i, words, 0) || server->message.badge != 0xe0;
		for (unsigned k = 0; k < 4; k++) {
			wrong += server->message.words[k] != (k < words ? sent[k] : 0);
			wrong += m.words[k] != (k < words ? 2 * sent[k] : 0);
		}
	}
	UCHECK_EQ(wrong, 0);
	UCHECK_EQ(server->steps, 300);
}

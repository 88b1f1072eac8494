/* Capability transfer in messages, and the rights and types IPC calls
 * check. */
#include "user/test-ipc/ipc_tests.h"

#define GRANTING (ST_RIGHT_WRITE | ST_RIGHT_GRANT)

/* A worker (with an IPC buffer) blocked sending `count` capabilities from
 * the slots in caps through a granting copy of endpoint. */
static struct worker *cap_sender(uint32_t endpoint, const uint32_t *caps, unsigned count)
{
	struct worker *w = worker_make(body_send, HIGH_PRIORITY, WORKER_BUFFER);
	w->endpoint = utest_copy(endpoint, GRANTING);
	w->message = (struct st_message){ .info = ST_MSG_INFO(8, 1, count), .words = { 0x123 } };
	for (unsigned i = 0; i < count; i++)
		w->buffer->caps[i] = caps[i];
	worker_resume(w);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	return w;
}

/* `count` consecutive fresh root slots; the first. */
static uint32_t slots(unsigned count)
{
	uint32_t first = utest_slot();
	for (unsigned i = 1; i < count; i++)
		UCHECK_EQ(utest_slot(), first + i);
	return first;
}

UTEST(cap_transfer_needs_grant)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t endpoint = new_endpoint();
	buffer->caps[0] = new_notification();
	struct st_message m = { .info = ST_MSG_INFO(0, 0, 1) };
	UCHECK_EQ(st_nb_send(utest_copy(endpoint, ST_RIGHT_WRITE), &m), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(ipc_in_worker(ST_SYS_CALL, utest_copy(endpoint, ST_RIGHT_WRITE | ST_RIGHT_READ), m), ST_ERROR_NO_RIGHTS);
	/* With GRANT it passes the checks (and finds no receiver). */
	UCHECK_EQ(st_nb_send(utest_copy(endpoint, GRANTING), &m), ST_ERROR_WOULD_BLOCK);
}

UTEST(cap_transfer_delivers_a_working_copy)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t frame;
	volatile uint64_t *page = utest_mapped_frame(&frame);
	page[3] = 0x7a57e12;
	uint32_t endpoint = new_endpoint();
	struct worker *w = cap_sender(endpoint, &frame, 1);
	uint32_t received = utest_slot();
	buffer->receive_slot = received;
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(8, 1, 1));
	UCHECK_EQ(m.words[0], 0x123);
	UCHECK_EQ(cap_type(received), ST_OBJECT_FRAME);
	/* Mapped elsewhere, it shows the same page. */
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, received, address, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(((volatile uint64_t *)address)[3], 0x7a57e12);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
	/* The sender keeps its own. */
	UCHECK_EQ(cap_type(frame), ST_OBJECT_FRAME);
}

/* A transferred endpoint capability keeps its badge and works. */
UTEST(transferred_endpoint_cap_keeps_badge_and_works)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t target = new_endpoint();
	uint32_t badged = utest_mint(target, ST_RIGHT_WRITE, 0x33);
	uint32_t endpoint = new_endpoint();
	cap_sender(endpoint, &badged, 1);
	uint32_t received = utest_slot();
	buffer->receive_slot = received;
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	uint64_t badge = 0;
	UCHECK_EQ(st_cap_identify(received, NULL, &badge), ST_OK);
	UCHECK_EQ(badge, 0x33);
	struct worker *w = worker_make(body_recv, HIGH_PRIORITY, 0);
	w->endpoint = target;
	worker_resume(w);
	m = msg(0, 1, 0xbeef, 0, 0, 0);
	UCHECK_EQ(st_nb_send(received, &m), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->message.badge, 0x33);
	UCHECK_EQ(w->message.words[0], 0xbeef);
}

/* The received copy is a child of the sender's capability. */
UTEST(revoking_senders_cap_revokes_received_copy)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t notification = new_notification();
	uint32_t sent = utest_copy(notification, ST_RIGHTS_ALL);
	uint32_t endpoint = new_endpoint();
	cap_sender(endpoint, &sent, 1);
	uint32_t received = utest_slot();
	buffer->receive_slot = received;
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(cap_type(received), ST_OBJECT_NOTIFICATION);
	UCHECK_EQ(st_cap_revoke(sent), ST_OK);
	UCHECK_EQ(cap_type(received), ST_OBJECT_NULL);
	UCHECK_EQ(cap_type(sent), ST_OBJECT_NOTIFICATION);
}

UTEST(receive_slot_zero_takes_no_caps)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	buffer->receive_slot = 0;
	uint32_t endpoint = new_endpoint();
	uint32_t notification = new_notification();
	struct worker *w = cap_sender(endpoint, &notification, 1);
	uint32_t next_free = utest_slot();
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(8, 1, 0));
	UCHECK_EQ(m.words[0], 0x123);
	UCHECK_EQ(cap_type(next_free), ST_OBJECT_NULL);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
}

UTEST(receiver_without_buffer_takes_no_caps)
{
	begin();
	uint32_t endpoint = new_endpoint();
	uint32_t notification = new_notification();
	cap_sender(endpoint, &notification, 1);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(8, 1, 0));
}

UTEST(three_caps_land_in_consecutive_slots)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t caps[3] = { new_notification(), new_endpoint(), utest_object(ST_OBJECT_FRAME, 0) };
	uint32_t endpoint = new_endpoint();
	cap_sender(endpoint, caps, 3);
	uint32_t first = slots(3);
	buffer->receive_slot = first;
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(ST_MSG_CAPS(m.info), 3);
	UCHECK_EQ(cap_type(first), ST_OBJECT_NOTIFICATION);
	UCHECK_EQ(cap_type(first + 1), ST_OBJECT_ENDPOINT);
	UCHECK_EQ(cap_type(first + 2), ST_OBJECT_FRAME);
}

/* The transfer stops at the first receive slot that is not empty. */
UTEST(occupied_receive_slot_stops_transfer)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t caps[3] = { new_notification(), new_notification(), new_notification() };
	uint32_t endpoint = new_endpoint();
	cap_sender(endpoint, caps, 3);
	uint32_t first = slots(3);
	UCHECK_EQ(st_cap_copy(ST_ROOT_CNODE, first + 1, ST_RIGHT_READ), ST_OK);
	buffer->receive_slot = first;
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(ST_MSG_CAPS(m.info), 1);
	UCHECK_EQ(cap_type(first), ST_OBJECT_NOTIFICATION);
	UCHECK_EQ(cap_type(first + 1), ST_OBJECT_CNODE);
	UCHECK_EQ(cap_type(first + 2), ST_OBJECT_NULL);
	/* With the first one occupied, none go. */
	cap_sender(endpoint, caps, 2);
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(ST_MSG_CAPS(m.info), 0);
}

/* An untyped capability cannot be copied: the transfer stops there. */
UTEST(uncopyable_cap_stops_transfer)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t caps[3] = { new_notification(), utest_untyped(12), new_notification() };
	uint32_t endpoint = new_endpoint();
	cap_sender(endpoint, caps, 3);
	uint32_t first = slots(3);
	buffer->receive_slot = first;
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(ST_MSG_CAPS(m.info), 1);
	UCHECK_EQ(cap_type(first + 1), ST_OBJECT_NULL);
	UCHECK_EQ(cap_type(first + 2), ST_OBJECT_NULL);
}

/* So does an empty slot in the sender's list. */
UTEST(empty_sender_slot_stops_transfer)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t caps[2] = { utest_slot(), new_notification() };
	uint32_t endpoint = new_endpoint();
	cap_sender(endpoint, caps, 2);
	uint32_t first = slots(2);
	buffer->receive_slot = first;
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(ST_MSG_CAPS(m.info), 0);
	UCHECK_EQ(cap_type(first), ST_OBJECT_NULL);
}

UTEST(more_than_three_caps_is_invalid)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t endpoint = new_endpoint();
	for (unsigned i = 0; i < 3; i++)
		buffer->caps[i] = new_notification();
	struct st_message m = { .info = ST_MSG_INFO(0, 0, ST_MSG_MAX_CAPS + 1) };
	UCHECK_EQ(st_nb_send(utest_copy(endpoint, GRANTING), &m), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(ipc_in_worker(ST_SYS_SEND, utest_copy(endpoint, GRANTING), m), ST_ERROR_INVALID_ARGUMENT);
}

UTEST(caps_without_buffer_is_bad_address)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct st_message m = { .info = ST_MSG_INFO(0, 0, 1) };
	UCHECK_EQ(st_nb_send(utest_copy(endpoint, GRANTING), &m), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(ipc_in_worker(ST_SYS_SEND, utest_copy(endpoint, GRANTING), m), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(ipc_in_worker(ST_SYS_CALL, utest_copy(endpoint, GRANTING), m), ST_ERROR_BAD_ADDRESS);
}

/* A reply may carry capabilities; the caller's receive slot decides. */
UTEST(cap_in_reply_reaches_caller)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *client = worker_make(body_call, HIGH_PRIORITY, WORKER_BUFFER);
	client->endpoint = endpoint;
	uint32_t received = utest_slot();
	client->buffer->receive_slot = received;
	worker_resume(client);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	buffer->caps[0] = new_notification();
	m = (struct st_message){ .info = ST_MSG_INFO(1, 0, 1) };
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(client));
	UCHECK_EQ(client->result, ST_OK);
	UCHECK_EQ(client->message.info, ST_MSG_INFO(1, 0, 1));
	UCHECK_EQ(cap_type(received), ST_OBJECT_NOTIFICATION);
}

UTEST(send_needs_write)
{
	begin();
	uint32_t endpoint = new_endpoint();
	uint32_t read_only = utest_copy(endpoint, ST_RIGHT_READ | ST_RIGHT_GRANT);
	struct st_message m = msg(0, 1, 1, 0, 0, 0);
	UCHECK_EQ(st_nb_send(read_only, &m), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(ipc_in_worker(ST_SYS_SEND, read_only, m), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(ipc_in_worker(ST_SYS_CALL, read_only, m), ST_ERROR_NO_RIGHTS);
}

UTEST(recv_needs_read)
{
	begin();
	uint32_t endpoint = new_endpoint();
	uint32_t write_only = utest_copy(endpoint, ST_RIGHT_WRITE | ST_RIGHT_GRANT);
	struct st_message m = { 0 };
	UCHECK_EQ(st_nb_recv(write_only, 0, &m), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(root_recv(write_only, 0, &m), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_reply_recv(write_only, new_reply(), &m), ST_ERROR_NO_RIGHTS);
}

UTEST(ipc_on_wrong_object_type)
{
	begin();
	struct st_message m = msg(0, 1, 1, 0, 0, 0);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_nb_send(frame, &m), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(ipc_in_worker(ST_SYS_SEND, ST_ROOT_THREAD, m), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_nb_send(new_reply(), &m), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_nb_recv(ST_ROOT_CNODE, 0, &m), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(root_recv(frame, 0, &m), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(ipc_in_worker(ST_SYS_CALL, new_notification(), m), ST_ERROR_WRONG_TYPE);
}

UTEST(ipc_on_empty_or_invalid_slot)
{
	begin();
	struct st_message m = msg(0, 1, 1, 0, 0, 0);
	UCHECK_EQ(st_nb_send(utest_slot(), &m), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_nb_recv(utest_slot(), 0, &m), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_nb_send(0, &m), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_nb_recv(1u << utest_bootinfo->cnode_size_bits, 0, &m), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_nb_recv(new_endpoint(), utest_slot(), &m), ST_ERROR_EMPTY_SLOT);
}

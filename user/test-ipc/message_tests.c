/* Messages: register words, long messages through IPC buffers, labels,
 * badges. */
#include "user/test-ipc/ipc_tests.h"

#define GARBAGE 0xdeadbeefdeadbeefull

static struct st_message garbage(void)
{
	return msg(0x777, 4, GARBAGE, GARBAGE, GARBAGE, GARBAGE);
}

/* A worker blocked sending `m` on a fresh endpoint; the endpoint. */
static uint32_t sender_waiting(struct st_message m, unsigned flags, struct worker **out)
{
	uint32_t endpoint = new_endpoint();
	struct worker *w = worker_make(body_send, HIGH_PRIORITY, flags);
	w->endpoint = endpoint;
	w->message = m;
	worker_resume(w);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	if (out)
		*out = w;
	return endpoint;
}

UTEST(send_recv_zero_words)
{
	begin();
	/* The sender's registers hold values, but the message has none. */
	uint32_t endpoint = sender_waiting(msg(3, 0, 1, 2, 3, 4), 0, NULL);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(3, 0, 0));
	UCHECK_EQ(m.badge, 0);
	for (unsigned i = 0; i < 4; i++)
		UCHECK_EQ(m.words[i], 0);
}

UTEST(send_recv_one_to_four_register_words)
{
	begin();
	for (unsigned count = 1; count <= 4; count++) {
		struct worker *w;
		uint32_t endpoint = sender_waiting(msg(count, count, 11, 22, 33, 44), 0, &w);
		struct st_message m = garbage();
		UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
		UCHECK_EQ(m.info, ST_MSG_INFO(count, count, 0));
		for (unsigned i = 0; i < 4; i++)
			UCHECK_EQ(m.words[i], i < count ? (i + 1) * 11 : 0);
		UCHECK(worker_finished(w));
		UCHECK_EQ(w->result, ST_OK);
	}
}

/* Neither the sender's registers beyond its message nor the receiver's
 * own earlier values show through. */
UTEST(register_words_beyond_length_are_zero)
{
	begin();
	uint32_t endpoint = sender_waiting(msg(0, 1, 0x1111, 0x5ec2e7, 0x5ec2e7, 0x5ec2e7), 0, NULL);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(ST_MSG_WORDS(m.info), 1);
	UCHECK_EQ(m.words[0], 0x1111);
	UCHECK_EQ(m.words[1], 0);
	UCHECK_EQ(m.words[2], 0);
	UCHECK_EQ(m.words[3], 0);
}

UTEST(send_to_waiting_receiver)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = worker_make(body_recv, HIGH_PRIORITY, 0);
	w->endpoint = endpoint;
	w->message = garbage();
	worker_resume(w);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_RECEIVE);
	struct st_message m = msg(42, 2, 7, 8, 9, 10);
	UCHECK_EQ(st_send(endpoint, &m), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
	UCHECK_EQ(w->message.info, ST_MSG_INFO(42, 2, 0));
	UCHECK_EQ(w->message.words[0], 7);
	UCHECK_EQ(w->message.words[1], 8);
	UCHECK_EQ(w->message.words[2], 0);
	UCHECK_EQ(w->message.words[3], 0);
}

static uint64_t long_word(unsigned i)
{
	return 0x1000000000ull * i + 0xabc + i;
}

static void fill_long(struct worker *w, unsigned count)
{
	w->message = msg(5, count, long_word(0), long_word(1), long_word(2), long_word(3));
	for (unsigned i = 4; i < count; i++)
		w->buffer->words[i] = long_word(i);
}

UTEST(long_message_128_words)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	struct worker *w = worker_make(body_send, HIGH_PRIORITY, WORKER_BUFFER);
	w->endpoint = new_endpoint();
	fill_long(w, ST_MSG_MAX_WORDS);
	worker_resume(w);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(w->endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(5, ST_MSG_MAX_WORDS, 0));
	for (unsigned i = 0; i < 4; i++)
		UCHECK_EQ(m.words[i], long_word(i));
	unsigned wrong = 0;
	for (unsigned i = 4; i < ST_MSG_MAX_WORDS; i++)
		wrong += buffer->words[i] != long_word(i);
	UCHECK_EQ(wrong, 0);
}

/* Five words: the first one past the registers goes through the buffers,
 * and nothing beyond it is written. */
UTEST(long_message_five_words)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	buffer->words[4] = GARBAGE;
	buffer->words[5] = 0x5eed;
	struct worker *w = worker_make(body_send, HIGH_PRIORITY, WORKER_BUFFER);
	w->endpoint = new_endpoint();
	fill_long(w, 5);
	w->buffer->words[5] = 0x1234;
	worker_resume(w);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(w->endpoint, 0, &m), ST_OK);
	UCHECK_EQ(ST_MSG_WORDS(m.info), 5);
	UCHECK_EQ(buffer->words[4], long_word(4));
	UCHECK_EQ(buffer->words[5], 0x5eed);
}

UTEST(long_message_to_receiver_without_buffer_gets_four_words)
{
	begin();
	struct worker *w = worker_make(body_send, HIGH_PRIORITY, WORKER_BUFFER);
	w->endpoint = new_endpoint();
	fill_long(w, 20);
	worker_resume(w);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(w->endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(5, 4, 0));
	for (unsigned i = 0; i < 4; i++)
		UCHECK_EQ(m.words[i], long_word(i));
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
}

/* The root has no IPC buffer: a long message is refused before it could
 * block, and IPC works on afterwards. */
UTEST(long_message_without_buffer_is_bad_address)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct st_message m = msg(1, 5, 1, 2, 3, 4);
	UCHECK_EQ(st_nb_send(endpoint, &m), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(ipc_in_worker(ST_SYS_SEND, endpoint, m), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(ipc_in_worker(ST_SYS_CALL, endpoint, m), ST_ERROR_BAD_ADDRESS);
	struct worker *w = worker_make(body_recv, HIGH_PRIORITY, 0);
	w->endpoint = endpoint;
	worker_resume(w);
	m = msg(1, 4, 1, 2, 3, 4);
	UCHECK_EQ(st_nb_send(endpoint, &m), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->message.words[3], 4);
}

UTEST(more_than_128_words_is_invalid)
{
	begin();
	utest_ipc_buffer();
	uint32_t endpoint = new_endpoint();
	struct st_message m = msg(1, ST_MSG_MAX_WORDS + 1, 1, 2, 3, 4);
	UCHECK_EQ(st_nb_send(endpoint, &m), ST_ERROR_INVALID_ARGUMENT);
	m = msg(1, 255, 1, 2, 3, 4);
	UCHECK_EQ(ipc_in_worker(ST_SYS_SEND, endpoint, m), ST_ERROR_INVALID_ARGUMENT);
}

/* A sender whose IPC buffer is taken away while it waits: the message is
 * cut to the words its registers carry. */
UTEST(long_message_cut_when_sender_buffer_goes)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	buffer->words[4] = GARBAGE;
	struct worker *w = worker_make(body_send, HIGH_PRIORITY, WORKER_BUFFER);
	w->endpoint = new_endpoint();
	fill_long(w, 10);
	worker_resume(w);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	/* The thread's own copy of the frame capability is a child of ours. */
	UCHECK_EQ(st_cap_revoke(w->buffer_frame), ST_OK);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(w->endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(5, 4, 0));
	UCHECK_EQ(m.words[3], long_word(3));
	UCHECK_EQ(buffer->words[4], GARBAGE);
}

UTEST(label_delivered_whole)
{
	begin();
	uint64_t label = (1ull << 47) | 0xfedcba987ull;
	uint32_t endpoint = sender_waiting(msg(label, 1, 5, 0, 0, 0), 0, NULL);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(ST_MSG_LABEL(m.info), label);
	UCHECK_EQ(ST_MSG_WORDS(m.info), 1);
}

/* ST_MSG_FAULT and ST_MSG_NOTIFICATION are the nucleus's to set. */
UTEST(sender_cannot_forge_message_flags)
{
	begin();
	struct st_message sent = msg(6, 2, 1, 2, 0, 0);
	sent.info |= ST_MSG_FAULT | ST_MSG_NOTIFICATION;
	uint32_t endpoint = sender_waiting(sent, 0, NULL);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.info & (ST_MSG_FAULT | ST_MSG_NOTIFICATION), 0);
	UCHECK_EQ(m.info, ST_MSG_INFO(6, 2, 0));
}

UTEST(badge_delivered_to_receiver)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = worker_make(body_send, HIGH_PRIORITY, 0);
	w->endpoint = utest_mint(endpoint, ST_RIGHT_WRITE, 0x5a5a0001);
	w->message = msg(1, 1, 9, 0, 0, 0);
	worker_resume(w);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.badge, 0x5a5a0001);
	UCHECK_EQ(m.words[0], 9);
}

/* The badge is the sender's capability's; the receiver's own badge plays
 * no part. */
UTEST(badge_is_the_senders_not_the_receivers)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = worker_make(body_send, HIGH_PRIORITY, 0);
	w->endpoint = endpoint;
	worker_resume(w);
	uint32_t badged_receive = utest_mint(endpoint, ST_RIGHT_READ, 0x99);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(badged_receive, 0, &m), ST_OK);
	UCHECK_EQ(m.badge, 0);
}

UTEST(badges_distinguish_clients)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *clients[3];
	for (unsigned i = 0; i < 3; i++) {
		clients[i] = worker_make(body_send, HIGH_PRIORITY, 0);
		clients[i]->endpoint = utest_mint(endpoint, ST_RIGHT_WRITE, 100 + i);
		clients[i]->message = msg(0, 1, i, 0, 0, 0);
	}
	/* Queued in the order 2, 0, 1. */
	worker_resume(clients[2]);
	worker_resume(clients[0]);
	worker_resume(clients[1]);
	unsigned expected[3] = { 2, 0, 1 };
	for (unsigned i = 0; i < 3; i++) {
		struct st_message m = garbage();
		UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
		UCHECK_EQ(m.words[0], expected[i]);
		UCHECK_EQ(m.badge, 100 + m.words[0]);
	}
}

UTEST(mint_keeps_a_badge_for_good)
{
	begin();
	uint32_t endpoint = new_endpoint();
	uint32_t badged = utest_mint(endpoint, ST_RIGHTS_ALL, 7);
	UCHECK_EQ(st_cap_mint(badged, utest_slot(), ST_RIGHTS_ALL, 8), ST_ERROR_ILLEGAL_OPERATION);
	/* The same badge again, or none (a plain copy), keeps it. */
	uint32_t same = utest_slot(), copy = utest_slot();
	UCHECK_EQ(st_cap_mint(badged, same, ST_RIGHTS_ALL, 7), ST_OK);
	UCHECK_EQ(st_cap_mint(badged, copy, ST_RIGHTS_ALL, 0), ST_OK);
	uint64_t badge = 0;
	UCHECK_EQ(st_cap_identify(copy, NULL, &badge), ST_OK);
	UCHECK_EQ(badge, 7);
	UCHECK_EQ(st_cap_identify(same, NULL, &badge), ST_OK);
	UCHECK_EQ(badge, 7);
}

UTEST(mint_badge_on_other_types_refused)
{
	begin();
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_cap_mint(frame, utest_slot(), ST_RIGHTS_ALL, 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_cap_mint(new_reply(), utest_slot(), ST_RIGHTS_ALL, 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_cap_mint(ST_ROOT_CNODE, utest_slot(), ST_RIGHTS_ALL, 1), ST_ERROR_INVALID_ARGUMENT);
	/* Badge 0 on a frame is a plain copy. */
	UCHECK_EQ(st_cap_mint(frame, utest_slot(), ST_RIGHTS_ALL, 0), ST_OK);
	/* Notifications take badges. */
	UCHECK_EQ(st_cap_mint(new_notification(), utest_slot(), ST_RIGHTS_ALL, 1), ST_OK);
}

/* A blocked sender's registers rewritten (st_thread_write_registers) to
 * claim more words and capabilities than a message may have: what arrives
 * stays within the limits; the receiver's buffer past its 128 words (its
 * caps and receive slot) is not written, and no fourth capability comes
 * (from what lies past the sender's three). */
UTEST(rewritten_sender_registers_cannot_exceed_message_limits)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t first = utest_slot();
	for (unsigned i = 1; i < 5; i++)
		UCHECK_EQ(utest_slot(), first + i);
	buffer->receive_slot = first;
	struct worker *w = worker_make(body_send, HIGH_PRIORITY, WORKER_BUFFER);
	uint32_t endpoint = new_endpoint();
	w->endpoint = utest_copy(endpoint, ST_RIGHT_WRITE | ST_RIGHT_GRANT);
	fill_long(w, 8);
	for (unsigned i = 0; i < ST_MSG_MAX_CAPS; i++)
		w->buffer->caps[i] = new_notification();
	/* Past its caps: its receive slot, naming a capability too. */
	w->buffer->receive_slot = new_notification();
	worker_resume(w);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	struct st_registers registers;
	UCHECK_EQ(st_thread_read_registers(w->thread, &registers), ST_OK);
	registers.rsi = ST_MSG_INFO(5, 255, 15);
	UCHECK_EQ(st_thread_write_registers(w->thread, &registers), ST_OK);
	struct st_message m = garbage();
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK(ST_MSG_WORDS(m.info) <= ST_MSG_MAX_WORDS);
	UCHECK_EQ(ST_MSG_CAPS(m.info), ST_MSG_MAX_CAPS);
	UCHECK_EQ(cap_type(first + 3), ST_OBJECT_NULL);
	UCHECK_EQ(buffer->receive_slot, first);
	UCHECK_EQ(buffer->caps[0], 0);
}

/* IPC between address spaces: the root and the peer process
 * (user/ipc-peer) as server, client, capability receiver and faulting
 * thread. */
#include "user/test-ipc/ipc_tests.h"

#include "lib/string.h"
#include "user/ipc-peer/peer.h"

struct peer {
	struct st_process process;
	volatile uint64_t *shared;    /* the root's view of the shared page */
	struct st_ipc_buffer *buffer; /* the root's view of its IPC buffer (or NULL) */
};

/* Maps a fresh frame at peer_address in the peer and anywhere in the root;
 * the root's address. */
static void *share_page(const struct peer *p, uint64_t peer_address, uint32_t *frame_out)
{
	uint32_t frame;
	void *address = utest_mapped_frame(&frame);
	UCHECK_EQ(st_map_frame(p->process.vspace, utest_copy(frame, READ_WRITE), peer_address, READ_WRITE), ST_OK);
	if (frame_out)
		*frame_out = frame;
	return address;
}

/* The peer process, made: endpoint (with these rights, and badge) in its
 * PEER_ENDPOINT slot, a reply object in PEER_REPLY, the shared page, an
 * IPC buffer if asked for, and fault_handler (a slot reference in its
 * CNode). Not started. */
static bool peer_create(struct peer *p, uint32_t endpoint, unsigned rights, uint64_t badge, bool with_buffer,
			uint64_t fault_handler)
{
	memset(p, 0, sizeof *p);
	const struct st_bootinfo_module *module;
	const void *image = utest_map_module("ipc-peer", &module);
	if (!image)
		return false;
	long error = st_process_create(image, module->size, 4, "ipc-peer", &p->process);
	UCHECK_EQ(error, ST_OK);
	if (error)
		return false;
	uint32_t cnode = p->process.cnode;
	UCHECK_EQ(st_cap_mint(endpoint, ST_SLOT(cnode, PEER_ENDPOINT), rights, badge), ST_OK);
	UCHECK_EQ(st_cap_move(new_reply(), ST_SLOT(cnode, PEER_REPLY)), ST_OK);
	p->shared = share_page(p, PEER_SHARED_ADDRESS, NULL);
	uint32_t buffer_frame = 0;
	if (with_buffer)
		p->buffer = share_page(p, PEER_IPC_BUFFER_ADDRESS, &buffer_frame);
	UCHECK_EQ(st_thread_configure(p->process.thread, cnode, p->process.vspace, buffer_frame,
				      with_buffer ? PEER_IPC_BUFFER_ADDRESS : 0, fault_handler),
		  ST_OK);
	return true;
}

static void peer_start_at(struct peer *p, uint64_t mode, unsigned priority)
{
	UCHECK_EQ(st_process_start(&p->process, mode, priority), ST_OK);
	/* At the root's own priority it runs when the root yields. */
	if (priority == TEST_PRIORITY)
		st_yield();
}

static void peer_start(struct peer *p, uint64_t mode)
{
	peer_start_at(p, mode, HIGH_PRIORITY);
}

/* The peer as an echo server at priority, waiting for calls on a fresh
 * endpoint. */
static bool echo_peer_at(struct peer *p, uint32_t *endpoint, bool with_buffer, unsigned priority)
{
	begin();
	*endpoint = new_endpoint();
	if (!peer_create(p, *endpoint, ST_RIGHT_READ, 0, with_buffer, 0))
		return false;
	peer_start_at(p, PEER_ECHO, priority);
	UCHECK_EQ(state_of(p->process.thread), ST_THREAD_BLOCKED_RECEIVE);
	return state_of(p->process.thread) == ST_THREAD_BLOCKED_RECEIVE;
}

static bool echo_peer(struct peer *p, uint32_t *endpoint, bool with_buffer)
{
	return echo_peer_at(p, endpoint, with_buffer, HIGH_PRIORITY);
}

UTEST(call_server_in_another_address_space)
{
	struct peer p;
	uint32_t endpoint;
	if (!echo_peer(&p, &endpoint, false))
		return;
	struct st_message m = msg(3, 3, 10, 20, 30, 0x5ec2e7);
	UCHECK_EQ(st_ipc_call(utest_mint(endpoint, ST_RIGHT_WRITE, 0x42), &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(4, 3, 0));
	UCHECK_EQ(m.badge, 0);
	UCHECK_EQ(m.words[0], 11);
	UCHECK_EQ(m.words[1], 21);
	UCHECK_EQ(m.words[2], 31);
	UCHECK_EQ(m.words[3], 0);
	UCHECK_EQ(p.shared[PEER_SHARED_BADGE], 0x42);
	UCHECK_EQ(state_of(p.process.thread), ST_THREAD_BLOCKED_RECEIVE);
}

/* Many register-only round trips, every length from 0 to 4 words, with
 * the peer at the root's priority (where a call and a reply_recv may each
 * switch straight to the partner) and above it: what arrives either way,
 * register words beyond the length included, is the same. */
UTEST(many_round_trips_across_address_spaces)
{
	unsigned priorities[2] = { TEST_PRIORITY, HIGH_PRIORITY };
	for (unsigned round = 0; round < 2; round++) {
		struct peer p;
		uint32_t endpoint;
		if (!echo_peer_at(&p, &endpoint, false, priorities[round]))
			return;
		uint32_t badged = utest_mint(endpoint, ST_RIGHT_WRITE, 0xb0 + round);
		unsigned wrong = 0;
		for (unsigned i = 0; i < 300; i++) {
			unsigned words = i % 5;
			uint64_t sent[4] = { i, i * 3, i * 5, i * 7 };
			struct st_message m = msg(i, words, sent[0], sent[1], sent[2], sent[3]);
			if (st_ipc_call(badged, &m) != ST_OK || m.info != ST_MSG_INFO(i + 1, words, 0) || m.badge != 0) {
				wrong++;
				continue;
			}
			wrong += p.shared[PEER_SHARED_INFO] != ST_MSG_INFO(i, words, 0);
			wrong += p.shared[PEER_SHARED_BADGE] != 0xb0 + round;
			for (unsigned k = 0; k < 4; k++) {
				wrong += p.shared[PEER_SHARED_WORDS + k] != (k < words ? sent[k] : 0);
				wrong += m.words[k] != (k < words ? sent[k] + 1 : 0);
			}
		}
		UCHECK_EQ(wrong, 0);
	}
}

UTEST(long_messages_across_address_spaces)
{
	struct peer p;
	uint32_t endpoint;
	if (!echo_peer(&p, &endpoint, true))
		return;
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	for (unsigned i = 4; i < 100; i++)
		buffer->words[i] = i << 8;
	struct st_message m = msg(0, 100, 0, 1, 2, 3);
	UCHECK_EQ(st_ipc_call(endpoint, &m), ST_OK);
	UCHECK_EQ(m.info, ST_MSG_INFO(1, 100, 0));
	UCHECK_EQ(m.words[3], 4);
	/* What the peer received in its buffer, and its answer in ours. */
	UCHECK_EQ(p.buffer->words[4], (4u << 8) + 1);
	UCHECK_EQ(p.buffer->words[99], (99u << 8) + 1);
	unsigned wrong = 0;
	for (unsigned i = 4; i < 100; i++)
		wrong += buffer->words[i] != (i << 8) + 1;
	UCHECK_EQ(wrong, 0);
}

UTEST(process_calls_root)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct peer p;
	if (!peer_create(&p, endpoint, ST_RIGHT_WRITE, 0x77, false, 0))
		return;
	peer_start(&p, PEER_CLIENT);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK_EQ(m.badge, 0x77);
	UCHECK_EQ(m.info, ST_MSG_INFO(7, 2, 0));
	UCHECK_EQ(m.words[0], PEER_CLIENT_WORD0);
	UCHECK_EQ(m.words[1], PEER_CLIENT_WORD1);
	UCHECK_EQ(state_of(p.process.thread), ST_THREAD_BLOCKED_REPLY);
	m = msg(8, 3, 5, 6, 7, 8);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(utest_wait_for(&p.shared[PEER_SHARED_DONE], WAIT_TICKS));
	UCHECK_EQ(p.shared[PEER_SHARED_ERROR], ST_OK);
	UCHECK_EQ(p.shared[PEER_SHARED_INFO], ST_MSG_INFO(8, 3, 0));
	UCHECK_EQ(p.shared[PEER_SHARED_BADGE], 0);
	UCHECK_EQ(p.shared[PEER_SHARED_WORDS + 0], 5);
	UCHECK_EQ(p.shared[PEER_SHARED_WORDS + 2], 7);
	UCHECK_EQ(p.shared[PEER_SHARED_WORDS + 3], 0);
}

/* An endpoint capability sent to the peer lands in its CNode, and the peer
 * uses it to answer. */
UTEST(cap_transfer_to_another_process)
{
	begin();
	struct st_ipc_buffer *buffer = utest_ipc_buffer();
	uint32_t endpoint = new_endpoint(), back = new_endpoint();
	struct peer p;
	if (!peer_create(&p, endpoint, ST_RIGHT_READ, 0, true, 0))
		return;
	peer_start(&p, PEER_TAKE_CAP);
	if (state_of(p.process.thread) != ST_THREAD_BLOCKED_RECEIVE) {
		UCHECK_EQ(state_of(p.process.thread), ST_THREAD_BLOCKED_RECEIVE);
		return;
	}
	buffer->caps[0] = utest_mint(back, ST_RIGHT_WRITE, 0xb4c);
	struct st_message m = { .info = ST_MSG_INFO(0, 0, 1) };
	UCHECK_EQ(st_send(utest_copy(endpoint, ST_RIGHT_WRITE | ST_RIGHT_GRANT), &m), ST_OK);
	UCHECK_EQ(p.shared[PEER_SHARED_INFO], ST_MSG_INFO(0, 0, 1));
	uint64_t info = 0;
	UCHECK_EQ(st_cap_identify(ST_SLOT(p.process.cnode, PEER_RECEIVED), &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_ENDPOINT);
	m = (struct st_message){ 0 };
	UCHECK_EQ(root_recv(back, 0, &m), ST_OK);
	UCHECK_EQ(m.badge, 0xb4c);
	UCHECK_EQ(m.words[0], 0xcafe);
	UCHECK(utest_wait_for(&p.shared[PEER_SHARED_DONE], WAIT_TICKS));
	UCHECK_EQ(p.shared[PEER_SHARED_ERROR], ST_OK);
}

/* The peer's page fault goes to the root through the handler in the
 * peer's CNode; the root maps the page in the peer and lets it go on. */
UTEST(process_fault_handled_by_root)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct peer p;
	if (!peer_create(&p, endpoint, ST_RIGHT_WRITE, 0x99, false, PEER_ENDPOINT))
		return;
	peer_start(&p, PEER_FAULT);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK(m.info & ST_MSG_FAULT);
	UCHECK_EQ(m.badge, 0x99);
	UCHECK_EQ(m.words[ST_FAULT_VECTOR], VECTOR_PAGE_FAULT);
	UCHECK_EQ(m.words[ST_FAULT_ERROR], ST_PF_WRITE | PF_USER);
	UCHECK_EQ(m.words[ST_FAULT_ADDRESS], PEER_FAULT_ADDRESS);
	volatile uint64_t *page = share_page(&p, PEER_FAULT_ADDRESS, NULL);
	m = msg(0, 0, 0, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(utest_wait_for(&p.shared[PEER_SHARED_DONE], WAIT_TICKS));
	UCHECK_EQ(page[0], PEER_WRITTEN);
	UCHECK_EQ(utest_wait_stopped(p.process.thread, WAIT_TICKS), ST_THREAD_EXITED);
}

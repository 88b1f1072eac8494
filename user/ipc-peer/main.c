/* The IPC peer (see peer.h): a server, a client or a faulting thread in an
 * address space of its own. */
#include "user/ipc-peer/peer.h"
#include "user/lib/strata.h"

static volatile uint64_t *const shared = (volatile uint64_t *)PEER_SHARED_ADDRESS;
static struct st_ipc_buffer *const buffer = (struct st_ipc_buffer *)PEER_IPC_BUFFER_ADDRESS;

static void echo(void)
{
	struct st_message m = { 0 };
	long error = st_recv(PEER_ENDPOINT, PEER_REPLY, &m);
	while (error == ST_OK) {
		unsigned words = ST_MSG_WORDS(m.info);
		/* What came, register words beyond the length included. */
		shared[PEER_SHARED_INFO] = m.info;
		for (unsigned i = 0; i < ST_MSG_REGISTER_WORDS; i++)
			shared[PEER_SHARED_WORDS + i] = m.words[i];
		for (unsigned i = 0; i < words; i++) {
			if (i < ST_MSG_REGISTER_WORDS)
				m.words[i]++;
			else
				buffer->words[i]++;
		}
		shared[PEER_SHARED_BADGE] = m.badge;
		m.info = ST_MSG_INFO(ST_MSG_LABEL(m.info) + 1, words, 0);
		error = st_reply_recv(PEER_ENDPOINT, PEER_REPLY, &m);
	}
	shared[PEER_SHARED_ERROR] = (uint64_t)error;
}

static void client(void)
{
	struct st_message m = { .info = ST_MSG_INFO(7, 2, 0), .words = { PEER_CLIENT_WORD0, PEER_CLIENT_WORD1 } };
	long error = st_ipc_call(PEER_ENDPOINT, &m);
	shared[PEER_SHARED_ERROR] = (uint64_t)error;
	shared[PEER_SHARED_INFO] = m.info;
	shared[PEER_SHARED_BADGE] = m.badge;
	for (unsigned i = 0; i < ST_MSG_REGISTER_WORDS; i++)
		shared[PEER_SHARED_WORDS + i] = m.words[i];
}

static void take_cap(void)
{
	buffer->receive_slot = PEER_RECEIVED;
	struct st_message m = { 0 };
	long error = st_recv(PEER_ENDPOINT, 0, &m);
	shared[PEER_SHARED_INFO] = m.info;
	if (error == ST_OK) {
		m = (struct st_message){ .info = ST_MSG_INFO(0, 1, 0), .words = { 0xcafe } };
		error = st_send(PEER_RECEIVED, &m);
	}
	shared[PEER_SHARED_ERROR] = (uint64_t)error;
}

int main(uint64_t mode);

int main(uint64_t mode)
{
	switch (mode) {
	case PEER_ECHO:
		echo();
		break;
	case PEER_CLIENT:
		client();
		break;
	case PEER_TAKE_CAP:
		take_cap();
		break;
	case PEER_FAULT:
		*(volatile uint64_t *)PEER_FAULT_ADDRESS = PEER_WRITTEN;
		break;
	default:
		st_printf("ipc-peer: unknown mode %lu\n", mode);
		return 1;
	}
	shared[PEER_SHARED_DONE] = 1;
	return 0;
}

/*
 * The partner: a thread in the fuzzer's process whose capability space is
 * its own (the fuzzer cannot reach it), answering on the served endpoint so
 * that the fuzzer's sends and calls find a receiver and its calls get
 * replies: each message goes back as it came, words and capabilities (the
 * copies it received, which it then deletes), so capabilities travel both
 * ways. A fault message (a thread whose fault handler the fuzzer set to
 * this endpoint) is answered "stop": resuming it would only fault again.
 * Its endpoint and reply object go with each epoch; it tries again until
 * the driver has put new ones in place.
 */
#include "user/fuzz/fuzz.h"

uint8_t fuzz_partner_stack[4096] __attribute__((aligned(16)));

static void delete_received(uint64_t first)
{
	for (uint64_t i = 0; i < ST_MSG_MAX_CAPS; i++)
		st_cap_delete(first + i);
}

_Noreturn void fuzz_partner_main(void)
{
	volatile struct st_ipc_buffer *buffer = (volatile struct st_ipc_buffer *)FUZZ_PARTNER_IPC_BUFFER_ADDRESS;
	uint64_t receive = FUZZ_PARTNER_RECEIVE;
	struct st_message message = { 0 };
	buffer->receive_slot = receive;
	long error = st_recv(FUZZ_PARTNER_ENDPOINT, FUZZ_PARTNER_REPLY, &message);
	for (;;) {
		if (error) {
			st_yield();
			message = (struct st_message){ 0 };
			error = st_recv(FUZZ_PARTNER_ENDPOINT, FUZZ_PARTNER_REPLY, &message);
			continue;
		}
		/* The reply sends back what arrived at `received`; the next
		 * message's capabilities land in the other set of slots. */
		uint64_t received = receive, caps = ST_MSG_CAPS(message.info);
		for (uint64_t i = 0; i < caps; i++)
			buffer->caps[i] = received + i;
		receive ^= FUZZ_PARTNER_RECEIVE_TOGGLE;
		buffer->receive_slot = receive;
		uint64_t label = message.info & ST_MSG_FAULT ? ST_FAULT_REPLY_STOP : ST_MSG_LABEL(message.info);
		message.info = ST_MSG_INFO(label, ST_MSG_WORDS(message.info), caps);
		error = st_reply_recv(FUZZ_PARTNER_ENDPOINT, FUZZ_PARTNER_REPLY, &message);
		delete_received(received);
	}
}

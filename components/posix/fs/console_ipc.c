/*
 * Calls to the console server from the posix server: words 0-3 of a
 * message in registers, the rest in the server thread's IPC buffer. The
 * console answers every call at once (it never blocks its clients), so a
 * call costs one round trip and never stalls the server.
 */
#include "components/console/console_protocol.h"
#include "components/posix/fs/console_ipc.h"
#include "components/posix/fs/fs_server.h"
#include "components/posix/linux_errno.h"

#include "lib/string.h"
#include "user/lib/strata.h"

static uint64_t console_endpoint;
static struct st_ipc_buffer *ipc_buffer;

void fs_set_console(uint64_t endpoint_slot)
{
	console_endpoint = endpoint_slot;
}

void fs_set_ipc_buffer(struct st_ipc_buffer *buffer)
{
	ipc_buffer = buffer;
}

unsigned console_data_max(void)
{
	if (!console_endpoint)
		return CONSOLE_DATA_MAX;
	unsigned words = ipc_buffer ? ST_MSG_MAX_WORDS : ST_MSG_REGISTER_WORDS;
	unsigned bytes = (words - 1) * 8;
	return bytes < CONSOLE_DATA_MAX ? bytes : CONSOLE_DATA_MAX;
}

/* No console server yet: output to the nucleus's debug console, input at
 * its end. */
static long console_fallback(unsigned label, uint64_t *words)
{
	switch (label) {
	case CONSOLE_WRITE: {
		size_t length = words[0];
		st_debug_write(&words[1], length);
		words[0] = length;
		return 1;
	}
	case CONSOLE_READ:
		words[0] = 0;
		return 1;
	case CONSOLE_EVENTS:
		words[0] = 0;
		words[1] = 1; /* a read returns at once (end of file) */
		return 2;
	default:
		return -LINUX_EIO;
	}
}

long console_call(unsigned label, uint64_t *words, unsigned count)
{
	if (!console_endpoint)
		return console_fallback(label, words);
	unsigned max = ipc_buffer ? ST_MSG_MAX_WORDS : ST_MSG_REGISTER_WORDS;
	if (count > max)
		return -LINUX_EIO;
	struct st_message message = { .info = ST_MSG_INFO(label, count, 0) };
	for (unsigned i = 0; i < count && i < ST_MSG_REGISTER_WORDS; i++)
		message.words[i] = words[i];
	for (unsigned i = ST_MSG_REGISTER_WORDS; i < count; i++)
		ipc_buffer->words[i] = words[i];
	if (st_ipc_call(console_endpoint, &message) != ST_OK)
		return -LINUX_EIO;
	if (ST_MSG_LABEL(message.info) == CONSOLE_REPLY_ERROR)
		return (long)message.words[0] < 0 ? (long)message.words[0] : -LINUX_EIO;
	unsigned received = (unsigned)ST_MSG_WORDS(message.info);
	if (received > max)
		received = max;
	memset(words, 0, CONSOLE_CALL_WORDS_MAX * sizeof *words);
	for (unsigned i = 0; i < received && i < ST_MSG_REGISTER_WORDS; i++)
		words[i] = message.words[i];
	for (unsigned i = ST_MSG_REGISTER_WORDS; i < received; i++)
		words[i] = ipc_buffer->words[i];
	return received;
}

void fs_log(const char *message)
{
	st_printf("%s\n", message);
}

/* Starting the console as the personality does, and calling it. */
#include "user/console-test/console_test.h"

#include "lib/string.h"

#define COM1 0x3f8
#define COM2 0x2f8
#define COM1_ISA_IRQ 4
#define COM2_ISA_IRQ 3
#define UART_MCR 4
#define MCR_DTR_RTS_OUT2 0x0b
#define MCR_LOOPBACK 0x10
#define CONSOLE_CNODE_BITS 5

bool console_on_com2(void)
{
	return strstr(utest_bootinfo->cmdline, "uart=com2") != NULL;
}

static int console_module(void)
{
	for (uint32_t i = 0; i < utest_bootinfo->module_count; i++) {
		if (strstr(utest_bootinfo->modules[i].name, "console.elf"))
			return (int)i;
	}
	return -1;
}

/* The module's frames, mapped afresh: the harness destroyed the page
 * tables of an earlier test's mapping, not the boot frame capabilities. */
static const void *map_console_image(size_t *size)
{
	int index = console_module();
	UCHECK(index >= 0);
	if (index < 0)
		return NULL;
	const struct st_bootinfo_module *module = &utest_bootinfo->modules[index];
	for (uint32_t i = 0; i < module->frame_count; i++) {
		uint64_t info = 0;
		st_cap_identify(module->first_slot + i, &info, NULL);
		if (ST_CAP_INFO_MAPPED(info))
			UCHECK_EQ(st_frame_unmap(module->first_slot + i), ST_OK);
	}
	*size = module->size;
	return st_map_module(utest_bootinfo, (unsigned)index);
}

/* A capability made by `make` in a fresh slot of ours, copied with
 * `rights` into the console's slot. */
static bool give(struct console_client *c, uint32_t ours, unsigned rights, unsigned console_slot)
{
	long error = st_cap_copy(ours, ST_SLOT(c->process.cnode, console_slot), rights);
	UCHECK_EQ(error, ST_OK);
	return !error;
}

/* What posix's root task does: objects, capabilities, IPC buffer, start. */
static bool create_console(struct console_client *c, bool interrupt)
{
	bool com2 = console_on_com2();
	c->base = com2 ? COM2 : COM1;
	size_t size = 0;
	const void *image = map_console_image(&size);
	UCHECK(image != NULL);
	if (!image)
		return false;
	long error = st_process_create(image, size, CONSOLE_CNODE_BITS, "console", &c->process);
	UCHECK_EQ(error, ST_OK);
	if (error)
		return false;
	c->endpoint = utest_object(ST_OBJECT_ENDPOINT, 0);
	c->notification = utest_object(ST_OBJECT_NOTIFICATION, 0);
	uint32_t reply = utest_object(ST_OBJECT_REPLY, 0);
	uint32_t irq_notification = utest_object(ST_OBJECT_NOTIFICATION, 0);
	uint32_t ports = utest_slot(), irq = utest_slot();
	c->ports = utest_slot();
	error = st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, c->base, c->base + 7, ports);
	if (error)
		st_printf("console-test: I/O ports %#x-%#x refused: %s\n", c->base, c->base + 7, st_error_name(error));
	UCHECK_EQ(error, ST_OK);
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, c->base, c->base + 7, c->ports), ST_OK);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, com2 ? COM2_ISA_IRQ : COM1_ISA_IRQ, ST_IRQ_ISA, irq), ST_OK);
	if (!give(c, c->endpoint, ST_RIGHT_READ, CONSOLE_SLOT_ENDPOINT) ||
	    !give(c, reply, ST_RIGHTS_ALL, CONSOLE_SLOT_REPLY) || !give(c, ports, ST_RIGHTS_ALL, CONSOLE_SLOT_PORTS) ||
	    (interrupt && !give(c, irq, ST_RIGHTS_ALL, CONSOLE_SLOT_IRQ)) ||
	    !give(c, irq_notification, ST_RIGHT_READ | ST_RIGHT_WRITE, CONSOLE_SLOT_IRQ_NOTIFICATION) ||
	    !give(c, c->notification, ST_RIGHT_WRITE, CONSOLE_SLOT_CLIENT))
		return false;
	uint32_t buffer_frame = utest_object(ST_OBJECT_FRAME, 0);
	uint32_t mapped = utest_slot();
	UCHECK_EQ(st_cap_copy(buffer_frame, mapped, ST_RIGHTS_ALL), ST_OK);
	error = st_map_frame(c->process.vspace, mapped, CONSOLE_IPC_BUFFER_ADDRESS, ST_RIGHT_READ | ST_RIGHT_WRITE);
	UCHECK_EQ(error, ST_OK);
	if (!error)
		error = st_thread_configure(c->process.thread, c->process.cnode, c->process.vspace, buffer_frame,
					    CONSOLE_IPC_BUFFER_ADDRESS, 0);
	UCHECK_EQ(error, ST_OK);
	return !error;
}

bool console_start(struct console_client *c)
{
	return console_start_with(c, true);
}

bool console_start_with(struct console_client *c, bool interrupt)
{
	memset(c, 0, sizeof *c);
	/* Our own IPC buffer, for requests and replies over 4 words. */
	uint32_t frame;
	c->buffer = utest_mapped_frame(&frame);
	UCHECK_EQ(st_thread_configure(ST_ROOT_THREAD, ST_ROOT_CNODE, ST_ROOT_VSPACE, frame, (uint64_t)c->buffer, 0),
		  ST_OK);
	if (!create_console(c, interrupt))
		return false;
	long error = st_process_start(&c->process, utest_bootinfo->tsc_hz, CONSOLE_PRIORITY);
	UCHECK_EQ(error, ST_OK);
	st_thread_set_priority(ST_ROOT_THREAD, ST_ROOT_THREAD, CLIENT_PRIORITY);
	/* Answering means it has set the UART up and waits for requests. */
	uint64_t label = ~0ull, reply[ST_MSG_MAX_WORDS];
	int length = console_call(c, CONSOLE_GET_WINSIZE, NULL, 0, &label, reply);
	UCHECK_EQ(length, 2);
	UCHECK_EQ(label, 0);
	return !error && length == 2;
}

int console_call(struct console_client *c, uint64_t label, const uint64_t *words, unsigned length,
		 uint64_t *reply_label, uint64_t *reply)
{
	struct st_message m = { .info = ST_MSG_INFO(label, length, 0) };
	for (unsigned i = 0; i < length; i++) {
		if (i < ST_MSG_REGISTER_WORDS)
			m.words[i] = words[i];
		else
			c->buffer->words[i] = words[i];
	}
	long error = st_ipc_call(c->endpoint, &m);
	UCHECK_EQ(error, ST_OK);
	if (error)
		return -1;
	unsigned got = ST_MSG_WORDS(m.info);
	for (unsigned i = 0; i < got; i++)
		reply[i] = i < ST_MSG_REGISTER_WORDS ? m.words[i] : c->buffer->words[i];
	*reply_label = ST_MSG_LABEL(m.info);
	return (int)got;
}

/* A call that must succeed: words[0] of the reply. */
static uint64_t call_ok(struct console_client *c, uint64_t label, const uint64_t *words, unsigned length,
			uint64_t *reply)
{
	uint64_t reply_label = ~0ull;
	int got = console_call(c, label, words, length, &reply_label, reply);
	UCHECK(got >= 1);
	UCHECK_EQ(reply_label, 0);
	return got >= 1 ? reply[0] : ~0ull;
}

uint64_t console_write(struct console_client *c, const char *text, size_t length)
{
	uint64_t words[ST_MSG_MAX_WORDS] = { length }, reply[ST_MSG_MAX_WORDS];
	memcpy(&words[1], text, length);
	return call_ok(c, CONSOLE_WRITE, words, 1 + (unsigned)((length + 7) / 8), reply);
}

uint64_t console_read(struct console_client *c, char *buffer, size_t wanted)
{
	uint64_t words[1] = { wanted }, reply[ST_MSG_MAX_WORDS];
	uint64_t n = call_ok(c, CONSOLE_READ, words, 1, reply);
	if (n != CONSOLE_EMPTY && n <= CONSOLE_DATA_MAX) {
		memcpy(buffer, &reply[1], n);
		buffer[n] = '\0';
	}
	return n;
}

bool console_signalled(struct console_client *c, unsigned ms)
{
	struct st_message m = { 0 };
	return st_recv_timeout(c->notification, 0, (uint64_t)ms * 1000000, &m) == ST_OK;
}

uint64_t console_read_wait(struct console_client *c, char *buffer, size_t wanted, unsigned ms)
{
	/* A tick or two per wait: count the waits rather than read a clock. */
	for (unsigned waited = 0;; waited += 10) {
		uint64_t n = console_read(c, buffer, wanted);
		if (n != CONSOLE_EMPTY || waited >= ms)
			return n;
		console_signalled(c, 10);
	}
}

uint64_t console_events(struct console_client *c, uint64_t *readable)
{
	uint64_t reply[ST_MSG_MAX_WORDS] = { 0 };
	uint64_t signals = call_ok(c, CONSOLE_EVENTS, NULL, 0, reply);
	if (readable)
		*readable = reply[1];
	return signals;
}

void console_get_termios(struct console_client *c, struct linux_termios *t)
{
	uint64_t reply[ST_MSG_MAX_WORDS] = { 0 }, label = ~0ull;
	UCHECK_EQ(console_call(c, CONSOLE_GET_TERMIOS, NULL, 0, &label, reply), CONSOLE_TERMIOS_WORDS);
	UCHECK_EQ(label, 0);
	memcpy(t, reply, sizeof *t);
}

uint64_t console_set_termios(struct console_client *c, const struct linux_termios *t, uint64_t mode)
{
	uint64_t words[CONSOLE_TERMIOS_WORDS + 1] = { 0 }, reply[ST_MSG_MAX_WORDS];
	memcpy(words, t, sizeof *t);
	words[CONSOLE_TERMIOS_WORDS] = mode;
	return call_ok(c, CONSOLE_SET_TERMIOS, words, CONSOLE_TERMIOS_WORDS + 1, reply);
}

void console_loopback(struct console_client *c, bool on)
{
	UCHECK_EQ(st_io_port_out(c->ports, c->base + UART_MCR, 1, MCR_DTR_RTS_OUT2 | (on ? MCR_LOOPBACK : 0)),
		  ST_OK);
}

void console_typing_mode(struct console_client *c, uint32_t lflag_clear)
{
	struct linux_termios t;
	console_get_termios(c, &t);
	t.c_oflag &= ~LINUX_OPOST;
	t.c_lflag &= ~(LINUX_ECHO | lflag_clear);
	UCHECK_EQ(console_set_termios(c, &t, 0), 0);
}

void console_type(struct console_client *c, const char *text, size_t length)
{
	while (length > 0) {
		size_t chunk = length < LOOPBACK_CHUNK ? length : LOOPBACK_CHUNK;
		UCHECK_EQ(console_write(c, text, chunk), chunk);
		text += chunk;
		length -= chunk;
	}
}

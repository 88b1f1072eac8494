/*
 * The console server's loop. It is started (by the personality's root
 * task, or user/console-test) with the capabilities console_protocol.h
 * lists, its IPC buffer at CONSOLE_IPC_BUFFER_ADDRESS, and the TSC rate in
 * its argument (0: it measures it). One thread waits on its endpoint with
 * the UART's interrupt notification bound to it, so one receive ends with
 * either a request or an interrupt; a receive timeout serves VTIME.
 */
#include "components/console/clock.h"
#include "components/console/console.h"
#include "components/console/console_protocol.h"

int main(uint64_t tsc_hz);

/* Without interrupts (no handler, or it cannot be bound) the UART is
 * polled this often. */
#define POLL_INTERVAL_NS 10000000ull
#define ERROR_PAUSE_NS 10000000ull
#define ERRORS_REPORTED 5

static struct console console;
static struct console_message request, reply;
static struct st_ipc_buffer *const ipc_buffer = (struct st_ipc_buffer *)CONSOLE_IPC_BUFFER_ADDRESS;

struct server {
	bool interrupts;             /* the UART's interrupt reaches us */
	uint64_t deadline_signalled; /* the VTIME deadline the client was told of */
	unsigned errors;
};

static bool setup_interrupts(void)
{
	long error = st_thread_bind_notification(ST_ROOT_THREAD, CONSOLE_SLOT_IRQ_NOTIFICATION);
	if (!error)
		error = st_irq_handler_set_notification(CONSOLE_SLOT_IRQ, CONSOLE_SLOT_IRQ_NOTIFICATION);
	if (!error)
		error = st_irq_handler_ack(CONSOLE_SLOT_IRQ);
	if (error)
		st_printf("console: no UART interrupt (%s): polling every %llu ms\n", st_error_name(error),
			  POLL_INTERVAL_NS / 1000000);
	return !error;
}

/* Everything the UART holds, so that its interrupt line drops (it is
 * edge-triggered: left high, it would never signal again). */
static void drain_uart(struct console *c)
{
	uint8_t bytes[64];
	unsigned length = 0;
	uint64_t now = clock_now_ns();
	while (uart_receive(&c->uart, &bytes[length])) {
		if (++length == sizeof bytes) {
			console_input(c, bytes, length, now);
			length = 0;
		}
	}
	console_input(c, bytes, length, now);
}

static void wake_client(struct console *c)
{
	if (c->wake_client)
		st_signal(CONSOLE_SLOT_CLIENT);
	c->wake_client = false;
}

/* A VTIME deadline that has passed is the client's cue to read again; the
 * time until the next one (0: none) bounds the receive. */
static uint64_t receive_timeout(struct console *c, struct server *s)
{
	uint64_t timeout = s->interrupts ? 0 : POLL_INTERVAL_NS;
	uint64_t deadline = ld_deadline(&c->ld);
	if (!deadline || deadline == s->deadline_signalled)
		return timeout;
	uint64_t now = clock_now_ns();
	if (now >= deadline) {
		s->deadline_signalled = deadline;
		c->wake_client = true;
		wake_client(c);
		return timeout;
	}
	uint64_t until = deadline - now;
	return !timeout || until < timeout ? until : timeout;
}

/* The message that arrived, in full: words 4 and on are in the IPC buffer. */
static void take_request(const struct st_message *m)
{
	request.label = ST_MSG_LABEL(m->info);
	request.length = ST_MSG_WORDS(m->info);
	for (unsigned i = 0; i < request.length; i++)
		request.words[i] = i < ST_MSG_REGISTER_WORDS ? m->words[i] : ipc_buffer->words[i];
	/* Beyond its length a request reads as zeros. */
	for (unsigned i = request.length; i < ST_MSG_MAX_WORDS; i++)
		request.words[i] = 0;
}

static void give_reply(struct st_message *m)
{
	m->info = ST_MSG_INFO(reply.label, reply.length, 0);
	for (unsigned i = 0; i < ST_MSG_REGISTER_WORDS; i++)
		m->words[i] = i < reply.length ? reply.words[i] : 0;
	for (unsigned i = ST_MSG_REGISTER_WORDS; i < reply.length; i++)
		ipc_buffer->words[i] = reply.words[i];
}

static _Noreturn void serve_forever(struct console *c, struct server *s)
{
	struct st_message m = { 0 };
	for (;;) {
		uint64_t timeout = receive_timeout(c, s);
		/* Replies to the last request (if it was a call) and waits. */
		long error = st_ipc(ST_SYS_REPLY_RECV, CONSOLE_SLOT_ENDPOINT, CONSOLE_SLOT_REPLY, timeout, &m);
		if (error == ST_ERROR_TIMED_OUT || (!error && (m.info & ST_MSG_NOTIFICATION))) {
			drain_uart(c);
			if (s->interrupts)
				st_irq_handler_ack(CONSOLE_SLOT_IRQ);
			wake_client(c);
			m = (struct st_message){ 0 };
			continue;
		}
		if (error) {
			if (s->errors++ < ERRORS_REPORTED)
				st_printf("console: receive: %s\n", st_error_name(error));
			m = (struct st_message){ 0 };
			st_sleep(ERROR_PAUSE_NS);
			continue;
		}
		take_request(&m);
		console_serve(c, &request, &reply);
		give_reply(&m);
		wake_client(c);
	}
}

int main(uint64_t tsc_hz)
{
	struct console *c = &console;
	struct server s = { 0 };
	/* Long messages need the IPC buffer; without it nothing can be served. */
	if (!(st_page_entry(CONSOLE_IPC_BUFFER_ADDRESS) & 1)) {
		st_printf("console: no IPC buffer at %#llx: not serving\n", CONSOLE_IPC_BUFFER_ADDRESS);
		return 1;
	}
	ipc_buffer->receive_slot = 0; /* capabilities sent to us are refused */
	clock_init(tsc_hz);
	console_init(c);
	long error = uart_init(&c->uart, CONSOLE_SLOT_PORTS);
	if (error)
		st_printf("console: no UART (%s): output is dropped\n", st_error_name(error));
	else if (!c->uart.present)
		st_printf("console: nothing answers at %#x: output is dropped\n", c->uart.base);
	s.interrupts = setup_interrupts();
	drain_uart(c); /* what was typed before we started */
	wake_client(c);
	serve_forever(c, &s);
}

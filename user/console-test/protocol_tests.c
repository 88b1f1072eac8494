/* The protocol itself: settings, window size, output, and requests that
 * must be refused without harm. These run on either UART. */
#include "user/console-test/console_test.h"

#include "components/posix/linux_errno.h"
#include "lib/string.h"

UTEST(termios_defaults_are_linux)
{
	struct console_client c;
	if (!console_start(&c))
		return;
	struct linux_termios t;
	console_get_termios(&c, &t);
	UCHECK_EQ(t.c_iflag, LINUX_ICRNL | LINUX_IXON);
	UCHECK_EQ(t.c_oflag, LINUX_OPOST | LINUX_ONLCR);
	UCHECK_EQ(t.c_cflag, LINUX_B38400 | LINUX_CS8 | LINUX_CREAD | LINUX_HUPCL);
	UCHECK_EQ(t.c_lflag, LINUX_ISIG | LINUX_ICANON | LINUX_ECHO | LINUX_ECHOE | LINUX_ECHOK | LINUX_ECHOCTL |
				     LINUX_ECHOKE | LINUX_IEXTEN);
	UCHECK_EQ(t.c_cc[LINUX_VINTR], 3);
	UCHECK_EQ(t.c_cc[LINUX_VQUIT], 0x1c);
	UCHECK_EQ(t.c_cc[LINUX_VERASE], 0x7f);
	UCHECK_EQ(t.c_cc[LINUX_VKILL], 0x15);
	UCHECK_EQ(t.c_cc[LINUX_VEOF], 4);
	UCHECK_EQ(t.c_cc[LINUX_VMIN], 1);
	UCHECK_EQ(t.c_cc[LINUX_VTIME], 0);
	UCHECK_EQ(t.c_cc[LINUX_VSUSP], 0x1a);
	UCHECK_EQ(t.c_cc[LINUX_VWERASE], 0x17);
}

UTEST(termios_set_and_get)
{
	struct console_client c;
	if (!console_start(&c))
		return;
	struct linux_termios t, back;
	console_get_termios(&c, &t);
	t.c_lflag &= ~(LINUX_ICANON | LINUX_ECHO);
	t.c_cc[LINUX_VMIN] = 5;
	t.c_cc[LINUX_VTIME] = 7;
	for (uint64_t mode = 0; mode <= 2; mode++) {
		t.c_cc[LINUX_VEOL] = (uint8_t)mode;
		UCHECK_EQ(console_set_termios(&c, &t, mode), 0);
		console_get_termios(&c, &back);
		UCHECK(memcmp(&t, &back, sizeof t) == 0);
	}
}

UTEST(window_size)
{
	struct console_client c;
	if (!console_start(&c))
		return;
	uint64_t label = ~0ull, reply[ST_MSG_MAX_WORDS];
	UCHECK_EQ(console_call(&c, CONSOLE_GET_WINSIZE, NULL, 0, &label, reply), 2);
	UCHECK_EQ(reply[0], 24);
	UCHECK_EQ(reply[1], 80);
	UCHECK_EQ(console_events(&c, NULL), 0);
	uint64_t size[2] = { 50, 132 };
	UCHECK_EQ(console_call(&c, CONSOLE_SET_WINSIZE, size, 2, &label, reply), 1);
	UCHECK_EQ(label, 0);
	UCHECK_EQ(console_call(&c, CONSOLE_GET_WINSIZE, NULL, 0, &label, reply), 2);
	UCHECK_EQ(reply[0], 50);
	UCHECK_EQ(reply[1], 132);
	/* Typed signals only: SIGWINCH is the client's to send. */
	UCHECK_EQ(console_events(&c, NULL), 0);
}

/* A request that must be refused: the error label and -errno. */
static void refused(struct console_client *c, uint64_t label, const uint64_t *words, unsigned length, long error)
{
	uint64_t reply_label = 0, reply[ST_MSG_MAX_WORDS] = { 0 };
	UCHECK_EQ(console_call(c, label, words, length, &reply_label, reply), 1);
	UCHECK_EQ(reply_label, CONSOLE_REPLY_ERROR);
	UCHECK_EQ((int64_t)reply[0], -error);
}

UTEST(bad_requests_are_refused)
{
	struct console_client c;
	if (!console_start(&c))
		return;
	uint64_t words[ST_MSG_MAX_WORDS] = { 0 };
	refused(&c, 0, words, 0, LINUX_ENOSYS);
	refused(&c, 99, words, 3, LINUX_ENOSYS);
	refused(&c, 0xffffffffffffull, words, 0, LINUX_ENOSYS);
	refused(&c, CONSOLE_WRITE, words, 0, LINUX_EINVAL);                    /* no length */
	words[0] = CONSOLE_DATA_MAX + 1;
	refused(&c, CONSOLE_WRITE, words, ST_MSG_MAX_WORDS, LINUX_EINVAL);     /* too long */
	refused(&c, CONSOLE_READ, words, 1, LINUX_EINVAL);
	words[0] = ~0ull;
	refused(&c, CONSOLE_WRITE, words, ST_MSG_MAX_WORDS, LINUX_EINVAL);
	refused(&c, CONSOLE_READ, words, 1, LINUX_EINVAL);
	words[0] = 100;
	refused(&c, CONSOLE_WRITE, words, 5, LINUX_EINVAL);                    /* bytes missing */
	refused(&c, CONSOLE_READ, words, 0, LINUX_EINVAL);
	refused(&c, CONSOLE_SET_TERMIOS, words, CONSOLE_TERMIOS_WORDS, LINUX_EINVAL); /* no mode */
	words[CONSOLE_TERMIOS_WORDS] = 3;
	refused(&c, CONSOLE_SET_TERMIOS, words, CONSOLE_TERMIOS_WORDS + 1, LINUX_EINVAL);
	words[0] = 70000;
	refused(&c, CONSOLE_SET_WINSIZE, words, 2, LINUX_EINVAL);
	refused(&c, CONSOLE_SET_WINSIZE, words, 1, LINUX_EINVAL);
	/* A send that is not a call, and a message with a capability: no
	 * reply is owed; the console carries on. */
	struct st_message m = { .info = ST_MSG_INFO(CONSOLE_WRITE, 2, 0), .words = { 1, '\n' } };
	UCHECK_EQ(st_send(c.endpoint, &m), ST_OK);
	c.buffer->caps[0] = c.notification;
	m = (struct st_message){ .info = ST_MSG_INFO(CONSOLE_EVENTS, 0, 1) };
	UCHECK_EQ(st_ipc_call(c.endpoint, &m), ST_OK);
	UCHECK_EQ(ST_MSG_LABEL(m.info), 0);
	/* Still serving, settings untouched. */
	struct linux_termios t;
	console_get_termios(&c, &t);
	UCHECK_EQ(t.c_lflag & LINUX_ICANON, LINUX_ICANON);
	uint64_t label = ~0ull, reply[ST_MSG_MAX_WORDS];
	UCHECK_EQ(console_call(&c, CONSOLE_GET_WINSIZE, NULL, 0, &label, reply), 2);
	UCHECK_EQ(reply[0], 24);
}

/* On COM1 the text shows up in the serial log (tests.list looks for it);
 * on COM2 it comes back through loopback, \n made \r\n by ONLCR. */
UTEST(write_reaches_the_line)
{
	struct console_client c;
	if (!console_start(&c))
		return;
	if (!console_on_com2()) {
		static const char text[] = "console-test: written through the console server\n";
		UCHECK_EQ(console_write(&c, text, sizeof text - 1), sizeof text - 1);
		uint8_t big[CONSOLE_DATA_MAX];
		memset(big, '=', sizeof big);
		memcpy(big + sizeof big - 32, "console-test: 960 bytes written\n", 32);
		UCHECK_EQ(console_write(&c, (const char *)big, sizeof big), sizeof big);
		return;
	}
	struct linux_termios t;
	console_get_termios(&c, &t);
	t.c_lflag &= ~LINUX_ECHO; /* OPOST and ONLCR stay */
	UCHECK_EQ(console_set_termios(&c, &t, 0), 0);
	console_loopback(&c, true);
	UCHECK_EQ(console_write(&c, "hi there\n", 9), 9);
	char line[CONSOLE_DATA_MAX + 1];
	UCHECK_EQ(console_read_wait(&c, line, CONSOLE_DATA_MAX, 1000), 9);
	UCHECK(!strcmp(line, "hi there\n"));
	/* The \r ended that line (ICRNL); the \n after it is an empty one. */
	UCHECK_EQ(console_read_wait(&c, line, CONSOLE_DATA_MAX, 1000), 1);
	UCHECK(!strcmp(line, "\n"));
	UCHECK_EQ(console_read(&c, line, CONSOLE_DATA_MAX), CONSOLE_EMPTY);
	console_loopback(&c, false);
}

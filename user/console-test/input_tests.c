/* Input, "typed" through the UART's loopback: each byte the console sends
 * comes back to it as a received byte, with its interrupt, and goes
 * through the line discipline as typing would. On COM1 the nucleus's own
 * messages would loop back too (and not reach the log), so each test
 * turns loopback off before the harness prints its result; check
 * failures are best read in the COM2 run. */
#include "user/console-test/console_test.h"

#include "lib/string.h"

static char line[CONSOLE_DATA_MAX + 1];

/* The console started, in typing mode, its UART in loopback. */
static bool typing(struct console_client *c, uint32_t lflag_clear)
{
	if (!console_start(c))
		return false;
	console_typing_mode(c, lflag_clear);
	console_loopback(c, true);
	return true;
}

/* Loopback off: the line is the serial log's again. */
static void done(struct console_client *c)
{
	console_loopback(c, false);
}

static void type(struct console_client *c, const char *text)
{
	console_type(c, text, strlen(text));
}

/* The next read must give exactly `expected`. */
static void expect_line(struct console_client *c, const char *expected)
{
	uint64_t n = console_read_wait(c, line, CONSOLE_DATA_MAX, 1000);
	UCHECK_EQ(n, strlen(expected));
	if (n <= CONSOLE_DATA_MAX && strcmp(line, expected))
		st_printf("console-test: read \"%s\", expected \"%s\"\n", line, expected);
	UCHECK(n <= CONSOLE_DATA_MAX && !strcmp(line, expected));
}

static void expect_nothing(struct console_client *c)
{
	UCHECK_EQ(console_read(c, line, CONSOLE_DATA_MAX), CONSOLE_EMPTY);
}

UTEST(typed_line_is_read)
{
	struct console_client c;
	if (!typing(&c, 0))
		return;
	type(&c, "hello");
	expect_nothing(&c); /* no line yet */
	uint64_t readable = 1;
	UCHECK_EQ(console_events(&c, &readable), 0);
	UCHECK_EQ(readable, 0);
	type(&c, "\r"); /* Enter on a serial terminal */
	UCHECK(console_signalled(&c, 1000));
	UCHECK_EQ(console_events(&c, &readable), 0);
	UCHECK_EQ(readable, 1);
	expect_line(&c, "hello\n");
	expect_nothing(&c);
	done(&c);
}

UTEST(lines_are_edited)
{
	struct console_client c;
	if (!typing(&c, 0))
		return;
	type(&c, "abc\x7f\x7f" "d\x15xyz\x17ok\r");
	expect_line(&c, "ok\n");
	type(&c, "ab\bc\r"); /* ^H erases too */
	expect_line(&c, "ac\n");
	type(&c, "rm -rf /tmp/x\x17\x17y\r");
	expect_line(&c, "rm -rf /y\n");
	type(&c, "one\rtwo\r");
	expect_line(&c, "one\n");
	expect_line(&c, "two\n");
	done(&c);
}

UTEST(long_line_read_in_pieces)
{
	struct console_client c;
	if (!typing(&c, 0))
		return;
	char text[3001];
	for (int i = 0; i < 3000; i++)
		text[i] = (char)('a' + i % 26);
	text[3000] = '\0';
	type(&c, text);
	type(&c, "\r");
	UCHECK_EQ(console_read_wait(&c, line, 100, 1000), 100);
	UCHECK(!memcmp(line, text, 100));
	size_t total = 100;
	for (int i = 0; i < 10 && total < 3001; i++) {
		uint64_t n = console_read(&c, line, CONSOLE_DATA_MAX);
		UCHECK(n <= CONSOLE_DATA_MAX);
		if (n > CONSOLE_DATA_MAX)
			break;
		UCHECK(!memcmp(line, text + total, total + n > 3000 ? n - 1 : n));
		total += n;
	}
	UCHECK_EQ(total, 3001);
	UCHECK_EQ(line[strlen(line) - 1], '\n');
	expect_nothing(&c);
	done(&c);
}

UTEST(end_of_file)
{
	struct console_client c;
	if (!typing(&c, 0))
		return;
	type(&c, "\x04");
	UCHECK(console_signalled(&c, 1000));
	uint64_t readable = 0;
	console_events(&c, &readable);
	UCHECK_EQ(readable, 1);
	UCHECK_EQ(console_read(&c, line, CONSOLE_DATA_MAX), 0); /* end of file */
	expect_nothing(&c);
	type(&c, "abc\x04");
	expect_line(&c, "abc");
	expect_nothing(&c);
	done(&c);
}

UTEST(signal_characters)
{
	struct console_client c;
	if (!typing(&c, 0))
		return;
	type(&c, "line\rpartial\x03");
	UCHECK(console_signalled(&c, 1000));
	uint64_t readable = 1;
	UCHECK_EQ(console_events(&c, &readable), 1u << 2);
	UCHECK_EQ(readable, 0); /* ^C threw away what was typed */
	UCHECK_EQ(console_events(&c, NULL), 0);
	expect_nothing(&c);
	type(&c, "\x1c\x1a");
	UCHECK_EQ(console_events(&c, NULL), (1u << 3) | (1u << 20));
	type(&c, "after\r");
	expect_line(&c, "after\n");
	/* Without ISIG, ^C is just a byte. */
	console_typing_mode(&c, LINUX_ISIG);
	type(&c, "\x03\r");
	expect_line(&c, "\x03\n");
	UCHECK_EQ(console_events(&c, NULL), 0);
	done(&c);
}

static void set_raw(struct console_client *c, uint8_t vmin, uint8_t vtime, uint64_t mode)
{
	struct linux_termios t;
	console_get_termios(c, &t);
	t.c_lflag &= ~LINUX_ICANON;
	t.c_cc[LINUX_VMIN] = vmin;
	t.c_cc[LINUX_VTIME] = vtime;
	UCHECK_EQ(console_set_termios(c, &t, mode), 0);
}

UTEST(raw_mode)
{
	struct console_client c;
	if (!typing(&c, 0))
		return;
	set_raw(&c, 1, 0, 0);
	expect_nothing(&c);
	type(&c, "x");
	UCHECK(console_signalled(&c, 1000));
	expect_line(&c, "x");
	/* No editing, no end of file: bytes as they come. */
	type(&c, "a\x7f\x04\x15");
	expect_line(&c, "a\x7f\x04\x15");
	/* VMIN 0, VTIME 0: a read returns at once, empty. */
	set_raw(&c, 0, 0, 0);
	UCHECK_EQ(console_read(&c, line, CONSOLE_DATA_MAX), 0);
	/* VMIN 4: not before four bytes (or as many as asked for). */
	set_raw(&c, 4, 0, 0);
	type(&c, "ab");
	expect_nothing(&c);
	UCHECK_EQ(console_read(&c, line, 2), 2);
	type(&c, "cdef");
	expect_line(&c, "cdef");
	done(&c);
}

static uint64_t tsc_now(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

UTEST(raw_mode_vtime)
{
	struct console_client c;
	if (!typing(&c, 0))
		return;
	set_raw(&c, 0, 2, 0); /* a fifth of a second for the whole read */
	uint64_t start = tsc_now();
	expect_nothing(&c);
	/* The console says when the time is up; the read then returns 0. */
	UCHECK(console_signalled(&c, 2000));
	uint64_t elapsed_ms = (tsc_now() - start) / (utest_bootinfo->tsc_hz / 1000);
	UCHECK_EQ(console_read(&c, line, CONSOLE_DATA_MAX), 0);
	UCHECK(elapsed_ms >= 150 && elapsed_ms <= 1000);
	/* A byte before the time is up ends the read at once. */
	expect_nothing(&c);
	type(&c, "z");
	expect_line(&c, "z");
	done(&c);
	st_printf("console-test: VTIME 2 read returned after %llu ms\n", (unsigned long long)elapsed_ms);
}

UTEST(switching_modes)
{
	struct console_client c;
	if (!typing(&c, 0))
		return;
	type(&c, "part");
	UCHECK_EQ(console_events(&c, NULL), 0);
	set_raw(&c, 1, 0, 0); /* the edited line becomes readable */
	UCHECK(console_signalled(&c, 100));
	expect_line(&c, "part");
	type(&c, "raw");
	console_typing_mode(&c, 0); /* ICANON back on: pending bytes are a line */
	expect_line(&c, "raw");
	done(&c);
}

UTEST(tcsetsf_flushes_input)
{
	struct console_client c;
	if (!typing(&c, 0))
		return;
	struct linux_termios t;
	console_get_termios(&c, &t);
	type(&c, "keep");
	UCHECK_EQ(console_set_termios(&c, &t, 0), 0); /* TCSETS */
	UCHECK_EQ(console_set_termios(&c, &t, 1), 0); /* TCSETSW */
	type(&c, "\r");
	expect_line(&c, "keep\n");
	type(&c, "drop\rthis");
	UCHECK_EQ(console_set_termios(&c, &t, 2), 0); /* TCSETSF */
	expect_nothing(&c);
	type(&c, "x\r");
	expect_line(&c, "x\n");
	done(&c);
}

/* With no IRQ handler the console polls the UART: slower, still working. */
UTEST(polling_without_interrupt)
{
	struct console_client c;
	if (!console_start_with(&c, false))
		return;
	console_typing_mode(&c, 0);
	console_loopback(&c, true);
	type(&c, "polled\r");
	expect_line(&c, "polled\n");
	type(&c, "x\x03");
	uint64_t signals = 0;
	for (int i = 0; i < 100 && !signals; i++) {
		console_signalled(&c, 10);
		signals = console_events(&c, NULL);
	}
	UCHECK_EQ(signals, 1u << 2);
	done(&c);
}

/* Input from outside the machine (QEMU's serial input, COM1): a run that
 * feeds "typo<DEL><DEL>ped line<CR>" with external-input on the command
 * line (tests/console-input.txt); otherwise it does nothing. The bytes
 * may come before the console starts: they wait in the UART and QEMU. */
UTEST(external_input)
{
	if (!strstr(utest_bootinfo->cmdline, "external-input"))
		return;
	struct console_client c;
	if (!console_start(&c))
		return;
	uint64_t n = console_read_wait(&c, line, CONSOLE_DATA_MAX, 5000);
	UCHECK_EQ(n, 11);
	UCHECK(n == 11 && !strcmp(line, "typed line\n"));
	if (n == 11)
		st_printf("console-test: external input read: %s", line);
}

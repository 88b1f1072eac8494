/*
 * components/console/line_discipline.c: Linux termios behaviour, byte by
 * byte: what is echoed, what a read returns, which signals are raised.
 * Expected output follows what Linux's N_TTY does for the same input.
 * (The unit under test is compiled here, by #include.)
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

#include "components/console/ld_output.c"
#include "components/console/line_discipline.c"

#define NS_PER_TENTH 100000000ull

/* Everything the discipline wrote, as a string. */
static char output[1 << 16];
static size_t output_length;

static void capture(void *context, const uint8_t *bytes, size_t length)
{
	(void)context;
	if (output_length + length >= sizeof output)
		length = sizeof output - 1 - output_length;
	memcpy(output + output_length, bytes, length);
	output_length += length;
	output[output_length] = '\0';
}

/* The output since the last call. */
static const char *taken(void)
{
	static char copy[sizeof output];
	memcpy(copy, output, output_length + 1);
	output_length = 0;
	output[0] = '\0';
	return copy;
}

static struct line_discipline ld;

static void fresh(void)
{
	ld_init(&ld, capture, NULL);
	output_length = 0;
	output[0] = '\0';
}

/* Types a string (at time 1), returning the OR of the events. */
static unsigned type(const char *s)
{
	unsigned events = 0;
	for (; *s; s++)
		events |= ld_receive(&ld, (uint8_t)*s, 1);
	return events;
}

/* Reads up to `wanted` bytes as a string; "<empty>" when nothing is
 * readable. */
static const char *read_string(size_t wanted, uint64_t now)
{
	static char text[LD_BUFFER_SIZE + 1];
	long n = ld_read(&ld, (uint8_t *)text, wanted, now);
	if (n == LD_READ_EMPTY)
		return "<empty>";
	text[n] = '\0';
	return text;
}

static void set_lflag(uint32_t set, uint32_t clear)
{
	struct linux_termios t = ld.termios;
	t.c_lflag = (t.c_lflag | set) & ~clear;
	ld_set_termios(&ld, &t);
}

static void set_raw(uint8_t vmin, uint8_t vtime)
{
	struct linux_termios t = ld.termios;
	t.c_lflag &= ~LINUX_ICANON;
	t.c_cc[LINUX_VMIN] = vmin;
	t.c_cc[LINUX_VTIME] = vtime;
	ld_set_termios(&ld, &t);
}

UNIT_TEST(tty_defaults_are_linux)
{
	struct linux_termios t;
	ld_default_termios(&t);
	CHECK_EQ(t.c_iflag, 0x500);  /* ICRNL | IXON, as stty shows on Linux */
	CHECK_EQ(t.c_oflag, 0x5);    /* OPOST | ONLCR */
	CHECK_EQ(t.c_cflag, 0x4bf);  /* B38400 | CS8 | CREAD | HUPCL */
	CHECK_EQ(t.c_lflag, 0x8a3b); /* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
	CHECK_EQ(t.c_line, 0);
	static const uint8_t linux_cc[LINUX_NCCS] = { 3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0,
						      0x12, 0x0f, 0x17, 0x16, 0 };
	CHECK(memcmp(t.c_cc, linux_cc, LINUX_NCCS) == 0);
	CHECK_EQ(offsetof(struct linux_termios, c_cc), 17);
}

UNIT_TEST(tty_cooked_line_with_cr)
{
	fresh();
	CHECK_EQ(type("hello"), 0);
	CHECK_STR(taken(), "hello");
	CHECK_STR(read_string(100, 1), "<empty>");
	CHECK(!ld_readable(&ld, 1));
	CHECK_EQ(type("\r"), LD_EVENT_INPUT); /* serial Enter: CR, made NL by ICRNL */
	CHECK_STR(taken(), "\r\n");
	CHECK(ld_readable(&ld, 1));
	CHECK_STR(read_string(100, 1), "hello\n");
	CHECK_STR(read_string(100, 1), "<empty>");
}

UNIT_TEST(tty_one_line_per_read)
{
	fresh();
	type("one\ntwo\n");
	CHECK_STR(read_string(100, 1), "one\n");
	CHECK_STR(read_string(100, 1), "two\n");
	CHECK_STR(read_string(100, 1), "<empty>");
}

UNIT_TEST(tty_long_line_read_in_pieces)
{
	fresh();
	type("abcdefgh\n");
	CHECK_STR(read_string(3, 1), "abc");
	CHECK_STR(read_string(3, 1), "def");
	CHECK_STR(read_string(3, 1), "gh\n");
	CHECK_STR(read_string(3, 1), "<empty>");
}

UNIT_TEST(tty_erase_del_and_backspace)
{
	fresh();
	type("abc\x7f");
	CHECK_STR(taken(), "abc\b \b");
	type("\b");
	CHECK_STR(taken(), "\b \b");
	type("\r");
	CHECK_STR(taken(), "\r\n");
	CHECK_STR(read_string(100, 1), "a\n");
	/* Nothing to erase: nothing happens. */
	type("\x7f\x7f");
	CHECK_STR(taken(), "");
}

UNIT_TEST(tty_erase_without_echoe_echoes_the_character)
{
	fresh();
	set_lflag(0, LINUX_ECHOE);
	type("ab\x7f");
	CHECK_STR(taken(), "ab^?");
	type("\n");
	CHECK_STR(read_string(100, 1), "a\n");
}

UNIT_TEST(tty_erase_control_character_takes_two_columns)
{
	fresh();
	type("a\x01");
	CHECK_STR(taken(), "a^A");
	type("\x7f");
	CHECK_STR(taken(), "\b \b\b \b");
	set_lflag(0, LINUX_ECHOCTL);
	type("\x01");
	CHECK_STR(taken(), "\x01");
	type("\x7f");
	CHECK_STR(taken(), ""); /* shown raw, it took no column */
}

UNIT_TEST(tty_erase_tab)
{
	fresh();
	ld_write(&ld, (const uint8_t *)"$ ", 2); /* a prompt: the line starts at column 2 */
	taken();
	type("ab\t");
	CHECK_EQ(ld.column, 8);
	type("\x7f");
	CHECK_STR(taken(), "ab\t\b\b\b\b"); /* back from column 8 to column 4 */
	CHECK_EQ(ld.column, 4);
	type("\x7f");
	CHECK_STR(taken(), "\b \b");
}

UNIT_TEST(tty_kill_line_echoke)
{
	fresh();
	type("abc\x15");
	CHECK_STR(taken(), "abc\b \b\b \b\b \b");
	type("x\r");
	CHECK_STR(read_string(100, 1), "x\n");
}

UNIT_TEST(tty_kill_line_echok)
{
	fresh();
	set_lflag(0, LINUX_ECHOKE);
	type("abc\x15");
	CHECK_STR(taken(), "abc^U\r\n");
	set_lflag(0, LINUX_ECHOK);
	type("abc\x15");
	CHECK_STR(taken(), "abc^U");
	set_lflag(0, LINUX_ECHO);
	type("abc\x15");
	CHECK_STR(taken(), "");
	type("\n");
	CHECK_STR(read_string(100, 1), "\n");
}

UNIT_TEST(tty_word_erase)
{
	fresh();
	type("foo bar\x17");
	CHECK_STR(taken(), "foo bar\b \b\b \b\b \b");
	type("\n");
	CHECK_STR(read_string(100, 1), "foo \n");
	type("foo bar  \x17\n");
	CHECK_STR(read_string(100, 1), "foo \n");
	type("cd /usr/lib/\x17\n");
	CHECK_STR(read_string(100, 1), "cd /usr/\n");
	/* Word erase is IEXTEN's. */
	set_lflag(0, LINUX_IEXTEN);
	type("a\x17\n");
	CHECK_STR(read_string(100, 1), "a\x17\n");
}

UNIT_TEST(tty_end_of_file)
{
	fresh();
	CHECK_EQ(type("\x04"), LD_EVENT_INPUT);
	CHECK_STR(taken(), ""); /* ^D is not echoed */
	CHECK(ld_readable(&ld, 1));
	CHECK_STR(read_string(100, 1), ""); /* 0 bytes: end of file */
	CHECK_STR(read_string(100, 1), "<empty>");
	/* Mid-line, ^D hands over the line without a newline. */
	type("abc\x04");
	CHECK_STR(read_string(100, 1), "abc");
	CHECK_STR(read_string(100, 1), "<empty>");
	/* Read in pieces, the mark goes with the last piece. */
	type("abcd\x04");
	CHECK_STR(read_string(2, 1), "ab");
	CHECK_STR(read_string(2, 1), "cd");
	CHECK_STR(read_string(2, 1), "<empty>");
	/* Two in a row: a line, then end of file. */
	type("x\x04\x04");
	CHECK_STR(read_string(100, 1), "x");
	CHECK_STR(read_string(100, 1), "");
}

UNIT_TEST(tty_eol_characters)
{
	fresh();
	struct linux_termios t = ld.termios;
	t.c_cc[LINUX_VEOL] = ';';
	t.c_cc[LINUX_VEOL2] = '|';
	ld_set_termios(&ld, &t);
	type("a;b|");
	CHECK_STR(taken(), "a;b|");
	CHECK_STR(read_string(100, 1), "a;");
	CHECK_STR(read_string(100, 1), "b|");
}

UNIT_TEST(tty_input_cr_nl_mapping)
{
	fresh();
	struct linux_termios t = ld.termios;
	t.c_iflag &= ~LINUX_ICRNL;
	ld_set_termios(&ld, &t);
	type("a\rb\n");
	CHECK_STR(read_string(100, 1), "a\rb\n");
	taken();
	t.c_iflag |= LINUX_IGNCR;
	ld_set_termios(&ld, &t);
	type("a\rb\n");
	CHECK_STR(read_string(100, 1), "ab\n");
	t.c_iflag = LINUX_INLCR;
	ld_set_termios(&ld, &t);
	type("a\n\x04");
	CHECK_STR(read_string(100, 1), "a\r");
}

UNIT_TEST(tty_istrip_and_iuclc)
{
	fresh();
	struct linux_termios t = ld.termios;
	t.c_iflag |= LINUX_ISTRIP | LINUX_IUCLC;
	ld_set_termios(&ld, &t);
	type("\xc1" "B\n");
	CHECK_STR(read_string(100, 1), "ab\n");
}

UNIT_TEST(tty_output_onlcr_and_opost)
{
	fresh();
	ld_write(&ld, (const uint8_t *)"a\nb\n", 4);
	CHECK_STR(taken(), "a\r\nb\r\n");
	struct linux_termios t = ld.termios;
	t.c_oflag &= ~LINUX_OPOST;
	ld_set_termios(&ld, &t);
	ld_write(&ld, (const uint8_t *)"a\nb\n", 4);
	CHECK_STR(taken(), "a\nb\n");
	t.c_oflag = LINUX_OPOST; /* no ONLCR */
	ld_set_termios(&ld, &t);
	ld_write(&ld, (const uint8_t *)"a\n", 2);
	CHECK_STR(taken(), "a\n");
}

UNIT_TEST(tty_output_other_post_processing)
{
	fresh();
	struct linux_termios t = ld.termios;
	t.c_oflag = LINUX_OPOST | LINUX_OCRNL | LINUX_XTABS | LINUX_OLCUC;
	ld_set_termios(&ld, &t);
	ld_write(&ld, (const uint8_t *)"ab\tc\r", 5);
	CHECK_STR(taken(), "AB      C\n");
	t.c_oflag = LINUX_OPOST | LINUX_ONOCR;
	ld_set_termios(&ld, &t);
	ld.column = 0;
	ld_write(&ld, (const uint8_t *)"\rx\r", 3);
	CHECK_STR(taken(), "x\r");
}

UNIT_TEST(tty_output_is_batched_whole)
{
	fresh();
	uint8_t big[1000];
	memset(big, 'x', sizeof big);
	ld_write(&ld, big, sizeof big);
	CHECK_EQ(output_length, 1000);
	CHECK_EQ(ld.column, 1000);
}

UNIT_TEST(tty_echo_off_and_echonl)
{
	fresh();
	set_lflag(0, LINUX_ECHO);
	type("secret\r");
	CHECK_STR(taken(), "");
	CHECK_STR(read_string(100, 1), "secret\n");
	set_lflag(LINUX_ECHONL, 0);
	type("pw\r");
	CHECK_STR(taken(), "\r\n");
}

UNIT_TEST(tty_interrupt_discards_input)
{
	fresh();
	type("one\nhalf");
	taken();
	CHECK_EQ(type("\x03"), LD_EVENT_SIGNAL);
	CHECK_STR(taken(), "^C");
	CHECK_EQ(ld_take_signals(&ld), 1u << 2);
	CHECK_EQ(ld_take_signals(&ld), 0);
	CHECK_STR(read_string(100, 1), "<empty>"); /* both lines gone */
	type("x\n");
	CHECK_STR(read_string(100, 1), "x\n");
}

UNIT_TEST(tty_quit_and_suspend)
{
	fresh();
	type("\x1c");
	CHECK_STR(taken(), "^\\");
	type("\x1a");
	CHECK_STR(taken(), "^Z");
	CHECK_EQ(ld_take_signals(&ld), (1u << 3) | (1u << 20));
}

UNIT_TEST(tty_noflsh_keeps_input)
{
	fresh();
	set_lflag(LINUX_NOFLSH, 0);
	type("keep\nha");
	type("\x03");
	type("lf\n");
	CHECK_STR(read_string(100, 1), "keep\n");
	CHECK_STR(read_string(100, 1), "half\n");
	CHECK_EQ(ld_take_signals(&ld), 1u << 2);
}

UNIT_TEST(tty_isig_off_makes_signal_characters_data)
{
	fresh();
	set_lflag(0, LINUX_ISIG);
	CHECK_EQ(type("\x03\n"), LD_EVENT_INPUT);
	CHECK_STR(read_string(100, 1), "\x03\n");
	CHECK_EQ(ld_take_signals(&ld), 0);
}

UNIT_TEST(tty_disabled_control_character)
{
	fresh();
	struct linux_termios t = ld.termios;
	t.c_cc[LINUX_VINTR] = LINUX_VDISABLE;
	ld_set_termios(&ld, &t);
	type("\x03\n");
	CHECK_EQ(ld_take_signals(&ld), 0);
	CHECK_STR(read_string(100, 1), "\x03\n");
	/* A NUL byte is not taken for a disabled character. */
	t.c_cc[LINUX_VEOF] = LINUX_VDISABLE;
	ld_set_termios(&ld, &t);
	ld_receive(&ld, 0, 1);
	type("\n");
	CHECK_EQ(ld_read(&ld, (uint8_t[8]){ 0 }, 8, 1), 2);
}

UNIT_TEST(tty_flow_control_characters_are_swallowed)
{
	fresh();
	type("a\x13" "b\x11\n");
	CHECK_STR(read_string(100, 1), "ab\n");
	struct linux_termios t = ld.termios;
	t.c_iflag &= ~LINUX_IXON;
	ld_set_termios(&ld, &t);
	type("a\x13\n");
	CHECK_STR(read_string(100, 1), "a\x13\n");
}

UNIT_TEST(tty_literal_next)
{
	fresh();
	type("\x16");
	CHECK_STR(taken(), "^\b");
	CHECK_EQ(type("\x03"), 0);
	CHECK_STR(taken(), "^C");
	CHECK_EQ(ld_take_signals(&ld), 0);
	type("\x16\x7f\n");
	CHECK_STR(read_string(100, 1), "\x03\x7f\n");
}

UNIT_TEST(tty_reprint)
{
	fresh();
	type("ab");
	taken();
	type("\x12");
	CHECK_STR(taken(), "^R\r\nab");
}

UNIT_TEST(tty_raw_vmin1)
{
	fresh();
	set_raw(1, 0);
	CHECK_STR(read_string(10, 1), "<empty>");
	CHECK(!ld_readable(&ld, 1));
	CHECK_EQ(type("x"), LD_EVENT_INPUT);
	CHECK_STR(taken(), "x");
	CHECK(ld_readable(&ld, 1));
	CHECK_STR(read_string(10, 1), "x");
	/* No editing in raw mode: DEL and ^D are data; CR still becomes NL. */
	type("\x7f\x04\r");
	CHECK_STR(taken(), "^?^D\r\n");
	CHECK_STR(read_string(10, 1), "\x7f\x04\n");
	/* Signals still work. */
	CHECK_EQ(type("\x03"), LD_EVENT_SIGNAL);
}

UNIT_TEST(tty_raw_echo_of_cr)
{
	fresh();
	struct linux_termios t = ld.termios;
	t.c_iflag &= ~LINUX_ICRNL;
	ld_set_termios(&ld, &t);
	set_raw(1, 0);
	type("\r");
	CHECK_STR(taken(), "^M");
}

UNIT_TEST(tty_raw_vmin0_vtime0_polls)
{
	fresh();
	set_raw(0, 0);
	CHECK_STR(read_string(10, 1), ""); /* returns at once, with nothing */
	CHECK(!ld_readable(&ld, 1));
	type("ab");
	CHECK(ld_readable(&ld, 1));
	CHECK_STR(read_string(10, 1), "ab");
}

UNIT_TEST(tty_raw_vmin_counts)
{
	fresh();
	set_raw(3, 0);
	type("ab");
	CHECK(!ld_readable(&ld, 1));
	CHECK_STR(read_string(10, 1), "<empty>");
	CHECK_STR(read_string(2, 1), "ab"); /* min(VMIN, wanted) */
	type("cde");
	CHECK(ld_readable(&ld, 1));
	CHECK_STR(read_string(10, 1), "cde");
	CHECK_EQ(ld_deadline(&ld), 0);
}

UNIT_TEST(tty_raw_vtime_read_timeout)
{
	fresh();
	set_raw(0, 5); /* half a second for the whole read */
	uint64_t start = 1000;
	CHECK_STR(read_string(10, start), "<empty>");
	CHECK_EQ(ld_deadline(&ld), start + 5 * NS_PER_TENTH);
	CHECK(!ld_readable(&ld, start + 1));
	CHECK_STR(read_string(10, start + 4 * NS_PER_TENTH), "<empty>");
	CHECK(ld_readable(&ld, start + 5 * NS_PER_TENTH));
	CHECK_STR(read_string(10, start + 5 * NS_PER_TENTH), ""); /* timed out: 0 */
	CHECK_EQ(ld_deadline(&ld), 0);
	/* Data before the deadline ends the read at once. */
	CHECK_STR(read_string(10, start), "<empty>");
	ld_receive(&ld, 'q', start + 1);
	CHECK_STR(read_string(10, start + 2), "q");
	CHECK_EQ(ld_deadline(&ld), 0);
	/* A deadline long past belongs to an abandoned read. */
	CHECK_STR(read_string(10, start), "<empty>");
	CHECK_STR(read_string(10, start + 100 * NS_PER_TENTH), "<empty>");
}

UNIT_TEST(tty_raw_vtime_between_bytes)
{
	fresh();
	set_raw(4, 2);
	CHECK_STR(read_string(10, 1), "<empty>");
	CHECK_EQ(ld_deadline(&ld), 0); /* no byte yet: waits for ever */
	uint64_t t = 5 * NS_PER_TENTH;
	ld_receive(&ld, 'a', t);
	CHECK_EQ(ld_deadline(&ld), t + 2 * NS_PER_TENTH);
	CHECK_STR(read_string(10, t + 1), "<empty>");
	ld_receive(&ld, 'b', t + NS_PER_TENTH);
	CHECK_EQ(ld_deadline(&ld), t + 3 * NS_PER_TENTH);
	CHECK_STR(read_string(10, t + 3 * NS_PER_TENTH), "ab");
}

UNIT_TEST(tty_switch_to_raw_releases_the_line)
{
	fresh();
	type("partial");
	set_raw(1, 0);
	CHECK(ld_readable(&ld, 1));
	CHECK_STR(read_string(100, 1), "partial");
}

UNIT_TEST(tty_switch_to_canonical_makes_a_line)
{
	fresh();
	set_raw(1, 0);
	type("xyz");
	set_lflag(LINUX_ICANON, 0);
	CHECK(ld_readable(&ld, 1));
	CHECK_STR(read_string(100, 1), "xyz");
	CHECK_STR(read_string(100, 1), "<empty>");
	/* End-of-file marks are no data in raw mode. */
	type("\x04");
	set_raw(1, 0);
	CHECK(!ld_readable(&ld, 1));
	type("k");
	CHECK_STR(read_string(100, 1), "k");
}

UNIT_TEST(tty_flush_input)
{
	fresh();
	type("line\npart");
	ld_flush_input(&ld);
	CHECK(!ld_readable(&ld, 1));
	type("\n");
	CHECK_STR(read_string(100, 1), "\n");
}

UNIT_TEST(tty_buffer_bounded_with_bell)
{
	fresh();
	for (int i = 0; i < LD_BUFFER_SIZE + 10; i++)
		ld_receive(&ld, 'a', 1);
	CHECK_EQ(ld.count, LD_BUFFER_SIZE - 1);
	/* Exactly eleven bells: the ones that did not fit. */
	size_t bells = 0;
	for (size_t i = 0; i < output_length; i++)
		bells += output[i] == '\a';
	CHECK_EQ(bells, 11);
	taken();
	/* The line can still be finished, and read in pieces. */
	CHECK_EQ(type("\n"), LD_EVENT_INPUT);
	CHECK_STR(taken(), "\r\n");
	CHECK_EQ(ld_read(&ld, (uint8_t[4096]){ 0 }, 4096, 1), LD_BUFFER_SIZE);
	CHECK_EQ(ld.count, 0);
	/* Raw mode fills every slot. */
	set_raw(1, 0);
	for (int i = 0; i < LD_BUFFER_SIZE + 1; i++)
		ld_receive(&ld, 'b', 1);
	CHECK_EQ(ld.count, LD_BUFFER_SIZE);
}

UNIT_TEST(tty_utf8_erase)
{
	fresh();
	struct linux_termios t = ld.termios;
	t.c_iflag |= LINUX_IUTF8;
	ld_set_termios(&ld, &t);
	type("a\xc3\xa9");
	CHECK_EQ(ld.column, 2);
	taken();
	type("\x7f");
	CHECK_STR(taken(), "\b \b");
	type("\n");
	CHECK_STR(read_string(100, 1), "a\n");
}

UNIT_TEST(tty_wraps_around_the_ring)
{
	fresh();
	char line[1001];
	memset(line, 'w', 999);
	line[999] = '\n';
	line[1000] = '\0';
	for (int round = 0; round < 20; round++) {
		type(line);
		CHECK(strcmp(read_string(2000, 1), line) == 0);
	}
	CHECK_EQ(ld.count, 0);
}

/* Random bytes under random settings: the ring stays consistent and every
 * read returns what it may. ASan and UBSan watch the rest. */
UNIT_TEST(tty_random_input)
{
	unit_random_seed(0x7e57);
	fresh();
	uint8_t buffer[LD_BUFFER_SIZE];
	uint64_t now = 1;
	for (int step = 0; step < 200000; step++) {
		now += unit_random_below(NS_PER_TENTH);
		uint64_t what = unit_random_below(100);
		if (what < 80) {
			uint8_t c = (uint8_t)(unit_random_below(4) ? unit_random_below(128) : unit_random_below(256));
			ld_receive(&ld, c, now);
		} else if (what < 95) {
			size_t wanted = unit_random_below(LD_BUFFER_SIZE + 1);
			long n = ld_read(&ld, buffer, wanted, now);
			REQUIRE(n == LD_READ_EMPTY || (n >= 0 && (size_t)n <= wanted));
		} else if (what < 99) {
			struct linux_termios t = ld.termios;
			t.c_lflag ^= (uint32_t)1 << unit_random_below(16);
			t.c_iflag ^= (uint32_t)1 << unit_random_below(15);
			t.c_oflag ^= (uint32_t)1 << unit_random_below(6);
			t.c_cc[unit_random_below(LINUX_NCCS)] = (uint8_t)unit_random_below(256);
			ld_set_termios(&ld, &t);
		} else {
			ld_take_signals(&ld);
			ld_deadline(&ld);
			ld_readable(&ld, now);
		}
		REQUIRE(ld.count <= LD_BUFFER_SIZE);
		REQUIRE(ld.committed <= ld.count);
		REQUIRE(ld.head < LD_BUFFER_SIZE);
		output_length = 0;
	}
}

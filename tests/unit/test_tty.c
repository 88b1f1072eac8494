/*
 * components/posix/fs/console.c: the terminal device against a fake
 * console server: output in CONSOLE_DATA_MAX pieces, input that parks
 * the read until the console has some, the termios and window-size
 * ioctls, the foreground process group and typed signals.
 */
#include "unit.h"

#include "fs_fake.h"

#include "components/console/console_protocol.h"
#include "components/posix/fs/fs.h"

static struct process *p;

static void setup(void)
{
	fake_fs_reset(NULL, 0);
	p = fake_process(7);
}

static void type_input(const char *text)
{
	size_t n = strlen(text);
	memcpy(fake_console_input + fake_console_input_length, text, n);
	fake_console_input_length += n;
}

#define E(name) (-LINUX_##name)

UNIT_TEST(tty_first_process_has_console_on_0_1_2)
{
	setup();
	CHECK_EQ(SYS(p, write, 1, U("hello\n"), 6), 6);
	CHECK_EQ(SYS(p, write, 2, U("err"), 3), 3);
	CHECK_EQ(fake_console_output_length, 9);
	CHECK(memcmp(fake_console_output, "hello\nerr", 9) == 0);
	CHECK_EQ(SYS(p, fcntl, 0, LINUX_F_GETFL), LINUX_O_RDWR | LINUX_O_LARGEFILE);
	uint64_t st = fake_user_alloc(sizeof(struct linux_stat));
	CHECK_EQ(SYS(p, fstat, 0, st), 0);
	CHECK_EQ(((struct linux_stat *)fake_user_pointer(st))->st_rdev, LINUX_MKDEV(5, 1));
	CHECK_EQ(SYS(p, lseek, 1, 0, LINUX_SEEK_CUR), E(ESPIPE));
}

UNIT_TEST(tty_writes_in_console_sized_pieces)
{
	setup();
	size_t n = 3 * CONSOLE_DATA_MAX + 5;
	uint64_t data = fake_user_alloc(n);
	memset(fake_user_pointer(data), 'q', n);
	CHECK_EQ(SYS(p, write, 1, data, n), n);
	CHECK_EQ(fake_console_write_calls, 4);
	CHECK_EQ(fake_console_output_length, n);
}

UNIT_TEST(tty_read_parks_until_input)
{
	setup();
	uint64_t buffer = fake_user_alloc(64);
	CHECK_EQ(SYS(p, read, 0, buffer, 64), POSIX_BLOCK);
	type_input("ls\n");
	CHECK_EQ(RETRY(p, read, 0, buffer, 64), 3);
	CHECK(memcmp(fake_user_pointer(buffer), "ls\n", 3) == 0);
	fake_console_eof = true;
	CHECK_EQ(SYS(p, read, 0, buffer, 64), 0);
	long fd = SYS(p, open, U("/dev/tty"), LINUX_O_RDONLY | LINUX_O_NONBLOCK, 0);
	CHECK_EQ(SYS(p, read, fd, buffer, 64), E(EAGAIN));
}

UNIT_TEST(tty_termios_moves_the_kernel_struct_only)
{
	setup();
	for (int i = 0; i < 60; i++)
		fake_console_termios[i] = (uint8_t)(i + 1);
	uint64_t termios = fake_user_alloc(64);
	memset(fake_user_pointer(termios), 0xee, 64);
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_TCGETS, termios), 0);
	uint8_t *user = fake_user_pointer(termios);
	CHECK_EQ(user[0], 1);
	CHECK_EQ(user[35], 36);
	CHECK_EQ(user[36], 0xee); /* past the kernel's 36 bytes: untouched */
	user[0] = 0x42;
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_TCSETSF, termios), 0);
	CHECK_EQ(fake_console_termios[0], 0x42);
	CHECK_EQ(fake_console_termios[35], 36);
	CHECK_EQ(fake_console_termios_mode, 2);
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_TCSETSW, termios), 0);
	CHECK_EQ(fake_console_termios_mode, 1);
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_TCGETS, FAKE_BAD_ADDRESS), E(EFAULT));
}

UNIT_TEST(tty_window_size)
{
	setup();
	uint64_t size = fake_user_alloc(8);
	CHECK_EQ(SYS(p, ioctl, 1, LINUX_TIOCGWINSZ, size), 0);
	struct linux_winsize *w = fake_user_pointer(size);
	CHECK_EQ(w->ws_row, 24);
	CHECK_EQ(w->ws_col, 80);
	w->ws_row = 50;
	CHECK_EQ(SYS(p, ioctl, 1, LINUX_TIOCSWINSZ, size), 0);
	CHECK_EQ(fake_console_rows, 50);
	CHECK_EQ(fake_group_signal_count, 1);
	CHECK_EQ(fake_group_signals[0][0], 7);
	CHECK_EQ(fake_group_signals[0][1], LINUX_SIGWINCH);
	CHECK_EQ(SYS(p, ioctl, 1, LINUX_TIOCSWINSZ, size), 0);
	CHECK_EQ(fake_group_signal_count, 1); /* no change, no signal */
}

UNIT_TEST(tty_foreground_group)
{
	setup();
	struct process *child = fake_fork(p, 8);
	child->common.pgid = 8;
	uint64_t value = fake_user_alloc(4);
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_TIOCGPGRP, value), 0);
	CHECK_EQ(*(int32_t *)fake_user_pointer(value), 7);
	*(int32_t *)fake_user_pointer(value) = 8;
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_TIOCSPGRP, value), 0);
	CHECK_EQ(SYS(child, ioctl, 0, LINUX_TIOCGPGRP, value), 0);
	CHECK_EQ(*(int32_t *)fake_user_pointer(value), 8);
	*(int32_t *)fake_user_pointer(value) = 99;
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_TIOCSPGRP, value), E(ESRCH));
	*(int32_t *)fake_user_pointer(value) = -1;
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_TIOCSPGRP, value), E(EINVAL));
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_TIOCGSID, value), 0);
	CHECK_EQ(*(int32_t *)fake_user_pointer(value), 7);
	/* Another session does not control this terminal. */
	child->common.sid = 8;
	CHECK_EQ(SYS(child, ioctl, 0, LINUX_TIOCGPGRP, value), E(ENOTTY));
	CHECK_EQ(SYS(p, ioctl, 0, 0x5499, value), E(ENOTTY));
}

UNIT_TEST(tty_console_event_signals_foreground_and_wakes)
{
	setup();
	fake_console_signal_bits = (1ull << LINUX_SIGINT) | (1ull << LINUX_SIGTSTP);
	unsigned wakes = fake_wake_count;
	fs_console_event();
	CHECK(fake_wake_count > wakes);
	CHECK_EQ(fake_group_signal_count, 2);
	CHECK_EQ(fake_group_signals[0][0], 7);
	CHECK_EQ(fake_group_signals[0][1], LINUX_SIGINT);
	CHECK_EQ(fake_group_signals[1][1], LINUX_SIGTSTP);
	fs_console_event();
	CHECK_EQ(fake_group_signal_count, 2);
}

UNIT_TEST(tty_poll_and_fionread)
{
	setup();
	struct linux_pollfd q = { 0, LINUX_POLLIN | LINUX_POLLOUT, 0 };
	uint64_t fds = fake_user_put(&q, sizeof q);
	CHECK_EQ(SYS(p, poll, fds, 1, 0), 1);
	CHECK_EQ(((struct linux_pollfd *)fake_user_pointer(fds))->revents, LINUX_POLLOUT);
	uint64_t value = fake_user_alloc(4);
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_FIONREAD, value), 0);
	CHECK_EQ(*(int32_t *)fake_user_pointer(value), 0);
	type_input("x");
	CHECK_EQ(SYS(p, poll, fds, 1, 0), 1);
	CHECK_EQ(((struct linux_pollfd *)fake_user_pointer(fds))->revents, LINUX_POLLIN | LINUX_POLLOUT);
	CHECK_EQ(SYS(p, ioctl, 0, LINUX_FIONREAD, value), 0);
	CHECK_EQ(*(int32_t *)fake_user_pointer(value), 1);
	/* A wait for input only: parked until the console has some. */
	q.events = LINUX_POLLIN;
	fds = fake_user_put(&q, sizeof q);
	CHECK_EQ(SYS(p, read, 0, fake_user_alloc(4), 4), 1);
	CHECK_EQ(SYS(p, poll, fds, 1, -1), POSIX_BLOCK);
	fake_console_signal_bits = 1ull << LINUX_SIGINT;
	CHECK_EQ(RETRY(p, poll, fds, 1, -1), POSIX_BLOCK);
	CHECK_EQ(fake_group_signal_count, 1); /* poll's look at the console delivers them too */
}

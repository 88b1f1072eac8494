/*
 * The terminal: /dev/console and /dev/tty, both the console server's one
 * serial line. Output goes out in CONSOLE_DATA_MAX pieces; input never
 * waits in the console server: an empty answer parks the read here
 * (POSIX_BLOCK) until the console's notification (fs_console_event) wakes
 * it. The terminal's session and foreground process group live here; the
 * signal characters the console reports go to that group.
 */
#include "components/console/console_protocol.h"
#include "components/posix/fs/console_ipc.h"
#include "components/posix/fs/fs.h"

#include "lib/string.h"

static int console_session;    /* the session it is the controlling terminal of, 0: none */
static int console_foreground; /* the foreground process group */
static bool console_readable;  /* a read would return now (last we heard) */

/* The signals the console reports, in the order Linux would raise them. */
static const int console_signals[] = { LINUX_SIGINT, LINUX_SIGQUIT, LINUX_SIGTSTP };

void console_process_init(struct process *p)
{
	struct posix_process_common *c = posix_common(p);
	console_session = c->sid;
	console_foreground = c->pgid;
}

/* Asks the console what happened: delivers typed signals to the
 * foreground group and notes whether input is there. */
void console_check_events(void)
{
	uint64_t words[CONSOLE_CALL_WORDS_MAX] = { 0 };
	long received = console_call(CONSOLE_EVENTS, words, 0);
	if (received < 0)
		return;
	uint64_t signals = words[0];
	console_readable = words[1] != 0;
	for (unsigned i = 0; i < sizeof console_signals / sizeof console_signals[0]; i++)
		if ((signals & (1ull << console_signals[i])) && console_foreground > 0)
			signal_send_group(console_foreground, console_signals[i]);
}

void fs_console_event(void)
{
	console_check_events();
	posix_wake();
}

static long console_read(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset)
{
	(void)p;
	(void)offset;
	if (io->remaining == 0)
		return 0;
	uint64_t words[CONSOLE_CALL_WORDS_MAX] = { 0 };
	size_t want = io->remaining;
	if (want > console_data_max())
		want = console_data_max();
	words[0] = want;
	long received = console_call(CONSOLE_READ, words, 1);
	if (received < 0)
		return received;
	if (words[0] == CONSOLE_EMPTY) {
		console_readable = false;
		return (f->flags & LINUX_O_NONBLOCK) ? -LINUX_EAGAIN : POSIX_BLOCK;
	}
	size_t got = words[0] < want ? (size_t)words[0] : want;
	if (got == 0)
		return 0;
	return io_copy_out(io, &words[1], got);
}

static long console_write(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset)
{
	(void)p;
	(void)f;
	(void)offset;
	size_t done = 0;
	while (io->remaining) {
		uint64_t words[CONSOLE_CALL_WORDS_MAX] = { 0 };
		size_t chunk = io->remaining < console_data_max() ? io->remaining : console_data_max();
		long copied = io_copy_in(io, &words[1], chunk);
		if (copied <= 0)
			return io_result(done, copied);
		words[0] = (uint64_t)copied;
		long received = console_call(CONSOLE_WRITE, words, 1 + ((unsigned)copied + 7) / 8);
		if (received < 0)
			return io_result(done, received);
		done += (size_t)copied;
		if (io->faulted)
			return io_result(done, -LINUX_EFAULT);
	}
	return (long)done;
}

static unsigned console_poll(struct process *p, struct file *f)
{
	(void)p;
	(void)f;
	console_check_events();
	unsigned ready = LINUX_POLLOUT | LINUX_POLLWRNORM;
	if (console_readable)
		ready |= LINUX_POLLIN | LINUX_POLLRDNORM;
	return ready;
}

/* Whether the console is p's controlling terminal. */
static bool console_controls(struct process *p)
{
	return console_session == 0 || posix_common(p)->sid == console_session;
}

/* The console keeps the kernel's struct termios (what TCGETS moves, not
 * the C library's larger one, which musl passes straight through). */
static long console_termios_ioctl(struct process *p, unsigned long request, uint64_t argument)
{
	uint64_t words[CONSOLE_CALL_WORDS_MAX] = { 0 };
	if (request == LINUX_TCGETS) {
		long received = console_call(CONSOLE_GET_TERMIOS, words, 0);
		if (received < 0)
			return received;
		return user_write(p, argument, words, LINUX_KERNEL_TERMIOS_SIZE);
	}
	long error = user_read(p, argument, words, LINUX_KERNEL_TERMIOS_SIZE);
	if (error)
		return error;
	words[CONSOLE_TERMIOS_WORDS] = request - LINUX_TCSETS; /* 0 TCSETS, 1 TCSETSW, 2 TCSETSF */
	long received = console_call(CONSOLE_SET_TERMIOS, words, CONSOLE_TERMIOS_WORDS + 1);
	return received < 0 ? received : 0;
}

static long console_winsize_ioctl(struct process *p, unsigned long request, uint64_t argument)
{
	uint64_t words[CONSOLE_CALL_WORDS_MAX] = { 0 };
	long received = console_call(CONSOLE_GET_WINSIZE, words, 0);
	if (received < 0)
		return received;
	struct linux_winsize size = { .ws_row = (uint16_t)words[0], .ws_col = (uint16_t)words[1] };
	if (request == LINUX_TIOCGWINSZ)
		return user_write(p, argument, &size, sizeof size);
	struct linux_winsize wanted;
	long error = user_read(p, argument, &wanted, sizeof wanted);
	if (error)
		return error;
	if (wanted.ws_row == size.ws_row && wanted.ws_col == size.ws_col)
		return 0;
	words[0] = wanted.ws_row;
	words[1] = wanted.ws_col;
	received = console_call(CONSOLE_SET_WINSIZE, words, 2);
	if (received < 0)
		return received;
	if (console_foreground > 0)
		signal_send_group(console_foreground, LINUX_SIGWINCH);
	return 0;
}

static long console_set_foreground(struct process *p, uint64_t argument)
{
	if (!console_controls(p))
		return -LINUX_ENOTTY;
	int32_t pgrp;
	long error = user_read(p, argument, &pgrp, sizeof pgrp);
	if (error)
		return error;
	if (pgrp < 0)
		return -LINUX_EINVAL;
	if (!process_group_exists(pgrp))
		return -LINUX_ESRCH;
	console_foreground = pgrp;
	posix_wake();
	return 0;
}

static long console_write_int(struct process *p, uint64_t argument, int32_t value)
{
	return user_write(p, argument, &value, sizeof value);
}

static long console_ioctl(struct process *p, struct file *f, unsigned long request, uint64_t argument)
{
	(void)f;
	struct posix_process_common *c = posix_common(p);
	switch (request) {
	case LINUX_TCGETS:
	case LINUX_TCSETS:
	case LINUX_TCSETSW:
	case LINUX_TCSETSF:
		return console_termios_ioctl(p, request, argument);
	case LINUX_TIOCGWINSZ:
	case LINUX_TIOCSWINSZ:
		return console_winsize_ioctl(p, request, argument);
	case LINUX_TIOCGPGRP:
		if (!console_controls(p))
			return -LINUX_ENOTTY;
		return console_write_int(p, argument, console_foreground);
	case LINUX_TIOCSPGRP:
		return console_set_foreground(p, argument);
	case LINUX_TIOCGSID:
		if (!console_controls(p) || console_session == 0)
			return -LINUX_ENOTTY;
		return console_write_int(p, argument, console_session);
	case LINUX_TIOCSCTTY:
		if (console_session == c->sid)
			return 0;
		if (c->pid != c->sid)
			return -LINUX_EPERM;
		console_session = c->sid;
		console_foreground = c->pgid;
		return 0;
	case LINUX_TIOCNOTTY:
		if (console_session == c->sid && c->pid == c->sid)
			console_session = 0;
		return 0;
	case LINUX_FIONREAD:
		console_check_events();
		return console_write_int(p, argument, console_readable ? 1 : 0);
	case LINUX_TIOCOUTQ:
		return console_write_int(p, argument, 0);
	case LINUX_TCFLSH:
		return argument <= 2 ? 0 : -LINUX_EINVAL;
	case LINUX_TCXONC:
		return argument <= 3 ? 0 : -LINUX_EINVAL;
	case LINUX_TCSBRK:
	case LINUX_TCSBRKP:
		return 0;
	default:
		return -LINUX_ENOTTY;
	}
}

const struct file_ops console_file_ops = {
	.read = console_read,
	.write = console_write,
	.poll = console_poll,
	.ioctl = console_ioctl,
};

/*
 * poll, ppoll, select, pselect6: readiness over any descriptors (pipes,
 * the terminal, files, which are always ready). Nothing ready and time
 * left: the call parks (POSIX_BLOCK) and is run again from the start when
 * something changes (posix_wake) or its deadline passes; the deadline is
 * set on the first run in block_deadline and read back on retries. The
 * results (revents, the fd sets, the time left) are written only when the
 * call returns for good. Signal masks (ppoll, pselect6) are the process
 * side's business; they are checked for size here and otherwise ignored.
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/syscalls.h"

#include "lib/string.h"

#define NS_PER_MS 1000000ull
#define NS_PER_US 1000ull
#define NS_PER_S 1000000000ull
#define LINUX_SIGSET_SIZE 8

#define POLLIN_SET (LINUX_POLLRDNORM | LINUX_POLLRDBAND | LINUX_POLLIN | LINUX_POLLHUP | LINUX_POLLERR)
#define POLLOUT_SET (LINUX_POLLWRBAND | LINUX_POLLWRNORM | LINUX_POLLOUT | LINUX_POLLERR)
#define POLLEX_SET LINUX_POLLPRI

static struct linux_pollfd poll_fds[FD_MAX];

/* The process side may offer to apply a call's temporary signal mask
 * (ppoll, pselect6) while it waits; without it the mask is only checked. */
void posix_sigmask_during_call(struct process *p, uint64_t mask) __attribute__((weak));

/* Linux's set_user_sigmask: none, or exactly 8 bytes that can be read. */
static long sigmask_argument(struct process *p, uint64_t address, uint64_t size)
{
	if (!address)
		return 0;
	if (size != LINUX_SIGSET_SIZE)
		return -LINUX_EINVAL;
	uint64_t mask;
	long error = user_read(p, address, &mask, sizeof mask);
	if (error)
		return error;
	if (posix_sigmask_during_call)
		posix_sigmask_during_call(p, mask);
	return 0;
}

/* A wait of timeout_ns (UINT64_MAX: forever): whether it is over, after
 * setting the deadline on the first run. */
static bool wait_over(struct process *p, uint64_t timeout_ns)
{
	struct posix_process_common *c = posix_common(p);
	if (!c->retrying) {
		if (timeout_ns == UINT64_MAX)
			c->block_deadline = 0;
		else
			c->block_deadline = posix_now_ns() + timeout_ns;
		return timeout_ns == 0;
	}
	return c->block_deadline != 0 && posix_now_ns() >= c->block_deadline;
}

/* What is left of the wait, for the calls that report it. */
static uint64_t wait_left(struct process *p)
{
	uint64_t deadline = posix_common(p)->block_deadline, now = posix_now_ns();
	return deadline > now ? deadline - now : 0;
}

static unsigned file_ready(struct process *p, struct file *f)
{
	return f->ops->poll ? f->ops->poll(p, f) : (LINUX_POLLIN | LINUX_POLLOUT | LINUX_POLLRDNORM | LINUX_POLLWRNORM);
}

static long poll_run(struct process *p, uint64_t address, uint64_t count, uint64_t timeout_ns, long *ready)
{
	if (count > (uint64_t)fd_limit(p))
		return -LINUX_EINVAL;
	long error = count ? user_read(p, address, poll_fds, count * sizeof poll_fds[0]) : 0;
	if (error)
		return error;
	*ready = 0;
	for (uint64_t i = 0; i < count; i++) {
		struct linux_pollfd *q = &poll_fds[i];
		q->revents = 0;
		if (q->fd < 0)
			continue;
		struct file *f = fd_get_file(p, q->fd);
		if (!f)
			q->revents = LINUX_POLLNVAL;
		else
			q->revents = (int16_t)(file_ready(p, f) & ((uint16_t)q->events | LINUX_POLLERR | LINUX_POLLHUP));
		if (q->revents)
			(*ready)++;
	}
	if (*ready == 0 && !wait_over(p, timeout_ns))
		return POSIX_BLOCK;
	for (uint64_t i = 0; i < count; i++) {
		error = user_write(p, address + i * sizeof poll_fds[0] + 6, &poll_fds[i].revents, 2);
		if (error)
			return error;
	}
	return 0;
}

long sys_poll(struct process *p, const uint64_t a[6])
{
	int32_t timeout_ms = (int32_t)a[2];
	uint64_t timeout = timeout_ms < 0 ? UINT64_MAX : (uint64_t)timeout_ms * NS_PER_MS;
	long ready;
	long error = poll_run(p, a[0], a[1], timeout, &ready);
	return error ? error : ready;
}

static long timespec_read(struct process *p, uint64_t address, uint64_t *timeout)
{
	if (!address) {
		*timeout = UINT64_MAX;
		return 0;
	}
	struct linux_timespec t;
	long error = user_read(p, address, &t, sizeof t);
	if (error)
		return error;
	if (t.tv_sec < 0 || t.tv_nsec < 0 || (uint64_t)t.tv_nsec >= NS_PER_S)
		return -LINUX_EINVAL;
	if ((uint64_t)t.tv_sec >= (UINT64_MAX - NS_PER_S) / NS_PER_S)
		*timeout = UINT64_MAX - 1;
	else
		*timeout = (uint64_t)t.tv_sec * NS_PER_S + (uint64_t)t.tv_nsec;
	return 0;
}

/* Linux writes the time left back into a ppoll/pselect6 timespec. */
static long timespec_write_left(struct process *p, uint64_t address, uint64_t timeout)
{
	if (!address)
		return 0;
	uint64_t left = timeout == 0 ? 0 : wait_left(p);
	struct linux_timespec t = { (int64_t)(left / NS_PER_S), (int64_t)(left % NS_PER_S) };
	return user_write(p, address, &t, sizeof t);
}

long sys_ppoll(struct process *p, const uint64_t a[6])
{
	uint64_t timeout;
	long error = timespec_read(p, a[2], &timeout);
	if (error)
		return error;
	error = sigmask_argument(p, a[3], a[4]);
	if (error)
		return error;
	long ready;
	error = poll_run(p, a[0], a[1], timeout, &ready);
	if (error)
		return error;
	timespec_write_left(p, a[2], timeout);
	return ready;
}

/* select's three sets, read in as 64-bit words. */
#define FD_SET_WORDS (FD_MAX / 64)
static uint64_t select_in[3][FD_SET_WORDS], select_out[3][FD_SET_WORDS];

static long select_run(struct process *p, int64_t nfds, const uint64_t sets[3], uint64_t timeout, long *ready)
{
	if (nfds < 0)
		return -LINUX_EINVAL;
	if (nfds > FD_MAX)
		nfds = FD_MAX;
	size_t words = ((size_t)nfds + 63) / 64, bytes = ((size_t)nfds + 7) / 8;
	memset(select_in, 0, sizeof select_in);
	memset(select_out, 0, sizeof select_out);
	for (int s = 0; s < 3; s++) {
		if (!sets[s] || !bytes)
			continue;
		long error = user_read(p, sets[s], select_in[s], bytes);
		if (error)
			return error;
		if (nfds % 64) /* bits past nfds in the last word do not count */
			select_in[s][words - 1] &= (1ull << (nfds % 64)) - 1;
	}
	static const unsigned wanted[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };
	*ready = 0;
	for (int fd = 0; fd < nfds; fd++) {
		uint64_t bit = 1ull << (fd % 64);
		bool any = false;
		for (int s = 0; s < 3; s++)
			any |= (select_in[s][fd / 64] & bit) != 0;
		if (!any)
			continue;
		struct file *f = fd_get_file(p, fd);
		if (!f)
			return -LINUX_EBADF;
		unsigned mask = file_ready(p, f);
		for (int s = 0; s < 3; s++) {
			if ((select_in[s][fd / 64] & bit) && (mask & wanted[s])) {
				select_out[s][fd / 64] |= bit;
				(*ready)++;
			}
		}
	}
	if (*ready == 0 && !wait_over(p, timeout))
		return POSIX_BLOCK;
	for (int s = 0; s < 3; s++) {
		if (!sets[s] || !bytes)
			continue;
		long error = user_write(p, sets[s], select_out[s], bytes);
		if (error)
			return error;
	}
	return 0;
}

long sys_select(struct process *p, const uint64_t a[6])
{
	uint64_t timeout = UINT64_MAX;
	if (a[4]) {
		struct linux_timeval tv;
		long error = user_read(p, a[4], &tv, sizeof tv);
		if (error)
			return error;
		/* Linux carries whole seconds of tv_usec over, then wants
		 * both parts non-negative. */
		int64_t seconds = tv.tv_sec + tv.tv_usec / 1000000, microseconds = tv.tv_usec % 1000000;
		if (seconds < 0 || microseconds < 0)
			return -LINUX_EINVAL;
		if ((uint64_t)seconds >= (UINT64_MAX - NS_PER_S) / NS_PER_S)
			timeout = UINT64_MAX - 1;
		else
			timeout = (uint64_t)seconds * NS_PER_S + (uint64_t)microseconds * NS_PER_US;
	}
	uint64_t sets[3] = { a[1], a[2], a[3] };
	long ready;
	long error = select_run(p, (int32_t)a[0], sets, timeout, &ready);
	if (error)
		return error;
	if (a[4]) {
		uint64_t left = timeout == 0 ? 0 : wait_left(p);
		struct linux_timeval tv = { (int64_t)(left / NS_PER_S), (int64_t)(left % NS_PER_S / NS_PER_US) };
		user_write(p, a[4], &tv, sizeof tv);
	}
	return ready;
}

long sys_pselect6(struct process *p, const uint64_t a[6])
{
	uint64_t timeout;
	long error = timespec_read(p, a[4], &timeout);
	if (error)
		return error;
	if (a[5]) {
		struct { uint64_t set, size; } mask;
		error = user_read(p, a[5], &mask, sizeof mask);
		if (error)
			return error;
		error = sigmask_argument(p, mask.set, mask.size);
		if (error)
			return error;
	}
	uint64_t sets[3] = { a[1], a[2], a[3] };
	long ready;
	error = select_run(p, (int32_t)a[0], sets, timeout, &ready);
	if (error)
		return error;
	timespec_write_left(p, a[4], timeout);
	return ready;
}

/*
 * components/posix/fs/pipe.c and sys_poll.c: pipes (blocking as
 * POSIX_BLOCK and retries, end of file, EPIPE with SIGPIPE, O_NONBLOCK,
 * atomic small writes, long writes resumed across retries, wakeups) and
 * poll/select over them, with timeouts through block_deadline.
 */
#include "unit.h"

#include "fs_fake.h"

#include "components/posix/fs/fs.h"
#include "components/posix/fs/pipe.h"

static struct process *p;
static int reader, writer;

static void setup_pipe(unsigned flags)
{
	fake_fs_reset(NULL, 0);
	p = fake_process(1);
	uint64_t pair = fake_user_alloc(8);
	long error = flags ? SYS(p, pipe2, pair, flags) : SYS(p, pipe, pair);
	if (error)
		unit_fail(__FILE__, __LINE__, "pipe failed");
	reader = ((int32_t *)fake_user_pointer(pair))[0];
	writer = ((int32_t *)fake_user_pointer(pair))[1];
}

#define E(name) (-LINUX_##name)

UNIT_TEST(pipe_write_then_read)
{
	setup_pipe(0);
	CHECK_EQ(reader, 3);
	CHECK_EQ(writer, 4);
	unsigned wakes = fake_wake_count;
	CHECK_EQ(SYS(p, write, writer, U("hello"), 5), 5);
	CHECK(fake_wake_count > wakes);
	uint64_t buffer = fake_user_alloc(16);
	CHECK_EQ(SYS(p, read, reader, buffer, 3), 3);
	CHECK_EQ(SYS(p, read, reader, buffer + 3, 16), 2);
	CHECK(memcmp(fake_user_pointer(buffer), "hello", 5) == 0);
	CHECK_EQ(SYS(p, fcntl, reader, LINUX_F_GETFL), LINUX_O_RDONLY);
	CHECK_EQ(SYS(p, fcntl, writer, LINUX_F_GETFL), LINUX_O_WRONLY);
	CHECK_EQ(SYS(p, read, writer, buffer, 1), E(EBADF));
	CHECK_EQ(SYS(p, write, reader, buffer, 1), E(EBADF));
	CHECK_EQ(SYS(p, lseek, reader, 0, LINUX_SEEK_CUR), E(ESPIPE));
	CHECK_EQ(SYS(p, pread64, reader, buffer, 1, 0), E(ESPIPE));
	CHECK_EQ(SYS(p, pread64, reader, buffer, 1, -1), E(EINVAL));
	CHECK_EQ(SYS(p, ftruncate, writer, 0), E(EINVAL));
	CHECK_EQ(SYS(p, fsync, reader), E(EINVAL));
}

UNIT_TEST(pipe_read_blocks_until_data_or_eof)
{
	setup_pipe(0);
	uint64_t buffer = fake_user_alloc(16);
	CHECK_EQ(SYS(p, read, reader, buffer, 16), POSIX_BLOCK);
	CHECK_EQ(SYS(p, read, reader, buffer, 0), 0);
	CHECK_EQ(SYS(p, write, writer, U("x"), 1), 1);
	CHECK_EQ(RETRY(p, read, reader, buffer, 16), 1);
	CHECK_EQ(RETRY(p, read, reader, buffer, 16), POSIX_BLOCK);
	unsigned wakes = fake_wake_count;
	CHECK_EQ(SYS(p, close, writer), 0);
	CHECK(fake_wake_count > wakes);
	CHECK_EQ(RETRY(p, read, reader, buffer, 16), 0);
}

UNIT_TEST(pipe_nonblocking)
{
	setup_pipe(LINUX_O_NONBLOCK | LINUX_O_CLOEXEC);
	uint64_t buffer = fake_user_alloc(70000);
	CHECK_EQ(SYS(p, fcntl, reader, LINUX_F_GETFL), LINUX_O_NONBLOCK);
	CHECK_EQ(SYS(p, fcntl, reader, LINUX_F_GETFD), 1);
	CHECK_EQ(SYS(p, read, reader, buffer, 16), E(EAGAIN));
	CHECK_EQ(SYS(p, write, writer, buffer, 70000), 65536);
	CHECK_EQ(SYS(p, write, writer, buffer, 1), E(EAGAIN));
	CHECK_EQ(SYS(p, read, reader, buffer, 10), 10);
	/* Full is sixteen pages in use, however little is left of the first. */
	CHECK_EQ(SYS(p, write, writer, buffer, 10), E(EAGAIN));
	CHECK_EQ(SYS(p, read, reader, buffer, 4086), 4086);
	CHECK_EQ(SYS(p, write, writer, buffer, 10), 10);
	/* 5000 = a page and 904: the 904 join the last page, then it is full. */
	CHECK_EQ(SYS(p, write, writer, buffer, 5000), 904);
	CHECK_EQ(SYS(p, fcntl, reader, LINUX_F_SETFL, 0), 0);
	CHECK_EQ(SYS(p, read, reader, buffer, 70000), 65536 - 4096 + 914);
	CHECK_EQ(SYS(p, read, reader, buffer, 1), POSIX_BLOCK);
	CHECK_EQ(SYS(p, pipe2, fake_user_alloc(8), 1), E(EINVAL));
}

/* Byte counts measured on Linux with non-blocking writes until EAGAIN. */
static long fill(size_t chunk)
{
	uint64_t buffer = fake_user_alloc(chunk);
	long total = 0, n;
	while ((n = SYS(p, write, writer, buffer, chunk)) > 0)
		total += n;
	return total;
}

UNIT_TEST(pipe_fills_by_pages_like_linux)
{
	setup_pipe(LINUX_O_NONBLOCK);
	CHECK_EQ(fill(1), 65536);
	setup_pipe(LINUX_O_NONBLOCK);
	CHECK_EQ(SYS(p, write, writer, fake_user_alloc(4095), 4095), 4095);
	CHECK_EQ(SYS(p, write, writer, fake_user_alloc(2), 2), 2);
	CHECK_EQ(fill(4096), 61441 - 4097);
	uint64_t value = fake_user_alloc(4);
	CHECK_EQ(SYS(p, ioctl, reader, LINUX_FIONREAD, value), 0);
	CHECK_EQ(*(int32_t *)fake_user_pointer(value), 61441);
	setup_pipe(LINUX_O_NONBLOCK);
	CHECK_EQ(SYS(p, write, writer, fake_user_alloc(4097), 4097), 4097);
	CHECK_EQ(SYS(p, write, writer, fake_user_alloc(4095), 4095), 4095);
	CHECK_EQ(SYS(p, write, writer, fake_user_alloc(2), 2), 2);
	CHECK_EQ(fill(100000), 63138 - 4097 - 4095 - 2);
}

UNIT_TEST(pipe_epipe_and_sigpipe)
{
	setup_pipe(0);
	CHECK_EQ(SYS(p, close, reader), 0);
	CHECK_EQ(SYS(p, write, writer, U("x"), 1), E(EPIPE));
	CHECK_EQ(p->signal_count, 1);
	CHECK_EQ(p->signals[0], LINUX_SIGPIPE);
}

UNIT_TEST(pipe_small_write_waits_for_room_whole)
{
	setup_pipe(0);
	uint64_t big = fake_user_alloc(65536 - 100);
	CHECK_EQ(SYS(p, write, writer, big, 65536 - 100), 65436);
	uint64_t small = fake_user_alloc(200);
	CHECK_EQ(SYS(p, write, writer, small, 200), POSIX_BLOCK);
	CHECK_EQ(SYS(p, read, reader, fake_user_alloc(50), 50), 50);
	/* Still sixteen pages in use, and 100 free in the last: not enough. */
	CHECK_EQ(RETRY(p, write, writer, small, 200), POSIX_BLOCK);
	CHECK_EQ(SYS(p, read, reader, fake_user_alloc(4046), 4046), 4046);
	CHECK_EQ(RETRY(p, write, writer, small, 200), 200);
}

UNIT_TEST(pipe_long_write_resumes_across_retries)
{
	setup_pipe(0);
	size_t total = 200000;
	uint64_t data = fake_user_alloc(total);
	uint8_t *bytes = fake_user_pointer(data);
	for (size_t i = 0; i < total; i++)
		bytes[i] = (uint8_t)(i * 7);
	uint64_t sink = fake_user_alloc(total);
	size_t got = 0;
	long result = SYS(p, write, writer, data, total);
	while (result == POSIX_BLOCK) {
		long n = SYS(p, read, reader, sink + got, 30000);
		REQUIRE(n > 0);
		got += (size_t)n;
		result = RETRY(p, write, writer, data, total);
	}
	CHECK_EQ(result, total);
	while (got < total) {
		long n = SYS(p, read, reader, sink + got, total - got);
		REQUIRE(n > 0);
		got += (size_t)n;
	}
	CHECK(memcmp(fake_user_pointer(sink), bytes, total) == 0);
	/* A new write (not a retry) starts over. */
	CHECK_EQ(SYS(p, write, writer, data, 10), 10);
}

UNIT_TEST(pipe_writer_sees_reader_go_mid_write)
{
	setup_pipe(0);
	uint64_t data = fake_user_alloc(100000);
	CHECK_EQ(SYS(p, write, writer, data, 100000), POSIX_BLOCK);
	CHECK_EQ(SYS(p, close, reader), 0);
	CHECK_EQ(RETRY(p, write, writer, data, 100000), 65536);
	CHECK_EQ(p->signal_count, 1);
}

UNIT_TEST(pipe_fork_keeps_ends_open)
{
	setup_pipe(0);
	struct process *child = fake_fork(p, 2);
	CHECK_EQ(SYS(p, close, writer), 0);
	uint64_t buffer = fake_user_alloc(4);
	CHECK_EQ(SYS(p, read, reader, buffer, 4), POSIX_BLOCK); /* the child still writes */
	CHECK_EQ(SYS(child, write, writer, U("hi"), 2), 2);
	fs_exit(child);
	CHECK_EQ(RETRY(p, read, reader, buffer, 4), 2);
	CHECK_EQ(RETRY(p, read, reader, buffer, 4), 0);
}

UNIT_TEST(pipe_freed_when_both_ends_close)
{
	fake_fs_reset(NULL, 0);
	p = fake_process(1);
	size_t before = fake_heap_blocks();
	uint64_t pair = fake_user_alloc(8);
	CHECK_EQ(SYS(p, pipe, pair), 0);
	CHECK_EQ(SYS(p, dup, 3), 5);
	CHECK_EQ(SYS(p, close, 3), 0);
	CHECK_EQ(SYS(p, close, 4), 0);
	CHECK_EQ(SYS(p, close, 5), 0);
	CHECK_EQ(fake_heap_blocks(), before);
	CHECK_EQ(SYS(p, pipe, FAKE_BAD_ADDRESS), E(EFAULT));
	CHECK_EQ(fake_heap_blocks(), before);
	CHECK_EQ(SYS(p, fcntl, 3, LINUX_F_GETFD), E(EBADF));
}

UNIT_TEST(pipe_stat_fionread_and_size)
{
	setup_pipe(0);
	CHECK_EQ(SYS(p, write, writer, U("abc"), 3), 3);
	uint64_t value = fake_user_alloc(sizeof(struct linux_stat));
	CHECK_EQ(SYS(p, ioctl, reader, LINUX_FIONREAD, value), 0);
	CHECK_EQ(*(int32_t *)fake_user_pointer(value), 3);
	CHECK_EQ(SYS(p, ioctl, reader, LINUX_TCGETS, value), E(ENOTTY));
	CHECK_EQ(SYS(p, fstat, reader, value), 0);
	struct linux_stat *st = fake_user_pointer(value);
	CHECK_EQ(st->st_mode, LINUX_S_IFIFO | 0600);
	CHECK_EQ(st->st_nlink, 1);
	CHECK_EQ(st->st_size, 0);
	CHECK_EQ(SYS(p, fcntl, reader, LINUX_F_GETPIPE_SZ), 65536);
	CHECK_EQ(SYS(p, fcntl, reader, LINUX_F_SETPIPE_SZ, 5000), 8192);
	CHECK_EQ(SYS(p, fcntl, writer, LINUX_F_GETPIPE_SZ), 8192);
	uint64_t buffer = fake_user_alloc(8);
	CHECK_EQ(SYS(p, read, reader, buffer, 8), 3);
	CHECK(memcmp(fake_user_pointer(buffer), "abc", 3) == 0);
	CHECK_EQ(SYS(p, fcntl, 0, LINUX_F_GETPIPE_SZ), E(EBADF));
	CHECK_EQ(SYS(p, fcntl, reader, LINUX_F_SETPIPE_SZ, 0), E(EINVAL));
}

/* --- poll and select --- */

static long poll_one(int fd, short events, short *revents, int timeout, bool retry)
{
	struct linux_pollfd q = { fd, events, 0 };
	uint64_t address = fake_user_put(&q, sizeof q);
	long n = retry ? RETRY(p, poll, address, 1, (uint64_t)(int64_t)timeout)
		       : SYS(p, poll, address, 1, (uint64_t)(int64_t)timeout);
	*revents = ((struct linux_pollfd *)fake_user_pointer(address))->revents;
	return n;
}

UNIT_TEST(poll_pipe_readiness)
{
	setup_pipe(0);
	short revents;
	CHECK_EQ(poll_one(reader, LINUX_POLLIN, &revents, 0, false), 0);
	CHECK_EQ(revents, 0);
	CHECK_EQ(poll_one(writer, LINUX_POLLOUT, &revents, 0, false), 1);
	CHECK_EQ(revents, LINUX_POLLOUT);
	CHECK_EQ(poll_one(writer, LINUX_POLLIN, &revents, 0, false), 0);
	CHECK_EQ(SYS(p, write, writer, U("x"), 1), 1);
	CHECK_EQ(poll_one(reader, LINUX_POLLIN | LINUX_POLLOUT, &revents, 0, false), 1);
	CHECK_EQ(revents, LINUX_POLLIN);
	CHECK_EQ(poll_one(100, LINUX_POLLIN, &revents, 0, false), 1);
	CHECK_EQ(revents, LINUX_POLLNVAL);
	CHECK_EQ(poll_one(-1, LINUX_POLLIN, &revents, 0, false), 0);
	CHECK_EQ(SYS(p, close, writer), 0);
	CHECK_EQ(poll_one(reader, LINUX_POLLIN, &revents, 0, false), 1);
	CHECK_EQ(revents, LINUX_POLLIN | LINUX_POLLHUP);
	CHECK_EQ(SYS(p, poll, FAKE_BAD_ADDRESS, 1, 0), E(EFAULT));
	CHECK_EQ(SYS(p, poll, FAKE_BAD_ADDRESS, 2000, 0), E(EINVAL));
}

UNIT_TEST(poll_writer_after_reader_closes)
{
	setup_pipe(0);
	CHECK_EQ(SYS(p, close, reader), 0);
	short revents;
	CHECK_EQ(poll_one(writer, LINUX_POLLOUT, &revents, 0, false), 1);
	CHECK_EQ(revents, LINUX_POLLOUT | LINUX_POLLERR);
}

UNIT_TEST(poll_blocks_and_times_out)
{
	setup_pipe(0);
	short revents;
	CHECK_EQ(poll_one(reader, LINUX_POLLIN, &revents, 100, false), POSIX_BLOCK);
	CHECK_EQ(p->common.block_deadline, fake_now_ns + 100000000ull);
	fake_now_ns += 50000000ull;
	CHECK_EQ(poll_one(reader, LINUX_POLLIN, &revents, 100, true), POSIX_BLOCK);
	fake_now_ns += 50000000ull;
	CHECK_EQ(poll_one(reader, LINUX_POLLIN, &revents, 100, true), 0);
	CHECK_EQ(revents, 0);
	/* Forever: no deadline; data ends the wait. */
	CHECK_EQ(poll_one(reader, LINUX_POLLIN, &revents, -1, false), POSIX_BLOCK);
	CHECK_EQ(p->common.block_deadline, 0);
	CHECK_EQ(SYS(p, write, writer, U("x"), 1), 1);
	CHECK_EQ(poll_one(reader, LINUX_POLLIN, &revents, -1, true), 1);
}

UNIT_TEST(ppoll_checks_and_reports_time_left)
{
	setup_pipe(0);
	struct linux_pollfd q = { reader, LINUX_POLLIN, 0 };
	uint64_t fds = fake_user_put(&q, sizeof q);
	struct linux_timespec t = { 2, 0 };
	uint64_t timeout = fake_user_put(&t, sizeof t);
	CHECK_EQ(SYS(p, ppoll, fds, 1, timeout, 0, 0), POSIX_BLOCK);
	fake_now_ns += 500000000ull;
	CHECK_EQ(SYS(p, write, writer, U("x"), 1), 1);
	CHECK_EQ(RETRY(p, ppoll, fds, 1, timeout, 0, 0), 1);
	struct linux_timespec *left = fake_user_pointer(timeout);
	CHECK_EQ(left->tv_sec, 1);
	CHECK_EQ(left->tv_nsec, 500000000);
	struct linux_timespec bad = { 0, 1000000000 };
	CHECK_EQ(SYS(p, ppoll, fds, 1, fake_user_put(&bad, sizeof bad), 0, 0), E(EINVAL));
	CHECK_EQ(SYS(p, ppoll, fds, 1, 0, fake_user_alloc(8), 4), E(EINVAL));
	CHECK_EQ(SYS(p, ppoll, fds, 1, timeout, FAKE_BAD_ADDRESS, 8), E(EFAULT));
}

UNIT_TEST(select_over_pipe)
{
	setup_pipe(0);
	uint64_t read_set = fake_user_alloc(128), write_set = fake_user_alloc(128);
	struct linux_timeval zero = { 0, 0 };
	uint64_t timeout = fake_user_put(&zero, sizeof zero);
	uint64_t *r = fake_user_pointer(read_set), *w = fake_user_pointer(write_set);
	*r = 1ull << reader;
	*w = 1ull << writer;
	CHECK_EQ(SYS(p, select, writer + 1, read_set, write_set, 0, timeout), 1);
	CHECK_EQ(*r, 0);
	CHECK_EQ(*w, 1ull << writer);
	CHECK_EQ(SYS(p, write, writer, U("x"), 1), 1);
	*r = 1ull << reader;
	*w = 1ull << writer;
	CHECK_EQ(SYS(p, select, 3000, read_set, write_set, 0, timeout), 2);
	*r = 1ull << 40;
	CHECK_EQ(SYS(p, select, 41, read_set, 0, 0, timeout), E(EBADF));
	CHECK_EQ(SYS(p, select, (uint64_t)-1, 0, 0, 0, timeout), E(EINVAL));
	struct linux_timeval bad = { 0, -1 };
	CHECK_EQ(SYS(p, select, 1, 0, 0, 0, fake_user_put(&bad, sizeof bad)), E(EINVAL));
	struct linux_timeval carried = { 0, 1000000 }; /* a whole second of microseconds: fine */
	CHECK_EQ(SYS(p, select, 0, 0, 0, 0, fake_user_put(&carried, sizeof carried)), POSIX_BLOCK);
	/* A wait with a timeout reports the time left. */
	*r = 1ull << 40 | 1ull << reader;
	CHECK_EQ(SYS(p, read, reader, fake_user_alloc(1), 1), 1);
	struct linux_timeval second = { 1, 0 };
	timeout = fake_user_put(&second, sizeof second);
	*r = 1ull << reader;
	CHECK_EQ(SYS(p, select, reader + 1, read_set, 0, 0, timeout), POSIX_BLOCK);
	fake_now_ns += 1000000000ull;
	CHECK_EQ(RETRY(p, select, reader + 1, read_set, 0, 0, timeout), 0);
	CHECK_EQ(*r, 0);
	struct linux_timeval *left = fake_user_pointer(timeout);
	CHECK_EQ(left->tv_sec, 0);
	CHECK_EQ(left->tv_usec, 0);
}

UNIT_TEST(pselect6_checks_mask_size)
{
	setup_pipe(0);
	struct { uint64_t set, size; } mask = { fake_user_alloc(8), 4 };
	uint64_t zero = fake_user_alloc(16);
	CHECK_EQ(SYS(p, pselect6, 0, 0, 0, 0, zero, fake_user_put(&mask, sizeof mask)), E(EINVAL));
	mask.size = 8;
	CHECK_EQ(SYS(p, pselect6, 0, 0, 0, 0, zero, fake_user_put(&mask, sizeof mask)), 0);
	mask.set = FAKE_BAD_ADDRESS;
	CHECK_EQ(SYS(p, pselect6, 0, 0, 0, 0, zero, fake_user_put(&mask, sizeof mask)), E(EFAULT));
	CHECK_EQ(SYS(p, pselect6, 0, 0, 0, 0, zero, FAKE_BAD_ADDRESS), E(EFAULT));
}

UNIT_TEST(sendfile_file_to_pipe_and_file)
{
	setup_pipe(0);
	long file = SYS(p, open, U("/tmp/src"), LINUX_O_CREAT | LINUX_O_RDWR, 0644);
	CHECK_EQ(SYS(p, write, file, U("0123456789"), 10), 10);
	CHECK_EQ(SYS(p, lseek, file, 2, LINUX_SEEK_SET), 2);
	CHECK_EQ(SYS(p, sendfile, writer, file, 0, 100), 8);
	CHECK_EQ(SYS(p, lseek, file, 0, LINUX_SEEK_CUR), 10);
	uint64_t buffer = fake_user_alloc(16);
	CHECK_EQ(SYS(p, read, reader, buffer, 16), 8);
	CHECK(memcmp(fake_user_pointer(buffer), "23456789", 8) == 0);
	/* With an offset: the file position stays, the offset moves. */
	int64_t start = 5;
	uint64_t offset = fake_user_put(&start, sizeof start);
	long copy = SYS(p, open, U("/tmp/dst"), LINUX_O_CREAT | LINUX_O_WRONLY, 0644);
	CHECK_EQ(SYS(p, sendfile, copy, file, offset, 3), 3);
	CHECK_EQ(*(int64_t *)fake_user_pointer(offset), 8);
	CHECK_EQ(SYS(p, lseek, file, 0, LINUX_SEEK_CUR), 10);
	CHECK_EQ(SYS(p, pread64, file, buffer, 3, 5), 3);
	long dst = SYS(p, open, U("/tmp/dst"), LINUX_O_RDONLY, 0);
	CHECK_EQ(SYS(p, read, dst, buffer, 16), 3);
	CHECK(memcmp(fake_user_pointer(buffer), "567", 3) == 0);
	/* Errors in Linux's order. */
	CHECK_EQ(SYS(p, sendfile, writer, 99, 0, 1), -LINUX_EBADF);
	CHECK_EQ(SYS(p, sendfile, writer, reader, offset, 1), -LINUX_ESPIPE);
	CHECK_EQ(SYS(p, sendfile, reader, file, 0, 1), -LINUX_EBADF);
	long append = SYS(p, open, U("/tmp/dst"), LINUX_O_WRONLY | LINUX_O_APPEND, 0);
	CHECK_EQ(SYS(p, sendfile, append, file, 0, 1), -LINUX_EINVAL);
	/* A full pipe: parked when nothing moved. */
	uint64_t big = fake_user_alloc(65536);
	CHECK_EQ(SYS(p, write, writer, big, 65536), 65536);
	CHECK_EQ(SYS(p, lseek, file, 0, LINUX_SEEK_SET), 0);
	CHECK_EQ(SYS(p, sendfile, writer, file, 0, 10), POSIX_BLOCK);
	CHECK_EQ(SYS(p, lseek, file, 0, LINUX_SEEK_CUR), 0);
}

UNIT_TEST(copy_file_range_between_files)
{
	setup_pipe(0);
	long a = SYS(p, open, U("/tmp/a"), LINUX_O_CREAT | LINUX_O_RDWR, 0644);
	long b = SYS(p, open, U("/tmp/b"), LINUX_O_CREAT | LINUX_O_RDWR, 0644);
	CHECK_EQ(SYS(p, write, a, U("abcdef"), 6), 6);
	CHECK_EQ(SYS(p, lseek, a, 0, LINUX_SEEK_SET), 0);
	CHECK_EQ(SYS(p, copy_file_range, a, 0, b, 0, 100, 0), 6);
	CHECK_EQ(SYS(p, lseek, b, 0, LINUX_SEEK_CUR), 6);
	CHECK_EQ(SYS(p, copy_file_range, a, 0, b, 0, 100, 1), -LINUX_EINVAL);
	CHECK_EQ(SYS(p, copy_file_range, a, 0, writer, 0, 100, 0), -LINUX_EINVAL);
	CHECK_EQ(SYS(p, copy_file_range, a, 0, a, 0, 4, 0), -LINUX_EINVAL);
}

/* --- named FIFOs --- */

static long open_fifo(struct process *who, unsigned flags, bool retry)
{
	uint64_t path = U("/tmp/ff");
	return retry ? RETRY(who, open, path, flags, 0) : SYS(who, open, path, flags, 0);
}

UNIT_TEST(fifo_mknod_like_linux)
{
	setup_pipe(0);
	CHECK_EQ(SYS(p, mknod, U("/tmp/ff"), LINUX_S_IFIFO | 0666, 0), 0);
	CHECK_EQ(SYS(p, mknod, U("/tmp/ff"), LINUX_S_IFIFO | 0666, 0), E(EEXIST));
	CHECK_EQ(SYS(p, mknod, U("/tmp/d"), LINUX_S_IFDIR | 0755, 0), E(EPERM));
	CHECK_EQ(SYS(p, mknod, U("/tmp/x"), 0170000, 0), E(EINVAL));
	CHECK_EQ(SYS(p, mknod, U("/tmp/r"), 0644, 0), 0);
	CHECK_EQ(SYS(p, mknodat, LINUX_AT_FDCWD, U("/tmp/c"), LINUX_S_IFCHR | 0600, 0x103), 0);
	CHECK_EQ(SYS(p, mknod, U("/tmp/s/"), LINUX_S_IFIFO | 0600, 0), E(ENOENT));
	uint64_t st = fake_user_alloc(sizeof(struct linux_stat));
	CHECK_EQ(SYS(p, stat, U("/tmp/ff"), st), 0);
	struct linux_stat *s = fake_user_pointer(st);
	CHECK_EQ(s->st_mode, LINUX_S_IFIFO | 0644);
	CHECK_EQ(s->st_nlink, 1);
	CHECK_EQ(SYS(p, stat, U("/tmp/r"), st), 0);
	CHECK_EQ(s->st_mode, LINUX_S_IFREG | 0644);
	long null = SYS(p, open, U("/tmp/c"), LINUX_O_RDWR, 0);
	CHECK_EQ(SYS(p, write, null, U("gone"), 4), 4);
}

UNIT_TEST(fifo_nonblocking_opens)
{
	setup_pipe(0);
	CHECK_EQ(SYS(p, mknod, U("/tmp/ff"), LINUX_S_IFIFO | 0600, 0), 0);
	CHECK_EQ(open_fifo(p, LINUX_O_WRONLY | LINUX_O_NONBLOCK, false), E(ENXIO));
	long r = open_fifo(p, LINUX_O_RDONLY | LINUX_O_NONBLOCK, false);
	CHECK(r >= 0);
	long w = open_fifo(p, LINUX_O_WRONLY | LINUX_O_NONBLOCK, false);
	CHECK(w >= 0);
	CHECK_EQ(SYS(p, write, w, U("abc"), 3), 3);
	uint64_t buffer = fake_user_alloc(8);
	CHECK_EQ(SYS(p, read, r, buffer, 8), 3);
	CHECK_EQ(SYS(p, read, r, buffer, 8), E(EAGAIN));
	CHECK_EQ(SYS(p, close, w), 0);
	CHECK_EQ(SYS(p, read, r, buffer, 8), 0);
	/* Data left when the last end closes is gone, as on Linux. */
	long rw = open_fifo(p, LINUX_O_RDWR, false);
	CHECK_EQ(SYS(p, write, rw, U("lost"), 4), 4);
	CHECK_EQ(SYS(p, close, rw), 0);
	CHECK_EQ(SYS(p, close, r), 0);
	r = open_fifo(p, LINUX_O_RDONLY | LINUX_O_NONBLOCK, false);
	CHECK_EQ(SYS(p, read, r, buffer, 8), 0);
}

UNIT_TEST(fifo_blocking_opens_meet)
{
	setup_pipe(0);
	struct process *child = fake_fork(p, 2);
	CHECK_EQ(SYS(p, mknod, U("/tmp/ff"), LINUX_S_IFIFO | 0600, 0), 0);
	/* The reader first: it waits, the writer goes ahead and wakes it. */
	CHECK_EQ(open_fifo(p, LINUX_O_RDONLY, false), POSIX_BLOCK);
	CHECK_EQ(open_fifo(p, LINUX_O_RDONLY, true), POSIX_BLOCK);
	unsigned wakes = fake_wake_count;
	long w = open_fifo(child, LINUX_O_WRONLY, false);
	CHECK(w >= 0);
	CHECK(fake_wake_count > wakes);
	long r = open_fifo(p, LINUX_O_RDONLY, true);
	CHECK(r >= 0);
	CHECK_EQ(SYS(child, write, w, U("hi"), 2), 2);
	uint64_t buffer = fake_user_alloc(8);
	CHECK_EQ(SYS(p, read, r, buffer, 8), 2);
	CHECK_EQ(SYS(child, close, w), 0);
	CHECK_EQ(SYS(p, close, r), 0);
	/* The writer first; the reader arrives, and the writer's retry goes
	 * ahead even if the reader has already left again. */
	CHECK_EQ(open_fifo(child, LINUX_O_WRONLY, false), POSIX_BLOCK);
	r = open_fifo(p, LINUX_O_RDONLY, false);
	CHECK(r >= 0);
	CHECK_EQ(SYS(p, close, r), 0);
	w = open_fifo(child, LINUX_O_WRONLY, true);
	CHECK(w >= 0);
	CHECK_EQ(SYS(child, write, w, U("x"), 1), E(EPIPE));
	/* Nothing waits now: a new reader waits again. */
	CHECK_EQ(SYS(child, close, w), 0);
	CHECK_EQ(open_fifo(p, LINUX_O_RDONLY, false), POSIX_BLOCK);
	fs_exit(p); /* a process that goes stops waiting */
	CHECK_EQ(open_fifo(child, LINUX_O_WRONLY | LINUX_O_NONBLOCK, false), E(ENXIO));
}

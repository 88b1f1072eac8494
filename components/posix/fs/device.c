/*
 * Character devices, found by device number as Linux numbers them:
 * /dev/null (1:3) and /dev/zero (1:5) here, the terminal (5:1 console,
 * 5:0 tty) in console.c.
 */
#include "components/posix/fs/fs.h"

static long null_read(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset)
{
	(void)p;
	(void)f;
	(void)io;
	(void)offset;
	return 0;
}

/* Both swallow what is written without looking at it, as Linux does. */
static long sink_write(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset)
{
	(void)p;
	(void)f;
	(void)offset;
	size_t n = io->remaining;
	io_skip(io, n);
	return (long)n;
}

static long zero_read(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset)
{
	(void)p;
	(void)f;
	(void)offset;
	return io_zero_out(io, io->remaining);
}

static unsigned always_ready(struct process *p, struct file *f)
{
	(void)p;
	(void)f;
	return LINUX_POLLIN | LINUX_POLLRDNORM | LINUX_POLLOUT | LINUX_POLLWRNORM;
}

static const struct file_ops null_file_ops = {
	.read = null_read,
	.write = sink_write,
	.poll = always_ready,
	.seekable = true,
};

static const struct file_ops zero_file_ops = {
	.read = zero_read,
	.write = sink_write,
	.poll = always_ready,
	.seekable = true,
};

const struct device devices[] = {
	{ LINUX_MKDEV(1, 3), "null", &null_file_ops },
	{ LINUX_MKDEV(1, 5), "zero", &zero_file_ops },
	{ LINUX_MKDEV(5, 0), "tty", &console_file_ops },
	{ LINUX_MKDEV(5, 1), "console", &console_file_ops },
	{ 0, NULL, NULL },
};

const struct device *device_find(uint64_t rdev)
{
	for (const struct device *d = devices; d->name; d++)
		if (d->rdev == rdev)
			return d;
	return NULL;
}

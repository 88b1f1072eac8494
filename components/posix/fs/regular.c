/*
 * Open regular files, directories and O_PATH descriptors: reads and
 * writes at the file position (or pread/pwrite's), appends, and the
 * attributes a read or write changes.
 */
#include "components/posix/fs/fs.h"

static long regular_read(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset)
{
	(void)p;
	struct vnode *v = f->vnode;
	long n = file_data_read(v, *offset, io, io->remaining);
	if (n > 0)
		*offset += (uint64_t)n;
	if (n >= 0 && !(f->flags & LINUX_O_NOATIME))
		vnode_touch_accessed(v);
	return n;
}

static long regular_write(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset)
{
	(void)p;
	struct vnode *v = f->vnode;
	if (io->remaining == 0)
		return 0;
	/* O_APPEND writes at the end, even pwrite's (as Linux does). */
	uint64_t position = (f->flags & LINUX_O_APPEND) ? v->file.size : *offset;
	long n = file_data_write(v, position, io, io->remaining);
	if (n > 0) {
		*offset = position + (uint64_t)n;
		vnode_touch_modified(v);
	}
	return n;
}

static unsigned regular_poll(struct process *p, struct file *f)
{
	(void)p;
	(void)f;
	return LINUX_POLLIN | LINUX_POLLRDNORM | LINUX_POLLOUT | LINUX_POLLWRNORM;
}

static long regular_ioctl(struct process *p, struct file *f, unsigned long request, uint64_t argument)
{
	if (request != LINUX_FIONREAD)
		return -LINUX_ENOTTY;
	uint64_t size = f->vnode->file.size;
	int32_t left = size > f->offset ? (int32_t)(size - f->offset) : 0;
	return user_write(p, argument, &left, sizeof left);
}

const struct file_ops regular_file_ops = {
	.read = regular_read,
	.write = regular_write,
	.poll = regular_poll,
	.ioctl = regular_ioctl,
	.seekable = true,
};

static long directory_read(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset)
{
	(void)p;
	(void)f;
	(void)io;
	(void)offset;
	return -LINUX_EISDIR;
}

const struct file_ops directory_file_ops = {
	.read = directory_read,
	.poll = regular_poll,
	.seekable = true,
};

/* O_PATH: a place in the tree, for *at() calls, fstat, fchdir and dup;
 * every use of the file itself is EBADF before it gets here. */
const struct file_ops path_file_ops = {
	.seekable = false,
};

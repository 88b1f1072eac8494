/*
 * read, write, readv, writev, pread64, pwrite64, lseek. The checks come in
 * Linux's order: the descriptor (EBADF), its access mode (EBADF), the
 * user range (EFAULT), then the file's own answer (EISDIR, ESPIPE, ...).
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/syscalls.h"

static struct linux_iovec iovec_storage[LINUX_IOV_MAX];

static long rw_file(struct process *p, int fd, bool writing, struct file **out)
{
	struct file *f = fd_get_file(p, fd);
	if (!f || !(writing ? file_writable(f) : file_readable(f)))
		return -LINUX_EBADF;
	if (!(writing ? f->ops->write : f->ops->read))
		return -LINUX_EINVAL;
	*out = f;
	return 0;
}

static long rw_transfer(struct process *p, struct file *f, bool writing, struct io_iter *io, uint64_t *offset)
{
	return writing ? f->ops->write(p, f, io, offset) : f->ops->read(p, f, io, offset);
}

/* Linux's rw_verify_area: a position whose end would pass the largest
 * file offset is refused. */
static bool rw_range_ok(const struct file *f, uint64_t position, uint64_t count)
{
	return !f->ops->seekable || (int64_t)(position + count) >= 0;
}

static long rw_single(struct process *p, const uint64_t a[6], bool writing)
{
	struct file *f;
	long error = rw_file(p, (int)a[0], writing, &f);
	if (error)
		return error;
	uint64_t count = a[2];
	if (!user_range_ok(a[1], count))
		return -LINUX_EFAULT;
	if (count > LINUX_MAX_RW_COUNT)
		count = LINUX_MAX_RW_COUNT;
	if (!rw_range_ok(f, f->offset, count))
		return -LINUX_EINVAL;
	struct io_iter io;
	io_single(&io, p, a[1], (size_t)count);
	return rw_transfer(p, f, writing, &io, &f->offset);
}

static long rw_vector(struct process *p, const uint64_t a[6], bool writing)
{
	struct file *f;
	long error = rw_file(p, (int)a[0], writing, &f);
	if (error)
		return error;
	struct io_iter io;
	error = io_vector(&io, p, a[1], (int)a[2], iovec_storage);
	if (error)
		return error;
	if (io.total == 0)
		return 0;
	if (!rw_range_ok(f, f->offset, io.total))
		return -LINUX_EINVAL;
	return rw_transfer(p, f, writing, &io, &f->offset);
}

static long rw_positional(struct process *p, const uint64_t a[6], bool writing)
{
	int64_t position = (int64_t)a[3];
	if (position < 0)
		return -LINUX_EINVAL;
	struct file *f = fd_get_file(p, (int)a[0]);
	if (!f)
		return -LINUX_EBADF;
	if (!f->ops->seekable)
		return -LINUX_ESPIPE;
	long error = rw_file(p, (int)a[0], writing, &f);
	if (error)
		return error;
	uint64_t count = a[2];
	if (!user_range_ok(a[1], count))
		return -LINUX_EFAULT;
	if (count > LINUX_MAX_RW_COUNT)
		count = LINUX_MAX_RW_COUNT;
	if (!rw_range_ok(f, (uint64_t)position, count))
		return -LINUX_EINVAL;
	struct io_iter io;
	io_single(&io, p, a[1], (size_t)count);
	uint64_t offset = (uint64_t)position;
	return rw_transfer(p, f, writing, &io, &offset);
}

long sys_read(struct process *p, const uint64_t a[6])
{
	return rw_single(p, a, false);
}

long sys_write(struct process *p, const uint64_t a[6])
{
	return rw_single(p, a, true);
}

long sys_readv(struct process *p, const uint64_t a[6])
{
	return rw_vector(p, a, false);
}

long sys_writev(struct process *p, const uint64_t a[6])
{
	return rw_vector(p, a, true);
}

long sys_pread64(struct process *p, const uint64_t a[6])
{
	return rw_positional(p, a, false);
}

long sys_pwrite64(struct process *p, const uint64_t a[6])
{
	return rw_positional(p, a, true);
}

/* Directories seek by position in their listing: SEEK_SET and SEEK_CUR. */
static long seek_directory(struct file *f, int64_t offset, unsigned whence)
{
	int64_t target;
	if (whence == LINUX_SEEK_SET)
		target = offset;
	else if (whence == LINUX_SEEK_CUR)
		target = (int64_t)f->offset + offset;
	else
		return -LINUX_EINVAL;
	if (target < 0)
		return -LINUX_EINVAL;
	f->offset = (uint64_t)target;
	return target;
}

static long seek_regular(struct file *f, int64_t offset, unsigned whence)
{
	int64_t size = (int64_t)f->vnode->file.size, base;
	switch (whence) {
	case LINUX_SEEK_SET:
		base = 0;
		break;
	case LINUX_SEEK_CUR:
		base = (int64_t)f->offset;
		break;
	case LINUX_SEEK_END:
		base = size;
		break;
	case LINUX_SEEK_DATA:
	case LINUX_SEEK_HOLE:
		/* No holes are reported: data runs to the end, the one hole
		 * is at the end. */
		if (offset < 0 || offset >= size)
			return -LINUX_ENXIO;
		f->offset = (uint64_t)(whence == LINUX_SEEK_DATA ? offset : size);
		return (long)f->offset;
	default:
		return -LINUX_EINVAL;
	}
	int64_t target;
	if (__builtin_add_overflow(base, offset, &target) || target < 0)
		return -LINUX_EINVAL;
	f->offset = (uint64_t)target;
	return target;
}

long sys_lseek(struct process *p, const uint64_t a[6])
{
	struct file *f = fd_get_file(p, (int)a[0]);
	if (!f)
		return -LINUX_EBADF;
	int64_t offset = (int64_t)a[1];
	unsigned whence = (unsigned)a[2];
	if (!f->ops->seekable)
		return -LINUX_ESPIPE;
	if (whence > LINUX_SEEK_HOLE)
		return -LINUX_EINVAL;
	switch (vnode_type(f->vnode)) {
	case LINUX_S_IFREG:
		return seek_regular(f, offset, whence);
	case LINUX_S_IFDIR:
		return seek_directory(f, offset, whence);
	default:
		return 0; /* /dev/null and /dev/zero stay at 0 */
	}
}

/* preadv and pwritev: a vector at a position (pos_l; x86-64 ignores
 * pos_h). preadv2 and pwritev2 take -1 for the file position, and flags. */
#define LINUX_RWF_SUPPORTED 0x1fu /* HIPRI DSYNC SYNC NOWAIT APPEND */
#define LINUX_RWF_APPEND 0x10u

static long rw_vector_at(struct process *p, const uint64_t a[6], bool writing, bool two)
{
	int64_t position = (int64_t)a[3];
	bool current = two && position == -1;
	if (position < 0 && !current)
		return -LINUX_EINVAL;
	uint64_t flags = two ? a[5] : 0;
	if (flags & ~(uint64_t)LINUX_RWF_SUPPORTED)
		return -LINUX_EOPNOTSUPP;
	struct file *f = fd_get_file(p, (int)a[0]);
	if (!f)
		return -LINUX_EBADF;
	if (!current && !f->ops->seekable)
		return -LINUX_ESPIPE;
	long error = rw_file(p, (int)a[0], writing, &f);
	if (error)
		return error;
	struct io_iter io;
	error = io_vector(&io, p, a[1], (int)a[2], iovec_storage);
	if (error)
		return error;
	if (io.total == 0)
		return 0;
	uint64_t offset = current ? f->offset : (uint64_t)position;
	if (!rw_range_ok(f, offset, io.total))
		return -LINUX_EINVAL;
	uint32_t saved_flags = f->flags;
	if (writing && (flags & LINUX_RWF_APPEND))
		f->flags |= LINUX_O_APPEND;
	long result = rw_transfer(p, f, writing, &io, current ? &f->offset : &offset);
	f->flags = saved_flags;
	return result;
}

long sys_preadv(struct process *p, const uint64_t a[6])
{
	return rw_vector_at(p, a, false, false);
}

long sys_pwritev(struct process *p, const uint64_t a[6])
{
	return rw_vector_at(p, a, true, false);
}

long sys_preadv2(struct process *p, const uint64_t a[6])
{
	return rw_vector_at(p, a, false, true);
}

long sys_pwritev2(struct process *p, const uint64_t a[6])
{
	return rw_vector_at(p, a, true, true);
}

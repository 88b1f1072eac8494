/*
 * sendfile and copy_file_range: data from one file to another without a
 * trip through the caller's memory, through a server buffer, a chunk at a
 * time. A chunk is never read that the destination could not take whole
 * (a pipe's room is known first), so nothing read is lost; a pipe source
 * or destination that has to wait parks the call only if nothing moved.
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/pipe.h"
#include "components/posix/fs/syscalls.h"

#define SENDFILE_CHUNK (64u << 10)

static uint8_t sendfile_buffer[SENDFILE_CHUNK];

/* Moves up to count bytes from in (at *in_offset) to out (at *out_offset):
 * the bytes moved, or the first error when none moved. */
static long transfer(struct process *p, struct file *in, uint64_t *in_offset, struct file *out, uint64_t *out_offset,
		     size_t count)
{
	size_t done = 0;
	while (done < count) {
		size_t chunk = count - done < SENDFILE_CHUNK ? count - done : SENDFILE_CHUNK;
		if (vnode_type(out->vnode) == LINUX_S_IFIFO && out->vnode->pipe->readers) {
			size_t room = pipe_room(out);
			if (room == 0) {
				if (done)
					break;
				return (out->flags & LINUX_O_NONBLOCK) ? -LINUX_EAGAIN : POSIX_BLOCK;
			}
			if (chunk > room)
				chunk = room;
		}
		struct io_iter io;
		io_server(&io, p, sendfile_buffer, chunk);
		long got = in->ops->read(p, in, &io, in_offset);
		if (got <= 0)
			return io_result(done, got);
		io_server(&io, p, sendfile_buffer, (size_t)got);
		long put = out->ops->write(p, out, &io, out_offset);
		if (put < 0)
			return io_result(done, put);
		done += (size_t)put;
		if (put < got) {
			if (in->ops->seekable)
				*in_offset -= (uint64_t)(got - put); /* unread what did not go */
			break;
		}
		if ((size_t)got < chunk)
			break; /* the source has no more for now */
	}
	return (long)done;
}

static long read_offset(struct process *p, uint64_t address, uint64_t *offset)
{
	int64_t value;
	long error = user_read(p, address, &value, sizeof value);
	if (error)
		return error;
	if (value < 0)
		return -LINUX_EINVAL;
	*offset = (uint64_t)value;
	return 0;
}

long sys_sendfile(struct process *p, const uint64_t a[6])
{
	struct file *in = fd_get_file(p, (int)a[1]);
	if (!in || !file_readable(in))
		return -LINUX_EBADF;
	uint64_t offset_address = a[2], offset = 0;
	if (offset_address) {
		if (!in->ops->seekable)
			return -LINUX_ESPIPE;
		long error = read_offset(p, offset_address, &offset);
		if (error)
			return error;
	}
	struct file *out = fd_get_file(p, (int)a[0]);
	if (!out || !file_writable(out))
		return -LINUX_EBADF;
	if (out->flags & LINUX_O_APPEND)
		return -LINUX_EINVAL;
	if (!in->ops->read || !out->ops->write)
		return -LINUX_EINVAL;
	if (vnode_is_dir(in->vnode))
		return -LINUX_EINVAL;
	size_t count = a[3] > LINUX_MAX_RW_COUNT ? LINUX_MAX_RW_COUNT : (size_t)a[3];
	if (count == 0)
		return 0;
	long moved = transfer(p, in, offset_address ? &offset : &in->offset, out, &out->offset, count);
	if (moved > 0 && offset_address) {
		int64_t value = (int64_t)offset;
		long error = user_write(p, offset_address, &value, sizeof value);
		if (error)
			return error;
	}
	return moved;
}

long sys_copy_file_range(struct process *p, const uint64_t a[6])
{
	if (a[5] != 0)
		return -LINUX_EINVAL;
	struct file *in = fd_get_file(p, (int)a[0]), *out = fd_get_file(p, (int)a[2]);
	if (!in || !out || !file_readable(in) || !file_writable(out) || (out->flags & LINUX_O_APPEND))
		return -LINUX_EBADF;
	if (vnode_is_dir(in->vnode) || vnode_is_dir(out->vnode))
		return -LINUX_EISDIR;
	if (!vnode_is_regular(in->vnode) || !vnode_is_regular(out->vnode))
		return -LINUX_EINVAL;
	uint64_t in_offset = in->offset, out_offset = out->offset;
	long error;
	if (a[1] && (error = read_offset(p, a[1], &in_offset)))
		return error;
	if (a[3] && (error = read_offset(p, a[3], &out_offset)))
		return error;
	size_t count = a[4] > LINUX_MAX_RW_COUNT ? LINUX_MAX_RW_COUNT : (size_t)a[4];
	if (in->vnode == out->vnode && in_offset < out_offset + count && out_offset < in_offset + count)
		return -LINUX_EINVAL;
	if (count == 0)
		return 0;
	long moved = transfer(p, in, &in_offset, out, &out_offset, count);
	if (moved <= 0)
		return moved;
	int64_t value;
	if (a[1]) {
		value = (int64_t)in_offset;
		if ((error = user_write(p, a[1], &value, sizeof value)))
			return error;
	} else {
		in->offset = in_offset;
	}
	if (a[3]) {
		value = (int64_t)out_offset;
		if ((error = user_write(p, a[3], &value, sizeof value)))
			return error;
	} else {
		out->offset = out_offset;
	}
	return moved;
}

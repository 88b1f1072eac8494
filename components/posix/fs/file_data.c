/*
 * A regular file's contents: one contiguous block that grows as it is
 * written, so exec can map a file's bytes as they are. Files from the boot
 * archive point into it until first written (then they are copied), and a
 * file extended by truncate or by seeking past its end stores nothing for
 * the hole: bytes past `length` up to `size` read as zeros.
 */
#include "components/posix/fs/fs.h"

#include "lib/string.h"

#define CAPACITY_MIN 64
/* Linux's largest file offset (MAX_LFS_FILESIZE). */
#define FILE_SIZE_MAX 0x7fffffffffffffffull

/* Makes the stored part writable, with room for `needed` bytes. */
static long file_data_reserve(struct vnode *v, size_t needed)
{
	if (!v->file.borrowed && needed <= v->file.capacity)
		return 0;
	size_t capacity = v->file.capacity + v->file.capacity / 2;
	if (capacity < needed)
		capacity = needed;
	if (capacity < CAPACITY_MIN)
		capacity = CAPACITY_MIN;
	uint8_t *data;
	if (v->file.borrowed) {
		data = fs_alloc(capacity);
		if (!data)
			return -LINUX_ENOSPC;
		memcpy(data, v->file.data, v->file.length);
		v->file.borrowed = false;
	} else {
		data = fs_realloc(v->file.data, capacity);
		if (!data)
			return -LINUX_ENOSPC;
	}
	v->file.data = data;
	v->file.capacity = capacity;
	return 0;
}

/* Stores the hole [length, end) as zeros, so bytes can go after it. */
static long file_data_fill_to(struct vnode *v, size_t end)
{
	if (end <= v->file.length)
		return 0;
	long error = file_data_reserve(v, end);
	if (error)
		return error;
	memset(v->file.data + v->file.length, 0, end - v->file.length);
	v->file.length = end;
	return 0;
}

/* Room is made a chunk at a time as the bytes arrive, so a huge write
 * from a bad address fails at its first page instead of first asking for
 * gigabytes. */
#define WRITE_CHUNK (64u << 10)

long file_data_write(struct vnode *v, uint64_t offset, struct io_iter *io, size_t count)
{
	if (count == 0)
		return 0;
	if (offset > FILE_SIZE_MAX || count > FILE_SIZE_MAX - offset)
		return -LINUX_EFBIG;
	size_t done = 0;
	while (done < count) {
		size_t at = (size_t)offset + done;
		size_t chunk = count - done < WRITE_CHUNK ? count - done : WRITE_CHUNK;
		long error = file_data_reserve(v, at + chunk);
		if (error)
			return io_result(done, error);
		if (at > v->file.length) /* a hole before the first byte written */
			memset(v->file.data + v->file.length, 0, at - v->file.length);
		long copied = io_copy_in(io, v->file.data + at, chunk);
		if (copied > 0) {
			done += (size_t)copied;
			if (at + (size_t)copied > v->file.length)
				v->file.length = at + (size_t)copied;
			if (v->file.length > v->file.size)
				v->file.size = v->file.length;
		}
		if (copied < 0 || (size_t)copied < chunk)
			return io_result(done, copied < 0 ? copied : -LINUX_EFAULT);
	}
	return (long)done;
}

long file_data_read(struct vnode *v, uint64_t offset, struct io_iter *io, size_t count)
{
	if (offset >= v->file.size)
		return 0;
	if (count > v->file.size - offset)
		count = (size_t)(v->file.size - offset);
	size_t done = 0;
	if (offset < v->file.length) {
		size_t stored = v->file.length - (size_t)offset;
		if (stored > count)
			stored = count;
		long copied = io_copy_out(io, v->file.data + offset, stored);
		if (copied < 0 || (size_t)copied < stored)
			return io_result(copied < 0 ? 0 : (size_t)copied, -LINUX_EFAULT);
		done = stored;
	}
	if (done < count) {
		long copied = io_zero_out(io, count - done);
		if (copied < 0)
			return io_result(done, copied);
		done += (size_t)copied;
	}
	return (long)done;
}

long file_data_truncate(struct vnode *v, uint64_t size)
{
	if (size > FILE_SIZE_MAX)
		return -LINUX_EFBIG;
	if (size < v->file.length)
		v->file.length = (size_t)size;
	v->file.size = size;
	return 0;
}

long file_data_set(struct vnode *v, const void *data, size_t size, bool borrowed)
{
	if (!v->file.borrowed)
		fs_free(v->file.data);
	v->file.data = (uint8_t *)data;
	v->file.length = v->file.size = v->file.capacity = size;
	v->file.borrowed = borrowed;
	return 0;
}

long file_data_contiguous(struct vnode *v, const void **data, size_t *size)
{
	if (v->file.size > SIZE_MAX / 2)
		return -LINUX_ENOMEM;
	long error = file_data_fill_to(v, (size_t)v->file.size);
	if (error)
		return -LINUX_ENOMEM;
	*data = v->file.data;
	*size = v->file.length;
	return 0;
}

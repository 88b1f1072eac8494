/*
 * Moving file data between the server and a process's memory, for read,
 * write, readv, writev, pread and pwrite. Copies go in chunks of at most
 * IO_CHUNK bytes (user_read/user_write each move a bounded amount), and a
 * copy that meets a missing page is redone page by page, so a transfer
 * that runs into a bad address reports the bytes before it, as Linux does.
 */
#include "components/posix/fs/fs.h"

#include "lib/string.h"

#define IO_CHUNK (64u << 10)
#define PAGE_SIZE 4096u

static const uint8_t zero_chunk[PAGE_SIZE * 4];

bool user_range_ok(uint64_t address, uint64_t length)
{
	return address <= LINUX_TASK_SIZE && length <= LINUX_TASK_SIZE - address;
}

void io_single(struct io_iter *io, struct process *p, uint64_t address, size_t length)
{
	memset(io, 0, sizeof *io);
	io->p = p;
	io->single.base = address;
	io->single.length = length;
	io->vector = &io->single;
	io->count = 1;
	io->remaining = io->total = length;
}

void io_server(struct io_iter *io, struct process *p, void *buffer, size_t length)
{
	io_single(io, p, 0, length);
	io->server = buffer;
}

long io_vector(struct io_iter *io, struct process *p, uint64_t address, int count, struct linux_iovec *storage)
{
	if (count < 0 || count > LINUX_IOV_MAX)
		return -LINUX_EINVAL;
	memset(io, 0, sizeof *io);
	io->p = p;
	io->vector = storage;
	io->count = (unsigned)count;
	if (count == 0)
		return 0;
	long error = user_read(p, address, storage, (size_t)count * sizeof *storage);
	if (error)
		return error;
	size_t total = 0;
	for (int i = 0; i < count; i++) {
		if ((int64_t)storage[i].length < 0)
			return -LINUX_EINVAL;
		if (!user_range_ok(storage[i].base, storage[i].length))
			return -LINUX_EFAULT;
		/* Linux cuts the total at MAX_RW_COUNT rather than failing. */
		if (storage[i].length > LINUX_MAX_RW_COUNT - total)
			storage[i].length = LINUX_MAX_RW_COUNT - total;
		total += storage[i].length;
	}
	io->remaining = io->total = total;
	return 0;
}

/* The current segment's next address and how much is left in it. */
static size_t io_segment(struct io_iter *io, uint64_t *address)
{
	while (io->index < io->count && io->used == io->vector[io->index].length) {
		io->index++;
		io->used = 0;
	}
	if (io->index == io->count)
		return 0;
	*address = io->vector[io->index].base + io->used;
	return (size_t)(io->vector[io->index].length - io->used);
}

static void io_advance(struct io_iter *io, size_t n)
{
	io->used += n;
	io->remaining -= n;
}

/* One chunk, all or (after a fault) the pages that are there. */
static size_t copy_chunk(struct process *p, uint64_t address, void *local, size_t n, bool to_user)
{
	long error = to_user ? user_write(p, address, local, n) : user_read(p, address, local, n);
	if (!error)
		return n;
	size_t done = 0;
	while (done < n) {
		size_t page_rest = PAGE_SIZE - (size_t)((address + done) % PAGE_SIZE);
		size_t step = n - done < page_rest ? n - done : page_rest;
		uint8_t *here = (uint8_t *)local + done;
		error = to_user ? user_write(p, address + done, here, step) : user_read(p, address + done, here, step);
		if (error)
			break;
		done += step;
	}
	return done;
}

static long io_copy(struct io_iter *io, void *local, size_t n, bool to_user, bool zeros)
{
	size_t done = 0;
	while (done < n) {
		uint64_t address;
		size_t segment = io_segment(io, &address);
		if (segment == 0)
			break;
		size_t chunk = n - done;
		if (chunk > segment)
			chunk = segment;
		if (chunk > (zeros ? sizeof zero_chunk : IO_CHUNK))
			chunk = zeros ? sizeof zero_chunk : IO_CHUNK;
		void *here = zeros ? (void *)zero_chunk : (uint8_t *)local + done;
		size_t copied = chunk;
		if (!io->server)
			copied = copy_chunk(io->p, address, here, chunk, to_user);
		else if (to_user)
			memcpy(io->server + address, here, chunk);
		else
			memcpy(here, io->server + address, chunk);
		io_advance(io, copied);
		done += copied;
		if (copied < chunk) {
			io->faulted = true;
			return io_result(done, -LINUX_EFAULT);
		}
	}
	return (long)done;
}

long io_copy_out(struct io_iter *io, const void *source, size_t n)
{
	return io_copy(io, (void *)source, n, true, false);
}

long io_copy_in(struct io_iter *io, void *destination, size_t n)
{
	return io_copy(io, destination, n, false, false);
}

long io_zero_out(struct io_iter *io, size_t n)
{
	return io_copy(io, NULL, n, true, true);
}

void io_skip(struct io_iter *io, size_t n)
{
	while (n) {
		uint64_t address;
		size_t segment = io_segment(io, &address);
		if (segment == 0)
			return;
		size_t step = n < segment ? n : segment;
		io_advance(io, step);
		n -= step;
	}
}

/*
 * Pipes. A read of an empty pipe waits (POSIX_BLOCK) while a writer
 * exists and returns 0 (end of file) when none does; a write waits for
 * room while a reader exists and fails with EPIPE (and SIGPIPE) when none
 * does; O_NONBLOCK turns each wait into EAGAIN. A write of at most
 * LINUX_PIPE_BUF bytes goes in whole or not at all; a longer one goes in
 * pieces as room appears, so a retried write continues where it stopped:
 * the bytes already written are remembered per process (below), since a
 * retry runs the system call again from the start. Every change wakes the
 * parked calls (posix_wake), which look again.
 */
#include "components/posix/fs/pipe.h"
#include "components/posix/fs/fs.h"

#include "lib/string.h"

/* Long writes that are waiting for room with part of their bytes in. */
#define PIPE_WAITING_WRITES_MAX 64
static struct waiting_write {
	struct process *p;
	struct pipe *pipe;
	size_t total, done;
} waiting_writes[PIPE_WAITING_WRITES_MAX];

static struct waiting_write *waiting_find(struct process *p)
{
	for (unsigned i = 0; i < PIPE_WAITING_WRITES_MAX; i++)
		if (waiting_writes[i].p == p)
			return &waiting_writes[i];
	return NULL;
}

void pipe_forget_process(struct process *p)
{
	struct waiting_write *w = waiting_find(p);
	if (w)
		w->p = NULL;
}

/* A pipe with room for slots pages, empty. */
struct pipe *pipe_new(unsigned slots)
{
	struct pipe *pipe = fs_zalloc(sizeof *pipe);
	if (!pipe)
		return NULL;
	pipe->pages = fs_alloc((size_t)slots * PIPE_SLOT_SIZE);
	pipe->slots = fs_zalloc(slots * sizeof *pipe->slots);
	if (!pipe->pages || !pipe->slots) {
		fs_free(pipe->pages);
		fs_free(pipe->slots);
		fs_free(pipe);
		return NULL;
	}
	pipe->slot_max = slots;
	return pipe;
}

long pipe_create(struct file **reader, struct file **writer, uint32_t flags)
{
	struct vnode *v = vnode_new(LINUX_S_IFIFO | 0600);
	struct pipe *pipe = pipe_new(PIPE_CAPACITY / PIPE_SLOT_SIZE);
	if (!v || !pipe) {
		pipe_free(pipe);
		if (v)
			vnode_forget_if_unused(v); /* its pipe is not set yet */
		return -LINUX_ENFILE;
	}
	v->pipe = pipe;
	pipe->anonymous = true;
	uint32_t status = flags & LINUX_O_NONBLOCK;
	*reader = file_new(v, LINUX_O_RDONLY | status, &pipe_file_ops);
	if (!*reader) {
		vnode_forget_if_unused(v);
		return -LINUX_ENFILE;
	}
	*writer = file_new(v, LINUX_O_WRONLY | status, &pipe_file_ops);
	if (!*writer) {
		(*reader)->refs = 1;
		pipe->readers = 1;
		file_release(*reader);
		return -LINUX_ENFILE;
	}
	pipe->readers = pipe->writers = 1;
	return 0;
}

void pipe_free(struct pipe *pipe)
{
	if (!pipe)
		return;
	for (unsigned i = 0; i < PIPE_WAITING_WRITES_MAX; i++)
		if (waiting_writes[i].pipe == pipe)
			waiting_writes[i].p = NULL;
	fs_free(pipe->pages);
	fs_free(pipe->slots);
	fs_free(pipe);
}

static struct pipe *file_pipe(struct file *f)
{
	return f->vnode->pipe;
}

size_t pipe_readable_bytes(struct file *f)
{
	return file_pipe(f)->count;
}

static unsigned slot_index(const struct pipe *pipe, unsigned n)
{
	return (pipe->head + n) % pipe->slot_max;
}

static uint8_t *slot_page(struct pipe *pipe, unsigned index)
{
	return pipe->pages + (size_t)index * PIPE_SLOT_SIZE;
}

static bool pipe_full(const struct pipe *pipe)
{
	return pipe->used == pipe->slot_max;
}

static long pipe_read(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset)
{
	(void)p;
	(void)offset;
	struct pipe *pipe = file_pipe(f);
	if (io->remaining == 0)
		return 0;
	if (pipe->count == 0) {
		if (pipe->writers == 0)
			return 0;
		return (f->flags & LINUX_O_NONBLOCK) ? -LINUX_EAGAIN : POSIX_BLOCK;
	}
	size_t done = 0;
	while (io->remaining && pipe->used) {
		unsigned index = pipe->head;
		struct pipe_slot *slot = &pipe->slots[index];
		size_t run = slot->length < io->remaining ? slot->length : io->remaining;
		long copied = io_copy_out(io, slot_page(pipe, index) + slot->offset, run);
		if (copied > 0) {
			slot->offset += (uint32_t)copied;
			slot->length -= (uint32_t)copied;
			pipe->count -= (size_t)copied;
			done += (size_t)copied;
		}
		if (slot->length == 0) {
			pipe->head = slot_index(pipe, 1);
			pipe->used--;
		}
		if (copied < 0 || (size_t)copied < run)
			break;
	}
	if (done)
		posix_wake();
	return io_result(done, -LINUX_EFAULT);
}

/* Copies n bytes from the user to page + at. */
static long pipe_copy_in(struct pipe *pipe, struct io_iter *io, unsigned index, uint32_t at, size_t n)
{
	long copied = io_copy_in(io, slot_page(pipe, index) + at, n);
	if (copied > 0) {
		pipe->slots[index].length += (uint32_t)copied;
		pipe->count += (size_t)copied;
	}
	return copied;
}

static long pipe_wait_for_room(struct process *p, struct file *f, struct pipe *pipe, size_t done, size_t total)
{
	if (f->flags & LINUX_O_NONBLOCK)
		return io_result(done, -LINUX_EAGAIN);
	if (done) {
		struct waiting_write *w = waiting_find(p);
		if (!w)
			w = waiting_find(NULL);
		if (!w)
			return (long)done; /* no room to remember: a short write */
		*w = (struct waiting_write){ p, pipe, total, done };
	}
	return POSIX_BLOCK;
}

/*
 * As Linux fills a pipe: the part of a write past its last whole page
 * (total modulo the page size) joins the last slot if it fits there
 * whole; everything else takes fresh slots, a page at a time. So a write
 * of at most a page is never split (PIPE_BUF atomicity), and a pipe is
 * full when its slots are, however little is in the last one.
 */
static long pipe_write(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset)
{
	(void)offset;
	struct pipe *pipe = file_pipe(f);
	size_t total = io->remaining, done = 0;
	struct waiting_write *w = waiting_find(p);
	if (w) {
		if (posix_common(p)->retrying && w->pipe == pipe && w->total == total) {
			done = w->done;
			io_skip(io, done);
		}
		w->p = NULL;
	}
	if (total == 0)
		return 0;
	if (pipe->readers == 0) {
		signal_send(p, LINUX_SIGPIPE);
		return io_result(done, -LINUX_EPIPE);
	}
	size_t partial = total % PIPE_SLOT_SIZE;
	if (done == 0 && partial && pipe->used) {
		unsigned last = slot_index(pipe, pipe->used - 1);
		struct pipe_slot *slot = &pipe->slots[last];
		uint32_t end = slot->offset + slot->length;
		if (end + partial <= PIPE_SLOT_SIZE) {
			long copied = pipe_copy_in(pipe, io, last, end, partial);
			if (copied > 0) {
				done = (size_t)copied;
				posix_wake();
			}
			if (copied < 0 || io->faulted)
				return io_result(done, -LINUX_EFAULT);
		}
	}
	while (done < total) {
		if (pipe_full(pipe))
			return pipe_wait_for_room(p, f, pipe, done, total);
		unsigned index = slot_index(pipe, pipe->used);
		pipe->slots[index] = (struct pipe_slot){ 0, 0 };
		pipe->used++;
		size_t run = total - done < PIPE_SLOT_SIZE ? total - done : PIPE_SLOT_SIZE;
		long copied = pipe_copy_in(pipe, io, index, 0, run);
		if (pipe->slots[index].length == 0)
			pipe->used--; /* nothing arrived: give the slot back */
		if (copied > 0) {
			done += (size_t)copied;
			posix_wake();
		}
		if (copied < 0 || io->faulted)
			return io_result(done, -LINUX_EFAULT);
	}
	return (long)done;
}

static unsigned pipe_poll(struct process *p, struct file *f)
{
	(void)p;
	struct pipe *pipe = file_pipe(f);
	unsigned ready = 0;
	if (file_readable(f)) {
		if (pipe->count)
			ready |= LINUX_POLLIN | LINUX_POLLRDNORM;
		if (pipe->writers == 0)
			ready |= LINUX_POLLHUP;
	}
	if (file_writable(f)) {
		if (!pipe_full(pipe))
			ready |= LINUX_POLLOUT | LINUX_POLLWRNORM;
		if (pipe->readers == 0)
			ready |= LINUX_POLLERR;
	}
	return ready;
}

static long pipe_ioctl(struct process *p, struct file *f, unsigned long request, uint64_t argument)
{
	if (request != LINUX_FIONREAD)
		return -LINUX_ENOTTY;
	int32_t count = (int32_t)file_pipe(f)->count;
	return user_write(p, argument, &count, sizeof count);
}

size_t pipe_room(struct file *f)
{
	struct pipe *pipe = file_pipe(f);
	if (!pipe_full(pipe))
		return (size_t)(pipe->slot_max - pipe->used) * PIPE_SLOT_SIZE;
	struct pipe_slot *last = &pipe->slots[slot_index(pipe, pipe->used - 1)];
	return PIPE_SLOT_SIZE - (last->offset + last->length);
}

long pipe_capacity(struct file *f)
{
	return (long)file_pipe(f)->slot_max * PIPE_SLOT_SIZE;
}

/* F_SETPIPE_SZ: a power of two of pages, at least one; the slots in use
 * move to the new pipe's first slots. */
long pipe_set_capacity(struct file *f, uint64_t requested)
{
	struct pipe *pipe = file_pipe(f);
	uint32_t wanted = (uint32_t)requested;
	if (wanted == 0 || wanted > (1u << 31))
		return -LINUX_EINVAL;
	size_t capacity = PIPE_SLOT_SIZE;
	while (capacity < wanted)
		capacity <<= 1;
	if (capacity > PIPE_CAPACITY_MAX)
		return -LINUX_EPERM;
	unsigned slots = (unsigned)(capacity / PIPE_SLOT_SIZE);
	if (slots < pipe->used)
		return -LINUX_EBUSY;
	if (slots == pipe->slot_max)
		return (long)capacity;
	struct pipe *fresh = pipe_new(slots);
	if (!fresh)
		return -LINUX_ENOMEM;
	for (unsigned n = 0; n < pipe->used; n++) {
		unsigned from = slot_index(pipe, n);
		memcpy(slot_page(fresh, n), slot_page(pipe, from), PIPE_SLOT_SIZE);
		fresh->slots[n] = pipe->slots[from];
	}
	/* The pipe keeps its identity (waiting writes point at it): only its
	 * storage changes. */
	fs_free(pipe->pages);
	fs_free(pipe->slots);
	pipe->pages = fresh->pages;
	pipe->slots = fresh->slots;
	pipe->slot_max = slots;
	pipe->head = 0;
	fs_free(fresh);
	posix_wake();
	return (long)capacity;
}

static void pipe_release(struct file *f)
{
	struct pipe *pipe = file_pipe(f);
	if (file_readable(f))
		pipe->readers--;
	if (file_writable(f))
		pipe->writers--;
	if (pipe->readers == 0 && pipe->writers == 0) {
		/* A FIFO's data goes with its last opener, as on Linux. */
		pipe->head = pipe->used = 0;
		pipe->count = 0;
	}
	posix_wake();
}

const struct file_ops pipe_file_ops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

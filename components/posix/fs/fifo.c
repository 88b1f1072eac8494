/*
 * Opening a pipe by name: a FIFO made by mknod, or a pipe reopened through
 * /dev/fd. As on Linux, a blocking open of one end waits until the other
 * end is open (read-write opens never wait); a non-blocking read open
 * goes ahead, a non-blocking write open with no reader fails with ENXIO.
 *
 * A waiting open parks (POSIX_BLOCK) and is retried, so what it changes
 * must not be changed twice: the first run notes the process here, with
 * the other end's open count it saw, and counts itself as waiting; the
 * other end's open, seeing it waiting, goes ahead and wakes it; the retry
 * goes ahead once the other end has been opened since (even if already
 * closed again), and stops waiting.
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/pipe.h"

#define FIFO_WAITING_MAX 64
static struct fifo_waiter {
	struct process *p;
	struct vnode *v;
	bool reading;
	unsigned seen; /* the other end's open count when it began */
} waiters[FIFO_WAITING_MAX];

static struct fifo_waiter *waiter_find(struct process *p)
{
	for (unsigned i = 0; i < FIFO_WAITING_MAX; i++)
		if (waiters[i].p == p)
			return &waiters[i];
	return NULL;
}

static void waiter_end(struct fifo_waiter *w)
{
	struct pipe *pipe = w->v->pipe;
	if (pipe) {
		if (w->reading)
			pipe->readers_waiting--;
		else
			pipe->writers_waiting--;
	}
	vnode_release(w->v);
	w->p = NULL;
}

void fifo_forget_process(struct process *p)
{
	struct fifo_waiter *w = waiter_find(p);
	if (w)
		waiter_end(w);
}

static long fifo_wait(struct process *p, struct vnode *v, bool reading, unsigned seen)
{
	struct fifo_waiter *w = waiter_find(NULL);
	if (!w)
		return -LINUX_EAGAIN;
	*w = (struct fifo_waiter){ p, v, reading, seen };
	vnode_hold(v); /* it may lose its name meanwhile */
	if (reading)
		v->pipe->readers_waiting++;
	else
		v->pipe->writers_waiting++;
	return POSIX_BLOCK;
}

long fifo_open(struct process *p, struct vnode *v, uint32_t flags)
{
	if (!v->pipe) {
		v->pipe = pipe_new(PIPE_CAPACITY / PIPE_SLOT_SIZE);
		if (!v->pipe)
			return -LINUX_ENOMEM;
	}
	struct pipe *pipe = v->pipe;
	unsigned access = flags & LINUX_O_ACCMODE;
	bool reading = access == LINUX_O_RDONLY, writing = access == LINUX_O_WRONLY;
	struct fifo_waiter *w = waiter_find(p);
	bool resumed = false;
	if (w) {
		resumed = posix_common(p)->retrying && w->v == v && w->reading == reading &&
			  (reading ? pipe->writer_opens : pipe->reader_opens) != w->seen;
		bool still_waiting = posix_common(p)->retrying && w->v == v && !resumed;
		if (still_waiting && (reading ? pipe->writers : pipe->readers) == 0)
			return POSIX_BLOCK;
		waiter_end(w);
	}
	if (reading && !resumed && pipe->writers == 0 && pipe->writers_waiting == 0 &&
	    !(flags & LINUX_O_NONBLOCK))
		return fifo_wait(p, v, true, pipe->writer_opens);
	if (writing && !resumed && pipe->readers == 0 && pipe->readers_waiting == 0) {
		if (flags & LINUX_O_NONBLOCK)
			return -LINUX_ENXIO;
		return fifo_wait(p, v, false, pipe->reader_opens);
	}
	if (access == LINUX_O_RDONLY || access == LINUX_O_RDWR) {
		pipe->readers++;
		pipe->reader_opens++;
	}
	if (access == LINUX_O_WRONLY || access == LINUX_O_RDWR) {
		pipe->writers++;
		pipe->writer_opens++;
	}
	posix_wake();
	return 0;
}

/* An open that got its counts but then no file: takes them back. */
void fifo_open_undo(struct vnode *v, uint32_t flags)
{
	unsigned access = flags & LINUX_O_ACCMODE;
	if (access == LINUX_O_RDONLY || access == LINUX_O_RDWR)
		v->pipe->readers--;
	if (access == LINUX_O_WRONLY || access == LINUX_O_RDWR)
		v->pipe->writers--;
	posix_wake();
}

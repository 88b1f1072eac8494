/* Pipes (pipe.c): 64 KiB in page-sized slots, shared by a read end and a
 * write end. */
#ifndef POSIX_FS_PIPE_H
#define POSIX_FS_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct process;

#define PIPE_CAPACITY (64u << 10)      /* to begin with */
#define PIPE_CAPACITY_MAX (1u << 20)   /* Linux's pipe-max-size */

#define PIPE_SLOT_SIZE 4096u

/* One page of the pipe: bytes [offset, offset + length) of its page are
 * waiting to be read. */
struct pipe_slot {
	uint32_t offset, length;
};

struct pipe {
	uint8_t *pages;            /* slot_max pages */
	struct pipe_slot *slots;   /* a ring: used slots from head */
	unsigned slot_max, head, used;
	size_t count;              /* bytes waiting */
	unsigned readers, writers; /* open files of each end */
	bool anonymous;            /* pipe()'s, not a named FIFO's */
	/* Named FIFOs: opens so far of each end, and blocking opens parked
	 * waiting for the other end (fifo.c). */
	unsigned reader_opens, writer_opens;
	unsigned readers_waiting, writers_waiting;
};

struct pipe *pipe_new(unsigned slots);

void pipe_free(struct pipe *pipe);
/* A process goes: forget a write of it that was waiting for room. */
void pipe_forget_process(struct process *p);

#endif

/*
 * Helpers shared by the IPC suite's files (user/test-ipc): worker threads
 * in the root's own address space and capability space, each with its own
 * stack and (optionally) its own IPC buffer, running a body that works on
 * a struct worker the root can read; the IPC objects; bounded waits so a
 * wrong nucleus fails a test instead of hanging the suite.
 *
 * Timing: a test runs the root at TEST_PRIORITY and its workers usually at
 * HIGH_PRIORITY, so a worker runs as soon as it can (when started, when a
 * message wakes it) until it blocks: the sequence of events is fixed by
 * priorities, not by luck.
 */
#ifndef USER_TEST_IPC_IPC_TESTS_H
#define USER_TEST_IPC_IPC_TESTS_H

#include <stdbool.h>
#include <stdint.h>

#include "user/lib/utest.h"

#define TEST_PRIORITY 100
#define HIGH_PRIORITY 150
#define LOW_PRIORITY 50
/* How long the root waits for something that should happen (timer ticks). */
#define WAIT_TICKS 100
/* The root never receives without a timeout: a missing message fails the
 * test rather than hanging the suite. */
#define ROOT_TIMEOUT_NS 500000000ull
#define MS 1000000ull

#define READ_WRITE (ST_RIGHT_READ | ST_RIGHT_WRITE)
#define VECTOR_DIVIDE 0
#define VECTOR_BREAKPOINT 3
#define VECTOR_INVALID_OPCODE 6
#define VECTOR_GENERAL_PROTECTION 13
#define VECTOR_PAGE_FAULT 14
#define PF_USER (1u << 2)

struct worker;
typedef void worker_body(struct worker *w);

struct worker {
	uint32_t thread;              /* its capability in the root CNode */
	struct st_ipc_buffer *buffer; /* its IPC buffer (NULL: none) */
	uint32_t buffer_frame;        /* the frame under it (0: none) */
	worker_body *body;
	uint64_t endpoint, reply, notification; /* what the body works with */
	uint64_t argument[4];         /* anything else the body needs */
	struct st_message message;    /* what it sends; what it received */
	volatile long result;         /* the error of its (last) IPC call */
	volatile uint64_t steps;      /* bodies count their progress here */
	volatile uint64_t done;       /* set when the body has returned */
};

#define WORKER_COUNT 10
enum worker_flags {
	WORKER_BUFFER = 1u << 0, /* give it an IPC buffer of its own */
};

/* Every test starts with this: the root at TEST_PRIORITY, no workers. */
void begin(void);

/* A worker running body at priority, configured (root CNode and address
 * space, no fault handler) but not resumed. */
struct worker *worker_make(worker_body *body, unsigned priority, unsigned flags);
/* The same in a thread object the test made (in slot thread). */
struct worker *worker_make_in(uint32_t thread, worker_body *body, unsigned priority, unsigned flags);
/* The same, resumed. */
struct worker *worker_start(worker_body *body, unsigned priority, unsigned flags);
void worker_resume(struct worker *w);
/* Reconfigures it with this capability space (0: the root CNode) and fault
 * handler (a slot reference in that space), keeping its IPC buffer. */
void worker_configure(struct worker *w, uint64_t cspace, uint64_t fault_handler);

/* Waits (yielding) until the worker's body returned; true if it did. */
bool worker_finished(struct worker *w);
/* Waits until the thread is in this state; true if it got there. */
bool wait_state(uint32_t thread, unsigned state);
/* The thread's state now (0xff if it cannot be read). */
unsigned state_of(uint32_t thread);
/* Its fault vector (valid once faulted). */
unsigned fault_vector_of(uint32_t thread);

/* The root's IPC buffer (utest_ipc_buffer) serves its long messages and
 * capability transfers; the harness's revoke takes it away afterwards. */

/* The root's receive: bounded by ROOT_TIMEOUT_NS. */
long root_recv(uint64_t endpoint, uint64_t reply, struct st_message *message);

/* Objects and derived capabilities in fresh root slots. */
uint32_t new_endpoint(void);
uint32_t new_reply(void);
uint32_t new_notification(void);
/* The type of the capability in slot (ST_OBJECT_NULL if empty). */
unsigned cap_type(uint32_t slot);

/* A message: info (label, count words, no caps) and the four register
 * words (whatever count says: a sender's registers beyond it must not
 * reach the receiver). */
struct st_message msg(uint64_t label, unsigned count, uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3);

/* Time, from the TSC. */
uint64_t tsc_now(void);
uint64_t ns_since(uint64_t tsc_start);

/* Common bodies: one IPC call on w->endpoint (w->reply for receives) with
 * w->message, the error in w->result. */
void body_send(struct worker *w);
void body_call(struct worker *w);
void body_recv(struct worker *w);
void body_wait(struct worker *w);  /* w->notification; the bits in message.badge */
void body_sleep(struct worker *w); /* argument[0] ns */

/* The error of IPC system call `number` on cap with message, made by a
 * worker without an IPC buffer (-1 if it blocked): for calls that should
 * fail, which would hang the root if they blocked instead. */
long ipc_in_worker(uint64_t number, uint64_t cap, struct st_message message);

/* An address in the test area with nothing mapped there. */
uint64_t unmapped_address(void);

#endif

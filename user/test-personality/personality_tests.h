/*
 * The personality suite (user/test-personality): Linux system calls
 * handed to a server or to an upcall entry (ST_SYS_THREAD_SET_PERSONALITY),
 * the FS base in the register set, copies between address spaces
 * (ST_SYS_VSPACE_COPY) and console=user. docs/personality.md describes what
 * is tested.
 *
 * A Linux system call is made by linux_probe (probe.c): it loads every
 * register from the probe page, executes `syscall` with no
 * ST_SYSCALL_NATIVE bit, and stores every register back, so a test sees
 * exactly what the server or upcall entry got and what the thread got
 * back. The probe page sits at the same address in every thread that uses
 * it: a worker thread of the root's own process, or the peer, a second
 * copy of this program loaded as a process of its own (peer.c).
 *
 * Timing, as in the IPC suite: the root runs at TEST_PRIORITY, workers and
 * the peer usually at HIGH_PRIORITY, so they run as soon as they can until
 * they block; the order of events follows from priorities.
 */
#ifndef USER_TEST_PERSONALITY_PERSONALITY_TESTS_H
#define USER_TEST_PERSONALITY_PERSONALITY_TESTS_H

#include <stdbool.h>
#include <stdint.h>

#include "user/lib/utest.h"

#define TEST_PRIORITY 100
#define HIGH_PRIORITY 150
#define LOW_PRIORITY 50
#define WAIT_TICKS 100
#define ROOT_TIMEOUT_NS 500000000ull
#define READ_WRITE (ST_RIGHT_READ | ST_RIGHT_WRITE)
#define VECTOR_PAGE_FAULT 14

/* The probe page: fixed, below 2 GiB so the probe's instructions can name
 * it without a register (absolute 32-bit addresses). */
#define PROBE_PAGE 0x20000000ull

/* Register indices in the probe's arrays (the trap frame's order is not
 * needed: this is the order of the hardware numbering). */
enum probe_register {
	R_RAX, R_RBX, R_RCX, R_RDX, R_RSI, R_RDI, R_RBP, R_RSP,
	R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
	PROBE_REGISTERS
};

struct probe {
	uint64_t in[PROBE_REGISTERS];     /* loaded before the syscall (rsp ignored) */
	uint64_t out[PROBE_REGISTERS];    /* stored after it */
	uint64_t upcall[PROBE_REGISTERS]; /* what the upcall entry found */
	uint64_t rflags_before;           /* rflags at the syscall instruction */
	uint64_t saved_rsp;               /* the stack pointer at the syscall */
	uint64_t upcall_result;           /* what the upcall entry returns in rax */
	uint64_t upcall_count;            /* times the upcall entry ran */
	/* The peer's orders and progress (peer.c). */
	uint64_t peer_steps;
	uint64_t peer_native_result;
	uint64_t peer_done;
};
_Static_assert(sizeof(struct probe) <= 4096, "the probe fits its page");

/* The probe's instructions (probe.c). */
void linux_probe(void);
extern char linux_probe_syscall[], linux_probe_after[], upcall_entry[];

/* Maps a fresh frame at PROBE_PAGE in the root (and, if vspace is not 0,
 * at the same address there too) and fills `in` with distinct values, rax
 * = number; the root's view of it. */
struct probe *probe_setup(uint64_t number, uint32_t vspace);
/* The register values a thread must find after a forwarded call: what it
 * loaded, but rax = result; rcx, r11 are not compared. Counts differences
 * and prints them. */
unsigned probe_differences(const struct probe *p, uint64_t result);

/* Worker threads in the root's own process and capability space. */
struct worker;
typedef void worker_body(struct worker *w);
struct worker {
	uint32_t thread;
	worker_body *body;
	uint64_t argument[4];
	volatile long result;
	volatile uint64_t steps;
	volatile uint64_t done;
};

void begin(void);
/* Configured (root CNode and address space, fault handler as given: a
 * root slot, 0 none), registers set to run body, priority set; not
 * resumed. */
struct worker *worker_make(worker_body *body, unsigned priority, uint64_t fault_handler);
void worker_resume(struct worker *w);
bool worker_finished(struct worker *w);
/* A worker that runs linux_probe once, then returns (steps = 1 after the
 * probe), in personality mode with handler; started. */
struct worker *probe_worker(unsigned mode, uint64_t handler, unsigned priority);
void body_probe(struct worker *w);

unsigned state_of(uint32_t thread);
bool wait_state(uint32_t thread, unsigned state);

/* The root's receive, bounded. */
long root_recv(uint64_t endpoint, uint64_t reply, struct st_message *message);

uint32_t new_endpoint(void);
uint32_t new_reply(void);

/* A message of count words (label 0). */
struct st_message reply_message(unsigned count, uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3);

/* The peer: this program's second copy (boot module), as a process. */
struct peer {
	struct st_process process;
	struct probe *probe; /* the root's view of the shared probe page */
};
/* Slots of the peer's CNode. */
#define PEER_ENDPOINT 4
enum peer_mode {
	PEER_PROBE = 1, /* linux_probe, then native calls (yield), then exit */
};
/* The peer made (not started): probe page shared, endpoint (with rights and
 * badge, 0 for none) in PEER_ENDPOINT of its CNode, its thread in a
 * Linux personality with that slot as handler (if endpoint is not 0). */
bool peer_create(struct peer *p, uint64_t number, uint32_t endpoint, unsigned rights, uint64_t badge);
void peer_start(struct peer *p, unsigned mode, unsigned priority);
/* The process's entry in the peer (peer.c). */
extern char peer_entry[];

uint64_t tsc_now(void);

#endif

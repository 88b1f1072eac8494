/*
 * A Linux process as the personality keeps it (the process side's half of
 * struct process; posix.h's posix_process_common is the part the file side
 * shares). Each runs in a shell (thread, address space, CNode) and is
 * known to the server by the badge of its endpoint capability: its pid.
 */
#ifndef POSIX_PROCESS_H
#define POSIX_PROCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "components/posix/memory.h"
#include "components/posix/objects.h"
#include "components/posix/posix.h"
#include "components/posix/signal.h"

#define PROCESS_PID_MAX 32768
#define PROCESS_MAX 1000 /* alive and zombie at once */
#define PROCESS_COMM_MAX 16
#define PROCESS_RLIMIT_COUNT 16

enum process_state {
	PROCESS_ALIVE,
	PROCESS_ZOMBIE, /* exited, waiting for its parent to collect the status */
};

/* The system call or fault the server holds the process in (its thread is
 * blocked waiting for the reply that `reply` holds). */
enum call_state {
	CALL_NONE,    /* the process is running (or queued on the endpoint) */
	CALL_RUNNING, /* being handled right now */
	CALL_PARKED,  /* a blocking call, to run again after posix_wake() or its deadline */
	CALL_DONE,    /* result known, reply to send */
};

struct call {
	enum call_state state;
	bool fault;         /* a fault message (the reply resumes it), not a system call */
	uint32_t reply;     /* the reply object holding the thread */
	uint64_t number;    /* the Linux system call number */
	uint64_t args[6];
	long result;        /* CALL_DONE: word 0 of the reply (its rax) */
	bool restart;       /* interrupted by a SA_RESTART handler: made again after it */
	bool uninterruptible; /* parked where handlers must wait (vfork) */
	struct process *next_done; /* the server's list of replies to send */
};

struct process {
	struct posix_process_common common;
	enum process_state state;
	struct shell *shell;
	uint64_t thread, vspace; /* slot references (the shell's) */
	struct mm mm;
	struct process *list_next, *list_previous; /* every process */
	struct process *parent, *children, *next_sibling;
	struct process *next_free; /* reaped, to free after this message */
	struct call call;
	struct signal_state signals;
	/* Job control: stopped by a signal; whether the server suspended its
	 * thread for it; what its parent's wait may still report. */
	bool stopped, suspended;
	int stop_signal;
	bool report_stop, report_continue;
	bool signal_check; /* a signal was sent since delivery last looked */
	/* exo: a signal came while the library OS ran for the program; it is
	 * tried again at signal_retry_ns. */
	bool signal_deferred;
	uint64_t signal_retry_ns;
	int exit_signal;   /* sent to the parent at exit (SIGCHLD, or 0) */
	int wait_status;   /* the zombie's status, as wait4 encodes it */
	uint64_t clear_child_tid;
	struct process *vfork_parent; /* waits (parked) until we exec or exit */
	int vfork_child;              /* the pid we wait for that way */
	uint64_t start_ns;
	uint64_t alarm_deadline;   /* SIGALRM at this posix_now_ns(), 0: none */
	uint64_t alarm_interval;
	uint64_t rlimits[PROCESS_RLIMIT_COUNT][2]; /* soft, hard */
	char comm[PROCESS_COMM_MAX];
	char *exe_path;            /* the program it runs (for /proc/self/exe) */
	size_t exe_path_size;
};

static inline struct process *process_of(struct posix_process_common *common)
{
	return (struct process *)common;
}

/* endpoint: the root slot of the server's endpoint (badged copies of it
 * are the processes' handlers). */
void process_table_init(uint32_t endpoint);

/* Every live or zombie process: lookup by pid, iteration. */
struct process *process_first(void);
struct process *process_next(struct process *p);
unsigned process_count(void);

/* A new process with a fresh pid, its shell and an empty address space
 * (its thread not started); NULL when memory or pids have run out. */
struct process *process_create(struct process *parent);
/* Undoes process_create for a process that never ran. */
void process_destroy(struct process *p);
/* Starts (or continues) the process's thread from registers. */
long process_start(struct process *p, const struct st_registers *registers);

/* Ends the process with a wait status (exit code << 8, or the signal):
 * closes its files, frees its memory, makes it a zombie for its parent,
 * reparents its children. Safe whatever the process was doing. */
void process_exit(struct process *p, int wait_status);
/* Frees a zombie (its parent collected it). */
void process_reap(struct process *p);
/* Frees what process_reap left for after the current message. */
void process_free_reaped(void);

/* Stops the process's thread so that it runs no further until resumed:
 * its pending reply, if the server held one, is abandoned (a system call
 * is then made again when it runs). */
void process_suspend(struct process *p);

void process_set_comm(struct process *p, const char *name);
/* Remembers the path of the program it now runs; false if out of memory. */
bool process_set_exe(struct process *p, const char *path);

/* A vfork child execs or exits: its parent's clone returns now. */
void process_vfork_release(struct process *child);

/* The first process: it runs init and its exit ends the system. */
extern struct process *init_process;
void process_init_exited(int wait_status);

#endif

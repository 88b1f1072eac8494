/*
 * Linux signals: per-process actions, mask and pending set, sending, and
 * delivery with Linux's x86-64 signal frame on the user stack (so
 * unmodified C libraries' handlers and sa_restorer trampolines work).
 */
#ifndef POSIX_SIGNAL_H
#define POSIX_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#define LINUX_SIGHUP 1
#define LINUX_SIGINT 2
#define LINUX_SIGQUIT 3
#define LINUX_SIGILL 4
#define LINUX_SIGTRAP 5
#define LINUX_SIGABRT 6
#define LINUX_SIGBUS 7
#define LINUX_SIGFPE 8
#define LINUX_SIGKILL 9
#define LINUX_SIGUSR1 10
#define LINUX_SIGSEGV 11
#define LINUX_SIGUSR2 12
#define LINUX_SIGPIPE 13
#define LINUX_SIGALRM 14
#define LINUX_SIGTERM 15
#define LINUX_SIGCHLD 17
#define LINUX_SIGCONT 18
#define LINUX_SIGSTOP 19
#define LINUX_SIGTSTP 20
#define LINUX_SIGTTIN 21
#define LINUX_SIGTTOU 22
#define LINUX_SIGURG 23
#define LINUX_SIGWINCH 28
#define LINUX_SIGSYS 31
#define LINUX_NSIG 64

#define SIGNAL_BIT(sig) (1ull << ((sig) - 1))

#define LINUX_SIG_DFL 0
#define LINUX_SIG_IGN 1

#define LINUX_SA_NOCLDSTOP 0x00000001u
#define LINUX_SA_NOCLDWAIT 0x00000002u
#define LINUX_SA_SIGINFO 0x00000004u
#define LINUX_SA_RESTORER 0x04000000u
#define LINUX_SA_ONSTACK 0x08000000u
#define LINUX_SA_RESTART 0x10000000u
#define LINUX_SA_NODEFER 0x40000000u
#define LINUX_SA_RESETHAND 0x80000000u

/* si_code values. */
#define LINUX_SI_USER 0
#define LINUX_SI_KERNEL 0x80
#define LINUX_SI_TKILL (-6)
#define LINUX_CLD_EXITED 1
#define LINUX_CLD_KILLED 2
#define LINUX_CLD_DUMPED 3
#define LINUX_CLD_STOPPED 5
#define LINUX_CLD_CONTINUED 6
#define LINUX_SEGV_MAPERR 1
#define LINUX_SEGV_ACCERR 2

/* The kernel's struct sigaction on x86-64 (as rt_sigaction takes it). */
struct linux_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

/* What a pending signal carries into its siginfo. */
struct signal_info {
	int code;
	int pid, uid;
	int status;        /* SIGCHLD */
	uint64_t address;  /* faults */
	int trap, error;   /* faults: vector and error code, for the sigcontext */
	uint64_t value;    /* sigqueue's value (si_value) */
};

struct signal_state {
	struct linux_sigaction actions[LINUX_NSIG + 1];
	uint64_t blocked, pending;
	struct signal_info info[LINUX_NSIG + 1];
	uint64_t altstack_base, altstack_size;
	int altstack_flags;
	/* rt_sigsuspend: the mask to put back once a handler has run. */
	bool restore_mask;
	uint64_t saved_mask;
};

struct process;

/* Marks the signal pending with its information (sending from user
 * space uses signal_send in posix.h: SI_USER from the caller). */
void signal_post(struct process *p, int signal, const struct signal_info *info);
/* A signal the process cannot block or ignore away (a fault it caused):
 * if blocked or ignored, the default action (termination) applies. */
void signal_force(struct process *p, int signal, const struct signal_info *info);

/* Acts on p's deliverable signals, whatever p is doing (see server.c). */
void signal_deliver(struct process *p);

/* ppoll and pselect6: mask is the signal mask while the call waits. */
void posix_sigmask_during_call(struct process *p, uint64_t mask);

/* After exec: handlers back to default (ignored ones stay ignored). */
void signal_exec(struct process *p);
/* A new process: the parent's actions and mask, nothing pending. */
void signal_fork(struct process *child, struct process *parent);

/* The wait status word of a process killed by signal. */
int signal_wait_status(int signal);

#endif

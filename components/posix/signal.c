/*
 * Signals: what is pending and blocked, what each signal does by default,
 * and delivery. A signal is acted on when the server holds the process
 * (at the return from its system call or fault: CALL_DONE), by
 * interrupting a parked call (EINTR, or a restart with SA_RESTART), or,
 * for a process that is running, by suspending its thread first, so that
 * its registers can be read and rewritten while it stands still.
 */
#include "components/posix/signal.h"

#include "components/posix/context.h"
#include "components/posix/placement.h"
#include "components/posix/process.h"
#include "components/posix/server.h"
#include "components/posix/signal_frame.h"
#include "components/posix/time.h"
#include "lib/string.h"

#define UNBLOCKABLE (SIGNAL_BIT(LINUX_SIGKILL) | SIGNAL_BIT(LINUX_SIGSTOP))
#define STOP_SIGNALS                                                                                      \
	(SIGNAL_BIT(LINUX_SIGSTOP) | SIGNAL_BIT(LINUX_SIGTSTP) | SIGNAL_BIT(LINUX_SIGTTIN) |                \
	 SIGNAL_BIT(LINUX_SIGTTOU))

enum default_action { ACTION_TERMINATE, ACTION_CORE, ACTION_IGNORE, ACTION_STOP, ACTION_CONTINUE };

static enum default_action default_action(int signal)
{
	switch (signal) {
	case LINUX_SIGCHLD:
	case LINUX_SIGURG:
	case LINUX_SIGWINCH:
		return ACTION_IGNORE;
	case LINUX_SIGCONT:
		return ACTION_CONTINUE;
	case LINUX_SIGSTOP:
	case LINUX_SIGTSTP:
	case LINUX_SIGTTIN:
	case LINUX_SIGTTOU:
		return ACTION_STOP;
	case LINUX_SIGQUIT:
	case LINUX_SIGILL:
	case LINUX_SIGTRAP:
	case LINUX_SIGABRT:
	case LINUX_SIGBUS:
	case LINUX_SIGFPE:
	case LINUX_SIGSEGV:
	case 24: /* SIGXCPU */
	case 25: /* SIGXFSZ */
	case LINUX_SIGSYS:
		return ACTION_CORE;
	default:
		return ACTION_TERMINATE;
	}
}

/* Whether the signal, delivered now, would do nothing at all. */
static bool ignored(const struct process *p, int signal)
{
	uint64_t handler = p->signals.actions[signal].handler;
	if (signal == LINUX_SIGKILL || signal == LINUX_SIGSTOP)
		return false;
	if (handler == LINUX_SIG_IGN)
		return true;
	return handler == LINUX_SIG_DFL &&
	       (default_action(signal) == ACTION_IGNORE || default_action(signal) == ACTION_CONTINUE);
}

int signal_wait_status(int signal)
{
	/* No core files are written, so the "core dumped" bit stays clear. */
	return signal & 0x7f;
}

/* The parent hears of a stop or continue unless it asked not to. */
static void notify_parent(struct process *p, int code, int status)
{
	struct process *parent = p->parent;
	if (!parent || parent->state != PROCESS_ALIVE)
		return;
	if (parent->signals.actions[LINUX_SIGCHLD].flags & LINUX_SA_NOCLDSTOP)
		return;
	struct signal_info info = { .code = code, .pid = p->common.pid, .status = status };
	signal_post(parent, LINUX_SIGCHLD, &info);
}

static void continue_process(struct process *p)
{
	p->signals.pending &= ~STOP_SIGNALS;
	if (!p->stopped)
		return;
	p->stopped = false;
	p->report_stop = false;
	p->report_continue = true;
	p->signal_check = true; /* what was sent while it was stopped is due now */
	if (p->suspended) {
		p->suspended = false;
		st_thread_resume(p->thread);
	}
	notify_parent(p, LINUX_CLD_CONTINUED, LINUX_SIGCONT);
	posix_wake(); /* its parked call may go on; a parent may wait for it */
}

static void stop_process(struct process *p, int signal)
{
	p->stopped = true;
	p->stop_signal = signal;
	p->report_stop = true;
	p->report_continue = false;
	if (p->call.state == CALL_NONE && !p->suspended) {
		st_thread_suspend(p->thread);
		p->suspended = true;
	}
	/* A held reply is sent first, then the thread is suspended
	 * (server.c); a parked call stays parked until it continues. */
	notify_parent(p, LINUX_CLD_STOPPED, signal);
	posix_wake();
}

void signal_post(struct process *p, int signal, const struct signal_info *info)
{
	if (!p || p->state != PROCESS_ALIVE || signal < 1 || signal > LINUX_NSIG)
		return;
	uint64_t bit = SIGNAL_BIT(signal);
	if (signal == LINUX_SIGCONT)
		continue_process(p);
	if (STOP_SIGNALS & bit)
		p->signals.pending &= ~SIGNAL_BIT(LINUX_SIGCONT);
	/* An ignored signal is dropped when sent, unless blocked (it may be
	 * unignored before it is unblocked). */
	if (ignored(p, signal) && !(p->signals.blocked & bit))
		return;
	if (!(p->signals.pending & bit) || signal > 31) {
		p->signals.info[signal] = *info;
	}
	p->signals.pending |= bit;
	p->signal_check = true;
	if (p->call.state == CALL_PARKED)
		posix_wake(); /* it may be waiting for this one (rt_sigtimedwait) */
}

void signal_send(struct process *p, int signal)
{
	struct signal_info info = { .code = LINUX_SI_KERNEL };
	signal_post(p, signal, &info);
}

void signal_send_group(int pgid, int signal)
{
	for (struct process *p = process_first(); p; p = process_next(p)) {
		if (p->state == PROCESS_ALIVE && p->common.pgid == pgid)
			signal_send(p, signal);
	}
}

void signal_force(struct process *p, int signal, const struct signal_info *info)
{
	struct linux_sigaction *a = &p->signals.actions[signal];
	uint64_t bit = SIGNAL_BIT(signal);
	if ((p->signals.blocked & bit) || a->handler == LINUX_SIG_IGN) {
		a->handler = LINUX_SIG_DFL;
		p->signals.blocked &= ~bit;
	}
	p->signals.info[signal] = *info;
	p->signals.pending |= bit;
	p->signal_check = true;
}

/* The next signal to act on (lowest number first), 0 if none. Pending
 * signals that would do nothing are dropped on the way. */
static int next_signal(struct process *p)
{
	for (;;) {
		uint64_t ready = p->signals.pending & ~(p->signals.blocked & ~UNBLOCKABLE);
		if (p->stopped)
			ready &= SIGNAL_BIT(LINUX_SIGKILL); /* only SIGKILL reaches a stopped process */
		if (!ready)
			return 0;
		int signal = __builtin_ctzll(ready) + 1;
		if (!ignored(p, signal))
			return signal;
		p->signals.pending &= ~SIGNAL_BIT(signal);
	}
}

/* System calls that a handler never restarts (Linux's ERESTARTNOHAND and
 * restart-block calls, and those that exist to wait for a signal). */
static bool restartable(uint64_t number)
{
	switch (number) {
	case LINUX_SYS_pause:
	case LINUX_SYS_rt_sigsuspend:
	case LINUX_SYS_nanosleep:
	case LINUX_SYS_clock_nanosleep:
	case LINUX_SYS_select:
	case LINUX_SYS_pselect6:
	case LINUX_SYS_poll:
	case LINUX_SYS_ppoll:
	case LINUX_SYS_epoll_wait:
	case LINUX_SYS_epoll_pwait:
	case LINUX_SYS_rt_sigtimedwait:
		return false;
	default:
		return true;
	}
}

/* Runs the handler of signal in p: a signal frame on its stack, its
 * registers pointed at the handler. */
#define SIGNAL_RETRY_NS 1000000 /* 1 ms */

static void run_handler(struct process *p, int signal)
{
	struct linux_sigaction action = p->signals.actions[signal];
	struct signal_info info = p->signals.info[signal];
	struct st_registers registers;
	bool outside = p->call.state == CALL_NONE;
	if (p->call.state == CALL_PARKED) {
		/* Finished meanwhile? Then the result stands; if not, the wait
		 * ends (a handler with SA_RESTART makes the call again). */
		call_retry(p);
		if (p->state != PROCESS_ALIVE)
			return;
		if (p->call.state == CALL_PARKED) {
			p->call.restart = (action.flags & LINUX_SA_RESTART) && restartable(p->call.number);
			time_sleep_interrupted(p);
			call_complete(p, -LINUX_EINTR);
		}
	}
	if (outside)
		st_thread_suspend(p->thread);
	if (context_read(p, &registers) != ST_OK) {
		process_exit(p, signal_wait_status(LINUX_SIGSEGV));
		return;
	}
	if (outside && placement_in_libos(registers.rip)) {
		/* The library OS is answering a call of the program's by itself:
		 * the program's registers are out of reach until it returns. */
		st_thread_resume(p->thread);
		p->signals.pending |= SIGNAL_BIT(signal);
		p->signal_deferred = true;
		p->signal_retry_ns = posix_now_ns() + SIGNAL_RETRY_NS;
		return;
	}
	if (!outside && !p->call.fault) {
		if (p->call.restart) {
			registers.rip -= 2; /* back onto the syscall instruction */
			registers.rax = p->call.number;
			p->call.restart = false;
		} else {
			registers.rax = (uint64_t)p->call.result;
		}
	}
	uint64_t mask = p->signals.blocked;
	if (p->signals.restore_mask) {
		/* rt_sigsuspend: the handler returns to the mask from before it. */
		mask = p->signals.saved_mask;
		p->signals.restore_mask = false;
	}
	if (signal_frame_push(p, signal, &action, &info, mask, &registers) != 0 ||
	    context_write(p, &registers) != ST_OK) {
		process_exit(p, signal_wait_status(LINUX_SIGSEGV));
		return;
	}
	p->signals.blocked |= action.mask;
	if (!(action.flags & LINUX_SA_NODEFER))
		p->signals.blocked |= SIGNAL_BIT(signal);
	p->signals.blocked &= ~UNBLOCKABLE;
	if (action.flags & LINUX_SA_RESETHAND) {
		p->signals.actions[signal].handler = LINUX_SIG_DFL;
		p->signals.actions[signal].flags &= ~LINUX_SA_SIGINFO;
	}
	if (outside)
		st_thread_resume(p->thread);
	else
		p->call.result = (long)registers.rax; /* the reply sets rax */
}

void signal_deliver(struct process *p)
{
	for (unsigned guard = 0; guard < LINUX_NSIG && p->state == PROCESS_ALIVE; guard++) {
		if (p->call.state == CALL_RUNNING)
			return; /* at the end of the call */
		if (p->call.state == CALL_PARKED && p->call.uninterruptible &&
		    !(p->signals.pending & SIGNAL_BIT(LINUX_SIGKILL)))
			return; /* after the wait */
		int signal = next_signal(p);
		if (!signal)
			return;
		p->signals.pending &= ~SIGNAL_BIT(signal);
		uint64_t handler = p->signals.actions[signal].handler;
		if (handler != LINUX_SIG_DFL && signal != LINUX_SIGKILL && signal != LINUX_SIGSTOP) {
			run_handler(p, signal);
			if (p->signal_deferred)
				return;
			continue;
		}
		switch (default_action(signal)) {
		case ACTION_STOP:
			stop_process(p, signal);
			return;
		case ACTION_TERMINATE:
		case ACTION_CORE:
			process_exit(p, signal_wait_status(signal));
			return;
		default:
			break;
		}
	}
}

void signal_exec(struct process *p)
{
	for (int signal = 1; signal <= LINUX_NSIG; signal++) {
		struct linux_sigaction *a = &p->signals.actions[signal];
		if (a->handler != LINUX_SIG_IGN)
			*a = (struct linux_sigaction){ .handler = LINUX_SIG_DFL };
	}
	p->signals.altstack_base = p->signals.altstack_size = 0;
	p->signals.altstack_flags = 0;
}

void signal_fork(struct process *child, struct process *parent)
{
	memcpy(child->signals.actions, parent->signals.actions, sizeof child->signals.actions);
	child->signals.blocked = parent->signals.blocked;
	child->signals.pending = 0;
	child->signals.altstack_base = parent->signals.altstack_base;
	child->signals.altstack_size = parent->signals.altstack_size;
	child->signals.altstack_flags = parent->signals.altstack_flags;
}

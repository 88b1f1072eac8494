/*
 * The signal system calls: actions, the mask, waiting for signals,
 * returning from handlers, and sending (kill, tkill, tgkill). Each process
 * has one thread, so a thread id is its pid.
 */
#include "components/posix/context.h"
#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"
#include "components/posix/signal_frame.h"
#include "lib/string.h"

#define UNBLOCKABLE (SIGNAL_BIT(LINUX_SIGKILL) | SIGNAL_BIT(LINUX_SIGSTOP))
#define SIGSET_SIZE 8
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define RFLAGS_USER_CHANGEABLE 0x254dd5ull /* CF PF AF ZF SF TF DF OF RF AC ID (Linux's FIX_EFLAGS) */

static bool valid_signal(uint64_t signal)
{
	return signal >= 1 && signal <= LINUX_NSIG;
}

long linux_rt_sigaction(struct process *p, const uint64_t a[6])
{
	uint64_t signal = a[0], new_address = a[1], old_address = a[2];
	if (a[3] != SIGSET_SIZE || !valid_signal(signal))
		return -LINUX_EINVAL;
	struct linux_sigaction action;
	if (new_address) {
		if (signal == LINUX_SIGKILL || signal == LINUX_SIGSTOP)
			return -LINUX_EINVAL;
		if (user_read(p, new_address, &action, sizeof action))
			return -LINUX_EFAULT;
	}
	if (old_address && user_write(p, old_address, &p->signals.actions[signal], sizeof action))
		return -LINUX_EFAULT;
	if (new_address) {
		action.mask &= ~UNBLOCKABLE;
		p->signals.actions[signal] = action;
		/* Pending signals now ignored are dropped (SIGCHLD's default
		 * is to ignore, too). */
		if (action.handler == LINUX_SIG_IGN ||
		    (action.handler == LINUX_SIG_DFL &&
		     (signal == LINUX_SIGCHLD || signal == LINUX_SIGURG || signal == LINUX_SIGWINCH)))
			p->signals.pending &= ~SIGNAL_BIT(signal);
	}
	return 0;
}

long linux_rt_sigprocmask(struct process *p, const uint64_t a[6])
{
	uint64_t how = a[0], set_address = a[1], old_address = a[2];
	if (a[3] != SIGSET_SIZE)
		return -LINUX_EINVAL;
	uint64_t set = 0, old = p->signals.blocked;
	if (set_address) {
		if (how > SIG_SETMASK)
			return -LINUX_EINVAL;
		if (user_read(p, set_address, &set, sizeof set))
			return -LINUX_EFAULT;
	}
	if (old_address && user_write(p, old_address, &old, sizeof old))
		return -LINUX_EFAULT;
	if (set_address) {
		if (how == SIG_BLOCK)
			p->signals.blocked |= set;
		else if (how == SIG_UNBLOCK)
			p->signals.blocked &= ~set;
		else
			p->signals.blocked = set;
		p->signals.blocked &= ~UNBLOCKABLE;
		p->signal_check = true; /* something may be unblocked now */
	}
	return 0;
}

long linux_rt_sigpending(struct process *p, const uint64_t a[6])
{
	if (a[1] > SIGSET_SIZE)
		return -LINUX_EINVAL;
	uint64_t pending = p->signals.pending & p->signals.blocked;
	return user_write(p, a[0], &pending, a[1]) ? -LINUX_EFAULT : 0;
}

long linux_rt_sigsuspend(struct process *p, const uint64_t a[6])
{
	if (!p->common.retrying) {
		if (a[1] != SIGSET_SIZE)
			return -LINUX_EINVAL;
		uint64_t mask;
		if (user_read(p, a[0], &mask, sizeof mask))
			return -LINUX_EFAULT;
		p->signals.saved_mask = p->signals.blocked;
		p->signals.restore_mask = true;
		p->signals.blocked = mask & ~UNBLOCKABLE;
		p->signal_check = true;
	}
	return POSIX_BLOCK; /* until a handler runs: then -EINTR */
}

/* ppoll and pselect6 (the file side): their signal mask holds while the
 * call waits. A handler that interrupts it returns to the old mask (as
 * rt_sigsuspend's); a call that ends otherwise puts it back itself
 * (call_complete). */
void posix_sigmask_during_call(struct process *p, uint64_t mask)
{
	if (!p->signals.restore_mask) {
		p->signals.saved_mask = p->signals.blocked;
		p->signals.restore_mask = true;
	}
	p->signals.blocked = mask & ~UNBLOCKABLE;
	p->signal_check = true;
}

long linux_pause(struct process *p, const uint64_t a[6])
{
	(void)p, (void)a;
	return POSIX_BLOCK;
}

long linux_rt_sigreturn(struct process *p, const uint64_t a[6])
{
	(void)a;
	struct st_registers r;
	struct linux_ucontext uc;
	/* The handler's ret popped the return address: rsp is at uc. */
	if (context_read(p, &r) != ST_OK || user_read(p, r.rsp, &uc, sizeof uc)) {
		struct signal_info info = { .code = LINUX_SI_KERNEL };
		signal_force(p, LINUX_SIGSEGV, &info);
		return 0;
	}
	const struct linux_sigcontext *c = &uc.mcontext;
	r.r8 = c->r8, r.r9 = c->r9, r.r10 = c->r10, r.r11 = c->r11;
	r.r12 = c->r12, r.r13 = c->r13, r.r14 = c->r14, r.r15 = c->r15;
	r.rdi = c->rdi, r.rsi = c->rsi, r.rbp = c->rbp, r.rbx = c->rbx;
	r.rdx = c->rdx, r.rax = c->rax, r.rcx = c->rcx, r.rsp = c->rsp, r.rip = c->rip;
	r.rflags = (r.rflags & ~RFLAGS_USER_CHANGEABLE) | (c->eflags & RFLAGS_USER_CHANGEABLE);
	/* The x87/SSE registers come back too when the frame has them (a
	 * state the CPU would refuse is the handler's corruption: SIGSEGV). */
	static uint8_t fpu[ST_FPU_STATE_SIZE];
	bool fpu_bad = c->fpstate && (user_read(p, c->fpstate, fpu, sizeof fpu) ||
				      st_thread_write_fpu(p->thread, fpu) != ST_OK);
	if (fpu_bad || context_write(p, &r) != ST_OK) {
		struct signal_info info = { .code = LINUX_SI_KERNEL };
		signal_force(p, LINUX_SIGSEGV, &info);
		return 0;
	}
	p->signals.blocked = uc.sigmask & ~UNBLOCKABLE;
	p->signal_check = true;
	return (long)c->rax; /* the reply's word 0 becomes rax */
}

long linux_sigaltstack(struct process *p, const uint64_t a[6])
{
	struct st_registers r;
	if (context_read(p, &r) != ST_OK)
		return -LINUX_EFAULT;
	struct signal_state *s = &p->signals;
	bool on = s->altstack_size && r.rsp > s->altstack_base && r.rsp <= s->altstack_base + s->altstack_size;
	struct linux_stack stack;
	if (a[0] && user_read(p, a[0], &stack, sizeof stack))
		return -LINUX_EFAULT;
	if (a[1]) {
		struct linux_stack old = { .sp = s->altstack_base, .size = s->altstack_size };
		old.flags = on ? LINUX_SS_ONSTACK : s->altstack_size ? 0 : LINUX_SS_DISABLE;
		if (user_write(p, a[1], &old, sizeof old))
			return -LINUX_EFAULT;
	}
	if (!a[0])
		return 0;
	if (on)
		return -LINUX_EPERM;
	int flags = stack.flags & ~(int)(1u << 31); /* SS_AUTODISARM: accepted, not honoured */
	if (flags == LINUX_SS_DISABLE) {
		s->altstack_base = s->altstack_size = 0;
		return 0;
	}
	if (flags != 0 && flags != LINUX_SS_ONSTACK)
		return -LINUX_EINVAL;
	if (stack.size < LINUX_MINSIGSTKSZ)
		return -LINUX_ENOMEM;
	s->altstack_base = stack.sp;
	s->altstack_size = stack.size;
	s->altstack_flags = 0;
	return 0;
}

long linux_rt_sigtimedwait(struct process *p, const uint64_t a[6])
{
	if (a[3] != SIGSET_SIZE)
		return -LINUX_EINVAL;
	uint64_t set;
	if (user_read(p, a[0], &set, sizeof set))
		return -LINUX_EFAULT;
	set &= ~UNBLOCKABLE;
	uint64_t ready = p->signals.pending & set;
	if (ready) {
		int signal = __builtin_ctzll(ready) + 1;
		p->signals.pending &= ~SIGNAL_BIT(signal);
		if (a[1]) {
			struct linux_siginfo info;
			signal_frame_siginfo(&info, signal, &p->signals.info[signal]);
			if (user_write(p, a[1], &info, sizeof info))
				return -LINUX_EFAULT;
		}
		return signal;
	}
	if (!p->common.retrying && a[2]) {
		struct { int64_t seconds, nanoseconds; } timeout;
		if (user_read(p, a[2], &timeout, sizeof timeout))
			return -LINUX_EFAULT;
		if (timeout.seconds < 0 || timeout.nanoseconds < 0 || timeout.nanoseconds >= 1000000000)
			return -LINUX_EINVAL;
		p->common.block_deadline = posix_now_ns() + (uint64_t)timeout.seconds * 1000000000ull +
					   (uint64_t)timeout.nanoseconds;
	}
	if (p->common.block_deadline && posix_now_ns() >= p->common.block_deadline)
		return -LINUX_EAGAIN;
	return POSIX_BLOCK;
}

/* Sends signal (0: only checks) from p to target. */
static long send_to(struct process *p, struct process *target, uint64_t signal, int code)
{
	if (!target)
		return -LINUX_ESRCH;
	if (signal && target->state == PROCESS_ALIVE) {
		struct signal_info info = { .code = code, .pid = p->common.pid };
		signal_post(target, (int)signal, &info);
	}
	return 0;
}

long linux_kill(struct process *p, const uint64_t a[6])
{
	int pid = (int)a[0];
	uint64_t signal = a[1];
	if (signal > LINUX_NSIG)
		return -LINUX_EINVAL;
	if (pid > 0)
		return send_to(p, process_find(pid), signal, LINUX_SI_USER);
	/* A group (0: the caller's), or everyone but init and the caller (-1). */
	int group = pid == 0 ? p->common.pgid : -pid;
	bool found = false;
	for (struct process *t = process_first(); t; t = process_next(t)) {
		if (t->state != PROCESS_ALIVE)
			continue;
		if (pid == -1 ? (t == init_process || t == p) : t->common.pgid != group)
			continue;
		found = true;
		send_to(p, t, signal, LINUX_SI_USER);
	}
	return found ? 0 : -LINUX_ESRCH;
}

/* rt_sigqueueinfo and rt_tgsigqueueinfo: a signal with the caller's own
 * siginfo (sigqueue's value). Only to itself may a process claim to be
 * the kernel or kill() (si_code >= 0) or tkill. */
static long queue_info(struct process *p, int pid, uint64_t signal, uint64_t address)
{
	struct linux_siginfo given;
	if (user_read(p, address, &given, sizeof given))
		return -LINUX_EFAULT;
	if (signal > LINUX_NSIG)
		return -LINUX_EINVAL;
	struct process *target = pid > 0 ? process_find(pid) : NULL;
	if ((given.code >= 0 || given.code == LINUX_SI_TKILL) && target != p)
		return -LINUX_EPERM;
	if (!target)
		return -LINUX_ESRCH;
	if (signal && target->state == PROCESS_ALIVE) {
		struct signal_info info = { .code = given.code, .pid = given.kill.pid, .uid = (int)given.kill.uid,
					    .value = given.kill.value };
		signal_post(target, (int)signal, &info);
	}
	return 0;
}

long linux_rt_sigqueueinfo(struct process *p, const uint64_t a[6])
{
	return queue_info(p, (int)a[0], a[1], a[2]);
}

long linux_rt_tgsigqueueinfo(struct process *p, const uint64_t a[6])
{
	if (a[0] != a[1])
		return -LINUX_ESRCH;
	return queue_info(p, (int)a[1], a[2], a[3]);
}

long linux_tkill(struct process *p, const uint64_t a[6])
{
	if ((int)a[0] <= 0 || a[1] > LINUX_NSIG)
		return -LINUX_EINVAL;
	return send_to(p, process_find((int)a[0]), a[1], LINUX_SI_TKILL);
}

long linux_tgkill(struct process *p, const uint64_t a[6])
{
	if ((int)a[0] <= 0 || (int)a[1] <= 0 || a[2] > LINUX_NSIG)
		return -LINUX_EINVAL;
	if (a[0] != a[1]) /* one thread per process: its id is the pid */
		return -LINUX_ESRCH;
	return send_to(p, process_find((int)a[1]), a[2], LINUX_SI_TKILL);
}

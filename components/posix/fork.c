/*
 * clone, fork and vfork: a new process that is a copy of the caller (its
 * memory copy-on-write, its descriptors shared as Linux shares them, its
 * signal actions and mask), returning 0 in the child. A shared address
 * space cannot be offered between separate nucleus address spaces, so
 * CLONE_VM is accepted only with CLONE_VFORK (vfork, posix_spawn), where
 * a copy behaves the same for a child that only execs or exits; the
 * parent waits until it does, as Linux's vfork does.
 */
#include "components/posix/context.h"
#include "components/posix/placement.h"
#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"
#include "components/posix/server.h"
#include "lib/string.h"

#define CLONE_SIGNAL_MASK 0xffull
#define CLONE_VM 0x00000100ull
#define CLONE_FS 0x00000200ull
#define CLONE_FILES 0x00000400ull
#define CLONE_SIGHAND 0x00000800ull
#define CLONE_PIDFD 0x00001000ull
#define CLONE_PTRACE 0x00002000ull
#define CLONE_VFORK 0x00004000ull
#define CLONE_PARENT 0x00008000ull
#define CLONE_THREAD 0x00010000ull
#define CLONE_SYSVSEM 0x00040000ull
#define CLONE_SETTLS 0x00080000ull
#define CLONE_PARENT_SETTID 0x00100000ull
#define CLONE_CHILD_CLEARTID 0x00200000ull
#define CLONE_DETACHED 0x00400000ull
#define CLONE_UNTRACED 0x00800000ull
#define CLONE_CHILD_SETTID 0x01000000ull
/* The flags understood here; namespaces and the like are refused. */
#define CLONE_KNOWN                                                                                     \
	(CLONE_SIGNAL_MASK | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_PTRACE | CLONE_VFORK | \
	 CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |                   \
	 CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID)

void process_vfork_release(struct process *child)
{
	child->vfork_parent = NULL;
	posix_wake(); /* the parent's clone, parked, looks again */
}

/* In the exo placement the child starts where its parent's library OS
 * waits, in its IPC call, as if the reply (0: the child) had come; the
 * program's registers are in the copied libos_state, where the new stack
 * goes too. */
static long exo_child_registers(struct process *p, struct process *child, struct st_registers *registers)
{
	uint64_t rsp = registers->rsp, fs_base = registers->fs_base;
	if (user_write(child, LIBOS_STATE_ADDRESS + offsetof(struct libos_state, context.rsp), &rsp, sizeof rsp) ||
	    st_thread_read_registers(p->thread, registers) != ST_OK)
		return -LINUX_EFAULT;
	registers->rax = ST_OK;
	registers->rdi = 0;
	registers->rsi = ST_MSG_INFO(0, 1, 0);
	registers->r10 = 0;
	registers->fs_base = fs_base;
	return 0;
}

static long fork_process(struct process *p, uint64_t flags, uint64_t stack, uint64_t parent_tid, uint64_t child_tid,
			 uint64_t tls)
{
	if (flags & ~CLONE_KNOWN)
		return -LINUX_EINVAL;
	/* Linux's consistency rules first: a thread shares the signal
	 * handlers, which share the address space. */
	if (((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND)) || ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)))
		return -LINUX_EINVAL;
	if ((flags & CLONE_THREAD) || ((flags & CLONE_VM) && !(flags & CLONE_VFORK)))
		return -LINUX_ENOSYS; /* threads: one thread per process here */
	if ((flags & CLONE_SIGNAL_MASK) > LINUX_NSIG)
		return -LINUX_EINVAL;
	struct st_registers registers;
	if (context_read(p, &registers) != ST_OK)
		return -LINUX_EFAULT;
	struct process *child = process_create(p);
	if (!child)
		return -LINUX_EAGAIN;
	if (mm_fork(&child->mm, &p->mm)) {
		process_destroy(child);
		return -LINUX_ENOMEM;
	}
	long error = fs_fork(p, child);
	if (error) {
		process_destroy(child);
		return error;
	}
	signal_fork(child, p);
	memcpy(child->rlimits, p->rlimits, sizeof child->rlimits);
	child->exit_signal = (int)(flags & CLONE_SIGNAL_MASK);
	int pid = child->common.pid;
	if (flags & CLONE_PARENT_SETTID) {
		user_write(p, parent_tid, &pid, sizeof pid);
		user_write(child, parent_tid, &pid, sizeof pid);
	}
	if (flags & CLONE_CHILD_SETTID)
		user_write(child, child_tid, &pid, sizeof pid);
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = child_tid;
	registers.rax = 0;
	if (stack)
		registers.rsp = stack;
	if (flags & CLONE_SETTLS)
		registers.fs_base = tls;
	if (placement_exo && exo_child_registers(p, child, &registers)) {
		fs_exit(child);
		process_destroy(child);
		return -LINUX_EFAULT;
	}
	if (process_start(child, &registers) != ST_OK) {
		fs_exit(child);
		process_destroy(child);
		return -LINUX_EAGAIN;
	}
	if (flags & CLONE_VFORK) {
		child->vfork_parent = p;
		p->vfork_child = pid;
		p->call.uninterruptible = true;
		return POSIX_BLOCK;
	}
	return pid;
}

/* A vfork parent's call, run again: over once the child has let go. */
static long vfork_wait(struct process *p)
{
	struct process *child = process_find(p->vfork_child);
	if (child && child->state == PROCESS_ALIVE && child->vfork_parent == p)
		return POSIX_BLOCK;
	p->call.uninterruptible = false;
	return p->vfork_child;
}

long linux_clone(struct process *p, const uint64_t a[6])
{
	if (p->common.retrying)
		return vfork_wait(p);
	/* x86-64 order: flags, stack, parent_tid, child_tid, tls */
	return fork_process(p, a[0], a[1], a[2], a[3], a[4]);
}

long linux_fork(struct process *p, const uint64_t a[6])
{
	(void)a;
	if (p->common.retrying)
		return vfork_wait(p);
	return fork_process(p, LINUX_SIGCHLD, 0, 0, 0, 0);
}

long linux_vfork(struct process *p, const uint64_t a[6])
{
	(void)a;
	if (p->common.retrying)
		return vfork_wait(p);
	return fork_process(p, CLONE_VM | CLONE_VFORK | LINUX_SIGCHLD, 0, 0, 0, 0);
}

/*
 * Who a process is: its pid (and, one thread each, its tid), its parent,
 * its process group and session (for job control and the terminal), and
 * its user and group ids, which are always root's (0): there are no
 * users here, and root may set any id, so setting them succeeds.
 */
#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"

long linux_getpid(struct process *p, const uint64_t a[6])
{
	(void)a;
	return p->common.pid;
}

long linux_gettid(struct process *p, const uint64_t a[6])
{
	(void)a;
	return p->common.pid;
}

long linux_getppid(struct process *p, const uint64_t a[6])
{
	(void)a;
	return p->parent ? p->parent->common.pid : 0;
}

/* pid 0: the caller; else a live process or zombie. */
static struct process *target(struct process *p, int pid)
{
	if (pid == 0)
		return p;
	return pid > 0 ? process_find(pid) : NULL;
}

long linux_getpgid(struct process *p, const uint64_t a[6])
{
	struct process *t = target(p, (int)a[0]);
	return t ? t->common.pgid : -LINUX_ESRCH;
}

long linux_getpgrp(struct process *p, const uint64_t a[6])
{
	(void)a;
	return p->common.pgid;
}

long linux_getsid(struct process *p, const uint64_t a[6])
{
	struct process *t = target(p, (int)a[0]);
	return t ? t->common.sid : -LINUX_ESRCH;
}

long linux_setpgid(struct process *p, const uint64_t a[6])
{
	int pid = (int)a[0], pgid = (int)a[1];
	if (pgid < 0 || pid < 0)
		return -LINUX_EINVAL;
	struct process *t = target(p, pid);
	if (!t || (t != p && t->parent != p) || t->state != PROCESS_ALIVE)
		return -LINUX_ESRCH;
	if (t->common.sid != p->common.sid)
		return -LINUX_EPERM;
	if (t->common.sid == t->common.pid)
		return -LINUX_EPERM; /* a session leader stays in its group */
	if (pgid == 0)
		pgid = t->common.pid;
	if (pgid != t->common.pid) {
		/* Joining a group: it must exist in the same session. */
		bool found = false;
		for (struct process *q = process_first(); q; q = process_next(q)) {
			if (q->state == PROCESS_ALIVE && q->common.pgid == pgid && q->common.sid == p->common.sid)
				found = true;
		}
		if (!found)
			return -LINUX_EPERM;
	}
	t->common.pgid = pgid;
	return 0;
}

long linux_setsid(struct process *p, const uint64_t a[6])
{
	(void)a;
	if (process_group_exists(p->common.pid))
		return -LINUX_EPERM; /* it leads a group already */
	p->common.sid = p->common.pid;
	p->common.pgid = p->common.pid;
	return p->common.pid;
}

long linux_getuid(struct process *p, const uint64_t a[6])
{
	(void)p, (void)a;
	return 0;
}

/* setuid, setgid, setreuid, setresuid, setgroups, ...: root may. */
long linux_set_id(struct process *p, const uint64_t a[6])
{
	(void)p, (void)a;
	return 0;
}

/* getresuid and getresgid: three zeros. */
long linux_getresuid(struct process *p, const uint64_t a[6])
{
	uint32_t zero = 0;
	for (int i = 0; i < 3; i++) {
		if (user_write(p, a[i], &zero, sizeof zero))
			return -LINUX_EFAULT;
	}
	return 0;
}

long linux_getgroups(struct process *p, const uint64_t a[6])
{
	(void)p;
	if ((int)a[0] < 0)
		return -LINUX_EINVAL;
	return 0; /* no supplementary groups */
}

/*
 * Ending and collecting processes: exit and exit_group (one thread per
 * process: the same), wait4 and waitid. A child that has exited stays a
 * zombie until collected; a stopped or continued child is reported once
 * to a wait that asks for it.
 */
#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"
#include "lib/string.h"

#define WNOHANG 0x00000001u
#define WUNTRACED 0x00000002u /* wait4; waitid's WSTOPPED */
#define WEXITED 0x00000004u
#define WCONTINUED 0x00000008u
#define WNOWAIT 0x01000000u
#define WNOTHREAD 0x20000000u
#define WALL 0x40000000u
#define WCLONE 0x80000000u
#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define RUSAGE_SIZE 144

long linux_exit_group(struct process *p, const uint64_t a[6])
{
	process_exit(p, (int)((a[0] & 0xff) << 8));
	return 0; /* nobody hears it: the process is gone */
}

long linux_exit(struct process *p, const uint64_t a[6])
{
	return linux_exit_group(p, a);
}

/* What a wait may report of child, as a wait status; 0 for nothing. */
static int reportable(struct process *child, unsigned options, int *code)
{
	if (child->state == PROCESS_ZOMBIE && (options & WEXITED)) {
		int status = child->wait_status;
		*code = (status & 0x7f) == 0 ? LINUX_CLD_EXITED : (status & 0x80) ? LINUX_CLD_DUMPED : LINUX_CLD_KILLED;
		return status ? status : 0x10000; /* 0x10000: "exited 0", told apart from nothing */
	}
	if (child->state == PROCESS_ALIVE && child->stopped && child->report_stop && (options & WUNTRACED)) {
		*code = LINUX_CLD_STOPPED;
		return (child->stop_signal << 8) | 0x7f;
	}
	if (child->state == PROCESS_ALIVE && child->report_continue && (options & WCONTINUED)) {
		*code = LINUX_CLD_CONTINUED;
		return 0xffff;
	}
	return 0;
}

static void consume(struct process *child, int code, unsigned options)
{
	if (options & WNOWAIT)
		return;
	if (code == LINUX_CLD_STOPPED)
		child->report_stop = false;
	else if (code == LINUX_CLD_CONTINUED)
		child->report_continue = false;
	else
		process_reap(child);
}

/* The child a wait for (type, id) finds, with its status; NULL with
 * *any false if no child matches at all. */
static struct process *find_child(struct process *p, int type, int id, unsigned options, int *status, int *code,
				  bool *any)
{
	*any = false;
	for (struct process *c = p->children; c; c = c->next_sibling) {
		if ((type == P_PID && c->common.pid != id) || (type == P_PGID && c->common.pgid != id))
			continue;
		*any = true;
		int s = reportable(c, options, code);
		if (s) {
			*status = s == 0x10000 ? 0 : s;
			return c;
		}
	}
	return NULL;
}

long linux_wait4(struct process *p, const uint64_t a[6])
{
	int pid = (int)a[0];
	unsigned options = (unsigned)a[2];
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WALL | WCLONE))
		return -LINUX_EINVAL;
	if (pid == INT32_MIN)
		return -LINUX_ESRCH; /* its group, -pid, does not exist */
	options |= WEXITED;
	int type = pid > 0 ? P_PID : pid == -1 ? P_ALL : P_PGID;
	int id = pid > 0 ? pid : pid == 0 ? p->common.pgid : -pid;
	int status = 0, code = 0;
	bool any;
	struct process *child = find_child(p, type, id, options, &status, &code, &any);
	if (!any)
		return -LINUX_ECHILD;
	if (!child)
		return (options & WNOHANG) ? 0 : POSIX_BLOCK;
	/* Collected even if the status cannot be stored (as Linux does). */
	int found = child->common.pid;
	consume(child, code, options);
	if (a[1] && user_write(p, a[1], &status, sizeof status))
		return -LINUX_EFAULT;
	if (a[3]) {
		static const uint8_t zero[RUSAGE_SIZE];
		if (user_write(p, a[3], zero, sizeof zero))
			return -LINUX_EFAULT;
	}
	return found;
}

long linux_waitid(struct process *p, const uint64_t a[6])
{
	int type = (int)a[0], id = (int)a[1];
	unsigned options = (unsigned)a[3];
	if (options & ~(WNOHANG | WUNTRACED | WEXITED | WCONTINUED | WNOWAIT | WNOTHREAD | WALL | WCLONE))
		return -LINUX_EINVAL;
	if (!(options & (WEXITED | WUNTRACED | WCONTINUED)))
		return -LINUX_EINVAL;
	if (type == P_PGID && id == 0)
		id = p->common.pgid;
	if (type < P_ALL || type > P_PGID || (type != P_ALL && id <= 0))
		return -LINUX_EINVAL;
	int status = 0, code = 0;
	bool any;
	struct process *child = find_child(p, type, id, options, &status, &code, &any);
	if (!any)
		return -LINUX_ECHILD;
	if (!child && !(options & WNOHANG))
		return POSIX_BLOCK;
	/* siginfo: si_signo, si_errno, si_code, then pid, uid, status. */
	int32_t info[32];
	memset(info, 0, sizeof info);
	if (child) {
		info[0] = LINUX_SIGCHLD;
		info[2] = code;
		info[4] = child->common.pid;
		info[5] = 0;
		info[6] = code == LINUX_CLD_EXITED ? (status >> 8) & 0xff
			  : code == LINUX_CLD_STOPPED ? (status >> 8) & 0xff
			  : code == LINUX_CLD_CONTINUED ? LINUX_SIGCONT
							: status & 0x7f;
	}
	if (child)
		consume(child, code, options);
	if (a[2] && user_write(p, a[2], info, sizeof info))
		return -LINUX_EFAULT;
	return 0;
}

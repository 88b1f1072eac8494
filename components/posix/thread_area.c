/*
 * What a C library sets up for its one thread at start-up, and threads'
 * other per-process calls: the TID address, the robust futex list, the
 * FS base (arch_prctl), the thread's name (prctl), and futex, which with
 * one thread per process only ever waits for a signal or a timeout.
 */
#include "components/posix/context.h"
#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"
#include "lib/string.h"

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_SET_CHILD_SUBREAPER 36
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_CMD_MASK 0x7f /* without FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME */

long linux_set_tid_address(struct process *p, const uint64_t a[6])
{
	p->clear_child_tid = a[0];
	return p->common.pid;
}

long linux_set_robust_list(struct process *p, const uint64_t a[6])
{
	(void)p;
	return a[1] == 24 ? 0 : -LINUX_EINVAL; /* sizeof(struct robust_list_head) */
}

long linux_arch_prctl(struct process *p, const uint64_t a[6])
{
	struct st_registers r;
	switch (a[0]) {
	case ARCH_SET_FS:
		if (a[1] >= MEMORY_USER_LIMIT)
			return -LINUX_EPERM;
		if (context_read(p, &r) != ST_OK)
			return -LINUX_EFAULT;
		r.fs_base = a[1];
		return context_write(p, &r) == ST_OK ? 0 : -LINUX_EPERM;
	case ARCH_GET_FS:
		if (context_read(p, &r) != ST_OK)
			return -LINUX_EFAULT;
		return user_write(p, a[1], &r.fs_base, sizeof r.fs_base) ? -LINUX_EFAULT : 0;
	case ARCH_GET_GS: {
		uint64_t zero = 0;
		return user_write(p, a[1], &zero, sizeof zero) ? -LINUX_EFAULT : 0;
	}
	case ARCH_SET_GS: /* no GS base for threads here */
	default:
		return -LINUX_EINVAL;
	}
}

long linux_prctl(struct process *p, const uint64_t a[6])
{
	char name[PROCESS_COMM_MAX];
	switch (a[0]) {
	case PR_SET_NAME: {
		memset(name, 0, sizeof name);
		long length = user_read_string(p, a[1], name, sizeof name);
		if (length == -LINUX_EFAULT)
			return length;
		if (length < 0) {
			/* Longer names are cut, as Linux does. */
			if (user_read(p, a[1], name, sizeof name - 1))
				return -LINUX_EFAULT;
			name[sizeof name - 1] = '\0';
		}
		process_set_comm(p, name);
		return 0;
	}
	case PR_GET_NAME:
		memset(name, 0, sizeof name);
		strlcpy(name, p->comm, sizeof name);
		return user_write(p, a[1], name, sizeof name) ? -LINUX_EFAULT : 0;
	case PR_SET_PDEATHSIG:
		return a[1] <= LINUX_NSIG ? 0 : -LINUX_EINVAL;
	case PR_GET_PDEATHSIG: {
		int zero = 0;
		return user_write(p, a[1], &zero, sizeof zero) ? -LINUX_EFAULT : 0;
	}
	case PR_GET_DUMPABLE:
		return 1;
	case PR_SET_DUMPABLE:
	case PR_SET_CHILD_SUBREAPER:
	case PR_SET_NO_NEW_PRIVS:
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		return 0;
	default:
		return -LINUX_EINVAL;
	}
}

long linux_futex(struct process *p, const uint64_t a[6])
{
	unsigned op = (unsigned)a[1] & FUTEX_CMD_MASK;
	switch (op) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET: {
		if (p->common.retrying) {
			/* Only a signal or the timeout ends it: no other thread
			 * of this process can wake it. */
			if (p->common.block_deadline && posix_now_ns() >= p->common.block_deadline)
				return -LINUX_ETIMEDOUT;
			return POSIX_BLOCK;
		}
		uint32_t value;
		if (user_read(p, a[0], &value, sizeof value))
			return -LINUX_EFAULT;
		if (value != (uint32_t)a[2])
			return -LINUX_EAGAIN;
		if (a[3]) {
			int64_t ts[2];
			if (user_read(p, a[3], ts, sizeof ts))
				return -LINUX_EFAULT;
			if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
				return -LINUX_EINVAL;
			uint64_t ns = (uint64_t)ts[0] * 1000000000ull + (uint64_t)ts[1];
			/* FUTEX_WAIT's timeout is relative, WAIT_BITSET's absolute. */
			uint64_t now = posix_now_ns();
			p->common.block_deadline = op == FUTEX_WAIT ? now + ns : ns > now ? ns : now;
		}
		return POSIX_BLOCK;
	}
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		return 0; /* nobody else can be waiting */
	default:
		return -LINUX_ENOSYS;
	}
}

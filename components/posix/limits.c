/*
 * Resource limits: kept per process (inherited across fork and exec) and
 * reported; the descriptor limit is applied by the file side, the stack
 * size is the stack region's; the others are not enforced.
 */
#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"
#include "lib/string.h"

#define RLIM_INFINITY (~0ull)
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7

void rlimits_default(struct process *p)
{
	for (unsigned i = 0; i < PROCESS_RLIMIT_COUNT; i++)
		p->rlimits[i][0] = p->rlimits[i][1] = RLIM_INFINITY;
	p->rlimits[RLIMIT_STACK][0] = MEMORY_STACK_SIZE;
	p->rlimits[RLIMIT_CORE][0] = 0;
	p->rlimits[RLIMIT_NOFILE][0] = 1024;
	p->rlimits[RLIMIT_NOFILE][1] = 4096;
	p->rlimits[RLIMIT_NPROC][0] = p->rlimits[RLIMIT_NPROC][1] = PROCESS_MAX;
}

static long limits(struct process *p, int pid, uint64_t resource, uint64_t new_address, uint64_t old_address)
{
	uint64_t wanted[2];
	/* Linux copies the new limits in before it looks at the rest. */
	if (new_address && user_read(p, new_address, wanted, sizeof wanted))
		return -LINUX_EFAULT;
	struct process *t = pid ? process_find(pid) : p;
	if (!t || t->state != PROCESS_ALIVE)
		return -LINUX_ESRCH;
	if (resource >= PROCESS_RLIMIT_COUNT || (new_address && wanted[0] > wanted[1]))
		return -LINUX_EINVAL;
	if (old_address && user_write(p, old_address, t->rlimits[resource], sizeof wanted))
		return -LINUX_EFAULT;
	if (new_address)
		memcpy(t->rlimits[resource], wanted, sizeof wanted);
	return 0;
}

/* The file side's descriptor limit (fs/fdtable.c). */
uint64_t posix_fd_limit(struct process *p)
{
	return p->rlimits[RLIMIT_NOFILE][0];
}

long linux_getrlimit(struct process *p, const uint64_t a[6])
{
	if (a[0] >= PROCESS_RLIMIT_COUNT)
		return -LINUX_EINVAL;
	return a[1] ? limits(p, 0, a[0], 0, a[1]) : -LINUX_EFAULT;
}

long linux_setrlimit(struct process *p, const uint64_t a[6])
{
	return a[1] ? limits(p, 0, a[0], a[1], 0) : -LINUX_EFAULT;
}

long linux_prlimit64(struct process *p, const uint64_t a[6])
{
	return limits(p, (int)a[0], a[1], a[2], a[3]);
}

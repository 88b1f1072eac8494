/*
 * What a process may ask about the system: uname and the host and domain
 * names, sysinfo, random bytes, the scheduler (one CPU, one policy, no
 * priorities to change), and the calls that succeed doing nothing or are
 * refused without a report.
 */
#include "components/posix/frames.h"
#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"
#include "components/posix/random.h"
#include "components/posix/untyped.h"
#include "lib/string.h"

#define UTS_FIELD 65
#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4

static char hostname[UTS_FIELD] = "strata";
static char domainname[UTS_FIELD] = "(none)";

long linux_uname(struct process *p, const uint64_t a[6])
{
	char uts[6][UTS_FIELD];
	memset(uts, 0, sizeof uts);
	/* The ABI this personality offers is Linux's, and programs test the
	 * name for it; the version says whose it is. */
	strlcpy(uts[0], "Linux", UTS_FIELD);
	strlcpy(uts[1], hostname, UTS_FIELD);
	/* C libraries compare the release with the oldest kernel they
	 * support: it reads as a recent Linux. */
	strlcpy(uts[2], "6.1.0-strata", UTS_FIELD);
	strlcpy(uts[3], "#1 Strata personality", UTS_FIELD);
	strlcpy(uts[4], "x86_64", UTS_FIELD);
	strlcpy(uts[5], domainname, UTS_FIELD);
	return user_write(p, a[0], uts, sizeof uts) ? -LINUX_EFAULT : 0;
}

static long set_name(struct process *p, uint64_t address, uint64_t length, char *name)
{
	if (length > UTS_FIELD - 1)
		return -LINUX_EINVAL;
	char buffer[UTS_FIELD] = { 0 };
	if (user_read(p, address, buffer, length))
		return -LINUX_EFAULT;
	memcpy(name, buffer, UTS_FIELD);
	return 0;
}

long linux_sethostname(struct process *p, const uint64_t a[6])
{
	return set_name(p, a[0], a[1], hostname);
}

long linux_setdomainname(struct process *p, const uint64_t a[6])
{
	return set_name(p, a[0], a[1], domainname);
}

long linux_sysinfo(struct process *p, const uint64_t a[6])
{
	struct {
		int64_t uptime;
		uint64_t loads[3];
		uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
		uint16_t procs, pad;
		uint32_t pad2;
		uint64_t totalhigh, freehigh;
		uint32_t mem_unit;
		char reserved[4];
	} info;
	_Static_assert(sizeof info == 112, "Linux's struct sysinfo");
	memset(&info, 0, sizeof info);
	info.uptime = (int64_t)(posix_now_ns() / 1000000000ull);
	info.totalram = untyped_total_bytes();
	info.freeram = untyped_free_bytes() + frames_free() * 4096;
	info.procs = (uint16_t)process_count();
	info.mem_unit = 1;
	return user_write(p, a[0], &info, sizeof info) ? -LINUX_EFAULT : 0;
}

long linux_getrandom(struct process *p, const uint64_t a[6])
{
	if (a[2] & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -LINUX_EINVAL;
	uint64_t length = a[1] > 33554431 ? 33554431 : a[1];
	uint8_t buffer[512];
	for (uint64_t done = 0; done < length;) {
		uint64_t chunk = length - done < sizeof buffer ? length - done : sizeof buffer;
		random_bytes(buffer, chunk);
		if (user_write(p, a[0] + done, buffer, chunk))
			return done ? (long)done : -LINUX_EFAULT;
		done += chunk;
	}
	return (long)length;
}

long linux_sched_yield(struct process *p, const uint64_t a[6])
{
	(void)p, (void)a;
	return 0;
}

long linux_sched_getaffinity(struct process *p, const uint64_t a[6])
{
	if ((int)a[0] < 0 || (a[0] && !process_find((int)a[0])))
		return -LINUX_ESRCH;
	if (a[1] < 8 || (a[1] & 7))
		return -LINUX_EINVAL;
	uint64_t mask = 1; /* one CPU */
	return user_write(p, a[2], &mask, sizeof mask) ? -LINUX_EFAULT : 8;
}

long linux_getcpu(struct process *p, const uint64_t a[6])
{
	unsigned zero = 0;
	if ((a[0] && user_write(p, a[0], &zero, sizeof zero)) || (a[1] && user_write(p, a[1], &zero, sizeof zero)))
		return -LINUX_EFAULT;
	return 0;
}

long linux_getpriority(struct process *p, const uint64_t a[6])
{
	(void)p;
	if (a[0] > 2)
		return -LINUX_EINVAL;
	return 20; /* nice 0, as the system call encodes it (20 - nice) */
}

long linux_sched_getparam(struct process *p, const uint64_t a[6])
{
	int zero = 0;
	return user_write(p, a[1], &zero, sizeof zero) ? -LINUX_EFAULT : 0;
}

/* msync, mlock, sched_setaffinity, setpriority, ...: accepted, and
 * nothing to do (one CPU, no swapping, memory is never written back). */
long linux_no_op(struct process *p, const uint64_t a[6])
{
	(void)p, (void)a;
	return 0;
}

/* Calls a C library tries and does without (rseq): refused quietly. */
long linux_not_offered(struct process *p, const uint64_t a[6])
{
	(void)p, (void)a;
	return -LINUX_ENOSYS;
}

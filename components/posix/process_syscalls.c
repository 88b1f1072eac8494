/* The process side's system calls by number (posix.h's process_syscalls). */
#include "components/posix/process_syscalls.h"

#define CALL(name) { LINUX_SYS_##name, linux_##name }
#define CALL_AS(name, fn) { LINUX_SYS_##name, linux_##fn }

const struct posix_syscall process_syscalls[] = {
	/* memory */
	CALL(brk), CALL(mmap), CALL(munmap), CALL(mprotect), CALL(mremap), CALL(madvise), CALL(mincore),
	CALL_AS(msync, no_op), CALL_AS(mlock, no_op), CALL_AS(munlock, no_op),
	CALL_AS(mlockall, no_op), CALL_AS(munlockall, no_op),
	/* processes */
	CALL(clone), CALL(fork), CALL(vfork), CALL(execve), CALL(execveat), CALL(exit), CALL(exit_group),
	CALL(wait4), CALL(waitid),
	/* identity */
	CALL(getpid), CALL(getppid), CALL(gettid), CALL(getpgid), CALL(setpgid), CALL(getpgrp), CALL(setsid),
	CALL(getsid), CALL_AS(getuid, getuid), CALL_AS(geteuid, getuid), CALL_AS(getgid, getuid),
	CALL_AS(getegid, getuid), CALL_AS(setuid, set_id), CALL_AS(setgid, set_id), CALL_AS(setreuid, set_id),
	CALL_AS(setregid, set_id), CALL_AS(setresuid, set_id), CALL_AS(setresgid, set_id),
	CALL_AS(setfsuid, getuid), CALL_AS(setfsgid, getuid), CALL_AS(setgroups, set_id),
	CALL(getresuid), CALL_AS(getresgid, getresuid), CALL(getgroups),
	/* signals */
	CALL(rt_sigaction), CALL(rt_sigprocmask), CALL(rt_sigreturn), CALL(rt_sigpending), CALL(rt_sigsuspend),
	CALL(rt_sigtimedwait), CALL(sigaltstack), CALL(pause), CALL(kill), CALL(tkill), CALL(tgkill),
	CALL(rt_sigqueueinfo), CALL(rt_tgsigqueueinfo),
	/* time */
	CALL(clock_gettime), CALL(clock_settime), CALL(settimeofday), CALL(clock_getres), CALL(gettimeofday), CALL(time), CALL(nanosleep),
	CALL(clock_nanosleep), CALL(times), CALL(getrusage), CALL(alarm), CALL(getitimer), CALL(setitimer),
	/* the system and small settings */
	CALL(uname), CALL(sethostname), CALL(setdomainname), CALL(sysinfo), CALL(getrlimit), CALL(setrlimit),
	CALL(prlimit64), CALL(getrandom), CALL(set_tid_address), CALL(set_robust_list),
	CALL(arch_prctl), CALL(prctl), CALL(sched_yield), CALL(sched_getaffinity),
	CALL_AS(sched_setaffinity, no_op), CALL(getcpu), CALL(getpriority), CALL_AS(setpriority, no_op),
	CALL(sched_getparam), CALL_AS(sched_getscheduler, no_op), CALL(futex), CALL_AS(rseq, not_offered),
	{ 0, NULL },
};

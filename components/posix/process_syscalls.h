/*
 * The process side's system calls (each file implements those of its
 * concept; process_syscalls.c lists them by number for syscall.c).
 */
#ifndef POSIX_PROCESS_SYSCALLS_H
#define POSIX_PROCESS_SYSCALLS_H

#include "components/posix/posix.h"

posix_syscall_fn linux_alarm;
posix_syscall_fn linux_arch_prctl;
posix_syscall_fn linux_brk;
posix_syscall_fn linux_clock_getres;
posix_syscall_fn linux_clock_gettime;
posix_syscall_fn linux_clock_nanosleep;
posix_syscall_fn linux_clock_settime;
posix_syscall_fn linux_settimeofday;
posix_syscall_fn linux_clone;
posix_syscall_fn linux_execve;
posix_syscall_fn linux_execveat;
posix_syscall_fn linux_exit;
posix_syscall_fn linux_exit_group;
posix_syscall_fn linux_fork;
posix_syscall_fn linux_futex;
posix_syscall_fn linux_getcpu;
posix_syscall_fn linux_getgroups;
posix_syscall_fn linux_getitimer;
posix_syscall_fn linux_getpgid;
posix_syscall_fn linux_getpgrp;
posix_syscall_fn linux_getpid;
posix_syscall_fn linux_getppid;
posix_syscall_fn linux_getpriority;
posix_syscall_fn linux_getrandom;
posix_syscall_fn linux_getresuid;
posix_syscall_fn linux_getrlimit;
posix_syscall_fn linux_getrusage;
posix_syscall_fn linux_getsid;
posix_syscall_fn linux_gettid;
posix_syscall_fn linux_gettimeofday;
posix_syscall_fn linux_getuid;
posix_syscall_fn linux_kill;
posix_syscall_fn linux_madvise;
posix_syscall_fn linux_mincore;
posix_syscall_fn linux_mmap;
posix_syscall_fn linux_mprotect;
posix_syscall_fn linux_mremap;
posix_syscall_fn linux_munmap;
posix_syscall_fn linux_nanosleep;
posix_syscall_fn linux_no_op;
posix_syscall_fn linux_not_offered;
posix_syscall_fn linux_pause;
posix_syscall_fn linux_prctl;
posix_syscall_fn linux_prlimit64;
posix_syscall_fn linux_rt_sigaction;
posix_syscall_fn linux_rt_sigpending;
posix_syscall_fn linux_rt_sigprocmask;
posix_syscall_fn linux_rt_sigreturn;
posix_syscall_fn linux_rt_sigqueueinfo;
posix_syscall_fn linux_rt_tgsigqueueinfo;
posix_syscall_fn linux_rt_sigsuspend;
posix_syscall_fn linux_rt_sigtimedwait;
posix_syscall_fn linux_sched_getaffinity;
posix_syscall_fn linux_sched_getparam;
posix_syscall_fn linux_sched_yield;
posix_syscall_fn linux_set_id;
posix_syscall_fn linux_set_robust_list;
posix_syscall_fn linux_set_tid_address;
posix_syscall_fn linux_setdomainname;
posix_syscall_fn linux_sethostname;
posix_syscall_fn linux_setitimer;
posix_syscall_fn linux_setpgid;
posix_syscall_fn linux_setrlimit;
posix_syscall_fn linux_setsid;
posix_syscall_fn linux_sigaltstack;
posix_syscall_fn linux_sysinfo;
posix_syscall_fn linux_tgkill;
posix_syscall_fn linux_time;
posix_syscall_fn linux_times;
posix_syscall_fn linux_tkill;
posix_syscall_fn linux_uname;
posix_syscall_fn linux_vfork;
posix_syscall_fn linux_wait4;
posix_syscall_fn linux_waitid;

/* The file side's descriptor limit: RLIMIT_NOFILE's soft limit. */
uint64_t posix_fd_limit(struct process *p);

/* New processes start with Linux's usual resource limits. */
void rlimits_default(struct process *p);

#endif

/* Bad input to the process calls: wait4/waitid with bad pointers,
 * options and ids; kill/tkill/tgkill with bad pids and signal numbers;
 * clone with impossible flags; arch_prctl, set_tid_address, getrlimit,
 * getrusage, umask, setpgid. The process must survive all of it. */
#include "common.h"

#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003

/* A child that exits at once; the calls below wait for it. */
static pid_t zombie(int code)
{
	pid_t child = fork();
	if (child == 0)
		_exit(code);
	return child;
}

int main(void)
{
	void *gone = unmapped_address();
	printf("-- wait4 and waitid\n");
	SHOW(syscall(SYS_wait4, -1L, BAD_ONE, 0, 0));
	pid_t child = zombie(3);
	SHOW(syscall(SYS_wait4, (long)child, BAD_ONE, 0, 0) == -1);
	printf("errno %s\n", errno_name(errno));
	/* Linux has reaped it even though the status could not be stored. */
	SHOW(syscall(SYS_wait4, (long)child, 0, WNOHANG, 0) == -1);
	printf("errno %s\n", errno_name(errno));
	child = zombie(4);
	SHOW(syscall(SYS_wait4, (long)child, 0, 0, BAD_KERNEL) == -1);
	printf("errno %s\n", errno_name(errno));
	child = zombie(5);
	SHOW(syscall(SYS_wait4, (long)child, 0, 0x10000L, 0));
	SHOW(syscall(SYS_wait4, (long)child, 0, -1L, 0));
	SHOW(syscall(SYS_wait4, (long)child, 0, 0x40000000L /* __WALL */, 0) == child);
	SHOW(syscall(SYS_wait4, (long)INT_MIN, 0, 0, 0));
	SHOW(syscall(SYS_wait4, 999999L, 0, 0, 0));
	SHOW(syscall(SYS_waitid, 99L, 0, BAD_NULL, WEXITED, 0));
	SHOW(syscall(SYS_waitid, (long)P_ALL, 0, BAD_NULL, 0L, 0));
	child = zombie(6);
	SHOW(syscall(SYS_waitid, (long)P_PID, (long)child, gone, (long)WEXITED, 0) == -1);
	printf("errno %s\n", errno_name(errno));
	SHOW(syscall(SYS_wait4, -1L, 0, 0, 0) == -1);
	printf("errno %s\n", errno_name(errno));
	printf("-- kill, tkill, tgkill\n");
	SHOW(syscall(SYS_kill, (long)getpid(), 65L));
	SHOW(syscall(SYS_kill, (long)getpid(), -1L));
	SHOW(syscall(SYS_kill, (long)getpid(), 1000L));
	SHOW(syscall(SYS_kill, 999999L, 0L));
	SHOW(syscall(SYS_kill, -999999L, 0L));
	SHOW(syscall(SYS_kill, (long)INT_MIN, 0L));
	SHOW(syscall(SYS_kill, (long)getpid(), 0L));
	SHOW(syscall(SYS_tkill, 0L, (long)SIGUSR1));
	SHOW(syscall(SYS_tkill, -1L, (long)SIGUSR1));
	SHOW(syscall(SYS_tkill, 999999L, 0L));
	SHOW(syscall(SYS_tkill, (long)getpid(), 99L));
	SHOW(syscall(SYS_tgkill, 0L, (long)getpid(), 0L));
	SHOW(syscall(SYS_tgkill, (long)getpid(), 999999L, 0L));
	SHOW(syscall(SYS_tgkill, 999999L, (long)getpid(), 0L));
	SHOW(syscall(SYS_tgkill, (long)getpid(), (long)getpid(), 0L));
	printf("-- clone with impossible flags\n");
	SHOW(syscall(SYS_clone, (long)(CLONE_SIGHAND | SIGCHLD), 0, 0, 0, 0));
	SHOW(syscall(SYS_clone, (long)(CLONE_THREAD | SIGCHLD), 0, 0, 0, 0));
	SHOW(syscall(SYS_clone, (long)(CLONE_NEWNS | CLONE_FS | SIGCHLD), 0, 0, 0, 0));
	printf("-- arch_prctl\n");
	SHOW(syscall(SYS_arch_prctl, 0x9999L, 0));
	SHOW(syscall(SYS_arch_prctl, (long)ARCH_SET_FS, BAD_KERNEL));
	SHOW(syscall(SYS_arch_prctl, (long)ARCH_SET_FS, BAD_NONCANONICAL));
	SHOW(syscall(SYS_arch_prctl, (long)ARCH_GET_FS, BAD_ONE));
	SHOW(syscall(SYS_arch_prctl, (long)ARCH_GET_FS, gone));
	unsigned long fs = 0;
	SHOW(syscall(SYS_arch_prctl, (long)ARCH_GET_FS, &fs));
	printf("thread pointer still works: %s\n", fs != 0 && errno == 0 ? "yes" : "no");
	printf("-- set_tid_address, limits, usage, umask\n");
	printf("set_tid_address(bad) returns our tid: %s\n", syscall(SYS_set_tid_address, BAD_ONE) == getpid() ? "yes" : "no");
	SHOW(syscall(SYS_getrlimit, 99L, BAD_NULL));
	SHOW(syscall(SYS_getrlimit, (long)RLIMIT_NOFILE, BAD_ONE));
	SHOW(syscall(SYS_getrlimit, (long)RLIMIT_NOFILE, BAD_KERNEL));
	SHOW(syscall(SYS_setrlimit, 99L, BAD_NULL));
	SHOW(syscall(SYS_setrlimit, (long)RLIMIT_NOFILE, BAD_ONE));
	SHOW(syscall(SYS_prlimit64, 999999L, (long)RLIMIT_NOFILE, 0, BAD_NULL));
	SHOW(syscall(SYS_getrusage, 99L, BAD_NULL));
	SHOW(syscall(SYS_getrusage, 0L, BAD_ONE));
	SHOW(syscall(SYS_times, BAD_ONE) == -1);
	SHOW(syscall(SYS_umask, 0777777L));
	SHOW(syscall(SYS_umask, 022L));
	SHOW(syscall(SYS_setpgid, 0L, -5L));
	SHOW(syscall(SYS_setpgid, -5L, 0L));
	SHOW(syscall(SYS_getpgid, -1L));
	SHOW(syscall(SYS_getsid, -1L));
	SHOW(syscall(SYS_sched_yield));
	SHOW(syscall(SYS_execve, "/bin/busybox", (char *[]){ "busybox", BAD_ONE, NULL }, NULL));
	SHOW(syscall(SYS_execve, "/bin/busybox", (char *[]){ "busybox", NULL }, (char *[]){ "A=1", BAD_KERNEL, NULL }));
	SHOW(syscall(100000L));
	SHOW(syscall(-1L));
	SHOW(syscall(SYS_getpid) == getpid());
	still_fine();
	return 0;
}

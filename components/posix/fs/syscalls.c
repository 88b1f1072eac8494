/* The file side's system call table, for the process side's dispatcher. */
#include "components/posix/fs/syscalls.h"

#define FS_SYSCALL_ENTRY(name) { LINUX_SYS_##name, sys_##name },

const struct posix_syscall fs_syscalls[] = {
	FS_SYSCALLS(FS_SYSCALL_ENTRY)
	{ 0, NULL },
};

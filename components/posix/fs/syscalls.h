/* The file side's system calls (fs_syscalls[] in syscalls.c lists them). */
#ifndef POSIX_FS_SYSCALLS_H
#define POSIX_FS_SYSCALLS_H

#include "components/posix/posix.h"

#define FS_SYSCALLS(X)                                                                          \
	X(read) X(write) X(readv) X(writev) X(pread64) X(pwrite64) X(lseek)                    \
	X(open) X(openat) X(creat) X(close) X(dup) X(dup2) X(dup3) X(pipe) X(pipe2) X(fcntl)   \
	X(ioctl) X(fstat) X(stat) X(lstat) X(newfstatat) X(statx) X(statfs) X(fstatfs)        \
	X(getdents64) X(chdir) X(fchdir) X(getcwd) X(mkdir) X(mkdirat) X(rmdir)               \
	X(unlink) X(unlinkat) X(rename) X(renameat) X(renameat2) X(link) X(linkat)            \
	X(symlink) X(symlinkat) X(readlink) X(readlinkat) X(mknod) X(mknodat)                 \
	X(access) X(faccessat) X(faccessat2) X(umask) X(truncate) X(ftruncate)                \
	X(fsync) X(fdatasync) X(sync) X(chmod) X(fchmod) X(fchmodat)                          \
	X(chown) X(fchown) X(lchown) X(fchownat) X(utimensat) X(utimes) X(utime)              \
	X(poll) X(ppoll) X(select) X(pselect6) X(sendfile) X(copy_file_range)                  \
	X(preadv) X(pwritev) X(preadv2) X(pwritev2)

#define FS_DECLARE_SYSCALL(name) long sys_##name(struct process *p, const uint64_t a[6]);
FS_SYSCALLS(FS_DECLARE_SYSCALL)
#undef FS_DECLARE_SYSCALL

/* rmdir's work, shared with unlinkat(AT_REMOVEDIR). */
long fs_remove_dir(struct process *p, int dirfd, uint64_t path);

#endif

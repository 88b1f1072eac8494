/*
 * The Linux-ABI personality: what its parts share. The process side
 * (process.c, memory.c, exec.c, fork.c, signal.c, syscall.c, ...) owns
 * processes, their memory and signals; the file side (fs/: descriptors, the
 * in-memory file tree, pipes, the console device, poll and select) owns
 * everything reached through a file descriptor. Neither knows whether it
 * runs in a server or in the application's library OS: user memory is
 * reached through user_read/user_write, which the placement provides.
 *
 * System calls return a Linux result: >= 0, or a negated LINUX_E* error.
 */
#ifndef POSIX_POSIX_H
#define POSIX_POSIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "components/posix/linux_errno.h"
#include "components/posix/linux_syscalls.h"

struct process;
struct fd_table;   /* fs/: a process's descriptors */
struct vnode;      /* fs/: a file, directory, pipe end or device */

/* A call that cannot finish yet (an empty pipe, no console input, no child
 * has exited, a sleep): the process side parks it and runs it again, from
 * the start, after posix_wake() or when block_deadline passes. It must not
 * have changed anything it would change again on the retry. */
#define POSIX_BLOCK (-100000)

/* A system call's implementation: the six argument registers. */
typedef long posix_syscall_fn(struct process *p, const uint64_t a[6]);

struct posix_syscall {
	unsigned number;        /* LINUX_SYS_* */
	posix_syscall_fn *fn;
};

/* Each side lists the calls it implements; an entry with a NULL fn ends
 * the list. */
extern const struct posix_syscall process_syscalls[];
extern const struct posix_syscall fs_syscalls[];

/* The part of a process both sides use. The process side owns the rest. */
struct posix_process_common {
	int pid, ppid, pgid, sid;
	unsigned umask;
	struct fd_table *files;
	struct vnode *cwd;
	/* Blocking (POSIX_BLOCK): true when the current call is a retry of a
	 * parked one; a call that blocks with a timeout sets block_deadline
	 * (posix_now_ns() time) on its first run and reads it on retries. */
	bool retrying;
	uint64_t block_deadline;
};
struct posix_process_common *posix_common(struct process *p);

/* User memory of process p: 0, or -LINUX_EFAULT (nothing is half-done
 * from the caller's view: a failed write may have written a prefix). */
long user_read(struct process *p, uint64_t address, void *buffer, size_t length);
long user_write(struct process *p, uint64_t address, const void *buffer, size_t length);
/* A NUL-terminated string of at most max bytes with its NUL: its length,
 * -LINUX_EFAULT, or -LINUX_ENAMETOOLONG. */
long user_read_string(struct process *p, uint64_t address, char *buffer, size_t max);

/* Process side, for the file side. */
uint64_t posix_now_ns(void);           /* monotonic time since boot */
uint64_t posix_realtime_ns(void);      /* wall clock */
void posix_wake(void);                 /* something a parked call may wait for changed */
void signal_send(struct process *p, int signal);
void signal_send_group(int pgid, int signal); /* every process of the group */
struct process *process_find(int pid);
bool process_group_exists(int pgid);

/* File side, for the process side. */
void fs_init(const void *cpio, size_t size);            /* the initial tree from the boot archive */
long fs_process_init(struct process *p);                 /* first process: stdin/out/err on /dev/console, cwd / */
long fs_fork(struct process *parent, struct process *child); /* share open files, copy descriptors, cwd */
void fs_exec(struct process *p);                         /* close close-on-exec descriptors */
void fs_exit(struct process *p);                         /* close everything */
/* A regular file's bytes for exec (contiguous, read-only, valid until the
 * file changes): 0 or -LINUX_ENOENT, -LINUX_EACCES, -LINUX_ENOTDIR, ... */
long fs_exec_image(struct process *p, const char *path, const void **data, size_t *size);
/* Console input became readable or a signal character was typed (the
 * console server's notification): the file side asks the console and
 * sends SIGINT/SIGTSTP/SIGQUIT to the foreground process group. */
void fs_console_event(void);

#endif

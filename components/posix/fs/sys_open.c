/*
 * open, openat, creat, close, dup, dup2, dup3, pipe, pipe2, fcntl: making
 * and naming open files. Errors follow Linux's order: the path argument
 * (EFAULT, ENAMETOOLONG), a free descriptor (EMFILE), the lookup, then the
 * checks on what was found.
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/pipe.h"
#include "components/posix/fs/syscalls.h"

#include "lib/string.h"

static char open_path[LINUX_PATH_MAX + 1];

/* What F_GETFL shows: open's flags without the ones that only act at
 * open time. x86-64 Linux always adds O_LARGEFILE. */
#define OPEN_ONLY_FLAGS (LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_NOCTTY | LINUX_O_TRUNC | LINUX_O_CLOEXEC)
#define O_PATH_KEPT (LINUX_O_PATH | LINUX_O_DIRECTORY | LINUX_O_NOFOLLOW | LINUX_O_CLOEXEC)

static bool fd_available(struct process *p)
{
	for (int fd = 0; fd < fd_limit(p); fd++)
		if (!fd_get(p, fd))
			return true;
	return false;
}

static long open_create(struct process *p, struct lookup *l, uint32_t mode)
{
	if (dir_is_dead(l->parent))
		return -LINUX_ENOENT;
	struct vnode *v = vnode_new(LINUX_S_IFREG | (mode & LINUX_MODE_PERMISSIONS & ~posix_common(p)->umask));
	if (!v)
		return -LINUX_ENOSPC;
	long error = dir_add(l->parent, l->name, l->name_length, v);
	if (error) {
		vnode_forget_if_unused(v);
		return error;
	}
	l->vnode = v;
	return 0;
}

/* Finds (or with O_CREAT makes) what path names; *created says if new. */
static long open_find(struct process *p, int dirfd, uint32_t flags, uint32_t mode, struct lookup *l)
{
	bool follow = !(flags & LINUX_O_NOFOLLOW);
	if (!(flags & LINUX_O_CREAT) || (flags & LINUX_O_PATH)) {
		unsigned how = (follow ? LOOKUP_FOLLOW : 0) | ((flags & LINUX_O_DIRECTORY) ? LOOKUP_DIRECTORY : 0);
		long error = path_lookup(p, dirfd, open_path, how, l);
		if (error)
			return error;
		if (vnode_is_symlink(l->vnode) && !(flags & LINUX_O_PATH))
			return -LINUX_ELOOP;
		return 0;
	}
	bool exclusive = flags & LINUX_O_EXCL;
	long error = path_lookup(p, dirfd, open_path, LOOKUP_PARENT | (follow && !exclusive ? LOOKUP_FOLLOW : 0), l);
	if (error)
		return error;
	if (l->last_type != LAST_NORMAL || l->trailing_slash)
		return -LINUX_EISDIR;
	if (!l->vnode)
		return open_create(p, l, mode);
	if (exclusive)
		return -LINUX_EEXIST;
	if (vnode_is_symlink(l->vnode))
		return -LINUX_ELOOP;
	if (vnode_is_dir(l->vnode))
		return -LINUX_EISDIR;
	return 0;
}

/* O_TMPFILE: a nameless regular file in the directory path names. */
static long open_tmpfile(struct process *p, int dirfd, uint32_t flags, uint32_t mode, struct vnode **out)
{
	unsigned access = flags & LINUX_O_ACCMODE;
	if (access != LINUX_O_WRONLY && access != LINUX_O_RDWR)
		return -LINUX_EINVAL;
	struct lookup l;
	long error = path_lookup(p, dirfd, open_path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &l);
	if (error)
		return error;
	if (dir_is_dead(l.vnode))
		return -LINUX_ENOENT;
	struct vnode *v = vnode_new(LINUX_S_IFREG | (mode & LINUX_MODE_PERMISSIONS & ~posix_common(p)->umask));
	if (!v)
		return -LINUX_ENOSPC;
	*out = v;
	return 0;
}

static long open_checks(struct vnode *v, uint32_t flags)
{
	if (flags & LINUX_O_PATH)
		return 0;
	bool writes = (flags & LINUX_O_ACCMODE) != LINUX_O_RDONLY || (flags & LINUX_O_TRUNC);
	if (vnode_is_dir(v) && writes)
		return -LINUX_EISDIR;
	if ((flags & LINUX_O_DIRECTORY) && !vnode_is_dir(v))
		return -LINUX_ENOTDIR;
	return 0;
}

static long fs_open(struct process *p, int dirfd, uint64_t path_address, uint32_t flags, uint32_t mode)
{
	long length = path_from_user(p, path_address, open_path, false);
	if (length < 0)
		return length;
	bool tmpfile = (flags & LINUX_O_TMPFILE) == LINUX_O_TMPFILE;
	if ((flags & LINUX_O_CREAT) && (flags & LINUX_O_DIRECTORY) && !tmpfile)
		return -LINUX_EINVAL;
	if (flags & LINUX_O_PATH)
		flags &= O_PATH_KEPT;
	if (!fd_available(p))
		return -LINUX_EMFILE;
	struct vnode *v;
	bool fresh = false;
	if (tmpfile && !(flags & LINUX_O_PATH)) {
		long error = open_tmpfile(p, dirfd, flags, mode, &v);
		if (error)
			return error;
		fresh = true;
	} else {
		struct lookup l;
		long error = open_find(p, dirfd, flags, mode, &l);
		if (error)
			return error;
		v = l.vnode;
		error = open_checks(v, flags);
		if (error)
			return error;
	}
	const struct file_ops *ops = (flags & LINUX_O_PATH) ? &path_file_ops : file_ops_for(v);
	if (!ops)
		return -LINUX_ENXIO;
	bool fifo = vnode_type(v) == LINUX_S_IFIFO && !(flags & LINUX_O_PATH);
	if (fifo) {
		long error = fifo_open(p, v, flags);
		if (error)
			return error;
	}
	if ((flags & LINUX_O_TRUNC) && vnode_is_regular(v) && !(flags & LINUX_O_PATH) && v->file.size) {
		file_data_truncate(v, 0);
		vnode_touch_modified(v);
	}
	uint32_t kept = (flags & ~OPEN_ONLY_FLAGS) | ((flags & LINUX_O_PATH) ? 0 : LINUX_O_LARGEFILE);
	struct file *f = file_new(v, kept, ops);
	if (!f) {
		if (fifo)
			fifo_open_undo(v, flags);
		if (fresh)
			vnode_forget_if_unused(v);
		return -LINUX_ENFILE;
	}
	file_hold(f);
	long fd = fd_install(p, f, 0, flags & LINUX_O_CLOEXEC);
	file_release(f);
	return fd;
}

long sys_open(struct process *p, const uint64_t a[6])
{
	return fs_open(p, LINUX_AT_FDCWD, a[0], (uint32_t)a[1], (uint32_t)a[2]);
}

long sys_openat(struct process *p, const uint64_t a[6])
{
	return fs_open(p, (int)a[0], a[1], (uint32_t)a[2], (uint32_t)a[3]);
}

long sys_creat(struct process *p, const uint64_t a[6])
{
	return fs_open(p, LINUX_AT_FDCWD, a[0], LINUX_O_CREAT | LINUX_O_WRONLY | LINUX_O_TRUNC, (uint32_t)a[1]);
}

long sys_close(struct process *p, const uint64_t a[6])
{
	return fd_close(p, (int)a[0]);
}

long sys_dup(struct process *p, const uint64_t a[6])
{
	struct file *f = fd_get(p, (int)a[0]);
	if (!f)
		return -LINUX_EBADF;
	return fd_install(p, f, 0, false);
}

static long dup_to(struct process *p, int old, uint64_t new, bool close_on_exec)
{
	if (new >= (uint64_t)fd_limit(p))
		return -LINUX_EBADF;
	struct file *f = fd_get(p, old);
	if (!f)
		return -LINUX_EBADF;
	fd_replace(p, (int)new, f, close_on_exec);
	return (long)new;
}

long sys_dup2(struct process *p, const uint64_t a[6])
{
	int old = (int)a[0];
	if ((uint32_t)a[1] == (uint32_t)old)
		return fd_get(p, old) ? old : -LINUX_EBADF;
	return dup_to(p, old, (uint32_t)a[1], false);
}

long sys_dup3(struct process *p, const uint64_t a[6])
{
	uint32_t flags = (uint32_t)a[2];
	if (flags & ~(uint32_t)LINUX_O_CLOEXEC)
		return -LINUX_EINVAL;
	if ((uint32_t)a[0] == (uint32_t)a[1])
		return -LINUX_EINVAL;
	return dup_to(p, (int)a[0], (uint32_t)a[1], flags & LINUX_O_CLOEXEC);
}

#define PIPE2_FLAGS (LINUX_O_CLOEXEC | LINUX_O_NONBLOCK | LINUX_O_DIRECT)

static long make_pipe(struct process *p, uint64_t address, uint32_t flags)
{
	if (flags & ~(uint32_t)PIPE2_FLAGS)
		return -LINUX_EINVAL;
	struct file *reader, *writer;
	long error = pipe_create(&reader, &writer, flags);
	if (error)
		return error;
	bool close_on_exec = flags & LINUX_O_CLOEXEC;
	/* Held here until the descriptors hold them (or fail to). */
	file_hold(reader);
	file_hold(writer);
	long read_fd = fd_install(p, reader, 0, close_on_exec);
	long write_fd = read_fd < 0 ? read_fd : fd_install(p, writer, 0, close_on_exec);
	if (write_fd < 0 && read_fd >= 0)
		fd_close(p, (int)read_fd);
	file_release(reader);
	file_release(writer);
	if (write_fd < 0)
		return write_fd;
	int32_t pair[2] = { (int32_t)read_fd, (int32_t)write_fd };
	error = user_write(p, address, pair, sizeof pair);
	if (error) {
		fd_close(p, pair[0]);
		fd_close(p, pair[1]);
		return error;
	}
	return 0;
}

long sys_pipe(struct process *p, const uint64_t a[6])
{
	return make_pipe(p, a[0], 0);
}

long sys_pipe2(struct process *p, const uint64_t a[6])
{
	return make_pipe(p, a[0], (uint32_t)a[1]);
}

/* struct flock: l_type, l_whence (16 bits each), l_start, l_len, l_pid. */
#define LINUX_F_RDLCK 0
#define LINUX_F_WRLCK 1
#define LINUX_F_UNLCK 2
struct linux_flock {
	int16_t l_type, l_whence;
	int64_t l_start, l_len;
	int32_t l_pid;
};

/* Record locks: one server, nothing ever contends, so every lock is
 * granted and none is ever in the way. */
static long fcntl_lock(struct process *p, struct file *f, unsigned command, uint64_t address)
{
	struct linux_flock lock;
	long error = user_read(p, address, &lock, sizeof lock);
	if (error)
		return error;
	if (lock.l_type < LINUX_F_RDLCK || lock.l_type > LINUX_F_UNLCK || lock.l_whence < 0 || lock.l_whence > 2)
		return -LINUX_EINVAL;
	if (command != LINUX_F_GETLK) {
		if ((lock.l_type == LINUX_F_RDLCK && !file_readable(f)) ||
		    (lock.l_type == LINUX_F_WRLCK && !file_writable(f)))
			return -LINUX_EBADF;
		return 0;
	}
	lock.l_type = LINUX_F_UNLCK;
	return user_write(p, address, &lock, sizeof lock);
}

static long fcntl_pipe_size(struct file *f, unsigned command, uint64_t argument)
{
	if (vnode_type(f->vnode) != LINUX_S_IFIFO)
		return -LINUX_EBADF;
	if (command == LINUX_F_GETPIPE_SZ)
		return pipe_capacity(f);
	return pipe_set_capacity(f, argument);
}

long sys_fcntl(struct process *p, const uint64_t a[6])
{
	int fd = (int)a[0];
	unsigned command = (unsigned)a[1];
	uint64_t argument = a[2];
	struct file *f = fd_get(p, fd);
	if (!f)
		return -LINUX_EBADF;
	bool path_only = f->flags & LINUX_O_PATH;
	switch (command) {
	case LINUX_F_DUPFD:
	case LINUX_F_DUPFD_CLOEXEC:
		if (argument >= (uint64_t)fd_limit(p))
			return -LINUX_EINVAL;
		return fd_install(p, f, (int)argument, command == LINUX_F_DUPFD_CLOEXEC);
	case LINUX_F_GETFD:
		return fd_close_on_exec(p, fd) ? LINUX_FD_CLOEXEC : 0;
	case LINUX_F_SETFD:
		fd_set_close_on_exec(p, fd, argument & LINUX_FD_CLOEXEC);
		return 0;
	case LINUX_F_GETFL:
		return f->flags;
	default:
		break;
	}
	if (path_only)
		return -LINUX_EBADF;
	switch (command) {
	case LINUX_F_SETFL:
		f->flags = (f->flags & ~(uint32_t)LINUX_O_SETFL_MASK) | ((uint32_t)argument & LINUX_O_SETFL_MASK);
		posix_wake(); /* a reader may have stopped waiting */
		return 0;
	case LINUX_F_GETLK:
	case LINUX_F_SETLK:
	case LINUX_F_SETLKW:
		return fcntl_lock(p, f, command, argument);
	case LINUX_F_GETOWN:
		return 0;
	case LINUX_F_SETOWN:
		return 0;
	case LINUX_F_GETPIPE_SZ:
	case LINUX_F_SETPIPE_SZ:
		return fcntl_pipe_size(f, command, argument);
	default:
		return -LINUX_EINVAL;
	}
}

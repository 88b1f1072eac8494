/*
 * access, faccessat, faccessat2, umask, truncate, ftruncate, fsync,
 * fdatasync, sync, chmod, fchmod, fchmodat, chown, fchown, lchown,
 * fchownat, utimensat, utimes, utime. Everything runs as root, so
 * permission checks reduce to root's: execute needs an execute bit.
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/syscalls.h"

#include "lib/string.h"

static char attr_path[LINUX_PATH_MAX + 1];

#define ATTR_NS_PER_S 1000000000l

/* The vnode a path names (following links unless told not to). */
static long attr_lookup(struct process *p, int dirfd, uint64_t path, unsigned flags, struct vnode **out)
{
	long length = path_from_user(p, path, attr_path, flags & LINUX_AT_EMPTY_PATH);
	if (length < 0)
		return length;
	struct lookup l;
	unsigned how = ((flags & LINUX_AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
		       ((flags & LINUX_AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
	long error = path_lookup(p, dirfd, attr_path, how, &l);
	if (error)
		return error;
	*out = l.vnode;
	return 0;
}

static long access_at(struct process *p, int dirfd, uint64_t path, unsigned mode, unsigned flags)
{
	if (mode & ~(unsigned)(LINUX_R_OK | LINUX_W_OK | LINUX_X_OK))
		return -LINUX_EINVAL;
	struct vnode *v;
	long error = attr_lookup(p, dirfd, path, flags, &v);
	if (error)
		return error;
	if ((mode & LINUX_X_OK) && !vnode_is_dir(v) && !(v->mode & LINUX_S_IXUGO))
		return -LINUX_EACCES;
	return 0;
}

long sys_access(struct process *p, const uint64_t a[6])
{
	return access_at(p, LINUX_AT_FDCWD, a[0], (unsigned)a[1], 0);
}

long sys_faccessat(struct process *p, const uint64_t a[6])
{
	return access_at(p, (int)a[0], a[1], (unsigned)a[2], 0);
}

long sys_faccessat2(struct process *p, const uint64_t a[6])
{
	unsigned flags = (unsigned)a[3];
	if (flags & ~(unsigned)(LINUX_AT_EACCESS | LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -LINUX_EINVAL;
	return access_at(p, (int)a[0], a[1], (unsigned)a[2], flags);
}

long sys_umask(struct process *p, const uint64_t a[6])
{
	struct posix_process_common *c = posix_common(p);
	unsigned old = c->umask;
	c->umask = (unsigned)a[0] & 0777;
	return old;
}

long sys_truncate(struct process *p, const uint64_t a[6])
{
	struct vnode *v;
	long error = attr_lookup(p, LINUX_AT_FDCWD, a[0], 0, &v);
	if (error)
		return error;
	if (vnode_is_dir(v))
		return -LINUX_EISDIR;
	if (!vnode_is_regular(v))
		return -LINUX_EINVAL;
	if ((int64_t)a[1] < 0)
		return -LINUX_EINVAL;
	uint64_t old = v->file.size;
	error = file_data_truncate(v, a[1]);
	if (!error && old != a[1])
		vnode_touch_modified(v);
	return error;
}

long sys_ftruncate(struct process *p, const uint64_t a[6])
{
	if ((int64_t)a[1] < 0)
		return -LINUX_EINVAL;
	struct file *f = fd_get_file(p, (int)a[0]);
	if (!f)
		return -LINUX_EBADF;
	if (!vnode_is_regular(f->vnode) || !file_writable(f))
		return -LINUX_EINVAL;
	long error = file_data_truncate(f->vnode, a[1]);
	if (!error)
		vnode_touch_modified(f->vnode);
	return error;
}

static long sync_file(struct process *p, int fd)
{
	struct file *f = fd_get_file(p, fd);
	if (!f)
		return -LINUX_EBADF;
	/* Memory is as durable as it gets; devices and pipes cannot sync. */
	return vnode_is_regular(f->vnode) || vnode_is_dir(f->vnode) ? 0 : -LINUX_EINVAL;
}

long sys_fsync(struct process *p, const uint64_t a[6])
{
	return sync_file(p, (int)a[0]);
}

long sys_fdatasync(struct process *p, const uint64_t a[6])
{
	return sync_file(p, (int)a[0]);
}

long sys_sync(struct process *p, const uint64_t a[6])
{
	(void)p;
	(void)a;
	return 0;
}

static long chmod_vnode(struct vnode *v, uint32_t mode)
{
	v->mode = (v->mode & LINUX_S_IFMT) | (mode & LINUX_MODE_PERMISSIONS);
	vnode_touch_changed(v);
	return 0;
}

long sys_chmod(struct process *p, const uint64_t a[6])
{
	struct vnode *v;
	long error = attr_lookup(p, LINUX_AT_FDCWD, a[0], 0, &v);
	return error ? error : chmod_vnode(v, (uint32_t)a[1]);
}

long sys_fchmod(struct process *p, const uint64_t a[6])
{
	struct file *f = fd_get_file(p, (int)a[0]);
	if (!f)
		return -LINUX_EBADF;
	return chmod_vnode(f->vnode, (uint32_t)a[1]);
}

long sys_fchmodat(struct process *p, const uint64_t a[6])
{
	struct vnode *v;
	long error = attr_lookup(p, (int)a[0], a[1], 0, &v);
	return error ? error : chmod_vnode(v, (uint32_t)a[2]);
}

/* -1 keeps an id. A changed owner clears set-user-ID, and set-group-ID
 * when group execute is on, on anything but a directory (as Linux does,
 * even for root). */
static long chown_vnode(struct vnode *v, uint32_t uid, uint32_t gid)
{
	if (uid != 0xffffffffu)
		v->uid = uid;
	if (gid != 0xffffffffu)
		v->gid = gid;
	if (!vnode_is_dir(v)) {
		v->mode &= ~(uint32_t)LINUX_S_ISUID;
		if (v->mode & 010)
			v->mode &= ~(uint32_t)LINUX_S_ISGID;
	}
	vnode_touch_changed(v);
	return 0;
}

long sys_chown(struct process *p, const uint64_t a[6])
{
	struct vnode *v;
	long error = attr_lookup(p, LINUX_AT_FDCWD, a[0], 0, &v);
	return error ? error : chown_vnode(v, (uint32_t)a[1], (uint32_t)a[2]);
}

long sys_lchown(struct process *p, const uint64_t a[6])
{
	struct vnode *v;
	long error = attr_lookup(p, LINUX_AT_FDCWD, a[0], LINUX_AT_SYMLINK_NOFOLLOW, &v);
	return error ? error : chown_vnode(v, (uint32_t)a[1], (uint32_t)a[2]);
}

long sys_fchown(struct process *p, const uint64_t a[6])
{
	struct file *f = fd_get_file(p, (int)a[0]);
	if (!f)
		return -LINUX_EBADF;
	return chown_vnode(f->vnode, (uint32_t)a[1], (uint32_t)a[2]);
}

long sys_fchownat(struct process *p, const uint64_t a[6])
{
	unsigned flags = (unsigned)a[4];
	if (flags & ~(unsigned)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -LINUX_EINVAL;
	struct vnode *v;
	long error = attr_lookup(p, (int)a[0], a[1], flags, &v);
	return error ? error : chown_vnode(v, (uint32_t)a[2], (uint32_t)a[3]);
}

/* times[0] is the access time, times[1] the modification time; each may
 * be UTIME_NOW or UTIME_OMIT. */
static long set_times(struct vnode *v, const struct linux_timespec times[2])
{
	struct linux_timespec now;
	fs_time_now(&now);
	struct linux_timespec *fields[2] = { &v->atime, &v->mtime };
	for (int i = 0; i < 2; i++) {
		if (times[i].tv_nsec == LINUX_UTIME_OMIT)
			continue;
		*fields[i] = times[i].tv_nsec == LINUX_UTIME_NOW ? now : times[i];
	}
	v->ctime = now;
	return 0;
}

static bool time_valid(const struct linux_timespec *t)
{
	return t->tv_nsec == LINUX_UTIME_NOW || t->tv_nsec == LINUX_UTIME_OMIT ||
	       (t->tv_nsec >= 0 && t->tv_nsec < ATTR_NS_PER_S);
}

static long times_at(struct process *p, int dirfd, uint64_t path, struct linux_timespec times[2], unsigned flags)
{
	struct vnode *v;
	if (path == 0) {
		/* utimensat(fd, NULL, ...): the file fd names (futimens). */
		if (dirfd == LINUX_AT_FDCWD)
			return -LINUX_EFAULT;
		struct file *f = fd_get(p, dirfd);
		if (!f)
			return -LINUX_EBADF;
		v = f->vnode;
	} else {
		long error = attr_lookup(p, dirfd, path, flags, &v);
		if (error)
			return error;
	}
	return set_times(v, times);
}

long sys_utimensat(struct process *p, const uint64_t a[6])
{
	struct linux_timespec times[2] = { { 0, LINUX_UTIME_NOW }, { 0, LINUX_UTIME_NOW } };
	unsigned flags = (unsigned)a[3];
	if (a[2]) {
		long error = user_read(p, a[2], times, sizeof times);
		if (error)
			return error;
		if (times[0].tv_nsec == LINUX_UTIME_OMIT && times[1].tv_nsec == LINUX_UTIME_OMIT)
			return 0;
		if (!time_valid(&times[0]) || !time_valid(&times[1]))
			return -LINUX_EINVAL;
	}
	if (flags & ~(unsigned)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
		return -LINUX_EINVAL;
	return times_at(p, (int)a[0], a[1], times, flags);
}

long sys_utimes(struct process *p, const uint64_t a[6])
{
	struct linux_timespec times[2] = { { 0, LINUX_UTIME_NOW }, { 0, LINUX_UTIME_NOW } };
	if (a[1]) {
		struct linux_timeval tv[2];
		long error = user_read(p, a[1], tv, sizeof tv);
		if (error)
			return error;
		for (int i = 0; i < 2; i++) {
			if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
				return -LINUX_EINVAL;
			times[i] = (struct linux_timespec){ tv[i].tv_sec, tv[i].tv_usec * 1000 };
		}
	}
	if (a[0] == 0)
		return -LINUX_EFAULT;
	return times_at(p, LINUX_AT_FDCWD, a[0], times, 0);
}

long sys_utime(struct process *p, const uint64_t a[6])
{
	struct linux_timespec times[2] = { { 0, LINUX_UTIME_NOW }, { 0, LINUX_UTIME_NOW } };
	if (a[1]) {
		int64_t seconds[2]; /* struct utimbuf: actime, modtime */
		long error = user_read(p, a[1], seconds, sizeof seconds);
		if (error)
			return error;
		times[0] = (struct linux_timespec){ seconds[0], 0 };
		times[1] = (struct linux_timespec){ seconds[1], 0 };
	}
	if (a[0] == 0)
		return -LINUX_EFAULT;
	return times_at(p, LINUX_AT_FDCWD, a[0], times, 0);
}

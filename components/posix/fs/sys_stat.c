/*
 * fstat, stat, lstat, newfstatat, statx, statfs, fstatfs: Linux's
 * structures for x86-64, filled the way tmpfs fills them.
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/pipe.h"
#include "components/posix/fs/syscalls.h"

#include "lib/string.h"

static char stat_path[LINUX_PATH_MAX + 1];

/* The devices our vnodes live on: the tree, and pipes (pipefs). */
#define FS_DEVICE LINUX_MKDEV(0, 0x10)
#define PIPE_DEVICE LINUX_MKDEV(0, 0x0e)
#define FS_BLOCK_SIZE 4096

static bool anonymous_pipe(const struct vnode *v)
{
	return vnode_type(v) == LINUX_S_IFIFO && v->pipe && v->pipe->anonymous;
}

static uint64_t vnode_device(const struct vnode *v)
{
	return anonymous_pipe(v) ? PIPE_DEVICE : FS_DEVICE;
}

/* A pipe has the one link pipefs gives it. */
static uint64_t vnode_links(const struct vnode *v)
{
	return anonymous_pipe(v) ? 1 : v->nlink;
}

static void stat_fill(const struct vnode *v, struct linux_stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_dev = vnode_device(v);
	st->st_ino = v->ino;
	st->st_nlink = vnode_links(v);
	st->st_mode = v->mode;
	st->st_uid = v->uid;
	st->st_gid = v->gid;
	st->st_rdev = v->rdev;
	st->st_size = (int64_t)vnode_size(v);
	st->st_blksize = FS_BLOCK_SIZE;
	st->st_blocks = (int64_t)vnode_blocks(v);
	st->st_atim = v->atime;
	st->st_mtim = v->mtime;
	st->st_ctim = v->ctime;
}

static long stat_to_user(struct process *p, const struct vnode *v, uint64_t address)
{
	struct linux_stat st;
	stat_fill(v, &st);
	return user_write(p, address, &st, sizeof st);
}

long sys_fstat(struct process *p, const uint64_t a[6])
{
	struct file *f = fd_get(p, (int)a[0]);
	if (!f)
		return -LINUX_EBADF;
	return stat_to_user(p, f->vnode, a[1]);
}

static long stat_path_at(struct process *p, int dirfd, uint64_t path, unsigned flags, struct vnode **out)
{
	long length = path_from_user(p, path, stat_path, flags & LINUX_AT_EMPTY_PATH);
	if (length < 0)
		return length;
	struct lookup l;
	unsigned how = (flags & LINUX_AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	if (flags & LINUX_AT_EMPTY_PATH)
		how |= LOOKUP_EMPTY;
	long error = path_lookup(p, dirfd, stat_path, how, &l);
	if (error)
		return error;
	*out = l.vnode;
	return 0;
}

long sys_stat(struct process *p, const uint64_t a[6])
{
	struct vnode *v;
	long error = stat_path_at(p, LINUX_AT_FDCWD, a[0], 0, &v);
	return error ? error : stat_to_user(p, v, a[1]);
}

long sys_lstat(struct process *p, const uint64_t a[6])
{
	struct vnode *v;
	long error = stat_path_at(p, LINUX_AT_FDCWD, a[0], LINUX_AT_SYMLINK_NOFOLLOW, &v);
	return error ? error : stat_to_user(p, v, a[1]);
}

long sys_newfstatat(struct process *p, const uint64_t a[6])
{
	unsigned flags = (unsigned)a[3];
	if (flags & ~(unsigned)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH | LINUX_AT_NO_AUTOMOUNT))
		return -LINUX_EINVAL;
	struct vnode *v;
	long error = stat_path_at(p, (int)a[0], a[1], flags, &v);
	return error ? error : stat_to_user(p, v, a[2]);
}

static struct linux_statx_timestamp statx_time(struct linux_timespec t)
{
	return (struct linux_statx_timestamp){ .tv_sec = t.tv_sec, .tv_nsec = (uint32_t)t.tv_nsec };
}

long sys_statx(struct process *p, const uint64_t a[6])
{
	int dirfd = (int)a[0];
	unsigned flags = (unsigned)a[2], mask = (unsigned)a[3];
	unsigned known = LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH | LINUX_AT_NO_AUTOMOUNT |
			 LINUX_AT_STATX_SYNC_TYPE;
	if ((flags & ~known) || (flags & LINUX_AT_STATX_SYNC_TYPE) == LINUX_AT_STATX_SYNC_TYPE)
		return -LINUX_EINVAL;
	if (mask & LINUX_STATX_RESERVED)
		return -LINUX_EINVAL;
	struct vnode *v;
	long error;
	if (a[1] == 0 && (flags & LINUX_AT_EMPTY_PATH)) {
		struct file *f = dirfd == LINUX_AT_FDCWD ? NULL : fd_get(p, dirfd);
		if (dirfd != LINUX_AT_FDCWD && !f)
			return -LINUX_EBADF;
		v = f ? f->vnode : posix_common(p)->cwd;
	} else if ((error = stat_path_at(p, dirfd, a[1], flags, &v))) {
		return error;
	}
	struct linux_statx sx;
	memset(&sx, 0, sizeof sx);
	sx.stx_mask = LINUX_STATX_BASIC_STATS | LINUX_STATX_MNT_ID;
	sx.stx_blksize = FS_BLOCK_SIZE;
	sx.stx_nlink = (uint32_t)vnode_links(v);
	sx.stx_uid = v->uid;
	sx.stx_gid = v->gid;
	sx.stx_mode = (uint16_t)v->mode;
	sx.stx_ino = v->ino;
	sx.stx_size = vnode_size(v);
	sx.stx_blocks = vnode_blocks(v);
	sx.stx_atime = statx_time(v->atime);
	sx.stx_mtime = statx_time(v->mtime);
	sx.stx_ctime = statx_time(v->ctime);
	sx.stx_rdev_major = (uint32_t)(v->rdev >> 8);
	sx.stx_rdev_minor = (uint32_t)(v->rdev & 0xff);
	uint64_t device = vnode_device(v);
	sx.stx_dev_major = (uint32_t)(device >> 8);
	sx.stx_dev_minor = (uint32_t)(device & 0xff);
	sx.stx_mnt_id = 1;
	return user_write(p, a[4], &sx, sizeof sx);
}

static long statfs_to_user(struct process *p, uint64_t address)
{
	struct linux_statfs sf;
	memset(&sf, 0, sizeof sf);
	sf.f_type = LINUX_TMPFS_MAGIC;
	sf.f_bsize = FS_BLOCK_SIZE;
	sf.f_frsize = FS_BLOCK_SIZE;
	/* The heap's reach, as if it were the file system's size. */
	sf.f_blocks = FS_HEAP_LIMIT / FS_BLOCK_SIZE;
	sf.f_bfree = sf.f_bavail = sf.f_blocks;
	sf.f_files = 1u << 20;
	sf.f_ffree = sf.f_files;
	sf.f_namelen = LINUX_NAME_MAX;
	sf.f_flags = LINUX_ST_VALID | LINUX_ST_RELATIME;
	return user_write(p, address, &sf, sizeof sf);
}

long sys_statfs(struct process *p, const uint64_t a[6])
{
	struct vnode *v;
	long error = stat_path_at(p, LINUX_AT_FDCWD, a[0], 0, &v);
	return error ? error : statfs_to_user(p, a[1]);
}

long sys_fstatfs(struct process *p, const uint64_t a[6])
{
	if (!fd_get(p, (int)a[0]))
		return -LINUX_EBADF;
	return statfs_to_user(p, a[1]);
}

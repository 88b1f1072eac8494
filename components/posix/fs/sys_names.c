/*
 * unlink, unlinkat, rename, renameat, renameat2, link, linkat, symlink,
 * symlinkat, readlink, readlinkat: the calls that add, move and remove
 * names, with Linux's answers for ".", "..", "/" and trailing slashes.
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/syscalls.h"

#include "lib/string.h"

static char old_path[LINUX_PATH_MAX + 1], new_path[LINUX_PATH_MAX + 1];

static long unlink_at(struct process *p, int dirfd, uint64_t path)
{
	long length = path_from_user(p, path, old_path, false);
	if (length < 0)
		return length;
	struct lookup l;
	long error = path_lookup(p, dirfd, old_path, LOOKUP_PARENT, &l);
	if (error)
		return error;
	if (l.last_type != LAST_NORMAL)
		return -LINUX_EISDIR;
	if (!l.vnode)
		return -LINUX_ENOENT;
	if (l.parent->fd_directory)
		return -LINUX_EPERM;
	if (vnode_is_dir(l.vnode))
		return -LINUX_EISDIR;
	if (l.trailing_slash)
		return -LINUX_ENOTDIR;
	dir_remove(l.parent, dir_find(l.parent, l.name, l.name_length));
	return 0;
}

long sys_unlink(struct process *p, const uint64_t a[6])
{
	return unlink_at(p, LINUX_AT_FDCWD, a[0]);
}

long sys_unlinkat(struct process *p, const uint64_t a[6])
{
	unsigned flags = (unsigned)a[2];
	if (flags & ~(unsigned)LINUX_AT_REMOVEDIR)
		return -LINUX_EINVAL;
	if (flags & LINUX_AT_REMOVEDIR)
		return fs_remove_dir(p, (int)a[0], a[1]);
	return unlink_at(p, (int)a[0], a[1]);
}

/* Whether dir is ancestor or the same as v (walking up from v). */
static bool dir_contains(struct vnode *ancestor, struct vnode *v)
{
	for (;;) {
		if (v == ancestor)
			return true;
		if (v == fs_root)
			return false;
		v = v->dir.parent;
	}
}

/* RENAME_EXCHANGE: the two names trade vnodes. */
static long rename_exchange(struct lookup *from, struct lookup *to)
{
	struct vnode *a = from->vnode, *b = to->vnode;
	if (from->parent != to->parent) {
		if (vnode_is_dir(a) && dir_contains(a, to->parent))
			return -LINUX_EINVAL;
		if (vnode_is_dir(b) && dir_contains(b, from->parent))
			return -LINUX_EINVAL;
	}
	struct dir_entry *ea = dir_find(from->parent, from->name, from->name_length);
	struct dir_entry *eb = dir_find(to->parent, to->name, to->name_length);
	ea->vnode = b;
	eb->vnode = a;
	if (vnode_is_dir(a) != vnode_is_dir(b) && from->parent != to->parent) {
		struct vnode *gains = vnode_is_dir(a) ? to->parent : from->parent;
		struct vnode *loses = vnode_is_dir(a) ? from->parent : to->parent;
		gains->nlink++;
		loses->nlink--;
	}
	if (vnode_is_dir(a))
		a->dir.parent = to->parent;
	if (vnode_is_dir(b))
		b->dir.parent = from->parent;
	vnode_touch_modified(from->parent);
	vnode_touch_modified(to->parent);
	vnode_touch_changed(a);
	vnode_touch_changed(b);
	return 0;
}

static long rename_at(struct process *p, int old_dirfd, uint64_t old_address, int new_dirfd, uint64_t new_address,
		      unsigned flags)
{
	if (flags & ~(unsigned)(LINUX_RENAME_NOREPLACE | LINUX_RENAME_EXCHANGE | LINUX_RENAME_WHITEOUT))
		return -LINUX_EINVAL;
	if ((flags & LINUX_RENAME_NOREPLACE) && (flags & LINUX_RENAME_EXCHANGE))
		return -LINUX_EINVAL;
	if (flags & LINUX_RENAME_WHITEOUT)
		return -LINUX_EINVAL; /* whiteouts are for overlay file systems */
	long length = path_from_user(p, old_address, old_path, false);
	if (length < 0)
		return length;
	length = path_from_user(p, new_address, new_path, false);
	if (length < 0)
		return length;
	struct lookup from, to;
	long error = path_lookup(p, old_dirfd, old_path, LOOKUP_PARENT, &from);
	if (error)
		return error;
	error = path_lookup(p, new_dirfd, new_path, LOOKUP_PARENT, &to);
	if (error)
		return error;
	if (from.last_type != LAST_NORMAL)
		return -LINUX_EBUSY;
	if (to.last_type != LAST_NORMAL)
		return (flags & LINUX_RENAME_NOREPLACE) ? -LINUX_EEXIST : -LINUX_EBUSY;
	struct vnode *v = from.vnode, *target = to.vnode;
	if (!v)
		return -LINUX_ENOENT;
	if (from.parent->fd_directory || to.parent->fd_directory)
		return -LINUX_EXDEV; /* as from or into Linux's /proc */
	if (flags & LINUX_RENAME_EXCHANGE) {
		if (!target)
			return -LINUX_ENOENT;
		if ((from.trailing_slash && !vnode_is_dir(v)) || (to.trailing_slash && !vnode_is_dir(target)))
			return -LINUX_ENOTDIR;
		if (v == target)
			return 0;
		return rename_exchange(&from, &to);
	}
	if (!vnode_is_dir(v) && (from.trailing_slash || to.trailing_slash))
		return -LINUX_ENOTDIR;
	if ((flags & LINUX_RENAME_NOREPLACE) && target)
		return -LINUX_EEXIST;
	if (v == target)
		return 0;
	if (vnode_is_dir(v) && dir_contains(v, to.parent))
		return -LINUX_EINVAL;
	if (target) {
		if (vnode_is_dir(v) && !vnode_is_dir(target))
			return -LINUX_ENOTDIR;
		if (!vnode_is_dir(v) && vnode_is_dir(target))
			return -LINUX_EISDIR;
		if (vnode_is_dir(target) && !dir_is_empty(target))
			return -LINUX_ENOTEMPTY;
	}
	if (dir_is_dead(to.parent))
		return -LINUX_ENOENT;
	if (target)
		dir_remove(to.parent, dir_find(to.parent, to.name, to.name_length));
	return dir_move(from.parent, dir_find(from.parent, from.name, from.name_length), to.parent, to.name,
			to.name_length);
}

long sys_rename(struct process *p, const uint64_t a[6])
{
	return rename_at(p, LINUX_AT_FDCWD, a[0], LINUX_AT_FDCWD, a[1], 0);
}

long sys_renameat(struct process *p, const uint64_t a[6])
{
	return rename_at(p, (int)a[0], a[1], (int)a[2], a[3], 0);
}

long sys_renameat2(struct process *p, const uint64_t a[6])
{
	return rename_at(p, (int)a[0], a[1], (int)a[2], a[3], (unsigned)a[4]);
}

/* Where a new name (link, symlink) goes: Linux's answers when the name is
 * taken, ".", "..", or ends in a slash. */
static long new_name_at(struct process *p, int dirfd, const char *path, struct lookup *l)
{
	long error = path_lookup(p, dirfd, path, LOOKUP_PARENT, l);
	if (error)
		return error;
	if (l->last_type != LAST_NORMAL || l->vnode)
		return -LINUX_EEXIST;
	if (l->trailing_slash || dir_is_dead(l->parent))
		return -LINUX_ENOENT;
	return 0;
}

static long link_at(struct process *p, int old_dirfd, uint64_t old_address, int new_dirfd, uint64_t new_address,
		    unsigned flags)
{
	if (flags & ~(unsigned)(LINUX_AT_SYMLINK_FOLLOW | LINUX_AT_EMPTY_PATH))
		return -LINUX_EINVAL;
	long length = path_from_user(p, old_address, old_path, flags & LINUX_AT_EMPTY_PATH);
	if (length < 0)
		return length;
	length = path_from_user(p, new_address, new_path, false);
	if (length < 0)
		return length;
	struct lookup from, to;
	unsigned how = ((flags & LINUX_AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0) |
		       ((flags & LINUX_AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
	long error = path_lookup(p, old_dirfd, old_path, how, &from);
	if (error)
		return error;
	error = new_name_at(p, new_dirfd, new_path, &to);
	if (error)
		return error;
	struct vnode *v = from.vnode;
	if (vnode_is_dir(v))
		return -LINUX_EPERM;
	if (v->nlink == 0)
		return -LINUX_ENOENT;
	error = dir_add(to.parent, to.name, to.name_length, v);
	if (!error)
		vnode_touch_changed(v);
	return error;
}

long sys_link(struct process *p, const uint64_t a[6])
{
	return link_at(p, LINUX_AT_FDCWD, a[0], LINUX_AT_FDCWD, a[1], 0);
}

long sys_linkat(struct process *p, const uint64_t a[6])
{
	return link_at(p, (int)a[0], a[1], (int)a[2], a[3], (unsigned)a[4]);
}

static long symlink_at(struct process *p, uint64_t target_address, int dirfd, uint64_t path_address)
{
	long target_length = path_from_user(p, target_address, old_path, false);
	if (target_length < 0)
		return target_length;
	long length = path_from_user(p, path_address, new_path, false);
	if (length < 0)
		return length;
	struct lookup l;
	long error = new_name_at(p, dirfd, new_path, &l);
	if (error)
		return error;
	struct vnode *v = vnode_new(LINUX_S_IFLNK | 0777);
	char *target = fs_alloc((size_t)target_length + 1);
	if (!v || !target) {
		fs_free(target);
		if (v)
			vnode_forget_if_unused(v);
		return -LINUX_ENOSPC;
	}
	memcpy(target, old_path, (size_t)target_length + 1);
	v->symlink.target = target;
	v->symlink.length = (size_t)target_length;
	error = dir_add(l.parent, l.name, l.name_length, v);
	if (error)
		vnode_forget_if_unused(v);
	return error;
}

long sys_symlink(struct process *p, const uint64_t a[6])
{
	return symlink_at(p, a[0], LINUX_AT_FDCWD, a[1]);
}

long sys_symlinkat(struct process *p, const uint64_t a[6])
{
	return symlink_at(p, a[0], (int)a[1], a[2]);
}

static long readlink_at(struct process *p, int dirfd, uint64_t path, uint64_t buffer, int64_t size)
{
	if (size <= 0)
		return -LINUX_EINVAL;
	long length = path_from_user(p, path, old_path, true);
	if (length < 0)
		return length;
	struct lookup l;
	long error = path_lookup(p, dirfd, old_path, LOOKUP_EMPTY, &l);
	if (error)
		return error;
	if (!vnode_is_symlink(l.vnode))
		return length == 0 ? -LINUX_ENOENT : -LINUX_EINVAL;
	size_t n = l.vnode->symlink.length;
	if ((uint64_t)size < n)
		n = (size_t)size;
	error = user_write(p, buffer, l.vnode->symlink.target, n);
	if (error)
		return error;
	vnode_touch_accessed(l.vnode);
	return (long)n;
}

long sys_readlink(struct process *p, const uint64_t a[6])
{
	return readlink_at(p, LINUX_AT_FDCWD, a[0], a[1], (int32_t)a[2]);
}

long sys_readlinkat(struct process *p, const uint64_t a[6])
{
	return readlink_at(p, (int)a[0], a[1], a[2], (int32_t)a[3]);
}

/* mknod and mknodat: regular files, device nodes, FIFOs and socket nodes
 * (which nothing here opens: ENXIO). */
static long mknod_at(struct process *p, int dirfd, uint64_t path, uint32_t mode, uint32_t device)
{
	long length = path_from_user(p, path, new_path, false);
	if (length < 0)
		return length;
	uint32_t type = mode & LINUX_S_IFMT;
	switch (type) {
	case 0:
		type = LINUX_S_IFREG;
		break;
	case LINUX_S_IFREG:
	case LINUX_S_IFCHR:
	case LINUX_S_IFBLK:
	case LINUX_S_IFIFO:
	case LINUX_S_IFSOCK:
		break;
	case LINUX_S_IFDIR:
		return -LINUX_EPERM;
	default:
		return -LINUX_EINVAL;
	}
	struct lookup l;
	long error = new_name_at(p, dirfd, new_path, &l);
	if (error)
		return error;
	struct vnode *v = vnode_new(type | (mode & LINUX_MODE_PERMISSIONS & ~posix_common(p)->umask));
	if (!v)
		return -LINUX_ENOSPC;
	if (type == LINUX_S_IFCHR || type == LINUX_S_IFBLK)
		v->rdev = device;
	error = dir_add(l.parent, l.name, l.name_length, v);
	if (error)
		vnode_forget_if_unused(v);
	return error;
}

long sys_mknod(struct process *p, const uint64_t a[6])
{
	return mknod_at(p, LINUX_AT_FDCWD, a[0], (uint32_t)a[1], (uint32_t)a[2]);
}

long sys_mknodat(struct process *p, const uint64_t a[6])
{
	return mknod_at(p, (int)a[0], a[1], (uint32_t)a[2], (uint32_t)a[3]);
}

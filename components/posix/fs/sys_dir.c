/*
 * getdents64, chdir, fchdir, getcwd, mkdir, mkdirat, rmdir.
 *
 * A directory descriptor's position: 0 before ".", 1 before "..", 2
 * before the first entry, and after an entry with cookie c,
 * DIR_POSITION_BASE - c. Entries are listed newest first (falling
 * cookies), so positions rise through the listing, and a listing resumed
 * at a position skips exactly the entries already returned, whatever was
 * added or removed meanwhile.
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/syscalls.h"

#include "lib/fmt.h"
#include "lib/string.h"

#define DIR_POSITION_BASE (1ull << 62)
#define DIRENT_BUFFER_SIZE (32u << 10)

static char dir_path[LINUX_PATH_MAX + 1];
static uint8_t dirent_buffer[DIRENT_BUFFER_SIZE];

static uint64_t position_after(const struct dir_entry *e)
{
	return DIR_POSITION_BASE - e->cookie;
}

/* Appends one linux_dirent64: its size, or 0 when it does not fit. */
static size_t dirent_put(uint8_t *buffer, size_t room, uint64_t ino, uint64_t next_position, unsigned type,
			 const char *name, size_t length)
{
	size_t size = (LINUX_DIRENT64_HEADER + length + 1 + 7) & ~(size_t)7;
	if (size > room)
		return 0;
	memset(buffer, 0, size);
	memcpy(buffer, &ino, 8);
	memcpy(buffer + 8, &next_position, 8);
	uint16_t record_length = (uint16_t)size;
	memcpy(buffer + 16, &record_length, 2);
	buffer[18] = (uint8_t)type;
	memcpy(buffer + LINUX_DIRENT64_HEADER, name, length);
	return size;
}

long sys_getdents64(struct process *p, const uint64_t a[6])
{
	struct file *f = fd_get_file(p, (int)a[0]);
	if (!f)
		return -LINUX_EBADF;
	struct vnode *dir = f->vnode;
	if (!vnode_is_dir(dir))
		return -LINUX_ENOTDIR;
	uint64_t address = a[1];
	size_t room = (uint32_t)a[2];
	if (!user_range_ok(address, room))
		return -LINUX_EFAULT;
	if (dir_is_dead(dir))
		return -LINUX_ENOENT;
	if (room > DIRENT_BUFFER_SIZE)
		room = DIRENT_BUFFER_SIZE;
	size_t used = 0, size;
	bool full = false;
	uint64_t position = f->offset;
	if (position == 0) {
		size = dirent_put(dirent_buffer, room, dir->ino, 1, LINUX_DT_DIR, ".", 1);
		if (!size)
			return -LINUX_EINVAL;
		used += size;
		position = 1;
	}
	if (position == 1) {
		struct vnode *parent = dir == fs_root ? fs_root : dir->dir.parent;
		size = dirent_put(dirent_buffer + used, room - used, parent->ino, 2, LINUX_DT_DIR, "..", 2);
		if (!size) {
			full = true;
			goto out;
		}
		used += size;
		position = 2;
	}
	if (dir->fd_directory) {
		/* /dev/fd lists the caller's descriptors, as links. */
		for (int fd = position < 2 ? 0 : (int)(position - 2); fd < FD_MAX && !full; fd++) {
			struct file *open_file = fd_get(p, fd);
			if (!open_file)
				continue;
			char name[12];
			int length = fmt_snprintf(name, sizeof name, "%d", fd);
			size = dirent_put(dirent_buffer + used, room - used, 0x100000000ull + (uint64_t)fd,
					  (uint64_t)fd + 3, LINUX_DT_LNK, name, (size_t)length);
			if (!size) {
				full = true;
				break;
			}
			used += size;
			position = (uint64_t)fd + 3;
		}
		goto out;
	}
	for (struct dir_entry *e = dir->dir.first; e; e = e->next) {
		if (position_after(e) <= position)
			continue;
		size = dirent_put(dirent_buffer + used, room - used, e->vnode->ino, position_after(e),
				  vnode_dirent_type(e->vnode), e->name, e->name_length);
		if (!size) {
			full = true;
			break;
		}
		used += size;
		position = position_after(e);
	}
out:
	if (used == 0)
		return full ? -LINUX_EINVAL : 0;
	long error = user_write(p, address, dirent_buffer, used);
	if (error)
		return error;
	f->offset = position;
	vnode_touch_accessed(dir);
	return (long)used;
}

static void set_cwd(struct process *p, struct vnode *dir)
{
	struct posix_process_common *c = posix_common(p);
	vnode_hold(dir);
	if (c->cwd)
		vnode_release(c->cwd);
	c->cwd = dir;
}

long sys_chdir(struct process *p, const uint64_t a[6])
{
	long length = path_from_user(p, a[0], dir_path, false);
	if (length < 0)
		return length;
	struct lookup l;
	long error = path_lookup(p, LINUX_AT_FDCWD, dir_path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &l);
	if (error)
		return error;
	set_cwd(p, l.vnode);
	return 0;
}

long sys_fchdir(struct process *p, const uint64_t a[6])
{
	struct file *f = fd_get(p, (int)a[0]);
	if (!f)
		return -LINUX_EBADF;
	if (!vnode_is_dir(f->vnode))
		return -LINUX_ENOTDIR;
	set_cwd(p, f->vnode);
	return 0;
}

long sys_getcwd(struct process *p, const uint64_t a[6])
{
	long length = path_of_dir(posix_common(p)->cwd, dir_path, sizeof dir_path);
	if (length < 0)
		return length == -LINUX_ERANGE ? -LINUX_ENAMETOOLONG : length;
	if ((uint64_t)length > a[1])
		return -LINUX_ERANGE;
	long error = user_write(p, a[0], dir_path, (size_t)length);
	return error ? error : length;
}

static long make_dir(struct process *p, int dirfd, uint64_t path, uint32_t mode)
{
	long length = path_from_user(p, path, dir_path, false);
	if (length < 0)
		return length;
	struct lookup l;
	long error = path_lookup(p, dirfd, dir_path, LOOKUP_PARENT, &l);
	if (error)
		return error;
	if (l.last_type != LAST_NORMAL || l.vnode)
		return -LINUX_EEXIST;
	if (dir_is_dead(l.parent))
		return -LINUX_ENOENT;
	uint32_t permissions = mode & (0777 | LINUX_S_ISVTX) & ~posix_common(p)->umask;
	struct vnode *v = vnode_new(LINUX_S_IFDIR | permissions);
	if (!v)
		return -LINUX_ENOSPC;
	error = dir_add(l.parent, l.name, l.name_length, v);
	if (error)
		vnode_forget_if_unused(v);
	return error;
}

long sys_mkdir(struct process *p, const uint64_t a[6])
{
	return make_dir(p, LINUX_AT_FDCWD, a[0], (uint32_t)a[1]);
}

long sys_mkdirat(struct process *p, const uint64_t a[6])
{
	return make_dir(p, (int)a[0], a[1], (uint32_t)a[2]);
}

long fs_remove_dir(struct process *p, int dirfd, uint64_t path)
{
	long length = path_from_user(p, path, dir_path, false);
	if (length < 0)
		return length;
	struct lookup l;
	long error = path_lookup(p, dirfd, dir_path, LOOKUP_PARENT, &l);
	if (error)
		return error;
	switch (l.last_type) {
	case LAST_DOT:
		return -LINUX_EINVAL;
	case LAST_DOTDOT:
		return -LINUX_ENOTEMPTY;
	case LAST_ROOT:
		return -LINUX_EBUSY;
	default:
		break;
	}
	if (!l.vnode)
		return -LINUX_ENOENT;
	if (l.parent->fd_directory)
		return -LINUX_EPERM;
	if (!vnode_is_dir(l.vnode))
		return -LINUX_ENOTDIR;
	if (!dir_is_empty(l.vnode))
		return -LINUX_ENOTEMPTY;
	dir_remove(l.parent, dir_find(l.parent, l.name, l.name_length));
	return 0;
}

long sys_rmdir(struct process *p, const uint64_t a[6])
{
	return fs_remove_dir(p, LINUX_AT_FDCWD, a[0]);
}

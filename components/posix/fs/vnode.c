/*
 * Vnodes: every file, directory, symbolic link, pipe and device node, with
 * Linux's attributes. A vnode lives while a directory names it (nlink) or
 * something holds it open (refs): removing the last name of an open file
 * keeps it readable until the last close, as on Linux.
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/pipe.h"

#include "lib/string.h"

struct vnode *fs_root;
static uint64_t next_ino = 1;

#define VNODE_NS_PER_S 1000000000ull
#define RELATIME_MAX_AGE (24ll * 60 * 60) /* seconds */
/* What tmpfs reports as a directory's size: 20 bytes per entry. */
#define DIR_BOGO_ENTRY_SIZE 20
/* tmpfs keeps a symbolic link target this long or longer in a page. */
#define SYMLINK_SHORT_MAX 128

void fs_time_now(struct linux_timespec *time)
{
	uint64_t now = posix_realtime_ns();
	time->tv_sec = (int64_t)(now / VNODE_NS_PER_S);
	time->tv_nsec = (int64_t)(now % VNODE_NS_PER_S);
}

struct vnode *vnode_new(uint32_t mode)
{
	struct vnode *v = fs_zalloc(sizeof *v);
	if (!v)
		return NULL;
	v->ino = next_ino++;
	v->mode = mode;
	v->uid = FS_UID;
	v->gid = FS_GID;
	fs_time_now(&v->atime);
	v->mtime = v->ctime = v->atime;
	if (vnode_is_dir(v))
		v->dir.next_cookie = DIR_FIRST_COOKIE;
	return v;
}

static void vnode_free(struct vnode *v)
{
	switch (vnode_type(v)) {
	case LINUX_S_IFREG:
		if (!v->file.borrowed)
			fs_free(v->file.data);
		break;
	case LINUX_S_IFLNK:
		fs_free(v->symlink.target);
		break;
	case LINUX_S_IFIFO:
		pipe_free(v->pipe);
		break;
	case LINUX_S_IFDIR:
		if (v->dir.parent && v->dir.parent != v)
			vnode_release(v->dir.parent);
		break;
	default:
		break;
	}
	fs_free(v);
}

void vnode_hold(struct vnode *v)
{
	v->refs++;
}

void vnode_release(struct vnode *v)
{
	if (--v->refs == 0 && v->nlink == 0)
		vnode_free(v);
}

void vnode_forget_if_unused(struct vnode *v)
{
	if (v->refs == 0 && v->nlink == 0)
		vnode_free(v);
}

void vnode_touch_modified(struct vnode *v)
{
	fs_time_now(&v->mtime);
	v->ctime = v->mtime;
}

void vnode_touch_changed(struct vnode *v)
{
	fs_time_now(&v->ctime);
}

static bool time_before_or_equal(const struct linux_timespec *a, const struct linux_timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec <= b->tv_nsec);
}

void vnode_touch_accessed(struct vnode *v)
{
	struct linux_timespec now;
	fs_time_now(&now);
	if (time_before_or_equal(&v->atime, &v->mtime) || time_before_or_equal(&v->atime, &v->ctime) ||
	    now.tv_sec - v->atime.tv_sec >= RELATIME_MAX_AGE)
		v->atime = now;
}

uint64_t vnode_size(const struct vnode *v)
{
	switch (vnode_type(v)) {
	case LINUX_S_IFREG:
		return v->file.size;
	case LINUX_S_IFDIR:
		return (uint64_t)(v->dir.entry_count + 2) * DIR_BOGO_ENTRY_SIZE;
	case LINUX_S_IFLNK:
		return v->symlink.length;
	default:
		return 0;
	}
}

uint64_t vnode_blocks(const struct vnode *v)
{
	if (vnode_is_regular(v))
		return ((uint64_t)v->file.length + 4095) / 4096 * 8;
	if (vnode_is_symlink(v) && v->symlink.length >= SYMLINK_SHORT_MAX)
		return 8;
	return 0;
}

unsigned vnode_dirent_type(const struct vnode *v)
{
	return (v->mode & LINUX_S_IFMT) >> 12; /* DT_* is the type's top bits */
}

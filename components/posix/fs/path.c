/*
 * Path lookup, the way Linux walks a path: from the root ("/..."), the
 * working directory or a directory descriptor; "." and ".." (which stops at
 * the root); symbolic links followed in the middle of a path always and at
 * its end when asked, or when a trailing slash says the end must be a
 * directory; at most LINUX_SYMLOOP_MAX of them (ELOOP); names longer than
 * LINUX_NAME_MAX give ENAMETOOLONG. A link's target replaces the link in
 * the text of the path, in one of two buffers used in turn.
 */
#include "components/posix/fs/fs.h"

#include "lib/string.h"

static char expansion[2][LINUX_PATH_MAX + 1];

long path_from_user(struct process *p, uint64_t address, char *buffer, bool empty_ok)
{
	long length = user_read_string(p, address, buffer, LINUX_PATH_MAX);
	if (length < 0)
		return length;
	if (length == 0 && !empty_ok)
		return -LINUX_ENOENT;
	return length;
}

/* The directory a relative path starts from. */
static long lookup_start(struct process *p, int dirfd, bool any_file, struct vnode **start)
{
	if (dirfd == LINUX_AT_FDCWD) {
		*start = posix_common(p)->cwd;
		return 0;
	}
	struct file *f = fd_get(p, dirfd);
	if (!f)
		return -LINUX_EBADF;
	if (!any_file && !vnode_is_dir(f->vnode))
		return -LINUX_ENOTDIR;
	*start = f->vnode;
	return 0;
}

static enum last_type name_type(const char *name, size_t length)
{
	if (length == 1 && name[0] == '.')
		return LAST_DOT;
	if (length == 2 && name[0] == '.' && name[1] == '.')
		return LAST_DOTDOT;
	return LAST_NORMAL;
}

static struct vnode *dir_parent(struct vnode *dir)
{
	return dir == fs_root || !dir->dir.parent ? fs_root : dir->dir.parent;
}

/* Puts link's target in front of rest (the text after the link's name) in
 * the next expansion buffer; returns the new path. */
static long expand_link(struct vnode *link, const char *rest, unsigned *which, const char **path)
{
	size_t target_length = link->symlink.length;
	size_t rest_length = strlen(rest);
	if (target_length == 0)
		return -LINUX_ENOENT;
	if (target_length + rest_length > LINUX_PATH_MAX)
		return -LINUX_ENAMETOOLONG;
	char *buffer = expansion[*which];
	*which ^= 1;
	/* rest may live in the other buffer, never in this one. */
	memcpy(buffer, link->symlink.target, target_length);
	memcpy(buffer + target_length, rest, rest_length + 1);
	*path = buffer;
	return 0;
}

/* A name in /dev/fd: the vnode of that descriptor of p (a decimal
 * number as Linux writes it), or NULL. */
static struct vnode *fd_directory_lookup(struct process *p, const char *name, size_t length)
{
	if (length == 0 || length > 9 || (name[0] == '0' && length > 1))
		return NULL;
	int fd = 0;
	for (size_t i = 0; i < length; i++) {
		if (name[i] < '0' || name[i] > '9')
			return NULL;
		fd = fd * 10 + (name[i] - '0');
	}
	struct file *f = fd_get(p, fd);
	return f ? f->vnode : NULL;
}

static void lookup_set_name(struct lookup *out, const char *name, size_t length)
{
	memcpy(out->name, name, length);
	out->name[length] = 0;
	out->name_length = length;
	out->last_type = name_type(name, length);
}

long path_lookup(struct process *p, int dirfd, const char *path, unsigned flags, struct lookup *out)
{
	memset(out, 0, sizeof *out);
	struct vnode *dir;
	if (path[0] == 0) {
		if (!(flags & LOOKUP_EMPTY))
			return -LINUX_ENOENT;
		long error = lookup_start(p, dirfd, true, &dir);
		if (error)
			return error;
		out->vnode = out->parent = dir;
		out->last_type = LAST_ROOT;
		return 0;
	}
	if (path[0] == '/') {
		dir = fs_root;
	} else {
		long error = lookup_start(p, dirfd, false, &dir);
		if (error)
			return error;
	}
	unsigned links = 0, which = 0;
	for (;;) {
		while (*path == '/')
			path++;
		if (*path == 0) {
			/* Nothing after the last directory: "/" or "dir/" after a
			 * link. The result is the directory itself. */
			out->parent = out->vnode = dir;
			out->last_type = LAST_ROOT;
			out->trailing_slash = true;
			return 0;
		}
		const char *name = path;
		size_t length = 0;
		while (name[length] && name[length] != '/')
			length++;
		if (length > LINUX_NAME_MAX)
			return -LINUX_ENAMETOOLONG;
		const char *rest = name + length;
		const char *after = rest;
		while (*after == '/')
			after++;
		bool last = *after == 0;
		bool trailing = last && *rest == '/';
		enum last_type type = name_type(name, length);

		struct vnode *next;
		if (type == LAST_DOT) {
			next = dir;
		} else if (type == LAST_DOTDOT) {
			next = dir_parent(dir);
		} else if (dir->fd_directory) {
			next = fd_directory_lookup(p, name, length);
		} else {
			struct dir_entry *entry = dir_is_dead(dir) ? NULL : dir_find(dir, name, length);
			next = entry ? entry->vnode : NULL;
		}
		if (last && (flags & LOOKUP_PARENT)) {
			if (!next && dir->fd_directory)
				return -LINUX_ENOENT;
			out->parent = dir;
			out->vnode = next;
			out->trailing_slash = trailing;
			lookup_set_name(out, name, length);
			if (!next || !vnode_is_symlink(next) || !(flags & LOOKUP_FOLLOW))
				return 0;
		}
		if (!next)
			return -LINUX_ENOENT;
		if (vnode_is_symlink(next) && (!last || trailing || (flags & LOOKUP_FOLLOW))) {
			if (++links > LINUX_SYMLOOP_MAX)
				return -LINUX_ELOOP;
			long error = expand_link(next, rest, &which, &path);
			if (error)
				return error;
			if (path[0] == '/')
				dir = fs_root;
			continue;
		}
		if (!last) {
			if (!vnode_is_dir(next))
				return -LINUX_ENOTDIR;
			dir = next;
			path = after;
			continue;
		}
		out->parent = dir;
		out->vnode = next;
		out->trailing_slash = trailing;
		lookup_set_name(out, name, length);
		if ((trailing || (flags & LOOKUP_DIRECTORY)) && !vnode_is_dir(next))
			return -LINUX_ENOTDIR;
		return 0;
	}
}

/* The name dir has in its parent. */
static struct dir_entry *dir_name_of(struct vnode *dir)
{
	for (struct dir_entry *e = dir->dir.parent->dir.first; e; e = e->next)
		if (e->vnode == dir)
			return e;
	return NULL;
}

long path_of_dir(struct vnode *dir, char *buffer, size_t size)
{
	if (dir_is_dead(dir))
		return -LINUX_ENOENT;
	/* Built backwards from the end of the buffer. */
	if (size < 2)
		return -LINUX_ERANGE;
	size_t start = size - 1;
	buffer[start] = 0;
	for (struct vnode *v = dir; v != fs_root; v = v->dir.parent) {
		struct dir_entry *e = dir_name_of(v);
		if (!e)
			return -LINUX_ENOENT;
		if (start < (size_t)e->name_length + 1)
			return -LINUX_ERANGE;
		start -= e->name_length;
		memcpy(buffer + start, e->name, e->name_length);
		buffer[--start] = '/';
	}
	if (start == size - 1)
		buffer[--start] = '/';
	size_t length = size - start;
	memmove(buffer, buffer + start, length);
	return (long)length;
}

/*
 * The file side's part of a process's life, called by the process side:
 * the first process (descriptors 0, 1, 2 on /dev/console, working
 * directory /), fork (the child shares every open file), exec (close-on-
 * exec descriptors close; the program's bytes come from fs_exec_image) and
 * exit (everything closes). fs_init builds the tree from the boot archive.
 */
#include "components/posix/fs/cpio.h"
#include "components/posix/fs/fs.h"
#include "components/posix/fs/pipe.h"

#include "lib/fmt.h"
#include "lib/string.h"

#define DEFAULT_UMASK 022

/* A directory at path under the root, made if missing. */
static struct vnode *fs_ensure_dir(const char *name, uint32_t permissions)
{
	struct dir_entry *e = dir_find(fs_root, name, strlen(name));
	if (e)
		return vnode_is_dir(e->vnode) ? e->vnode : NULL;
	struct vnode *v = vnode_new(LINUX_S_IFDIR | permissions);
	if (!v)
		return NULL;
	if (dir_add(fs_root, name, strlen(name), v) != 0) {
		vnode_forget_if_unused(v);
		return NULL;
	}
	return v;
}

/* A symbolic link in dir, unless the name is taken. */
static void fs_ensure_symlink(struct vnode *dir, const char *name, const char *target)
{
	if (dir_find(dir, name, strlen(name)))
		return;
	struct vnode *v = vnode_new(LINUX_S_IFLNK | 0777);
	size_t length = strlen(target);
	char *copy = fs_alloc(length + 1);
	if (!v || !copy) {
		fs_free(copy);
		if (v)
			vnode_forget_if_unused(v);
		return;
	}
	memcpy(copy, target, length + 1);
	v->symlink.target = copy;
	v->symlink.length = length;
	if (dir_add(dir, name, strlen(name), v) != 0)
		vnode_forget_if_unused(v);
}

/* /dev/fd, whose names are the caller's descriptors (Linux's
 * /proc/self/fd), and /dev/stdin, /dev/stdout, /dev/stderr into it. */
static void fs_make_fd_links(struct vnode *dev)
{
	struct dir_entry *e = dir_find(dev, "fd", 2);
	if (!e) {
		struct vnode *fd = vnode_new(LINUX_S_IFDIR | 0500);
		if (!fd)
			return;
		if (dir_add(dev, "fd", 2, fd) != 0) {
			vnode_forget_if_unused(fd);
			return;
		}
		fd->fd_directory = true;
	}
	fs_ensure_symlink(dev, "stdin", "fd/0");
	fs_ensure_symlink(dev, "stdout", "fd/1");
	fs_ensure_symlink(dev, "stderr", "fd/2");
}

static void fs_make_devices(void)
{
	struct vnode *dev = fs_ensure_dir("dev", 0755);
	if (!dev)
		return;
	fs_make_fd_links(dev);
	for (const struct device *d = devices; d->name; d++) {
		if (dir_find(dev, d->name, strlen(d->name)))
			continue;
		bool terminal = d->ops == &console_file_ops;
		struct vnode *v = vnode_new(LINUX_S_IFCHR | (terminal && d->rdev != LINUX_MKDEV(5, 0) ? 0600 : 0666));
		if (!v)
			return;
		v->rdev = d->rdev;
		if (dir_add(dev, d->name, strlen(d->name), v) != 0)
			vnode_forget_if_unused(v);
	}
}

void fs_init(const void *cpio, size_t size)
{
	fs_root = vnode_new(LINUX_S_IFDIR | 0755);
	if (!fs_root) {
		fs_log("posix: no memory for the file system");
		return;
	}
	fs_root->nlink = 2;
	fs_root->dir.parent = fs_root;
	vnode_hold(fs_root); /* never goes */
	if (cpio && size) {
		unsigned skipped = 0;
		if (cpio_load(cpio, size, &skipped) != 0) {
			char message[220];
			fmt_snprintf(message, sizeof message, "posix: initrd refused: %s", cpio_error());
			fs_log(message);
		} else if (skipped) {
			char message[80];
			fmt_snprintf(message, sizeof message, "posix: initrd: %u entries skipped", skipped);
			fs_log(message);
		}
	}
	fs_make_devices();
	fs_ensure_dir("tmp", 01777);
}

static struct file *fs_open_console(void)
{
	struct vnode *v = NULL;
	struct dir_entry *dev = dir_find(fs_root, "dev", 3);
	if (dev && vnode_is_dir(dev->vnode)) {
		struct dir_entry *e = dir_find(dev->vnode, "console", 7);
		if (e && file_ops_for(e->vnode) == &console_file_ops)
			v = e->vnode;
	}
	if (!v) {
		/* The archive put something else there: a nameless console. */
		v = vnode_new(LINUX_S_IFCHR | 0600);
		if (!v)
			return NULL;
		v->rdev = LINUX_MKDEV(5, 1);
	}
	struct file *f = file_new(v, LINUX_O_RDWR | LINUX_O_LARGEFILE, &console_file_ops);
	if (!f)
		vnode_forget_if_unused(v);
	return f;
}

long fs_process_init(struct process *p)
{
	struct posix_process_common *c = posix_common(p);
	c->files = fd_table_new();
	if (!c->files || !fs_root)
		return -LINUX_ENOMEM;
	c->cwd = fs_root;
	vnode_hold(fs_root);
	c->umask = DEFAULT_UMASK;
	struct file *console = fs_open_console();
	if (!console)
		return -LINUX_ENOMEM;
	for (int fd = 0; fd < 3; fd++)
		fd_install(p, console, fd, false);
	console_process_init(p);
	return 0;
}

long fs_fork(struct process *parent, struct process *child)
{
	struct posix_process_common *from = posix_common(parent), *to = posix_common(child);
	struct fd_table *table = fd_table_new();
	if (!table)
		return -LINUX_ENOMEM;
	for (int fd = 0; fd < FD_MAX; fd++) {
		struct file *f = from->files ? from->files->files[fd] : NULL;
		if (!f)
			continue;
		table->files[fd] = f;
		file_hold(f);
	}
	if (from->files)
		memcpy(table->close_on_exec, from->files->close_on_exec, sizeof table->close_on_exec);
	to->files = table;
	to->cwd = from->cwd ? from->cwd : fs_root;
	vnode_hold(to->cwd);
	to->umask = from->umask;
	return 0;
}

void fs_exec(struct process *p)
{
	if (!fs_files(p))
		return;
	for (int fd = 0; fd < FD_MAX; fd++)
		if (fd_get(p, fd) && fd_close_on_exec(p, fd))
			fd_close(p, fd);
}

void fs_exit(struct process *p)
{
	struct posix_process_common *c = posix_common(p);
	pipe_forget_process(p);
	fifo_forget_process(p);
	if (c->files) {
		for (int fd = 0; fd < FD_MAX; fd++)
			if (c->files->files[fd])
				fd_close(p, fd);
		fs_free(c->files);
		c->files = NULL;
	}
	if (c->cwd) {
		vnode_release(c->cwd);
		c->cwd = NULL;
	}
}

long fs_exec_image(struct process *p, const char *path, const void **data, size_t *size)
{
	struct lookup l;
	long error = path_lookup(p, LINUX_AT_FDCWD, path, LOOKUP_FOLLOW, &l);
	if (error)
		return error;
	if (!vnode_is_regular(l.vnode) || !(l.vnode->mode & LINUX_S_IXUGO))
		return -LINUX_EACCES;
	vnode_touch_accessed(l.vnode);
	return file_data_contiguous(l.vnode, data, size);
}

/*
 * Descriptor tables: each process's numbers for its open files, with the
 * close-on-exec flag that belongs to the number, not to the file.
 */
#include "components/posix/fs/fs.h"

#include "lib/string.h"

struct fd_table *fd_table_new(void)
{
	return fs_zalloc(sizeof(struct fd_table));
}

/* The process side's RLIMIT_NOFILE (the soft limit), where it offers it. */
uint64_t posix_fd_limit(struct process *p) __attribute__((weak));

int fd_limit(struct process *p)
{
	uint64_t limit = posix_fd_limit ? posix_fd_limit(p) : FD_MAX;
	return limit < FD_MAX ? (int)limit : FD_MAX;
}

struct file *fd_get(struct process *p, int fd)
{
	struct fd_table *t = fs_files(p);
	if (!t || fd < 0 || fd >= FD_MAX)
		return NULL;
	return t->files[fd];
}

struct file *fd_get_file(struct process *p, int fd)
{
	struct file *f = fd_get(p, fd);
	return f && !(f->flags & LINUX_O_PATH) ? f : NULL;
}

void fd_set_close_on_exec(struct process *p, int fd, bool on)
{
	struct fd_table *t = fs_files(p);
	uint8_t bit = (uint8_t)(1u << (fd % 8));
	if (on)
		t->close_on_exec[fd / 8] |= bit;
	else
		t->close_on_exec[fd / 8] &= (uint8_t)~bit;
}

bool fd_close_on_exec(struct process *p, int fd)
{
	return fs_files(p)->close_on_exec[fd / 8] & (1u << (fd % 8));
}

long fd_install(struct process *p, struct file *f, int minimum, bool close_on_exec)
{
	struct fd_table *t = fs_files(p);
	int limit = fd_limit(p);
	for (int fd = minimum < 0 ? 0 : minimum; fd < limit; fd++) {
		if (t->files[fd])
			continue;
		t->files[fd] = f;
		file_hold(f);
		fd_set_close_on_exec(p, fd, close_on_exec);
		return fd;
	}
	return -LINUX_EMFILE;
}

void fd_replace(struct process *p, int fd, struct file *f, bool close_on_exec)
{
	struct fd_table *t = fs_files(p);
	struct file *old = t->files[fd];
	file_hold(f);
	t->files[fd] = f;
	fd_set_close_on_exec(p, fd, close_on_exec);
	if (old)
		file_release(old);
}

long fd_close(struct process *p, int fd)
{
	struct file *f = fd_get(p, fd);
	if (!f)
		return -LINUX_EBADF;
	fs_files(p)->files[fd] = NULL;
	fd_set_close_on_exec(p, fd, false);
	file_release(f);
	return 0;
}

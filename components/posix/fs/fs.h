/*
 * The file side's own structures, shared by the files of fs/ and nobody
 * else: vnodes (files, directories, symbolic links, pipes, devices), open
 * file descriptions, descriptor tables, path lookup and user-memory I/O.
 *
 * One thread runs all of this (the server loop), so nothing is locked; a
 * system call either finishes or returns POSIX_BLOCK having changed nothing
 * it would change again when it is retried.
 */
#ifndef POSIX_FS_FS_H
#define POSIX_FS_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "components/posix/fs/linux_fs.h"
#include "components/posix/fs/memory.h"
#include "components/posix/posix.h"

struct file;
struct io_iter;
struct pipe;

/* A name in a directory. Entries keep the order they were made in; each
 * has a cookie that only grows, so a directory read (getdents64) resumes
 * after the last cookie it returned even if entries come and go. */
struct dir_entry {
	struct dir_entry *next, *previous;
	struct vnode *vnode;
	uint64_t cookie;
	uint16_t name_length;
	char name[]; /* NUL-terminated */
};

/* Cookies 1 and 2 are "." and ".."; entries count from here. */
#define DIR_FIRST_COOKIE 3

struct vnode {
	uint64_t ino;
	uint32_t mode;   /* LINUX_S_IF* type and permission bits */
	uint32_t uid, gid;
	uint32_t nlink;  /* names (directories: 2 + subdirectories) */
	uint32_t refs;   /* open files, working directories */
	bool fd_directory; /* /dev/fd: its names are the caller's descriptors */
	uint64_t rdev;   /* devices: Linux's encoding of major:minor */
	struct linux_timespec atime, mtime, ctime;
	union {
		/* A regular file: size bytes, of which the first `length` are
		 * stored at data and the rest read as zeros. Until first written,
		 * data may point into the boot archive (borrowed). */
		struct {
			uint8_t *data;
			size_t length, capacity;
			uint64_t size;
			bool borrowed;
		} file;
		struct {
			struct dir_entry *first, *last;
			struct vnode *parent; /* ".." (the root is its own) */
			uint64_t next_cookie;
			uint32_t entry_count;
		} dir;
		struct {
			char *target;
			size_t length;
		} symlink;
		struct pipe *pipe; /* a pipe's shared buffer */
	};
};

static inline uint32_t vnode_type(const struct vnode *v)
{
	return v->mode & LINUX_S_IFMT;
}
static inline bool vnode_is_dir(const struct vnode *v)
{
	return vnode_type(v) == LINUX_S_IFDIR;
}
static inline bool vnode_is_regular(const struct vnode *v)
{
	return vnode_type(v) == LINUX_S_IFREG;
}
static inline bool vnode_is_symlink(const struct vnode *v)
{
	return vnode_type(v) == LINUX_S_IFLNK;
}

/* vnode.c */
extern struct vnode *fs_root;
void fs_time_now(struct linux_timespec *time);
struct vnode *vnode_new(uint32_t mode);  /* no names, no references; NULL: no memory */
void vnode_hold(struct vnode *v);
void vnode_release(struct vnode *v);      /* frees it when unnamed and unreferenced */
void vnode_forget_if_unused(struct vnode *v); /* frees a fresh vnode that got no name */
void vnode_touch_modified(struct vnode *v); /* mtime and ctime = now */
void vnode_touch_changed(struct vnode *v);  /* ctime = now */
void vnode_touch_accessed(struct vnode *v); /* atime, relatime rules */
uint64_t vnode_blocks(const struct vnode *v); /* st_blocks, in 512-byte units */
uint64_t vnode_size(const struct vnode *v);   /* st_size */
unsigned vnode_dirent_type(const struct vnode *v);

/* dir.c */
struct dir_entry *dir_find(struct vnode *dir, const char *name, size_t length);
long dir_add(struct vnode *dir, const char *name, size_t length, struct vnode *v);
void dir_remove(struct vnode *dir, struct dir_entry *entry);
long dir_move(struct vnode *from, struct dir_entry *entry, struct vnode *to, const char *name, size_t length);
bool dir_is_empty(const struct vnode *dir);
bool dir_is_dead(const struct vnode *dir); /* removed: nothing may be made in it */

/* file_data.c: regular file contents */
long file_data_write(struct vnode *v, uint64_t offset, struct io_iter *io, size_t count);
long file_data_read(struct vnode *v, uint64_t offset, struct io_iter *io, size_t count);
long file_data_truncate(struct vnode *v, uint64_t size);
long file_data_set(struct vnode *v, const void *data, size_t size, bool borrowed);
long file_data_contiguous(struct vnode *v, const void **data, size_t *size);

/* path.c */
enum last_type { LAST_NORMAL, LAST_DOT, LAST_DOTDOT, LAST_ROOT };

struct lookup {
	struct vnode *parent;   /* the directory holding the last name */
	struct vnode *vnode;    /* what the path names; NULL if it does not exist (LOOKUP_PARENT) */
	enum last_type last_type;
	bool trailing_slash;    /* the path ended in '/' */
	size_t name_length;
	char name[LINUX_NAME_MAX + 1];
};

#define LOOKUP_FOLLOW 1u     /* follow a symbolic link in the last component */
#define LOOKUP_PARENT 2u     /* the last name need not exist (creation, removal) */
#define LOOKUP_EMPTY 4u      /* "" names the starting directory (AT_EMPTY_PATH) */
#define LOOKUP_DIRECTORY 8u  /* the result must be a directory */

/* Resolves path (in server memory) from dirfd (LINUX_AT_FDCWD: the working
 * directory): 0 or a negated Linux error. */
long path_lookup(struct process *p, int dirfd, const char *path, unsigned flags, struct lookup *out);
/* Copies a path argument from user memory: its length or an error
 * (EFAULT, ENAMETOOLONG; ENOENT when empty unless empty_ok). */
long path_from_user(struct process *p, uint64_t address, char *buffer, bool empty_ok);
/* The absolute path of directory dir into buffer: its length with the NUL,
 * or -ERANGE / -ENOENT (removed). */
long path_of_dir(struct vnode *dir, char *buffer, size_t size);

/* A file's behaviour: one table per kind of file. Reads and writes move
 * data through an io_iter (user memory); *offset is the file position, or
 * pread/pwrite's. */
struct file_ops {
	long (*read)(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset);
	long (*write)(struct process *p, struct file *f, struct io_iter *io, uint64_t *offset);
	/* LINUX_POLL* bits ready now (for poll, select, FIONREAD-free checks) */
	unsigned (*poll)(struct process *p, struct file *f);
	long (*ioctl)(struct process *p, struct file *f, unsigned long request, uint64_t argument);
	void (*release)(struct file *f); /* the last descriptor closed */
	bool seekable;                   /* lseek, pread and pwrite apply */
};

/* An open file description: what open() makes, shared by dup() and fork(). */
struct file {
	uint32_t refs;     /* descriptors naming it */
	uint32_t flags;    /* F_GETFL: access mode and status flags */
	uint64_t offset;   /* the position; directories: the last cookie read */
	struct vnode *vnode;
	const struct file_ops *ops;
};

static inline bool file_readable(const struct file *f)
{
	unsigned mode = f->flags & LINUX_O_ACCMODE;
	return !(f->flags & LINUX_O_PATH) && (mode == LINUX_O_RDONLY || mode == LINUX_O_RDWR);
}
static inline bool file_writable(const struct file *f)
{
	unsigned mode = f->flags & LINUX_O_ACCMODE;
	return !(f->flags & LINUX_O_PATH) && (mode == LINUX_O_WRONLY || mode == LINUX_O_RDWR);
}

/* file.c */
struct file *file_new(struct vnode *v, uint32_t flags, const struct file_ops *ops);
void file_hold(struct file *f);
void file_release(struct file *f);
/* The ops that fit a vnode (devices by rdev): NULL (-ENXIO) when none. */
const struct file_ops *file_ops_for(const struct vnode *v);
extern const struct file_ops regular_file_ops, directory_file_ops, path_file_ops;

/* fdtable.c */
#define FD_MAX 1024
struct fd_table {
	struct file *files[FD_MAX];
	uint8_t close_on_exec[FD_MAX / 8];
};
struct fd_table *fd_table_new(void);
/* Descriptors a process may have: RLIMIT_NOFILE, at most FD_MAX. */
int fd_limit(struct process *p);
struct file *fd_get(struct process *p, int fd);   /* NULL: not open */
/* The same, but NULL for an O_PATH descriptor too (EBADF for anything
 * that uses the file rather than its place in the tree). */
struct file *fd_get_file(struct process *p, int fd);
/* The lowest free descriptor >= minimum, now naming f (holds a reference):
 * the descriptor, or -EMFILE. */
long fd_install(struct process *p, struct file *f, int minimum, bool close_on_exec);
long fd_close(struct process *p, int fd);
void fd_set_close_on_exec(struct process *p, int fd, bool on);
bool fd_close_on_exec(struct process *p, int fd);
/* Puts f at descriptor fd, closing what was there. */
void fd_replace(struct process *p, int fd, struct file *f, bool close_on_exec);

/* io.c: user memory for reads and writes, in bounded chunks */
struct io_iter {
	struct process *p;
	const struct linux_iovec *vector;
	unsigned count;      /* segments */
	unsigned index;      /* current segment */
	uint64_t used;       /* bytes of the current segment done */
	size_t remaining;    /* bytes still wanted */
	size_t total;        /* bytes asked for in all */
	bool faulted;        /* a copy stopped at a bad address */
	struct linux_iovec single;
	uint8_t *server;     /* not user memory: addresses are offsets in this buffer */
};
void io_single(struct io_iter *io, struct process *p, uint64_t address, size_t length);
/* An io_iter over the server's own buffer (sendfile's go-between). */
void io_server(struct io_iter *io, struct process *p, void *buffer, size_t length);
/* Reads the vector from user memory: 0 or -EFAULT / -EINVAL. */
long io_vector(struct io_iter *io, struct process *p, uint64_t address, int count, struct linux_iovec *storage);
/* Copies n bytes out to user memory (reads) or in from it (writes):
 * the bytes copied (< n when a page is not there), or -EFAULT when none. */
long io_copy_out(struct io_iter *io, const void *source, size_t n);
long io_copy_in(struct io_iter *io, void *destination, size_t n);
/* The same for zeros (reads of holes and /dev/zero). */
long io_zero_out(struct io_iter *io, size_t n);
/* Skips n bytes (a blocked write that resumes). */
void io_skip(struct io_iter *io, size_t n);
/* A transfer's result: the bytes moved, or error when none moved. */
static inline long io_result(size_t done, long error)
{
	return done ? (long)done : error;
}
/* Whether [address, address + length) may be user memory at all. */
bool user_range_ok(uint64_t address, uint64_t length);

/* pipe.c */
long pipe_create(struct file **reader, struct file **writer, uint32_t flags);
extern const struct file_ops pipe_file_ops;
size_t pipe_readable_bytes(struct file *f);
long pipe_capacity(struct file *f);
/* Bytes a write is sure to get in whole now. */
size_t pipe_room(struct file *f);
long pipe_set_capacity(struct file *f, uint64_t requested);

/* fifo.c: opening a pipe by name (0, POSIX_BLOCK, -ENXIO...) */
long fifo_open(struct process *p, struct vnode *v, uint32_t flags);
void fifo_open_undo(struct vnode *v, uint32_t flags);
void fifo_forget_process(struct process *p);

/* device.c */
struct device {
	uint64_t rdev;
	const char *name;  /* under /dev */
	const struct file_ops *ops;
};
const struct device *device_find(uint64_t rdev);
extern const struct device devices[];
#define LINUX_MKDEV(major, minor) (((uint64_t)(major) << 8) | (minor))

/* console.c: the tty device */
extern const struct file_ops console_file_ops;
void console_process_init(struct process *p);
void console_check_events(void);

/* A message for the log (the nucleus debug console). */
void fs_log(const char *message);

/* process helpers */
static inline struct fd_table *fs_files(struct process *p)
{
	return posix_common(p)->files;
}

/* The current user and group, for new files (everything runs as root). */
#define FS_UID 0
#define FS_GID 0

#endif

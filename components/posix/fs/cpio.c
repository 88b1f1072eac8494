/*
 * The boot archive: a cpio "newc" archive (what Linux's initramfs uses).
 * Each entry is a 110-byte header of ASCII hex fields, the name (padded to
 * 4 bytes with the header), then the data (padded to 4): a file's bytes or
 * a symbolic link's target. Hard links share an inode number; the data
 * comes with the last of them. The archive is checked whole before any of
 * it is used, so a corrupt one is refused with a message, never half
 * loaded; files keep pointing into it until first written, so it must stay
 * mapped and unchanged.
 */
#include "components/posix/fs/cpio.h"
#include "components/posix/fs/fs.h"

#include "lib/fmt.h"
#include "lib/string.h"

#define CPIO_HEADER_SIZE 110
#define CPIO_FIELDS 13
#define CPIO_TRAILER "TRAILER!!!"

enum cpio_field {
	FIELD_INO, FIELD_MODE, FIELD_UID, FIELD_GID, FIELD_NLINK, FIELD_MTIME, FIELD_FILESIZE,
	FIELD_DEVMAJOR, FIELD_DEVMINOR, FIELD_RDEVMAJOR, FIELD_RDEVMINOR, FIELD_NAMESIZE, FIELD_CHECK,
};

struct cpio_entry {
	uint32_t field[CPIO_FIELDS];
	const char *name;       /* NUL-terminated, inside the archive */
	const uint8_t *data;
	size_t data_size;
	size_t next;            /* offset of the next header */
};

static char cpio_message[160];

const char *cpio_error(void)
{
	return cpio_message;
}

static size_t align4(size_t value)
{
	return (value + 3) & ~(size_t)3;
}

static long cpio_fail(size_t offset, const char *why)
{
	fmt_snprintf(cpio_message, sizeof cpio_message, "corrupt cpio archive at byte %zu: %s", offset, why);
	return -LINUX_EINVAL;
}

static bool parse_hex(const char *text, uint32_t *value)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		char c = text[i];
		unsigned digit;
		if (c >= '0' && c <= '9')
			digit = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			digit = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			digit = (unsigned)(c - 'A' + 10);
		else
			return false;
		v = v << 4 | digit;
	}
	*value = v;
	return true;
}

/* Reads the entry at offset: 0, or an error with cpio_message set. */
static long cpio_entry_at(const uint8_t *archive, size_t size, size_t offset, struct cpio_entry *e)
{
	if (size - offset < CPIO_HEADER_SIZE)
		return cpio_fail(offset, "archive ends inside a header (no TRAILER!!! entry?)");
	const char *header = (const char *)archive + offset;
	if (memcmp(header, "070701", 6) != 0 && memcmp(header, "070702", 6) != 0)
		return cpio_fail(offset, "bad magic (not a newc archive)");
	for (int i = 0; i < CPIO_FIELDS; i++)
		if (!parse_hex(header + 6 + 8 * i, &e->field[i]))
			return cpio_fail(offset, "header field is not hexadecimal");
	size_t name_size = e->field[FIELD_NAMESIZE];
	if (name_size == 0 || name_size > size - offset - CPIO_HEADER_SIZE)
		return cpio_fail(offset, "name runs past the end");
	e->name = header + CPIO_HEADER_SIZE;
	if (e->name[name_size - 1] != 0 || strnlen(e->name, name_size) != name_size - 1)
		return cpio_fail(offset, "name is not NUL-terminated");
	size_t data_offset = align4(offset + CPIO_HEADER_SIZE + name_size);
	e->data_size = e->field[FIELD_FILESIZE];
	if (data_offset > size || e->data_size > size - data_offset)
		return cpio_fail(offset, "data runs past the end");
	e->data = archive + data_offset;
	e->next = align4(data_offset + e->data_size);
	return 0;
}

static bool cpio_is_trailer(const struct cpio_entry *e)
{
	return strcmp(e->name, CPIO_TRAILER) == 0;
}

static long cpio_check(const uint8_t *archive, size_t size)
{
	size_t offset = 0;
	for (;;) {
		struct cpio_entry e;
		long error = cpio_entry_at(archive, size, offset, &e);
		if (error)
			return error;
		if (cpio_is_trailer(&e))
			return 0;
		uint32_t type = e.field[FIELD_MODE] & LINUX_S_IFMT;
		if (type == LINUX_S_IFLNK && (e.data_size == 0 || e.data_size > LINUX_PATH_MAX - 1))
			return cpio_fail(offset, "symbolic link target empty or too long");
		if (e.next <= offset || e.next > size)
			return cpio_fail(offset, "archive ends without TRAILER!!!");
		offset = e.next;
	}
}

/* Hard links: archive inode numbers already seen, with their vnodes. */
struct cpio_inode {
	uint32_t ino, dev_major, dev_minor;
	struct vnode *vnode;
};
static struct cpio_inode *cpio_inodes;
static size_t cpio_inode_count, cpio_inode_capacity;

static struct vnode *cpio_inode_find(const struct cpio_entry *e)
{
	for (size_t i = 0; i < cpio_inode_count; i++) {
		struct cpio_inode *n = &cpio_inodes[i];
		if (n->vnode && n->ino == e->field[FIELD_INO] && n->dev_major == e->field[FIELD_DEVMAJOR] &&
		    n->dev_minor == e->field[FIELD_DEVMINOR])
			return n->vnode;
	}
	return NULL;
}

static void cpio_inode_remember(const struct cpio_entry *e, struct vnode *v)
{
	if (cpio_inode_count == cpio_inode_capacity) {
		size_t capacity = cpio_inode_capacity ? cpio_inode_capacity * 2 : 16;
		struct cpio_inode *grown = fs_realloc(cpio_inodes, capacity * sizeof *grown);
		if (!grown)
			return; /* the links become copies: not worth failing the boot */
		cpio_inodes = grown;
		cpio_inode_capacity = capacity;
	}
	cpio_inodes[cpio_inode_count++] = (struct cpio_inode){ e->field[FIELD_INO], e->field[FIELD_DEVMAJOR],
							    e->field[FIELD_DEVMINOR], v };
}

/* Directories keep the archive's modification time, set after everything
 * in them is made (as Linux's initramfs does): the ones seen, with it. */
struct cpio_dir_time {
	struct vnode *dir;
	uint32_t mtime;
};
static struct cpio_dir_time *cpio_dir_times;
static size_t cpio_dir_time_count, cpio_dir_time_capacity;

static void cpio_dir_time_remember(struct vnode *dir, uint32_t mtime)
{
	if (cpio_dir_time_count == cpio_dir_time_capacity) {
		size_t capacity = cpio_dir_time_capacity ? cpio_dir_time_capacity * 2 : 16;
		struct cpio_dir_time *grown = fs_realloc(cpio_dir_times, capacity * sizeof *grown);
		if (!grown)
			return;
		cpio_dir_times = grown;
		cpio_dir_time_capacity = capacity;
	}
	cpio_dir_times[cpio_dir_time_count++] = (struct cpio_dir_time){ dir, mtime };
}

static void cpio_dir_times_apply(void)
{
	for (size_t i = 0; i < cpio_dir_time_count; i++) {
		struct vnode *dir = cpio_dir_times[i].dir;
		if (!dir)
			continue;
		dir->mtime.tv_sec = cpio_dir_times[i].mtime;
		dir->mtime.tv_nsec = 0;
	}
	fs_free(cpio_dir_times);
	cpio_dir_times = NULL;
	cpio_dir_time_count = cpio_dir_time_capacity = 0;
}

/* The directory that will hold the last name of path (made as needed),
 * and where that name starts. */
static struct vnode *cpio_parent(const char *path, const char **last)
{
	struct vnode *dir = fs_root;
	for (;;) {
		while (*path == '/')
			path++;
		const char *end = strchr(path, '/');
		const char *after = end;
		while (after && *after == '/')
			after++;
		if (!end || !*after) {
			*last = path;
			return dir;
		}
		size_t length = (size_t)(end - path);
		if (length > LINUX_NAME_MAX)
			return NULL;
		struct vnode *next;
		if (length == 1 && path[0] == '.') {
			next = dir;
		} else {
			struct dir_entry *entry = dir_find(dir, path, length);
			if (entry) {
				next = entry->vnode;
			} else {
				next = vnode_new(LINUX_S_IFDIR | 0755);
				if (!next || dir_add(dir, path, length, next) != 0)
					return NULL;
			}
		}
		if (!vnode_is_dir(next))
			return NULL;
		dir = next;
		path = end;
	}
}

static void cpio_set_attributes(struct vnode *v, const struct cpio_entry *e)
{
	v->mode = e->field[FIELD_MODE];
	v->uid = e->field[FIELD_UID];
	v->gid = e->field[FIELD_GID];
	v->mtime.tv_sec = v->atime.tv_sec = e->field[FIELD_MTIME];
	v->mtime.tv_nsec = v->atime.tv_nsec = 0;
}

static struct vnode *cpio_make(const struct cpio_entry *e)
{
	uint32_t mode = e->field[FIELD_MODE];
	struct vnode *v = vnode_new(mode);
	if (!v)
		return NULL;
	switch (mode & LINUX_S_IFMT) {
	case LINUX_S_IFREG:
		file_data_set(v, e->data, e->data_size, true);
		break;
	case LINUX_S_IFLNK:
		v->symlink.target = fs_alloc(e->data_size + 1);
		if (!v->symlink.target) {
			vnode_forget_if_unused(v);
			return NULL;
		}
		memcpy(v->symlink.target, e->data, e->data_size);
		v->symlink.target[e->data_size] = 0;
		v->symlink.length = e->data_size;
		break;
	case LINUX_S_IFCHR:
	case LINUX_S_IFBLK:
		v->rdev = LINUX_MKDEV(e->field[FIELD_RDEVMAJOR], e->field[FIELD_RDEVMINOR]);
		break;
	default:
		break;
	}
	return v;
}

/* Puts one entry in the tree: 0, or -1 if it had to be skipped. */
static int cpio_add(const struct cpio_entry *e)
{
	uint32_t type = e->field[FIELD_MODE] & LINUX_S_IFMT;
	const char *name = e->name;
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (*name == '/')
		name++;
	if (name[0] == 0 || strcmp(name, ".") == 0) {
		if (type == LINUX_S_IFDIR) {
			cpio_set_attributes(fs_root, e);
			cpio_dir_time_remember(fs_root, e->field[FIELD_MTIME]);
		}
		return 0;
	}
	if (type != LINUX_S_IFREG && type != LINUX_S_IFDIR && type != LINUX_S_IFLNK && type != LINUX_S_IFCHR &&
	    type != LINUX_S_IFBLK)
		return -1; /* fifos and sockets: nothing here could open them */
	const char *last;
	struct vnode *dir = cpio_parent(name, &last);
	if (!dir)
		return -1;
	size_t length = strlen(last);
	while (length && last[length - 1] == '/')
		length--;
	if (length == 0 || length > LINUX_NAME_MAX || (length == 1 && last[0] == '.') ||
	    (length == 2 && last[0] == '.' && last[1] == '.'))
		return -1;
	struct dir_entry *existing = dir_find(dir, last, length);
	if (existing && type == LINUX_S_IFDIR && vnode_is_dir(existing->vnode)) {
		cpio_set_attributes(existing->vnode, e);
		cpio_dir_time_remember(existing->vnode, e->field[FIELD_MTIME]);
		return 0;
	}
	if (existing) {
		if (vnode_is_dir(existing->vnode) && !dir_is_empty(existing->vnode))
			return -1;
		for (size_t i = 0; i < cpio_inode_count; i++)
			if (cpio_inodes[i].vnode == existing->vnode && existing->vnode->nlink == 1)
				cpio_inodes[i].vnode = NULL; /* about to go */
		for (size_t i = 0; i < cpio_dir_time_count; i++)
			if (cpio_dir_times[i].dir == existing->vnode)
				cpio_dir_times[i].dir = NULL;
		dir_remove(dir, existing);
	}
	struct vnode *v = NULL;
	bool linked = false;
	if (type == LINUX_S_IFREG && e->field[FIELD_NLINK] > 1) {
		v = cpio_inode_find(e);
		linked = v != NULL;
		if (linked && e->data_size)
			file_data_set(v, e->data, e->data_size, true);
	}
	if (!v) {
		v = cpio_make(e);
		if (!v)
			return -1;
		cpio_set_attributes(v, e);
	}
	if (dir_add(dir, last, length, v) != 0) {
		vnode_forget_if_unused(v);
		return -1;
	}
	if (type == LINUX_S_IFREG && e->field[FIELD_NLINK] > 1 && !linked)
		cpio_inode_remember(e, v);
	if (type == LINUX_S_IFDIR)
		cpio_dir_time_remember(v, e->field[FIELD_MTIME]);
	return 0;
}

long cpio_load(const void *archive, size_t size, unsigned *skipped)
{
	*skipped = 0;
	cpio_message[0] = 0;
	long error = cpio_check(archive, size);
	if (error)
		return error;
	cpio_inode_count = 0;
	for (size_t offset = 0;;) {
		struct cpio_entry e;
		cpio_entry_at(archive, size, offset, &e);
		if (cpio_is_trailer(&e))
			break;
		if (cpio_add(&e) != 0)
			(*skipped)++;
		offset = e.next;
	}
	cpio_dir_times_apply();
	fs_free(cpio_inodes);
	cpio_inodes = NULL;
	cpio_inode_count = cpio_inode_capacity = 0;
	return 0;
}

/*
 * components/posix/fs/: the in-memory tree through its system calls, with
 * the answers Linux gives (measured on Linux's tmpfs): path lookup
 * (symbolic links, ELOOP, ENAMETOOLONG, ".", "..", trailing slashes),
 * creating, removing and renaming names, file data, stat, getdents64,
 * descriptors (dup, fcntl, close-on-exec, fork), and bad pointers.
 */
#include "unit.h"

#include "fs_fake.h"

#include "components/posix/fs/fs.h"

static struct process *p;

static void setup(void)
{
	fake_fs_reset(NULL, 0);
	p = fake_process(1);
}

static long open_path(const char *path, unsigned flags, unsigned mode)
{
	return SYS(p, open, U(path), flags, mode);
}

static long make_file(const char *path, const char *text)
{
	long fd = open_path(path, LINUX_O_CREAT | LINUX_O_WRONLY | LINUX_O_TRUNC, 0644);
	if (fd < 0)
		return fd;
	long n = SYS(p, write, (uint64_t)fd, U(text), strlen(text));
	SYS(p, close, (uint64_t)fd);
	return n < 0 ? n : 0;
}

static struct linux_stat stat_of(const char *path, bool follow)
{
	struct linux_stat st;
	memset(&st, 0xff, sizeof st);
	uint64_t buffer = fake_user_alloc(sizeof st);
	long error = follow ? SYS(p, stat, U(path), buffer) : SYS(p, lstat, U(path), buffer);
	if (error == 0)
		memcpy(&st, fake_user_pointer(buffer), sizeof st);
	return st;
}

/* The whole content of a file, as a string in a static buffer. */
static const char *contents(const char *path)
{
	static char text[4096];
	long fd = open_path(path, LINUX_O_RDONLY, 0);
	if (fd < 0)
		return "<open failed>";
	uint64_t buffer = fake_user_alloc(sizeof text);
	long n = SYS(p, read, (uint64_t)fd, buffer, sizeof text - 1);
	SYS(p, close, (uint64_t)fd);
	if (n < 0)
		return "<read failed>";
	memcpy(text, fake_user_pointer(buffer), (size_t)n);
	text[n] = 0;
	return text;
}

#define E(name) (-LINUX_##name)

UNIT_TEST(ramfs_create_write_read)
{
	setup();
	long fd = open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_RDWR, 0644);
	CHECK_EQ(fd, 3);
	CHECK_EQ(SYS(p, write, fd, U("hello world"), 11), 11);
	CHECK_EQ(SYS(p, lseek, fd, 6, LINUX_SEEK_SET), 6);
	uint64_t buffer = fake_user_alloc(16);
	CHECK_EQ(SYS(p, read, fd, buffer, 16), 5);
	CHECK(memcmp(fake_user_pointer(buffer), "world", 5) == 0);
	CHECK_EQ(SYS(p, read, fd, buffer, 16), 0);
	CHECK_EQ(SYS(p, close, fd), 0);
	CHECK_EQ(SYS(p, close, fd), E(EBADF));
	CHECK_STR(contents("/tmp/f"), "hello world");
}

UNIT_TEST(ramfs_open_flags_as_f_getfl_shows_them)
{
	setup();
	long fd = open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_WRONLY, 0644);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_GETFL), 0x8001);
	fd = open_path("/tmp", LINUX_O_RDONLY | LINUX_O_DIRECTORY | LINUX_O_CLOEXEC | LINUX_O_NOFOLLOW | LINUX_O_NOCTTY, 0);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_GETFL), 229376);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_GETFD), 1);
	fd = open_path("/tmp/g", LINUX_O_CREAT | LINUX_O_RDWR | LINUX_O_APPEND | LINUX_O_NONBLOCK | LINUX_O_SYNC |
					 LINUX_O_TRUNC | LINUX_O_EXCL, 0644);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_GETFL), 1088514);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_SETFL, LINUX_O_RDONLY | LINUX_O_DIRECT), 0);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_GETFL), 1101826);
	fd = open_path("/tmp/g", LINUX_O_PATH | LINUX_O_RDWR, 0);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_GETFL), 0x200000);
	fd = open_path("/tmp", LINUX_O_TMPFILE | LINUX_O_WRONLY, 0600);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_GETFL), 4292609);
}

UNIT_TEST(ramfs_open_errors_like_linux)
{
	setup();
	CHECK_EQ(make_file("/tmp/f", "x"), 0);
	CHECK_EQ(open_path("/tmp/f/", LINUX_O_RDONLY, 0), E(ENOTDIR));
	CHECK_EQ(open_path("/tmp/g/", LINUX_O_CREAT | LINUX_O_WRONLY, 0644), E(EISDIR));
	CHECK_EQ(open_path("/tmp/f/", LINUX_O_CREAT | LINUX_O_WRONLY, 0644), E(EISDIR));
	CHECK_EQ(open_path("/tmp", LINUX_O_WRONLY, 0), E(EISDIR));
	CHECK_EQ(open_path("/tmp", LINUX_O_RDONLY | LINUX_O_TRUNC, 0), E(EISDIR));
	CHECK_EQ(open_path(".", LINUX_O_CREAT | LINUX_O_RDONLY, 0644), E(EISDIR));
	CHECK_EQ(open_path("/tmp/f", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0), E(ENOTDIR));
	CHECK_EQ(open_path("/tmp/n", LINUX_O_RDONLY | LINUX_O_DIRECTORY | LINUX_O_CREAT, 0644), E(EINVAL));
	CHECK_EQ(open_path("", LINUX_O_RDONLY, 0), E(ENOENT));
	CHECK_EQ(open_path("/tmp/none", LINUX_O_RDONLY, 0), E(ENOENT));
	CHECK_EQ(open_path("/none/x", LINUX_O_CREAT | LINUX_O_RDWR, 0644), E(ENOENT));
	CHECK_EQ(open_path("/tmp/f/x", LINUX_O_CREAT | LINUX_O_RDWR, 0644), E(ENOTDIR));
	CHECK_EQ(open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_RDWR, 0644), E(EEXIST));
	CHECK_EQ(open_path("/tmp", LINUX_O_RDONLY | LINUX_O_TMPFILE, 0), E(EINVAL));
	CHECK_EQ(SYS(p, open, FAKE_BAD_ADDRESS, LINUX_O_RDONLY, 0), E(EFAULT));
	CHECK_EQ(SYS(p, openat, 100, U("x"), LINUX_O_RDONLY, 0), E(EBADF));
	CHECK(SYS(p, openat, 100, U("/dev/null"), LINUX_O_RDONLY, 0) >= 0);
	long fd = open_path("/tmp/f", LINUX_O_RDONLY, 0);
	CHECK_EQ(SYS(p, openat, fd, U("x"), LINUX_O_RDONLY, 0), E(ENOTDIR));
}

UNIT_TEST(ramfs_symlinks_in_open)
{
	setup();
	CHECK_EQ(make_file("/tmp/f", "data"), 0);
	CHECK_EQ(SYS(p, symlink, U("f"), U("/tmp/sl")), 0);
	CHECK_STR(contents("/tmp/sl"), "data");
	CHECK_EQ(open_path("/tmp/sl/", LINUX_O_RDONLY, 0), E(ENOTDIR));
	CHECK_EQ(open_path("/tmp/sl", LINUX_O_RDONLY | LINUX_O_NOFOLLOW, 0), E(ELOOP));
	CHECK(open_path("/tmp/sl", LINUX_O_PATH | LINUX_O_NOFOLLOW, 0) >= 0);
	/* O_CREAT through a dangling link makes its target. */
	CHECK_EQ(SYS(p, symlink, U("/tmp/made"), U("/tmp/dangling")), 0);
	long fd = open_path("/tmp/dangling", LINUX_O_CREAT | LINUX_O_WRONLY, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(stat_of("/tmp/made", false).st_mode, LINUX_S_IFREG | 0600);
	CHECK_EQ(open_path("/tmp/sl", LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_WRONLY, 0600), E(EEXIST));
	CHECK_EQ(open_path("/tmp/sl", LINUX_O_CREAT | LINUX_O_NOFOLLOW | LINUX_O_WRONLY, 0600), E(ELOOP));
}

UNIT_TEST(ramfs_symlink_loop_limit)
{
	setup();
	/* l0 -> f, l1 -> l0, ... l40 -> l39: 40 links resolve, 41 do not. */
	CHECK_EQ(make_file("/tmp/f", "end"), 0);
	char name[32], target[32];
	CHECK_EQ(SYS(p, symlink, U("f"), U("/tmp/l1")), 0);
	for (int i = 2; i <= 41; i++) {
		snprintf(name, sizeof name, "/tmp/l%d", i);
		snprintf(target, sizeof target, "l%d", i - 1);
		CHECK_EQ(SYS(p, symlink, U(target), U(name)), 0);
	}
	CHECK_STR(contents("/tmp/l40"), "end");
	CHECK_EQ(open_path("/tmp/l41", LINUX_O_RDONLY, 0), E(ELOOP));
	CHECK_EQ(SYS(p, symlink, U("self"), U("/tmp/self")), 0);
	CHECK_EQ(open_path("/tmp/self", LINUX_O_RDONLY, 0), E(ELOOP));
	CHECK_EQ(stat_of("/tmp/self", false).st_mode, LINUX_S_IFLNK | 0777);
}

UNIT_TEST(ramfs_name_too_long)
{
	setup();
	char name[300];
	memset(name, 'a', 255);
	strcpy(name + 255, "");
	char path[310] = "/tmp/";
	strcat(path, name);
	CHECK(open_path(path, LINUX_O_CREAT | LINUX_O_WRONLY, 0644) >= 0);
	strcat(path, "b");
	CHECK_EQ(open_path(path, LINUX_O_CREAT | LINUX_O_WRONLY, 0644), E(ENAMETOOLONG));
	CHECK_EQ(open_path(path, LINUX_O_RDONLY, 0), E(ENAMETOOLONG));
	CHECK_EQ(SYS(p, mkdir, U(path), 0755), E(ENAMETOOLONG));
	static char huge[5000];
	memset(huge, '/', sizeof huge - 1);
	CHECK_EQ(open_path(huge, LINUX_O_RDONLY, 0), E(ENAMETOOLONG));
	huge[4095] = 0; /* 4095 characters and the NUL: PATH_MAX */
	CHECK(open_path(huge, LINUX_O_RDONLY, 0) >= 0);
}

UNIT_TEST(ramfs_dot_and_dotdot)
{
	setup();
	CHECK_EQ(SYS(p, mkdir, U("/tmp/d"), 0755), 0);
	CHECK_EQ(make_file("/tmp/d/f", "in d"), 0);
	CHECK_STR(contents("/tmp/d/./../d/f"), "in d");
	CHECK_STR(contents("/../../tmp/d/f"), "in d");
	CHECK_STR(contents("//tmp///d//f"), "in d");
	CHECK_EQ(SYS(p, chdir, U("/tmp/d")), 0);
	CHECK_STR(contents("f"), "in d");
	CHECK_STR(contents("../d/f"), "in d");
	CHECK_EQ(stat_of("..", true).st_ino, stat_of("/tmp", true).st_ino);
	CHECK_EQ(stat_of("/..", true).st_ino, stat_of("/", true).st_ino);
}

UNIT_TEST(ramfs_mkdir_rmdir_unlink_errors)
{
	setup();
	CHECK_EQ(SYS(p, chdir, U("/tmp")), 0);
	CHECK_EQ(make_file("f", "x"), 0);
	CHECK_EQ(SYS(p, mkdir, U("d"), 0755), 0);
	CHECK_EQ(SYS(p, mkdir, U("d/"), 0755), E(EEXIST));
	CHECK_EQ(SYS(p, mkdir, U("e/"), 0755), 0);
	CHECK_EQ(SYS(p, mkdir, U("."), 0755), E(EEXIST));
	CHECK_EQ(SYS(p, mkdir, U(".."), 0755), E(EEXIST));
	CHECK_EQ(SYS(p, mkdir, U("/"), 0755), E(EEXIST));
	CHECK_EQ(SYS(p, mkdir, U("none/x"), 0755), E(ENOENT));
	CHECK_EQ(SYS(p, rmdir, U(".")), E(EINVAL));
	CHECK_EQ(SYS(p, rmdir, U("..")), E(ENOTEMPTY));
	CHECK_EQ(SYS(p, rmdir, U("/")), E(EBUSY));
	CHECK_EQ(SYS(p, rmdir, U("f")), E(ENOTDIR));
	CHECK_EQ(SYS(p, rmdir, U("d/.")), E(EINVAL));
	CHECK_EQ(SYS(p, rmdir, U("none")), E(ENOENT));
	CHECK_EQ(SYS(p, rmdir, U("e/")), 0);
	CHECK_EQ(SYS(p, unlink, U(".")), E(EISDIR));
	CHECK_EQ(SYS(p, unlink, U("d")), E(EISDIR));
	CHECK_EQ(SYS(p, unlink, U("f/")), E(ENOTDIR));
	CHECK_EQ(SYS(p, unlink, U("none/")), E(ENOENT));
	CHECK_EQ(SYS(p, symlink, U("d"), U("sd")), 0);
	CHECK_EQ(SYS(p, unlink, U("sd/")), E(ENOTDIR));
	CHECK_EQ(SYS(p, rmdir, U("sd")), E(ENOTDIR));
	CHECK_EQ(SYS(p, rmdir, U("sd/")), E(ENOTDIR));
	CHECK_EQ(make_file("d/inner", "x"), 0);
	CHECK_EQ(SYS(p, rmdir, U("d")), E(ENOTEMPTY));
	CHECK_EQ(SYS(p, unlinkat, LINUX_AT_FDCWD, U("d/inner"), 0), 0);
	CHECK_EQ(SYS(p, unlinkat, LINUX_AT_FDCWD, U("d"), 1), E(EINVAL));
	CHECK_EQ(SYS(p, unlinkat, LINUX_AT_FDCWD, U("d"), LINUX_AT_REMOVEDIR), 0);
	CHECK_EQ(stat_of("/tmp", true).st_nlink, 2);
}

UNIT_TEST(ramfs_mkdir_mode_and_umask)
{
	setup();
	CHECK_EQ(SYS(p, umask, 027), 022);
	CHECK_EQ(SYS(p, mkdir, U("/tmp/d"), 07777), 0);
	CHECK_EQ(stat_of("/tmp/d", true).st_mode, LINUX_S_IFDIR | 01750);
	CHECK(open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_WRONLY, 0666) >= 0);
	CHECK_EQ(stat_of("/tmp/f", true).st_mode, LINUX_S_IFREG | 0640);
	CHECK_EQ(SYS(p, umask, 0), 027);
}

UNIT_TEST(ramfs_rename_like_linux)
{
	setup();
	CHECK_EQ(SYS(p, chdir, U("/tmp")), 0);
	CHECK_EQ(make_file("f", "F"), 0);
	CHECK_EQ(SYS(p, mkdir, U("d"), 0755), 0);
	CHECK_EQ(SYS(p, rename, U("."), U("x")), E(EBUSY));
	CHECK_EQ(SYS(p, rename, U("f"), U(".")), E(EBUSY));
	CHECK_EQ(SYS(p, rename, U("f"), U("d")), E(EISDIR));
	CHECK_EQ(SYS(p, rename, U("d"), U("f")), E(ENOTDIR));
	CHECK_EQ(SYS(p, rename, U("d"), U("d/x")), E(EINVAL));
	CHECK_EQ(SYS(p, rename, U("f"), U("f")), 0);
	CHECK_EQ(SYS(p, rename, U("f"), U("f/")), E(ENOTDIR));
	CHECK_EQ(SYS(p, rename, U("f"), U("nf/")), E(ENOTDIR));
	CHECK_EQ(SYS(p, rename, U("none"), U("x")), E(ENOENT));
	CHECK_EQ(SYS(p, mkdir, U("e"), 0755), 0);
	CHECK_EQ(SYS(p, rename, U("d"), U("e")), 0); /* an empty directory is replaced */
	CHECK_EQ(stat_of("d", true).st_mode, 0xffffffffu);
	CHECK_EQ(SYS(p, mkdir, U("d"), 0755), 0);
	CHECK_EQ(make_file("e/a", "A"), 0);
	CHECK_EQ(SYS(p, rename, U("d"), U("e")), E(ENOTEMPTY));
	CHECK_EQ(SYS(p, rename, U("e"), U("d/e2")), 0);
	CHECK_STR(contents("d/e2/a"), "A");
	CHECK_EQ(stat_of("d", true).st_nlink, 3);
	CHECK_EQ(stat_of(".", true).st_nlink, 3); /* tmp: ".", its name, d */
	CHECK_EQ(SYS(p, rename, U("f"), U("d/e2/a")), 0);
	CHECK_STR(contents("d/e2/a"), "F");
	CHECK_EQ(SYS(p, renameat2, LINUX_AT_FDCWD, U("d/e2/a"), LINUX_AT_FDCWD, U("d"), 1), E(EEXIST));
	CHECK_EQ(SYS(p, renameat2, LINUX_AT_FDCWD, U("d/e2/a"), LINUX_AT_FDCWD, U("d"), 3), E(EINVAL));
	CHECK_EQ(SYS(p, renameat2, LINUX_AT_FDCWD, U("d/e2/a"), LINUX_AT_FDCWD, U("d"), 8), E(EINVAL));
	CHECK_EQ(SYS(p, renameat2, LINUX_AT_FDCWD, U("d/e2/a"), LINUX_AT_FDCWD, U("ng"), 2), E(ENOENT));
}

UNIT_TEST(ramfs_rename_exchange)
{
	setup();
	CHECK_EQ(SYS(p, chdir, U("/tmp")), 0);
	CHECK_EQ(make_file("f", "F"), 0);
	CHECK_EQ(SYS(p, mkdir, U("d"), 0755), 0);
	CHECK_EQ(SYS(p, mkdir, U("d/sub"), 0755), 0);
	CHECK_EQ(make_file("g", "G"), 0);
	CHECK_EQ(SYS(p, renameat2, LINUX_AT_FDCWD, U("f"), LINUX_AT_FDCWD, U("g"), 2), 0);
	CHECK_STR(contents("f"), "G");
	CHECK_STR(contents("g"), "F");
	/* A directory and a file trade places across directories. */
	CHECK_EQ(SYS(p, renameat2, LINUX_AT_FDCWD, U("d/sub"), LINUX_AT_FDCWD, U("f"), 2), 0);
	CHECK_EQ(stat_of("f", true).st_mode & LINUX_S_IFMT, LINUX_S_IFDIR);
	CHECK_STR(contents("d/sub"), "G");
	CHECK_EQ(stat_of("d", true).st_nlink, 2);
	CHECK_EQ(stat_of(".", true).st_nlink, 4);
	CHECK_EQ(stat_of("f/..", true).st_ino, stat_of(".", true).st_ino);
	CHECK_EQ(SYS(p, renameat2, LINUX_AT_FDCWD, U("d"), LINUX_AT_FDCWD, U("d/sub"), 2), E(EINVAL));
}

UNIT_TEST(ramfs_links_and_readlink)
{
	setup();
	CHECK_EQ(SYS(p, chdir, U("/tmp")), 0);
	CHECK_EQ(make_file("f", "F"), 0);
	CHECK_EQ(SYS(p, mkdir, U("d"), 0755), 0);
	CHECK_EQ(SYS(p, link, U("f"), U("f2")), 0);
	CHECK_EQ(stat_of("f", true).st_nlink, 2);
	CHECK_EQ(stat_of("f", true).st_ino, stat_of("f2", true).st_ino);
	CHECK_EQ(SYS(p, link, U("d"), U("d2")), E(EPERM));
	CHECK_EQ(SYS(p, link, U("f"), U(".")), E(EEXIST));
	CHECK_EQ(SYS(p, link, U("f"), U("f2")), E(EEXIST));
	CHECK_EQ(SYS(p, link, U("none"), U("z")), E(ENOENT));
	CHECK_EQ(SYS(p, linkat, LINUX_AT_FDCWD, U("f"), LINUX_AT_FDCWD, U("y/"), 0), E(ENOENT));
	CHECK_EQ(SYS(p, linkat, LINUX_AT_FDCWD, U("f"), LINUX_AT_FDCWD, U("d/"), 0), E(EEXIST));
	CHECK_EQ(SYS(p, linkat, LINUX_AT_FDCWD, U("f"), LINUX_AT_FDCWD, U("z"), 0x8000), E(EINVAL));
	CHECK_EQ(SYS(p, symlink, U("x"), U("f")), E(EEXIST));
	CHECK_EQ(SYS(p, symlink, U(""), U("emp")), E(ENOENT));
	CHECK_EQ(SYS(p, symlink, U("x"), U("y/")), E(ENOENT));
	CHECK_EQ(SYS(p, symlink, U("x"), U("d/")), E(EEXIST));
	CHECK_EQ(SYS(p, symlink, U("some/target"), U("sl")), 0);
	uint64_t buffer = fake_user_alloc(64);
	CHECK_EQ(SYS(p, readlink, U("sl"), buffer, 64), 11);
	CHECK(memcmp(fake_user_pointer(buffer), "some/target", 11) == 0);
	CHECK_EQ(SYS(p, readlink, U("sl"), buffer, 4), 4);
	CHECK_EQ(SYS(p, readlink, U("f"), buffer, 10), E(EINVAL));
	CHECK_EQ(SYS(p, readlink, U("sl"), buffer, 0), E(EINVAL));
	CHECK_EQ(SYS(p, readlinkat, LINUX_AT_FDCWD, U("none"), buffer, 10), E(ENOENT));
	CHECK_EQ(SYS(p, readlink, U("sl"), FAKE_BAD_ADDRESS, 10), E(EFAULT));
	struct linux_stat st = stat_of("sl", false);
	CHECK_EQ(st.st_size, 11);
	CHECK_EQ(st.st_mode, LINUX_S_IFLNK | 0777);
	/* linkat follows a link only when told. */
	CHECK_EQ(SYS(p, symlink, U("f"), U("tof")), 0);
	CHECK_EQ(SYS(p, linkat, LINUX_AT_FDCWD, U("tof"), LINUX_AT_FDCWD, U("hard"), 0), 0);
	CHECK_EQ(stat_of("hard", false).st_mode, LINUX_S_IFLNK | 0777);
	CHECK_EQ(SYS(p, linkat, LINUX_AT_FDCWD, U("tof"), LINUX_AT_FDCWD, U("hard2"), LINUX_AT_SYMLINK_FOLLOW), 0);
	CHECK_EQ(stat_of("f", true).st_nlink, 3);
}

UNIT_TEST(ramfs_stat_fields)
{
	setup();
	fake_realtime_ns = 1234 * 1000000000ull + 56;
	CHECK_EQ(make_file("/tmp/f", "hello"), 0);
	struct linux_stat st = stat_of("/tmp/f", true);
	CHECK_EQ(st.st_mode, LINUX_S_IFREG | 0644);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_size, 5);
	CHECK_EQ(st.st_blocks, 8);
	CHECK_EQ(st.st_blksize, 4096);
	CHECK_EQ(st.st_mtim.tv_sec, 1234);
	CHECK_EQ(st.st_mtim.tv_nsec, 56);
	CHECK_EQ(st.st_uid, 0);
	struct linux_stat dir = stat_of("/tmp", true);
	CHECK_EQ(dir.st_size, 60); /* tmpfs: 20 bytes per entry, 2 for "." and ".." */
	CHECK_EQ(dir.st_blocks, 0);
	CHECK_EQ(stat_of("/dev/null", true).st_rdev, 0x103);
	uint64_t buffer = fake_user_alloc(sizeof st);
	CHECK_EQ(SYS(p, stat, U("/tmp/none"), buffer), E(ENOENT));
	CHECK_EQ(SYS(p, stat, U("/tmp/f"), FAKE_BAD_ADDRESS), E(EFAULT));
	CHECK_EQ(SYS(p, fstat, 99, buffer), E(EBADF));
	CHECK_EQ(SYS(p, newfstatat, LINUX_AT_FDCWD, U("/tmp/f"), buffer, 0x4), E(EINVAL));
	long fd = open_path("/tmp/f", LINUX_O_RDONLY, 0);
	CHECK_EQ(SYS(p, newfstatat, fd, U(""), buffer, LINUX_AT_EMPTY_PATH), 0);
	CHECK_EQ(((struct linux_stat *)fake_user_pointer(buffer))->st_size, 5);
	CHECK_EQ(SYS(p, newfstatat, fd, U(""), buffer, 0), E(ENOENT));
}

UNIT_TEST(ramfs_statx_and_statfs)
{
	setup();
	CHECK_EQ(make_file("/tmp/f", "12345678"), 0);
	uint64_t buffer = fake_user_alloc(256);
	CHECK_EQ(SYS(p, statx, LINUX_AT_FDCWD, U("/tmp/f"), 0, 0xfff, buffer), 0);
	struct linux_statx *sx = fake_user_pointer(buffer);
	CHECK_EQ(sx->stx_size, 8);
	CHECK_EQ(sx->stx_mode, LINUX_S_IFREG | 0644);
	CHECK_EQ(sx->stx_mask & LINUX_STATX_BASIC_STATS, LINUX_STATX_BASIC_STATS);
	CHECK_EQ(SYS(p, statx, LINUX_AT_FDCWD, U("/tmp/f"), 0, 0x80000000u, buffer), E(EINVAL));
	CHECK_EQ(SYS(p, statx, LINUX_AT_FDCWD, U("/tmp/f"), 0x6000, 0, buffer), E(EINVAL));
	CHECK_EQ(SYS(p, statfs, U("/"), buffer), 0);
	CHECK_EQ(((struct linux_statfs *)fake_user_pointer(buffer))->f_type, LINUX_TMPFS_MAGIC);
	CHECK_EQ(((struct linux_statfs *)fake_user_pointer(buffer))->f_namelen, 255);
	CHECK_EQ(SYS(p, fstatfs, 77, buffer), E(EBADF));
}

/* Names in a getdents64 buffer, space-separated. */
static const char *dirent_names(uint64_t buffer, long length)
{
	static char names[1024];
	names[0] = 0;
	for (long at = 0; at < length;) {
		uint8_t *record = (uint8_t *)fake_user_pointer(buffer) + at;
		uint16_t size;
		memcpy(&size, record + 16, 2);
		if (names[0])
			strcat(names, " ");
		strcat(names, (char *)record + 19);
		at += size;
	}
	return names;
}

UNIT_TEST(ramfs_getdents_lists_newest_first_and_resumes)
{
	setup();
	CHECK_EQ(SYS(p, mkdir, U("/tmp/d"), 0755), 0);
	CHECK_EQ(make_file("/tmp/d/a", ""), 0);
	CHECK_EQ(SYS(p, mkdir, U("/tmp/d/bb"), 0755), 0);
	CHECK_EQ(SYS(p, symlink, U("x"), U("/tmp/d/l")), 0);
	long fd = open_path("/tmp/d", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	uint64_t buffer = fake_user_alloc(4096);
	long n = SYS(p, getdents64, fd, buffer, 4096);
	REQUIRE(n > 0);
	CHECK_STR(dirent_names(buffer, n), ". .. l bb a");
	uint8_t *first = fake_user_pointer(buffer);
	CHECK_EQ(first[18], LINUX_DT_DIR);
	CHECK_EQ(*(uint16_t *)(first + 16), 24);
	CHECK_EQ(SYS(p, getdents64, fd, buffer, 4096), 0);
	/* Resume one record at a time; a removal between reads is skipped. */
	CHECK_EQ(SYS(p, lseek, fd, 0, LINUX_SEEK_SET), 0);
	CHECK_EQ(SYS(p, getdents64, fd, buffer, 10), E(EINVAL));
	CHECK_EQ(SYS(p, getdents64, fd, buffer, 24), 24);
	CHECK_EQ(SYS(p, getdents64, fd, buffer, 24), 24);
	n = SYS(p, getdents64, fd, buffer, 24);
	CHECK_STR(dirent_names(buffer, n), "l");
	CHECK_EQ(SYS(p, unlink, U("/tmp/d/bb")), E(EISDIR));
	CHECK_EQ(SYS(p, rmdir, U("/tmp/d/bb")), 0);
	n = SYS(p, getdents64, fd, buffer, 4096);
	CHECK_STR(dirent_names(buffer, n), "a");
	long file = open_path("/tmp/d/a", LINUX_O_RDONLY, 0);
	CHECK_EQ(SYS(p, getdents64, file, buffer, 4096), E(ENOTDIR));
	CHECK_EQ(SYS(p, getdents64, fd, FAKE_BAD_ADDRESS, 4096), 0); /* nothing left to write */
	CHECK_EQ(SYS(p, lseek, fd, 0, LINUX_SEEK_SET), 0);
	CHECK_EQ(SYS(p, getdents64, fd, FAKE_BAD_ADDRESS, 4096), E(EFAULT));
	CHECK_EQ(SYS(p, read, fd, buffer, 10), E(EISDIR));
	CHECK_EQ(SYS(p, lseek, fd, 0, LINUX_SEEK_END), E(EINVAL));
}

UNIT_TEST(ramfs_getcwd_and_removed_cwd)
{
	setup();
	CHECK_EQ(SYS(p, mkdir, U("/tmp/d"), 0755), 0);
	CHECK_EQ(SYS(p, chdir, U("/tmp/d")), 0);
	uint64_t buffer = fake_user_alloc(64);
	CHECK_EQ(SYS(p, getcwd, buffer, 64), 7);
	CHECK_STR(fake_user_pointer(buffer), "/tmp/d");
	CHECK_EQ(SYS(p, getcwd, buffer, 6), E(ERANGE));
	CHECK_EQ(SYS(p, getcwd, buffer, 0), E(ERANGE));
	CHECK_EQ(SYS(p, rmdir, U("/tmp/d")), 0);
	CHECK_EQ(SYS(p, getcwd, buffer, 64), E(ENOENT));
	CHECK_EQ(open_path("new", LINUX_O_CREAT | LINUX_O_WRONLY, 0644), E(ENOENT));
	CHECK_EQ(SYS(p, mkdir, U("new"), 0755), E(ENOENT));
	CHECK_EQ(SYS(p, chdir, U("..")), 0);
	CHECK_EQ(SYS(p, getcwd, buffer, 64), 5);
	CHECK_EQ(SYS(p, chdir, U("/dev/null")), E(ENOTDIR));
	CHECK_EQ(SYS(p, chdir, U("/none")), E(ENOENT));
	long fd = open_path("/dev", LINUX_O_PATH, 0);
	CHECK_EQ(SYS(p, fchdir, fd), 0);
	CHECK_EQ(SYS(p, getcwd, buffer, 64), 5);
	CHECK_STR(fake_user_pointer(buffer), "/dev");
	CHECK_EQ(SYS(p, fchdir, 0), E(ENOTDIR));
	CHECK_EQ(SYS(p, chdir, U("/")), 0);
	CHECK_EQ(SYS(p, getcwd, buffer, 64), 2);
	CHECK_STR(fake_user_pointer(buffer), "/");
}

UNIT_TEST(ramfs_unlinked_open_file_lives_until_closed)
{
	setup();
	size_t before = fake_heap_blocks();
	long fd = open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_RDWR, 0644);
	CHECK_EQ(SYS(p, write, fd, U("still here"), 10), 10);
	CHECK_EQ(SYS(p, unlink, U("/tmp/f")), 0);
	uint64_t buffer = fake_user_alloc(sizeof(struct linux_stat));
	CHECK_EQ(SYS(p, fstat, fd, buffer), 0);
	CHECK_EQ(((struct linux_stat *)fake_user_pointer(buffer))->st_nlink, 0);
	CHECK_EQ(SYS(p, pread64, fd, buffer, 10, 0), 10);
	CHECK(memcmp(fake_user_pointer(buffer), "still here", 10) == 0);
	CHECK_EQ(SYS(p, close, fd), 0);
	CHECK_EQ(fake_heap_blocks(), before);
}

UNIT_TEST(ramfs_append_holes_and_truncate)
{
	setup();
	long fd = open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_RDWR | LINUX_O_APPEND, 0644);
	CHECK_EQ(SYS(p, write, fd, U("abc"), 3), 3);
	CHECK_EQ(SYS(p, lseek, fd, 0, LINUX_SEEK_SET), 0);
	CHECK_EQ(SYS(p, write, fd, U("de"), 2), 2);
	CHECK_EQ(SYS(p, lseek, fd, 0, LINUX_SEEK_CUR), 5);
	CHECK_EQ(SYS(p, pwrite64, fd, U("f"), 1, 0), 1); /* O_APPEND wins, as on Linux */
	CHECK_STR(contents("/tmp/f"), "abcdef");
	long plain = open_path("/tmp/f", LINUX_O_RDWR, 0);
	CHECK_EQ(SYS(p, lseek, plain, 10, LINUX_SEEK_SET), 10);
	CHECK_EQ(SYS(p, write, plain, U("Z"), 1), 1);
	uint64_t buffer = fake_user_alloc(32);
	CHECK_EQ(SYS(p, pread64, plain, buffer, 32, 0), 11);
	CHECK(memcmp(fake_user_pointer(buffer), "abcdef\0\0\0\0Z", 11) == 0);
	CHECK_EQ(SYS(p, ftruncate, plain, 3), 0);
	CHECK_EQ(SYS(p, ftruncate, plain, 100000), 0);
	struct linux_stat st = stat_of("/tmp/f", true);
	CHECK_EQ(st.st_size, 100000);
	CHECK_EQ(st.st_blocks, 8); /* the hole takes no room */
	CHECK_EQ(SYS(p, pread64, plain, buffer, 4, 2), 4);
	CHECK(memcmp(fake_user_pointer(buffer), "c\0\0\0", 4) == 0);
	CHECK_EQ(SYS(p, truncate, U("/tmp/f"), 1), 0);
	CHECK_STR(contents("/tmp/f"), "a");
	CHECK_EQ(SYS(p, truncate, U("/tmp"), 1), E(EISDIR));
	CHECK_EQ(SYS(p, truncate, U("/tmp/f"), -1), E(EINVAL));
	CHECK_EQ(SYS(p, truncate, U("/dev/null"), 0), E(EINVAL));
	CHECK_EQ(SYS(p, ftruncate, 0, 5), E(EINVAL));
	long reader = open_path("/tmp/f", LINUX_O_RDONLY, 0);
	CHECK_EQ(SYS(p, ftruncate, reader, 0), E(EINVAL));
	CHECK_EQ(SYS(p, lseek, plain, -1, LINUX_SEEK_SET), E(EINVAL));
	CHECK_EQ(SYS(p, lseek, plain, 0, 7), E(EINVAL));
	CHECK_EQ(SYS(p, lseek, plain, 10, LINUX_SEEK_DATA), E(ENXIO));
	CHECK_EQ(SYS(p, lseek, plain, 0, LINUX_SEEK_HOLE), 1);
	CHECK_EQ(SYS(p, pread64, plain, buffer, 1, -1), E(EINVAL));
	CHECK_EQ(SYS(p, open, U("/tmp/f"), LINUX_O_WRONLY | LINUX_O_TRUNC, 0) >= 0, 1);
	CHECK_EQ(stat_of("/tmp/f", true).st_size, 0);
}

UNIT_TEST(ramfs_bad_pointers)
{
	setup();
	long fd = open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_RDWR, 0644);
	CHECK_EQ(SYS(p, write, fd, FAKE_BAD_ADDRESS, 1), E(EFAULT));
	CHECK_EQ(SYS(p, write, fd, FAKE_BAD_ADDRESS, 0), 0);
	CHECK_EQ(SYS(p, read, fd, 0x800000000000ull, 1), E(EFAULT));
	CHECK_EQ(SYS(p, read, fd, 0x7fffffffe000ull, 0x10000), E(EFAULT));
	CHECK_EQ(SYS(p, read, 3, 0, 0), 0);
	CHECK_EQ(SYS(p, read, 100, 0, 0), E(EBADF));
	/* A write running into a missing page writes what came before it. */
	uint64_t buffer = fake_user_alloc(3 * 4096);
	uint64_t page = (buffer + 4095) & ~4095ull;
	memset(fake_user_pointer(page), 'x', 4096);
	fake_user_unmap_page(page + 4096);
	CHECK_EQ(SYS(p, write, fd, page + 4000, 500), 96);
	CHECK_EQ(stat_of("/tmp/f", true).st_size, 96);
	CHECK_EQ(SYS(p, pread64, fd, page + 4000, 500, 0), 96);
	CHECK_EQ(SYS(p, pread64, fd, page + 4096, 10, 0), E(EFAULT));
}

UNIT_TEST(ramfs_readv_writev)
{
	setup();
	long fd = open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_RDWR, 0644);
	struct linux_iovec vector[3] = { { U("ab"), 2 }, { U(""), 0 }, { U("cde"), 3 } };
	uint64_t v = fake_user_put(vector, sizeof vector);
	CHECK_EQ(SYS(p, writev, fd, v, 3), 5);
	CHECK_STR(contents("/tmp/f"), "abcde");
	uint64_t one = fake_user_alloc(4), two = fake_user_alloc(4);
	struct linux_iovec in[2] = { { one, 1 }, { two, 4 } };
	CHECK_EQ(SYS(p, lseek, fd, 0, LINUX_SEEK_SET), 0);
	CHECK_EQ(SYS(p, readv, fd, fake_user_put(in, sizeof in), 2), 5);
	CHECK(memcmp(fake_user_pointer(one), "a", 1) == 0);
	CHECK(memcmp(fake_user_pointer(two), "bcde", 4) == 0);
	CHECK_EQ(SYS(p, readv, fd, v, -1), E(EINVAL));
	CHECK_EQ(SYS(p, readv, fd, v, 1025), E(EINVAL));
	CHECK_EQ(SYS(p, readv, fd, FAKE_BAD_ADDRESS, 1), E(EFAULT));
	struct linux_iovec negative[1] = { { one, (uint64_t)-1 } };
	CHECK_EQ(SYS(p, readv, fd, fake_user_put(negative, sizeof negative), 1), E(EINVAL));
	CHECK_EQ(SYS(p, writev, fd, v, 0), 0);
}

UNIT_TEST(ramfs_dup_and_fcntl)
{
	setup();
	long fd = open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_RDWR, 0644);
	CHECK_EQ(fd, 3);
	CHECK_EQ(SYS(p, dup, fd), 4);
	CHECK_EQ(SYS(p, write, 4, U("xy"), 2), 2);
	CHECK_EQ(SYS(p, lseek, 3, 0, LINUX_SEEK_CUR), 2); /* one shared offset */
	CHECK_EQ(SYS(p, dup2, 3, 3), 3);
	CHECK_EQ(SYS(p, dup2, 100, 100), E(EBADF));
	CHECK_EQ(SYS(p, dup2, 3, 1024), E(EBADF));
	CHECK_EQ(SYS(p, dup2, 3, (uint64_t)-1), E(EBADF));
	CHECK_EQ(SYS(p, dup3, 3, 3, 0), E(EINVAL));
	CHECK_EQ(SYS(p, dup3, 3, 4, 1), E(EINVAL));
	CHECK_EQ(SYS(p, dup3, 100, 100, 0), E(EINVAL));
	CHECK_EQ(SYS(p, dup3, 3, 9, LINUX_O_CLOEXEC), 9);
	CHECK_EQ(SYS(p, fcntl, 9, LINUX_F_GETFD), 1);
	CHECK_EQ(SYS(p, dup2, 3, 9), 9);
	CHECK_EQ(SYS(p, fcntl, 9, LINUX_F_GETFD), 0);
	CHECK_EQ(SYS(p, fcntl, 3, LINUX_F_DUPFD, 7), 7);
	CHECK_EQ(SYS(p, fcntl, 3, LINUX_F_DUPFD_CLOEXEC, 7), 8);
	CHECK_EQ(SYS(p, fcntl, 8, LINUX_F_GETFD), 1);
	CHECK_EQ(SYS(p, fcntl, 3, LINUX_F_DUPFD, 1024), E(EINVAL));
	CHECK_EQ(SYS(p, fcntl, 3, LINUX_F_DUPFD, (uint64_t)-1), E(EINVAL));
	CHECK_EQ(SYS(p, fcntl, 3, 9999), E(EINVAL));
	CHECK_EQ(SYS(p, fcntl, 50, LINUX_F_GETFD), E(EBADF));
	CHECK_EQ(SYS(p, fcntl, 3, LINUX_F_SETFD, 1), 0);
	fs_exec(p);
	CHECK_EQ(SYS(p, fcntl, 3, LINUX_F_GETFD), E(EBADF));
	CHECK_EQ(SYS(p, fcntl, 8, LINUX_F_GETFD), E(EBADF));
	CHECK_EQ(SYS(p, fcntl, 4, LINUX_F_GETFD), 0);
	CHECK_EQ(SYS(p, fcntl, 7, LINUX_F_GETFD), 0);
}

UNIT_TEST(ramfs_descriptors_run_out_at_1024)
{
	setup();
	for (int fd = 3; fd < 1024; fd++)
		REQUIRE(SYS(p, dup, 0) == fd);
	CHECK_EQ(SYS(p, dup, 0), E(EMFILE));
	CHECK_EQ(open_path("/dev/null", LINUX_O_RDONLY, 0), E(EMFILE));
	uint64_t pair = fake_user_alloc(8);
	CHECK_EQ(SYS(p, pipe, pair), E(EMFILE));
	CHECK_EQ(SYS(p, close, 1023), 0);
	CHECK_EQ(SYS(p, pipe, pair), E(EMFILE));
	CHECK_EQ(open_path("/dev/null", LINUX_O_RDONLY, 0), 1023);
}

UNIT_TEST(ramfs_fork_shares_files_and_exit_closes)
{
	setup();
	size_t before = fake_heap_blocks();
	long fd = open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_RDWR, 0644);
	CHECK_EQ(SYS(p, chdir, U("/tmp")), 0);
	struct process *child = fake_fork(p, 2);
	CHECK_EQ(SYS(child, write, fd, U("abc"), 3), 3);
	CHECK_EQ(SYS(p, lseek, fd, 0, LINUX_SEEK_CUR), 3);
	CHECK_EQ(SYS(child, close, fd), 0);
	CHECK_EQ(SYS(p, write, fd, U("d"), 1), 1);
	CHECK_STR(contents("f"), "abcd");
	uint64_t buffer = fake_user_alloc(16);
	CHECK_EQ(SYS(child, getcwd, buffer, 16), 5);
	fs_exit(child);
	CHECK_EQ(SYS(p, close, fd), 0);
	CHECK_EQ(SYS(p, unlink, U("f")), 0);
	CHECK_EQ(SYS(p, chdir, U("/")), 0);
	CHECK_EQ(fake_heap_blocks(), before);
}

UNIT_TEST(ramfs_access_chmod_chown_utimens)
{
	setup();
	CHECK_EQ(make_file("/tmp/f", "x"), 0);
	CHECK_EQ(SYS(p, access, U("/tmp/f"), 8), E(EINVAL));
	CHECK_EQ(SYS(p, access, U("/tmp/f"), LINUX_X_OK), E(EACCES));
	CHECK_EQ(SYS(p, access, U("/tmp/f"), LINUX_R_OK | LINUX_W_OK), 0);
	CHECK_EQ(SYS(p, access, U("/tmp"), LINUX_X_OK), 0);
	CHECK_EQ(SYS(p, access, U("/tmp/none"), 0), E(ENOENT));
	CHECK_EQ(SYS(p, faccessat2, LINUX_AT_FDCWD, U("/tmp/f"), 0, 0x4000), E(EINVAL));
	CHECK_EQ(SYS(p, faccessat, LINUX_AT_FDCWD, U("/tmp/f"), 0, 0x4000), 0);
	CHECK_EQ(SYS(p, chmod, U("/tmp/f"), 07777), 0);
	CHECK_EQ(stat_of("/tmp/f", true).st_mode, LINUX_S_IFREG | 07777);
	CHECK_EQ(SYS(p, access, U("/tmp/f"), LINUX_X_OK), 0);
	CHECK_EQ(SYS(p, chown, U("/tmp/f"), (uint64_t)-1, (uint64_t)-1), 0);
	CHECK_EQ(stat_of("/tmp/f", true).st_mode, LINUX_S_IFREG | 01777);
	CHECK_EQ(SYS(p, chown, U("/tmp/f"), 5, 6), 0);
	CHECK_EQ(stat_of("/tmp/f", true).st_uid, 5);
	CHECK_EQ(stat_of("/tmp/f", true).st_gid, 6);
	CHECK_EQ(SYS(p, fchownat, LINUX_AT_FDCWD, U("/tmp/f"), 1, 1, 0x8000), E(EINVAL));
	struct linux_timespec omit[2] = { { 0, LINUX_UTIME_OMIT }, { 0, LINUX_UTIME_OMIT } };
	CHECK_EQ(SYS(p, utimensat, LINUX_AT_FDCWD, U("/tmp/none"), fake_user_put(omit, sizeof omit), 0x8000), 0);
	struct linux_timespec bad[2] = { { 0, -5 }, { 0, LINUX_UTIME_OMIT } };
	CHECK_EQ(SYS(p, utimensat, LINUX_AT_FDCWD, U("/tmp/f"), fake_user_put(bad, sizeof bad), 0), E(EINVAL));
	struct linux_timespec set[2] = { { 100, 1 }, { 200, 2 } };
	CHECK_EQ(SYS(p, utimensat, LINUX_AT_FDCWD, U("/tmp/f"), fake_user_put(set, sizeof set), 0), 0);
	struct linux_stat st = stat_of("/tmp/f", true);
	CHECK_EQ(st.st_atim.tv_sec, 100);
	CHECK_EQ(st.st_mtim.tv_sec, 200);
	CHECK_EQ(st.st_mtim.tv_nsec, 2);
	CHECK_EQ(SYS(p, utimensat, LINUX_AT_FDCWD, 0, 0, 0), E(EFAULT));
	long fd = open_path("/tmp/f", LINUX_O_RDONLY, 0);
	CHECK_EQ(SYS(p, utimensat, fd, 0, 0, 0), 0);
	CHECK_EQ(SYS(p, utimensat, fd, U(""), 0, 0), E(ENOENT));
	CHECK_EQ(SYS(p, fsync, fd), 0);
	CHECK_EQ(SYS(p, fsync, 0), E(EINVAL));
	CHECK_EQ(SYS(p, fdatasync, 55), E(EBADF));
}

UNIT_TEST(ramfs_o_path_descriptors)
{
	setup();
	CHECK_EQ(make_file("/tmp/f", "x"), 0);
	long fd = open_path("/tmp/f", LINUX_O_PATH, 0);
	uint64_t buffer = fake_user_alloc(sizeof(struct linux_stat));
	CHECK_EQ(SYS(p, read, fd, buffer, 1), E(EBADF));
	CHECK_EQ(SYS(p, write, fd, buffer, 1), E(EBADF));
	CHECK_EQ(SYS(p, lseek, fd, 0, 0), E(EBADF));
	CHECK_EQ(SYS(p, fstat, fd, buffer), 0);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_SETFL, 0), E(EBADF));
	CHECK_EQ(SYS(p, ioctl, fd, LINUX_FIONREAD, buffer), E(EBADF));
	long dir = open_path("/tmp", LINUX_O_PATH, 0);
	CHECK_EQ(SYS(p, openat, dir, U("f"), LINUX_O_RDONLY, 0) >= 0, 1);
	long three = open_path("/tmp/f", 3, 0);
	CHECK_EQ(SYS(p, read, three, buffer, 1), E(EBADF));
}

UNIT_TEST(ramfs_devices)
{
	setup();
	long null = open_path("/dev/null", LINUX_O_RDWR, 0);
	uint64_t buffer = fake_user_alloc(8);
	CHECK_EQ(SYS(p, read, null, buffer, 8), 0);
	CHECK_EQ(SYS(p, write, null, FAKE_BAD_ADDRESS, 10), 10);
	CHECK_EQ(SYS(p, lseek, null, 100, LINUX_SEEK_SET), 0);
	long zero = open_path("/dev/zero", LINUX_O_RDONLY, 0);
	memset(fake_user_pointer(buffer), 'x', 8);
	CHECK_EQ(SYS(p, read, zero, buffer, 8), 8);
	CHECK(memcmp(fake_user_pointer(buffer), "\0\0\0\0\0\0\0\0", 8) == 0);
	uint64_t big = fake_user_alloc(100000);
	CHECK_EQ(SYS(p, read, zero, big, 100000), 100000);
	CHECK_EQ(SYS(p, ioctl, null, LINUX_TCGETS, buffer), E(ENOTTY));
	CHECK_EQ(SYS(p, fsync, null), E(EINVAL));
}

UNIT_TEST(ramfs_ioctl_generic)
{
	setup();
	CHECK_EQ(make_file("/tmp/f", "0123456789"), 0);
	long fd = open_path("/tmp/f", LINUX_O_RDONLY, 0);
	uint64_t value = fake_user_alloc(4);
	CHECK_EQ(SYS(p, lseek, fd, 3, LINUX_SEEK_SET), 3);
	CHECK_EQ(SYS(p, ioctl, fd, LINUX_FIONREAD, value), 0);
	CHECK_EQ(*(int32_t *)fake_user_pointer(value), 7);
	CHECK_EQ(SYS(p, ioctl, fd, LINUX_FIOCLEX, 0), 0);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_GETFD), 1);
	*(int32_t *)fake_user_pointer(value) = 1;
	CHECK_EQ(SYS(p, ioctl, fd, LINUX_FIONBIO, value), 0);
	CHECK_EQ(SYS(p, fcntl, fd, LINUX_F_GETFL) & LINUX_O_NONBLOCK, LINUX_O_NONBLOCK);
	long dir = open_path("/tmp", LINUX_O_RDONLY, 0);
	CHECK_EQ(SYS(p, ioctl, dir, LINUX_FIONREAD, value), E(ENOTTY));
	CHECK_EQ(SYS(p, ioctl, dir, 0x12345678, 0), E(ENOTTY));
	CHECK_EQ(SYS(p, ioctl, 77, LINUX_FIONREAD, value), E(EBADF));
}

UNIT_TEST(ramfs_exec_image)
{
	setup();
	CHECK_EQ(make_file("/tmp/prog", "\177ELF"), 0);
	const void *data;
	size_t size;
	CHECK_EQ(fs_exec_image(p, "/tmp/prog", &data, &size), E(EACCES));
	CHECK_EQ(SYS(p, chmod, U("/tmp/prog"), 0755), 0);
	CHECK_EQ(SYS(p, symlink, U("prog"), U("/tmp/link")), 0);
	CHECK_EQ(fs_exec_image(p, "/tmp/link", &data, &size), 0);
	CHECK_EQ(size, 4);
	CHECK(memcmp(data, "\177ELF", 4) == 0);
	CHECK_EQ(fs_exec_image(p, "/tmp", &data, &size), E(EACCES));
	CHECK_EQ(fs_exec_image(p, "/tmp/none", &data, &size), E(ENOENT));
	CHECK_EQ(fs_exec_image(p, "/tmp/prog/x", &data, &size), E(ENOTDIR));
	CHECK_EQ(fs_exec_image(p, "", &data, &size), E(ENOENT));
}

UNIT_TEST(ramfs_preadv_pwritev)
{
	setup();
	long fd = open_path("/tmp/f", LINUX_O_CREAT | LINUX_O_RDWR, 0644);
	CHECK_EQ(SYS(p, write, fd, U("0123456789"), 10), 10);
	struct linux_iovec patch[2] = { { U("A"), 1 }, { U("BC"), 2 } };
	CHECK_EQ(SYS(p, pwritev, fd, fake_user_put(patch, sizeof patch), 2, 4, 0), 3);
	CHECK_EQ(SYS(p, lseek, fd, 0, LINUX_SEEK_CUR), 10); /* the position stays */
	uint64_t one = fake_user_alloc(2), two = fake_user_alloc(4);
	struct linux_iovec in[2] = { { one, 2 }, { two, 4 } };
	uint64_t vector = fake_user_put(in, sizeof in);
	CHECK_EQ(SYS(p, preadv, fd, vector, 2, 2, 0), 6);
	CHECK(memcmp(fake_user_pointer(one), "23", 2) == 0);
	CHECK(memcmp(fake_user_pointer(two), "ABC7", 4) == 0);
	CHECK_EQ(SYS(p, preadv, fd, vector, 2, -1, 0), E(EINVAL));
	/* preadv2 at -1 reads at the file position and moves it. */
	CHECK_EQ(SYS(p, lseek, fd, 8, LINUX_SEEK_SET), 8);
	CHECK_EQ(SYS(p, preadv2, fd, vector, 2, -1, 0, 0), 2);
	CHECK_EQ(SYS(p, lseek, fd, 0, LINUX_SEEK_CUR), 10);
	CHECK_EQ(SYS(p, preadv2, fd, vector, 2, 0, 0, 0x100), E(EOPNOTSUPP));
	uint64_t pair = fake_user_alloc(8);
	CHECK_EQ(SYS(p, pipe, pair), 0);
	CHECK_EQ(SYS(p, preadv, *(int32_t *)fake_user_pointer(pair), vector, 2, 0, 0), E(ESPIPE));
	CHECK_EQ(SYS(p, pread64, fd, one, 2, 0x7fffffffffffffffll), E(EINVAL));
}

UNIT_TEST(ramfs_dev_fd_names_descriptors)
{
	setup();
	uint64_t pair = fake_user_alloc(8);
	CHECK_EQ(SYS(p, pipe, pair), 0); /* 3 reads, 4 writes */
	CHECK_EQ(SYS(p, write, 4, U("piped"), 5), 5);
	long in = open_path("/dev/stdin", LINUX_O_RDONLY, 0);
	CHECK_EQ(in, 5);
	uint64_t st = fake_user_alloc(sizeof(struct linux_stat));
	CHECK_EQ(SYS(p, fstat, in, st), 0);
	CHECK_EQ(((struct linux_stat *)fake_user_pointer(st))->st_rdev, LINUX_MKDEV(5, 1));
	long piped = open_path("/dev/fd/3", LINUX_O_RDONLY, 0);
	uint64_t buffer = fake_user_alloc(8);
	CHECK_EQ(SYS(p, read, piped, buffer, 8), 5);
	CHECK(memcmp(fake_user_pointer(buffer), "piped", 5) == 0);
	/* A new open of a file: its own offset, and O_TRUNC applies. */
	CHECK_EQ(make_file("/tmp/f", "content"), 0);
	long file = open_path("/tmp/f", LINUX_O_RDONLY, 0);
	CHECK_EQ(SYS(p, lseek, file, 3, LINUX_SEEK_SET), 3);
	char path[32];
	snprintf(path, sizeof path, "/dev/fd/%ld", file);
	long again = open_path(path, LINUX_O_WRONLY | LINUX_O_TRUNC, 0);
	CHECK(again >= 0);
	CHECK_EQ(stat_of("/tmp/f", true).st_size, 0);
	CHECK_EQ(open_path("/dev/fd/99", LINUX_O_WRONLY | LINUX_O_CREAT, 0644), E(ENOENT));
	CHECK_EQ(open_path("/dev/fd/01", LINUX_O_RDONLY, 0), E(ENOENT));
	CHECK_EQ(SYS(p, mkdir, U("/dev/fd/x"), 0755), E(ENOENT));
	CHECK_EQ(SYS(p, unlink, U("/dev/fd/1")), E(EPERM));
	CHECK_EQ(SYS(p, rename, U("/dev/fd/1"), U("/tmp/x")), E(EXDEV));
	long dir = open_path("/dev/fd", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
	uint64_t listing = fake_user_alloc(4096);
	long n = SYS(p, getdents64, dir, listing, 4096);
	REQUIRE(n > 0);
	CHECK(n > 0);
	/* ".", "..", then 0 to 9: every open descriptor. */
	uint8_t *record = fake_user_pointer(listing);
	long seen = 0;
	for (long at = 0; at < n; at += *(uint16_t *)(record + at + 16))
		seen++;
	CHECK_EQ(seen, 2 + 10);
	/* The pipe counted the new reader: closing the first leaves one. */
	CHECK_EQ(SYS(p, close, 3), 0);
	CHECK_EQ(SYS(p, close, 4), 0);
	CHECK_EQ(SYS(p, read, piped, buffer, 8), 0);
}

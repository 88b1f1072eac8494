/* The *at calls busybox and glibc use: openat, mkdirat, fstatat (with and
 * without following links), unlinkat, renameat, faccessat, readlinkat,
 * relative to a directory descriptor and to AT_FDCWD. */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
	SHOW(mkdirat(AT_FDCWD, "base", 0755));
	int dir = open("base", O_RDONLY | O_DIRECTORY);
	printf("directory descriptor: %s\n", dir >= 0 ? "ok" : errno_name(errno));
	int fd = openat(dir, "file", O_CREAT | O_WRONLY, 0644);
	SHOW(write(fd, "abc", 3));
	close(fd);
	SHOW(mkdirat(dir, "sub", 0755));
	struct stat st;
	SHOW(fstatat(dir, "file", &st, 0));
	printf("size %lld\n", (long long)st.st_size);
	SHOW(fstatat(AT_FDCWD, "base/file", &st, 0));
	SHOW(symlinkat("file", dir, "link"));
	SHOW(fstatat(dir, "link", &st, AT_SYMLINK_NOFOLLOW));
	printf("nofollow sees a link: %s\n", S_ISLNK(st.st_mode) ? "yes" : "no");
	SHOW(fstatat(dir, "link", &st, 0));
	printf("follow sees a file: %s\n", S_ISREG(st.st_mode) ? "yes" : "no");
	char buffer[32] = { 0 };
	SHOW(readlinkat(dir, "link", buffer, sizeof buffer));
	printf("link -> %s\n", buffer);
	SHOW(faccessat(dir, "file", R_OK, 0));
	SHOW(renameat(dir, "file", AT_FDCWD, "moved"));
	SHOW(fstatat(AT_FDCWD, "moved", &st, 0));
	SHOW(unlinkat(dir, "sub", 0));
	SHOW(unlinkat(dir, "sub", AT_REMOVEDIR));
	SHOW(unlinkat(dir, "link", AT_REMOVEDIR));
	SHOW(unlinkat(dir, "link", 0));
	SHOW(unlinkat(dir, "link", 0x1234));
	/* A file descriptor that is not a directory, with a relative path. */
	fd = open("moved", O_RDONLY);
	SHOW(openat(fd, "x", O_RDONLY));
	/* ...and with an absolute path, the descriptor is ignored. */
	int abs = openat(fd, "/bin/busybox", O_RDONLY);
	printf("absolute path ignores the descriptor: %s\n", abs >= 0 ? "yes" : errno_name(errno));
	SHOW(openat(999, "x", O_RDONLY));
	SHOW(fstatat(dir, "", &st, 0));
	SHOW(fstatat(dir, "", &st, AT_EMPTY_PATH));
	printf("empty path gives the directory: %s\n", S_ISDIR(st.st_mode) ? "yes" : "no");
	SHOW(fchmodat(AT_FDCWD, "moved", 0600, 0));
	stat("moved", &st);
	printf("mode %o\n", st.st_mode & 0777);
	return 0;
}

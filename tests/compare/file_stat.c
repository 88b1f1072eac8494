/* stat, fstat, lstat: sizes, types, permission bits, umask, chmod. */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>

static void describe(const char *what, const struct stat *st)
{
	const char *type = S_ISREG(st->st_mode) ? "regular" : S_ISDIR(st->st_mode) ? "directory" :
			   S_ISLNK(st->st_mode) ? "symlink" : S_ISCHR(st->st_mode) ? "character device" :
			   S_ISFIFO(st->st_mode) ? "fifo" : "other";
	printf("%s: %s, mode %04o", what, type, st->st_mode & 07777);
	if (S_ISREG(st->st_mode) || S_ISLNK(st->st_mode))
		printf(", size %lld", (long long)st->st_size);
	printf("\n");
}

int main(void)
{
	printf("old umask %03o\n", umask(022));
	int fd = open("f", O_CREAT | O_WRONLY, 0777);
	write(fd, "12345", 5);
	struct stat st, st2;
	fstat(fd, &st);
	describe("fstat new file", &st);
	close(fd);
	stat("f", &st2);
	printf("stat and fstat agree on inode: %s\n", st.st_ino == st2.st_ino ? "yes" : "no");
	printf("links %ld, owner is us: %s\n", (long)st2.st_nlink,
	       st2.st_uid == getuid() && st2.st_gid == getgid() ? "yes" : "no");
	chmod("f", 0600);
	stat("f", &st);
	describe("after chmod 600", &st);
	umask(077);
	fd = open("g", O_CREAT | O_WRONLY, 0666);
	fstat(fd, &st);
	describe("created under umask 077", &st);
	close(fd);
	mkdir("d", 0777);
	stat("d", &st);
	describe("directory under umask 077", &st);
	stat("/bin/busybox", &st);
	describe("stat /bin/busybox", &st);
	symlink("f", "link");
	lstat("link", &st);
	describe("lstat of a symlink", &st);
	stat("link", &st);
	stat("f", &st2);
	printf("stat follows it: %s\n", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev ? "yes" : "no");
	stat("/", &st);
	describe("/", &st);
	stat("/dev/null", &st);
	describe("/dev/null", &st);
	fstat(1, &st);
	describe("stdout (a file)", &st);
	int pipes[2];
	pipe(pipes);
	fstat(pipes[0], &st);
	printf("pipe is a fifo: %s\n", S_ISFIFO(st.st_mode) ? "yes" : "no");
	SHOW(stat("missing", &st));
	SHOW(stat("f/x", &st));
	SHOW(stat("", &st));
	/* Times move forward when the file changes. */
	stat("f", &st);
	sleep(1);
	fd = open("f", O_WRONLY);
	write(fd, "x", 1);
	close(fd);
	stat("f", &st2);
	printf("mtime advanced: %s\n", st2.st_mtime > st.st_mtime ? "yes" : "no");
	return 0;
}

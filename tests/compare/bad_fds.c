/* Bad descriptors to every call that takes one: -1, 999, one just closed,
 * a huge number, INT_MIN; and descriptors of the wrong kind (a directory
 * to read, a read-only file to write, a pipe to seek). Each must fail as
 * on Linux (EBADF, EISDIR, ESPIPE, ...). */
#include "common.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>

int main(void)
{
	int closed = open("/dev/null", O_RDONLY);
	close(closed);
	long bad[] = { -1, 999, closed, 1 << 30, INT_MIN, 0x100000003ll };
	char buffer[64];
	struct iovec iov = { buffer, sizeof buffer };
	struct { long long a[18]; } st;
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long fd = bad[i];
		printf("-- descriptor %s\n", i == 0 ? "-1" : i == 1 ? "999" : i == 2 ? "just closed" : i == 3 ? "1<<30" :
		       i == 4 ? "INT_MIN" : "0x100000003 (3 in the low 32 bits)");
		SHOW(syscall(SYS_read, fd, buffer, sizeof buffer));
		SHOW(syscall(SYS_write, fd, "x", 1));
		SHOW(syscall(SYS_close, fd));
		SHOW(syscall(SYS_fstat, fd, &st));
		SHOW(syscall(SYS_lseek, fd, 0, SEEK_SET));
		SHOW(syscall(SYS_dup, fd));
		SHOW(syscall(SYS_dup2, fd, 5));
		SHOW(syscall(SYS_dup3, fd, 5, 0));
		SHOW(syscall(SYS_fcntl, fd, F_GETFD));
		SHOW(syscall(SYS_fcntl, fd, F_GETFL));
		SHOW(syscall(SYS_fcntl, fd, F_DUPFD, 0));
		SHOW(syscall(SYS_fchdir, fd));
		SHOW(syscall(SYS_ftruncate, fd, 0));
		SHOW(syscall(SYS_getdents64, fd, buffer, sizeof buffer));
		SHOW(syscall(SYS_ioctl, fd, FIONREAD, buffer));
		SHOW(syscall(SYS_pread64, fd, buffer, 1, 0));
		SHOW(syscall(SYS_pwrite64, fd, "x", 1, 0));
		SHOW(syscall(SYS_readv, fd, &iov, 1));
		SHOW(syscall(SYS_writev, fd, &iov, 1));
		SHOW(syscall(SYS_openat, fd, "relative", O_RDONLY));
		SHOW(syscall(SYS_newfstatat, fd, "relative", &st, 0));
		SHOW(syscall(SYS_mkdirat, fd, "relative", 0755));
		SHOW(syscall(SYS_unlinkat, fd, "relative", 0));
		SHOW(syscall(SYS_fchmod, fd, 0644));
		SHOW(syscall(SYS_fsync, fd));
		SHOW(syscall(SYS_dup2, 1, fd));
		/* dup2(1, fd) may have opened it (the closed number is a fine
		 * target): close it again for the next round. */
		close(closed);
		close(5);
	}
	printf("-- wrong kinds of descriptor\n");
	mkdir("dir", 0755);
	int dir = open("dir", O_RDONLY | O_DIRECTORY);
	SHOW(syscall(SYS_read, dir, buffer, sizeof buffer));
	SHOW(syscall(SYS_write, dir, "x", 1));
	SHOW(syscall(SYS_ftruncate, dir, 0));
	SHOW(syscall(SYS_pread64, dir, buffer, 1, 0));
	int file = open("file", O_CREAT | O_RDWR, 0644);
	write(file, "data", 4);
	SHOW(syscall(SYS_getdents64, file, buffer, sizeof buffer));
	SHOW(syscall(SYS_fchdir, file));
	int readonly = open("file", O_RDONLY), writeonly = open("file", O_WRONLY);
	SHOW(syscall(SYS_write, readonly, "x", 1));
	SHOW(syscall(SYS_read, writeonly, buffer, 1));
	SHOW(syscall(SYS_ftruncate, readonly, 0));
	SHOW(syscall(SYS_pwrite64, readonly, "x", 1, 0));
	int p[2];
	pipe(p);
	SHOW(syscall(SYS_lseek, p[0], 0, SEEK_CUR));
	SHOW(syscall(SYS_pread64, p[0], buffer, 1, 0));
	SHOW(syscall(SYS_pwrite64, p[1], "x", 1, 0));
	SHOW(syscall(SYS_ftruncate, p[1], 0));
	SHOW(syscall(SYS_read, p[1], buffer, 1));
	SHOW(syscall(SYS_write, p[0], "x", 1));
	SHOW(syscall(SYS_getdents64, p[0], buffer, sizeof buffer));
	int null = open("/dev/null", O_RDWR);
	SHOW(syscall(SYS_getdents64, null, buffer, sizeof buffer));
	SHOW(syscall(SYS_ftruncate, null, 0));
	SHOW(syscall(SYS_fchdir, null));
	/* The standard descriptors still work. */
	SHOW(syscall(SYS_write, 1, "stdout still works\n", 19));
	still_fine();
	return 0;
}

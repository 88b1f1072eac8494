/* (Every negative argument is written as a long: syscall() is variadic,
 * and an int -1 would arrive as 0xffffffff.)
 * Bad buffers, lengths, flags and whence values to the I/O calls (read,
 * write, pread, pwrite, readv, writev, lseek, getdents64, getcwd,
 * readlink, open, fcntl, pipe2, dup3, access). */
#include "common.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>

int main(void)
{
	void *gone = unmapped_address();
	char *readonly = (char *)syscall(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *bad[] = { BAD_NULL, BAD_ONE, BAD_KERNEL, BAD_NONCANONICAL, gone };
	const char *bad_names[] = { "NULL", "1", "kernel", "noncanonical", "unmapped" };
	int file = open("file", O_CREAT | O_RDWR | O_TRUNC, 0644);
	write(file, "0123456789", 10);
	mkdir("dir", 0755);
	symlink("file", "link");
	int dir = open("dir", O_RDONLY | O_DIRECTORY);
	int p[2];
	pipe(p);
	write(p[1], "pipe data", 9);
	char buffer[64];
	for (int i = 0; i < 5; i++) {
		void *b = bad[i];
		printf("-- buffer %s\n", bad_names[i]);
		SHOW(syscall(SYS_pread64, file, b, 10, 0));
		SHOW(syscall(SYS_read, p[0], b, 4));
		SHOW(syscall(SYS_write, file, b, 10));
		SHOW(syscall(SYS_write, p[1], b, 10));
		SHOW(syscall(SYS_pwrite64, file, b, 10, 0));
		SHOW(syscall(SYS_write, 1, b, 10));
		SHOW(syscall(SYS_readv, file, b, 1));
		SHOW(syscall(SYS_writev, file, b, 1));
		struct iovec iov[2] = { { buffer, 4 }, { b, 4 } };
		lseek(file, 0, SEEK_SET);
		SHOW(syscall(SYS_readv, file, iov, 2));
		SHOW(syscall(SYS_writev, file, iov, 2));
		SHOW(syscall(SYS_getdents64, dir, b, 4096));
		SHOW(syscall(SYS_fcntl, file, F_GETLK, b));
	}
	printf("-- read into a read-only page\n");
	SHOW(syscall(SYS_pread64, file, readonly, 10, 0));
	SHOW(syscall(SYS_read, p[0], readonly, 4));
	printf("-- the pipe kept its data: ");
	memset(buffer, 0, sizeof buffer);
	SHOW(read(p[0], buffer, sizeof buffer));
	printf("-- lengths\n");
	SHOW(syscall(SYS_pread64, file, buffer, 1ull << 40, 0));
	SHOW(syscall(SYS_pread64, file, buffer, -1ull, 0));
	SHOW(syscall(SYS_pread64, file, buffer, 0, 0));
	SHOW(syscall(SYS_write, file, buffer, -1ull));
	SHOW(syscall(SYS_write, file, gone, 1ull << 40));
	SHOW(syscall(SYS_pread64, file, buffer, 10, -1L));
	SHOW(syscall(SYS_pwrite64, file, buffer, 10, -1L));
	SHOW(syscall(SYS_pread64, file, buffer, 10, LLONG_MAX));
	SHOW(syscall(SYS_getdents64, dir, buffer, 0));
	SHOW(syscall(SYS_getdents64, dir, buffer, 1));
	SHOW(syscall(SYS_getcwd, buffer, 0));
	SHOW(syscall(SYS_getcwd, buffer, 1));
	SHOW(syscall(SYS_readlink, "link", buffer, 0));
	SHOW(syscall(SYS_readlink, "link", buffer, -1L));
	struct iovec one = { buffer, 4 };
	SHOW(syscall(SYS_readv, file, &one, -1L));
	SHOW(syscall(SYS_readv, file, &one, 1025));
	SHOW(syscall(SYS_readv, file, &one, 0));
	struct iovec huge[2] = { { buffer, 1ull << 63 }, { buffer, 1ull << 63 } };
	SHOW(syscall(SYS_readv, file, huge, 2));
	SHOW(syscall(SYS_writev, file, huge, 1));
	printf("-- whence and offsets\n");
	SHOW(syscall(SYS_lseek, file, 0, 5));
	SHOW(syscall(SYS_lseek, file, 0, -1L));
	SHOW(syscall(SYS_lseek, file, -1L, SEEK_SET));
	SHOW(syscall(SYS_lseek, file, -100L, SEEK_END));
	SHOW(syscall(SYS_lseek, file, 1, SEEK_CUR));
	SHOW(syscall(SYS_lseek, file, LLONG_MAX, SEEK_CUR));
	printf("-- flags\n");
	SHOW(syscall(SYS_open, "file", O_RDONLY | O_DIRECTORY));
	SHOW(syscall(SYS_open, "dir", O_WRONLY));
	SHOW(syscall(SYS_open, "dir", O_RDWR));
	SHOW(syscall(SYS_open, "new", O_CREAT | O_DIRECTORY | O_RDWR, 0644));
	SHOW(syscall(SYS_open, "file", O_CREAT | O_EXCL | O_RDWR, 0644));
	SHOW(syscall(SYS_open, "link", O_CREAT | O_EXCL | O_RDWR, 0644));
	SHOW(syscall(SYS_open, "missing", O_RDONLY));
	SHOW(syscall(SYS_open, "file/", O_RDONLY));
	SHOW(syscall(SYS_open, "missing/", O_CREAT | O_RDWR, 0644));
	SHOW(syscall(SYS_fcntl, file, 99999));
	SHOW(syscall(SYS_fcntl, file, F_DUPFD, -1L));
	SHOW(syscall(SYS_fcntl, file, F_DUPFD, 1 << 30));
	SHOW(syscall(SYS_fcntl, file, F_SETFD, -1L));
	SHOW(syscall(SYS_fcntl, file, F_GETFD));
	SHOW(syscall(SYS_fcntl, file, F_SETFD, 0));
	SHOW(syscall(SYS_pipe2, buffer, 0x40000000));
	SHOW(syscall(SYS_pipe2, buffer, O_APPEND));
	SHOW(syscall(SYS_dup3, file, 40, 0x12345));
	SHOW(syscall(SYS_dup3, file, file, O_CLOEXEC));
	SHOW(syscall(SYS_access, "file", 8));
	SHOW(syscall(SYS_newfstatat, AT_FDCWD, "file", buffer, 0x1234));
	SHOW(syscall(SYS_unlinkat, AT_FDCWD, "file", 0x1234));
	SHOW(syscall(SYS_mkdir, "dir/.", 0755));
	SHOW(syscall(SYS_mkdir, "dir/..", 0755));
	SHOW(syscall(SYS_rmdir, "."));
	SHOW(syscall(SYS_rmdir, ".."));
	SHOW(syscall(SYS_rmdir, "/"));
	SHOW(syscall(SYS_rename, ".", "x"));
	SHOW(syscall(SYS_rename, "dir", "dir/inside"));
	SHOW(syscall(SYS_rename, "file", "dir/../file"));
	printf("-- the file is intact: ");
	memset(buffer, 0, sizeof buffer);
	pread(file, buffer, sizeof buffer - 1, 0);
	printf("%s\n", buffer);
	still_fine();
	return 0;
}

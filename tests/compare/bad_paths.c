/* Bad pointers and bad paths to every call that takes a path or writes a
 * structure: NULL, 1, a kernel address, a non-canonical address, an
 * unmapped page, a read-only page for output; over-long paths and names.
 * Each must fail as on Linux (mostly EFAULT, ENAMETOOLONG), never crash. */
#include "common.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

int main(void)
{
	void *gone = unmapped_address();
	char *readonly = (char *)syscall(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *bad[] = { BAD_NULL, BAD_ONE, BAD_KERNEL, BAD_NONCANONICAL, gone };
	const char *bad_names[] = { "NULL", "1", "kernel", "noncanonical", "unmapped" };
	close(open("file", O_CREAT | O_WRONLY, 0644));
	symlink("file", "link");
	mkdir("dir", 0755);
	for (int i = 0; i < 5; i++) {
		void *p = bad[i];
		printf("-- %s\n", bad_names[i]);
		SHOW(syscall(SYS_open, p, O_RDONLY));
		SHOW(syscall(SYS_open, p, O_CREAT | O_WRONLY, 0644));
		SHOW(syscall(SYS_openat, AT_FDCWD, p, O_RDONLY));
		SHOW(syscall(SYS_stat, p, readonly));
		SHOW(syscall(SYS_stat, "file", p));
		SHOW(syscall(SYS_lstat, p, readonly));
		SHOW(syscall(SYS_lstat, "link", p));
		SHOW(syscall(SYS_fstat, 0, p));
		SHOW(syscall(SYS_newfstatat, AT_FDCWD, p, readonly, 0));
		SHOW(syscall(SYS_newfstatat, AT_FDCWD, "file", p, 0));
		SHOW(syscall(SYS_mkdir, p, 0755));
		SHOW(syscall(SYS_rmdir, p));
		SHOW(syscall(SYS_unlink, p));
		SHOW(syscall(SYS_unlinkat, AT_FDCWD, p, 0));
		SHOW(syscall(SYS_chdir, p));
		SHOW(syscall(SYS_rename, p, "x"));
		SHOW(syscall(SYS_rename, "file", p));
		SHOW(syscall(SYS_getcwd, p, 100));
		SHOW(syscall(SYS_readlink, p, readonly, 100));
		SHOW(syscall(SYS_readlink, "link", p, 100));
		SHOW(syscall(SYS_symlink, p, "newlink"));
		SHOW(syscall(SYS_symlink, "file", p));
		SHOW(syscall(SYS_link, p, "newlink"));
		SHOW(syscall(SYS_access, p, F_OK));
		SHOW(syscall(SYS_faccessat, AT_FDCWD, p, F_OK, 0));
		SHOW(syscall(SYS_truncate, p, 0));
		SHOW(syscall(SYS_chmod, p, 0644));
		SHOW(syscall(SYS_pipe, p));
		SHOW(syscall(SYS_pipe2, p, 0));
		SHOW(syscall(SYS_execve, p, NULL, NULL));
	}
	printf("-- a read-only page as the output buffer\n");
	SHOW(syscall(SYS_stat, "file", readonly));
	SHOW(syscall(SYS_fstat, 0, readonly));
	SHOW(syscall(SYS_getcwd, readonly, 100));
	SHOW(syscall(SYS_readlink, "link", readonly, 100));
	SHOW(syscall(SYS_pipe, readonly));
	/* A path that runs off the end of its mapping without a NUL. */
	char *edge = (char *)syscall(SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	syscall(SYS_munmap, edge + 4096, 4096);
	memset(edge, 'a', 4096);
	printf("-- a path without its NUL before unmapped memory\n");
	SHOW(syscall(SYS_open, edge + 4096 - 10, O_RDONLY));
	SHOW(syscall(SYS_open, edge, O_RDONLY));
	SHOW(syscall(SYS_mkdir, edge + 4096 - 300, 0755));
	printf("-- long paths and names\n");
	static char path[8192];
	memset(path, 'p', sizeof path - 1);
	SHOW(syscall(SYS_open, path, O_RDONLY));
	path[4095] = 0;
	SHOW(syscall(SYS_open, path, O_RDONLY));
	path[255] = 0;
	SHOW(syscall(SYS_open, path, O_RDONLY));
	SHOW(syscall(SYS_open, path, O_CREAT | O_WRONLY, 0644));
	path[256] = 0;
	path[255] = 'p';
	SHOW(syscall(SYS_open, path, O_CREAT | O_WRONLY, 0644));
	SHOW(syscall(SYS_mkdir, path, 0755));
	/* Many components: a/a/a/... */
	for (int i = 0; i < 4000; i += 2) {
		path[i] = 'a';
		path[i + 1] = '/';
	}
	path[4000] = 0;
	SHOW(syscall(SYS_stat, path, readonly));
	SHOW(syscall(SYS_open, "", O_RDONLY));
	SHOW(syscall(SYS_mkdir, "", 0755));
	SHOW(syscall(SYS_chdir, ""));
	still_fine();
	return 0;
}

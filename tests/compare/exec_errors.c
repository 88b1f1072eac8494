/* execve failures: missing files, directories, files without execute
 * permission, files that are not programs, bad scripts; the caller
 * survives each one. */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>

extern char **environ;

static void try(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	errno = 0;
	int result = execve(path, argv, environ);
	printf("execve(%s) = %d %s\n", path, result, errno_name(errno));
}

static void make(const char *path, const char *contents, mode_t mode)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
	write(fd, contents, strlen(contents));
	close(fd);
	chmod(path, mode);
}

int main(void)
{
	try("missing");
	try("/missing/dir/prog");
	try(".");
	try("/bin");
	make("noexec", "#!/bin/busybox sh\necho hi\n", 0644);
	try("noexec");
	make("garbage", "this is not a program\n", 0755);
	try("garbage");
	make("empty", "", 0755);
	try("empty");
	make("badinterp", "#!/no/such/interpreter\n", 0755);
	try("badinterp");
	make("elfjunk", "\177ELF\2\1\1\0junkjunkjunk", 0755);
	try("elfjunk");
	try("noexec/x");
	try("");
	char *argv[] = { "x", NULL };
	SHOW(syscall(SYS_execve, "/bin/busybox", argv, BAD_ONE));
	SHOW(syscall(SYS_execve, "/bin/busybox", BAD_ONE, environ));
	SHOW(syscall(SYS_execve, BAD_NULL, argv, environ));
	SHOW(syscall(SYS_execve, BAD_KERNEL, argv, environ));
	printf("still running after every failed exec\n");
	return 0;
}

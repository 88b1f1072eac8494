/* errno from real failures, its message (strerror, perror) and that a
 * successful call leaves errno alone. */
#include "common.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

static void report(const char *what, int result)
{
	int saved = errno;
	printf("%-34s %d %-8s %s\n", what, result, errno_name(saved), strerror(saved));
}

int main(void)
{
	mkdir("dir", 0755);
	close(open("file", O_CREAT | O_WRONLY, 0644));
	errno = 0; report("open missing", open("missing", O_RDONLY));
	errno = 0; report("mkdir existing", mkdir("dir", 0755));
	errno = 0; report("rmdir file", rmdir("file"));
	errno = 0; report("unlink directory", unlink("dir"));
	errno = 0; report("open directory for writing", open("dir", O_WRONLY));
	errno = 0; report("read closed descriptor", (int)read(42, NULL, 0));
	errno = 0; report("open through a file", open("file/x", O_RDONLY));
	errno = 0; report("lseek on a pipe", ({ int p[2]; pipe(p); (int)lseek(p[0], 0, SEEK_SET); }));
	errno = 0; report("kill a missing process", kill(999999, 0));
	errno = 0; report("waitpid without children", waitpid(-1, NULL, 0));
	errno = 0; report("chdir to a file", chdir("file"));
	errno = 0; report("ioctl TCGETS on a file", ioctl(open("file", O_RDONLY), 0x5401, &(char[64]){ 0 }));
	errno = 1234;
	getpid();
	printf("errno after a call that cannot fail: %d\n", errno);
	errno = ENOENT;
	perror("perror says");
	return 0;
}

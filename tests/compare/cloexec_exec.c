/* Close-on-exec: descriptors opened with O_CLOEXEC or marked FD_CLOEXEC
 * close at exec, others stay, with their offsets and flags. */
#include "common.h"

#include <fcntl.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
		for (int fd = 3; fd <= 8; fd++) {
			errno = 0;
			int flags = fcntl(fd, F_GETFD);
			printf("descriptor %d after exec: %s", fd, flags < 0 ? errno_name(errno) : "open");
			if (flags >= 0) {
				char c = 0;
				ssize_t n = read(fd, &c, 1);
				printf(", reads %zd '%c', O_APPEND %s", n, n == 1 ? c : '-',
				       fcntl(fd, F_GETFL) & O_APPEND ? "set" : "clear");
			}
			printf("\n");
		}
		return 0;
	}
	int fd = open("data", O_CREAT | O_RDWR, 0644);
	write(fd, "0123456789", 10);
	close(fd);
	int plain = open("data", O_RDONLY);                  /* 3 */
	int cloexec = open("data", O_RDONLY | O_CLOEXEC);    /* 4 */
	int marked = open("data", O_RDONLY);                 /* 5 */
	fcntl(marked, F_SETFD, FD_CLOEXEC);
	int unmarked = open("data", O_RDONLY | O_CLOEXEC);   /* 6 */
	fcntl(unmarked, F_SETFD, 0);
	int appending = open("data", O_RDWR | O_APPEND);     /* 7 */
	int duplicate = dup(cloexec);                        /* 8: dup clears FD_CLOEXEC */
	lseek(plain, 3, SEEK_SET);
	lseek(unmarked, 5, SEEK_SET);
	lseek(duplicate, 7, SEEK_SET);
	printf("descriptors %d %d %d %d %d %d\n", plain, cloexec, marked, unmarked, appending, duplicate);
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		char *args[] = { argv[0], "after-exec", NULL };
		execv(argv[0], args);
		_exit(127);
	}
	int status;
	waitpid(child, &status, 0);
	printf("child exited %d\n", WEXITSTATUS(status));
	/* The offsets moved by the child are shared with us (same open file). */
	printf("offset of descriptor 3 after the child read: %ld\n", (long)lseek(plain, 0, SEEK_CUR));
	printf("offset of descriptor 4 (closed in the child, shared with 8): %ld\n", (long)lseek(cloexec, 0, SEEK_CUR));
	return 0;
}

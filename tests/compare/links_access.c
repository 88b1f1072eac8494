/* Symbolic and hard links, readlink, access, and path resolution through
 * links (loops, dangling links, trailing slashes). */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
	int fd = open("target", O_CREAT | O_WRONLY, 0644);
	write(fd, "target contents", 15);
	close(fd);
	mkdir("dir", 0755);
	SHOW(symlink("target", "link"));
	SHOW(symlink("target", "link"));
	SHOW(symlink("missing", "dangling"));
	SHOW(symlink("dir", "dirlink"));
	SHOW(symlink("loop1", "loop2"));
	SHOW(symlink("loop2", "loop1"));
	char buffer[100] = { 0 };
	SHOW(readlink("link", buffer, sizeof buffer));
	printf("link -> %s\n", buffer);
	SHOW(readlink("link", buffer, 3));
	SHOW(readlink("target", buffer, sizeof buffer));
	SHOW(readlink("missing", buffer, sizeof buffer));
	memset(buffer, 0, sizeof buffer);
	fd = open("link", O_RDONLY);
	read(fd, buffer, sizeof buffer);
	close(fd);
	printf("read through the link: %s\n", buffer);
	SHOW(open("dangling", O_RDONLY));
	SHOW(open("loop1", O_RDONLY));
	SHOW(open("link", O_RDONLY | O_NOFOLLOW));
	fd = open("dangling", O_CREAT | O_WRONLY, 0644);
	printf("creating through a dangling link: %s\n", fd >= 0 ? "created" : errno_name(errno));
	close(fd);
	struct stat st;
	SHOW(stat("missing", &st));
	SHOW(stat("dirlink/", &st));
	SHOW(lstat("dirlink", &st));
	printf("dirlink is a symlink: %s\n", S_ISLNK(st.st_mode) ? "yes" : "no");
	SHOW(stat("target/", &st));
	close(open("dir/inside", O_CREAT | O_WRONLY, 0644));
	SHOW(stat("dirlink/inside", &st));
	SHOW(unlink("link"));
	SHOW(stat("target", &st));
	/* Hard links. */
	SHOW(link("target", "hard"));
	stat("target", &st);
	printf("links after link(): %ld\n", (long)st.st_nlink);
	SHOW(link("target", "hard"));
	SHOW(link("dir", "dirhard"));
	SHOW(unlink("target"));
	memset(buffer, 0, sizeof buffer);
	fd = open("hard", O_RDONLY);
	read(fd, buffer, sizeof buffer);
	close(fd);
	printf("through the other name: %s\n", buffer);
	/* access. */
	SHOW(access("hard", F_OK));
	SHOW(access("hard", R_OK | W_OK));
	SHOW(access("missing", F_OK));
	SHOW(access("/bin/busybox", X_OK));
	SHOW(access("hard", X_OK));
	SHOW(access("dir", X_OK));
	SHOW(access("hard", 0x100));
	return 0;
}

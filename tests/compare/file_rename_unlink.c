/* rename and unlink: replacing, moving between directories, errors, and
 * an open file that outlives its name. */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>

static void put(const char *path, const char *text)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	write(fd, text, strlen(text));
	close(fd);
}

static void show_file(const char *path)
{
	char buffer[64] = { 0 };
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		printf("%s: %s\n", path, errno_name(errno));
		return;
	}
	read(fd, buffer, sizeof buffer - 1);
	close(fd);
	printf("%s: '%s'\n", path, buffer);
}

int main(void)
{
	put("a", "first");
	put("b", "second");
	SHOW(rename("a", "c"));
	show_file("a");
	show_file("c");
	SHOW(rename("c", "b"));
	show_file("b");
	show_file("c");
	SHOW(rename("missing", "x"));
	mkdir("dir", 0755);
	SHOW(rename("b", "dir/b"));
	show_file("dir/b");
	SHOW(rename("dir/b", "dir/b"));
	SHOW(rename("dir", "renamed"));
	show_file("renamed/b");
	mkdir("other", 0755);
	put("other/file", "x");
	SHOW(rename("renamed", "other"));
	SHOW(rename("renamed/b", "other"));
	SHOW(rename("other", "renamed/b"));
	SHOW(rename("renamed", "renamed/sub"));
	SHOW(unlink("renamed/b"));
	SHOW(unlink("renamed/b"));
	SHOW(unlink("renamed"));
	SHOW(unlink("other/file/x"));
	put("kept", "still readable");
	int fd = open("kept", O_RDONLY);
	SHOW(unlink("kept"));
	show_file("kept");
	char buffer[64] = { 0 };
	SHOW(read(fd, buffer, sizeof buffer));
	printf("after unlink: '%s'\n", buffer);
	struct stat st;
	fstat(fd, &st);
	printf("links of the open unlinked file: %ld\n", (long)st.st_nlink);
	close(fd);
	/* rename over an open file: the opener keeps the old contents. */
	put("old", "old contents");
	put("new", "new contents");
	fd = open("old", O_RDONLY);
	rename("new", "old");
	memset(buffer, 0, sizeof buffer);
	read(fd, buffer, sizeof buffer);
	printf("open file after being replaced: '%s'\n", buffer);
	show_file("old");
	close(fd);
	return 0;
}

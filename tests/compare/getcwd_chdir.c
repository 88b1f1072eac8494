/* chdir, fchdir and getcwd: paths relative to where the test started. */
#include "common.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

static char start[PATH_MAX];

/* The current directory relative to where the test started. */
static void where(const char *label)
{
	char now[PATH_MAX];
	if (!getcwd(now, sizeof now)) {
		printf("%s: getcwd %s\n", label, errno_name(errno));
		return;
	}
	size_t n = strlen(start);
	if (strncmp(now, start, n) == 0)
		printf("%s: <start>%s\n", label, now + n);
	else
		printf("%s: %s\n", label, now);
}

int main(void)
{
	getcwd(start, sizeof start);
	printf("getcwd is absolute: %s\n", start[0] == '/' ? "yes" : "no");
	mkdir("a", 0755);
	mkdir("a/b", 0755);
	mkdir("a/b/c", 0755);
	SHOW(chdir("a/b/c"));
	where("after chdir a/b/c");
	SHOW(chdir(".."));
	where("after ..");
	SHOW(chdir("./c/../../b/./c"));
	where("after ./c/../../b/./c");
	int fd = open(start, O_RDONLY | O_DIRECTORY);
	SHOW(fchdir(fd));
	where("after fchdir");
	close(fd);
	close(open("file", O_CREAT | O_WRONLY, 0644));
	SHOW(chdir("file"));
	SHOW(chdir("missing"));
	fd = open("file", O_RDONLY);
	SHOW(fchdir(fd));
	close(fd);
	SHOW(chdir("/"));
	where("after chdir /");
	SHOW(chdir("/.."));
	where("after chdir /..");
	SHOW(chdir("/tmp"));
	where("after chdir /tmp");
	SHOW(chdir(start));
	/* A relative open after chdir uses the new directory. */
	chdir("a/b");
	SHOW(open("c", O_RDONLY | O_DIRECTORY) >= 0);
	close(open("here", O_CREAT | O_WRONLY, 0644));
	chdir(start);
	struct stat st;
	SHOW(stat("a/b/here", &st));
	char small[2];
	SHOW(getcwd(small, sizeof small) == NULL);
	printf("errno %s\n", errno_name(errno));
	/* Removing the current directory. */
	chdir("a/b/c");
	SHOW(rmdir("../c"));
	char now[PATH_MAX];
	char *got = getcwd(now, sizeof now);
	printf("getcwd in a removed directory: %s\n", got ? "a path" : errno_name(errno));
	SHOW(open("new", O_CREAT | O_WRONLY, 0644));
	return 0;
}

/* Directories: mkdir, readdir (sorted: the order is the file system's),
 * rmdir of full and empty directories, nested paths. */
#include "common.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *path)
{
	DIR *dir = opendir(path);
	if (!dir) {
		printf("opendir %s: %s\n", path, errno_name(errno));
		return;
	}
	char *names[300];
	int count = 0;
	struct dirent *entry;
	while ((entry = readdir(dir)) && count < 300) {
		char type = entry->d_type == DT_DIR ? 'd' : entry->d_type == DT_REG ? 'f' :
			    entry->d_type == DT_LNK ? 'l' : '?';
		char *name = malloc(strlen(entry->d_name) + 3);
		sprintf(name, "%s %c", entry->d_name, type);
		names[count++] = name;
	}
	closedir(dir);
	qsort(names, count, sizeof names[0], by_name);
	printf("%s (%d):", path, count);
	for (int i = 0; i < count; i++) {
		printf(" [%s]", names[i]);
		free(names[i]);
	}
	printf("\n");
}

int main(void)
{
	SHOW(mkdir("top", 0755));
	SHOW(mkdir("top", 0755));
	SHOW(mkdir("top/a", 0755));
	SHOW(mkdir("top/a/b", 0755));
	SHOW(mkdir("top/x/y", 0755));
	SHOW(mkdir("top/a/b/", 0755));
	close(open("top/file1", O_CREAT | O_WRONLY, 0644));
	close(open("top/a/file2", O_CREAT | O_WRONLY, 0644));
	SHOW(mkdir("top/file1/sub", 0755));
	list("top");
	list("top/a");
	list("top/a/b");
	list("top/file1");
	list("missing");
	/* The root holds at least these, whatever else is there. */
	struct stat st;
	printf("/bin, /tmp, /dev, /etc are directories: %s\n",
	       stat("/bin/.", &st) == 0 && stat("/tmp/.", &st) == 0 && stat("/dev/.", &st) == 0 &&
	       stat("/etc/.", &st) == 0 ? "yes" : "no");
	SHOW(rmdir("top/a"));
	SHOW(rmdir("top/file1"));
	SHOW(rmdir("top/a/b"));
	SHOW(rmdir("top/a/b"));
	SHOW(rmdir("top/a/."));
	SHOW(unlink("top/a/file2"));
	SHOW(rmdir("top/a"));
	list("top");
	/* Many entries: a directory larger than one getdents buffer. */
	mkdir("many", 0755);
	char name[64];
	for (int i = 0; i < 250; i++) {
		sprintf(name, "many/entry-with-a-long-name-%03d", i);
		close(open(name, O_CREAT | O_WRONLY, 0644));
	}
	DIR *dir = opendir("many");
	int count = 0, sum = 0;
	struct dirent *entry;
	while ((entry = readdir(dir))) {
		count++;
		if (entry->d_name[0] != '.')
			sum += atoi(entry->d_name + 23);
	}
	printf("many: %d entries, numbers add up to %d\n", count, sum);
	rewinddir(dir);
	count = 0;
	while (readdir(dir))
		count++;
	printf("after rewinddir: %d entries\n", count);
	closedir(dir);
	for (int i = 0; i < 250; i++) {
		sprintf(name, "many/entry-with-a-long-name-%03d", i);
		unlink(name);
	}
	list("many");
	SHOW(rmdir("many"));
	return 0;
}

/* An open file shared by fork (and dup) has one offset; separate opens
 * have their own; O_APPEND writes from two processes all land. */
#include "common.h"

#include <fcntl.h>
#include <sys/wait.h>

int main(void)
{
	int fd = open("file", O_CREAT | O_RDWR | O_TRUNC, 0644);
	write(fd, "parent1 ", 8);
	pid_t child = fork();
	if (child == 0) {
		write(fd, "child ", 6);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	write(fd, "parent2", 7);
	printf("offset after both wrote: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
	char buffer[100] = { 0 };
	pread(fd, buffer, sizeof buffer - 1, 0);
	printf("contents: %s\n", buffer);
	int other = open("file", O_RDWR);
	printf("a second open starts at %ld\n", (long)lseek(other, 0, SEEK_CUR));
	write(other, "X", 1);
	printf("first descriptor still at %ld\n", (long)lseek(fd, 0, SEEK_CUR));
	close(other);
	close(fd);
	/* Two processes appending 200 lines each. */
	fd = open("log", O_CREAT | O_WRONLY | O_APPEND | O_TRUNC, 0644);
	child = fork();
	for (int i = 0; i < 200; i++) {
		char line[32];
		int n = sprintf(line, "%s %03d\n", child == 0 ? "c" : "p", i);
		write(fd, line, (size_t)n);
	}
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	close(fd);
	FILE *f = fopen("log", "r");
	int parent_lines = 0, child_lines = 0, parent_next = 0, child_next = 0, in_order = 1;
	char line[32];
	while (fgets(line, sizeof line, f)) {
		int number = atoi(line + 2);
		if (line[0] == 'p') {
			in_order &= number == parent_next++;
			parent_lines++;
		} else {
			in_order &= number == child_next++;
			child_lines++;
		}
	}
	fclose(f);
	printf("appended lines: parent %d, child %d, each in order: %s\n", parent_lines, child_lines, in_order ? "yes" : "no");
	return 0;
}

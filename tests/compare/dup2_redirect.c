/* dup, dup2, dup3 and fcntl(F_DUPFD): redirecting stdout to a file and
 * back, shared offsets between duplicates, close-on-exec flags. */
#include "common.h"

#include <fcntl.h>

int main(void)
{
	int file = open("out", O_CREAT | O_RDWR | O_TRUNC, 0644);
	int saved = dup(1);
	printf("dup gives the lowest free descriptor: %s\n", saved == file + 1 ? "yes" : "no");
	fflush(stdout);
	SHOW(dup2(file, 1) == 1);
	printf("this line goes to the file\n");
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	printf("back on the original stdout\n");
	char buffer[100] = { 0 };
	pread(file, buffer, sizeof buffer - 1, 0);
	printf("the file holds: %s", buffer);
	int copy = dup(file);
	lseek(file, 0, SEEK_SET);
	SHOW(lseek(copy, 0, SEEK_CUR));
	SHOW(write(copy, "XY", 2));
	SHOW(lseek(file, 0, SEEK_CUR));
	SHOW(dup2(file, file));
	SHOW(dup2(file, 50));
	SHOW(fcntl(50, F_GETFD));
	SHOW(dup3(file, 51, O_CLOEXEC));
	SHOW(fcntl(51, F_GETFD));
	SHOW(dup3(file, file, 0));
	SHOW(fcntl(file, F_DUPFD, 20));
	SHOW(fcntl(file, F_DUPFD_CLOEXEC, 20));
	SHOW(fcntl(21, F_GETFD));
	SHOW(fcntl(21, F_SETFD, 0));
	SHOW(fcntl(21, F_GETFD));
	SHOW(close(50));
	SHOW(close(50));
	/* dup2 onto an open descriptor closes it first. */
	int other = open("other", O_CREAT | O_RDWR, 0644);
	dup2(file, other);
	SHOW(write(other, "Z", 1));
	memset(buffer, 0, sizeof buffer);
	pread(file, buffer, sizeof buffer - 1, 0);
	printf("the file now: %s", buffer);
	/* stderr redirected into stdout's file. */
	fflush(stdout);
	int err = dup(2);
	dup2(file, 2);
	fprintf(stderr, "to stderr\n");
	dup2(err, 2);
	memset(buffer, 0, sizeof buffer);
	pread(file, buffer, sizeof buffer - 1, 0);
	printf("after stderr: %s", buffer);
	return 0;
}

/* Scatter and gather I/O: writev, readv, preadv, pwritev, including empty
 * and zero-length vectors. */
#include "common.h"

#include <fcntl.h>
#include <sys/uio.h>

int main(void)
{
	int fd = open("file", O_CREAT | O_RDWR | O_TRUNC, 0644);
	struct iovec out[4] = { { "one ", 4 }, { "", 0 }, { "two ", 4 }, { "three\n", 6 } };
	SHOW(writev(fd, out, 4));
	SHOW(writev(fd, out, 0));
	char a[3] = { 0 }, b[5] = { 0 }, c[20] = { 0 };
	struct iovec in[3] = { { a, 2 }, { b, 4 }, { c, 19 } };
	lseek(fd, 0, SEEK_SET);
	SHOW(readv(fd, in, 3));
	printf("[%s] [%s] [%s]\n", a, b, c);
	struct iovec patch[2] = { { "ON", 2 }, { "E", 1 } };
	SHOW(pwritev(fd, patch, 2, 0));
	memset(a, 0, sizeof a);
	memset(b, 0, sizeof b);
	SHOW(preadv(fd, in, 2, 0));
	printf("[%s] [%s], offset still %ld\n", a, b, (long)lseek(fd, 0, SEEK_CUR));
	/* Many small pieces to stdout in one call. */
	struct iovec lines[50];
	char text[50][8];
	for (int i = 0; i < 50; i++) {
		sprintf(text[i], "%02d%s", i, i % 10 == 9 ? "\n" : " ");
		lines[i].iov_base = text[i];
		lines[i].iov_len = strlen(text[i]);
	}
	fflush(stdout);
	SHOW(writev(1, lines, 50));
	/* A pipe gathers the pieces in order. */
	int p[2];
	pipe(p);
	SHOW(writev(p[1], out, 4));
	memset(c, 0, sizeof c);
	SHOW(read(p[0], c, sizeof c - 1));
	printf("[%s]", c);
	return 0;
}

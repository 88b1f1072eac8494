/* ftruncate and truncate: shrinking drops bytes, growing reads zeros. */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>

static long long size_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

int main(void)
{
	int fd = open("t", O_CREAT | O_RDWR, 0644);
	write(fd, "abcdefghijklmnopqrstuvwxyz", 26);
	SHOW(ftruncate(fd, 10));
	printf("size %lld, offset %ld\n", size_of("t"), (long)lseek(fd, 0, SEEK_CUR));
	char buffer[64] = { 0 };
	pread(fd, buffer, sizeof buffer, 0);
	printf("contents '%s'\n", buffer);
	SHOW(ftruncate(fd, 5000));
	printf("size %lld\n", size_of("t"));
	memset(buffer, 'x', sizeof buffer);
	SHOW(pread(fd, buffer, 20, 5));
	int zeros = 1;
	for (int i = 5; i < 20; i++)
		zeros &= buffer[i] == 0;
	printf("'%.5s' then zeros: %s\n", buffer, zeros ? "yes" : "no");
	SHOW(write(fd, "END", 3));
	printf("size after writing at the old offset: %lld\n", size_of("t"));
	SHOW(truncate("t", 0));
	printf("size %lld\n", size_of("t"));
	SHOW(ftruncate(fd, -1));
	SHOW(truncate("missing", 0));
	int ro = open("t", O_RDONLY);
	SHOW(ftruncate(ro, 0));
	close(ro);
	mkdir("dir", 0755);
	SHOW(truncate("dir", 0));
	close(fd);
	/* Shrink then grow again: the dropped bytes do not come back. */
	fd = open("u", O_CREAT | O_RDWR, 0644);
	static char page[8192];
	memset(page, 'A', sizeof page);
	write(fd, page, sizeof page);
	ftruncate(fd, 100);
	ftruncate(fd, 8192);
	pread(fd, page, sizeof page, 0);
	int ok = 1;
	for (int i = 0; i < 8192; i++)
		ok &= page[i] == (i < 100 ? 'A' : 0);
	printf("shrink then grow: %s\n", ok ? "zeros past the cut" : "old bytes came back");
	close(fd);
	return 0;
}

/* open/read/write/lseek/pread/pwrite on a regular file: creation flags,
 * offsets, holes, append, truncation. */
#include "common.h"

#include <fcntl.h>

int main(void)
{
	int fd = open("file", O_CREAT | O_EXCL | O_RDWR, 0644);
	printf("open O_CREAT|O_EXCL: %s\n", fd >= 0 ? "ok" : errno_name(errno));
	printf("first descriptor is 3: %s\n", fd == 3 ? "yes" : "no");
	SHOW(open("file", O_CREAT | O_EXCL | O_RDWR, 0644));
	SHOW(write(fd, "hello world", 11));
	SHOW(lseek(fd, 0, SEEK_CUR));
	SHOW(lseek(fd, 6, SEEK_SET));
	char buffer[64] = { 0 };
	SHOW(read(fd, buffer, sizeof buffer));
	printf("read '%s'\n", buffer);
	SHOW(read(fd, buffer, sizeof buffer));
	SHOW(lseek(fd, -5, SEEK_END));
	SHOW(lseek(fd, 100, SEEK_END));
	SHOW(write(fd, "!", 1));
	SHOW(lseek(fd, 0, SEEK_END));
	SHOW(lseek(fd, 11, SEEK_SET));
	memset(buffer, 'x', sizeof buffer);
	SHOW(read(fd, buffer, 10));
	int zeros = 1;
	for (int i = 0; i < 10; i++)
		zeros &= buffer[i] == 0;
	printf("hole reads zeros: %s\n", zeros ? "yes" : "no");
	SHOW(pwrite(fd, "HELLO", 5, 0));
	SHOW(lseek(fd, 0, SEEK_CUR));
	memset(buffer, 0, sizeof buffer);
	SHOW(pread(fd, buffer, 11, 0));
	printf("pread '%s'\n", buffer);
	SHOW(pread(fd, buffer, 10, 1000));
	close(fd);
	fd = open("file", O_WRONLY | O_APPEND);
	SHOW(lseek(fd, 0, SEEK_SET));
	SHOW(write(fd, "tail", 4));
	SHOW(lseek(fd, 0, SEEK_CUR));
	close(fd);
	fd = open("file", O_RDONLY);
	SHOW(write(fd, "x", 1));
	SHOW(lseek(fd, -4, SEEK_END));
	memset(buffer, 0, sizeof buffer);
	SHOW(read(fd, buffer, 4));
	printf("appended '%s'\n", buffer);
	close(fd);
	fd = open("file", O_RDWR | O_TRUNC);
	SHOW(lseek(fd, 0, SEEK_END));
	close(fd);
	/* Writes larger than a page, at odd sizes and offsets. */
	fd = open("big", O_CREAT | O_RDWR, 0600);
	static unsigned char data[300000], back[300000];
	for (unsigned i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 31 + i / 251);
	size_t done = 0, chunk = 1;
	while (done < sizeof data) {
		size_t n = chunk < sizeof data - done ? chunk : sizeof data - done;
		if (write(fd, data + done, n) != (ssize_t)n)
			break;
		done += n;
		chunk = chunk * 3 + 7;
	}
	printf("wrote %zu in growing chunks\n", done);
	lseek(fd, 0, SEEK_SET);
	done = 0;
	ssize_t got;
	while ((got = read(fd, back + done, 4093)) > 0)
		done += (size_t)got;
	printf("read back %zu, same: %s\n", done, memcmp(data, back, sizeof data) == 0 ? "yes" : "no");
	close(fd);
	return 0;
}

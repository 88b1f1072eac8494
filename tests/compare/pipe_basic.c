/* Pipes within one process: order, partial reads, end of file, empty
 * nonblocking reads, and capacity. */
#include "common.h"

#include <fcntl.h>

int main(void)
{
	int p[2];
	SHOW(pipe(p));
	SHOW(write(p[1], "hello ", 6));
	SHOW(write(p[1], "pipe", 4));
	char buffer[64] = { 0 };
	SHOW(read(p[0], buffer, 3));
	printf("'%s'\n", buffer);
	memset(buffer, 0, sizeof buffer);
	SHOW(read(p[0], buffer, sizeof buffer));
	printf("'%s'\n", buffer);
	SHOW(fcntl(p[0], F_SETFL, O_NONBLOCK));
	SHOW(read(p[0], buffer, sizeof buffer));
	SHOW(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	SHOW(fcntl(p[1], F_GETFL) & O_ACCMODE);
	SHOW(fcntl(p[0], F_GETFL) & O_ACCMODE);
	SHOW(read(p[1], buffer, 1));
	SHOW(write(p[0], "x", 1));
	SHOW(lseek(p[0], 0, SEEK_SET));
	SHOW(write(p[1], "last", 4));
	SHOW(close(p[1]));
	SHOW(read(p[0], buffer, sizeof buffer));
	SHOW(read(p[0], buffer, sizeof buffer));
	close(p[0]);
	/* Fill a nonblocking pipe: at least 4 KiB fit; then EAGAIN. */
	SHOW(pipe2(p, O_NONBLOCK));
	static char block[1024];
	long total = 0;
	ssize_t n;
	while ((n = write(p[1], block, sizeof block)) > 0)
		total += n;
	printf("filled: %s, then %s\n", total >= 4096 ? "4 KiB or more" : "less than 4 KiB", errno_name(errno));
	long drained = 0;
	while ((n = read(p[0], block, sizeof block)) > 0)
		drained += n;
	printf("drained all: %s, then %s\n", drained == total ? "yes" : "no", errno_name(errno));
	/* Writes of up to PIPE_BUF (4096) bytes are atomic: all or EAGAIN. */
	while (write(p[1], block, 1) == 1)
		total++;
	static char page[4096];
	SHOW(write(p[1], page, sizeof page));
	close(p[0]);
	close(p[1]);
	SHOW(pipe2(p, O_CLOEXEC));
	SHOW(fcntl(p[0], F_GETFD));
	SHOW(pipe2(p, 0x12345678));
	return 0;
}

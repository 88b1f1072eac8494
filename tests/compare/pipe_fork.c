/* A pipe between two processes: a megabyte through a 64 KiB-or-so buffer
 * (the writer blocks, the reader wakes it), both directions, and end of
 * file only when every write end is closed. */
#include "common.h"

#include <sys/wait.h>

int main(void)
{
	int down[2], up[2];
	pipe(down);
	pipe(up);
	pid_t child = fork();
	if (child == 0) {
		close(down[1]);
		close(up[0]);
		static unsigned char buffer[7000];
		unsigned long sum = 0, bytes = 0;
		ssize_t n;
		while ((n = read(down[0], buffer, sizeof buffer)) > 0) {
			for (ssize_t i = 0; i < n; i++)
				sum = sum * 31 + buffer[i];
			bytes += (unsigned long)n;
		}
		char reply[100];
		int length = sprintf(reply, "child read %lu bytes, checksum %lu", bytes, sum);
		write(up[1], reply, (size_t)length);
		_exit(0);
	}
	close(down[0]);
	close(up[1]);
	static unsigned char data[1 << 20];
	unsigned long sum = 0;
	for (unsigned i = 0; i < sizeof data; i++) {
		data[i] = (unsigned char)(i ^ (i >> 9));
		sum = sum * 31 + data[i];
	}
	size_t done = 0;
	while (done < sizeof data) {
		ssize_t n = write(down[1], data + done, sizeof data - done);
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	printf("parent wrote %zu bytes, checksum %lu\n", done, sum);
	close(down[1]);
	char reply[100] = { 0 };
	read(up[0], reply, sizeof reply - 1);
	printf("%s\n", reply);
	int status;
	waitpid(child, &status, 0);
	printf("child exited %d\n", WEXITSTATUS(status));
	/* End of file waits for the last writer: a second holder keeps it open. */
	int p[2];
	pipe(p);
	child = fork();
	if (child == 0) {
		close(p[0]);
		sleep(1);
		write(p[1], "late", 4);
		_exit(0);
	}
	close(p[1]);
	char buffer[16] = { 0 };
	ssize_t n = read(p[0], buffer, sizeof buffer);
	printf("read %zd '%s' from the child\n", n, buffer);
	n = read(p[0], buffer, sizeof buffer);
	printf("then %zd (end of file)\n", n);
	waitpid(child, &status, 0);
	return 0;
}

/* Descriptor allocation: always the lowest free number, hundreds open at
 * once, holes reused, dup2 to high numbers, and the per-process limit. */
#include "common.h"

#include <fcntl.h>
#include <sys/resource.h>

int main(void)
{
	/* Start from 0, 1 and 2 only, whatever the caller left open. */
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	int fds[300];
	int ok = 1;
	for (int i = 0; i < 300; i++) {
		fds[i] = open("/dev/null", O_RDONLY);
		ok &= fds[i] == 3 + i;
	}
	printf("300 opens got 3..302 in order: %s\n", ok ? "yes" : "no");
	close(fds[10]);
	close(fds[5]);
	close(fds[200]);
	int a = open("/dev/null", O_RDONLY), b = open("/dev/null", O_RDONLY), c = open("/dev/null", O_RDONLY);
	printf("holes reused lowest first: %d %d %d\n", a, b, c);
	for (int i = 0; i < 300; i++)
		close(fds[i]);
	SHOW(dup2(0, 1000));
	SHOW(fcntl(1000, F_GETFD));
	SHOW(close(1000));
	struct rlimit limit;
	getrlimit(RLIMIT_NOFILE, &limit);
	SHOW(dup2(0, (int)limit.rlim_cur));
	SHOW(dup2(0, (int)limit.rlim_cur - 1) == (int)limit.rlim_cur - 1);
	close((int)limit.rlim_cur - 1);
	/* Lower the limit and run into it. */
	struct rlimit small = { 20, limit.rlim_max };
	SHOW(setrlimit(RLIMIT_NOFILE, &small));
	int opened = 0, fd;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		opened++;
	printf("opened %d more before %s\n", opened, errno_name(errno));
	SHOW(dup(0));
	SHOW(fcntl(0, F_DUPFD, 25));
	int p[2];
	SHOW(pipe(p));
	return 0;
}

/* Bad input to poll and ppoll: bad arrays, too many entries, bad and
 * negative descriptors, nonsense events, bad timeouts and signal masks. */
#include "common.h"

#include <poll.h>
#include <signal.h>
#include <sys/mman.h>

int main(void)
{
	int p[2];
	pipe(p);
	write(p[1], "x", 1);
	struct pollfd fds[4];
	SHOW(syscall(SYS_poll, BAD_NULL, 1L, 0L));
	SHOW(syscall(SYS_poll, BAD_ONE, 1L, 0L));
	SHOW(syscall(SYS_poll, BAD_KERNEL, 1L, 0L));
	SHOW(syscall(SYS_poll, unmapped_address(), 1L, 0L));
	SHOW(syscall(SYS_poll, BAD_NULL, 0L, 0L));
	SHOW(syscall(SYS_poll, fds, 1L << 20, 0L));
	SHOW(syscall(SYS_poll, fds, -1L, 0L));
	/* The results cannot be written back into a read-only array. */
	struct pollfd *readonly = (struct pollfd *)syscall(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE,
							   MAP_PRIVATE | MAP_ANONYMOUS, -1L, 0);
	readonly[0] = (struct pollfd){ p[0], POLLIN, 0 };
	syscall(SYS_mprotect, readonly, 4096, PROT_READ);
	SHOW(syscall(SYS_poll, readonly, 1L, 0L));
	/* Entries that run into an unmapped page. */
	struct pollfd *edge = (struct pollfd *)syscall(SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE,
						       MAP_PRIVATE | MAP_ANONYMOUS, -1L, 0);
	syscall(SYS_munmap, (char *)edge + 4096, 4096);
	struct pollfd *last = edge + 4096 / sizeof *edge - 1;
	*last = (struct pollfd){ p[0], POLLIN, 0 };
	SHOW(syscall(SYS_poll, last, 1L, 0L));
	SHOW(syscall(SYS_poll, last, 2L, 0L));
	printf("-- odd entries\n");
	fds[0] = (struct pollfd){ -5, POLLIN, 0x7777 };
	fds[1] = (struct pollfd){ 999, POLLIN, 0 };
	fds[2] = (struct pollfd){ p[0], (short)0xffff, 0 };
	fds[3] = (struct pollfd){ p[1], 0, 0 };
	SHOW(syscall(SYS_poll, fds, 4L, 0L));
	for (int i = 0; i < 4; i++)
		printf("entry %d revents 0x%x\n", i, fds[i].revents & 0xffff);
	fds[0] = (struct pollfd){ p[0], POLLIN, 0 };
	SHOW(syscall(SYS_poll, fds, 1L, -5L));
	SHOW(syscall(SYS_poll, fds, 1L, (long)INT32_MIN));
	printf("-- ppoll\n");
	struct timespec zero = { 0, 0 }, bad_times[] = { { 0, 1000000000 }, { -1, 0 }, { 0, -1 } };
	sigset_t mask;
	sigemptyset(&mask);
	SHOW(syscall(SYS_ppoll, fds, 1L, &zero, &mask, 8L));
	for (int i = 0; i < 3; i++) {
		printf("{%ld, %ld}: ", (long)bad_times[i].tv_sec, bad_times[i].tv_nsec);
		SHOW(syscall(SYS_ppoll, fds, 1L, &bad_times[i], 0, 8L));
	}
	SHOW(syscall(SYS_ppoll, fds, 1L, BAD_ONE, 0, 8L));
	SHOW(syscall(SYS_ppoll, fds, 1L, &zero, BAD_ONE, 8L));
	SHOW(syscall(SYS_ppoll, fds, 1L, &zero, &mask, 4L));
	SHOW(syscall(SYS_ppoll, fds, 1L, &zero, &mask, 16L));
	SHOW(syscall(SYS_ppoll, BAD_ONE, 1L, &zero, 0, 8L));
	printf("the pipe still has its byte: ");
	char c = 0;
	SHOW(read(p[0], &c, 1));
	still_fine();
	return 0;
}

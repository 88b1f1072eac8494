/* Bad input to select and pselect6: negative and huge nfds, bad set
 * pointers, closed descriptors in a set, out-of-range timeouts, bad
 * signal-mask arguments. */
#include "common.h"

#include <signal.h>
#include <sys/select.h>

int main(void)
{
	int p[2];
	pipe(p);
	write(p[1], "x", 1);
	fd_set readable;
	struct timeval zero = { 0, 0 };
	FD_ZERO(&readable);
	FD_SET(p[0], &readable);
	SHOW(syscall(SYS_select, -1L, &readable, 0, 0, &zero));
	SHOW(syscall(SYS_select, (long)INT32_MIN, &readable, 0, 0, &zero));
	SHOW(syscall(SYS_select, 100000L, 0, 0, 0, &zero));
	SHOW(syscall(SYS_select, (long)p[0] + 1, BAD_ONE, 0, 0, &zero));
	SHOW(syscall(SYS_select, (long)p[0] + 1, BAD_KERNEL, 0, 0, &zero));
	SHOW(syscall(SYS_select, (long)p[0] + 1, 0, BAD_ONE, 0, &zero));
	SHOW(syscall(SYS_select, (long)p[0] + 1, 0, 0, unmapped_address(), &zero));
	SHOW(syscall(SYS_select, (long)p[0] + 1, &readable, 0, 0, BAD_ONE));
	struct timeval bad_times[] = { { 0, 1000000 }, { -1, 0 }, { 0, -1 } };
	for (int i = 0; i < 3; i++) {
		FD_ZERO(&readable);
		FD_SET(p[0], &readable);
		printf("{%ld, %ld}: ", (long)bad_times[i].tv_sec, (long)bad_times[i].tv_usec);
		SHOW(syscall(SYS_select, (long)p[0] + 1, &readable, 0, 0, &bad_times[i]));
	}
	/* (Below 64: Linux quietly lowers nfds to the size of the descriptor
	 * table, 64 for a process with few files open.) */
	printf("-- descriptors that are not open\n");
	fd_set sets[3];
	for (int set = 0; set < 3; set++) {
		for (int i = 0; i < 3; i++)
			FD_ZERO(&sets[i]);
		FD_SET(50, &sets[set]);
		printf("in set %d: ", set);
		SHOW(syscall(SYS_select, 51L, &sets[0], &sets[1], &sets[2], &zero));
	}
	/* Beyond nfds, a closed descriptor in the set is not looked at. */
	FD_ZERO(&readable);
	FD_SET(p[0], &readable);
	FD_SET(50, &readable);
	SHOW(syscall(SYS_select, (long)p[0] + 1, &readable, 0, 0, &zero));
	printf("-- pselect6\n");
	struct timespec ts_zero = { 0, 0 }, ts_bad = { 0, 1000000000 };
	sigset_t mask;
	sigemptyset(&mask);
	struct { const sigset_t *set; size_t size; } good = { &mask, 8 }, bad_size = { &mask, 4 },
						      bad_pointer = { BAD_ONE, 8 };
	FD_ZERO(&readable);
	FD_SET(p[0], &readable);
	SHOW(syscall(SYS_pselect6, (long)p[0] + 1, &readable, 0, 0, &ts_zero, &good));
	SHOW(syscall(SYS_pselect6, (long)p[0] + 1, &readable, 0, 0, &ts_bad, &good));
	SHOW(syscall(SYS_pselect6, (long)p[0] + 1, &readable, 0, 0, &ts_zero, &bad_size));
	SHOW(syscall(SYS_pselect6, (long)p[0] + 1, &readable, 0, 0, &ts_zero, &bad_pointer));
	SHOW(syscall(SYS_pselect6, (long)p[0] + 1, &readable, 0, 0, &ts_zero, BAD_ONE));
	SHOW(syscall(SYS_pselect6, (long)p[0] + 1, &readable, 0, 0, BAD_ONE, 0));
	printf("the pipe still has its byte: ");
	char c = 0;
	SHOW(read(p[0], &c, 1));
	still_fine();
	return 0;
}

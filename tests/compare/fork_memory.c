/* fork copies memory: the child's writes (globals, heap, stack, large
 * mappings) are invisible to the parent, and the other way round. */
#include "common.h"

#include <sys/mman.h>
#include <sys/wait.h>

static int global = 1;
static char bss[1 << 20];

int main(void)
{
	int local = 2;
	char *heap = malloc(100);
	strcpy(heap, "parent heap");
	size_t big_size = 16 << 20;
	unsigned char *big = mmap(NULL, big_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	for (size_t i = 0; i < big_size; i += 4096)
		big[i] = 1;
	bss[12345] = 'p';
	int p[2];
	pipe(p);
	pid_t child = fork();
	if (child == 0) {
		global = 10;
		local = 20;
		strcpy(heap, "child heap");
		bss[12345] = 'c';
		for (size_t i = 0; i < big_size; i += 4096)
			big[i] = 2;
		char report[200];
		int ok = 1;
		for (size_t i = 0; i < big_size; i += 4096)
			ok &= big[i] == 2;
		int n = sprintf(report, "child sees: global %d, local %d, heap '%s', bss '%c', big %s\n", global, local,
				heap, bss[12345], ok ? "all 2" : "mixed");
		write(p[1], report, (size_t)n);
		_exit(0);
	}
	close(p[1]);
	char report[200] = { 0 };
	read(p[0], report, sizeof report - 1);
	int status;
	waitpid(child, &status, 0);
	printf("%s", report);
	int ok = 1;
	for (size_t i = 0; i < big_size; i += 4096)
		ok &= big[i] == 1;
	printf("parent sees: global %d, local %d, heap '%s', bss '%c', big %s\n", global, local, heap, bss[12345],
	       ok ? "all 1" : "mixed");
	/* The parent writes after fork; the child must still see the old values. */
	int q[2], r[2];
	pipe(q);
	pipe(r);
	child = fork();
	if (child == 0) {
		char c;
		read(q[0], &c, 1);
		int n = sprintf(report, "child after parent's write: global %d, big[0] %d\n", global, big[0]);
		write(r[1], report, (size_t)n);
		_exit(0);
	}
	global = 99;
	big[0] = 99;
	write(q[1], "go", 1);
	memset(report, 0, sizeof report);
	read(r[0], report, sizeof report - 1);
	printf("%s", report);
	waitpid(child, &status, 0);
	/* Many forks in a row: memory is given back each time. */
	int failures = 0;
	for (int i = 0; i < 100; i++) {
		child = fork();
		if (child == 0) {
			big[4096 * (size_t)(i + 1)] = 7;
			_exit(big[0] == 99 ? 0 : 1);
		}
		if (child < 0 || waitpid(child, &status, 0) != child || WEXITSTATUS(status) != 0)
			failures++;
	}
	printf("100 forks writing 16 MiB mapping: %d failures\n", failures);
	return 0;
}

/* MAP_SHARED anonymous memory is shared with children across fork, while
 * MAP_PRIVATE memory is copied. */
#include "common.h"

#include <sys/mman.h>
#include <sys/wait.h>

int main(void)
{
	volatile int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	volatile int *private = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mapped: %s\n", shared != MAP_FAILED && private != MAP_FAILED ? "yes" : "no");
	shared[0] = 1;
	private[0] = 1;
	pid_t child = fork();
	if (child == 0) {
		shared[0] = 2;
		private[0] = 2;
		shared[1] = 1234;
		_exit(0);
	}
	waitpid(child, NULL, 0);
	printf("after the child wrote: shared %d %d, private %d\n", shared[0], shared[1], private[0]);
	/* Back and forth: a counter both increment in turn, handing over through a pipe. */
	int to_child[2], to_parent[2];
	pipe(to_child);
	pipe(to_parent);
	shared[2] = 0;
	child = fork();
	if (child == 0) {
		char c;
		for (int i = 0; i < 50; i++) {
			read(to_child[0], &c, 1);
			shared[2]++;
			write(to_parent[1], "c", 1);
		}
		_exit(0);
	}
	for (int i = 0; i < 50; i++) {
		char c;
		shared[2]++;
		write(to_child[1], "p", 1);
		read(to_parent[0], &c, 1);
	}
	waitpid(child, NULL, 0);
	printf("counter after 50 rounds each: %d\n", shared[2]);
	/* A large shared region. */
	size_t size = 4 << 20;
	unsigned char *big = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	child = fork();
	if (child == 0) {
		for (size_t i = 0; i < size; i += 4096)
			big[i] = (unsigned char)(i >> 12);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	int ok = 1;
	for (size_t i = 0; i < size; i += 4096)
		ok &= big[i] == (unsigned char)(i >> 12);
	printf("4 MiB written by the child, seen by the parent: %s\n", ok ? "yes" : "no");
	munmap(big, size);
	return 0;
}

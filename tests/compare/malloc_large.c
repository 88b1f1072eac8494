/* Large allocations, which musl serves with mmap (and small ones with brk):
 * many megabytes, touched, freed, reallocated. */
#include "common.h"

static int check(const unsigned char *p, size_t n, unsigned char seed)
{
	for (size_t i = 0; i < n; i += 4096)
		if (p[i] != (unsigned char)(seed + i / 4096))
			return 0;
	return 1;
}

static void fill(unsigned char *p, size_t n, unsigned char seed)
{
	for (size_t i = 0; i < n; i += 4096)
		p[i] = (unsigned char)(seed + i / 4096);
}

int main(void)
{
	size_t sizes[] = { 100000, 1 << 20, 8 << 20, 32 << 20 };
	for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *p = malloc(sizes[i]);
		if (!p) {
			printf("malloc(%zu) failed\n", sizes[i]);
			continue;
		}
		fill(p, sizes[i], (unsigned char)i);
		printf("malloc(%zu): touched every page, %s\n", sizes[i], check(p, sizes[i], (unsigned char)i) ? "intact" : "CORRUPT");
		free(p);
	}
	unsigned char *p = malloc(1 << 20);
	fill(p, 1 << 20, 9);
	p = realloc(p, 24 << 20);
	printf("realloc 1 MiB -> 24 MiB kept: %s\n", check(p, 1 << 20, 9) ? "yes" : "no");
	fill(p, 24 << 20, 3);
	p = realloc(p, 2 << 20);
	printf("realloc 24 MiB -> 2 MiB kept: %s\n", check(p, 2 << 20, 3) ? "yes" : "no");
	free(p);
	/* Freed memory comes back: allocate and free 16 MiB 20 times (320 MiB in all). */
	int ok = 1;
	for (int round = 0; round < 20; round++) {
		unsigned char *q = malloc(16 << 20);
		if (!q) {
			ok = 0;
			break;
		}
		fill(q, 16 << 20, (unsigned char)round);
		ok &= check(q, 16 << 20, (unsigned char)round);
		free(q);
	}
	printf("20 rounds of 16 MiB: %s\n", ok ? "ok" : "failed");
	/* A heap of many small blocks (brk). */
	void *small[20000];
	for (int i = 0; i < 20000; i++)
		small[i] = malloc(200);
	for (int i = 0; i < 20000; i++)
		memset(small[i], 1, 200);
	for (int i = 0; i < 20000; i++)
		free(small[i]);
	printf("20000 small blocks: ok\n");
	return 0;
}

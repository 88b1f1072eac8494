/* malloc, calloc, realloc and free: contents survive, memory is zeroed
 * where promised, and many blocks do not overlap. */
#include "common.h"

int main(void)
{
	enum { COUNT = 2000 };
	static unsigned char *blocks[COUNT];
	size_t sizes[COUNT];
	for (int i = 0; i < COUNT; i++) {
		sizes[i] = 1 + (i * 37) % 700;
		blocks[i] = malloc(sizes[i]);
		memset(blocks[i], i & 0xff, sizes[i]);
	}
	int bad = 0;
	for (int i = 0; i < COUNT; i++)
		for (size_t j = 0; j < sizes[i]; j++)
			if (blocks[i][j] != (i & 0xff))
				bad++;
	printf("2000 blocks intact: %s\n", bad == 0 ? "yes" : "no");
	for (int i = 0; i < COUNT; i += 2)
		free(blocks[i]);
	for (int i = 0; i < COUNT; i += 2) {
		blocks[i] = calloc(sizes[i], 1);
		for (size_t j = 0; j < sizes[i]; j++)
			if (blocks[i][j] != 0)
				bad++;
		memset(blocks[i], i & 0xff, sizes[i]);
	}
	printf("calloc zeroed: %s\n", bad == 0 ? "yes" : "no");
	for (int i = 1; i < COUNT; i += 2) {
		blocks[i] = realloc(blocks[i], sizes[i] * 3);
		for (size_t j = 0; j < sizes[i]; j++)
			if (blocks[i][j] != (i & 0xff))
				bad++;
	}
	printf("realloc kept contents: %s\n", bad == 0 ? "yes" : "no");
	for (int i = 0; i < COUNT; i++)
		free(blocks[i]);
	char *s = malloc(1);
	for (int n = 2; n <= 5000; n++) {
		s = realloc(s, n);
		s[n - 1] = (char)('a' + n % 26);
	}
	int ok = 1;
	for (int n = 2; n <= 5000; n++)
		ok &= s[n - 1] == (char)('a' + n % 26);
	printf("growing by one byte 5000 times: %s\n", ok ? "ok" : "corrupt");
	free(s);
	printf("malloc(0) then free: ");
	free(malloc(0));
	printf("ok\n");
	return 0;
}

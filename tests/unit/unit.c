#include "unit.h"

#include <stdlib.h>

#define UNIT_MAX_TESTS 512

static struct {
	const char *name;
	void (*function)(void);
} tests[UNIT_MAX_TESTS];
static int test_count;
static int current_failed;

void unit_register(const char *name, void (*function)(void))
{
	if (test_count == UNIT_MAX_TESTS) {
		fprintf(stderr, "unit: too many tests\n");
		exit(2);
	}
	tests[test_count].name = name;
	tests[test_count].function = function;
	test_count++;
}

void unit_fail(const char *file, int line, const char *message)
{
	printf("  %s:%d: %s\n", file, line, message);
	current_failed = 1;
}

static uint64_t random_state = 1;

void unit_random_seed(uint64_t seed)
{
	random_state = seed ? seed : 1; /* xorshift never leaves 0 */
}

uint64_t unit_random_next(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return random_state;
}

uint64_t unit_random_below(uint64_t bound)
{
	return unit_random_next() % bound;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	for (int i = 0; i < test_count; i++) {
		/* Optional filter: run only tests whose name contains argv[1]. */
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		current_failed = 0;
		tests[i].function();
		printf("%s %s\n", current_failed ? "FAIL" : "ok", tests[i].name);
		if (current_failed)
			failed++;
		else
			passed++;
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

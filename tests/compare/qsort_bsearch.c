/* qsort and bsearch over numbers, strings and records. */
#include "common.h"

static int compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct record {
	int key;
	char name[8];
};

static int compare_records(const void *a, const void *b)
{
	const struct record *x = a, *y = b;
	if (x->key != y->key)
		return x->key - y->key;
	return strcmp(x->name, y->name);
}

int main(void)
{
	int numbers[1000];
	unsigned seed = 12345;
	for (int i = 0; i < 1000; i++) {
		seed = seed * 1103515245 + 12345;
		numbers[i] = (int)(seed >> 8) % 10000 - 5000;
	}
	qsort(numbers, 1000, sizeof numbers[0], compare_ints);
	int sorted = 1;
	for (int i = 1; i < 1000; i++)
		sorted &= numbers[i - 1] <= numbers[i];
	printf("sorted: %s, first %d, last %d, median %d\n", sorted ? "yes" : "no", numbers[0], numbers[999], numbers[500]);
	int key = numbers[123];
	int *found = bsearch(&key, numbers, 1000, sizeof numbers[0], compare_ints);
	printf("bsearch found %d: %s\n", key, found && *found == key ? "yes" : "no");
	int absent = 99999;
	printf("bsearch absent: %s\n", bsearch(&absent, numbers, 1000, sizeof numbers[0], compare_ints) ? "found" : "not found");
	const char *words[] = { "pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "apple" };
	qsort(words, 8, sizeof words[0], compare_strings);
	for (int i = 0; i < 8; i++)
		printf("%s%s", words[i], i < 7 ? " " : "\n");
	struct record records[] = { { 3, "c" }, { 1, "z" }, { 2, "b" }, { 1, "a" }, { 3, "a" } };
	qsort(records, 5, sizeof records[0], compare_records);
	for (int i = 0; i < 5; i++)
		printf("%d%s ", records[i].key, records[i].name);
	printf("\n");
	return 0;
}

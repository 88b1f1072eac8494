/* The smallest comparison: output on stdout and stderr, and an exit status. */
#include "common.h"

int main(void)
{
	printf("hello from a musl program\n");
	fprintf(stderr, "a line on stderr\n");
	puts("puts adds a newline");
	fputs("no newline at the end", stdout);
	return 3;
}

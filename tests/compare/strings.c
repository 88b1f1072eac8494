/* string.h, ctype and number parsing. */
#include "common.h"

#include <ctype.h>

int main(void)
{
	char buffer[64] = "hello";
	strcat(buffer, ", world");
	printf("%s %zu\n", buffer, strlen(buffer));
	printf("strcmp %d %d %d\n", strcmp("a", "b") < 0, strcmp("b", "a") > 0, strcmp("same", "same"));
	printf("strncmp %d\n", strncmp("abcdef", "abcxyz", 3));
	printf("strchr %s | strrchr %s\n", strchr(buffer, 'o'), strrchr(buffer, 'o'));
	printf("strstr %s\n", strstr(buffer, "wor"));
	printf("strspn %zu strcspn %zu\n", strspn("aaabbc", "ab"), strcspn("hello world", " "));
	char tokens[] = "one,two,,three";
	for (char *t = strtok(tokens, ","); t; t = strtok(NULL, ","))
		printf("token '%s'\n", t);
	char move[] = "0123456789";
	memmove(move + 2, move, 5);
	printf("memmove %s\n", move);
	printf("memcmp %d\n", memcmp("abc", "abd", 3) < 0);
	char *copy = strdup("duplicate");
	char *part = strndup("duplicate", 3);
	printf("strdup %s strndup %s\n", copy, part);
	free(copy);
	free(part);
	for (char *c = buffer; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	printf("upper %s\n", buffer);
	char *end;
	printf("strtol %ld %ld %ld\n", strtol("-123abc", &end, 10), strtol("ff", NULL, 16), strtol("0755", NULL, 0));
	printf("rest '%s'\n", end);
	errno = 0;
	long huge = strtol("99999999999999999999", NULL, 10);
	printf("overflow %ld %s\n", huge, errno_name(errno));
	printf("strtoul %lu atoi %d strtod %.3f\n", strtoul("4294967296", NULL, 10), atoi("  42x"), strtod("2.5e3", NULL));
	printf("isdigit %d isalpha %d isspace %d\n", !!isdigit('7'), !!isalpha('7'), !!isspace('\t'));
	return 0;
}

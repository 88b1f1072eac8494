/* Arguments and environment as the system passed them; getenv, setenv,
 * unsetenv, putenv; auxiliary vector basics. */
#include "common.h"

#include <sys/auxv.h>

extern char **environ;

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv, char **envp)
{
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = [%s]\n", i, argv[i]);
	printf("argv[argc] is NULL: %s\n", argv[argc] == NULL ? "yes" : "no");
	const char *base = strrchr(argv[0], '/');
	printf("argv[0] ends in: %s\n", base ? base + 1 : argv[0]);
	printf("envp is environ: %s\n", envp == environ ? "yes" : "no");
	int count = 0;
	for (char **e = envp; *e; e++)
		count++;
	char **sorted = malloc(sizeof(char *) * (size_t)count);
	memcpy(sorted, envp, sizeof(char *) * (size_t)count);
	qsort(sorted, (size_t)count, sizeof(char *), by_string);
	printf("%d variables:", count);
	for (int i = 0; i < count; i++) {
		char name[64] = { 0 };
		strncpy(name, sorted[i], strcspn(sorted[i], "="));
		printf(" %s", name);
	}
	printf("\n");
	printf("HOME=[%s] COMPARE_VAR=[%s] MISSING=%s\n", getenv("HOME"), getenv("COMPARE_VAR"),
	       getenv("MISSING") ? "set" : "unset");
	SHOW(setenv("NEW", "value", 0));
	SHOW(setenv("NEW", "other", 0));
	printf("NEW=[%s]\n", getenv("NEW"));
	SHOW(setenv("NEW", "other", 1));
	printf("NEW=[%s]\n", getenv("NEW"));
	SHOW(unsetenv("NEW"));
	printf("NEW %s\n", getenv("NEW") ? "set" : "unset");
	SHOW(setenv("BAD=NAME", "x", 1));
	putenv("PUT=yes");
	printf("PUT=[%s]\n", getenv("PUT"));
	/* The auxiliary vector the loader left: page size, the program's
	 * headers, a random seed, user ids. */
	printf("AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
	printf("AT_PHDR set: %s, AT_PHNUM %s, AT_ENTRY set: %s\n", getauxval(AT_PHDR) ? "yes" : "no",
	       getauxval(AT_PHNUM) > 0 ? "positive" : "zero", getauxval(AT_ENTRY) ? "yes" : "no");
	printf("AT_RANDOM set: %s\n", getauxval(AT_RANDOM) ? "yes" : "no");
	printf("AT_UID matches getuid: %s, AT_EUID matches: %s\n", getauxval(AT_UID) == getuid() ? "yes" : "no",
	       getauxval(AT_EUID) == geteuid() ? "yes" : "no");
	printf("sysconf page size %ld\n", sysconf(_SC_PAGESIZE));
	/* The strings sit on the stack, above argv. */
	printf("argv strings after the pointer array: %s\n", (void *)argv[1] > (void *)&argv[argc] ? "yes" : "no");
	return 0;
}

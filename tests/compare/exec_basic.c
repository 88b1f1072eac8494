/* execve: of busybox and of this program itself, with arguments and
 * environment; exit status through exec; descriptors survive exec. */
#include "common.h"

#include <fcntl.h>
#include <sys/wait.h>

extern char **environ;

static int run(char *const argv[], char *const envp[])
{
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		execve(argv[0], argv, envp);
		printf("execve %s: %s\n", argv[0], errno_name(errno));
		_exit(127);
	}
	int status;
	waitpid(child, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "re-exec") == 0) {
		printf("re-executed with %d arguments:", argc);
		for (int i = 2; i < argc; i++)
			printf(" [%s]", argv[i]);
		printf("\nenvironment:");
		for (char **e = environ; *e; e++)
			printf(" [%s]", *e);
		printf("\n");
		char buffer[32] = { 0 };
		ssize_t n = read(5, buffer, sizeof buffer - 1);
		printf("descriptor 5 after exec reads %zd '%s'\n", n, buffer);
		return 42;
	}
	char *echo[] = { "/bin/busybox", "echo", "hello from busybox echo", NULL };
	printf("echo exited %d\n", run(echo, environ));
	char *fail[] = { "/bin/busybox", "false", NULL };
	printf("false exited %d\n", run(fail, environ));
	char *sh[] = { "/bin/busybox", "sh", "-c", "echo from sh: $0 $1 $FOO; exit 9", "zero", "one", NULL };
	char *env[] = { "FOO=bar", NULL };
	printf("sh -c exited %d\n", run(sh, env));
	int fd = open("data", O_CREAT | O_RDWR, 0644);
	write(fd, "inherited", 9);
	lseek(fd, 0, SEEK_SET);
	dup2(fd, 5);
	char *self[] = { argv[0], "re-exec", "a", "", "c d", NULL };
	char *self_env[] = { "ONE=1", "TWO=two words", "EMPTY=", NULL };
	printf("self exited %d\n", run(self, self_env));
	char *cat[] = { "/bin/busybox", "cat", "data", NULL };
	printf("cat exited %d\n", run(cat, environ));
	printf("\n");
	/* exec replaces the process: same pid, and the pid the parent waits on. */
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		char pid[32];
		sprintf(pid, "%d", getpid());
		char *check[] = { "/bin/busybox", "sh", "-c", "test $$ = $0 && exit 11; exit 12", pid, NULL };
		execve(check[0], check, environ);
		_exit(127);
	}
	int status;
	pid_t got = waitpid(child, &status, 0);
	printf("same pid after exec: %s (status %d, right child %s)\n", WEXITSTATUS(status) == 11 ? "yes" : "no",
	       WEXITSTATUS(status), got == child ? "yes" : "no");
	/* execvp searches PATH. */
	fflush(stdout);
	child = fork();
	if (child == 0) {
		char *args[] = { "echo", "found through PATH", NULL };
		execvp("echo", args);
		_exit(127);
	}
	waitpid(child, &status, 0);
	printf("execvp exited %d\n", WEXITSTATUS(status));
	return 0;
}

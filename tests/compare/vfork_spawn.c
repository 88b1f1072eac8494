/* vfork then exec, and posix_spawn with file actions (musl builds it on
 * clone with a shared address space). */
#include "common.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

int main(void)
{
	fflush(stdout);
	pid_t child = vfork();
	if (child == 0) {
		char *args[] = { "/bin/busybox", "echo", "echo after vfork", NULL };
		execve(args[0], args, environ);
		_exit(127);
	}
	int status;
	waitpid(child, &status, 0);
	printf("vfork child exited %d\n", WEXITSTATUS(status));
	child = vfork();
	if (child == 0)
		_exit(33);
	waitpid(child, &status, 0);
	printf("vfork child that only exits: %d\n", WEXITSTATUS(status));
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 1, "spawned.out", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	char *args[] = { "/bin/busybox", "echo", "written by the spawned child", NULL };
	pid_t pid;
	int result = posix_spawn(&pid, args[0], &actions, NULL, args, environ);
	printf("posix_spawn = %d\n", result);
	waitpid(pid, &status, 0);
	printf("spawned child exited %d\n", WEXITSTATUS(status));
	char buffer[100] = { 0 };
	int fd = open("spawned.out", O_RDONLY);
	read(fd, buffer, sizeof buffer - 1);
	printf("its output: %s", buffer);
	char *missing[] = { "/no/such/program", NULL };
	result = posix_spawn(&pid, missing[0], NULL, NULL, missing, environ);
	printf("posix_spawn of a missing program = %s\n", errno_name(result));
	char *path_args[] = { "busybox", "true", NULL };
	result = posix_spawnp(&pid, "busybox", NULL, NULL, path_args, environ);
	waitpid(pid, &status, 0);
	printf("posix_spawnp through PATH = %d, exited %d\n", result, WEXITSTATUS(status));
	return 0;
}

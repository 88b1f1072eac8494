/* Signals to process groups: kill(0, ...) reaches the whole group,
 * kill(-pgid, ...) another group, and nothing outside it. */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>

static int ready[2];

/* A child that says it is ready (its group and handlers set), then waits
 * for signals forever. group: -1 ours, 0 a new group, else that group. */
static pid_t spawn_sleeper(pid_t group)
{
	pid_t child = fork();
	if (child == 0) {
		if (group >= 0)
			setpgid(0, group);
		signal(SIGUSR1, SIG_DFL);
		write(ready[1], "r", 1);
		for (;;)
			pause();
	}
	if (group >= 0)
		setpgid(child, group ? group : child);
	char c;
	read(ready[0], &c, 1);
	return child;
}

/* How the child ended, waiting up to 10 s when it is expected to end. */
static const char *how_it_ended(pid_t child, int expect_end)
{
	static char text[40];
	int status;
	pid_t got = 0;
	for (int tries = 0; tries < (expect_end ? 1000 : 1) && got == 0; tries++) {
		got = waitpid(child, &status, WNOHANG);
		if (got == 0 && expect_end)
			usleep(10000);
	}
	if (got == 0)
		return "still running";
	if (WIFSIGNALED(status))
		sprintf(text, "killed by %d", WTERMSIG(status));
	else
		sprintf(text, "exited %d", WEXITSTATUS(status));
	return text;
}

int main(void)
{
	pipe(ready);
	/* Our own group: three children, and kill(0, SIGUSR1) with us ignoring it. */
	setpgid(0, 0);
	signal(SIGUSR1, SIG_IGN);
	pid_t mine[3];
	for (int i = 0; i < 3; i++)
		mine[i] = spawn_sleeper(-1);
	/* Another group of two. */
	pid_t leader = spawn_sleeper(0);
	pid_t member = spawn_sleeper(leader);
	printf("member joined the leader's group: %s\n", getpgid(member) == leader ? "yes" : "no");
	SHOW(kill(0, SIGUSR1));
	for (int i = 0; i < 3; i++)
		printf("our child %d: %s\n", i, how_it_ended(mine[i], 1));
	usleep(100000);
	printf("other group's leader: %s, member: %s\n", how_it_ended(leader, 0), how_it_ended(member, 0));
	SHOW(kill(-leader, SIGTERM));
	printf("after kill(-leader): leader %s, ", how_it_ended(leader, 1));
	printf("member %s\n", how_it_ended(member, 1));
	SHOW(kill(-leader, SIGTERM));
	SHOW(killpg(999999, SIGTERM));
	printf("we survived: yes\n");
	return 0;
}

/* Process groups and sessions: setpgid, getpgid, getpgrp, setsid,
 * getsid, and the rules about who may do what. */
#include "common.h"

#include <signal.h>
#include <sys/wait.h>

/* Runs body in a child; prints its exit status as the result. */
static void in_child(const char *what, int (*body)(void))
{
	fflush(stdout);
	pid_t child = fork();
	if (child == 0)
		_exit(body());
	int status;
	waitpid(child, &status, 0);
	printf("%s: %d\n", what, WEXITSTATUS(status));
}

static int new_group(void)
{
	if (setpgid(0, 0) != 0)
		return 90;
	return getpgid(0) == getpid() && getpgrp() == getpid() ? 1 : 2;
}

static int new_session(void)
{
	pid_t sid = setsid();
	if (sid != getpid())
		return 90;
	/* A session leader is also a group leader, and cannot setsid again. */
	if (getpgrp() != getpid() || getsid(0) != getpid())
		return 2;
	errno = 0;
	if (setsid() != -1 || errno != EPERM)
		return 3;
	return 1;
}

static int leader_setsid(void)
{
	setpgid(0, 0);
	errno = 0;
	return setsid() == -1 && errno == EPERM ? 1 : 2;
}

static int session_then_setpgid(void)
{
	setsid();
	errno = 0;
	/* The session leader cannot change its group. */
	return setpgid(0, 0) == -1 && errno == EPERM ? 1 : 2;
}

int main(void)
{
	pid_t group = getpgrp();
	printf("getpgrp equals getpgid(0): %s\n", group == getpgid(0) ? "yes" : "no");
	printf("getpgid(own pid) equals getpgid(0): %s\n", getpgid(getpid()) == group ? "yes" : "no");
	printf("getsid(0) equals getsid(own pid): %s\n", getsid(0) == getsid(getpid()) ? "yes" : "no");
	in_child("child makes its own group (1 = ok)", new_group);
	in_child("child makes a new session (1 = ok)", new_session);
	in_child("group leader's setsid is EPERM (1 = ok)", leader_setsid);
	in_child("session leader's setpgid is EPERM (1 = ok)", session_then_setpgid);
	/* The parent moves its child into a new group, before and after exec. */
	int p[2];
	pipe(p);
	pid_t child = fork();
	if (child == 0) {
		char c;
		read(p[0], &c, 1);
		_exit(getpgrp() == getpid() ? 1 : 2);
	}
	SHOW(setpgid(child, child));
	printf("child's group is the child: %s\n", getpgid(child) == child ? "yes" : "no");
	printf("our group unchanged: %s\n", getpgrp() == group ? "yes" : "no");
	write(p[1], "x", 1);
	int status;
	waitpid(child, &status, 0);
	printf("child saw its own group: %d\n", WEXITSTATUS(status));
	/* Joining a group in another session is EPERM; a group that does not exist is EPERM too. */
	int ready[2];
	pipe(ready);
	child = fork();
	if (child == 0) {
		setsid();
		write(ready[1], "r", 1);
		pause();
		_exit(0);
	}
	char c;
	read(ready[0], &c, 1);
	pid_t other = fork();
	if (other == 0) {
		errno = 0;
		int r1 = setpgid(0, child) == -1 && errno == EPERM;
		errno = 0;
		int r2 = setpgid(0, 999999) == -1 && errno == EPERM;
		_exit(r1 * 10 + r2);
	}
	waitpid(other, &status, 0);
	printf("join another session's group: EPERM %d; join a missing group: EPERM %d\n", WEXITSTATUS(status) / 10,
	       WEXITSTATUS(status) % 10);
	SHOW(setpgid(child, child));
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	SHOW(getpgid(999999));
	SHOW(setpgid(999999, 0));
	SHOW(setpgid(0, -1));
	SHOW(getsid(999999));
	return 0;
}

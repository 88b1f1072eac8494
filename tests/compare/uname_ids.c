/* uname and the user and group ids. */
#include "common.h"

#include <sys/utsname.h>

int main(void)
{
	struct utsname name;
	SHOW(uname(&name));
	printf("sysname %s, machine %s\n", name.sysname, name.machine);
	printf("release starts with a digit: %s\n", name.release[0] >= '0' && name.release[0] <= '9' ? "yes" : "no");
	printf("nodename not empty: %s\n", name.nodename[0] ? "yes" : "no");
	printf("real and effective ids agree: uid %s, gid %s\n", getuid() == geteuid() ? "yes" : "no",
	       getgid() == getegid() ? "yes" : "no");
	printf("getpid positive, getppid positive: %s\n", getpid() > 0 && getppid() > 0 ? "yes" : "no");
	printf("gettid equals getpid: %s\n", syscall(SYS_gettid) == getpid() ? "yes" : "no");
	char host[128];
	SHOW(gethostname(host, sizeof host));
	printf("hostname equals nodename: %s\n", strcmp(host, name.nodename) == 0 ? "yes" : "no");
	return 0;
}

/* Terminal calls on things that are not terminals (these tests run with
 * stdin /dev/null and output to a file): isatty, tcgetattr, window size,
 * and ioctl's answers. */
#include "common.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>

int main(void)
{
	SHOW(isatty(0));
	SHOW(isatty(1));
	int p[2];
	pipe(p);
	SHOW(isatty(p[0]));
	SHOW(isatty(99));
	printf("errno %s\n", errno_name(errno));
	struct termios t;
	SHOW(tcgetattr(0, &t));
	SHOW(tcgetattr(p[1], &t));
	struct winsize size;
	SHOW(ioctl(1, TIOCGWINSZ, &size));
	SHOW(ioctl(1, FIONREAD, &(int){ 0 }));
	write(p[1], "12345", 5);
	int available = 0;
	SHOW(ioctl(p[0], FIONREAD, &available));
	printf("FIONREAD on the pipe: %d\n", available);
	SHOW(ioctl(p[0], 0x12345678, 0));
	SHOW(ioctl(99, FIONREAD, &available));
	SHOW(tcgetpgrp(0));
	printf("ttyname(0): %s\n", ttyname(0) ? "a name" : errno_name(errno));
	return 0;
}

/* The device files the personality provides: /dev/null and /dev/zero. */
#include "common.h"

#include <fcntl.h>
#include <sys/stat.h>

int main(void)
{
	int null = open("/dev/null", O_RDWR);
	printf("open /dev/null: %s\n", null >= 0 ? "ok" : errno_name(errno));
	char buffer[100];
	SHOW(read(null, buffer, sizeof buffer));
	SHOW(write(null, "discarded", 9));
	SHOW(write(null, NULL, 0));
	SHOW(lseek(null, 100, SEEK_SET));
	static char big[1 << 20];
	SHOW(write(null, big, sizeof big));
	int zero = open("/dev/zero", O_RDONLY);
	printf("open /dev/zero: %s\n", zero >= 0 ? "ok" : errno_name(errno));
	memset(buffer, 'x', sizeof buffer);
	SHOW(read(zero, buffer, sizeof buffer));
	int zeros = 1;
	for (size_t i = 0; i < sizeof buffer; i++)
		zeros &= buffer[i] == 0;
	printf("all zero: %s\n", zeros ? "yes" : "no");
	memset(big, 1, sizeof big);
	SHOW(read(zero, big, sizeof big));
	printf("a megabyte of zeros: %s\n", big[0] == 0 && big[sizeof big - 1] == 0 ? "yes" : "no");
	struct stat st;
	stat("/dev/null", &st);
	printf("/dev/null: character device %s, device 1:3 %s\n", S_ISCHR(st.st_mode) ? "yes" : "no",
	       st.st_rdev == ((1 << 8) | 3) ? "yes" : "no");
	stat("/dev/zero", &st);
	printf("/dev/zero: character device %s, device 1:5 %s\n", S_ISCHR(st.st_mode) ? "yes" : "no",
	       st.st_rdev == ((1 << 8) | 5) ? "yes" : "no");
	SHOW(isatty(null));
	printf("errno %s\n", errno_name(errno));
	/* stdin is /dev/null in these tests: end of file at once. */
	SHOW(read(0, buffer, sizeof buffer));
	return 0;
}

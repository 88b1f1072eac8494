/* Mapping a file privately (what the personality offers; shared writable
 * file maps are not there yet): private maps see the file and keep their
 * own writes; offsets; past the end of the file. */
#include "common.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

static sigjmp_buf recover;

static void on_fault(int signal)
{
	siglongjmp(recover, signal);
}

int main(void)
{
	signal(SIGBUS, on_fault);
	signal(SIGSEGV, on_fault);
	int fd = open("file", O_CREAT | O_RDWR | O_TRUNC, 0644);
	static char page[3 * 4096];
	for (size_t i = 0; i < sizeof page; i++)
		page[i] = (char)('a' + i % 26);
	write(fd, page, sizeof page);
	char *private = mmap(NULL, sizeof page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	printf("private map: %s, first bytes %.5s\n", private == MAP_FAILED ? errno_name(errno) : "ok", private);
	private[0] = 'X';
	char buffer[8] = { 0 };
	pread(fd, buffer, 5, 0);
	printf("after writing the private map: map %.5s, file %s\n", private, buffer);
	char *offset = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
	printf("map at offset 4096: %.5s (expect %.5s)\n", offset, page + 4096);
	SHOW(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 100) == MAP_FAILED);
	close(fd);
	printf("map still readable after close: %.3s\n", offset);
	/* A file of 100 bytes mapped as a page: the tail of the page reads zero. */
	fd = open("short", O_CREAT | O_RDWR | O_TRUNC, 0644);
	write(fd, page, 100);
	char *tail = mmap(NULL, 2 * 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	printf("byte 99 %c, byte 100 %d, byte 4095 %d\n", tail[99], tail[100], tail[4095]);
	int signal_number = sigsetjmp(recover, 1);
	if (signal_number == 0) {
		(void)*(volatile char *)(tail + 4096);
		printf("page past the end of the file: readable\n");
	} else {
		printf("page past the end of the file: signal %d\n", signal_number);
	}
	int ro = open("short", O_RDONLY);
	SHOW(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED);
	printf("errno %s\n", errno_name(errno));
	SHOW(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0) == MAP_FAILED);
	return 0;
}

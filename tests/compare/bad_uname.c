/* uname and sysinfo with bad buffers: NULL, 1,
 * kernel and non-canonical addresses, unmapped memory, a read-only page,
 * and a buffer that runs into an unmapped page. */
#include "common.h"

#include <sys/mman.h>
#include <sys/utsname.h>

int main(void)
{
	void *readonly = (void *)syscall(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1L, 0);
	char *edge = (char *)syscall(SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1L, 0);
	syscall(SYS_munmap, edge + 4096, 4096);
	SHOW(syscall(SYS_uname, BAD_NULL));
	SHOW(syscall(SYS_uname, BAD_ONE));
	SHOW(syscall(SYS_uname, BAD_KERNEL));
	SHOW(syscall(SYS_uname, BAD_NONCANONICAL));
	SHOW(syscall(SYS_uname, unmapped_address()));
	SHOW(syscall(SYS_uname, readonly));
	/* struct utsname is 390 bytes: starting 100 bytes before the hole. */
	SHOW(syscall(SYS_uname, edge + 4096 - 100));
	SHOW(syscall(SYS_uname, edge + 4096 - sizeof(struct utsname)));
	struct utsname name;
	SHOW(syscall(SYS_uname, &name));
	printf("sysname %s\n", name.sysname);
	SHOW(syscall(SYS_sysinfo, BAD_ONE));
	SHOW(syscall(SYS_sysinfo, readonly));
	still_fine();
	return 0;
}

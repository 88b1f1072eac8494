/* Bad input to the memory calls (mmap, munmap, mprotect, mremap, madvise,
 * brk): zero and huge lengths, unaligned and kernel addresses, bad flags,
 * protections and descriptors. Every call must fail the way Linux's does,
 * and the process must carry on. */
#include "common.h"

#include <fcntl.h>
#include <sys/mman.h>

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

int main(void)
{
	long page = syscall(SYS_mmap, 0, 4096, RW, ANON, -1L, 0);
	void *gone = unmapped_address();
	int file = open("file", O_CREAT | O_RDWR, 0644);
	write(file, "contents", 8);
	int pipes[2];
	pipe(pipes);
	int dir = open(".", O_RDONLY | O_DIRECTORY);
	int readonly = open("file", O_RDONLY);

	SHOW_POINTER(syscall(SYS_mmap, 0, 0, RW, ANON, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, 1ull << 62, RW, ANON, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, -4096ull, RW, ANON, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, -1ull, RW, ANON, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, 4096, RW, MAP_ANONYMOUS, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, 4096, RW, 0, file, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, 4096, RW, ANON, -1, 100));
	SHOW_POINTER(syscall(SYS_mmap, 0, 4096, RW, MAP_PRIVATE, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, 4096, RW, MAP_PRIVATE, 999, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, 4096, RW, MAP_PRIVATE, pipes[0], 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, 4096, RW, MAP_PRIVATE, dir, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, 4096, RW, MAP_SHARED, readonly, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0, 4096, RW, MAP_PRIVATE, file, -4096L));
	SHOW_POINTER(syscall(SYS_mmap, 0x10001, 4096, RW, ANON | MAP_FIXED, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, BAD_KERNEL, 4096, RW, ANON | MAP_FIXED, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, BAD_NONCANONICAL, 4096, RW, ANON | MAP_FIXED, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, 0x7ffffffff000ull, 0x2000, RW, ANON | MAP_FIXED, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, BAD_KERNEL, 4096, RW, ANON, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, BAD_ONE, 4096, RW, ANON, -1L, 0));
	SHOW_POINTER(syscall(SYS_mmap, page, 4096, RW, ANON | MAP_FIXED_NOREPLACE, -1L, 0));

	SHOW(syscall(SYS_munmap, page + 1, 4096));
	SHOW(syscall(SYS_munmap, page, 0));
	SHOW(syscall(SYS_munmap, BAD_KERNEL, 4096));
	SHOW(syscall(SYS_munmap, BAD_NONCANONICAL, 4096));
	SHOW(syscall(SYS_munmap, 0x7ffffffff000ull, 0x2000));
	SHOW(syscall(SYS_munmap, gone, 4096));
	SHOW(syscall(SYS_munmap, page, -4096ull));
	SHOW(syscall(SYS_munmap, BAD_NULL, 4096));

	SHOW(syscall(SYS_mprotect, page + 1, 4096, PROT_READ));
	SHOW(syscall(SYS_mprotect, gone, 4096, PROT_READ));
	SHOW(syscall(SYS_mprotect, page, 4096, 0x100));
	SHOW(syscall(SYS_mprotect, page, 4096, -1L));
	SHOW(syscall(SYS_mprotect, BAD_KERNEL, 4096, PROT_READ));
	SHOW(syscall(SYS_mprotect, page, 0, PROT_READ));
	SHOW(syscall(SYS_mprotect, page, -4096ull, PROT_READ));
	SHOW(syscall(SYS_mprotect, BAD_NULL, 4096, PROT_READ));
	SHOW(syscall(SYS_mprotect, page, 4096, PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP));

	SHOW_POINTER(syscall(SYS_mremap, page + 1, 4096, 8192, MREMAP_MAYMOVE));
	SHOW_POINTER(syscall(SYS_mremap, gone, 4096, 8192, MREMAP_MAYMOVE));
	SHOW_POINTER(syscall(SYS_mremap, page, 4096, 0, MREMAP_MAYMOVE));
	SHOW_POINTER(syscall(SYS_mremap, page, 4096, 8192, 0x100));
	SHOW_POINTER(syscall(SYS_mremap, page, 4096, 8192, MREMAP_FIXED, 0x300000000ull));
	SHOW_POINTER(syscall(SYS_mremap, page, 4096, 1ull << 62, MREMAP_MAYMOVE));
	SHOW_POINTER(syscall(SYS_mremap, BAD_KERNEL, 4096, 8192, MREMAP_MAYMOVE));
	SHOW_POINTER(syscall(SYS_mremap, page, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, page));
	SHOW_POINTER(syscall(SYS_mremap, page, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, page + 100));

	SHOW(syscall(SYS_madvise, page, 4096, 12345));
	SHOW(syscall(SYS_madvise, page + 1, 4096, MADV_DONTNEED));
	SHOW(syscall(SYS_madvise, gone, 4096, MADV_DONTNEED));
	SHOW(syscall(SYS_madvise, page, 4096, MADV_DONTNEED));

	long start = syscall(SYS_brk, 0);
	int unchanged = 1;
	unsigned long long garbage[] = { 1, 4096, 0xffff800000000000ull, 0x800000000000ull, -1ull, (unsigned long long)start - 1 };
	for (unsigned i = 0; i < sizeof garbage / sizeof garbage[0]; i++)
		unchanged &= syscall(SYS_brk, garbage[i]) == start;
	printf("brk with garbage leaves the break alone: %s\n", unchanged ? "yes" : "no");
	/* Writable again, whatever the bad mprotect calls did to it. */
	syscall(SYS_mprotect, page, 4096, RW);
	*(volatile char *)page = 1;
	printf("the first page is still usable: yes\n");
	still_fine();
	return 0;
}

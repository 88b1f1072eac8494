/*
 * The memory system calls: brk, mmap, munmap, mprotect, mremap, and the
 * advice calls that need no action. Anonymous mappings are zero-filled on
 * first touch; MAP_SHARED anonymous memory is shared with children made
 * after it; a file mapping is private: a copy of the file's bytes read
 * through the file side's pread: a shared file mapping is refused unless
 * it is read-only, where a copy behaves the same; pages past the end of
 * the file are SIGBUS, as Linux's.
 */
#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"
#include "components/posix/syscall.h"
#include "components/posix/untyped.h"

#define MAP_FLAGS_KNOWN                                                                                    \
	(LINUX_MAP_TYPE | LINUX_MAP_FIXED | LINUX_MAP_ANONYMOUS | LINUX_MAP_GROWSDOWN | LINUX_MAP_DENYWRITE | \
	 LINUX_MAP_EXECUTABLE | LINUX_MAP_LOCKED | LINUX_MAP_NORESERVE | LINUX_MAP_POPULATE |                 \
	 LINUX_MAP_NONBLOCK | LINUX_MAP_STACK | LINUX_MAP_HUGETLB | LINUX_MAP_FIXED_NOREPLACE | (0x3full << 26))
#define F_GETFL 3
#define O_ACCMODE 3
#define O_WRONLY 1
#define O_RDWR 2
#define PROT_KNOWN (LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC)
#define PROT_GROWS (0x01000000u | 0x02000000u) /* PROT_GROWSDOWN, PROT_GROWSUP: ignored */

static bool user_range(uint64_t start, uint64_t length)
{
	return start < MEMORY_USER_LIMIT && length <= MEMORY_USER_LIMIT - start &&
	       !(start < ST_UVPT_END && start + length > ST_UVPT_BASE);
}

/* Linux's default overcommit policy refuses one request for more
 * writable memory than the machine has at all; so does this. */
static bool commit_ok(uint64_t bytes)
{
	return bytes <= untyped_total_bytes();
}

long linux_brk(struct process *p, const uint64_t a[6])
{
	struct mm *mm = &p->mm;
	uint64_t wanted = a[0];
	if (wanted < mm->brk_start || wanted >= MEMORY_MMAP_TOP)
		return (long)mm->brk;
	uint64_t old_end = PAGE_UP(mm->brk), new_end = PAGE_UP(wanted);
	if (new_end > old_end) {
		if (!commit_ok(new_end - old_end) || !mm_range_free(mm, old_end, new_end))
			return (long)mm->brk;
		/* The heap region is the one ending at the old end (or new). */
		struct region *heap = old_end > mm->brk_start ? mm_region_at(mm, old_end - 1) : NULL;
		if (heap && (heap->flags & REGION_HEAP))
			heap->end = new_end;
		else if (mm_map(mm, old_end, new_end, LINUX_PROT_READ | LINUX_PROT_WRITE, REGION_HEAP, NULL, 0, 0))
			return (long)mm->brk;
	} else if (new_end < old_end) {
		mm_unmap(mm, new_end, old_end);
	}
	mm->brk = wanted;
	return (long)wanted;
}

/* Fills [address, address + length) of the process with the file's bytes
 * from offset, through the file side's pread64 as the process's own read
 * would: the bytes it got (a short file leaves the rest), or an error. */
static long fill_from_file(struct process *p, int fd, uint64_t address, uint64_t length, uint64_t offset)
{
	uint64_t done = 0;
	while (done < length) {
		const uint64_t args[6] = { (uint64_t)fd, address + done, length - done, offset + done, 0, 0 };
		long got = syscall_invoke(p, LINUX_SYS_pread64, args);
		if (got == POSIX_BLOCK || got == -LINUX_ESPIPE || got == -LINUX_EISDIR || got == -LINUX_EINVAL)
			return -LINUX_ENODEV; /* not a file that can be mapped */
		if (got < 0)
			return got;
		if (got == 0)
			break;
		done += (uint64_t)got;
	}
	return (long)done;
}

/* The checks Linux makes of the file before mapping it, in its order. */
static long check_file(struct process *p, int fd, uint64_t offset, uint64_t length, unsigned prot, bool shared)
{
	const uint64_t args[6] = { (uint64_t)fd, F_GETFL, 0, 0, 0, 0 };
	long flags = syscall_invoke(p, LINUX_SYS_fcntl, args);
	if (flags < 0)
		return flags; /* EBADF */
	if (offset > INT64_MAX - length)
		return -LINUX_EOVERFLOW;
	unsigned access = (unsigned)flags & O_ACCMODE;
	if (access == O_WRONLY || (shared && (prot & LINUX_PROT_WRITE) && access != O_RDWR))
		return -LINUX_EACCES;
	if (shared && (prot & LINUX_PROT_WRITE))
		return -LINUX_ENODEV; /* writable shared file mappings are not offered */
	return 0;
}

static long map_file(struct process *p, int fd, uint64_t address, uint64_t length, uint64_t offset, unsigned prot)
{
	/* The region is writable while it is filled. */
	unsigned filling = prot | LINUX_PROT_READ | LINUX_PROT_WRITE;
	long error = mm_map(&p->mm, address, address + length, filling, 0, NULL, 0, 0);
	long got = error ? error : fill_from_file(p, fd, address, length, offset);
	if (got >= 0 && (uint64_t)got < length) {
		struct region *r = mm_region_at(&p->mm, address);
		r->bus_from = address + PAGE_UP((uint64_t)got);
	}
	error = got < 0 ? got : 0;
	if (!error && filling != prot)
		error = mm_protect(&p->mm, address, address + length, prot);
	if (error) {
		mm_unmap(&p->mm, address, address + length);
		return error == -LINUX_EFAULT ? -LINUX_EACCES : error;
	}
	return (long)address;
}

long linux_mmap(struct process *p, const uint64_t a[6])
{
	uint64_t address = a[0], length = a[1], offset = a[5];
	unsigned prot = (unsigned)a[2] & ~PROT_GROWS, flags = (unsigned)a[3];
	int fd = (int)a[4];
	unsigned type = flags & LINUX_MAP_TYPE;
	if (!length || (prot & ~PROT_KNOWN) || (type != LINUX_MAP_SHARED && type != LINUX_MAP_PRIVATE &&
						 type != LINUX_MAP_SHARED_VALIDATE))
		return -LINUX_EINVAL;
	if (type == LINUX_MAP_SHARED_VALIDATE && (flags & ~MAP_FLAGS_KNOWN))
		return -LINUX_EOPNOTSUPP;
	if (offset & (PAGE_SIZE - 1))
		return -LINUX_EINVAL;
	length = PAGE_UP(length);
	if (!length)
		return -LINUX_ENOMEM;
	bool anonymous = flags & LINUX_MAP_ANONYMOUS;
	bool shared = type != LINUX_MAP_PRIVATE;
	if ((prot & LINUX_PROT_WRITE) && !(flags & LINUX_MAP_NORESERVE) && !commit_ok(length))
		return -LINUX_ENOMEM;
	if (flags & (LINUX_MAP_FIXED | LINUX_MAP_FIXED_NOREPLACE)) {
		if (address & (PAGE_SIZE - 1))
			return -LINUX_EINVAL;
		if (!user_range(address, length))
			return -LINUX_ENOMEM;
	}
	if (!anonymous) {
		long error = check_file(p, fd, offset, length, prot, shared);
		if (error)
			return error;
	}
	if (flags & (LINUX_MAP_FIXED | LINUX_MAP_FIXED_NOREPLACE)) {
		if ((flags & LINUX_MAP_FIXED_NOREPLACE) && !(flags & LINUX_MAP_FIXED) &&
		    !mm_range_free(&p->mm, address, address + length))
			return -LINUX_EEXIST;
	} else {
		/* A hint is taken where it is free, as Linux does. */
		address = PAGE_DOWN(address);
		if (!address || !user_range(address, length) || address < MEMORY_MMAP_BOTTOM ||
		    !mm_range_free(&p->mm, address, address + length))
			address = mm_find_free(&p->mm, length);
		if (!address)
			return -LINUX_ENOMEM;
	}
	if (!anonymous)
		return map_file(p, fd, address, length, offset, prot);
	long error = mm_map(&p->mm, address, address + length, prot, shared ? REGION_SHARED : 0, NULL, 0, 0);
	return error ? error : (long)address;
}

long linux_munmap(struct process *p, const uint64_t a[6])
{
	uint64_t address = a[0], length = PAGE_UP(a[1]);
	if ((address & (PAGE_SIZE - 1)) || !a[1] || !length || !user_range(address, length))
		return -LINUX_EINVAL;
	return mm_unmap(&p->mm, address, address + length);
}

long linux_mprotect(struct process *p, const uint64_t a[6])
{
	uint64_t address = a[0], length = PAGE_UP(a[1]);
	unsigned prot = (unsigned)a[2];
	/* No region grows here, so PROT_GROWSDOWN/UP never apply. */
	if ((address & (PAGE_SIZE - 1)) || (prot & ~PROT_KNOWN) || (a[1] && !length))
		return -LINUX_EINVAL;
	if (!length)
		return 0;
	if (!user_range(address, length))
		return -LINUX_ENOMEM;
	return mm_protect(&p->mm, address, address + length, prot);
}

long linux_mremap(struct process *p, const uint64_t a[6])
{
	uint64_t old_address = a[0], old_length = PAGE_UP(a[1]), new_length = PAGE_UP(a[2]);
	unsigned flags = (unsigned)a[3];
	uint64_t new_address = a[4];
	if ((old_address & (PAGE_SIZE - 1)) || (flags & ~(LINUX_MREMAP_MAYMOVE | LINUX_MREMAP_FIXED | 4u)) ||
	    ((flags & LINUX_MREMAP_FIXED) && !(flags & LINUX_MREMAP_MAYMOVE)) || !new_length)
		return -LINUX_EINVAL;
	if ((flags & 4u) /* MREMAP_DONTUNMAP */ || new_length >= MEMORY_USER_LIMIT)
		return -LINUX_EINVAL;
	if (!user_range(old_address, old_length))
		return -LINUX_EFAULT;
	struct region *r = mm_region_at(&p->mm, old_address);
	if (!r || (old_length && r->end < old_address + old_length))
		return -LINUX_EFAULT;
	if (!old_length)
		return -LINUX_EINVAL; /* duplicating shared mappings is not offered */
	if (flags & LINUX_MREMAP_FIXED) {
		if ((new_address & (PAGE_SIZE - 1)) || !user_range(new_address, new_length) ||
		    (new_address < old_address + old_length && old_address < new_address + new_length))
			return -LINUX_EINVAL;
		long error = mm_unmap(&p->mm, new_address, new_address + new_length);
		if (error)
			return error;
	} else if (new_length <= old_length) {
		if (new_length < old_length)
			mm_unmap(&p->mm, old_address + new_length, old_address + old_length);
		return (long)old_address;
	} else if (r->end == old_address + old_length &&
		   mm_range_free(&p->mm, old_address + old_length, old_address + new_length) &&
		   user_range(old_address, new_length)) {
		/* Grows in place: the region extends over free addresses. */
		r->end = old_address + new_length;
		return (long)old_address;
	} else if (!(flags & LINUX_MREMAP_MAYMOVE)) {
		return -LINUX_ENOMEM;
	} else if (!(new_address = mm_find_free(&p->mm, new_length))) {
		return -LINUX_ENOMEM;
	}
	uint64_t keep = old_length < new_length ? old_length : new_length;
	struct region copy = *r;
	long error = mm_move(&p->mm, old_address, new_address, keep);
	if (error)
		return error;
	if (new_length > keep) {
		/* The rest is new: zero-filled (or beyond the file). */
		struct region *moved = mm_region_at(&p->mm, new_address);
		if (moved && moved->end == new_address + keep)
			moved->end = new_address + new_length;
		else if ((error = mm_map(&p->mm, new_address + keep, new_address + new_length, copy.prot, copy.flags,
					  NULL, 0, 0)))
			return error;
	}
	if (old_length > keep)
		mm_unmap(&p->mm, old_address + keep, old_address + old_length);
	return (long)new_address;
}

/* madvise: only MADV_DONTNEED (and MADV_FREE) act: private pages are
 * dropped, to be filled afresh (zero, or the program's bytes) when next
 * touched. */
long linux_madvise(struct process *p, const uint64_t a[6])
{
	uint64_t address = a[0], length = PAGE_UP(a[1]), advice = a[2];
	bool known = advice <= 4 || (advice >= 8 && advice <= 23) || advice == 100 || advice == 101;
	if (!known || (address & (PAGE_SIZE - 1)) || (a[1] && !length))
		return -LINUX_EINVAL;
	if (!length)
		return 0;
	if (!user_range(address, length))
		return -LINUX_ENOMEM;
	/* Linux says ENOMEM when part of the range has no mapping. */
	uint64_t covered = address;
	for (struct region *r = p->mm.regions; r && r->start < address + length; r = r->next) {
		if (r->end <= covered)
			continue;
		if (r->start > covered)
			break;
		covered = r->end;
	}
	if (covered < address + length)
		return -LINUX_ENOMEM;
	if (advice == 4 /* MADV_DONTNEED */ || advice == 8 /* MADV_FREE */)
		mm_discard(&p->mm, address, address + length);
	return 0;
}

long linux_mincore(struct process *p, const uint64_t a[6])
{
	uint64_t address = a[0], length = PAGE_UP(a[1]);
	if (address & (PAGE_SIZE - 1))
		return -LINUX_EINVAL;
	for (uint64_t page = 0; page < length / PAGE_SIZE; page++) {
		if (!mm_region_at(&p->mm, address + page * PAGE_SIZE))
			return -LINUX_ENOMEM;
		struct pm_entry *e = pagemap_entry(&p->mm.pages, address + page * PAGE_SIZE, false);
		uint8_t resident = e && e->frame;
		if (user_write(p, a[2] + page, &resident, 1))
			return -LINUX_EFAULT;
	}
	return 0;
}

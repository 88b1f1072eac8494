/*
 * A process's address space: its regions (program segments, the brk heap,
 * mmap areas, the stack) and the pages mapped in them. Nothing is mapped
 * ahead of use: a page is filled when the process first touches it (its
 * fault arrives as a message) or when the personality reads or writes it
 * for a system call. Private pages are shared copy-on-write after fork.
 */
#ifndef POSIX_MEMORY_H
#define POSIX_MEMORY_H

#include <stdbool.h>
#include <stdint.h>

#include "components/posix/image.h"
#include "components/posix/pagemap.h"

/* Linux's protections and mmap flags. */
#define LINUX_PROT_NONE 0
#define LINUX_PROT_READ 1
#define LINUX_PROT_WRITE 2
#define LINUX_PROT_EXEC 4
#define LINUX_MAP_SHARED 0x01
#define LINUX_MAP_PRIVATE 0x02
#define LINUX_MAP_SHARED_VALIDATE 0x03
#define LINUX_MAP_TYPE 0x0f
#define LINUX_MAP_FIXED 0x10
#define LINUX_MAP_ANONYMOUS 0x20
#define LINUX_MAP_GROWSDOWN 0x0100
#define LINUX_MAP_DENYWRITE 0x0800
#define LINUX_MAP_EXECUTABLE 0x1000
#define LINUX_MAP_LOCKED 0x2000
#define LINUX_MAP_NORESERVE 0x4000
#define LINUX_MAP_POPULATE 0x8000
#define LINUX_MAP_NONBLOCK 0x10000
#define LINUX_MAP_STACK 0x20000
#define LINUX_MAP_HUGETLB 0x40000
#define LINUX_MAP_FIXED_NOREPLACE 0x100000
#define LINUX_MREMAP_MAYMOVE 1
#define LINUX_MREMAP_FIXED 2

#define PAGE_SIZE 4096ull
#define PAGE_DOWN(a) ((a) & ~(PAGE_SIZE - 1))
#define PAGE_UP(a) (((a) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))

/* The layout of a Linux process here. The 512 GiB below 0x7f8000000000
 * hold each address space's view of its own page tables (ST_UVPT_BASE),
 * so mmap areas are placed below that and the stack above it. */
#define MEMORY_MMAP_TOP ST_UVPT_BASE
#define MEMORY_MMAP_BOTTOM 0x0000000100000000ull
#define MEMORY_STACK_TOP ST_USER_ADDRESS_LIMIT
#define MEMORY_STACK_SIZE (8ull << 20)
#define MEMORY_USER_LIMIT ST_USER_ADDRESS_LIMIT

enum region_flag {
	REGION_SHARED = 1 << 0, /* writes are seen by every process mapping it (no copy-on-write) */
	REGION_HEAP = 1 << 1,   /* the brk area */
	REGION_STACK = 1 << 2,
};

struct region {
	struct region *next; /* sorted by address, never overlapping */
	uint64_t start, end; /* page-aligned */
	unsigned prot;       /* LINUX_PROT_* */
	unsigned flags;      /* REGION_* */
	/* Pages below file_end come from the executable's bytes (from
	 * image_offset for start); the rest of the region is zero-filled. */
	struct image *image;
	uint64_t image_offset, file_end;
	/* A mapped file shorter than the region: its pages from here on are
	 * past the end of the file, and touching them is SIGBUS (0: none). */
	uint64_t bus_from;
};

struct mm {
	uint64_t vspace; /* slot reference of the process's address space */
	struct region *regions;
	struct pagemap pages;
	slot_id *page_tables;
	unsigned page_table_count, page_table_capacity;
	uint64_t brk_start, brk;
};

/* Access kinds, and why a fault cannot be served (si_code for SIGSEGV). */
#define ACCESS_READ 1u
#define ACCESS_WRITE 2u
#define ACCESS_EXECUTE 4u
enum mm_fault_result {
	MM_FAULT_OK = 0,
	MM_FAULT_MAPERR = 1, /* no region there (SEGV_MAPERR) */
	MM_FAULT_ACCERR = 2, /* the region does not allow it (SEGV_ACCERR) */
	MM_FAULT_NOMEM = 3,
	MM_FAULT_BUS = 4,    /* past the end of a mapped file (SIGBUS) */
};

void mm_init(struct mm *mm, uint64_t vspace);
/* Unmaps and forgets everything (for exec and exit). */
void mm_clear(struct mm *mm);
/* Makes child a copy of parent (empty before): shared pages shared,
 * private pages copy-on-write in both. 0 or -LINUX_ENOMEM. */
long mm_fork(struct mm *child, struct mm *parent);

/* Makes the page at address present with the access allowed, as a fault
 * there would. */
enum mm_fault_result mm_fault(struct mm *mm, uint64_t address, unsigned access);

struct region *mm_region_at(struct mm *mm, uint64_t address);
/* A new region over [start, end), replacing whatever was there; image may
 * be NULL (zero-filled). 0 or -LINUX_ENOMEM. */
long mm_map(struct mm *mm, uint64_t start, uint64_t end, unsigned prot, unsigned flags, struct image *image,
	    uint64_t image_offset, uint64_t file_end);
/* Removes [start, end) (page-aligned) from the regions and its pages. */
long mm_unmap(struct mm *mm, uint64_t start, uint64_t end);
/* New protection for [start, end): -LINUX_ENOMEM if part of it is not
 * mapped. */
long mm_protect(struct mm *mm, uint64_t start, uint64_t end, unsigned prot);
/* Moves the pages of [from, from + length) to [to, to + length) (a free
 * range), with their region. */
long mm_move(struct mm *mm, uint64_t from, uint64_t to, uint64_t length);
/* Drops the pages of private regions in [start, end): the next touch
 * fills them afresh (shared pages are kept). */
void mm_discard(struct mm *mm, uint64_t start, uint64_t end);
/* Whether [start, end) overlaps no region. */
bool mm_range_free(struct mm *mm, uint64_t start, uint64_t end);
/* A free range of length bytes for mmap, highest first below the top; 0
 * if none. */
uint64_t mm_find_free(struct mm *mm, uint64_t length);

#endif

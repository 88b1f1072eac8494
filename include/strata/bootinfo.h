/*
 * What the nucleus tells the root task: which capabilities are in which slot
 * of its root CNode. A read-only page whose address the root task gets in
 * rdi at its entry.
 */
#ifndef STRATA_BOOTINFO_H
#define STRATA_BOOTINFO_H

#include <stdint.h>

#define ST_BOOTINFO_MAGIC 0x4f464e49544f4f42ull /* "BOOTINFO" */
#define ST_BOOTINFO_UNTYPED_MAX 120
#define ST_BOOTINFO_MODULES_MAX 8
#define ST_BOOTINFO_CMDLINE_MAX 256

/* The root CNode's fixed slots (slot 0 is never used). */
enum st_root_slot {
	ST_ROOT_CNODE = 1,           /* the root CNode itself */
	ST_ROOT_THREAD = 2,          /* the root task's thread */
	ST_ROOT_VSPACE = 3,          /* its address space */
	ST_ROOT_IRQ_CONTROL = 4,
	ST_ROOT_IO_PORT_CONTROL = 5,
	ST_ROOT_BOOTINFO_FRAME = 6,  /* the frame holding this page (mapped) */
	ST_ROOT_FIRST_IMAGE_SLOT = 7, /* then the image's frames and page tables */
};

struct st_bootinfo_untyped {
	uint64_t phys;
	uint32_t slot;
	uint8_t size_bits;
	uint8_t reserved[3];
};

/* A boot module other than the root task: its frames (unmapped), in order,
 * in frame_count consecutive slots from first_slot; its bytes start at
 * offset (phys & 0xfff) in the first frame. */
struct st_bootinfo_module {
	uint64_t phys;
	uint64_t size;
	uint32_t first_slot;
	uint32_t frame_count;
	char name[64];
};

struct st_bootinfo {
	uint64_t magic;
	uint32_t cnode_size_bits;   /* the root CNode has 2^this slots */
	uint32_t first_free_slot;   /* slots from here to the end are empty */
	uint32_t image_first_slot;  /* the root task's own frames and page tables */
	uint32_t image_slot_count;
	uint32_t untyped_count;
	uint32_t module_count;
	uint64_t untyped_bytes;     /* total memory in the untyped capabilities */
	uint64_t timer_hz;          /* the nucleus's scheduling tick */
	uint64_t tsc_hz;            /* the time-stamp counter's rate */
	char cmdline[ST_BOOTINFO_CMDLINE_MAX]; /* the kernel command line */
	struct st_bootinfo_untyped untyped[ST_BOOTINFO_UNTYPED_MAX];
	struct st_bootinfo_module modules[ST_BOOTINFO_MODULES_MAX];
};

_Static_assert(sizeof(struct st_bootinfo) <= 4096, "bootinfo fits in one page");

#endif

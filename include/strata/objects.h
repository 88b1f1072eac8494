/* Kinds of nucleus object, capability rights, and object sizes. */
#ifndef STRATA_OBJECTS_H
#define STRATA_OBJECTS_H

enum st_object_type {
	ST_OBJECT_NULL = 0,         /* an empty slot */
	ST_OBJECT_UNTYPED = 1,      /* physical memory to retype into objects */
	ST_OBJECT_CNODE = 2,        /* a table of 2^n capability slots */
	ST_OBJECT_THREAD = 3,       /* a thread control block */
	ST_OBJECT_VSPACE = 4,       /* an address space (top-level page table) */
	ST_OBJECT_PAGE_TABLE = 5,   /* a page table of any lower level */
	ST_OBJECT_FRAME = 6,        /* 4 KiB of memory to map */
	ST_OBJECT_LARGE_FRAME = 7,  /* 2 MiB of memory to map */
	ST_OBJECT_IRQ_CONTROL = 8,  /* authority to make interrupt handlers */
	ST_OBJECT_IO_PORT_CONTROL = 9, /* authority over I/O port ranges */
};

#define ST_OBJECT_TYPE_COUNT 10

/* Capability rights: what a holder may do with the object. */
#define ST_RIGHT_READ (1u << 0)
#define ST_RIGHT_WRITE (1u << 1)
#define ST_RIGHT_GRANT (1u << 2)
#define ST_RIGHT_EXECUTE (1u << 3) /* frames: may be mapped executable */
#define ST_RIGHTS_ALL 0xfu

/* Size of one capability slot, and the smallest and largest untyped. */
#define ST_SLOT_SIZE_BITS 7 /* 128 bytes: the capability, its derivation links, its mapping links */
#define ST_UNTYPED_MIN_BITS 4
#define ST_UNTYPED_MAX_BITS 47
#define ST_CNODE_MIN_BITS 1  /* at least 2 slots */
#define ST_CNODE_MAX_BITS 16

#endif

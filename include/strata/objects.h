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
	ST_OBJECT_ENDPOINT = 10,    /* synchronous IPC rendezvous (badgeable) */
	ST_OBJECT_NOTIFICATION = 11, /* a word of signal bits (badgeable) */
	ST_OBJECT_REPLY = 12,       /* where a received call's one-shot reply right is kept */
	ST_OBJECT_IRQ_HANDLER = 13, /* one interrupt line or MSI vector (from IRQ control) */
	ST_OBJECT_IO_PORTS = 14,    /* a range of I/O ports (from I/O port control) */
};

#define ST_OBJECT_TYPE_COUNT 15

/* Capability rights: what a holder may do with the object. */
#define ST_RIGHT_READ (1u << 0)
#define ST_RIGHT_WRITE (1u << 1)
#define ST_RIGHT_GRANT (1u << 2)
#define ST_RIGHT_EXECUTE (1u << 3) /* frames: may be mapped executable */
#define ST_RIGHTS_ALL 0xfu

/* Frame mapping flags, or'ed with the rights in ST_SYS_FRAME_MAP/PROTECT. */
#define ST_MAP_ALLOW_WRITE_EXECUTE (1u << 8) /* W+X is refused without it */

/* Object sizes (log2 bytes). */
#define ST_SLOT_SIZE_BITS 7 /* 128 bytes: the capability, its derivation links, its mapping links */
#define ST_THREAD_SIZE_BITS 12
#define ST_VSPACE_SIZE_BITS 13 /* the top-level table and a page of bookkeeping */
#define ST_PAGE_TABLE_SIZE_BITS 12
#define ST_FRAME_SIZE_BITS 12
#define ST_LARGE_FRAME_SIZE_BITS 21
#define ST_ENDPOINT_SIZE_BITS 5
#define ST_NOTIFICATION_SIZE_BITS 5
#define ST_REPLY_SIZE_BITS 5
#define ST_UNTYPED_MIN_BITS 4
#define ST_UNTYPED_MAX_BITS 47
#define ST_CNODE_MIN_BITS 1  /* at least 2 slots */
#define ST_CNODE_MAX_BITS 16

/* An object's size (log2 bytes) when retyped with size_bits (a CNode:
 * 2^size_bits slots; untyped: its size); 0 when no such object can be made.
 * The nucleus and user-level allocators count the same way. */
static inline unsigned st_object_size_bits(unsigned type, unsigned size_bits)
{
	switch (type) {
	case ST_OBJECT_UNTYPED:
		return size_bits >= ST_UNTYPED_MIN_BITS && size_bits <= ST_UNTYPED_MAX_BITS ? size_bits : 0;
	case ST_OBJECT_CNODE:
		return size_bits >= ST_CNODE_MIN_BITS && size_bits <= ST_CNODE_MAX_BITS
			       ? size_bits + ST_SLOT_SIZE_BITS
			       : 0;
	case ST_OBJECT_THREAD:
		return ST_THREAD_SIZE_BITS;
	case ST_OBJECT_VSPACE:
		return ST_VSPACE_SIZE_BITS;
	case ST_OBJECT_PAGE_TABLE:
		return ST_PAGE_TABLE_SIZE_BITS;
	case ST_OBJECT_FRAME:
		return ST_FRAME_SIZE_BITS;
	case ST_OBJECT_LARGE_FRAME:
		return ST_LARGE_FRAME_SIZE_BITS;
	case ST_OBJECT_ENDPOINT:
		return ST_ENDPOINT_SIZE_BITS;
	case ST_OBJECT_NOTIFICATION:
		return ST_NOTIFICATION_SIZE_BITS;
	case ST_OBJECT_REPLY:
		return ST_REPLY_SIZE_BITS;
	default:
		return 0; /* the null type and the boot-only control objects */
	}
}
#define ST_RETYPE_MAX_COUNT (1u << ST_CNODE_MAX_BITS)

/* Thread states (ST_SYS_THREAD_STATE). */
enum st_thread_state {
	ST_THREAD_INACTIVE = 0,  /* made, never resumed */
	ST_THREAD_RUNNABLE = 1,  /* running or ready to run */
	ST_THREAD_SUSPENDED = 2, /* stopped by ST_SYS_THREAD_SUSPEND */
	ST_THREAD_FAULTED = 3,   /* stopped by a CPU exception it could not handle */
	ST_THREAD_EXITED = 4,    /* called ST_SYS_THREAD_EXIT */
	ST_THREAD_BLOCKED_SEND = 5,    /* in send or call, waiting for a receiver */
	ST_THREAD_BLOCKED_RECEIVE = 6, /* in receive on an endpoint, waiting for a sender */
	ST_THREAD_BLOCKED_REPLY = 7,   /* its call (or fault) was received; waiting for the reply */
	ST_THREAD_BLOCKED_NOTIFICATION = 8, /* in receive on a notification */
	ST_THREAD_SLEEPING = 9,        /* in ST_SYS_SLEEP */
};

#define ST_PRIORITY_MAX 255
#define ST_TIME_SLICE_MAX_US 10000000u /* 10 s */

/* Each address space shows its own page tables, read-only, in this 512 GiB
 * window (one top-level slot mapped recursively): the entry that maps
 * address a is the 8-byte word at ST_UVPT_BASE + (a >> 12) * 8 when the
 * tables above it are present; see docs/objects.md. */
#define ST_UVPT_SLOT 254ull
#define ST_UVPT_BASE (ST_UVPT_SLOT << 39)
#define ST_UVPT_END (ST_UVPT_BASE + (1ull << 39))
/* User addresses lie below this. The last page under the canonical hole is
 * left out: an instruction ending there would continue at a non-canonical
 * address, which sysret and iret fault on in the nucleus, not in the thread. */
#define ST_USER_ADDRESS_LIMIT 0x00007ffffffff000ull

#endif

/*
 * The library-OS placement of the personality (placement=exo): a small
 * image the personality server maps into every Linux process beside the
 * program. The nucleus sends the thread's Linux system calls to
 * libos_upcall (ST_PERSONALITY_UPCALL) in the process itself; the library
 * OS answers what the process can answer alone (its ids, the time, uname)
 * with plain function calls, and forwards the rest to the server as one
 * native IPC call. The server reaches the application's saved registers
 * through struct libos_state, at a fixed address in the process.
 */
#ifndef POSIX_LIBOS_H
#define POSIX_LIBOS_H

#include <stdint.h>

#include "include/strata/syscalls.h"

/* The image's place in every exo process (its linker script says the same). */
#define LIBOS_BASE 0x00006f0000000000ull
#define LIBOS_LIMIT 0x00006f0001000000ull  /* 16 MiB of addresses for it */
#define LIBOS_STATE_ADDRESS LIBOS_BASE      /* struct libos_state, first page */
#define LIBOS_UPCALL_ADDRESS (LIBOS_BASE + 0x1000) /* libos_upcall, first in .text */
#define LIBOS_STATE_MAGIC 0x534f4c4f4f42494cull /* "LIBOOLOS" */

/* A forwarded call: label LIBOS_LABEL_LINUX, 4 words (the number and
 * arguments 0-2, as the nucleus's ST_MSG_LINUX message starts), arguments
 * 3-5 in libos_state.args, which the server reads from the process (no
 * IPC buffer to keep private across fork); the reply's word 0 is the
 * result. */
#define LIBOS_LABEL_LINUX 0x4c58
/* The same for a call known to take at most 3 arguments: the server need
 * not read libos_state.args. */
#define LIBOS_LABEL_LINUX_SHORT 0x4c59

/* The capabilities the server puts in the process's root CNode. */
#define LIBOS_SLOT_SERVER 1     /* the personality endpoint, badged (also the fault handler) */

/* The personality's clock, here and in the server: nanoseconds from the
 * time-stamp counter with a multiplier (1e9 << 32) / tsc_hz, so no
 * division on the way. */
static inline uint64_t libos_tsc_to_ns(uint64_t tsc, uint64_t ns_per_tsc_q32)
{
	return (uint64_t)(((unsigned __int128)tsc * ns_per_tsc_q32) >> 32);
}

struct libos_state {
	uint64_t magic;
	/* Written by the server before the program starts, and by the library
	 * OS: what it answers locally. pid 0 means "ask the server". */
	int64_t pid;
	uint64_t ns_per_tsc_q32;    /* nanoseconds per TSC tick, times 2^32 */
	uint64_t boot_tsc;          /* the TSC at monotonic time 0 */
	int64_t realtime_offset_ns; /* wall clock minus monotonic time */
	uint64_t entry, stack;      /* where the program starts */
	uint64_t args[3];           /* a forwarded call's arguments 3-5 */
	/* The application's registers while the library OS runs (fs_base
	 * unused: the thread's own is the application's). */
	struct st_registers context;
};

#endif

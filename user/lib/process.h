/*
 * Starting programs: a new process (CNode, address space, thread) loaded
 * from an ELF image in memory, and threads in the caller's own process.
 */
#ifndef USER_LIB_PROCESS_H
#define USER_LIB_PROCESS_H

#include <stddef.h>
#include <stdint.h>

#include "user/lib/strata.h"

/* Where the loader maps pages of its own while filling them. */
#define ST_SCRATCH_ADDRESS 0x0000100000000000ull
/* Where st_map_module puts boot modules in the root task. */
#define ST_MODULE_ADDRESS 0x0000200000000000ull
/* A new process's stack: 64 KiB below this, with an unmapped page above. */
#define ST_PROCESS_STACK_TOP (ST_USER_ADDRESS_LIMIT - 4096)
#define ST_PROCESS_STACK_PAGES 16

struct st_process {
	uint32_t cnode, vspace, thread; /* slots in the caller's root CNode */
	uint64_t entry;
};

/* Maps boot module `index` of the bootinfo read-only into the caller's
 * address space; a pointer to its first byte, or NULL. */
const void *st_map_module(const struct st_bootinfo *bootinfo, unsigned index);

/* Makes a process from an ELF64 executable: its CNode (2^cnode_bits
 * slots; slots 1-3 hold its CNode, thread and address space, as in the
 * root task), its address space with the image and a stack, its thread
 * (not started). */
long st_process_create(const void *elf, size_t size, unsigned cnode_bits, const char *name,
		       struct st_process *process);

/* Makes the endpoint capability at fault_handler (a slot of the process's
 * own CNode, with WRITE) its thread's fault handler: its CPU exceptions
 * arrive there as fault messages (ST_MSG_FAULT) instead of stopping it.
 * (It reconfigures the thread as st_process_create did: no IPC buffer.) */
long st_process_set_fault_handler(const struct st_process *process, uint64_t fault_handler);

/* Starts it with rdi = argument at the given priority (the caller's MCP
 * allowing). */
long st_process_start(const struct st_process *process, uint64_t argument, unsigned priority);

/* A thread in the caller's own process running entry(argument) on the
 * given stack (its top); made, configured and started. */
long st_thread_spawn(void (*entry)(uint64_t), uint64_t argument, void *stack_top, unsigned priority,
		     const char *name, uint32_t *thread);

#endif

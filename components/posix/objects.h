/*
 * Recycled nucleus objects. Page tables, reply objects and process shells
 * (a thread, its address space and its small CNode) are made from untyped
 * memory when first needed and kept on free lists afterwards, since the
 * nucleus never gives untyped memory back while anything made from it
 * lives.
 */
#ifndef POSIX_OBJECTS_H
#define POSIX_OBJECTS_H

#include <stdint.h>

#include "components/posix/slots.h"

/* A page table (unmapped); 0 when memory has run out. */
slot_id page_table_get(void);
/* Unmaps it (which clears it) and keeps it. */
void page_table_put(slot_id table);

/* A reply object in a root CNode slot (the IPC fastpath wants the
 * server's capabilities there); 0 when none can be made. */
uint32_t reply_get(void);
/* It must hold no caller any more. */
void reply_put(uint32_t reply);

/* What a Linux process runs in. Its CNode has two slots: slot 1 holds the
 * personality's endpoint minted with the process's badge, which is both
 * its fault handler and its Linux system-call handler. */
#define SHELL_CNODE_BITS 1
#define SHELL_HANDLER_SLOT 1
#define SHELL_PRIORITY 100 /* below the personality and the console (200) */
struct shell {
	struct shell *next_free;
	slot_id thread, vspace, cnode;
};

/* A shell whose thread is stopped and whose address space is empty;
 * NULL when memory has run out. */
struct shell *shell_get(void);
/* Puts the endpoint (a root slot), minted with badge and only the right
 * to send, in the shell's handler slot, replacing what was there. */
long shell_set_handler(struct shell *shell, uint32_t endpoint, uint64_t badge);
/* Its thread must be stopped (suspended, never to run again as it was)
 * and its address space emptied. */
void shell_put(struct shell *shell);

#endif

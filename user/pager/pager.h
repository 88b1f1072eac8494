/*
 * What the pager (user/pager, the root task) and its client
 * (user/pager-client, a process it starts) agree on: where the client's
 * demand-zero region is, and how the client touches it.
 */
#ifndef USER_PAGER_PAGER_H
#define USER_PAGER_PAGER_H

#include <stdint.h>

/* 64 MiB that the client's address space starts without: the pager maps a
 * zeroed frame at each page the client first touches. */
#define PAGER_REGION_BASE ((uint64_t)0x0000010000000000)
#define PAGER_REGION_SIZE ((uint64_t)64 << 20)
#define PAGER_REGION_PAGES (PAGER_REGION_SIZE / 4096)

/* The client writes (then reads back) this many pages spread over the
 * region, first and last page included, and reads this many others it
 * never wrote: each is one fault. */
#define PAGER_PAGES_WRITTEN 64
#define PAGER_PAGES_READ 16
#define PAGER_FAULTS_EXPECTED (PAGER_PAGES_WRITTEN + PAGER_PAGES_READ)

/* The client's fault handler: a badged endpoint capability in this slot
 * of its CNode (slots 1-3 hold its CNode, thread and address space). */
#define PAGER_CLIENT_FAULT_SLOT 4
#define PAGER_CLIENT_BADGE 0xc11e47

#endif

/* Helpers shared by the address-space suite's files (user/test-vspace). */
#ifndef USER_TEST_VSPACE_VSPACE_TESTS_H
#define USER_TEST_VSPACE_VSPACE_TESTS_H

#include "user/lib/utest.h"
#include "user/probe/probe.h"

/* Page-table entry bits, as the window shows them. */
#define PTE_PRESENT (1ull << 0)
#define PTE_WRITABLE (1ull << 1)
#define PTE_USER (1ull << 2)
#define PTE_LARGE (1ull << 7)
#define PTE_NO_EXECUTE (1ull << 63)
#define PTE_ADDRESS_MASK 0x000ffffffffff000ull

/* Page-fault error code bits (vector 14). */
#define PF_PRESENT (1u << 0) /* a protection violation, not a missing page */
#define PF_WRITE (1u << 1)
#define PF_USER (1u << 2)
#define PF_FETCH (1u << 4)
#define VECTOR_PAGE_FAULT 14

#define READ_WRITE (ST_RIGHT_READ | ST_RIGHT_WRITE)
#define READ_EXECUTE (ST_RIGHT_READ | ST_RIGHT_EXECUTE)
#define LARGE_PAGE (1ull << 21)

/* How a thread stopped (ST_SYS_THREAD_STATE, error code included). */
struct stop {
	unsigned state, vector;
	uint64_t error, address;
};

struct stop thread_stop_of(uint32_t thread);

/* Spawns a thread of the root's address space at the root's priority
 * running entry(argument), and waits until it exits or faults. */
struct stop run_thread(void (*entry)(uint64_t), uint64_t argument);

/* Entries for run_thread: touch the 8 bytes at address. */
void read_word(uint64_t address);
void write_word(uint64_t address);

/* True if the thread faulted with a page fault at address. */
bool page_faulted_at(struct stop stop, uint64_t address);

/* A copy of the capability in slot, with the given rights; its slot. */
uint32_t copy_cap(uint32_t slot, unsigned rights);

/* Maps fresh page tables at address in vspace until every level is there;
 * how many it took. */
unsigned map_tables(uint32_t vspace, uint64_t address);

/* A fresh address space with page tables down to the last level at
 * address. */
uint32_t vspace_with_tables(uint64_t address);

/* A free page of the root's test area whose page tables are all present
 * (a neighbouring page is mapped to make them). */
uint64_t address_with_tables(void);

/* The probe process (user/probe), made but not started. */
bool probe_create(struct st_process *probe);

/* Starts it with PROBE_ARGUMENT(mode, address) and waits until it stops. */
struct stop probe_run(const struct st_process *probe, uint64_t mode, uint64_t address);

/* The identify info of a capability (0 if the slot is unusable). */
uint64_t cap_info(uint32_t slot);

#endif

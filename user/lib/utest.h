/*
 * The nucleus test suite's harness, in the style of sel4test: each UTEST
 * runs in the root task with the root's untyped memory; afterwards the
 * harness revokes every untyped capability and deletes every slot the test
 * filled, so each test starts from the same state and every object a test
 * made is destroyed (which also exercises revoke). Results go to the
 * console as "UTEST <name> PASS|FAIL", which tests/run-all counts.
 */
#ifndef USER_LIB_UTEST_H
#define USER_LIB_UTEST_H

#include <stdbool.h>
#include <stdint.h>

#include "user/lib/alloc.h"
#include "user/lib/process.h"
#include "user/lib/strata.h"

struct utest {
	const char *name;
	void (*run)(void);
};

#define UTEST(test_name)                                                                        \
	static void utest_##test_name(void);                                                    \
	static const struct utest utest_entry_##test_name                                       \
		__attribute__((used, section("utests"), aligned(8))) = { #test_name, utest_##test_name }; \
	static void utest_##test_name(void)

void utest_check(bool ok, const char *expression, const char *file, int line);
void utest_check_equal(int64_t got, int64_t expected, const char *expression, const char *file, int line);

/* A condition that must hold. */
#define UCHECK(condition) utest_check((condition), #condition, __FILE__, __LINE__)
/* A value that must equal what is expected (error codes, counts): prints both. */
#define UCHECK_EQ(expression, expected) \
	utest_check_equal((int64_t)(expression), (int64_t)(expected), #expression, __FILE__, __LINE__)

/* The bootinfo the suite was started with. */
extern const struct st_bootinfo *utest_bootinfo;

/* An empty slot in the root CNode (the harness empties it afterwards). */
uint32_t utest_slot(void);

/* A new object (size_bits as for retype), in a fresh slot; fails the test
 * (and returns 0) if it cannot be made. */
uint32_t utest_object(unsigned type, unsigned size_bits);

/* A fresh untyped capability of 2^size_bits bytes for the test's own use. */
uint32_t utest_untyped(unsigned size_bits);

/* A frame mapped read-write in the root's address space at a fresh address
 * of the harness's test area; its address. *frame gets its slot. */
void *utest_mapped_frame(uint32_t *frame);

/* A copy (or a badged mint) of the capability in slot, with these rights,
 * in a fresh slot. */
uint32_t utest_copy(uint32_t slot, unsigned rights);
uint32_t utest_mint(uint32_t slot, unsigned rights, uint64_t badge);

/* An IPC buffer for the calling thread: a fresh frame, mapped and named in
 * its configuration. */
struct st_ipc_buffer *utest_ipc_buffer(void);

/* The boot module whose name contains `name`, mapped read-only afresh (an
 * earlier test's mapping of it is undone first); NULL, failing the test,
 * if there is none. *module (if given) gets its bootinfo entry. */
const void *utest_map_module(const char *name, const struct st_bootinfo_module **module);

/* A fresh, unused address range of `size` bytes in the test area (aligned
 * to size, at most 1 GiB), for tests that map things themselves. */
uint64_t utest_address(uint64_t size);

/* Yields until *flag is non-zero or about `ticks` timer ticks have passed
 * (measured with the TSC); true if the flag was set. */
bool utest_wait_for(volatile uint64_t *flag, unsigned ticks);

/* Waits until the thread has stopped (exited or faulted); its state. */
unsigned utest_wait_stopped(uint32_t thread, unsigned ticks);

#endif

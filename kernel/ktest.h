/*
 * In-guest tests. `test=NAME` on the command line runs one test at its stage
 * of boot; the result goes over serial and out through isa-debug-exit
 * (kernel/stop.h). A test that returns passes unless a KCHECK failed; tests
 * that provoke a fault or panic never return, and tests/guest/tests.list
 * says what the host runner expects to see instead.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <stdbool.h>

#include "kernel/boot_info.h"

enum ktest_stage {
	KTEST_STAGE_EARLY, /* before the memory map is used: may rewrite it */
	KTEST_STAGE_LATE,  /* everything initialised, interrupts on */
	KTEST_STAGE_USER,  /* ready for user mode: the test starts user threads
			    * and passes when they have all finished, unless the
			    * nucleus stopped first */
};

struct ktest {
	const char *name;
	enum ktest_stage stage;
	/* An early test that sets up a condition and lets boot go on, expecting
	 * boot to stop (a panic); reaching the late stage is then a failure. */
	bool continues_boot;
	void (*run)(struct boot_info *info);
};

#define KTEST_DEFINE(test_name, test_stage, test_continues)                            \
	static void ktest_##test_name(struct boot_info *info);                         \
	static const struct ktest ktest_entry_##test_name                              \
		__attribute__((used, section(".ktests"), aligned(8))) = {              \
			#test_name, test_stage, test_continues, ktest_##test_name };   \
	static void ktest_##test_name(struct boot_info *info __attribute__((unused)))

#define KTEST(test_name, test_stage) KTEST_DEFINE(test_name, test_stage, false)
#define KTEST_BOOT_MUST_STOP(test_name) KTEST_DEFINE(test_name, KTEST_STAGE_EARLY, true)

void ktest_check(bool ok, const char *expression, const char *file, int line);
#define KCHECK(condition) ktest_check((condition), #condition, __FILE__, __LINE__)

/* Runs the selected test if it belongs to this stage; a test that returns
 * stops the machine with its verdict. Unknown test names fail at once. */
void ktest_run_stage(enum ktest_stage stage, struct boot_info *info);

/* Called when no user thread is left to run: ends a user-stage test. */
void ktest_user_threads_finished(void);

#endif

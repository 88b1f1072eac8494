#include "kernel/ktest.h"

#include "kernel/cmdline.h"
#include "kernel/printk.h"
#include "kernel/stop.h"
#include "lib/string.h"

extern const struct ktest ktest_table_start[], ktest_table_end[];

static unsigned failed_checks;
static const struct ktest *user_stage_test;

void ktest_check(bool ok, const char *expression, const char *file, int line)
{
	if (ok)
		return;
	failed_checks++;
	kprintf("KTEST CHECK FAILED %s:%d: %s\n", file, line, expression);
}

static const struct ktest *find_test(const char *name)
{
	for (const struct ktest *t = ktest_table_start; t < ktest_table_end; t++) {
		if (!strcmp(t->name, name))
			return t;
	}
	return NULL;
}

void ktest_run_stage(enum ktest_stage stage, struct boot_info *info)
{
	if (!kernel_options.test[0])
		return;
	const struct ktest *test = find_test(kernel_options.test);
	if (!test) {
		kprintf("KTEST unknown test '%s'; known tests:", kernel_options.test);
		for (const struct ktest *t = ktest_table_start; t < ktest_table_end; t++)
			kprintf(" %s", t->name);
		kprintf("\n");
		system_stop(STOP_TEST_FAIL);
	}
	if (test->continues_boot && stage > test->stage) {
		kprintf("KTEST FAIL %s: boot went on where it should have stopped\n", test->name);
		system_stop(STOP_TEST_FAIL);
	}
	if (test->stage != stage)
		return;
	kprintf("KTEST START %s\n", test->name);
	if (stage == KTEST_STAGE_USER)
		user_stage_test = test;
	test->run(info);
	if (test->continues_boot)
		return;
	kprintf("KTEST %s %s (%u failed checks)\n", failed_checks ? "FAIL" : "PASS", test->name, failed_checks);
	system_stop(failed_checks ? STOP_TEST_FAIL : STOP_TEST_PASS);
}

void ktest_user_threads_finished(void)
{
	if (!user_stage_test)
		return;
	kprintf("KTEST %s %s: all user threads finished (%u failed checks)\n", failed_checks ? "FAIL" : "PASS",
		user_stage_test->name, failed_checks);
	system_stop(failed_checks ? STOP_TEST_FAIL : STOP_TEST_PASS);
}

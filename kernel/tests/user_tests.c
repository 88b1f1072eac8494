/* User mode: the root task runs; it reads the test name from the command
 * line in its bootinfo and behaves accordingly. tests.list checks output. */
#include "kernel/ktest.h"
#include "kernel/root_task.h"

KTEST(user_root_task, KTEST_STAGE_USER)
{
	root_task_run(info);
}

KTEST(user_fault, KTEST_STAGE_USER)
{
	root_task_run(info);
}

/* A module that is not an ELF executable is refused with a reason. */
KTEST(user_bad_module, KTEST_STAGE_USER)
{
	root_task_run(info);
}

/* The user-level nucleus test suite runs as the root task. */
KTEST(test_cspace, KTEST_STAGE_USER)
{
	root_task_run(info);
}

KTEST(test_vspace, KTEST_STAGE_USER)
{
	root_task_run(info);
}

KTEST(test_threads, KTEST_STAGE_USER)
{
	root_task_run(info);
}

KTEST(test_ipc, KTEST_STAGE_USER)
{
	root_task_run(info);
}

/* IRQ handlers and I/O ports (user/test-irq), driving a second UART. */
KTEST(test_irq, KTEST_STAGE_USER)
{
	root_task_run(info);
}

/* 100,000 random system calls from an unprivileged process (user/fuzz). */
KTEST(fuzz, KTEST_STAGE_USER)
{
	root_task_run(info);
}

/* A user-level pager (user/pager) demand-zero-fills its client's region
 * (user/pager-client) from the client's page faults, sent to it as
 * messages, and stops the client at a fault outside it. */
KTEST(pager, KTEST_STAGE_USER)
{
	root_task_run(info);
}

/* make bench: the benchmarks run as the root task (user/bench); the
 * machine stops when they are done. */
KTEST(bench, KTEST_STAGE_USER)
{
	root_task_run(info);
}

/* Linux system calls handed to a personality (user/test-personality). */
KTEST(test_personality, KTEST_STAGE_USER)
{
	root_task_run(info);
}

/* The console server (components/console) driven by user/console-test. */
KTEST(console, KTEST_STAGE_USER)
{
	root_task_run(info);
}

/* The Linux personality (components/posix) running Linux programs; also
 * the comparison tests' boots. */
KTEST(posix, KTEST_STAGE_USER)
{
	root_task_run(info);
}

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

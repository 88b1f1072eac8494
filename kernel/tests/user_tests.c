/* User mode: the root task runs, its bad system-call arguments get error
 * codes, and its fault stops only itself. tests.list checks its output. */
#include "kernel/ktest.h"
#include "kernel/root_task.h"

KTEST(user_root_task, KTEST_STAGE_USER)
{
	root_task_start(info, 0);
	KCHECK(!"the root task did not start");
}

KTEST(user_fault, KTEST_STAGE_USER)
{
	root_task_start(info, 1);
	KCHECK(!"the root task did not start");
}

/* A module that is not an ELF executable is refused with a reason. */
KTEST(user_bad_module, KTEST_STAGE_USER)
{
	root_task_start(info, 0);
}

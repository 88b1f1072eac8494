/* The second program: loaded by the root task from a boot module, it runs
 * in its own address space with its own capability space. */
#include "user/lib/strata.h"

int main(uint64_t argument);

int main(uint64_t argument)
{
	st_printf("hello: the second program, in its own address space (argument %lu)\n", argument);
	/* Its capability space holds its own CNode, thread and address space. */
	uint64_t info;
	if (st_cap_identify(ST_ROOT_THREAD, &info, NULL) == ST_OK && ST_CAP_INFO_TYPE(info) == ST_OBJECT_THREAD)
		st_printf("hello: slot %d holds my thread\n", ST_ROOT_THREAD);
	return 0;
}

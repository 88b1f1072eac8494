/* The probe (see probe.h): touches the address its argument names, from its
 * own address space, and exits if it survives. */
#include "user/lib/strata.h"
#include "user/probe/probe.h"

int main(uint64_t argument);

int main(uint64_t argument)
{
	volatile uint64_t *address = (volatile uint64_t *)(argument & ~PROBE_MODE_MASK);
	switch (argument & PROBE_MODE_MASK) {
	case PROBE_READ:
		(void)*address;
		break;
	case PROBE_WRITE:
		*address = argument;
		break;
	case PROBE_EXECUTE:
		((void (*)(void))address)();
		break;
	default:
		st_printf("probe: unknown mode in argument %#lx\n", argument);
		break;
	}
	return 0;
}

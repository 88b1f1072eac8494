/*
 * Fault round trips: the root thread faults, the nucleus sends the fault
 * to its handler (a partner process, another address space) as a call,
 * the handler makes the instruction able to succeed and replies, and the
 * root resumes at the faulting instruction, which now succeeds. Timed from
 * before the faulting instruction to after it.
 */
#include "user/bench/bench.h"

/* Mapped read-only before each page-fault iteration. */
#define PROTECTED_ADDRESS 0x0000310000000000ull

/* The root's fault handler: the endpoint in slot `endpoint` of its CNode,
 * or 0 for none (the root has no IPC buffer; it keeps none). */
static long set_root_fault_handler(uint32_t endpoint)
{
	return st_thread_configure(ST_ROOT_THREAD, ST_ROOT_CNODE, ST_ROOT_VSPACE, 0, 0, endpoint);
}

static inline void divide_by_shared_divisor(void)
{
	uint64_t quotient = 1, remainder = 0;
	__asm__ volatile("divq %2" : "+a"(quotient), "+d"(remainder) : "m"(shared->divisor) : "memory");
}

/* The least a fault can cost: a divide error whose handler only sets the
 * divisor (in the page both share) to 1, no system call but its reply. */
static void bench_divide_fault(void)
{
	struct st_process handler;
	uint32_t endpoint;
	long error = partner_serving(ROLE_DIVIDE_FAULT_HANDLER, ST_OBJECT_ENDPOINT, BENCH_PRIORITY, &handler,
				     &endpoint);
	if (!error)
		error = set_root_fault_handler(endpoint);
	if (error) {
		bench_failed("fault_round_trip", "handler", error);
		return;
	}
	MEASURE_PREPARED(shared->divisor = 0, divide_by_shared_divisor());
	set_root_fault_handler(0);
	report("fault_round_trip", "divq by a 0 in memory: divide error, fault message to a handler in another "
	       "address space, which sets the divisor to 1 and reply-receives, the divq retried",
	       (struct cost){ 2, 2 }, samples);
	partner_stop(&handler);
}

/* Linux's page_fault benchmark, Strata's way: a write to a page mapped
 * read-only; the handler (holding the mapped frame capability) makes it
 * writable and replies; the write is retried. Making it read-only again
 * before each iteration is not timed. */
static void bench_page_fault(void)
{
	const char *name = "page_fault_round_trip";
	struct st_process handler;
	uint32_t endpoint, frame;
	long error;
	if ((error = st_alloc_object(ST_OBJECT_FRAME, 0, &frame)) ||
	    (error = st_map_frame(st_allocator.vspace, frame, PROTECTED_ADDRESS, ST_RIGHT_READ | ST_RIGHT_WRITE))) {
		bench_failed(name, "frame", error);
		return;
	}
	/* The handler gets the mapped capability itself (a copy would be
	 * another, unmapped one); the root still reaches it through the
	 * handler's CNode. */
	if ((error = partner_create("fault handler", &handler))) {
		bench_failed(name, "handler", error);
		return;
	}
	uint64_t handler_frame = ST_SLOT(handler.cnode, PARTNER_FRAME);
	if ((error = st_cap_move(frame, handler_frame)) ||
	    (error = partner_serving_created(&handler, ROLE_PROTECT_FAULT_HANDLER, ST_OBJECT_ENDPOINT, BENCH_PRIORITY,
					     &endpoint)) ||
	    (error = set_root_fault_handler(endpoint))) {
		bench_failed(name, "handler", error);
		return;
	}
	volatile uint64_t *word = (volatile uint64_t *)PROTECTED_ADDRESS;
	MEASURE_PREPARED(st_frame_protect(handler_frame, ST_RIGHT_READ), *word = (uint64_t)i);
	set_root_fault_handler(0);
	report(name, "write to a page mapped read-only: page fault, fault message to a handler in another "
	       "address space, which makes the page writable (frame protect) and reply-receives, the write "
	       "retried (making it read-only before is not timed)",
	       (struct cost){ 3, 2 }, samples);
	partner_stop(&handler);
}

void bench_faults(void)
{
	bench_divide_fault();
	bench_page_fault();
}

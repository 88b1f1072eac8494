/* Isolation: the probe (user/probe), a process of its own, touches memory
 * that is or is not mapped in its address space. */
#include "user/test-vspace/vspace_tests.h"

/* Where the tests share a page with the probe, in its address space. */
#define PROBE_SHARED_ADDRESS 0x10000000ull

static bool probe_faulted_at(const struct st_process *probe, uint64_t mode, uint64_t address, uint64_t *error)
{
	struct stop stop = probe_run(probe, mode, address);
	*error = stop.error;
	return page_faulted_at(stop, address);
}

/* A frame mapped read-write in the root and, through a copy with `rights`,
 * in the probe at PROBE_SHARED_ADDRESS; the root's view of it. */
static volatile uint64_t *share_with_probe(const struct st_process *probe, unsigned rights, uint32_t *copy)
{
	uint32_t frame;
	volatile uint64_t *word = utest_mapped_frame(&frame);
	*copy = copy_cap(frame, ST_RIGHTS_ALL);
	UCHECK_EQ(st_map_frame(probe->vspace, *copy, PROBE_SHARED_ADDRESS, rights), ST_OK);
	return word;
}

UTEST(probe_reads_own_page)
{
	struct st_process probe;
	if (!probe_create(&probe))
		return;
	struct stop stop = probe_run(&probe, PROBE_READ, probe.entry);
	UCHECK_EQ(stop.state, ST_THREAD_EXITED);
}

UTEST(probe_cannot_read_root_page)
{
	struct st_process probe;
	if (!probe_create(&probe))
		return;
	uint32_t frame;
	uint64_t address = (uint64_t)utest_mapped_frame(&frame);
	uint64_t error;
	UCHECK(probe_faulted_at(&probe, PROBE_READ, address, &error));
	UCHECK_EQ(error, PF_USER); /* not present there at all */
}

UTEST(probe_cannot_read_kernel)
{
	/* The direct map, the kernel image's base, and a page well inside its
	 * code (which starts just above 1 MiB, kernel.ld): the mapped ones are
	 * refused for lack of the user bit. */
	static const struct { uint64_t address; bool mapped; } kernel[] = {
		{ 0xffff800000000000ull, true }, { 0xffffffff80000000ull, false }, { 0xffffffff80104000ull, true },
	};
	for (unsigned i = 0; i < sizeof kernel / sizeof kernel[0]; i++) {
		struct st_process probe;
		if (!probe_create(&probe))
			return;
		uint64_t error;
		UCHECK(probe_faulted_at(&probe, PROBE_READ, kernel[i].address, &error));
		if (kernel[i].mapped)
			UCHECK_EQ(error, PF_PRESENT | PF_USER);
		else
			UCHECK(error & PF_USER);
		UCHECK(!(error & PF_WRITE));
	}
}

UTEST(probe_cannot_write_own_code)
{
	struct st_process probe;
	if (!probe_create(&probe))
		return;
	uint64_t error;
	UCHECK(probe_faulted_at(&probe, PROBE_WRITE, probe.entry & ~4095ull, &error));
	UCHECK_EQ(error, PF_PRESENT | PF_WRITE | PF_USER);
}

UTEST(probe_cannot_execute_own_stack)
{
	struct st_process probe;
	if (!probe_create(&probe))
		return;
	uint64_t stack_page = ST_PROCESS_STACK_TOP - 4096;
	uint64_t error;
	UCHECK(probe_faulted_at(&probe, PROBE_EXECUTE, stack_page, &error));
	UCHECK_EQ(error, PF_PRESENT | PF_USER | PF_FETCH);
}

UTEST(probe_shares_page)
{
	struct st_process probe;
	if (!probe_create(&probe))
		return;
	uint32_t copy;
	volatile uint64_t *word = share_with_probe(&probe, READ_WRITE, &copy);
	struct stop stop = probe_run(&probe, PROBE_WRITE, PROBE_SHARED_ADDRESS);
	UCHECK_EQ(stop.state, ST_THREAD_EXITED);
	UCHECK_EQ(*word, PROBE_ARGUMENT(PROBE_WRITE, PROBE_SHARED_ADDRESS));
}

UTEST(probe_read_only_share)
{
	struct st_process probe;
	if (!probe_create(&probe))
		return;
	uint32_t copy;
	volatile uint64_t *word = share_with_probe(&probe, ST_RIGHT_READ, &copy);
	*word = 1234;
	uint64_t error;
	UCHECK(probe_faulted_at(&probe, PROBE_WRITE, PROBE_SHARED_ADDRESS, &error));
	UCHECK_EQ(error, PF_PRESENT | PF_WRITE | PF_USER);
	UCHECK_EQ(*word, 1234);
}

UTEST(probe_share_protected_read_only)
{
	/* Protect in an address space other than the caller's. */
	struct st_process probe;
	if (!probe_create(&probe))
		return;
	uint32_t copy;
	volatile uint64_t *word = share_with_probe(&probe, READ_WRITE, &copy);
	UCHECK_EQ(st_frame_protect(copy, ST_RIGHT_READ), ST_OK);
	uint64_t error;
	UCHECK(probe_faulted_at(&probe, PROBE_WRITE, PROBE_SHARED_ADDRESS, &error));
	UCHECK_EQ(error, PF_PRESENT | PF_WRITE | PF_USER);
	UCHECK_EQ(*word, 0);
}

UTEST(probe_share_unmapped)
{
	/* Unmap in an address space other than the caller's. */
	struct st_process probe;
	if (!probe_create(&probe))
		return;
	uint32_t copy;
	volatile uint64_t *word = share_with_probe(&probe, READ_WRITE, &copy);
	UCHECK_EQ(st_frame_unmap(copy), ST_OK);
	uint64_t error;
	UCHECK(probe_faulted_at(&probe, PROBE_WRITE, PROBE_SHARED_ADDRESS, &error));
	UCHECK_EQ(error, PF_WRITE | PF_USER);
	UCHECK_EQ(*word, 0);
}

UTEST(probe_runs_shared_code)
{
	/* The root writes code into a frame; the probe runs it read-execute. */
	struct st_process probe;
	if (!probe_create(&probe))
		return;
	uint32_t copy;
	volatile uint64_t *word = share_with_probe(&probe, READ_EXECUTE, &copy);
	*(volatile uint8_t *)word = 0xc3; /* ret */
	struct stop stop = probe_run(&probe, PROBE_EXECUTE, PROBE_SHARED_ADDRESS);
	UCHECK_EQ(stop.state, ST_THREAD_EXITED);
}

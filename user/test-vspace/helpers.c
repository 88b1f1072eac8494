/* Helpers of the address-space suite: threads that touch memory, the probe
 * process, page tables made to order. */
#include "user/test-vspace/vspace_tests.h"

#include "lib/string.h"

#define WAIT_TICKS 100

/* One stack for the threads the tests spawn: each test's threads are
 * destroyed by the harness before the next test runs. */
static uint8_t thread_stack[16384] __attribute__((aligned(16)));

struct stop thread_stop_of(uint32_t thread)
{
	struct st_result r = st_syscall(ST_SYS_THREAD_STATE, thread, 0, 0, 0, 0, 0);
	UCHECK_EQ(r.error, ST_OK);
	return (struct stop){ .state = (unsigned)ST_THREAD_INFO_STATE(r.value),
			      .vector = (unsigned)ST_THREAD_INFO_FAULT_VECTOR(r.value),
			      .error = ST_THREAD_INFO_FAULT_ERROR(r.value),
			      .address = r.value2 };
}

struct stop run_thread(void (*entry)(uint64_t), uint64_t argument)
{
	uint32_t thread = 0;
	long error = st_thread_spawn(entry, argument, thread_stack + sizeof thread_stack, ST_PRIORITY_MAX, "toucher",
				     &thread);
	UCHECK_EQ(error, ST_OK);
	if (error)
		return (struct stop){ .state = ST_THREAD_INACTIVE };
	utest_wait_stopped(thread, WAIT_TICKS);
	return thread_stop_of(thread);
}

void read_word(uint64_t address)
{
	(void)*(volatile uint64_t *)address;
}

void write_word(uint64_t address)
{
	*(volatile uint64_t *)address = 0x5717a7a;
}

bool page_faulted_at(struct stop stop, uint64_t address)
{
	if (stop.state == ST_THREAD_FAULTED && stop.vector == VECTOR_PAGE_FAULT && stop.address == address)
		return true;
	st_printf("  thread stopped in state %u, vector %u, error %#lx, address %#lx (expected a page fault at %#lx)\n",
		  stop.state, stop.vector, stop.error, stop.address, address);
	return false;
}

uint32_t copy_cap(uint32_t slot, unsigned rights)
{
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_copy(slot, copy, rights), ST_OK);
	return copy;
}

unsigned map_tables(uint32_t vspace, uint64_t address)
{
	unsigned count = 0;
	for (;;) {
		uint32_t table = utest_object(ST_OBJECT_PAGE_TABLE, 0);
		if (!table || st_page_table_map(table, vspace, address, NULL) != ST_OK)
			return count;
		count++;
	}
}

uint32_t vspace_with_tables(uint64_t address)
{
	uint32_t vspace = utest_object(ST_OBJECT_VSPACE, 0);
	UCHECK_EQ(map_tables(vspace, address), 3);
	return vspace;
}

uint64_t address_with_tables(void)
{
	/* 8 KiB aligned: the two pages share their page table. */
	uint64_t address = utest_address(8192);
	uint32_t neighbour = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, neighbour, address, READ_WRITE), ST_OK);
	return address + 4096;
}

uint64_t cap_info(uint32_t slot)
{
	uint64_t info = 0;
	st_cap_identify(slot, &info, NULL);
	return info;
}

static int probe_module(void)
{
	for (uint32_t i = 0; i < utest_bootinfo->module_count; i++) {
		if (strstr(utest_bootinfo->modules[i].name, "probe"))
			return (int)i;
	}
	return -1;
}

bool probe_create(struct st_process *probe)
{
	int index = probe_module();
	UCHECK(index >= 0);
	if (index < 0)
		return false;
	/* The harness destroyed the page tables of an earlier test's mapping of
	 * the module, not the (boot) frame capabilities: unmap them first. */
	const struct st_bootinfo_module *module = &utest_bootinfo->modules[index];
	for (uint32_t i = 0; i < module->frame_count; i++) {
		if (ST_CAP_INFO_MAPPED(cap_info(module->first_slot + i)))
			UCHECK_EQ(st_frame_unmap(module->first_slot + i), ST_OK);
	}
	const void *image = st_map_module(utest_bootinfo, (unsigned)index);
	UCHECK(image != NULL);
	if (!image)
		return false;
	long error = st_process_create(image, module->size, 4, "probe", probe);
	UCHECK_EQ(error, ST_OK);
	return error == ST_OK;
}

struct stop probe_run(const struct st_process *probe, uint64_t mode, uint64_t address)
{
	long error = st_process_start(probe, PROBE_ARGUMENT(mode, address), ST_PRIORITY_MAX);
	UCHECK_EQ(error, ST_OK);
	if (error)
		return (struct stop){ .state = ST_THREAD_INACTIVE };
	utest_wait_stopped(probe->thread, WAIT_TICKS);
	return thread_stop_of(probe->thread);
}

#include "user/lib/utest.h"

#include "lib/string.h"

extern const struct utest __start_utests[], __stop_utests[];

const struct st_bootinfo *utest_bootinfo;
static unsigned failed_checks;
static uint64_t next_address;

/* Tests map things from here: far from the image, stack and windows. */
#define TEST_AREA 0x0000300000000000ull

void utest_check(bool ok, const char *expression, const char *file, int line)
{
	if (ok)
		return;
	failed_checks++;
	st_printf("UCHECK FAILED %s:%d: %s\n", file, line, expression);
}

void utest_check_equal(int64_t got, int64_t expected, const char *expression, const char *file, int line)
{
	if (got == expected)
		return;
	failed_checks++;
	st_printf("UCHECK FAILED %s:%d: %s is %ld, expected %ld\n", file, line, expression, got, expected);
}

uint32_t utest_slot(void)
{
	uint32_t slot = st_alloc_slot();
	UCHECK(slot != 0);
	return slot;
}

uint32_t utest_object(unsigned type, unsigned size_bits)
{
	uint32_t slot = 0;
	long error = st_alloc_object(type, size_bits, &slot);
	if (error)
		st_printf("UCHECK FAILED: cannot make an object of type %u: %s\n", type, st_error_name(error));
	UCHECK_EQ(error, ST_OK);
	return error ? 0 : slot;
}

uint32_t utest_untyped(unsigned size_bits)
{
	return utest_object(ST_OBJECT_UNTYPED, size_bits);
}

uint64_t utest_address(uint64_t size)
{
	if (size < 4096)
		size = 4096;
	next_address = (next_address + size - 1) & ~(size - 1);
	uint64_t address = next_address;
	next_address += size + 4096; /* an unmapped page between */
	return address;
}

void *utest_mapped_frame(uint32_t *frame)
{
	uint32_t slot = utest_object(ST_OBJECT_FRAME, 0);
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, slot, address, ST_RIGHT_READ | ST_RIGHT_WRITE), ST_OK);
	if (frame)
		*frame = slot;
	return (void *)address;
}

uint32_t utest_copy(uint32_t slot, unsigned rights)
{
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_copy(slot, copy, rights), ST_OK);
	return copy;
}

uint32_t utest_mint(uint32_t slot, unsigned rights, uint64_t badge)
{
	uint32_t copy = utest_slot();
	UCHECK_EQ(st_cap_mint(slot, copy, rights, badge), ST_OK);
	return copy;
}

struct st_ipc_buffer *utest_ipc_buffer(void)
{
	uint32_t frame;
	void *address = utest_mapped_frame(&frame);
	UCHECK_EQ(st_thread_configure(ST_ROOT_THREAD, ST_ROOT_CNODE, ST_ROOT_VSPACE, frame, (uint64_t)address, 0), ST_OK);
	return address;
}

const void *utest_map_module(const char *name, const struct st_bootinfo_module **module)
{
	uint32_t index = 0;
	while (index < utest_bootinfo->module_count && !strstr(utest_bootinfo->modules[index].name, name))
		index++;
	UCHECK(index < utest_bootinfo->module_count);
	if (index == utest_bootinfo->module_count)
		return NULL;
	/* The harness destroyed the page tables of an earlier test's mapping
	 * of the module, not the boot frame capabilities: unmap them first. */
	const struct st_bootinfo_module *m = &utest_bootinfo->modules[index];
	for (uint32_t i = 0; i < m->frame_count; i++) {
		uint64_t info = 0;
		st_cap_identify(m->first_slot + i, &info, NULL);
		if (ST_CAP_INFO_MAPPED(info))
			UCHECK_EQ(st_frame_unmap(m->first_slot + i), ST_OK);
	}
	const void *image = st_map_module(utest_bootinfo, index);
	UCHECK(image != NULL);
	if (module)
		*module = m;
	return image;
}

static uint64_t tsc_now(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

/* TSC ticks per timer tick, measured once. */
static uint64_t tsc_per_tick;

static void measure_tick(void)
{
	tsc_per_tick = utest_bootinfo->tsc_hz / (utest_bootinfo->timer_hz ? utest_bootinfo->timer_hz : 100);
}

bool utest_wait_for(volatile uint64_t *flag, unsigned ticks)
{
	uint64_t start = tsc_now();
	while (!*flag) {
		if (tsc_now() - start > (uint64_t)ticks * tsc_per_tick)
			return false;
		st_yield();
	}
	return true;
}

unsigned utest_wait_stopped(uint32_t thread, unsigned ticks)
{
	uint64_t start = tsc_now();
	unsigned state = ST_THREAD_RUNNABLE;
	while (st_thread_state(thread, &state, NULL, NULL) == ST_OK &&
	       (state == ST_THREAD_RUNNABLE || state == ST_THREAD_INACTIVE)) {
		if (tsc_now() - start > (uint64_t)ticks * tsc_per_tick)
			break;
		st_yield();
	}
	return state;
}

/* Puts everything back as it was before the test: all objects made from
 * untyped memory destroyed (and so unmapped), all slots it filled empty. */
static void clean_up(const struct st_allocator *saved)
{
	for (uint32_t i = 0; i < utest_bootinfo->untyped_count; i++)
		st_cap_revoke(utest_bootinfo->untyped[i].slot);
	for (uint32_t slot = saved->next_slot; slot < st_allocator.next_slot; slot++)
		st_cap_delete(slot);
	st_allocator = *saved;
	/* The root runs at the top priority with its full slice again. */
	st_thread_set_priority(ST_ROOT_THREAD, ST_ROOT_THREAD, ST_PRIORITY_MAX);
}

static bool selected(const char *name)
{
	const char *option = strstr(utest_bootinfo->cmdline, "utest=");
	if (!option)
		return true;
	option += 6;
	size_t length = strlen(name);
	return !strncmp(option, name, length) && (option[length] == '\0' || option[length] == ' ');
}

int main(const struct st_bootinfo *bootinfo);

int main(const struct st_bootinfo *bootinfo)
{
	utest_bootinfo = bootinfo;
	st_alloc_init(bootinfo);
	measure_tick();
	unsigned passed = 0, failed = 0;
	for (const struct utest *test = __start_utests; test < __stop_utests; test++) {
		if (!selected(test->name))
			continue;
		struct st_allocator saved = st_allocator;
		next_address = TEST_AREA;
		failed_checks = 0;
		test->run();
		clean_up(&saved);
		if (failed_checks)
			failed++;
		else
			passed++;
		st_printf("UTEST %s %s\n", test->name, failed_checks ? "FAIL" : "PASS");
	}
	st_printf("UTEST SUMMARY %u passed, %u failed\n", passed, failed);
	return 0;
}

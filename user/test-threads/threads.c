/* Helpers for the thread tests (threads.h). */
#include "user/test-threads/threads.h"

#define STACK_SIZE 16384

static struct {
	uint8_t bytes[STACK_SIZE];
} stacks[STACK_COUNT] __attribute__((aligned(16)));

void *stack_top(unsigned index)
{
	UCHECK(index < STACK_COUNT);
	return &stacks[index % STACK_COUNT].bytes[STACK_SIZE];
}

static void exit_thread(void)
{
	st_thread_exit();
}

uint32_t make_thread_with(const struct st_registers *registers, unsigned priority)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_configure(thread, ST_ROOT_CNODE, ST_ROOT_VSPACE, 0, 0, 0), ST_OK);
	UCHECK_EQ(st_thread_write_registers(thread, registers), ST_OK);
	UCHECK_EQ(st_thread_set_priority(thread, ST_ROOT_THREAD, priority), ST_OK);
	return thread;
}

uint32_t make_thread(void (*entry)(uint64_t), uint64_t argument, unsigned stack, unsigned priority)
{
	/* As if called: 16-byte aligned before the return address, which
	 * leads to thread_exit when entry returns. */
	uint64_t rsp = (uint64_t)stack_top(stack) - 8;
	*(uint64_t *)rsp = (uint64_t)exit_thread;
	struct st_registers registers = { .rip = (uint64_t)entry, .rsp = rsp, .rdi = argument };
	return make_thread_with(&registers, priority);
}

uint32_t start_thread(void (*entry)(uint64_t), uint64_t argument, unsigned stack, unsigned priority)
{
	uint32_t thread = make_thread(entry, argument, stack, priority);
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	return thread;
}

void set_root_priority(unsigned priority)
{
	UCHECK_EQ(st_thread_set_priority(ST_ROOT_THREAD, ST_ROOT_THREAD, priority), ST_OK);
}

unsigned thread_state(uint32_t thread)
{
	unsigned state;
	return st_thread_state(thread, &state, NULL, NULL) == ST_OK ? state : 0xff;
}

void count_forever(uint64_t counter_address)
{
	volatile uint64_t *counter = (volatile uint64_t *)counter_address;
	for (;;)
		(*counter)++;
}

void set_flag(uint64_t flag_address)
{
	*(volatile uint64_t *)flag_address = 1;
}

void loop_forever(uint64_t unused)
{
	(void)unused;
	for (;;)
		__asm__ volatile("");
}

uint64_t tsc_now(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc" : "=a"(low), "=d"(high));
	return ((uint64_t)high << 32) | low;
}

uint64_t tsc_after_ticks(unsigned ticks)
{
	uint64_t hz = utest_bootinfo->timer_hz ? utest_bootinfo->timer_hz : 100;
	return tsc_now() + ticks * (utest_bootinfo->tsc_hz / hz);
}

void busy_wait_ticks(unsigned ticks)
{
	uint64_t deadline = tsc_after_ticks(ticks);
	while (tsc_now() < deadline)
		__asm__ volatile("pause");
}

void yield_for_ticks(unsigned ticks)
{
	uint64_t deadline = tsc_after_ticks(ticks);
	while (tsc_now() < deadline)
		st_yield();
}

bool wait_progress(volatile uint64_t *counter, unsigned ticks)
{
	uint64_t start = *counter;
	return WAIT_UNTIL(*counter != start, ticks);
}

uint64_t unmapped_address(void)
{
	uint64_t address = utest_address(4096);
	UCHECK_EQ(st_page_entry(address) & 1, 0);
	return address;
}

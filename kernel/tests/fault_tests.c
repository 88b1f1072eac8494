/*
 * Each test provokes one CPU exception in the nucleus. The exception report
 * is the behaviour under test: tests/guest/tests.list checks the vector, the
 * decoded error code, the address and that the backtrace names the test.
 */
#include <stdint.h>

#include "kernel/ktest.h"

/* Unmapped: nothing lives in the lower half of the kernel's address space. */
#define UNMAPPED_ADDRESS 0xdeadb000ull
#define NON_CANONICAL_ADDRESS 0x8000000000000000ull

KTEST(fault_page, KTEST_STAGE_LATE)
{
	volatile uint64_t *p = (volatile uint64_t *)UNMAPPED_ADDRESS;
	(void)*p;
}

KTEST(fault_general_protection, KTEST_STAGE_LATE)
{
	volatile uint64_t *p = (volatile uint64_t *)NON_CANONICAL_ADDRESS;
	(void)*p;
}

KTEST(fault_invalid_opcode, KTEST_STAGE_LATE)
{
	__asm__ volatile("ud2");
}

KTEST(fault_divide, KTEST_STAGE_LATE)
{
	uint64_t dividend = 1, divisor = 0;
	__asm__ volatile("divq %2" : "+a"(dividend) : "d"(0ull), "r"(divisor));
}

/* W^X: kernel code is not writable. */
KTEST(fault_write_text, KTEST_STAGE_LATE)
{
	volatile uint8_t *code = (volatile uint8_t *)(uintptr_t)&ktest_fault_write_text;
	*code = 0xc3;
}

/* W^X: kernel data is not executable (NX). */
static uint8_t data_return_instruction[16] = { 0xc3 };
KTEST(fault_execute_data, KTEST_STAGE_LATE)
{
	void (*function)(void) = (void (*)(void))(uintptr_t)data_return_instruction;
	function();
}

/* Runs into the guard page below the boot stack: the page fault cannot be
 * delivered on that stack, so the CPU raises a double fault, which runs on
 * its own IST stack and is reported. */
static volatile uint64_t recursion_sink;
static volatile uint64_t recursion_limit = ~0ull; /* never reached */
static __attribute__((noinline)) uint64_t recurse_forever(uint64_t depth)
{
	if (depth == recursion_limit)
		return 0;
	volatile uint8_t pad[512];
	pad[depth % sizeof pad] = (uint8_t)depth;
	recursion_sink += pad[0];
	return recurse_forever(depth + 1) + pad[1];
}

KTEST(fault_stack_overflow, KTEST_STAGE_LATE)
{
	recursion_sink = recurse_forever(0);
}

/* The bystander: an ordinary process sharing the CPU with the fuzzer. It
 * fills its own 64 KiB with a pattern that changes every round and reads it
 * back; any difference means something wrote to memory that is not the
 * fuzzer's (or a register or page went wrong across a context switch). */
#include "user/fuzz/fuzz.h"

#define BUFFER_WORDS (64 * 1024 / sizeof(uint64_t))

static uint64_t buffer[BUFFER_WORDS];

static uint64_t pattern(uint64_t round, uint64_t i)
{
	uint64_t x = (round << 32 | i) * 0x9e3779b97f4a7c15ull;
	return x ^ (x >> 29);
}

int bystander_main(void)
{
	volatile struct fuzz_shared *shared = fuzz_shared();
	volatile uint64_t *words = buffer; /* every round really goes to memory */
	for (uint64_t round = 1; !shared->stop; round++) {
		for (uint64_t i = 0; i < BUFFER_WORDS; i++)
			words[i] = pattern(round, i);
		for (uint64_t i = 0; i < BUFFER_WORDS; i++) {
			if (words[i] != pattern(round, i)) {
				if (!shared->mismatches)
					shared->first_mismatch_round = round;
				shared->mismatches++;
			}
		}
		shared->rounds = round;
		st_yield(); /* the fuzzer's yields would otherwise cost a whole time slice each */
	}
	return 0;
}

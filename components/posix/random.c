#include "components/posix/random.h"

#include <stdbool.h>
#include <stdint.h>

static uint64_t state;
static int has_rdrand = -1;

static bool cpu_has_rdrand(void)
{
	uint32_t a = 1, b, c = 0, d;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return (c >> 30) & 1;
}

static uint64_t next_word(void)
{
	if (has_rdrand < 0)
		has_rdrand = cpu_has_rdrand();
	if (has_rdrand) {
		for (int tries = 0; tries < 10; tries++) {
			uint64_t value;
			uint8_t ok;
			__asm__ volatile("rdrand %0; setc %1" : "=r"(value), "=qm"(ok));
			if (ok)
				return value;
		}
	}
	if (!state) {
		uint32_t low, high;
		__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
		state = ((uint64_t)high << 32 | low) | 1;
	}
	/* xorshift64* */
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dull;
}

void random_bytes(void *buffer, size_t length)
{
	uint8_t *out = buffer;
	while (length) {
		uint64_t word = next_word();
		for (int i = 0; i < 8 && length; i++, length--) {
			*out++ = (uint8_t)word;
			word >>= 8;
		}
	}
}

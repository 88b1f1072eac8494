/*
 * The stack a Linux program starts with, from the top down: an end
 * marker, the file name (AT_EXECFN), the argument and environment
 * strings, the platform string, 16 random bytes (AT_RANDOM); then, from
 * the 16-byte aligned rsp up: argc, argv[] and NULL, envp[] and NULL, the
 * auxiliary vector (type, value pairs ending with AT_NULL).
 */
#include "components/posix/exec.h"

#include "components/posix/heap.h"
#include "components/posix/random.h"
#include "lib/string.h"

enum auxv_type {
	AT_NULL = 0,
	AT_PHDR = 3,
	AT_PHENT = 4,
	AT_PHNUM = 5,
	AT_PAGESZ = 6,
	AT_BASE = 7,
	AT_FLAGS = 8,
	AT_ENTRY = 9,
	AT_UID = 11,
	AT_EUID = 12,
	AT_GID = 13,
	AT_EGID = 14,
	AT_PLATFORM = 15,
	AT_HWCAP = 16,
	AT_CLKTCK = 17,
	AT_SECURE = 23,
	AT_RANDOM = 25,
	AT_HWCAP2 = 26,
	AT_EXECFN = 31,
};

#define AUXV_PAIRS 19
#define PLATFORM "x86_64"
#define CLOCK_TICKS 100

static uint64_t cpu_hwcap(void)
{
	uint32_t a = 1, b, c = 0, d;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return d; /* Linux's AT_HWCAP on x86: CPUID 1's edx */
}

long exec_stack_build(struct process *p, const struct elf_program *program, const char *strings, uint32_t argc,
		      uint32_t envc, const char *filename, uint64_t *stack)
{
	size_t strings_size = 0;
	const char *s = strings;
	for (uint32_t i = 0; i < argc + envc; i++) {
		size_t length = strlen(s) + 1;
		strings_size += length;
		s += length;
	}
	uint64_t top = MEMORY_STACK_TOP - 8;
	uint64_t execfn = top - (strlen(filename) + 1);
	uint64_t strings_at = execfn - strings_size;
	uint64_t platform = strings_at - sizeof PLATFORM;
	uint64_t random = (platform - 16) & ~15ull;
	size_t table = 8 * (1 + argc + 1 + envc + 1 + 2 * AUXV_PAIRS);
	uint64_t rsp = (random - table) & ~15ull;
	size_t size = MEMORY_STACK_TOP - rsp;
	if (size > MEMORY_STACK_SIZE / 4)
		return -LINUX_E2BIG;

	uint8_t *block = heap_zalloc(size);
	if (!block)
		return -LINUX_ENOMEM;
#define AT(address) (block + ((address) - rsp))
	memcpy(AT(execfn), filename, strlen(filename) + 1);
	memcpy(AT(strings_at), strings, strings_size);
	memcpy(AT(platform), PLATFORM, sizeof PLATFORM);
	random_bytes(AT(random), 16);
	uint64_t *w = (uint64_t *)block;
	*w++ = argc;
	uint64_t string = strings_at;
	s = strings;
	for (uint32_t i = 0; i < argc + envc; i++) {
		if (i == argc)
			*w++ = 0; /* argv's end */
		*w++ = string;
		size_t length = strlen(s) + 1;
		string += length;
		s += length;
	}
	if (argc + envc == argc)
		*w++ = 0;
	*w++ = 0; /* envp's end */
	const uint64_t auxv[AUXV_PAIRS][2] = {
		{ AT_PHDR, program->phdr },
		{ AT_PHENT, 56 },
		{ AT_PHNUM, program->phnum },
		{ AT_PAGESZ, PAGE_SIZE },
		{ AT_BASE, 0 },
		{ AT_FLAGS, 0 },
		{ AT_ENTRY, program->entry },
		{ AT_UID, 0 },
		{ AT_EUID, 0 },
		{ AT_GID, 0 },
		{ AT_EGID, 0 },
		{ AT_SECURE, 0 },
		{ AT_RANDOM, random },
		{ AT_HWCAP, cpu_hwcap() },
		{ AT_HWCAP2, 0 },
		{ AT_CLKTCK, CLOCK_TICKS },
		{ AT_PLATFORM, platform },
		{ AT_EXECFN, execfn },
		{ AT_NULL, 0 },
	};
	memcpy(w, auxv, sizeof auxv);
#undef AT
	long error = user_write(p, rsp, block, size);
	heap_free(block, size);
	*stack = rsp;
	return error;
}

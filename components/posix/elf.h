/*
 * Linux executables: checking an ELF64 x86-64 program (static, ET_EXEC,
 * or static-pie, ET_DYN, loaded at a fixed base) before anything of the
 * process is changed, and making its regions.
 */
#ifndef POSIX_ELF_H
#define POSIX_ELF_H

#include <stddef.h>
#include <stdint.h>

#include "components/posix/memory.h"

#define ELF_SEGMENTS_MAX 16
/* Where a position-independent program goes (as Linux puts them). */
#define ELF_DYN_BASE 0x0000555555554000ull

struct elf_program {
	uint64_t base;        /* added to every address (0 for ET_EXEC) */
	uint64_t entry;       /* with the base */
	uint64_t phdr;        /* where the program headers are in memory (AT_PHDR) */
	uint16_t phnum;
	uint64_t end;         /* the highest address a segment uses (the brk starts after) */
	unsigned segment_count;
	struct elf_segment_info {
		uint64_t vaddr, memory_size, offset, file_size;
		unsigned prot;    /* LINUX_PROT_* */
	} segments[ELF_SEGMENTS_MAX];
};

/* Whether the bytes start like an ELF file at all. */
int elf_is_elf(const void *data, size_t size);
/* 0, -LINUX_ENOEXEC (not a program for this machine, or damaged), or
 * -LINUX_ENOENT (it wants an interpreter: dynamic linking is not offered). */
long elf_check(const void *data, size_t size, struct elf_program *out);
/* The same with every segment below limit (the library OS's place). */
long elf_check_below(const void *data, size_t size, uint64_t limit, struct elf_program *out);
/* The program's segments as regions backed by image. 0 or -LINUX_ENOMEM. */
long elf_map(struct mm *mm, const struct elf_program *program, struct image *image);

#endif

/*
 * Validating ELF64 executables (x86-64, static, ET_EXEC) before anything is
 * loaded from them: every offset, size and address is checked, so a corrupt
 * or hostile file is refused with a reason instead of being half-loaded.
 */
#ifndef LIB_ELF_H
#define LIB_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16

#define ELF_SEGMENT_READ (1u << 2)
#define ELF_SEGMENT_WRITE (1u << 1)
#define ELF_SEGMENT_EXECUTE (1u << 0)

struct elf_segment {
	uint64_t vaddr;
	uint64_t memory_size;
	uint64_t file_offset;
	uint64_t file_size;
	uint32_t flags; /* ELF_SEGMENT_* (ELF's own PF_ bits) */
};

struct elf_image {
	uint64_t entry;
	size_t segment_count;
	struct elf_segment segments[ELF_MAX_SEGMENTS];
};

/* Parses and checks image[0, size). Loadable segments must lie below
 * address_limit, must not overlap one another (by page), and must not be
 * both writable and executable; the entry point must be in an executable
 * segment. Returns NULL on success, else a message saying what is wrong. */
const char *elf_parse(const void *image, size_t size, uint64_t address_limit, struct elf_image *out);

/* The part of the page at `page` (page-aligned, inside the segment) that
 * comes from the file: its length (0: all zeroes), where it starts in the
 * page and in the file. The rest of the page is zero. */
struct elf_page_part {
	uint64_t page_offset;
	uint64_t file_offset;
	uint64_t length;
};
struct elf_page_part elf_page_part(const struct elf_segment *segment, uint64_t page);

/* The mapping rights (ST_RIGHT_*) a segment's flags ask for. */
unsigned elf_segment_rights(uint32_t flags);

#endif

#include "lib/elf.h"

#include <stdbool.h>

#include "include/strata/objects.h"
#include "lib/string.h"

struct elf64_header {
	unsigned char ident[16];
	uint16_t type;
	uint16_t machine;
	uint32_t version;
	uint64_t entry;
	uint64_t program_header_offset;
	uint64_t section_header_offset;
	uint32_t flags;
	uint16_t header_size;
	uint16_t program_header_size;
	uint16_t program_header_count;
	uint16_t section_header_size;
	uint16_t section_header_count;
	uint16_t section_name_index;
};

struct elf64_program_header {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t file_size;
	uint64_t memory_size;
	uint64_t align;
};

#define ELF_TYPE_EXEC 2
#define ELF_MACHINE_X86_64 62
#define PT_LOAD 1
#define PAGE 4096ull

static bool range_inside(uint64_t offset, uint64_t length, uint64_t limit)
{
	return offset <= limit && length <= limit - offset;
}

static uint64_t page_down(uint64_t x) { return x & ~(PAGE - 1); }

const char *elf_parse(const void *image, size_t size, uint64_t address_limit, struct elf_image *out)
{
	struct elf64_header header;
	if (size < sizeof header)
		return "too small for an ELF header";
	memcpy(&header, image, sizeof header);
	if (memcmp(header.ident, "\177ELF", 4) != 0)
		return "not an ELF file (bad magic)";
	if (header.ident[4] != 2 || header.ident[5] != 1 || header.ident[6] != 1)
		return "not a 64-bit little-endian ELF version 1 file";
	if (header.type != ELF_TYPE_EXEC)
		return "not a static executable (ELF type is not EXEC)";
	if (header.machine != ELF_MACHINE_X86_64)
		return "not an x86-64 executable";
	if (header.program_header_size != sizeof(struct elf64_program_header))
		return "unexpected program header size";
	if (header.program_header_count == 0)
		return "no program headers";
	if (!range_inside(header.program_header_offset,
			  (uint64_t)header.program_header_count * sizeof(struct elf64_program_header), size))
		return "program headers lie outside the file";

	out->entry = header.entry;
	out->segment_count = 0;
	bool entry_found = false;
	for (unsigned i = 0; i < header.program_header_count; i++) {
		struct elf64_program_header ph;
		memcpy(&ph, (const char *)image + header.program_header_offset + i * sizeof ph, sizeof ph);
		if (ph.type != PT_LOAD || ph.memory_size == 0)
			continue;
		if (out->segment_count == ELF_MAX_SEGMENTS)
			return "too many loadable segments";
		if (ph.file_size > ph.memory_size)
			return "a segment's file size exceeds its memory size";
		if (!range_inside(ph.offset, ph.file_size, size))
			return "a segment's contents lie outside the file";
		if (!range_inside(ph.vaddr, ph.memory_size, address_limit) || ph.vaddr < PAGE)
			return "a segment lies outside the user address range";
		if ((ph.vaddr - ph.offset) % PAGE != 0 && ph.file_size != 0)
			return "a segment's address and file offset disagree modulo the page size";
		if ((ph.flags & ELF_SEGMENT_WRITE) && (ph.flags & ELF_SEGMENT_EXECUTE))
			return "a segment is both writable and executable";
		/* No two segments may share a page: each page gets one set of rights. */
		uint64_t first = page_down(ph.vaddr), end = page_down(ph.vaddr + ph.memory_size - 1) + PAGE;
		for (size_t j = 0; j < out->segment_count; j++) {
			const struct elf_segment *other = &out->segments[j];
			uint64_t other_first = page_down(other->vaddr);
			uint64_t other_end = page_down(other->vaddr + other->memory_size - 1) + PAGE;
			if (first < other_end && other_first < end)
				return "two segments share a page";
		}
		if ((ph.flags & ELF_SEGMENT_EXECUTE) && header.entry >= ph.vaddr &&
		    header.entry < ph.vaddr + ph.memory_size)
			entry_found = true;
		out->segments[out->segment_count++] = (struct elf_segment){
			ph.vaddr, ph.memory_size, ph.offset, ph.file_size, ph.flags & 7,
		};
	}
	if (out->segment_count == 0)
		return "no loadable segments";
	if (!entry_found)
		return "the entry point is not in an executable segment";
	return NULL;
}

struct elf_page_part elf_page_part(const struct elf_segment *s, uint64_t page)
{
	uint64_t file_end = s->vaddr + s->file_size;
	uint64_t start = page > s->vaddr ? page : s->vaddr;
	uint64_t end = page + 4096 < file_end ? page + 4096 : file_end;
	if (start >= end)
		return (struct elf_page_part){ 0, 0, 0 };
	return (struct elf_page_part){ start - page, s->file_offset + (start - s->vaddr), end - start };
}

unsigned elf_segment_rights(uint32_t flags)
{
	return ST_RIGHT_READ | (flags & ELF_SEGMENT_WRITE ? ST_RIGHT_WRITE : 0) |
	       (flags & ELF_SEGMENT_EXECUTE ? ST_RIGHT_EXECUTE : 0);
}

#include "components/posix/elf.h"

#include "components/posix/posix.h"
#include "lib/string.h"

#define EI_NIDENT 16
#define ET_EXEC 2
#define ET_DYN 3
#define EM_X86_64 62
#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct elf64_header {
	uint8_t ident[EI_NIDENT];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

int elf_is_elf(const void *data, size_t size)
{
	return size >= 4 && memcmp(data, "\177ELF", 4) == 0;
}

static unsigned segment_prot(uint32_t flags)
{
	return (flags & PF_R ? LINUX_PROT_READ : 0) | (flags & PF_W ? LINUX_PROT_WRITE : 0) |
	       (flags & PF_X ? LINUX_PROT_EXEC : 0);
}

long elf_check(const void *data, size_t size, struct elf_program *out)
{
	return elf_check_below(data, size, MEMORY_MMAP_BOTTOM << 8, out); /* far below the mmap area and the stack */
}

long elf_check_below(const void *data, size_t size, uint64_t limit, struct elf_program *out)
{
	struct elf64_header h;
	if (size < sizeof h)
		return -LINUX_ENOEXEC;
	memcpy(&h, data, sizeof h);
	if (memcmp(h.ident, "\177ELF", 4) || h.ident[4] != 2 /* 64-bit */ || h.ident[5] != 1 /* little-endian */ ||
	    h.machine != EM_X86_64 || (h.type != ET_EXEC && h.type != ET_DYN))
		return -LINUX_ENOEXEC;
	if (h.phentsize != sizeof(struct elf64_phdr) || h.phnum == 0 || h.phnum > 64 || h.phoff > size ||
	    h.phnum * sizeof(struct elf64_phdr) > size - h.phoff)
		return -LINUX_ENOEXEC;
	memset(out, 0, sizeof *out);
	out->base = h.type == ET_DYN ? ELF_DYN_BASE : 0;
	out->phnum = h.phnum;
	bool interpreter = false;
	for (unsigned i = 0; i < h.phnum; i++) {
		struct elf64_phdr ph;
		memcpy(&ph, (const uint8_t *)data + h.phoff + i * sizeof ph, sizeof ph);
		if (ph.type == PT_INTERP)
			interpreter = true;
		if (ph.type == PT_PHDR)
			out->phdr = out->base + ph.vaddr;
		if (ph.type != PT_LOAD || ph.memsz == 0)
			continue;
		if (out->segment_count == ELF_SEGMENTS_MAX || ph.filesz > ph.memsz || ph.offset > size ||
		    ph.filesz > size - ph.offset || (ph.vaddr & 4095) != (ph.offset & 4095) ||
		    ph.vaddr >= limit || ph.memsz > limit - ph.vaddr)
			return -LINUX_ENOEXEC;
		struct elf_segment_info *s = &out->segments[out->segment_count++];
		s->vaddr = out->base + ph.vaddr;
		s->memory_size = ph.memsz;
		s->offset = ph.offset;
		s->file_size = ph.filesz;
		s->prot = segment_prot(ph.flags);
		if (s->vaddr + s->memory_size > out->end)
			out->end = s->vaddr + s->memory_size;
		/* The program headers, if a segment maps them. */
		if (!out->phdr && h.phoff >= ph.offset && h.phoff - ph.offset < ph.filesz)
			out->phdr = s->vaddr + (h.phoff - ph.offset);
	}
	if (interpreter)
		return -LINUX_ENOENT; /* Linux: the interpreter is not there */
	if (!out->segment_count)
		return -LINUX_ENOEXEC;
	out->entry = out->base + h.entry;
	bool entry_executable = false;
	for (unsigned i = 0; i < out->segment_count; i++) {
		const struct elf_segment_info *s = &out->segments[i];
		if ((s->prot & LINUX_PROT_EXEC) && out->entry >= s->vaddr && out->entry < s->vaddr + s->memory_size)
			entry_executable = true;
	}
	return entry_executable ? 0 : -LINUX_ENOEXEC;
}

long elf_map(struct mm *mm, const struct elf_program *program, struct image *image)
{
	for (unsigned i = 0; i < program->segment_count; i++) {
		const struct elf_segment_info *s = &program->segments[i];
		uint64_t start = PAGE_DOWN(s->vaddr), end = PAGE_UP(s->vaddr + s->memory_size);
		/* A later segment sharing a page with an earlier one takes that
		 * page (as Linux's successive mmaps do). */
		long error = mm_map(mm, start, end, s->prot, 0, image, PAGE_DOWN(s->offset), s->vaddr + s->file_size);
		if (error)
			return error;
	}
	return 0;
}

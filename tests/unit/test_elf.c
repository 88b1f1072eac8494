/* lib/elf.c: a valid image parses; each kind of corruption is refused. */
#include <stdint.h>
#include <string.h>

#include "unit.h"

#include "include/strata/objects.h"
#include "lib/elf.h"

#define LIMIT 0x0000800000000000ull

struct test_image {
	uint8_t bytes[0x4000];
};

struct header {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct program_header {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

static struct header *header_of(struct test_image *image)
{
	return (struct header *)image->bytes;
}

static struct program_header *ph_of(struct test_image *image, int i)
{
	return (struct program_header *)(image->bytes + 64 + i * 56);
}

/* A two-segment executable: text (R+X) at 0x401000, data (R+W) at 0x402000. */
static void make_valid(struct test_image *image)
{
	memset(image, 0, sizeof *image);
	struct header *h = header_of(image);
	memcpy(h->ident, "\177ELF", 4);
	h->ident[4] = 2; /* 64-bit */
	h->ident[5] = 1; /* little endian */
	h->ident[6] = 1; /* version */
	h->type = 2;
	h->machine = 62;
	h->version = 1;
	h->entry = 0x401010;
	h->phoff = 64;
	h->ehsize = 64;
	h->phentsize = 56;
	h->phnum = 2;
	*ph_of(image, 0) = (struct program_header){ 1, 5, 0x1000, 0x401000, 0x401000, 0x100, 0x100, 0x1000 };
	*ph_of(image, 1) = (struct program_header){ 1, 6, 0x2000, 0x402000, 0x402000, 0x80, 0x3000, 0x1000 };
}

static const char *parse(struct test_image *image, struct elf_image *out)
{
	return elf_parse(image->bytes, sizeof image->bytes, LIMIT, out);
}

UNIT_TEST(elf_valid_image_parses)
{
	struct test_image image;
	struct elf_image out;
	make_valid(&image);
	const char *error = parse(&image, &out);
	CHECK(error == NULL);
	CHECK_EQ(out.entry, 0x401010);
	CHECK_EQ(out.segment_count, 2);
	CHECK_EQ(out.segments[0].vaddr, 0x401000);
	CHECK_EQ(out.segments[0].flags, ELF_SEGMENT_READ | ELF_SEGMENT_EXECUTE);
	CHECK_EQ(out.segments[1].memory_size, 0x3000);
	CHECK_EQ(out.segments[1].file_size, 0x80);
}

UNIT_TEST(elf_non_load_and_empty_segments_are_skipped)
{
	struct test_image image;
	struct elf_image out;
	make_valid(&image);
	header_of(&image)->phnum = 3;
	*ph_of(&image, 2) = (struct program_header){ 4 /* PT_NOTE */, 4, 0xffffff, 0, 0, 0xffffff, 0xffffff, 4 };
	CHECK(parse(&image, &out) == NULL);
	CHECK_EQ(out.segment_count, 2);
}

/* Each entry corrupts one thing and names the message expected. */
struct corruption {
	const char *expected;
	void (*corrupt)(struct test_image *image);
};

static void bad_magic(struct test_image *i) { header_of(i)->ident[1] = 'X'; }
static void bad_class(struct test_image *i) { header_of(i)->ident[4] = 1; }
static void bad_type(struct test_image *i) { header_of(i)->type = 3; /* ET_DYN */ }
static void bad_machine(struct test_image *i) { header_of(i)->machine = 3; }
static void bad_phentsize(struct test_image *i) { header_of(i)->phentsize = 32; }
static void no_phdrs(struct test_image *i) { header_of(i)->phnum = 0; }
static void phdrs_outside(struct test_image *i) { header_of(i)->phoff = 0x3ff0; }
static void phoff_huge(struct test_image *i) { header_of(i)->phoff = UINT64_MAX - 8; }
static void filesz_over_memsz(struct test_image *i) { ph_of(i, 1)->filesz = 0x4000; }
static void contents_outside(struct test_image *i) { ph_of(i, 1)->offset = 0x3f80; ph_of(i, 1)->vaddr = 0x402f80; ph_of(i, 1)->filesz = 0x100; }
static void offset_wraps(struct test_image *i) { ph_of(i, 1)->offset = UINT64_MAX - 0x10; }
static void vaddr_kernel(struct test_image *i) { ph_of(i, 1)->vaddr = 0xffffffff80002000ull; }
static void vaddr_wraps(struct test_image *i) { ph_of(i, 1)->memsz = UINT64_MAX; }
static void vaddr_zero_page(struct test_image *i) { ph_of(i, 0)->vaddr = 0; ph_of(i, 0)->offset = 0; }
static void misaligned(struct test_image *i) { ph_of(i, 1)->vaddr = 0x402100; }
static void write_execute(struct test_image *i) { ph_of(i, 1)->flags = 7; }
static void overlap(struct test_image *i) { ph_of(i, 1)->vaddr = 0x401000; ph_of(i, 1)->offset = 0x1000; }
static void entry_in_data(struct test_image *i) { header_of(i)->entry = 0x402000; }
static void entry_nowhere(struct test_image *i) { header_of(i)->entry = 0x900000; }
static void only_notes(struct test_image *i) { ph_of(i, 0)->type = 4; ph_of(i, 1)->type = 4; }

static const struct corruption corruptions[] = {
	{ "not an ELF file (bad magic)", bad_magic },
	{ "not a 64-bit little-endian ELF version 1 file", bad_class },
	{ "not a static executable (ELF type is not EXEC)", bad_type },
	{ "not an x86-64 executable", bad_machine },
	{ "unexpected program header size", bad_phentsize },
	{ "no program headers", no_phdrs },
	{ "program headers lie outside the file", phdrs_outside },
	{ "program headers lie outside the file", phoff_huge },
	{ "a segment's file size exceeds its memory size", filesz_over_memsz },
	{ "a segment's contents lie outside the file", contents_outside },
	{ "a segment's contents lie outside the file", offset_wraps },
	{ "a segment lies outside the user address range", vaddr_kernel },
	{ "a segment lies outside the user address range", vaddr_wraps },
	{ "a segment lies outside the user address range", vaddr_zero_page },
	{ "a segment's address and file offset disagree modulo the page size", misaligned },
	{ "a segment is both writable and executable", write_execute },
	{ "two segments share a page", overlap },
	{ "the entry point is not in an executable segment", entry_in_data },
	{ "the entry point is not in an executable segment", entry_nowhere },
	{ "no loadable segments", only_notes },
};

UNIT_TEST(elf_each_corruption_is_refused_with_its_reason)
{
	for (size_t c = 0; c < COUNT(corruptions); c++) {
		struct test_image image;
		struct elf_image out;
		make_valid(&image);
		corruptions[c].corrupt(&image);
		const char *error = parse(&image, &out);
		CHECK_STR(error ? error : "(accepted)", corruptions[c].expected);
	}
}

UNIT_TEST(elf_truncated_files_are_refused)
{
	struct test_image image;
	struct elf_image out;
	make_valid(&image);
	/* Every prefix too short to hold what the headers describe is refused. */
	for (size_t size = 0; size < 0x2080; size += 7)
		CHECK(elf_parse(image.bytes, size, LIMIT, &out) != NULL);
	CHECK(elf_parse(image.bytes, 0x2080, LIMIT, &out) == NULL);
}

UNIT_TEST(elf_random_corruption_never_crashes)
{
	/* Random bytes over the headers: anything may be refused, but an
	 * accepted image must satisfy every promise elf_parse makes. */
	unit_random_seed(0xe1f);
	for (int round = 0; round < 20000; round++) {
		struct test_image image;
		struct elf_image out;
		make_valid(&image);
		int flips = 1 + (int)unit_random_below(4);
		for (int f = 0; f < flips; f++)
			image.bytes[unit_random_below(64 + 2 * 56)] = (uint8_t)unit_random_next();
		if (parse(&image, &out) != NULL)
			continue;
		for (size_t s = 0; s < out.segment_count; s++) {
			const struct elf_segment *seg = &out.segments[s];
			CHECK(seg->file_size <= seg->memory_size);
			CHECK(seg->file_offset + seg->file_size <= sizeof image.bytes);
			CHECK(seg->vaddr + seg->memory_size <= LIMIT);
			CHECK(!((seg->flags & ELF_SEGMENT_WRITE) && (seg->flags & ELF_SEGMENT_EXECUTE)));
		}
	}
}

/* Which bytes of a page come from the file: a segment starting mid-page,
 * spanning pages, with a zero-filled tail (bss). */
UNIT_TEST(elf_page_part_splits_pages)
{
	const struct elf_segment s = { .vaddr = 0x401100, .memory_size = 0x3000, .file_offset = 0x1100,
				       .file_size = 0x1200, .flags = ELF_SEGMENT_READ | ELF_SEGMENT_WRITE };
	struct elf_page_part first = elf_page_part(&s, 0x401000);
	CHECK_EQ(first.page_offset, 0x100);
	CHECK_EQ(first.file_offset, 0x1100);
	CHECK_EQ(first.length, 0xf00);
	struct elf_page_part second = elf_page_part(&s, 0x402000);
	CHECK_EQ(second.page_offset, 0);
	CHECK_EQ(second.file_offset, 0x2000);
	CHECK_EQ(second.length, 0x300);
	CHECK_EQ(elf_page_part(&s, 0x403000).length, 0); /* bss only */
	CHECK_EQ(elf_segment_rights(s.flags), ST_RIGHT_READ | ST_RIGHT_WRITE);
	CHECK_EQ(elf_segment_rights(ELF_SEGMENT_READ | ELF_SEGMENT_EXECUTE), ST_RIGHT_READ | ST_RIGHT_EXECUTE);
}

/*
 * kernel/mm/memmap.c: hand-written maps for each rule in memmap.h, then
 * random maps compared page by page against a direct model of those rules.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

#include "kernel/mm/memmap.h"
#include "kernel/mm/page.h"

#define KIB(n) ((uint64_t)(n) << 10)

/* A 40-bit physical address space, as QEMU's default CPU has. */
#define LIMIT_40_BITS ((uint64_t)1 << 40)

/* The output must always be sorted, disjoint, not touching (touching ranges
 * would have been merged), page aligned, non-empty and below the limit. */
static bool ranges_well_formed(const struct phys_ranges *out, uint64_t limit, char *why, size_t size)
{
	if (out->count > MEMMAP_MAX_RANGES) {
		snprintf(why, size, "count %zu above capacity", out->count);
		return false;
	}
	for (size_t i = 0; i < out->count; i++) {
		const struct phys_range *r = &out->range[i];
		if (r->start % PAGE_SIZE || r->end % PAGE_SIZE || r->start >= r->end || r->end > limit) {
			snprintf(why, size, "range %zu [%#llx, %#llx) malformed", i,
				 (unsigned long long)r->start, (unsigned long long)r->end);
			return false;
		}
		if (i > 0 && out->range[i - 1].end >= r->start) {
			snprintf(why, size, "ranges %zu and %zu not sorted and apart", i - 1, i);
			return false;
		}
	}
	return true;
}

static void check_ranges(const char *file, int line, const struct phys_ranges *out,
			 const struct phys_range *expected, size_t expected_count)
{
	char message[512];
	if (!ranges_well_formed(out, UINT64_MAX, message, sizeof message)) {
		unit_fail(file, line, message);
		return;
	}
	bool same = out->count == expected_count;
	for (size_t i = 0; same && i < expected_count; i++)
		same = out->range[i].start == expected[i].start && out->range[i].end == expected[i].end;
	if (same)
		return;
	int used = snprintf(message, sizeof message, "got %zu ranges:", out->count);
	for (size_t i = 0; i < out->count && i < 8 && used < (int)sizeof message; i++)
		used += snprintf(message + used, sizeof message - used, " [%#llx,%#llx)",
				 (unsigned long long)out->range[i].start,
				 (unsigned long long)out->range[i].end);
	if (used < (int)sizeof message)
		snprintf(message + used, sizeof message - used, "; expected %zu", expected_count);
	unit_fail(file, line, message);
}

/* CHECK_RANGES(out, {start, end}, ...) with the expected ranges in order. */
#define CHECK_RANGES(out, ...)                                                     \
	do {                                                                       \
		const struct phys_range check_expected[] = { __VA_ARGS__ };        \
		check_ranges(__FILE__, __LINE__, (out), check_expected,            \
			     COUNT(check_expected));                               \
	} while (0)

#define CHECK_NO_RANGES(out) check_ranges(__FILE__, __LINE__, (out), NULL, 0)

#define CHECK_REPORT(report, empty, wrapping, ignored, truncated)                  \
	do {                                                                       \
		CHECK_EQ((report).empty_entries, (empty));                         \
		CHECK_EQ((report).wrapping_entries, (wrapping));                   \
		CHECK_EQ((report).ignored_entries, (ignored));                     \
		CHECK_EQ((report).truncated_entries, (truncated));                 \
	} while (0)

/* The struct is 4 KiB: keep it off the stack and shared by the tests. */
static struct phys_ranges out;
static struct memmap_report report;

static int usable_ranges(const struct memmap_entry *entries, size_t entry_count,
			 const struct phys_range *reserved, size_t reserved_count, uint64_t limit)
{
	/* Stale contents must not leak into the result. */
	memset(&out, 0xa5, sizeof out);
	memset(&report, 0xa5, sizeof report);
	return memmap_usable_ranges(entries, entry_count, reserved, reserved_count, limit, &out,
				    &report);
}

/* What SeaBIOS reports to a 128 MiB QEMU guest. */
static const struct memmap_entry qemu_map[] = {
	{ 0x0, 0x9fc00, MEMMAP_USABLE },
	{ 0x9fc00, 0x400, MEMMAP_RESERVED },
	{ 0xf0000, 0x10000, MEMMAP_RESERVED },
	{ 0x100000, 0x7ee0000, MEMMAP_USABLE },
	{ 0x7fe0000, 0x20000, MEMMAP_RESERVED },
	{ 0xfffc0000, 0x40000, MEMMAP_RESERVED },
};

UNIT_TEST(memmap_qemu_like_map)
{
	CHECK_EQ(usable_ranges(qemu_map, COUNT(qemu_map), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	/* 0x9fc00 is not a page boundary: the page under the EBDA goes. */
	CHECK_RANGES(&out, { 0x0, 0x9f000 }, { 0x100000, 0x7fe0000 });
	CHECK_REPORT(report, 0, 0, 0, 0);
	CHECK_EQ(phys_ranges_bytes(&out), 0x9f000 + 0x7ee0000);
}

UNIT_TEST(memmap_qemu_like_map_with_reserved_ranges)
{
	/* The low MiB, a kernel image ending mid-page, and a boot module
	 * inside the big range, which it splits in two. */
	const struct phys_range reserved[] = {
		{ 0x0, MIB(1) },
		{ MIB(1), 0x2345678 },
		{ 0x3000000, 0x3000800 },
	};
	CHECK_EQ(usable_ranges(qemu_map, COUNT(qemu_map), reserved, COUNT(reserved), LIMIT_40_BITS),
		 MEMMAP_OK);
	CHECK_RANGES(&out, { 0x2346000, 0x3000000 }, { 0x3001000, 0x7fe0000 });
	CHECK_EQ(phys_ranges_bytes(&out), (0x3000000 - 0x2346000) + (0x7fe0000 - 0x3001000));
}

UNIT_TEST(memmap_qemu_like_map_above_4_gib)
{
	/* A larger guest: memory resumes above the 32-bit PCI hole. */
	const struct memmap_entry entries[] = {
		{ 0x0, 0x9fc00, MEMMAP_USABLE },
		{ 0x9fc00, 0x400, MEMMAP_RESERVED },
		{ 0xf0000, 0x10000, MEMMAP_RESERVED },
		{ 0x100000, 0xbfee0000, MEMMAP_USABLE },
		{ 0xbffe0000, 0x20000, MEMMAP_RESERVED },
		{ 0xfeffc000, 0x4000, MEMMAP_RESERVED },
		{ 0xfffc0000, 0x40000, MEMMAP_RESERVED },
		{ GIB(4), GIB(5), MEMMAP_USABLE },
	};
	CHECK_EQ(usable_ranges(entries, COUNT(entries), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { 0x0, 0x9f000 }, { 0x100000, 0xbffe0000 }, { GIB(4), GIB(9) });
	CHECK_EQ(phys_ranges_bytes(&out), 0x9f000 + (0xbffe0000 - 0x100000) + GIB(5));
}

UNIT_TEST(memmap_unsorted_entries)
{
	/* The QEMU map in a scrambled order gives the same answer. */
	const struct memmap_entry entries[] = {
		qemu_map[4], qemu_map[3], qemu_map[5], qemu_map[1], qemu_map[0], qemu_map[2],
	};
	CHECK_EQ(usable_ranges(entries, COUNT(entries), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { 0x0, 0x9f000 }, { 0x100000, 0x7fe0000 });

	/* Usable ranges arriving highest first, each inserted at the front. */
	const struct memmap_entry descending[] = {
		{ MIB(7), MIB(1), MEMMAP_USABLE },
		{ MIB(5), MIB(1), MEMMAP_USABLE },
		{ MIB(3), MIB(1), MEMMAP_USABLE },
		{ MIB(1), MIB(1), MEMMAP_USABLE },
	};
	CHECK_EQ(usable_ranges(descending, COUNT(descending), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(2) }, { MIB(3), MIB(4) }, { MIB(5), MIB(6) },
		     { MIB(7), MIB(8) });
}

UNIT_TEST(memmap_overlapping_usable_entries_merge)
{
	const struct memmap_entry entries[] = {
		{ MIB(1), MIB(2), MEMMAP_USABLE },
		{ MIB(2), MIB(3), MEMMAP_USABLE },     /* overlaps the first */
		{ MIB(5), MIB(1), MEMMAP_USABLE },     /* touches the second */
		{ KIB(1100), KIB(64), MEMMAP_USABLE }, /* inside the first */
		{ MIB(1), MIB(2), MEMMAP_USABLE },     /* a duplicate */
		{ MIB(8), MIB(1), MEMMAP_USABLE },     /* separate */
	};
	CHECK_EQ(usable_ranges(entries, COUNT(entries), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(6) }, { MIB(8), MIB(9) });

	/* One entry that bridges several earlier ranges swallows them all. */
	const struct memmap_entry bridged[] = {
		{ MIB(1), MIB(1), MEMMAP_USABLE },
		{ MIB(3), MIB(1), MEMMAP_USABLE },
		{ MIB(5), MIB(1), MEMMAP_USABLE },
		{ MIB(9), MIB(1), MEMMAP_USABLE },
		{ KIB(1536), MIB(4), MEMMAP_USABLE },
	};
	CHECK_EQ(usable_ranges(bridged, COUNT(bridged), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(6) }, { MIB(9), MIB(10) });
}

UNIT_TEST(memmap_reserved_entry_wins_over_usable)
{
	/* Whichever comes first, a reserved entry punches through usable. */
	const struct memmap_entry reserved_last[] = {
		{ MIB(1), MIB(15), MEMMAP_USABLE },
		{ MIB(4), MIB(1), MEMMAP_RESERVED },
	};
	const struct memmap_entry reserved_first[] = {
		{ MIB(4), MIB(1), MEMMAP_RESERVED },
		{ MIB(1), MIB(15), MEMMAP_USABLE },
	};
	CHECK_EQ(usable_ranges(reserved_last, 2, NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(4) }, { MIB(5), MIB(16) });
	CHECK_EQ(usable_ranges(reserved_first, 2, NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(4) }, { MIB(5), MIB(16) });

	/* Every type other than usable counts as "something else", including
	 * types we do not know. A hole grows outward to whole pages. */
	const struct memmap_entry mixed[] = {
		{ MIB(1), MIB(15), MEMMAP_USABLE },
		{ MIB(2), KIB(4), MEMMAP_ACPI_RECLAIMABLE },
		{ MIB(3), KIB(4), MEMMAP_ACPI_NVS },
		{ MIB(4), KIB(4), MEMMAP_BAD },
		{ MIB(5), KIB(4), 0 },
		{ MIB(6), KIB(4), 12345 },
		{ MIB(7) + 0x800, 0x100, MEMMAP_RESERVED }, /* inside one page */
		{ MIB(8) - 1, 2, MEMMAP_RESERVED },         /* straddles two pages */
		{ MIB(15), MIB(4), MEMMAP_RESERVED },       /* overlaps the end */
	};
	CHECK_EQ(usable_ranges(mixed, COUNT(mixed), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(2) }, { MIB(2) + KIB(4), MIB(3) },
		     { MIB(3) + KIB(4), MIB(4) }, { MIB(4) + KIB(4), MIB(5) },
		     { MIB(5) + KIB(4), MIB(6) }, { MIB(6) + KIB(4), MIB(7) },
		     { MIB(7) + KIB(4), MIB(8) - KIB(4) }, { MIB(8) + KIB(4), MIB(15) });

	/* A reserved entry spanning several usable ranges removes all of them
	 * and trims the two at its ends. */
	const struct memmap_entry spanning[] = {
		{ MIB(1), MIB(1), MEMMAP_USABLE },
		{ MIB(3), MIB(1), MEMMAP_USABLE },
		{ MIB(5), MIB(1), MEMMAP_USABLE },
		{ MIB(7), MIB(1), MEMMAP_USABLE },
		{ KIB(1536), MIB(6), MEMMAP_RESERVED },
	};
	CHECK_EQ(usable_ranges(spanning, COUNT(spanning), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), KIB(1536) }, { KIB(7680), MIB(8) });
}

UNIT_TEST(memmap_unaligned_usable_entries_shrink_inward)
{
	const struct memmap_entry entries[] = {
		{ MIB(1) + 0x800, MIB(2) - 0x1000, MEMMAP_USABLE }, /* both ends unaligned */
		{ 0x1001, 0xffe, MEMMAP_USABLE },                   /* less than a page */
		{ 0x5800, 0x1000, MEMMAP_USABLE },  /* a page's worth, across a boundary */
		{ MIB(8), 0x1fff, MEMMAP_USABLE },  /* one whole page and change */
	};
	CHECK_EQ(usable_ranges(entries, COUNT(entries), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1) + 0x1000, MIB(3) - 0x1000 }, { MIB(8), MIB(8) + 0x1000 });
	CHECK_REPORT(report, 0, 0, 0, 0);

	/* Each entry is aligned on its own, before merging: two unaligned
	 * halves that together cover a page do not make it usable. */
	const struct memmap_entry halves[] = {
		{ MIB(1), 0x1800, MEMMAP_USABLE },
		{ MIB(1) + 0x1800, 0x1800, MEMMAP_USABLE },
	};
	CHECK_EQ(usable_ranges(halves, COUNT(halves), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(1) + 0x1000 }, { MIB(1) + 0x2000, MIB(1) + 0x3000 });
}

UNIT_TEST(memmap_entry_wrapping_past_2_64_is_ignored)
{
	/* base + length wraps past 2^64: the entry is nonsense, so it is
	 * dropped and reported, while the rest of the map still counts. */
	const struct memmap_entry wraps[] = {
		{ MIB(1), UINT64_MAX, MEMMAP_USABLE },
		{ MIB(32), MIB(1), MEMMAP_USABLE },
	};
	CHECK_EQ(usable_ranges(wraps, COUNT(wraps), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(32), MIB(33) });
	CHECK_REPORT(report, 0, 1, 0, 0);

	/* An end of exactly 2^64 is not representable either: it wraps to 0. */
	const struct memmap_entry ends_at_2_64[] = {
		{ GIB(4), 0 - GIB(4), MEMMAP_USABLE },
	};
	CHECK_EQ(usable_ranges(ends_at_2_64, 1, NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_NO_RANGES(&out);
	CHECK_REPORT(report, 0, 1, 0, 0);

	/* Wrapping is judged before the limit: an entry starting above the
	 * limit that also wraps is reported as wrapping. */
	const struct memmap_entry high_and_wrapping[] = {
		{ GIB(2048), UINT64_MAX - GIB(1), MEMMAP_USABLE },
	};
	CHECK_EQ(usable_ranges(high_and_wrapping, 1, NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_REPORT(report, 0, 1, 0, 0);

	/* A wrapping reserved entry is not trusted either, but in the safe
	 * direction: it blocks everything from its base to the limit (and,
	 * like all non-usable entries, is not reported). */
	const struct memmap_entry wrapping_hole[] = {
		{ MIB(1), MIB(15), MEMMAP_USABLE },
		{ MIB(8), UINT64_MAX, MEMMAP_RESERVED },
	};
	CHECK_EQ(usable_ranges(wrapping_hole, 2, NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(8) });
	CHECK_REPORT(report, 0, 0, 0, 0);
}

UNIT_TEST(memmap_highest_limit)
{
	/* The highest page-aligned limit there is. An entry ending just below
	 * 2^64 does not wrap; it is cut at the limit, and aligning its ends
	 * overflows nothing. */
	const uint64_t top = UINT64_MAX - PAGE_SIZE + 1;
	const struct memmap_entry huge[] = {
		{ MIB(1) + 1, UINT64_MAX - MIB(1) - 1, MEMMAP_USABLE },
		{ top - PAGE_SIZE, PAGE_SIZE - 1, MEMMAP_RESERVED },
	};
	CHECK_EQ(usable_ranges(huge, COUNT(huge), NULL, 0, top), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1) + PAGE_SIZE, top - PAGE_SIZE });
	CHECK_REPORT(report, 0, 0, 0, 1);
	CHECK_EQ(phys_ranges_bytes(&out), top - PAGE_SIZE - MIB(1) - PAGE_SIZE);
	/* A caller reserved range reaching the top page. */
	const struct phys_range reserved[] = { { top - MIB(1), UINT64_MAX } };
	CHECK_EQ(usable_ranges(huge, 1, reserved, 1, top), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1) + PAGE_SIZE, top - MIB(1) });
}

UNIT_TEST(memmap_entries_above_limit_ignored)
{
	const uint64_t limit = MIB(64);
	const struct memmap_entry entries[] = {
		{ MIB(1), MIB(8), MEMMAP_USABLE },
		{ GIB(4), GIB(1), MEMMAP_USABLE },            /* wholly above: ignored */
		{ limit, MIB(1), MEMMAP_USABLE },             /* starts at the limit */
		{ MIB(60), MIB(8), MEMMAP_USABLE },           /* straddles: truncated */
		{ UINT64_MAX - 0x1fff, 0x1000, MEMMAP_USABLE }, /* high, but no wrap */
		{ GIB(8), MIB(1), MEMMAP_RESERVED }, /* only usable entries are counted */
	};
	CHECK_EQ(usable_ranges(entries, COUNT(entries), NULL, 0, limit), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(9) }, { MIB(60), MIB(64) });
	CHECK_REPORT(report, 0, 0, 3, 1);
}

UNIT_TEST(memmap_zero_length_entries_reported)
{
	const struct memmap_entry entries[] = {
		{ MIB(1), 0, MEMMAP_USABLE },
		{ MIB(2), MIB(1), MEMMAP_USABLE },
		{ GIB(8), 0, MEMMAP_USABLE }, /* empty takes precedence over ignored */
		{ UINT64_MAX, 0, MEMMAP_USABLE }, /* and over wrapping */
		{ MIB(2), 0, MEMMAP_RESERVED }, /* removes nothing */
	};
	CHECK_EQ(usable_ranges(entries, COUNT(entries), NULL, 0, MIB(64)), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(2), MIB(3) });
	CHECK_REPORT(report, 3, 0, 0, 0);
}

UNIT_TEST(memmap_empty_and_all_reserved_maps)
{
	CHECK_EQ(usable_ranges(NULL, 0, NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_NO_RANGES(&out);
	CHECK_REPORT(report, 0, 0, 0, 0);
	CHECK_EQ(phys_ranges_bytes(&out), 0);

	const struct memmap_entry reserved_only[] = {
		{ 0, MIB(1), MEMMAP_RESERVED },
		{ MIB(1), MIB(100), MEMMAP_ACPI_NVS },
		{ GIB(4), GIB(4), MEMMAP_BAD },
	};
	CHECK_EQ(usable_ranges(reserved_only, COUNT(reserved_only), NULL, 0, LIMIT_40_BITS),
		 MEMMAP_OK);
	CHECK_NO_RANGES(&out);
	CHECK_EQ(phys_ranges_bytes(&out), 0);

	/* Usable memory entirely covered by a reserved entry. */
	const struct memmap_entry covered[] = {
		{ MIB(1), MIB(1), MEMMAP_USABLE },
		{ 0, MIB(4), MEMMAP_RESERVED },
	};
	CHECK_EQ(usable_ranges(covered, COUNT(covered), NULL, 0, LIMIT_40_BITS), MEMMAP_OK);
	CHECK_NO_RANGES(&out);
}

UNIT_TEST(memmap_reserved_ranges_subtracted)
{
	const struct memmap_entry entries[] = {
		{ MIB(1), MIB(15), MEMMAP_USABLE },
		{ MIB(20), MIB(4), MEMMAP_USABLE },
		{ MIB(30), MIB(2), MEMMAP_USABLE },
	};
	const struct phys_range reserved[] = {
		{ MIB(1), KIB(1536) },             /* trims a start */
		{ MIB(15), MIB(16) },              /* trims an end */
		{ MIB(4) + 1, MIB(4) + 2 },        /* splits; grows to one whole page */
		{ MIB(8), MIB(7) },                /* end < start: ignored */
		{ MIB(9), MIB(9) },                /* empty: ignored */
		{ MIB(20), MIB(24) },              /* exactly one whole range */
		{ MIB(31), GIB(8) },               /* runs past the limit */
		{ GIB(2), GIB(3) },                /* wholly above the limit */
	};
	CHECK_EQ(usable_ranges(entries, COUNT(entries), reserved, COUNT(reserved), GIB(1)),
		 MEMMAP_OK);
	CHECK_RANGES(&out, { KIB(1536), MIB(4) }, { MIB(4) + KIB(4), MIB(15) }, { MIB(30), MIB(31) });
	/* Caller reserved ranges are not firmware map problems. */
	CHECK_REPORT(report, 0, 0, 0, 0);

	/* An inverted range whose start is in usable memory is ignored too,
	 * not taken as a hole from its start to the limit. */
	const struct phys_range inverted[] = { { MIB(2), 0x100 } };
	CHECK_EQ(usable_ranges(entries, 1, inverted, 1, GIB(1)), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(16) });

	/* One reserved range across several usable ranges. */
	const struct phys_range wide[] = { { MIB(10), MIB(31) + 1 } };
	CHECK_EQ(usable_ranges(entries, COUNT(entries), wide, 1, GIB(1)), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(1), MIB(10) }, { MIB(31) + KIB(4), MIB(32) });
}

UNIT_TEST(memmap_bad_limit)
{
	const struct memmap_entry entries[] = { { MIB(1), MIB(1), MEMMAP_USABLE } };
	static const uint64_t bad_limits[] = { 0, 1, 0x1234, GIB(4) + 1, UINT64_MAX };
	for (size_t i = 0; i < COUNT(bad_limits); i++) {
		CHECK_EQ(usable_ranges(entries, 1, NULL, 0, bad_limits[i]), MEMMAP_ERROR_BAD_LIMIT);
		CHECK_EQ(out.count, 0); /* no stale ranges for a caller to trust */
	}
	/* The smallest good limit. */
	CHECK_EQ(usable_ranges(entries, 1, NULL, 0, PAGE_SIZE), MEMMAP_OK);
	CHECK_NO_RANGES(&out);
	CHECK_REPORT(report, 0, 0, 1, 0);
}

UNIT_TEST(memmap_report_may_be_null)
{
	const struct memmap_entry entries[] = {
		{ MIB(1), 0, MEMMAP_USABLE },
		{ MIB(2), GIB(1), MEMMAP_USABLE },
		{ MIB(3), UINT64_MAX, MEMMAP_USABLE },
	};
	CHECK_EQ(memmap_usable_ranges(entries, 3, NULL, 0, MIB(64), &out, NULL), MEMMAP_OK);
	CHECK_RANGES(&out, { MIB(2), MIB(64) });
}

/* One page every other page: no two entries merge. */
static struct memmap_entry tiny_entries[MEMMAP_MAX_RANGES + 2];

static void make_tiny_entries(size_t count)
{
	for (size_t i = 0; i < count; i++)
		tiny_entries[i] = (struct memmap_entry){ MIB(1) + i * 2 * PAGE_SIZE, PAGE_SIZE,
							  MEMMAP_USABLE };
}

UNIT_TEST(memmap_capacity)
{
	make_tiny_entries(MEMMAP_MAX_RANGES + 1);
	CHECK_EQ(usable_ranges(tiny_entries, MEMMAP_MAX_RANGES, NULL, 0, GIB(1)), MEMMAP_OK);
	CHECK_EQ(out.count, MEMMAP_MAX_RANGES);
	CHECK_EQ(phys_ranges_bytes(&out), MEMMAP_MAX_RANGES * PAGE_SIZE);
	char why[128] = "";
	CHECK(ranges_well_formed(&out, GIB(1), why, sizeof why));

	/* One more range than fits. */
	CHECK_EQ(usable_ranges(tiny_entries, MEMMAP_MAX_RANGES + 1, NULL, 0, GIB(1)),
		 MEMMAP_ERROR_TOO_MANY_RANGES);

	/* The list is full, but an entry that only adds to existing ranges
	 * needs no new slot: a duplicate, and one bridging the first two. */
	tiny_entries[MEMMAP_MAX_RANGES] = tiny_entries[7];
	CHECK_EQ(usable_ranges(tiny_entries, MEMMAP_MAX_RANGES + 1, NULL, 0, GIB(1)), MEMMAP_OK);
	CHECK_EQ(out.count, MEMMAP_MAX_RANGES);
	tiny_entries[MEMMAP_MAX_RANGES] = (struct memmap_entry){ MIB(1), 3 * PAGE_SIZE, MEMMAP_USABLE };
	CHECK_EQ(usable_ranges(tiny_entries, MEMMAP_MAX_RANGES + 1, NULL, 0, GIB(1)), MEMMAP_OK);
	CHECK_EQ(out.count, MEMMAP_MAX_RANGES - 1);
	CHECK_EQ(out.range[0].start, MIB(1));
	CHECK_EQ(out.range[0].end, MIB(1) + 3 * PAGE_SIZE);
	/* Extending the last range at the top. */
	const struct memmap_entry *last = &tiny_entries[MEMMAP_MAX_RANGES - 1];
	tiny_entries[MEMMAP_MAX_RANGES] =
		(struct memmap_entry){ last->base, 5 * PAGE_SIZE, MEMMAP_USABLE };
	CHECK_EQ(usable_ranges(tiny_entries, MEMMAP_MAX_RANGES + 1, NULL, 0, GIB(1)), MEMMAP_OK);
	CHECK_EQ(out.count, MEMMAP_MAX_RANGES);
	CHECK_EQ(out.range[MEMMAP_MAX_RANGES - 1].end, last->base + 5 * PAGE_SIZE);

	/* Splitting a range of a full list needs a slot that is not there. */
	make_tiny_entries(MEMMAP_MAX_RANGES - 1);
	tiny_entries[MEMMAP_MAX_RANGES - 1] = (struct memmap_entry){ MIB(512), MIB(1),
								      MEMMAP_USABLE };
	const struct phys_range splitter[] = { { MIB(512) + KIB(16), MIB(512) + KIB(20) } };
	CHECK_EQ(usable_ranges(tiny_entries, MEMMAP_MAX_RANGES, NULL, 0, GIB(1)), MEMMAP_OK);
	CHECK_EQ(usable_ranges(tiny_entries, MEMMAP_MAX_RANGES, splitter, 1, GIB(1)),
		 MEMMAP_ERROR_TOO_MANY_RANGES);
	/* With one range fewer, the split fits exactly. */
	CHECK_EQ(usable_ranges(tiny_entries + 1, MEMMAP_MAX_RANGES - 1, splitter, 1, GIB(1)),
		 MEMMAP_OK);
	CHECK_EQ(out.count, MEMMAP_MAX_RANGES);
}

UNIT_TEST(memmap_ranges_bytes)
{
	struct phys_ranges ranges = { .count = 0 };
	CHECK_EQ(phys_ranges_bytes(&ranges), 0);
	ranges.count = 3;
	ranges.range[0] = (struct phys_range){ 0x1000, 0x3000 };
	ranges.range[1] = (struct phys_range){ MIB(1), MIB(2) };
	ranges.range[2] = (struct phys_range){ GIB(4), GIB(12) };
	CHECK_EQ(phys_ranges_bytes(&ranges), 0x2000 + MIB(1) + GIB(8));
}

UNIT_TEST(memmap_type_names)
{
	CHECK_STR(memmap_type_name(MEMMAP_USABLE), "usable");
	CHECK_STR(memmap_type_name(MEMMAP_RESERVED), "reserved");
	CHECK_STR(memmap_type_name(MEMMAP_ACPI_RECLAIMABLE), "ACPI reclaimable");
	CHECK_STR(memmap_type_name(MEMMAP_ACPI_NVS), "ACPI NVS");
	CHECK_STR(memmap_type_name(MEMMAP_BAD), "bad");
	CHECK_STR(memmap_type_name(0), "unknown");
	CHECK_STR(memmap_type_name(99), "unknown");
}

/*
 * The property test. The model applies the rules of memmap.h to one page at
 * a time, with no merging or list handling at all:
 *   - entries that are empty or start at or above the limit are dropped;
 *   - usable entries that wrap past 2^64 are dropped; other wrapping
 *     entries block every page from their base to the limit;
 *   - each usable entry, cut at the limit, makes usable the pages lying
 *     wholly inside it (inward alignment, entry by entry);
 *   - each other entry, cut the same way, blocks every page it touches;
 *   - each caller reserved range with end > start blocks every page it
 *     touches below the limit;
 *   - a page is usable iff some entry made it usable and nothing blocked it.
 */
#define MODEL_PAGES 16384 /* 64 MiB */

static bool model_usable[MODEL_PAGES];
static bool model_blocked[MODEL_PAGES];

static void model_mark(bool *pages, uint64_t first_page, uint64_t end_page)
{
	for (uint64_t page = first_page; page < end_page; page++)
		pages[page] = true;
}

static struct memmap_entry random_entry(uint64_t space)
{
	struct memmap_entry entry;
	/* Some entries start past the space, to land above a low limit. */
	uint64_t span = space + space / 8;
	entry.base = unit_random_below(2) ? unit_random_below(span / PAGE_SIZE) * PAGE_SIZE : unit_random_below(span);
	switch (unit_random_below(20)) {
	case 0: entry.length = 0; break;
	case 1: entry.length = UINT64_MAX - unit_random_below(PAGE_SIZE * 4); break; /* wraps */
	case 2: entry.length = 0 - entry.base - unit_random_below(PAGE_SIZE * 4); break; /* or nearly */
	case 3:
	case 4: entry.length = 1 + unit_random_below(2 * PAGE_SIZE); break;
	case 5:
	case 6:
	case 7:
	case 8:
	case 9: entry.length = (1 + unit_random_below(space / PAGE_SIZE / 8)) * PAGE_SIZE; break;
	default: entry.length = 1 + unit_random_below(space / 4); break;
	}
	static const uint32_t other_types[] = { MEMMAP_RESERVED, MEMMAP_ACPI_RECLAIMABLE,
						MEMMAP_ACPI_NVS, MEMMAP_BAD, 0, 77, UINT32_MAX };
	/* Two in three usable, so that the holes do not wipe out most maps. */
	entry.type = unit_random_below(3) ? MEMMAP_USABLE : other_types[unit_random_below(COUNT(other_types))];
	return entry;
}

UNIT_TEST(memmap_random_maps_match_model)
{
	enum { MAPS = 2000, MAX_ENTRIES = 40, MAX_RESERVED = 4 };
	unit_random_seed(0x5eed0f3a7c11ull);
	for (int map = 0; map < MAPS; map++) {
		/* Mostly the whole 64 MiB; sometimes small, for dense overlaps. */
		static const uint64_t spaces[] = { MIB(64), MIB(64), MIB(4), MIB(1) };
		uint64_t space = spaces[unit_random_below(COUNT(spaces))];
		uint64_t limit = unit_random_below(4) ? space : (1 + unit_random_below(space / PAGE_SIZE)) * PAGE_SIZE;

		struct memmap_entry entries[MAX_ENTRIES];
		size_t entry_count = unit_random_below(MAX_ENTRIES + 1);
		for (size_t i = 0; i < entry_count; i++)
			entries[i] = random_entry(space);

		struct phys_range reserved[MAX_RESERVED];
		size_t reserved_count = unit_random_below(MAX_RESERVED + 1);
		for (size_t i = 0; i < reserved_count; i++) {
			uint64_t start = unit_random_below(space + space / 8);
			uint64_t end = start + unit_random_below(space / 16);
			if (unit_random_below(8) == 0) /* inverted */
				reserved[i] = (struct phys_range){ end, start };
			else
				reserved[i] = (struct phys_range){ start, end };
		}

		memset(model_usable, 0, sizeof model_usable);
		memset(model_blocked, 0, sizeof model_blocked);
		struct memmap_report expected_report = { 0 };
		for (size_t i = 0; i < entry_count; i++) {
			const struct memmap_entry *e = &entries[i];
			bool usable = e->type == MEMMAP_USABLE;
			if (e->length == 0) {
				expected_report.empty_entries += usable;
				continue;
			}
			/* An end of exactly 2^64 wraps to 0 too (from base 0, no
			 * length reaches it). */
			if (e->base != 0 && e->length >= 0 - e->base) {
				expected_report.wrapping_entries += usable;
				if (!usable && e->base < limit)
					model_mark(model_blocked, page_align_down(e->base) / PAGE_SIZE,
						   limit / PAGE_SIZE);
				continue;
			}
			if (e->base >= limit) {
				expected_report.ignored_entries += usable;
				continue;
			}
			uint64_t end = e->base + e->length;
			if (end > limit) {
				expected_report.truncated_entries += usable;
				end = limit;
			}
			if (usable)
				model_mark(model_usable, page_align_up(e->base) / PAGE_SIZE,
					   page_align_down(end) / PAGE_SIZE);
			else
				model_mark(model_blocked, page_align_down(e->base) / PAGE_SIZE,
					   page_align_up(end) / PAGE_SIZE);
		}
		for (size_t i = 0; i < reserved_count; i++) {
			const struct phys_range *r = &reserved[i];
			if (r->end <= r->start || r->start >= limit)
				continue;
			uint64_t end = r->end < limit ? r->end : limit;
			model_mark(model_blocked, page_align_down(r->start) / PAGE_SIZE,
				   page_align_up(end) / PAGE_SIZE);
		}

		int result = usable_ranges(entries, entry_count, reserved, reserved_count, limit);
		char message[256];
		if (result != MEMMAP_OK) {
			snprintf(message, sizeof message, "map %d: error %d", map, result);
			unit_fail(__FILE__, __LINE__, message);
			return;
		}
		char why[128];
		if (!ranges_well_formed(&out, limit, why, sizeof why)) {
			snprintf(message, sizeof message, "map %d: %s", map, why);
			unit_fail(__FILE__, __LINE__, message);
			return;
		}
		if (report.empty_entries != expected_report.empty_entries ||
		    report.wrapping_entries != expected_report.wrapping_entries ||
		    report.ignored_entries != expected_report.ignored_entries ||
		    report.truncated_entries != expected_report.truncated_entries) {
			snprintf(message, sizeof message,
				 "map %d: report %zu/%zu/%zu/%zu, model %zu/%zu/%zu/%zu", map,
				 report.empty_entries, report.wrapping_entries, report.ignored_entries,
				 report.truncated_entries, expected_report.empty_entries,
				 expected_report.wrapping_entries, expected_report.ignored_entries,
				 expected_report.truncated_entries);
			unit_fail(__FILE__, __LINE__, message);
			return;
		}

		/* Walk the pages and the output ranges together. */
		size_t range = 0;
		uint64_t usable_pages = 0;
		for (uint64_t page = 0; page < MODEL_PAGES; page++) {
			uint64_t address = page * PAGE_SIZE;
			while (range < out.count && out.range[range].end <= address)
				range++;
			bool got = range < out.count && out.range[range].start <= address;
			bool expected = model_usable[page] && !model_blocked[page];
			usable_pages += expected;
			if (got != expected) {
				snprintf(message, sizeof message,
					 "map %d: page %#llx is %s, model says %s", map,
					 (unsigned long long)address, got ? "usable" : "not usable",
					 expected ? "usable" : "not usable");
				unit_fail(__FILE__, __LINE__, message);
				return;
			}
		}
		if (phys_ranges_bytes(&out) != usable_pages * PAGE_SIZE) {
			snprintf(message, sizeof message, "map %d: %llu bytes, model %llu pages", map,
				 (unsigned long long)phys_ranges_bytes(&out),
				 (unsigned long long)usable_pages);
			unit_fail(__FILE__, __LINE__, message);
			return;
		}
	}
}

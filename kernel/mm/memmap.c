#include "kernel/mm/memmap.h"

#include "kernel/mm/page.h"

static int ranges_insert(struct phys_ranges *ranges, size_t index, struct phys_range range)
{
	if (ranges->count == MEMMAP_MAX_RANGES)
		return MEMMAP_ERROR_TOO_MANY_RANGES;
	for (size_t i = ranges->count; i > index; i--)
		ranges->range[i] = ranges->range[i - 1];
	ranges->range[index] = range;
	ranges->count++;
	return MEMMAP_OK;
}

static void ranges_remove(struct phys_ranges *ranges, size_t index)
{
	for (size_t i = index; i + 1 < ranges->count; i++)
		ranges->range[i] = ranges->range[i + 1];
	ranges->count--;
}

/* Keeps the list sorted by start and merges touching or overlapping ranges.
 * A range that merges takes no new slot, so it fits even in a full list. */
static int ranges_add(struct phys_ranges *ranges, struct phys_range added)
{
	size_t i = 0;
	while (i < ranges->count && ranges->range[i].start < added.start)
		i++;
	if (i > 0 && ranges->range[i - 1].end >= added.start) {
		/* Grow the predecessor. */
		i--;
		if (added.end > ranges->range[i].end)
			ranges->range[i].end = added.end;
	} else if (i < ranges->count && added.end >= ranges->range[i].start) {
		/* Grow the successor down (its start is not below added.start). */
		ranges->range[i].start = added.start;
		if (added.end > ranges->range[i].end)
			ranges->range[i].end = added.end;
	} else {
		int error = ranges_insert(ranges, i, added);
		if (error)
			return error;
	}
	/* Swallow successors the grown range now reaches. */
	while (i + 1 < ranges->count && ranges->range[i].end >= ranges->range[i + 1].start) {
		if (ranges->range[i + 1].end > ranges->range[i].end)
			ranges->range[i].end = ranges->range[i + 1].end;
		ranges_remove(ranges, i + 1);
	}
	return MEMMAP_OK;
}

static int ranges_subtract(struct phys_ranges *ranges, struct phys_range hole)
{
	for (size_t i = 0; i < ranges->count; i++) {
		struct phys_range *r = &ranges->range[i];
		if (hole.end <= r->start || hole.start >= r->end)
			continue;
		if (hole.start <= r->start && hole.end >= r->end) {
			ranges_remove(ranges, i);
			i--;
		} else if (hole.start > r->start && hole.end < r->end) {
			struct phys_range upper = { hole.end, r->end };
			r->end = hole.start;
			return ranges_insert(ranges, i + 1, upper);
		} else if (hole.start <= r->start) {
			r->start = hole.end;
		} else {
			r->end = hole.start;
		}
	}
	return MEMMAP_OK;
}

/* Clips [base, base + length) to the limit; returns 0 when nothing is left. */
static int clip_entry(uint64_t base, uint64_t length, uint64_t limit, struct phys_range *out,
		      struct memmap_report *report)
{
	if (length == 0) {
		report->empty_entries++;
		return 0;
	}
	uint64_t end = base + length;
	if (end < base) {
		report->wrapping_entries++;
		return 0;
	}
	if (base >= limit) {
		report->ignored_entries++;
		return 0;
	}
	if (end > limit) {
		report->truncated_entries++;
		end = limit;
	}
	out->start = base;
	out->end = end;
	return 1;
}

/* Removes the pages [base, base + length) touches. A hole whose end wraps
 * past 2^64 blocks everything from its base up: when a map contradicts
 * itself, leave the memory alone. */
static int subtract_hole(struct phys_ranges *ranges, uint64_t base, uint64_t length, uint64_t limit)
{
	if (length == 0 || base >= limit)
		return MEMMAP_OK;
	uint64_t end = base + length;
	if (end < base || end > limit)
		end = limit;
	struct phys_range hole = { page_align_down(base), page_align_up(end) };
	return ranges_subtract(ranges, hole);
}

int memmap_usable_ranges(const struct memmap_entry *entries, size_t entry_count,
			 const struct phys_range *reserved, size_t reserved_count,
			 uint64_t phys_limit, struct phys_ranges *out, struct memmap_report *report)
{
	struct memmap_report ignored;
	if (!report)
		report = &ignored;
	*report = (struct memmap_report){ 0 };
	out->count = 0;
	if (phys_limit == 0 || phys_limit != page_align_down(phys_limit))
		return MEMMAP_ERROR_BAD_LIMIT;

	for (size_t i = 0; i < entry_count; i++) {
		struct phys_range r;
		if (entries[i].type != MEMMAP_USABLE ||
		    !clip_entry(entries[i].base, entries[i].length, phys_limit, &r, report))
			continue;
		r.start = page_align_up(r.start);
		r.end = page_align_down(r.end);
		if (r.start >= r.end)
			continue;
		int error = ranges_add(out, r);
		if (error)
			return error;
	}

	for (size_t i = 0; i < entry_count; i++) {
		if (entries[i].type == MEMMAP_USABLE)
			continue;
		int error = subtract_hole(out, entries[i].base, entries[i].length, phys_limit);
		if (error)
			return error;
	}
	for (size_t i = 0; i < reserved_count; i++) {
		if (reserved[i].end < reserved[i].start)
			continue;
		int error = subtract_hole(out, reserved[i].start, reserved[i].end - reserved[i].start, phys_limit);
		if (error)
			return error;
	}
	return MEMMAP_OK;
}

uint64_t phys_ranges_bytes(const struct phys_ranges *ranges)
{
	uint64_t total = 0;
	for (size_t i = 0; i < ranges->count; i++)
		total += ranges->range[i].end - ranges->range[i].start;
	return total;
}

const char *memmap_type_name(uint32_t type)
{
	switch (type) {
	case MEMMAP_USABLE: return "usable";
	case MEMMAP_RESERVED: return "reserved";
	case MEMMAP_ACPI_RECLAIMABLE: return "ACPI reclaimable";
	case MEMMAP_ACPI_NVS: return "ACPI NVS";
	case MEMMAP_BAD: return "bad";
	default: return "unknown";
	}
}

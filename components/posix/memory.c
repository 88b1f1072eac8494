#include "components/posix/memory.h"

#include "components/posix/heap.h"
#include "components/posix/objects.h"
#include "components/posix/posix.h"
#include "lib/string.h"

void mm_init(struct mm *mm, uint64_t vspace)
{
	memset(mm, 0, sizeof *mm);
	mm->vspace = vspace;
}

/* ---- Mapping single pages ---- */

/* The rights a page of region r is mapped with. x86 cannot map a page
 * writable or executable without making it readable. */
static unsigned page_rights(const struct region *r, bool writable)
{
	unsigned rights = ST_RIGHT_READ;
	if (writable)
		rights |= ST_RIGHT_WRITE;
	if (r->prot & LINUX_PROT_EXEC)
		rights |= ST_RIGHT_EXECUTE;
	if (writable && (r->prot & LINUX_PROT_EXEC))
		rights |= ST_MAP_ALLOW_WRITE_EXECUTE; /* Linux allows it (JITs) */
	return rights;
}

static bool prot_accessible(unsigned prot)
{
	return prot & (LINUX_PROT_READ | LINUX_PROT_WRITE | LINUX_PROT_EXEC);
}

static long add_page_table(struct mm *mm, uint64_t address)
{
	if (mm->page_table_count == mm->page_table_capacity) {
		unsigned capacity = mm->page_table_capacity ? mm->page_table_capacity * 2 : 16;
		slot_id *grown = heap_alloc(capacity * sizeof *grown);
		if (!grown)
			return -LINUX_ENOMEM;
		if (mm->page_table_count)
			memcpy(grown, mm->page_tables, mm->page_table_count * sizeof *grown);
		heap_free(mm->page_tables, mm->page_table_capacity * sizeof *grown);
		mm->page_tables = grown;
		mm->page_table_capacity = capacity;
	}
	slot_id table = page_table_get();
	if (!table)
		return -LINUX_ENOMEM;
	if (st_page_table_map(slot_ref(table), mm->vspace, address, NULL) != ST_OK) {
		page_table_put(table);
		return -LINUX_ENOMEM;
	}
	mm->page_tables[mm->page_table_count++] = table;
	return 0;
}

/* Maps the capability at page, making page tables as needed. */
static long map_cap(struct mm *mm, slot_id cap, uint64_t page, unsigned rights)
{
	for (;;) {
		long error = st_frame_map(slot_ref(cap), mm->vspace, page, rights);
		if (error == ST_OK)
			return 0;
		if (error != ST_ERROR_NOT_MAPPED)
			return -LINUX_ENOMEM;
		if ((error = add_page_table(mm, page)))
			return error;
	}
}

/* Puts frame at page (entry e) with a capability of its own, mapped
 * with rights (or only kept, if !map). The frame's reference passes from
 * the caller to the entry; on failure the caller keeps it. */
static long set_page(struct mm *mm, struct pm_entry *e, uint64_t page, frame_id frame, unsigned rights, bool map)
{
	slot_id cap = slot_alloc();
	if (!cap)
		return -LINUX_ENOMEM;
	long error = st_cap_copy(frame_cap(frame), slot_ref(cap), ST_RIGHTS_ALL) ? -LINUX_ENOMEM : 0;
	if (!error && map)
		error = map_cap(mm, cap, page, rights);
	if (error) {
		slot_release(cap);
		return error;
	}
	e->frame = frame;
	e->cap = cap;
	e->writable = (rights & ST_RIGHT_WRITE) != 0;
	e->unmapped = !map;
	mm->pages.pages++;
	return 0;
}

/* Unmaps the page and drops its frame reference. */
static void clear_page(struct mm *mm, struct pm_entry *e)
{
	slot_release(e->cap); /* deleting a mapped capability unmaps it */
	frame_put(e->frame);
	*e = (struct pm_entry){ 0 };
	mm->pages.pages--;
}

/* ---- Regions ---- */

struct region *mm_region_at(struct mm *mm, uint64_t address)
{
	for (struct region *r = mm->regions; r && r->start <= address; r = r->next) {
		if (address < r->end)
			return r;
	}
	return NULL;
}

static void region_free(struct region *r)
{
	image_put(r->image);
	heap_free(r, sizeof *r);
}

static void region_insert(struct mm *mm, struct region *r)
{
	struct region **link = &mm->regions;
	while (*link && (*link)->start < r->start)
		link = &(*link)->next;
	r->next = *link;
	*link = r;
}

/* Splits the region around address so that a region boundary falls
 * there. */
static long split_at(struct mm *mm, uint64_t address)
{
	struct region *r = mm_region_at(mm, address);
	if (!r || r->start == address)
		return 0;
	struct region *tail = heap_alloc(sizeof *tail);
	if (!tail)
		return -LINUX_ENOMEM;
	*tail = *r;
	tail->start = address;
	tail->image_offset = r->image_offset + (address - r->start);
	if (tail->image)
		image_hold(tail->image);
	r->end = address;
	r->next = tail;
	return 0;
}

bool mm_range_free(struct mm *mm, uint64_t start, uint64_t end)
{
	for (struct region *r = mm->regions; r && r->start < end; r = r->next) {
		if (r->end > start)
			return false;
	}
	return true;
}

uint64_t mm_find_free(struct mm *mm, uint64_t length)
{
	uint64_t best = 0, previous_end = MEMORY_MMAP_BOTTOM;
	for (struct region *r = mm->regions;; r = r->next) {
		uint64_t gap_end = r && r->start < MEMORY_MMAP_TOP ? r->start : MEMORY_MMAP_TOP;
		if (gap_end > previous_end && gap_end - previous_end >= length)
			best = gap_end - length;
		if (!r || r->start >= MEMORY_MMAP_TOP)
			break;
		if (r->end > previous_end)
			previous_end = r->end;
	}
	return best;
}

long mm_unmap(struct mm *mm, uint64_t start, uint64_t end)
{
	long error;
	if ((error = split_at(mm, start)) || (error = split_at(mm, end)))
		return error;
	for (struct region **link = &mm->regions; *link;) {
		struct region *r = *link;
		if (r->start >= start && r->end <= end) {
			*link = r->next;
			region_free(r);
		} else {
			link = &r->next;
		}
	}
	uint64_t address = start;
	struct pm_entry *e;
	while ((e = pagemap_next(&mm->pages, &address, end))) {
		clear_page(mm, e);
		address += PAGE_SIZE;
	}
	return 0;
}

void mm_discard(struct mm *mm, uint64_t start, uint64_t end)
{
	uint64_t address = start;
	struct pm_entry *e;
	while ((e = pagemap_next(&mm->pages, &address, end))) {
		struct region *r = mm_region_at(mm, address);
		if (r && !(r->flags & REGION_SHARED))
			clear_page(mm, e);
		address += PAGE_SIZE;
	}
}

long mm_map(struct mm *mm, uint64_t start, uint64_t end, unsigned prot, unsigned flags, struct image *image,
	    uint64_t image_offset, uint64_t file_end)
{
	long error = mm_unmap(mm, start, end);
	if (error)
		return error;
	struct region *r = heap_zalloc(sizeof *r);
	if (!r)
		return -LINUX_ENOMEM;
	r->start = start;
	r->end = end;
	r->prot = prot;
	r->flags = flags;
	r->image = image;
	r->image_offset = image_offset;
	r->file_end = image ? file_end : start;
	if (image)
		image_hold(image);
	region_insert(mm, r);
	return 0;
}

long mm_protect(struct mm *mm, uint64_t start, uint64_t end, unsigned prot)
{
	/* Linux refuses (ENOMEM) when part of the range has no region. */
	uint64_t covered = start;
	for (struct region *r = mm->regions; r && r->start < end; r = r->next) {
		if (r->end <= covered)
			continue;
		if (r->start > covered)
			return -LINUX_ENOMEM;
		covered = r->end;
	}
	if (covered < end)
		return -LINUX_ENOMEM;
	long error;
	if ((error = split_at(mm, start)) || (error = split_at(mm, end)))
		return error;
	for (struct region *r = mm->regions; r && r->start < end; r = r->next) {
		if (r->end <= start)
			continue;
		r->prot = prot;
		uint64_t address = r->start;
		struct pm_entry *e;
		while ((e = pagemap_next(&mm->pages, &address, r->end))) {
			if (!prot_accessible(prot)) {
				if (!e->unmapped)
					st_frame_unmap(slot_ref(e->cap));
				e->unmapped = 1;
			} else {
				bool writable = e->writable && (prot & LINUX_PROT_WRITE);
				if (e->unmapped) {
					if (map_cap(mm, e->cap, address, page_rights(r, writable)))
						return -LINUX_ENOMEM;
					e->unmapped = 0;
				} else {
					st_frame_protect(slot_ref(e->cap), page_rights(r, writable));
				}
				e->writable = writable;
			}
			address += PAGE_SIZE;
		}
	}
	return 0;
}

long mm_move(struct mm *mm, uint64_t from, uint64_t to, uint64_t length)
{
	struct region *source = mm_region_at(mm, from);
	if (!source)
		return -LINUX_EFAULT;
	long error;
	if ((error = split_at(mm, from)) || (error = split_at(mm, from + length)))
		return error;
	source = mm_region_at(mm, from);
	/* The new region takes the old one's attributes. */
	uint64_t file_end = source->file_end > source->start ? to + (source->file_end - source->start) : to;
	if ((error = mm_map(mm, to, to + length, source->prot, source->flags, source->image, source->image_offset,
			    file_end)))
		return error;
	struct region *target = mm_region_at(mm, to);
	if (source->bus_from)
		target->bus_from = source->bus_from > from ? to + (source->bus_from - from) : to;
	uint64_t address = from;
	struct pm_entry *e;
	while ((e = pagemap_next(&mm->pages, &address, from + length))) {
		uint64_t new_address = to + (address - from);
		struct pm_entry *n = pagemap_entry(&mm->pages, new_address, true);
		if (!n)
			return -LINUX_ENOMEM;
		frame_get(e->frame);
		error = set_page(mm, n, new_address, e->frame, page_rights(target, e->writable), !e->unmapped);
		if (error) {
			frame_put(e->frame);
			return error;
		}
		address += PAGE_SIZE;
	}
	return mm_unmap(mm, from, from + length);
}

void mm_clear(struct mm *mm)
{
	uint64_t address = 0;
	struct pm_entry *e;
	while ((e = pagemap_next(&mm->pages, &address, MEMORY_USER_LIMIT))) {
		clear_page(mm, e);
		address += PAGE_SIZE;
	}
	pagemap_free(&mm->pages);
	while (mm->regions) {
		struct region *r = mm->regions;
		mm->regions = r->next;
		region_free(r);
	}
	for (unsigned i = 0; i < mm->page_table_count; i++)
		page_table_put(mm->page_tables[i]);
	heap_free(mm->page_tables, mm->page_table_capacity * sizeof *mm->page_tables);
	mm->page_tables = NULL;
	mm->page_table_count = mm->page_table_capacity = 0;
	mm->brk_start = mm->brk = 0;
}

/* ---- Faults ---- */

/* A fresh frame for page of region r: the executable's bytes where the
 * region has them, zeroes elsewhere. Whole read-only file pages are the
 * cache's own frame (shared); *shared says so. */
static frame_id page_contents(struct region *r, uint64_t page, bool *shared)
{
	*shared = false;
	if (!r->image || page >= r->file_end)
		return frame_alloc();
	uint64_t offset = r->image_offset + (page - r->start);
	uint64_t size = image_size(r->image);
	frame_id cached = image_frame(r->image, offset / PAGE_SIZE);
	if (page + PAGE_SIZE <= r->file_end && cached) {
		*shared = true;
		frame_get(cached);
		return cached;
	}
	/* The page where the file's bytes end and zeroes (bss) begin. */
	frame_id frame = frame_alloc();
	if (frame && cached) {
		uint64_t length = r->file_end - page;
		if (offset + length > size)
			length = offset < size ? size - offset : 0;
		memcpy(frame_data(frame), frame_data(cached), length);
	}
	return frame;
}

static enum mm_fault_result populate(struct mm *mm, struct region *r, struct pm_entry *e, uint64_t page,
				     unsigned access)
{
	bool shared;
	frame_id frame = page_contents(r, page, &shared);
	if (!frame)
		return MM_FAULT_NOMEM;
	bool writable = (r->prot & LINUX_PROT_WRITE) != 0;
	if (shared && writable) {
		if (access & ACCESS_WRITE) {
			/* Written at once: copy now rather than fault again. */
			frame_id copy = frame_alloc_dirty();
			if (!copy) {
				frame_put(frame);
				return MM_FAULT_NOMEM;
			}
			page_copy(frame_data(copy), frame_data(frame));
			frame_put(frame);
			frame = copy;
		} else {
			writable = false; /* copy-on-write from the cache */
		}
	}
	if (set_page(mm, e, page, frame, page_rights(r, writable), prot_accessible(r->prot))) {
		frame_put(frame);
		return MM_FAULT_NOMEM;
	}
	return MM_FAULT_OK;
}

/* A write to a private page mapped read-only: the only user of the frame
 * just gets write access, others get a copy. */
static enum mm_fault_result copy_on_write(struct mm *mm, struct region *r, struct pm_entry *e, uint64_t page)
{
	if (frame_refs(e->frame) == 1 || (r->flags & REGION_SHARED)) {
		if (st_frame_protect(slot_ref(e->cap), page_rights(r, true)) != ST_OK)
			return MM_FAULT_NOMEM;
		e->writable = 1;
		return MM_FAULT_OK;
	}
	frame_id copy = frame_alloc_dirty();
	if (!copy)
		return MM_FAULT_NOMEM;
	page_copy(frame_data(copy), frame_data(e->frame));
	clear_page(mm, e);
	if (set_page(mm, e, page, copy, page_rights(r, true), true)) {
		frame_put(copy);
		return MM_FAULT_NOMEM;
	}
	return MM_FAULT_OK;
}

enum mm_fault_result mm_fault(struct mm *mm, uint64_t address, unsigned access)
{
	struct region *r = mm_region_at(mm, address);
	if (!r)
		return MM_FAULT_MAPERR;
	if (((access & ACCESS_WRITE) && !(r->prot & LINUX_PROT_WRITE)) ||
	    ((access & ACCESS_EXECUTE) && !(r->prot & LINUX_PROT_EXEC)) || !prot_accessible(r->prot))
		return MM_FAULT_ACCERR;
	uint64_t page = PAGE_DOWN(address);
	if (r->bus_from && page >= r->bus_from)
		return MM_FAULT_BUS;
	struct pm_entry *e = pagemap_entry(&mm->pages, page, true);
	if (!e)
		return MM_FAULT_NOMEM;
	if (!e->frame)
		return populate(mm, r, e, page, access);
	if (e->unmapped) {
		if (map_cap(mm, e->cap, page, page_rights(r, e->writable)))
			return MM_FAULT_NOMEM;
		e->unmapped = 0;
	}
	if ((access & ACCESS_WRITE) && !e->writable)
		return copy_on_write(mm, r, e, page);
	return MM_FAULT_OK; /* already there (a retried access) */
}

/* ---- Fork ---- */

long mm_fork(struct mm *child, struct mm *parent)
{
	child->brk_start = parent->brk_start;
	child->brk = parent->brk;
	struct region **tail = &child->regions;
	for (struct region *r = parent->regions; r; r = r->next) {
		struct region *copy = heap_alloc(sizeof *copy);
		if (!copy)
			return -LINUX_ENOMEM;
		*copy = *r;
		copy->next = NULL;
		if (copy->image)
			image_hold(copy->image);
		*tail = copy;
		tail = &copy->next;
	}
	for (struct region *r = parent->regions; r; r = r->next) {
		/* Shared pages must exist before the split, or each side would
		 * fill its own. */
		if ((r->flags & REGION_SHARED) && prot_accessible(r->prot)) {
			for (uint64_t page = r->start; page < r->end; page += PAGE_SIZE) {
				if (mm_fault(parent, page, ACCESS_READ) != MM_FAULT_OK)
					return -LINUX_ENOMEM;
			}
		}
		uint64_t address = r->start;
		struct pm_entry *e;
		while ((e = pagemap_next(&parent->pages, &address, r->end))) {
			bool writable = e->writable;
			if (!(r->flags & REGION_SHARED) && writable) {
				if (!e->unmapped)
					st_frame_protect(slot_ref(e->cap), page_rights(r, false));
				e->writable = 0;
				writable = false;
			}
			struct pm_entry *c = pagemap_entry(&child->pages, address, true);
			if (!c)
				return -LINUX_ENOMEM;
			frame_get(e->frame);
			if (set_page(child, c, address, e->frame, page_rights(r, writable), !e->unmapped)) {
				frame_put(e->frame);
				return -LINUX_ENOMEM;
			}
			address += PAGE_SIZE;
		}
	}
	return 0;
}

#include "kernel/arch/x86_64/vspace.h"

#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/cpu_features.h"
#include "kernel/arch/x86_64/paging.h"
#include "kernel/mm/layout.h"
#include "lib/string.h"

/* The bookkeeping page that follows the top-level table. */
struct vspace_info {
	/* The capabilities mapped here follow this sentinel, linked by
	 * map_next: every mapped slot has a map_prev, which slot_move()
	 * relies on to relink a moved capability (the list head included). */
	struct slot mappings;
};

static struct vspace_info *info_of(uint64_t root)
{
	return phys_to_virt(root + 4096);
}

static uint64_t *table_at(uint64_t phys)
{
	return phys_to_virt(phys);
}

void vspace_object_init(uint64_t phys)
{
	uint64_t *root = table_at(phys);
	paging_share_kernel_half(root);
	/* The page-table window: the top-level table maps itself, user
	 * readable, never writable or executable. */
	root[ST_UVPT_SLOT] = phys | PTE_PRESENT | PTE_USER | paging_no_execute();
}

static void link_mapping(uint64_t root, struct slot *slot)
{
	struct slot *head = &info_of(root)->mappings;
	slot->map_prev = head;
	slot->map_next = head->map_next;
	if (head->map_next)
		head->map_next->map_prev = slot;
	head->map_next = slot;
}

static void unlink_mapping(struct slot *slot)
{
	if (slot->map_prev)
		slot->map_prev->map_next = slot->map_next;
	if (slot->map_next)
		slot->map_next->map_prev = slot->map_prev;
	slot->map_prev = slot->map_next = NULL;
	slot->cap.flags &= (uint8_t)~CAP_FLAG_MAPPED;
	slot->cap.mapped_in = 0;
	slot->cap.word = 0;
	slot->cap.level = 0;
}

static bool is_current(uint64_t root)
{
	return (read_cr3() & PTE_ADDRESS_MASK) == root;
}

/*
 * Process-context identifiers: with them the TLB keeps each address
 * space's translations across switches, tagged by PCID. An address space's
 * PCID is derived from its address (several may share one); a PCID's
 * translations are kept only for the address space that last loaded it,
 * and forgotten when a mapping of that space changes while another is
 * loaded, or when it is destroyed. Without PCIDs every switch flushes.
 */
static bool pcid_enabled;
static uint64_t pcid_owner[4096]; /* whose translations each PCID holds */

static unsigned pcid_of(uint64_t root)
{
	return (unsigned)((root >> ST_VSPACE_SIZE_BITS) % 4095) + 1; /* PCID 0 is the nucleus's own */
}

static void forget_translations(uint64_t root)
{
	if (pcid_enabled && pcid_owner[pcid_of(root)] == root)
		pcid_owner[pcid_of(root)] = 0;
}

void vspace_enable_pcid(void)
{
	if (!cpu_features.pcid)
		return;
	write_cr4(read_cr4() | CR4_PCIDE); /* allowed: the nucleus runs with PCID 0 */
	pcid_enabled = true;
}

void vspace_load(uint64_t root)
{
	if (!pcid_enabled) {
		write_cr3(root);
		return;
	}
	unsigned pcid = pcid_of(root);
	if (pcid_owner[pcid] == root) {
		write_cr3(root | pcid | CR3_NO_FLUSH);
	} else {
		pcid_owner[pcid] = root;
		write_cr3(root | pcid); /* flushes what another space left under this PCID */
	}
}

void vspace_destroy(uint64_t root)
{
	/* Page tables taken out of a dead address space are cleared, so that
	 * mapping one elsewhere cannot bring back stale entries. */
	struct slot *slot;
	while ((slot = info_of(root)->mappings.map_next)) {
		if (slot->cap.type == ST_OBJECT_PAGE_TABLE)
			memset(table_at(slot->cap.object), 0, 4096);
		unlink_mapping(slot);
	}
	if (is_current(root))
		write_cr3(paging_kernel_root());
	forget_translations(root);
}

static int frame_level(const struct cap *cap)
{
	return cap->type == ST_OBJECT_LARGE_FRAME ? 2 : 1;
}

/* The entry at `level` for address, through present tables: NOT_MAPPED if
 * a table above it is missing, ALREADY_MAPPED if a large page covers it. */
static int find_entry(uint64_t root, uint64_t address, int level, uint64_t **entry)
{
	uint64_t *table = table_at(root);
	for (int current = 4; current > level; current--) {
		uint64_t value = table[page_table_index(address, current)];
		if (!(value & PTE_PRESENT))
			return ST_ERROR_NOT_MAPPED;
		if (value & PTE_LARGE)
			return ST_ERROR_ALREADY_MAPPED;
		table = table_at(value & PTE_ADDRESS_MASK);
	}
	*entry = &table[page_table_index(address, level)];
	return ST_OK;
}

void vspace_unmap_cap(struct slot *slot)
{
	struct cap *cap = &slot->cap;
	if (!(cap->flags & CAP_FLAG_MAPPED))
		return;
	uint64_t root = cap->mapped_in;
	bool table = cap->type == ST_OBJECT_PAGE_TABLE;
	int level = table ? (int)cap->level : frame_level(cap);
	uint64_t *entry;
	/* The entry may be gone already (a page table above it was unmapped
	 * and cleared) or replaced: only clear it if it is still ours. */
	if (find_entry(root, cap->word, level, &entry) == ST_OK && (*entry & PTE_PRESENT) &&
	    (*entry & PTE_ADDRESS_MASK) == cap->object) {
		*entry = 0;
		if (!is_current(root))
			forget_translations(root);
		else if (table)
			write_cr3(read_cr3()); /* its entries, and the window onto them */
		else
			invalidate_page(cap->word);
	}
	if (table)
		memset(table_at(cap->object), 0, 4096);
	unlink_mapping(slot);
}

static bool user_range(uint64_t address, uint64_t size)
{
	if (address & (size - 1))
		return false;
	if (address >= ST_USER_ADDRESS_LIMIT || size > ST_USER_ADDRESS_LIMIT - address)
		return false;
	return address + size <= ST_UVPT_BASE || address >= ST_UVPT_END;
}

/* Leaf flags for the requested rights, or an error. */
static int leaf_flags_for(const struct cap *frame, uint64_t rights, uint64_t *flags)
{
	uint64_t access = rights & (ST_RIGHT_READ | ST_RIGHT_WRITE | ST_RIGHT_EXECUTE);
	if (rights & ~(access | ST_MAP_ALLOW_WRITE_EXECUTE))
		return ST_ERROR_INVALID_ARGUMENT;
	if (!(access & ST_RIGHT_READ)) /* x86 has no unreadable user pages */
		return ST_ERROR_INVALID_ARGUMENT;
	if ((access & ST_RIGHT_WRITE) && (access & ST_RIGHT_EXECUTE) && !(rights & ST_MAP_ALLOW_WRITE_EXECUTE))
		return ST_ERROR_INVALID_ARGUMENT;
	if ((frame->rights & access) != access)
		return ST_ERROR_NO_RIGHTS;
	*flags = PTE_PRESENT | PTE_USER | (access & ST_RIGHT_WRITE ? PTE_WRITABLE : 0) |
		 (access & ST_RIGHT_EXECUTE ? 0 : paging_no_execute()) |
		 (frame->type == ST_OBJECT_LARGE_FRAME ? PTE_LARGE : 0);
	return ST_OK;
}

int vspace_map_frame(struct slot *vspace, struct slot *frame, uint64_t address, uint64_t rights)
{
	struct cap *cap = &frame->cap;
	if (cap->flags & CAP_FLAG_MAPPED)
		return ST_ERROR_ALREADY_MAPPED;
	int level = frame_level(cap);
	if (!user_range(address, page_table_entry_span(level)))
		return ST_ERROR_INVALID_ARGUMENT;
	uint64_t flags, *entry;
	int error = leaf_flags_for(cap, rights, &flags);
	if (!error)
		error = find_entry(vspace->cap.object, address, level, &entry);
	if (error)
		return error;
	if (*entry & PTE_PRESENT)
		return ST_ERROR_ALREADY_MAPPED;
	*entry = cap->object | flags;
	cap->flags |= CAP_FLAG_MAPPED;
	cap->word = address;
	cap->mapped_in = vspace->cap.object;
	link_mapping(vspace->cap.object, frame);
	return ST_OK;
}

int vspace_protect_frame(struct slot *frame, uint64_t rights)
{
	struct cap *cap = &frame->cap;
	if (!(cap->flags & CAP_FLAG_MAPPED))
		return ST_ERROR_NOT_MAPPED;
	uint64_t flags, *entry;
	int error = leaf_flags_for(cap, rights, &flags);
	if (error)
		return error;
	if (find_entry(cap->mapped_in, cap->word, frame_level(cap), &entry) == ST_OK &&
	    (*entry & PTE_PRESENT) && (*entry & PTE_ADDRESS_MASK) == cap->object) {
		*entry = cap->object | flags;
		if (is_current(cap->mapped_in))
			invalidate_page(cap->word);
		else
			forget_translations(cap->mapped_in);
	}
	return ST_OK;
}

int vspace_map_page_table(struct slot *vspace, struct slot *table, uint64_t address, unsigned *level)
{
	struct cap *cap = &table->cap;
	if (cap->flags & CAP_FLAG_MAPPED)
		return ST_ERROR_ALREADY_MAPPED;
	if (address >= ST_USER_ADDRESS_LIMIT || (address >= ST_UVPT_BASE && address < ST_UVPT_END))
		return ST_ERROR_INVALID_ARGUMENT;
	/* It lands at the highest level still missing on the way to address. */
	uint64_t *entries = table_at(vspace->cap.object);
	for (int current = 4; current >= 2; current--) {
		uint64_t *entry = &entries[page_table_index(address, current)];
		if (!(*entry & PTE_PRESENT)) {
			*entry = cap->object | PTE_PRESENT | PTE_WRITABLE | PTE_USER;
			cap->flags |= CAP_FLAG_MAPPED;
			cap->level = (uint32_t)current;
			cap->word = address & ~(page_table_entry_span(current) - 1);
			cap->mapped_in = vspace->cap.object;
			link_mapping(vspace->cap.object, table);
			*level = (unsigned)current - 1;
			return ST_OK;
		}
		if (*entry & PTE_LARGE)
			return ST_ERROR_ALREADY_MAPPED;
		entries = table_at(*entry & PTE_ADDRESS_MASK);
	}
	return ST_ERROR_ALREADY_MAPPED; /* every level is there already */
}

bool vspace_user_page(uint64_t root, uint64_t address, bool write, uint64_t *phys)
{
	if (address >= ST_USER_ADDRESS_LIMIT || root == 0)
		return false; /* root 0: a thread whose address space was just taken away */
	/* As the CPU does: user and write permission must hold at every level. */
	const uint64_t *table = table_at(root);
	for (int level = 4; level >= 1; level--) {
		uint64_t entry = table[page_table_index(address, level)];
		if (!(entry & PTE_PRESENT) || !(entry & PTE_USER) || (write && !(entry & PTE_WRITABLE)))
			return false;
		if (level == 1 || (level <= 2 && (entry & PTE_LARGE))) {
			uint64_t span = page_table_entry_span(level);
			*phys = (entry & PTE_ADDRESS_MASK & ~(span - 1)) + (address & (span - 1));
			return true;
		}
		if (entry & PTE_LARGE)
			return false; /* no 1 GiB user pages */
		table = table_at(entry & PTE_ADDRESS_MASK);
	}
	return false;
}

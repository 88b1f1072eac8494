#include "components/posix/slots.h"

#include "components/posix/untyped.h"
#include "user/lib/alloc.h"

uint32_t slots_cnode_root_slot[SLOTS_CNODE_MAX];

/* One bit per slot, set when taken. Slot 0 of each CNode is never usable,
 * so it is marked taken from the start. */
static uint64_t taken[SLOTS_CNODE_MAX][SLOTS_PER_CNODE / 64];
static unsigned cnode_count;
static unsigned search_cnode; /* the lowest CNode that may have a free slot */
static unsigned used;

static int add_cnode(void)
{
	if (cnode_count == SLOTS_CNODE_MAX)
		return 0;
	uint32_t root_slot = st_alloc_slot();
	if (!root_slot)
		return 0;
	if (untyped_retype(ST_OBJECT_CNODE, SLOTS_CNODE_BITS, root_slot) != ST_OK) {
		st_printf("posix: out of memory for a CNode\n");
		return 0;
	}
	slots_cnode_root_slot[cnode_count] = root_slot;
	taken[cnode_count][0] = 1;
	cnode_count++;
	return 1;
}

slot_id slot_alloc(void)
{
	for (;;) {
		for (unsigned c = search_cnode; c < cnode_count; c++) {
			for (unsigned w = 0; w < SLOTS_PER_CNODE / 64; w++) {
				if (taken[c][w] == ~0ull)
					continue;
				unsigned bit = (unsigned)__builtin_ctzll(~taken[c][w]);
				taken[c][w] |= 1ull << bit;
				search_cnode = c;
				used++;
				return (c << SLOTS_CNODE_BITS) | (w * 64 + bit);
			}
		}
		search_cnode = cnode_count;
		if (!add_cnode())
			return 0;
	}
}

void slot_free(slot_id id)
{
	unsigned c = id >> SLOTS_CNODE_BITS, index = id & (SLOTS_PER_CNODE - 1);
	if (!id || c >= cnode_count || !index)
		return;
	taken[c][index / 64] &= ~(1ull << (index % 64));
	if (c < search_cnode)
		search_cnode = c;
	used--;
}

void slot_release(slot_id id)
{
	if (!id)
		return;
	st_cap_delete(slot_ref(id));
	slot_free(id);
}

unsigned slots_in_use(void)
{
	return used;
}

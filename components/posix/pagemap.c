#include "components/posix/pagemap.h"

#include "components/posix/heap.h"

#define LEVELS 4
#define FANOUT 512

struct node {
	void *child[FANOUT]; /* level 1: an array of FANOUT struct pm_entry */
};

_Static_assert(sizeof(struct pm_entry) == 8, "a page map entry is one word");

static unsigned index_at(uint64_t address, unsigned level)
{
	return (address >> (12 + 9 * (level - 1))) & (FANOUT - 1);
}

struct pm_entry *pagemap_entry(struct pagemap *map, uint64_t address, bool create)
{
	void **slot = &map->root;
	for (unsigned level = LEVELS; level >= 1; level--) {
		if (!*slot) {
			if (!create)
				return NULL;
			*slot = heap_zalloc(level == 1 ? FANOUT * sizeof(struct pm_entry) : sizeof(struct node));
			if (!*slot)
				return NULL;
		}
		if (level == 1)
			return &((struct pm_entry *)*slot)[index_at(address, 1)];
		slot = &((struct node *)*slot)->child[index_at(address, level)];
	}
	return NULL;
}

/* The span of addresses one child at this level covers. */
static uint64_t child_span(unsigned level)
{
	return 1ull << (12 + 9 * (level - 1));
}

static struct pm_entry *next_in(void *table, unsigned level, uint64_t base, uint64_t *address, uint64_t end)
{
	uint64_t span = child_span(level);
	for (unsigned i = index_at(*address, level); i < FANOUT; i++) {
		uint64_t start = base + i * span;
		if (start >= end)
			return NULL;
		if (level == 1) {
			struct pm_entry *e = &((struct pm_entry *)table)[i];
			if (e->frame) {
				*address = start;
				return e;
			}
			continue;
		}
		void *child = ((struct node *)table)->child[i];
		if (child) {
			uint64_t from = *address > start ? *address : start;
			uint64_t saved = *address;
			*address = from;
			struct pm_entry *e = next_in(child, level - 1, start, address, end);
			if (e)
				return e;
			*address = saved;
		}
		*address = start + span; /* the next child starts at its beginning */
	}
	return NULL;
}

struct pm_entry *pagemap_next(struct pagemap *map, uint64_t *address, uint64_t end)
{
	if (!map->root || *address >= end)
		return NULL;
	*address &= ~4095ull;
	return next_in(map->root, LEVELS, 0, address, end);
}

static void free_node(void *table, unsigned level)
{
	if (level > 1) {
		for (unsigned i = 0; i < FANOUT; i++) {
			void *child = ((struct node *)table)->child[i];
			if (child)
				free_node(child, level - 1);
		}
	}
	heap_free(table, level == 1 ? FANOUT * sizeof(struct pm_entry) : sizeof(struct node));
}

void pagemap_free(struct pagemap *map)
{
	if (map->root)
		free_node(map->root, LEVELS);
	map->root = NULL;
	map->pages = 0;
}

/*
 * kernel/object/slot.c: capability slots and the derivation tree
 * (docs/objects.md). The test plays the nucleus: cap_destroy_object() and
 * cap_unmap() below record every call, check that no other capability still
 * names an object being destroyed, queue a destroyed CNode's slots with
 * cspace_clear_later() and take unmapped slots off their address space's
 * list, as the nucleus will. tree_consistent() checks every derivation and
 * mapping link after each step, and a seeded random test compares the
 * result of thousands of operations with a reference model.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "kernel/object/slot.h"

/* Objects other than CNodes and address spaces get made-up addresses. */
#define FAKE_BASE 0x100000000ull
#define FAKE_STRIDE 0x1000ull

/*
 * A CNode is a test-owned array of slots whose address is the object. Slot 0
 * is never used (docs/objects.md); its reserved words point back here, the
 * way the nucleus keeps a CNode's bookkeeping in slot 0.
 */
struct test_cnode {
	struct slot *slots;
	size_t count;
	struct slot_container container;
	int id;
};

/* An address space: the object is the head of its list of mappings. */
struct test_vspace {
	struct slot head; /* first member: the object address is the struct's */
	int id;
};

struct test_object {
	uint8_t type;
	uint8_t size_bits;
	uint64_t address;
	unsigned destroyed;     /* cap_destroy_object() calls */
	unsigned destroyed_seq; /* hook_seq at the (first) call */
	struct test_cnode *cnode;
	struct test_vspace *vspace;
};

static struct test_object *objects;
static size_t object_count, object_capacity;

/* Every slot array the current test uses: its own arrays and all CNodes. */
struct slot_array {
	struct slot *slots;
	size_t count;
	size_t base; /* global index of slots[0] */
};

static struct slot_array *universe;
static size_t universe_count, universe_capacity, universe_slots;
static struct slot_array *sorted_universe; /* by address, for lookups */
static size_t sorted_capacity;
static bool sorted_stale = true;

/* Hook calls, in order. */
struct call {
	struct slot *slot;
	uint8_t type;
	uint8_t flags;
	uint64_t object;
	unsigned seq;
};

#define LOG_MAX 256
static struct call destroy_log[LOG_MAX], unmap_log[LOG_MAX];
static unsigned destroy_calls, unmap_calls, hook_seq;
/* The deep-chain tests turn off the (quadratic) scan for other caps. */
static bool check_others_on_destroy = true;

/*
 * The spread of stack depths at which cap_destroy_object() is called. The
 * host's 8 MiB stack would survive recursion over 10000 nested CNodes where
 * the nucleus's few KiB would not, so the deep tests measure it: iterative
 * destruction calls the hook from the same depth every time.
 */
static uintptr_t stack_lowest, stack_highest;
static bool stack_measured;
#define STACK_LIMIT 1024 /* bytes: a few frames, not one per nesting level */

static void stack_reset(void)
{
	stack_measured = false;
}

static void stack_measure(void)
{
	uintptr_t here = (uintptr_t)__builtin_frame_address(0);
	if (!stack_measured || here < stack_lowest)
		stack_lowest = here;
	if (!stack_measured || here > stack_highest)
		stack_highest = here;
	stack_measured = true;
}

static size_t stack_spread(void)
{
	return stack_highest - stack_lowest;
}

static void *grow(void *array, size_t *capacity, size_t needed, size_t element)
{
	if (needed <= *capacity)
		return array;
	size_t capacity_new = *capacity ? *capacity : 16;
	while (capacity_new < needed)
		capacity_new *= 2;
	array = realloc(array, capacity_new * element);
	if (!array) {
		fprintf(stderr, "test_slot: out of memory\n");
		exit(2);
	}
	*capacity = capacity_new;
	return array;
}

static void universe_add(struct slot *slots, size_t count)
{
	universe = grow(universe, &universe_capacity, universe_count + 1, sizeof *universe);
	universe[universe_count++] = (struct slot_array){ slots, count, universe_slots };
	universe_slots += count;
	sorted_stale = true;
}

/* Frees the previous test's objects; everything stays reachable till then. */
static void world_reset(void)
{
	for (size_t i = 0; i < object_count; i++) {
		if (objects[i].cnode) {
			free(objects[i].cnode->slots);
			free(objects[i].cnode);
		}
		free(objects[i].vspace);
	}
	object_count = 0;
	universe_count = 0;
	universe_slots = 0;
	sorted_stale = true;
	destroy_calls = unmap_calls = hook_seq = 0;
	check_others_on_destroy = true;
}

static int new_object(uint8_t type, unsigned size_bits)
{
	objects = grow(objects, &object_capacity, object_count + 1, sizeof *objects);
	int id = (int)object_count++;
	struct test_object *o = &objects[id];
	memset(o, 0, sizeof *o);
	o->type = type;
	o->size_bits = (uint8_t)size_bits;
	if (type == ST_OBJECT_CNODE) {
		struct test_cnode *c = calloc(1, sizeof *c);
		c->count = (size_t)1 << size_bits;
		c->slots = calloc(c->count, sizeof *c->slots);
		c->container.slots = c->slots;
		c->container.count = c->count;
		c->id = id;
		c->slots[0].reserved[0] = (uintptr_t)c;
		o->cnode = c;
		o->address = (uintptr_t)c->slots;
		universe_add(c->slots, c->count);
	} else if (type == ST_OBJECT_VSPACE) {
		struct test_vspace *v = calloc(1, sizeof *v);
		v->id = id;
		o->vspace = v;
		o->address = (uintptr_t)&v->head;
	} else {
		o->address = FAKE_BASE + (uint64_t)id * FAKE_STRIDE;
	}
	return id;
}

static struct cap cap_to(int id, unsigned rights)
{
	return (struct cap){ .type = objects[id].type,
			     .rights = (uint8_t)rights,
			     .size_bits = objects[id].size_bits,
			     .object = objects[id].address };
}

/* The object a capability names, or -1 (after failing the test). */
static int object_of(const struct cap *cap)
{
	int id = -1;
	if (cap->type == ST_OBJECT_CNODE) {
		const struct slot *slots = (const struct slot *)(uintptr_t)cap->object;
		id = ((const struct test_cnode *)(uintptr_t)slots[0].reserved[0])->id;
	} else if (cap->type == ST_OBJECT_VSPACE) {
		id = ((const struct test_vspace *)(uintptr_t)cap->object)->id;
	} else if (cap->object >= FAKE_BASE && (cap->object - FAKE_BASE) % FAKE_STRIDE == 0) {
		id = (int)((cap->object - FAKE_BASE) / FAKE_STRIDE);
	}
	if (id < 0 || (size_t)id >= object_count || objects[id].address != cap->object ||
	    objects[id].type != cap->type) {
		unit_fail(__FILE__, __LINE__, "a capability names no object the test made");
		return -1;
	}
	return id;
}

static struct slot *cnode_slot(int id, size_t index)
{
	return &objects[id].cnode->slots[index];
}

static struct slot *vspace_head(int id)
{
	return &objects[id].vspace->head;
}

/* Puts a capability to the object, with all rights, under parent. */
static struct slot *put(struct slot *parent, struct slot *where, int id)
{
	struct cap cap = cap_to(id, ST_RIGHTS_ALL);
	slot_insert(parent, where, &cap);
	return where;
}

/* ---- Finding slots ---- */

static int compare_arrays(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct slot_array *)a)->slots;
	uintptr_t y = (uintptr_t)((const struct slot_array *)b)->slots;
	return x < y ? -1 : x > y;
}

/* The global index of a slot in the universe, or -1 if it is not in it. */
static long global_index(const struct slot *p)
{
	if (sorted_stale) {
		sorted_universe = grow(sorted_universe, &sorted_capacity, universe_count + 1,
				       sizeof *sorted_universe);
		memcpy(sorted_universe, universe, universe_count * sizeof *universe);
		qsort(sorted_universe, universe_count, sizeof *universe, compare_arrays);
		sorted_stale = false;
	}
	uintptr_t address = (uintptr_t)p;
	size_t low = 0, high = universe_count; /* the last array starting at or below p */
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if ((uintptr_t)sorted_universe[middle].slots <= address)
			low = middle + 1;
		else
			high = middle;
	}
	if (low == 0)
		return -1;
	const struct slot_array *a = &sorted_universe[low - 1];
	uintptr_t offset = address - (uintptr_t)a->slots;
	if (offset % sizeof(struct slot) || offset / sizeof(struct slot) >= a->count)
		return -1;
	return (long)(a->base + offset / sizeof(struct slot));
}

static size_t count_caps_to(const struct cap *cap, const struct slot *except)
{
	size_t count = 0;
	for (size_t a = 0; a < universe_count; a++) {
		for (size_t i = 0; i < universe[a].count; i++) {
			const struct slot *s = &universe[a].slots[i];
			if (s != except && !slot_empty(s) && s->cap.type == cap->type &&
			    s->cap.object == cap->object)
				count++;
		}
	}
	return count;
}

/* ---- The nucleus's side ---- */

/* Takes a mapped slot off its address space's list and clears its mapping
 * state, as the nucleus's unmap will. */
static void unmap_slot(struct slot *slot)
{
	CHECK(slot->cap.flags & CAP_FLAG_MAPPED);
	CHECK(slot->map_prev && slot->map_prev->map_next == slot);
	if (slot->map_prev)
		slot->map_prev->map_next = slot->map_next;
	if (slot->map_next)
		slot->map_next->map_prev = slot->map_prev;
	slot->map_prev = slot->map_next = NULL;
	slot->cap.flags &= (uint8_t)~CAP_FLAG_MAPPED;
	slot->cap.word = 0;
	slot->cap.mapped_in = 0;
}

/* Maps the capability in slot into an address space, at the list's head. */
static void map_slot(struct slot *slot, int vspace, uint64_t address)
{
	struct slot *head = vspace_head(vspace);
	slot->cap.flags |= CAP_FLAG_MAPPED;
	slot->cap.word = address;
	slot->cap.mapped_in = (uintptr_t)head;
	slot->map_prev = head;
	slot->map_next = head->map_next;
	if (head->map_next)
		head->map_next->map_prev = slot;
	head->map_next = slot;
}

static void record(struct call *log, unsigned *calls, struct slot *slot)
{
	if (*calls < LOG_MAX)
		log[*calls] = (struct call){ slot, slot->cap.type, slot->cap.flags, slot->cap.object,
					     hook_seq };
	(*calls)++;
	hook_seq++;
}

void cap_destroy_object(struct slot *slot)
{
	if (slot_empty(slot)) {
		unit_fail(__FILE__, __LINE__, "cap_destroy_object on an empty slot");
		return;
	}
	unsigned seq = hook_seq;
	stack_measure();
	record(destroy_log, &destroy_calls, slot);
	if (check_others_on_destroy && count_caps_to(&slot->cap, slot) != 0)
		unit_fail(__FILE__, __LINE__, "object destroyed while another capability names it");
	int id = object_of(&slot->cap);
	if (id < 0)
		return;
	struct test_object *o = &objects[id];
	if (o->destroyed++) {
		unit_fail(__FILE__, __LINE__, "object destroyed twice");
		return; /* queueing a CNode twice would loop */
	}
	o->destroyed_seq = seq;
	if (o->type == ST_OBJECT_CNODE) {
		CHECK_EQ(o->cnode->count, (size_t)1 << slot->cap.size_bits);
		cspace_clear_later(&o->cnode->container);
	} else if (o->type == ST_OBJECT_VSPACE) {
		/* Everything mapped in it is unmapped and its caps marked so. */
		while (o->vspace->head.map_next)
			unmap_slot(o->vspace->head.map_next);
	}
}

void cap_unmap(struct slot *slot)
{
	if (slot_empty(slot)) {
		unit_fail(__FILE__, __LINE__, "cap_unmap on an empty slot");
		return;
	}
	record(unmap_log, &unmap_calls, slot);
	unmap_slot(slot);
}

/* ---- Consistency ---- */

static bool tree_fail(char *why, size_t size, const struct slot_array *a, size_t index,
		      const char *what)
{
	snprintf(why, size, "slot %zu of the array at %p (global %zu): %s", index,
		 (void *)a->slots, a->base + index, what);
	return false;
}

/*
 * Every derivation link among the slots of the arrays must be mutually
 * consistent: links stay inside the arrays and never touch an empty slot,
 * a first child's parent is its parent and it has no previous sibling,
 * sibling links are symmetric and siblings share a parent, a slot first in
 * its list is its parent's first child, and neither the parent chains nor
 * the sibling lists loop. Empty slots are all zero.
 */
static bool tree_consistent(const struct slot_array *arrays, size_t count, char *why, size_t size)
{
	static const struct cap empty_cap;
	size_t total = 0;
	for (size_t a = 0; a < count; a++)
		total += arrays[a].count;
	for (size_t a = 0; a < count; a++) {
		for (size_t i = 0; i < arrays[a].count; i++) {
			const struct slot *s = &arrays[a].slots[i];
			if (slot_empty(s)) {
				if (s->parent || s->first_child || s->prev_sibling || s->next_sibling ||
				    s->map_prev || s->map_next)
					return tree_fail(why, size, &arrays[a], i, "empty slot has links");
				if (memcmp(&s->cap, &empty_cap, sizeof empty_cap) != 0)
					return tree_fail(why, size, &arrays[a], i,
							 "empty slot has capability bits");
				continue;
			}
			if (s->cap.type >= ST_OBJECT_TYPE_COUNT)
				return tree_fail(why, size, &arrays[a], i, "bad type");
			const struct slot *links[] = { s->parent, s->first_child, s->prev_sibling,
						       s->next_sibling };
			for (size_t l = 0; l < COUNT(links); l++) {
				if (!links[l])
					continue;
				if (global_index(links[l]) < 0)
					return tree_fail(why, size, &arrays[a], i,
							 "links outside the slot arrays");
				if (slot_empty(links[l]))
					return tree_fail(why, size, &arrays[a], i, "links to an empty slot");
				if (links[l] == s)
					return tree_fail(why, size, &arrays[a], i, "links to itself");
			}
			if (s->first_child && s->first_child->parent != s)
				return tree_fail(why, size, &arrays[a], i, "first child's parent is another");
			if (s->first_child && s->first_child->prev_sibling)
				return tree_fail(why, size, &arrays[a], i,
						 "first child has a previous sibling");
			if (s->next_sibling && s->next_sibling->prev_sibling != s)
				return tree_fail(why, size, &arrays[a], i, "next sibling's prev is another");
			if (s->prev_sibling && s->prev_sibling->next_sibling != s)
				return tree_fail(why, size, &arrays[a], i, "prev sibling's next is another");
			if (s->next_sibling && s->next_sibling->parent != s->parent)
				return tree_fail(why, size, &arrays[a], i, "next sibling has another parent");
			if (s->prev_sibling && s->prev_sibling->parent != s->parent)
				return tree_fail(why, size, &arrays[a], i, "prev sibling has another parent");
			if (!s->prev_sibling && s->parent && s->parent->first_child != s)
				return tree_fail(why, size, &arrays[a], i,
						 "first of its siblings but not its parent's first child");
			size_t steps = 0;
			for (const struct slot *p = s->prev_sibling; p; p = p->prev_sibling) {
				if (++steps > total)
					return tree_fail(why, size, &arrays[a], i, "sibling list loops");
			}
			steps = 0;
			for (const struct slot *p = s->parent; p; p = p->parent) {
				if (++steps > total)
					return tree_fail(why, size, &arrays[a], i, "parent chain loops");
			}
		}
	}
	return true;
}

/*
 * Mapping links: each live address space's list holds exactly the mapped
 * capabilities naming it, with symmetric links; a destroyed one's is empty;
 * unmapped capabilities are on no list.
 */
static bool mappings_consistent(char *why, size_t size)
{
	size_t listed = 0;
	for (size_t id = 0; id < object_count; id++) {
		if (objects[id].type != ST_OBJECT_VSPACE)
			continue;
		const struct slot *head = &objects[id].vspace->head;
		if (head->map_prev) {
			snprintf(why, size, "address space %zu: head has a previous link", id);
			return false;
		}
		if (objects[id].destroyed && head->map_next) {
			snprintf(why, size, "destroyed address space %zu still has mappings", id);
			return false;
		}
		const struct slot *prev = head;
		for (const struct slot *p = head->map_next; p; prev = p, p = p->map_next) {
			if (++listed > universe_slots || global_index(p) < 0 || slot_empty(p) ||
			    !(p->cap.flags & CAP_FLAG_MAPPED) || p->cap.mapped_in != (uintptr_t)head ||
			    p->map_prev != prev) {
				snprintf(why, size, "address space %zu: bad mapping list entry", id);
				return false;
			}
		}
	}
	size_t mapped = 0;
	for (size_t a = 0; a < universe_count; a++) {
		for (size_t i = 0; i < universe[a].count; i++) {
			const struct slot *s = &universe[a].slots[i];
			if (!slot_empty(s) && (s->cap.flags & CAP_FLAG_MAPPED)) {
				mapped++;
			} else if (s->map_prev || s->map_next || s->cap.mapped_in) {
				snprintf(why, size, "global slot %zu: unmapped but on a list",
					 universe[a].base + i);
				return false;
			}
		}
	}
	if (mapped != listed) {
		snprintf(why, size, "%zu mapped capabilities, %zu on lists", mapped, listed);
		return false;
	}
	return true;
}

#define CHECK_TREE()                                                                   \
	do {                                                                           \
		char tree_why[200];                                                    \
		if (!tree_consistent(universe, universe_count, tree_why, sizeof tree_why)) \
			unit_fail(__FILE__, __LINE__, tree_why);                       \
		else if (!mappings_consistent(tree_why, sizeof tree_why))              \
			unit_fail(__FILE__, __LINE__, tree_why);                       \
	} while (0)

/* A copy of every slot, to show a failed operation changed nothing. */
static struct slot *snapshot_take(void)
{
	struct slot *copy = malloc((universe_slots + 1) * sizeof *copy);
	for (size_t a = 0; a < universe_count; a++)
		memcpy(copy + universe[a].base, universe[a].slots,
		       universe[a].count * sizeof *copy);
	return copy;
}

static bool snapshot_unchanged(struct slot *copy, unsigned destroys, unsigned unmaps)
{
	bool same = destroys == destroy_calls && unmaps == unmap_calls;
	for (size_t a = 0; a < universe_count; a++) {
		if (memcmp(copy + universe[a].base, universe[a].slots,
			   universe[a].count * sizeof *copy) != 0)
			same = false;
	}
	free(copy);
	return same;
}

#define CHECK_FAILS_CLEANLY(operation, error)                                          \
	do {                                                                           \
		unsigned check_destroys = destroy_calls, check_unmaps = unmap_calls;   \
		struct slot *check_snapshot = snapshot_take();                         \
		CHECK_EQ((operation), (error));                                        \
		CHECK(snapshot_unchanged(check_snapshot, check_destroys, check_unmaps)); \
	} while (0)

static bool is_child(const struct slot *parent, const struct slot *child)
{
	for (const struct slot *c = parent->first_child; c; c = c->next_sibling) {
		if (c == child)
			return true;
	}
	return false;
}

static size_t child_count(const struct slot *parent)
{
	size_t count = 0;
	for (const struct slot *c = parent->first_child; c; c = c->next_sibling)
		count++;
	return count;
}

static bool slot_all_clear(const struct slot *s)
{
	static const struct slot zero;
	return memcmp(s, &zero, sizeof zero) == 0;
}

static bool cnode_all_empty(int id)
{
	for (size_t i = 0; i < objects[id].cnode->count; i++) {
		if (!slot_empty(cnode_slot(id, i)))
			return false;
	}
	return true;
}

/* ---- Insert, copy and mint ---- */

UNIT_TEST(slot_insert_links)
{
	world_reset();
	struct slot s[8] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 20);
	int t = new_object(ST_OBJECT_THREAD, 0);
	int f = new_object(ST_OBJECT_FRAME, 0);
	put(NULL, &s[1], u);
	CHECK(s[1].parent == NULL && s[1].first_child == NULL);
	CHECK(s[1].prev_sibling == NULL && s[1].next_sibling == NULL);
	put(&s[1], &s[2], t);
	put(&s[1], &s[3], f);
	struct cap expected = cap_to(t, ST_RIGHTS_ALL);
	CHECK(memcmp(&s[2].cap, &expected, sizeof expected) == 0);
	CHECK(s[2].parent == &s[1] && s[3].parent == &s[1]);
	CHECK(is_child(&s[1], &s[2]) && is_child(&s[1], &s[3]));
	CHECK_EQ(child_count(&s[1]), 2);
	CHECK(slot_is_final(&s[2]) && slot_is_final(&s[3]));
	CHECK_TREE();
	CHECK_EQ(destroy_calls, 0);
	CHECK_EQ(unmap_calls, 0);
	world_reset();
}

UNIT_TEST(slot_copy_makes_child)
{
	world_reset();
	struct slot s[8] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 20);
	int t = new_object(ST_OBJECT_THREAD, 0);
	put(NULL, &s[1], u);
	put(&s[1], &s[2], t);

	CHECK_EQ(slot_derive(&s[2], &s[3], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK(memcmp(&s[3].cap, &s[2].cap, sizeof s[3].cap) == 0);
	CHECK(s[3].parent == &s[2] && is_child(&s[2], &s[3]));
	CHECK_EQ(slot_derive(&s[3], &s[4], ST_RIGHTS_ALL, false, 0), ST_OK); /* copy of a copy */
	CHECK(s[4].parent == &s[3]);
	CHECK_EQ(slot_derive(&s[2], &s[5], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(child_count(&s[2]), 2);
	CHECK(is_child(&s[2], &s[5]));
	CHECK_TREE();

	/* A badged capability's copies keep the badge. */
	CHECK_EQ(slot_derive(&s[2], &s[6], ST_RIGHTS_ALL, true, 42), ST_OK);
	CHECK_EQ(s[6].cap.word, 42);
	CHECK_EQ(slot_derive(&s[6], &s[7], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(s[7].cap.word, 42);
	CHECK(s[7].parent == &s[6]);
	CHECK_TREE();
	for (size_t i = 2; i < 8; i++)
		CHECK(!slot_is_final(&s[i]));
	CHECK_EQ(destroy_calls, 0);
	world_reset();
}

UNIT_TEST(slot_mint_rights)
{
	world_reset();
	struct slot s[16] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 20);
	int t = new_object(ST_OBJECT_THREAD, 0);
	put(NULL, &s[1], u);
	struct cap cap = cap_to(t, ST_RIGHT_READ | ST_RIGHT_WRITE | ST_RIGHT_GRANT);
	slot_insert(&s[1], &s[2], &cap);

	/* Rights are masked, never gained. */
	CHECK_EQ(slot_derive(&s[2], &s[3], ST_RIGHT_READ | ST_RIGHT_EXECUTE, false, 0), ST_OK);
	CHECK_EQ(s[3].cap.rights, ST_RIGHT_READ);
	CHECK_EQ(slot_derive(&s[2], &s[4], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(s[4].cap.rights, ST_RIGHT_READ | ST_RIGHT_WRITE | ST_RIGHT_GRANT);
	CHECK_EQ(slot_derive(&s[2], &s[5], 0, false, 0), ST_OK);
	CHECK_EQ(s[5].cap.rights, 0);
	CHECK_EQ(slot_derive(&s[3], &s[6], ST_RIGHT_WRITE, false, 0), ST_OK); /* from a reduced cap */
	CHECK_EQ(s[6].cap.rights, 0);
	CHECK_EQ(slot_derive(&s[4], &s[7], ST_RIGHT_GRANT | ST_RIGHT_WRITE, false, 0), ST_OK);
	CHECK_EQ(s[7].cap.rights, ST_RIGHT_GRANT | ST_RIGHT_WRITE);
	for (size_t i = 3; i < 8; i++) {
		CHECK_EQ(s[i].cap.object, objects[t].address);
		CHECK_EQ(s[i].cap.type, ST_OBJECT_THREAD);
	}
	CHECK(s[6].parent == &s[3] && s[7].parent == &s[4]);
	CHECK_TREE();

	/* Bits outside ST_RIGHTS_ALL are refused, with or without a badge. */
	const unsigned invalid[] = { 1u << 4, ST_RIGHTS_ALL | (1u << 4), 0xffu, 1u << 8, 1u << 31, ~0u };
	for (size_t i = 0; i < COUNT(invalid); i++) {
		CHECK_FAILS_CLEANLY(slot_derive(&s[2], &s[8], invalid[i], false, 0),
				    ST_ERROR_INVALID_ARGUMENT);
		CHECK_FAILS_CLEANLY(slot_derive(&s[2], &s[8], invalid[i], true, 5),
				    ST_ERROR_INVALID_ARGUMENT);
	}
	CHECK(slot_empty(&s[8]));
	CHECK_TREE();
	world_reset();
}

UNIT_TEST(slot_mint_badges)
{
	world_reset();
	struct slot s[16] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 20);
	/* There is no endpoint type yet; slot.c does not look at the type. */
	int e = new_object(ST_OBJECT_THREAD, 0);
	put(NULL, &s[1], u);
	put(&s[1], &s[2], e); /* unbadged */

	/* A badge set on an unbadged capability, with rights masked too. */
	CHECK_EQ(slot_derive(&s[2], &s[3], ST_RIGHT_READ, true, 7), ST_OK);
	CHECK_EQ(s[3].cap.word, 7);
	CHECK_EQ(s[3].cap.rights, ST_RIGHT_READ);
	CHECK_EQ(s[2].cap.word, 0); /* the source keeps none */
	CHECK(s[3].parent == &s[2]);

	/* A badge is for good: another one is refused and changes nothing... */
	CHECK_FAILS_CLEANLY(slot_derive(&s[3], &s[4], ST_RIGHTS_ALL, true, 8),
			    ST_ERROR_ILLEGAL_OPERATION);
	CHECK_FAILS_CLEANLY(slot_derive(&s[3], &s[4], ST_RIGHTS_ALL, true, UINT64_MAX),
			    ST_ERROR_ILLEGAL_OPERATION);
	/* ...the same one is allowed... */
	CHECK_EQ(slot_derive(&s[3], &s[4], ST_RIGHTS_ALL, true, 7), ST_OK);
	CHECK_EQ(s[4].cap.word, 7);
	CHECK_EQ(s[4].cap.rights, ST_RIGHT_READ);
	/* ...and badge 0 leaves it, as does not asking. */
	CHECK_EQ(slot_derive(&s[3], &s[5], ST_RIGHTS_ALL, true, 0), ST_OK);
	CHECK_EQ(s[5].cap.word, 7);
	CHECK_EQ(slot_derive(&s[3], &s[6], ST_RIGHTS_ALL, false, 9), ST_OK);
	CHECK_EQ(s[6].cap.word, 7);

	/* On an unbadged capability badge 0 or not asking leaves it unbadged. */
	CHECK_EQ(slot_derive(&s[2], &s[7], ST_RIGHTS_ALL, true, 0), ST_OK);
	CHECK_EQ(s[7].cap.word, 0);
	CHECK_EQ(slot_derive(&s[2], &s[8], ST_RIGHTS_ALL, false, 9), ST_OK);
	CHECK_EQ(s[8].cap.word, 0);
	/* ...so it can still be badged later, differently from a sibling. */
	CHECK_EQ(slot_derive(&s[7], &s[9], ST_RIGHTS_ALL, true, UINT64_MAX), ST_OK);
	CHECK_EQ(s[9].cap.word, UINT64_MAX);
	CHECK(s[9].parent == &s[7]);
	CHECK_TREE();
	CHECK_EQ(destroy_calls, 0);
	world_reset();
}

UNIT_TEST(slot_derive_errors)
{
	world_reset();
	struct slot s[8] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 20);
	int t = new_object(ST_OBJECT_THREAD, 0);
	put(NULL, &s[1], u);
	put(&s[1], &s[2], t);
	put(&s[1], &s[3], new_object(ST_OBJECT_FRAME, 0));

	/* From an empty slot, whatever the destination holds. */
	CHECK_FAILS_CLEANLY(slot_derive(&s[5], &s[6], ST_RIGHTS_ALL, false, 0), ST_ERROR_EMPTY_SLOT);
	CHECK_FAILS_CLEANLY(slot_derive(&s[5], &s[3], ST_RIGHTS_ALL, false, 0), ST_ERROR_EMPTY_SLOT);
	CHECK_FAILS_CLEANLY(slot_derive(&s[5], &s[5], ST_RIGHT_READ, true, 3), ST_ERROR_EMPTY_SLOT);
	/* Into an occupied slot, including the source itself. */
	CHECK_FAILS_CLEANLY(slot_derive(&s[2], &s[3], ST_RIGHTS_ALL, false, 0),
			    ST_ERROR_SLOT_OCCUPIED);
	CHECK_FAILS_CLEANLY(slot_derive(&s[2], &s[1], ST_RIGHT_READ, true, 3),
			    ST_ERROR_SLOT_OCCUPIED);
	CHECK_FAILS_CLEANLY(slot_derive(&s[2], &s[2], ST_RIGHTS_ALL, false, 0),
			    ST_ERROR_SLOT_OCCUPIED);
	/* Untyped capabilities are never copied or minted. */
	CHECK_FAILS_CLEANLY(slot_derive(&s[1], &s[6], ST_RIGHTS_ALL, false, 0),
			    ST_ERROR_ILLEGAL_OPERATION);
	CHECK_FAILS_CLEANLY(slot_derive(&s[1], &s[6], ST_RIGHT_READ, false, 0),
			    ST_ERROR_ILLEGAL_OPERATION);
	CHECK_FAILS_CLEANLY(slot_derive(&s[1], &s[6], ST_RIGHTS_ALL, true, 1),
			    ST_ERROR_ILLEGAL_OPERATION);
	/* Nor a child untyped, moved elsewhere. */
	put(&s[1], &s[4], new_object(ST_OBJECT_UNTYPED, 12));
	CHECK_EQ(slot_move(&s[4], &s[7]), ST_OK);
	CHECK_FAILS_CLEANLY(slot_derive(&s[7], &s[6], ST_RIGHTS_ALL, false, 0),
			    ST_ERROR_ILLEGAL_OPERATION);
	CHECK(slot_is_final(&s[7]));
	CHECK_TREE();
	world_reset();
}

UNIT_TEST(slot_copy_of_mapped_cap_is_unmapped)
{
	world_reset();
	struct slot s[16] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 30);
	int v = new_object(ST_OBJECT_VSPACE, 0);
	int f = new_object(ST_OBJECT_FRAME, 0);
	int g = new_object(ST_OBJECT_FRAME, 0);
	put(NULL, &s[1], u);
	put(&s[1], &s[2], v);
	put(&s[1], &s[3], f);
	put(&s[1], &s[4], g);
	map_slot(&s[3], v, 0x400000);
	map_slot(&s[4], v, 0x401000);
	CHECK_TREE();

	struct cap mapped = s[3].cap;
	CHECK_EQ(slot_derive(&s[3], &s[5], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[3], &s[6], ST_RIGHT_READ, false, 0), ST_OK);
	for (size_t i = 5; i <= 6; i++) {
		CHECK_EQ(s[i].cap.flags & CAP_FLAG_MAPPED, 0);
		CHECK_EQ(s[i].cap.word, 0);
		CHECK_EQ(s[i].cap.mapped_in, 0);
		CHECK(s[i].map_prev == NULL && s[i].map_next == NULL);
		CHECK_EQ(s[i].cap.type, ST_OBJECT_FRAME);
		CHECK_EQ(s[i].cap.object, objects[f].address);
		CHECK(s[i].parent == &s[3]);
	}
	CHECK_EQ(s[5].cap.rights, ST_RIGHTS_ALL);
	CHECK_EQ(s[6].cap.rights, ST_RIGHT_READ);
	/* The source is still mapped, in the same place on the list. */
	CHECK(memcmp(&s[3].cap, &mapped, sizeof mapped) == 0);
	CHECK(vspace_head(v)->map_next == &s[4] && s[4].map_next == &s[3]);
	CHECK_EQ(unmap_calls, 0);
	CHECK_TREE();

	/* Deleting an unmapped copy unmaps nothing; the mapped cap unmaps first. */
	CHECK_EQ(slot_delete(&s[5]), ST_OK);
	CHECK_EQ(slot_delete(&s[6]), ST_OK);
	CHECK_EQ(unmap_calls, 0);
	CHECK_EQ(destroy_calls, 0);
	CHECK(s[3].cap.flags & CAP_FLAG_MAPPED);
	CHECK_EQ(slot_delete(&s[3]), ST_OK);
	CHECK_EQ(unmap_calls, 1);
	CHECK_EQ(destroy_calls, 1);
	CHECK(unmap_log[0].slot == &s[3] && (unmap_log[0].flags & CAP_FLAG_MAPPED));
	CHECK(destroy_log[0].slot == &s[3]);
	CHECK_EQ(destroy_log[0].object, objects[f].address);
	CHECK_EQ(destroy_log[0].flags & CAP_FLAG_MAPPED, 0); /* unmapped by then */
	CHECK(unmap_log[0].seq < destroy_log[0].seq);
	CHECK(vspace_head(v)->map_next == &s[4] && s[4].map_next == NULL);
	CHECK_TREE();

	/* Destroying the address space unmaps what is left; deleting the
	 * frame's cap afterwards has nothing to unmap. */
	CHECK_EQ(slot_delete(&s[2]), ST_OK);
	CHECK_EQ(objects[v].destroyed, 1);
	CHECK_EQ(s[4].cap.flags & CAP_FLAG_MAPPED, 0);
	CHECK_EQ(unmap_calls, 1);
	CHECK_TREE();
	CHECK_EQ(slot_delete(&s[4]), ST_OK);
	CHECK_EQ(unmap_calls, 1);
	CHECK_EQ(objects[g].destroyed, 1);
	CHECK_TREE();
	world_reset();
}

/* ---- Move ---- */

UNIT_TEST(slot_move_keeps_tree_position)
{
	world_reset();
	struct slot s[24] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 20);
	int t = new_object(ST_OBJECT_THREAD, 0);
	put(NULL, &s[1], u);
	put(&s[1], &s[2], t);
	/* s[2] has children s[3], s[4], s[5]; s[4] has children s[6], s[7]. */
	CHECK_EQ(slot_derive(&s[2], &s[3], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[2], &s[4], ST_RIGHT_READ, true, 3), ST_OK);
	CHECK_EQ(slot_derive(&s[2], &s[5], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[4], &s[6], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[4], &s[7], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_TREE();

	/* Whichever place s[4] holds among its siblings, s[10] takes it. */
	struct slot before = s[4];
	CHECK(before.prev_sibling && before.next_sibling); /* a middle child */
	CHECK_EQ(slot_move(&s[4], &s[10]), ST_OK);
	CHECK(slot_all_clear(&s[4]));
	CHECK(memcmp(&s[10].cap, &before.cap, sizeof before.cap) == 0);
	CHECK(s[10].parent == &s[2]);
	CHECK(s[10].prev_sibling == before.prev_sibling && s[10].next_sibling == before.next_sibling);
	CHECK(before.prev_sibling->next_sibling == &s[10]);
	CHECK(before.next_sibling->prev_sibling == &s[10]);
	CHECK(s[10].first_child == before.first_child);
	CHECK(s[6].parent == &s[10] && s[7].parent == &s[10]);
	CHECK(is_child(&s[2], &s[10]) && !is_child(&s[2], &s[4]));
	CHECK_EQ(child_count(&s[2]), 3);
	CHECK_TREE();

	/* The first child: the parent's first_child follows. */
	struct slot *first = s[2].first_child;
	CHECK_EQ(slot_move(first, &s[11]), ST_OK);
	CHECK(s[2].first_child == &s[11] && s[11].prev_sibling == NULL);
	CHECK(s[11].next_sibling->prev_sibling == &s[11]);
	CHECK_TREE();
	/* The last child. */
	struct slot *last = s[2].first_child;
	while (last->next_sibling)
		last = last->next_sibling;
	struct slot *last_prev = last->prev_sibling;
	CHECK_EQ(slot_move(last, &s[12]), ST_OK);
	CHECK(last_prev->next_sibling == &s[12] && s[12].next_sibling == NULL);
	CHECK(s[12].parent == &s[2]);
	CHECK_TREE();
	/* A leaf with no siblings. */
	CHECK_EQ(slot_delete(&s[7]), ST_OK);
	CHECK(s[10].first_child == &s[6] && s[6].next_sibling == NULL);
	CHECK_EQ(slot_move(&s[6], &s[13]), ST_OK);
	CHECK(s[10].first_child == &s[13] && s[13].parent == &s[10]);
	CHECK_TREE();
	/* The parent of them all, then the untyped root (allowed to move). */
	CHECK_EQ(slot_move(&s[2], &s[14]), ST_OK);
	for (struct slot *c = s[14].first_child; c; c = c->next_sibling)
		CHECK(c->parent == &s[14]);
	CHECK(s[1].first_child == &s[14] && s[14].parent == &s[1]);
	CHECK_EQ(slot_move(&s[1], &s[15]), ST_OK);
	CHECK(s[14].parent == &s[15] && s[15].parent == NULL);
	CHECK_EQ(s[15].cap.type, ST_OBJECT_UNTYPED);
	CHECK_TREE();

	/* Move to itself: nothing at all changes. */
	CHECK_FAILS_CLEANLY(slot_move(&s[10], &s[10]), ST_OK);
	CHECK_FAILS_CLEANLY(slot_move(&s[15], &s[15]), ST_OK);
	/* Errors change nothing. */
	CHECK_FAILS_CLEANLY(slot_move(&s[4], &s[5]), ST_ERROR_EMPTY_SLOT);
	CHECK_FAILS_CLEANLY(slot_move(&s[4], &s[20]), ST_ERROR_EMPTY_SLOT);
	CHECK_FAILS_CLEANLY(slot_move(&s[4], &s[4]), ST_ERROR_EMPTY_SLOT);
	CHECK_FAILS_CLEANLY(slot_move(&s[10], &s[11]), ST_ERROR_SLOT_OCCUPIED);
	CHECK_FAILS_CLEANLY(slot_move(&s[10], &s[14]), ST_ERROR_SLOT_OCCUPIED);

	/* Moved caps are still reached by revoking from above. */
	CHECK_EQ(slot_revoke(&s[14]), ST_OK);
	CHECK(s[14].first_child == NULL);
	for (size_t i = 3; i < COUNT(s); i++) {
		if (i != 14 && i != 15)
			CHECK(slot_empty(&s[i]));
	}
	CHECK_EQ(destroy_calls, 0);
	CHECK_TREE();
	world_reset();
}

UNIT_TEST(slot_move_relinks_mappings)
{
	world_reset();
	struct slot s[16] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 30);
	int v = new_object(ST_OBJECT_VSPACE, 0);
	put(NULL, &s[1], u);
	put(&s[1], &s[2], v);
	for (size_t i = 3; i <= 5; i++) {
		put(&s[1], &s[i], new_object(ST_OBJECT_FRAME, 0));
		map_slot(&s[i], v, 0x1000 * i);
	}
	struct slot *head = vspace_head(v);
	/* The list: head, s[5], s[4], s[3]. */
	CHECK(head->map_next == &s[5] && s[5].map_next == &s[4] && s[4].map_next == &s[3]);
	CHECK_TREE();

	struct cap middle = s[4].cap;
	CHECK_EQ(slot_move(&s[4], &s[8]), ST_OK); /* the middle */
	CHECK(s[5].map_next == &s[8] && s[8].map_prev == &s[5]);
	CHECK(s[8].map_next == &s[3] && s[3].map_prev == &s[8]);
	CHECK(memcmp(&s[8].cap, &middle, sizeof middle) == 0);
	CHECK(slot_all_clear(&s[4]));
	CHECK_TREE();
	CHECK_EQ(slot_move(&s[5], &s[9]), ST_OK); /* the first, after the head */
	CHECK(head->map_next == &s[9] && s[9].map_prev == head && s[8].map_prev == &s[9]);
	CHECK_TREE();
	CHECK_EQ(slot_move(&s[3], &s[10]), ST_OK); /* the last */
	CHECK(s[8].map_next == &s[10] && s[10].map_prev == &s[8] && s[10].map_next == NULL);
	CHECK_EQ(s[10].cap.word, 0x3000);
	CHECK_TREE();
	CHECK_EQ(unmap_calls, 0);

	/* The address space's cap moves too; its list is not in the slot. */
	CHECK_EQ(slot_move(&s[2], &s[11]), ST_OK);
	CHECK_TREE();

	/* Deleting the moved cap unmaps it from its new slot. */
	CHECK_EQ(slot_delete(&s[8]), ST_OK);
	CHECK_EQ(unmap_calls, 1);
	CHECK(unmap_log[0].slot == &s[8]);
	CHECK(s[9].map_next == &s[10] && s[10].map_prev == &s[9]);
	CHECK_TREE();
	world_reset();
}

/* ---- Delete ---- */

UNIT_TEST(slot_delete_moves_children_up)
{
	/* For each place among five siblings, delete the one with children. */
	for (size_t place = 0; place < 5; place++) {
		world_reset();
		struct slot s[24] = { 0 };
		universe_add(s, COUNT(s));
		int u = new_object(ST_OBJECT_UNTYPED, 20);
		int t = new_object(ST_OBJECT_THREAD, 0);
		put(NULL, &s[1], u);
		put(&s[1], &s[2], t);                                          /* grandparent */
		CHECK_EQ(slot_derive(&s[2], &s[3], ST_RIGHTS_ALL, false, 0), ST_OK); /* parent */
		/* Siblings s[4..8], added so the one at place has children. */
		struct slot *victim = NULL;
		for (size_t i = 0; i < 5; i++) {
			struct slot *sibling = &s[8 - i]; /* inserted at the head */
			CHECK_EQ(slot_derive(&s[3], sibling, ST_RIGHTS_ALL, false, 0), ST_OK);
			if (i == 4 - place)
				victim = sibling;
		}
		REQUIRE(victim);
		size_t position = 0;
		for (struct slot *c = s[3].first_child; c != victim; c = c->next_sibling)
			position++;
		CHECK_EQ(position, place);
		for (size_t i = 10; i < 13; i++)
			CHECK_EQ(slot_derive(victim, &s[i], ST_RIGHTS_ALL, false, 0), ST_OK);
		CHECK_EQ(slot_derive(&s[10], &s[13], ST_RIGHTS_ALL, false, 0), ST_OK); /* grandchild */
		CHECK_TREE();

		CHECK_EQ(slot_delete(victim), ST_OK);
		CHECK(slot_all_clear(victim));
		CHECK_EQ(child_count(&s[3]), 4 + 3);
		for (size_t i = 10; i < 13; i++)
			CHECK(s[i].parent == &s[3] && is_child(&s[3], &s[i]));
		CHECK(s[13].parent == &s[10]);
		CHECK(!is_child(&s[3], victim));
		CHECK_EQ(destroy_calls, 0);
		CHECK_TREE();

		/* The parent goes too: all of them move up to the grandparent... */
		CHECK_EQ(slot_delete(&s[3]), ST_OK);
		CHECK_EQ(child_count(&s[2]), 4 + 3);
		CHECK_TREE();
		/* ...and revoking it reaches every one. */
		CHECK_EQ(slot_revoke(&s[2]), ST_OK);
		for (size_t i = 3; i < COUNT(s); i++)
			CHECK(slot_all_clear(&s[i]));
		CHECK(s[2].first_child == NULL && !slot_empty(&s[2]));
		CHECK(slot_is_final(&s[2]));
		CHECK_EQ(destroy_calls, 0);
		CHECK_TREE();
		CHECK_EQ(slot_delete(&s[2]), ST_OK);
		CHECK_EQ(destroy_calls, 1);
		CHECK_EQ(objects[t].destroyed, 1);
		CHECK(s[1].first_child == NULL);
		CHECK_TREE();
	}

	/* Deleting an empty slot is an error that changes nothing. */
	world_reset();
	struct slot *s = calloc(4, sizeof *s);
	universe_add(s, 4);
	CHECK_FAILS_CLEANLY(slot_delete(&s[1]), ST_ERROR_EMPTY_SLOT);
	CHECK_FAILS_CLEANLY(slot_revoke(&s[1]), ST_ERROR_EMPTY_SLOT);
	free(s);
	world_reset();
}

/* ---- slot_is_final ---- */

UNIT_TEST(slot_is_final_cases)
{
	world_reset();
	struct slot s[32] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 30);
	put(NULL, &s[1], u);

	/* A lone root, with no parent. */
	int lone = new_object(ST_OBJECT_THREAD, 0);
	put(NULL, &s[2], lone);
	CHECK(slot_is_final(&s[2]));
	/* The untyped: always final, children or not. */
	CHECK(slot_is_final(&s[1]));

	/* Copies are children: the source and every copy are not final. */
	int x = new_object(ST_OBJECT_THREAD, 0);
	put(&s[1], &s[3], x);
	CHECK(slot_is_final(&s[3])); /* its parent names another object */
	CHECK(slot_is_final(&s[1]));
	CHECK_EQ(slot_derive(&s[3], &s[4], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK(!slot_is_final(&s[3]) && !slot_is_final(&s[4]));
	CHECK_EQ(slot_derive(&s[4], &s[5], ST_RIGHT_READ, false, 0), ST_OK);
	CHECK(!slot_is_final(&s[3]) && !slot_is_final(&s[4]) && !slot_is_final(&s[5]));
	CHECK_EQ(slot_derive(&s[3], &s[6], ST_RIGHTS_ALL, true, 9), ST_OK);
	/* The middle of a chain goes: the parent names the same object. */
	CHECK_EQ(slot_delete(&s[4]), ST_OK);
	CHECK(s[5].parent == &s[3]);
	CHECK(!slot_is_final(&s[5]) && !slot_is_final(&s[3]) && !slot_is_final(&s[6]));

	/* The original goes: its copies are sibling roots of copy trees under
	 * the untyped, among other objects' capabilities. */
	int y = new_object(ST_OBJECT_THREAD, 0);
	put(&s[1], &s[7], y);
	CHECK_EQ(slot_delete(&s[3]), ST_OK);
	CHECK(s[5].parent == &s[1] && s[6].parent == &s[1]);
	CHECK(!slot_is_final(&s[5]) && !slot_is_final(&s[6]));
	CHECK(slot_is_final(&s[7]));
	CHECK_EQ(slot_derive(&s[7], &s[8], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_delete(&s[7]), ST_OK); /* y's copy is a sibling too now */
	CHECK(slot_is_final(&s[8]));
	CHECK(!slot_is_final(&s[5]) && !slot_is_final(&s[6]));
	CHECK_EQ(slot_delete(&s[5]), ST_OK);
	CHECK(slot_is_final(&s[6]));
	CHECK_EQ(destroy_calls, 0);
	CHECK_EQ(slot_delete(&s[6]), ST_OK);
	CHECK_EQ(destroy_calls, 1);
	CHECK_EQ(objects[x].destroyed, 1);
	CHECK_TREE();

	/* Different objects of one type, and one address under two types, are
	 * not the same object. */
	put(&s[1], &s[10], new_object(ST_OBJECT_FRAME, 0));
	put(&s[1], &s[11], new_object(ST_OBJECT_FRAME, 0));
	struct cap same_address = s[11].cap;
	same_address.type = ST_OBJECT_PAGE_TABLE;
	slot_insert(&s[1], &s[12], &same_address);
	CHECK(slot_is_final(&s[10]) && slot_is_final(&s[11]) && slot_is_final(&s[12]));

	/* An untyped made of all of its parent's memory, at the same address:
	 * both still final; and an untyped stays final wherever it moves. */
	struct cap whole = s[1].cap;
	slot_insert(&s[1], &s[13], &whole);
	CHECK(slot_is_final(&s[1]) && slot_is_final(&s[13]));
	CHECK_EQ(slot_move(&s[13], &s[14]), ST_OK);
	CHECK(slot_is_final(&s[14]));

	/* A root copy tree: a root cap with no parent and its copies. */
	int irq = new_object(ST_OBJECT_IRQ_CONTROL, 0);
	put(NULL, &s[20], irq);
	CHECK(slot_is_final(&s[20]));
	CHECK_EQ(slot_derive(&s[20], &s[21], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK(!slot_is_final(&s[20]) && !slot_is_final(&s[21]));
	CHECK_TREE();
	world_reset();
}

/*
 * Copies that are left as roots: the original capability at the top of a
 * tree (no parent) is deleted with several copies below it. They must stay
 * findable from each other, or the first one deleted destroys the object.
 */
UNIT_TEST(slot_roots_keep_copies_together)
{
	world_reset();
	struct slot s[16] = { 0 };
	universe_add(s, COUNT(s));
	int irq = new_object(ST_OBJECT_IRQ_CONTROL, 0);
	put(NULL, &s[1], irq);
	CHECK_EQ(slot_derive(&s[1], &s[2], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[1], &s[3], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[1], &s[4], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[3], &s[5], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_delete(&s[1]), ST_OK);
	CHECK_EQ(destroy_calls, 0);
	CHECK(s[2].parent == NULL && s[3].parent == NULL && s[4].parent == NULL);
	CHECK(!slot_is_final(&s[2]) && !slot_is_final(&s[3]) && !slot_is_final(&s[4]));
	CHECK_TREE();
	CHECK_EQ(slot_delete(&s[3]), ST_OK); /* its child becomes a root too */
	CHECK(s[5].parent == NULL);
	CHECK(!slot_is_final(&s[2]) && !slot_is_final(&s[4]) && !slot_is_final(&s[5]));
	CHECK_EQ(slot_delete(&s[2]), ST_OK);
	CHECK_EQ(slot_delete(&s[5]), ST_OK);
	CHECK_EQ(destroy_calls, 0);
	CHECK(slot_is_final(&s[4]));
	CHECK_TREE();
	CHECK_EQ(slot_delete(&s[4]), ST_OK);
	CHECK_EQ(destroy_calls, 1);
	CHECK_EQ(objects[irq].destroyed, 1);
	CHECK_TREE();

	/* The same through an initial untyped: an object whose capabilities are
	 * siblings under the untyped, then the untyped's own cap is deleted. */
	int u = new_object(ST_OBJECT_UNTYPED, 20);
	int x = new_object(ST_OBJECT_THREAD, 0);
	int y = new_object(ST_OBJECT_FRAME, 0);
	put(NULL, &s[1], u);
	put(&s[1], &s[2], x);
	put(&s[1], &s[3], y);
	CHECK_EQ(slot_derive(&s[2], &s[4], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[2], &s[5], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_delete(&s[2]), ST_OK);
	unsigned destroys = destroy_calls;
	CHECK_EQ(slot_delete(&s[1]), ST_OK); /* the untyped itself is destroyed */
	CHECK_EQ(destroy_calls, destroys + 1);
	CHECK_EQ(objects[u].destroyed, 1);
	CHECK(s[3].parent == NULL && s[4].parent == NULL && s[5].parent == NULL);
	CHECK(slot_is_final(&s[3]));
	CHECK(!slot_is_final(&s[4]) && !slot_is_final(&s[5]));
	CHECK_TREE();
	CHECK_EQ(slot_delete(&s[4]), ST_OK);
	CHECK_EQ(objects[x].destroyed, 0);
	CHECK_EQ(slot_delete(&s[5]), ST_OK);
	CHECK_EQ(objects[x].destroyed, 1);
	CHECK_EQ(slot_delete(&s[3]), ST_OK);
	CHECK_EQ(objects[y].destroyed, 1);
	CHECK_TREE();
	world_reset();
}

/* ---- Destruction ---- */

/* Builds an object's five capabilities: s[2] under the untyped s[1], s[3]
 * and s[4] copies of it, s[5] a copy of s[3], s[6] a mint of s[4]. */
static int build_five(struct slot *s)
{
	int u = new_object(ST_OBJECT_UNTYPED, 20);
	int x = new_object(ST_OBJECT_THREAD, 0);
	put(NULL, &s[1], u);
	put(&s[1], &s[2], x);
	CHECK_EQ(slot_derive(&s[2], &s[3], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[2], &s[4], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[3], &s[5], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[4], &s[6], ST_RIGHT_READ, true, 4), ST_OK);
	return x;
}

UNIT_TEST(slot_destroy_exactly_once_in_any_order)
{
	/* All 120 orders of deleting the five. */
	int order[5] = { 2, 3, 4, 5, 6 };
	unsigned permutations = 0;
	for (;;) {
		world_reset();
		struct slot s[8] = { 0 };
		universe_add(s, COUNT(s));
		int x = build_five(s);
		for (size_t i = 0; i < 5; i++) {
			for (size_t j = i; j < 5; j++) /* the caps still there */
				CHECK_EQ(slot_is_final(&s[order[j]]), i == 4);
			CHECK_EQ(slot_delete(&s[order[i]]), ST_OK);
			CHECK_EQ(destroy_calls, i == 4);
			CHECK_TREE();
		}
		CHECK_EQ(objects[x].destroyed, 1);
		CHECK(destroy_log[0].slot == &s[order[4]]);
		CHECK_EQ(destroy_log[0].type, ST_OBJECT_THREAD);
		CHECK_EQ(destroy_log[0].object, objects[x].address);
		CHECK(s[1].first_child == NULL);
		permutations++;
		/* Next permutation, in lexicographic order. */
		int i = 3;
		while (i >= 0 && order[i] > order[i + 1])
			i--;
		if (i < 0)
			break;
		int j = 4;
		while (order[j] < order[i])
			j--;
		int swap = order[i];
		order[i] = order[j];
		order[j] = swap;
		for (int a = i + 1, b = 4; a < b; a++, b--) {
			swap = order[a];
			order[a] = order[b];
			order[b] = swap;
		}
	}
	CHECK_EQ(permutations, 120);
	world_reset();
}

UNIT_TEST(slot_destroy_through_revoke)
{
	world_reset();
	struct slot s[8] = { 0 };
	universe_add(s, COUNT(s));
	int x = build_five(s);
	/* Revoking the copies leaves the original: nothing destroyed. */
	CHECK_EQ(slot_revoke(&s[2]), ST_OK);
	CHECK_EQ(destroy_calls, 0);
	for (size_t i = 3; i <= 6; i++)
		CHECK(slot_all_clear(&s[i]));
	CHECK(slot_is_final(&s[2]));
	CHECK_TREE();
	CHECK_EQ(slot_delete(&s[2]), ST_OK);
	CHECK_EQ(destroy_calls, 1);
	CHECK_EQ(objects[x].destroyed, 1);

	/* Revoking the untyped destroys it exactly once, at its last cap. */
	world_reset();
	memset(s, 0, sizeof s);
	universe_add(s, COUNT(s));
	x = build_five(s);
	int f = new_object(ST_OBJECT_FRAME, 0);
	put(&s[1], &s[7], f);
	CHECK_EQ(slot_revoke(&s[1]), ST_OK);
	CHECK_EQ(destroy_calls, 2);
	CHECK_EQ(objects[x].destroyed, 1);
	CHECK_EQ(objects[f].destroyed, 1);
	CHECK_EQ(objects[0].destroyed, 0); /* the untyped stays */
	for (size_t i = 2; i < COUNT(s); i++)
		CHECK(slot_all_clear(&s[i]));
	CHECK(!slot_empty(&s[1]) && s[1].first_child == NULL);
	CHECK_TREE();
	world_reset();
}

UNIT_TEST(slot_revoke_unmaps_every_mapped_descendant)
{
	world_reset();
	struct slot s[16] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 30);
	int v = new_object(ST_OBJECT_VSPACE, 0);
	int f = new_object(ST_OBJECT_FRAME, 0);
	put(NULL, &s[1], u);
	put(&s[1], &s[2], v);
	put(&s[1], &s[3], f);
	CHECK_EQ(slot_derive(&s[3], &s[4], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[3], &s[5], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[5], &s[6], ST_RIGHTS_ALL, false, 0), ST_OK);
	map_slot(&s[3], v, 0x10000);
	map_slot(&s[4], v, 0x11000);
	map_slot(&s[6], v, 0x12000);
	CHECK_TREE();
	/* Revoking the frame's original unmaps the mapped copies only. */
	CHECK_EQ(slot_revoke(&s[3]), ST_OK);
	CHECK_EQ(unmap_calls, 2);
	CHECK((unmap_log[0].slot == &s[4] && unmap_log[1].slot == &s[6]) ||
	      (unmap_log[0].slot == &s[6] && unmap_log[1].slot == &s[4]));
	CHECK(vspace_head(v)->map_next == &s[3] && s[3].map_next == NULL);
	CHECK_EQ(destroy_calls, 0);
	CHECK_TREE();
	/* Then the untyped: the frame unmapped before it is destroyed. */
	CHECK_EQ(slot_revoke(&s[1]), ST_OK);
	CHECK_EQ(destroy_calls, 2);
	CHECK_EQ(objects[f].destroyed, 1);
	CHECK_EQ(objects[v].destroyed, 1);
	CHECK(unmap_calls <= 3); /* 2 if the address space went first */
	if (unmap_calls == 3)
		CHECK(unmap_log[2].slot == &s[3] && unmap_log[2].seq < objects[f].destroyed_seq);
	CHECK_TREE();
	world_reset();
}

UNIT_TEST(slot_revoke_deletes_leaves_first)
{
	world_reset();
	struct slot s[16] = { 0 };
	universe_add(s, COUNT(s));
	int u = new_object(ST_OBJECT_UNTYPED, 30);
	int u2 = new_object(ST_OBJECT_UNTYPED, 20);
	int x = new_object(ST_OBJECT_THREAD, 0);
	int y = new_object(ST_OBJECT_FRAME, 0);
	int f = new_object(ST_OBJECT_FRAME, 0);
	int v = new_object(ST_OBJECT_VSPACE, 0);
	put(NULL, &s[1], u);
	put(&s[1], &s[2], u2);
	put(&s[2], &s[3], x);
	put(&s[2], &s[4], y);
	CHECK_EQ(slot_derive(&s[3], &s[5], ST_RIGHTS_ALL, false, 0), ST_OK);
	put(NULL, &s[10], new_object(ST_OBJECT_UNTYPED, 30));
	put(&s[10], &s[11], v);
	/* A chain of mapped copies: s[6], s[7] from it, s[8] from that. */
	put(&s[1], &s[6], f);
	CHECK_EQ(slot_derive(&s[6], &s[7], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[7], &s[8], ST_RIGHTS_ALL, false, 0), ST_OK);
	for (size_t i = 6; i <= 8; i++)
		map_slot(&s[i], v, 0x1000 * i);
	CHECK_TREE();

	CHECK_EQ(slot_revoke(&s[6]), ST_OK);
	CHECK_EQ(unmap_calls, 2);
	CHECK(unmap_log[0].slot == &s[8] && unmap_log[1].slot == &s[7]);
	CHECK_TREE();

	/* The objects made from the inner untyped go before it does. */
	CHECK_EQ(slot_revoke(&s[1]), ST_OK);
	CHECK_EQ(objects[x].destroyed + objects[y].destroyed + objects[u2].destroyed, 3);
	CHECK(objects[x].destroyed_seq < objects[u2].destroyed_seq);
	CHECK(objects[y].destroyed_seq < objects[u2].destroyed_seq);
	CHECK_EQ(objects[f].destroyed, 1);
	CHECK_EQ(objects[v].destroyed, 0);
	CHECK_TREE();
	world_reset();
}

UNIT_TEST(slot_revoke_deletes_descendants_only)
{
	world_reset();
	struct slot s[32] = { 0 };
	universe_add(s, COUNT(s));
	int u1 = new_object(ST_OBJECT_UNTYPED, 20);
	int u2 = new_object(ST_OBJECT_UNTYPED, 20);
	int x = new_object(ST_OBJECT_THREAD, 0);
	int y = new_object(ST_OBJECT_FRAME, 0);
	int z = new_object(ST_OBJECT_THREAD, 0);
	put(NULL, &s[1], u1);
	put(NULL, &s[20], u2);
	put(&s[1], &s[2], x);
	CHECK_EQ(slot_derive(&s[2], &s[3], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[3], &s[4], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_derive(&s[3], &s[5], ST_RIGHT_READ, true, 1), ST_OK);
	CHECK_EQ(slot_derive(&s[2], &s[6], ST_RIGHTS_ALL, false, 0), ST_OK);
	put(&s[1], &s[7], y);
	CHECK_EQ(slot_derive(&s[7], &s[8], ST_RIGHTS_ALL, false, 0), ST_OK);
	put(&s[20], &s[21], z);
	CHECK_EQ(slot_derive(&s[21], &s[22], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_TREE();

	struct slot before[32];
	memcpy(before, s, sizeof s);
	CHECK_EQ(slot_revoke(&s[3]), ST_OK);
	for (size_t i = 0; i < COUNT(s); i++) {
		if (i == 4 || i == 5)
			CHECK(slot_all_clear(&s[i]));
		else if (i != 3)
			CHECK(memcmp(&s[i], &before[i], sizeof s[i]) == 0);
	}
	CHECK(memcmp(&s[3].cap, &before[3].cap, sizeof s[3].cap) == 0);
	CHECK(s[3].first_child == NULL && s[3].parent == &s[2]);
	CHECK_EQ(destroy_calls, 0);
	CHECK_TREE();

	/* A leaf: nothing to do. */
	memcpy(before, s, sizeof s);
	CHECK_FAILS_CLEANLY(slot_revoke(&s[22]), ST_OK);

	CHECK_EQ(slot_revoke(&s[2]), ST_OK);
	CHECK(slot_all_clear(&s[3]) && slot_all_clear(&s[6]));
	CHECK(s[2].first_child == NULL && !slot_empty(&s[2]));
	CHECK_EQ(destroy_calls, 0);
	CHECK_TREE();

	/* The untyped: every object made from it, and only those. */
	CHECK_EQ(slot_revoke(&s[1]), ST_OK);
	CHECK(slot_all_clear(&s[2]) && slot_all_clear(&s[7]) && slot_all_clear(&s[8]));
	CHECK_EQ(destroy_calls, 2);
	CHECK_EQ(objects[x].destroyed, 1);
	CHECK_EQ(objects[y].destroyed, 1);
	CHECK(!slot_empty(&s[1]) && s[1].first_child == NULL);
	CHECK(memcmp(&s[20], &before[20], sizeof s[20]) == 0);
	CHECK(memcmp(&s[21], &before[21], sizeof s[21]) == 0);
	CHECK(memcmp(&s[22], &before[22], sizeof s[22]) == 0);
	CHECK_EQ(objects[z].destroyed + objects[u1].destroyed + objects[u2].destroyed, 0);
	CHECK_TREE();
	world_reset();
}

/* ---- Cascades through CNodes ---- */

UNIT_TEST(slot_revoke_cascades_through_cnodes)
{
	/* Twice: the untyped's children made in one order, then the other. */
	for (int reverse = 0; reverse < 2; reverse++) {
		world_reset();
		struct slot root[16] = { 0 };
		universe_add(root, COUNT(root));
		int u = new_object(ST_OBJECT_UNTYPED, 30);
		int u2 = new_object(ST_OBJECT_UNTYPED, 30);
		int f = new_object(ST_OBJECT_FRAME, 0);
		int a = new_object(ST_OBJECT_CNODE, 3);
		int b = new_object(ST_OBJECT_CNODE, 2);
		int t = new_object(ST_OBJECT_THREAD, 0);
		int g = new_object(ST_OBJECT_FRAME, 0);
		int st = new_object(ST_OBJECT_THREAD, 0);
		put(NULL, &root[1], u);
		put(NULL, &root[2], u2);
		put(&root[2], &root[3], f); /* outside the revoked tree */

		/* From u: CNode A (its only cap at root[4]), CNode B (only cap in
		 * A[1]) and thread T (in A[3], with a copy in A[4]). */
		struct slot *made[3] = { &root[4], &root[6], &root[7] };
		int made_objects[3] = { a, b, t };
		for (int i = 0; i < 3; i++) {
			int k = reverse ? 2 - i : i;
			put(&root[1], made[k], made_objects[k]);
		}
		CHECK_EQ(slot_move(&root[6], cnode_slot(a, 1)), ST_OK);
		CHECK_EQ(slot_move(&root[7], cnode_slot(a, 3)), ST_OK);
		CHECK_EQ(slot_derive(cnode_slot(a, 3), cnode_slot(a, 4), ST_RIGHTS_ALL, false, 0), ST_OK);
		/* A[2]: a copy of the outside frame. A[5]: frame G from u2, its only cap. */
		CHECK_EQ(slot_derive(&root[3], cnode_slot(a, 2), ST_RIGHTS_ALL, false, 0), ST_OK);
		put(&root[2], cnode_slot(a, 5), g);
		/* B[1]: a copy of A[2]'s frame. B[2]: thread S from u2 with a copy
		 * outside at root[5]. B[3]: a mint of the outside frame. */
		CHECK_EQ(slot_derive(cnode_slot(a, 2), cnode_slot(b, 1), ST_RIGHTS_ALL, false, 0), ST_OK);
		put(&root[2], cnode_slot(b, 2), st);
		CHECK_EQ(slot_derive(cnode_slot(b, 2), &root[5], ST_RIGHTS_ALL, false, 0), ST_OK);
		CHECK_EQ(slot_derive(&root[3], cnode_slot(b, 3), ST_RIGHT_READ, false, 0), ST_OK);
		CHECK_TREE();
		CHECK_EQ(child_count(&root[1]), 3);

		CHECK_EQ(slot_revoke(&root[1]), ST_OK);
		CHECK_EQ(objects[a].destroyed, 1);
		CHECK_EQ(objects[b].destroyed, 1);
		CHECK_EQ(objects[t].destroyed, 1);
		CHECK_EQ(objects[g].destroyed, 1);
		CHECK_EQ(objects[st].destroyed, 0);
		CHECK_EQ(objects[f].destroyed, 0);
		CHECK_EQ(objects[u].destroyed + objects[u2].destroyed, 0);
		CHECK_EQ(destroy_calls, 4);
		CHECK(cnode_all_empty(a) && cnode_all_empty(b));
		CHECK(slot_all_clear(&root[4]));
		CHECK(!slot_empty(&root[1]) && root[1].first_child == NULL);
		/* The copy of S outside moved up to u2; the frame has no copies left. */
		CHECK(root[5].parent == &root[2]);
		CHECK(slot_is_final(&root[5]));
		CHECK(root[3].first_child == NULL && slot_is_final(&root[3]));
		CHECK_TREE();
	}
	world_reset();
}

/* CNode k holds the only capability to CNode k+1. */
enum { CHAIN = 10000 };

static int build_cnode_chain(struct slot *root, struct slot *parent, bool reverse)
{
	int first = (int)object_count;
	for (int k = 0; k < CHAIN; k++)
		new_object(ST_OBJECT_CNODE, 1);
	for (int i = 0; i < CHAIN; i++) {
		int k = reverse ? CHAIN - 1 - i : i;
		struct slot *where = k == 0 ? root : cnode_slot(first + k - 1, 1);
		put(parent, where, first + k);
	}
	return first;
}

static void check_chain_destroyed(int first)
{
	for (int k = 0; k < CHAIN; k++) {
		CHECK_EQ(objects[first + k].destroyed, 1);
		if (k > 0 && objects[first + k].destroyed_seq <= objects[first + k - 1].destroyed_seq) {
			unit_fail(__FILE__, __LINE__, "a nested CNode destroyed before its holder");
			return;
		}
		if (!cnode_all_empty(first + k)) {
			unit_fail(__FILE__, __LINE__, "a destroyed CNode still holds capabilities");
			return;
		}
	}
}

UNIT_TEST(slot_deep_cnode_chain)
{
	/* Children of one untyped: deleting the cap to the outermost. */
	world_reset();
	check_others_on_destroy = false;
	struct slot root[4] = { 0 };
	universe_add(root, COUNT(root));
	int u = new_object(ST_OBJECT_UNTYPED, 40);
	put(NULL, &root[1], u);
	int first = build_cnode_chain(&root[2], &root[1], false);
	CHECK_EQ(child_count(&root[1]), CHAIN);
	CHECK_TREE();
	stack_reset();
	CHECK_EQ(slot_delete(&root[2]), ST_OK);
	CHECK(stack_measured && stack_spread() < STACK_LIMIT);
	CHECK_EQ(destroy_calls, CHAIN);
	check_chain_destroyed(first);
	CHECK(root[1].first_child == NULL);
	CHECK_TREE();

	/* Revoking the untyped when the outermost is its first child: one
	 * deletion takes the whole chain. */
	world_reset();
	check_others_on_destroy = false;
	memset(root, 0, sizeof root);
	universe_add(root, COUNT(root));
	put(NULL, &root[1], new_object(ST_OBJECT_UNTYPED, 40));
	first = build_cnode_chain(&root[2], &root[1], true);
	CHECK(root[1].first_child == &root[2]);
	stack_reset();
	CHECK_EQ(slot_revoke(&root[1]), ST_OK);
	CHECK(stack_measured && stack_spread() < STACK_LIMIT);
	CHECK_EQ(destroy_calls, CHAIN);
	check_chain_destroyed(first);
	CHECK(root[1].first_child == NULL && !slot_empty(&root[1]));
	CHECK_TREE();

	/* Caps with no parent at all. */
	world_reset();
	check_others_on_destroy = false;
	memset(root, 0, sizeof root);
	universe_add(root, COUNT(root));
	first = build_cnode_chain(&root[2], NULL, false);
	stack_reset();
	CHECK_EQ(slot_delete(&root[2]), ST_OK);
	CHECK(stack_measured && stack_spread() < STACK_LIMIT);
	CHECK_EQ(destroy_calls, CHAIN);
	check_chain_destroyed(first);
	CHECK_TREE();
	world_reset();
}

UNIT_TEST(slot_deep_derivation_chain)
{
	world_reset();
	enum { DEPTH = 10000 };
	struct slot *s = calloc(DEPTH + 2, sizeof *s);
	universe_add(s, DEPTH + 2);
	int u = new_object(ST_OBJECT_UNTYPED, 20);
	int x = new_object(ST_OBJECT_THREAD, 0);
	put(NULL, &s[0], u);
	put(&s[0], &s[1], x);
	for (size_t i = 2; i <= DEPTH; i++) {
		if (slot_derive(&s[i - 1], &s[i], ST_RIGHTS_ALL, false, 0) != ST_OK) {
			unit_fail(__FILE__, __LINE__, "derive failed");
			break;
		}
	}
	CHECK_TREE();
	/* Out of the middle: the rest hangs from the one above. */
	CHECK_EQ(slot_delete(&s[DEPTH / 2]), ST_OK);
	CHECK(s[DEPTH / 2 + 1].parent == &s[DEPTH / 2 - 1]);
	CHECK(!slot_is_final(&s[DEPTH]));
	CHECK_TREE();
	/* Revoking from the top of the copies leaves the original alone. */
	CHECK_EQ(slot_revoke(&s[1]), ST_OK);
	CHECK_EQ(destroy_calls, 0);
	for (size_t i = 2; i <= DEPTH; i++) {
		if (!slot_all_clear(&s[i])) {
			unit_fail(__FILE__, __LINE__, "revoke left a copy");
			break;
		}
	}
	CHECK(slot_is_final(&s[1]));
	CHECK_TREE();
	/* Again, deleting the top of the chain and then the rest, bottom first. */
	for (size_t i = 2; i <= DEPTH; i++)
		CHECK_EQ(slot_derive(&s[i - 1], &s[i], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_delete(&s[1]), ST_OK);
	CHECK(s[2].parent == &s[0]);
	for (size_t i = DEPTH; i >= 2; i--) {
		CHECK_EQ(slot_delete(&s[i]), ST_OK);
		CHECK_EQ(destroy_calls, i == 2);
	}
	CHECK_EQ(objects[x].destroyed, 1);
	CHECK_TREE();
	free(s);
	world_reset();
}

/* Deleting and revoking cost time in proportion to the capabilities
 * involved, never their square: an untyped with 100,000 objects, each with
 * a copy, and a chain of 100,000 copies, revoked. (Quadratic code would
 * take minutes here.) */
UNIT_TEST(slot_revoke_scales_linearly)
{
	world_reset();
	check_others_on_destroy = false; /* that check is itself quadratic */
	enum { COUNT = 100000 };
	struct slot *s = calloc(2 * COUNT + 2, sizeof *s);
	universe_add(s, 2 * COUNT + 2);
	int u = new_object(ST_OBJECT_UNTYPED, 30);
	put(NULL, &s[0], u);
	for (size_t i = 1; i <= COUNT; i++) {
		put(&s[0], &s[i], new_object(ST_OBJECT_FRAME, 0));
		CHECK_EQ(slot_derive(&s[i], &s[COUNT + i], ST_RIGHTS_ALL, false, 0), ST_OK);
	}
	CHECK_EQ(slot_revoke(&s[0]), ST_OK);
	CHECK_EQ(destroy_calls, COUNT);
	CHECK(s[0].first_child == NULL && !slot_empty(&s[0]));

	int x = new_object(ST_OBJECT_THREAD, 0);
	put(&s[0], &s[1], x);
	for (size_t i = 2; i <= 2 * COUNT; i++)
		CHECK_EQ(slot_derive(&s[i - 1], &s[i], ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_revoke(&s[0]), ST_OK);
	CHECK_EQ(objects[x].destroyed, 1);
	for (size_t i = 1; i <= 2 * COUNT; i++) {
		if (!slot_all_clear(&s[i])) {
			unit_fail(__FILE__, __LINE__, "revoke left a capability");
			break;
		}
	}
	free(s);
	world_reset();
}

UNIT_TEST(slot_cnode_holding_only_cap_to_itself)
{
	world_reset();
	struct slot root[8] = { 0 };
	universe_add(root, COUNT(root));
	int u = new_object(ST_OBJECT_UNTYPED, 30);
	int a = new_object(ST_OBJECT_CNODE, 2);
	int t = new_object(ST_OBJECT_THREAD, 0);
	int f = new_object(ST_OBJECT_FRAME, 0);
	put(NULL, &root[1], u);
	put(&root[1], &root[2], a);
	put(&root[1], cnode_slot(a, 2), t);
	put(&root[1], &root[3], f);
	CHECK_EQ(slot_derive(&root[3], cnode_slot(a, 3), ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_EQ(slot_move(&root[2], cnode_slot(a, 1)), ST_OK);
	CHECK(slot_is_final(cnode_slot(a, 1)));
	CHECK_TREE();
	/* Deleting the untyped's cap alone does not free it... */
	CHECK_EQ(slot_delete(&root[3]), ST_OK);
	CHECK_EQ(destroy_calls, 0); /* A[3] still names the frame */
	/* ...revoking the untyped does. */
	CHECK_EQ(slot_revoke(&root[1]), ST_OK);
	CHECK_EQ(objects[a].destroyed, 1);
	CHECK_EQ(objects[t].destroyed, 1);
	CHECK_EQ(objects[f].destroyed, 1);
	CHECK_EQ(destroy_calls, 3);
	CHECK(cnode_all_empty(a));
	CHECK(root[1].first_child == NULL);
	CHECK_TREE();

	/* Deleting the self-referring cap directly, from inside. */
	a = new_object(ST_OBJECT_CNODE, 2);
	t = new_object(ST_OBJECT_THREAD, 0);
	put(&root[1], cnode_slot(a, 1), a);
	put(&root[1], cnode_slot(a, 2), t);
	CHECK_EQ(slot_derive(cnode_slot(a, 2), cnode_slot(a, 3), ST_RIGHTS_ALL, false, 0), ST_OK);
	CHECK_TREE();
	CHECK_EQ(slot_delete(cnode_slot(a, 1)), ST_OK);
	CHECK_EQ(objects[a].destroyed, 1);
	CHECK_EQ(objects[t].destroyed, 1);
	CHECK(cnode_all_empty(a));
	CHECK(root[1].first_child == NULL);
	CHECK_TREE();
	world_reset();
}

/*
 * Revoking an untyped whose own slot is in a CNode that the revoke destroys:
 * P (untyped, in A[1]) made A, whose only cap is P's child. The revoke must
 * neither crash nor leave links to the emptied slots.
 */
UNIT_TEST(slot_revoke_target_inside_destroyed_cnode)
{
	for (int other_first = 0; other_first < 2; other_first++) {
		world_reset();
		struct slot root[8] = { 0 };
		universe_add(root, COUNT(root));
		int u0 = new_object(ST_OBJECT_UNTYPED, 30);
		int p = new_object(ST_OBJECT_UNTYPED, 20);
		int a = new_object(ST_OBJECT_CNODE, 2);
		int x = new_object(ST_OBJECT_THREAD, 0);
		put(NULL, &root[1], u0);
		put(&root[1], &root[2], p);
		/* P's children: the only cap to A (root[3]) and thread X (root[4],
		 * with a copy at root[5]); whichever was made last is first. */
		if (other_first) {
			put(&root[2], &root[3], a);
			put(&root[2], &root[4], x);
		} else {
			put(&root[2], &root[4], x);
			put(&root[2], &root[3], a);
		}
		CHECK_EQ(slot_derive(&root[4], &root[5], ST_RIGHTS_ALL, false, 0), ST_OK);
		put(&root[2], cnode_slot(a, 2), new_object(ST_OBJECT_FRAME, 0));
		CHECK_EQ(slot_move(&root[2], cnode_slot(a, 1)), ST_OK);
		struct slot *target = cnode_slot(a, 1);
		CHECK_TREE();

		CHECK_EQ(slot_revoke(target), ST_OK);
		CHECK_EQ(objects[a].destroyed, 1);
		CHECK_EQ(objects[p].destroyed, 1);
		CHECK(cnode_all_empty(a));
		CHECK(slot_all_clear(target));
		CHECK(slot_all_clear(&root[3]));
		CHECK_EQ(objects[u0].destroyed, 0);
		/* X either went with the revoke or, left when P went, moved up to
		 * u0 like any orphan of a deletion; alive iff named either way. */
		bool x_named = !slot_empty(&root[4]) || !slot_empty(&root[5]);
		CHECK_EQ(objects[x].destroyed, !x_named);
		if (other_first) {
			CHECK(!x_named);
		} else if (x_named) {
			CHECK(root[4].parent == &root[1] && root[5].parent == &root[4]);
		}
		for (size_t i = 0; i < object_count; i++)
			CHECK(objects[i].destroyed <= 1);
		CHECK_TREE();
	}
	world_reset();
}

/* ---- Randomized, against a reference model ---- */

/* What the model says a slot holds; parent is a global index or -1. */
struct model_slot {
	bool full;
	int object;
	uint8_t rights;
	uint8_t flags;
	uint64_t word;
	int mapped_in; /* address space object, or -1 */
	long parent;
};

struct random_world {
	struct model_slot *model;
	size_t model_capacity;
	struct slot **slot_at; /* global index to slot */
	size_t slot_at_capacity;
	long *candidates;
	size_t candidates_capacity;
	unsigned *destroyed_before;
	size_t destroyed_capacity;
	bool *deleted; /* per global index, for one operation */
	size_t deleted_capacity;
	struct slot *root;
	size_t root_count;
	size_t cnodes, vspaces;
};

static void random_world_sync(struct random_world *w)
{
	w->model = grow(w->model, &w->model_capacity, universe_slots, sizeof *w->model);
	w->slot_at = grow(w->slot_at, &w->slot_at_capacity, universe_slots, sizeof *w->slot_at);
	w->deleted = grow(w->deleted, &w->deleted_capacity, universe_slots, sizeof *w->deleted);
	for (size_t a = 0; a < universe_count; a++) {
		for (size_t i = 0; i < universe[a].count; i++) {
			size_t g = universe[a].base + i;
			if (w->slot_at[g] != &universe[a].slots[i]) {
				w->slot_at[g] = &universe[a].slots[i];
				w->model[g] = (struct model_slot){ .object = -1, .mapped_in = -1,
								   .parent = -1 };
			}
		}
	}
}

/* Usable slots: every slot of the root array and of live CNodes but slot 0. */
static size_t random_candidates(struct random_world *w)
{
	w->candidates = grow(w->candidates, &w->candidates_capacity, universe_slots,
			     sizeof *w->candidates);
	size_t n = 0;
	for (size_t a = 0; a < universe_count; a++) {
		if (universe[a].slots != w->root) {
			const struct test_cnode *c =
				(const struct test_cnode *)(uintptr_t)universe[a].slots[0].reserved[0];
			if (objects[c->id].destroyed)
				continue;
		}
		for (size_t i = 1; i < universe[a].count; i++)
			w->candidates[n++] = (long)(universe[a].base + i);
	}
	return n;
}

/* A random usable slot: full with probability about full_bias/100. */
static long random_slot(struct random_world *w, unsigned full_bias)
{
	size_t n = random_candidates(w);
	bool want_full = unit_random_below(100) < full_bias;
	for (int tries = 0; tries < 8; tries++) {
		long g = w->candidates[unit_random_below(n)];
		if (w->model[g].full == want_full)
			return g;
	}
	return w->candidates[unit_random_below(n)];
}

static long random_full_of(struct random_world *w, bool (*fits)(const struct model_slot *))
{
	size_t n = random_candidates(w);
	size_t matches = 0;
	for (size_t i = 0; i < n; i++) {
		if (w->model[w->candidates[i]].full && fits(&w->model[w->candidates[i]]))
			w->candidates[matches++] = w->candidates[i];
	}
	return matches ? w->candidates[unit_random_below(matches)] : -1;
}

static bool fits_untyped(const struct model_slot *m)
{
	return objects[m->object].type == ST_OBJECT_UNTYPED;
}

static bool fits_mappable(const struct model_slot *m)
{
	uint8_t type = objects[m->object].type;
	return (type == ST_OBJECT_FRAME || type == ST_OBJECT_PAGE_TABLE) &&
	       !(m->flags & CAP_FLAG_MAPPED);
}

static bool fits_live_vspace(const struct model_slot *m)
{
	return objects[m->object].type == ST_OBJECT_VSPACE && !objects[m->object].destroyed;
}

/* Every slot as the model says, parents included. */
static bool model_matches(struct random_world *w, char *why, size_t size)
{
	for (size_t g = 0; g < universe_slots; g++) {
		const struct slot *s = w->slot_at[g];
		const struct model_slot *m = &w->model[g];
		if (slot_empty(s) != !m->full) {
			snprintf(why, size, "global slot %zu: %s, the model says %s", g,
				 slot_empty(s) ? "empty" : "full", m->full ? "full" : "empty");
			return false;
		}
		if (!m->full)
			continue;
		const struct test_object *o = &objects[m->object];
		uint64_t mapped_in = m->mapped_in < 0 ? 0 : objects[m->mapped_in].address;
		const struct slot *parent = m->parent < 0 ? NULL : w->slot_at[m->parent];
		if (s->cap.type != o->type || s->cap.object != o->address ||
		    s->cap.size_bits != o->size_bits || s->cap.rights != m->rights ||
		    s->cap.flags != m->flags || s->cap.word != m->word ||
		    s->cap.mapped_in != mapped_in) {
			snprintf(why, size, "global slot %zu: the capability differs from the model", g);
			return false;
		}
		if (s->parent != parent) {
			snprintf(why, size, "global slot %zu: parent %ld, the model says %ld", g,
				 s->parent ? global_index(s->parent) : -1L, m->parent);
			return false;
		}
	}
	return true;
}

/* Objects: alive iff some slot names them; destroyed at most once. */
static bool liveness_matches(char *why, size_t size)
{
	static size_t *named;
	static size_t named_capacity;
	named = grow(named, &named_capacity, object_count, sizeof *named);
	memset(named, 0, object_count * sizeof *named);
	for (size_t a = 0; a < universe_count; a++) {
		for (size_t i = 0; i < universe[a].count; i++) {
			const struct slot *s = &universe[a].slots[i];
			if (!slot_empty(s)) {
				int id = object_of(&s->cap);
				if (id >= 0)
					named[id]++;
			}
		}
	}
	for (size_t id = 0; id < object_count; id++) {
		if (objects[id].destroyed != (named[id] == 0)) {
			snprintf(why, size, "object %zu (type %u): destroyed %u times, %zu caps name it",
				 id, objects[id].type, objects[id].destroyed, named[id]);
			return false;
		}
	}
	return true;
}

/* Is the slot inside a CNode destroyed by the current operation? */
static bool in_cnode_destroyed_now(struct random_world *w, const struct slot *s)
{
	for (size_t a = 0; a < universe_count; a++) {
		const struct slot_array *array = &universe[a];
		if (array->slots == w->root || (uintptr_t)s < (uintptr_t)array->slots ||
		    (uintptr_t)s >= (uintptr_t)(array->slots + array->count))
			continue;
		const struct test_cnode *c =
			(const struct test_cnode *)(uintptr_t)array->slots[0].reserved[0];
		return objects[c->id].destroyed > w->destroyed_before[c->id];
	}
	return false;
}

static bool model_is_descendant(struct random_world *w, long g, long ancestor)
{
	for (long p = w->model[g].parent; p >= 0; p = w->model[p].parent) {
		if (p == ancestor)
			return true;
	}
	return false;
}

/*
 * After a delete (revoke false) or revoke of slot g: checks which slots
 * were emptied, then brings the model up to date.
 */
static void random_after_deletion(struct random_world *w, long g, bool revoke)
{
	size_t total = universe_slots;
	for (size_t i = 0; i < total; i++)
		w->deleted[i] = w->model[i].full && slot_empty(w->slot_at[i]);
	for (size_t i = 0; i < total; i++) {
		if (!w->deleted[i] || ((long)i == g && !revoke))
			continue;
		bool allowed = in_cnode_destroyed_now(w, w->slot_at[i]) ||
			       (revoke && model_is_descendant(w, (long)i, g));
		if (!allowed) {
			char message[160];
			snprintf(message, sizeof message, "%s of slot %ld emptied unrelated slot %zu",
				 revoke ? "revoke" : "delete", g, i);
			unit_fail(__FILE__, __LINE__, message);
		}
	}
	if (!revoke)
		CHECK(w->deleted[g]);
	if (revoke && !w->deleted[g]) {
		for (size_t i = 0; i < total; i++) {
			if (w->model[i].full && model_is_descendant(w, (long)i, g) && !w->deleted[i]) {
				unit_fail(__FILE__, __LINE__, "revoke left a descendant");
				break;
			}
		}
	}
	/* A destroyed CNode is empty. */
	for (size_t id = 0; id < object_count; id++) {
		if (objects[id].type == ST_OBJECT_CNODE && objects[id].destroyed && !cnode_all_empty((int)id))
			unit_fail(__FILE__, __LINE__, "destroyed CNode still holds capabilities");
	}
	/* Survivors hang from their nearest surviving ancestor; those mapped in
	 * a destroyed address space are unmapped. */
	for (size_t i = 0; i < total; i++) {
		struct model_slot *m = &w->model[i];
		if (!m->full || w->deleted[i])
			continue;
		long p = m->parent;
		while (p >= 0 && w->deleted[p])
			p = w->model[p].parent;
		m->parent = p;
		if (m->mapped_in >= 0 && objects[m->mapped_in].destroyed) {
			m->flags &= (uint8_t)~CAP_FLAG_MAPPED;
			m->word = 0;
			m->mapped_in = -1;
		}
	}
	for (size_t i = 0; i < total; i++) {
		if (w->deleted[i])
			w->model[i] = (struct model_slot){ .object = -1, .mapped_in = -1, .parent = -1 };
	}
}

enum random_kind { RETYPE, COPY, MINT, MOVE, DELETE, REVOKE, MAP, SKIPPED, KINDS };
static const char *const kind_names[KINDS] = { "retype", "copy",   "mint", "move",
					       "delete", "revoke", "map",  "skipped" };

static enum random_kind random_operation(struct random_world *w)
{
	unsigned choice = (unsigned)unit_random_below(100);
	/* Keep the population up: more retypes while few slots are full, and
	 * fresh initial untyped memory when none is left. */
	size_t population = 0;
	for (size_t g = 0; g < universe_slots; g++)
		population += w->model[g].full;
	if (population < 100 && unit_random_below(3) == 0)
		choice = 0;
	if (choice < 18) {
		/* Retype: a new object from an untyped, into an empty slot. */
		long ug = random_full_of(w, fits_untyped);
		if (ug < 0) {
			for (size_t i = 1; i < w->root_count; i++) {
				if (!w->model[i].full) { /* the root array's base is 0 */
					int id = new_object(ST_OBJECT_UNTYPED, 30);
					random_world_sync(w);
					put(NULL, &w->root[i], id);
					w->model[i] = (struct model_slot){ .full = true, .object = id,
									   .rights = ST_RIGHTS_ALL,
									   .mapped_in = -1, .parent = -1 };
					return RETYPE;
				}
			}
			return SKIPPED;
		}
		long dg = random_slot(w, 0);
		if (w->model[dg].full)
			return SKIPPED;
		static const uint8_t types[] = { ST_OBJECT_CNODE,  ST_OBJECT_CNODE,      ST_OBJECT_VSPACE,
						 ST_OBJECT_FRAME,  ST_OBJECT_PAGE_TABLE, ST_OBJECT_THREAD,
						 ST_OBJECT_THREAD, ST_OBJECT_UNTYPED };
		uint8_t type = types[unit_random_below(COUNT(types))];
		if ((type == ST_OBJECT_CNODE && w->cnodes >= 60) ||
		    (type == ST_OBJECT_VSPACE && w->vspaces >= 8))
			type = ST_OBJECT_THREAD;
		unsigned bits = type == ST_OBJECT_CNODE ? 2 + (unsigned)unit_random_below(3) :
				type == ST_OBJECT_UNTYPED ? 12 : 0;
		int id = new_object(type, bits);
		w->cnodes += type == ST_OBJECT_CNODE;
		w->vspaces += type == ST_OBJECT_VSPACE;
		random_world_sync(w); /* the new CNode's slots */
		put(w->slot_at[ug], w->slot_at[dg], id);
		w->model[dg] = (struct model_slot){ .full = true, .object = id, .rights = ST_RIGHTS_ALL,
						    .mapped_in = -1, .parent = ug };
		return RETYPE;
	}
	if (choice < 48) {
		/* Copy or mint, sometimes from an empty slot or into a full one. */
		bool mint = choice >= 33;
		long sg = random_slot(w, 90), dg = random_slot(w, 15);
		unsigned rights = ST_RIGHTS_ALL;
		bool set_badge = false;
		uint64_t badge = 0;
		if (mint) {
			rights = (unsigned)unit_random_below(16);
			if (unit_random_below(10) == 0)
				rights |= 1u << (4 + unit_random_below(28));
			const struct model_slot *m = &w->model[sg];
			/* Badges only on the stand-in endpoints (threads). */
			if (m->full && objects[m->object].type == ST_OBJECT_THREAD) {
				set_badge = unit_random_below(2);
				badge = unit_random_below(4);
			}
		}
		const struct model_slot *m = &w->model[sg];
		int expected = ST_OK;
		if (!m->full)
			expected = ST_ERROR_EMPTY_SLOT;
		else if (w->model[dg].full)
			expected = ST_ERROR_SLOT_OCCUPIED;
		else if (objects[m->object].type == ST_OBJECT_UNTYPED)
			expected = ST_ERROR_ILLEGAL_OPERATION;
		else if (rights & ~ST_RIGHTS_ALL)
			expected = ST_ERROR_INVALID_ARGUMENT;
		else if (set_badge && badge && m->word && m->word != badge)
			expected = ST_ERROR_ILLEGAL_OPERATION;
		CHECK_EQ(slot_derive(w->slot_at[sg], w->slot_at[dg], rights, set_badge, badge), expected);
		if (expected == ST_OK) {
			struct model_slot copy = *m;
			copy.rights &= (uint8_t)rights;
			if (set_badge && badge)
				copy.word = badge;
			if (copy.flags & CAP_FLAG_MAPPED) {
				copy.flags &= (uint8_t)~CAP_FLAG_MAPPED;
				copy.word = 0;
				copy.mapped_in = -1;
			}
			copy.parent = sg;
			w->model[dg] = copy;
		}
		return mint ? MINT : COPY;
	}
	if (choice < 63) {
		long sg = random_slot(w, 90), dg = unit_random_below(10) ? random_slot(w, 10) : sg;
		int expected = !w->model[sg].full ? ST_ERROR_EMPTY_SLOT :
			       sg == dg		  ? ST_OK :
			       w->model[dg].full  ? ST_ERROR_SLOT_OCCUPIED :
						    ST_OK;
		CHECK_EQ(slot_move(w->slot_at[sg], w->slot_at[dg]), expected);
		if (expected == ST_OK && sg != dg) {
			w->model[dg] = w->model[sg];
			for (size_t i = 0; i < universe_slots; i++) {
				if (w->model[i].full && w->model[i].parent == sg)
					w->model[i].parent = dg;
			}
			w->model[sg] = (struct model_slot){ .object = -1, .mapped_in = -1, .parent = -1 };
		}
		return MOVE;
	}
	if (choice < 90) {
		bool revoke = choice >= 78;
		long g = random_slot(w, 95);
		w->destroyed_before = grow(w->destroyed_before, &w->destroyed_capacity, object_count,
					   sizeof *w->destroyed_before);
		for (size_t id = 0; id < object_count; id++)
			w->destroyed_before[id] = objects[id].destroyed;
		int expected = w->model[g].full ? ST_OK : ST_ERROR_EMPTY_SLOT;
		CHECK_EQ(revoke ? slot_revoke(w->slot_at[g]) : slot_delete(w->slot_at[g]), expected);
		if (expected == ST_OK)
			random_after_deletion(w, g, revoke);
		return revoke ? REVOKE : DELETE;
	}
	/* Map a frame or page table into a live address space. */
	long fg = random_full_of(w, fits_mappable);
	long vg = random_full_of(w, fits_live_vspace);
	if (fg < 0 || vg < 0)
		return SKIPPED;
	int v = w->model[vg].object;
	uint64_t address = (1 + unit_random_below(1u << 20)) << 12;
	map_slot(w->slot_at[fg], v, address);
	w->model[fg].flags |= CAP_FLAG_MAPPED;
	w->model[fg].word = address;
	w->model[fg].mapped_in = v;
	return MAP;
}

static void random_run(uint64_t seed, unsigned operations)
{
	world_reset();
	unit_random_seed(seed);
	static struct random_world w;
	struct slot *root = calloc(64, sizeof *root);
	universe_add(root, 64);
	w.root = root;
	w.root_count = 64;
	w.cnodes = w.vspaces = 0;
	if (w.slot_at) /* forget the last run's slots, whose addresses may recur */
		memset(w.slot_at, 0, w.slot_at_capacity * sizeof *w.slot_at);
	random_world_sync(&w);
	/* Initial untyped memory, and a root capability to copy. */
	for (size_t i = 1; i <= 3; i++) {
		int id = new_object(ST_OBJECT_UNTYPED, 30);
		put(NULL, &root[i], id);
		w.model[i] = (struct model_slot){ .full = true, .object = id, .rights = ST_RIGHTS_ALL,
						  .mapped_in = -1, .parent = -1 };
	}
	int irq = new_object(ST_OBJECT_IRQ_CONTROL, 0);
	put(NULL, &root[4], irq);
	w.model[4] = (struct model_slot){ .full = true, .object = irq, .rights = ST_RIGHTS_ALL,
					  .mapped_in = -1, .parent = -1 };
	unsigned counts[KINDS] = { 0 };
	for (unsigned step = 0; step < operations; step++) {
		enum random_kind kind = random_operation(&w);
		const char *what = kind_names[kind];
		counts[kind]++;
		char why[200];
		bool ok = tree_consistent(universe, universe_count, why, sizeof why) &&
			  mappings_consistent(why, sizeof why) && model_matches(&w, why, sizeof why) &&
			  liveness_matches(why, sizeof why);
		if (!ok) {
			char message[400];
			snprintf(message, sizeof message, "seed %llu, step %u (%s): %s",
				 (unsigned long long)seed, step, what, why);
			unit_fail(__FILE__, __LINE__, message);
			break;
		}
	}
	/* Every kind of operation ran, and cascades happened. */
	for (size_t i = 0; i < SKIPPED; i++)
		CHECK(counts[i] > 0);
	size_t destroyed_cnodes = 0;
	for (size_t id = 0; id < object_count; id++)
		destroyed_cnodes += objects[id].type == ST_OBJECT_CNODE && objects[id].destroyed;
	CHECK(destroyed_cnodes > 0);

	/* Revoking and deleting everything left destroys everything, once. */
	for (size_t i = 1; i < 64; i++) {
		if (!slot_empty(&root[i]) && root[i].cap.type == ST_OBJECT_UNTYPED)
			CHECK_EQ(slot_revoke(&root[i]), ST_OK);
	}
	for (size_t i = 1; i < 64; i++) {
		if (!slot_empty(&root[i]))
			CHECK_EQ(slot_delete(&root[i]), ST_OK);
	}
	char why[200];
	if (!tree_consistent(universe, universe_count, why, sizeof why) || !liveness_matches(why, sizeof why))
		unit_fail(__FILE__, __LINE__, why);
	free(root);
	w.root = NULL;
	world_reset();
}

UNIT_TEST(slot_random_operations)
{
	random_run(0x5107ull, 3000);
	random_run(12345, 3000);
	random_run(0xdeadbeefcafeull, 3000);
}

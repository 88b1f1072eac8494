#include "kernel/object/slot.h"

static struct slot_container *pending_clears;

static void clear_links(struct slot *slot)
{
	slot->parent = slot->first_child = slot->prev_sibling = slot->next_sibling = NULL;
	slot->map_prev = slot->map_next = NULL;
}

static void link_child(struct slot *parent, struct slot *child)
{
	child->parent = parent;
	child->prev_sibling = NULL;
	child->next_sibling = parent ? parent->first_child : NULL;
	if (child->next_sibling)
		child->next_sibling->prev_sibling = child;
	if (parent)
		parent->first_child = child;
}

/* Puts the run first..last (already linked among themselves) where slot
 * stands among its siblings; with no run (first NULL), just takes slot out. */
static void replace_among_siblings(struct slot *slot, struct slot *first, struct slot *last)
{
	struct slot *prev = slot->prev_sibling, *next = slot->next_sibling;
	if (first) {
		first->prev_sibling = prev;
		last->next_sibling = next;
	} else {
		first = next;
		last = prev;
	}
	if (prev)
		prev->next_sibling = first;
	else if (slot->parent)
		slot->parent->first_child = first;
	if (next)
		next->prev_sibling = last;
}

void slot_insert(struct slot *parent, struct slot *child, const struct cap *cap)
{
	child->cap = *cap;
	clear_links(child);
	link_child(parent, child);
}

int slot_derive(struct slot *source, struct slot *dest, unsigned rights, bool set_badge, uint64_t badge)
{
	if (slot_empty(source))
		return ST_ERROR_EMPTY_SLOT;
	if (!slot_empty(dest))
		return ST_ERROR_SLOT_OCCUPIED;
	if (source->cap.type == ST_OBJECT_UNTYPED)
		return ST_ERROR_ILLEGAL_OPERATION;
	if (rights & ~ST_RIGHTS_ALL)
		return ST_ERROR_INVALID_ARGUMENT;
	struct cap cap = source->cap;
	if (cap.flags & CAP_FLAG_MAPPED) {
		/* A copy of a mapped frame is not mapped: mappings belong to caps. */
		cap.flags &= (uint8_t)~CAP_FLAG_MAPPED;
		cap.word = 0;
		cap.mapped_in = 0;
	}
	if (set_badge && badge != 0) {
		if (cap.word != 0 && cap.word != badge)
			return ST_ERROR_ILLEGAL_OPERATION; /* a badge is for good */
		cap.word = badge;
	}
	cap.rights &= (uint8_t)rights;
	slot_insert(source, dest, &cap);
	return ST_OK;
}

int slot_move(struct slot *source, struct slot *dest)
{
	if (slot_empty(source))
		return ST_ERROR_EMPTY_SLOT;
	if (source == dest)
		return ST_OK;
	if (!slot_empty(dest))
		return ST_ERROR_SLOT_OCCUPIED;
	*dest = *source;
	/* Everything that pointed at source now points at dest. */
	replace_among_siblings(dest, dest, dest);
	for (struct slot *child = dest->first_child; child; child = child->next_sibling)
		child->parent = dest;
	if (dest->map_prev)
		dest->map_prev->map_next = dest;
	if (dest->map_next)
		dest->map_next->map_prev = dest;
	source->cap = (struct cap){ 0 };
	clear_links(source);
	return ST_OK;
}

static bool same_object(const struct cap *a, const struct cap *b)
{
	return a->type == b->type && a->object == b->object;
}

/*
 * All capabilities to an object are found together, in constant time:
 * copies are children of their source, and a deleted capability's children
 * take its place among its siblings as one run. Only an untyped
 * capability's children name different objects, so within any list of
 * siblings the capabilities to one object stand next to each other: the
 * other copies of an object are its parent, its children, or its
 * immediate siblings.
 */
bool slot_is_final(const struct slot *slot)
{
	/* Untyped capabilities are never copied; their children are other objects. */
	if (slot->cap.type == ST_OBJECT_UNTYPED)
		return true;
	if (slot->first_child)
		return false;
	if (slot->parent && same_object(&slot->parent->cap, &slot->cap))
		return false;
	if (slot->prev_sibling && same_object(&slot->prev_sibling->cap, &slot->cap))
		return false;
	return !(slot->next_sibling && same_object(&slot->next_sibling->cap, &slot->cap));
}

/* Deletes one capability; objects it destroys only queue more work. */
static void delete_one(struct slot *slot)
{
	if (slot->cap.flags & CAP_FLAG_MAPPED)
		cap_unmap(slot);
	if (slot_is_final(slot))
		cap_destroy_object(slot);

	/* The children move up to take this slot's place among its siblings,
	 * spliced in as a run. A root's children become roots that must stay
	 * siblings of each other: with no parent, the sibling links are all
	 * that lets slot_is_final() find the other copies of an object. */
	struct slot *first = slot->first_child, *last = first;
	for (struct slot *child = first; child; child = child->next_sibling) {
		child->parent = slot->parent;
		last = child;
	}
	replace_among_siblings(slot, first, last);
	/* An untyped whose objects are all gone hands out memory from its
	 * start again (its watermark is in the word). */
	struct slot *parent = slot->parent;
	if (parent && parent->cap.type == ST_OBJECT_UNTYPED && !parent->first_child)
		parent->cap.word = 0;
	slot->cap = (struct cap){ 0 };
	clear_links(slot);
}

void cspace_clear_later(struct slot_container *container)
{
	container->cursor = 0;
	container->next = pending_clears;
	pending_clears = container;
}

static void drain_pending_clears(void)
{
	while (pending_clears) {
		struct slot_container *top = pending_clears;
		while (top->cursor < top->count && slot_empty(&top->slots[top->cursor]))
			top->cursor++;
		if (top->cursor == top->count) {
			pending_clears = top->next;
			continue;
		}
		/* May push more containers; they are handled before we come back. */
		delete_one(&top->slots[top->cursor]);
	}
}

int slot_delete(struct slot *slot)
{
	if (slot_empty(slot))
		return ST_ERROR_EMPTY_SLOT;
	delete_one(slot);
	drain_pending_clears();
	return ST_OK;
}

int slot_revoke(struct slot *slot)
{
	if (slot_empty(slot))
		return ST_ERROR_EMPTY_SLOT;
	/* Delete leaves, each time going on from the deleted leaf's parent. A
	 * deletion that destroys a CNode or thread deletes further capabilities,
	 * possibly on our path: then go on from the parent only if it is still
	 * there (it is then still below slot, or slot itself), else from the
	 * top. If slot itself goes, it has no children left and we stop. */
	struct slot *start = slot;
	while (slot->first_child) {
		struct slot *leaf = start;
		while (leaf->first_child)
			leaf = leaf->first_child;
		struct slot *parent = leaf->parent;
		delete_one(leaf);
		drain_pending_clears();
		start = slot_empty(parent) ? slot : parent;
	}
	return ST_OK;
}

#include "components/posix/objects.h"

#include "components/posix/heap.h"
#include "components/posix/placement.h"
#include "components/posix/untyped.h"
#include "user/lib/alloc.h"

#define POOL_MAX 4096

static slot_id page_tables[POOL_MAX];
static unsigned page_table_count;
static uint32_t replies[1024];
static unsigned reply_count;
static struct shell *free_shells;

slot_id page_table_get(void)
{
	if (page_table_count)
		return page_tables[--page_table_count];
	slot_id table = slot_alloc();
	if (table && untyped_retype(ST_OBJECT_PAGE_TABLE, 0, slot_ref(table)) != ST_OK) {
		slot_free(table);
		table = 0;
	}
	return table;
}

void page_table_put(slot_id table)
{
	st_page_table_unmap(slot_ref(table));
	if (page_table_count < POOL_MAX)
		page_tables[page_table_count++] = table;
	else
		slot_release(table); /* rare: the memory is lost, the slot is not */
}

uint32_t reply_get(void)
{
	if (reply_count)
		return replies[--reply_count];
	uint32_t slot = st_alloc_slot();
	if (slot && untyped_retype(ST_OBJECT_REPLY, 0, slot) != ST_OK)
		slot = 0;
	return slot;
}

void reply_put(uint32_t reply)
{
	if (reply_count < sizeof replies / sizeof replies[0])
		replies[reply_count++] = reply;
}

/* A root slot to put a shell's CNode capability in while writing into
 * that CNode: slot references reach only CNodes held in the root CNode,
 * and the shells' CNodes live in pool CNodes. */
static uint32_t workbench;

long shell_set_handler(struct shell *s, uint32_t endpoint, uint64_t badge)
{
	if (!workbench && !(workbench = st_alloc_slot()))
		return ST_ERROR_INVALID_SLOT;
	long error = st_cap_move(slot_ref(s->cnode), workbench);
	if (error)
		return error;
	st_cap_delete(ST_SLOT(workbench, SHELL_HANDLER_SLOT)); /* empty the first time */
	error = st_cap_mint(endpoint, ST_SLOT(workbench, SHELL_HANDLER_SLOT), ST_RIGHT_WRITE, badge);
	long back = st_cap_move(workbench, slot_ref(s->cnode));
	return error ? error : back;
}

struct shell *shell_get(void)
{
	if (free_shells) {
		struct shell *s = free_shells;
		free_shells = s->next_free;
		return s;
	}
	struct shell *s = heap_zalloc(sizeof *s);
	if (!s)
		return NULL;
	s->thread = slot_alloc();
	s->vspace = slot_alloc();
	s->cnode = slot_alloc();
	if (!s->thread || !s->vspace || !s->cnode ||
	    untyped_retype(ST_OBJECT_THREAD, 0, slot_ref(s->thread)) ||
	    untyped_retype(ST_OBJECT_VSPACE, 0, slot_ref(s->vspace)) ||
	    untyped_retype(ST_OBJECT_CNODE, SHELL_CNODE_BITS, slot_ref(s->cnode)) ||
	    st_thread_configure(slot_ref(s->thread), slot_ref(s->cnode), slot_ref(s->vspace), 0, 0,
				SHELL_HANDLER_SLOT) ||
	    st_thread_set_personality(slot_ref(s->thread), placement_personality_mode(),
				      placement_personality_handler(SHELL_HANDLER_SLOT)) ||
	    st_thread_set_priority(slot_ref(s->thread), ST_ROOT_THREAD, SHELL_PRIORITY)) {
		slot_release(s->thread);
		slot_release(s->vspace);
		slot_release(s->cnode);
		heap_free(s, sizeof *s);
		return NULL;
	}
	return s;
}

void shell_put(struct shell *s)
{
	s->next_free = free_shells;
	free_shells = s;
}

/* Untyped memory: retype of every type, its argument checks, running out
 * of memory, alignment and the watermark. */
#include "user/lib/utest.h"

static uint64_t watermark(uint64_t untyped)
{
	uint64_t word = ~0ull;
	UCHECK_EQ(st_cap_identify(untyped, NULL, &word), ST_OK);
	return word;
}

static unsigned type_at(uint64_t slot)
{
	uint64_t info = 0;
	UCHECK_EQ(st_cap_identify(slot, &info, NULL), ST_OK);
	return (unsigned)ST_CAP_INFO_TYPE(info);
}

static bool empty(uint64_t slot)
{
	return st_cap_identify(slot, NULL, NULL) == ST_ERROR_EMPTY_SLOT;
}

/* `count` consecutive free slots of the root CNode; the first. */
static uint32_t slots(unsigned count)
{
	uint32_t first = utest_slot();
	for (unsigned i = 1; i < count; i++)
		utest_slot();
	return first;
}

UTEST(retype_every_type_in_a_range)
{
	static const struct { unsigned type, size_bits; } kinds[] = {
		{ ST_OBJECT_UNTYPED, 4 }, { ST_OBJECT_CNODE, 1 },      { ST_OBJECT_THREAD, 0 },
		{ ST_OBJECT_VSPACE, 0 },  { ST_OBJECT_PAGE_TABLE, 0 }, { ST_OBJECT_FRAME, 0 },
	};
	uint32_t untyped = utest_untyped(18);
	for (unsigned i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		uint32_t first = slots(3);
		UCHECK_EQ(st_untyped_retype(untyped, kinds[i].type, kinds[i].size_bits, first, 3), ST_OK);
		for (uint32_t j = 0; j < 3; j++)
			UCHECK_EQ(type_at(first + j), kinds[i].type);
	}
}

UTEST(retype_large_frame)
{
	uint32_t untyped = utest_untyped(22);
	uint32_t first = slots(2);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_LARGE_FRAME, 0, first, 2), ST_OK);
	UCHECK_EQ(type_at(first + 1), ST_OBJECT_LARGE_FRAME);
	UCHECK_EQ(watermark(untyped), 4ull << 20);
}

UTEST(retype_cnode_size_bounds)
{
	uint32_t untyped = utest_untyped(24);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 0, dest, 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 17, dest, 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 64, dest, 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK(empty(dest));
	UCHECK_EQ(watermark(untyped), 0);
	/* The bounds themselves are fine: 2 slots and 2^16 slots (8 MiB). */
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 1, dest, 1), ST_OK);
	uint32_t big = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 16, big, 1), ST_OK);
	UCHECK_EQ(st_cap_copy(ST_ROOT_THREAD, ST_SLOT(big, 65535), ST_RIGHTS_ALL), ST_OK);
	UCHECK_EQ(type_at(ST_SLOT(big, 65535)), ST_OBJECT_THREAD);
}

UTEST(retype_untyped_size_bounds)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_UNTYPED, ST_UNTYPED_MIN_BITS - 1, dest, 1),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_UNTYPED, ST_UNTYPED_MAX_BITS + 1, dest, 1),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK(empty(dest));
	/* In range but bigger than the untyped: no memory, not a bad argument. */
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_UNTYPED, ST_UNTYPED_MAX_BITS, dest, 1), ST_ERROR_NO_MEMORY);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_UNTYPED, 17, dest, 1), ST_ERROR_NO_MEMORY);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_UNTYPED, ST_UNTYPED_MIN_BITS, dest, 1), ST_OK);
	UCHECK_EQ(watermark(untyped), 16);
}

UTEST(retype_types_that_cannot_be_made)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t dest = utest_slot();
	static const unsigned types[] = { ST_OBJECT_NULL, ST_OBJECT_IRQ_CONTROL, ST_OBJECT_IO_PORT_CONTROL,
					  ST_OBJECT_TYPE_COUNT, 99 };
	for (unsigned i = 0; i < sizeof types / sizeof types[0]; i++)
		UCHECK_EQ(st_untyped_retype(untyped, types[i], 0, dest, 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_call(ST_SYS_UNTYPED_RETYPE, untyped, 1ull << 32 | ST_OBJECT_FRAME, 0, dest, 1, 0),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK(empty(dest));
	UCHECK_EQ(watermark(untyped), 0);
}

UTEST(retype_bad_count)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, dest, 0), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, dest, ST_RETYPE_MAX_COUNT + 1),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, dest, 1ull << 32 | 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK(empty(dest));
	/* The largest count is a valid argument; the root CNode cannot hold it. */
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, dest, ST_RETYPE_MAX_COUNT), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(watermark(untyped), 0);
}

UTEST(retype_range_crossing_cnode_end)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t cnode = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 3, cnode, 1), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, ST_SLOT(cnode, 6), 3), ST_ERROR_INVALID_SLOT);
	UCHECK(empty(ST_SLOT(cnode, 6)) && empty(ST_SLOT(cnode, 7)));
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, ST_SLOT(cnode, 0), 1), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, ST_SLOT(cnode, 8), 1), ST_ERROR_INVALID_SLOT);
	uint32_t root_end = 1u << utest_bootinfo->cnode_size_bits;
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, root_end - 1, 2), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(watermark(untyped), 1024);
	/* Up to the last slot exactly is fine. */
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, ST_SLOT(cnode, 6), 2), ST_OK);
}

UTEST(retype_occupied_destination_creates_nothing)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t first = slots(4);
	UCHECK_EQ(st_cap_copy(ST_ROOT_THREAD, first + 2, ST_RIGHTS_ALL), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 4), ST_ERROR_SLOT_OCCUPIED);
	UCHECK(empty(first) && empty(first + 1) && empty(first + 3));
	UCHECK_EQ(type_at(first + 2), ST_OBJECT_THREAD);
	UCHECK_EQ(watermark(untyped), 0);
}

/* 64 KiB hold 16 frames; the 17th fails and the untyped is unharmed. */
UTEST(retype_beyond_capacity)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t first = slots(17);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 16), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first + 16, 1), ST_ERROR_NO_MEMORY);
	UCHECK(empty(first + 16));
	UCHECK_EQ(watermark(untyped), 65536);
	/* Even the smallest object no longer fits; after revoking, all 16 do. */
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_UNTYPED, ST_UNTYPED_MIN_BITS, first + 16, 1),
		  ST_ERROR_NO_MEMORY);
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 16), ST_OK);
}

/* A batch that does not fit makes none of its objects. */
UTEST(retype_batch_too_big_creates_nothing)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t first = slots(17);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 17), ST_ERROR_NO_MEMORY);
	for (uint32_t i = 0; i < 17; i++)
		UCHECK(empty(first + i));
	UCHECK_EQ(watermark(untyped), 0);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 16), ST_OK);
}

UTEST(retype_object_bigger_than_untyped)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t dest = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_LARGE_FRAME, 0, dest, 1), ST_ERROR_NO_MEMORY);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 10, dest, 1), ST_ERROR_NO_MEMORY); /* 128 KiB */
	UCHECK(empty(dest));
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 9, dest, 1), ST_OK); /* 64 KiB: all of it */
	UCHECK_EQ(watermark(untyped), 65536);
}

/* Objects are aligned to their size: a 4 KiB frame, then an 8 KiB address
 * space starts at 8 KiB, leaving a 4 KiB gap. */
UTEST(retype_aligns_objects_to_their_size)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t frame = utest_slot(), vspace = utest_slot(), cnode = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, frame, 1), ST_OK);
	UCHECK_EQ(watermark(untyped), 4096);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_VSPACE, 0, vspace, 1), ST_OK);
	UCHECK_EQ(watermark(untyped), 16384);
	/* A 32 KiB CNode (2^8 slots) then starts at 32 KiB. */
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 8, cnode, 1), ST_OK);
	UCHECK_EQ(watermark(untyped), 65536);
}

/* The watermark only grows while children live: neither the alignment gap
 * nor a deleted object's memory is reused, so a small CNode made after the
 * vspace goes above it. */
UTEST(retype_watermark_only_grows)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t frame = utest_slot(), vspace = utest_slot(), cnode = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, frame, 1), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_VSPACE, 0, vspace, 1), ST_OK);
	UCHECK_EQ(st_cap_delete(frame), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 1, cnode, 1), ST_OK);
	UCHECK_EQ(watermark(untyped), 16384 + 256);
}

UTEST(retype_watermark_zero_after_children_deleted)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t first = slots(3);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_THREAD, 0, first, 3), ST_OK);
	for (uint32_t i = 0; i < 3; i++)
		UCHECK_EQ(st_cap_delete(first + i), ST_OK);
	UCHECK_EQ(watermark(untyped), 0);
}

UTEST(retype_after_children_deleted_starts_at_zero)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t first = slots(16);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 16), ST_OK);
	for (uint32_t i = 0; i < 16; i++)
		UCHECK_EQ(st_cap_delete(first + i), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, first, 1), ST_OK);
	UCHECK_EQ(watermark(untyped), 4096);
}

/* While a copy of an object is alive its memory is not handed out again,
 * even once the original capability is gone. */
UTEST(retype_copy_keeps_memory_reserved)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t frame = utest_slot(), copy = utest_slot(), next = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, frame, 1), ST_OK);
	UCHECK_EQ(st_cap_copy(frame, copy, ST_RIGHTS_ALL), ST_OK);
	UCHECK_EQ(st_cap_delete(frame), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, next, 1), ST_OK);
	UCHECK_EQ(watermark(untyped), 8192);
	/* And revoking the untyped reaches the orphaned copy. */
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	UCHECK(empty(copy));
}

/* An untyped made from an untyped takes its memory from the parent; objects
 * made from the child stay reserved in the parent after the child goes. */
UTEST(retype_grandchildren_keep_parent_memory)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t child = utest_slot(), frame = utest_slot(), next = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_UNTYPED, 12, child, 1), ST_OK);
	UCHECK_EQ(watermark(untyped), 4096);
	UCHECK_EQ(st_untyped_retype(child, ST_OBJECT_FRAME, 0, frame, 1), ST_OK);
	UCHECK_EQ(watermark(child), 4096);
	UCHECK_EQ(watermark(untyped), 4096);
	UCHECK_EQ(st_cap_delete(child), ST_OK);
	UCHECK_EQ(type_at(frame), ST_OBJECT_FRAME);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, next, 1), ST_OK);
	UCHECK_EQ(watermark(untyped), 8192);
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	UCHECK(empty(frame));
}

UTEST(retype_into_retyped_cnode)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t cnode = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_CNODE, 4, cnode, 1), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_THREAD, 0, ST_SLOT(cnode, 5), 3), ST_OK);
	for (uint32_t i = 5; i < 8; i++)
		UCHECK_EQ(type_at(ST_SLOT(cnode, i)), ST_OBJECT_THREAD);
	UCHECK(empty(ST_SLOT(cnode, 4)) && empty(ST_SLOT(cnode, 8)));
	/* They are children of the untyped like any others. */
	UCHECK_EQ(st_cap_revoke(untyped), ST_OK);
	UCHECK(empty(cnode));
}

UTEST(retype_from_untyped_in_a_cnode)
{
	uint32_t cnode = utest_object(ST_OBJECT_CNODE, 2);
	uint32_t untyped = utest_untyped(16);
	UCHECK_EQ(st_cap_move(untyped, ST_SLOT(cnode, 3)), ST_OK);
	uint32_t frame = utest_slot();
	UCHECK_EQ(st_untyped_retype(ST_SLOT(cnode, 3), ST_OBJECT_FRAME, 0, frame, 1), ST_OK);
	UCHECK_EQ(type_at(frame), ST_OBJECT_FRAME);
	UCHECK_EQ(watermark(ST_SLOT(cnode, 3)), 4096);
}

UTEST(retype_into_read_only_cnode)
{
	uint32_t untyped = utest_untyped(16);
	uint32_t cnode = utest_object(ST_OBJECT_CNODE, 3);
	uint32_t read_only = utest_slot();
	UCHECK_EQ(st_cap_copy(cnode, read_only, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_FRAME, 0, ST_SLOT(read_only, 1), 1), ST_ERROR_NO_RIGHTS);
	UCHECK(empty(ST_SLOT(cnode, 1)));
	UCHECK_EQ(watermark(untyped), 0);
}

UTEST(retype_from_what_is_not_untyped)
{
	uint32_t dest = utest_slot();
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_untyped_retype(frame, ST_OBJECT_FRAME, 0, dest, 1), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_untyped_retype(ST_ROOT_CNODE, ST_OBJECT_FRAME, 0, dest, 1), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_untyped_retype(utest_slot(), ST_OBJECT_FRAME, 0, dest, 1), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_untyped_retype(0, ST_OBJECT_FRAME, 0, dest, 1), ST_ERROR_INVALID_SLOT);
	UCHECK(empty(dest));
}

/* Fixed-size objects ignore size_bits: their capabilities show 0. */
UTEST(retype_fixed_size_ignores_size_bits)
{
	uint32_t thread = utest_slot();
	UCHECK_EQ(st_untyped_retype(utest_untyped(16), ST_OBJECT_THREAD, 63, thread, 1), ST_OK);
	uint64_t info = 0;
	UCHECK_EQ(st_cap_identify(thread, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_THREAD);
	UCHECK_EQ(ST_CAP_INFO_SIZE_BITS(info), 0);
}

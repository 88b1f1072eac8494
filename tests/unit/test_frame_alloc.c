/*
 * kernel/mm/frame_alloc.c over synthetic range lists. Each allocator gets a
 * heap bitmap of exactly frame_allocator_bitmap_bytes(), so ASan reports any
 * access outside it, and every test checks the accounting after each step
 * against a shadow record of which frames the test holds.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "kernel/mm/frame_alloc.h"
#include "kernel/mm/page.h"
#include "lib/bitmap.h"

#define KIB(n) ((uint64_t)(n) << 10)

/*
 * The allocator under test plus the test's own view of it: which frames
 * (relative to the lowest usable frame) are usable and which the test holds.
 */
struct fixture {
	struct frame_allocator allocator;
	uint64_t *bitmap;
	uint64_t bitmap_bytes;
	uint64_t base_frame; /* frame number of shadow index 0 */
	uint64_t frames;     /* shadow entries */
	bool *usable;
	bool *held;
	uint64_t usable_count;
	uint64_t held_count;
};

static struct phys_ranges make_ranges(const struct phys_range *list, size_t count)
{
	struct phys_ranges ranges = { .count = count };
	for (size_t i = 0; i < count; i++)
		ranges.range[i] = list[i];
	return ranges;
}

/* Builds the allocator over the ranges; false (after reporting) on error. */
static bool fixture_init(struct fixture *f, const struct phys_range *list, size_t count)
{
	memset(f, 0, sizeof *f);
	struct phys_ranges ranges = make_ranges(list, count);
	f->bitmap_bytes = frame_allocator_bitmap_bytes(&ranges);
	/* Exactly the size asked for, so ASan sees any access past it. */
	f->bitmap = malloc(f->bitmap_bytes ? f->bitmap_bytes : 1);
	int error = frame_allocator_init(&f->allocator, &ranges, f->bitmap, f->bitmap_bytes);
	if (error) {
		char message[64];
		snprintf(message, sizeof message, "frame_allocator_init: %s", frame_error_name(error));
		unit_fail(__FILE__, __LINE__, message);
		return false;
	}
	/* The shadow spans the caller's ranges; frame 0 is never usable. */
	f->base_frame = list[0].start / PAGE_SIZE;
	f->frames = list[count - 1].end / PAGE_SIZE - f->base_frame;
	f->usable = calloc(f->frames, 1);
	f->held = calloc(f->frames, 1);
	for (size_t i = 0; i < count; i++) {
		for (uint64_t a = list[i].start; a < list[i].end; a += PAGE_SIZE) {
			if (a == 0)
				continue;
			f->usable[a / PAGE_SIZE - f->base_frame] = true;
			f->usable_count++;
		}
	}
	return true;
}

static void fixture_free(struct fixture *f)
{
	free(f->bitmap);
	free(f->usable);
	free(f->held);
}

static bool shadow_usable(const struct fixture *f, uint64_t phys)
{
	if (phys % PAGE_SIZE || phys / PAGE_SIZE < f->base_frame)
		return false;
	uint64_t index = phys / PAGE_SIZE - f->base_frame;
	return index < f->frames && f->usable[index];
}

static bool *shadow_held(struct fixture *f, uint64_t phys)
{
	return &f->held[phys / PAGE_SIZE - f->base_frame];
}

/*
 * The accounting must agree with the shadow exactly: usable frames are the
 * ones in the ranges (less frame 0), used frames the ones the test holds,
 * and the bitmap has one set bit per used frame plus one per frame in the
 * span that is not usable at all.
 */
static bool accounting_exact(const struct fixture *f, char *why, size_t size)
{
	const struct frame_allocator *a = &f->allocator;
	if (a->usable_frames != f->usable_count) {
		snprintf(why, size, "usable_frames %llu, expected %llu",
			 (unsigned long long)a->usable_frames, (unsigned long long)f->usable_count);
		return false;
	}
	if (frame_used_count(a) != f->held_count ||
	    a->free_frames + frame_used_count(a) != a->usable_frames) {
		snprintf(why, size, "free %llu used %llu, test holds %llu of %llu",
			 (unsigned long long)a->free_frames, (unsigned long long)frame_used_count(a),
			 (unsigned long long)f->held_count, (unsigned long long)f->usable_count);
		return false;
	}
	uint64_t set = bitmap_count_set(a->bitmap, a->frame_span);
	if (set != a->frame_span - a->free_frames) {
		snprintf(why, size, "bitmap has %llu set of %llu bits, but %llu frames free",
			 (unsigned long long)set, (unsigned long long)a->frame_span,
			 (unsigned long long)a->free_frames);
		return false;
	}
	return true;
}

#define CHECK_ACCOUNTING(f)                                                        \
	do {                                                                       \
		char accounting_why[160];                                          \
		if (!accounting_exact((f), accounting_why, sizeof accounting_why)) \
			unit_fail(__FILE__, __LINE__, accounting_why);             \
	} while (0)

/* Allocates and records a frame; checks it is usable and not held already. */
static uint64_t take(struct fixture *f, uint64_t phys)
{
	if (phys == 0)
		return 0;
	if (!shadow_usable(f, phys)) {
		unit_fail(__FILE__, __LINE__, "allocator returned a frame outside the ranges");
		return phys;
	}
	if (*shadow_held(f, phys)) {
		unit_fail(__FILE__, __LINE__, "allocator returned a frame twice");
		return phys;
	}
	*shadow_held(f, phys) = true;
	f->held_count++;
	return phys;
}

static int give_back(struct fixture *f, uint64_t phys)
{
	int error = frame_free(&f->allocator, phys);
	if (error == FRAME_OK) {
		*shadow_held(f, phys) = false;
		f->held_count--;
	}
	return error;
}

/* A snapshot to show a failed operation changed nothing at all. */
struct snapshot {
	struct frame_allocator allocator;
	uint8_t *bitmap;
};

static void snapshot_take(struct snapshot *s, const struct fixture *f)
{
	s->allocator = f->allocator;
	s->bitmap = malloc(f->bitmap_bytes);
	memcpy(s->bitmap, f->bitmap, f->bitmap_bytes);
}

static bool snapshot_unchanged(struct snapshot *s, const struct fixture *f)
{
	bool same = memcmp(&s->allocator, &f->allocator, sizeof s->allocator) == 0 &&
		    memcmp(s->bitmap, f->bitmap, f->bitmap_bytes) == 0;
	free(s->bitmap);
	return same;
}

/* CHECK that an operation fails with the error and leaves no trace. */
#define CHECK_FAILS_CLEANLY(f, operation, error)                                   \
	do {                                                                       \
		struct snapshot check_snapshot;                                    \
		snapshot_take(&check_snapshot, (f));                               \
		CHECK_EQ((operation), (error));                                    \
		CHECK(snapshot_unchanged(&check_snapshot, (f)));                   \
	} while (0)

UNIT_TEST(frame_init_single_range)
{
	static struct fixture f;
	const struct phys_range list[] = { { MIB(1), MIB(2) } };
	if (!fixture_init(&f, list, COUNT(list)))
		return;
	CHECK_EQ(f.allocator.usable_frames, 256);
	CHECK_EQ(f.allocator.free_frames, 256);
	CHECK_EQ(frame_used_count(&f.allocator), 0);
	CHECK_EQ(f.allocator.first_frame, 256);
	CHECK_EQ(f.allocator.frame_span, 256);
	CHECK_EQ(f.bitmap_bytes, 256 / 8);
	CHECK_ACCOUNTING(&f);
	CHECK(frame_is_usable(&f.allocator, MIB(1)));
	CHECK(frame_is_usable(&f.allocator, MIB(2) - PAGE_SIZE));
	CHECK(frame_is_usable(&f.allocator, MIB(1) + 123)); /* any byte of a usable frame */
	CHECK(!frame_is_usable(&f.allocator, MIB(1) - 1));
	CHECK(!frame_is_usable(&f.allocator, MIB(2)));
	CHECK(!frame_is_usable(&f.allocator, 0));
	fixture_free(&f);
}

UNIT_TEST(frame_bitmap_bytes)
{
	struct phys_ranges ranges = { .count = 0 };
	CHECK_EQ(frame_allocator_bitmap_bytes(&ranges), 0);
	/* One bit per frame from the first start to the last end, in words. */
	const struct phys_range one_frame[] = { { MIB(1), MIB(1) + PAGE_SIZE } };
	ranges = make_ranges(one_frame, 1);
	CHECK_EQ(frame_allocator_bitmap_bytes(&ranges), 8);
	const struct phys_range sixty_five[] = { { 0, 64 * PAGE_SIZE },
						 { 64 * PAGE_SIZE + PAGE_SIZE, 66 * PAGE_SIZE } };
	ranges = make_ranges(sixty_five, 2);
	CHECK_EQ(frame_allocator_bitmap_bytes(&ranges), 16);
	/* Far apart: the gap is in the bitmap too. */
	const struct phys_range far[] = { { MIB(1), MIB(2) }, { GIB(4) + MIB(1), GIB(4) + MIB(2) } };
	ranges = make_ranges(far, 2);
	uint64_t span = (GIB(4) + MIB(2) - MIB(1)) / PAGE_SIZE;
	CHECK_EQ(frame_allocator_bitmap_bytes(&ranges), (span + 63) / 64 * 8);
}

UNIT_TEST(frame_init_errors)
{
	static struct frame_allocator allocator;
	uint64_t bitmap[4];
	struct phys_ranges none = { .count = 0 };
	CHECK_EQ(frame_allocator_init(&allocator, &none, bitmap, sizeof bitmap),
		 FRAME_ERROR_NO_MEMORY);

	/* Frame 0 alone is no memory at all. */
	const struct phys_range only_zero[] = { { 0, PAGE_SIZE } };
	struct phys_ranges ranges = make_ranges(only_zero, 1);
	CHECK_EQ(frame_allocator_init(&allocator, &ranges, bitmap, sizeof bitmap),
		 FRAME_ERROR_NO_MEMORY);

	/* One byte short of what frame_allocator_bitmap_bytes asks for. */
	const struct phys_range list[] = { { MIB(1), MIB(1) + 200 * PAGE_SIZE } };
	ranges = make_ranges(list, 1);
	uint64_t needed = frame_allocator_bitmap_bytes(&ranges);
	CHECK_EQ(needed, 32);
	CHECK_EQ(frame_allocator_init(&allocator, &ranges, bitmap, needed - 1),
		 FRAME_ERROR_BITMAP_TOO_SMALL);
	CHECK_EQ(frame_allocator_init(&allocator, &ranges, bitmap, 0), FRAME_ERROR_BITMAP_TOO_SMALL);
	CHECK_EQ(frame_allocator_init(&allocator, &ranges, bitmap, needed), FRAME_OK);
	CHECK_EQ(allocator.usable_frames, 200);
}

UNIT_TEST(frame_zero_never_handed_out)
{
	/* A range starting at physical 0: frame 0 means "no frame", so it is
	 * neither counted nor returned, and cannot be freed or claimed. */
	static struct fixture f;
	const struct phys_range list[] = { { 0, 16 * PAGE_SIZE } };
	if (!fixture_init(&f, list, COUNT(list)))
		return;
	CHECK_EQ(f.allocator.usable_frames, 15);
	CHECK(!frame_is_usable(&f.allocator, 0));
	for (int i = 0; i < 15; i++) {
		uint64_t frame = take(&f, frame_alloc(&f.allocator));
		REQUIRE(frame != 0);
		CHECK_ACCOUNTING(&f);
	}
	CHECK_EQ(frame_alloc(&f.allocator), 0);
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, 0), FRAME_ERROR_NOT_USABLE);
	CHECK_FAILS_CLEANLY(&f, frame_claim(&f.allocator, 0, 1), FRAME_ERROR_NOT_USABLE);
	CHECK_ACCOUNTING(&f);
	fixture_free(&f);

	/* A first range that is only frame 0 disappears entirely. */
	const struct phys_range zero_then_more[] = { { 0, PAGE_SIZE }, { MIB(1), MIB(1) + 2 * PAGE_SIZE } };
	if (!fixture_init(&f, zero_then_more, COUNT(zero_then_more)))
		return;
	CHECK_EQ(f.allocator.usable_frames, 2);
	CHECK_EQ(f.allocator.first_frame, MIB(1) / PAGE_SIZE);
	CHECK_EQ(f.allocator.frame_span, 2);
	CHECK_ACCOUNTING(&f);
	CHECK(take(&f, frame_alloc(&f.allocator)) >= MIB(1));
	CHECK(take(&f, frame_alloc(&f.allocator)) >= MIB(1));
	CHECK_EQ(frame_alloc(&f.allocator), 0);
	CHECK_ACCOUNTING(&f);
	fixture_free(&f);
}

/* Allocates everything, checking each frame is handed out once, then 0. */
static void allocate_all(struct fixture *f)
{
	for (uint64_t i = 0; i < f->usable_count; i++) {
		uint64_t frame = frame_alloc(&f->allocator);
		REQUIRE(frame != 0);
		take(f, frame);
		char why[160];
		if (!accounting_exact(f, why, sizeof why)) {
			unit_fail(__FILE__, __LINE__, why);
			return;
		}
	}
	CHECK_EQ(frame_alloc(&f->allocator), 0);
	CHECK_EQ(frame_alloc(&f->allocator), 0); /* and stays empty */
	CHECK_EQ(f->allocator.free_frames, 0);
	CHECK_EQ(f->held_count, f->usable_count);
}

UNIT_TEST(frame_allocate_until_exhausted)
{
	static struct fixture f;
	/* Gaps between ranges, and ranges ending mid-word. */
	const struct phys_range list[] = {
		{ PAGE_SIZE * 3, PAGE_SIZE * 70 },
		{ PAGE_SIZE * 100, PAGE_SIZE * 101 },
		{ PAGE_SIZE * 128, PAGE_SIZE * 300 },
	};
	if (!fixture_init(&f, list, COUNT(list)))
		return;
	CHECK_EQ(f.allocator.usable_frames, 67 + 1 + 172);
	allocate_all(&f);

	/* Everything back, in a scrambled order, then all of it again. */
	for (uint64_t i = 0; i < f.frames; i++) {
		uint64_t index = (i * 37) % f.frames; /* 37 is coprime to the span */
		uint64_t phys = (f.base_frame + index) * PAGE_SIZE;
		if (f.usable[index])
			CHECK_EQ(give_back(&f, phys), FRAME_OK);
	}
	CHECK_EQ(f.held_count, 0);
	CHECK_ACCOUNTING(&f);
	allocate_all(&f);
	fixture_free(&f);
}

UNIT_TEST(frame_free_errors_change_nothing)
{
	static struct fixture f;
	const struct phys_range list[] = { { MIB(1), MIB(2) }, { MIB(3), MIB(4) } };
	if (!fixture_init(&f, list, COUNT(list)))
		return;
	uint64_t frame = take(&f, frame_alloc(&f.allocator));
	CHECK(frame != 0);

	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, frame + 1), FRAME_ERROR_UNALIGNED);
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, frame + PAGE_SIZE - 1), FRAME_ERROR_UNALIGNED);
	/* The gap's frames are set in the bitmap: only the usable check keeps
	 * them from being "freed" into the allocator. */
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, MIB(2)), FRAME_ERROR_NOT_USABLE);
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, MIB(3) - PAGE_SIZE), FRAME_ERROR_NOT_USABLE);
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, MIB(1) - PAGE_SIZE), FRAME_ERROR_NOT_USABLE);
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, MIB(4)), FRAME_ERROR_NOT_USABLE);
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, GIB(64)), FRAME_ERROR_NOT_USABLE);
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, UINT64_MAX & ~(PAGE_SIZE - 1)),
			    FRAME_ERROR_NOT_USABLE);
	/* Never allocated, in either range. */
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, MIB(2) - PAGE_SIZE), FRAME_ERROR_NOT_ALLOCATED);
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, MIB(3)), FRAME_ERROR_NOT_ALLOCATED);
	CHECK_ACCOUNTING(&f);

	/* A double free: the first succeeds, the second changes nothing. */
	CHECK_EQ(give_back(&f, frame), FRAME_OK);
	CHECK_ACCOUNTING(&f);
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, frame), FRAME_ERROR_NOT_ALLOCATED);
	CHECK_ACCOUNTING(&f);
	fixture_free(&f);
}

UNIT_TEST(frame_claim_all_or_nothing)
{
	static struct fixture f;
	const struct phys_range list[] = { { MIB(1), MIB(2) }, { MIB(3), MIB(4) } };
	if (!fixture_init(&f, list, COUNT(list)))
		return;

	/* A run across a 64-frame word boundary. */
	uint64_t run = MIB(1) + 60 * PAGE_SIZE;
	CHECK_EQ(frame_claim(&f.allocator, run, 10), FRAME_OK);
	for (int i = 0; i < 10; i++)
		take(&f, run + i * PAGE_SIZE);
	CHECK_ACCOUNTING(&f);

	/* Count 0 claims nothing and succeeds. */
	CHECK_FAILS_CLEANLY(&f, frame_claim(&f.allocator, MIB(3), 0), FRAME_OK);
	CHECK_FAILS_CLEANLY(&f, frame_claim(&f.allocator, MIB(3) + 8, 1), FRAME_ERROR_UNALIGNED);

	/* Partial failures change nothing: free frames then a used one... */
	CHECK_FAILS_CLEANLY(&f, frame_claim(&f.allocator, run - 5 * PAGE_SIZE, 6), FRAME_ERROR_NOT_FREE);
	/* ...free frames then the gap after the range... */
	CHECK_FAILS_CLEANLY(&f, frame_claim(&f.allocator, MIB(2) - 4 * PAGE_SIZE, 5),
			    FRAME_ERROR_NOT_USABLE);
	/* ...a used frame is judged before the gap that follows it. */
	CHECK_FAILS_CLEANLY(&f, frame_claim(&f.allocator, run + 9 * PAGE_SIZE, 500),
			    FRAME_ERROR_NOT_FREE);
	/* ...and a claim starting in the gap. */
	CHECK_FAILS_CLEANLY(&f, frame_claim(&f.allocator, MIB(2), 1), FRAME_ERROR_NOT_USABLE);
	CHECK_ACCOUNTING(&f);

	/* The whole second range in one claim. */
	CHECK_EQ(frame_claim(&f.allocator, MIB(3), 256), FRAME_OK);
	for (int i = 0; i < 256; i++)
		take(&f, MIB(3) + i * PAGE_SIZE);
	CHECK_ACCOUNTING(&f);

	/* Claimed frames are never handed out; the rest all are. */
	while (f.held_count < f.usable_count) {
		uint64_t frame = frame_alloc(&f.allocator);
		REQUIRE(frame != 0);
		take(&f, frame);
	}
	CHECK_EQ(frame_alloc(&f.allocator), 0);
	CHECK_ACCOUNTING(&f);

	/* Claimed frames can be freed like any other. */
	CHECK_EQ(give_back(&f, run), FRAME_OK);
	CHECK_EQ(take(&f, frame_alloc(&f.allocator)), run);
	CHECK_ACCOUNTING(&f);
	fixture_free(&f);
}

UNIT_TEST(frame_alloc_below_limit)
{
	static struct fixture f;
	const struct phys_range list[] = { { MIB(1), MIB(2) }, { MIB(16), MIB(17) } };
	if (!fixture_init(&f, list, COUNT(list)))
		return;

	/* Limits at or below the first usable frame: nothing. */
	CHECK_EQ(frame_alloc_below(&f.allocator, 0), 0);
	CHECK_EQ(frame_alloc_below(&f.allocator, MIB(1)), 0);
	CHECK_EQ(frame_alloc_below(&f.allocator, MIB(1) + PAGE_SIZE - 1), 0); /* not a whole frame */
	CHECK_ACCOUNTING(&f);

	/* An unaligned limit: only frames wholly below it. */
	uint64_t limit = MIB(1) + 5 * PAGE_SIZE + 0x800;
	for (int i = 0; i < 5; i++) {
		uint64_t frame = take(&f, frame_alloc_below(&f.allocator, limit));
		REQUIRE(frame != 0);
		REQUIRE(frame + PAGE_SIZE <= limit);
	}
	CHECK_EQ(frame_alloc_below(&f.allocator, limit), 0);
	CHECK_ACCOUNTING(&f);

	/* Exhaust the low range through a limit in the gap... */
	for (int i = 5; i < 256; i++) {
		uint64_t frame = take(&f, frame_alloc_below(&f.allocator, MIB(8)));
		REQUIRE(frame != 0 && frame < MIB(2));
	}
	CHECK_EQ(frame_alloc_below(&f.allocator, MIB(8)), 0);
	CHECK_EQ(frame_alloc_below(&f.allocator, MIB(16)), 0);
	/* ...which leaves the high range to frame_alloc and a higher limit. */
	uint64_t high = take(&f, frame_alloc(&f.allocator));
	CHECK(high >= MIB(16) && high < MIB(17));
	high = take(&f, frame_alloc_below(&f.allocator, MIB(16) + 2 * PAGE_SIZE));
	CHECK(high >= MIB(16) && high < MIB(16) + 2 * PAGE_SIZE);
	CHECK_ACCOUNTING(&f);

	/* A frame freed low is found below the limit again. */
	CHECK_EQ(give_back(&f, MIB(1) + 7 * PAGE_SIZE), FRAME_OK);
	CHECK_EQ(take(&f, frame_alloc_below(&f.allocator, MIB(2))), MIB(1) + 7 * PAGE_SIZE);

	/* A limit past everything acts like frame_alloc. */
	while (f.held_count < f.usable_count) {
		uint64_t frame = frame_alloc_below(&f.allocator, UINT64_MAX);
		REQUIRE(frame != 0);
		take(&f, frame);
	}
	CHECK_EQ(frame_alloc_below(&f.allocator, UINT64_MAX), 0);
	CHECK_EQ(frame_alloc(&f.allocator), 0);
	CHECK_ACCOUNTING(&f);
	fixture_free(&f);
}

UNIT_TEST(frame_far_apart_ranges)
{
	/* 1 MiB and 4 GiB + 1 MiB: a bitmap spanning the 4 GiB gap, whose
	 * bits must all stay set. */
	static struct fixture f;
	const struct phys_range list[] = { { MIB(1), MIB(2) }, { GIB(4) + MIB(1), GIB(4) + MIB(2) } };
	if (!fixture_init(&f, list, COUNT(list)))
		return;
	uint64_t span = (GIB(4) + MIB(2) - MIB(1)) / PAGE_SIZE;
	CHECK_EQ(f.allocator.frame_span, span);
	CHECK_EQ(f.bitmap_bytes, (span + 63) / 64 * 8);
	CHECK_EQ(f.allocator.usable_frames, 512);
	CHECK(!frame_is_usable(&f.allocator, GIB(2)));
	CHECK(frame_is_usable(&f.allocator, GIB(4) + MIB(1)));
	CHECK_FAILS_CLEANLY(&f, frame_free(&f.allocator, GIB(2)), FRAME_ERROR_NOT_USABLE);
	CHECK_FAILS_CLEANLY(&f, frame_claim(&f.allocator, MIB(2) - PAGE_SIZE, 2), FRAME_ERROR_NOT_USABLE);
	allocate_all(&f);
	/* The top range's frames come back intact and reusable. */
	CHECK_EQ(give_back(&f, GIB(4) + MIB(2) - PAGE_SIZE), FRAME_OK);
	CHECK_EQ(take(&f, frame_alloc(&f.allocator)), GIB(4) + MIB(2) - PAGE_SIZE);
	CHECK_ACCOUNTING(&f);
	fixture_free(&f);
}

/* What frame_claim must answer, judged frame by frame in order. */
static int shadow_claim_result(struct fixture *f, uint64_t phys, uint64_t count)
{
	if (count && phys % PAGE_SIZE)
		return FRAME_ERROR_UNALIGNED;
	for (uint64_t i = 0; i < count; i++) {
		uint64_t frame = phys + i * PAGE_SIZE;
		if (!shadow_usable(f, frame))
			return FRAME_ERROR_NOT_USABLE;
		if (*shadow_held(f, frame))
			return FRAME_ERROR_NOT_FREE;
	}
	return FRAME_OK;
}

/* Is any usable frame below limit not held? */
static bool shadow_free_below(struct fixture *f, uint64_t limit)
{
	for (uint64_t index = 0; index < f->frames; index++) {
		uint64_t phys = (f->base_frame + index) * PAGE_SIZE;
		if (phys + PAGE_SIZE > limit)
			break;
		if (f->usable[index] && !f->held[index])
			return true;
	}
	return false;
}

static void random_layout(struct phys_range *list, size_t *count)
{
	/* Up to 6 sorted, disjoint, non-touching ranges, sometimes from 0. */
	uint64_t next = unit_random_below(2) ? 0 : unit_random_below(300) * PAGE_SIZE;
	*count = 1 + unit_random_below(6);
	for (size_t i = 0; i < *count; i++) {
		list[i].start = next;
		list[i].end = next + (1 + unit_random_below(150)) * PAGE_SIZE;
		next = list[i].end + (1 + unit_random_below(200)) * PAGE_SIZE;
	}
	/* A range of only frame 0 is valid input but leaves nothing usable. */
	if (*count == 1 && list[0].start == 0 && list[0].end == PAGE_SIZE)
		list[0].end = 2 * PAGE_SIZE;
}

UNIT_TEST(frame_random_operations_match_shadow)
{
	enum { LAYOUTS = 40, OPERATIONS = 3000 };
	unit_random_seed(0xf7a3e5d1c0ffee11ull);
	static struct fixture f;
	for (int layout = 0; layout < LAYOUTS; layout++) {
		struct phys_range list[6];
		size_t count;
		random_layout(list, &count);
		if (!fixture_init(&f, list, count))
			return;
		uint64_t top = list[count - 1].end;

		for (int step = 0; step < OPERATIONS; step++) {
			int expected = FRAME_OK, actual = FRAME_OK;
			uint64_t phys = 0;
			const char *what = "";
			const char *problem = NULL;
			switch (unit_random_below(8)) {
			case 0:
			case 1: { /* allocate: 0 exactly when nothing is free */
				what = "alloc";
				uint64_t frame = frame_alloc(&f.allocator);
				if ((frame == 0) != (f.held_count == f.usable_count))
					problem = frame ? "a frame when none was free" : "0 with frames free";
				take(&f, frame);
				break;
			}
			case 2: { /* allocate below a random limit */
				what = "alloc_below";
				phys = unit_random_below(top + 2 * PAGE_SIZE);
				bool any = shadow_free_below(&f, phys);
				uint64_t frame = frame_alloc_below(&f.allocator, phys);
				if ((frame != 0) != any)
					problem = frame ? "a frame when none was free" : "0 with frames free";
				else if (frame && frame + PAGE_SIZE > phys)
					problem = "a frame not below the limit";
				take(&f, frame);
				break;
			}
			case 3:
			case 4: /* free a random frame the test holds */
				what = "free held";
				if (f.held_count == 0)
					break;
				do
					phys = (f.base_frame + unit_random_below(f.frames)) * PAGE_SIZE;
				while (!*shadow_held(&f, phys));
				actual = give_back(&f, phys);
				break;
			case 5: { /* free anything: the shadow predicts the answer */
				what = "free any";
				phys = unit_random_below(top + 4 * PAGE_SIZE);
				if (unit_random_below(4))
					phys &= ~(PAGE_SIZE - 1);
				if (phys % PAGE_SIZE)
					expected = FRAME_ERROR_UNALIGNED;
				else if (!shadow_usable(&f, phys))
					expected = FRAME_ERROR_NOT_USABLE;
				else if (!*shadow_held(&f, phys))
					expected = FRAME_ERROR_NOT_ALLOCATED;
				if (expected == FRAME_OK) {
					actual = give_back(&f, phys);
					break;
				}
				struct snapshot snapshot;
				snapshot_take(&snapshot, &f);
				actual = frame_free(&f.allocator, phys);
				if (!snapshot_unchanged(&snapshot, &f))
					problem = "a failed free changed the allocator";
				break;
			}
			default: { /* claim a run: all or nothing */
				what = "claim";
				phys = unit_random_below(top / PAGE_SIZE + 2) * PAGE_SIZE;
				uint64_t run = unit_random_below(12);
				expected = shadow_claim_result(&f, phys, run);
				struct snapshot snapshot;
				snapshot_take(&snapshot, &f);
				actual = frame_claim(&f.allocator, phys, run);
				bool unchanged = snapshot_unchanged(&snapshot, &f);
				if (actual == FRAME_OK) {
					for (uint64_t i = 0; i < run; i++)
						take(&f, phys + i * PAGE_SIZE);
				} else if (!unchanged) {
					problem = "a failed claim changed the allocator";
				}
				break;
			}
			}
			char why[160] = "";
			if (!problem && actual != expected)
				problem = frame_error_name(actual);
			if (!problem && !accounting_exact(&f, why, sizeof why))
				problem = why;
			if (problem) {
				char message[320];
				snprintf(message, sizeof message,
					 "layout %d step %d: %s %#llx: %s (expected %s)", layout, step,
					 what, (unsigned long long)phys, problem, frame_error_name(expected));
				unit_fail(__FILE__, __LINE__, message);
				fixture_free(&f);
				return;
			}
		}
		/* Whatever happened, every remaining free frame can be had once. */
		while (f.held_count < f.usable_count) {
			uint64_t frame = frame_alloc(&f.allocator);
			REQUIRE(frame != 0);
			take(&f, frame);
		}
		CHECK_EQ(frame_alloc(&f.allocator), 0);
		fixture_free(&f);
	}
}

UNIT_TEST(frame_error_names)
{
	CHECK_STR(frame_error_name(FRAME_OK), "ok");
	CHECK_STR(frame_error_name(FRAME_ERROR_NO_MEMORY), "no usable memory");
	CHECK_STR(frame_error_name(FRAME_ERROR_BITMAP_TOO_SMALL), "bitmap too small");
	CHECK_STR(frame_error_name(FRAME_ERROR_UNALIGNED), "unaligned address");
	CHECK_STR(frame_error_name(FRAME_ERROR_NOT_USABLE), "not usable memory");
	CHECK_STR(frame_error_name(FRAME_ERROR_NOT_ALLOCATED), "frame not allocated");
	CHECK_STR(frame_error_name(FRAME_ERROR_NOT_FREE), "frame not free");
	CHECK_STR(frame_error_name(42), "unknown error");
}

UNIT_TEST(frame_alloc_aligned_runs)
{
	static struct fixture f;
	/* Frame 0 is in the map but never handed out; a hole at 3-4 MiB. */
	const struct phys_range list[] = { { 0, MIB(3) }, { MIB(4), MIB(8) } };
	if (!fixture_init(&f, list, COUNT(list)))
		return;

	/* Bad sizes: smaller than a page, or absurd. */
	CHECK_EQ(frame_alloc_aligned(&f.allocator, 11), 0);
	CHECK_EQ(frame_alloc_aligned(&f.allocator, 48), 0);
	CHECK_ACCOUNTING(&f);

	/* 2 MiB blocks: not 0-2 MiB (frame 0), not 2-4 MiB (the hole). */
	uint64_t expected[] = { MIB(4), MIB(6) };
	for (size_t i = 0; i < COUNT(expected); i++) {
		uint64_t block = frame_alloc_aligned(&f.allocator, 21);
		CHECK_EQ(block, expected[i]);
		for (uint64_t a = block; block && a < block + MIB(2); a += PAGE_SIZE)
			take(&f, a);
	}
	CHECK_EQ(frame_alloc_aligned(&f.allocator, 21), 0);
	CHECK_ACCOUNTING(&f);

	/* 8 KiB: the lowest free pair starting at an even frame. */
	uint64_t pair = frame_alloc_aligned(&f.allocator, 13);
	CHECK_EQ(pair, KIB(8));
	take(&f, pair);
	take(&f, pair + PAGE_SIZE);
	CHECK_ACCOUNTING(&f);

	/* Free runs, lowest first: frame 1 alone, then 16 KiB up to 3 MiB. */
	uint64_t start = 0, count = 0;
	CHECK(frame_first_free_run(&f.allocator, &start, &count));
	CHECK_EQ(start, KIB(4));
	CHECK_EQ(count, 1);
	take(&f, frame_alloc(&f.allocator));
	CHECK(frame_first_free_run(&f.allocator, &start, &count));
	CHECK_EQ(start, KIB(16));
	CHECK_EQ(count, (MIB(3) - KIB(16)) / PAGE_SIZE);
	CHECK_EQ(frame_claim(&f.allocator, start, count), FRAME_OK);
	for (uint64_t i = 0; i < count; i++)
		take(&f, start + i * PAGE_SIZE); /* claimed: the test holds them now */
	CHECK(!frame_first_free_run(&f.allocator, &start, &count));
	CHECK_ACCOUNTING(&f);
	fixture_free(&f);
}

/* ST_SYS_VSPACE_COPY: bytes between an address space one holds a
 * capability to (the remote side) and one's own (the local side). */
#include "user/test-personality/personality_tests.h"

#include "lib/string.h"

#define REMOTE 0x40000000ull
#define PAGE 4096u
#define FILLER 0xee

/* count fresh frames mapped at remote in vspace (with rights) and, read
 * and write, side by side in the root: the root's view of them. */
static uint8_t *remote_pages(uint32_t vspace, uint64_t remote, unsigned count, unsigned rights)
{
	uint64_t view = utest_address((uint64_t)count * PAGE);
	for (unsigned i = 0; i < count; i++) {
		uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
		UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, view + i * PAGE, READ_WRITE), ST_OK);
		UCHECK_EQ(st_map_frame(vspace, utest_copy(frame, ST_RIGHTS_ALL), remote + i * PAGE, rights), ST_OK);
	}
	return (uint8_t *)view;
}

/* count fresh pages side by side in the root (an unmapped page after). */
static uint8_t *local_pages(unsigned count, unsigned rights)
{
	uint64_t address = utest_address((uint64_t)count * PAGE);
	for (unsigned i = 0; i < count; i++) {
		uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
		UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, address + i * PAGE, READ_WRITE), ST_OK);
		if (rights != READ_WRITE)
			UCHECK_EQ(st_frame_protect(frame, rights), ST_OK);
	}
	return (uint8_t *)address;
}

static void fill(uint8_t *bytes, size_t length, unsigned seed)
{
	for (size_t i = 0; i < length; i++)
		bytes[i] = (uint8_t)(i * 7 + seed * 13 + (i >> 8));
}

static bool all(const uint8_t *bytes, size_t length, uint8_t value)
{
	for (size_t i = 0; i < length; i++) {
		if (bytes[i] != value)
			return false;
	}
	return true;
}

/* A fresh address space with count pages at REMOTE (read-write), filled;
 * the root's view of them. */
static uint8_t *remote_space(uint32_t *vspace, unsigned count)
{
	*vspace = utest_object(ST_OBJECT_VSPACE, 0);
	uint8_t *view = remote_pages(*vspace, REMOTE, count, READ_WRITE);
	fill(view, (size_t)count * PAGE, 1);
	return view;
}

static long copy(uint32_t vspace, uint64_t remote, void *local, size_t length, unsigned direction, size_t *copied)
{
	*copied = 0x5555;
	return st_vspace_copy(vspace, remote, local, length, direction, copied);
}

UTEST(copy_from_remote_within_page)
{
	begin();
	uint32_t v;
	uint8_t *view = remote_space(&v, 1), *local = local_pages(1, READ_WRITE);
	memset(local, FILLER, PAGE);
	size_t copied;
	UCHECK_EQ(copy(v, REMOTE + 10, local + 5, 100, ST_COPY_FROM_REMOTE, &copied), ST_OK);
	UCHECK_EQ(copied, 100);
	UCHECK_EQ(memcmp(local + 5, view + 10, 100), 0);
	UCHECK(all(local, 5, FILLER) && all(local + 105, PAGE - 105, FILLER));
}

UTEST(copy_from_remote_across_pages)
{
	begin();
	uint32_t v;
	uint8_t *view = remote_space(&v, 3), *local = local_pages(2, READ_WRITE);
	memset(local, FILLER, 2 * PAGE);
	size_t copied;
	/* 96 bytes of the first page, all of the second, 808 of the third. */
	UCHECK_EQ(copy(v, REMOTE + 4000, local + 100, 5000, ST_COPY_FROM_REMOTE, &copied), ST_OK);
	UCHECK_EQ(copied, 5000);
	UCHECK_EQ(memcmp(local + 100, view + 4000, 5000), 0);
	UCHECK(all(local, 100, FILLER) && all(local + 5100, 2 * PAGE - 5100, FILLER));
}

UTEST(copy_to_remote_within_page)
{
	begin();
	uint32_t v;
	uint8_t *view = remote_space(&v, 1), *local = local_pages(1, READ_WRITE);
	memset(view, FILLER, PAGE);
	fill(local, PAGE, 2);
	size_t copied;
	UCHECK_EQ(copy(v, REMOTE + 300, local + 7, 1000, ST_COPY_TO_REMOTE, &copied), ST_OK);
	UCHECK_EQ(copied, 1000);
	UCHECK_EQ(memcmp(view + 300, local + 7, 1000), 0);
	UCHECK(all(view, 300, FILLER) && all(view + 1300, PAGE - 1300, FILLER));
}

UTEST(copy_to_remote_across_pages)
{
	begin();
	uint32_t v;
	uint8_t *view = remote_space(&v, 3), *local = local_pages(2, READ_WRITE);
	memset(view, FILLER, 3 * PAGE);
	fill(local, 2 * PAGE, 3);
	size_t copied;
	UCHECK_EQ(copy(v, REMOTE + 4095, local + 1, 2 * PAGE - 1, ST_COPY_TO_REMOTE, &copied), ST_OK);
	UCHECK_EQ(copied, 2 * PAGE - 1);
	UCHECK_EQ(memcmp(view + 4095, local + 1, 2 * PAGE - 1), 0);
	UCHECK(all(view, 4095, FILLER) && all(view + 3 * PAGE - 2, 2, FILLER));
}

/* Nothing to copy: nothing is looked at, not even the addresses. */
UTEST(copy_of_length_zero)
{
	begin();
	uint32_t v = utest_object(ST_OBJECT_VSPACE, 0);
	size_t copied;
	UCHECK_EQ(copy(v, REMOTE, NULL, 0, ST_COPY_FROM_REMOTE, &copied), ST_OK);
	UCHECK_EQ(copied, 0);
	UCHECK_EQ(copy(v, REMOTE, (void *)0xffff800000000000ull, 0, ST_COPY_TO_REMOTE, &copied), ST_OK);
	UCHECK_EQ(copied, 0);
}

UTEST(copy_of_largest_length)
{
	begin();
	uint32_t v;
	uint8_t *view = remote_space(&v, 17), *local = local_pages(16, READ_WRITE);
	size_t copied;
	UCHECK_EQ(copy(v, REMOTE + 123, local, ST_VSPACE_COPY_MAX, ST_COPY_FROM_REMOTE, &copied), ST_OK);
	UCHECK_EQ(copied, ST_VSPACE_COPY_MAX);
	UCHECK_EQ(memcmp(local, view + 123, ST_VSPACE_COPY_MAX), 0);
	fill(local, ST_VSPACE_COPY_MAX, 4);
	UCHECK_EQ(copy(v, REMOTE + 7, local, ST_VSPACE_COPY_MAX, ST_COPY_TO_REMOTE, &copied), ST_OK);
	UCHECK_EQ(copied, ST_VSPACE_COPY_MAX);
	UCHECK_EQ(memcmp(view + 7, local, ST_VSPACE_COPY_MAX), 0);
}

UTEST(copy_longer_than_largest_refused)
{
	begin();
	uint32_t v;
	uint8_t *view = remote_space(&v, 17), *local = local_pages(17, READ_WRITE);
	memset(local, FILLER, 17 * PAGE);
	size_t copied;
	UCHECK_EQ(copy(v, REMOTE, local, ST_VSPACE_COPY_MAX + 1, ST_COPY_FROM_REMOTE, &copied),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(copied, 0);
	UCHECK(all(local, 17 * PAGE, FILLER));
	UCHECK_EQ(copy(v, REMOTE, local, ST_VSPACE_COPY_MAX + 1, ST_COPY_TO_REMOTE, &copied), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(copy(v, REMOTE, local, ~0ull, ST_COPY_TO_REMOTE, &copied), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(view[0], (uint8_t)(13 + 0)); /* still the fill */
}

UTEST(copy_bad_direction_refused)
{
	begin();
	uint32_t v;
	remote_space(&v, 1);
	uint8_t *local = local_pages(1, READ_WRITE);
	size_t copied;
	UCHECK_EQ(copy(v, REMOTE, local, 8, 2, &copied), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(copied, 0);
	UCHECK_EQ(copy(v, REMOTE, local, 8, ~0u, &copied), ST_ERROR_INVALID_ARGUMENT);
	/* The direction is a whole register: no truncation to a valid one. */
	struct st_result r = st_syscall(ST_SYS_VSPACE_COPY, v, REMOTE, (uint64_t)local, 8, 1ull << 32 | ST_COPY_TO_REMOTE, 0);
	UCHECK_EQ(r.error, ST_ERROR_INVALID_ARGUMENT);
}

UTEST(copy_capability_errors)
{
	begin();
	uint8_t *local = local_pages(1, READ_WRITE);
	size_t copied;
	UCHECK_EQ(copy(0, REMOTE, local, 8, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_INVALID_SLOT);
	UCHECK_EQ(copy(utest_slot(), REMOTE, local, 8, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(copy(utest_object(ST_OBJECT_FRAME, 0), REMOTE, local, 8, ST_COPY_FROM_REMOTE, &copied),
		  ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(copy(ST_ROOT_THREAD, REMOTE, local, 8, ST_COPY_TO_REMOTE, &copied), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(copy(new_endpoint(), REMOTE, local, 8, ST_COPY_TO_REMOTE, &copied), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(copied, 0);
}

UTEST(copy_needs_read_to_read_and_write_to_write)
{
	begin();
	uint32_t v;
	uint8_t *view = remote_space(&v, 1), *local = local_pages(1, READ_WRITE);
	memset(local, FILLER, PAGE);
	uint32_t reader = utest_copy(v, ST_RIGHT_READ), writer = utest_copy(v, ST_RIGHT_WRITE);
	uint32_t neither = utest_copy(v, ST_RIGHT_GRANT | ST_RIGHT_EXECUTE);
	size_t copied;
	UCHECK_EQ(copy(writer, REMOTE, local, 16, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(copy(neither, REMOTE, local, 16, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_NO_RIGHTS);
	UCHECK(all(local, PAGE, FILLER));
	UCHECK_EQ(copy(reader, REMOTE, local, 16, ST_COPY_FROM_REMOTE, &copied), ST_OK);
	UCHECK_EQ(memcmp(local, view, 16), 0);
	memset(local, FILLER, PAGE);
	UCHECK_EQ(copy(reader, REMOTE, local, 16, ST_COPY_TO_REMOTE, &copied), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(copy(neither, REMOTE, local, 16, ST_COPY_TO_REMOTE, &copied), ST_ERROR_NO_RIGHTS);
	UCHECK(!all(view, 16, FILLER));
	UCHECK_EQ(copy(writer, REMOTE, local, 16, ST_COPY_TO_REMOTE, &copied), ST_OK);
	UCHECK(all(view, 16, FILLER));
}

/* At the first remote page not mapped, the copy stops; rdx says how far
 * it got, and that much was copied. */
UTEST(copy_stops_at_unmapped_remote_page)
{
	begin();
	uint32_t v;
	uint8_t *view = remote_space(&v, 1), *local = local_pages(1, READ_WRITE);
	remote_pages(v, REMOTE + 2 * PAGE, 1, READ_WRITE); /* a hole at REMOTE + PAGE */
	memset(local, FILLER, PAGE);
	size_t copied;
	UCHECK_EQ(copy(v, REMOTE + 4000, local, 200, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_NOT_MAPPED);
	UCHECK_EQ(copied, 96);
	UCHECK_EQ(memcmp(local, view + 4000, 96), 0);
	UCHECK(all(local + 96, PAGE - 96, FILLER));
	fill(local, PAGE, 5);
	UCHECK_EQ(copy(v, REMOTE + 4000, local, 200, ST_COPY_TO_REMOTE, &copied), ST_ERROR_NOT_MAPPED);
	UCHECK_EQ(copied, 96);
	UCHECK_EQ(memcmp(view + 4000, local, 96), 0);
	UCHECK_EQ(copy(v, REMOTE + PAGE, local, 10, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_NOT_MAPPED);
	UCHECK_EQ(copied, 0);
	UCHECK_EQ(copy(v, REMOTE, local, 3 * PAGE, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_NOT_MAPPED);
	UCHECK_EQ(copied, PAGE);
}

/* Writing needs the remote page writable; reading it does not. */
UTEST(copy_into_read_only_remote_page)
{
	begin();
	uint32_t v;
	uint8_t *view = remote_space(&v, 1);
	uint8_t *read_only = remote_pages(v, REMOTE + PAGE, 1, ST_RIGHT_READ), *local = local_pages(1, READ_WRITE);
	fill(read_only, PAGE, 6);
	memset(local, FILLER, PAGE);
	size_t copied;
	UCHECK_EQ(copy(v, REMOTE + PAGE, local, 10, ST_COPY_TO_REMOTE, &copied), ST_ERROR_NOT_MAPPED);
	UCHECK_EQ(copied, 0);
	UCHECK(!all(read_only, 10, FILLER));
	UCHECK_EQ(copy(v, REMOTE + 4000, local, 200, ST_COPY_TO_REMOTE, &copied), ST_ERROR_NOT_MAPPED);
	UCHECK_EQ(copied, 96);
	UCHECK(all(view + 4000, 96, FILLER));
	UCHECK_EQ(copy(v, REMOTE + PAGE, local, 10, ST_COPY_FROM_REMOTE, &copied), ST_OK);
	UCHECK_EQ(memcmp(local, read_only, 10), 0);
}

/* The local side follows the rules of every pointer argument: mapped for
 * user access, and writable to be written. */
UTEST(copy_bad_local_address)
{
	begin();
	uint32_t v;
	uint8_t *view = remote_space(&v, 2);
	uint8_t *unmapped = (uint8_t *)utest_address(PAGE), *read_only = local_pages(1, ST_RIGHT_READ);
	static void *const refused[] = { (void *)0xffffffff80000000ull, (void *)0x0000800000000000ull,
					 (void *)(ST_USER_ADDRESS_LIMIT - 8) };
	size_t copied;
	UCHECK_EQ(copy(v, REMOTE, unmapped, 8, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(copied, 0);
	UCHECK_EQ(copy(v, REMOTE, unmapped, 8, ST_COPY_TO_REMOTE, &copied), ST_ERROR_BAD_ADDRESS);
	for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		UCHECK_EQ(copy(v, REMOTE, refused[i], 16, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_BAD_ADDRESS);
		UCHECK_EQ(copy(v, REMOTE, refused[i], 16, ST_COPY_TO_REMOTE, &copied), ST_ERROR_BAD_ADDRESS);
	}
	UCHECK_EQ(copy(v, REMOTE, read_only, 8, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(copy(v, REMOTE, read_only, 8, ST_COPY_TO_REMOTE, &copied), ST_OK);
	/* A local page, then the unmapped one after it: one page copied. */
	uint8_t *local = local_pages(1, READ_WRITE);
	UCHECK_EQ(copy(v, REMOTE, local, 2 * PAGE, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(copied, PAGE);
	UCHECK_EQ(memcmp(local, view, PAGE), 0);
}

UTEST(copy_remote_address_limits)
{
	begin();
	uint32_t v = utest_object(ST_OBJECT_VSPACE, 0);
	uint8_t *local = local_pages(1, READ_WRITE);
	static const uint64_t refused[][2] = {
		{ ST_USER_ADDRESS_LIMIT, 1 },  { ST_USER_ADDRESS_LIMIT - 8, 16 }, { ST_USER_ADDRESS_LIMIT, 0 },
		{ 0xffff800000000000ull, 8 }, { ~0ull, 1 },                       { 0x0000800000000000ull, 8 },
	};
	size_t copied;
	for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		UCHECK_EQ(copy(v, refused[i][0], local, refused[i][1], ST_COPY_FROM_REMOTE, &copied),
			  ST_ERROR_BAD_ADDRESS);
		UCHECK_EQ(copy(v, refused[i][0], local, refused[i][1], ST_COPY_TO_REMOTE, &copied), ST_ERROR_BAD_ADDRESS);
		UCHECK_EQ(copied, 0);
	}
	/* Up to the limit is a user address; nothing is mapped there. */
	UCHECK_EQ(copy(v, ST_USER_ADDRESS_LIMIT - 16, local, 16, ST_COPY_FROM_REMOTE, &copied), ST_ERROR_NOT_MAPPED);
	UCHECK_EQ(copied, 0);
}

/* A real process's address space: its image is this program's, at the
 * same addresses. */
static const char peer_marker[] = "the personality suite's marker";
static uint64_t peer_variable = 0x1234;

UTEST(copy_with_another_process)
{
	begin();
	struct peer peer;
	if (!peer_create(&peer, 0, 0, 0, 0))
		return;
	uint32_t v = peer.process.vspace;
	uint8_t *local = local_pages(1, READ_WRITE);
	size_t copied;
	UCHECK_EQ(copy(v, (uint64_t)peer_marker, local, sizeof peer_marker, ST_COPY_FROM_REMOTE, &copied), ST_OK);
	UCHECK_EQ(memcmp(local, peer_marker, sizeof peer_marker), 0);
	/* Its code and constants are mapped read-only. */
	UCHECK_EQ(copy(v, (uint64_t)peer_marker, local, 8, ST_COPY_TO_REMOTE, &copied), ST_ERROR_NOT_MAPPED);
	UCHECK_EQ(copy(v, (uint64_t)linux_probe, local, 8, ST_COPY_TO_REMOTE, &copied), ST_ERROR_NOT_MAPPED);
	/* Its variables are its own. */
	uint64_t value = 0x4321;
	UCHECK_EQ(copy(v, (uint64_t)&peer_variable, &value, 8, ST_COPY_TO_REMOTE, &copied), ST_OK);
	value = 0;
	UCHECK_EQ(copy(v, (uint64_t)&peer_variable, &value, 8, ST_COPY_FROM_REMOTE, &copied), ST_OK);
	UCHECK_EQ(value, 0x4321);
	UCHECK_EQ(*(volatile uint64_t *)&peer_variable, 0x1234);
	/* The page it shares with the root reads the same either way. */
	UCHECK_EQ(copy(v, PROBE_PAGE, local, 64, ST_COPY_FROM_REMOTE, &copied), ST_OK);
	UCHECK_EQ(memcmp(local, (void *)PROBE_PAGE, 64), 0);
}

UTEST(copy_within_own_address_space)
{
	begin();
	uint8_t *a = local_pages(1, READ_WRITE), *b = local_pages(1, READ_WRITE);
	fill(a, PAGE, 7);
	memset(b, FILLER, PAGE);
	size_t copied;
	UCHECK_EQ(copy(ST_ROOT_VSPACE, (uint64_t)a + 1, b, 500, ST_COPY_FROM_REMOTE, &copied), ST_OK);
	UCHECK_EQ(memcmp(b, a + 1, 500), 0);
	UCHECK_EQ(copy(ST_ROOT_VSPACE, (uint64_t)b + 1000, a, 300, ST_COPY_TO_REMOTE, &copied), ST_OK);
	UCHECK_EQ(memcmp(b + 1000, a, 300), 0);
	UCHECK_EQ(copied, 300);
}

/* Thread names: at most 31 printable ASCII characters, read from user memory. */
#include "user/test-threads/threads.h"

static const char long_name[] = "abcdefghijklmnopqrstuvwxyz0123456789";

UTEST(set_name_too_long)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_set_name(thread, long_name, 32), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_name(thread, long_name, 33), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_name(thread, long_name, 1ull << 40), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_name(thread, long_name, 31), ST_OK);
	UCHECK_EQ(st_thread_set_name(thread, long_name, 1), ST_OK);
}

UTEST(set_name_non_printable)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_set_name(thread, "tab\there", 8), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_name(thread, "new\nline", 8), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_name(thread, "del\x7f", 4), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_name(thread, "high\x80", 5), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_name(thread, "nul\0x", 5), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_thread_set_name(thread, "printable ~!", 12), ST_OK);
}

UTEST(set_name_bad_pointer)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0);
	UCHECK_EQ(st_thread_set_name(thread, NULL, 4), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(st_thread_set_name(thread, (const char *)unmapped_address(), 4), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(st_thread_set_name(thread, (const char *)0xffffffff80000000, 4), ST_ERROR_BAD_ADDRESS);
	/* The last bytes of a mapped page and the first of an unmapped one. */
	char *page = utest_mapped_frame(NULL);
	page[4094] = page[4095] = 'a';
	UCHECK_EQ(st_thread_set_name(thread, page + 4094, 4), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(st_thread_set_name(thread, page + 4094, 2), ST_OK);
}

UTEST(set_name_needs_write_right)
{
	uint32_t thread = utest_object(ST_OBJECT_THREAD, 0), read_only = utest_slot();
	UCHECK_EQ(st_cap_copy(thread, read_only, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_thread_set_name(read_only, "name", 4), ST_ERROR_NO_RIGHTS);
}

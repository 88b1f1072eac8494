/*
 * lib/string.c, built for the host under lib_* names (tests/unit/host_rename.h)
 * so the C library's own functions stay available here as the reference and
 * for CHECK_STR. The prototypes are written out rather than taken from
 * lib/string.h, which would rename the C library's functions in this file too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "unit.h"

void *lib_memset(void *destination, int value, size_t count);
void *lib_memcpy(void *restrict destination, const void *restrict source, size_t count);
void *lib_memmove(void *destination, const void *source, size_t count);
int lib_memcmp(const void *a, const void *b, size_t count);
void *lib_memchr(const void *s, int c, size_t count);
size_t lib_strlen(const char *s);
size_t lib_strnlen(const char *s, size_t max);
int lib_strcmp(const char *a, const char *b);
int lib_strncmp(const char *a, const char *b, size_t count);
char *lib_strchr(const char *s, int c);
size_t lib_strlcpy(char *restrict destination, const char *restrict source, size_t size);

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* A recognisable background, different at every offset. */
static void fill_pattern(unsigned char *buffer, size_t size)
{
	for (size_t i = 0; i < size; i++)
		buffer[i] = (unsigned char)(i * 7 + 3);
}

UNIT_TEST(string_memset)
{
	unsigned char buffer[32];
	fill_pattern(buffer, sizeof buffer);
	CHECK(lib_memset(buffer + 5, 0xab, 10) == buffer + 5);
	for (size_t i = 0; i < sizeof buffer; i++) {
		unsigned char expected = i >= 5 && i < 15 ? 0xab : (unsigned char)(i * 7 + 3);
		CHECK_EQ(buffer[i], expected);
	}
	/* Only the low byte of the value is used. */
	lib_memset(buffer, 0x1cd, 4);
	CHECK_EQ(buffer[0], 0xcd);
	CHECK_EQ(buffer[3], 0xcd);
	lib_memset(buffer, -1, 1);
	CHECK_EQ(buffer[0], 0xff);
	/* Count 0 touches nothing (ASan would also catch a write before it). */
	CHECK(lib_memset(buffer + 32, 0, 0) == buffer + 32);
	CHECK_EQ(buffer[31], (unsigned char)(31 * 7 + 3));
}

UNIT_TEST(string_memcpy)
{
	unsigned char source[40], destination[40];
	fill_pattern(source, sizeof source);
	memset(destination, 0, sizeof destination);
	CHECK(lib_memcpy(destination + 1, source + 3, 30) == destination + 1);
	CHECK_EQ(destination[0], 0);
	CHECK(memcmp(destination + 1, source + 3, 30) == 0);
	CHECK_EQ(destination[31], 0);
	CHECK(lib_memcpy(destination, source, 0) == destination);
	CHECK_EQ(destination[0], 0);
	/* Heap buffers of exactly the copied size: ASan checks both ends. */
	unsigned char *from = malloc(17), *to = malloc(17);
	fill_pattern(from, 17);
	lib_memcpy(to, from, 17);
	CHECK(memcmp(to, from, 17) == 0);
	free(from);
	free(to);
}

UNIT_TEST(string_memmove_overlap)
{
	/* Every source offset, destination offset and length inside a small
	 * buffer: covers overlap in both directions, exact aliasing and none. */
	enum { SIZE = 40 };
	for (size_t from = 0; from < 16; from++) {
		for (size_t to = 0; to < 16; to++) {
			for (size_t count = 0; count <= 24; count++) {
				unsigned char actual[SIZE], expected[SIZE], temporary[SIZE];
				fill_pattern(actual, SIZE);
				fill_pattern(expected, SIZE);
				/* The reference: copy out, then in; cannot be fooled by overlap. */
				memcpy(temporary, expected + from, count);
				memcpy(expected + to, temporary, count);
				REQUIRE(lib_memmove(actual + to, actual + from, count) == actual + to);
				REQUIRE(memcmp(actual, expected, SIZE) == 0);
			}
		}
	}
}

UNIT_TEST(string_memmove_directions)
{
	/* Destination after source: a naive forward copy would smear "ab". */
	char forward[] = "abcdefgh";
	lib_memmove(forward + 2, forward, 6);
	CHECK_STR(forward, "ababcdef");
	/* Destination before source: a naive backward copy would smear "gh". */
	char backward[] = "abcdefgh";
	lib_memmove(backward, backward + 2, 6);
	CHECK_STR(backward, "cdefghgh");
	/* Addresses far apart in both orders take the non-overlapping path. */
	char left[8] = "1234567", right[8] = "abcdefg";
	lib_memmove(left, right, 8);
	CHECK_STR(left, "abcdefg");
	lib_memmove(right, "xyz", 4);
	CHECK_STR(right, "xyz");
}

UNIT_TEST(string_memcmp)
{
	CHECK_EQ(lib_memcmp("abc", "abc", 3), 0);
	CHECK_EQ(lib_memcmp("abc", "abd", 0), 0);
	CHECK(lib_memcmp("abc", "abd", 3) < 0);
	CHECK(lib_memcmp("abd", "abc", 3) > 0);
	/* Only the first difference decides, not later ones. */
	CHECK(lib_memcmp("az", "ba", 2) < 0);
	/* Differences past count are not looked at. */
	CHECK_EQ(lib_memcmp("abcX", "abcY", 3), 0);
	/* Bytes compare as unsigned char: 0x80 is above 0x01. */
	CHECK(lib_memcmp("\x80", "\x01", 1) > 0);
	CHECK(lib_memcmp("\x01", "\xff", 1) < 0);
	/* NUL bytes are ordinary data for memcmp. */
	CHECK(lib_memcmp("a\0b", "a\0c", 3) < 0);
	/* Agrees in sign with the C library over every pair of bytes. */
	for (int x = 0; x < 256; x++) {
		for (int y = 0; y < 256; y++) {
			unsigned char a[2] = { 'q', (unsigned char)x }, b[2] = { 'q', (unsigned char)y };
			REQUIRE(sign(lib_memcmp(a, b, 2)) == sign(memcmp(a, b, 2)));
		}
	}
}

UNIT_TEST(string_memchr)
{
	const unsigned char bytes[6] = { 'a', 0, 'b', 0xff, 'b', 'c' };
	CHECK(lib_memchr(bytes, 'a', 6) == bytes);
	CHECK(lib_memchr(bytes, 'b', 6) == bytes + 2); /* the first one */
	/* NUL is ordinary data: the search goes on past it. */
	CHECK(lib_memchr(bytes, 0, 6) == bytes + 1);
	CHECK(lib_memchr(bytes, 'c', 6) == bytes + 5);
	/* Only count bytes are searched (ASan checks no more are read). */
	CHECK(lib_memchr(bytes, 'c', 5) == NULL);
	CHECK(lib_memchr(bytes, 'a', 0) == NULL);
	CHECK(lib_memchr(bytes, 'z', 6) == NULL);
	/* c is converted to unsigned char: -1 and 0x1ff both find 0xff. */
	CHECK(lib_memchr(bytes, 0xff, 6) == bytes + 3);
	CHECK(lib_memchr(bytes, -1, 6) == bytes + 3);
	CHECK(lib_memchr(bytes, 0x1ff, 6) == bytes + 3);
}

UNIT_TEST(string_strlen_strnlen)
{
	CHECK_EQ(lib_strlen(""), 0);
	CHECK_EQ(lib_strlen("a"), 1);
	CHECK_EQ(lib_strlen("hello"), 5);
	CHECK_EQ(lib_strlen("ab\0cd"), 2);
	CHECK_EQ(lib_strnlen("hello", 10), 5);
	CHECK_EQ(lib_strnlen("hello", 5), 5);
	CHECK_EQ(lib_strnlen("hello", 3), 3);
	CHECK_EQ(lib_strnlen("hello", 0), 0);
	CHECK_EQ(lib_strnlen("", 4), 0);
	/* strnlen must not look past max: ASan checks this array's end. */
	char unterminated[4] = { 'a', 'b', 'c', 'd' };
	CHECK_EQ(lib_strnlen(unterminated, 4), 4);
	CHECK_EQ(lib_strnlen(unterminated, 2), 2);
}

UNIT_TEST(string_strcmp)
{
	CHECK_EQ(lib_strcmp("", ""), 0);
	CHECK_EQ(lib_strcmp("abc", "abc"), 0);
	CHECK(lib_strcmp("abc", "abd") < 0);
	CHECK(lib_strcmp("abd", "abc") > 0);
	/* A proper prefix sorts first. */
	CHECK(lib_strcmp("ab", "abc") < 0);
	CHECK(lib_strcmp("abc", "ab") > 0);
	CHECK(lib_strcmp("", "a") < 0);
	/* Characters compare as unsigned char, as C requires. */
	CHECK(lib_strcmp("\xe9", "e") > 0);
	CHECK(lib_strcmp("a\x80", "a\x7f") > 0);
	/* Nothing after the terminator matters. */
	CHECK_EQ(lib_strcmp("ab\0x", "ab\0y"), 0);
	for (int x = 1; x < 256; x++) {
		for (int y = 1; y < 256; y++) {
			char a[3] = { 'k', (char)x, 0 }, b[3] = { 'k', (char)y, 0 };
			REQUIRE(sign(lib_strcmp(a, b)) == sign(strcmp(a, b)));
		}
	}
}

UNIT_TEST(string_strncmp)
{
	CHECK_EQ(lib_strncmp("abc", "abd", 0), 0);
	CHECK_EQ(lib_strncmp("abc", "abd", 2), 0);
	CHECK(lib_strncmp("abc", "abd", 3) < 0);
	CHECK(lib_strncmp("abd", "abc", 100) > 0);
	CHECK_EQ(lib_strncmp("abc", "abc", 100), 0);
	/* The shorter string's terminator is a difference within count... */
	CHECK(lib_strncmp("ab", "abc", 3) < 0);
	CHECK(lib_strncmp("abc", "ab", 3) > 0);
	/* ...but not when count stops before it. */
	CHECK_EQ(lib_strncmp("ab", "abc", 2), 0);
	/* Comparison stops at a shared terminator even with count left over. */
	CHECK_EQ(lib_strncmp("ab\0x", "ab\0y", 4), 0);
	CHECK(lib_strncmp("\xe9", "e", 1) > 0);
	/* With count no larger than the arrays, no terminator is needed and
	 * ASan checks nothing past count is read. */
	char left[3] = { 'x', 'y', 'z' }, right[3] = { 'x', 'y', 'w' };
	CHECK_EQ(lib_strncmp(left, right, 2), 0);
	CHECK(lib_strncmp(left, right, 3) > 0);
}

UNIT_TEST(string_strchr)
{
	const char *s = "hello world";
	CHECK(lib_strchr(s, 'h') == s);
	CHECK(lib_strchr(s, 'o') == s + 4); /* the first one */
	CHECK(lib_strchr(s, 'd') == s + 10);
	CHECK(lib_strchr(s, 'z') == NULL);
	/* Searching for NUL finds the terminator. */
	CHECK(lib_strchr(s, '\0') == s + 11);
	CHECK(lib_strchr("", '\0') != NULL);
	CHECK(lib_strchr("", 'a') == NULL);
	/* c is converted to char, so high bytes and out-of-range ints work. */
	const char *accented = "caf\xe9!";
	CHECK(lib_strchr(accented, 0xe9) == accented + 3);
	CHECK(lib_strchr(accented, (char)0xe9) == accented + 3);
	CHECK(lib_strchr(s, 'w' + 256) == s + 6);
	/* Nothing after the terminator is found. */
	CHECK(lib_strchr("ab\0c", 'c') == NULL);
}

UNIT_TEST(string_strlcpy)
{
	char buffer[8];

	/* Fits with room to spare. */
	memset(buffer, '#', sizeof buffer);
	CHECK_EQ(lib_strlcpy(buffer, "abc", sizeof buffer), 3);
	CHECK_STR(buffer, "abc");
	CHECK_EQ(buffer[4], '#'); /* nothing written past the terminator */

	/* Exactly fills the buffer. */
	CHECK_EQ(lib_strlcpy(buffer, "1234567", sizeof buffer), 7);
	CHECK_STR(buffer, "1234567");

	/* Too long: truncated, still terminated, returns the source length
	 * so the caller can detect the truncation. */
	memset(buffer, '#', sizeof buffer);
	CHECK_EQ(lib_strlcpy(buffer, "abcdefghijkl", 5), 12);
	CHECK_STR(buffer, "abcd");
	CHECK_EQ(buffer[5], '#');

	/* Size 1: only the terminator. */
	memset(buffer, '#', sizeof buffer);
	CHECK_EQ(lib_strlcpy(buffer, "abc", 1), 3);
	CHECK_EQ(buffer[0], '\0');
	CHECK_EQ(buffer[1], '#');

	/* Size 0: nothing written, not even a terminator. */
	memset(buffer, '#', sizeof buffer);
	CHECK_EQ(lib_strlcpy(buffer, "abc", 0), 3);
	CHECK_EQ(buffer[0], '#');

	/* Empty source. */
	CHECK_EQ(lib_strlcpy(buffer, "", sizeof buffer), 0);
	CHECK_STR(buffer, "");

	/* A heap destination of the exact size: ASan checks the last byte. */
	char *exact = malloc(4);
	CHECK_EQ(lib_strlcpy(exact, "wxyz", 4), 4);
	CHECK_STR(exact, "wxy");
	free(exact);
}

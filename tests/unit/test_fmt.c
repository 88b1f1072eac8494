/*
 * lib/fmt.c against the host C library's snprintf, which is the reference for
 * every conversion C defines. Where C leaves the output to the implementation
 * (NULL %s and %p, unknown conversions) the expected text is written out.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "unit.h"

#include "lib/fmt.h"

/* Big enough for every output below, so neither side truncates. */
#define OUTPUT_SIZE 512

/* Formats with both implementations; reports a mismatch against the caller's
 * line. Compares lengths and raw bytes, since %c may produce a NUL. Returns
 * whether they matched, so loops can stop at the first mismatch. */
static bool compare_vformat(const char *file, int line, const char *format, va_list args)
{
	char expected[OUTPUT_SIZE], actual[OUTPUT_SIZE];
	va_list copy;
	va_copy(copy, args);
	int expected_length = vsnprintf(expected, sizeof expected, format, args);
	int actual_length = fmt_vsnprintf(actual, sizeof actual, format, copy);
	va_end(copy);

	if (expected_length < 0 || expected_length >= OUTPUT_SIZE) {
		unit_fail(file, line, "test bug: reference output does not fit");
		return false;
	}
	if (actual_length == expected_length &&
	    memcmp(actual, expected, (size_t)expected_length + 1) == 0)
		return true;
	char message[3 * OUTPUT_SIZE];
	snprintf(message, sizeof message, "format \"%s\": got \"%s\" (%d), host gives \"%s\" (%d)",
		 format, actual, actual_length, expected, expected_length);
	unit_fail(file, line, message);
	return false;
}

__attribute__((format(printf, 3, 4))) static bool compare_format(const char *file, int line,
								const char *format, ...)
{
	va_list args;
	va_start(args, format);
	bool matched = compare_vformat(file, line, format, args);
	va_end(args);
	return matched;
}

/* The format attribute makes the compiler check each call's arguments, so a
 * wrong argument type in the table is a build error, not a false failure. */
#define CHECK_FORMAT(...) compare_format(__FILE__, __LINE__, __VA_ARGS__)

/* For text C does not pin down: compare with the literal we document. */
#define CHECK_FORMAT_IS(expected, ...)                                             \
	do {                                                                       \
		char check_buffer[128];                                            \
		int check_length = fmt_snprintf(check_buffer, sizeof check_buffer,  \
						__VA_ARGS__);                      \
		CHECK_STR(check_buffer, expected);                                 \
		CHECK_EQ(check_length, strlen(expected));                          \
	} while (0)

UNIT_TEST(fmt_plain_text_and_percent)
{
	CHECK_FORMAT("%s", "");
	CHECK_FORMAT("hello, world");
	CHECK_FORMAT("100%%");
	CHECK_FORMAT("%%%%");
	CHECK_FORMAT("a%%b%%c");
	CHECK_FORMAT("tab\tnewline\n");
	CHECK_FORMAT_IS("", "%s", "");
}

UNIT_TEST(fmt_signed_decimal)
{
	CHECK_FORMAT("%d", 0);
	CHECK_FORMAT("%d", 1);
	CHECK_FORMAT("%d", -1);
	CHECK_FORMAT("%d", 12345);
	CHECK_FORMAT("%i", -12345);
	CHECK_FORMAT("%d", INT_MAX);
	CHECK_FORMAT("%d", INT_MIN);
	CHECK_FORMAT("%5d", 42);
	CHECK_FORMAT("%-5d|", 42);
	CHECK_FORMAT("%05d", 42);
	CHECK_FORMAT("%05d", -42);
	CHECK_FORMAT("%+d", 42);
	CHECK_FORMAT("%+d", -42);
	CHECK_FORMAT("%+d", 0);
	CHECK_FORMAT("% d", 42);
	CHECK_FORMAT("% d", -42);
	CHECK_FORMAT("%+05d", 42);
	CHECK_FORMAT("% 05d", 42);
	CHECK_FORMAT("%.3d", 7);
	CHECK_FORMAT("%.3d", -7);
	CHECK_FORMAT("%.3d", 12345); /* precision below the digit count */
	CHECK_FORMAT("%8.3d", -7);
	CHECK_FORMAT("%-8.3d|", -7);
	CHECK_FORMAT("%+.3d", 7);
	CHECK_FORMAT("%.d", 5); /* a bare '.' is precision zero */
	CHECK_FORMAT("%3d", 123456); /* width never truncates */
	CHECK_FORMAT("%1d", 0);
	CHECK_FORMAT("%40d", -1);
	CHECK_FORMAT("%040d", -1);
	CHECK_FORMAT("%.40d", 1);
}

UNIT_TEST(fmt_unsigned_hex_octal)
{
	CHECK_FORMAT("%u", 0u);
	CHECK_FORMAT("%u", 4000000000u);
	CHECK_FORMAT("%u", UINT_MAX);
	CHECK_FORMAT("%u", -1); /* the bits of -1 read as unsigned */
	CHECK_FORMAT("%x", 0u);
	CHECK_FORMAT("%x", 0xdeadbeefu);
	CHECK_FORMAT("%X", 0xdeadbeefu);
	CHECK_FORMAT("%o", 0u);
	CHECK_FORMAT("%o", 8u);
	CHECK_FORMAT("%o", 0777u);
	CHECK_FORMAT("%#x", 0xffu);
	CHECK_FORMAT("%#X", 0xffu);
	CHECK_FORMAT("%#x", 0u); /* no "0x" for zero */
	CHECK_FORMAT("%#o", 8u);
	CHECK_FORMAT("%#o", 0u);
	CHECK_FORMAT("%#10x|", 0xffu);
	CHECK_FORMAT("%#-10x|", 0xffu);
	CHECK_FORMAT("%#010x", 0xffu); /* zeros go after the prefix */
	CHECK_FORMAT("%#010o", 8u);
	CHECK_FORMAT("%#.6x", 0xffu);
	CHECK_FORMAT("%#.2o", 8u); /* "10" needs its leading 0 added */
	CHECK_FORMAT("%#.3o", 8u); /* the precision already supplies it */
	CHECK_FORMAT("%#.5o", 0u);
	CHECK_FORMAT("%#5o", 0u);
	CHECK_FORMAT("%08x", 0xabcu);
	CHECK_FORMAT("%-8X|", 0xabcu);
	CHECK_FORMAT("%.8x", 0xabcu);
	CHECK_FORMAT("%10.8x|", 0xabcu);
}

UNIT_TEST(fmt_zero_with_precision_zero)
{
	/* C: converting zero with precision zero produces no digits. */
	CHECK_FORMAT("[%.0d]", 0);
	CHECK_FORMAT("[%.0i]", 0);
	CHECK_FORMAT("[%.0u]", 0u);
	CHECK_FORMAT("[%.0x]", 0u);
	CHECK_FORMAT("[%.0X]", 0u);
	CHECK_FORMAT("[%.0o]", 0u);
	CHECK_FORMAT("[%5.0d]", 0);
	CHECK_FORMAT("[%-5.0d]", 0);
	CHECK_FORMAT("[%+.0d]", 0);
	CHECK_FORMAT("[% .0d]", 0);
	CHECK_FORMAT("[%#.0x]", 0u);
	/* ...except that '#' with 'o' still forces one leading zero. */
	CHECK_FORMAT("[%#.0o]", 0u);
	CHECK_FORMAT("[%#5.0o]", 0u);
	CHECK_FORMAT("[%.0d]", 1);
	CHECK_FORMAT("[%.0x]", 1u);
}

UNIT_TEST(fmt_length_modifiers)
{
	/* hh and h convert the promoted int back to char/short width. */
	CHECK_FORMAT("%hhd", 200);
	CHECK_FORMAT("%hhd", -1);
	CHECK_FORMAT("%hhu", 300);
	CHECK_FORMAT("%hhx", 0x1ff);
	CHECK_FORMAT("%hhi", 127);
	CHECK_FORMAT("%hhd", -128);
	CHECK_FORMAT("%hd", 70000);
	CHECK_FORMAT("%hd", -32768);
	CHECK_FORMAT("%hu", 70000);
	CHECK_FORMAT("%hX", 0x12345);
	CHECK_FORMAT("%ho", 0xffff);
	CHECK_FORMAT("%ld", LONG_MAX);
	CHECK_FORMAT("%ld", LONG_MIN);
	CHECK_FORMAT("%lu", ULONG_MAX);
	CHECK_FORMAT("%lx", 0x123456789abcdef0ul);
	CHECK_FORMAT("%lld", LLONG_MIN);
	CHECK_FORMAT("%lli", LLONG_MAX);
	CHECK_FORMAT("%llu", ULLONG_MAX);
	CHECK_FORMAT("%llo", ULLONG_MAX);
	CHECK_FORMAT("%llX", ULLONG_MAX);
	CHECK_FORMAT("%zu", SIZE_MAX);
	CHECK_FORMAT("%zx", (size_t)0x1000);
	CHECK_FORMAT("%zd", (ssize_t)-5);
	CHECK_FORMAT("%td", PTRDIFF_MIN);
	CHECK_FORMAT("%td", (ptrdiff_t)-12);
	CHECK_FORMAT("%tx", (ptrdiff_t)0x7f);
	CHECK_FORMAT("%jd", INTMAX_MIN);
	CHECK_FORMAT("%jd", INTMAX_MAX);
	CHECK_FORMAT("%ju", UINTMAX_MAX);
	CHECK_FORMAT("%jx", (uintmax_t)0xfeedfacecafebeefull);
	/* A 32-bit int argument does not pick up junk from the upper half. */
	CHECK_FORMAT("%d %u %x", -1, 0xffffffffu, 0x80000000u);
}

UNIT_TEST(fmt_64_bit_extremes)
{
	CHECK_FORMAT("%" PRId64, INT64_MIN);
	CHECK_FORMAT("%" PRId64, INT64_MAX);
	CHECK_FORMAT("%" PRIu64, UINT64_MAX);
	CHECK_FORMAT("%" PRIx64, UINT64_MAX);
	CHECK_FORMAT("%" PRIo64, UINT64_MAX);
	CHECK_FORMAT("%#" PRIx64, UINT64_MAX);
	CHECK_FORMAT("%#" PRIo64, UINT64_MAX);
	CHECK_FORMAT("%+" PRId64, INT64_MAX);
	CHECK_FORMAT("%30" PRId64 "|", INT64_MIN);
	CHECK_FORMAT("%-30" PRId64 "|", INT64_MIN);
	CHECK_FORMAT("%030" PRId64, INT64_MIN);
	CHECK_FORMAT("%.25" PRId64, INT64_MIN);
	CHECK_FORMAT("%#030" PRIx64, UINT64_MAX);
	CHECK_FORMAT("%" PRId64, (int64_t)0);
	CHECK_FORMAT("%" PRId64, INT64_MIN + 1);
	CHECK_FORMAT_IS("-9223372036854775808", "%lld", (long long)INT64_MIN);
	CHECK_FORMAT_IS("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
}

UNIT_TEST(fmt_star_width_and_precision)
{
	CHECK_FORMAT("%*d", 6, 42);
	CHECK_FORMAT("%*d|", -6, 42); /* negative '*' width: left-aligned */
	CHECK_FORMAT("%-*d|", -6, 42);
	CHECK_FORMAT("%0*d|", -6, 42); /* and '-' beats '0' */
	CHECK_FORMAT("%0*d", 6, -42);
	CHECK_FORMAT("%*d", 0, 42);
	CHECK_FORMAT("%.*d", 5, 42);
	CHECK_FORMAT("%.*d", 0, 0);
	CHECK_FORMAT("%.*d", -3, 7); /* negative '*' precision: as if omitted */
	CHECK_FORMAT("%.*d", -1, 0);
	CHECK_FORMAT("%*.*d|", 8, 4, -7);
	CHECK_FORMAT("%*.*d|", -8, 4, -7);
	CHECK_FORMAT("%*.*x|", -8, -4, 0xabu);
	CHECK_FORMAT("%*s|", 6, "ab");
	CHECK_FORMAT("%*s|", -6, "ab");
	CHECK_FORMAT("%.*s|", 2, "abcdef");
	CHECK_FORMAT("%.*s|", -2, "abcdef");
	CHECK_FORMAT("%*c|", -3, 'z');
	CHECK_FORMAT("%*c|", 3, 'z');
	/* The '*' arguments are consumed in order, mixed with the values. */
	CHECK_FORMAT("%*d %.*s %*.*u", 4, 1, 2, "xyz", 6, 3, 9u);
}

UNIT_TEST(fmt_strings_and_chars)
{
	CHECK_FORMAT("%s", "hello");
	CHECK_FORMAT("[%10s]", "hello");
	CHECK_FORMAT("[%-10s]", "hello");
	CHECK_FORMAT("[%2s]", "hello");
	CHECK_FORMAT("[%.2s]", "hello");
	CHECK_FORMAT("[%.0s]", "hello");
	CHECK_FORMAT("[%.10s]", "hello");
	CHECK_FORMAT("[%8.3s]", "hello");
	CHECK_FORMAT("[%-8.3s]", "hello");
	CHECK_FORMAT("[%s%s%s]", "a", "", "b");
	CHECK_FORMAT("%c", 'A');
	CHECK_FORMAT("[%3c]", 'A');
	CHECK_FORMAT("[%-3c]", 'A');
	CHECK_FORMAT("%c%c%c", 'a', 'b', 'c');
	CHECK_FORMAT("%c", 0xe9); /* a byte above 0x7f */
	CHECK_FORMAT("a%cb", 0);  /* a NUL in the middle still counts */

	/* With a precision, %s may point at an array with no terminator; ASan
	 * reports any read past the precision. */
	char unterminated[3] = { 'x', 'y', 'z' };
	CHECK_FORMAT("[%.3s]", unterminated);
	CHECK_FORMAT("[%.2s]", unterminated);
}

UNIT_TEST(fmt_string_combinations)
{
	static const char *const strings[] = { "", "a", "hello", "a much longer string" };
	static const char *const specs[] = { "%s", "%-s", "%1s", "%8s", "%-8s", "%.s", "%.0s",
					     "%.1s", "%.5s", "%.30s", "%3.1s", "%-3.1s", "%30.8s" };
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		for (size_t j = 0; j < sizeof specs / sizeof specs[0]; j++) {
			char format[16];
			snprintf(format, sizeof format, "<%s>", specs[j]);
			compare_format(__FILE__, __LINE__, format, strings[i]);
		}
	}
}

UNIT_TEST(fmt_pointer)
{
	int object;
	void *pointer = &object;
	CHECK_FORMAT("%p", pointer);
	CHECK_FORMAT("[%30p]", pointer);
	CHECK_FORMAT("[%-30p]", pointer);
	CHECK_FORMAT("%p", (void *)0x1000);
	CHECK_FORMAT("%p", (void *)UINTPTR_MAX);
	/* Same as the host for non-NULL; NULL is implementation-defined (glibc
	 * prints "(nil)") and we print it as the number it is. */
	CHECK_FORMAT_IS("0x0", "%p", (void *)NULL);
	CHECK_FORMAT_IS("0x1000", "%p", (void *)0x1000);
	CHECK_FORMAT_IS("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
}

UNIT_TEST(fmt_many_arguments)
{
	/* Past the six register arguments, va_arg reads from the stack. */
	CHECK_FORMAT("%d %d %d %d %d %d %d %d %d %d", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
	CHECK_FORMAT("%s=%llx %s=%d %c %hhu %p %zu %s %jd", "a", 0x123ull, "b", -4, 'q', 255,
		     (void *)0xabc, (size_t)77, "end", INTMAX_MIN);
}

/*
 * Every combination of flags, width, precision, length and integer
 * conversion, each over values that hit the sign, zero and width edges of
 * every argument size. The format strings are built at run time, so the
 * argument is passed with the type the length modifier promises.
 */
enum length_kind { L_HH, L_H, L_NONE, L_L, L_LL, L_Z, L_T, L_J, L_COUNT };
static const char *const length_text[L_COUNT] = { "hh", "h", "", "l", "ll", "z", "t", "j" };

static bool compare_integer(const char *format, enum length_kind length, bool is_signed,
			    uint64_t bits)
{
	const char *f = __FILE__;
	int l = __LINE__;
	if (is_signed) {
		switch (length) {
		case L_HH:
		case L_H:
		case L_NONE: return compare_format(f, l, format, (int)bits);
		case L_L: return compare_format(f, l, format, (long)bits);
		case L_LL: return compare_format(f, l, format, (long long)bits);
		case L_Z: return compare_format(f, l, format, (ssize_t)bits);
		case L_T: return compare_format(f, l, format, (ptrdiff_t)bits);
		default: return compare_format(f, l, format, (intmax_t)bits);
		}
	}
	switch (length) {
	case L_HH:
	case L_H:
	case L_NONE: return compare_format(f, l, format, (unsigned)bits);
	case L_L: return compare_format(f, l, format, (unsigned long)bits);
	case L_LL: return compare_format(f, l, format, (unsigned long long)bits);
	case L_Z: return compare_format(f, l, format, (size_t)bits);
	case L_T: return compare_format(f, l, format, (size_t)bits);
	default: return compare_format(f, l, format, (uintmax_t)bits);
	}
}

UNIT_TEST(fmt_integer_combinations)
{
	static const uint64_t values[] = {
		0, 1, 7, 8, 9, 10, 15, 16, 100, 127, 128, 255, 256, 32767, 32768, 65535, 65536,
		(uint64_t)-1, (uint64_t)-8, (uint64_t)-128, (uint64_t)-129, (uint64_t)-32768,
		0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x123456789abcdef0,
		(uint64_t)INT64_MAX, (uint64_t)INT64_MIN, UINT64_MAX,
	};
	static const char *const widths[] = { "", "1", "7", "25" };
	static const char *const precisions[] = { "", ".", ".0", ".1", ".3", ".24" };
	static const char conversions[] = "diuoxX";
	static const char flag_chars[] = "-0+ #";

	for (const char *conversion = conversions; *conversion; conversion++) {
		bool is_signed = *conversion == 'd' || *conversion == 'i';
		for (unsigned flag_set = 0; flag_set < 32; flag_set++) {
			/* C leaves '#' undefined for d, i and u. */
			if ((flag_set & 16) && (is_signed || *conversion == 'u'))
				continue;
			char flags[8];
			size_t flag_count = 0;
			for (int i = 0; i < 5; i++) {
				if (flag_set & (1u << i))
					flags[flag_count++] = flag_chars[i];
			}
			flags[flag_count] = '\0';
			for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
				for (size_t p = 0; p < sizeof precisions / sizeof precisions[0]; p++) {
					for (int length = 0; length < L_COUNT; length++) {
						char format[32];
						snprintf(format, sizeof format, "<%%%s%s%s%s%c>", flags,
							 widths[w], precisions[p], length_text[length],
							 *conversion);
						for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
							/* One report per broken format is enough. */
							if (!compare_integer(format, (enum length_kind)length,
									     is_signed, values[v]))
								break;
						}
					}
				}
			}
		}
	}
}

UNIT_TEST(fmt_truncation)
{
	/* "abc12345" is 8 characters; try every buffer size around it. */
	const char *full = "abc12345";
	for (size_t size = 0; size <= 12; size++) {
		char buffer[16];
		memset(buffer, '#', sizeof buffer);
		int length = fmt_snprintf(buffer, size, "abc%d", 12345);
		CHECK_EQ(length, 8); /* always the untruncated length */
		if (size == 0) {
			CHECK_EQ(buffer[0], '#'); /* size 0 writes nothing at all */
			continue;
		}
		size_t kept = size - 1 < 8 ? size - 1 : 8;
		CHECK(memcmp(buffer, full, kept) == 0);
		CHECK_EQ(buffer[kept], '\0');
		for (size_t i = kept + 1; i < sizeof buffer; i++)
			CHECK_EQ(buffer[i], '#'); /* nothing past the terminator */
	}

	/* Size 0 may come with no buffer at all: a way to measure output. */
	CHECK_EQ(fmt_snprintf(NULL, 0, "%s-%d", "measure", 123), 11);
	/* A buffer sized exactly by that measurement holds everything. */
	char exact[12];
	CHECK_EQ(fmt_snprintf(exact, sizeof exact, "%s-%d", "measure", 123), 11);
	CHECK_STR(exact, "measure-123");
	/* Padding and zeros count toward the length even when cut off. */
	char tiny[4];
	CHECK_EQ(fmt_snprintf(tiny, sizeof tiny, "%020d", -5), 20);
	CHECK_STR(tiny, "-00");
	CHECK_EQ(fmt_snprintf(tiny, 1, "%s", "anything"), 8);
	CHECK_STR(tiny, "");
}

static void count_sink(void *context, char c)
{
	(void)c;
	(*(int *)context)++;
}

static int format_to_sink(int *sunk, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int count = fmt_format(count_sink, sunk, format, args);
	va_end(args);
	return count;
}

UNIT_TEST(fmt_format_sink)
{
	/* fmt_format hands every character to the sink and counts them. */
	int sunk = 0;
	CHECK_EQ(format_to_sink(&sunk, "%5d|%s|%c", 42, "xy", 0), 10);
	CHECK_EQ(sunk, 10);
}

/*
 * Flags that override each other are plain C, but the compiler warns that
 * one is ignored, which is exactly the behaviour checked here; and NULL for
 * %s is undefined in C. Silence the warnings for these tests only.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

UNIT_TEST(fmt_flag_precedence)
{
	CHECK_FORMAT("% +d", 42); /* '+' beats ' ' */
	CHECK_FORMAT("%+ d", 42);
	CHECK_FORMAT("%-05d|", 42); /* '-' beats '0' */
	CHECK_FORMAT("%0-5d|", -42);
	CHECK_FORMAT("%08.3d", -7); /* a precision turns '0' padding off */
	CHECK_FORMAT("%010.8x|", 0xabcu);
	CHECK_FORMAT("%08.*d", -1, 7); /* so the '0' flag applies again */
}

UNIT_TEST(fmt_null_string)
{
	/* C leaves this undefined; we print "(null)" so a bad pointer in a log
	 * message does not fault the kernel. */
	const char *null_string = NULL;
	CHECK_FORMAT_IS("(null)", "%s", null_string);
	CHECK_FORMAT_IS("[  (null)]", "[%8s]", null_string);
	CHECK_FORMAT_IS("[(null)  ]", "[%-8s]", null_string);
	CHECK_FORMAT_IS("a(null)b", "a%sb", null_string);
}

/* Not C at all: each is printed as written. */
UNIT_TEST(fmt_unknown_conversion_verbatim)
{
	CHECK_FORMAT_IS("%q", "%q");
	CHECK_FORMAT_IS("a%qb", "a%qb");
	CHECK_FORMAT_IS("[%-08.3q]", "[%-08.3q]");
	CHECK_FORMAT_IS("%lq", "%lq");
	CHECK_FORMAT_IS("%f %n %w", "%f %n %w");
	/* An unknown conversion consumes no argument. */
	CHECK_FORMAT_IS("%q 5", "%q %d", 5);
	/* A '%' or an unfinished specification at the end of the string. */
	CHECK_FORMAT_IS("abc%", "abc%");
	CHECK_FORMAT_IS("%", "%");
	CHECK_FORMAT_IS("x%-5", "x%-5");
	CHECK_FORMAT_IS("x%ll", "x%ll");
	CHECK_FORMAT_IS("7%.", "%d%.", 7);
}

#pragma GCC diagnostic pop

/* No format attribute: GCC would (rightly) reject these formats at compile time. */
static int format_unchecked(char *buffer, size_t size, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int count = fmt_vsnprintf(buffer, size, format, args);
	va_end(args);
	return count;
}

UNIT_TEST(fmt_extreme_fields_are_clamped)
{
	/* INT_MIN as a '*' width must not overflow when negated, and giant
	 * fields are clamped to FMT_MAX_FIELD instead of running for ages. */
	char buffer[8];
	CHECK_EQ(format_unchecked(buffer, sizeof buffer, "%*d", -2147483647 - 1, 7), FMT_MAX_FIELD);
	CHECK_STR(buffer, "7      ");
	CHECK_EQ(format_unchecked(buffer, sizeof buffer, "%*d", 2147483647, 7), FMT_MAX_FIELD);
	CHECK_EQ(format_unchecked(buffer, sizeof buffer, "%99999999999d", 7), FMT_MAX_FIELD);
	CHECK_EQ(format_unchecked(buffer, sizeof buffer, "%.*d", 2147483647, 7), FMT_MAX_FIELD);
}

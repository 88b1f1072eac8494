#include "lib/fmt.h"

#include <stdbool.h>
#include <stdint.h>

struct fmt_spec {
	bool left_align;
	bool zero_pad;
	bool plus_sign;
	bool space_sign;
	bool alternate;
	int width;
	int precision; /* -1: none given */
};

struct fmt_out {
	fmt_sink sink;
	void *context;
	int count;
};

static void out_char(struct fmt_out *out, char c)
{
	out->sink(out->context, c);
	out->count++;
}

static void out_repeat(struct fmt_out *out, char c, int n)
{
	while (n-- > 0)
		out_char(out, c);
}

static void format_string(struct fmt_out *out, const struct fmt_spec *spec, const char *s)
{
	if (!s)
		s = "(null)";
	int length = 0;
	/* Precision first: with one, s need not be terminated (C11 7.21.6.1p8). */
	while ((spec->precision < 0 || length < spec->precision) && s[length])
		length++;
	if (!spec->left_align)
		out_repeat(out, ' ', spec->width - length);
	for (int i = 0; i < length; i++)
		out_char(out, s[i]);
	if (spec->left_align)
		out_repeat(out, ' ', spec->width - length);
}

static void format_number(struct fmt_out *out, const struct fmt_spec *spec, uint64_t magnitude,
			  bool negative, unsigned base, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buffer[24];
	int length = 0;
	while (magnitude) {
		buffer[length++] = digits[magnitude % base];
		magnitude /= base;
	}
	/* C: precision is the minimum digit count; ".0" prints zero as nothing. */
	int min_digits = spec->precision >= 0 ? spec->precision : 1;
	int zeros = min_digits > length ? min_digits - length : 0;
	if (prefix && prefix[0] == '0' && prefix[1] == '\0' && zeros > 0)
		prefix = NULL; /* octal '#': the leading zero is already there */

	char sign = negative ? '-' : spec->plus_sign ? '+' : spec->space_sign ? ' ' : 0;
	int prefix_length = 0;
	while (prefix && prefix[prefix_length])
		prefix_length++;
	int total = (sign ? 1 : 0) + prefix_length + zeros + length;
	int padding = spec->width > total ? spec->width - total : 0;

	bool pad_with_zeros = spec->zero_pad && !spec->left_align && spec->precision < 0;
	if (!spec->left_align && !pad_with_zeros)
		out_repeat(out, ' ', padding);
	if (sign)
		out_char(out, sign);
	for (int i = 0; i < prefix_length; i++)
		out_char(out, prefix[i]);
	if (pad_with_zeros)
		out_repeat(out, '0', padding);
	out_repeat(out, '0', zeros);
	while (length)
		out_char(out, buffer[--length]);
	if (spec->left_align)
		out_repeat(out, ' ', padding);
}

enum length_modifier { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LONG_LONG, LEN_SIZE, LEN_PTRDIFF, LEN_MAX };

static int64_t fetch_signed(va_list *args, enum length_modifier length)
{
	switch (length) {
	case LEN_CHAR: return (signed char)va_arg(*args, int);
	case LEN_SHORT: return (short)va_arg(*args, int);
	case LEN_LONG: return va_arg(*args, long);
	case LEN_LONG_LONG: return va_arg(*args, long long);
	case LEN_SIZE: return (int64_t)va_arg(*args, size_t);
	case LEN_PTRDIFF: return va_arg(*args, ptrdiff_t);
	case LEN_MAX: return va_arg(*args, intmax_t);
	default: return va_arg(*args, int);
	}
}

static uint64_t fetch_unsigned(va_list *args, enum length_modifier length)
{
	switch (length) {
	case LEN_CHAR: return (unsigned char)va_arg(*args, unsigned);
	case LEN_SHORT: return (unsigned short)va_arg(*args, unsigned);
	case LEN_LONG: return va_arg(*args, unsigned long);
	case LEN_LONG_LONG: return va_arg(*args, unsigned long long);
	case LEN_SIZE: return va_arg(*args, size_t);
	case LEN_PTRDIFF: return (uint64_t)va_arg(*args, ptrdiff_t);
	case LEN_MAX: return va_arg(*args, uintmax_t);
	default: return va_arg(*args, unsigned);
	}
}

static const char *parse_flags(const char *p, struct fmt_spec *spec)
{
	for (;; p++) {
		switch (*p) {
		case '-': spec->left_align = true; break;
		case '0': spec->zero_pad = true; break;
		case '+': spec->plus_sign = true; break;
		case ' ': spec->space_sign = true; break;
		case '#': spec->alternate = true; break;
		default: return p;
		}
	}
}

/* Widths and precisions are clamped to +-FMT_MAX_FIELD: a nucleus message
 * never needs more, and it keeps every count far from int overflow. */
static int clamp_field(long value)
{
	return value > FMT_MAX_FIELD ? FMT_MAX_FIELD : value < -FMT_MAX_FIELD ? -FMT_MAX_FIELD : (int)value;
}

static const char *parse_count(const char *p, va_list *args, int *value)
{
	if (*p == '*') {
		*value = clamp_field(va_arg(*args, int));
		return p + 1;
	}
	long n = 0;
	while (*p >= '0' && *p <= '9') {
		if (n <= FMT_MAX_FIELD)
			n = n * 10 + (*p - '0');
		p++;
	}
	*value = clamp_field(n);
	return p;
}

static const char *parse_length(const char *p, enum length_modifier *length)
{
	*length = LEN_INT;
	switch (*p) {
	case 'h':
		if (p[1] == 'h') { *length = LEN_CHAR; return p + 2; }
		*length = LEN_SHORT;
		return p + 1;
	case 'l':
		if (p[1] == 'l') { *length = LEN_LONG_LONG; return p + 2; }
		*length = LEN_LONG;
		return p + 1;
	case 'z': *length = LEN_SIZE; return p + 1;
	case 't': *length = LEN_PTRDIFF; return p + 1;
	case 'j': *length = LEN_MAX; return p + 1;
	default: return p;
	}
}

int fmt_format(fmt_sink sink, void *context, const char *format, va_list args_in)
{
	struct fmt_out out = { sink, context, 0 };
	va_list args;
	va_copy(args, args_in);

	for (const char *p = format; *p; p++) {
		if (*p != '%') {
			out_char(&out, *p);
			continue;
		}
		const char *start = p++;
		struct fmt_spec spec = { .precision = -1 };
		p = parse_flags(p, &spec);
		p = parse_count(p, &args, &spec.width);
		if (spec.width < 0) { /* a negative '*' width means left-aligned */
			spec.left_align = true;
			spec.width = -spec.width;
		}
		if (*p == '.') {
			p = parse_count(p + 1, &args, &spec.precision);
			if (spec.precision < 0)
				spec.precision = -1;
		}
		enum length_modifier length;
		p = parse_length(p, &length);
		/* C: '+' and ' ' only affect signed conversions. */
		if (*p == 'u' || *p == 'o' || *p == 'x' || *p == 'X')
			spec.plus_sign = spec.space_sign = false;

		switch (*p) {
		case 'd':
		case 'i': {
			int64_t value = fetch_signed(&args, length);
			uint64_t magnitude = value < 0 ? -(uint64_t)value : (uint64_t)value;
			format_number(&out, &spec, magnitude, value < 0, 10, false, NULL);
			break;
		}
		case 'u':
			format_number(&out, &spec, fetch_unsigned(&args, length), false, 10, false, NULL);
			break;
		case 'o': {
			uint64_t value = fetch_unsigned(&args, length);
			/* Even for zero: "%#.0o" of 0 is "0", not empty. */
			format_number(&out, &spec, value, false, 8, false, spec.alternate ? "0" : NULL);
			break;
		}
		case 'x':
		case 'X': {
			uint64_t value = fetch_unsigned(&args, length);
			const char *prefix = NULL;
			if (spec.alternate && value)
				prefix = *p == 'x' ? "0x" : "0X";
			format_number(&out, &spec, value, false, 16, *p == 'X', prefix);
			break;
		}
		case 'p': {
			uintptr_t value = (uintptr_t)va_arg(args, void *);
			format_number(&out, &spec, value, false, 16, false, "0x");
			break;
		}
		case 's':
			format_string(&out, &spec, va_arg(args, const char *));
			break;
		case 'c': {
			char c = (char)va_arg(args, int);
			if (!spec.left_align)
				out_repeat(&out, ' ', spec.width - 1);
			out_char(&out, c);
			if (spec.left_align)
				out_repeat(&out, ' ', spec.width - 1);
			break;
		}
		case '%':
			out_char(&out, '%');
			break;
		default:
			/* Unknown conversion (or the string ended): show it as written. */
			for (const char *q = start; q <= p && *q; q++)
				out_char(&out, *q);
			if (!*p)
				p--;
			break;
		}
	}
	va_end(args);
	return out.count;
}

struct buffer_sink {
	char *buffer;
	size_t size;
	size_t used;
};

static void buffer_put(void *context, char c)
{
	struct buffer_sink *sink = context;
	if (sink->used + 1 < sink->size)
		sink->buffer[sink->used] = c;
	sink->used++;
}

int fmt_vsnprintf(char *buffer, size_t size, const char *format, va_list args)
{
	struct buffer_sink sink = { buffer, size, 0 };
	int count = fmt_format(buffer_put, &sink, format, args);
	if (size > 0)
		buffer[sink.used < size ? sink.used : size - 1] = '\0';
	return count;
}

int fmt_snprintf(char *buffer, size_t size, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	int count = fmt_vsnprintf(buffer, size, format, args);
	va_end(args);
	return count;
}

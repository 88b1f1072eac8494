/*
 * printf-style formatting for the nucleus and components.
 *
 * One formatter writes through a sink callback, so the same code serves the
 * serial console, fixed buffers and the host unit tests. Supported: flags
 * - 0 + space #, width and precision (numbers or *), lengths hh h l ll z t j,
 * conversions d i u o x X p s c %. Anything else is printed verbatim.
 * Widths and precisions beyond FMT_MAX_FIELD are clamped to it.
 */
#ifndef LIB_FMT_H
#define LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

#define FMT_MAX_FIELD 4096

typedef void (*fmt_sink)(void *context, char c);

/* Returns the number of characters produced. */
int fmt_format(fmt_sink sink, void *context, const char *format, va_list args);

/* Like vsnprintf: always terminates (when size > 0), returns the length the
 * full output would have had. */
int fmt_vsnprintf(char *buffer, size_t size, const char *format, va_list args);
int fmt_snprintf(char *buffer, size_t size, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

#endif

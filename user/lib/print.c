#include "lib/fmt.h"
#include "user/lib/strata.h"

int st_printf(const char *format, ...)
{
	char buffer[512];
	va_list args;
	va_start(args, format);
	int length = fmt_vsnprintf(buffer, sizeof buffer, format, args);
	va_end(args);
	size_t written = (size_t)length < sizeof buffer ? (size_t)length : sizeof buffer - 1;
	st_debug_write(buffer, written);
	return length;
}

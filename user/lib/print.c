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

const char *st_error_name(long error)
{
	static const char *const names[ST_ERROR_COUNT] = {
		"ok", "invalid syscall", "invalid slot", "empty slot", "wrong type", "no rights",
		"slot occupied", "invalid argument", "no memory", "bad address", "already mapped",
		"not mapped", "illegal operation", "aborted", "would block", "timed out",
	};
	return error >= 0 && error < ST_ERROR_COUNT ? names[error] : "unknown error";
}

uint64_t st_page_entry(uint64_t address)
{
	/* Each level's entries are themselves a window: the entry for a table
	 * at level n lives at the window address of the window address. */
	const uint64_t base = ST_UVPT_BASE;
	uint64_t index = (address & ((1ull << 47) - 1)) >> 12; /* 36 bits: 4 x 9 */
	uint64_t pml4e = base + (ST_UVPT_SLOT << 30) + (ST_UVPT_SLOT << 21) + (ST_UVPT_SLOT << 12) + (index >> 27) * 8;
	uint64_t pdpte = base + (ST_UVPT_SLOT << 30) + (ST_UVPT_SLOT << 21) + (index >> 18) * 8;
	uint64_t pde = base + (ST_UVPT_SLOT << 30) + (index >> 9) * 8;
	uint64_t pte = base + index * 8;
	if (!(*(volatile uint64_t *)pml4e & 1) || !(*(volatile uint64_t *)pdpte & 1))
		return 0;
	uint64_t entry = *(volatile uint64_t *)pde;
	if (!(entry & 1) || (entry & 0x80))
		return entry; /* absent, or a 2 MiB page */
	return *(volatile uint64_t *)pte;
}

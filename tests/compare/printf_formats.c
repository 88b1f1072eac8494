/* printf conversions: every one runs through musl's own code, but the
 * output crosses write() and the console or file path of the system. */
#include "common.h"

#include <limits.h>
#include <stdint.h>

int main(void)
{
	printf("[%d] [%i] [%u] [%x] [%X] [%o]\n", -42, 42, 42u, 0xbeefu, 0xbeefu, 8u);
	printf("[%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42);
	printf("[%ld] [%lld] [%lu] [%llx]\n", LONG_MIN, LLONG_MAX, ULONG_MAX, 0x123456789abcdefull);
	printf("[%hd] [%hhd] [%hu] [%zu] [%zd] [%jd]\n", (short)-1234, (signed char)-5, (unsigned short)65535,
	       (size_t)12345, (ssize_t)-1, (intmax_t)-99);
	printf("[%c] [%s] [%.3s] [%10s] [%-10s]\n", 'x', "string", "truncated", "right", "left");
	printf("[%f] [%.2f] [%10.4f] [%e] [%E] [%g] [%G]\n", 3.14159, 2.71828, -1.5, 12345.678, 0.000123, 1e-10, 1e20);
	printf("[%a] [%.0f] [%.0f] [%g]\n", 1.0, 0.5, 1.5, 100000.0);
	printf("[%#x] [%#o] [%p] [%p]\n", 255u, 8u, (void *)0x1234, (void *)0);
	printf("[%*d] [%-*d] [%.*f]\n", 6, 7, 6, 7, 3, 1.0 / 3);
	printf("[%%] [100%%]\n");
	int count = 0;
	printf("abc%n|\n", &count);
	printf("n = %d\n", count);
	char small[8];
	const char *volatile longer = "a longer string";
	int wanted = snprintf(small, sizeof small, "%s", longer);
	printf("snprintf wanted %d, got '%s'\n", wanted, small);
	printf("[%f] [%f] [%f]\n", 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0 < 0 ? 0.0 : -0.0);
	char big[64];
	sprintf(big, "%08.3f|%-8.2e|", 3.14159, 314.159);
	printf("%s\n", big);
	return 0;
}

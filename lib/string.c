#include "lib/string.h"

#include <stdint.h>

void *memset(void *destination, int value, size_t count)
{
	unsigned char *d = destination;
	while (count--)
		*d++ = (unsigned char)value;
	return destination;
}

void *memcpy(void *restrict destination, const void *restrict source, size_t count)
{
	unsigned char *d = destination;
	const unsigned char *s = source;
	while (count--)
		*d++ = *s++;
	return destination;
}

void *memmove(void *destination, const void *source, size_t count)
{
	unsigned char *d = destination;
	const unsigned char *s = source;
	if ((uintptr_t)d - (uintptr_t)s >= count) {
		/* No overlap that a forward copy would clobber. */
		while (count--)
			*d++ = *s++;
	} else {
		d += count;
		s += count;
		while (count--)
			*--d = *--s;
	}
	return destination;
}

int memcmp(const void *a, const void *b, size_t count)
{
	const unsigned char *x = a, *y = b;
	for (; count; count--, x++, y++) {
		if (*x != *y)
			return *x < *y ? -1 : 1;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t count)
{
	const unsigned char *p = s;
	for (; count; count--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a < (unsigned char)*b ? -1 : (unsigned char)*a > (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t count)
{
	for (; count; count--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

size_t strlcpy(char *restrict destination, const char *restrict source, size_t size)
{
	size_t length = strlen(source);
	if (size) {
		size_t n = length < size - 1 ? length : size - 1;
		memcpy(destination, source, n);
		destination[n] = '\0';
	}
	return length;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t length = strlen(needle);
	for (; *haystack; haystack++) {
		if (!strncmp(haystack, needle, length))
			return (char *)haystack;
	}
	return length == 0 ? (char *)haystack : NULL;
}

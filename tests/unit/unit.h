/*
 * A minimal host unit-test framework. Tests register themselves; the runner
 * prints "ok NAME" or "FAIL NAME: file:line: what" per test and ends with
 * "unit: N passed, N failed". Built natively with ASan and UBSan.
 */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void unit_register(const char *name, void (*function)(void));
void unit_fail(const char *file, int line, const char *message);

#define UNIT_TEST(name)                                                            \
	static void name(void);                                                    \
	__attribute__((constructor)) static void register_##name(void)             \
	{                                                                          \
		unit_register(#name, name);                                        \
	}                                                                          \
	static void name(void)

#define CHECK(condition)                                                           \
	do {                                                                       \
		if (!(condition))                                                  \
			unit_fail(__FILE__, __LINE__, #condition);                 \
	} while (0)

#define CHECK_EQ(actual, expected)                                                 \
	do {                                                                       \
		unsigned long long unit_a = (unsigned long long)(actual);          \
		unsigned long long unit_e = (unsigned long long)(expected);        \
		if (unit_a != unit_e) {                                            \
			char unit_message[256];                                    \
			snprintf(unit_message, sizeof unit_message,                \
				 "%s == %#llx, expected %s == %#llx", #actual,     \
				 unit_a, #expected, unit_e);                        \
			unit_fail(__FILE__, __LINE__, unit_message);               \
		}                                                                  \
	} while (0)

#define CHECK_STR(actual, expected)                                                \
	do {                                                                       \
		const char *unit_a = (actual), *unit_e = (expected);               \
		if (strcmp(unit_a, unit_e) != 0) {                                 \
			char unit_message[512];                                    \
			snprintf(unit_message, sizeof unit_message,                \
				 "%s is \"%s\", expected \"%s\"", #actual, unit_a, \
				 unit_e);                                           \
			unit_fail(__FILE__, __LINE__, unit_message);               \
		}                                                                  \
	} while (0)

/* Stops the test at its first failure, so a broken loop reports once. */
#define REQUIRE(condition)                                                         \
	do {                                                                       \
		if (!(condition)) {                                                \
			unit_fail(__FILE__, __LINE__, #condition);                 \
			return;                                                    \
		}                                                                  \
	} while (0)

#define MIB(n) ((uint64_t)(n) << 20)
#define GIB(n) ((uint64_t)(n) << 30)
#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* A small deterministic generator (xorshift64), so failures reproduce. */
void unit_random_seed(uint64_t seed);
uint64_t unit_random_next(void);
uint64_t unit_random_below(uint64_t bound);

#endif

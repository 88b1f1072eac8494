#include "kernel/cmdline.h"

#include <stdbool.h>
#include <stddef.h>

#include "kernel/printk.h"
#include "lib/string.h"

struct kernel_options kernel_options;

#define DEFAULT_TIMER_HZ 100

static bool parse_unsigned(const char *text, size_t length, unsigned *out)
{
	if (length == 0 || length > 9)
		return false;
	unsigned value = 0;
	for (size_t i = 0; i < length; i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
		value = value * 10 + (unsigned)(text[i] - '0');
	}
	*out = value;
	return true;
}

static void apply_option(struct kernel_options *options, const char *word, size_t length)
{
	const char *equals = memchr(word, '=', length);
	size_t name_length = equals ? (size_t)(equals - word) : length;
	const char *value = equals ? equals + 1 : word + length;
	size_t value_length = length - name_length - (equals ? 1 : 0);

	if (name_length == 4 && !strncmp(word, "test", 4) && equals) {
		if (value_length == 0 || value_length >= sizeof options->test) {
			kprintf("cmdline: bad test name '%.*s' (ignored)\n", (int)value_length, value);
			return;
		}
		memcpy(options->test, value, value_length);
		options->test[value_length] = '\0';
	} else if (name_length == 2 && !strncmp(word, "hz", 2) && equals) {
		unsigned hz;
		if (parse_unsigned(value, value_length, &hz) && hz >= 1 && hz <= 1000)
			options->timer_hz = hz;
		else
			kprintf("cmdline: bad value '%.*s' for hz (want 1-1000; using %u)\n", (int)value_length,
				value, options->timer_hz);
	} else if (length == 12 && !strncmp(word, "console=user", 12)) {
		options->user_console = true;
	} else {
		/* The whole line also goes to the root task: it may be for it. */
		kprintf("cmdline: '%.*s' is not a nucleus option (left to the root task)\n", (int)length, word);
	}
}

void cmdline_parse(const char *cmdline, struct kernel_options *options)
{
	options->test[0] = '\0';
	options->timer_hz = DEFAULT_TIMER_HZ;
	options->user_console = false;
	const char *p = cmdline;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		const char *word = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (p > word)
			apply_option(options, word, (size_t)(p - word));
	}
}

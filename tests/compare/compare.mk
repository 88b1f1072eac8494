# Comparison tests (tests/compare/): small musl programs built once, run on
# the Linux host and on Strata, outputs compared by tests/compare/run; and
# the boot archive of a Linux-mode boot ($(BUILD)/initrd.cpio), which holds
# busybox, the programs (/tests/bin), the busybox scripts (/tests/scripts)
# and the script that runs them in the guest (/tests/run-all.sh).
# Included from the top-level Makefile.

COMPARE_CC := musl-gcc
COMPARE_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -static -Itests/compare
COMPARE_SOURCES := $(sort $(wildcard tests/compare/*.c))
COMPARE_PROGRAMS := $(patsubst tests/compare/%.c,$(BUILD)/compare/%,$(COMPARE_SOURCES))
COMPARE_SCRIPTS := $(sort $(wildcard tests/compare/scripts/*.sh))

.PHONY: compare-programs initrd
compare-programs: $(COMPARE_PROGRAMS)
initrd: $(BUILD)/initrd.cpio

$(BUILD)/compare/%: tests/compare/%.c $(wildcard tests/compare/*.h) tests/compare/compare.mk
	@mkdir -p $(dir $@)
	@echo "  MUSL    $<"
	@$(COMPARE_CC) $(COMPARE_CFLAGS) -o $@ $<

$(BUILD)/initrd.cpio: $(COMPARE_PROGRAMS) $(COMPARE_SCRIPTS) tests/compare/guest-run-all.sh tools/make-initrd
	@echo "  INITRD  $@"
	@tools/make-initrd $@ $(BUILD)/compare /tests/bin tests/compare/scripts /tests/scripts \
		tests/compare/guest-run-all.sh /tests/run-all.sh

# Part of every build (include this file after the `all:` rule, so that
# none of its rules becomes the default goal).
all: $(BUILD)/initrd.cpio

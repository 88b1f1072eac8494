# Strata top-level build. `make` builds the kernel; `make run` boots it;
# `make test` runs every test; `make debug` boots it under gdb. See README.md.

BUILD := build
CC := gcc
HOST_CC := gcc

KERNEL_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -g \
	-ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-stack-protector -fno-pic -fno-pie -mno-red-zone -mcmodel=kernel \
	-mgeneral-regs-only -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-fno-strict-aliasing -I. -MMD -MP
KERNEL_ASFLAGS := -I. -MMD -MP -D__ASSEMBLY__
KERNEL_LDFLAGS := -nostdlib -static -no-pie -Wl,-z,max-page-size=0x1000 \
	-Wl,--no-warn-rwx-segments -Wl,--build-id=none -Wl,-T,kernel/arch/x86_64/kernel.ld

KERNEL_C := $(sort $(wildcard kernel/*.c kernel/arch/x86_64/*.c kernel/mm/*.c kernel/object/*.c kernel/ipc/*.c kernel/tests/*.c lib/*.c))
KERNEL_S := $(sort $(wildcard kernel/arch/x86_64/*.S))
KERNEL_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(KERNEL_C)) $(patsubst %.S,$(BUILD)/%.o,$(KERNEL_S))

# Native user programs: freestanding for now (they call the nucleus
# directly); Linux-ABI programs will link musl.
USER_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -g -ffreestanding -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) -fno-stack-protector -fno-pie \
	-fno-omit-frame-pointer -I. -MMD -MP
USER_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,max-page-size=0x1000
# The user library is an archive: a program gets only the members it uses
# (user/lib/utest.o, the test harness with its own main, only in tests).
USER_LIB_OBJ := $(patsubst %,$(BUILD)/user-obj/%.o,user/lib/print user/lib/alloc user/lib/process \
	user/lib/utest lib/fmt lib/string lib/elf)
USER_LIB := $(BUILD)/user-lib.a
USER_START := $(BUILD)/user-obj/user/lib/start.o
USER_PROGRAMS := $(patsubst user/%/,$(BUILD)/user/%.elf,$(filter-out user/lib/,$(sort $(dir $(wildcard user/*/*.c)))))
# Components (components/NAME/, every .c below it but libos/) are native
# programs too, built the same way: build/components/NAME.elf.
COMPONENTS := $(patsubst components/%/,$(BUILD)/components/%.elf,$(sort $(dir $(wildcard components/*/*.c))))

HOST_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O1 -g -fsanitize=address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=all -I. -Itests/unit
UNIT_SOURCES := $(sort $(wildcard tests/unit/*.c)) lib/fmt.c lib/bitmap.c lib/elf.c \
	kernel/mm/memmap.c kernel/mm/frame_alloc.c kernel/object/slot.c

.PHONY: all run test test-unit test-guest debug bench setup clean
all: $(BUILD)/kernel.elf $(BUILD)/kernel-pvh.elf $(USER_PROGRAMS) $(COMPONENTS) $(BUILD)/components/libos.elf

include tests/compare/compare.mk

$(BUILD)/user-obj/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC user $<"
	@$(CC) $(USER_CFLAGS) -c $< -o $@

$(BUILD)/user-obj/%.o: %.S Makefile
	@mkdir -p $(dir $@)
	@echo "  AS user $<"
	@$(CC) $(USER_CFLAGS) -c $< -o $@

# A program is every .c file in its folder under user/.
user_objects = $(patsubst %.c,$(BUILD)/user-obj/%.o,$(wildcard user/$(1)/*.c))
.SECONDEXPANSION:
# Objects made through pattern rules are kept (not deleted as intermediates).
.SECONDARY:
$(BUILD)/user/%.elf: $(USER_START) $$(call user_objects,$$*) $(USER_LIB)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(USER_LDFLAGS) -o $@ $^

component_objects = $(patsubst %.c,$(BUILD)/user-obj/%.o,$(shell find components/$(1) -name '*.c' -not -path '*/libos/*'))
$(BUILD)/components/%.elf: $(USER_START) $$(call component_objects,$$*) $(USER_LIB)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(USER_LDFLAGS) -o $@ $^

# The library OS of the exo placement (components/posix/libos/): its own
# image, linked where every exo process has it (libos.ld), position-
# independent code because that is far above 2 GiB, and no SSE or x87:
# it runs on the program's thread between two of its instructions, so the
# program's floating-point registers must come back untouched.
LIBOS_OBJ := $(patsubst %,$(BUILD)/user-obj/%.o,$(basename $(sort $(wildcard components/posix/libos/*.c components/posix/libos/*.S))))
$(BUILD)/user-obj/components/posix/libos/%.o: USER_CFLAGS += -fpie -mgeneral-regs-only
$(BUILD)/components/libos.elf: $(LIBOS_OBJ) components/posix/libos/libos.ld
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(USER_LDFLAGS) -Wl,-T,components/posix/libos/libos.ld -o $@ $(LIBOS_OBJ)

$(USER_LIB): $(USER_LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/%.o: %.c Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.S Makefile
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(KERNEL_ASFLAGS) -c $< -o $@

# Two links: the first gives function addresses, from which tools/gen-ksyms
# writes the symbol table for backtraces; the table sits last in .rodata, after
# all code, so the second link leaves every function where the first put it.
$(BUILD)/kernel.pass1.elf: $(KERNEL_OBJ) $(BUILD)/ksyms-empty.o kernel/arch/x86_64/kernel.ld
	@echo "  LD      $@"
	@$(CC) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJ) $(BUILD)/ksyms-empty.o

$(BUILD)/ksyms-empty.S: tools/gen-ksyms
	@mkdir -p $(dir $@)
	tools/gen-ksyms /dev/null > $@

$(BUILD)/ksyms.S: $(BUILD)/kernel.pass1.elf tools/gen-ksyms
	tools/gen-ksyms $< > $@

$(BUILD)/ksyms-empty.o $(BUILD)/ksyms.o: $(BUILD)/%.o: $(BUILD)/%.S
	$(CC) -c $< -o $@

$(BUILD)/kernel.elf: $(KERNEL_OBJ) $(BUILD)/ksyms.o tools/check-image
	@echo "  LD      $@"
	@$(CC) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJ) $(BUILD)/ksyms.o
	tools/check-image $@ $(BUILD)/kernel.pass1.elf

# The same kernel with its Multiboot magic erased, so QEMU boots it through
# the PVH note instead: how the tests exercise the PVH entry path.
$(BUILD)/kernel-pvh.elf: $(BUILD)/kernel.elf $(BUILD)/tools/pvh-only
	$(BUILD)/tools/pvh-only $< $@

$(BUILD)/tools/%: tools/%.c
	@mkdir -p $(dir $@)
	$(HOST_CC) -std=gnu11 -Wall -Wextra -Werror -O2 -o $@ $<

$(BUILD)/host/unit-tests: $(UNIT_SOURCES) lib/string.c $(wildcard tests/unit/*.h lib/*.h kernel/mm/*.h kernel/object/*.h include/strata/*.h) \
		$(wildcard components/*/*.[ch] components/*/*/*.[ch])
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -fno-builtin -include tests/unit/host_rename.h -c lib/string.c -o $(BUILD)/host/string.o
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $(UNIT_SOURCES) $(BUILD)/host/string.o

setup:
	@tools/setup

# An interactive busybox shell on the serial console: the Linux personality
# (PLACEMENT=micro: a server; exo: a library OS in each process) as the root
# task, the console server, the boot archive and the library OS.
PLACEMENT ?= micro
run: setup all
	MEMORY=512M tools/qemu-run $(BUILD)/kernel.elf -append "console=user placement=$(PLACEMENT)" \
		-initrd $(BUILD)/components/posix.elf,$(BUILD)/components/console.elf,$(BUILD)/initrd.cpio,$(BUILD)/components/libos.elf

debug: setup all
	tools/debug $(BUILD)/kernel.elf

test: setup all $(BUILD)/host/unit-tests
	tests/run-all

# Benchmarks (not tests): Strata and a Linux guest, same QEMU settings.
bench: all
	@tools/setup bench
	BUILD=$(BUILD) tools/bench

test-unit: $(BUILD)/host/unit-tests
	$(BUILD)/host/unit-tests

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

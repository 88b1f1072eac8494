/* Boot information, the command line, symbols, interrupts and the timer. */
#include <stdint.h>

#include "kernel/arch/x86_64/apic_timer.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/tsc.h"
#include "kernel/cmdline.h"
#include "kernel/ksyms.h"
#include "kernel/ktest.h"
#include "kernel/mm/layout.h"
#include "kernel/printk.h"
#include "lib/string.h"

/* tests/guest/module.txt starts with this line; the runner passes it as a
 * boot module (Multiboot module or PVH module/initrd). */
#define TEST_MODULE_MAGIC "STRATA-TEST-MODULE"

KTEST(boot_info, KTEST_STAGE_LATE)
{
	kprintf("boot protocol: %s\n", info->protocol_name);
	KCHECK(info->memmap_count > 0);
	uint64_t usable = 0;
	for (size_t i = 0; i < info->memmap_count; i++) {
		if (info->memmap[i].type == MEMMAP_USABLE)
			usable += info->memmap[i].length;
	}
	KCHECK(usable >= 128ull << 20); /* the runner gives the guest 256 MiB */
	KCHECK(strncmp(info->cmdline, "test=boot_info", 14) == 0);
	KCHECK(info->module_count == 1);
	if (info->module_count == 1) {
		const struct boot_module *m = &info->modules[0];
		kprintf("module 0: 0x%lx-0x%lx \"%s\"\n", m->start, m->end, m->name);
		KCHECK(m->end - m->start >= sizeof TEST_MODULE_MAGIC - 1);
		KCHECK(memcmp(phys_to_virt(m->start), TEST_MODULE_MAGIC, sizeof TEST_MODULE_MAGIC - 1) == 0);
	}
}

KTEST(cmdline_options, KTEST_STAGE_LATE)
{
	struct kernel_options o;
	cmdline_parse("", &o);
	KCHECK(o.test[0] == '\0' && o.timer_hz == 100);
	cmdline_parse("  test=abc   hz=250 ", &o);
	KCHECK(strcmp(o.test, "abc") == 0 && o.timer_hz == 250);
	cmdline_parse("hz=0 hz=1001 hz=12x hz= hz", &o);
	KCHECK(o.timer_hz == 100);
	cmdline_parse("test= test=0123456789012345678901234567890123456789012345678901234567890", &o);
	KCHECK(o.test[0] == '\0');
	cmdline_parse("nonsense weird=1 =", &o);
	KCHECK(o.test[0] == '\0' && o.timer_hz == 100);
	/* The real command line: the runner adds bogus options to it. */
	KCHECK(kernel_options.timer_hz == 100);
}

KTEST(symbols, KTEST_STAGE_LATE)
{
	extern void kernel_main(uint32_t, uint32_t);
	uint64_t offset = 99;
	const char *name = ksym_lookup((uint64_t)&kernel_main, &offset);
	KCHECK(name && strcmp(name, "kernel_main") == 0 && offset == 0);
	name = ksym_lookup((uint64_t)&kernel_main + 3, &offset);
	KCHECK(name && strcmp(name, "kernel_main") == 0 && offset == 3);
	KCHECK(ksym_lookup(0x1000, &offset) == NULL);
	KCHECK(ksym_lookup(DIRECT_MAP_BASE, &offset) == NULL);
}

/* An interrupt nobody registered is reported and ignored. */
KTEST(unexpected_interrupt, KTEST_STAGE_LATE)
{
	__asm__ volatile("int $0x80");
	kprintf("survived int $0x80\n");
}

KTEST(timer_ticks, KTEST_STAGE_LATE)
{
	KCHECK(tsc_hz > 0);
	KCHECK(read_rflags() & (1u << 9)); /* interrupts on */
	/* Wait for a tick edge, then time ten ticks with the TSC. */
	uint64_t deadline = rdtsc_ordered() + 5 * tsc_hz;
	uint64_t start_tick = timer_ticks;
	while (timer_ticks == start_tick && rdtsc_ordered() < deadline)
		wait_for_interrupt();
	uint64_t first = timer_ticks;
	uint64_t start = rdtsc_ordered();
	while (timer_ticks < first + 10 && rdtsc_ordered() < deadline)
		wait_for_interrupt();
	uint64_t elapsed = rdtsc_ordered() - start;
	KCHECK(timer_ticks >= first + 10);
	/* Ten ticks at timer_hz never come early (5% slack for calibration). */
	uint64_t expected = tsc_hz / timer_hz * 10;
	kprintf("10 ticks took %lu TSC cycles, expected %lu\n", elapsed, expected);
	KCHECK(elapsed >= expected - expected / 20);
}

/* Passes once boot is complete; the runner checks the banner it printed. */
KTEST(banner, KTEST_STAGE_LATE)
{
}

/* The nucleus's C entry: bring up the machine in dependency order. */
#include "kernel/arch/x86_64/apic.h"
#include "kernel/arch/x86_64/apic_timer.h"
#include "kernel/arch/x86_64/boot_protocol.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/cpu_features.h"
#include "kernel/arch/x86_64/vspace.h"
#include "kernel/ipc/timeout.h"
#include "kernel/arch/x86_64/idt.h"
#include "kernel/arch/x86_64/ioapic.h"
#include "kernel/arch/x86_64/irq.h"
#include "kernel/arch/x86_64/paging.h"
#include "kernel/arch/x86_64/segments.h"
#include "kernel/arch/x86_64/tsc.h"
#include "kernel/arch/x86_64/uart.h"
#include "kernel/boot_info.h"
#include "kernel/cmdline.h"
#include "kernel/ktest.h"
#include "kernel/mm/page.h"
#include "kernel/mm/physical_memory.h"
#include "kernel/printk.h"
#include "kernel/root_task.h"
#include "kernel/scheduler.h"
#include "kernel/stop.h"
#include "kernel/thread.h"

static struct boot_info boot_info;

static void read_boot_info(uint32_t protocol, uint32_t info_phys)
{
	int result = -1;
	if (protocol == BOOT_PROTOCOL_MULTIBOOT)
		result = boot_info_from_multiboot(info_phys, &boot_info);
	else if (protocol == BOOT_PROTOCOL_PVH)
		result = boot_info_from_pvh(info_phys, &boot_info);
	else
		panic("entered by an unknown boot loader (no Multiboot magic, not the PVH entry)");
	if (result)
		panic("the %s boot information is unusable", boot_info.protocol_name);
}

static void print_banner(void)
{
	char features[160];
	cpu_features_describe(features, sizeof features);
	uint64_t usable = kernel_frames.usable_frames * PAGE_SIZE;
	uint64_t free = kernel_frames.free_frames * PAGE_SIZE;
	kprintf("\nStrata nucleus, x86-64\n");
	kprintf("  cpu      %s%s%s\n", cpu_features.brand[0] ? cpu_features.brand : cpu_features.vendor,
		cpu_features.hypervisor[0] ? ", hypervisor " : "", cpu_features.hypervisor);
	kprintf("  features %s\n", features);
	kprintf("  boot     %s, command line \"%s\", %zu module(s)\n", boot_info.protocol_name,
		boot_info.cmdline, boot_info.module_count);
	kprintf("  memory   %lu KiB usable, %lu KiB free, %lu KiB used by the nucleus\n", usable / 1024,
		free / 1024, (usable - free) / 1024);
	kprintf("  tsc      %lu.%03lu MHz (%s)\n", tsc_hz / 1000000, tsc_hz / 1000 % 1000, tsc_source);
	kprintf("  timer    %u Hz, %s, %s\n", timer_hz, timer_mode, apic_x2apic_mode ? "x2APIC" : "xAPIC");
	ioapic_print_banner();
}

/* The idle thread: halts until an interrupt makes a thread runnable. It
 * prints nothing: the serial line may be a user console by now. */
_Noreturn void idle_forever(void)
{
	/* Threads that sleep or wait with a timeout will run again. */
	if (!timeout_pending())
		ktest_user_threads_finished();
	for (;;) {
		/* Interrupts stay off between the check and hlt ("sti; hlt" opens
		 * them only once halted), so no wake-up is missed. */
		interrupts_disable();
		if (scheduler_pick())
			thread_return_to_user();
		__asm__ volatile("sti; hlt" ::: "memory");
	}
}

void kernel_main(uint32_t protocol, uint32_t info_phys)
{
	uart_init();
	kprintf("Strata: entered from the boot loader\n");
	cpu_features_detect();
	segments_init();
	idt_init();
	cpu_protections_enable();

	read_boot_info(protocol, info_phys);
	cmdline_parse(boot_info.cmdline, &kernel_options);
	stop_exits_emulator = kernel_options.test[0] != '\0';
	ktest_run_stage(KTEST_STAGE_EARLY, &boot_info);

	physical_memory_init(&boot_info);
	paging_init(&boot_info);
	tsc_calibrate();
	apic_init();
	irq_init(&boot_info); /* every I/O APIC input masked */
	apic_timer_start(kernel_options.timer_hz);
	interrupts_enable();
	print_banner();

	ktest_run_stage(KTEST_STAGE_LATE, &boot_info);
	user_mode_init();
	vspace_enable_pcid();
	ktest_run_stage(KTEST_STAGE_USER, &boot_info);
	root_task_run(&boot_info);
}

#include "kernel/stop.h"

#include "kernel/arch/x86_64/cpu.h"
#include "kernel/printk.h"

#define QEMU_DEBUG_EXIT_PORT 0xf4

bool stop_exits_emulator;

_Noreturn void system_stop(enum stop_reason reason)
{
	interrupts_disable();
	if (stop_exits_emulator)
		outl(QEMU_DEBUG_EXIT_PORT, reason);
	kprintf("System halted. (Under QEMU: Ctrl-A X quits.)\n");
	for (;;)
		__asm__ volatile("cli; hlt");
}

#include "kernel/printk.h"

#include "kernel/arch/x86_64/backtrace.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/uart.h"
#include "kernel/stop.h"
#include "lib/fmt.h"

static void console_sink(void *context, char c)
{
	(void)context;
	uart_putc(c);
}

void kvprintf(const char *format, va_list args)
{
	fmt_format(console_sink, 0, format, args);
}

void kprintf(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	kvprintf(format, args);
	va_end(args);
}

_Noreturn void panic(const char *format, ...)
{
	interrupts_disable();
	kprintf("\n*** PANIC: ");
	va_list args;
	va_start(args, format);
	kvprintf(format, args);
	va_end(args);
	kprintf("\n");
	backtrace_print(read_frame_pointer(), 0);
	system_stop(STOP_PANIC);
}

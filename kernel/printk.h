/* Kernel diagnostics on the serial console, and panic. */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <stdarg.h>

void kprintf(const char *format, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *format, va_list args);

/* Prints the message and a backtrace, then stops the machine. */
_Noreturn void panic(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif

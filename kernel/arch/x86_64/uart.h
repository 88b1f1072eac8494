/* The 16550 UART on COM1: the nucleus's diagnostic console. */
#ifndef KERNEL_ARCH_X86_64_UART_H
#define KERNEL_ARCH_X86_64_UART_H

void uart_init(void);
void uart_putc(char c);

#endif

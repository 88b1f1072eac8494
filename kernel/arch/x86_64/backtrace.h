/* Symbolized backtraces by walking the frame-pointer chain. */
#ifndef KERNEL_ARCH_X86_64_BACKTRACE_H
#define KERNEL_ARCH_X86_64_BACKTRACE_H

#include <stdint.h>

/* Prints "  #n 0x... <function+0xoff>" lines. If rip is nonzero it is frame
 * #0 (the faulting instruction); then the return addresses found from rbp. */
void backtrace_print(uint64_t rbp, uint64_t rip);

/* Prints one address as "0x... <function+0xoff>" (no newline). */
void print_code_address(uint64_t address);

#endif

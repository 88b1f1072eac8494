/* Symbolized backtraces by walking the frame-pointer chain. */
#ifndef KERNEL_ARCH_X86_64_BACKTRACE_H
#define KERNEL_ARCH_X86_64_BACKTRACE_H

#include <stdint.h>

/* Prints "  #n 0x... <function+0xoff>" lines. If rip is nonzero it is frame
 * #0 (the faulting instruction); then the return addresses found from rbp. */
void backtrace_print(uint64_t rbp, uint64_t rip);

/* For a trap frame: like backtrace_print, but when the fault hit the first
 * instruction of a function (before it saved rbp), its caller's return
 * address is still on top of the stack, so that is frame #1. */
void backtrace_print_trap(uint64_t rbp, uint64_t rip, uint64_t rsp);

/* Prints one address as "0x... <function+0xoff>" (no newline). */
void print_code_address(uint64_t address);

#endif

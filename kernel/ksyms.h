/* The kernel's function symbols, generated at build time (tools/gen-ksyms). */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <stdint.h>

/* The function containing address and the offset into it, or NULL. */
const char *ksym_lookup(uint64_t address, uint64_t *offset);

#endif

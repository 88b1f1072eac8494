/* The root task: the one program the nucleus itself loads (the first boot
 * module, an ELF64 executable). Everything else is user space's job. */
#ifndef KERNEL_ROOT_TASK_H
#define KERNEL_ROOT_TASK_H

#include <stdint.h>

#include "kernel/boot_info.h"

/* Loads the first module and starts it with rdi = argument. Returns only if
 * the module cannot be loaded (after saying why). */
void root_task_start(const struct boot_info *info, uint64_t argument);

#endif

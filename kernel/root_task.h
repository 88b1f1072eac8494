/* The root task: the one program the nucleus itself loads (the first boot
 * module, an ELF64 executable), with capabilities to everything user space
 * may use. Everything else is user space's job. */
#ifndef KERNEL_ROOT_TASK_H
#define KERNEL_ROOT_TASK_H

#include <stdbool.h>

#include "kernel/boot_info.h"

/* Builds the root task and makes it runnable; false (after saying why) if
 * the module cannot be loaded. */
bool root_task_create(const struct boot_info *info);

/* Creates it and enters user mode; idles if nothing could start. */
_Noreturn void root_task_run(const struct boot_info *info);

#endif

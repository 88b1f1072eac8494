/* Which loader entered the kernel; shared by boot.S and C. */
#ifndef KERNEL_ARCH_X86_64_BOOT_PROTOCOL_H
#define KERNEL_ARCH_X86_64_BOOT_PROTOCOL_H

#define BOOT_PROTOCOL_UNKNOWN 0
#define BOOT_PROTOCOL_MULTIBOOT 1
#define BOOT_PROTOCOL_PVH 2

#endif

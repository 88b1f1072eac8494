/*
 * 32-bit entry for both boot protocols, and the climb to long mode.
 *
 * Multiboot v1 (QEMU -kernel, GRUB) and PVH (XEN_ELFNOTE_PHYS32_ENTRY: QEMU
 * microvm, Firecracker, cloud-hypervisor) both enter in flat 32-bit protected
 * mode with paging off. Each entry records which protocol booted us and the
 * physical address of its info block, then the common path builds a minimal
 * page table (identity map of the first GiB, plus the same GiB at the higher
 * half), enables long mode and jumps to kernel_entry64 in the higher half.
 *
 * This file is linked at physical addresses (section .boot.*); everything else
 * in the kernel lives at KERNEL_VMA + physical.
 */
#include "kernel/arch/x86_64/boot_protocol.h"

.set KERNEL_VMA, 0xffffffff80000000
.set MB_MAGIC, 0x1BADB002
/* bit 0: page-align modules, bit 1: memory map, bit 16: use the address fields
 * below (QEMU refuses to parse a 64-bit ELF itself, so we describe the image). */
.set MB_FLAGS, 0x00010003

.section .multiboot, "a"
.align 4
multiboot_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long multiboot_header          /* header_addr (physical: .boot is linked there) */
	.long kernel_phys_start         /* load_addr */
	.long kernel_phys_load_end      /* load_end_addr: end of .data */
	.long kernel_phys_end           /* bss_end_addr: loader zeroes up to here */
	.long multiboot_entry           /* entry_addr */

.section .note.Xen, "a", @note
.align 4
	.long 4                         /* name size */
	.long 4                         /* descriptor size */
	.long 18                        /* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.align 4
	.long pvh_entry

.section .boot.text, "ax"
.code32
.global multiboot_entry
multiboot_entry:
	cli
	cld
	movl $BOOT_PROTOCOL_MULTIBOOT, boot_protocol_id
	movl %ebx, boot_info_phys
	cmpl $0x2BADB002, %eax
	je common_entry32
	movl $BOOT_PROTOCOL_UNKNOWN, boot_protocol_id
	jmp common_entry32

.global pvh_entry
pvh_entry:
	cli
	cld
	movl $BOOT_PROTOCOL_PVH, boot_protocol_id
	movl %ebx, boot_info_phys

common_entry32:
	movl $(boot_stack_top - KERNEL_VMA), %esp

	/* Long mode needs CPUID leaf 0x80000001 EDX bit 29. */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx
	jz no_long_mode
	movl %edx, %ebp                 /* keep: bit 20 says whether NX exists */

	/* Zero the boot page tables: a PVH loader need not clear .bss. */
	movl $(boot_page_tables - KERNEL_VMA), %edi
	xorl %eax, %eax
	movl $(4 * 4096 / 4), %ecx
	rep stosl

	/* PML4[0] -> low PDPT, PML4[511] -> high PDPT. */
	movl $(boot_pdpt_low - KERNEL_VMA + 3), boot_pml4 - KERNEL_VMA
	movl $(boot_pdpt_high - KERNEL_VMA + 3), boot_pml4 - KERNEL_VMA + 511 * 8
	/* Both PDPTs point at one page directory of 2 MiB pages over the first GiB:
	 * low PDPT[0] (identity) and high PDPT[510] (0xffffffff80000000). */
	movl $(boot_pd - KERNEL_VMA + 3), boot_pdpt_low - KERNEL_VMA
	movl $(boot_pd - KERNEL_VMA + 3), boot_pdpt_high - KERNEL_VMA + 510 * 8
	movl $(boot_pd - KERNEL_VMA), %edi
	movl $0x83, %eax                /* present, writable, 2 MiB page */
	movl $512, %ecx
1:	movl %eax, (%edi)
	addl $0x200000, %eax
	addl $8, %edi
	loop 1b

	movl %cr4, %eax
	orl $(1 << 5), %eax             /* PAE */
	movl %eax, %cr4
	movl $(boot_pml4 - KERNEL_VMA), %eax
	movl %eax, %cr3

	movl $0xC0000080, %ecx          /* EFER */
	rdmsr
	orl $(1 << 8), %eax             /* LME */
	testl $(1 << 20), %ebp
	jz 2f
	orl $(1 << 11), %eax            /* NXE, only where the CPU has NX */
2:	wrmsr

	movl %cr0, %eax
	orl $0x80010001, %eax           /* PG, WP, PE */
	movl %eax, %cr0

	lgdt boot_gdt_pointer
	ljmp $0x08, $long_mode_entry

no_long_mode:
	/* Say why on COM1 (the UART works without initialisation under QEMU). */
	movl $no_long_mode_message, %esi
3:	lodsb
	testb %al, %al
	jz 4f
	movw $0x3f8, %dx
	outb %al, %dx
	jmp 3b
4:	hlt
	jmp 4b

.code64
long_mode_entry:
	xorl %eax, %eax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	movw %ax, %fs
	movw %ax, %gs
	movl boot_protocol_id, %edi
	movl boot_info_phys, %esi
	movabsq $kernel_entry64, %rax
	jmp *%rax

.section .boot.data, "aw"
.align 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff        /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff        /* 0x10: data */
boot_gdt_end:
boot_gdt_pointer:
	.word boot_gdt_end - boot_gdt - 1
	.long boot_gdt
boot_protocol_id:
	.long 0
boot_info_phys:
	.long 0
no_long_mode_message:
	.asciz "Strata: this CPU has no 64-bit long mode; cannot boot.\r\n"

/* The rest runs in the higher half. */
.section .text
.global kernel_entry64
kernel_entry64:
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp                 /* terminates backtraces */
	call kernel_main
5:	cli
	hlt
	jmp 5b

.section .bss
.align 4096
boot_page_tables:
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd:        .skip 4096

/* The boot stack, with an unmapped guard page below it once paging_init runs,
 * so that an overflow is a clean double fault instead of silent corruption. */
.section .bss.stacks, "aw", @nobits
.align 4096
.global boot_stack_guard
boot_stack_guard: .skip 4096
boot_stack:       .skip 16384
.global boot_stack_top
boot_stack_top:


/* The stack the nucleus runs on after entering from user mode. */
.section .bss.stacks, "aw", @nobits
.align 4096
.global kernel_trap_stack_guard
kernel_trap_stack_guard: .skip 4096
kernel_trap_stack:       .skip 16384
.global kernel_trap_stack_top
kernel_trap_stack_top:

.section .note.GNU-stack, "", @progbits

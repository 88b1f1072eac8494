/*
 * Interrupts for user space: IRQ-handler capabilities made from IRQ
 * control, one per I/O APIC input or MSI vector, each delivering its
 * interrupt as a signal on a notification (docs/interrupts.md).
 *
 * Each handler owns one device vector (VECTOR_DEVICE_FIRST..LAST); its
 * capability's object field is that vector. A handler delivers at most one
 * signal per acknowledgement: a level-triggered I/O APIC input is masked
 * from when it fires until ST_SYS_IRQ_HANDLER_ACK; an edge-triggered input
 * or an MSI that fires again before the ack is remembered (once) and
 * signalled at the ack. With no notification bound, an I/O APIC input is
 * masked and an interrupt that still arrives is counted and dropped.
 */
#ifndef KERNEL_ARCH_X86_64_IRQ_H
#define KERNEL_ARCH_X86_64_IRQ_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/boot_info.h"

struct notification;

/* At boot, after the local APIC: finds and masks the I/O APICs, and takes
 * the device vectors. */
void irq_init(const struct boot_info *info);

/* A handler for an I/O APIC input: its vector in *vector. Errors:
 * ST_ERROR_INVALID_ARGUMENT (no such input), ST_ERROR_ILLEGAL_OPERATION
 * (the input has a handler already, or no vector is free). */
int irq_issue_gsi(uint64_t gsi, bool level, bool active_low, unsigned *vector);
/* A handler for an MSI: ST_ERROR_ILLEGAL_OPERATION if no vector is free. */
int irq_issue_msi(unsigned *vector);
/* The MSI address and data a device must write to raise vector. */
uint64_t irq_msi_address(void);
uint64_t irq_msi_data(unsigned vector);

/* The handler's last capability went: the input is masked and the vector
 * free again. */
void irq_release(unsigned vector);

/* Binds the handler to a notification (NULL: unbinds). */
void irq_set_notification(unsigned vector, struct notification *notification, uint64_t badge);
/* The driver has dealt with the device: the next interrupt may signal. */
void irq_ack(unsigned vector);

/* The notification is going: no interrupt may signal it any more. */
void irq_forget_notification(struct notification *notification);

#endif

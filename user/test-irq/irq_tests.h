/*
 * The IRQ and I/O-port suite: a second 16550 UART (COM2, which tests/run-all's
 * ",serial2" option adds) to make real interrupts with: its transmitter-empty
 * interrupt raises ISA IRQ 3 whenever we like.
 */
#ifndef USER_TEST_IRQ_IRQ_TESTS_H
#define USER_TEST_IRQ_IRQ_TESTS_H

#include <stdbool.h>
#include <stdint.h>

#include "user/lib/utest.h"

/* QEMU's pc machine: one I/O APIC with 24 inputs; the MADT sends ISA IRQ 0
 * (the PIT) to GSI 2 and leaves IRQ 3 (COM2) on GSI 3. */
#define GSI_COUNT 24
#define DEVICE_VECTOR_COUNT 176 /* 0x40-0xef (docs/interrupts.md) */

/* COM2 and its registers (offsets from its base). */
#define COM2 0x2f8
#define COM2_LAST 0x2ff
#define COM2_ISA_IRQ 3
#define UART_DATA 0
#define UART_IER 1 /* interrupt enable; bit 1: transmitter empty */
#define UART_IIR 2 /* reading it clears a transmitter-empty interrupt */
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4 /* bit 3: OUT2, which gates the IRQ line on real boards */
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCRATCH 7
#define UART_IER_TRANSMIT_EMPTY 0x02
#define UART_MCR_OUT2 0x08

/* A slot with an I/O-ports capability for all of COM2. */
uint32_t com2_ports(void);
uint8_t com2_read(uint32_t ports, unsigned reg);
void com2_write(uint32_t ports, unsigned reg, uint8_t value);
/* Interrupts off and nothing pending: its IRQ line low. */
void com2_quiet(uint32_t ports);
/* Enables the transmitter-empty interrupt: the transmitter is empty, so
 * the line goes high at once. */
void com2_raise(uint32_t ports);
/* Takes the interrupt (reads IIR): the line goes low. */
void com2_lower(uint32_t ports);
/* Low, then a byte sent: the transmitter empties again and the line goes
 * high: a fresh edge. */
void com2_pulse(uint32_t ports);

/* A handler for COM2's IRQ (as an ISA IRQ, by the MADT) in a fresh slot. */
uint32_t com2_handler(void);
/* COM2's GSI, by the MADT (asked through a handler that is then deleted). */
uint64_t com2_gsi(void);

/* A new notification; with badge != 0, a badged copy of it in *badged. */
uint32_t new_notification(uint64_t badge, uint32_t *badged);
/* A copy of a capability with fewer rights, in a fresh slot. */
uint32_t copy_with_rights(uint32_t slot, unsigned rights);

/* Polls the notification, yielding, until bits arrive (true, *bits) or
 * `ticks` timer ticks pass (false). */
bool signalled_within(uint32_t notification, unsigned ticks, uint64_t *bits);
/* True if no bits arrive for `ticks` timer ticks (polling, yielding). */
bool quiet_for(uint32_t notification, unsigned ticks);

uint64_t tsc_now(void);
uint64_t tsc_per_tick(void);

#endif

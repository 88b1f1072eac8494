/*
 * IRQ handlers: the table of device vectors, what an interrupt on one
 * does, and acknowledgement. The system calls that reach these are in
 * kernel/object/irq_calls.c. Everything here runs with interrupts off (in
 * a system call, or in the interrupt itself), on the one CPU.
 */
#include "kernel/arch/x86_64/irq.h"

#include "include/strata/errors.h"
#include "kernel/arch/x86_64/apic.h"
#include "kernel/arch/x86_64/interrupts.h"
#include "kernel/arch/x86_64/ioapic.h"
#include "kernel/ipc/ipc.h"

#define DEVICE_VECTORS (VECTOR_DEVICE_LAST - VECTOR_DEVICE_FIRST + 1)
/* An MSI is a write here: fixed delivery, physical destination in bits
 * 12-19; its data is the vector (edge-triggered). */
#define MSI_ADDRESS_BASE 0xfee00000ull
#define MSI_DESTINATION_SHIFT 12

struct irq_line {
	bool issued;       /* a handler capability exists */
	bool msi;          /* else an I/O APIC input */
	bool level;        /* level-triggered (I/O APIC only) */
	bool awaiting_ack; /* signalled; the handler has not acknowledged yet */
	bool pending;      /* edge or MSI: fired again before the ack */
	uint32_t gsi;
	struct notification *notification;
	uint64_t badge;
	uint64_t dropped;  /* interrupts that came with no notification bound */
};

static struct irq_line lines[DEVICE_VECTORS];
static uint32_t boot_apic_id;

static struct irq_line *line_of(unsigned vector)
{
	return &lines[vector - VECTOR_DEVICE_FIRST];
}

/* An I/O APIC input is open only while a notification is bound and, if it
 * is level-triggered, no signal awaits its ack (the device keeps the line
 * asserted until the driver has dealt with it). An MSI cannot be masked
 * here: the device masks its own. */
static void update_mask(const struct irq_line *line)
{
	if (!line->msi)
		ioapic_set_masked(line->gsi, !line->notification || (line->level && line->awaiting_ack));
}

static void deliver(struct irq_line *line)
{
	line->awaiting_ack = true;
	notification_signal(line->notification, line->badge);
}

/* The dispatcher sends the local APIC's EOI afterwards; a level-triggered
 * input is masked by then, so the EOI cannot make it fire again. A woken
 * thread of higher priority runs on the way back to user mode. Only a
 * handler's vector has this registered: an interrupt on a free vector (a
 * late one after its handler went) is the dispatcher's "unexpected". */
static void interrupt(struct trap_frame *frame)
{
	struct irq_line *line = line_of((unsigned)frame->vector);
	if (!line->notification)
		line->dropped++;
	else if (!line->awaiting_ack)
		deliver(line);
	else if (!line->level)
		line->pending = true;
	update_mask(line);
}

void irq_init(const struct boot_info *info)
{
	ioapic_init(info);
	uint32_t id = apic_read(APIC_REG_ID);
	boot_apic_id = apic_x2apic_mode ? id : id >> 24;
}

/* The lowest free vector's line, or NULL; the vector's interrupts come
 * here from now on. */
static struct irq_line *take_line(unsigned *vector)
{
	for (unsigned i = 0; i < DEVICE_VECTORS; i++) {
		if (!lines[i].issued) {
			*vector = VECTOR_DEVICE_FIRST + i;
			interrupt_register((int)*vector, interrupt);
			return &lines[i];
		}
	}
	return NULL;
}

int irq_issue_gsi(uint64_t gsi, bool level, bool active_low, unsigned *vector)
{
	if (!ioapic_has_gsi(gsi))
		return ST_ERROR_INVALID_ARGUMENT;
	for (unsigned i = 0; i < DEVICE_VECTORS; i++) {
		if (lines[i].issued && !lines[i].msi && lines[i].gsi == gsi)
			return ST_ERROR_ILLEGAL_OPERATION; /* one handler per input */
	}
	struct irq_line *line = take_line(vector);
	if (!line)
		return ST_ERROR_ILLEGAL_OPERATION;
	*line = (struct irq_line){ .issued = true, .level = level, .gsi = (uint32_t)gsi };
	ioapic_route((uint32_t)gsi, (uint8_t)*vector, level, active_low, boot_apic_id);
	return ST_OK;
}

int irq_issue_msi(unsigned *vector)
{
	struct irq_line *line = take_line(vector);
	if (!line)
		return ST_ERROR_ILLEGAL_OPERATION;
	*line = (struct irq_line){ .issued = true, .msi = true };
	return ST_OK;
}

uint64_t irq_msi_address(void)
{
	return MSI_ADDRESS_BASE | (uint64_t)(boot_apic_id & 0xff) << MSI_DESTINATION_SHIFT;
}

uint64_t irq_msi_data(unsigned vector)
{
	return vector;
}

void irq_release(unsigned vector)
{
	struct irq_line *line = line_of(vector);
	if (!line->msi)
		ioapic_set_masked(line->gsi, true);
	*line = (struct irq_line){ 0 };
	interrupt_register((int)vector, NULL);
}

void irq_set_notification(unsigned vector, struct notification *notification, uint64_t badge)
{
	struct irq_line *line = line_of(vector);
	line->notification = notification;
	line->badge = notification ? badge : 0;
	update_mask(line);
}

void irq_ack(unsigned vector)
{
	struct irq_line *line = line_of(vector);
	bool again = line->pending;
	line->pending = false;
	line->awaiting_ack = false;
	if (again && line->notification)
		deliver(line);
	update_mask(line);
}

void irq_forget_notification(struct notification *notification)
{
	for (unsigned i = 0; i < DEVICE_VECTORS; i++) {
		if (lines[i].issued && lines[i].notification == notification)
			irq_set_notification(VECTOR_DEVICE_FIRST + i, NULL, 0);
	}
}

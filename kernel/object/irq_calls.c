/*
 * IRQ control and IRQ handlers (docs/interrupts.md). A handler capability
 * names its device vector in cap.object (so copies share it and the last
 * one to go frees it, see cap_destroy_object) and, for identify, its GSI
 * or ST_IRQ_IDENTIFY_MSI | its MSI data in cap.word.
 */
#include "include/strata/syscalls.h"
#include "kernel/arch/x86_64/ioapic.h"
#include "kernel/arch/x86_64/irq.h"
#include "kernel/ipc/ipc.h"
#include "kernel/mm/layout.h"
#include "kernel/object/cspace.h"
#include "kernel/syscall.h"

#define ISA_IRQS 16

/* The IRQ control capability (WRITE: issuing is changing what it has
 * left) and the empty destination slot. */
static int control_and_destination(uint64_t control_ref, uint64_t dest_ref, struct slot **control,
				   struct slot **dest)
{
	int error = cspace_cap(control_ref, ST_OBJECT_IRQ_CONTROL, ST_RIGHT_WRITE, control);
	return error ? error : cspace_empty_slots(dest_ref, 1, dest);
}

static void insert_handler(struct slot *control, struct slot *dest, unsigned vector, uint64_t word)
{
	struct cap cap = { .type = ST_OBJECT_IRQ_HANDLER, .rights = ST_RIGHTS_ALL, .object = vector, .word = word };
	slot_insert(control, dest, &cap);
}

int sys_irq_control_get(struct syscall_args *args)
{
	uint64_t gsi = args->a[1], flags = args->a[2];
	struct slot *control, *dest;
	int error = control_and_destination(args->a[0], args->a[3], &control, &dest);
	if (error)
		return error;
	if (flags & ~(uint64_t)(ST_IRQ_LEVEL | ST_IRQ_ACTIVE_LOW | ST_IRQ_ISA))
		return ST_ERROR_INVALID_ARGUMENT;
	bool level = flags & ST_IRQ_LEVEL, active_low = flags & ST_IRQ_ACTIVE_LOW;
	if (flags & ST_IRQ_ISA) {
		/* The MADT decides where an ISA IRQ goes and how it signals. */
		if (gsi >= ISA_IRQS || (flags & (ST_IRQ_LEVEL | ST_IRQ_ACTIVE_LOW)))
			return ST_ERROR_INVALID_ARGUMENT;
		uint32_t isa_gsi;
		ioapic_isa_irq((unsigned)gsi, &isa_gsi, &level, &active_low);
		gsi = isa_gsi;
	}
	unsigned vector;
	if ((error = irq_issue_gsi(gsi, level, active_low, &vector)))
		return error;
	insert_handler(control, dest, vector, gsi);
	return ST_OK;
}

int sys_irq_control_get_msi(struct syscall_args *args)
{
	struct slot *control, *dest;
	int error = control_and_destination(args->a[0], args->a[1], &control, &dest);
	unsigned vector;
	if (error || (error = irq_issue_msi(&vector)))
		return error;
	insert_handler(control, dest, vector, ST_IRQ_IDENTIFY_MSI | irq_msi_data(vector));
	args->result = irq_msi_address();
	args->result2 = irq_msi_data(vector);
	return ST_OK;
}

/* Setting the notification and acknowledging both need WRITE. */
static int find_handler(uint64_t ref, unsigned *vector)
{
	struct slot *slot;
	int error = cspace_cap(ref, ST_OBJECT_IRQ_HANDLER, ST_RIGHT_WRITE, &slot);
	if (!error)
		*vector = (unsigned)slot->cap.object;
	return error;
}

int sys_irq_handler_set_notification(struct syscall_args *args)
{
	unsigned vector;
	int error = find_handler(args->a[0], &vector);
	if (error)
		return error;
	if (args->a[1] == 0) {
		irq_set_notification(vector, NULL, 0);
		return ST_OK;
	}
	/* The interrupt signals through this capability: WRITE, as signalling
	 * needs, and its badge (1 if it has none). */
	struct slot *slot;
	if ((error = cspace_cap(args->a[1], ST_OBJECT_NOTIFICATION, ST_RIGHT_WRITE, &slot)))
		return error;
	irq_set_notification(vector, phys_to_virt(slot->cap.object), slot->cap.word ? slot->cap.word : 1);
	return ST_OK;
}

int sys_irq_handler_ack(struct syscall_args *args)
{
	unsigned vector;
	int error = find_handler(args->a[0], &vector);
	if (!error)
		irq_ack(vector);
	return error;
}

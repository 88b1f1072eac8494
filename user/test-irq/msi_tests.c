/*
 * MSI handlers: what can be checked without a device that sends MSIs
 * (user space cannot map a PCI device's registers yet to program one):
 * allocation, the address and data, exhaustion, reuse, and the handler
 * calls on an MSI handler.
 */
#include "user/test-irq/irq_tests.h"

#define MSI_ADDRESS_BASE 0xfee00000ull
#define MSI_DESTINATION_MASK 0xff000ull

UTEST(msi_get_gives_address_and_data)
{
	uint32_t handler = utest_slot();
	uint64_t address = 0, data = 0, info = 0, word = 0;
	UCHECK_EQ(st_irq_control_get_msi(ST_ROOT_IRQ_CONTROL, handler, &address, &data), ST_OK);
	UCHECK_EQ(address & ~MSI_DESTINATION_MASK, MSI_ADDRESS_BASE);
	/* The data is the vector: fixed delivery, edge-triggered. */
	UCHECK(data >= 0x40 && data <= 0xef);
	UCHECK_EQ(st_cap_identify(handler, &info, &word), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_IRQ_HANDLER);
	UCHECK_EQ(word, ST_IRQ_IDENTIFY_MSI | data);
}

UTEST(msi_each_gets_its_own_vector)
{
	uint64_t first = 0, second = 0, address1 = 0, address2 = 0;
	UCHECK_EQ(st_irq_control_get_msi(ST_ROOT_IRQ_CONTROL, utest_slot(), &address1, &first), ST_OK);
	UCHECK_EQ(st_irq_control_get_msi(ST_ROOT_IRQ_CONTROL, utest_slot(), &address2, &second), ST_OK);
	UCHECK(first != second);
	UCHECK_EQ(address1, address2); /* both to the boot CPU */
}

/* Every device vector can be taken; then MSIs and I/O APIC inputs alike
 * are refused until one goes, and the freed vector is handed out again. */
UTEST(msi_vectors_run_out_and_come_back)
{
	static uint32_t handlers[DEVICE_VECTOR_COUNT + 1];
	static uint64_t vectors[DEVICE_VECTOR_COUNT + 1];
	unsigned count = 0;
	long error = ST_OK;
	while (count <= DEVICE_VECTOR_COUNT) {
		handlers[count] = utest_slot();
		error = st_irq_control_get_msi(ST_ROOT_IRQ_CONTROL, handlers[count], NULL, &vectors[count]);
		if (error)
			break;
		count++;
	}
	UCHECK_EQ(count, DEVICE_VECTOR_COUNT);
	UCHECK_EQ(error, ST_ERROR_ILLEGAL_OPERATION);
	uint32_t slot = utest_slot();
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 9, 0, slot), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_cap_delete(handlers[37]), ST_OK);
	uint64_t vector = 0;
	UCHECK_EQ(st_irq_control_get_msi(ST_ROOT_IRQ_CONTROL, slot, NULL, &vector), ST_OK);
	UCHECK_EQ(vector, vectors[37]);
	UCHECK_EQ(st_cap_delete(slot), ST_OK);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 9, 0, slot), ST_OK);
}

UTEST(msi_get_errors)
{
	uint32_t slot = utest_slot(), occupied = utest_object(ST_OBJECT_NOTIFICATION, 0);
	uint32_t read_only = copy_with_rights(ST_ROOT_IRQ_CONTROL, ST_RIGHT_READ);
	uint64_t address = 1, data = 1;
	UCHECK_EQ(st_irq_control_get_msi(read_only, slot, &address, &data), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(address, 0); /* a failed call returns no results */
	UCHECK_EQ(data, 0);
	UCHECK_EQ(st_irq_control_get_msi(ST_ROOT_IO_PORT_CONTROL, slot, NULL, NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_irq_control_get_msi(utest_slot(), slot, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_irq_control_get_msi(ST_ROOT_IRQ_CONTROL, occupied, NULL, NULL), ST_ERROR_SLOT_OCCUPIED);
	UCHECK_EQ(st_irq_control_get_msi(ST_ROOT_IRQ_CONTROL, 0, NULL, NULL), ST_ERROR_INVALID_SLOT);
}

/* Binding, unbinding and acknowledging work on an MSI handler as on any;
 * with no MSI sent, nothing is signalled. */
UTEST(msi_handler_binds_and_acks)
{
	uint32_t handler = utest_slot(), notification = new_notification(0, NULL);
	UCHECK_EQ(st_irq_control_get_msi(ST_ROOT_IRQ_CONTROL, handler, NULL, NULL), ST_OK);
	UCHECK_EQ(st_irq_handler_set_notification(handler, notification), ST_OK);
	UCHECK_EQ(st_irq_handler_ack(handler), ST_OK);
	UCHECK(quiet_for(notification, 2));
	UCHECK_EQ(st_irq_handler_set_notification(handler, 0), ST_OK);
	UCHECK_EQ(st_irq_handler_ack(handler), ST_OK);
	UCHECK(quiet_for(notification, 1));
}

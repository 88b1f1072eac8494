/* IRQ control: handlers for I/O APIC inputs, and what is refused. */
#include "user/test-irq/irq_tests.h"

UTEST(irq_get_makes_handler_for_gsi)
{
	uint32_t handler = utest_slot();
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 10, ST_IRQ_LEVEL | ST_IRQ_ACTIVE_LOW, handler), ST_OK);
	uint64_t info = 0, gsi = 0;
	UCHECK_EQ(st_cap_identify(handler, &info, &gsi), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_IRQ_HANDLER);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info), ST_RIGHTS_ALL);
	UCHECK_EQ(gsi, 10);
}

/* ST_IRQ_ISA goes through the MADT: QEMU overrides IRQ 0 to GSI 2 and
 * leaves IRQ 3 on GSI 3; the GSI is then taken. */
UTEST(irq_get_isa_irq_follows_madt_override)
{
	uint32_t timer = utest_slot(), com2 = utest_slot(), again = utest_slot();
	uint64_t info, gsi = 0;
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 0, ST_IRQ_ISA, timer), ST_OK);
	UCHECK_EQ(st_cap_identify(timer, &info, &gsi), ST_OK);
	UCHECK_EQ(gsi, 2);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 3, ST_IRQ_ISA, com2), ST_OK);
	UCHECK_EQ(st_cap_identify(com2, &info, &gsi), ST_OK);
	UCHECK_EQ(gsi, 3);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 2, 0, again), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 3, ST_IRQ_LEVEL, again), ST_ERROR_ILLEGAL_OPERATION);
}

/* One handler per input, whatever the flags; a refused call leaves the
 * destination empty. */
UTEST(irq_get_refuses_input_with_handler)
{
	uint32_t first = utest_slot(), second = utest_slot();
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 11, 0, first), ST_OK);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 11, 0, second), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 11, ST_IRQ_LEVEL, second), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_cap_identify(second, NULL, NULL), ST_ERROR_EMPTY_SLOT);
}

/* The input is free again only when the handler's last capability goes. */
UTEST(irq_get_again_after_last_copy_goes)
{
	uint32_t handler = utest_slot(), copy = utest_slot(), again = utest_slot();
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 12, 0, handler), ST_OK);
	UCHECK_EQ(st_cap_copy(handler, copy, ST_RIGHTS_ALL), ST_OK);
	UCHECK_EQ(st_cap_delete(handler), ST_OK);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 12, 0, again), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_cap_delete(copy), ST_OK);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 12, 0, again), ST_OK);
}

/* Handlers are children of the IRQ control capability they came from:
 * revoking a copy of IRQ control takes them and frees their inputs. */
UTEST(irq_revoking_control_copy_frees_handlers)
{
	uint32_t control = copy_with_rights(ST_ROOT_IRQ_CONTROL, ST_RIGHTS_ALL);
	uint32_t handler = utest_slot(), msi = utest_slot(), again = utest_slot();
	UCHECK_EQ(st_irq_control_get(control, 13, 0, handler), ST_OK);
	UCHECK_EQ(st_irq_control_get_msi(control, msi, NULL, NULL), ST_OK);
	UCHECK_EQ(st_cap_revoke(control), ST_OK);
	UCHECK_EQ(st_cap_identify(handler, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_cap_identify(msi, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 13, 0, again), ST_OK);
}

UTEST(irq_get_argument_errors)
{
	uint32_t slot = utest_slot();
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, GSI_COUNT, 0, slot), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 1ull << 32, 0, slot), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 5, 1u << 3, slot), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 5, 1ull << 32, slot), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 16, ST_IRQ_ISA, slot), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 5, ST_IRQ_ISA | ST_IRQ_LEVEL, slot),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 5, ST_IRQ_ISA | ST_IRQ_ACTIVE_LOW, slot),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_cap_identify(slot, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	/* The last input is there. */
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, GSI_COUNT - 1, 0, slot), ST_OK);
}

UTEST(irq_get_capability_errors)
{
	uint32_t slot = utest_slot(), occupied = utest_object(ST_OBJECT_NOTIFICATION, 0);
	uint32_t read_only = copy_with_rights(ST_ROOT_IRQ_CONTROL, ST_RIGHT_READ);
	UCHECK_EQ(st_irq_control_get(read_only, 5, 0, slot), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IO_PORT_CONTROL, 5, 0, slot), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_irq_control_get(occupied, 5, 0, slot), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_irq_control_get(utest_slot(), 5, 0, slot), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 5, 0, occupied), ST_ERROR_SLOT_OCCUPIED);
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 5, 0, 0), ST_ERROR_INVALID_SLOT);
	/* None of that took the input. */
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 5, 0, slot), ST_OK);
}

/* Handlers and I/O ports take no badge and cannot be made from untyped
 * memory; copies may have fewer rights. */
UTEST(irq_and_port_capabilities_not_badged_or_retyped)
{
	uint32_t handler = utest_slot(), ports = utest_slot(), copy = utest_slot();
	UCHECK_EQ(st_irq_control_get(ST_ROOT_IRQ_CONTROL, 14, 0, handler), ST_OK);
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, COM2, COM2_LAST, ports), ST_OK);
	UCHECK_EQ(st_cap_mint(handler, copy, ST_RIGHTS_ALL, 5), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_cap_mint(ports, copy, ST_RIGHTS_ALL, 5), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_cap_mint(handler, copy, ST_RIGHT_READ, 0), ST_OK);
	uint64_t info = 0;
	UCHECK_EQ(st_cap_identify(copy, &info, NULL), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info), ST_RIGHT_READ);
	uint32_t untyped = utest_untyped(12), dest = utest_slot();
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_IRQ_HANDLER, 0, dest, 1), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_untyped_retype(untyped, ST_OBJECT_IO_PORTS, 0, dest, 1), ST_ERROR_INVALID_ARGUMENT);
}

/* IRQ handler calls: their errors. */
#include "user/test-irq/irq_tests.h"

UTEST(set_notification_errors)
{
	com2_quiet(com2_ports());
	uint32_t handler = com2_handler(), notification = new_notification(0, NULL);
	uint32_t endpoint = utest_object(ST_OBJECT_ENDPOINT, 0);
	uint32_t read_only_handler = copy_with_rights(handler, ST_RIGHT_READ);
	uint32_t read_only_notification = copy_with_rights(notification, ST_RIGHT_READ);
	UCHECK_EQ(st_irq_handler_set_notification(utest_slot(), notification), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_irq_handler_set_notification(notification, notification), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_irq_handler_set_notification(ST_ROOT_IRQ_CONTROL, notification), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_irq_handler_set_notification(read_only_handler, notification), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_irq_handler_set_notification(read_only_handler, 0), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_irq_handler_set_notification(handler, endpoint), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_irq_handler_set_notification(handler, read_only_notification), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_irq_handler_set_notification(handler, utest_slot()), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_irq_handler_set_notification(handler, ST_SLOT(0, 1u << 20)), ST_ERROR_INVALID_SLOT);
	/* A WRITE-only copy of each is enough. */
	uint32_t write_handler = copy_with_rights(handler, ST_RIGHT_WRITE);
	uint32_t write_notification = copy_with_rights(notification, ST_RIGHT_WRITE);
	UCHECK_EQ(st_irq_handler_set_notification(write_handler, write_notification), ST_OK);
}

UTEST(ack_errors)
{
	com2_quiet(com2_ports());
	uint32_t handler = com2_handler(), notification = new_notification(0, NULL);
	UCHECK_EQ(st_irq_handler_ack(utest_slot()), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_irq_handler_ack(notification), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_irq_handler_ack(copy_with_rights(handler, ST_RIGHT_READ)), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_irq_handler_ack(0), ST_ERROR_INVALID_SLOT);
	/* Acknowledging with nothing outstanding, bound or not, is harmless. */
	UCHECK_EQ(st_irq_handler_ack(handler), ST_OK);
	UCHECK_EQ(st_irq_handler_set_notification(handler, notification), ST_OK);
	UCHECK_EQ(st_irq_handler_ack(copy_with_rights(handler, ST_RIGHT_WRITE)), ST_OK);
	UCHECK(quiet_for(notification, 1));
}

/*
 * Starting the console server (boot module 1) in its own process, with
 * the capabilities components/console/console_protocol.h lists: its
 * endpoint, a reply object, COM1's I/O ports, ISA IRQ 4 and the
 * notification it signals, and the personality's notification to signal
 * when input arrives. Its IPC buffer is mapped where the protocol says.
 */
#include "components/posix/boot.h"

#include "components/console/console_protocol.h"
#include "components/posix/untyped.h"
#include "user/lib/alloc.h"
#include "user/lib/process.h"

#define CONSOLE_CNODE_BITS 4 /* slots up to 15 */
#define COM1_FIRST 0x3f8
#define COM1_LAST 0x3ff
#define COM1_IRQ 4

long console_start(const void *image, size_t size, uint32_t client_notification, unsigned priority,
		   uint32_t *endpoint)
{
	struct st_process console;
	long error = st_process_create(image, size, CONSOLE_CNODE_BITS, "console", &console);
	if (error)
		return error;
	uint32_t ipc_frame;
	uint64_t cnode = console.cnode;
	if ((error = st_alloc_object(ST_OBJECT_ENDPOINT, 0, endpoint)) ||
	    (error = st_cap_copy(*endpoint, ST_SLOT(cnode, CONSOLE_SLOT_ENDPOINT), ST_RIGHT_READ)) ||
	    (error = untyped_retype(ST_OBJECT_REPLY, 0, ST_SLOT(cnode, CONSOLE_SLOT_REPLY))) ||
	    (error = st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, COM1_FIRST, COM1_LAST,
					    ST_SLOT(cnode, CONSOLE_SLOT_PORTS))) ||
	    (error = st_irq_control_get(ST_ROOT_IRQ_CONTROL, COM1_IRQ, ST_IRQ_ISA, ST_SLOT(cnode, CONSOLE_SLOT_IRQ))) ||
	    (error = untyped_retype(ST_OBJECT_NOTIFICATION, 0, ST_SLOT(cnode, CONSOLE_SLOT_IRQ_NOTIFICATION))) ||
	    (error = st_irq_handler_set_notification(ST_SLOT(cnode, CONSOLE_SLOT_IRQ),
						     ST_SLOT(cnode, CONSOLE_SLOT_IRQ_NOTIFICATION))) ||
	    (error = st_cap_copy(client_notification, ST_SLOT(cnode, CONSOLE_SLOT_CLIENT), ST_RIGHT_WRITE)) ||
	    (error = st_alloc_object(ST_OBJECT_FRAME, 0, &ipc_frame)) ||
	    (error = st_map_frame(console.vspace, ipc_frame, CONSOLE_IPC_BUFFER_ADDRESS, ST_RIGHT_READ | ST_RIGHT_WRITE)) ||
	    (error = st_thread_configure(console.thread, console.cnode, console.vspace, ipc_frame,
					 CONSOLE_IPC_BUFFER_ADDRESS, 0)))
		return error;
	return st_process_start(&console, 0, priority);
}

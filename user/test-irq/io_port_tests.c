/* I/O port control and I/O-ports capabilities, on COM2's registers. */
#include "user/test-irq/irq_tests.h"

UTEST(io_port_get_makes_capability)
{
	uint32_t ports = utest_slot();
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, COM2, COM2_LAST, ports), ST_OK);
	uint64_t info = 0, last = 0;
	UCHECK_EQ(st_cap_identify(ports, &info, &last), ST_OK);
	UCHECK_EQ(ST_CAP_INFO_TYPE(info), ST_OBJECT_IO_PORTS);
	UCHECK_EQ(ST_CAP_INFO_RIGHTS(info), ST_RIGHTS_ALL);
	UCHECK_EQ(last, COM2_LAST);
	/* Ranges may overlap: the root decides who gets what. */
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, COM2_LAST, COM2_LAST, utest_slot()), ST_OK);
}

UTEST(io_port_get_range_errors)
{
	uint32_t slot = utest_slot();
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, 0x2ff, 0x2f8, slot), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, 0xfff0, 0x10000, slot), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, 1ull << 32 | COM2, COM2_LAST, slot),
		  ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_cap_identify(slot, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, 0xffff, 0xffff, slot), ST_OK);
}

/* The nucleus's own ports (its console COM1, the PICs, the PIT and its
 * gate, QEMU's exit port) go to nobody, not even in part. */
UTEST(io_port_get_refuses_nucleus_ports)
{
	static const uint16_t refused[][2] = {
		{ 0x3f8, 0x3ff }, { 0x3f0, 0x3f8 }, { 0x3ff, 0x400 }, { 0x20, 0x21 }, { 0x21, 0x21 },
		{ 0x40, 0x43 },   { 0x61, 0x61 },   { 0xa0, 0xa1 },   { 0xf4, 0xf4 }, { 0, 0xffff },
	};
	uint32_t slot = utest_slot();
	for (unsigned i = 0; i < sizeof refused / sizeof refused[0]; i++)
		UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, refused[i][0], refused[i][1], slot),
			  ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_cap_identify(slot, NULL, NULL), ST_ERROR_EMPTY_SLOT);
	/* Right next to them is fine. */
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, 0x3f0, 0x3f7, slot), ST_OK);
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, 0x22, 0x3f, utest_slot()), ST_OK);
}

UTEST(io_port_get_capability_errors)
{
	uint32_t slot = utest_slot(), occupied = utest_object(ST_OBJECT_NOTIFICATION, 0);
	uint32_t read_only = copy_with_rights(ST_ROOT_IO_PORT_CONTROL, ST_RIGHT_READ);
	UCHECK_EQ(st_io_port_control_get(read_only, COM2, COM2_LAST, slot), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IRQ_CONTROL, COM2, COM2_LAST, slot), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_io_port_control_get(utest_slot(), COM2, COM2_LAST, slot), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, COM2, COM2_LAST, occupied), ST_ERROR_SLOT_OCCUPIED);
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, COM2, COM2_LAST, 0), ST_ERROR_INVALID_SLOT);
}

/* Out and back in through the UART's scratch register. */
UTEST(io_port_scratch_round_trip)
{
	uint32_t ports = com2_ports();
	uint64_t value = 0;
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_SCRATCH, 1, 0x5a), ST_OK);
	UCHECK_EQ(st_io_port_in(ports, COM2 + UART_SCRATCH, 1, &value), ST_OK);
	UCHECK_EQ(value, 0x5a);
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_SCRATCH, 1, 0xa5), ST_OK);
	UCHECK_EQ(st_io_port_in(ports, COM2 + UART_SCRATCH, 1, &value), ST_OK);
	UCHECK_EQ(value, 0xa5);
}

/* 16- and 32-bit reads: the scratch register is the top byte of each. */
UTEST(io_port_wide_reads)
{
	uint32_t ports = com2_ports();
	uint64_t value = 0;
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_SCRATCH, 1, 0x3c), ST_OK);
	UCHECK_EQ(st_io_port_in(ports, COM2 + UART_MSR, 2, &value), ST_OK);
	UCHECK_EQ(value >> 8, 0x3c);
	UCHECK_EQ(st_io_port_in(ports, COM2 + UART_MCR, 4, &value), ST_OK);
	UCHECK_EQ(value >> 24, 0x3c);
}

/* Every byte of an access must lie in the capability's range. */
UTEST(io_port_outside_capability_refused)
{
	uint32_t ports = utest_slot();
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, COM2, COM2 + 3, ports), ST_OK);
	uint64_t value = 7;
	UCHECK_EQ(st_io_port_in(ports, COM2 + 4, 1, &value), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(value, 0);
	UCHECK_EQ(st_io_port_in(ports, COM2 - 1, 1, NULL), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_io_port_in(ports, COM2 + 3, 2, NULL), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_io_port_in(ports, COM2 + 1, 4, NULL), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_io_port_in(ports, 1ull << 32 | COM2, 1, NULL), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_SCRATCH, 1, 0), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_io_port_out(ports, 0x3f8, 1, 'x'), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_io_port_in(ports, COM2, 4, NULL), ST_OK);
	UCHECK_EQ(st_io_port_in(ports, COM2 + 3, 1, NULL), ST_OK);
}

UTEST(io_port_width_and_value_errors)
{
	uint32_t ports = com2_ports();
	uint64_t value = 7;
	UCHECK_EQ(st_io_port_in(ports, COM2, 0, &value), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(value, 0);
	UCHECK_EQ(st_io_port_in(ports, COM2, 3, NULL), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_io_port_in(ports, COM2, 8, NULL), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_SCRATCH, 3, 0), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_SCRATCH, 1, 0x100), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_MSR, 2, 0x10000), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_MCR, 4, 1ull << 32), ST_ERROR_INVALID_ARGUMENT);
	/* None of those wrote: the scratch register keeps its value. */
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_SCRATCH, 1, 0x42), ST_OK);
	UCHECK_EQ(st_io_port_out(ports, COM2 + UART_SCRATCH, 1, 0x1ff), ST_ERROR_INVALID_ARGUMENT);
	UCHECK_EQ(st_io_port_in(ports, COM2 + UART_SCRATCH, 1, &value), ST_OK);
	UCHECK_EQ(value, 0x42);
}

/* In needs READ, out needs WRITE. */
UTEST(io_port_rights)
{
	uint32_t ports = com2_ports(), notification = utest_object(ST_OBJECT_NOTIFICATION, 0);
	uint32_t read_only = copy_with_rights(ports, ST_RIGHT_READ);
	uint32_t write_only = copy_with_rights(ports, ST_RIGHT_WRITE);
	uint64_t value = 0;
	UCHECK_EQ(st_io_port_out(write_only, COM2 + UART_SCRATCH, 1, 0x17), ST_OK);
	UCHECK_EQ(st_io_port_in(write_only, COM2 + UART_SCRATCH, 1, &value), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_io_port_out(read_only, COM2 + UART_SCRATCH, 1, 0x18), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_io_port_in(read_only, COM2 + UART_SCRATCH, 1, &value), ST_OK);
	UCHECK_EQ(value, 0x17);
	UCHECK_EQ(st_io_port_in(notification, COM2, 1, NULL), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_io_port_out(ST_ROOT_IO_PORT_CONTROL, COM2, 1, 0), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_io_port_in(utest_slot(), COM2, 1, NULL), ST_ERROR_EMPTY_SLOT);
}

static uint8_t direct_stack[8192] __attribute__((aligned(16)));

static void read_port_directly(uint64_t port)
{
	uint8_t value;
	__asm__ volatile("inb %w1, %0" : "=a"(value) : "Nd"((uint16_t)port));
	(void)value;
}

/* Ports are reached only through the calls: an in instruction in user
 * mode is a #GP, even for a thread whose capability space covers it. */
UTEST(io_port_instruction_faults_in_user_mode)
{
	com2_ports();
	uint32_t thread;
	UCHECK_EQ(st_thread_spawn(read_port_directly, COM2 + UART_SCRATCH, direct_stack + sizeof direct_stack,
				  ST_PRIORITY_MAX, "direct-in", &thread),
		  ST_OK);
	UCHECK_EQ(utest_wait_stopped(thread, 20), ST_THREAD_FAULTED);
	unsigned state = 0, vector = 0;
	UCHECK_EQ(st_thread_state(thread, &state, &vector, NULL), ST_OK);
	UCHECK_EQ(vector, 13);
}

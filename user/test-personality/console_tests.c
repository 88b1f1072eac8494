/* console=user: the nucleus lets I/O-port control hand out COM1 (for a
 * console server) and keeps writing its own messages there; without the
 * option COM1 is the nucleus's alone. tests.list boots this test both
 * ways; with the option, the line written below must reach the log. */
#include "user/test-personality/personality_tests.h"

#include "lib/string.h"

#define COM1 0x3f8
#define UART_LSR 5
#define LSR_THR_EMPTY 0x20

static void com1_write(uint32_t ports, const char *text)
{
	for (; *text; text++) {
		uint64_t status = 0;
		for (unsigned tries = 0; tries < 100000; tries++) {
			UCHECK_EQ(st_io_port_in(ports, COM1 + UART_LSR, 1, &status), ST_OK);
			if (status & LSR_THR_EMPTY)
				break;
		}
		UCHECK_EQ(st_io_port_out(ports, COM1, 1, (uint8_t)*text), ST_OK);
	}
}

UTEST(com1_ports_follow_console_option)
{
	begin();
	bool user_console = strstr(utest_bootinfo->cmdline, "console=user") != NULL;
	st_printf("  console=user %s\n", user_console ? "given" : "not given");
	uint32_t slot = utest_slot();
	/* The nucleus's other ports stay its own either way, also in a range
	 * that takes COM1 with them. */
	static const uint16_t nucleus_ports[][2] = {
		{ 0x20, 0x21 }, { 0x40, 0x43 }, { 0x61, 0x61 }, { 0xa0, 0xa1 }, { 0xf4, 0xf7 }, { 0xf7, 0x3ff },
	};
	for (unsigned i = 0; i < sizeof nucleus_ports / sizeof nucleus_ports[0]; i++)
		UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, nucleus_ports[i][0], nucleus_ports[i][1], slot),
			  ST_ERROR_ILLEGAL_OPERATION);
	if (!user_console) {
		UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, 0x3f8, 0x3ff, slot), ST_ERROR_ILLEGAL_OPERATION);
		UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, 0x3fd, 0x3fd, slot), ST_ERROR_ILLEGAL_OPERATION);
		UCHECK_EQ(st_cap_identify(slot, NULL, NULL), ST_ERROR_EMPTY_SLOT);
		return;
	}
	UCHECK_EQ(st_io_port_control_get(ST_ROOT_IO_PORT_CONTROL, 0x3f8, 0x3ff, slot), ST_OK);
	uint64_t status = 0;
	UCHECK_EQ(st_io_port_in(slot, COM1 + UART_LSR, 1, &status), ST_OK);
	UCHECK(status != 0xff); /* a UART is there */
	com1_write(slot, "COM1 written from user mode\n");
}

/*
 * I/O port control and I/O port capabilities (docs/interrupts.md). An
 * I/O-ports capability holds its first port in cap.object and its last in
 * cap.word (what identify shows in r8). The nucleus does the in and out
 * itself: user mode never gets I/O privilege or a TSS permission bitmap.
 */
#include <stdbool.h>

#include "include/strata/syscalls.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/cmdline.h"
#include "kernel/object/cspace.h"
#include "kernel/syscall.h"

#define PORT_LAST 0xffff

/* Ports the nucleus drives itself: nobody else may have them. */
static const struct port_range {
	uint16_t first, last;
} nucleus_ports[] = {
	{ 0x020, 0x021 }, /* the first 8259 PIC, masked at boot */
	{ 0x040, 0x043 }, /* the PIT, for TSC calibration */
	{ 0x061, 0x061 }, /* system control port B: the PIT channel 2 gate */
	{ 0x0a0, 0x0a1 }, /* the second 8259 PIC */
	{ 0x0f4, 0x0f7 }, /* QEMU's isa-debug-exit: how the nucleus stops a test machine */
};
/* COM1, the nucleus's debug console. With console=user a console server
 * owns its input and settings; the nucleus's messages still go out through
 * its transmit register. */
static const struct port_range com1 = { 0x3f8, 0x3ff };

static bool overlaps(const struct port_range *range, uint64_t first, uint64_t last)
{
	return first <= range->last && last >= range->first;
}

static bool nucleus_port_in(uint64_t first, uint64_t last)
{
	for (unsigned i = 0; i < sizeof nucleus_ports / sizeof nucleus_ports[0]; i++) {
		if (overlaps(&nucleus_ports[i], first, last))
			return true;
	}
	return !kernel_options.user_console && overlaps(&com1, first, last);
}

int sys_io_port_control_get(struct syscall_args *args)
{
	uint64_t first = args->a[1], last = args->a[2];
	struct slot *control, *dest;
	int error = cspace_cap(args->a[0], ST_OBJECT_IO_PORT_CONTROL, ST_RIGHT_WRITE, &control);
	if (!error)
		error = cspace_empty_slots(args->a[3], 1, &dest);
	if (error)
		return error;
	if (first > last || last > PORT_LAST)
		return ST_ERROR_INVALID_ARGUMENT;
	if (nucleus_port_in(first, last))
		return ST_ERROR_ILLEGAL_OPERATION;
	struct cap cap = { .type = ST_OBJECT_IO_PORTS, .rights = ST_RIGHTS_ALL, .object = first, .word = last };
	slot_insert(control, dest, &cap);
	return ST_OK;
}

/* The port range [port, port + width) if the capability (with the right)
 * covers all of it. */
static int check_access(uint64_t ref, unsigned right, uint64_t port, uint64_t width)
{
	struct slot *slot;
	int error = cspace_cap(ref, ST_OBJECT_IO_PORTS, right, &slot);
	if (error)
		return error;
	if (width != 1 && width != 2 && width != 4)
		return ST_ERROR_INVALID_ARGUMENT;
	if (port < slot->cap.object || port > slot->cap.word || width - 1 > slot->cap.word - port)
		return ST_ERROR_NO_RIGHTS; /* the capability does not cover it */
	return ST_OK;
}

int sys_io_port_in(struct syscall_args *args)
{
	uint64_t port = args->a[1], width = args->a[2];
	int error = check_access(args->a[0], ST_RIGHT_READ, port, width);
	if (error)
		return error;
	if (width == 1)
		args->result = inb((uint16_t)port);
	else if (width == 2)
		args->result = inw((uint16_t)port);
	else
		args->result = inl((uint16_t)port);
	return ST_OK;
}

int sys_io_port_out(struct syscall_args *args)
{
	uint64_t port = args->a[1], width = args->a[2], value = args->a[3];
	int error = check_access(args->a[0], ST_RIGHT_WRITE, port, width);
	if (error)
		return error;
	if (value >> (8 * width))
		return ST_ERROR_INVALID_ARGUMENT; /* wider than the access */
	if (width == 1)
		outb((uint16_t)port, (uint8_t)value);
	else if (width == 2)
		outw((uint16_t)port, (uint16_t)value);
	else
		outl((uint16_t)port, (uint32_t)value);
	return ST_OK;
}

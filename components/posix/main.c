/*
 * The Linux personality as the root task of a Linux-mode boot (micro
 * placement). Boot modules: posix.elf (this, loaded by the nucleus), the
 * console server, the boot archive (a newc cpio). It takes all untyped
 * memory, starts the console server, builds the file tree from the
 * archive, starts init from the command line, then serves every Linux
 * process's system calls and faults until init exits.
 */
#include "components/posix/boot.h"
#include "components/posix/frames.h"
#include "components/posix/fs/fs_server.h"
#include "components/posix/placement.h"
#include "components/posix/process.h"
#include "components/posix/self_map.h"
#include "components/posix/server.h"
#include "components/posix/syscall.h"
#include "components/posix/time.h"
#include "components/posix/untyped.h"
#include "user/lib/alloc.h"

int main(const struct st_bootinfo *bootinfo);

#define SERVER_PRIORITY 200 /* the console's too: calls between them switch directly */
#define MODULE_CONSOLE 0    /* bootinfo->modules[]: the modules after this one */
#define MODULE_ARCHIVE 1
#define MODULE_LIBOS 2      /* the exo placement's library OS */
/* Boot modules are mapped here, 4 GiB of addresses each. */
#define SELF_MODULES 0x0000600000000000ull

static const void *map_module(const struct st_bootinfo *bootinfo, unsigned index)
{
	if (index >= bootinfo->module_count)
		return NULL;
	const struct st_bootinfo_module *m = &bootinfo->modules[index];
	uint64_t base = SELF_MODULES + ((uint64_t)index << 32);
	for (uint32_t i = 0; i < m->frame_count; i++) {
		if (self_map_frame(m->first_slot + i, base + (uint64_t)i * 4096) != ST_OK)
			return NULL;
	}
	return (const void *)(base + (m->phys & 4095));
}

/* The server thread's IPC buffer (Linux calls bring words 4-6 there;
 * console calls carry their data there). */
static long setup_ipc_buffer(void)
{
	slot_id frame = slot_alloc();
	if (!frame)
		return ST_ERROR_NO_MEMORY;
	long error = untyped_retype(ST_OBJECT_FRAME, 0, slot_ref(frame));
	if (!error)
		error = self_map_frame(slot_ref(frame), SELF_IPC_BUFFER);
	if (!error)
		error = st_thread_configure(ST_ROOT_THREAD, ST_ROOT_CNODE, ST_ROOT_VSPACE, slot_ref(frame),
					    SELF_IPC_BUFFER, 0);
	return error;
}

static _Noreturn void fail(const char *what, long error)
{
	st_printf("posix: %s: %s\n", what, st_error_name(error));
	system_halt(1 << 8);
}

int main(const struct st_bootinfo *bootinfo)
{
	if (bootinfo->magic != ST_BOOTINFO_MAGIC)
		return 1;
	st_alloc_init(bootinfo);
	untyped_init(bootinfo);
	time_init(bootinfo);
	frames_init(untyped_total_bytes());
	long error = setup_ipc_buffer();
	if (error)
		fail("cannot set up the IPC buffer", error);
	st_thread_set_priority(ST_ROOT_THREAD, ST_ROOT_THREAD, SERVER_PRIORITY);

	uint32_t endpoint, notification;
	if ((error = st_alloc_object(ST_OBJECT_ENDPOINT, 0, &endpoint)) ||
	    (error = st_alloc_object(ST_OBJECT_NOTIFICATION, 0, &notification)) ||
	    (error = st_thread_bind_notification(ST_ROOT_THREAD, notification)))
		fail("cannot make the server's endpoint", error);
	fs_set_ipc_buffer(server_ipc_buffer());

	const void *console = map_module(bootinfo, MODULE_CONSOLE);
	uint32_t console_endpoint = 0;
	error = console ? console_start(console, bootinfo->modules[MODULE_CONSOLE].size, notification,
					SERVER_PRIORITY, &console_endpoint)
			: ST_ERROR_NOT_MAPPED;
	if (error)
		st_printf("posix: no console server (%s): output goes to the debug console\n", st_error_name(error));
	else
		fs_set_console(console_endpoint);

	const void *archive = map_module(bootinfo, MODULE_ARCHIVE);
	if (!archive)
		st_printf("posix: no boot archive (module 2): the file tree starts empty\n");
	fs_init(archive, archive ? bootinfo->modules[MODULE_ARCHIVE].size : 0);

	const void *libos = map_module(bootinfo, MODULE_LIBOS);
	const char *problem = placement_init(bootinfo->cmdline, libos, libos ? bootinfo->modules[MODULE_LIBOS].size : 0);
	if (problem)
		st_printf("posix: %s\n", problem);
	st_printf("posix: %s placement\n", placement_exo ? "exo (library OS in each process)" : "micro (this server)");

	syscall_init();
	process_table_init(endpoint);
	server_init(endpoint);
	if ((error = init_start(bootinfo->cmdline)))
		st_printf("posix: cannot start init: error %ld\n", -error);
	if (error)
		system_halt(127 << 8);
	server_run();
}

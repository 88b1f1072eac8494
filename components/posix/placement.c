#include "components/posix/placement.h"

#include "components/posix/elf.h"
#include "components/posix/image.h"
#include "components/posix/process.h"
#include "components/posix/time.h"
#include "lib/string.h"

bool placement_exo;
static struct elf_program libos_program;
static struct image *libos_image;

const char *placement_init(const char *cmdline, const void *libos, size_t size)
{
	for (const char *word = cmdline; (word = strstr(word, "placement=")); word++) {
		if (word != cmdline && word[-1] != ' ')
			continue;
		const char *value = word + strlen("placement=");
		if (!strncmp(value, "exo", 3) && (value[3] == ' ' || !value[3]))
			placement_exo = true;
		else if (!strncmp(value, "micro", 5) && (value[5] == ' ' || !value[5]))
			placement_exo = false;
		else
			return "unknown placement (micro or exo): using micro";
	}
	if (!placement_exo)
		return NULL;
	placement_exo = false;
	if (!libos)
		return "no library OS (boot module 4): using micro";
	if (elf_check_below(libos, size, LIBOS_LIMIT, &libos_program) || libos_program.base != 0 ||
	    libos_program.entry < LIBOS_BASE || libos_program.end > LIBOS_LIMIT)
		return "the library OS image is not one (an ELF executable at LIBOS_BASE): using micro";
	if (!(libos_image = image_get(libos, size)))
		return "no memory for the library OS: using micro";
	placement_exo = true;
	return NULL;
}

unsigned placement_personality_mode(void)
{
	return placement_exo ? ST_PERSONALITY_UPCALL : ST_PERSONALITY_SERVER;
}

uint64_t placement_personality_handler(uint64_t endpoint_slot)
{
	return placement_exo ? LIBOS_UPCALL_ADDRESS : endpoint_slot;
}

long placement_exec_start(struct process *p, uint64_t entry, uint64_t stack)
{
	long error = elf_map(&p->mm, &libos_program, libos_image);
	if (error)
		return error;
	struct libos_state state = {
		.magic = LIBOS_STATE_MAGIC,
		.pid = p->common.pid,
		.ns_per_tsc_q32 = time_ns_per_tsc_q32(),
		.boot_tsc = time_boot_tsc(),
		.realtime_offset_ns = (int64_t)(posix_realtime_ns() - posix_now_ns()),
		.entry = entry,
		.stack = stack,
	};
	if (user_write(p, LIBOS_STATE_ADDRESS, &state, offsetof(struct libos_state, context)))
		return -LINUX_EFAULT;
	/* The library OS starts first and enters the program (libos_start). */
	struct st_registers registers = { .rip = libos_program.entry, .rsp = LIBOS_BASE, .rflags = 0x202 };
	return st_thread_write_registers(p->thread, &registers) == ST_OK ? 0 : -LINUX_EFAULT;
}

bool placement_in_libos_call(struct process *p)
{
	return placement_exo && p->call.state != CALL_NONE && !p->call.fault;
}

bool placement_in_libos(uint64_t rip)
{
	return placement_exo && rip >= LIBOS_BASE && rip < LIBOS_LIMIT;
}

long placement_call_args(struct process *p, uint64_t args[3])
{
	return user_read(p, LIBOS_STATE_ADDRESS + offsetof(struct libos_state, args), args, 3 * sizeof args[0]);
}

#include "components/posix/context.h"

#include "components/posix/placement.h"
#include "components/posix/process.h"

/* In the exo placement, while the library OS has forwarded a call, the
 * program's registers are where it saved them (libos_state.context); the
 * thread's own are the library OS's, except the FS base, which is the
 * thread's. */
#define LIBOS_CONTEXT (LIBOS_STATE_ADDRESS + offsetof(struct libos_state, context))

long context_read(struct process *p, struct st_registers *registers)
{
	long error = st_thread_read_registers(p->thread, registers);
	if (error || !placement_in_libos_call(p))
		return error;
	uint64_t fs_base = registers->fs_base;
	if (user_read(p, LIBOS_CONTEXT, registers, sizeof *registers))
		return ST_ERROR_BAD_ADDRESS;
	registers->fs_base = fs_base;
	return ST_OK;
}

long context_write(struct process *p, const struct st_registers *registers)
{
	if (!placement_in_libos_call(p))
		return st_thread_write_registers(p->thread, registers);
	struct st_registers thread;
	long error = st_thread_read_registers(p->thread, &thread);
	if (!error && thread.fs_base != registers->fs_base) {
		thread.fs_base = registers->fs_base;
		error = st_thread_write_registers(p->thread, &thread);
	}
	if (!error && user_write(p, LIBOS_CONTEXT, registers, sizeof *registers))
		error = ST_ERROR_BAD_ADDRESS;
	return error;
}

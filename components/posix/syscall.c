#include "components/posix/syscall.h"

#include "components/posix/process.h"
#include "components/posix/process_syscalls.h"

static posix_syscall_fn *table[LINUX_SYSCALL_COUNT];
static uint8_t reported[LINUX_SYSCALL_COUNT / 8];

static void add(const struct posix_syscall *list, const char *side)
{
	for (const struct posix_syscall *s = list; s->fn; s++) {
		if (s->number >= LINUX_SYSCALL_COUNT) {
			st_printf("posix: %s side lists system call %u, beyond the table\n", side, s->number);
			continue;
		}
		if (table[s->number])
			st_printf("posix: system call %s (%u) implemented twice; the %s side's wins\n",
				  linux_syscall_name(s->number) ? linux_syscall_name(s->number) : "?", s->number, side);
		table[s->number] = s->fn;
	}
}

void syscall_init(void)
{
	add(fs_syscalls, "file");
	add(process_syscalls, "process");
}

long syscall_dispatch(struct process *p)
{
	uint64_t number = p->call.number;
	if (number < LINUX_SYSCALL_COUNT && table[number])
		return table[number](p, p->call.args);
	/* Numbers Linux never had are just refused (programs probe them). */
	const char *name = number < LINUX_SYSCALL_COUNT ? linux_syscall_name(number) : NULL;
	if (name && !(reported[number / 8] & (1u << (number % 8)))) {
		reported[number / 8] |= (uint8_t)(1u << (number % 8));
		st_printf("posix: unsupported system call %s (%lu)\n", name, number);
	}
	return -LINUX_ENOSYS;
}

long syscall_invoke(struct process *p, unsigned number, const uint64_t args[6])
{
	if (number >= LINUX_SYSCALL_COUNT || !table[number])
		return -LINUX_ENOSYS;
	return table[number](p, args);
}

/*
 * The library OS: what a Linux process answers about itself without
 * leaving its address space, and the one IPC that carries everything else
 * to the personality server. Answering locally is the exokernel's point:
 * getpid costs an upcall and a function call, not a round trip through
 * another address space.
 */
#include <stddef.h>

#include "components/posix/libos/libos.h"
#include "components/posix/linux_errno.h"
#include "components/posix/linux_syscalls.h"
#include "user/lib/strata.h"

struct libos_state libos_state __attribute__((section(".libos_state"), aligned(4096))) = {
	.magic = LIBOS_STATE_MAGIC,
};
_Static_assert(offsetof(struct libos_state, context) == 80, "entry.S's CTX() assumes the context at offset 80");

void libos_syscall(void);
void libos_start_program(void);

#define PTE_PRESENT 1ull
#define PTE_WRITABLE 2ull
#define PTE_USER 4ull
#define PTE_LARGE 0x80ull

/* Whether [address, address + length) is mapped user-writable now, read
 * from this process's own page tables (ST_UVPT_BASE) top level first, so
 * that no read of a missing table can fault. */
static int user_writable(uint64_t address, uint64_t length)
{
	if (address >= ST_USER_ADDRESS_LIMIT || length > ST_USER_ADDRESS_LIMIT - address)
		return 0;
	const uint64_t s = ST_UVPT_SLOT, need = PTE_PRESENT | PTE_WRITABLE | PTE_USER;
	for (uint64_t page = address & ~4095ull; page < address + length; page += 4096) {
		const volatile uint64_t *entry[4] = {
			(const volatile uint64_t *)(ST_UVPT_BASE + (s << 30) + (s << 21) + (s << 12) + ((page >> 39) << 3)),
			(const volatile uint64_t *)(ST_UVPT_BASE + (s << 30) + (s << 21) + ((page >> 30) << 3)),
			(const volatile uint64_t *)(ST_UVPT_BASE + (s << 30) + ((page >> 21) << 3)),
			(const volatile uint64_t *)(ST_UVPT_BASE + ((page >> 12) << 3)),
		};
		for (int level = 0; level < 4; level++) {
			uint64_t value = *entry[level];
			if ((value & need) != need)
				return 0;
			if (level > 0 && (value & PTE_LARGE))
				break;
		}
	}
	return 1;
}

/* Monotonic nanoseconds: the time-stamp counter, as the server counts it. */
static uint64_t now_ns(void)
{
	uint32_t low, high;
	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	uint64_t tsc = ((uint64_t)high << 32) | low;
	return libos_tsc_to_ns(tsc - libos_state.boot_tsc, libos_state.ns_per_tsc_q32);
}

/* Calls that take at most three arguments (Linux's own signatures), among
 * those programs make most: the server then skips fetching the rest. */
static int short_call(uint64_t number)
{
	switch (number) {
	case LINUX_SYS_read: case LINUX_SYS_write: case LINUX_SYS_open: case LINUX_SYS_close:
	case LINUX_SYS_stat: case LINUX_SYS_fstat: case LINUX_SYS_lstat: case LINUX_SYS_poll:
	case LINUX_SYS_lseek: case LINUX_SYS_mprotect: case LINUX_SYS_munmap: case LINUX_SYS_brk:
	case LINUX_SYS_ioctl: case LINUX_SYS_readv: case LINUX_SYS_writev: case LINUX_SYS_access:
	case LINUX_SYS_pipe: case LINUX_SYS_dup: case LINUX_SYS_dup2: case LINUX_SYS_pause:
	case LINUX_SYS_nanosleep: case LINUX_SYS_alarm: case LINUX_SYS_getppid: case LINUX_SYS_getpgrp:
	case LINUX_SYS_setsid: case LINUX_SYS_setpgid: case LINUX_SYS_getpgid: case LINUX_SYS_getsid:
	case LINUX_SYS_execve: case LINUX_SYS_exit: case LINUX_SYS_exit_group: case LINUX_SYS_kill:
	case LINUX_SYS_uname: case LINUX_SYS_fcntl: case LINUX_SYS_fsync: case LINUX_SYS_ftruncate:
	case LINUX_SYS_getdents64: case LINUX_SYS_getcwd: case LINUX_SYS_chdir: case LINUX_SYS_fchdir:
	case LINUX_SYS_rename: case LINUX_SYS_mkdir: case LINUX_SYS_rmdir: case LINUX_SYS_unlink:
	case LINUX_SYS_readlink: case LINUX_SYS_umask: case LINUX_SYS_gettimeofday: case LINUX_SYS_sysinfo:
	case LINUX_SYS_getrlimit: case LINUX_SYS_setrlimit: case LINUX_SYS_rt_sigreturn: case LINUX_SYS_arch_prctl:
	case LINUX_SYS_set_tid_address: case LINUX_SYS_time: case LINUX_SYS_dup3: case LINUX_SYS_pipe2:
	case LINUX_SYS_getrandom: case LINUX_SYS_tgkill: case LINUX_SYS_tkill: case LINUX_SYS_madvise:
		return 1;
	default:
		return 0;
	}
}

/* The call as the server would get it from the nucleus: one IPC. */
static long forward(const struct st_registers *c)
{
	int short_one = short_call(c->rax);
	if (!short_one) {
		libos_state.args[0] = c->r10;
		libos_state.args[1] = c->r8;
		libos_state.args[2] = c->r9;
	}
	struct st_message m = {
		.info = ST_MSG_INFO(short_one ? LIBOS_LABEL_LINUX_SHORT : LIBOS_LABEL_LINUX, ST_MSG_REGISTER_WORDS, 0),
		.words = { c->rax, c->rdi, c->rsi, c->rdx },
	};
	long error = st_ipc_call(LIBOS_SLOT_SERVER, &m);
	return error ? -LINUX_ENOSYS : (long)m.words[0];
}

struct linux_timespec {
	int64_t seconds, nanoseconds;
};

/* clock_gettime for the clocks that are the counter: -1 for the others. */
static long clock_time(uint64_t clock, uint64_t address)
{
	enum { REALTIME = 0, MONOTONIC = 1, MONOTONIC_RAW = 4, REALTIME_COARSE = 5, MONOTONIC_COARSE = 6, BOOTTIME = 7 };
	uint64_t ns = now_ns();
	if (clock == REALTIME || clock == REALTIME_COARSE)
		ns += (uint64_t)libos_state.realtime_offset_ns;
	else if (clock != MONOTONIC && clock != MONOTONIC_RAW && clock != MONOTONIC_COARSE && clock != BOOTTIME)
		return -1;
	if (!user_writable(address, sizeof(struct linux_timespec)))
		return -1;
	struct linux_timespec *t = (struct linux_timespec *)address;
	t->seconds = (int64_t)(ns / 1000000000u);
	t->nanoseconds = (int64_t)(ns % 1000000000u);
	return 0;
}

/* A call this process can answer alone: its result; -1 (never a Linux
 * result here) when the server must. */
static long answer_locally(const struct st_registers *c)
{
	switch (c->rax) {
	case LINUX_SYS_getpid:
	case LINUX_SYS_gettid:
		return libos_state.pid ? libos_state.pid : -1;
	case LINUX_SYS_getuid:
	case LINUX_SYS_geteuid:
	case LINUX_SYS_getgid:
	case LINUX_SYS_getegid:
		return 0;
	case LINUX_SYS_clock_gettime:
		return clock_time(c->rdi, c->rsi);
	case LINUX_SYS_sched_yield:
		st_yield();
		return 0;
	default:
		return -1;
	}
}

void libos_syscall(void)
{
	struct st_registers *c = &libos_state.context;
	uint64_t number = c->rax;
	long result = answer_locally(c);
	if (result != -1) {
		c->rax = (uint64_t)result;
		return;
	}
	result = forward(c);
	/* The server may have rewritten the context (a signal handler to run,
	 * sigreturn, execve); the result goes where it left rax. */
	c->rax = (uint64_t)result;
	if (number == LINUX_SYS_getpid && result > 0)
		libos_state.pid = result;
	/* A new child starts here too, with the parent's memory: it must ask
	 * for its own process id. */
	if ((number == LINUX_SYS_fork || number == LINUX_SYS_vfork || number == LINUX_SYS_clone) && result == 0)
		libos_state.pid = 0;
}

/* A fresh program: the server wrote entry, stack and pid; every other
 * register starts at zero, as Linux starts a process. */
void libos_start_program(void)
{
	struct st_registers *c = &libos_state.context;
	*c = (struct st_registers){ .rip = libos_state.entry, .rsp = libos_state.stack, .rflags = 0x202 };
}

/*
 * The file side's surroundings for host tests (fs_fake.c): a fake process
 * side (processes, user memory, clocks, signals, wakeups), a fake console
 * server and a heap that keeps every block reachable, so a test can count
 * what the file side still holds. fs_build.c compiles the file side itself
 * into the unit tests.
 */
#ifndef TESTS_UNIT_FS_FAKE_H
#define TESTS_UNIT_FS_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "components/posix/posix.h"
#include "components/posix/fs/linux_fs.h"

struct process {
	struct posix_process_common common;
	int signals[16];       /* signal_send to this process, in order */
	unsigned signal_count;
};

/* A fresh file system (from archive, or empty) and no processes. */
void fake_fs_reset(const void *archive, size_t size);
/* A process with pid (and pgid = sid = pid) set up by fs_process_init. */
struct process *fake_process(int pid);
/* A child made by fs_fork. */
struct process *fake_fork(struct process *parent, int pid);

/* User memory: addresses from FAKE_USER_BASE; pages can be unmapped. */
#define FAKE_USER_BASE 0x10000000ull
#define FAKE_USER_SIZE (8u << 20)
uint64_t fake_user_alloc(size_t size);              /* zeroed, 16-aligned */
uint64_t fake_user_put(const void *data, size_t size);
uint64_t fake_user_string(const char *s);
void *fake_user_pointer(uint64_t address);
void fake_user_unmap_page(uint64_t address);
#define FAKE_BAD_ADDRESS 0x1000ull                  /* never mapped */

/* System calls through fs_syscalls[]. */
long fake_call(struct process *p, unsigned number, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
	       uint64_t a5);
#define SYS(p, name, ...) fake_call_n(p, LINUX_SYS_##name, (uint64_t[6]){ __VA_ARGS__ })
long fake_call_n(struct process *p, unsigned number, const uint64_t a[6]);
/* The same as a retry of a parked call. */
long fake_retry_n(struct process *p, unsigned number, const uint64_t a[6]);
#define RETRY(p, name, ...) fake_retry_n(p, LINUX_SYS_##name, (uint64_t[6]){ __VA_ARGS__ })

/* Shorthands for tests: paths are copied into user memory. */
#define U(s) fake_user_string(s)

/* Clocks: the test moves them. */
extern uint64_t fake_now_ns, fake_realtime_ns;
extern unsigned fake_wake_count;
/* signal_send_group calls, in order. */
extern int fake_group_signals[16][2];
extern unsigned fake_group_signal_count;
extern char fake_log[256];

/* The console: input to hand out, output written, events to report. */
extern char fake_console_input[4096];
extern size_t fake_console_input_length;
extern bool fake_console_eof;
extern char fake_console_output[65536];
extern size_t fake_console_output_length;
extern unsigned fake_console_write_calls;
extern uint64_t fake_console_signal_bits;
extern uint8_t fake_console_termios[64];
extern uint16_t fake_console_rows, fake_console_columns;
extern uint64_t fake_console_termios_mode; /* words[8] of the last SET_TERMIOS */

/* Blocks the file side's heap holds now. */
size_t fake_heap_blocks(void);

#endif

/* A newc cpio archive built in memory, for tests. */
struct fake_cpio {
	uint8_t data[1 << 16];
	size_t size;
};
void fake_cpio_init(struct fake_cpio *c);
void fake_cpio_entry(struct fake_cpio *c, const char *name, uint32_t mode, uint32_t ino, uint32_t nlink,
		     uint32_t mtime, const void *data, size_t size);
void fake_cpio_finish(struct fake_cpio *c); /* the TRAILER!!! entry */
/* Shorthands: a directory, a file with text, a symbolic link. */
void fake_cpio_dir(struct fake_cpio *c, const char *name, uint32_t permissions);
void fake_cpio_file(struct fake_cpio *c, const char *name, uint32_t permissions, const char *text);
void fake_cpio_symlink(struct fake_cpio *c, const char *name, const char *target);

/*
 * Where the personality runs for a process (placement=micro|exo on the
 * command line; docs/personality.md). micro: every Linux call is an IPC to
 * this server. exo: the nucleus upcalls into the library OS mapped in the
 * process (components/posix/libos/), which answers some calls itself and
 * forwards the others here as one IPC each. The server's side of exo is
 * here: mapping the library OS at exec, reading the program's registers
 * where the library OS saved them, and the forwarded call's layout.
 */
#ifndef POSIX_PLACEMENT_H
#define POSIX_PLACEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "components/posix/libos/libos.h"

struct process;
struct elf_program;

extern bool placement_exo;

/* Reads placement= from the command line; for exo, checks the library
 * OS image (boot module 3). 0, or a message saying what is wrong. */
const char *placement_init(const char *cmdline, const void *libos, size_t size);

/* How a process's thread hands on its Linux calls. */
unsigned placement_personality_mode(void);
uint64_t placement_personality_handler(uint64_t endpoint_slot);

/* exec: maps the library OS beside the program, tells it the program's
 * entry and stack, and starts the thread in it. 0 or -LINUX_E*. */
long placement_exec_start(struct process *p, uint64_t entry, uint64_t stack);

/* Whether the process's call came through its library OS (its program's
 * registers are then in libos_state, not in its thread). */
bool placement_in_libos_call(struct process *p);
bool placement_in_libos(uint64_t rip);

/* A forwarded call's arguments 3-5 (the library OS leaves them in
 * libos_state.args). 0 or -LINUX_EFAULT. */
long placement_call_args(struct process *p, uint64_t args[3]);

#endif

/*
 * The console server's client transport (console_ipc.c in the posix
 * server; host tests put a fake console in its place).
 */
#ifndef POSIX_FS_CONSOLE_IPC_H
#define POSIX_FS_CONSOLE_IPC_H

#include <stdint.h>

#define CONSOLE_CALL_WORDS_MAX 128

/* Calls the console with label and words[0..count), then puts the reply
 * in words[0..128): the number of reply words, or a negated Linux error
 * (-LINUX_EIO when the console is unreachable). */
long console_call(unsigned label, uint64_t *words, unsigned count);

/* The most data bytes one CONSOLE_WRITE or CONSOLE_READ carries. */
unsigned console_data_max(void);

#endif

/* Linux system calls of threads in a personality: the nucleus does not
 * interpret them, it hands them on (docs/personality.md). */
#ifndef KERNEL_IPC_PERSONALITY_H
#define KERNEL_IPC_PERSONALITY_H

#include "kernel/thread.h"

/* The thread made a system call without ST_SYSCALL_NATIVE: send it to its
 * personality server as a call, or jump to its library OS. */
void personality_syscall(struct thread *thread);

/* Its forwarded call was aborted (suspended, server gone): it makes the
 * call again when it next runs. */
void personality_restart(struct thread *thread);

#endif

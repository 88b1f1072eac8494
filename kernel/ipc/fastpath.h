/* The IPC fastpath (fastpath.c): each returns only if the general path
 * must handle the call. */
#ifndef KERNEL_IPC_FASTPATH_H
#define KERNEL_IPC_FASTPATH_H

#include "kernel/arch/x86_64/trap_frame.h"

void fastpath_call(struct trap_frame *frame);
void fastpath_reply_receive(struct trap_frame *frame);

#endif

/*
 * Forwarding Linux system calls. In the server placement the call becomes
 * an IPC call whose message is the registers (message.c builds it, the
 * reply's word 0 becomes rax: endpoint.c). In the library-OS placement the
 * thread jumps to its own upcall entry: the nucleus's whole part is to
 * change rip, leaving rcx (the return address) and r11 (rflags) as the
 * syscall instruction set them, so the library OS can return by itself.
 */
#include "kernel/ipc/personality.h"

#include "include/strata/syscalls.h"
#include "kernel/ipc/ipc.h"
#include "kernel/mm/layout.h"
#include "kernel/object/cspace.h"
#include "kernel/printk.h"

#define SYSCALL_INSTRUCTION_LENGTH 2 /* 0f 05 */

void personality_syscall(struct thread *thread)
{
	if (thread->personality == ST_PERSONALITY_UPCALL) {
		thread->frame.rip = thread->personality_handler;
		thread->frame.vector = 0; /* leave by iretq: sysret would overwrite rcx and r11 */
		return;
	}
	struct slot *slot;
	if (cspace_thread_cap(thread, thread->personality_handler, ST_OBJECT_ENDPOINT, ST_RIGHT_WRITE, &slot)) {
		kprintf("thread '%s' stopped: Linux system call %lu and no personality endpoint\n", thread->name,
			thread->frame.rax);
		personality_restart(thread); /* like a faulting instruction: resumed, it tries again */
		thread_stop(thread, ST_THREAD_FAULTED);
		return;
	}
	endpoint_send(phys_to_virt(slot->cap.object), slot->cap.word, IPC_CALL | IPC_LINUX, false);
}

void personality_restart(struct thread *thread)
{
	/* Only while the frame is still the system call's own (registers
	 * written since then say where to go instead); rax still holds the
	 * number, since a forwarded call's result is set only by a reply. */
	if (thread->frame.vector == 256)
		thread->frame.rip -= SYSCALL_INSTRUCTION_LENGTH;
}

#include "kernel/ipc/message.h"

#include "include/strata/errors.h"
#include "kernel/mm/layout.h"
#include "kernel/object/cspace.h"

struct st_ipc_buffer *thread_ipc_buffer(const struct thread *thread)
{
	const struct cap *frame = &thread->slots[THREAD_SLOT_IPC_BUFFER].cap;
	return frame->type == ST_OBJECT_FRAME ? phys_to_virt(frame->object) : NULL;
}

int message_check(struct thread *sender, unsigned flags)
{
	uint64_t info = sender->frame.rsi;
	unsigned words = ST_MSG_WORDS(info), caps = ST_MSG_CAPS(info);
	if (words > ST_MSG_MAX_WORDS || caps > ST_MSG_MAX_CAPS)
		return ST_ERROR_INVALID_ARGUMENT;
	if (caps && !(flags & IPC_GRANT))
		return ST_ERROR_NO_RIGHTS;
	if ((words > ST_MSG_REGISTER_WORDS || caps) && !thread_ipc_buffer(sender))
		return ST_ERROR_BAD_ADDRESS;
	return ST_OK;
}

/* Copies the sender's capabilities into the receiver's receive slots, as
 * children of the sender's (so revoking those revokes these), stopping at
 * the first that cannot go. Returns how many went. */
static unsigned transfer_caps(struct thread *from, const struct st_ipc_buffer *from_buffer, unsigned count,
			      struct thread *to, const struct st_ipc_buffer *to_buffer)
{
	if (!to_buffer || !to_buffer->receive_slot)
		return 0;
	uint64_t dest_ref = to_buffer->receive_slot;
	unsigned sent = 0;
	for (; sent < count; sent++) {
		struct slot *source, *dest;
		if (cspace_thread_cap(from, from_buffer->caps[sent], ST_OBJECT_NULL, 0, &source) ||
		    cspace_thread_empty_slots(to, dest_ref + sent, 1, &dest) ||
		    slot_derive(source, dest, ST_RIGHTS_ALL, false, 0))
			break;
	}
	return sent;
}

void message_transfer(struct thread *from, struct thread *to, uint64_t badge, unsigned flags)
{
	struct trap_frame *in = &from->frame, *out = &to->frame;
	uint64_t info;
	if (flags & IPC_FAULT) {
		info = ST_MSG_INFO(0, ST_FAULT_WORDS, 0) | ST_MSG_FAULT;
		out->r10 = from->fault_vector;
		out->r8 = from->fault_error;
		out->r9 = from->fault_address;
		out->r12 = in->rip;
	} else if (flags & IPC_LINUX) {
		/* The number and the six arguments: four in registers, the
		 * rest in the receiver's buffer (if it has none, they stay
		 * behind and the message says 4 words). */
		struct st_ipc_buffer *to_buffer = thread_ipc_buffer(to);
		info = ST_MSG_INFO(0, to_buffer ? ST_LINUX_WORDS : ST_MSG_REGISTER_WORDS, 0) | ST_MSG_LINUX;
		out->r10 = in->rax;
		out->r8 = in->rdi;
		out->r9 = in->rsi;
		out->r12 = in->rdx;
		if (to_buffer) {
			to_buffer->words[4] = in->r10;
			to_buffer->words[5] = in->r8;
			to_buffer->words[6] = in->r9;
		}
	} else {
		const struct st_ipc_buffer *from_buffer = thread_ipc_buffer(from);
		struct st_ipc_buffer *to_buffer = thread_ipc_buffer(to);
		unsigned words = ST_MSG_WORDS(in->rsi), caps = ST_MSG_CAPS(in->rsi);
		/* A blocked sender's registers may have been rewritten since the
		 * send was checked, and either buffer may have gone: cut the
		 * message to the limits and to what the registers carry. */
		if (words > ST_MSG_MAX_WORDS)
			words = ST_MSG_MAX_WORDS;
		if (caps > ST_MSG_MAX_CAPS)
			caps = ST_MSG_MAX_CAPS;
		if (words > ST_MSG_REGISTER_WORDS && (!from_buffer || !to_buffer))
			words = ST_MSG_REGISTER_WORDS;
		for (unsigned i = ST_MSG_REGISTER_WORDS; i < words; i++)
			to_buffer->words[i] = from_buffer->words[i];
		caps = caps && (flags & IPC_GRANT) && from_buffer ? transfer_caps(from, from_buffer, caps, to, to_buffer) : 0;
		info = ST_MSG_INFO(ST_MSG_LABEL(in->rsi), words, caps);
		/* Registers beyond the message are zeroed, not the sender's. */
		out->r10 = words > 0 ? in->r10 : 0;
		out->r8 = words > 1 ? in->r8 : 0;
		out->r9 = words > 2 ? in->r9 : 0;
		out->r12 = words > 3 ? in->r12 : 0;
	}
	out->rax = ST_OK;
	out->rdi = badge;
	out->rsi = info;
}

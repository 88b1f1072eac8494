/*
 * The partner process: this program again, from boot module 0, in an
 * address space of its own. The root makes it (partner_create), gives it
 * capabilities in its CNode, starts it with a role; the partner's main
 * runs that role (partner_main) for the rest of the benchmark.
 */
#include "user/bench/bench.h"

static const void *partner_image;
static uint64_t partner_image_size;
static uint32_t shared_frame;

long partners_init(const struct st_bootinfo *bootinfo)
{
	partner_image = st_map_module(bootinfo, 0);
	if (!partner_image)
		return ST_ERROR_NO_MEMORY;
	partner_image_size = bootinfo->modules[0].size;
	long error = st_alloc_object(ST_OBJECT_FRAME, 0, &shared_frame);
	return error ? error : st_map_frame(st_allocator.vspace, shared_frame, SHARED_ADDRESS,
					    ST_RIGHT_READ | ST_RIGHT_WRITE);
}

long partner_create(const char *name, struct st_process *partner)
{
	if (!partner_image)
		return ST_ERROR_NO_MEMORY;
	long error = st_process_create(partner_image, partner_image_size, PARTNER_CNODE_BITS, name, partner);
	if (error)
		return error;
	/* A frame capability maps once: the partner's mapping is a copy's. */
	uint32_t copy = st_alloc_slot();
	if (!copy)
		return ST_ERROR_NO_MEMORY;
	if ((error = st_cap_copy(shared_frame, copy, ST_RIGHTS_ALL)))
		return error;
	return st_map_frame(partner->vspace, copy, SHARED_ADDRESS, ST_RIGHT_READ | ST_RIGHT_WRITE);
}

long partner_start(const struct st_process *partner, enum partner_role role, unsigned priority)
{
	return st_process_start(partner, role, priority);
}

long partner_serving(enum partner_role role, unsigned type, unsigned priority, struct st_process *partner,
		     uint32_t *object)
{
	long error = partner_create("partner", partner);
	return error ? error : partner_serving_created(partner, role, type, priority, object);
}

long partner_serving_created(struct st_process *partner, enum partner_role role, unsigned type, unsigned priority,
			     uint32_t *object)
{
	uint32_t reply;
	long error;
	if ((error = st_alloc_object(type, 0, object)) || (error = st_alloc_object(ST_OBJECT_REPLY, 0, &reply)) ||
	    (error = st_cap_copy(*object, ST_SLOT(partner->cnode, PARTNER_OBJECT), ST_RIGHTS_ALL)) ||
	    (error = st_cap_move(reply, ST_SLOT(partner->cnode, PARTNER_REPLY))))
		return error;
	return partner_start(partner, role, priority);
}

void partner_stop(const struct st_process *partner)
{
	/* Deleting the root's capability would not do: the partner's CNode
	 * holds another. Suspended, it never runs again. */
	st_thread_suspend(partner->thread);
}

static _Noreturn void yielder(void)
{
	for (;;)
		st_yield();
}

/* The server of a round trip: the reply is the message that came, the
 * same length. The loop is the whole server; no check can cost. */
static _Noreturn void echo_server(void)
{
	struct st_message message = { 0 };
	st_recv(PARTNER_OBJECT, PARTNER_REPLY, &message);
	for (;;)
		st_reply_recv(PARTNER_OBJECT, PARTNER_REPLY, &message);
}

/* One-way costs: the reply's two words are the TSC right after the call
 * arrived (receive returned) and right before the reply (reply-receive
 * entered). */
static _Noreturn void timestamp_server(void)
{
	struct st_message message = { 0 };
	st_recv(PARTNER_OBJECT, PARTNER_REPLY, &message);
	for (;;) {
		message.words[0] = tsc_serialized();
		message.info = ST_MSG_INFO(0, 2, 0);
		message.words[1] = tsc_serialized();
		st_reply_recv(PARTNER_OBJECT, PARTNER_REPLY, &message);
	}
}

static _Noreturn void notification_waiter(void)
{
	for (;;) {
		st_wait(PARTNER_OBJECT, NULL);
		shared->woke = tsc_serialized();
	}
}

/* A fault handler's loop: `fix` makes the faulting instruction succeed when
 * retried; the reply resumes the thread there. An unexpected message (not
 * a fault of that vector) leaves the thread stopped, and the benchmark
 * never finishes: tools/bench says so. */
static _Noreturn void fault_handler(unsigned vector, void (*fix)(void))
{
	struct st_message message = { 0 };
	st_recv(PARTNER_OBJECT, PARTNER_REPLY, &message);
	for (;;) {
		if ((message.info & ST_MSG_FAULT) && message.words[ST_FAULT_VECTOR] == vector) {
			fix();
			message.info = ST_MSG_INFO(0, 0, 0);
		} else {
			st_printf("bench partner: unexpected message (info %#lx, vector %lu)\n", message.info,
				  message.words[ST_FAULT_VECTOR]);
			message.info = ST_MSG_INFO(ST_FAULT_REPLY_STOP, 0, 0);
		}
		st_reply_recv(PARTNER_OBJECT, PARTNER_REPLY, &message);
	}
}

static void make_divisor_one(void)
{
	shared->divisor = 1;
}

static void make_page_writable(void)
{
	st_frame_protect(PARTNER_FRAME, ST_RIGHT_READ | ST_RIGHT_WRITE);
}

_Noreturn void partner_main(enum partner_role role)
{
	switch (role) {
	case ROLE_YIELDER:
		yielder();
	case ROLE_ECHO_SERVER:
		echo_server();
	case ROLE_TIMESTAMP_SERVER:
		timestamp_server();
	case ROLE_NOTIFICATION_WAITER:
		notification_waiter();
	case ROLE_DIVIDE_FAULT_HANDLER:
		fault_handler(0, make_divisor_one);
	case ROLE_PROTECT_FAULT_HANDLER:
		fault_handler(14, make_page_writable);
	}
	st_thread_exit();
}

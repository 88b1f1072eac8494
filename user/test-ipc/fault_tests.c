/* Faults as messages: a thread's CPU exception goes, as a call, to the
 * endpoint its fault handler names; the handler's reply resumes or stops
 * it. */
#include "user/test-ipc/ipc_tests.h"

/* Faulting instructions at known addresses (each a function of one
 * argument in rdi, returning if the instruction is survived). */
__asm__(".pushsection .text\n"
	"fault_write:\n"
	"	movq $0x5717a7a, (%rdi)\n"
	"	ret\n"
	"fault_ud2:\n"
	"	ud2\n"
	"	ret\n"
	"fault_hlt:\n"
	"	hlt\n"
	"	ret\n"
	"fault_divide:\n"
	"	xorl %ecx, %ecx\n"
	"fault_divide_instruction:\n"
	"	divl %ecx\n"
	"	ret\n"
	"fault_int3:\n"
	"	int3\n"
	"fault_int3_after:\n"
	"	ret\n"
	".popsection\n");
extern char fault_write[], fault_ud2[], fault_hlt[], fault_divide[], fault_divide_instruction[], fault_int3[],
	fault_int3_after[];

#define WRITTEN 0x5717a7aull

/* Calls the faulting function argument[0] with argument[1]. */
static void body_fault(struct worker *w)
{
	((void (*)(uint64_t))w->argument[0])(w->argument[1]);
	w->steps++;
}

/* A thread that will run `function(argument)` with handler (a slot
 * reference in the root CNode, 0: none) as its fault handler; started. */
static struct worker *faulter(char *function, uint64_t argument, uint64_t handler)
{
	struct worker *w = worker_make(body_fault, HIGH_PRIORITY, 0);
	worker_configure(w, 0, handler);
	w->argument[0] = (uint64_t)function;
	w->argument[1] = argument;
	worker_resume(w);
	return w;
}

/* The fault message the handler endpoint has for the root. */
static struct st_message take_fault(uint64_t endpoint, uint64_t reply)
{
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, reply, &m), ST_OK);
	UCHECK(m.info & ST_MSG_FAULT);
	UCHECK_EQ(ST_MSG_WORDS(m.info), ST_FAULT_WORDS);
	UCHECK_EQ(ST_MSG_LABEL(m.info), 0);
	return m;
}

UTEST(page_fault_delivered_as_message)
{
	begin();
	uint32_t endpoint = new_endpoint();
	uint64_t address = unmapped_address() + 0x88;
	struct worker *w = faulter(fault_write, address, utest_mint(endpoint, ST_RIGHT_WRITE, 0xfa));
	/* No handler waits yet: the fault is queued like a call. */
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	struct st_message m = take_fault(endpoint, new_reply());
	UCHECK_EQ(m.badge, 0xfa);
	UCHECK_EQ(m.words[ST_FAULT_VECTOR], VECTOR_PAGE_FAULT);
	/* Not present, write, user mode. */
	UCHECK_EQ(m.words[ST_FAULT_ERROR], ST_PF_WRITE | PF_USER);
	UCHECK_EQ(m.words[ST_FAULT_ADDRESS], address);
	UCHECK_EQ(m.words[ST_FAULT_IP], (uint64_t)fault_write);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_REPLY);
}

/* The handler maps the page and replies: the write is done again, lands,
 * and the thread goes on. */
UTEST(fault_handler_maps_page_and_thread_continues)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	uint64_t address = unmapped_address();
	struct worker *w = faulter(fault_write, address + 8, endpoint);
	struct st_message m = take_fault(endpoint, reply);
	UCHECK_EQ(m.words[ST_FAULT_ADDRESS], address + 8);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_map_frame(ST_ROOT_VSPACE, frame, address, READ_WRITE), ST_OK);
	m = msg(0, 0, 0, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->steps, 1);
	UCHECK_EQ(((volatile uint64_t *)address)[1], WRITTEN);
}

static void check_vector(char *function, uint64_t vector, uint64_t error, uint64_t ip)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = faulter(function, 0, endpoint);
	struct st_message m = take_fault(endpoint, new_reply());
	UCHECK_EQ(m.words[ST_FAULT_VECTOR], vector);
	UCHECK_EQ(m.words[ST_FAULT_ERROR], error);
	UCHECK_EQ(m.words[ST_FAULT_ADDRESS], 0);
	UCHECK_EQ(m.words[ST_FAULT_IP], ip);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_REPLY);
}

UTEST(invalid_opcode_delivered)
{
	check_vector(fault_ud2, VECTOR_INVALID_OPCODE, 0, (uint64_t)fault_ud2);
}

/* hlt is privileged: #GP(0) in user mode. */
UTEST(general_protection_delivered)
{
	check_vector(fault_hlt, VECTOR_GENERAL_PROTECTION, 0, (uint64_t)fault_hlt);
}

UTEST(divide_error_delivered)
{
	check_vector(fault_divide, VECTOR_DIVIDE, 0, (uint64_t)fault_divide_instruction);
}

/* int3 is a trap: the saved rip is past the instruction. A user-mode int3
 * needs a gate user code may use (DPL 3), else it is a #GP instead. */
UTEST(breakpoint_delivered)
{
	check_vector(fault_int3, VECTOR_BREAKPOINT, 0, (uint64_t)fault_int3_after);
}

UTEST(fault_reply_stop_leaves_thread_faulted)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	uint64_t address = unmapped_address();
	struct worker *w = faulter(fault_write, address, endpoint);
	take_fault(endpoint, reply);
	struct st_message m = msg(ST_FAULT_REPLY_STOP, 0, 0, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	unsigned state = 0, vector = 0;
	uint64_t fault_address = 0;
	UCHECK_EQ(st_thread_state(w->thread, &state, &vector, &fault_address), ST_OK);
	UCHECK_EQ(state, ST_THREAD_FAULTED);
	UCHECK_EQ(vector, VECTOR_PAGE_FAULT);
	UCHECK_EQ(fault_address, address);
	UCHECK_EQ(w->steps, 0);
	/* The reply was used up. */
	UCHECK_EQ(st_reply(reply, &m), ST_ERROR_ILLEGAL_OPERATION);
}

/* The handler moves rip past the ud2 before replying. */
UTEST(fault_handler_skips_instruction_with_registers)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *w = faulter(fault_ud2, 0, endpoint);
	take_fault(endpoint, reply);
	struct st_registers registers;
	UCHECK_EQ(st_thread_read_registers(w->thread, &registers), ST_OK);
	UCHECK_EQ(registers.rip, (uint64_t)fault_ud2);
	registers.rip += 2;
	UCHECK_EQ(st_thread_write_registers(w->thread, &registers), ST_OK);
	struct st_message m = msg(0, 0, 0, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->steps, 1);
}

UTEST(no_fault_handler_thread_stops)
{
	begin();
	struct worker *w = faulter(fault_ud2, 0, 0);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_FAULTED);
	UCHECK_EQ(fault_vector_of(w->thread), VECTOR_INVALID_OPCODE);
}

/* A fault handler capability without WRITE is no handler: the thread stops
 * and the endpoint gets nothing. */
UTEST(fault_handler_without_write_is_no_handler)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = faulter(fault_ud2, 0, utest_copy(endpoint, ST_RIGHT_READ | ST_RIGHT_GRANT));
	UCHECK_EQ(state_of(w->thread), ST_THREAD_FAULTED);
	struct st_message m = { 0 };
	UCHECK_EQ(st_nb_recv(endpoint, 0, &m), ST_ERROR_WOULD_BLOCK);
}

UTEST(fault_handler_not_an_endpoint_is_no_handler)
{
	begin();
	uint32_t notification = new_notification();
	struct worker *w = faulter(fault_ud2, 0, notification);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_FAULTED);
	UCHECK_EQ(st_poll(notification, NULL), ST_ERROR_WOULD_BLOCK);
	struct worker *empty = faulter(fault_ud2, 0, utest_slot());
	UCHECK_EQ(state_of(empty->thread), ST_THREAD_FAULTED);
}

/* The handler reference is looked up in the faulting thread's own
 * capability space. */
UTEST(fault_handler_named_in_faulters_cspace)
{
	begin();
	uint32_t endpoint = new_endpoint();
	uint32_t cnode = utest_object(ST_OBJECT_CNODE, 2);
	UCHECK_EQ(st_cap_mint(endpoint, ST_SLOT(cnode, 1), ST_RIGHT_WRITE, 0x11), ST_OK);
	struct worker *w = worker_make(body_fault, HIGH_PRIORITY, 0);
	worker_configure(w, cnode, 1);
	w->argument[0] = (uint64_t)fault_ud2;
	worker_resume(w);
	struct st_message m = take_fault(endpoint, new_reply());
	UCHECK_EQ(m.badge, 0x11);
	UCHECK_EQ(m.words[ST_FAULT_VECTOR], VECTOR_INVALID_OPCODE);
}

/* Received with no reply object, a fault cannot be answered: the thread
 * stops. */
UTEST(fault_taken_without_reply_object_leaves_faulted)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = faulter(fault_ud2, 0, endpoint);
	take_fault(endpoint, 0);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_FAULTED);
	UCHECK_EQ(fault_vector_of(w->thread), VECTOR_INVALID_OPCODE);
}

UTEST(fault_endpoint_deleted_while_queued_leaves_faulted)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = faulter(fault_ud2, 0, endpoint);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	UCHECK_EQ(st_cap_delete(endpoint), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_FAULTED);
	UCHECK_EQ(fault_vector_of(w->thread), VECTOR_INVALID_OPCODE);
}

UTEST(fault_reply_object_deleted_leaves_faulted)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *w = faulter(fault_ud2, 0, endpoint);
	take_fault(endpoint, reply);
	UCHECK_EQ(st_cap_delete(reply), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_FAULTED);
	UCHECK_EQ(fault_vector_of(w->thread), VECTOR_INVALID_OPCODE);
}

/* A handler that faults while handling: it touches argument[1] after
 * receiving the fault on its endpoint. */
static void body_faulting_handler(struct worker *w)
{
	struct st_message m = { 0 };
	w->result = st_recv(w->endpoint, w->reply, &m);
	w->message = m;
	*(volatile uint64_t *)w->argument[1] = 1;
	w->steps++;
}

static struct worker *faulting_handler(uint32_t endpoint, uint32_t reply, uint64_t own_handler, uint64_t address)
{
	struct worker *h = worker_make(body_faulting_handler, HIGH_PRIORITY + 10, 0);
	worker_configure(h, 0, own_handler);
	h->endpoint = endpoint;
	h->reply = reply;
	h->argument[1] = address;
	worker_resume(h);
	UCHECK_EQ(state_of(h->thread), ST_THREAD_BLOCKED_RECEIVE);
	return h;
}

/* Its own fault goes to its own handler; the first faulter keeps waiting
 * for its reply, and ends faulted when that reply object goes. */
UTEST(faulting_handler_fault_goes_to_its_handler)
{
	begin();
	uint32_t first_endpoint = new_endpoint(), first_reply = new_reply();
	uint32_t second_endpoint = new_endpoint();
	uint64_t address = unmapped_address();
	struct worker *h = faulting_handler(first_endpoint, first_reply, second_endpoint, address);
	struct worker *w = faulter(fault_ud2, 0, first_endpoint);
	UCHECK_EQ(h->result, ST_OK);
	UCHECK_EQ(h->message.words[ST_FAULT_VECTOR], VECTOR_INVALID_OPCODE);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_REPLY);
	struct st_message m = take_fault(second_endpoint, new_reply());
	UCHECK_EQ(m.words[ST_FAULT_VECTOR], VECTOR_PAGE_FAULT);
	UCHECK_EQ(m.words[ST_FAULT_ADDRESS], address);
	UCHECK_EQ(state_of(h->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(st_cap_delete(first_reply), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_FAULTED);
	UCHECK_EQ(fault_vector_of(w->thread), VECTOR_INVALID_OPCODE);
}

UTEST(faulting_handler_without_handler_stops)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *h = faulting_handler(endpoint, reply, 0, unmapped_address());
	struct worker *w = faulter(fault_ud2, 0, endpoint);
	UCHECK_EQ(state_of(h->thread), ST_THREAD_FAULTED);
	UCHECK_EQ(fault_vector_of(h->thread), VECTOR_PAGE_FAULT);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_REPLY);
	UCHECK_EQ(st_cap_delete(reply), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_FAULTED);
	/* The root is fine: IPC goes on. */
	UCHECK_EQ(st_signal(new_notification()), ST_OK);
}

/* A faulted thread suspended while its handler holds the fault: resumed,
 * it runs the instruction again and faults again, to the same handler. */
UTEST(suspended_faulter_faults_again_on_resume)
{
	begin();
	uint32_t endpoint = new_endpoint(), reply = new_reply();
	struct worker *w = faulter(fault_ud2, 0, endpoint);
	take_fault(endpoint, reply);
	UCHECK_EQ(st_thread_suspend(w->thread), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_SUSPENDED);
	struct st_message m = msg(0, 0, 0, 0, 0, 0);
	UCHECK_EQ(st_reply(reply, &m), ST_ERROR_ILLEGAL_OPERATION);
	worker_resume(w);
	m = take_fault(endpoint, reply);
	UCHECK_EQ(m.words[ST_FAULT_IP], (uint64_t)fault_ud2);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_REPLY);
}

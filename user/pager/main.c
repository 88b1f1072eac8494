/*
 * A user-level pager (Mach's external pager; the exokernel's visible page
 * fault), booted as the root task. It starts its client (the boot module
 * after itself) with a badged capability to the pager's endpoint as the
 * client thread's fault handler, then serves the client's faults: a page
 * fault inside the client's demand-zero region (user/pager/pager.h) gets a
 * frame retyped from untyped memory (which the nucleus zeroes) mapped at
 * the faulting page, and the reply resumes the client at the faulting
 * instruction; any other fault is reported and answered
 * ST_FAULT_REPLY_STOP, which leaves the client stopped (faulted). The
 * nucleus keeps no paging policy: all of it is here.
 */
#include "user/lib/alloc.h"
#include "user/lib/process.h"
#include "user/pager/pager.h"

#define CLIENT_PRIORITY 100
#define CLIENT_CNODE_BITS 4
/* No fault for this long: the client is stuck (or gone), stop serving. */
#define IDLE_TIMEOUT_NS 5000000000ull

int main(uint64_t argument);

struct pager {
	struct st_process client;
	uint32_t endpoint, reply;
	uint64_t faults_served, pages_mapped;
};

/* The client from its boot module, its fault handler our endpoint (a
 * badged capability it may only send on), started. */
static long start_client(const struct st_bootinfo *bootinfo, struct pager *p)
{
	const void *image = st_map_module(bootinfo, 0);
	if (!image)
		return ST_ERROR_NOT_MAPPED;
	long error;
	if ((error = st_alloc_object(ST_OBJECT_ENDPOINT, 0, &p->endpoint)) ||
	    (error = st_alloc_object(ST_OBJECT_REPLY, 0, &p->reply)) ||
	    (error = st_process_create(image, bootinfo->modules[0].size, CLIENT_CNODE_BITS, "pager-client",
				       &p->client)) ||
	    (error = st_cap_mint(p->endpoint, ST_SLOT(p->client.cnode, PAGER_CLIENT_FAULT_SLOT), ST_RIGHT_WRITE,
				 PAGER_CLIENT_BADGE)) ||
	    (error = st_process_set_fault_handler(&p->client, PAGER_CLIENT_FAULT_SLOT)))
		return error;
	return st_process_start(&p->client, 0, CLIENT_PRIORITY);
}

static int in_region(uint64_t address)
{
	return address >= PAGER_REGION_BASE && address - PAGER_REGION_BASE < PAGER_REGION_SIZE;
}

static const char *exception_name(uint64_t vector)
{
	switch (vector) {
	case 0:
		return "divide error";
	case 6:
		return "invalid opcode";
	case 13:
		return "general protection";
	case 14:
		return "page fault";
	default:
		return "exception";
	}
}

/* A fault the pager does not serve, in full. */
static void report_fault(const struct st_message *m)
{
	uint64_t vector = m->words[ST_FAULT_VECTOR], code = m->words[ST_FAULT_ERROR];
	if (vector == 14) {
		st_printf("pager: client fault outside its demand-zero region: %s (vector 14) at address %#018lx, "
			  "error code %#lx (%s, %s, user mode), ip %#lx\n",
			  exception_name(vector), m->words[ST_FAULT_ADDRESS], code,
			  code & ST_PF_PRESENT ? "protection violation" : "not present",
			  code & ST_PF_FETCH ? "instruction fetch" : code & ST_PF_WRITE ? "write" : "read",
			  m->words[ST_FAULT_IP]);
	} else {
		st_printf("pager: client fault it does not serve: %s (vector %lu), error code %#lx, ip %#lx\n",
			  exception_name(vector), vector, code, m->words[ST_FAULT_IP]);
	}
	st_printf("pager: stopping the client (reply ST_FAULT_REPLY_STOP)\n");
}

/* Demand-zero: a fresh frame, read-write, at the page (st_map_frame makes
 * the page tables the address needs). */
static long map_zero_page(struct pager *p, uint64_t page)
{
	uint32_t frame;
	long error = st_alloc_object(ST_OBJECT_FRAME, 0, &frame);
	return error ? error : st_map_frame(p->client.vspace, frame, page, ST_RIGHT_READ | ST_RIGHT_WRITE);
}

/* Whether the fault was served (the reply in *m resumes the client). */
static int serve_fault(struct pager *p, const struct st_message *fault)
{
	uint64_t code = fault->words[ST_FAULT_ERROR], address = fault->words[ST_FAULT_ADDRESS];
	if (fault->words[ST_FAULT_VECTOR] != 14 || (code & ST_PF_PRESENT) || !in_region(address))
		return 0;
	long error = map_zero_page(p, address & ~4095ull);
	if (error && error != ST_ERROR_ALREADY_MAPPED) {
		st_printf("pager: cannot map a page at %#lx: %s\n", address, st_error_name(error));
		return 0;
	}
	p->faults_served++;
	p->pages_mapped += !error;
	return 1;
}

/* Receives faults, replying to each (the reply and the next receive in one
 * call), until one it does not serve. */
static void serve(struct pager *p)
{
	struct st_message m = { 0 };
	for (;;) {
		long error = st_ipc(ST_SYS_REPLY_RECV, p->endpoint, p->reply, IDLE_TIMEOUT_NS, &m);
		if (error) {
			st_printf("pager: waiting for a fault: %s\n", st_error_name(error));
			return;
		}
		if (!(m.info & ST_MSG_FAULT) || m.badge != PAGER_CLIENT_BADGE) {
			st_printf("pager: unexpected message (badge %#lx, info %#lx) ignored\n", m.badge, m.info);
			m = (struct st_message){ 0 };
			continue;
		}
		if (serve_fault(p, &m)) {
			m = (struct st_message){ 0 }; /* resume it */
			continue;
		}
		report_fault(&m);
		m = (struct st_message){ .info = ST_MSG_INFO(ST_FAULT_REPLY_STOP, 0, 0) };
		if ((error = st_reply(p->reply, &m)))
			st_printf("pager: reply: %s\n", st_error_name(error));
		return;
	}
}

/* The client must be stopped at the access past its region. */
static int check_client_stopped(const struct pager *p)
{
	unsigned state = ~0u, vector = 0;
	uint64_t address = 0;
	long error = st_thread_state(p->client.thread, &state, &vector, &address);
	st_printf("pager: client state %u%s, vector %u, address %#lx (%s)\n", state,
		  state == ST_THREAD_FAULTED ? " (faulted)" : "", vector, address, st_error_name(error));
	return !error && state == ST_THREAD_FAULTED && vector == 14 && address == PAGER_REGION_BASE + PAGER_REGION_SIZE;
}

int main(uint64_t argument)
{
	const struct st_bootinfo *bootinfo = (const struct st_bootinfo *)argument;
	if (bootinfo->magic != ST_BOOTINFO_MAGIC)
		return 1;
	st_alloc_init(bootinfo);
	struct pager p = { 0 };
	long error = start_client(bootinfo, &p);
	if (error) {
		st_printf("pager: FAIL cannot start the client: %s\n", st_error_name(error));
		return 1;
	}
	st_printf("pager: serving the client's faults in %#lx..%#lx\n", PAGER_REGION_BASE,
		  PAGER_REGION_BASE + PAGER_REGION_SIZE - 1);
	serve(&p);
	st_printf("pager: %lu faults served, %lu pages mapped\n", p.faults_served, p.pages_mapped);
	int stopped = check_client_stopped(&p);
	if (p.faults_served == PAGER_FAULTS_EXPECTED && p.pages_mapped == PAGER_FAULTS_EXPECTED && stopped)
		st_printf("pager: PASS\n");
	else
		st_printf("pager: FAIL (expected %u faults served and pages mapped, the client stopped at %#lx)\n",
			  PAGER_FAULTS_EXPECTED, PAGER_REGION_BASE + PAGER_REGION_SIZE);
	return 0;
}

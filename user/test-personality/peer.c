/*
 * The peer: a second copy of this program (boot module 0), loaded as a
 * process of its own, so that Linux system calls also come from another
 * address space and capability space than the server's. Its image is this
 * one at the same addresses, so the root starts it at peer_entry instead
 * of the suite's main; it talks to the root only through the probe page.
 */
#include "user/test-personality/personality_tests.h"

#include "lib/string.h"

/* The peer side. */

static _Noreturn void peer_main(uint64_t mode);

__asm__(".pushsection .text\n"
	".global peer_entry\n"
	"peer_entry:\n"
	"	andq $-16, %rsp\n"
	"	call peer_main\n"
	"	ud2\n"
	".popsection\n");

static __attribute__((used)) _Noreturn void peer_main(uint64_t mode)
{
	struct probe *probe = (struct probe *)PROBE_PAGE;
	if (mode == PEER_PROBE) {
		linux_probe();
		probe->peer_steps = 1;
		/* Native calls still work beside the Linux ones. */
		probe->peer_native_result = (uint64_t)st_yield();
		probe->peer_steps = 2;
	}
	probe->peer_done = 1;
	st_thread_exit();
}

/* The root side. */

bool peer_create(struct peer *p, uint64_t number, uint32_t endpoint, unsigned rights, uint64_t badge)
{
	memset(p, 0, sizeof *p);
	const struct st_bootinfo_module *module;
	const void *image = utest_map_module("test-personality", &module);
	if (!image)
		return false;
	long error = st_process_create(image, module->size, 4, "peer", &p->process);
	UCHECK_EQ(error, ST_OK);
	if (error)
		return false;
	p->process.entry = (uint64_t)peer_entry;
	p->probe = probe_setup(number, p->process.vspace);
	if (endpoint) {
		UCHECK_EQ(st_cap_mint(endpoint, ST_SLOT(p->process.cnode, PEER_ENDPOINT), rights, badge), ST_OK);
		/* The handler names a slot of the peer's own CNode (in the
		 * root's, slot 4 is the IRQ control capability). */
		UCHECK_EQ(st_thread_set_personality(p->process.thread, ST_PERSONALITY_SERVER, PEER_ENDPOINT), ST_OK);
	}
	return true;
}

void peer_start(struct peer *p, unsigned mode, unsigned priority)
{
	UCHECK_EQ(st_process_start(&p->process, mode, priority), ST_OK);
}

/* Reading and writing another thread's x87/SSE registers (the FXSAVE
 * image): what a personality saves in a signal frame and puts back. */
#include "lib/string.h"
#include "user/test-threads/threads.h"

#define FXSAVE_FCW 0
#define FXSAVE_MXCSR 24
#define FXSAVE_XMM0 160

/* A thread entry that stores its xmm0 at *rdi, sets the word after it and
 * exits, touching nothing else first. */
void store_xmm0(uint64_t address);
__asm__(".text\n"
	"store_xmm0:\n\t"
	"movdqu %xmm0, (%rdi)\n\t"
	"movq $1, 16(%rdi)\n\t"
	"movabsq $0x4000000000000001, %rax\n\t" /* ST_SYS_THREAD_EXIT, native */
	"syscall\n\t"
	"ud2");

static uint8_t state[ST_FPU_STATE_SIZE] __attribute__((aligned(16)));

UTEST(fpu_read_new_thread_has_the_initial_state)
{
	uint32_t thread = make_thread(loop_forever, 0, 0, 1);
	memset(state, 0xaa, sizeof state);
	UCHECK_EQ(st_thread_read_fpu(thread, state), ST_OK);
	uint16_t fcw;
	uint32_t mxcsr;
	memcpy(&fcw, state + FXSAVE_FCW, sizeof fcw);
	memcpy(&mxcsr, state + FXSAVE_MXCSR, sizeof mxcsr);
	UCHECK_EQ(fcw, 0x37f);
	UCHECK_EQ(mxcsr, 0x1f80);
}

UTEST(fpu_written_state_is_what_the_thread_runs_with)
{
	static volatile uint64_t seen[3];
	uint32_t thread = make_thread(store_xmm0, (uint64_t)seen, 0, ST_PRIORITY_MAX); /* the root's: its yields let it run */
	UCHECK_EQ(st_thread_read_fpu(thread, state), ST_OK);
	const uint64_t pattern[2] = { 0x1122334455667788ull, 0x99aabbccddeeff00ull };
	memcpy(state + FXSAVE_XMM0, pattern, sizeof pattern);
	UCHECK_EQ(st_thread_write_fpu(thread, state), ST_OK);
	uint8_t back[ST_FPU_STATE_SIZE];
	UCHECK_EQ(st_thread_read_fpu(thread, back), ST_OK);
	UCHECK(!memcmp(back, state, sizeof back));
	UCHECK_EQ(st_thread_resume(thread), ST_OK);
	UCHECK(utest_wait_for(&seen[2], 100));
	UCHECK_EQ(seen[0], pattern[0]);
	UCHECK_EQ(seen[1], pattern[1]);
}

UTEST(fpu_write_refuses_mxcsr_bits_the_cpu_lacks)
{
	uint32_t thread = make_thread(loop_forever, 0, 0, 1);
	UCHECK_EQ(st_thread_read_fpu(thread, state), ST_OK);
	uint32_t bad = 0x1f80 | (1u << 20);
	memcpy(state + FXSAVE_MXCSR, &bad, sizeof bad);
	UCHECK_EQ(st_thread_write_fpu(thread, state), ST_ERROR_INVALID_ARGUMENT);
	uint32_t mxcsr;
	UCHECK_EQ(st_thread_read_fpu(thread, state), ST_OK);
	memcpy(&mxcsr, state + FXSAVE_MXCSR, sizeof mxcsr);
	UCHECK_EQ(mxcsr, 0x1f80); /* unchanged */
}

UTEST(fpu_access_errors)
{
	uint32_t thread = make_thread(loop_forever, 0, 0, 1);
	uint32_t frame = utest_object(ST_OBJECT_FRAME, 0);
	UCHECK_EQ(st_thread_read_fpu(thread, state), ST_OK);
	UCHECK_EQ(st_thread_write_fpu(ST_ROOT_THREAD, state), ST_ERROR_ILLEGAL_OPERATION);
	UCHECK_EQ(st_thread_read_fpu(ST_ROOT_THREAD, state), ST_OK); /* its own: allowed */
	UCHECK_EQ(st_thread_read_fpu(frame, state), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_write_fpu(frame, state), ST_ERROR_WRONG_TYPE);
	UCHECK_EQ(st_thread_read_fpu(thread, (uint8_t *)unmapped_address()), ST_ERROR_BAD_ADDRESS);
	UCHECK_EQ(st_thread_write_fpu(thread, (const uint8_t *)unmapped_address()), ST_ERROR_BAD_ADDRESS);
	uint32_t read_only = utest_slot(), write_only = utest_slot();
	UCHECK_EQ(st_cap_copy(thread, read_only, ST_RIGHT_READ), ST_OK);
	UCHECK_EQ(st_cap_copy(thread, write_only, ST_RIGHT_WRITE), ST_OK);
	UCHECK_EQ(st_thread_write_fpu(read_only, state), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_read_fpu(write_only, state), ST_ERROR_NO_RIGHTS);
	UCHECK_EQ(st_thread_write_fpu(write_only, state), ST_OK);
}

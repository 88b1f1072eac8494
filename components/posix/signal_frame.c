#include "components/posix/signal_frame.h"

#include "components/posix/process.h"
#include "lib/string.h"

_Static_assert(sizeof(struct linux_sigcontext) == 256, "Linux's sigcontext");
_Static_assert(sizeof(struct linux_ucontext) == 304, "Linux's ucontext");
_Static_assert(sizeof(struct linux_siginfo) == 128, "Linux's siginfo");
_Static_assert(sizeof(struct linux_rt_sigframe) == 440, "Linux's rt_sigframe");

#define RED_ZONE 128
#define USER_CS 0x33 /* what Linux shows for a 64-bit user code segment */
#define USER_SS 0x2b
#define UC_SIGCONTEXT_SS 0x2
#define UC_STRICT_RESTORE_SS 0x4
#define RFLAGS_TF (1ull << 8)
#define RFLAGS_DF (1ull << 10)
#define RFLAGS_AC (1ull << 18)

void signal_frame_siginfo(struct linux_siginfo *out, int signal, const struct signal_info *info)
{
	memset(out, 0, sizeof *out);
	out->signo = signal;
	out->code = info->code;
	switch (signal) {
	case LINUX_SIGCHLD:
		out->child.pid = info->pid;
		out->child.uid = (uint32_t)info->uid;
		out->child.status = info->status;
		break;
	case LINUX_SIGSEGV:
	case LINUX_SIGBUS:
	case LINUX_SIGFPE:
	case LINUX_SIGILL:
	case LINUX_SIGTRAP:
		if (info->code > 0 && info->code != LINUX_SI_KERNEL) {
			out->fault.address = info->address;
			break;
		}
		__attribute__((fallthrough)); /* sent by a process, or the kernel's own */
	default:
		out->kill.pid = info->pid;
		out->kill.uid = (uint32_t)info->uid;
		out->kill.value = info->value;
		break;
	}
}

static void save_context(struct linux_sigcontext *c, const struct st_registers *r, const struct signal_info *info,
			 uint64_t mask)
{
	memset(c, 0, sizeof *c);
	c->r8 = r->r8, c->r9 = r->r9, c->r10 = r->r10, c->r11 = r->r11;
	c->r12 = r->r12, c->r13 = r->r13, c->r14 = r->r14, c->r15 = r->r15;
	c->rdi = r->rdi, c->rsi = r->rsi, c->rbp = r->rbp, c->rbx = r->rbx;
	c->rdx = r->rdx, c->rax = r->rax, c->rcx = r->rcx, c->rsp = r->rsp;
	c->rip = r->rip, c->eflags = r->rflags;
	c->cs = USER_CS;
	c->ss = USER_SS;
	c->err = (uint64_t)info->error;
	c->trapno = (uint64_t)info->trap;
	c->oldmask = mask;
	c->cr2 = info->trap == 14 ? info->address : 0;
}

static bool on_altstack(const struct process *p, uint64_t sp)
{
	return p->signals.altstack_size && sp > p->signals.altstack_base &&
	       sp <= p->signals.altstack_base + p->signals.altstack_size;
}

long signal_frame_push(struct process *p, int signal, const struct linux_sigaction *action,
		       const struct signal_info *info, uint64_t saved_mask, struct st_registers *registers)
{
	static struct linux_rt_sigframe frame;
	memset(&frame, 0, sizeof frame);
	uint64_t sp = registers->rsp - RED_ZONE;
	if ((action->flags & LINUX_SA_ONSTACK) && p->signals.altstack_size &&
	    !(p->signals.altstack_flags & LINUX_SS_DISABLE) && !on_altstack(p, registers->rsp))
		sp = p->signals.altstack_base + p->signals.altstack_size;
	/* The interrupted code's x87/SSE registers, which the handler may use,
	 * above the frame (64-byte aligned, as Linux places them). */
	static uint8_t fpu[ST_FPU_STATE_SIZE];
	uint64_t fpstate = (sp - sizeof fpu) & ~63ull;
	if (st_thread_read_fpu(p->thread, fpu) != ST_OK || user_write(p, fpstate, fpu, sizeof fpu))
		return -LINUX_EFAULT;
	sp = fpstate - sizeof frame;
	sp = (sp & ~15ull) - 8; /* as if called: rsp + 8 is 16-byte aligned */

	frame.restorer = action->restorer;
	frame.uc.flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	frame.uc.stack.sp = p->signals.altstack_base;
	frame.uc.stack.size = p->signals.altstack_size;
	frame.uc.stack.flags = p->signals.altstack_size ? (on_altstack(p, registers->rsp) ? LINUX_SS_ONSTACK : 0)
							: LINUX_SS_DISABLE;
	save_context(&frame.uc.mcontext, registers, info, saved_mask);
	frame.uc.mcontext.fpstate = fpstate;
	frame.uc.sigmask = saved_mask;
	signal_frame_siginfo(&frame.info, signal, info);
	if (user_write(p, sp, &frame, sizeof frame))
		return -LINUX_EFAULT;

	registers->rip = action->handler;
	registers->rsp = sp;
	registers->rdi = (uint64_t)signal;
	registers->rsi = sp + offsetof(struct linux_rt_sigframe, info);
	registers->rdx = sp + offsetof(struct linux_rt_sigframe, uc);
	registers->rax = 0;
	registers->rflags &= ~(RFLAGS_TF | RFLAGS_DF | RFLAGS_AC);
	return 0;
}

#include "components/posix/fault.h"

#include "components/posix/process.h"

/* x86 exception vectors. */
enum {
	VECTOR_DIVIDE = 0,
	VECTOR_DEBUG = 1,
	VECTOR_BREAKPOINT = 3,
	VECTOR_OVERFLOW = 4,
	VECTOR_BOUND = 5,
	VECTOR_INVALID_OPCODE = 6,
	VECTOR_STACK_SEGMENT = 12,
	VECTOR_GENERAL_PROTECTION = 13,
	VECTOR_PAGE_FAULT = 14,
	VECTOR_X87 = 16,
	VECTOR_ALIGNMENT = 17,
	VECTOR_SIMD = 19,
};

/* si_code values of the fault signals. */
#define FPE_INTDIV 1
#define FPE_FLTINV 7
#define ILL_ILLOPN 2
#define TRAP_TRACE 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2

static void page_fault(struct process *p, uint64_t error, uint64_t address, struct signal_info *info)
{
	unsigned access = (error & ST_PF_WRITE) ? ACCESS_WRITE : (error & ST_PF_FETCH) ? ACCESS_EXECUTE : ACCESS_READ;
	enum mm_fault_result result = mm_fault(&p->mm, address, access);
	if (result == MM_FAULT_OK)
		return;
	if (result == MM_FAULT_BUS) {
		info->code = BUS_ADRERR;
		info->address = address;
		signal_force(p, LINUX_SIGBUS, info);
		return;
	}
	if (result == MM_FAULT_NOMEM) {
		/* Linux's out-of-memory killer would pick someone; here it is
		 * the process that needed the page. */
		st_printf("posix: out of memory: killing process %d (%s)\n", p->common.pid, p->comm);
		signal_force(p, LINUX_SIGKILL, info);
		return;
	}
	info->code = result == MM_FAULT_MAPERR ? LINUX_SEGV_MAPERR : LINUX_SEGV_ACCERR;
	info->address = address;
	signal_force(p, LINUX_SIGSEGV, info);
}

void fault_handle(struct process *p, uint64_t vector, uint64_t error, uint64_t address, uint64_t ip)
{
	struct signal_info info = { .trap = (int)vector, .error = (int)error, .address = ip };
	int signal = LINUX_SIGSEGV;
	switch (vector) {
	case VECTOR_PAGE_FAULT:
		page_fault(p, error, address, &info);
		return;
	case VECTOR_DIVIDE:
		signal = LINUX_SIGFPE;
		info.code = FPE_INTDIV;
		break;
	case VECTOR_X87:
	case VECTOR_SIMD:
		signal = LINUX_SIGFPE;
		info.code = FPE_FLTINV;
		break;
	case VECTOR_DEBUG:
		signal = LINUX_SIGTRAP;
		info.code = TRAP_TRACE;
		break;
	case VECTOR_BREAKPOINT:
		signal = LINUX_SIGTRAP;
		info.code = LINUX_SI_KERNEL;
		break;
	case VECTOR_INVALID_OPCODE:
		signal = LINUX_SIGILL;
		info.code = ILL_ILLOPN;
		break;
	case VECTOR_STACK_SEGMENT:
		signal = LINUX_SIGBUS;
		info.code = LINUX_SI_KERNEL;
		info.address = 0;
		break;
	case VECTOR_ALIGNMENT:
		signal = LINUX_SIGBUS;
		info.code = BUS_ADRALN;
		break;
	case VECTOR_GENERAL_PROTECTION:
	default:
		/* #GP (a non-canonical address, a privileged instruction) */
		info.code = LINUX_SI_KERNEL;
		info.address = 0;
		break;
	}
	signal_force(p, signal, &info);
}

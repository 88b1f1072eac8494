/*
 * Exceptions and interrupts after trap_entry.S has saved the registers.
 * An exception in the nucleus is a bug: report everything needed to find it
 * (vector, error code decoded, faulting address, registers, a symbolized
 * backtrace) and stop.
 */
#include <stdbool.h>

#include "kernel/arch/x86_64/apic.h"
#include "kernel/arch/x86_64/backtrace.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/interrupts.h"
#include "kernel/printk.h"
#include "kernel/stop.h"
#include "kernel/thread.h"

static interrupt_handler handlers[256];

void interrupt_register(int vector, interrupt_handler handler)
{
	handlers[vector] = handler;
}

static const char *const exception_names[32] = {
	[0] = "#DE divide error",
	[1] = "#DB debug",
	[2] = "NMI non-maskable interrupt",
	[3] = "#BP breakpoint",
	[4] = "#OF overflow",
	[5] = "#BR bound range exceeded",
	[6] = "#UD invalid opcode",
	[7] = "#NM device not available",
	[8] = "#DF double fault",
	[10] = "#TS invalid TSS",
	[11] = "#NP segment not present",
	[12] = "#SS stack-segment fault",
	[13] = "#GP general protection",
	[14] = "#PF page fault",
	[16] = "#MF x87 floating-point error",
	[17] = "#AC alignment check",
	[18] = "#MC machine check",
	[19] = "#XM SIMD floating-point exception",
	[20] = "#VE virtualization exception",
	[21] = "#CP control protection",
	[29] = "#VC VMM communication",
	[30] = "#SX security exception",
};

static const char *exception_name(uint64_t vector)
{
	return vector < 32 && exception_names[vector] ? exception_names[vector] : "reserved exception";
}

static void print_error_code(uint64_t vector, uint64_t error)
{
	if (vector == 14) {
		kprintf(" (%s, %s, %s mode%s%s%s)", error & 1 ? "protection violation" : "not present",
			error & 2 ? "write" : error & 16 ? "instruction fetch" : "read",
			error & 4 ? "user" : "kernel", error & 8 ? ", reserved bit set" : "",
			error & 32 ? ", protection key" : "", error & 64 ? ", shadow stack" : "");
	} else if ((vector == 10 || vector == 11 || vector == 12 || vector == 13 || vector == 17) && error) {
		/* A segment selector error code. */
		const char *table = error & 2 ? "IDT" : error & 4 ? "LDT" : "GDT";
		kprintf(" (%s index %lu%s)", table, (error >> 3) & 0x1fff, error & 1 ? ", external" : "");
	}
}

static void report_exception(const struct trap_frame *frame)
{
	const char *name = exception_name(frame->vector);
	kprintf("\n*** CPU EXCEPTION %s (vector %lu) in %s mode\n", name, frame->vector,
		frame->cs & 3 ? "user" : "kernel");
	kprintf("error code 0x%lx", frame->error_code);
	print_error_code(frame->vector, frame->error_code);
	kprintf("\nrip ");
	print_code_address(frame->rip);
	if (frame->vector == 14)
		kprintf("  faulting address (cr2) 0x%016lx", read_cr2());
	kprintf("\n");
	kprintf("rax 0x%016lx  rbx 0x%016lx  rcx 0x%016lx  rdx 0x%016lx\n", frame->rax, frame->rbx,
		frame->rcx, frame->rdx);
	kprintf("rsi 0x%016lx  rdi 0x%016lx  rbp 0x%016lx  rsp 0x%016lx\n", frame->rsi, frame->rdi,
		frame->rbp, frame->rsp);
	kprintf("r8  0x%016lx  r9  0x%016lx  r10 0x%016lx  r11 0x%016lx\n", frame->r8, frame->r9,
		frame->r10, frame->r11);
	kprintf("r12 0x%016lx  r13 0x%016lx  r14 0x%016lx  r15 0x%016lx\n", frame->r12, frame->r13,
		frame->r14, frame->r15);
	kprintf("rflags 0x%08lx  cs 0x%lx  ss 0x%lx  cr0 0x%lx  cr3 0x%lx  cr4 0x%lx\n", frame->rflags,
		frame->cs, frame->ss, read_cr0(), read_cr3(), read_cr4());
	backtrace_print_trap(frame->rbp, frame->rip, frame->rsp);
}

/* A user thread's exception goes to its fault handler; with none, the
 * thread stops (reported here) and the nucleus goes on. */
static void handle_user_exception(struct trap_frame *frame)
{
	struct thread *thread = current_thread;
	uint64_t address = frame->vector == 14 ? read_cr2() : 0;
	if (!thread || thread_fault(thread, frame, address))
		return;
	const char *name = exception_name(frame->vector);
	kprintf("\n*** user exception %s (vector %lu) in thread '%s', error code 0x%lx",
		name, frame->vector, thread->name, frame->error_code);
	print_error_code(frame->vector, frame->error_code);
	kprintf("\nrip 0x%016lx rsp 0x%016lx", frame->rip, frame->rsp);
	if (frame->vector == 14)
		kprintf(" faulting address 0x%016lx", address);
	kprintf("\nthread '%s' stopped: unhandled exception\n", thread->name);
}

static void handle_exception(struct trap_frame *frame)
{
	static bool reporting;
	if (frame->cs & 3) {
		handle_user_exception(frame);
		return;
	}
	if (reporting) {
		/* The report itself faulted: say the least possible and stop. */
		kprintf("\n*** nested exception (vector %lu) while reporting one\n", frame->vector);
		system_stop(STOP_EXCEPTION);
	}
	reporting = true;
	report_exception(frame);
	system_stop(STOP_EXCEPTION);
}

void trap_dispatch(struct trap_frame *frame)
{
	if (frame->vector < VECTOR_FIRST_IRQ) {
		handle_exception(frame);
		return;
	}
	if (frame->vector == VECTOR_APIC_SPURIOUS)
		return; /* spurious interrupts take no EOI */
	interrupt_handler handler = handlers[frame->vector];
	if (handler)
		handler(frame);
	else if (frame->vector < VECTOR_LEGACY_PIC_BASE + 16)
		return; /* a stray from the masked legacy PIC: no local APIC EOI */
	else
		kprintf("interrupt: unexpected vector %lu ignored\n", frame->vector);
	apic_eoi();
}

#include "kernel/arch/x86_64/apic_timer.h"

#include "kernel/arch/x86_64/apic.h"
#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/cpu_features.h"
#include "kernel/arch/x86_64/interrupts.h"
#include "kernel/arch/x86_64/tsc.h"
#include "kernel/ipc/timeout.h"
#include "kernel/scheduler.h"

#define LVT_TIMER_PERIODIC (1u << 17)
#define LVT_TIMER_TSC_DEADLINE (2u << 17)
#define LVT_MASKED (1u << 16)
#define TIMER_DIVIDE_BY_16 0x3

volatile uint64_t timer_ticks;
unsigned timer_hz;
const char *timer_mode = "off";

static uint64_t tsc_per_tick;
static uint64_t next_deadline;
static int deadline_mode;

static void timer_interrupt(struct trap_frame *frame)
{
	(void)frame;
	timer_ticks++;
	timeout_tick(timer_ticks);
	scheduler_tick();
	if (deadline_mode) {
		/* Next deadline from the previous one, not from now: no drift. If we
		 * fell far behind, skip ahead rather than fire a burst. */
		next_deadline += tsc_per_tick;
		uint64_t now = rdtsc_ordered();
		if (next_deadline <= now)
			next_deadline = now + tsc_per_tick;
		wrmsr(MSR_TSC_DEADLINE, next_deadline);
	}
}

/* APIC timer ticks per second, counted against the TSC over 10 ms. */
static uint64_t apic_timer_frequency(void)
{
	apic_write(APIC_REG_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
	apic_write(APIC_REG_LVT_TIMER, LVT_MASKED | VECTOR_APIC_TIMER);
	apic_write(APIC_REG_TIMER_INITIAL, 0xffffffff);
	tsc_delay_us(10000);
	uint32_t remaining = apic_read(APIC_REG_TIMER_CURRENT);
	apic_write(APIC_REG_TIMER_INITIAL, 0);
	return (uint64_t)(0xffffffffu - remaining) * 100;
}

void apic_timer_start(unsigned hz)
{
	timer_hz = hz;
	tsc_per_tick = tsc_hz / hz;
	interrupt_register(VECTOR_APIC_TIMER, timer_interrupt);
	if (cpu_features.tsc_deadline) {
		deadline_mode = 1;
		timer_mode = "TSC-deadline";
		apic_write(APIC_REG_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | VECTOR_APIC_TIMER);
		next_deadline = rdtsc_ordered() + tsc_per_tick;
		wrmsr(MSR_TSC_DEADLINE, next_deadline);
	} else {
		uint64_t count = apic_timer_frequency() / hz;
		timer_mode = "APIC periodic";
		apic_write(APIC_REG_TIMER_DIVIDE, TIMER_DIVIDE_BY_16);
		apic_write(APIC_REG_LVT_TIMER, LVT_TIMER_PERIODIC | VECTOR_APIC_TIMER);
		apic_write(APIC_REG_TIMER_INITIAL, count ? (uint32_t)count : 1);
	}
}

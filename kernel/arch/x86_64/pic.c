/* The legacy 8259 PICs: moved off the exception vectors and masked, since
 * the local APIC (and later the IOAPIC) delivers interrupts. */
#include "kernel/arch/x86_64/pic.h"

#include "kernel/arch/x86_64/cpu.h"
#include "kernel/arch/x86_64/interrupts.h"

#define PIC1_COMMAND 0x20
#define PIC1_DATA 0x21
#define PIC2_COMMAND 0xa0
#define PIC2_DATA 0xa1

void pic_disable(void)
{
	outb(PIC1_COMMAND, 0x11); /* ICW1: initialise, ICW4 follows */
	outb(PIC2_COMMAND, 0x11);
	outb(PIC1_DATA, VECTOR_LEGACY_PIC_BASE);     /* ICW2: vector base */
	outb(PIC2_DATA, VECTOR_LEGACY_PIC_BASE + 8);
	outb(PIC1_DATA, 0x04); /* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xff); /* mask everything */
	outb(PIC2_DATA, 0xff);
}

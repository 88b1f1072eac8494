#include "kernel/arch/x86_64/ioapic.h"

#include "kernel/arch/x86_64/acpi.h"
#include "kernel/arch/x86_64/paging.h"
#include "kernel/printk.h"

#define IOAPIC_DEFAULT_ADDRESS 0xfec00000ull
#define IOAPIC_MMIO_SIZE 0x20
#define IOAPIC_SELECT 0             /* register index, in 32-bit words */
#define IOAPIC_WINDOW 4             /* the selected register (offset 0x10) */
#define IOAPIC_REG_VERSION 0x01     /* bits 16-23: the highest input's number */
#define IOAPIC_REG_REDIRECTION 0x10 /* two registers per input */

/* Redirection entry, low word; the high word's bits 24-31 are the
 * destination APIC ID. Delivery mode 0 (fixed), physical destination. */
#define REDIRECT_ACTIVE_LOW (1u << 13)
#define REDIRECT_LEVEL (1u << 15)
#define REDIRECT_MASKED (1u << 16)

struct ioapic {
	volatile uint32_t *registers;
	uint64_t address;
	uint32_t gsi_base;
	unsigned inputs;
};

static struct ioapic ioapics[ACPI_IOAPICS_MAX];
static unsigned ioapic_count;
static struct acpi_madt madt;
static bool madt_found;

static uint32_t read_register(const struct ioapic *ioapic, uint32_t reg)
{
	ioapic->registers[IOAPIC_SELECT] = reg;
	return ioapic->registers[IOAPIC_WINDOW];
}

static void write_register(const struct ioapic *ioapic, uint32_t reg, uint32_t value)
{
	ioapic->registers[IOAPIC_SELECT] = reg;
	ioapic->registers[IOAPIC_WINDOW] = value;
}

/* The I/O APIC with this input, and the input's number on it. */
static struct ioapic *find(uint64_t gsi, unsigned *input)
{
	for (unsigned i = 0; i < ioapic_count; i++) {
		struct ioapic *ioapic = &ioapics[i];
		if (gsi >= ioapic->gsi_base && gsi - ioapic->gsi_base < ioapic->inputs) {
			*input = (unsigned)(gsi - ioapic->gsi_base);
			return ioapic;
		}
	}
	return NULL;
}

static void add(uint64_t address, uint32_t gsi_base)
{
	struct ioapic *ioapic = &ioapics[ioapic_count];
	ioapic->registers = paging_map_mmio(address, IOAPIC_MMIO_SIZE);
	ioapic->address = address;
	ioapic->gsi_base = gsi_base;
	uint32_t version = read_register(ioapic, IOAPIC_REG_VERSION);
	if (version == 0xffffffffu) {
		kprintf("ioapic: nothing answers at 0x%lx; ignored\n", address);
		return;
	}
	ioapic->inputs = ((version >> 16) & 0xff) + 1;
	for (unsigned input = 0; input < ioapic->inputs; input++) {
		write_register(ioapic, IOAPIC_REG_REDIRECTION + 2 * input, REDIRECT_MASKED);
		write_register(ioapic, IOAPIC_REG_REDIRECTION + 2 * input + 1, 0);
	}
	ioapic_count++;
}

void ioapic_init(const struct boot_info *info)
{
	madt_found = acpi_read_madt(info, &madt);
	if (!madt_found) {
		kprintf("ioapic: no ACPI MADT found; assuming one I/O APIC at 0x%llx, GSI 0 on\n",
			IOAPIC_DEFAULT_ADDRESS);
		add(IOAPIC_DEFAULT_ADDRESS, 0);
		return;
	}
	for (unsigned i = 0; i < madt.ioapic_count; i++)
		add(madt.ioapics[i].address, madt.ioapics[i].gsi_base);
}

void ioapic_print_banner(void)
{
	if (ioapic_count == 0)
		kprintf("  ioapic   none: no interrupts for user space\n");
	for (unsigned i = 0; i < ioapic_count; i++) {
		if (madt_found)
			kprintf("  ioapic   0x%lx, %u inputs, GSI %u (ACPI MADT, %u ISA overrides)\n",
				ioapics[i].address, ioapics[i].inputs, ioapics[i].gsi_base, madt.override_count);
		else
			kprintf("  ioapic   0x%lx, %u inputs, GSI %u (assumed: no MADT)\n", ioapics[i].address,
				ioapics[i].inputs, ioapics[i].gsi_base);
	}
}

bool ioapic_has_gsi(uint64_t gsi)
{
	unsigned input;
	return find(gsi, &input) != NULL;
}

void ioapic_isa_irq(unsigned irq, uint32_t *gsi, bool *level, bool *active_low)
{
	const struct acpi_isa_irq *isa = &madt.isa[irq % ACPI_ISA_IRQS];
	*gsi = isa->gsi;
	*level = isa->level;
	*active_low = isa->active_low;
}

void ioapic_route(uint32_t gsi, uint8_t vector, bool level, bool active_low, uint32_t apic_id)
{
	unsigned input;
	struct ioapic *ioapic = find(gsi, &input);
	if (!ioapic)
		return;
	uint32_t low = vector | REDIRECT_MASKED | (level ? REDIRECT_LEVEL : 0) | (active_low ? REDIRECT_ACTIVE_LOW : 0);
	/* Masked first, so no half-written entry is ever live. */
	write_register(ioapic, IOAPIC_REG_REDIRECTION + 2 * input, REDIRECT_MASKED);
	write_register(ioapic, IOAPIC_REG_REDIRECTION + 2 * input + 1, apic_id << 24);
	write_register(ioapic, IOAPIC_REG_REDIRECTION + 2 * input, low);
}

void ioapic_set_masked(uint32_t gsi, bool masked)
{
	unsigned input;
	struct ioapic *ioapic = find(gsi, &input);
	if (!ioapic)
		return;
	uint32_t low = read_register(ioapic, IOAPIC_REG_REDIRECTION + 2 * input);
	low = masked ? low | REDIRECT_MASKED : low & ~REDIRECT_MASKED;
	write_register(ioapic, IOAPIC_REG_REDIRECTION + 2 * input, low);
}

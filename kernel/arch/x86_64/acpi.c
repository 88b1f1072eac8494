/*
 * Finding the MADT. The tables live wherever the firmware put them: in
 * RAM the direct map covers (ACPI reclaimable memory), or in the BIOS area
 * and reserved memory it does not; those are mapped through the MMIO
 * window (uncached, which is slow but fine for a few reads at boot).
 */
#include "kernel/arch/x86_64/acpi.h"

#include "kernel/arch/x86_64/paging.h"
#include "kernel/mm/layout.h"
#include "kernel/mm/page.h"
#include "kernel/printk.h"
#include "lib/string.h"

#define RSDP_V1_SIZE 20
#define RSDP_V2_SIZE 36
#define SDT_HEADER_SIZE 36
#define SDT_MAX_SIZE 0x10000     /* far more than any MADT, RSDT or XSDT needs */
#define ACPI_PHYS_LIMIT (1ull << 52)
#define EBDA_SEGMENT_POINTER 0x40e
#define BIOS_AREA 0xe0000
#define BIOS_AREA_SIZE 0x20000

#define MADT_LOCAL_APIC_AND_FLAGS 8 /* after the header, before the entries */
#define MADT_IOAPIC 1
#define MADT_INTERRUPT_OVERRIDE 2

#define MPS_POLARITY_MASK 0x3
#define MPS_POLARITY_LOW 0x3
#define MPS_TRIGGER_MASK 0xc
#define MPS_TRIGGER_LEVEL 0xc

/* Whether every page of [phys, phys + size) is in the direct map. */
static bool direct_mapped(uint64_t phys, uint64_t size)
{
	if (phys + size > phys_window_limit())
		return false;
	for (uint64_t page = page_align_down(phys); page < phys + size; page += PAGE_SIZE) {
		uint64_t page_size;
		if (!paging_lookup(DIRECT_MAP_BASE + page, &page_size))
			return false;
	}
	return true;
}

/* The firmware's bytes at [phys, phys + size), readable; NULL if absurd. */
static const uint8_t *map(uint64_t phys, uint64_t size)
{
	if (size == 0 || size > SDT_MAX_SIZE * 2 || phys >= ACPI_PHYS_LIMIT || phys + size > ACPI_PHYS_LIMIT)
		return NULL;
	if (direct_mapped(phys, size))
		return phys_to_virt(phys);
	return paging_map_mmio(phys, size);
}

static uint8_t checksum(const uint8_t *bytes, uint64_t size)
{
	uint8_t sum = 0;
	for (uint64_t i = 0; i < size; i++)
		sum = (uint8_t)(sum + bytes[i]);
	return sum;
}

static uint32_t read32(const uint8_t *p)
{
	uint32_t value;
	memcpy(&value, p, sizeof value);
	return value;
}

static uint64_t read64(const uint8_t *p)
{
	uint64_t value;
	memcpy(&value, p, sizeof value);
	return value;
}

static bool valid_rsdp(const uint8_t *p)
{
	return !memcmp(p, "RSD PTR ", 8) && checksum(p, RSDP_V1_SIZE) == 0;
}

/* An RSDP on a 16-byte boundary in [phys, phys + size), or 0. */
static uint64_t search_rsdp(uint64_t phys, uint64_t size)
{
	const uint8_t *bytes = map(phys, size);
	if (!bytes)
		return 0;
	for (uint64_t offset = 0; offset + RSDP_V1_SIZE <= size; offset += 16) {
		if (valid_rsdp(bytes + offset))
			return phys + offset;
	}
	return 0;
}

static uint64_t find_rsdp(const struct boot_info *info)
{
	if (info->acpi_rsdp) { /* PVH hands it over */
		const uint8_t *rsdp = map(info->acpi_rsdp, RSDP_V1_SIZE);
		if (rsdp && valid_rsdp(rsdp))
			return info->acpi_rsdp;
		kprintf("acpi: the loader's RSDP at 0x%lx is not one; searching\n", info->acpi_rsdp);
	}
	const uint8_t *pointer = map(EBDA_SEGMENT_POINTER, 2);
	uint64_t ebda = pointer ? (uint64_t)(pointer[0] | pointer[1] << 8) << 4 : 0;
	uint64_t found = 0;
	if (ebda >= 0x80000 && ebda < 0xa0000)
		found = search_rsdp(ebda, 1024);
	return found ? found : search_rsdp(BIOS_AREA, BIOS_AREA_SIZE);
}

/* A whole system description table with the right checksum, or NULL. */
static const uint8_t *map_table(uint64_t phys, uint32_t *length)
{
	const uint8_t *header = map(phys, SDT_HEADER_SIZE);
	if (!header)
		return NULL;
	*length = read32(header + 4);
	if (*length < SDT_HEADER_SIZE || *length > SDT_MAX_SIZE)
		return NULL;
	const uint8_t *table = map(phys, *length);
	return table && checksum(table, *length) == 0 ? table : NULL;
}

/* The MADT, through the XSDT (64-bit entries) where there is one, else the
 * RSDT (32-bit entries). */
static const uint8_t *find_madt(uint64_t rsdp_phys, uint32_t *madt_length)
{
	const uint8_t *rsdp = map(rsdp_phys, RSDP_V2_SIZE);
	if (!rsdp || !valid_rsdp(rsdp))
		return NULL;
	uint64_t root = read32(rsdp + 16);
	unsigned entry_size = 4;
	if (rsdp[15] >= 2 && read64(rsdp + 24) && checksum(rsdp, RSDP_V2_SIZE) == 0) {
		root = read64(rsdp + 24);
		entry_size = 8;
	}
	uint32_t length;
	const uint8_t *table = map_table(root, &length);
	if (!table)
		return NULL;
	for (uint32_t offset = SDT_HEADER_SIZE; offset + entry_size <= length; offset += entry_size) {
		uint64_t entry = entry_size == 8 ? read64(table + offset) : read32(table + offset);
		const uint8_t *header = map(entry, SDT_HEADER_SIZE);
		if (header && !memcmp(header, "APIC", 4))
			return map_table(entry, madt_length);
	}
	return NULL;
}

static void read_override(const uint8_t *entry, struct acpi_madt *madt)
{
	uint8_t bus = entry[2], source = entry[3];
	uint16_t flags = (uint16_t)(entry[8] | entry[9] << 8);
	if (bus != 0 || source >= ACPI_ISA_IRQS)
		return;
	/* "Conforms to the bus" means ISA's own: edge, active high. */
	madt->isa[source] = (struct acpi_isa_irq){ .gsi = read32(entry + 4),
						   .level = (flags & MPS_TRIGGER_MASK) == MPS_TRIGGER_LEVEL,
						   .active_low = (flags & MPS_POLARITY_MASK) == MPS_POLARITY_LOW,
						   .overridden = true };
	madt->override_count++;
}

static void read_entries(const uint8_t *table, uint32_t length, struct acpi_madt *madt)
{
	uint32_t offset = SDT_HEADER_SIZE + MADT_LOCAL_APIC_AND_FLAGS;
	while (offset + 2 <= length) {
		const uint8_t *entry = table + offset;
		uint8_t type = entry[0], size = entry[1];
		if (size < 2 || offset + size > length)
			break; /* malformed: keep what was read */
		if (type == MADT_IOAPIC && size >= 12 && madt->ioapic_count < ACPI_IOAPICS_MAX)
			madt->ioapics[madt->ioapic_count++] = (struct acpi_ioapic){
				.id = entry[2], .address = read32(entry + 4), .gsi_base = read32(entry + 8)
			};
		else if (type == MADT_INTERRUPT_OVERRIDE && size >= 10)
			read_override(entry, madt);
		offset += size;
	}
}

bool acpi_read_madt(const struct boot_info *info, struct acpi_madt *madt)
{
	memset(madt, 0, sizeof *madt);
	for (unsigned irq = 0; irq < ACPI_ISA_IRQS; irq++)
		madt->isa[irq].gsi = irq;
	madt->rsdp = find_rsdp(info);
	if (!madt->rsdp)
		return false;
	uint32_t length;
	const uint8_t *table = find_madt(madt->rsdp, &length);
	if (!table)
		return false;
	read_entries(table, length, madt);
	return madt->ioapic_count > 0;
}

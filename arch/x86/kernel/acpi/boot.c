// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/acpi/boot.c — CPUs, interrupt routing and the HPET from
 * ACPI, as setup_arch() reads them.
 *
 * Kernel counterparts: arch/x86/kernel/acpi/boot.c (acpi_boot_init,
 * acpi_parse_madt_*_entries, acpi_parse_hpet), drivers/acpi/tables.c
 * (acpi_table_print_madt_entry), arch/x86/kernel/apic/io_apic.c
 * (mp_register_ioapic, io_apic_init_mappings), arch/x86/kernel/smpboot.c
 * (prefill_possible_map).
 *
 * What matters to the memory manager: the number of possible CPUs
 * (per-CPU areas, page-allocator pcp lists, NR_CPUS-sized masks), their
 * APIC ids (NUMA placement through the SRAT), and the small memblock
 * allocations these steps make (HPET resource, I/O APIC resources).
 * Interrupt routing itself is only printed, as the kernel prints it.
 */
#include "linux/kernel.h"
#include "linux/acpi.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "drivers/acpi/internal.h"
#include "mmsim/machine.h"

#include <string.h>

#define acpi (current_machine->acpi)

/* QEMU's I/O APIC: version 0x20, 24 redirection entries. */
#define QEMU_IOAPIC_VERSION 0x20
#define QEMU_IOAPIC_PINS 24
#define IOAPIC_RESOURCE_NAME_SIZE 11
#define HPET_RESOURCE_NAME_SIZE 9
#define SIZEOF_RESOURCE 64

#define nr_ioapics (acpi->nr_ioapics)
#define disabled_cpus (acpi->disabled_cpus)

static const char *const polarity[] = { "dfl", "high", "res", "low" };
static const char *const trigger[] = { "dfl", "edge", "res", "level" };

static int acpi_parse_lapic(struct acpi_subtable_header *header,
			    const unsigned long end)
{
	struct acpi_madt_local_apic *p = (void *)header;

	if (p->lapic_flags & ACPI_MADT_ENABLED)
		acpi_record_cpu(p->id);
	else
		disabled_cpus++;
	return 0;
}

static int acpi_parse_lapic_nmi(struct acpi_subtable_header *header,
				const unsigned long end)
{
	struct acpi_madt_local_apic_nmi *p = (void *)header;

	pr_info("ACPI: LAPIC_NMI (acpi_id[0x%02x] %s %s lint[0x%x])\n",
		p->processor_id, polarity[p->inti_flags & 3],
		trigger[(p->inti_flags >> 2) & 3], p->lint);
	return 0;
}

static int acpi_parse_ioapic(struct acpi_subtable_header *header,
			     const unsigned long end)
{
	struct acpi_madt_io_apic *p = (void *)header;

	/* mp_register_ioapic(): the version and pin count come from the chip */
	pr_info("IOAPIC[%d]: apic_id %d, version %d, address 0x%x, GSI %d-%d\n",
		nr_ioapics, p->id, QEMU_IOAPIC_VERSION, p->address,
		p->global_irq_base, p->global_irq_base + QEMU_IOAPIC_PINS - 1);
	nr_ioapics++;
	return 0;
}

static int acpi_parse_int_src_ovr(struct acpi_subtable_header *header,
				  const unsigned long end)
{
	struct acpi_madt_interrupt_override *p = (void *)header;

	pr_info("ACPI: INT_SRC_OVR (bus %d bus_irq %d global_irq %d %s %s)\n",
		p->bus, p->source_irq, p->global_irq,
		polarity[p->inti_flags & 3], trigger[(p->inti_flags >> 2) & 3]);
	return 0;
}

static int acpi_parse_fadt(void)
{
	const u8 *fadt = (const void *)acpi_get_table("FACP");
	u32 pmtmr;

	if (!fadt)
		return -1;
	memcpy(&pmtmr, fadt + ACPI_FADT_OFFSET_PM_TMR_BLK, 4);
	if (pmtmr)
		pr_info("ACPI: PM-Timer IO Port: %#x\n", pmtmr);
	return 0;
}

/* The HPET: its resource (and name) is a small memblock allocation. */
static int acpi_parse_hpet(void)
{
	struct acpi_table_hpet *hpet = (void *)acpi_get_table("HPET");
	void *res;

	if (!hpet)
		return -1;
	pr_info("ACPI: HPET id: %#x base: %#llx\n", hpet->id,
		(unsigned long long)hpet->address);
	current_machine->x86.hpet_address = (unsigned long)hpet->address; /* hpet_address */
	res = memblock_alloc(SIZEOF_RESOURCE + HPET_RESOURCE_NAME_SIZE,
			     SMP_CACHE_BYTES);
	if (!res)
		pr_emerg("%s: Failed to allocate %d bytes\n", __func__,
			 SIZEOF_RESOURCE + HPET_RESOURCE_NAME_SIZE);
	return 0;
}

#define MADT_HDR sizeof(struct acpi_table_madt)

int acpi_boot_init(void)
{
	if (!acpi || !acpi->rsdp)
		return -1;
	acpi_parse_fadt();
	acpi->nr_cpus = 0;
	disabled_cpus = 0;
	nr_ioapics = 0;
	acpi_table_parse_entries("APIC", MADT_HDR, ACPI_MADT_TYPE_LOCAL_APIC,
				 acpi_parse_lapic, 0);
	acpi_table_parse_entries("APIC", MADT_HDR, ACPI_MADT_TYPE_LOCAL_APIC_NMI,
				 acpi_parse_lapic_nmi, 0);
	acpi_table_parse_entries("APIC", MADT_HDR, ACPI_MADT_TYPE_IO_APIC,
				 acpi_parse_ioapic, 0);
	acpi_table_parse_entries("APIC", MADT_HDR,
				 ACPI_MADT_TYPE_INTERRUPT_OVERRIDE,
				 acpi_parse_int_src_ovr, 0);
	pr_info("ACPI: Using ACPI (MADT) for SMP configuration information\n");
	acpi_parse_hpet();
	return 0;
}

/* Possible CPUs: the enabled ones plus the hotplug slots of the MADT. */
void prefill_possible_map(void)
{
	int num_processors = acpi_nr_possible_cpus();
	int possible;

	if (acpi)
		possible = disabled_cpus;
	else
		possible = 0;
	if (!num_processors) /* no ACPI: the boot CPU alone */
		num_processors = 1;
	possible += num_processors;
	if (possible > MMSIM_MAX_CPUS)
		possible = MMSIM_MAX_CPUS;
	pr_info("smpboot: Allowing %d CPUs, %d hotplug CPUs\n", possible,
		possible - num_processors);
	nr_cpu_ids = (unsigned int)possible;
	current_machine->nr_present_cpus = (unsigned int)num_processors;
}

/* One resource (and its name) per I/O APIC. */
void io_apic_init_mappings(void)
{
	size_t n = acpi ? (size_t)nr_ioapics : 0;

	if (!n)
		return;
	if (!memblock_alloc(n * (SIZEOF_RESOURCE + IOAPIC_RESOURCE_NAME_SIZE),
			    SMP_CACHE_BYTES))
		pr_emerg("%s: Failed to allocate I/O APIC resources\n", __func__);
}

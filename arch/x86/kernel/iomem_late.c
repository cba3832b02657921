// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/iomem_late.c — the ranges the kernel's initcalls claim
 * in /proc/iomem after the memory manager is up.
 *
 * No single kernel counterpart: in 6.1 these insertions are spread over
 * the drivers and arch code that mmsim does not otherwise simulate.  They
 * are made here in the kernel's initcall order, because the order decides
 * who becomes whose parent (insert_resource() of a range equal to an
 * existing one adopts it):
 *
 *   subsys  acpi_init()
 *             drivers/acpi/pci_root.c   root bridge windows from _CRS,
 *                                       "PCI Bus 0000:00"
 *             drivers/acpi/acpi_platform.c  the HPET device "PNP0103:00"
 *   subsys  pci_subsys_init() -> pcibios_resource_survey()
 *             arch/x86/kernel/e820.c    e820__reserve_resources_late()
 *             arch/x86/kernel/apic/io_apic.c  ioapic_insert_resources()
 *   fs      pnp_system_init()           drivers/pnp/system.c: q35's
 *                                       motherboard device "pnp 00:05"
 *   late    pci_mmcfg_late_insert_resources()  "PCI MMCONFIG ..." (MCFG)
 *           hpet_insert_resource()      "HPET 0" (ACPI HPET table)
 *           lapic_insert_resource()     "Local APIC" (MADT)
 *
 * The HPET, I/O APIC, Local APIC and MMCONFIG ranges are read from the
 * ACPI tables the firmware wrote.  mmsim has no AML interpreter, so the
 * root bridge windows that QEMU 7.2's DSDT gives in _CRS are computed by
 * QEMU's rule for the machine type (docs/qemu-firmware.md):
 *
 *   [0xa0000, 0xbffff]                             VGA window
 *   [below_4g, 0xfebfffff]                         pc
 *   [below_4g, 0xafffffff] [0xc0000000, 0xfebfffff] q35 (around MMCONFIG)
 *   [ALIGN(high RAM end, 1 GiB), + 2 GiB (pc) or 32 GiB (q35) - 1]
 *
 * Not here, because mmsim does not enumerate PCI devices: the device BARs
 * SeaBIOS assigned ("0000:00:02.0" etc. under the 32-bit window), and the
 * "RAM buffer" ranges e820__reserve_resources_late() adds after
 * unaligned RAM ends (none on QEMU's maps: its RAM ends are followed by
 * reserved ranges or are 32 MiB aligned).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/acpi.h"
#include "linux/ioport.h"
#include "linux/sizes.h"
#include "arch/x86/include/asm/e820/api.h"
#include "arch/x86/include/asm/iomem.h"
#include "mmsim/firmware.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

#define res_late (current_machine->x86.iomem)

#define IO_APIC_SLOT_SIZE 1024
#define HPET_MMIO_SIZE 1024
#define LAPIC_MMIO_SIZE 4096
#define PCI_VGA_WINDOW_START 0xa0000ULL
#define PCI_VGA_WINDOW_END 0xbffffULL
#define PCI_W32_END 0xfebfffffULL          /* below the I/O APIC */
#define Q35_MMCONFIG_START 0xb0000000ULL
#define Q35_MMCONFIG_END 0xbfffffffULL
#define MCFG_ENTRIES_OFFSET 44              /* after the header and 8 reserved bytes */

static void res_init(struct resource *r, const char *name, u64 start, u64 end,
		     unsigned long flags)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->start = start;
	r->end = end;
	r->flags = flags;
}

/*
 * __request_region(): claim [start, end] under the deepest resource that
 * contains it and is not busy.  -EBUSY when a busy one is in the way.
 */
static int request_region_nested(struct resource *parent, struct resource *res)
{
	for (;;) {
		struct resource *p, *conflict = NULL;

		if (!request_resource(parent, res))
			return 0;
		for (p = parent->child; p; p = p->sibling)
			if (p->start <= res->end && res->start <= p->end) {
				conflict = p;
				break;
			}
		if (!conflict || (conflict->flags & IORESOURCE_BUSY) ||
		    conflict->start > res->start || conflict->end < res->end)
			return -EBUSY;
		parent = conflict;
	}
}

static bool is_qemu_pc(bool *q35)
{
	const char *model = current_machine->desc.model;

	*q35 = !strcmp(model, "q35");
	return *q35 || !strcmp(model, "pc");
}

/* drivers/acpi/pci_root.c: the windows of QEMU's PCI0 _CRS. */
static void acpi_pci_root_windows(void)
{
	struct resource *w = res_late.pci_window;
	struct pc_ram_split split;
	u64 w64_start, w64_size;
	int n = 0, i;
	bool q35;

	if (!is_qemu_pc(&q35) ||
	    pc_ram_split(current_machine->desc.model, current_machine->desc.ram_size,
			 &split))
		return;
	res_init(&w[n++], "PCI Bus 0000:00", PCI_VGA_WINDOW_START,
		 PCI_VGA_WINDOW_END, IORESOURCE_MEM);
	if (q35) {
		if (split.below_4g < Q35_MMCONFIG_START)
			res_init(&w[n++], "PCI Bus 0000:00", split.below_4g,
				 Q35_MMCONFIG_START - 1, IORESOURCE_MEM);
		res_init(&w[n++], "PCI Bus 0000:00", Q35_MMCONFIG_END + 1,
			 PCI_W32_END, IORESOURCE_MEM);
	} else {
		res_init(&w[n++], "PCI Bus 0000:00", split.below_4g, PCI_W32_END,
			 IORESOURCE_MEM);
	}
	w64_size = q35 ? 32ULL << 30 : 2ULL << 30;
	w64_start = ALIGN(split.above_4g_start + split.above_4g, (u64)SZ_1G);
	res_init(&w[n++], "PCI Bus 0000:00", w64_start, w64_start + w64_size - 1,
		 IORESOURCE_MEM);
	for (i = 0; i < n; i++)
		insert_resource(&iomem_resource, &w[i]); /* a conflict drops the window */
}

/* acpi_create_platform_device() for the HPET device (PNP0103). */
static void acpi_platform_hpet(const struct acpi_table_hpet *hpet)
{
	bool q35;

	if (!hpet || !is_qemu_pc(&q35))
		return;
	res_init(&res_late.hpet_pnp, "PNP0103:00", hpet->address,
		 hpet->address + HPET_MMIO_SIZE - 1, IORESOURCE_MEM);
	insert_resource(&iomem_resource, &res_late.hpet_pnp);
}

static int collect_ioapic(struct acpi_subtable_header *header,
			  const unsigned long end)
{
	const struct acpi_madt_io_apic *p = (const void *)header;
	unsigned int i = res_late.nr_ioapic;

	if (i >= X86_MAX_IOAPIC_RES)
		return 0;
	snprintf(res_late.ioapic_name[i], X86_RES_NAME_LEN, "IOAPIC %u", i);
	res_init(&res_late.ioapic[i], res_late.ioapic_name[i], p->address,
		 (u64)p->address + IO_APIC_SLOT_SIZE - 1,
		 IORESOURCE_MEM | IORESOURCE_BUSY);
	res_late.nr_ioapic++;
	return 0;
}

/* arch/x86/kernel/apic/io_apic.c: one slot per I/O APIC of the MADT. */
static void ioapic_insert_resources(void)
{
	unsigned int i;

	res_late.nr_ioapic = 0;
	acpi_table_parse_entries("APIC", sizeof(struct acpi_table_madt),
				 ACPI_MADT_TYPE_IO_APIC, collect_ioapic, 0);
	for (i = 0; i < res_late.nr_ioapic; i++)
		insert_resource(&iomem_resource, &res_late.ioapic[i]);
}

/* drivers/pnp/system.c: QEMU's q35 motherboard device claims MMCONFIG. */
static void pnp_system_init(void)
{
	bool q35;

	if (!is_qemu_pc(&q35) || !q35 || !acpi_get_table("MCFG"))
		return;
	res_init(&res_late.pnp_mmcfg, "pnp 00:05", Q35_MMCONFIG_START,
		 Q35_MMCONFIG_END, IORESOURCE_MEM | IORESOURCE_BUSY);
	request_region_nested(&iomem_resource, &res_late.pnp_mmcfg);
}

/* arch/x86/pci/mmconfig-shared.c: the first MCFG allocation entry. */
static void pci_mmcfg_late_insert_resources(void)
{
	const u8 *mcfg = (const void *)acpi_get_table("MCFG");
	u64 base;
	u16 segment;
	u8 bus_start, bus_end;

	if (!mcfg || ((const struct acpi_table_header *)mcfg)->length <
			     MCFG_ENTRIES_OFFSET + 16)
		return;
	memcpy(&base, mcfg + MCFG_ENTRIES_OFFSET, 8);
	memcpy(&segment, mcfg + MCFG_ENTRIES_OFFSET + 8, 2);
	bus_start = mcfg[MCFG_ENTRIES_OFFSET + 10];
	bus_end = mcfg[MCFG_ENTRIES_OFFSET + 11];
	snprintf(res_late.mmcfg_name, X86_RES_NAME_LEN,
		 "PCI MMCONFIG %04x [bus %02x-%02x]", segment, bus_start, bus_end);
	res_init(&res_late.mmcfg, res_late.mmcfg_name,
		 base + ((u64)bus_start << 20),
		 base + (((u64)bus_end + 1) << 20) - 1,
		 IORESOURCE_MEM | IORESOURCE_BUSY);
	insert_resource(&iomem_resource, &res_late.mmcfg);
}

/* arch/x86/kernel/acpi/boot.c: the HPET block of the ACPI HPET table. */
static void hpet_insert_resource(const struct acpi_table_hpet *hpet)
{
	if (!hpet)
		return;
	snprintf(res_late.hpet_name, X86_RES_NAME_LEN, "HPET %u", hpet->sequence);
	res_init(&res_late.hpet, res_late.hpet_name, hpet->address,
		 hpet->address + HPET_MMIO_SIZE - 1, IORESOURCE_MEM);
	insert_resource(&iomem_resource, &res_late.hpet);
}

/* arch/x86/kernel/apic/apic.c: the local APIC page, from the MADT. */
static void lapic_insert_resource(void)
{
	const struct acpi_table_madt *madt = (const void *)acpi_get_table("APIC");

	if (!madt)
		return;
	res_init(&res_late.lapic, "Local APIC", madt->address,
		 (u64)madt->address + LAPIC_MMIO_SIZE - 1,
		 IORESOURCE_MEM | IORESOURCE_BUSY);
	insert_resource(&iomem_resource, &res_late.lapic);
}

void iomem_late_init(void)
{
	const struct acpi_table_hpet *hpet;

	if (!current_machine->acpi) {           /* no ACPI: only the e820 ranges */
		e820__reserve_resources_late();
		return;
	}
	hpet = (const void *)acpi_get_table("HPET");
	acpi_pci_root_windows();                /* subsys: acpi_init */
	acpi_platform_hpet(hpet);
	e820__reserve_resources_late();         /* subsys: pcibios_resource_survey */
	ioapic_insert_resources();
	pnp_system_init();                      /* fs */
	pci_mmcfg_late_insert_resources();      /* late */
	hpet_insert_resource(hpet);
	lapic_insert_resource();
}

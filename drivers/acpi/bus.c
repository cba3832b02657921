// SPDX-License-Identifier: MIT
/*
 * drivers/acpi/bus.c — bringing ACPI up after the memory allocators:
 * acpi_early_init() from start_kernel(), acpi_init() as a subsys initcall.
 *
 * Kernel counterpart: drivers/acpi/bus.c (Linux 6.1: acpi_early_init,
 * acpi_init, acpi_bus_init), with the ACPICA steps they call.
 *
 * What matters to the memory manager is which firmware ranges ACPI maps
 * and keeps mapped, because each mapping is an ioremap area for good:
 *
 *   acpi_early_init()                     (start_kernel, before late_time_init)
 *     acpi_permanent_mmap = true          mappings become real ioremaps
 *     acpi_reallocate_root_table()        every table verified and kept
 *                                         mapped: FADT, DSDT, FACS, ...
 *     acpi_initialize_subsystem()         not modelled (namespace set-up;
 *                                         QEMU's FADT event and timer
 *                                         blocks are I/O ports: no maps)
 *     acpi_load_tables()                  not modelled: the interpreter
 *                                         parses the DSDT, already mapped
 *   acpi_init()                           (subsys_initcall)
 *     acpi_bus_init(), acpi_scan_init()   the interpreter runs the DSDT's
 *                                         methods; a SystemMemory
 *                                         OperationRegion it reads is
 *                                         mapped and stays mapped
 *
 * mmsim has no AML interpreter (its DSDT has QEMU's length but no code).
 * The one region QEMU's DSDT makes the boot read is the HPET device's
 * (hw/i386/acpi-build.c: OperationRegion HPTM, SystemMemory, at the HPET
 * base, 0x400 bytes; its _STA reads the vendor and period registers), so
 * acpi_init() maps that range where the interpreter would, through the
 * same acpi_os_map_memory() call the region handler makes.
 */
#include "linux/kernel.h"
#include "linux/acpi.h"
#include "linux/printk.h"
#include "drivers/acpi/internal.h"
#include "mmsim/machine.h"

#define acpi (current_machine->acpi)

#define ACPI_CA_VERSION 0x20220331      /* ACPICA of Linux 6.1 */
#define QEMU_HPET_REGION_LEN 0x400      /* HPTM in QEMU's DSDT */
#define ACPI_DEFAULT_PAGE_SIZE 4096

static bool acpi_disabled(void)
{
	return !acpi || !acpi->rsdp;
}

void acpi_early_init(void)
{
	if (acpi_disabled())
		return;
	pr_info("ACPI: Core revision %08x\n", ACPI_CA_VERSION);
	acpi->permanent_mmap = true;
	if (acpi_reallocate_root_table())
		pr_err("ACPI: Unable to reallocate ACPI tables\n");
}

/*
 * acpi_ex_system_memory_space_handler()'s mapping for an access at
 * @address in a region ending at @end: up to the end of the region, but
 * not across a page boundary.
 */
static void *acpi_ex_map_region_window(phys_addr_t address, phys_addr_t end)
{
	u64 len = end - address;
	u64 to_boundary = round_up(address, ACPI_DEFAULT_PAGE_SIZE) - address;

	if (!to_boundary)
		to_boundary = ACPI_DEFAULT_PAGE_SIZE;
	return acpi_os_map_memory(address, min(len, to_boundary));
}

void acpi_init(void)
{
	const struct acpi_table_hpet *hpet;

	if (acpi_disabled())
		return;
	hpet = (const void *)acpi_get_table("HPET");
	if (hpet && hpet->address)
		acpi_ex_map_region_window(hpet->address,
					  hpet->address + QEMU_HPET_REGION_LEN);
}

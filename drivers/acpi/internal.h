/* SPDX-License-Identifier: MIT */
/*
 * drivers/acpi/internal.h — the ACPI state of one machine, shared by the
 * files of drivers/acpi (kernel counterpart: drivers/acpi/internal.h and
 * the ACPICA root table list).
 */
#ifndef _MMSIM_DRIVERS_ACPI_INTERNAL_H
#define _MMSIM_DRIVERS_ACPI_INTERNAL_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/numa.h"
#include "mmsim/machine.h"

#define ACPI_MAX_TABLES 128

struct acpi_table_desc {
	phys_addr_t address;
	u32 length;
	char signature[5];
	void *pointer;           /* mapped by acpi_reallocate_root_table() */
	bool verified;           /* ACPI_TABLE_IS_VERIFIED */
};

struct acpi_state {
	phys_addr_t rsdp;
	struct acpi_table_desc tables[ACPI_MAX_TABLES];
	int nr_tables;
	bool srat_disabled;
	int pxm_to_node[256];
	int node_to_pxm[MMSIM_MAX_NUMNODES_LIMIT];
	int nr_cpus;             /* enabled local APICs in the MADT */
	int cpu_apicid[MMSIM_MAX_CPUS];
	int nr_ioapics;
	int disabled_cpus;       /* hotplug slots in the MADT */
	int srat_revision;
	int parsed_numa_memblks;

	/* drivers/acpi/osl.c: mappings made once the interpreter is up */
	bool permanent_mmap;     /* acpi_permanent_mmap */
	struct list_head ioremaps; /* acpi_ioremaps: struct acpi_ioremap */
	bool table_validation;   /* acpi_gbl_enable_table_validation */
};

/* drivers/acpi/osl.c */
void *acpi_os_map_iomem(phys_addr_t phys, u64 size);
void *acpi_os_map_memory(phys_addr_t phys, u64 size);
void acpi_os_unmap_iomem(void *virt, u64 size);
void acpi_os_unmap_memory(void *virt, u64 size);

/* drivers/acpi/tables.c: ACPICA's acpi_reallocate_root_table() */
int acpi_reallocate_root_table(void);

void acpi_bad_srat(void);
void acpi_record_cpu(int apicid);

#endif /* _MMSIM_DRIVERS_ACPI_INTERNAL_H */

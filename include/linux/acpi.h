/* SPDX-License-Identifier: MIT */
/*
 * include/linux/acpi.h — the ACPI tables the memory manager reads.
 *
 * Kernel counterparts: include/acpi/actbl*.h (table layouts),
 * include/linux/acpi.h, drivers/acpi/tables.c, drivers/acpi/numa/srat.c,
 * arch/x86/kernel/acpi/boot.c.
 *
 * The firmware model writes real ACPI tables into simulated RAM; the
 * kernel side finds the RSDP by scanning the BIOS area, walks the RSDT,
 * prints every table header as ACPICA does, reserves the tables in
 * memblock, and parses the SRAT (NUMA nodes) and MADT (CPUs, I/O APIC).
 * Only the layouts mmsim reads are declared; field names are ACPICA's.
 */
#ifndef _MMSIM_LINUX_ACPI_H
#define _MMSIM_LINUX_ACPI_H

#include "linux/types.h"

struct acpi_table_rsdp {
	char signature[8];       /* "RSD PTR " */
	u8 checksum;
	char oem_id[6];
	u8 revision;
	u32 rsdt_physical_address;
	u32 length;              /* revision >= 2 */
	u64 xsdt_physical_address;
	u8 extended_checksum;
	u8 reserved[3];
} __attribute__((packed));

struct acpi_table_header {
	char signature[4];
	u32 length;
	u8 revision;
	u8 checksum;
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	char asl_compiler_id[4];
	u32 asl_compiler_revision;
} __attribute__((packed));

struct acpi_subtable_header {
	u8 type;
	u8 length;
} __attribute__((packed));

/* SRAT (static resource affinity) */
struct acpi_table_srat {
	struct acpi_table_header header;
	u32 table_revision;
	u64 reserved;
} __attribute__((packed));

#define ACPI_SRAT_TYPE_CPU_AFFINITY 0
#define ACPI_SRAT_TYPE_MEMORY_AFFINITY 1
#define ACPI_SRAT_TYPE_X2APIC_CPU_AFFINITY 2
#define ACPI_SRAT_CPU_ENABLED 1
#define ACPI_SRAT_MEM_ENABLED 1
#define ACPI_SRAT_MEM_HOT_PLUGGABLE (1 << 1)
#define ACPI_SRAT_MEM_NON_VOLATILE (1 << 2)

struct acpi_srat_cpu_affinity {
	struct acpi_subtable_header header;
	u8 proximity_domain_lo;
	u8 apic_id;
	u32 flags;
	u8 local_sapic_eid;
	u8 proximity_domain_hi[3];
	u32 clock_domain;
} __attribute__((packed));

struct acpi_srat_mem_affinity {
	struct acpi_subtable_header header;
	u32 proximity_domain;
	u16 reserved;
	u64 base_address;
	u64 length;
	u32 reserved1;
	u32 flags;
	u64 reserved2;
} __attribute__((packed));

/* MADT (multiple APIC description) */
struct acpi_table_madt {
	struct acpi_table_header header;
	u32 address;             /* local APIC address */
	u32 flags;
} __attribute__((packed));

#define ACPI_MADT_TYPE_LOCAL_APIC 0
#define ACPI_MADT_TYPE_IO_APIC 1
#define ACPI_MADT_TYPE_INTERRUPT_OVERRIDE 2
#define ACPI_MADT_TYPE_LOCAL_APIC_NMI 4
#define ACPI_MADT_ENABLED 1

struct acpi_madt_local_apic {
	struct acpi_subtable_header header;
	u8 processor_id;
	u8 id;
	u32 lapic_flags;
} __attribute__((packed));

struct acpi_madt_io_apic {
	struct acpi_subtable_header header;
	u8 id;
	u8 reserved;
	u32 address;
	u32 global_irq_base;
} __attribute__((packed));

struct acpi_madt_interrupt_override {
	struct acpi_subtable_header header;
	u8 bus;
	u8 source_irq;
	u32 global_irq;
	u16 inti_flags;
} __attribute__((packed));

struct acpi_madt_local_apic_nmi {
	struct acpi_subtable_header header;
	u8 processor_id;
	u16 inti_flags;
	u8 lint;
} __attribute__((packed));

/* HPET */
struct acpi_table_hpet {
	struct acpi_table_header header;
	u32 id;
	u8 space_id, bit_width, bit_offset, access_width;
	u64 address;
	u8 sequence;
	u16 minimum_tick;
	u8 flags;
} __attribute__((packed));

/* FADT: only the fields mmsim reads (offsets as in ACPI 1.0/3.0) */
#define ACPI_FADT_OFFSET_FACS 36
#define ACPI_FADT_OFFSET_DSDT 40
#define ACPI_FADT_OFFSET_PM_TMR_BLK 76

/* drivers/acpi/tables.c */
int acpi_table_init(void);
void acpi_reserve_initial_tables(void);
void acpi_boot_table_init(void);
struct acpi_table_header *acpi_get_table(const char *sig);
typedef int (*acpi_tbl_entry_handler)(struct acpi_subtable_header *header,
				      const unsigned long end);
int acpi_table_parse_entries(const char *id, unsigned long table_size,
			     int entry_id, acpi_tbl_entry_handler handler,
			     unsigned int max_entries);

/* drivers/acpi/bus.c: after the allocators (start_kernel), subsys initcall */
void acpi_early_init(void);
void acpi_init(void);

/* drivers/acpi/numa/srat.c */
int acpi_numa_init(void);
bool acpi_srat_disabled(void);
int acpi_map_pxm_to_node(int pxm);

/* arch/x86/kernel/acpi/boot.c */
int early_acpi_boot_init(void);
int acpi_boot_init(void);
int cpu_to_apicid(int cpu);
int acpi_nr_possible_cpus(void);
void prefill_possible_map(void);
void io_apic_init_mappings(void);

#endif /* _MMSIM_LINUX_ACPI_H */

// SPDX-License-Identifier: MIT
/*
 * drivers/acpi/numa/srat.c — NUMA nodes from the ACPI SRAT.
 *
 * Kernel counterparts: drivers/acpi/numa/srat.c (acpi_numa_init,
 * acpi_numa_memory_affinity_init), arch/x86/mm/srat.c
 * (acpi_numa_processor_affinity_init).
 *
 * The SRAT lists, per proximity domain (PXM), the local APICs and the
 * memory ranges that belong to it.  Proximity domains become node ids in
 * order of first appearance.  Processor entries are parsed first (each
 * prints "SRAT: PXM p -> APIC 0xaa -> Node n"), then memory entries
 * ("ACPI: SRAT: Node n PXM p [mem ...]"), which go to numa_meminfo.
 */
#include "linux/kernel.h"
#include "linux/acpi.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "arch/x86/include/asm/numa.h"
#include "mmsim/machine.h"

#include "drivers/acpi/internal.h"

#define acpi_srat_revision (current_machine->acpi->srat_revision)
#define parsed_numa_memblks (current_machine->acpi->parsed_numa_memblks)

static int acpi_parse_processor_affinity(struct acpi_subtable_header *header,
					 const unsigned long end)
{
	struct acpi_srat_cpu_affinity *pa = (void *)header;
	int pxm, node;

	if (acpi_srat_disabled())
		return 0;
	if (pa->header.length != sizeof(*pa)) {
		acpi_bad_srat();
		return 0;
	}
	if (!(pa->flags & ACPI_SRAT_CPU_ENABLED))
		return 0;
	pxm = pa->proximity_domain_lo;
	if (acpi_srat_revision >= 2)
		pxm |= (pa->proximity_domain_hi[0] | pa->proximity_domain_hi[1] << 8 |
			pa->proximity_domain_hi[2] << 16) << 8;
	node = acpi_map_pxm_to_node(pxm);
	if (node < 0) {
		printk(KERN_ERR "SRAT: Too many proximity domains %x\n", pxm);
		acpi_bad_srat();
		return 0;
	}
	set_apicid_to_node(pa->apic_id, (s16)node);
	current_machine->x86_numa->nodes_parsed[node] = true;
	printk(KERN_INFO "SRAT: PXM %u -> APIC 0x%02x -> Node %u\n", pxm,
	       pa->apic_id, node);
	return 0;
}

static int acpi_parse_memory_affinity(struct acpi_subtable_header *header,
				      const unsigned long end)
{
	struct acpi_srat_mem_affinity *ma = (void *)header;
	u64 start, stop;
	bool hotpluggable;
	int node, pxm;

	if (acpi_srat_disabled())
		return 0;
	if (ma->header.length < sizeof(*ma)) {
		pr_err("ACPI: SRAT: Unexpected header length: %d\n", ma->header.length);
		acpi_bad_srat();
		return 0;
	}
	if (!(ma->flags & ACPI_SRAT_MEM_ENABLED))
		return 0;
	hotpluggable = IS_ENABLED(CONFIG_MEMORY_HOTPLUG) &&
		       (ma->flags & ACPI_SRAT_MEM_HOT_PLUGGABLE);
	start = ma->base_address;
	stop = start + ma->length;
	pxm = (int)ma->proximity_domain;
	if (acpi_srat_revision <= 1)
		pxm &= 0xff;

	node = acpi_map_pxm_to_node(pxm);
	if (node == NUMA_NO_NODE) {
		pr_err("ACPI: SRAT: Too many proximity domains.\n");
		acpi_bad_srat();
		return 0;
	}
	if (numa_add_memblk(node, start, stop) < 0) {
		pr_err("ACPI: SRAT: Failed to add memblk to node %u [mem %#010llx-%#010llx]\n",
		       node, (unsigned long long)start,
		       (unsigned long long)(stop - 1));
		acpi_bad_srat();
		return 0;
	}
	current_machine->x86_numa->nodes_parsed[node] = true;
	pr_info("ACPI: SRAT: Node %u PXM %u [mem %#010llx-%#010llx]%s%s\n", node,
		pxm, (unsigned long long)start, (unsigned long long)(stop - 1),
		hotpluggable ? " hotplug" : "",
		ma->flags & ACPI_SRAT_MEM_NON_VOLATILE ? " non-volatile" : "");
	if (hotpluggable && memblock_mark_hotplug(start, ma->length))
		pr_warn("ACPI: SRAT: Failed to mark hotplug range [mem %#010llx-%#010llx] in memblock\n",
			(unsigned long long)start, (unsigned long long)(stop - 1));
	max_possible_pfn = max(max_possible_pfn, (unsigned long long)PFN_UP(stop - 1));
	parsed_numa_memblks++;
	return 0;
}

int acpi_numa_init(void)
{
	struct acpi_table_header *srat = acpi_get_table("SRAT");

	parsed_numa_memblks = 0;
	if (srat) {
		acpi_srat_revision = srat->revision;
		acpi_table_parse_entries("SRAT", sizeof(struct acpi_table_srat),
					 ACPI_SRAT_TYPE_CPU_AFFINITY,
					 acpi_parse_processor_affinity, 0);
		acpi_table_parse_entries("SRAT", sizeof(struct acpi_table_srat),
					 ACPI_SRAT_TYPE_MEMORY_AFFINITY,
					 acpi_parse_memory_affinity, 0);
	}
	if (!parsed_numa_memblks)
		return -2; /* -ENOENT */
	return 0;
}

// SPDX-License-Identifier: MIT
/*
 * arch/x86/kernel/setup_percpu.c — x86_64's setup_per_cpu_areas().
 *
 * Kernel counterpart: arch/x86/kernel/setup_percpu.c (Linux 6.1), and
 * setup_node_to_cpumask_map() of arch/x86/mm/numa.c, kept here beside its
 * only caller (arch/x86/mm/numa.c belongs to the NUMA code's owner; the
 * memblock lines it makes name alloc_bootmem_cpumask_var either way).
 *
 * Place in the boot: start_kernel(), after setup_arch(), the saved command
 * lines and setup_nr_cpu_ids(); before build_all_zonelists().
 *
 *   "setup_percpu: NR_CPUS:8192 nr_cpumask_bits:2 nr_cpu_ids:2 nr_node_ids:1"
 *   pcpu_embed_first_chunk(reserved = 8K for modules, dynamic = 28K,
 *                          atom = PMD_SIZE (2 MiB, so units sit in large
 *                          pages of the direct map), CPUs grouped by node)
 *     -> on failure, or with percpu_alloc=page, pcpu_page_first_chunk():
 *        every unit page by page from memblock, mapped into an early
 *        vmalloc area; pcpu_populate_pte() makes its page tables
 *   __per_cpu_offset[cpu] = pcpu_base_addr + the unit offset of cpu
 *   node_to_cpumask_map[]: one cpumask per node (alloc_bootmem_cpumask_var)
 *   setup_cpu_local_masks(): four more (arch/x86/kernel/cpu/common.c)
 *
 *   __per_cpu_offset[]   cpu 0          cpu 1
 *                        |              |
 *   direct map:   [ unit 0: static|res|dyn ][ unit 1: static|res|dyn ]
 *                 ^ pcpu_base_addr   (per-CPU pointer 0 = start of static)
 *
 * What the kernel also does here and mmsim does not: fill the static
 * per-CPU variables (this_cpu_off, cpu_number, the APIC and node maps) in
 * each copy, switch the boot CPU's GDT, sync the page tables.  The image's
 * static per-CPU data is not simulated; its space is there, zeroed.
 */
#define pr_fmt(fmt) "setup_percpu: " fmt

#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/percpu.h"
#include "linux/cpumask.h"
#include "linux/nodemask.h"
#include "arch/x86/include/asm/numa.h"
#include "arch/x86/include/asm/pgtable.h"
#include "arch/x86/include/asm/pgtable_64_types.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

#define LOCAL_DISTANCE 10
#define REMOTE_DISTANCE 20

/* x86_64: modules' static per-CPU data must be in the first chunk */
#define PERCPU_FIRST_CHUNK_RESERVE PERCPU_MODULE_RESERVE

void setup_cpu_local_masks(void);

/* CPUs on the same node are local to each other, all others remote. */
static int pcpu_cpu_distance(unsigned int from, unsigned int to)
{
	if (!current_machine->k_numa)
		return LOCAL_DISTANCE;
	return early_cpu_to_node((int)from) == early_cpu_to_node((int)to) ?
		       LOCAL_DISTANCE : REMOTE_DISTANCE;
}

static int pcpu_cpu_to_node(int cpu)
{
	return early_cpu_to_node(cpu);
}

/* The page first chunk's tables: as for any extra kernel mapping. */
void pcpu_populate_pte(unsigned long addr)
{
	populate_extra_pte(addr);
}

/* One cpumask per possible node id; cpumask_of_node() works after this. */
static int setup_node_to_cpumask_map(void)
{
	struct cpu_masks_state *cm = &current_machine->cpu_masks;
	int node, ret;

	if (nr_node_ids == MAX_NUMNODES)
		setup_nr_node_ids();
	for (node = 0; node < nr_node_ids; node++) {
		ret = alloc_bootmem_cpumask_var(&cm->node_to_cpumask_map[node]);
		if (ret)
			return ret;
	}
	pr_debug("Node to cpumask map for %u nodes\n", nr_node_ids);
	return 0;
}

/* The first chunk: embedded in the direct map, else page by page. */
static int setup_first_chunk(void)
{
	int chosen = current_machine->pcpu.chosen_fc;
	int rc = -EINVAL;

	if (chosen != PCPU_FC_PAGE) {
		const size_t dyn_size = PERCPU_MODULE_RESERVE +
					PERCPU_DYNAMIC_RESERVE -
					PERCPU_FIRST_CHUNK_RESERVE;

		rc = pcpu_embed_first_chunk(PERCPU_FIRST_CHUNK_RESERVE, dyn_size,
					    PMD_SIZE, pcpu_cpu_distance,
					    pcpu_cpu_to_node);
		if (rc < 0)
			pr_warn("%s allocator failed (%d), falling back to page size\n",
				pcpu_fc_names[chosen], rc);
	}
	if (rc < 0)
		rc = pcpu_page_first_chunk(PERCPU_FIRST_CHUNK_RESERVE,
					   pcpu_cpu_to_node);
	if (rc < 0)
		panic("cannot initialize percpu area (err=%d)\n",
			 rc);
	return rc;
}

int setup_per_cpu_areas(void)
{
	unsigned long delta;
	unsigned int cpu;
	int rc;

	pr_info("NR_CPUS:%u nr_cpumask_bits:%u nr_cpu_ids:%u nr_node_ids:%d\n",
		nr_cpus_config(), nr_cpumask_bits, nr_cpu_ids, nr_node_ids);

	rc = setup_first_chunk();
	if (rc < 0)
		return rc;

	/* the static section starts at per-CPU pointer 0 (__per_cpu_start) */
	delta = (unsigned long)pcpu_base_addr;
	for_each_possible_cpu(cpu)
		per_cpu_offset(cpu) = delta + pcpu_unit_offsets[cpu];

	rc = setup_node_to_cpumask_map();
	if (rc)
		return rc;
	setup_cpu_local_masks();
	return 0;
}

// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/numa.c — discovering NUMA nodes and giving each its pg_data_t.
 *
 * Kernel counterpart: arch/x86/mm/numa.c (Linux 6.1).
 *
 * Place in the boot: setup_arch() -> initmem_init() -> x86_numa_init(),
 * after the direct map and the ACPI tables, before the memory map.
 *
 *   numa_init(init_func)
 *     clear every node id in memblock                    (memblock_set_node)
 *     init_func(): ACPI SRAT, or the dummy "one node"    -> numa_meminfo
 *     numa_cleanup_meminfo: trim to RAM, merge a node's  "NUMA: Node N [..]
 *       neighbouring blocks                               + [..] -> [..]"
 *     numa_emulation (numa=fake=)                        "Faking node ..."
 *     numa_register_memblks: node ids into memblock (memory, then the
 *       reservations made so far), NODE_DATA for each node, dump memblock
 *
 * numa_meminfo holds [start, end) blocks with a node id; the distance table
 * is allocated in simulated RAM only when a SLIT (or emulation) sets one.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/nodemask.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "linux/acpi.h"
#include "arch/x86/include/asm/numa.h"
#include "mm/internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <string.h>

#define numa (current_machine->x86_numa)
#define NODE_MIN_SIZE (4 * 1024 * 1024)

void x86_numa_state_init(void)
{
	int i;

	if (!numa)
		numa = host_alloc(sizeof(*numa));
	for (i = 0; i < MAX_LOCAL_APIC; i++)
		numa->apicid_to_node[i] = NUMA_NO_NODE;
	for (i = 0; i < (int)ARRAY_SIZE(numa->cpu_to_node); i++)
		numa->cpu_to_node[i] = NUMA_NO_NODE;
}

void x86_numa_state_destroy(void)
{
	host_free(numa);
	numa = NULL;
}

/* numa=off | numa=fake=<spec> | numa=noacpi */
static int numa_setup(char *opt)
{
	if (!opt)
		return -EINVAL;
	if (!strncmp(opt, "off", 3))
		numa->numa_off = true;
	if (!strncmp(opt, "fake=", 5)) {
		strncpy(numa->emu_cmdline, opt + 5, sizeof(numa->emu_cmdline) - 1);
		numa->have_emu = true;
	}
	return 0;
}
early_param("numa", numa_setup);

void set_apicid_to_node(int apicid, s16 node)
{
	if (apicid >= 0 && apicid < MAX_LOCAL_APIC)
		numa->apicid_to_node[apicid] = node;
}

void numa_set_node(int cpu, int node)
{
	numa->cpu_to_node[cpu] = node;
}

int early_cpu_to_node(int cpu)
{
	return numa->cpu_to_node[cpu];
}

static int numa_add_memblk_to(int nid, u64 start, u64 end,
			      struct numa_meminfo *mi)
{
	if (start == end) /* ignore zero length blocks */
		return 0;
	if (start > end || nid < 0 || nid >= MAX_NUMNODES) {
		pr_warn("Warning: invalid memblk node %d [mem %#010llx-%#010llx]\n",
			nid, (unsigned long long)start,
			(unsigned long long)(end - 1));
		return 0;
	}
	if (mi->nr_blks >= 2 * MAX_NUMNODES) {
		pr_err("too many memblk ranges\n");
		return -EINVAL;
	}
	mi->blk[mi->nr_blks].start = start;
	mi->blk[mi->nr_blks].end = end;
	mi->blk[mi->nr_blks].nid = nid;
	mi->nr_blks++;
	return 0;
}

void numa_remove_memblk_from(int idx, struct numa_meminfo *mi)
{
	mi->nr_blks--;
	memmove(&mi->blk[idx], &mi->blk[idx + 1],
		(size_t)(mi->nr_blks - idx) * sizeof(mi->blk[0]));
}

static void numa_move_tail_memblk(struct numa_meminfo *dst, int idx,
				  struct numa_meminfo *src)
{
	dst->blk[dst->nr_blks++] = src->blk[idx];
	numa_remove_memblk_from(idx, src);
}

int numa_add_memblk(int nid, u64 start, u64 end)
{
	return numa_add_memblk_to(nid, start, end, &numa->meminfo);
}

/*
 * Trim blocks to RAM below max_pfn (keeping what lies outside in
 * numa_reserved_meminfo) and merge the blocks of each node whose gap does
 * not overlap another node's memory.  -EINVAL when two nodes overlap.
 */
int numa_cleanup_meminfo(struct numa_meminfo *mi)
{
	const u64 low = 0;
	const u64 high = PFN_PHYS(max_pfn);
	int i, j, k;

	for (i = 0; i < mi->nr_blks; i++) {
		struct numa_memblk *bi = &mi->blk[i];

		if (!memblock_overlaps_region(&memblock.memory, bi->start,
					      bi->end - bi->start)) {
			numa_move_tail_memblk(&numa->reserved_meminfo, i--, mi);
			continue;
		}
		bi->start = max(bi->start, low);
		if (bi->end > high) {
			numa_add_memblk_to(bi->nid, high, bi->end,
					   &numa->reserved_meminfo);
			bi->end = high;
		}
		if (bi->start >= bi->end)
			numa_remove_memblk_from(i--, mi);
	}

	for (i = 0; i < mi->nr_blks; i++) {
		struct numa_memblk *bi = &mi->blk[i];

		for (j = i + 1; j < mi->nr_blks; j++) {
			struct numa_memblk *bj = &mi->blk[j];
			u64 start, end;

			if (bi->end > bj->start && bi->start < bj->end) {
				if (bi->nid != bj->nid) {
					pr_err("node %d [mem %#010llx-%#010llx] overlaps with node %d [mem %#010llx-%#010llx]\n",
					       bi->nid, (unsigned long long)bi->start,
					       (unsigned long long)(bi->end - 1),
					       bj->nid, (unsigned long long)bj->start,
					       (unsigned long long)(bj->end - 1));
					return -EINVAL;
				}
				pr_warn("Warning: node %d [mem %#010llx-%#010llx] overlaps with itself [mem %#010llx-%#010llx]\n",
					bi->nid, (unsigned long long)bi->start,
					(unsigned long long)(bi->end - 1),
					(unsigned long long)bj->start,
					(unsigned long long)(bj->end - 1));
			}
			if (bi->nid != bj->nid)
				continue;
			start = min(bi->start, bj->start);
			end = max(bi->end, bj->end);
			/* the joined block must not cover another node's memory */
			for (k = 0; k < mi->nr_blks; k++) {
				struct numa_memblk *bk = &mi->blk[k];

				if (bi->nid == bk->nid)
					continue;
				if (start < bk->end && end > bk->start)
					break;
			}
			if (k < mi->nr_blks)
				continue;
			pr_info("NUMA: Node %d [mem %#010llx-%#010llx] + [mem %#010llx-%#010llx] -> [mem %#010llx-%#010llx]\n",
				bi->nid, (unsigned long long)bi->start,
				(unsigned long long)(bi->end - 1),
				(unsigned long long)bj->start,
				(unsigned long long)(bj->end - 1),
				(unsigned long long)start,
				(unsigned long long)(end - 1));
			bi->start = start;
			bi->end = end;
			numa_remove_memblk_from(j--, mi);
		}
	}
	return 0;
}

static void numa_nodemask_from_meminfo(bool *mask, const struct numa_meminfo *mi)
{
	int i;

	for (i = 0; i < mi->nr_blks; i++)
		if (mi->blk[i].start != mi->blk[i].end &&
		    mi->blk[i].nid != NUMA_NO_NODE)
			mask[mi->blk[i].nid] = true;
}

static void numa_reset_distance(void)
{
	/* the kernel frees a memblock-allocated table here; none exists yet */
	numa->distance = NULL;
	numa->distance_cnt = 0;
}

/* Allocate the node distance table in simulated RAM, default distances. */
static int numa_alloc_distance(void)
{
	bool nodes[MMSIM_MAX_NUMNODES_LIMIT];
	size_t size;
	int i, j, cnt = 0;
	u64 phys;

	memcpy(nodes, numa->nodes_parsed, sizeof(nodes));
	numa_nodemask_from_meminfo(nodes, &numa->meminfo);
	for (i = 0; i < MAX_NUMNODES; i++)
		if (nodes[i])
			cnt = i;
	cnt++;
	size = (size_t)cnt * (size_t)cnt;

	phys = memblock_phys_alloc_range(size, PAGE_SIZE, 0,
					 PFN_PHYS(current_machine->x86.max_pfn_mapped));
	if (!phys) {
		pr_warn("Warning: can't allocate distance table!\n");
		return -ENOMEM;
	}
	numa->distance = __va(phys);
	numa->distance_cnt = cnt;
	for (i = 0; i < cnt; i++)
		for (j = 0; j < cnt; j++)
			numa->distance[i * cnt + j] =
				i == j ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	printk(KERN_DEBUG "NUMA: Initialized distance table, cnt=%d\n", cnt);
	return 0;
}

void numa_set_distance(int from, int to, int distance)
{
	if (!numa->distance && numa_alloc_distance() < 0)
		return;
	if (from >= numa->distance_cnt || to >= numa->distance_cnt || from < 0 ||
	    to < 0) {
		pr_warn_once("Warning: node ids are out of bound, from=%d to=%d distance=%d\n",
			     from, to, distance);
		return;
	}
	if ((u8)distance != distance ||
	    (from == to && distance != LOCAL_DISTANCE)) {
		pr_warn_once("Warning: invalid distance parameter, from=%d to=%d distance=%d\n",
			     from, to, distance);
		return;
	}
	numa->distance[from * numa->distance_cnt + to] = (u8)distance;
}

int __node_distance(int from, int to)
{
	if (from >= numa->distance_cnt || to >= numa->distance_cnt)
		return from == to ? LOCAL_DISTANCE : REMOTE_DISTANCE;
	return numa->distance[from * numa->distance_cnt + to];
}

/* Nodes must cover all of e820 RAM (to within 1 MiB). */
static bool numa_meminfo_cover_memory(const struct numa_meminfo *mi)
{
	u64 numaram = 0, e820ram;
	int i;

	for (i = 0; i < mi->nr_blks; i++) {
		u64 s = mi->blk[i].start >> PAGE_SHIFT;
		u64 e = mi->blk[i].end >> PAGE_SHIFT;

		numaram += e - s;
		numaram -= __absent_pages_in_range(mi->blk[i].nid, s, e);
		if ((s64)numaram < 0)
			numaram = 0;
	}
	e820ram = max_pfn - absent_pages_in_range(0, max_pfn);
	if ((s64)(e820ram - numaram) >= (1 << (20 - PAGE_SHIFT))) {
		pr_err("NUMA: nodes only cover %lluMB of your %lluMB e820 RAM. Not used.\n",
		       (unsigned long long)((numaram << PAGE_SHIFT) >> 20),
		       (unsigned long long)((e820ram << PAGE_SHIFT) >> 20));
		return false;
	}
	return true;
}

/*
 * Give the reservations made so far their node ids: the kernel's own
 * pages, the initrd, ... split at node boundaries.  (The kernel then also
 * marks those nodes not hotpluggable.)
 */
static void numa_clear_kernel_node_hotplug(void)
{
	int i;

	for (i = 0; i < numa->meminfo.nr_blks; i++) {
		struct numa_memblk *mb = &numa->meminfo.blk[i];

		WARN_ON_ONCE(memblock_set_node(mb->start, mb->end - mb->start,
					       &memblock.reserved, mb->nid));
	}
}

/* Allocate and clear @nid's pg_data_t, preferably on the node itself. */
static void alloc_node_data(int nid)
{
	const size_t nd_size = PAGE_ALIGN(pglist_data_size());
	u64 nd_pa;
	int tnid;

	nd_pa = memblock_phys_alloc_try_nid(nd_size, SMP_CACHE_BYTES, nid);
	if (!nd_pa) {
		pr_err("Cannot find %zu bytes in any node (initial node: %d)\n",
		       nd_size, nid);
		return;
	}
	pr_info("NODE_DATA(%d) allocated [mem %#010llx-%#010llx]\n", nid,
		(unsigned long long)nd_pa,
		(unsigned long long)(nd_pa + nd_size - 1));
	tnid = early_pfn_to_nid(nd_pa >> PAGE_SHIFT);
	if (tnid != nid)
		pr_info("    NODE_DATA(%d) on node %d\n", nid, tnid);

	NODE_DATA(nid) = __va(nd_pa);
	memset(NODE_DATA(nid), 0, sizeof(pg_data_t));
	node_set_online(nid);
}

static int numa_register_memblks(struct numa_meminfo *mi)
{
	int i, nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (numa->nodes_parsed[nid])
			node_set_state(nid, N_POSSIBLE);
	numa_nodemask_from_meminfo(current_machine->mm.node_state[N_POSSIBLE], mi);
	if (WARN_ON(first_node_state(N_POSSIBLE) >= MAX_NUMNODES))
		return -EINVAL;

	for (i = 0; i < mi->nr_blks; i++) {
		struct numa_memblk *mb = &mi->blk[i];

		memblock_set_node(mb->start, mb->end - mb->start,
				  &memblock.memory, mb->nid);
	}
	numa_clear_kernel_node_hotplug();

	if (!numa_meminfo_cover_memory(mi))
		return -EINVAL;

	for_each_node_state(nid, N_POSSIBLE) {
		u64 start = PFN_PHYS(max_pfn);
		u64 end = 0;

		for (i = 0; i < mi->nr_blks; i++) {
			if (nid != mi->blk[i].nid)
				continue;
			start = min(mi->blk[i].start, start);
			end = max(mi->blk[i].end, end);
		}
		if (start >= end)
			continue;
		/* too little memory for a node of its own */
		if (end && (end - start) < NODE_MIN_SIZE)
			continue;
		alloc_node_data(nid);
	}
	memblock_dump_all();
	return 0;
}

/* CPUs the firmware did not place go round-robin over the online nodes. */
static void numa_init_array(void)
{
	int rr, i;

	rr = first_online_node;
	/* the kernel's nr_cpu_ids is still NR_CPUS here (prefill_possible_map comes later) */
	for (i = 0; i < (int)ARRAY_SIZE(numa->cpu_to_node); i++) {
		if (early_cpu_to_node(i) != NUMA_NO_NODE)
			continue;
		numa_set_node(i, rr);
		rr = next_online_node_in(rr);
	}
}

static void numa_clear_node_maps(void)
{
	int s;

	for (s = 0; s < NR_NODE_STATES; s++)
		memset(current_machine->mm.node_state[s], 0,
		       sizeof(current_machine->mm.node_state[s]));
}

static int numa_init(int (*init_func)(void))
{
	int i, ret;

	for (i = 0; i < MAX_LOCAL_APIC; i++)
		set_apicid_to_node(i, NUMA_NO_NODE);
	memset(numa->nodes_parsed, 0, sizeof(numa->nodes_parsed));
	numa_clear_node_maps();
	memset(&numa->meminfo, 0, sizeof(numa->meminfo));
	WARN_ON(memblock_set_node(0, ULLONG_MAX, &memblock.memory, MAX_NUMNODES));
	WARN_ON(memblock_set_node(0, ULLONG_MAX, &memblock.reserved, MAX_NUMNODES));
	WARN_ON(memblock_clear_hotplug(0, ULLONG_MAX));
	numa_reset_distance();

	ret = init_func();
	if (ret < 0)
		return ret;

	/* SRAT parsing may have turned bottom-up on; back to top-down */
	memblock_set_bottom_up(false);

	ret = numa_cleanup_meminfo(&numa->meminfo);
	if (ret < 0)
		return ret;
	numa_emulation(&numa->meminfo, numa->distance_cnt);

	ret = numa_register_memblks(&numa->meminfo);
	if (ret < 0)
		return ret;

	for (i = 0; i < (int)nr_cpu_ids; i++) {
		int nid = early_cpu_to_node(i);

		if (nid == NUMA_NO_NODE)
			continue;
		if (!node_online(nid))
			numa_set_node(i, NUMA_NO_NODE);
	}
	numa_init_array();
	return 0;
}

/* No NUMA information: one node spanning all memory. */
static int dummy_numa_init(void)
{
	pr_info("%s\n", numa->numa_off ? "NUMA turned off" :
					 "No NUMA configuration found");
	pr_info("Faking a node at [mem %#018llx-%#018llx]\n", 0ULL,
		(unsigned long long)(PFN_PHYS(max_pfn) - 1));
	numa->nodes_parsed[0] = true;
	numa_add_memblk(0, 0, PFN_PHYS(max_pfn));
	return 0;
}

static int x86_acpi_numa_init(void)
{
	int ret = acpi_numa_init();

	if (ret < 0)
		return ret;
	return acpi_srat_disabled() ? -EINVAL : 0;
}

void x86_numa_init(void)
{
	if (!numa->numa_off) {
		if (!numa_init(x86_acpi_numa_init))
			return;
		/* amd_numa_init: QEMU has no AMD northbridge; nothing found */
	}
	numa_init(dummy_numa_init);
}

/* Each CPU the firmware placed goes to its node. */
void init_cpu_to_node(void)
{
	int cpu;

	for (cpu = 0; cpu < (int)nr_cpu_ids; cpu++) {
		int apicid = cpu_to_apicid(cpu);
		int node = apicid >= 0 && apicid < MAX_LOCAL_APIC ?
				   numa->apicid_to_node[apicid] : NUMA_NO_NODE;

		if (node == NUMA_NO_NODE)
			continue;
		if (!node_online(node))
			node_set_online(node);
		numa_set_node(cpu, node);
	}
}

int cpu_to_node(int cpu)
{
	int nid = numa->cpu_to_node[cpu];

	return nid == NUMA_NO_NODE ? 0 : nid;
}

// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/numa_emulation.c — numa=fake=: pretend to have more nodes.
 *
 * Kernel counterpart: arch/x86/mm/numa_emulation.c (Linux 6.1).
 *
 * The real (physical) blocks of numa_meminfo are cut into emulated nodes
 * handed out round-robin over the physical nodes:
 *
 *   numa=fake=N        N nodes of equal RAM (holes not counted), each a
 *                      multiple of FAKE_NODE_MIN_SIZE (32 MiB), the first
 *                      "big" ones one granule larger
 *   numa=fake=<size>M  nodes of that much RAM each (size, G also)
 *
 * Each cut prints "Faking node N at [mem ...] (SIZE MB)".  Afterwards the
 * distance table is rebuilt for the emulated nodes from their physical
 * nodes (optionally overridden by ":d,d,..." after the spec).
 * Not supported here: the per-physical-node uniform form "NU" (it is
 * reported and emulation is skipped).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "arch/x86/include/asm/numa.h"
#include "mm/internal.h"
#include "mmsim/machine.h"

#include <string.h>

#define numa (current_machine->x86_numa)
#define FAKE_NODE_MIN_SIZE ((u64)32 << 20)
#define FAKE_NODE_MIN_HASH_MASK (~(FAKE_NODE_MIN_SIZE - 1UL))
#define MAX_DMA32_PFN (1UL << (32 - PAGE_SHIFT))

static int emu_find_memblk_by_nid(int nid, const struct numa_meminfo *mi)
{
	int i;

	for (i = 0; i < mi->nr_blks; i++)
		if (mi->blk[i].nid == nid)
			return i;
	return -ENOENT;
}

static u64 mem_hole_size(u64 start, u64 end)
{
	unsigned long start_pfn = PFN_UP(start);
	unsigned long end_pfn = PFN_DOWN(end);

	if (start_pfn < end_pfn)
		return PFN_PHYS(absent_pages_in_range(start_pfn, end_pfn));
	return 0;
}

/* Move @size bytes from the start of physical block @phys_blk into node @nid. */
static int emu_setup_memblk(struct numa_meminfo *ei, struct numa_meminfo *pi,
			    int nid, int phys_blk, u64 size)
{
	struct numa_memblk *eb = &ei->blk[ei->nr_blks];
	struct numa_memblk *pb = &pi->blk[phys_blk];

	if (ei->nr_blks >= 2 * MAX_NUMNODES) {
		pr_err("NUMA: Too many emulated memblks, failing emulation\n");
		return -EINVAL;
	}
	ei->nr_blks++;
	eb->start = pb->start;
	eb->end = pb->start + size;
	eb->nid = nid;
	if (numa->emu_nid_to_phys[nid] == NUMA_NO_NODE)
		numa->emu_nid_to_phys[nid] = pb->nid;

	pb->start += size;
	if (pb->start >= pb->end) {
		WARN_ON_ONCE(pb->start > pb->end);
		numa_remove_memblk_from(phys_blk, pi);
	}
	pr_info("Faking node %d at [mem %#018llx-%#018llx] (%lluMB)\n", nid,
		(unsigned long long)eb->start, (unsigned long long)(eb->end - 1),
		(unsigned long long)((eb->end - eb->start) >> 20));
	return 0;
}

/* Grow @end so that the range does not leave a sliver of DMA32 or of the block. */
static u64 emu_adjust_end(u64 start, u64 end, u64 limit, u64 size, bool round)
{
	u64 dma32_end = PFN_PHYS(MAX_DMA32_PFN);

	if (end < dma32_end &&
	    dma32_end - end - mem_hole_size(end, dma32_end) < FAKE_NODE_MIN_SIZE)
		end = dma32_end;
	if (round && limit - end - mem_hole_size(end, limit) < size)
		end = limit;
	(void)start;
	return end;
}

/*
 * Grow a node that starts at @start from @end in FAKE_NODE_MIN_SIZE steps
 * until it holds @size bytes of RAM (holes do not count), stopping at
 * @max_addr.
 */
static u64 find_end_of_node(u64 start, u64 end, u64 max_addr, u64 size)
{
	while (end - start - mem_hole_size(start, end) < size) {
		end += FAKE_NODE_MIN_SIZE;
		if (end > max_addr) {
			end = max_addr;
			break;
		}
	}
	return end;
}

static int split_nodes_interleave(struct numa_meminfo *ei,
				  struct numa_meminfo *pi, u64 addr,
				  u64 max_addr, int nr_nodes)
{
	bool physnode[MMSIM_MAX_NUMNODES_LIMIT];
	u64 size;
	int big, nid = 0, i, ret;
	bool any;

	if (nr_nodes <= 0)
		return -1;
	if (nr_nodes > MAX_NUMNODES) {
		pr_info("numa=fake=%d too large, reducing to %d\n", nr_nodes,
			MAX_NUMNODES);
		nr_nodes = MAX_NUMNODES;
	}
	/* RAM per node, then the number of nodes that get one more granule */
	size = max_addr - addr - mem_hole_size(addr, max_addr);
	size = PFN_PHYS((unsigned long)(size >> PAGE_SHIFT) / (unsigned long)nr_nodes);
	big = (int)(((size & ~FAKE_NODE_MIN_HASH_MASK) * (u64)nr_nodes) /
		    FAKE_NODE_MIN_SIZE);
	size &= FAKE_NODE_MIN_HASH_MASK;
	if (!size) {
		pr_err("Not enough memory for each node.  NUMA emulation disabled.\n");
		return -1;
	}

	memcpy(physnode, numa->nodes_parsed, sizeof(physnode));
	do {
		any = false;
		for (i = 0; i < MAX_NUMNODES; i++) {
			u64 start, limit, end;
			int phys_blk;

			if (!physnode[i])
				continue;
			phys_blk = emu_find_memblk_by_nid(i, pi);
			if (phys_blk < 0) {
				physnode[i] = false;
				continue;
			}
			any = true;
			start = pi->blk[phys_blk].start;
			limit = pi->blk[phys_blk].end;
			end = start + size;
			if (nid < big)
				end += FAKE_NODE_MIN_SIZE;
			end = find_end_of_node(start, end, limit, size);
			end = emu_adjust_end(start, end, limit, size, true);
			ret = emu_setup_memblk(ei, pi, nid++ % nr_nodes, phys_blk,
					       min(end, limit) - start);
			if (ret < 0)
				return ret;
		}
	} while (any);
	return 0;
}

static int split_nodes_size_interleave(struct numa_meminfo *ei,
				       struct numa_meminfo *pi, u64 addr,
				       u64 max_addr, u64 size)
{
	bool physnode[MMSIM_MAX_NUMNODES_LIMIT];
	u64 min_size;
	int nid = 0, i, ret;
	bool any;

	if (!size)
		return -1;
	min_size = PFN_PHYS((PHYS_PFN(max_addr) - PHYS_PFN(addr) -
			     PHYS_PFN(mem_hole_size(addr, max_addr))) /
			    (unsigned long)MAX_NUMNODES);
	min_size = ALIGN(max(min_size, FAKE_NODE_MIN_SIZE), FAKE_NODE_MIN_SIZE);
	if (size < min_size) {
		pr_err("Fake node size %lluMB too small, increasing to %lluMB\n",
		       (unsigned long long)(size >> 20),
		       (unsigned long long)(min_size >> 20));
		size = min_size;
	}
	size = ALIGN_DOWN(size, FAKE_NODE_MIN_SIZE);

	memcpy(physnode, numa->nodes_parsed, sizeof(physnode));
	do {
		any = false;
		for (i = 0; i < MAX_NUMNODES; i++) {
			u64 start, limit, end;
			int phys_blk;

			if (!physnode[i])
				continue;
			phys_blk = emu_find_memblk_by_nid(i, pi);
			if (phys_blk < 0) {
				physnode[i] = false;
				continue;
			}
			any = true;
			start = pi->blk[phys_blk].start;
			limit = pi->blk[phys_blk].end;
			end = find_end_of_node(start, start + size, limit, size);
			end = emu_adjust_end(start, end, limit, size, true);
			ret = emu_setup_memblk(ei, pi, nid++ % MAX_NUMNODES,
					       phys_blk, min(end, limit) - start);
			if (ret < 0)
				return ret;
		}
	} while (any);
	return nid;
}

/* The highest emulated node and the physical node of node 0. */
static int setup_emu2phys_nid(int *dfl_phys_nid)
{
	int i, max_emu_nid = 0;

	*dfl_phys_nid = NUMA_NO_NODE;
	for (i = 0; i < MAX_NUMNODES; i++) {
		if (numa->emu_nid_to_phys[i] != NUMA_NO_NODE) {
			max_emu_nid = i;
			if (*dfl_phys_nid == NUMA_NO_NODE)
				*dfl_phys_nid = numa->emu_nid_to_phys[i];
		}
	}
	return max_emu_nid;
}

static void emu_remap_apicids(void)
{
	int i, j;

	for (i = 0; i < MAX_LOCAL_APIC; i++) {
		if (numa->apicid_to_node[i] == NUMA_NO_NODE)
			continue;
		for (j = 0; j < MAX_NUMNODES; j++)
			if (numa->apicid_to_node[i] == numa->emu_nid_to_phys[j])
				break;
		numa->apicid_to_node[i] = (s16)(j < MAX_NUMNODES ? j : 0);
	}
}

void numa_emulation(struct numa_meminfo *numa_meminfo, int numa_dist_cnt)
{
	static struct numa_meminfo ei, pi;
	const u64 max_addr = PFN_PHYS(max_pfn);
	char *cmd = numa->emu_cmdline;
	u8 *phys_dist = NULL;
	size_t phys_size = (size_t)numa_dist_cnt * (size_t)numa_dist_cnt;
	int max_emu_nid, dfl_phys_nid, i, j, ret;

	for (i = 0; i < MAX_NUMNODES; i++)
		numa->emu_nid_to_phys[i] = numa->have_emu ? NUMA_NO_NODE : i;
	if (!numa->have_emu)
		return;

	memset(&ei, 0, sizeof(ei));
	pi = *numa_meminfo;

	if (strchr(cmd, 'U')) {
		pr_err("NUMA: numa=fake=%s: the per-node uniform form is not simulated\n",
		       numa->emu_cmdline);
		ret = -1;
	} else if (strchr(cmd, 'M') || strchr(cmd, 'G')) {
		u64 size = memparse(cmd, &cmd);

		ret = split_nodes_size_interleave(&ei, &pi, 0, max_addr, size);
	} else {
		unsigned long n = simple_strtoull(cmd, &cmd, 0);

		ret = split_nodes_interleave(&ei, &pi, 0, max_addr, (int)n);
	}
	if (*cmd == ':')
		cmd++;
	if (ret < 0)
		goto no_emu;

	if (numa_cleanup_meminfo(&ei) < 0) {
		pr_warn("NUMA: Warning: constructed meminfo invalid, disabling emulation\n");
		goto no_emu;
	}

	if (numa_dist_cnt) {
		u64 phys = memblock_phys_alloc_range(phys_size, PAGE_SIZE, 0,
				PFN_PHYS(current_machine->x86.max_pfn_mapped));

		if (!phys) {
			pr_warn("NUMA: Warning: can't allocate copy of distance table, disabling emulation\n");
			goto no_emu;
		}
		phys_dist = __va(phys);
		for (i = 0; i < numa_dist_cnt; i++)
			for (j = 0; j < numa_dist_cnt; j++)
				phys_dist[i * numa_dist_cnt + j] =
					(u8)node_distance(i, j);
	}

	max_emu_nid = setup_emu2phys_nid(&dfl_phys_nid);
	*numa_meminfo = ei;

	memset(numa->nodes_parsed, 0, sizeof(numa->nodes_parsed));
	for (i = 0; i < ei.nr_blks; i++)
		if (ei.blk[i].start != ei.blk[i].end &&
		    ei.blk[i].nid != NUMA_NO_NODE)
			numa->nodes_parsed[ei.blk[i].nid] = true;

	emu_remap_apicids();
	for (i = 0; i < MAX_NUMNODES; i++)
		if (numa->emu_nid_to_phys[i] == NUMA_NO_NODE)
			numa->emu_nid_to_phys[i] = dfl_phys_nid;

	numa->distance = NULL;
	numa->distance_cnt = 0;
	for (i = 0; i < max_emu_nid + 1; i++) {
		for (j = 0; j < max_emu_nid + 1; j++) {
			int physi = numa->emu_nid_to_phys[i];
			int physj = numa->emu_nid_to_phys[j];
			int dist;

			if (get_option(&cmd, &dist) == 2)
				;
			else if (physi >= numa_dist_cnt || physj >= numa_dist_cnt)
				dist = physi == physj ? LOCAL_DISTANCE :
							REMOTE_DISTANCE;
			else
				dist = phys_dist[physi * numa_dist_cnt + physj];
			numa_set_distance(i, j, dist);
		}
	}
	if (phys_dist)
		memblock_free(phys_dist, phys_size);
	return;

no_emu:
	for (i = 0; i < MAX_NUMNODES; i++)
		numa->emu_nid_to_phys[i] = i;
}

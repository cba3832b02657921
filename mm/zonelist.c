// SPDX-License-Identifier: MIT
/*
 * mm/zonelist.c — the order in which an allocation tries the zones.
 *
 * Kernel counterpart: build_all_zonelists() and its helpers in
 * mm/page_alloc.c (Linux 6.1).
 *
 * Every node has two zonelists:
 *
 *   FALLBACK    the zones of every node, nodes in order of distance from
 *               this one, each node's zones from the highest down:
 *                 node 0: Normal DMA32 DMA | node 1: Normal DMA32 | ...
 *   NOFALLBACK  this node's zones only (__GFP_THISNODE)
 *
 * Node order (find_next_best_node): the node itself first, then by
 * distance, preferring nodes without CPUs and spreading equal-distance
 * choices with node_load.  Then "Total pages" is the memory above the
 * high watermarks, mobility grouping is turned off when that is less
 * than a pageblock per migrate type, and the policy zone is the highest
 * populated zone below Movable.
 */
#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/mmzone.h"
#include "linux/nodemask.h"
#include "linux/printk.h"
#include "arch/x86/include/asm/numa.h"
#include "mm/internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <limits.h>
#include <string.h>

#define PENALTY_FOR_NODE_WITH_CPUS 1

static bool node_has_cpus(int node)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		if (cpu_to_node((int)cpu) == node)
			return true;
	return false;
}

static int find_next_best_node(int node, bool *used, int *node_load)
{
	int n, val, min_val = INT_MAX, best_node = NUMA_NO_NODE;

	if (!used[node]) {
		used[node] = true;
		return node;
	}
	for_each_node_state(n, N_MEMORY) {
		if (used[n])
			continue;
		val = node_distance(node, n);
		val += (n < node);               /* prefer the following node */
		if (node_has_cpus(n))
			val += PENALTY_FOR_NODE_WITH_CPUS;
		val *= MAX_NUMNODES;
		val += node_load[n];
		if (val < min_val) {
			min_val = val;
			best_node = n;
		}
	}
	if (best_node >= 0)
		used[best_node] = true;
	return best_node;
}

/* Add @pgdat's populated zones, highest first; returns how many. */
static int build_zonerefs_node(pg_data_t *pgdat, struct zoneref *zonerefs)
{
	int zone_type = MAX_NR_ZONES, nr_zones = 0;

	do {
		struct zone *zone;

		zone_type--;
		zone = pgdat->node_zones + zone_type;
		if (populated_zone(zone)) {
			zonerefs[nr_zones].zone = zone;
			zonerefs[nr_zones].zone_idx = zone_type;
			nr_zones++;
			if (zone_type > current_machine->mm.policy_zone &&
			    zone_type != ZONE_MOVABLE)
				current_machine->mm.policy_zone = zone_type;
		}
	} while (zone_type);
	return nr_zones;
}

static void alloc_zonelists(pg_data_t *pgdat)
{
	size_t n = (size_t)MAX_NUMNODES * (size_t)MAX_NR_ZONES + 1;
	int i;

	for (i = 0; i < MAX_ZONELISTS; i++)
		if (!pgdat->node_zonelists[i]._zonerefs)
			pgdat->node_zonelists[i]._zonerefs =
				host_alloc(n * sizeof(struct zoneref));
}

static void build_zonelists(pg_data_t *pgdat, int *node_load)
{
	int *node_order = host_alloc((size_t)MAX_NUMNODES * sizeof(int));
	bool *used = host_alloc((size_t)MAX_NUMNODES * sizeof(bool));
	int node, nr_nodes = 0, i, local_node = pgdat->node_id;
	int prev_node = local_node;
	struct zoneref *z;

	alloc_zonelists(pgdat);
	while ((node = find_next_best_node(local_node, used, node_load)) >= 0) {
		/* equal-distance nodes take turns being first */
		if (node_distance(local_node, node) !=
		    node_distance(local_node, prev_node))
			node_load[node] += 1;
		node_order[nr_nodes++] = node;
		prev_node = node;
	}

	z = pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	for (i = 0; i < nr_nodes; i++)
		z += build_zonerefs_node(NODE_DATA(node_order[i]), z);
	z->zone = NULL;
	z->zone_idx = 0;

	z = pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs;
	z += build_zonerefs_node(pgdat, z);
	z->zone = NULL;
	z->zone_idx = 0;

	/* the !NUMA build_zonelists() has no such line */
	if (current_machine->k_numa) {
		pr_info("Fallback order for Node %d: ", local_node);
		for (i = 0; i < nr_nodes; i++)
			pr_cont("%d ", node_order[i]);
		pr_cont("\n");
	}
	host_free(node_order);
	host_free(used);
}

void build_all_zonelists(pg_data_t *pgdat)
{
	int *node_load = host_alloc((size_t)MAX_NUMNODES * sizeof(int));
	unsigned long vm_total_pages;
	int nid;

	(void)pgdat; /* only the boot-time build is simulated */
	for_each_node_state(nid, N_ONLINE)
		build_zonelists(NODE_DATA(nid), node_load);
	host_free(node_load);

	vm_total_pages = nr_free_zone_pages(gfp_zone(GFP_HIGHUSER_MOVABLE));
	page_group_by_mobility_disabled =
		vm_total_pages < pageblock_nr_pages * (unsigned long)MIGRATE_TYPES;
	pr_info("Built %u zonelists, mobility grouping %s.  Total pages: %ld\n",
		(unsigned int)num_online_nodes(),
		page_group_by_mobility_disabled ? "off" : "on",
		(long)vm_total_pages);
	if (current_machine->k_numa)
		pr_info("Policy zone: %s\n",
			current_machine->mmcfg.zone_names[current_machine->mm.policy_zone]);
}

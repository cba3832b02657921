// SPDX-License-Identifier: MIT
/*
 * fs/proc/zoneinfo.c — /proc/zoneinfo: every zone of every online node,
 * its watermarks, sizes, counters and per-CPU page lists.
 *
 * Kernel counterpart: mm/vmstat.c (Linux 6.1) zoneinfo_show_print(),
 * is_zone_first_populated(), zoneinfo_show().
 *
 * Every zone is printed, populated or not (lowmem_reserve_ratio acts on
 * all of them, and the protection list shows its effect):
 *
 *   Node 0, zone    DMA32
 *     per-node stats                   only under the node's first
 *         nr_inactive_anon 86          populated zone
 *         ...
 *     pages free     106231            NR_FREE_PAGES
 *           boost / min / low / high   watermarks (+ boost)
 *           spanned / present / managed / cma
 *           protection: (0, 0, 0, 0, 0)   lowmem_reserve[0..MAX_NR_ZONES-1]
 *         nr_free_pages 106231         zone counters, NUMA events
 *     pagesets                         per online CPU:
 *       cpu: 0                           count, high, batch
 *                 count: 287
 *     vm stats threshold: 12
 *     node_unreclaimable:  0
 *     start_pfn:           4096
 *
 * An unpopulated zone stops after its protection line.
 */
#include "linux/kernel.h"
#include "linux/seq_file.h"
#include "fs/proc/internal.h"
#include "mm/page_alloc_internal.h"

static bool is_zone_first_populated(pg_data_t *pgdat, struct zone *zone)
{
	int zid;

	for (zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *compare = &pgdat->node_zones[zid];

		if (populated_zone(compare))
			return zone == compare;
	}
	return false;
}

static void show_node_stats(struct seq_file *m, pg_data_t *pgdat)
{
	int i;

	seq_puts(m, "\n  per-node stats");
	for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++) {
		enum node_stat_item item = (enum node_stat_item)i;
		unsigned long pages = node_page_state_pages(pgdat, item);

		if (!node_stat_configured(item))
			continue;
		if (vmstat_item_print_in_thp(item))
			pages /= HPAGE_PMD_NR;
		seq_printf(m, "\n      %-12s %lu", node_stat_name(item), pages);
	}
}

static void show_zone_sizes(struct seq_file *m, struct zone *zone)
{
	int i;

	seq_printf(m,
		   "\n  pages free     %lu"
		   "\n        boost    %lu"
		   "\n        min      %lu"
		   "\n        low      %lu"
		   "\n        high     %lu"
		   "\n        spanned  %lu"
		   "\n        present  %lu"
		   "\n        managed  %lu"
		   "\n        cma      %lu",
		   zone_page_state(zone, NR_FREE_PAGES), zone->watermark_boost,
		   min_wmark_pages(zone), low_wmark_pages(zone),
		   high_wmark_pages(zone), zone->spanned_pages,
		   zone->present_pages, zone_managed_pages(zone),
		   zone->cma_pages);
	seq_printf(m, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(m, ", %ld", zone->lowmem_reserve[i]);
	seq_putc(m, ')');
}

static void show_zone_counters(struct seq_file *m, struct zone *zone)
{
	int i;

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		if (zone_stat_configured((enum zone_stat_item)i))
			seq_printf(m, "\n      %-12s %lu",
				   zone_stat_name((enum zone_stat_item)i),
				   zone_page_state(zone, (enum zone_stat_item)i));
	if (!numa_stats_configured())
		return;
	for (i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++)
		seq_printf(m, "\n      %-12s %lu",
			   numa_stat_name((enum numa_stat_item)i),
			   zone_numa_event_state(zone, (enum numa_stat_item)i));
}

static void show_pagesets(struct seq_file *m, struct zone *zone)
{
	unsigned int cpu;

	seq_puts(m, "\n  pagesets");
	for (cpu = 0; cpu < pa_nr_online_cpus(); cpu++) {
		struct per_cpu_pages *pcp = zone_pcp(zone, (int)cpu);

		seq_printf(m,
			   "\n    cpu: %u"
			   "\n              count: %i"
			   "\n              high:  %i"
			   "\n              batch: %i",
			   cpu, pcp->count, pcp->high, pcp->batch);
		seq_printf(m, "\n  vm stats threshold: %d",
			   zone_pzstats(zone, (int)cpu)->stat_threshold);
	}
}

static void zoneinfo_show_print(struct seq_file *m, pg_data_t *pgdat,
				struct zone *zone)
{
	seq_printf(m, "Node %d, zone %8s", pgdat->node_id, zone->name);
	if (is_zone_first_populated(pgdat, zone))
		show_node_stats(m, pgdat);
	show_zone_sizes(m, zone);
	if (!populated_zone(zone)) {
		seq_putc(m, '\n');
		return;
	}
	show_zone_counters(m, zone);
	show_pagesets(m, zone);
	seq_printf(m,
		   "\n  node_unreclaimable:  %u"
		   "\n  start_pfn:           %lu",
		   (unsigned int)(pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES),
		   zone->zone_start_pfn);
	seq_putc(m, '\n');
}

void zoneinfo_show(struct seq_file *m)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat)
		walk_zones_in_node(m, pgdat, false, false, zoneinfo_show_print);
}

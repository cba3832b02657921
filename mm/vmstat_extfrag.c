// SPDX-License-Identifier: MIT
/*
 * mm/vmstat_extfrag.c — how fragmented a zone's free memory is.
 *
 * Kernel counterpart: mm/vmstat.c (Linux 6.1) fill_contig_page_info(),
 * __fragmentation_index(), fragmentation_index(), unusable_free_index()
 * and the debugfs files extfrag/unusable_index and extfrag/extfrag_index
 * (unusable_show_print(), extfrag_show_print()).
 *
 * For a request of order k, with F free pages in the zone, B free blocks
 * of any order and S free blocks of order >= k counted in units of 2^k
 * pages (a free order-k+1 block is 2 suitable blocks):
 *
 *   unusable_free_index(k) = (F - S * 2^k) / F          (1 when F == 0)
 *        the share of free memory too fragmented to serve order k;
 *   fragmentation_index(k) = 1 - (1 + F / 2^k) / B      (-1 when S > 0)
 *        near 0: a failure would be for lack of memory; near 1: for
 *        fragmentation; -1: the request would succeed.
 *
 * Both are kept in thousandths, printed "%d.%03d" as the kernel does.
 */
#include "linux/kernel.h"
#include "linux/seq_file.h"
#include "fs/proc/internal.h"
#include "mm/vmstat_extfrag.h"
#include "mm/page_alloc_internal.h"

void fill_contig_page_info(struct zone *zone, unsigned int suitable_order,
			   struct contig_page_info *info)
{
	unsigned int order;

	info->free_pages = 0;
	info->free_blocks_total = 0;
	info->free_blocks_suitable = 0;
	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = zone->free_area[order].nr_free;

		info->free_blocks_total += blocks;
		info->free_pages += blocks << order;
		if (order >= suitable_order)
			info->free_blocks_suitable += blocks << (order - suitable_order);
	}
}

int __fragmentation_index(unsigned int order, struct contig_page_info *info)
{
	unsigned long requested = 1UL << order;

	if (order >= MAX_ORDER || !info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -1000;   /* the request would be served */
	return 1000 - (int)((1000 + info->free_pages * 1000ULL / requested) /
			    info->free_blocks_total);
}

int fragmentation_index(struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	return __fragmentation_index(order, &info);
}

int unusable_free_index(unsigned int order, struct contig_page_info *info)
{
	if (!info->free_pages)
		return 1000;    /* no free memory: all of it is unusable */
	return (int)((info->free_pages - (info->free_blocks_suitable << order)) *
		     1000ULL / info->free_pages);
}

static void unusable_show_print(struct seq_file *m, pg_data_t *pgdat,
				struct zone *zone)
{
	struct contig_page_info info;
	unsigned int order;
	int index;

	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (order = 0; order < MAX_ORDER; order++) {
		fill_contig_page_info(zone, order, &info);
		index = unusable_free_index(order, &info);
		seq_printf(m, "%d.%03d ", index / 1000, index % 1000);
	}
	seq_putc(m, '\n');
}

static void extfrag_show_print(struct seq_file *m, pg_data_t *pgdat,
			       struct zone *zone)
{
	struct contig_page_info info;
	unsigned int order;
	int index;

	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (order = 0; order < MAX_ORDER; order++) {
		fill_contig_page_info(zone, order, &info);
		index = __fragmentation_index(order, &info);
		seq_printf(m, "%2d.%03d ", index / 1000, index % 1000);
	}
	seq_putc(m, '\n');
}

void unusable_show(struct seq_file *m)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat)
		walk_zones_in_node(m, pgdat, true, false, unusable_show_print);
}

void extfrag_show(struct seq_file *m)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat)
		walk_zones_in_node(m, pgdat, true, false, extfrag_show_print);
}

/*
 * extfrag_for_order(): the share (0..100) of @zone's free memory in blocks
 * smaller than @order, proactive compaction's fragmentation score.
 */
unsigned int extfrag_for_order(struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	if (!info.free_pages)
		return 0;
	return (unsigned int)((info.free_pages -
			       (info.free_blocks_suitable << order)) * 100 /
			      info.free_pages);
}

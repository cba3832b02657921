// SPDX-License-Identifier: MIT
/*
 * fs/proc/buddyinfo.c — /proc/buddyinfo and /proc/pagetypeinfo: the free
 * lists of the buddy allocator, by order and by migrate type.
 *
 * Kernel counterpart: mm/vmstat.c (Linux 6.1) frag_show_print(),
 * pagetypeinfo_showfree_print(), pagetypeinfo_showblockcount_print(),
 * pagetypeinfo_show().
 *
 * buddyinfo, one line per populated zone: free blocks of order 0..10
 * (free_area[order].nr_free), so that
 *
 *   sum over orders of nr_free[order] << order == NR_FREE_PAGES
 *
 * (pages on the per-CPU lists are not free in this sense: they left the
 * buddy lists and NR_FREE_PAGES together).
 *
 * pagetypeinfo, per node with memory: the same blocks split by migrate
 * type (free list lengths, counted up to 100000 as the kernel does), then
 * the number of pageblocks of each type in each populated zone:
 *
 *   Page block order: 9
 *   Pages per block:  512
 *
 *   Free pages count per migrate type at order       0      1 ...     10
 *   Node    0, zone      DMA, type    Unmovable      0      0 ...      0
 *   ...
 *   Number of blocks type     Unmovable      Movable  Reclaimable ...
 *   Node 0, zone      DMA            1            7            0 ...
 *
 * "Number of mixed blocks" needs CONFIG_PAGE_OWNER's records, which mmsim
 * does not keep; Debian's kernel does not print it either unless booted
 * with page_owner=on.
 */
#include "linux/kernel.h"
#include "linux/list.h"
#include "linux/seq_file.h"
#include "linux/nodemask.h"
#include "fs/proc/internal.h"
#include "mm/page_alloc_internal.h"

/* Beyond this many blocks on one list the kernel prints ">100000". */
#define FREECOUNT_CAP 100000

static void frag_show_print(struct seq_file *m, pg_data_t *pgdat,
			    struct zone *zone)
{
	unsigned int order;

	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (order = 0; order < MAX_ORDER; order++)
		seq_printf(m, "%6lu ", zone->free_area[order].nr_free);
	seq_putc(m, '\n');
}

void buddyinfo_show(struct seq_file *m)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat)
		walk_zones_in_node(m, pgdat, true, false, frag_show_print);
}

/* The kernel counts up to FREECOUNT_CAP and then prints ">". */
static unsigned long count_free_list(struct list_head *head, bool *overflow)
{
	unsigned long n = memmap_list_count(head, FREECOUNT_CAP);

	*overflow = n >= FREECOUNT_CAP;
	return n;
}

static void pagetypeinfo_showfree_print(struct seq_file *m, pg_data_t *pgdat,
					struct zone *zone)
{
	unsigned int order;
	int mt;

	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		seq_printf(m, "Node %4d, zone %8s, type %12s ", pgdat->node_id,
			   zone->name, migratetype_name(mt));
		for (order = 0; order < MAX_ORDER; order++) {
			bool overflow;
			unsigned long n = count_free_list(
				&zone->free_area[order].free_list[mt], &overflow);

			seq_printf(m, "%s%6lu ", overflow ? ">" : "", n);
		}
		seq_putc(m, '\n');
	}
}

static void pagetypeinfo_showfree(struct seq_file *m, pg_data_t *pgdat)
{
	unsigned int order;

	seq_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (order = 0; order < MAX_ORDER; order++)
		seq_printf(m, "%6d ", order);
	seq_putc(m, '\n');
	walk_zones_in_node(m, pgdat, true, false, pagetypeinfo_showfree_print);
}

/* Pageblocks of the zone by their migrate type (pfn_to_online_page()). */
static void pagetypeinfo_showblockcount_print(struct seq_file *m,
					      pg_data_t *pgdat,
					      struct zone *zone)
{
	unsigned long count[MMSIM_MAX_MIGRATE_TYPES] = { 0 };
	unsigned long pfn;
	int mt;

	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages) {
		struct page *page;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (memmap_peek_zone(page) != zone)
			continue;
		mt = get_pageblock_migratetype(page);
		if (mt < MIGRATE_TYPES)
			count[mt]++;
	}
	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(m, "%12lu ", count[mt]);
	seq_putc(m, '\n');
}

static void pagetypeinfo_showblockcount(struct seq_file *m, pg_data_t *pgdat)
{
	int mt;

	seq_printf(m, "\n%-23s", "Number of blocks type ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(m, "%12s ", migratetype_name(mt));
	seq_putc(m, '\n');
	walk_zones_in_node(m, pgdat, true, false,
			   pagetypeinfo_showblockcount_print);
}

void pagetypeinfo_show(struct seq_file *m)
{
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat) {
		if (!node_state(pgdat->node_id, N_MEMORY))
			continue;
		seq_printf(m, "Page block order: %d\n", pageblock_order);
		seq_printf(m, "Pages per block:  %lu\n", pageblock_nr_pages);
		seq_putc(m, '\n');
		pagetypeinfo_showfree(m, pgdat);
		pagetypeinfo_showblockcount(m, pgdat);
	}
}

// SPDX-License-Identifier: MIT
/*
 * mm/vmscan_validate.c — checker for the LRU lists and their counters.
 *
 * Kernel counterpart: none as a function; the invariants are those 6.1's
 * VM_BUG_ON_FOLIO checks in mm/swap.c and mm/vmscan.c rely on
 * (lruvec_add_folio/del_folio keep NR_LRU_BASE + lru equal to the list).
 *
 * lru_validate() checks, on every online node:
 *   - each folio on lists[lru] is a head page of that node with PG_lru,
 *     a reference, and the flags that select that list
 *     (folio_lru_list(folio) == lru); no folio is met twice;
 *   - the pages found on lists[lru] per zone equal the zone's
 *     NR_ZONE_LRU_BASE + lru counter, and per node the node's
 *     NR_LRU_BASE + lru counter (per-CPU deltas added: exact);
 *   - every page of the node with PG_lru was found on a list, except
 *     unevictable ones, which 6.1 does not link: their count (by flags)
 *     equals the unevictable counters;
 *   - NR_ISOLATED_ANON and NR_ISOLATED_FILE are 0 (between steps nothing
 *     is isolated).
 * Returns 0, or -EUCLEAN with the first problem in @msg.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/swap_lru.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"
#include "mmsim/host.h"
#include "mmsim/lru_state.h"
#include "mmsim/machine.h"

#include <stdarg.h>
#include <stdio.h>

struct lv {
	struct check_report r;
	unsigned long listed[MMSIM_MAX_NR_ZONES][NR_LRU_LISTS];
	unsigned long flagged[MMSIM_MAX_NR_ZONES][NR_LRU_LISTS];
	unsigned char *seen;          /* per pfn of the node */
};

/* A node counter with every CPU's pending delta added. */
static long node_state_exact(pg_data_t *pgdat, enum node_stat_item item)
{
	long x = pgdat->vm_stat[item].counter;
	unsigned int cpu;

	if (pgdat->per_cpu_nodestats)
		for (cpu = 0; cpu < pa_nr_online_cpus(); cpu++)
			x += pgdat->per_cpu_nodestats[cpu]->vm_node_stat_diff[item];
	return x;
}

static void lv_list(struct lv *v, pg_data_t *pgdat, enum lru_list lru)
{
	struct list_head *head = &pgdat->__lruvec.lists[lru], *pos;
	unsigned long start = pgdat->node_start_pfn, n = 0;

	for (pos = head->next; pos != head && !v->r.err; pos = pos->next) {
		struct folio *folio = list_entry(pos, struct folio, lru);
		struct page *page = folio_page(folio, 0);
		unsigned long pfn = page_to_pfn(page);

		if (pfn < start || pfn >= start + pgdat->node_spanned_pages) {
			check_fail(&v->r, "node %d list %d: pfn %#lx is not the node's",
				pgdat->node_id, lru, pfn);
			return;
		}
		if (v->seen[pfn - start]++) {
			check_fail(&v->r, "node %d list %d: pfn %#lx met twice", pgdat->node_id, lru, pfn);
			return;
		}
		if (PageTail(page) || !folio_test_lru(folio) || !folio_ref_count(folio))
			check_fail(&v->r, "node %d list %d: pfn %#lx: tail %d, PG_lru %d, refcount %d",
				pgdat->node_id, lru, pfn, PageTail(page),
				folio_test_lru(folio), folio_ref_count(folio));
		else if (folio_lru_list(folio) != lru)
			check_fail(&v->r, "node %d list %d: pfn %#lx belongs on list %d",
				pgdat->node_id, lru, pfn, folio_lru_list(folio));
		v->listed[page_zonenum(page)][lru] += folio_nr_pages(folio);
		if (++n > pgdat->node_spanned_pages)
			check_fail(&v->r, "node %d list %d: a loop", pgdat->node_id, lru);
	}
}

/* Count the PG_lru head pages of the node by their flags. */
static void lv_flags(struct lv *v, pg_data_t *pgdat)
{
	unsigned long pfn, end = pgdat->node_start_pfn + pgdat->node_spanned_pages;

	for (pfn = pgdat->node_start_pfn; pfn < end && !v->r.err; pfn++) {
		struct page *page;
		struct folio *folio;
		enum lru_list lru;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (PageTail(page) || !PageLRU(page))
			continue;
		folio = page_folio(page);
		lru = folio_lru_list(folio);
		v->flagged[page_zonenum(page)][lru] += folio_nr_pages(folio);
		if (lru != LRU_UNEVICTABLE && !v->seen[pfn - pgdat->node_start_pfn])
			check_fail(&v->r, "pfn %#lx has PG_lru but is on no list", pfn);
	}
}

static void lv_node(struct lv *v, pg_data_t *pgdat)
{
	enum lru_list lru;
	int z;

	memset(v->listed, 0, sizeof(v->listed));
	memset(v->flagged, 0, sizeof(v->flagged));
	v->seen = host_alloc(pgdat->node_spanned_pages + 1);
	for (lru = 0; lru < LRU_UNEVICTABLE; lru++)
		lv_list(v, pgdat, lru);
	lv_flags(v, pgdat);
	for (z = 0; z < MAX_NR_ZONES; z++)
		v->listed[z][LRU_UNEVICTABLE] = v->flagged[z][LRU_UNEVICTABLE];
	for (lru = 0; lru < NR_LRU_LISTS && !v->r.err; lru++) {
		unsigned long node_sum = 0;

		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];
			unsigned long c = zone_page_state_snapshot(zone, NR_ZONE_LRU_BASE + lru);

			if (c != v->listed[z][lru])
				check_fail(&v->r, "node %d zone %s list %d: counter %lu, pages listed %lu",
					pgdat->node_id, zone->name ? zone->name : "?",
					lru, c, v->listed[z][lru]);
			node_sum += v->listed[z][lru];
		}
		if (node_state_exact(pgdat, NR_LRU_BASE + lru) != (long)node_sum)
			check_fail(&v->r, "node %d list %d: NR_LRU counter %ld, pages listed %lu",
				pgdat->node_id, lru,
				node_state_exact(pgdat, NR_LRU_BASE + lru), node_sum);
	}
	if (node_state_exact(pgdat, NR_ISOLATED_ANON) ||
	    node_state_exact(pgdat, NR_ISOLATED_FILE))
		check_fail(&v->r, "node %d: isolated anon %ld file %ld between steps",
			pgdat->node_id, node_state_exact(pgdat, NR_ISOLATED_ANON),
			node_state_exact(pgdat, NR_ISOLATED_FILE));
	host_free(v->seen);
}

int lru_validate(char *msg, size_t msglen)
{
	struct lv v = { .r = { .msg = msg, .len = msglen } };
	pg_data_t *pgdat;

	for_each_online_pgdat(pgdat) {
		lv_node(&v, pgdat);
		if (v.r.err)
			break;
	}
	return v.r.err;
}

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
 *     is isolated);
 *   - MGLRU (mm/vmscan_lru_gen.c): with the lruvec's generations on, the
 *     classic lists are empty and each folio on folios[gen][type][zone]
 *     has that type and zone, no PG_active and no PG_unevictable, and a
 *     live generation in its flags (that of the list, or a younger one
 *     the aging promoted it to before sort_folio moves it); the pages of
 *     each generation by the flags equal nr_pages[gen][type][zone]; the
 *     two youngest sequences count as the active lists, the others as
 *     inactive, in the counters above; the
 *     sequences are in their window (MIN_NR_GENS..MAX_NR_GENS, anon at
 *     least as many as file) and every generation outside it is empty.
 *     With them off, every generation list is empty and no folio carries
 *     a generation.
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
		else if (folio_lru_gen(folio) >= 0)
			check_fail(&v->r, "node %d list %d: pfn %#lx carries MGLRU generation %d",
				pgdat->node_id, lru, pfn, folio_lru_gen(folio));
		else if (folio_lru_list(folio) != lru)
			check_fail(&v->r, "node %d list %d: pfn %#lx belongs on list %d",
				pgdat->node_id, lru, pfn, folio_lru_list(folio));
		v->listed[page_zonenum(page)][lru] += folio_nr_pages(folio);
		if (++n > pgdat->node_spanned_pages)
			check_fail(&v->r, "node %d list %d: a loop", pgdat->node_id, lru);
	}
}

/* The list a folio on a generation counts in (the youngest two: active). */
static enum lru_list lv_folio_lru(struct lruvec *lruvec, struct folio *folio)
{
	int gen = folio_lru_gen(folio);
	enum lru_list lru;

	if (gen < 0)
		return folio_lru_list(folio);
	lru = folio_is_file_lru(folio) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
	return lru_gen_is_active(lruvec, gen) ? lru + LRU_ACTIVE : lru;
}

static bool lv_seq_live(struct lru_gen_struct *lrugen, int gen, int type)
{
	unsigned long seq;

	for (seq = lrugen->min_seq[type]; seq <= lrugen->max_seq; seq++)
		if (lru_gen_from_seq(seq) == gen)
			return true;
	return false;
}

/*
 * One generation list.  A folio's generation in its flags may be younger
 * than the list it is on (the aging promoted it; sort_folio moves it when
 * the eviction meets it), so the pages are added up by the flags' gen in
 * @bygen, which must equal nr_pages in the end.
 */
static void lv_gen_list(struct lv *v, pg_data_t *pgdat, int gen, int type, int zid,
			long bygen[MAX_NR_GENS][ANON_AND_FILE][MMSIM_MAX_NR_ZONES])
{
	struct lruvec *lruvec = &pgdat->__lruvec;
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	struct list_head *head = &lrugen->folios[gen][type][zid], *pos;
	unsigned long start = pgdat->node_start_pfn, n = 0;

	for (pos = head->next; pos != head && !v->r.err; pos = pos->next) {
		struct folio *folio = list_entry(pos, struct folio, lru);
		struct page *page = folio_page(folio, 0);
		unsigned long pfn = page_to_pfn(page);
		int fgen = folio_lru_gen(folio);

		if (pfn < start || pfn >= start + pgdat->node_spanned_pages) {
			check_fail(&v->r, "node %d gen %d type %d zone %d: pfn %#lx is not the node's",
				pgdat->node_id, gen, type, zid, pfn);
			return;
		}
		if (v->seen[pfn - start]++) {
			check_fail(&v->r, "node %d gen %d type %d zone %d: pfn %#lx met twice",
				pgdat->node_id, gen, type, zid, pfn);
			return;
		}
		if (PageTail(page) || !folio_test_lru(folio) || !folio_ref_count(folio) ||
		    folio_test_active(folio) || folio_test_unevictable(folio))
			check_fail(&v->r, "node %d gen %d: pfn %#lx: tail %d, PG_lru %d, refcount %d, "
				"PG_active %d, PG_unevictable %d (flags %#lx)", pgdat->node_id, gen,
				pfn, PageTail(page), folio_test_lru(folio), folio_ref_count(folio),
				folio_test_active(folio), folio_test_unevictable(folio), page->flags);
		else if (fgen < 0 || folio_is_file_lru(folio) != type ||
			 page_zonenum(page) != zid || !lv_seq_live(lrugen, fgen, type))
			check_fail(&v->r, "node %d gen %d type %d zone %d: pfn %#lx has gen %d (live: %d) "
				"type %d zone %d", pgdat->node_id, gen, type, zid, pfn, fgen,
				fgen >= 0 && lv_seq_live(lrugen, fgen, type),
				folio_is_file_lru(folio), page_zonenum(page));
		else
			bygen[fgen][type][zid] += (long)folio_nr_pages(folio);
		v->listed[zid][lv_folio_lru(lruvec, folio)] += folio_nr_pages(folio);
		if (++n > pgdat->node_spanned_pages)
			check_fail(&v->r, "node %d gen %d: a loop", pgdat->node_id, gen);
	}
}

/* Every generation list of the node, and the sequence window. */
static void lv_lru_gen(struct lv *v, pg_data_t *pgdat)
{
	struct lruvec *lruvec = &pgdat->__lruvec;
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	long (*bygen)[ANON_AND_FILE][MMSIM_MAX_NR_ZONES];
	int gen, type, zid;
	enum lru_list lru;

	if (lrugen->enabled) {
		for (lru = 0; lru < LRU_UNEVICTABLE; lru++)
			if (!list_empty(&lruvec->lists[lru]))
				check_fail(&v->r, "node %d: MGLRU on but classic list %d is not empty",
					pgdat->node_id, lru);
		if (!lru_gen_seq_is_valid(lruvec))
			check_fail(&v->r, "node %d: generations out of their window: max_seq %lu, "
				"min_seq anon %lu file %lu", pgdat->node_id, lrugen->max_seq,
				lrugen->min_seq[0], lrugen->min_seq[1]);
	}
	bygen = host_alloc(sizeof(long) * MAX_NR_GENS * ANON_AND_FILE * MMSIM_MAX_NR_ZONES);
	for (gen = 0; gen < (int)MAX_NR_GENS; gen++)
		for (type = 0; type < ANON_AND_FILE; type++)
			for (zid = 0; zid < MAX_NR_ZONES && !v->r.err; zid++) {
				if (!lrugen->enabled && !list_empty(&lrugen->folios[gen][type][zid]))
					check_fail(&v->r, "node %d: MGLRU off but gen %d type %d zone %d "
						"is not empty", pgdat->node_id, gen, type, zid);
				lv_gen_list(v, pgdat, gen, type, zid, bygen);
			}
	for (gen = 0; gen < (int)MAX_NR_GENS && !v->r.err; gen++)
		for (type = 0; type < ANON_AND_FILE; type++)
			for (zid = 0; zid < MAX_NR_ZONES; zid++)
				if (lrugen->nr_pages[gen][type][zid] != bygen[gen][type][zid])
					check_fail(&v->r, "node %d gen %d type %d zone %d: nr_pages %ld, "
						"pages of that generation listed %ld", pgdat->node_id,
						gen, type, zid, lrugen->nr_pages[gen][type][zid],
						bygen[gen][type][zid]);
	host_free(bygen);
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
		lru = lv_folio_lru(&pgdat->__lruvec, folio);
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
	lv_lru_gen(v, pgdat);
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

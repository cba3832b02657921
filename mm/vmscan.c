// SPDX-License-Identifier: MIT
/*
 * mm/vmscan.c — page reclaim on one node's LRU lists: isolate folios from
 * the tail of a list, decide for each whether it stays, moves or goes,
 * and free what can be freed.
 *
 * Kernel counterpart: mm/vmscan.c (Linux 6.1, classic LRU, no memcg):
 * folio_isolate_lru, folio_putback_lru, isolate_lru_folios,
 * move_folios_to_lru, folio_check_references, shrink_folio_list,
 * shrink_inactive_list, shrink_active_list, reclaim_pages, shrink_list,
 * inactive_is_low, prepare_scan_count, get_scan_count, shrink_lruvec.
 * The node, zone and kswapd level is mm/vmscan_kswapd.c; with MGLRU on,
 * shrink_lruvec and kswapd_age_node hand over to mm/vmscan_lru_gen.c.
 *
 *   shrink_lruvec: get_scan_count -> nr[lru] (list size >> priority,
 *   split between anon and file by swappiness and the costs; anon only
 *   when there is swap space), then in SWAP_CLUSTER_MAX steps:
 *
 *   active list   --shrink_active_list-->  inactive list (referenced
 *                                          executable file pages rotate)
 *   inactive list --shrink_inactive_list--> shrink_folio_list:
 *        referenced twice / mlocked          -> activate
 *        referenced once (mapped)            -> keep (PG_referenced set)
 *        anon, swap-backed                   -> swap cache, unmap, write
 *        MADV_FREE'd and clean               -> unmap, freed (pglazyfreed)
 *        tmpfs                               -> unmap, shmem_writepage
 *                                               (to swap, or activated)
 *        clean page cache                    -> freed, shadow left
 *
 * Isolation takes a folio off its list with an extra reference and
 * PG_lru cleared; NR_ISOLATED_ANON/FILE count them meanwhile.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/mm_inline.h"
#include "linux/swap.h"
#include "linux/swap_lru.h"
#include "linux/rmap.h"
#include "linux/vmstat.h"
#include "mm/process_internal.h"
#include "mm/vmscan_internal.h"
#include "mm/page_alloc_internal.h"
#include "linux/pagemap.h"
#include "mmsim/lru_state.h"
#include "mmsim/machine.h"
#include "mmsim/sim_cost.h"
#include "linux/kthread.h"

/*
 * 6.1: current->flags & PF_KSWAPD.  kswapd runs outside any task here, so
 * the step notes the node and the simulated CPU it runs on: reclaim is
 * kswapd's when that CPU is this one (another CPU's direct reclaim may
 * run at the same time).
 */
bool current_is_kswapd(void)
{
	struct lru_state *ls = mmsim_lru_state();

	return __atomic_load_n(&ls->kswapd_current, __ATOMIC_RELAXED) &&
	       __atomic_load_n(&ls->kswapd_cpu, __ATOMIC_RELAXED) == smp_processor_id();
}

/* ---- isolation ---- */

/*
 * Take @folio off its LRU list for the caller (migration, MADV_PAGEOUT,
 * mlock): 0 and one more reference, or -EBUSY when it is not on a list
 * (still in a per-CPU batch, or isolated already).
 */
int folio_isolate_lru(struct folio *folio)
{
	struct lruvec *lruvec;

	if (!folio_test_clear_lru(folio))
		return -EBUSY;
	page_ref_inc(folio_page(folio, 0));
	lruvec = folio_lruvec_lock_irq(folio);
	lruvec_del_folio(lruvec, folio);
	unlock_page_lruvec_irq(lruvec);
	return 0;
}

/* Give back an isolated folio: to the LRU, and drop isolation's reference. */
void folio_putback_lru(struct folio *folio)
{
	folio_add_lru(folio);
	put_page(folio_page(folio, 0));
}

/* Take up to @nr_to_scan pages' worth of folios from the tail of @lru. */
static unsigned long isolate_lru_folios(unsigned long nr_to_scan,
					struct lruvec *lruvec,
					struct list_head *dst,
					unsigned long *nr_scanned,
					struct scan_control *sc,
					enum lru_list lru)
{
	struct list_head *src = &lruvec->lists[lru];
	unsigned long nr_taken = 0, scan = 0, total_scan = 0;
	LIST_HEAD(folios_skipped);
	pg_data_t *pgdat = lruvec_pgdat(lruvec);

	spin_lock_irq(&lruvec->lru_lock);
	while (scan < nr_to_scan && !list_empty(src)) {
		struct folio *folio = lru_to_folio(src);
		struct list_head *move_to = src;
		unsigned long nr_pages = folio_nr_pages(folio);
		struct zone *zone = page_zone(folio_page(folio, 0));

		total_scan += nr_pages;
		if (zone_idx(zone) > sc->reclaim_idx) {
			move_to = &folios_skipped;
			goto move;
		}
		scan += nr_pages;
		if (!sc->may_unmap && folio_mapped(folio))
			goto move;
		/* being freed on another CPU: its release takes it off */
		if (!folio_try_get(folio))
			goto move;
		if (!folio_test_clear_lru(folio)) {     /* isolated elsewhere */
			put_page(folio_page(folio, 0));  /* not the last: theirs stays */
			goto move;
		}
		nr_taken += nr_pages;
		update_lru_size(lruvec, lru, zone, -(long)nr_pages);
		move_to = dst;
move:
		list_move(&folio->lru, move_to);
	}
	list_splice_init(&folios_skipped, src);
	spin_unlock_irq(&lruvec->lru_lock);
	(void)pgdat;
	*nr_scanned = total_scan;
	return nr_taken;
}

/*
 * Put the folios of @list back on their lists; a folio whose last
 * reference was isolation's is freed instead.  Pages moved.
 */
unsigned int move_folios_to_lru(struct lruvec *lruvec, struct list_head *list)
{
	unsigned int nr_moved = 0;

	spin_lock_irq(&lruvec->lru_lock);
	while (!list_empty(list)) {
		struct folio *folio = lru_to_folio(list);
		unsigned long nr_pages = folio_nr_pages(folio);

		list_del(&folio->lru);
		if (!folio_evictable(folio)) {
			spin_unlock_irq(&lruvec->lru_lock);
			folio_putback_lru(folio);
			spin_lock_irq(&lruvec->lru_lock);
			continue;
		}
		folio_set_lru(folio);
		/* isolation's reference was the last (6.1's folio_put_testzero) */
		if (page_ref_dec_and_test(folio_page(folio, 0))) {
			__folio_clear_lru_flags(folio);
			spin_unlock_irq(&lruvec->lru_lock);
			set_page_count(folio_page(folio, 0), 1);
			put_page(folio_page(folio, 0));
			spin_lock_irq(&lruvec->lru_lock);
			continue;
		}
		lruvec_add_folio(lruvec, folio);
		nr_moved += (unsigned int)nr_pages;
		if (folio_test_active(folio))
			workingset_age_nonresident(lruvec, nr_pages);
	}
	spin_unlock_irq(&lruvec->lru_lock);
	return nr_moved;
}

/* ---- deciding one folio ---- */

enum folio_references {
	FOLIOREF_RECLAIM,
	FOLIOREF_RECLAIM_CLEAN,
	FOLIOREF_KEEP,
	FOLIOREF_ACTIVATE,
};

static enum folio_references folio_check_references(struct folio *folio,
						    struct scan_control *sc)
{
	unsigned long vm_flags;
	int referenced_ptes = folio_referenced(folio, 1, NULL, &vm_flags);
	bool referenced_folio = folio_test_referenced(folio);

	(void)sc;
	if (referenced_folio)
		folio_clear_referenced(folio);
	if (vm_flags & VM_LOCKED)
		return FOLIOREF_ACTIVATE;
	if (referenced_ptes) {
		/* every mapped folio starts referenced: activate on the second use */
		folio_set_referenced(folio);
		if (referenced_folio || referenced_ptes > 1)
			return FOLIOREF_ACTIVATE;
		if ((vm_flags & VM_EXEC) && folio_is_file_lru(folio))
			return FOLIOREF_ACTIVATE;
		return FOLIOREF_KEEP;
	}
	if (referenced_folio && folio_is_file_lru(folio))
		return FOLIOREF_RECLAIM_CLEAN;
	return FOLIOREF_RECLAIM;
}

/*
 * Drop @folio from its page cache (6.1's __remove_mapping): only when
 * nobody but the cache and isolation holds it.  A tmpfs folio is never
 * dropped this way (its data would be lost: it goes to swap); the swap
 * cache goes through the swap layer.
 */
static bool __remove_mapping(struct folio *folio, bool reclaimed)
{
	if (folio_ref_count(folio) != 2 || folio_test_dirty(folio))
		return false;
	if (folio_test_swapcache(folio))
		return vmscan_remove_swapcache(folio, reclaimed);
	return false;
}

struct shrink_result {
	struct list_head ret;   /* back to the LRU */
	struct list_head free;  /* to the page allocator */
	unsigned int nr_reclaimed;
};

/* The folio is reclaimable in principle: unmap it, write it, drop it. */
static enum folio_references shrink_one_folio(struct folio *folio,
					      struct scan_control *sc,
					      struct reclaim_stat *stat,
					      enum folio_references references,
					      unsigned int *nr_pages)
{
	if (folio_test_anon(folio) && folio_test_swapbacked(folio) &&
	    !folio_test_swapcache(folio)) {
		if (!(sc->gfp_mask & __GFP_IO))
			return FOLIOREF_KEEP;
		if (!vmscan_add_to_swap(folio))
			return FOLIOREF_ACTIVATE;
	}
	if (folio_mapped(folio)) {
		bool was_swapbacked = folio_test_swapbacked(folio);

		try_to_unmap(folio, TTU_BATCH_FLUSH);
		if (folio_mapped(folio)) {
			stat->nr_unmap_fail += *nr_pages;
			if (!was_swapbacked && folio_test_swapbacked(folio))
				stat->nr_lazyfree_fail += *nr_pages;
			return FOLIOREF_ACTIVATE;
		}
	}
	if (folio_test_dirty(folio)) {
		if (references == FOLIOREF_RECLAIM_CLEAN || !sc->may_writepage)
			return FOLIOREF_KEEP;
		switch (vmscan_pageout(folio)) {
		case PAGE_KEEP:
			return FOLIOREF_KEEP;
		case PAGE_ACTIVATE:
			return FOLIOREF_ACTIVATE;
		case PAGE_SUCCESS:
			stat->nr_pageout += *nr_pages;
			if (folio_test_writeback(folio) || folio_test_dirty(folio))
				return FOLIOREF_KEEP;
			break;
		case PAGE_CLEAN:
			break;
		}
	}
	if (folio_test_anon(folio) && !folio_test_swapbacked(folio)) {
		if (folio_ref_count(folio) != 1)      /* folio_ref_freeze(1) */
			return FOLIOREF_KEEP;
		count_vm_events(PGLAZYFREED, (long)*nr_pages);
		return FOLIOREF_RECLAIM;
	}
	/* folio_mapping() of a swap-cache folio is its swap address space in 6.1 */
	if ((!folio_mapping(folio) && !folio_test_swapcache(folio)) ||
	    !__remove_mapping(folio, true))
		return FOLIOREF_KEEP;
	return FOLIOREF_RECLAIM;
}

/* Free a folio reclaim took the last reference of. */
static void free_reclaimed_folio(struct folio *folio)
{
	__folio_clear_lru_flags(folio);
	put_page(folio_page(folio, 0));
}

unsigned int shrink_folio_list(struct list_head *folio_list,
			       struct pglist_data *pgdat, struct scan_control *sc,
			       struct reclaim_stat *stat, bool ignore_references)
{
	LIST_HEAD(ret_folios);
	unsigned int nr_reclaimed = 0, pgactivate;

	memset(stat, 0, sizeof(*stat));
	while (!list_empty(folio_list)) {
		struct folio *folio = lru_to_folio(folio_list);
		enum folio_references references = FOLIOREF_RECLAIM;
		unsigned int nr_pages = (unsigned int)folio_nr_pages(folio);

		list_del(&folio->lru);
		/* the page lock: another CPU's swap-in or reclaim has it */
		if (!folio_trylock(folio))
			goto keep;
		sc->nr_scanned += nr_pages;
		if (!folio_evictable(folio))
			goto activate_locked;
		if (!sc->may_unmap && folio_mapped(folio))
			goto keep_locked;
		/* MGLRU: look-around or the walk promoted it meanwhile */
		if (lru_gen_enabled() && !ignore_references &&
		    folio_mapped(folio) && folio_test_referenced(folio))
			goto keep_locked;
		if (folio_test_dirty(folio) && folio_is_file_lru(folio) &&
		    !folio_test_anon(folio)) {
			stat->nr_dirty += nr_pages;
			stat->nr_unqueued_dirty += nr_pages;
		}
		/*
		 * Still being written (a swap write of an earlier pass): a
		 * folio met again with PG_reclaim while kswapd sees the node
		 * full of writeback counts as immediate; otherwise it is
		 * marked for immediate reclaim.  Both are moved out of the
		 * way (activated); the write's end rotates them to the tail.
		 */
		if (folio_test_writeback(folio)) {
			stat->nr_dirty += nr_pages;
			if (folio_test_reclaim(folio))
				stat->nr_congested += nr_pages;
			if (current_is_kswapd() && folio_test_reclaim(folio) &&
			    (pgdat->flags & (1UL << PGDAT_WRITEBACK))) {
				stat->nr_immediate += nr_pages;
			} else {
				folio_set_reclaim(folio);
				stat->nr_writeback += nr_pages;
			}
			goto activate_locked;
		}
		if (!ignore_references)
			references = folio_check_references(folio, sc);
		if (references == FOLIOREF_ACTIVATE)
			goto activate_locked;
		if (references == FOLIOREF_KEEP) {
			stat->nr_ref_keep += nr_pages;
			goto keep_locked;
		}
		switch (shrink_one_folio(folio, sc, stat, references, &nr_pages)) {
		case FOLIOREF_ACTIVATE:
			goto activate_locked;
		case FOLIOREF_KEEP:
		case FOLIOREF_RECLAIM_CLEAN:
			goto keep_locked;
		case FOLIOREF_RECLAIM:
			break;
		}
		nr_reclaimed += nr_pages;
		folio_unlock(folio);
		free_reclaimed_folio(folio);
		continue;
activate_locked:
		if (!folio_test_mlocked(folio)) {
			folio_set_active(folio);
			stat->nr_activate[folio_is_file_lru(folio)] += nr_pages;
		}
keep_locked:
		folio_unlock(folio);
keep:
		list_add(&folio->lru, &ret_folios);
	}
	pgactivate = stat->nr_activate[0] + stat->nr_activate[1];
	list_splice_init(&ret_folios, folio_list);
	count_vm_events(PGACTIVATE, pgactivate);
	return nr_reclaimed;
}

/* ---- the two list shrinkers ---- */

static unsigned long shrink_inactive_list(unsigned long nr_to_scan,
					  struct lruvec *lruvec,
					  struct scan_control *sc,
					  enum lru_list lru)
{
	LIST_HEAD(folio_list);
	unsigned long nr_scanned, nr_taken;
	unsigned int nr_reclaimed;
	struct reclaim_stat stat;
	bool file = is_file_lru(lru);
	pg_data_t *pgdat = lruvec_pgdat(lruvec);
	bool kswapd = current_is_kswapd();

	/* the writes the disk has finished by now (its interrupts) */
	swap_io_complete_due();
	lru_add_drain();
	nr_taken = isolate_lru_folios(nr_to_scan, lruvec, &folio_list,
				      &nr_scanned, sc, lru);
	sim_charge(nr_scanned * SIM_COST_SCAN_NS);
	__mod_node_page_state(pgdat, NR_ISOLATED_ANON + file, (long)nr_taken);
	count_vm_events(kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT, (long)nr_scanned);
	count_vm_events(PGSCAN_ANON + file, (long)nr_scanned);
	if (!nr_taken)
		return 0;
	nr_reclaimed = shrink_folio_list(&folio_list, pgdat, sc, &stat, false);
	move_folios_to_lru(lruvec, &folio_list);
	__mod_node_page_state(pgdat, NR_ISOLATED_ANON + file, -(long)nr_taken);
	count_vm_events(kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, nr_reclaimed);
	count_vm_events(PGSTEAL_ANON + file, nr_reclaimed);
	lru_note_cost(lruvec, file, stat.nr_pageout);
	sc->nr.dirty += stat.nr_dirty;
	sc->nr.congested += stat.nr_congested;
	sc->nr.unqueued_dirty += stat.nr_unqueued_dirty;
	sc->nr.writeback += stat.nr_writeback;
	sc->nr.immediate += stat.nr_immediate;
	sc->nr.taken += (unsigned int)nr_taken;
	if (file)
		sc->nr.file_taken += (unsigned int)nr_taken;
	return nr_reclaimed;
}

static void shrink_active_list(unsigned long nr_to_scan, struct lruvec *lruvec,
			       struct scan_control *sc, enum lru_list lru)
{
	LIST_HEAD(l_hold);
	LIST_HEAD(l_active);
	LIST_HEAD(l_inactive);
	unsigned long nr_taken, nr_scanned, vm_flags;
	unsigned int nr_deactivate;
	int file = is_file_lru(lru);
	pg_data_t *pgdat = lruvec_pgdat(lruvec);

	lru_add_drain();
	nr_taken = isolate_lru_folios(nr_to_scan, lruvec, &l_hold, &nr_scanned,
				      sc, lru);
	sim_charge(nr_scanned * SIM_COST_SCAN_NS);
	__mod_node_page_state(pgdat, NR_ISOLATED_ANON + file, (long)nr_taken);
	count_vm_events(PGREFILL, (long)nr_scanned);
	while (!list_empty(&l_hold)) {
		struct folio *folio = lru_to_folio(&l_hold);

		list_del(&folio->lru);
		if (!folio_evictable(folio)) {
			folio_putback_lru(folio);
			continue;
		}
		/* referenced executable file pages get another round */
		if (folio_referenced(folio, 0, NULL, &vm_flags) &&
		    (vm_flags & VM_EXEC) && folio_is_file_lru(folio)) {
			list_add(&folio->lru, &l_active);
			continue;
		}
		folio_clear_active(folio);
		folio_set_workingset(folio);
		list_add(&folio->lru, &l_inactive);
	}
	move_folios_to_lru(lruvec, &l_active);
	nr_deactivate = move_folios_to_lru(lruvec, &l_inactive);
	count_vm_events(PGDEACTIVATE, nr_deactivate);
	__mod_node_page_state(pgdat, NR_ISOLATED_ANON + file, -(long)nr_taken);
}

/* ---- MADV_PAGEOUT ---- */

static unsigned int reclaim_folio_list(struct list_head *folio_list,
				       struct pglist_data *pgdat)
{
	struct reclaim_stat dummy_stat;
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = 1,
		.no_demotion = 1,
	};
	unsigned int nr_reclaimed;

	nr_reclaimed = shrink_folio_list(folio_list, pgdat, &sc, &dummy_stat, false);
	while (!list_empty(folio_list)) {
		struct folio *folio = lru_to_folio(folio_list);

		list_del(&folio->lru);
		folio_putback_lru(folio);
	}
	return nr_reclaimed;
}

/*
 * Reclaim the isolated folios of @folio_list (MADV_PAGEOUT): node by node,
 * each made inactive first.  Pages reclaimed; the rest go back.
 */
unsigned long reclaim_pages(struct list_head *folio_list)
{
	unsigned long nr_reclaimed = 0;
	LIST_HEAD(node_folio_list);
	int nid;

	if (list_empty(folio_list))
		return 0;
	nid = page_to_nid(folio_page(lru_to_folio(folio_list), 0));
	do {
		struct folio *folio = lru_to_folio(folio_list);

		if (nid == page_to_nid(folio_page(folio, 0))) {
			folio_clear_active(folio);
			list_move(&folio->lru, &node_folio_list);
			continue;
		}
		nr_reclaimed += reclaim_folio_list(&node_folio_list, NODE_DATA(nid));
		nid = page_to_nid(folio_page(lru_to_folio(folio_list), 0));
	} while (!list_empty(folio_list));
	nr_reclaimed += reclaim_folio_list(&node_folio_list, NODE_DATA(nid));
	return nr_reclaimed;
}

/* ---- how much of each list ---- */

static unsigned long shrink_list(enum lru_list lru, unsigned long nr_to_scan,
				 struct lruvec *lruvec, struct scan_control *sc)
{
	if (is_active_lru(lru)) {
		if (sc->may_deactivate & (1 << is_file_lru(lru)))
			shrink_active_list(nr_to_scan, lruvec, sc, lru);
		else
			sc->skipped_deactivate = 1;
		return 0;
	}
	return shrink_inactive_list(nr_to_scan, lruvec, sc, lru);
}

/* Integer square root (lib/math/int_sqrt.c). */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0, bit = 1UL << (BITS_PER_LONG - 2);

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

/* The inactive list is short: under 1/sqrt(10 * GiB) of the pair. */
static bool inactive_is_low(struct lruvec *lruvec, enum lru_list inactive_lru)
{
	pg_data_t *pgdat = lruvec_pgdat(lruvec);
	unsigned long inactive = node_page_state(pgdat, NR_LRU_BASE + inactive_lru);
	unsigned long active = node_page_state(pgdat, NR_LRU_BASE + inactive_lru +
					       LRU_ACTIVE);
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long inactive_ratio = gb ? int_sqrt(10 * gb) : 1;

	return inactive * inactive_ratio < active;
}

/* Aging anon pages is worth it only with somewhere to put them (swap). */
bool can_age_anon_pages(struct pglist_data *pgdat, struct scan_control *sc)
{
	(void)pgdat;
	(void)sc;
	return vmscan_total_swap_pages() > 0;
}

void prepare_scan_count(pg_data_t *pgdat, struct scan_control *sc)
{
	struct lruvec *lruvec = &pgdat->__lruvec;
	unsigned long file, refaults;

	if (lru_gen_enabled())
		return;
	sc->anon_cost = lruvec->anon_cost;
	sc->file_cost = lruvec->file_cost;
	if (!sc->force_deactivate) {
		refaults = node_page_state(pgdat, WORKINGSET_ACTIVATE_ANON);
		if (refaults != lruvec->refaults[0] ||
		    inactive_is_low(lruvec, LRU_INACTIVE_ANON))
			sc->may_deactivate |= DEACTIVATE_ANON;
		else
			sc->may_deactivate &= ~DEACTIVATE_ANON;
		refaults = node_page_state(pgdat, WORKINGSET_ACTIVATE_FILE);
		if (refaults != lruvec->refaults[1] ||
		    inactive_is_low(lruvec, LRU_INACTIVE_FILE))
			sc->may_deactivate |= DEACTIVATE_FILE;
		else
			sc->may_deactivate &= ~DEACTIVATE_FILE;
	} else {
		sc->may_deactivate = DEACTIVATE_ANON | DEACTIVATE_FILE;
	}
	file = node_page_state(pgdat, NR_INACTIVE_FILE);
	sc->cache_trim_mode = (file >> sc->priority) &&
			      !(sc->may_deactivate & DEACTIVATE_FILE);
	{
		unsigned long total_high_wmark = 0, free, anon;
		int z;

		free = sum_zone_node_page_state(pgdat->node_id, NR_FREE_PAGES);
		file = node_page_state(pgdat, NR_ACTIVE_FILE) +
		       node_page_state(pgdat, NR_INACTIVE_FILE);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			if (zone_managed_pages(zone))
				total_high_wmark += high_wmark_pages(zone);
		}
		anon = node_page_state(pgdat, NR_INACTIVE_ANON);
		sc->file_is_tiny = file + free <= total_high_wmark &&
				   !(sc->may_deactivate & DEACTIVATE_ANON) &&
				   (anon >> sc->priority);
	}
}

/* The pages of @lru in zones up to @zone_idx. */
unsigned long lruvec_lru_size(struct lruvec *lruvec, enum lru_list lru,
			      int zone_idx)
{
	pg_data_t *pgdat = lruvec_pgdat(lruvec);
	unsigned long size = 0;
	int zid;

	for (zid = 0; zid <= zone_idx && zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &pgdat->node_zones[zid];

		if (zone_managed_pages(zone))
			size += zone_page_state(zone, NR_ZONE_LRU_BASE + lru);
	}
	return size;
}

enum scan_balance { SCAN_EQUAL, SCAN_FRACT, SCAN_ANON, SCAN_FILE };

static enum scan_balance scan_balance_of(struct scan_control *sc,
					 int swappiness, u64 *fraction,
					 u64 *denominator)
{
	unsigned long anon_cost, file_cost, total_cost, ap, fp;

	if (!sc->may_swap || vmscan_nr_swap_pages() <= 0)
		return SCAN_FILE;
	if (!sc->priority && swappiness)
		return SCAN_EQUAL;
	if (sc->file_is_tiny)
		return SCAN_ANON;
	if (sc->cache_trim_mode)
		return SCAN_FILE;
	/* costs weighted so that neither side is starved entirely */
	total_cost = sc->anon_cost + sc->file_cost;
	anon_cost = total_cost + sc->anon_cost;
	file_cost = total_cost + sc->file_cost;
	total_cost = anon_cost + file_cost;
	ap = (unsigned long)swappiness * (total_cost + 1) / (anon_cost + 1);
	fp = (unsigned long)(200 - swappiness) * (total_cost + 1) / (file_cost + 1);
	fraction[0] = ap;
	fraction[1] = fp;
	*denominator = ap + fp;
	return SCAN_FRACT;
}

/* How many pages of each list this round scans (nr[lru]). */
static void get_scan_count(struct lruvec *lruvec, struct scan_control *sc,
			   unsigned long *nr)
{
	u64 fraction[ANON_AND_FILE] = { 0, 0 }, denominator = 1;
	enum scan_balance balance;
	enum lru_list lru;

	balance = scan_balance_of(sc, vm_swappiness_get(), fraction, &denominator);
	for_each_evictable_lru(lru) {
		int file = is_file_lru(lru);
		unsigned long scan = lruvec_lru_size(lruvec, lru, sc->reclaim_idx);

		scan >>= sc->priority;
		switch (balance) {
		case SCAN_EQUAL:
			break;
		case SCAN_FRACT:
			scan = denominator ? (unsigned long)(scan * fraction[file] /
							    denominator) : 0;
			break;
		case SCAN_FILE:
		case SCAN_ANON:
			if ((balance == SCAN_FILE) != file)
				scan = 0;
			break;
		}
		nr[lru] = scan;
	}
}

/*
 * One node's lists at sc->priority: scan the targets in clusters of
 * SWAP_CLUSTER_MAX; once enough is reclaimed (outside direct reclaim at
 * the first priority), cut the larger side back in proportion.
 */
/*
 * shrink_lruvec in three parts, so that kswapd can take its passes one
 * SWAP_CLUSTER_MAX round a step (mm/vmscan_kswapd.c) while a direct
 * reclaimer runs them straight through: the scan targets
 * (get_scan_count), one round over the lists (true while some target is
 * left), and the end (the pages reclaimed, the active anon list aged).
 * With MGLRU on, the begin does the whole of lru_gen_shrink_lruvec.
 */
void shrink_lruvec_begin(struct lruvec *lruvec, struct scan_control *sc,
			 struct lruvec_scan *ls)
{
	memset(ls, 0, sizeof(*ls));
	if (lru_gen_enabled()) {
		lru_gen_shrink_lruvec(lruvec, sc);
		ls->lru_gen = true;
		return;
	}
	get_scan_count(lruvec, sc, ls->nr);
	memcpy(ls->targets, ls->nr, sizeof(ls->nr));
	ls->nr_to_reclaim = sc->nr_to_reclaim;
	ls->proportional_reclaim = !current_is_kswapd() && sc->priority == DEF_PRIORITY;
}

static bool lruvec_scan_left(const struct lruvec_scan *ls)
{
	return !ls->lru_gen && (ls->nr[LRU_INACTIVE_ANON] || ls->nr[LRU_ACTIVE_FILE] ||
				ls->nr[LRU_INACTIVE_FILE]);
}

/*
 * One round of shrink_lruvec's loop; false when the loop is over.  Once
 * enough is reclaimed, the list type with less left to scan stops and
 * the other one scans only the share of its target the first one had
 * not reached (the proportional cut of 6.1).
 */
bool shrink_lruvec_batch(struct lruvec *lruvec, struct scan_control *sc,
			 struct lruvec_scan *ls)
{
	unsigned long *nr = ls->nr, *targets = ls->targets;
	unsigned long nr_anon, nr_file, percentage, nr_scanned;
	enum lru_list lru;

	if (!lruvec_scan_left(ls))
		return false;
	for_each_evictable_lru(lru) {
		if (nr[lru]) {
			unsigned long n = min(nr[lru], SWAP_CLUSTER_MAX);

			nr[lru] -= n;
			ls->nr_reclaimed += shrink_list(lru, n, lruvec, sc);
		}
	}
	if (ls->nr_reclaimed < ls->nr_to_reclaim || ls->proportional_reclaim)
		return lruvec_scan_left(ls);
	nr_file = nr[LRU_INACTIVE_FILE] + nr[LRU_ACTIVE_FILE];
	nr_anon = nr[LRU_INACTIVE_ANON] + nr[LRU_ACTIVE_ANON];
	if (!nr_file || !nr_anon)
		return false;
	if (nr_file > nr_anon) {
		lru = LRU_BASE;
		percentage = nr_anon * 100 /
			     (targets[LRU_INACTIVE_ANON] + targets[LRU_ACTIVE_ANON] + 1);
	} else {
		lru = LRU_FILE;
		percentage = nr_file * 100 /
			     (targets[LRU_INACTIVE_FILE] + targets[LRU_ACTIVE_FILE] + 1);
	}
	nr[lru] = 0;
	nr[lru + LRU_ACTIVE] = 0;
	lru = (lru == LRU_FILE) ? LRU_BASE : LRU_FILE;
	nr_scanned = targets[lru] - nr[lru];
	nr[lru] = targets[lru] * (100 - percentage) / 100;
	nr[lru] -= min(nr[lru], nr_scanned);
	lru += LRU_ACTIVE;
	nr_scanned = targets[lru] - nr[lru];
	nr[lru] = targets[lru] * (100 - percentage) / 100;
	nr[lru] -= min(nr[lru], nr_scanned);
	return lruvec_scan_left(ls);
}

void shrink_lruvec_end(struct lruvec *lruvec, struct scan_control *sc,
		       struct lruvec_scan *ls)
{
	if (ls->lru_gen)
		return;
	sc->nr_reclaimed += ls->nr_reclaimed;
	if (can_age_anon_pages(lruvec_pgdat(lruvec), sc) &&
	    inactive_is_low(lruvec, LRU_INACTIVE_ANON))
		shrink_active_list(SWAP_CLUSTER_MAX, lruvec, sc, LRU_ACTIVE_ANON);
}

void shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc)
{
	struct lruvec_scan ls;

	shrink_lruvec_begin(lruvec, sc, &ls);
	while (shrink_lruvec_batch(lruvec, sc, &ls)) {
		/*
		 * cond_resched_tasks_rcu_qs: a task's direct reclaim lets
		 * kswapd, on its own CPU, run up to the task's clock between
		 * two rounds (a no-op inside kswapd itself).
		 */
		sim_task_point(false);
	}
	shrink_lruvec_end(lruvec, sc, &ls);
}

/* kswapd ages the anon lists ahead of need while the inactive one is short. */
void kswapd_age_node(pg_data_t *pgdat, struct scan_control *sc)
{
	struct lruvec *lruvec = &pgdat->__lruvec;

	if (lru_gen_enabled()) {
		lru_gen_age_node(pgdat, sc);
		return;
	}
	if (!can_age_anon_pages(pgdat, sc))
		return;
	if (!inactive_is_low(lruvec, LRU_INACTIVE_ANON))
		return;
	shrink_active_list(SWAP_CLUSTER_MAX, lruvec, sc, LRU_ACTIVE_ANON);
}

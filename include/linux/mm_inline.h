/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mm_inline.h — which LRU list a folio belongs on, and
 * putting it on or taking it off that list with the counters.
 *
 * Kernel counterpart: include/linux/mm_inline.h (Linux 6.1, classic LRU,
 * no memcg): folio_is_file_lru, folio_lru_list, update_lru_size,
 * lruvec_add_folio, lruvec_add_folio_tail, lruvec_del_folio,
 * folio_lru_refs-free.  The multi-generational LRU's helpers are
 * linux/mm_inline_lru_gen.h: lruvec_add_folio, lruvec_add_folio_tail and
 * lruvec_del_folio go to the generations first when they are on.
 *
 *   anon, swap-backed      -> LRU_INACTIVE_ANON (+ LRU_ACTIVE if PG_active)
 *   page cache, tmpfs?     tmpfs pages are swap-backed: anon lists
 *   MADV_FREE'd anon       not swap-backed any more: the file lists
 *   PG_unevictable         -> LRU_UNEVICTABLE (counted, not linked)
 *
 * Every add/del moves NR_LRU_BASE + lru of the node and NR_ZONE_LRU_BASE +
 * lru of the folio's zone by the folio's pages (update_lru_size).  The
 * caller holds lruvec->lru_lock (folio_lruvec_lock_irq and friends).
 */
#ifndef _MMSIM_LINUX_MM_INLINE_H
#define _MMSIM_LINUX_MM_INLINE_H

#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/vmstat.h"

/* File LRU: page cache that is not swap-backed (and MADV_FREE'd anon). */
static inline bool folio_is_file_lru(struct folio *folio)
{
	return !folio_test_swapbacked(folio);
}

static inline bool page_is_file_lru(struct page *page)
{
	return folio_is_file_lru(page_folio(page));
}

/* Evictable unless mlocked (6.1 also: a mapping marked unevictable, SHM_LOCK). */
static inline bool folio_evictable(struct folio *folio)
{
	return !folio_test_mlocked(folio);
}

/* The list @folio goes on, from its flags (PG_active and PG_unevictable excluded). */
static inline enum lru_list folio_lru_list(struct folio *folio)
{
	enum lru_list lru;

	if (folio_test_unevictable(folio))
		return LRU_UNEVICTABLE;
	lru = folio_is_file_lru(folio) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
	if (folio_test_active(folio))
		lru += LRU_ACTIVE;
	return lru;
}

/* PG_active and PG_unevictable both clear: the folio leaves the LRU. */
static inline void __folio_clear_lru_flags(struct folio *folio)
{
	folio_clear_lru(folio);
	if (folio_test_active(folio))
		folio_clear_active(folio);
	if (folio_test_unevictable(folio))
		folio_clear_unevictable(folio);
}

static inline struct lruvec *folio_lruvec(struct folio *folio)
{
	return &page_pgdat(folio_page(folio, 0))->__lruvec;
}

/* The folio's lruvec, its lru_lock taken (6.1: folio_lruvec_lock_irq). */
static inline struct lruvec *folio_lruvec_lock_irq(struct folio *folio)
{
	struct lruvec *lruvec = folio_lruvec(folio);

	spin_lock_irq(&lruvec->lru_lock);
	return lruvec;
}

static inline void unlock_page_lruvec_irq(struct lruvec *lruvec)
{
	spin_unlock_irq(&lruvec->lru_lock);
}

/* Keep @locked's lock when @folio is on the same lruvec, else switch locks. */
static inline struct lruvec *folio_lruvec_relock_irq(struct folio *folio,
						     struct lruvec *locked)
{
	if (locked == folio_lruvec(folio))
		return locked;
	if (locked)
		unlock_page_lruvec_irq(locked);
	return folio_lruvec_lock_irq(folio);
}

static inline struct pglist_data *lruvec_pgdat(struct lruvec *lruvec)
{
	return lruvec->pgdat;
}

static inline void update_lru_size(struct lruvec *lruvec, enum lru_list lru,
				   struct zone *zone, long nr_pages)
{
	__mod_node_page_state(lruvec_pgdat(lruvec), NR_LRU_BASE + lru, nr_pages);
	__mod_zone_page_state(zone, NR_ZONE_LRU_BASE + lru, nr_pages);
}

#include "linux/mm_inline_lru_gen.h"

static inline void lruvec_add_folio(struct lruvec *lruvec, struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	if (lru_gen_add_folio(lruvec, folio, false))
		return;

	update_lru_size(lruvec, lru, page_zone(folio_page(folio, 0)),
			(long)folio_nr_pages(folio));
	if (lru != LRU_UNEVICTABLE)
		list_add(&folio->lru, &lruvec->lists[lru]);
}

static inline void lruvec_add_folio_tail(struct lruvec *lruvec,
					 struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	if (lru_gen_add_folio(lruvec, folio, true))
		return;

	update_lru_size(lruvec, lru, page_zone(folio_page(folio, 0)),
			(long)folio_nr_pages(folio));
	list_add_tail(&folio->lru, &lruvec->lists[lru]);
}

static inline void lruvec_del_folio(struct lruvec *lruvec, struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	if (lru_gen_del_folio(lruvec, folio, false))
		return;

	if (lru != LRU_UNEVICTABLE)
		list_del(&folio->lru);
	update_lru_size(lruvec, lru, page_zone(folio_page(folio, 0)),
			-(long)folio_nr_pages(folio));
}

#define lru_to_folio(head) (list_entry((head)->prev, struct folio, lru))

#endif /* _MMSIM_LINUX_MM_INLINE_H */

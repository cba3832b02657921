/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mm_inline_lru_gen.h — the multi-generational LRU's half
 * of include/linux/mm_inline.h: which generation and tier a folio is in,
 * and putting it on or taking it off a generation with the counters.
 *
 * Kernel counterpart: the CONFIG_LRU_GEN part of include/linux/mm_inline.h
 * (Linux 6.1): lru_gen_enabled, lru_gen_in_fault, lru_gen_from_seq,
 * lru_hist_from_seq, lru_tier_from_refs, folio_lru_refs, folio_lru_gen,
 * lru_gen_is_active, lru_gen_update_size, lru_gen_add_folio,
 * lru_gen_del_folio.  Included by linux/mm_inline.h, whose
 * lruvec_add_folio / lruvec_add_folio_tail / lruvec_del_folio try these
 * first, as 6.1's do: when the lruvec's generations are on, a folio goes
 * to a generation instead of a classic list.
 *
 * Where lru_gen_add_folio puts a folio (sequence, then gen = seq % 4):
 *   PG_active (just faulted in, or promoted)          max_seq
 *   anon not in the swap cache, or being written back max_seq - 1
 *   reclaiming (rotated), or only MIN_NR_GENS exist   min_seq[type]
 *   anything else                                     min_seq[type] + 1
 * PG_active is never set while a folio is on a generation: it is the
 * generation that says how hot the folio is.  The two youngest
 * generations count in NR_ACTIVE_ANON/FILE, the others in NR_INACTIVE_*.
 */
#ifndef _MMSIM_LINUX_MM_INLINE_LRU_GEN_H
#define _MMSIM_LINUX_MM_INLINE_LRU_GEN_H

/* mm/vmscan_lru_gen.c: bit LRU_GEN_CORE of /sys/kernel/mm/lru_gen/enabled */
bool lru_gen_enabled(void);
/* The current task is in a page fault of a VMA without SEQ/RAND_READ hints. */
bool lru_gen_in_fault(void);

static inline int lru_gen_from_seq(unsigned long seq)
{
	return (int)(seq % MAX_NR_GENS);
}

static inline int lru_hist_from_seq(unsigned long seq)
{
	return (int)(seq % NR_HIST_GENS);
}

/* Tier of a folio with @refs extra accesses: 0, 1, 2-3, 4 -> 0, 1, 2, 2... */
static inline int lru_tier_from_refs(int refs)
{
	int tier = 0;

	while ((1 << tier) < refs + 1)
		tier++;
	return tier;
}

/*
 * Accesses through file descriptors beyond the first: the LRU_REFS count
 * plus PG_workingset (which folio_inc_refs sets on the second access).
 */
static inline int folio_lru_refs(struct folio *folio)
{
	unsigned long flags = __atomic_load_n(&folio->page.flags, __ATOMIC_RELAXED);

	return (int)((flags & LRU_REFS_MASK) >> LRU_REFS_PGOFF) +
	       !!(flags & (1UL << PG_workingset));
}

/* The generation (0..MAX_NR_GENS-1) @folio is on, -1 when on none. */
static inline int folio_lru_gen(struct folio *folio)
{
	/* READ_ONCE: other CPUs set other bits of the word meanwhile */
	return (int)((__atomic_load_n(&folio->page.flags, __ATOMIC_RELAXED) &
		      LRU_GEN_MASK) >> LRU_GEN_PGOFF) - 1;
}

static inline bool lru_gen_is_active(struct lruvec *lruvec, int gen)
{
	unsigned long max_seq = lruvec->lrugen.max_seq;

	return gen == lru_gen_from_seq(max_seq) || gen == lru_gen_from_seq(max_seq - 1);
}

/*
 * Replace the bits of @mask in @folio's flags by @bits; the old flags.
 * One atomic step, as 6.1's set_mask_bits (a compare-and-exchange loop):
 * other bits of the word change on other CPUs at the same time.
 */
static inline unsigned long folio_set_mask_bits(struct folio *folio,
						unsigned long mask,
						unsigned long bits)
{
	unsigned long old = __atomic_load_n(&folio->page.flags, __ATOMIC_RELAXED);

	while (!__atomic_compare_exchange_n(&folio->page.flags, &old, (old & ~mask) | bits,
					    false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
	return old;
}

static inline void lru_gen_update_lru_size(struct lruvec *lruvec,
					   enum lru_list lru, int zid, long nr)
{
	struct pglist_data *pgdat = lruvec->pgdat;

	__mod_node_page_state(pgdat, NR_LRU_BASE + lru, nr);
	__mod_zone_page_state(&pgdat->node_zones[zid], NR_ZONE_LRU_BASE + lru, nr);
}

/*
 * @folio moves from generation @old_gen to @new_gen (-1: off, or onto,
 * the generations): nr_pages and the classic counters follow.
 */
static inline void lru_gen_update_size(struct lruvec *lruvec,
				       struct folio *folio, int old_gen,
				       int new_gen)
{
	int type = !folio_test_swapbacked(folio);   /* folio_is_file_lru */
	int zid = page_zonenum(&folio->page);
	long delta = (long)folio_nr_pages(folio);
	enum lru_list lru = type ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
	struct lru_gen_struct *lrugen = &lruvec->lrugen;

	if (old_gen >= 0)
		lrugen->nr_pages[old_gen][type][zid] -= delta;
	if (new_gen >= 0)
		lrugen->nr_pages[new_gen][type][zid] += delta;
	if (old_gen < 0) {
		if (lru_gen_is_active(lruvec, new_gen))
			lru += LRU_ACTIVE;
		lru_gen_update_lru_size(lruvec, lru, zid, delta);
		return;
	}
	if (new_gen < 0) {
		if (lru_gen_is_active(lruvec, old_gen))
			lru += LRU_ACTIVE;
		lru_gen_update_lru_size(lruvec, lru, zid, -delta);
		return;
	}
	/* a promotion; a demotion takes isolation (never in place) */
	if (!lru_gen_is_active(lruvec, old_gen) && lru_gen_is_active(lruvec, new_gen)) {
		lru_gen_update_lru_size(lruvec, lru, zid, -delta);
		lru_gen_update_lru_size(lruvec, lru + LRU_ACTIVE, zid, delta);
	}
}

/*
 * Put @folio on a generation (see the table above); false when the
 * generations are off or the folio is unevictable (then the caller puts
 * it on a classic list).  @reclaiming: rotated by reclaim, to the tail.
 */
static inline bool lru_gen_add_folio(struct lruvec *lruvec, struct folio *folio,
				     bool reclaiming)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int type = !folio_test_swapbacked(folio);
	int zid, gen;
	unsigned long seq;

	if (folio_test_unevictable(folio) || !lrugen->enabled)
		return false;
	if (folio_test_active(folio))
		seq = lrugen->max_seq;
	else if ((type == LRU_GEN_ANON && !folio_test_swapcache(folio)) ||
		 (folio_test_reclaim(folio) &&
		  (folio_test_dirty(folio) || folio_test_writeback(folio))))
		seq = lrugen->max_seq - 1;
	else if (reclaiming || lrugen->min_seq[type] + MIN_NR_GENS >= lrugen->max_seq)
		seq = lrugen->min_seq[type];
	else
		seq = lrugen->min_seq[type] + 1;
	gen = lru_gen_from_seq(seq);
	folio_set_mask_bits(folio, LRU_GEN_MASK | (1UL << PG_active),
			    (gen + 1UL) << LRU_GEN_PGOFF);
	lru_gen_update_size(lruvec, folio, -1, gen);
	zid = page_zonenum(&folio->page);
	if (reclaiming)
		list_add_tail(&folio->lru, &lrugen->folios[gen][type][zid]);
	else
		list_add(&folio->lru, &lrugen->folios[gen][type][zid]);
	return true;
}

/*
 * Take @folio off its generation; false when it is on none.  Outside
 * reclaim a folio of an active generation leaves with PG_active, so that
 * a classic list or migration sees it as active.
 */
static inline bool lru_gen_del_folio(struct lruvec *lruvec, struct folio *folio,
				     bool reclaiming)
{
	int gen = folio_lru_gen(folio);
	unsigned long flags;

	if (gen < 0)
		return false;
	flags = !reclaiming && lru_gen_is_active(lruvec, gen) ? 1UL << PG_active : 0;
	folio_set_mask_bits(folio, LRU_GEN_MASK, flags);
	lru_gen_update_size(lruvec, folio, gen, -1);
	list_del(&folio->lru);
	return true;
}

#endif /* _MMSIM_LINUX_MM_INLINE_LRU_GEN_H */

// SPDX-License-Identifier: MIT
/*
 * mm/vmscan_lru_gen.c — the multi-generational LRU (MGLRU): folios sorted
 * into generations by when they were last seen used, aged by walking page
 * tables, evicted from the oldest generation, with a feedback loop on
 * refaults deciding between anon and file and which tiers to protect.
 *
 * Kernel counterpart: the CONFIG_LRU_GEN part of mm/vmscan.c (Linux 6.1,
 * no memcg): get_swappiness, get_nr_gens, seq_is_valid, the PID
 * controller (read_ctrl_pos, reset_ctrl_pos, positive_ctrl_err), the
 * aging (folio_update_gen, folio_inc_gen, walk_mm, inc_min_seq,
 * try_to_inc_min_seq, inc_max_seq, try_to_inc_max_seq, should_run_aging,
 * age_lruvec, lru_gen_age_node, lru_gen_look_around), the eviction
 * (sort_folio, isolate_folio, scan_folios, get_tier_idx,
 * get_type_to_scan, isolate_folios, evict_folios, get_nr_to_scan,
 * should_abort_scan, lru_gen_shrink_lruvec), the state change
 * (fill_evictable, drain_evictable, lru_gen_change_state), the sysfs
 * files (/sys/kernel/mm/lru_gen/enabled and min_ttl_ms) and
 * lru_gen_init_lruvec.  Debian's 6.1 builds MGLRU (CONFIG_LRU_GEN=y) and
 * leaves it off (CONFIG_LRU_GEN_ENABLED unset): enabled reads 0x0000 until
 * `y` is written, then 0x0007 (core, mm walk, non-leaf PMD young on x86).
 *
 *      fault ---> max_seq (youngest) ... min_seq (oldest) ---> evict
 *                    ^                        |   sort_folio:
 *                    |  walk_mm/look_around   |   promoted -> its gen
 *                    +-- young PTE -----------+   tier protected -> +1
 *                                                 else isolate, shrink
 *
 * Simplified against 6.1 (README "Memory pressure" says so too):
 *   - walk_mm visits every process's page tables when an aging runs, not
 *     only the mm_structs that ran since the last walk (6.1's per-mm
 *     bitmap), and every PTE table rather than those its Bloom filter
 *     picked; PMD-mapped THPs are not aged by the walk (their PMD's
 *     accessed bit is seen by folio_referenced at eviction instead);
 *   - no memcg: one lruvec per node, mm_state.seq follows max_seq;
 *   - the aging is never deferred to another reclaimer (no waitqueue:
 *     one simulated CPU runs kernel code at a time).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/mm_inline.h"
#include "linux/swap_lru.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/timer.h"
#include "linux/vmstat.h"
#include "linux/oom.h"
#include "linux/fs.h"
#include "linux/swap.h"
#include "mm/process_internal.h"
#include "mm/vmscan_internal.h"
#include "mm/page_alloc_internal.h"
#include "mmsim/lru_state.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"
#include "mmsim/sim_cost.h"
#include "linux/kthread.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#define LRU_REFS_FLAGS ((1UL << PG_referenced) | (1UL << PG_workingset))

#define for_each_gen_type_zone(gen, type, zone)                          \
	for ((gen) = 0; (gen) < (int)MAX_NR_GENS; (gen)++)                   \
		for ((type) = 0; (type) < ANON_AND_FILE; (type)++)           \
			for ((zone) = 0; (zone) < MAX_NR_ZONES; (zone)++)

static unsigned int lru_gen_caps_get(void)
{
	return mmsim_lru_state()->lru_gen_caps;
}

static bool get_cap(int cap)
{
	return lru_gen_caps_get() & (1U << cap);
}

/* x86 sets accessed bits in hardware, leaf and non-leaf; 32-bit ARM does not */
static bool arch_has_hw_pte_young(void)
{
	return current_machine->desc.arch == MMSIM_ARCH_X86_64;
}

static bool arch_has_hw_nonleaf_pmd_young(void)
{
	return current_machine->desc.arch == MMSIM_ARCH_X86_64;
}

bool lru_gen_enabled(void)
{
	return get_cap(LRU_GEN_CORE);
}

bool lru_gen_in_fault(void)
{
	struct task_struct *t = current;

	return t && t->in_lru_fault;
}

void lru_gen_init_lruvec(struct lruvec *lruvec)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int gen, type, zone;
	unsigned int i;

	lrugen->max_seq = MIN_NR_GENS + 1;
	lrugen->enabled = current_machine ? lru_gen_enabled() : false;
	for (i = 0; i <= MIN_NR_GENS + 1; i++)
		lrugen->timestamps[i] = current_machine ? jiffies : 0;
	for (gen = 0; gen < (int)MAX_NR_GENS; gen++)
		for (type = 0; type < ANON_AND_FILE; type++)
			for (zone = 0; zone < MMSIM_MAX_NR_ZONES; zone++)
				INIT_LIST_HEAD(&lrugen->folios[gen][type][zone]);
}

/* ---- shorthand helpers ---- */

static int get_swappiness(struct lruvec *lruvec, struct scan_control *sc)
{
	(void)lruvec;
	(void)sc;
	/* can_demote() is false: no tiered memory */
	if (vmscan_nr_swap_pages() < (long)MIN_LRU_BATCH)
		return 0;
	return vm_swappiness_get();
}

static int get_nr_gens(struct lruvec *lruvec, int type)
{
	return (int)(lruvec->lrugen.max_seq - lruvec->lrugen.min_seq[type] + 1);
}

static bool seq_is_valid(struct lruvec *lruvec)
{
	return get_nr_gens(lruvec, LRU_GEN_FILE) >= (int)MIN_NR_GENS &&
	       get_nr_gens(lruvec, LRU_GEN_FILE) <= get_nr_gens(lruvec, LRU_GEN_ANON) &&
	       get_nr_gens(lruvec, LRU_GEN_ANON) <= (int)MAX_NR_GENS;
}

static int folio_zonenum(struct folio *folio)
{
	return page_zonenum(folio_page(folio, 0));
}

/* ---- the refault feedback loop (a PI controller) ---- */

/*
 * The P term: refaulted / (evicted + protected) of a tier in the
 * generation being evicted; the I term: the moving average (factor 1/2)
 * over the generations evicted before.  The setpoint is the first tier
 * of one type; the process variable another tier, or the other type.
 */
struct ctrl_pos {
	unsigned long refaulted;
	unsigned long total;
	int gain;
};

static void read_ctrl_pos(struct lruvec *lruvec, int type, int tier, int gain,
			  struct ctrl_pos *pos)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int hist = lru_hist_from_seq(lrugen->min_seq[type]);

	pos->refaulted = lrugen->avg_refaulted[type][tier] +
			 (unsigned long)lrugen->refaulted[hist][type][tier].counter;
	pos->total = lrugen->avg_total[type][tier] +
		     (unsigned long)lrugen->evicted[hist][type][tier].counter;
	if (tier)
		pos->total += lrugen->protected[hist][type][tier - 1];
	pos->gain = gain;
}

/* @carryover: fold the oldest generation into the averages (min_seq moves). */
static void reset_ctrl_pos(struct lruvec *lruvec, int type, bool carryover)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	bool clear = carryover ? NR_HIST_GENS == 1 : NR_HIST_GENS > 1;
	unsigned long seq = carryover ? lrugen->min_seq[type] : lrugen->max_seq + 1;
	int hist, tier;

	if (!carryover && !clear)
		return;
	hist = lru_hist_from_seq(seq);
	for (tier = 0; tier < (int)MAX_NR_TIERS; tier++) {
		if (carryover) {
			unsigned long sum;

			sum = lrugen->avg_refaulted[type][tier] +
			      (unsigned long)lrugen->refaulted[hist][type][tier].counter;
			lrugen->avg_refaulted[type][tier] = sum / 2;
			sum = lrugen->avg_total[type][tier] +
			      (unsigned long)lrugen->evicted[hist][type][tier].counter;
			if (tier)
				sum += lrugen->protected[hist][type][tier - 1];
			lrugen->avg_total[type][tier] = sum / 2;
		}
		if (clear) {
			lrugen->refaulted[hist][type][tier].counter = 0;
			lrugen->evicted[hist][type][tier].counter = 0;
			if (tier)
				lrugen->protected[hist][type][tier - 1] = 0;
		}
	}
}

/* The PV refaults little, or less in proportion than the SP (gains applied). */
static bool positive_ctrl_err(struct ctrl_pos *sp, struct ctrl_pos *pv)
{
	return pv->refaulted < MIN_LRU_BATCH ||
	       pv->refaulted * (sp->total + MIN_LRU_BATCH) * (unsigned long)sp->gain <=
	       (sp->refaulted + 1) * pv->total * (unsigned long)pv->gain;
}

/* ---- the aging ---- */

/*
 * A young PTE maps @folio: move it to generation @gen (its list moves
 * later, when sort_folio meets it).  The old generation, or -1 when the
 * folio is isolated (then PG_referenced tells shrink_folio_list).
 */
static int folio_update_gen(struct folio *folio, int gen)
{
	unsigned long old = folio->page.flags;

	if (!(old & LRU_GEN_MASK)) {
		folio->page.flags = old | (1UL << PG_referenced);
		return -1;
	}
	folio_set_mask_bits(folio, LRU_GEN_MASK | LRU_REFS_MASK | LRU_REFS_FLAGS,
			    (gen + 1UL) << LRU_GEN_PGOFF);
	return (int)((old & LRU_GEN_MASK) >> LRU_GEN_PGOFF) - 1;
}

/* One generation younger than the oldest, unless already promoted further. */
static int folio_inc_gen(struct lruvec *lruvec, struct folio *folio, bool reclaiming)
{
	int type = folio_is_file_lru(folio);
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int new_gen, old_gen = lru_gen_from_seq(lrugen->min_seq[type]);
	unsigned long bits;

	new_gen = folio_lru_gen(folio);
	if (new_gen >= 0 && new_gen != old_gen)
		return new_gen;
	new_gen = (old_gen + 1) % (int)MAX_NR_GENS;
	bits = (new_gen + 1UL) << LRU_GEN_PGOFF;
	if (reclaiming)         /* for folio_end_writeback() */
		bits |= 1UL << PG_reclaim;
	folio_set_mask_bits(folio, LRU_GEN_MASK | LRU_REFS_MASK | LRU_REFS_FLAGS, bits);
	lru_gen_update_size(lruvec, folio, old_gen, new_gen);
	return new_gen;
}

/* What one walk_mm round found (6.1's struct lru_gen_mm_walk). */
struct lru_gen_mm_walk {
	struct lruvec *lruvec;
	unsigned long max_seq;
	bool can_swap;
	bool force_scan;
	struct vm_area_struct *vma;
	long nr_pages[MAX_NR_GENS][ANON_AND_FILE][MMSIM_MAX_NR_ZONES];
	int batched;
};

static void update_batch_size(struct lru_gen_mm_walk *walk, struct folio *folio,
			      int old_gen, int new_gen)
{
	int type = folio_is_file_lru(folio);
	int zone = folio_zonenum(folio);
	long delta = (long)folio_nr_pages(folio);

	walk->batched++;
	walk->nr_pages[old_gen][type][zone] -= delta;
	walk->nr_pages[new_gen][type][zone] += delta;
}

/* Apply the walk's batched generation moves to the counters. */
static void reset_batch_size(struct lruvec *lruvec, struct lru_gen_mm_walk *walk)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int gen, type, zone;

	walk->batched = 0;
	for_each_gen_type_zone(gen, type, zone) {
		enum lru_list lru = type ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
		long delta = walk->nr_pages[gen][type][zone];

		if (!delta)
			continue;
		walk->nr_pages[gen][type][zone] = 0;
		lrugen->nr_pages[gen][type][zone] += delta;
		if (lru_gen_is_active(lruvec, gen))
			lru += LRU_ACTIVE;
		lru_gen_update_lru_size(lruvec, lru, zone, delta);
	}
}

/* The folio a PTE maps, if the aging of this lruvec may move it. */
static struct folio *get_pte_folio(pte_t pte, struct lruvec *lruvec, bool can_swap)
{
	unsigned long pfn;
	struct page *page;
	struct folio *folio;

	if (!pte_present(pte))
		return NULL;
	pfn = pte_pfn(pte);
	if (is_zero_pfn(pfn) || !pfn_valid(pfn))
		return NULL;
	page = pfn_to_page(pfn);
	if (PageReserved(page) || PageSlab(page))
		return NULL;
	folio = page_folio(page);
	if (page_to_nid(folio_page(folio, 0)) != lruvec->pgdat->node_id)
		return NULL;
	if (!folio_is_file_lru(folio) && !can_swap)
		return NULL;
	return folio;
}

/* VMAs walk_mm leaves alone (6.1's should_skip_vma). */
static bool should_skip_vma(struct vm_area_struct *vma, struct lru_gen_mm_walk *walk)
{
	if (vma->vm_flags & (VM_LOCKED | VM_SPECIAL | VM_SEQ_READ | VM_RAND_READ |
			     VM_HUGETLB))
		return true;
	if (vma_is_anonymous(vma))
		return !walk->can_swap;
	if (!vma->vm_file || !vma->vm_file->f_mapping)
		return true;
	/* mmsim's files are tmpfs (shmem_mapping): swap-backed */
	return !walk->can_swap;
}

static void walk_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct lru_gen_mm_walk *walk = arg;
	struct folio *folio;
	int old_gen, new_gen = lru_gen_from_seq(walk->max_seq);

	pte_t entry = ptep_get(pte);

	if (!pte_young(entry))
		return;
	folio = get_pte_folio(entry, walk->lruvec, walk->can_swap);
	if (!folio)
		return;
	/* ptep_test_and_clear_young */
	set_pte_at(walk->vma->vm_mm, addr, pte, pte_mkold(entry));
	if (pte_dirty(entry) && !folio_test_dirty(folio) &&
	    !(folio_test_anon(folio) && folio_test_swapbacked(folio) &&
	      !folio_test_swapcache(folio)))
		folio_set_dirty(folio);
	old_gen = folio_update_gen(folio, new_gen);
	if (old_gen >= 0 && old_gen != new_gen)
		update_batch_size(walk, folio, old_gen, new_gen);
}

/* Every young PTE of @mm's eligible VMAs: clear it, promote its folio. */
static void walk_mm(struct lruvec *lruvec, struct mm_struct *mm,
		    struct lru_gen_mm_walk *walk)
{
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	for_each_vma(vmi, vma) {
		if (should_skip_vma(vma, walk))
			continue;
		walk->vma = vma;
		mmsim_walk_ptes(mm, vma->vm_start, vma->vm_end, walk_pte, walk);
	}
	if (walk->batched)
		reset_batch_size(lruvec, walk);
}

/* Each live mm_struct once, with RSS enough to be worth it (should_skip_mm). */
static void walk_every_mm(struct lruvec *lruvec, struct lru_gen_mm_walk *walk)
{
	struct task_struct *t;

	list_for_each_entry(t, mmsim_task_list(), tasks) {
		unsigned long size;

		if (!t->mm || (t->flags & PF_KTHREAD) || mmsim_mm_seen_before(t))
			continue;
		size = get_mm_counter(t->mm, MM_ANONPAGES) * walk->can_swap +
		       get_mm_counter(t->mm, MM_FILEPAGES) +
		       get_mm_counter(t->mm, MM_SHMEMPAGES) * walk->can_swap;
		if (size < MIN_LRU_BATCH)
			continue;
		walk_mm(lruvec, t->mm, walk);
	}
}

/* The oldest generation of @type goes: its folios move one younger. */
static bool inc_min_seq(struct lruvec *lruvec, int type, bool can_swap)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int new_gen, old_gen = lru_gen_from_seq(lrugen->min_seq[type]);
	int zone, remaining = MAX_LRU_BATCH;

	if (type == LRU_GEN_ANON && !can_swap)
		goto done;
	for (zone = 0; zone < MAX_NR_ZONES; zone++) {
		struct list_head *head = &lrugen->folios[old_gen][type][zone];

		while (!list_empty(head)) {
			struct folio *folio = lru_to_folio(head);

			new_gen = folio_inc_gen(lruvec, folio, false);
			list_move_tail(&folio->lru, &lrugen->folios[new_gen][type][zone]);
			if (!--remaining)
				return false;
		}
	}
done:
	reset_ctrl_pos(lruvec, type, true);
	lrugen->min_seq[type]++;
	return true;
}

/* min_seq moves past empty generations; anon never ahead of file. */
static bool try_to_inc_min_seq(struct lruvec *lruvec, bool can_swap)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	unsigned long min_seq[ANON_AND_FILE] = { lrugen->min_seq[0], lrugen->min_seq[1] };
	bool success = false;
	int gen, type, zone;

	for (type = !can_swap; type < ANON_AND_FILE; type++) {
		while (min_seq[type] + MIN_NR_GENS <= lrugen->max_seq) {
			gen = lru_gen_from_seq(min_seq[type]);
			for (zone = 0; zone < MAX_NR_ZONES; zone++)
				if (!list_empty(&lrugen->folios[gen][type][zone]))
					goto next;
			min_seq[type]++;
		}
next:
		;
	}
	if (can_swap) {
		min_seq[LRU_GEN_ANON] = min(min_seq[LRU_GEN_ANON], min_seq[LRU_GEN_FILE]);
		min_seq[LRU_GEN_FILE] = max(min_seq[LRU_GEN_ANON], lrugen->min_seq[LRU_GEN_FILE]);
	}
	for (type = !can_swap; type < ANON_AND_FILE; type++) {
		if (min_seq[type] == lrugen->min_seq[type])
			continue;
		reset_ctrl_pos(lruvec, type, true);
		lrugen->min_seq[type] = min_seq[type];
		success = true;
	}
	return success;
}

/* A new youngest generation (the oldest made room for it first if needed). */
static void inc_max_seq(struct lruvec *lruvec, bool can_swap, bool force_scan)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int prev, next, type, zone;

restart:
	for (type = ANON_AND_FILE - 1; type >= 0; type--) {
		if (get_nr_gens(lruvec, type) != (int)MAX_NR_GENS)
			continue;
		if (inc_min_seq(lruvec, type, can_swap))
			continue;
		goto restart;
	}
	(void)force_scan;
	/* max_seq - 1 stops being active; max_seq + 1 (reused) starts */
	prev = lru_gen_from_seq(lrugen->max_seq - 1);
	next = lru_gen_from_seq(lrugen->max_seq + 1);
	for (type = 0; type < ANON_AND_FILE; type++) {
		for (zone = 0; zone < MAX_NR_ZONES; zone++) {
			enum lru_list lru = type ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
			long delta = lrugen->nr_pages[prev][type][zone] -
				     lrugen->nr_pages[next][type][zone];

			if (!delta)
				continue;
			lru_gen_update_lru_size(lruvec, lru, zone, delta);
			lru_gen_update_lru_size(lruvec, lru + LRU_ACTIVE, zone, -delta);
		}
	}
	for (type = 0; type < ANON_AND_FILE; type++)
		reset_ctrl_pos(lruvec, type, false);
	lrugen->timestamps[next] = jiffies;
	lrugen->max_seq++;
}

/*
 * Age: walk the page tables (when the mm walk is on, or forced), then a
 * new generation.  False when another aging already moved max_seq.
 */
static bool try_to_inc_max_seq(struct lruvec *lruvec, unsigned long max_seq,
			       struct scan_control *sc, bool can_swap, bool force_scan)
{
	(void)sc;
	if (max_seq != lruvec->lrugen.max_seq)
		return max_seq < lruvec->lrugen.max_seq;
	if (force_scan || (arch_has_hw_pte_young() && get_cap(LRU_GEN_MM_WALK))) {
		struct lru_gen_mm_walk *walk = host_alloc(sizeof(*walk));

		walk->lruvec = lruvec;
		walk->max_seq = max_seq;
		walk->can_swap = can_swap;
		walk->force_scan = force_scan;
		walk_every_mm(lruvec, walk);
		host_free(walk);
	}
	inc_max_seq(lruvec, can_swap, force_scan);
	return true;
}

/*
 * Is a new generation due?  Yes with fewer than MIN_NR_GENS + 1, or with
 * MIN_NR_GENS + 1 when the youngest holds over 1/MIN_NR_GENS of the pages
 * or the oldest under 1/(MIN_NR_GENS + 2).  *nr_to_scan: total >> priority.
 */
static bool should_run_aging(struct lruvec *lruvec, unsigned long max_seq,
			     unsigned long *min_seq, struct scan_control *sc,
			     bool can_swap, unsigned long *nr_to_scan)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	unsigned long old = 0, young = 0, total = 0;
	int type, zone;

	for (type = !can_swap; type < ANON_AND_FILE; type++) {
		unsigned long seq;

		for (seq = min_seq[type]; seq <= max_seq; seq++) {
			unsigned long size = 0;
			int gen = lru_gen_from_seq(seq);

			for (zone = 0; zone < MAX_NR_ZONES; zone++)
				size += (unsigned long)max(lrugen->nr_pages[gen][type][zone], 0L);
			total += size;
			if (seq == max_seq)
				young += size;
			else if (seq + MIN_NR_GENS == max_seq)
				old += size;
		}
	}
	*nr_to_scan = total >> sc->priority;
	if (min_seq[!can_swap] + MIN_NR_GENS > max_seq)
		return true;
	if (min_seq[!can_swap] + MIN_NR_GENS < max_seq)
		return false;
	if (young * MIN_NR_GENS > total)
		return true;
	if (old * (MIN_NR_GENS + 2) < total)
		return true;
	return false;
}

static bool age_lruvec(struct lruvec *lruvec, struct scan_control *sc,
		       unsigned long min_ttl)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int swappiness = get_swappiness(lruvec, sc);
	unsigned long max_seq = lrugen->max_seq, nr_to_scan;
	unsigned long min_seq[ANON_AND_FILE] = { lrugen->min_seq[0], lrugen->min_seq[1] };
	bool need_aging;

	need_aging = should_run_aging(lruvec, max_seq, min_seq, sc, swappiness,
				      &nr_to_scan);
	if (min_ttl) {
		int gen = lru_gen_from_seq(min_seq[LRU_GEN_FILE]);
		unsigned long birth = lrugen->timestamps[gen];

		if ((long)(jiffies - (birth + min_ttl)) < 0)   /* time_is_after_jiffies */
			return false;
		if (!nr_to_scan && sc->priority != DEF_PRIORITY)
			return false;
	}
	if (need_aging)
		try_to_inc_max_seq(lruvec, max_seq, sc, swappiness, false);
	return true;
}

/* kswapd's aging before it reclaims (kswapd_age_node with MGLRU on). */
void lru_gen_age_node(struct pglist_data *pgdat, struct scan_control *sc)
{
	unsigned long min_ttl = mmsim_lru_state()->lru_gen_min_ttl;
	bool success;

	sc->last_reclaimed = sc->nr_reclaimed;
	/* the eviction cleared it: skip the aging this once */
	if (!sc->memcgs_need_aging) {
		sc->memcgs_need_aging = 1;
		return;
	}
	success = age_lruvec(&pgdat->__lruvec, sc, min_ttl);
	if (success || !min_ttl || sc->order)
		return;
	/* every generation is younger than min_ttl: the working set stays */
	{
		struct oom_control oc = { .gfp_mask = sc->gfp_mask };

		out_of_memory(&oc);
	}
}

/*
 * Spatial locality at eviction: folio_referenced found @pte young at
 * @addr of @vma; look at up to MIN_LRU_BATCH neighbouring PTEs of the same
 * page table and promote the folios they map young.  Called with the PTE
 * still young; clears every young bit it sees (the caller's included).
 */
void lru_gen_look_around(struct vm_area_struct *vma, unsigned long addr, pte_t *pte)
{
	struct folio *folio = page_folio(pfn_to_page(pte_pfn(ptep_get(pte))));
	struct pglist_data *pgdat = page_pgdat(folio_page(folio, 0));
	struct lruvec *lruvec = &pgdat->__lruvec;
	int new_gen = lru_gen_from_seq(lruvec->lrugen.max_seq), old_gen;
	unsigned long start, end, a, bitmap = 0;
	pte_t *first;
	unsigned long pfns[MIN_LRU_BATCH];
	int i, nr_set;

	if (vma->vm_flags & VM_SPECIAL)
		return;
	start = max(addr & PMD_MASK, vma->vm_start);
	end = min(addr | ~PMD_MASK, vma->vm_end - 1) + 1;
	if (end - start > MIN_LRU_BATCH * PAGE_SIZE) {
		if (addr - start < MIN_LRU_BATCH * PAGE_SIZE / 2)
			end = start + MIN_LRU_BATCH * PAGE_SIZE;
		else if (end - addr < MIN_LRU_BATCH * PAGE_SIZE / 2)
			start = end - MIN_LRU_BATCH * PAGE_SIZE;
		else {
			start = addr - MIN_LRU_BATCH * PAGE_SIZE / 2;
			end = addr + MIN_LRU_BATCH * PAGE_SIZE / 2;
		}
	}
	/* the PTE of @start: entries are arch-sized (ptep_next), not pte_t */
	first = (pte_t *)((char *)pte - arch_pgtable()->pte_size * ((addr - start) / PAGE_SIZE));
	for (i = 0, a = start; a != end; i++, a += PAGE_SIZE) {
		pte_t *p = (pte_t *)((char *)first + arch_pgtable()->pte_size * (size_t)i);
		pte_t entry = ptep_get(p);

		pfns[i] = pte_pfn(entry);
		if (!pte_young(entry))
			continue;
		folio = get_pte_folio(entry, lruvec, true);
		if (!folio)
			continue;
		set_pte_at(vma->vm_mm, a, p, pte_mkold(entry));
		if (pte_dirty(entry) && !folio_test_dirty(folio) &&
		    !(folio_test_anon(folio) && folio_test_swapbacked(folio) &&
		      !folio_test_swapcache(folio)))
			folio_set_dirty(folio);
		old_gen = folio_lru_gen(folio);
		if (old_gen < 0)
			folio_set_referenced(folio);
		else if (old_gen != new_gen)
			bitmap |= 1UL << i;
	}
	nr_set = __builtin_popcountl(bitmap);
	if (nr_set < PAGEVEC_SIZE) {
		/* a few: through the activate batch */
		for (i = 0; i < (int)MIN_LRU_BATCH; i++)
			if (bitmap & (1UL << i))
				folio_activate(page_folio(pfn_to_page(pfns[i])));
		return;
	}
	new_gen = lru_gen_from_seq(lruvec->lrugen.max_seq);
	for (i = 0; i < (int)MIN_LRU_BATCH; i++) {
		if (!(bitmap & (1UL << i)))
			continue;
		folio = page_folio(pfn_to_page(pfns[i]));
		old_gen = folio_update_gen(folio, new_gen);
		if (old_gen < 0 || old_gen == new_gen)
			continue;
		lru_gen_update_size(lruvec, folio, old_gen, new_gen);
	}
}

/* ---- the eviction ---- */

/* Deal with a folio of the oldest generation that should not be evicted now. */
static bool sort_folio(struct lruvec *lruvec, struct folio *folio,
		       struct scan_control *sc, int tier_idx)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int gen = folio_lru_gen(folio);
	int type = folio_is_file_lru(folio);
	int zone = folio_zonenum(folio);
	long delta = (long)folio_nr_pages(folio);
	int refs = folio_lru_refs(folio);
	int tier = lru_tier_from_refs(refs);

	/* unevictable: the generic path culls it */
	if (!folio_evictable(folio))
		return false;
	/* dirty lazyfree: back to swap-backed anon */
	if (type == LRU_GEN_FILE && folio_test_anon(folio) && folio_test_dirty(folio)) {
		lru_gen_del_folio(lruvec, folio, true);
		folio_set_swapbacked(folio);
		lruvec_add_folio_tail(lruvec, folio);
		return true;
	}
	/* promoted by the aging or look-around */
	if (gen != lru_gen_from_seq(lrugen->min_seq[type])) {
		list_move(&folio->lru, &lrugen->folios[gen][type][zone]);
		return true;
	}
	/* protected: its tier refaults more than the setpoint */
	if (tier > tier_idx || refs == (1 << LRU_REFS_WIDTH)) {
		int hist = lru_hist_from_seq(lrugen->min_seq[type]);

		gen = folio_inc_gen(lruvec, folio, false);
		list_move_tail(&folio->lru, &lrugen->folios[gen][type][zone]);
		lrugen->protected[hist][type][tier - 1] += (unsigned long)delta;
		__mod_node_page_state(lruvec->pgdat, WORKINGSET_ACTIVATE_ANON + type, delta);
		return true;
	}
	/* ineligible zone */
	if (zone > sc->reclaim_idx) {
		gen = folio_inc_gen(lruvec, folio, false);
		list_move_tail(&folio->lru, &lrugen->folios[gen][type][zone]);
		return true;
	}
	/* waiting for writeback */
	if (folio_test_locked(folio) || folio_test_writeback(folio) ||
	    (type == LRU_GEN_FILE && folio_test_dirty(folio))) {
		gen = folio_inc_gen(lruvec, folio, true);
		list_move(&folio->lru, &lrugen->folios[gen][type][zone]);
		return true;
	}
	return false;
}

static bool isolate_folio(struct lruvec *lruvec, struct folio *folio,
			  struct scan_control *sc)
{
	if (!sc->may_unmap && folio_mapped(folio))
		return false;
	if (!(sc->may_writepage && (sc->gfp_mask & __GFP_IO)) &&
	    (folio_test_dirty(folio) ||
	     (folio_test_anon(folio) && !folio_test_swapcache(folio))))
		return false;
	if (!folio_ref_count(folio))
		return false;
	if (!folio_test_lru(folio))
		return false;
	folio_get(folio);
	folio_clear_lru(folio);
	/* one access only: back to the first tier */
	if (!folio_test_referenced(folio))
		folio_set_mask_bits(folio, LRU_REFS_MASK | LRU_REFS_FLAGS, 0);
	folio_clear_reclaim(folio);
	folio_clear_referenced(folio);
	lru_gen_del_folio(lruvec, folio, true);
	return true;
}

/* Sort or isolate up to MIN_LRU_BATCH folios of the oldest generation of @type. */
static int scan_folios(struct lruvec *lruvec, struct scan_control *sc, int type,
		       int tier, struct list_head *list)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int sorted = 0, scanned = 0, isolated = 0, remaining = MAX_LRU_BATCH;
	int gen, i;

	if (get_nr_gens(lruvec, type) == (int)MIN_NR_GENS)
		return 0;
	gen = lru_gen_from_seq(lrugen->min_seq[type]);
	for (i = MAX_NR_ZONES; i > 0; i--) {
		LIST_HEAD(moved);
		int skipped = 0;
		int zone = (sc->reclaim_idx + i) % MAX_NR_ZONES;
		struct list_head *head = &lrugen->folios[gen][type][zone];

		while (!list_empty(head)) {
			struct folio *folio = lru_to_folio(head);
			int delta = (int)folio_nr_pages(folio);

			scanned += delta;
			if (sort_folio(lruvec, folio, sc, tier))
				sorted += delta;
			else if (isolate_folio(lruvec, folio, sc)) {
				list_add(&folio->lru, list);
				isolated += delta;
			} else {
				list_move(&folio->lru, &moved);
				skipped += delta;
			}
			if (!--remaining || max(isolated, skipped) >= (int)MIN_LRU_BATCH)
				break;
		}
		if (skipped)    /* (6.1 counts pgscan_skip_*: not in mmsim's vmstat) */
			list_splice(&moved, head);
		if (!remaining || isolated >= (int)MIN_LRU_BATCH)
			break;
	}
	count_vm_events(current_is_kswapd() ? PGSCAN_KSWAPD : PGSCAN_DIRECT, isolated);
	count_vm_events(PGREFILL, sorted);
	count_vm_events(PGSCAN_ANON + type, isolated);
	/* nothing eligible and the batch not used up: no progress */
	return isolated || !remaining ? scanned : 0;
}

/* The last tier of @type to evict: tiers that refault no more than tier 0. */
static int get_tier_idx(struct lruvec *lruvec, int type)
{
	struct ctrl_pos sp, pv;
	int tier;

	read_ctrl_pos(lruvec, type, 0, 1, &sp);
	for (tier = 1; tier < (int)MAX_NR_TIERS; tier++) {
		read_ctrl_pos(lruvec, type, tier, 2, &pv);
		if (!positive_ctrl_err(&sp, &pv))
			break;
	}
	return tier - 1;
}

/* Anon or file, by their first tiers' refaults weighed by swappiness. */
static int get_type_to_scan(struct lruvec *lruvec, int swappiness, int *tier_idx)
{
	int gain[ANON_AND_FILE] = { swappiness, 200 - swappiness };
	struct ctrl_pos sp, pv;
	int type, tier;

	read_ctrl_pos(lruvec, LRU_GEN_ANON, 0, gain[LRU_GEN_ANON], &sp);
	read_ctrl_pos(lruvec, LRU_GEN_FILE, 0, gain[LRU_GEN_FILE], &pv);
	type = positive_ctrl_err(&sp, &pv);
	read_ctrl_pos(lruvec, !type, 0, gain[!type], &sp);
	for (tier = 1; tier < (int)MAX_NR_TIERS; tier++) {
		read_ctrl_pos(lruvec, type, tier, gain[type], &pv);
		if (!positive_ctrl_err(&sp, &pv))
			break;
	}
	*tier_idx = tier - 1;
	return type;
}

static int isolate_folios(struct lruvec *lruvec, struct scan_control *sc,
			  int swappiness, int *type_scanned, struct list_head *list)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	int i, type, scanned = 0, tier = -1;

	if (!swappiness)
		type = LRU_GEN_FILE;
	else if (lrugen->min_seq[LRU_GEN_ANON] < lrugen->min_seq[LRU_GEN_FILE])
		type = LRU_GEN_ANON;
	else if (swappiness == 1)
		type = LRU_GEN_FILE;
	else if (swappiness == 200)
		type = LRU_GEN_ANON;
	else
		type = get_type_to_scan(lruvec, swappiness, &tier);
	for (i = !swappiness; i < ANON_AND_FILE; i++) {
		if (tier < 0)
			tier = get_tier_idx(lruvec, type);
		scanned = scan_folios(lruvec, sc, type, tier, list);
		if (scanned)
			break;
		type = !type;
		tier = -1;
	}
	*type_scanned = type;
	return scanned;
}

/* Free the folios shrink_folio_list left with no reference but isolation's. */
static int evict_folios(struct lruvec *lruvec, struct scan_control *sc,
			int swappiness, bool *need_swapping)
{
	struct pglist_data *pgdat = lruvec_pgdat(lruvec);
	struct reclaim_stat stat;
	struct folio *folio, *next;
	bool skip_retry = false;
	unsigned int reclaimed;
	int type, scanned;
	LIST_HEAD(list);
	LIST_HEAD(clean);

	/*
	 * The disk's completions of swap writes it has finished by now
	 * (mm/page_io.c) arrive while reclaim goes on: they rotate to the
	 * oldest generation, to be freed by this or a later batch.
	 */
	swap_io_complete_due();
	scanned = isolate_folios(lruvec, sc, swappiness, &type, &list);
	if (scanned > 0)
		sim_charge((unsigned long long)scanned * SIM_COST_SCAN_NS);
	scanned += try_to_inc_min_seq(lruvec, swappiness);
	if (get_nr_gens(lruvec, !swappiness) == (int)MIN_NR_GENS)
		scanned = 0;
	if (list_empty(&list))
		return scanned;
retry:
	reclaimed = shrink_folio_list(&list, pgdat, sc, &stat, false);
	sc->nr_reclaimed += reclaimed;
	list_for_each_entry_safe_reverse(folio, next, &list, lru) {
		if (!folio_evictable(folio))
			continue;
		if (folio_test_reclaim(folio) &&
		    (folio_test_dirty(folio) || folio_test_writeback(folio))) {
			/* isolate_folio cleared PG_referenced: restore it */
			if (folio_test_workingset(folio))
				folio_set_referenced(folio);
			continue;
		}
		if (skip_retry || folio_test_active(folio) || folio_test_referenced(folio) ||
		    folio_mapped(folio) || folio_test_locked(folio) ||
		    folio_test_dirty(folio) || folio_test_writeback(folio)) {
			/* rejected: not to the oldest generation again */
			folio_set_mask_bits(folio, LRU_REFS_MASK | LRU_REFS_FLAGS,
					    1UL << PG_active);
			continue;
		}
		/* may have missed folio_rotate_reclaimable(): once more */
		list_move(&folio->lru, &clean);
	}
	move_folios_to_lru(lruvec, &list);
	count_vm_events(current_is_kswapd() ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT, reclaimed);
	count_vm_events(PGSTEAL_ANON + type, reclaimed);
	INIT_LIST_HEAD(&list);
	list_splice_init(&clean, &list);
	if (!list_empty(&list)) {
		skip_retry = true;
		goto retry;
	}
	if (need_swapping && type == LRU_GEN_ANON)
		*need_swapping = true;
	return scanned;
}

static unsigned long get_nr_to_scan(struct lruvec *lruvec, struct scan_control *sc,
				    bool can_swap, bool *need_aging)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	unsigned long max_seq = lrugen->max_seq, nr_to_scan;
	unsigned long min_seq[ANON_AND_FILE] = { lrugen->min_seq[0], lrugen->min_seq[1] };

	*need_aging = should_run_aging(lruvec, max_seq, min_seq, sc, can_swap, &nr_to_scan);
	if (!*need_aging)
		return nr_to_scan;
	/* no aging at the default priority */
	if (sc->priority == DEF_PRIORITY)
		goto done;
	/* kswapd ages in lru_gen_age_node */
	if (current_is_kswapd())
		return 0;
	if (try_to_inc_max_seq(lruvec, max_seq, sc, can_swap, false))
		return nr_to_scan;
done:
	return min_seq[!can_swap] + MIN_NR_GENS <= max_seq ? nr_to_scan : 0;
}

static bool should_abort_scan(struct lruvec *lruvec, unsigned long seq,
			      struct scan_control *sc, bool need_swapping)
{
	unsigned long max_seq = lruvec->lrugen.max_seq;
	int i;

	if (!current_is_kswapd()) {
		/* age at most once */
		if (max_seq - seq > 1)
			return true;
		/* over-swapping makes the allocation wait longer */
		if (sc->nr_reclaimed >= sc->nr_to_reclaim && need_swapping)
			return true;
		if (current && fatal_signal_pending(current)) {
			sc->nr_reclaimed += MIN_LRU_BATCH;
			return true;
		}
	} else if (sc->nr_reclaimed - sc->last_reclaimed < sc->nr_to_reclaim) {
		return false;
	}
	/* keep scanning at low priorities, for fairness */
	if (sc->priority > DEF_PRIORITY - 2)
		return false;
	/* enough done under global pressure if every eligible zone is fine */
	for (i = 0; i <= sc->reclaim_idx; i++) {
		struct zone *zone = lruvec_pgdat(lruvec)->node_zones + i;
		unsigned long wmark;

		if (!zone_managed_pages(zone))
			continue;
		wmark = current_is_kswapd() ? high_wmark_pages(zone) : low_wmark_pages(zone);
		if (wmark > zone_page_state(zone, NR_FREE_PAGES))
			return false;
	}
	sc->nr_reclaimed += MIN_LRU_BATCH;
	return true;
}

/* shrink_lruvec with MGLRU on: evict by batches until nr_to_scan is met. */
void lru_gen_shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc)
{
	unsigned long scanned = 0, reclaimed = sc->nr_reclaimed;
	unsigned long max_seq = lruvec->lrugen.max_seq;
	bool need_aging = false, need_swapping = false;

	lru_add_drain();
	while (true) {
		unsigned long nr_to_scan;
		int delta, swappiness;

		if (sc->may_swap)
			swappiness = get_swappiness(lruvec, sc);
		else if (get_swappiness(lruvec, sc))
			swappiness = 1;
		else
			swappiness = 0;
		nr_to_scan = get_nr_to_scan(lruvec, sc, swappiness, &need_aging);
		if (!nr_to_scan)
			return;
		delta = evict_folios(lruvec, sc, swappiness, &need_swapping);
		if (!delta)
			return;
		scanned += (unsigned long)delta;
		if (scanned >= nr_to_scan)
			break;
		if (should_abort_scan(lruvec, max_seq, sc, need_swapping))
			break;
	}
	/* enough was reclaimed without aging: kswapd may skip its next one */
	if (sc->nr_reclaimed - reclaimed >= MIN_LRU_BATCH && !need_aging)
		sc->memcgs_need_aging = 0;
}

/* ---- state change ---- */

/* Classic lists -> generations. */
static void fill_evictable(struct lruvec *lruvec)
{
	enum lru_list lru;

	for_each_evictable_lru(lru) {
		struct list_head *head = &lruvec->lists[lru];

		while (!list_empty(head)) {
			struct folio *folio = lru_to_folio(head);

			list_del(&folio->lru);
			update_lru_size(lruvec, lru, page_zone(folio_page(folio, 0)),
					-(long)folio_nr_pages(folio));
			lru_gen_add_folio(lruvec, folio, false);
		}
	}
}

/* Generations -> classic lists (the active ones with PG_active). */
static void drain_evictable(struct lruvec *lruvec)
{
	int gen, type, zone;

	for_each_gen_type_zone(gen, type, zone) {
		struct list_head *head = &lruvec->lrugen.folios[gen][type][zone];

		while (!list_empty(head)) {
			struct folio *folio = lru_to_folio(head);

			lru_gen_del_folio(lruvec, folio, false);
			lruvec_add_folio(lruvec, folio);
		}
	}
}

/*
 * Turn the generations on or off for every node, moving every evictable
 * folio of the LRU between the classic lists and the generations.  The
 * per-CPU batches are drained first so that nothing lands on the wrong
 * side afterwards.
 */
void lru_gen_change_state(bool enabled)
{
	struct lru_state *ls = mmsim_lru_state();
	pg_data_t *pgdat;

	if (enabled == lru_gen_enabled())
		return;
	lru_add_drain_all();
	if (enabled)
		ls->lru_gen_caps |= 1U << LRU_GEN_CORE;
	else
		ls->lru_gen_caps &= ~(1U << LRU_GEN_CORE);
	for_each_online_pgdat(pgdat) {
		struct lruvec *lruvec = &pgdat->__lruvec;

		lruvec->lrugen.enabled = enabled;
		if (enabled)
			fill_evictable(lruvec);
		else
			drain_evictable(lruvec);
	}
}

/* ---- sysfs: /sys/kernel/mm/lru_gen/ ---- */

/* Parse an unsigned number as kstrtouint(buf, 0) does (one newline allowed). */
static int lru_gen_kstrtouint(const char *buf, unsigned int *res)
{
	unsigned long v;
	char *end;

	if (!*buf || *buf == '-' || *buf == '+' || isspace((unsigned char)*buf))
		return -EINVAL;
	v = strtoul(buf, &end, 0);
	if (*end == '\n')
		end++;
	if (*end || v > 0xffffffffUL)
		return -EINVAL;
	*res = (unsigned int)v;
	return 0;
}

/* Write @name ("enabled" or "min_ttl_ms"); 0 or -errno. */
int lru_gen_sysfs_store(const char *name, const char *buf)
{
	struct lru_state *ls = mmsim_lru_state();
	unsigned int caps, msecs;
	int i;

	if (!strcmp(name, "min_ttl_ms")) {
		if (lru_gen_kstrtouint(buf, &msecs))
			return -EINVAL;
		ls->lru_gen_min_ttl = msecs_to_jiffies(msecs);
		return 0;
	}
	if (strcmp(name, "enabled"))
		return -ENOENT;
	if (tolower((unsigned char)*buf) == 'n')
		caps = 0;
	else if (tolower((unsigned char)*buf) == 'y')
		caps = ~0U;
	else if (lru_gen_kstrtouint(buf, &caps))
		return -EINVAL;
	for (i = 0; i < NR_LRU_GEN_CAPS; i++) {
		bool on = caps & (1U << i);

		if (i == LRU_GEN_CORE)
			lru_gen_change_state(on);
		else if (on)
			ls->lru_gen_caps |= 1U << i;
		else
			ls->lru_gen_caps &= ~(1U << i);
	}
	return 0;
}

/* Read @name into @buf: "0x0007\n" style for enabled, msecs for min_ttl_ms. */
int lru_gen_sysfs_show(const char *name, char *buf, size_t size)
{
	struct lru_state *ls = mmsim_lru_state();
	unsigned int caps = 0;

	if (!strcmp(name, "min_ttl_ms")) {
		snprintf(buf, size, "%u\n", jiffies_to_msecs(ls->lru_gen_min_ttl));
		return 0;
	}
	if (strcmp(name, "enabled"))
		return -ENOENT;
	if (get_cap(LRU_GEN_CORE))
		caps |= 1U << LRU_GEN_CORE;
	if (arch_has_hw_pte_young() && get_cap(LRU_GEN_MM_WALK))
		caps |= 1U << LRU_GEN_MM_WALK;
	if (arch_has_hw_nonleaf_pmd_young() && get_cap(LRU_GEN_NONLEAF_YOUNG))
		caps |= 1U << LRU_GEN_NONLEAF_YOUNG;
	snprintf(buf, size, "0x%04x\n", caps);
	return 0;
}

/* ---- the debugfs commands (/sys/kernel/debug/lru_gen) ---- */

static int run_aging(struct lruvec *lruvec, unsigned long seq,
		     struct scan_control *sc, bool can_swap, bool force_scan)
{
	struct lru_gen_struct *lrugen = &lruvec->lrugen;
	unsigned long max_seq = lrugen->max_seq;

	if (seq < max_seq)
		return 0;
	if (seq > max_seq)
		return -EINVAL;
	if (!force_scan && lrugen->min_seq[!can_swap] + MAX_NR_GENS - 1 <= max_seq)
		return -ERANGE;
	try_to_inc_max_seq(lruvec, max_seq, sc, can_swap, force_scan);
	return 0;
}

static int run_eviction(struct lruvec *lruvec, unsigned long seq,
			struct scan_control *sc, int swappiness,
			unsigned long nr_to_reclaim)
{
	if (seq + MIN_NR_GENS > lruvec->lrugen.max_seq)
		return -EINVAL;
	sc->nr_reclaimed = 0;
	for (;;) {
		if (seq < lruvec->lrugen.min_seq[!swappiness])
			return 0;
		if (sc->nr_reclaimed >= nr_to_reclaim)
			return 0;
		if (!evict_folios(lruvec, sc, swappiness, NULL))
			return 0;
	}
}

/*
 * One command of 6.1's /sys/kernel/debug/lru_gen (memcg id 0, no memcg):
 * '+' ages node @nid to make max_seq @seq + 1 (@opt: force_scan), '-'
 * evicts generations up to @seq (@opt: pages to reclaim at most);
 * @swappiness -1 means vm.swappiness.  0 or -errno.
 */
int lru_gen_run_cmd(char cmd, int nid, unsigned long seq, int swappiness,
		    unsigned long opt)
{
	struct scan_control sc = {
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = 1,
		.reclaim_idx = MAX_NR_ZONES - 1,
		.gfp_mask = GFP_KERNEL,
		.priority = DEF_PRIORITY,
	};
	struct lruvec *lruvec;

	if (nid < 0 || nid >= MAX_NUMNODES || !NODE_DATA(nid) || !lru_gen_enabled())
		return -EINVAL;
	lruvec = &NODE_DATA(nid)->__lruvec;
	if (swappiness < 0)
		swappiness = get_swappiness(lruvec, &sc);
	else if (swappiness > 200)
		return -EINVAL;
	lru_add_drain();
	if (cmd == '+')
		return run_aging(lruvec, seq, &sc, swappiness, opt);
	if (cmd == '-')
		return run_eviction(lruvec, seq, &sc, swappiness, opt);
	return -EINVAL;
}

/* ---- checks for mm/vmscan_validate.c ---- */

/* The generation sequences are in their window (seq_is_valid). */
bool lru_gen_seq_is_valid(struct lruvec *lruvec)
{
	return seq_is_valid(lruvec);
}

// SPDX-License-Identifier: MIT
/*
 * mm/swap.c — the per-CPU folio batches that feed the LRU lists, and the
 * moves between lists that page use asks for.
 *
 * Kernel counterpart: mm/swap.c (Linux 6.1, classic LRU): folio_add_lru,
 * folio_add_lru_vma, lru_cache_add_inactive_or_unevictable,
 * folio_mark_accessed, folio_activate, folio_deactivate (deactivate_page),
 * deactivate_file_folio, folio_mark_lazyfree (mark_page_lazyfree),
 * folio_rotate_reclaimable, lru_add_drain*, lru_note_cost,
 * __page_cache_release, release_pages (folios_put), lruvec_init.
 *
 * A folio reaches the LRU in two steps, as in 6.1:
 *
 *   fault / page cache add --folio_add_lru--> this CPU's lru_add batch
 *        (one reference held)                  |  15th folio, or a
 *                                              v  drain (lru_add_drain)
 *                              lru_add_fn: PG_lru, on its list, counted
 *
 * and every later move (activate, deactivate, lazyfree, rotate) goes the
 * same way through its own batch: nothing moves until that batch fills
 * or is drained.  This is why a fresh page is not yet on any list (and
 * not in Active/Inactive of /proc/meminfo) and why MADV_FREE's LazyFree
 * shows only after 15 pages or a drain: the kernel's figures move by
 * batches and mmsim's do too.  Large folios (THP) skip the batching.
 *
 * Which CPU: the calling simulated CPU (smp_processor_id()); another CPU's
 * batches are drained by lru_add_drain_all() (6.1: work queued on each).
 *
 * With MGLRU on (mm/vmscan_lru_gen.c) the same batches feed the
 * generations: a folio added during a fault is made PG_active (to the
 * youngest generation), folio_mark_accessed counts tiers (folio_inc_refs)
 * instead of activating, and MADV_COLD deactivates any folio.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/swap_lru.h"
#include "linux/vmstat.h"
#include "linux/smp.h"
#include "linux/rmap.h"
#include "mm/process_internal.h"
#include "mmsim/host.h"
#include "mmsim/lru_state.h"
#include "mmsim/machine.h"

typedef void (*move_fn_t)(struct lruvec *lruvec, struct folio *folio);

/* ---- the machine's state ---- */

struct lru_state *mmsim_lru_state(void)
{
	struct lru_state *ls = current_machine->lru;
	unsigned int c;

	if (ls)
		return ls;
	ls = host_alloc(sizeof(*ls));
	ls->nr_cpus = nr_cpu_ids ? nr_cpu_ids : 1;
	ls->cpu = host_alloc(ls->nr_cpus * sizeof(*ls->cpu));
	for (c = 0; c < ls->nr_cpus; c++)
		memset(&ls->cpu[c], 0, sizeof(ls->cpu[c]));
	ls->swappiness = 60;
	INIT_LIST_HEAD(&ls->shrinkers);
	for (c = 0; c < MMSIM_LRU_MAX_NODES; c++)
		INIT_LIST_HEAD(&ls->shadow_nodes[c]);
	current_machine->lru = ls;
	return ls;
}

void mmsim_lru_state_free(struct machine *m)
{
	unsigned int nid;

	if (!m->lru)
		return;
	for (nid = 0; nid < MMSIM_LRU_MAX_NODES; nid++)
		host_free(m->lru->kswapd[nid].balance);
	host_free(m->lru->cpu);
	host_free(m->lru);
	m->lru = NULL;
}

static struct cpu_fbatches *cpu_fbatches(int cpu)
{
	struct lru_state *ls = mmsim_lru_state();

	return &ls->cpu[(unsigned int)cpu < ls->nr_cpus ? cpu : 0];
}

static struct cpu_fbatches *this_cpu_fbatches(void)
{
	return cpu_fbatches(smp_processor_id());
}

static unsigned int batch_refs(struct folio_batch *fb, struct folio *folio)
{
	unsigned int i, n = 0;

	for (i = 0; i < fb->nr; i++)
		n += fb->folios[i] == folio;
	return n;
}

unsigned int lru_batch_refs(struct folio *folio)
{
	struct lru_state *ls = current_machine->lru;
	unsigned int c, n = 0;

	if (!ls)
		return 0;
	for (c = 0; c < ls->nr_cpus; c++) {
		struct cpu_fbatches *fb = &ls->cpu[c];

		n += batch_refs(&fb->lru_add, folio) +
		     batch_refs(&fb->lru_rotate, folio) +
		     batch_refs(&fb->lru_deactivate_file, folio) +
		     batch_refs(&fb->lru_deactivate, folio) +
		     batch_refs(&fb->lru_lazyfree, folio) +
		     batch_refs(&fb->activate, folio);
	}
	return n;
}

void lruvec_init(struct lruvec *lruvec, struct pglist_data *pgdat)
{
	enum lru_list lru;

	memset(lruvec, 0, sizeof(*lruvec));
	spin_lock_init(&lruvec->lru_lock);
	for (lru = 0; lru < NR_LRU_LISTS; lru++)
		INIT_LIST_HEAD(&lruvec->lists[lru]);
	lruvec->pgdat = pgdat;
	lru_gen_init_lruvec(lruvec);
}

/* ---- releasing ---- */

/*
 * The last reference to @folio is going: take it off its list (the
 * caller then frees it).  Mlocked pages lose their count here too.
 */
void __page_cache_release(struct folio *folio)
{
	if (folio_test_lru(folio)) {
		struct lruvec *lruvec = folio_lruvec(folio);

		spin_lock_irq(&lruvec->lru_lock);
		lruvec_del_folio(lruvec, folio);
		__folio_clear_lru_flags(folio);
		spin_unlock_irq(&lruvec->lru_lock);
	}
	if (folio_test_active(folio))
		folio_clear_active(folio);
	if (folio_test_unevictable(folio))
		folio_clear_unevictable(folio);
}

void folios_put(struct folio **folios, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		put_page(folio_page(folios[i], 0));
}

/* ---- moving a batch ---- */

static void folio_batch_move_lru(struct folio_batch *fbatch, move_fn_t move_fn);

static void lru_add_fn(struct lruvec *lruvec, struct folio *folio)
{
	bool was_unevictable = folio_test_unevictable(folio);
	long nr_pages = (long)folio_nr_pages(folio);

	if (was_unevictable)
		folio_clear_unevictable(folio);
	if (folio_evictable(folio)) {
		if (was_unevictable)
			count_vm_events(UNEVICTABLE_PGRESCUED, nr_pages);
	} else {
		folio_clear_active(folio);
		folio_set_unevictable(folio);
		if (!was_unevictable)
			count_vm_events(UNEVICTABLE_PGCULLED, nr_pages);
	}
	lruvec_add_folio(lruvec, folio);
}

/*
 * Apply @move_fn to each folio of the batch still on the LRU (lru_add_fn
 * to all: they are not on it yet), then drop the batch's references.
 */
static void folio_batch_move_lru(struct folio_batch *fbatch, move_fn_t move_fn)
{
	unsigned int i, nr = folio_batch_count(fbatch);
	struct folio *folios[PAGEVEC_SIZE];

	struct lruvec *lruvec = NULL;

	memcpy(folios, fbatch->folios, nr * sizeof(folios[0]));
	folio_batch_init(fbatch);
	for (i = 0; i < nr; i++) {
		struct folio *folio = folios[i];

		/* block memcg migration (6.1): off the LRU while it moves */
		if (move_fn != lru_add_fn && !folio_test_clear_lru(folio))
			continue;
		lruvec = folio_lruvec_relock_irq(folio, lruvec);
		move_fn(lruvec, folio);
		folio_set_lru(folio);
	}
	if (lruvec)
		spin_unlock_irq(&lruvec->lru_lock);
	folios_put(folios, nr);
}

/* @fbatch is one of this CPU's batches: taken under their lock. */
static void folio_batch_add_and_move(struct folio_batch *fbatch,
				     struct folio *folio, move_fn_t move_fn)
{
	spinlock_t *lock = &this_cpu_fbatches()->lock;

	spin_lock(lock);
	if (!folio_batch_add(fbatch, folio) || folio_test_large(folio))
		folio_batch_move_lru(fbatch, move_fn);
	spin_unlock(lock);
}

/* ---- the moves ---- */

static void lru_move_tail_fn(struct lruvec *lruvec, struct folio *folio)
{
	if (folio_test_unevictable(folio))
		return;
	lruvec_del_folio(lruvec, folio);
	folio_clear_active(folio);
	lruvec_add_folio_tail(lruvec, folio);
	count_vm_events(PGROTATED, (long)folio_nr_pages(folio));
}

/* Writeback finished on a folio reclaim wanted: to the inactive tail. */
void folio_rotate_reclaimable(struct folio *folio)
{
	if (folio_test_locked(folio) || folio_test_dirty(folio) ||
	    folio_test_unevictable(folio) || !folio_test_lru(folio))
		return;
	folio_get(folio);
	folio_batch_add_and_move(&this_cpu_fbatches()->lru_rotate, folio,
				 lru_move_tail_fn);
}

/*
 * Reclaim cost of one kind of page: the balance get_scan_count keeps
 * between anon and file.  Halved when it outgrows a quarter of the LRU.
 */
void lru_note_cost(struct lruvec *lruvec, bool file, unsigned int nr_pages)
{
	pg_data_t *pgdat = lruvec_pgdat(lruvec);
	unsigned long lrusize;

	spin_lock_irq(&lruvec->lru_lock);      /* 6.1: the costs are the lock's */
	if (file)
		lruvec->file_cost += nr_pages;
	else
		lruvec->anon_cost += nr_pages;
	lrusize = node_page_state(pgdat, NR_INACTIVE_ANON) +
		  node_page_state(pgdat, NR_ACTIVE_ANON) +
		  node_page_state(pgdat, NR_INACTIVE_FILE) +
		  node_page_state(pgdat, NR_ACTIVE_FILE);
	if (lruvec->file_cost + lruvec->anon_cost > lrusize / 4) {
		lruvec->file_cost /= 2;
		lruvec->anon_cost /= 2;
	}
	spin_unlock_irq(&lruvec->lru_lock);
}

void lru_note_cost_folio(struct folio *folio)
{
	lru_note_cost(folio_lruvec(folio), folio_is_file_lru(folio),
		      (unsigned int)folio_nr_pages(folio));
}

static void folio_activate_fn(struct lruvec *lruvec, struct folio *folio)
{
	long nr_pages = (long)folio_nr_pages(folio);

	if (folio_test_active(folio) || folio_test_unevictable(folio))
		return;
	lruvec_del_folio(lruvec, folio);
	folio_set_active(folio);
	lruvec_add_folio(lruvec, folio);
	count_vm_events(PGACTIVATE, nr_pages);
}

void folio_activate(struct folio *folio)
{
	if (!folio_test_lru(folio) || folio_test_active(folio) ||
	    folio_test_unevictable(folio))
		return;
	folio_get(folio);
	folio_batch_add_and_move(&this_cpu_fbatches()->activate, folio,
				 folio_activate_fn);
}

/* A folio still in this CPU's lru_add batch becomes active when it lands. */
static void __lru_cache_activate_folio(struct folio *folio)
{
	struct cpu_fbatches *fbs = this_cpu_fbatches();
	struct folio_batch *fbatch = &fbs->lru_add;
	int i;

	spin_lock(&fbs->lock);
	for (i = (int)folio_batch_count(fbatch) - 1; i >= 0; i--) {
		if (fbatch->folios[i] == folio) {
			folio_set_active(folio);
			break;
		}
	}
	spin_unlock(&fbs->lock);
}

/*
 * MGLRU: one more access through a file descriptor.  PG_referenced, then
 * PG_workingset, then the LRU_REFS counter up to its maximum: the tier
 * sort_folio and the refault controller use.
 */
static void folio_inc_refs(struct folio *folio)
{
	unsigned long refs;

	if (folio_test_unevictable(folio))
		return;
	if (!folio_test_referenced(folio)) {
		folio_set_referenced(folio);
		return;
	}
	if (!folio_test_workingset(folio)) {
		folio_set_workingset(folio);
		return;
	}
	refs = folio->page.flags & LRU_REFS_MASK;
	if (refs != LRU_REFS_MASK)
		folio->page.flags = (folio->page.flags & ~LRU_REFS_MASK) |
				    (refs + (1UL << LRU_REFS_PGOFF));
}

/*
 * A use of the folio (read, write, fault-in through gup): the first one
 * sets PG_referenced, the second activates it.
 *
 *   inactive,unreferenced -> inactive,referenced -> active,unreferenced
 */
void folio_mark_accessed(struct folio *folio)
{
	if (lru_gen_enabled()) {
		folio_inc_refs(folio);
		return;
	}
	if (!folio_test_referenced(folio)) {
		folio_set_referenced(folio);
	} else if (folio_test_unevictable(folio)) {
		/* unevictable folios stay where they are */
	} else if (!folio_test_active(folio)) {
		if (folio_test_lru(folio))
			folio_activate(folio);
		else
			__lru_cache_activate_folio(folio);
		folio_clear_referenced(folio);
		workingset_activation(folio);
	}
}

void mark_page_accessed(struct page *page)
{
	folio_mark_accessed(page_folio(page));
}

void folio_add_lru(struct folio *folio)
{
	VM_WARN_ON_ONCE(folio_test_lru(folio));
	/* MGLRU: a folio faulted in goes to the youngest generation */
	if (lru_gen_enabled() && !folio_test_unevictable(folio) &&
	    lru_gen_in_fault() && !current_is_kswapd())
		folio_set_active(folio);
	folio_get(folio);
	folio_batch_add_and_move(&this_cpu_fbatches()->lru_add, folio,
				 lru_add_fn);
}

/*
 * A new folio of @vma.  6.1 sends the folio of a VM_LOCKED VMA through
 * mlock's own batch to the unevictable list; mmsim's mlock.c has already
 * made it PG_mlocked, so lru_add_fn puts it there from the lru_add batch.
 */
void folio_add_lru_vma(struct folio *folio, struct vm_area_struct *vma)
{
	(void)vma;
	folio_add_lru(folio);
}

void lru_cache_add_inactive_or_unevictable(struct page *page,
					   struct vm_area_struct *vma)
{
	folio_add_lru_vma(page_folio(page), vma);
}

static void lru_deactivate_file_fn(struct lruvec *lruvec, struct folio *folio)
{
	bool active = folio_test_active(folio);
	long nr_pages = (long)folio_nr_pages(folio);

	if (folio_test_unevictable(folio) || folio_mapped(folio))
		return;
	lruvec_del_folio(lruvec, folio);
	folio_clear_active(folio);
	folio_clear_referenced(folio);
	if (folio_test_writeback(folio) || folio_test_dirty(folio)) {
		lruvec_add_folio(lruvec, folio);
		folio_set_reclaim(folio);
	} else {
		lruvec_add_folio_tail(lruvec, folio);
		count_vm_events(PGROTATED, nr_pages);
	}
	if (active)
		count_vm_events(PGDEACTIVATE, nr_pages);
}

static void lru_deactivate_fn(struct lruvec *lruvec, struct folio *folio)
{
	long nr_pages = (long)folio_nr_pages(folio);

	if (folio_test_unevictable(folio) ||
	    !(folio_test_active(folio) || lru_gen_enabled()))
		return;
	lruvec_del_folio(lruvec, folio);
	folio_clear_active(folio);
	folio_clear_referenced(folio);
	lruvec_add_folio(lruvec, folio);
	count_vm_events(PGDEACTIVATE, nr_pages);
}

static bool folio_lazyfree_candidate(struct folio *folio)
{
	return folio_test_anon(folio) && folio_test_swapbacked(folio) &&
	       !folio_test_swapcache(folio) && !folio_test_unevictable(folio);
}

/* MADV_FREE: no longer swap-backed, so on the inactive file list. */
static void lru_lazyfree_fn(struct lruvec *lruvec, struct folio *folio)
{
	long nr_pages = (long)folio_nr_pages(folio);

	if (!folio_lazyfree_candidate(folio))
		return;
	lruvec_del_folio(lruvec, folio);
	folio_clear_active(folio);
	folio_clear_referenced(folio);
	folio_clear_swapbacked(folio);
	lruvec_add_folio(lruvec, folio);
	count_vm_events(PGLAZYFREE, nr_pages);
}

/* Invalidation could not drop this page cache folio: reclaim it first. */
void deactivate_file_folio(struct folio *folio)
{
	if (folio_test_unevictable(folio))
		return;
	folio_get(folio);
	folio_batch_add_and_move(&this_cpu_fbatches()->lru_deactivate_file,
				 folio, lru_deactivate_file_fn);
}

/* MADV_COLD: an active folio goes to its inactive list. */
void folio_deactivate(struct folio *folio)
{
	if (!folio_test_lru(folio) || folio_test_unevictable(folio) ||
	    !(folio_test_active(folio) || lru_gen_enabled()))
		return;
	folio_get(folio);
	folio_batch_add_and_move(&this_cpu_fbatches()->lru_deactivate, folio,
				 lru_deactivate_fn);
}

/* MADV_FREE of an anonymous folio on the LRU. */
void folio_mark_lazyfree(struct folio *folio)
{
	if (!folio_test_lru(folio) || !folio_lazyfree_candidate(folio))
		return;
	folio_get(folio);
	folio_batch_add_and_move(&this_cpu_fbatches()->lru_lazyfree, folio,
				 lru_lazyfree_fn);
}

/* ---- draining ---- */

static void drain_one(struct folio_batch *fbatch, move_fn_t move_fn)
{
	if (folio_batch_count(fbatch))
		folio_batch_move_lru(fbatch, move_fn);
}

void lru_add_drain_cpu(int cpu)
{
	struct cpu_fbatches *fb = cpu_fbatches(cpu);

	spin_lock(&fb->lock);
	drain_one(&fb->lru_add, lru_add_fn);
	drain_one(&fb->lru_rotate, lru_move_tail_fn);
	drain_one(&fb->lru_deactivate_file, lru_deactivate_file_fn);
	drain_one(&fb->lru_deactivate, lru_deactivate_fn);
	drain_one(&fb->lru_lazyfree, lru_lazyfree_fn);
	drain_one(&fb->activate, folio_activate_fn);
	spin_unlock(&fb->lock);
}

void lru_add_drain(void)
{
	lru_add_drain_cpu(smp_processor_id());
}

/*
 * Every CPU's batches (6.1 queues lru_add_drain_per_cpu on each CPU that
 * has something and waits; the simulated CPUs are drained in order from
 * here, which is what that work would do on each).
 */
void lru_add_drain_all(void)
{
	unsigned int c;

	for (c = 0; c < mmsim_lru_state()->nr_cpus; c++)
		lru_add_drain_cpu((int)c);
}

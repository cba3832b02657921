// SPDX-License-Identifier: MIT
/*
 * mm/swap_state.c — the swap cache and swap-in readahead.
 *
 * Kernel counterpart: mm/swap_state.c (Linux 6.1): swap_address_space,
 * add_to_swap_cache, __delete_from_swap_cache, delete_from_swap_cache,
 * add_to_swap, swap_cache_get_folio (lookup_swap_cache),
 * get_shadow_from_swap_cache, clear_shadow_from_swap_cache,
 * __read_swap_cache_async,
 * read_swap_cache_async, swapin_nr_pages, swap_cluster_readahead,
 * swapin_readahead.
 *
 * The swap cache is where a page stands for a slot while it is being
 * written out, after it was written (until reclaim frees it) and after it
 * was read back (until the slot is freed):
 *
 *   swapper_spaces[type][offset >> 14]    one address space per 64 MiB
 *       .i_pages (an xarray), at offset   the page, a shadow, or nothing
 *
 *   a cache page:  PG_swapcache, PG_swapbacked, page->private = entry,
 *                  one reference held by the cache, NR_FILE_PAGES and
 *                  NR_SWAPCACHE (meminfo SwapCached) count it.
 *   a shadow:      what reclaim left behind (workingset_eviction),
 *                  stored with bit 0 set as an xarray value is; read by
 *                  get_shadow_from_swap_cache.
 *
 * i_pages is 6.1's xarray, indexed by the whole swap offset (so a space's
 * tree is as tall as its offsets need), its nodes "radix_tree_node"
 * objects; a shadow stays until its slot is freed
 * (clear_shadow_from_swap_cache) or a page takes its place.  6.1 does not
 * track the swap cache's shadow-only nodes (no mapping_set_update here):
 * neither does mmsim.
 *
 * Locks: the space's i_pages lock (its xarray's xa_lock) around every
 * change and, standing in for 6.1's RCU walk with folio_try_get_rcu, around
 * every lookup that takes a reference (filemap_get_folio), so that a page
 * found cannot be freed before its reference is taken; swap_info->lock may
 * be held outside it (swap_range_free clears shadows).  A page being read
 * in is added locked and stays locked until swap_readpage has filled it
 * (6.1's __folio_set_locked and end_swap_bio_read), so a fault on another
 * CPU that finds it waits in lock_page for its contents.  Two CPUs
 * faulting one slot: the second's swapcache_prepare meets the first's
 * SWAP_HAS_CACHE (-EEXIST) and looks again after a pause, as 6.1 does.
 *
 * Readahead: the simulated disk is rotational, so swapin_readahead reads
 * a naturally aligned cluster of 2^page_cluster slots around the one
 * faulted (swap_cluster_readahead), its size adapted by swapin_nr_pages
 * to the hits of earlier readahead.  swap_vma_readahead (SSDs only) is
 * not built.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/gfp.h"
#include "linux/fs.h"
#include "linux/rmap.h"
#include "linux/vmstat.h"
#include "linux/swap.h"
#include "linux/swap_lru.h"
#include "linux/swapops.h"
#include "linux/pagemap.h"
#include "mm/process_internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/swap_state.h"

struct address_space *swap_address_space(swp_entry_t entry)
{
	struct swap_state *s = mmsim_swap_state();
	unsigned int type = swp_type(entry);
	unsigned long idx = swp_offset(entry) >> SWAP_ADDRESS_SPACE_SHIFT;

	if (type >= s->k_nr_swapfiles || idx >= s->nr_swapper_spaces[type])
		return NULL;
	return &s->swapper_spaces[type][idx];
}

/* What the swap cache holds for @entry: a page, a shadow, or NULL. */
static void *swap_cache_entry(swp_entry_t entry)
{
	struct address_space *space = swap_address_space(entry);
	void *old;

	if (!space)
		return NULL;
	xa_lock_irq(&space->i_pages);
	old = xa_load(&space->i_pages, swp_offset(entry));
	xa_unlock_irq(&space->i_pages);
	return old;
}

/* The cache page of @entry with a reference (filemap_get_folio on its space). */
struct folio *swap_cache_get_folio_ref(swp_entry_t entry)
{
	struct address_space *space = swap_address_space(entry);

	return space ? filemap_get_folio(space, swp_offset(entry)) : NULL;
}

static void swapcache_stat(struct page *page, long nr)
{
	__mod_node_page_state(page_pgdat(page), NR_FILE_PAGES, nr);
	__mod_node_page_state(page_pgdat(page), NR_SWAPCACHE, nr);
	atomic_long_add(nr, &mmsim_swap_state()->swapcache_pages);
}

unsigned long total_swapcache_pages(void)
{
	struct swap_state *s = current_machine->swap;

	return s ? (unsigned long)atomic_long_read(&s->swapcache_pages) : 0;
}

/*
 * add_to_swap_cache: @page (swap-backed) stands for @entry from now on;
 * the cache takes a reference.  A shadow found there goes to *@shadowp.
 * 0, or -EEXIST when another page already does.
 */
int add_to_swap_cache(struct folio *folio, swp_entry_t entry, gfp_t gfp,
		      void **shadowp)
{
	struct address_space *space = swap_address_space(entry);
	struct page *page = &folio->page;
	XA_STATE(xas, space ? &space->i_pages : NULL, swp_offset(entry));
	void *old;

	if (!space)
		return -EINVAL;
	page_ref_inc(page);
	SetPageSwapBacked(page);
	SetPageSwapCache(page);
	do {
		xas_lock_irq(&xas);
		xas_create_range(&xas);
		if (xas_error(&xas))
			goto unlock;
		old = xas_load(&xas);
		if (old && !xa_is_value(old)) {
			xas_set_err(&xas, -EEXIST);
			goto unlock;
		}
		if (shadowp && old)
			*shadowp = old;
		set_page_private(page, entry.val);
		xas_store(&xas, page);
		space->nrpages++;
		swapcache_stat(page, 1);
unlock:
		xas_unlock_irq(&xas);
	} while (xas_nomem(&xas, gfp));
	if (!xas_error(&xas))
		return 0;
	ClearPageSwapCache(page);
	page_ref_dec_and_test(page);            /* the caller still holds one */
	return xas_error(&xas);
}

/*
 * __delete_from_swap_cache: @page no longer stands for @entry; @shadow
 * (or nothing) is left in its place.  The cache's reference is the
 * caller's to drop.
 */
void __delete_from_swap_cache(struct folio *folio, swp_entry_t entry, void *shadow)
{
	struct address_space *space = swap_address_space(entry);
	struct page *page = &folio->page;
	XA_STATE(xas, &space->i_pages, swp_offset(entry));
	void *old;

	lockdep_assert_held(&space->i_pages.xa_lock);
	old = xas_store(&xas, shadow);         /* replaces: no allocation */
	VM_WARN_ON_ONCE(old != page);
	set_page_private(page, 0);
	ClearPageSwapCache(page);
	space->nrpages--;
	swapcache_stat(page, -1);
}

/* delete_from_swap_cache: out of the cache, its slot hold and reference go. */
void delete_from_swap_cache(struct folio *folio)
{
	swp_entry_t entry = { page_private(&folio->page) };
	struct address_space *space = swap_address_space(entry);
	bool last;

	xa_lock_irq(&space->i_pages);
	__delete_from_swap_cache(folio, entry, NULL);
	xa_unlock_irq(&space->i_pages);
	put_swap_folio(folio, entry);
	last = folio_ref_sub_and_test(folio, 1);
	VM_WARN_ON_ONCE(last);          /* the caller holds the page */
}

/* What reclaim left for @entry's slot (a workingset shadow), or NULL. */
void *get_shadow_from_swap_cache(swp_entry_t entry)
{
	void *old = swap_cache_entry(entry);

	return xa_is_value(old) ? old : NULL;
}

/*
 * clear_shadow_from_swap_cache: slots [@begin, @end] of area @type were
 * freed: the shadows their pages left go (a node they emptied with them).
 */
void clear_shadow_from_swap_cache(int type, unsigned long begin, unsigned long end)
{
	unsigned long curr = begin;

	for (;;) {
		struct address_space *space =
			swap_address_space(swp_entry((unsigned int)type, curr));
		void *old;

		if (space) {
			XA_STATE(xas, &space->i_pages, curr);

			xa_lock_irq(&space->i_pages);
			xas_for_each(&xas, old, end)
				if (xa_is_value(old))
					xas_store(&xas, NULL);
			xa_unlock_irq(&space->i_pages);
		}
		curr = ((curr >> SWAP_ADDRESS_SPACE_SHIFT) + 1) << SWAP_ADDRESS_SPACE_SHIFT;
		if (curr > end)
			break;
	}
}

/*
 * add_to_swap: give the anonymous @folio a slot and put it in the swap
 * cache, dirty (it must be written before it can be freed).  false when
 * swap is full, or for a THP (no cluster to give it on a rotational
 * disk: reclaim splits it and tries again, as 6.1 does).
 */
bool add_to_swap(struct folio *folio)
{
	swp_entry_t entry = folio_alloc_swap(folio);

	if (!entry.val)
		return false;
	if (add_to_swap_cache(folio, entry, __GFP_HIGH | __GFP_NOMEMALLOC | __GFP_NOWARN,
			      NULL)) {
		put_swap_folio(folio, entry);
		return false;
	}
	folio_set_dirty(folio);
	return true;
}

/* The cache page of @entry without a reference, or NULL. */
static struct page *swap_cache_peek(swp_entry_t entry)
{
	void *old = swap_cache_entry(entry);

	return xa_is_value(old) ? NULL : old;
}

/*
 * swap_cache_get_folio: the cache page of @entry with a reference taken,
 * or NULL.  A page read ahead and not yet used (PG_readahead) counts a
 * readahead hit the first time it is found (swap_ra_hit).  @vma NULL:
 * a lookup that takes no reference and counts nothing (lookup_swap_cache
 * as the validators and __try_to_reclaim_swap use it).
 */
struct folio *swap_cache_get_folio(swp_entry_t entry, struct vm_area_struct *vma,
				   unsigned long addr)
{
	struct folio *folio;

	(void)addr;
	if (!vma)
		return (struct folio *)swap_cache_peek(entry);
	folio = swap_cache_get_folio_ref(entry);
	if (folio && folio_test_clear_reclaim(folio)) {   /* folio_test_clear_readahead */
		count_vm_event(SWAP_RA_HIT);
		atomic_inc(&mmsim_swap_state()->swapin_readahead_hits);
	}
	return folio;
}

struct page *lookup_swap_cache(swp_entry_t entry, struct vm_area_struct *vma,
			       unsigned long addr)
{
	struct folio *folio = swap_cache_get_folio(entry, vma, addr);

	return folio ? &folio->page : NULL;
}

/*
 * __read_swap_cache_async: the cache page of @entry, a new one (locked
 * out of nothing: *@new set, its contents still to be read) when there is
 * none and the slot is in use, or NULL.  Returned with a reference.
 */
static struct page *__read_swap_cache_async(swp_entry_t entry, gfp_t gfp,
					    struct vm_area_struct *vma,
					    unsigned long addr, bool *new)
{
	struct page *page;
	struct folio *folio;
	void *shadow = NULL;
	int err;

	*new = false;
	if (!swp_swap_info(entry))
		return NULL;
	for (;;) {
		folio = swap_cache_get_folio_ref(entry);
		if (folio)
			return &folio->page;
		if (!__swap_count(entry) &&
		    READ_ONCE(mmsim_swap_state()->swap_slot_cache_enabled))
			return NULL;     /* freed, or a slot waiting in a slot cache */
		page = alloc_pages(gfp, 0);
		if (!page)
			return NULL;
		err = swapcache_prepare(entry);
		if (!err)
			break;
		put_page(page);
		if (err != -EEXIST)
			return NULL;
		/*
		 * Another CPU is adding (or removing) this slot's page: 6.1
		 * sleeps a jiffy and looks again; the host thread yields.
		 */
		host_cpu_yield();
	}
	__folio_set_locked(page_folio(page));   /* until swap_readpage has filled it */
	if (add_to_swap_cache(page_folio(page), entry, gfp, &shadow)) {
		put_swap_folio(page_folio(page), entry);
		unlock_page(page);
		put_page(page);
		return NULL;
	}
	(void)vma;
	(void)addr;
	/* a refault of a page reclaim evicted; then onto the LRU, as 6.1 */
	if (shadow)
		workingset_refault(page_folio(page), shadow);
	folio_add_lru(page_folio(page));
	*new = true;
	return page;
}

struct page *read_swap_cache_async(swp_entry_t entry, gfp_t gfp,
				   struct vm_area_struct *vma,
				   unsigned long addr, bool *new_page_allocated)
{
	bool allocated;
	struct page *page = __read_swap_cache_async(entry, gfp, vma, addr, &allocated);

	if (allocated)
		swap_readpage(page, true);
	if (new_page_allocated)
		*new_page_allocated = allocated;
	return page;
}

/*
 * swapin_nr_pages: how many slots to read around @offset: 2 + the hits
 * since last time rounded up to a power of two (at least 4), 1 for a
 * lone fault not next to the previous one, capped at 2^page_cluster,
 * not below half the previous window.
 */
static unsigned long swapin_nr_pages(unsigned long offset)
{
	struct swap_state *s = mmsim_swap_state();
	unsigned int hits, pages, max_pages = 1U << s->k_page_cluster;

	if (max_pages <= 1)
		return 1;
	hits = (unsigned int)atomic_xchg(&s->swapin_readahead_hits, 0);
	pages = hits + 2;
	if (pages == 2) {
		unsigned long prev = READ_ONCE(s->ra_prev_offset);

		if (offset != prev + 1 && offset != prev - 1)
			pages = 1;
	} else {
		unsigned int roundup = 4;

		while (roundup < pages)
			roundup <<= 1;
		pages = roundup;
	}
	if (pages > max_pages)
		pages = max_pages;
	if (pages < (unsigned int)atomic_read(&s->ra_last_pages) / 2)
		pages = (unsigned int)atomic_read(&s->ra_last_pages) / 2;
	if (!hits)
		WRITE_ONCE(s->ra_prev_offset, offset);
	atomic_set(&s->ra_last_pages, (int)pages);
	return pages;
}

/*
 * swap_cluster_readahead: read the aligned block of slots around @entry
 * into the swap cache (the header slot skipped), the others marked
 * PG_readahead and counted in swap_ra; then the page of @entry itself.
 */
static struct page *swap_cluster_readahead(swp_entry_t entry, gfp_t gfp,
					   struct vm_fault *vmf)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned long entry_offset = swp_offset(entry), offset;
	unsigned long mask = swapin_nr_pages(entry_offset) - 1;
	unsigned long start, end;

	if (mask) {
		start = entry_offset & ~mask;
		end = entry_offset | mask;
		if (!start)
			start++;
		if (end >= si->max)
			end = si->max - 1;
		for (offset = start; offset <= end; offset++) {
			bool allocated;
			struct page *page = __read_swap_cache_async(
				swp_entry(swp_type(entry), offset), gfp, vmf->vma,
				vmf->address, &allocated);

			if (!page)
				continue;
			if (allocated) {
				swap_readpage(page, false);
				if (offset != entry_offset) {
					SetPageReclaim(page);    /* SetPageReadahead */
					count_vm_event(SWAP_RA);
				}
			}
			put_page(page);
		}
	}
	return read_swap_cache_async(entry, gfp, vmf->vma, vmf->address, NULL);
}

struct page *swapin_readahead(swp_entry_t entry, gfp_t gfp, struct vm_fault *vmf)
{
	return swap_cluster_readahead(entry, gfp, vmf);
}

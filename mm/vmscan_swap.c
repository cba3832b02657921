// SPDX-License-Identifier: MIT
/*
 * mm/vmscan_swap.c — the calls reclaim makes into the swap layer, in one
 * place: is there swap space, put an anonymous folio in the swap cache,
 * write a dirty folio out (pageout), drop a swap-cache folio.
 *
 * Kernel counterpart: pageout() and the swap-cache half of
 * __remove_mapping() in mm/vmscan.c (Linux 6.1); the swap layer itself is
 * mm/swapfile.c, mm/swap_slots.c, mm/swap_state.c, mm/page_io.c and
 * shmem_writepage in mm/shmem.c.
 *
 *   anonymous folio:  add_to_swap (slot + swap cache) -> try_to_unmap
 *                     (swap entries in the PTEs) -> pageout: cleared,
 *                     swap_writepage (PG_writeback until the simulated
 *                     disk completes at the next scheduling point) ->
 *                     a later pass: clean, only isolation and the swap
 *                     cache hold it -> out of the cache, slot kept by
 *                     the PTEs, folio freed;
 *   tmpfs folio:      unmapped -> pageout: shmem_writepage moves it from
 *                     the file's page cache to the swap cache (the entry
 *                     stays in the file) and writes it -> as above.
 * With no swap area (total_swap_pages == 0) add_to_swap finds no slot and
 * shmem_writepage redirties: the folio is activated and stays.
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/fs.h"
#include "linux/swap.h"
#include "linux/swap_lru.h"
#include "linux/vmstat.h"
#include "mmsim/swap_state.h"
#include "mm/vmscan_internal.h"

/* get_nr_swap_pages(): free swap slots. */
long vmscan_nr_swap_pages(void)
{
	return get_nr_swap_pages();
}

/* total_swap_pages: slots of every enabled swap area. */
long vmscan_total_swap_pages(void)
{
	return total_swap_pages;
}

/* add_to_swap(folio): a slot and the swap cache, or false. */
bool vmscan_add_to_swap(struct folio *folio)
{
	if (folio_test_large(folio))
		return false;           /* a THP: no THP swap on a rotating disk */
	return add_to_swap(folio);
}

/*
 * pageout(): clear the dirty bit (folio_clear_dirty_for_io) and write the
 * folio through its writepage: swap_writepage for a swap-cache folio,
 * shmem_writepage for a tmpfs one.  mmsim has no file system with
 * write-back, so other dirty folios are kept.
 */
enum pageout_result vmscan_pageout(struct folio *folio)
{
	struct page *page = folio_page(folio, 0);
	int res;

	/* is_page_cache_freeable: only isolation and the (swap) cache hold it */
	if (folio_ref_count(folio) != 2)
		return PAGE_KEEP;
	if (folio_test_swapcache(folio)) {
		folio_clear_dirty(folio);
		folio_set_reclaim(folio);
		res = swap_writepage(page, NULL);
	} else if (folio_mapping(folio) && folio_test_swapbacked(folio)) {
		folio_clear_dirty(folio);
		folio_set_reclaim(folio);
		res = shmem_writepage(page, NULL);
		if (res) {              /* redirtied: no slot (AOP_WRITEPAGE_ACTIVATE) */
			folio_clear_reclaim(folio);
			return PAGE_ACTIVATE;
		}
	} else {
		return PAGE_KEEP;
	}
	if (res) {
		folio_set_dirty(folio);
		folio_clear_reclaim(folio);
		return PAGE_KEEP;
	}
	if (!folio_test_writeback(folio))
		folio_clear_reclaim(folio);
	/* every write reclaim started, as /proc/vmstat's nr_vmscan_write */
	mod_node_page_state(folio_pgdat(folio), NR_VMSCAN_WRITE,
			    (long)folio_nr_pages(folio));
	return PAGE_SUCCESS;
}

/*
 * __remove_mapping for the swap cache: under the cache's lock the count
 * is frozen at the cache's + the isolation's references (a lookup on
 * another CPU that took one meanwhile keeps the folio), then
 * __delete_from_swap_cache (leaving the shadow of a @reclaimed folio) +
 * put_swap_folio.  6.1 frees the frozen folio at once; here the count is
 * set back to the isolation's one reference, which the caller drops last
 * (nobody can find the folio any more to take another).
 */
bool vmscan_remove_swapcache(struct folio *folio, bool reclaimed)
{
	swp_entry_t entry = { folio_page(folio, 0)->private };
	struct address_space *space = swap_address_space(entry);
	void *shadow = NULL;

	if (folio_test_writeback(folio))
		return false;
	xa_lock_irq(&space->i_pages);
	if (!folio_ref_freeze(folio, 2)) {
		xa_unlock_irq(&space->i_pages);
		return false;
	}
	if (folio_test_dirty(folio)) {
		folio_ref_unfreeze(folio, 2);
		xa_unlock_irq(&space->i_pages);
		return false;
	}
	if (reclaimed)
		shadow = workingset_eviction(folio, NULL);
	__delete_from_swap_cache(folio, entry, shadow);
	xa_unlock_irq(&space->i_pages);
	put_swap_folio(folio, entry);
	folio_ref_unfreeze(folio, 1);
	return true;
}

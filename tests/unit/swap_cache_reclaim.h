/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/swap_cache_reclaim.h — for the tests that end with pages
 * left in the swap cache (6.1 keeps a page read back or paged out in the
 * swap cache after its last mapping goes, until reclaim or a full swap
 * frees it): reclaim_swap_cache() frees them before the no-page-lost
 * check.  Kernel counterpart: none (what reclaim would do later).
 */
#ifndef _MMSIM_TESTS_SWAP_CACHE_RECLAIM_H
#define _MMSIM_TESTS_SWAP_CACHE_RECLAIM_H

#include "linux/swap.h"
#include "linux/swapops.h"
#include "mm/process_internal.h"
#include "mmsim/swap_state.h"

/*
 * Reclaim of what the swap cache still holds once nothing maps it: the
 * pages read back (their slots kept) and those a write copied away from.
 */
static inline void reclaim_swap_cache(void)
{
	struct swap_info_struct *si = swap_info[0];
	unsigned long off;

	for (off = 1; off < si->max; off++) {
		swp_entry_t entry = swp_entry(0, off);
		struct page *page = lookup_swap_cache(entry, NULL, 0);

		if (!page || page_mapped(page))
			continue;
		xa_lock_irq(&swap_address_space(entry)->i_pages);   /* __remove_mapping */
		__delete_from_swap_cache(page_folio(page), entry, NULL);
		xa_unlock_irq(&swap_address_space(entry)->i_pages);
		put_swap_folio(page_folio(page), entry);
		put_page(page);
	}
}

#endif /* _MMSIM_TESTS_SWAP_CACHE_RECLAIM_H */

// SPDX-License-Identifier: MIT
/*
 * mm/vmscan_swap.c — the calls reclaim makes into the swap layer, in one
 * place: is there swap space, put an anonymous folio in the swap cache,
 * write a dirty folio out (pageout), drop a swap-cache folio.
 *
 * Kernel counterpart: pageout() and the swap-cache half of
 * __remove_mapping() in mm/vmscan.c; the !CONFIG_SWAP stubs of
 * include/linux/swap.h (Linux 6.1).
 *
 * Status: mmsim's swap layer (mm/swapfile.c, mm/swap_state.c,
 * mm/page_io.c) is being written beside this and is not in this tree
 * yet, so this file answers as a kernel with no swap area enabled does:
 * no swap pages (get_nr_swap_pages() == 0, total_swap_pages == 0), so
 *   - get_scan_count never scans anon (SCAN_FILE) and kswapd does not
 *     age the anon lists (can_age_anon_pages);
 *   - add_to_swap fails (folio_alloc_swap finds no slot): an anonymous
 *     folio reclaim reaches (MADV_PAGEOUT) is activated and stays;
 *   - shmem_writepage redirties and asks for activation
 *     (AOP_WRITEPAGE_ACTIVATE when !total_swap_pages): a tmpfs folio is
 *     unmapped but stays in its file.
 * When the swap layer lands, each function here becomes the one call the
 * comment names.
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/swap_lru.h"
#include "mm/vmscan_internal.h"

/* get_nr_swap_pages(): free swap slots. */
long vmscan_nr_swap_pages(void)
{
	return 0;
}

/* total_swap_pages: slots of every enabled swap area. */
long vmscan_total_swap_pages(void)
{
	return 0;
}

/* add_to_swap(folio): a slot and the swap cache, or false. */
bool vmscan_add_to_swap(struct folio *folio)
{
	(void)folio;
	return false;
}

/*
 * pageout(): write a dirty folio through its mapping's writepage.  The
 * only dirty folios reclaim reaches in mmsim are tmpfs ones (mmsim has no
 * file system with write-back) and swap-cache ones (none without swap).
 * shmem_writepage with no swap keeps the folio dirty and activates it.
 */
enum pageout_result vmscan_pageout(struct folio *folio)
{
	if (!folio_mapping(folio))
		return PAGE_KEEP;
	folio_set_dirty(folio);                 /* redirty */
	return PAGE_ACTIVATE;
}

/* __remove_mapping for the swap cache: __delete_from_swap_cache + put_swap_folio. */
bool vmscan_remove_swapcache(struct folio *folio, void *shadow)
{
	(void)folio;
	(void)shadow;
	return false;
}

// SPDX-License-Identifier: MIT
/*
 * mm/filemap.c — removing a folio from the page cache.
 *
 * Kernel counterpart: mm/filemap.c (Linux 6.1): page_cache_delete,
 * filemap_unaccount_folio, __filemap_remove_folio, filemap_remove_folio,
 * filemap_get_folio (its plain lookup: no FGP_ flags), and mapping_set_update (include/linux/pagemap.h's, a function here).
 * Adding is the file system's own in mmsim (shmem_add_to_page_cache),
 * as tmpfs does in 6.1; lookups are xa_load on the mapping's i_pages.
 * A lookup that takes a reference (filemap_get_folio) does so under the
 * xarray's lock: mmsim's stand-in for 6.1's RCU walk and
 * folio_try_get_rcu, so that the page found cannot leave the cache and be
 * freed before the reference is taken (a page in the cache holds the
 * cache's reference, taken and dropped under that lock).
 *
 *   filemap_remove_folio        the xarray locked
 *     __filemap_remove_folio
 *       filemap_unaccount_folio   NR_FILE_PAGES, NR_SHMEM
 *       page_cache_delete         the slot: NULL, or a shadow; marks
 *                                 cleared; mapping and nrpages
 *     the cache's reference dropped (folio_put_refs)
 *
 * The workingset tracks xarray nodes that hold only shadows for ordinary
 * file systems (mapping_set_update); tmpfs mappings are left out, as
 * 6.1 leaves them out, so with mmsim's files it never applies.
 */
#include "linux/kernel.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "linux/pagemap.h"
#include "linux/xarray.h"
#include "mm/process_internal.h"

/* mapping_set_update: shadow-node tracking for all but tmpfs (and DAX). */
void mapping_set_update(struct xa_state *xas, struct address_space *mapping)
{
	if (shmem_mapping(mapping))
		return;
	xas_set_update(xas, workingset_update_node);
}

/*
 * filemap_get_folio: the page at @index of @mapping with a reference taken,
 * or NULL (nothing, or a shadow).
 */
struct folio *filemap_get_folio(struct address_space *mapping, unsigned long index)
{
	struct page *page;

	xa_lock_irq(&mapping->i_pages);
	page = xa_load(&mapping->i_pages, index);
	if (xa_is_value(page))
		page = NULL;
	if (page)
		page_ref_inc(page);
	xa_unlock_irq(&mapping->i_pages);
	return page ? page_folio(page) : NULL;
}

/* page_cache_delete: @folio's slot gets @shadow (or NULL), marks cleared. */
static void page_cache_delete(struct address_space *mapping,
			      struct folio *folio, void *shadow)
{
	struct page *page = &folio->page;
	XA_STATE(xas, &mapping->i_pages, page->index);
	void *old;

	mapping_set_update(&xas, mapping);
	old = xas_store(&xas, shadow);
	xas_init_marks(&xas);
	VM_WARN_ON_ONCE(old != page);
	page->mapping = NULL;           /* the index stays: truncation reads it */
	mapping->nrpages--;
}

/*
 * filemap_unaccount_folio: the counters.  A tmpfs page may still be
 * mapped here (truncation unmaps first, but a private copy's source
 * lives on): 6.1 complains only for other file systems.
 */
static void filemap_unaccount_folio(struct address_space *mapping,
				    struct folio *folio)
{
	struct page *page = &folio->page;

	(void)mapping;
	__mod_node_page_state(page_pgdat(page), NR_FILE_PAGES, -1);
	if (PageSwapBacked(page))
		__mod_node_page_state(page_pgdat(page), NR_SHMEM, -1);
}

/* __filemap_remove_folio: with the xarray locked; the reference stays. */
void __filemap_remove_folio(struct folio *folio, void *shadow)
{
	struct address_space *mapping = folio->page.mapping;

	filemap_unaccount_folio(mapping, folio);
	page_cache_delete(mapping, folio, shadow);
}

/* filemap_remove_folio: out of its mapping, and the cache's reference goes. */
void filemap_remove_folio(struct folio *folio)
{
	struct address_space *mapping = folio->page.mapping;

	xa_lock_irq(&mapping->i_pages);
	__filemap_remove_folio(folio, NULL);
	xa_unlock_irq(&mapping->i_pages);
	put_page(&folio->page);
}

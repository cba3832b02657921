// SPDX-License-Identifier: MIT
/*
 * mm/migrate.c — moving an in-use page to another page frame.
 *
 * Kernel counterparts: mm/migrate.c (Linux 6.1): migrate_pages,
 * unmap_and_move, __unmap_and_move, move_to_new_folio, migrate_folio,
 * folio_migrate_mapping, folio_migrate_flags, folio_migrate_copy,
 * remove_migration_ptes / remove_migration_pte, putback_movable_pages;
 * and try_to_migrate / try_to_migrate_one of mm/rmap.c.
 *
 * One page's move, for an order-0 anonymous or tmpfs page that the caller
 * isolated (one extra reference, linked on a list by page->lru):
 *
 *   old page, mapped by N PTEs           new page (get_new_page)
 *   refcount N (+1 page cache) +1 isolation
 *       |
 *   try_to_migrate: through rmap_walk, each PTE mapping it becomes a
 *       migration entry (a swap-format PTE naming the old pfn, with its
 *       write, accessed, dirty and anon-exclusive state); the PTE's
 *       mapcount and reference go
 *       |
 *   folio_migrate_mapping: only the expected references may be left
 *       (isolation, + the page cache); else -EAGAIN.  A tmpfs page's cache
 *       slot now names the new page, which takes the cache's reference
 *       |
 *   folio_migrate_copy: the 4 KiB of simulated RAM, and the page flags
 *       |
 *   remove_migration_ptes: each migration entry becomes a PTE to the new
 *       page (or back to the old one when the move failed)
 *       |
 *   the isolation reference of the old page is dropped: it is freed.
 *
 * migrate_pages() retries pages that hit -EAGAIN up to 10 times, then
 * counts them failed (pgmigrate_fail); a page with references nobody can
 * account for (a pin, a get_user_pages holder) never moves.
 *
 * Isolation takes the page off its LRU list (folio_isolate_lru); a page
 * that did not move, and the new page of one that did, go back through
 * folio_putback_lru.  What mmsim does not have yet: the migration of a
 * swap-cache page (its extra reference makes folio_migrate_mapping give
 * up), non-LRU movable pages (zsmalloc, balloon) and the migration of
 * transparent huge pages (compaction skips them, as 6.1 does; other
 * callers of migrate_pages do not exist in mmsim).
 *
 * Locks, as 6.1's __unmap_and_move: the old page's lock (tried; waited
 * for unless MIGRATE_ASYNC) across the whole move, the new page locked
 * before it becomes visible in the page cache or a PTE and unlocked after
 * remove_migration_ptes; each PTE changed under its table's lock (the
 * rmap walk's anon_vma or i_mmap_rwsem keeps the table); the page
 * cache's slot swapped under its i_pages lock.  Another CPU's fault that
 * meets a migration entry waits for the old page's lock to go
 * (migration_entry_wait) and faults again; zap and fork handle the
 * entries as 6.1 does (mm/memory_user.c).  The validators check none is
 * left behind.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/swap_lru.h"
#include "linux/pgtable.h"
#include "linux/swapops.h"
#include "linux/migrate.h"
#include "linux/vmstat.h"
#include "linux/fs.h"
#include "linux/sched.h"
#include "linux/pagemap.h"
#include "mmsim/host.h"
#include "mmsim/tlb.h"
#include "mm/process_internal.h"
#include "mm/page_alloc_internal.h"

#define NR_MAX_MIGRATE_PAGES_RETRY 10

/* Drop a reference that is known not to be the last. */
static void page_ref_dec(struct page *page)
{
	bool last = page_ref_dec_and_test(page);

	VM_BUG_ON(last);
	(void)last;
}


/* ---- isolation -------------------------------------------------------------- */

/* page_mapping(): the page cache a page belongs to; NULL for anonymous pages. */
static struct address_space *migrate_page_mapping(struct page *page)
{
	if (PageAnon(page))
		return NULL;
	return page->mapping;
}

bool mmsim_page_migratable(struct page *page)
{
	if (PageBuddy(page) || PageSlab(page) || PageTable(page) ||
	    PageReserved(page) || PageCompound(page))
		return false;
	if (page_ref_count(page) <= 0 || !page->mapping)
		return false;
	return PageAnon(page) || PageSwapBacked(page);
}

/*
 * Compaction's isolation of a user page: off its LRU list with a
 * reference that keeps it (folio_isolate_lru).  0, or -EBUSY when the
 * page is not a user page or not on a list (in a per-CPU batch, or
 * already isolated by reclaim).
 */
int isolate_migratable_page(struct page *page)
{
	if (!mmsim_page_migratable(page))
		return -EBUSY;
	return folio_isolate_lru(page_folio(page)) ? -EBUSY : 0;
}

/* Pages that did not move go back to their LRU list (putback_movable_pages). */
void putback_movable_pages(struct list_head *l)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, l, lru) {
		list_del(&page->lru);
		folio_putback_lru(page_folio(page));
	}
}

/* ---- unmapping: PTEs become migration entries ------------------------------ */

static bool try_to_migrate_one(struct folio *folio, struct vm_area_struct *vma,
			       unsigned long address, void *arg)
{
	struct page *page = &folio->page;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pfn = page_to_pfn(page);
	spinlock_t *ptl;
	pte_t *ptep = page_vma_mapped_pte(page, vma, address, &ptl);
	bool anon_exclusive;
	swp_entry_t entry;
	pte_t pteval;

	(void)arg;
	if (!ptep)
		return true;
	pteval = ptep_get_and_clear(mm, address, ptep);  /* ptep_clear_flush */
	flush_tlb_page(vma, address);
	if (pte_dirty(pteval))
		SetPageDirty(page);
	anon_exclusive = PageAnon(page) && PageAnonExclusive(page);
	if (anon_exclusive)
		ClearPageAnonExclusive(page);   /* page_try_share_anon_rmap */
	if (pte_write(pteval))
		entry = make_writable_migration_entry(pfn);
	else if (anon_exclusive)
		entry = make_readable_exclusive_migration_entry(pfn);
	else
		entry = make_readable_migration_entry(pfn);
	if (pte_young(pteval))
		entry = make_migration_entry_young(entry);
	if (pte_dirty(pteval))
		entry = make_migration_entry_dirty(entry);
	set_pte_at(mm, address, ptep, swp_entry_to_pte(entry));
	page_remove_rmap(page, vma, false);
	page_ref_dec(page);             /* the mapping's reference; isolation holds one */
	spin_unlock(ptl);
	return true;
}

/* Replace every PTE mapping @folio by a migration entry (mm/rmap.c in 6.1). */
void try_to_migrate(struct folio *folio, int flags)
{
	struct rmap_walk_control rwc = {
		.rmap_one = try_to_migrate_one,
	};

	(void)flags;
	rmap_walk(folio, &rwc);
}

/* ---- remapping: migration entries become PTEs again ------------------------- */

struct remove_migration_arg {
	struct page *old;  /* the pfn the entries name */
	struct page *new;  /* the page they map from now on */
};

static pte_t migration_entry_to_pte(swp_entry_t entry, struct page *new,
				    struct vm_area_struct *vma)
{
	pte_t pte = pte_mkold(mk_pte(new, vma->vm_page_prot));

	if (is_migration_entry_young(entry))
		pte = pte_mkyoung(pte);
	if (PageDirty(new) && is_migration_entry_dirty(entry))
		pte = pte_mkdirty(pte);
	if (is_writable_migration_entry(entry) && (vma->vm_flags & VM_WRITE))
		pte = pte_mkwrite(pte);
	return pte;
}

static bool remove_migration_pte(struct folio *folio, struct vm_area_struct *vma,
				 unsigned long address, void *arg)
{
	struct remove_migration_arg *rma = arg;
	struct page *new = rma->new;
	pmd_t *pmd;
	pte_t *ptep = mmsim_pte_lookup(vma->vm_mm, address, &pmd);
	spinlock_t *ptl;
	swp_entry_t entry;

	(void)folio;
	if (!ptep)
		return true;
	ptl = pte_lockptr(vma->vm_mm, pmd);
	spin_lock(ptl);
	if (!is_swap_pte(ptep_get(ptep)))
		goto out;
	entry = pte_to_swp_entry(ptep_get(ptep));
	if (!is_migration_entry(entry) ||
	    swp_offset_pfn(entry) != page_to_pfn(rma->old))
		goto out;
	page_ref_inc(new);
	if (PageAnon(new)) {
		unsigned int flags = RMAP_NONE;

		if (is_writable_migration_entry(entry) ||
		    is_readable_exclusive_migration_entry(entry))
			flags = RMAP_EXCLUSIVE;
		page_add_anon_rmap(new, vma, address, flags);
		mlock_vma_page(new, vma, false);
	} else {
		page_add_file_rmap(new, vma, false);
	}
	set_pte_at(vma->vm_mm, address, ptep,
		   migration_entry_to_pte(entry, new, vma));
out:
	spin_unlock(ptl);
	return true;
}

/*
 * migration_entry_wait: a fault met a migration entry at @address.  With
 * the table's lock, if it is still one, wait (the lock dropped) until the
 * page it names is unlocked, which the move does after replacing its
 * entries; the fault is then taken again.
 */
void migration_entry_wait(struct mm_struct *mm, pmd_t *pmd, unsigned long address)
{
	spinlock_t *ptl;
	pte_t *ptep = pte_offset_map_lock(mm, pmd, address, &ptl);
	pte_t pte = ptep_get(ptep);
	struct page *page;

	if (!is_swap_pte(pte) || !is_migration_entry(pte_to_swp_entry(pte))) {
		pte_unmap_unlock(ptep, ptl);
		return;
	}
	page = pfn_to_page(swp_offset_pfn(pte_to_swp_entry(pte)));
	pte_unmap_unlock(ptep, ptl);
	/* migration_entry_wait_on_locked: the page is not freed while locked */
	while (PageLocked(page))
		host_cpu_yield();
}

/*
 * Turn the migration entries naming @src into PTEs mapping @dst (@dst ==
 * @src when the move failed).  @dst has @src's mapping and index, so the
 * walk visits the same VMAs.
 */
void remove_migration_ptes(struct folio *src, struct folio *dst, bool locked)
{
	struct remove_migration_arg rma = { .old = &src->page, .new = &dst->page };
	struct rmap_walk_control rwc = {
		.rmap_one = remove_migration_pte,
		.arg = &rma,
	};

	(void)locked;
	rmap_walk(dst, &rwc);
}

/* ---- moving the page's identity and contents ------------------------------- */

/* Node counters follow the page cache page when it changes node. */
static void migrate_cache_stats(struct page *old, struct page *new)
{
	pg_data_t *from = page_pgdat(old), *to = page_pgdat(new);

	if (from == to)
		return;
	__mod_node_page_state(from, NR_FILE_PAGES, -1);
	__mod_node_page_state(to, NR_FILE_PAGES, 1);
	if (PageSwapBacked(old)) {
		__mod_node_page_state(from, NR_SHMEM, -1);
		__mod_node_page_state(to, NR_SHMEM, 1);
	}
}

/*
 * folio_migrate_mapping: hand @page's place over to @newpage.  The only
 * references left may be the isolation's (+ the page cache's): any other
 * holder (a pin) makes it -EAGAIN.
 */
int folio_migrate_mapping(struct address_space *mapping, struct page *newpage,
			  struct page *page, int extra_count)
{
	int expected_count = 1 + extra_count + (mapping ? 1 : 0);

	if (page_ref_count(page) != expected_count)
		return -EAGAIN;
	newpage->index = page->index;
	newpage->mapping = page->mapping;
	if (PageSwapBacked(page))
		SetPageSwapBacked(newpage);
	if (!mapping)
		return MIGRATEPAGE_SUCCESS;
	/* the page cache slot and its reference move to the new page */
	{
		XA_STATE(xas, &mapping->i_pages, page->index);

		xas_lock_irq(&xas);
		VM_BUG_ON(xas_load(&xas) != page);
		xas_store(&xas, newpage);       /* the slot exists: no node */
		xas_unlock_irq(&xas);
	}
	page_ref_inc(newpage);
	page_ref_dec(page);
	migrate_cache_stats(page, newpage);
	return MIGRATEPAGE_SUCCESS;
}

/* folio_migrate_flags: the state bits that belong to the contents. */
static void folio_migrate_flags(struct page *newpage, struct page *page)
{
	if (PageReferenced(page))
		SetPageReferenced(newpage);
	if (PageUptodate(page))
		SetPageUptodate(newpage);
	if (PageActive(page))
		SetPageActive(newpage);
	if (PageUnevictable(page))
		SetPageUnevictable(newpage);
	if (PageDirty(page))
		SetPageDirty(newpage);
	if (!PageAnon(page) && test_page_bit(page, PG_mappedtodisk))
		set_page_bit(newpage, PG_mappedtodisk);
	ClearPageActive(page);
	ClearPageUnevictable(page);
}

static void folio_migrate_copy(struct page *newpage, struct page *page)
{
	memcpy(page_address(newpage), page_address(page), PAGE_SIZE);
	folio_migrate_flags(newpage, page);
}

/* migrate_folio: the move for pages without their own migrate_folio method. */
static int migrate_folio(struct address_space *mapping, struct page *dst,
			 struct page *src, enum migrate_mode mode)
{
	int rc;

	(void)mode;
	rc = folio_migrate_mapping(mapping, dst, src, 0);
	if (rc != MIGRATEPAGE_SUCCESS)
		return rc;
	folio_migrate_copy(dst, src);
	return MIGRATEPAGE_SUCCESS;
}

/* move_to_new_folio: on failure @newpage is left without identity. */
static int move_to_new_folio(struct page *newpage, struct page *page,
			     enum migrate_mode mode)
{
	int rc = migrate_folio(migrate_page_mapping(page), newpage, page, mode);

	if (rc != MIGRATEPAGE_SUCCESS) {
		newpage->mapping = NULL;
		ClearPageSwapBacked(newpage);
	}
	return rc;
}

/* ---- one page, and the list ------------------------------------------------ */

static int __unmap_and_move(struct page *page, struct page *newpage,
			    enum migrate_mode mode)
{
	bool page_was_mapped = false;
	int rc = -EAGAIN;

	/* the old page's lock: tried, and waited for unless async */
	if (!trylock_page(page)) {
		if (mode == MIGRATE_ASYNC)
			return -EAGAIN;
		lock_page(page);
	}
	if (test_page_bit(page, PG_writeback) && mode != MIGRATE_SYNC) {
		unlock_page(page);
		return -EBUSY;
	}
	/* the new one, before anyone can find it (nobody else has it yet) */
	__folio_set_locked(page_folio(newpage));
	if (page_mapcount(page) > 0) {
		try_to_migrate(page_folio(page), 0);
		page_was_mapped = true;
	}
	if (page_mapcount(page) <= 0)
		rc = move_to_new_folio(newpage, page, mode);
	if (page_was_mapped)
		remove_migration_ptes(page_folio(page),
				      page_folio(rc == MIGRATEPAGE_SUCCESS ? newpage : page),
				      false);
	unlock_page(newpage);
	unlock_page(page);
	return rc;
}

/*
 * Move one isolated @page.  On success or a permanent failure the page
 * leaves @page's list (freed, or put on @ret for the caller to put back);
 * on -EAGAIN it stays for another round.
 */
static int unmap_and_move(new_page_t get_new_page, free_page_t put_new_page,
			  unsigned long private, struct page *page,
			  enum migrate_mode mode, struct list_head *ret)
{
	struct page *newpage;
	int rc;

	if (page_ref_count(page) == 1) {
		/* everyone else let go while it was isolated: nothing to move */
		ClearPageActive(page);
		ClearPageUnevictable(page);
		list_del(&page->lru);
		free_user_page(page);
		return MIGRATEPAGE_SUCCESS;
	}
	newpage = get_new_page(page, private);
	if (!newpage)
		return -ENOMEM;
	rc = __unmap_and_move(page, newpage, mode);
	if (rc == -EAGAIN) {
		put_new_page(newpage, private);
		return rc;
	}
	list_del(&page->lru);
	if (rc == MIGRATEPAGE_SUCCESS) {
		/* on the LRU, dropping get_new_page's reference */
		folio_putback_lru(page_folio(newpage));
		free_user_page(page);    /* the isolation's, the last */
	} else {
		list_add_tail(&page->lru, ret);
		put_new_page(newpage, private);
	}
	return rc;
}

int migrate_pages(struct list_head *from, new_page_t get_new_page,
		  free_page_t put_new_page, unsigned long private,
		  enum migrate_mode mode, int reason,
		  unsigned int *ret_succeeded)
{
	int retry = 1, nr_failed = 0, pass, rc;
	unsigned int nr_succeeded = 0;
	struct page *page, *next;
	LIST_HEAD(ret_pages);

	(void)reason;
	for (pass = 0; pass < NR_MAX_MIGRATE_PAGES_RETRY && retry; pass++) {
		retry = 0;
		list_for_each_entry_safe(page, next, from, lru) {
			if (PageCompound(page)) {       /* not supported: see the top */
				list_move_tail(&page->lru, &ret_pages);
				nr_failed++;
				continue;
			}
			rc = unmap_and_move(get_new_page, put_new_page, private,
					    page, mode, &ret_pages);
			if (rc == -ENOMEM) {
				/*
				 * No destination: stop; this page and those
				 * waiting for a retry count as failed, the
				 * untried rest stays on @from uncounted.
				 */
				nr_failed += 1 + retry;
				goto out;
			}
			if (rc == -EAGAIN)
				retry++;
			else if (rc == MIGRATEPAGE_SUCCESS)
				nr_succeeded++;
			else
				nr_failed++;
		}
	}
	nr_failed += retry;
	rc = nr_failed;
out:
	list_splice_init(&ret_pages, from);
	count_vm_events(PGMIGRATE_SUCCESS, nr_succeeded);
	count_vm_events(PGMIGRATE_FAIL, nr_failed);
	if (ret_succeeded)
		*ret_succeeded = nr_succeeded;
	return rc == -ENOMEM ? -ENOMEM : nr_failed;
}

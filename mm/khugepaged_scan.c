// SPDX-License-Identifier: MIT
/*
 * mm/khugepaged_scan.c — khugepaged: the kernel thread that collapses
 * runs of 4 KiB anonymous pages into transparent huge pages.
 *
 * Kernel counterpart: mm/khugepaged.c (Linux 6.1): __khugepaged_enter,
 * khugepaged_enter_vma, __khugepaged_exit, khugepaged_fork/exit,
 * collect_mm_slot, khugepaged_do_scan, khugepaged_scan_mm_slot,
 * hpage_collapse_scan_pmd, collapse_huge_page,
 * __collapse_huge_page_swapin, __collapse_huge_page_isolate,
 * __collapse_huge_page_copy, khugepaged_alloc_sleep, khugepaged_wait_work
 * and the khugepaged() thread.  Its set-up and sysfs files are in
 * mm/khugepaged.c, its globals in mm/khugepaged_internal.h.
 *
 * Which mms are scanned: an mm goes on the list (MMF_VM_HUGEPAGE) when
 * one of its VMAs becomes eligible for khugepaged (hugepage_vma_check
 * with the sysfs setting enforced: anonymous, with an anon_vma, holding
 * an aligned 2 MiB block, VM_HUGEPAGE or THP "always"): a huge-page
 * fault, a VMA that grew or merged (mmap, brk, stack growth), MADV_HUGEPAGE,
 * fork of a listed mm.  Registering into an empty list wakes the thread.
 * The mm leaves the list at exit (or, when the cursor is on it, at the
 * cursor's next move).
 *
 * One pass (khugepaged_do_scan), after draining the per-CPU LRU batches:
 *
 *   cursor (mm, address) ──> each eligible VMA, each aligned 2 MiB block
 *     hpage_collapse_scan_pmd: a PTE table whose PTEs are
 *        none or the zero page   at most max_ptes_none   (511)
 *        swap entries            at most max_ptes_swap   (64)
 *        pages mapped elsewhere  at most max_ptes_shared (256)
 *        the rest: anonymous pages on the LRU, no extra reference,
 *        at least one writable and one young (accessed or referenced)
 *     collapse_huge_page: allocate an order-9 page (GFP_TRANSHUGE when
 *        defrag's khugepaged flag is set: direct reclaim/compaction; the
 *        events thp_collapse_alloc / _failed), swap in the swap entries,
 *        take the PMD off, isolate the pages, copy them (clear the holes),
 *        map the THP with one PMD; the old PTE table becomes the table
 *        deposited under the huge PMD, the old pages are freed.
 *   each block counts 512 pages of progress, each VMA skipped one; the
 *   pass ends after pages_to_scan or once past the list's head twice;
 *   the cursor passing the last mm counts a full scan (full_scans).
 *
 * Then the thread sleeps scan_sleep_millisecs (10 s) while any mm is
 * listed, or until one registers.  A failed huge-page allocation sleeps
 * alloc_sleep_millisecs (60 s) once per pass, then the pass goes on.
 *
 * mmsim differences: the simulation has one CPU of work at a time, so
 * no lock is taken (mmap_lock, page locks, the mm list's spinlock); the
 * mm slots are host memory found by a walk of the list (6.1: a
 * khugepaged_mm_slot slab object and a hash); file and tmpfs THPs
 * (collapse_file, pte-mapped THPs to retract) do not exist; a
 * scan_sleep_millisecs of 0 sleeps one jiffy (the kernel's thread would
 * rescan at once, for ever); MADV_COLLAPSE (madvise_collapse) is not
 * there (the script language has no such advice).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/bitmap.h"
#include "linux/pgtable.h"
#include "linux/vmstat.h"
#include "linux/huge_mm.h"
#include "linux/highmem.h"
#include "linux/kthread.h"
#include "linux/timer.h"
#include "linux/swap.h"
#include "linux/swapops.h"
#include "linux/swap_lru.h"
#include "mmsim/tlb.h"
#include "mm/process_internal.h"
#include "mm/page_alloc_internal.h"
#include "mm/khugepaged_internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <string.h>

/* The outcomes of a scan or collapse (6.1's enum scan_result, in part). */
enum scan_result {
	SCAN_FAIL,
	SCAN_SUCCEED,
	SCAN_PMD_NULL,
	SCAN_PMD_NONE,
	SCAN_PMD_MAPPED,
	SCAN_EXCEED_NONE_PTE,
	SCAN_EXCEED_SWAP_PTE,
	SCAN_EXCEED_SHARED_PTE,
	SCAN_PTE_NON_PRESENT,
	SCAN_LACK_REFERENCED_PAGE,
	SCAN_PAGE_NULL,
	SCAN_PAGE_RO,
	SCAN_PAGE_LOCK,
	SCAN_PAGE_ANON,
	SCAN_PAGE_COMPOUND,
	SCAN_ANY_PROCESS,
	SCAN_VMA_NULL,
	SCAN_VMA_CHECK,
	SCAN_ADDRESS_RANGE,
	SCAN_DEL_PAGE_LRU,
	SCAN_ALLOC_HUGE_PAGE_FAIL,
	SCAN_PAGE_COUNT,
	SCAN_PAGE_LRU,
};

struct khugepaged_state *khugepaged_state(void)
{
	struct khugepaged_state *ks = pa_state.khugepaged;

	if (ks)
		return ks;
	ks = host_alloc(sizeof(*ks));
	INIT_LIST_HEAD(&ks->mm_head);
	ks->scan_sleep_millisecs = 10000;
	ks->alloc_sleep_millisecs = 60000;
	ks->phase = KHUGEPAGED_SCAN;
	pa_state.khugepaged = ks;
	return ks;
}

void khugepaged_init(void)
{
	struct khugepaged_state *ks = khugepaged_state();

	ks->pages_to_scan = HPAGE_PMD_NR * 8;
	ks->max_ptes_none = HPAGE_PMD_NR - 1;
	ks->max_ptes_swap = HPAGE_PMD_NR / 8;
	ks->max_ptes_shared = HPAGE_PMD_NR / 2;
}

void khugepaged_wake(struct khugepaged_state *ks)
{
	if (ks->thread)
		wake_up_process(ks->thread);
}

/* ---- the mm list ---- */

static int hpage_collapse_test_exit(struct mm_struct *mm)
{
	return mm->mm_users.counter == 0;
}

static struct khugepaged_mm_slot *mm_slot_lookup(struct khugepaged_state *ks,
						 struct mm_struct *mm)
{
	struct khugepaged_mm_slot *slot;

	list_for_each_entry(slot, &ks->mm_head, mm_node)
		if (slot->mm == mm)
			return slot;
	return NULL;
}

static void mm_slot_free(struct khugepaged_mm_slot *slot)
{
	list_del(&slot->mm_node);
	mmdrop(slot->mm);
	host_free(slot);
}

void __khugepaged_enter(struct mm_struct *mm)
{
	struct khugepaged_state *ks = khugepaged_state();
	struct khugepaged_mm_slot *slot;
	bool wakeup;

	if (test_bit(MMF_VM_HUGEPAGE, &mm->flags))
		return;
	set_bit(MMF_VM_HUGEPAGE, &mm->flags);
	slot = host_alloc(sizeof(*slot));
	slot->mm = mm;
	/* behind the cursor, to let the area settle a little */
	wakeup = list_empty(&ks->mm_head);
	list_add_tail(&slot->mm_node, &ks->mm_head);
	mm->mm_count.counter++;         /* mmgrab */
	if (wakeup)
		khugepaged_wake(ks);
}

void khugepaged_enter_vma(struct vm_area_struct *vma, unsigned long vm_flags)
{
	if (!pa_state.cfg_thp || test_bit(MMF_VM_HUGEPAGE, &vma->vm_mm->flags) ||
	    !hugepage_flags_enabled())
		return;
	if (hugepage_vma_check(vma, vm_flags, false, false, true))
		__khugepaged_enter(vma->vm_mm);
}

void __khugepaged_exit(struct mm_struct *mm)
{
	struct khugepaged_state *ks = khugepaged_state();
	struct khugepaged_mm_slot *slot = mm_slot_lookup(ks, mm);

	/* the slot under the cursor goes when the cursor moves on */
	if (slot && ks->scan_mm_slot != slot) {
		clear_bit(MMF_VM_HUGEPAGE, &mm->flags);
		mm_slot_free(slot);
	}
}

void khugepaged_fork(struct mm_struct *mm, struct mm_struct *oldmm)
{
	if (test_bit(MMF_VM_HUGEPAGE, &oldmm->flags))
		__khugepaged_enter(mm);
}

void khugepaged_exit(struct mm_struct *mm)
{
	if (test_bit(MMF_VM_HUGEPAGE, &mm->flags))
		__khugepaged_exit(mm);
}

/* An mm that exited while the cursor was on it leaves now. */
static void collect_mm_slot(struct khugepaged_mm_slot *slot)
{
	if (hpage_collapse_test_exit(slot->mm))
		mm_slot_free(slot);
}

void khugepaged_release_cursor(struct khugepaged_state *ks)
{
	struct khugepaged_mm_slot *slot = ks->scan_mm_slot;

	ks->scan_mm_slot = NULL;
	if (slot)
		collect_mm_slot(slot);
}

void khugepaged_state_free(struct machine *m)
{
	struct khugepaged_state *ks = m->mm.pa.khugepaged;
	struct khugepaged_mm_slot *slot, *n;

	if (!ks)
		return;
	/* the mms live in simulated memory, which goes with the machine */
	list_for_each_entry_safe(slot, n, &ks->mm_head, mm_node)
		host_free(slot);
	host_free(ks);
	m->mm.pa.khugepaged = NULL;
}

/* ---- one PMD: scan, isolate, copy ---- */

/* The number of base pages of @page's compound (compound_nr). */
static long compound_nr(struct page *page)
{
	return PageCompound(page) ? 1L << compound_order(compound_head(page)) : 1;
}

static bool is_refcount_suitable(struct page *page)
{
	int expected = total_mapcount(page);

	if (PageSwapCache(page))
		expected += (int)compound_nr(page);
	return page_ref_count(compound_head(page)) == expected;
}

static bool pte_none_or_zero(pte_t pte)
{
	return pte_none(pte) || (pte_present(pte) && is_zero_pfn(pte_pfn(pte)));
}

/* A young PTE or page: the block is in use (khugepaged's "referenced"). */
static bool pte_referenced(pte_t pte, struct page *page)
{
	return pte_young(pte) || PageReferenced(page);
}

static void release_pte_page(struct page *page)
{
	mod_node_page_state(page_pgdat(page), NR_ISOLATED_ANON,
			    -compound_nr(page));
	folio_putback_lru(page_folio(page));
}

/* Put back the pages isolated from the PTEs before @end, and the THPs. */
static void release_pte_pages(pte_t *pte, pte_t *end, struct list_head *compound_pagelist)
{
	struct page *page, *tmp;

	while (--end >= pte) {
		if (pte_none_or_zero(*end))
			continue;
		page = pte_page(*end);
		if (!PageCompound(page))
			release_pte_page(page);
	}
	list_for_each_entry_safe(page, tmp, compound_pagelist, lru) {
		list_del(&page->lru);
		release_pte_page(page);
	}
}

static int __collapse_huge_page_isolate(struct vm_area_struct *vma,
					unsigned long address, pte_t *pte,
					struct list_head *compound_pagelist)
{
	struct khugepaged_state *ks = khugepaged_state();
	int none_or_zero = 0, shared = 0, referenced = 0, result;
	bool writable = false;
	pte_t *_pte;

	for (_pte = pte; _pte < pte + HPAGE_PMD_NR; _pte++, address += PAGE_SIZE) {
		pte_t pteval = *_pte;
		struct page *page, *p;

		if (pte_none_or_zero(pteval)) {
			if (++none_or_zero <= (int)ks->max_ptes_none)
				continue;
			result = SCAN_EXCEED_NONE_PTE;
			count_vm_event(THP_SCAN_EXCEED_NONE_PTE);
			goto out;
		}
		if (!pte_present(pteval)) {
			result = SCAN_PTE_NON_PRESENT;
			goto out;
		}
		page = vm_normal_page(vma, address, pteval);
		if (!page) {
			result = SCAN_PAGE_NULL;
			goto out;
		}
		if (page_mapcount(page) > 1 && ++shared > (int)ks->max_ptes_shared) {
			result = SCAN_EXCEED_SHARED_PTE;
			count_vm_event(THP_SCAN_EXCEED_SHARED_PTE);
			goto out;
		}
		if (PageCompound(page)) {
			page = compound_head(page);
			list_for_each_entry(p, compound_pagelist, lru)
				if (p == page)
					goto next;
		}
		if (PageLocked(page)) {
			result = SCAN_PAGE_LOCK;
			goto out;
		}
		if (!is_refcount_suitable(page)) {
			result = SCAN_PAGE_COUNT;
			goto out;
		}
		if (folio_isolate_lru(page_folio(page))) {
			result = SCAN_DEL_PAGE_LRU;
			goto out;
		}
		mod_node_page_state(page_pgdat(page), NR_ISOLATED_ANON,
				    compound_nr(page));
		if (PageCompound(page))
			list_add_tail(&page->lru, compound_pagelist);
next:
		if (pte_referenced(pteval, page))
			referenced++;
		if (pte_write(pteval))
			writable = true;
	}
	if (!writable)
		result = SCAN_PAGE_RO;
	else if (!referenced)
		result = SCAN_LACK_REFERENCED_PAGE;
	else
		return SCAN_SUCCEED;
out:
	release_pte_pages(pte, _pte, compound_pagelist);
	return result;
}

static void clear_user_highpage(struct page *page)
{
	void *v = kmap_local_page(page);

	memset(v, 0, PAGE_SIZE);
	kunmap_local(v);
}

/* free_page_and_swap_cache: the swap copy goes with an unmapped page. */
static void free_page_and_swap_cache(struct page *page)
{
	if (PageSwapCache(page) && !total_mapcount(page))
		folio_free_swap(page_folio(page));
	put_page(page);
}

static void __collapse_huge_page_copy(pte_t *pte, struct page *page,
				      struct vm_area_struct *vma,
				      unsigned long address,
				      struct list_head *compound_pagelist)
{
	struct page *src_page, *tmp;
	pte_t *_pte;

	for (_pte = pte; _pte < pte + HPAGE_PMD_NR; _pte++, page++, address += PAGE_SIZE) {
		pte_t pteval = *_pte;

		if (pte_none_or_zero(pteval)) {
			clear_user_highpage(page);
			add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);
			pte_clear(_pte);
			continue;
		}
		src_page = pte_page(pteval);
		copy_user_highpage(page, src_page);
		if (!PageCompound(src_page))
			release_pte_page(src_page);
		pte_clear(_pte);
		page_remove_rmap(src_page, vma, false);
		free_page_and_swap_cache(src_page);
	}
	list_for_each_entry_safe(src_page, tmp, compound_pagelist, lru) {
		list_del(&src_page->lru);
		release_pte_page(src_page);
	}
}

/* The PMD of @address: SCAN_SUCCEED for a PTE table, else why not. */
static int find_pmd_or_thp_or_none(struct mm_struct *mm, unsigned long address,
				   pmd_t **pmd)
{
	mmsim_pte_lookup(mm, address, pmd);
	if (!*pmd)
		return SCAN_PMD_NULL;
	if (pmd_none(**pmd))
		return SCAN_PMD_NONE;
	if (pmd_large(**pmd))
		return SCAN_PMD_MAPPED;
	return SCAN_SUCCEED;
}

/* The VMA at @address may still take a THP at it (after the allocation). */
static int hugepage_vma_revalidate(struct mm_struct *mm, unsigned long address,
				   struct vm_area_struct **vmap)
{
	struct vm_area_struct *vma;

	if (hpage_collapse_test_exit(mm))
		return SCAN_ANY_PROCESS;
	*vmap = vma = find_vma(mm, address);
	if (!vma || address < vma->vm_start)
		return SCAN_VMA_NULL;
	if (address + HPAGE_PMD_SIZE > vma->vm_end)
		return SCAN_ADDRESS_RANGE;
	if (!hugepage_vma_check(vma, vma->vm_flags, false, false, true))
		return SCAN_VMA_CHECK;
	if (!vma->anon_vma || !vma_is_anonymous(vma))
		return SCAN_PAGE_ANON;
	return SCAN_SUCCEED;
}

/* Swap in the swap entries of the block, as faults would (minor or major). */
static int __collapse_huge_page_swapin(struct vm_area_struct *vma,
				       unsigned long haddr, pmd_t *pmd)
{
	unsigned long address, end = haddr + HPAGE_PMD_SIZE;
	int swapped_in = 0;

	for (address = haddr; address < end; address += PAGE_SIZE) {
		struct vm_fault vmf = {
			.vma = vma,
			.address = address,
			.pmd = pmd,
		};
		vm_fault_t ret;

		vmf.pte = pte_offset_kernel(pmd, address);
		vmf.orig_pte = *vmf.pte;
		if (!is_swap_pte(vmf.orig_pte))
			continue;
		ret = do_swap_page(&vmf);
		if (ret & VM_FAULT_ERROR)
			return SCAN_FAIL;
		swapped_in++;
	}
	if (swapped_in)
		lru_add_drain();
	return SCAN_SUCCEED;
}

/*
 * After the mmap lock was dropped (6.1 drops it to allocate, and swap-in
 * may sleep): the VMA still fit to collapse, and the PMD still a table.
 */
static int collapse_revalidate(struct mm_struct *mm, unsigned long address,
			       struct vm_area_struct **vmap, pmd_t **pmdp)
{
	int result = hugepage_vma_revalidate(mm, address, vmap);

	if (result != SCAN_SUCCEED)
		return result;
	return find_pmd_or_thp_or_none(mm, address, pmdp);
}

static int collapse_huge_page(struct mm_struct *mm, unsigned long address,
			      int unmapped)
{
	const bool defrag = pa_state.transparent_hugepage_flags &
			    (1UL << TRANSPARENT_HUGEPAGE_DEFRAG_KHUGEPAGED_FLAG);
	LIST_HEAD(compound_pagelist);
	struct vm_area_struct *vma;
	struct page *hpage;
	pmd_t *pmd, _pmd;
	pte_t *pte;
	int result;

	hpage = alloc_pages(defrag ? GFP_TRANSHUGE : GFP_TRANSHUGE_LIGHT, HPAGE_PMD_ORDER);
	if (!hpage) {
		count_vm_event(THP_COLLAPSE_ALLOC_FAILED);
		return SCAN_ALLOC_HUGE_PAGE_FAIL;
	}
	count_vm_event(THP_COLLAPSE_ALLOC);
	result = collapse_revalidate(mm, address, &vma, &pmd);
	if (result != SCAN_SUCCEED)
		goto out;
	if (unmapped) {
		result = __collapse_huge_page_swapin(vma, address, pmd);
		if (result != SCAN_SUCCEED)
			goto out;
		result = collapse_revalidate(mm, address, &vma, &pmd);
		if (result != SCAN_SUCCEED)
			goto out;
	}
	/* pmdp_collapse_flush: no walk reaches the PTEs from now on */
	_pmd = *pmd;
	pmd_clear(pmd);
	flush_tlb_range(vma, address, address + HPAGE_PMD_SIZE);
	pte = pte_offset_kernel(&_pmd, address);
	result = __collapse_huge_page_isolate(vma, address, pte, &compound_pagelist);
	if (result != SCAN_SUCCEED) {
		set_pmd(pmd, _pmd);     /* pmd_populate: as it was */
		goto out;
	}
	__collapse_huge_page_copy(pte, hpage, vma, address, &compound_pagelist);
	SetPageUptodate(hpage);
	/* the emptied PTE table is deposited under the huge PMD */
	thp_map_new_anon_pmd(vma, pmd, hpage, address, pte);
	return SCAN_SUCCEED;
out:
	__free_pages(hpage, HPAGE_PMD_ORDER);
	return result;
}

static int hpage_collapse_scan_pmd(struct mm_struct *mm, struct vm_area_struct *vma,
				   unsigned long address)
{
	struct khugepaged_state *ks = khugepaged_state();
	int none_or_zero = 0, shared = 0, referenced = 0, unmapped = 0, result;
	unsigned long _address;
	bool writable = false;
	pmd_t *pmd;
	pte_t *pte, *_pte;

	result = find_pmd_or_thp_or_none(mm, address, &pmd);
	if (result != SCAN_SUCCEED)
		return result;
	pte = pte_offset_kernel(pmd, address);
	for (_address = address, _pte = pte; _pte < pte + HPAGE_PMD_NR;
	     _pte++, _address += PAGE_SIZE) {
		pte_t pteval = *_pte;
		struct page *page;

		if (is_swap_pte(pteval)) {
			if (++unmapped <= (int)ks->max_ptes_swap)
				continue;
			count_vm_event(THP_SCAN_EXCEED_SWAP_PTE);
			return SCAN_EXCEED_SWAP_PTE;
		}
		if (pte_none_or_zero(pteval)) {
			if (++none_or_zero <= (int)ks->max_ptes_none)
				continue;
			count_vm_event(THP_SCAN_EXCEED_NONE_PTE);
			return SCAN_EXCEED_NONE_PTE;
		}
		if (pte_write(pteval))
			writable = true;
		page = vm_normal_page(vma, _address, pteval);
		if (!page)
			return SCAN_PAGE_NULL;
		if (page_mapcount(page) > 1 && ++shared > (int)ks->max_ptes_shared) {
			count_vm_event(THP_SCAN_EXCEED_SHARED_PTE);
			return SCAN_EXCEED_SHARED_PTE;
		}
		page = compound_head(page);
		if (!PageLRU(page))
			return SCAN_PAGE_LRU;
		if (PageLocked(page))
			return SCAN_PAGE_LOCK;
		if (!PageAnon(page))
			return SCAN_PAGE_ANON;
		if (!is_refcount_suitable(page))
			return SCAN_PAGE_COUNT;
		if (pte_referenced(pteval, page))
			referenced++;
	}
	if (!writable)
		return SCAN_PAGE_RO;
	if (!referenced || (unmapped && referenced < HPAGE_PMD_NR / 2))
		return SCAN_LACK_REFERENCED_PAGE;
	return collapse_huge_page(mm, address, unmapped);
}

/* ---- the pass over the list ---- */

/* Scan up to @pages from the cursor; the progress made. */
static unsigned int khugepaged_scan_mm_slot(struct khugepaged_state *ks,
					    unsigned int pages, int *result)
{
	struct khugepaged_mm_slot *slot;
	struct vm_area_struct *vma = NULL;
	struct mm_struct *mm;
	unsigned int progress = 0;

	if (ks->scan_mm_slot) {
		slot = ks->scan_mm_slot;
	} else {
		slot = list_first_entry(&ks->mm_head, struct khugepaged_mm_slot, mm_node);
		ks->scan_address = 0;
		ks->scan_mm_slot = slot;
	}
	mm = slot->mm;
	progress++;
	if (hpage_collapse_test_exit(mm))
		goto breakouterloop;
	for (vma = find_vma(mm, ks->scan_address); vma; vma = find_vma(mm, vma->vm_end)) {
		unsigned long hstart, hend;

		if (hpage_collapse_test_exit(mm)) {
			progress++;
			break;
		}
		if (!hugepage_vma_check(vma, vma->vm_flags, false, false, true)) {
skip:
			progress++;
			continue;
		}
		hstart = round_up(vma->vm_start, HPAGE_PMD_SIZE);
		hend = round_down(vma->vm_end, HPAGE_PMD_SIZE);
		if (ks->scan_address > hend)
			goto skip;
		if (ks->scan_address < hstart)
			ks->scan_address = hstart;
		while (ks->scan_address < hend) {
			if (hpage_collapse_test_exit(mm))
				goto breakouterloop;
			*result = hpage_collapse_scan_pmd(mm, vma, ks->scan_address);
			if (*result == SCAN_SUCCEED)
				ks->pages_collapsed++;
			ks->scan_address += HPAGE_PMD_SIZE;
			progress += HPAGE_PMD_NR;
			if (progress >= pages)
				goto breakouterloop;
		}
	}
breakouterloop:
	if (hpage_collapse_test_exit(mm) || !vma) {
		/* this mm is done: on to the next, or a full scan ends */
		if (slot->mm_node.next != &ks->mm_head) {
			ks->scan_mm_slot = list_next_entry(slot, mm_node);
			ks->scan_address = 0;
		} else {
			ks->scan_mm_slot = NULL;
			ks->full_scans++;
		}
		collect_mm_slot(slot);
	}
	return progress;
}

static bool khugepaged_has_work(struct khugepaged_state *ks)
{
	return !list_empty(&ks->mm_head) && hugepage_flags_enabled();
}

/*
 * khugepaged_do_scan: pages_to_scan of progress (or twice past the head
 * of the list).  True when it stops in khugepaged_alloc_sleep; the next
 * step then resumes it (@resume) without sleeping for allocation again.
 */
static bool khugepaged_do_scan(struct khugepaged_state *ks, bool resume)
{
	unsigned int pages = ks->pages_to_scan;
	int result = SCAN_SUCCEED;
	bool wait = !resume;

	if (!resume) {
		ks->progress = 0;
		ks->pass_through_head = 0;
		lru_add_drain_all();
	}
	while (!kthread_should_stop()) {
		if (!ks->scan_mm_slot)
			ks->pass_through_head++;
		if (khugepaged_has_work(ks) && ks->pass_through_head < 2 &&
		    ks->progress < pages)
			ks->progress += khugepaged_scan_mm_slot(ks, pages - ks->progress,
								&result);
		else
			ks->progress = pages;
		if (ks->progress >= pages)
			break;
		if (result == SCAN_ALLOC_HUGE_PAGE_FAIL) {
			if (!wait)
				break;
			return true;
		}
	}
	return false;
}

/* khugepaged_wait_work: the sleep between passes, in jiffies. */
static long khugepaged_wait_work(struct khugepaged_state *ks)
{
	if (khugepaged_has_work(ks)) {
		long sleep = (long)msecs_to_jiffies(ks->scan_sleep_millisecs);

		if (sleep < 1)
			sleep = 1;      /* see the top: 0 would spin */
		ks->sleep_expire = jiffies + (unsigned long)sleep;
		ks->phase = KHUGEPAGED_SCAN_SLEEP;
		return sleep;
	}
	ks->phase = KHUGEPAGED_WAIT_MM;
	return MAX_SCHEDULE_TIMEOUT;
}

/*
 * The thread: one step runs from a wake-up to the next sleep.  Woken
 * during its scan sleep (an mm registering, a sysfs write) it sleeps on
 * unless the sleep has expired (khugepaged_should_wakeup); in the
 * alloc sleep any wake-up ends the sleep.
 */
long khugepaged(void *data)
{
	struct khugepaged_state *ks = data;
	bool resume = false;

	switch (ks->phase) {
	case KHUGEPAGED_SCAN_SLEEP:
		if (!time_after_eq(jiffies, ks->sleep_expire))
			return (long)(ks->sleep_expire - jiffies);
		break;
	case KHUGEPAGED_WAIT_MM:
		if (list_empty(&ks->mm_head))
			return MAX_SCHEDULE_TIMEOUT;
		break;
	case KHUGEPAGED_ALLOC_SLEEP:
		resume = true;
		break;
	case KHUGEPAGED_SCAN:
		break;
	}
	ks->phase = KHUGEPAGED_SCAN;
	if (khugepaged_do_scan(ks, resume)) {
		long sleep = (long)msecs_to_jiffies(ks->alloc_sleep_millisecs);

		ks->phase = KHUGEPAGED_ALLOC_SLEEP;
		return sleep < 1 ? 1 : sleep;
	}
	return khugepaged_wait_work(ks);
}

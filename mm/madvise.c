// SPDX-License-Identifier: MIT
/*
 * mm/madvise.c — madvise(2).
 *
 * Kernel counterpart: mm/madvise.c (Linux 6.1): do_madvise,
 * madvise_walk_vmas, madvise_vma_behavior, madvise_update_vma,
 * madvise_dontneed_free, madvise_free_single_vma, madvise_remove,
 * madvise_cold/pageout, madvise_populate; hugepage_madvise
 * (mm/huge_memory.c).
 *
 * The walk visits each VMA piece of [start, end); a hole makes the call
 * return -ENOMEM after the rest is done.  Advice that changes flags
 * (normal/random/sequential, dontfork/dofork, wipeonfork/keeponfork,
 * hugepage/nohugepage, dontdump/dodump) merges or splits like mprotect
 * (-ENOMEM there reads -EAGAIN).  dontneed zaps the pages (tables stay);
 * free makes exclusive anonymous pages clean, old and lazily freeable
 * (LazyFree once the lru_lazyfree batch moves them; reclaim frees them
 * while clean) and gives up swapped pages' slots; willneed reads swapped
 * anonymous pages into the swap cache; remove punches a hole in a shared
 * writable tmpfs mapping's file; cold deactivates the pages only this mm
 * maps, pageout isolates them and hands them to reclaim_pages
 * (mm/vmscan.c), which unmaps them and writes what it can; populate_*
 * fault the range in as reads or writes.
 */
#include "linux/kernel.h"
#include "linux/mmap_lock.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/fs.h"
#include "linux/swap.h"
#include "linux/swapops.h"
#include "linux/gfp.h"
#include "linux/swap_lru.h"
#include "mm/process_internal.h"
#include "mmsim/tlb.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"
#include "mm/page_alloc_internal.h"

long faultin_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end, bool write);

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_DOFORK: case MADV_DONTFORK: case MADV_NORMAL:
	case MADV_SEQUENTIAL: case MADV_RANDOM: case MADV_REMOVE:
	case MADV_WILLNEED: case MADV_DONTNEED: case MADV_DONTNEED_LOCKED:
	case MADV_FREE: case MADV_COLD: case MADV_PAGEOUT:
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE:
	case MADV_MERGEABLE: case MADV_UNMERGEABLE:
	case MADV_DONTDUMP: case MADV_DODUMP:
	case MADV_WIPEONFORK: case MADV_KEEPONFORK:
		return true;
	case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_COLLAPSE:
		return pa_state.cfg_thp;  /* CONFIG_TRANSPARENT_HUGEPAGE (not 32-bit ARM) */
	default:
		return false;
	}
}

static int madvise_update_vma(struct vm_area_struct *vma,
			      struct vm_area_struct **prev, unsigned long start,
			      unsigned long end, unsigned long new_flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pgoff;
	int error;

	if (new_flags == vma->vm_flags) {
		*prev = vma;
		return 0;
	}
	pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	*prev = vma_merge(mm, *prev, start, end, new_flags, vma->anon_vma,
			  vma->vm_file, pgoff);
	if (*prev) {
		vma = *prev;
		goto success;
	}
	*prev = vma;
	if (start != vma->vm_start) {
		if (mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		error = __split_vma(mm, vma, start, 1);
		if (error)
			return error;
	}
	if (end != vma->vm_end) {
		if (mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		error = __split_vma(mm, vma, end, 0);
		if (error)
			return error;
	}
success:
	vma->vm_flags = new_flags;
	return 0;
}

/* MADV_FREE on a swap entry: the contents are not wanted, the slot goes. */
static void madvise_free_swap_pte(struct vm_area_struct *vma, pte_t *pte,
				  unsigned long addr)
{
	swp_entry_t entry = pte_to_swp_entry(ptep_get(pte));

	if (non_swap_entry(entry))
		return;
	dec_mm_counter(vma->vm_mm, MM_SWAPENTS);
	free_swap_and_cache(entry);
	ptep_clear(vma->vm_mm, addr, pte);
}

/*
 * MADV_FREE on one PTE: an exclusive anonymous page is made clean and old
 * and queued for the lazyfree move (this CPU's lru_lazyfree batch), which
 * clears PG_swapbacked: only then does smaps count it as LazyFree.
 */
struct madvise_free_walk {
	struct vm_area_struct *vma;
	struct mmu_gather tlb;
};

static void madvise_free_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct madvise_free_walk *w = arg;
	struct vm_area_struct *vma = w->vma;
	struct folio *folio;
	struct page *page;

	if (!pte_present(ptep_get(pte))) {
		madvise_free_swap_pte(vma, pte, addr);
		return;
	}
	page = vm_normal_page(vma, addr, ptep_get(pte));
	if (!page || !PageAnon(page) || page_mapcount(page) != 1)
		return;
	folio = page_folio(page);
	if (folio_test_dirty(folio))
		folio_clear_dirty(folio);
	if (pte_young(ptep_get(pte)) || pte_dirty(ptep_get(pte))) {
		set_pte_at(vma->vm_mm, addr, pte, pte_mkold(pte_mkclean(ptep_get(pte))));
		__tlb_adjust_range(&w->tlb, addr, PAGE_SIZE); /* tlb_remove_tlb_entry */
	}
	folio_mark_lazyfree(folio);
}

struct madvise_cold_walk {
	struct vm_area_struct *vma;
	struct mmu_gather tlb;
	bool pageout;
	struct list_head folio_list;    /* isolated for reclaim_pages */
};

/*
 * MADV_COLD / MADV_PAGEOUT on one PTE of a page on the LRU that only this
 * mm maps: made old and unreferenced, then deactivated (cold) or
 * isolated for reclaim (pageout).
 */
static void madvise_cold_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct madvise_cold_walk *w = arg;
	struct folio *folio;
	struct page *page;

	if (!pte_present(ptep_get(pte)))
		return;
	page = vm_normal_page(w->vma, addr, ptep_get(pte));
	if (!page || PageCompound(page))
		return;             /* PTE-mapped THP: 6.1 splits it first */
	folio = page_folio(page);
	if (!folio_test_lru(folio) || page_mapcount(page) != 1)
		return;
	if (pte_young(ptep_get(pte))) {
		set_pte_at(w->vma->vm_mm, addr, pte, pte_mkold(ptep_get(pte)));
		__tlb_adjust_range(&w->tlb, addr, PAGE_SIZE);
	}
	folio_clear_referenced(folio);
	if (!w->pageout) {
		folio_deactivate(folio);
		return;
	}
	if (folio_isolate_lru(folio))
		return;
	if (folio_test_unevictable(folio))
		folio_putback_lru(folio);
	else
		list_add(&folio->lru, &w->folio_list);
}

static int madvise_dontneed_free(struct vm_area_struct *vma,
				 struct vm_area_struct **prev,
				 unsigned long start, unsigned long end,
				 int behavior)
{
	vm_flags_t forbidden = VM_PFNMAP;

	*prev = vma;
	if (behavior != MADV_DONTNEED_LOCKED)
		forbidden |= VM_LOCKED;
	if (vma->vm_flags & forbidden)
		return -EINVAL;
	if (behavior == MADV_FREE) {
		if (!vma_is_anonymous(vma))
			return -EINVAL;
		struct madvise_free_walk w = { .vma = vma };

		lru_add_drain();
		tlb_gather_mmu(&w.tlb, vma->vm_mm);
		mmsim_walk_ptes_locked(vma->vm_mm, start, end, madvise_free_pte, &w);
		tlb_finish_mmu(&w.tlb);
		return 0;
	}
	zap_page_range(vma, start, end - start);
	return 0;
}

/*
 * MADV_WILLNEED on anonymous memory (swapin_walk_pmd_entry): start reading
 * each swapped page into the swap cache; nothing is mapped.
 */
static void swapin_walk_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct vm_area_struct *vma = arg;
	struct page *page;

	if (!is_swap_pte(ptep_get(pte)) || non_swap_entry(pte_to_swp_entry(ptep_get(pte))))
		return;
	page = read_swap_cache_async(pte_to_swp_entry(ptep_get(pte)), GFP_HIGHUSER_MOVABLE,
				     vma, addr, NULL);
	if (page)
		put_page(page);
}

static int madvise_remove(struct vm_area_struct *vma,
			  struct vm_area_struct **prev, unsigned long start,
			  unsigned long end)
{
	loff_t offset;

	*prev = NULL;
	if (vma->vm_flags & VM_LOCKED)
		return -EINVAL;
	if (!vma->vm_file)
		return -EINVAL;
	if ((vma->vm_flags & (VM_SHARED | VM_WRITE)) != (VM_SHARED | VM_WRITE))
		return -EACCES;
	offset = (loff_t)(start - vma->vm_start) +
		 ((loff_t)vma->vm_pgoff << PAGE_SHIFT);
	shmem_punch_hole(file_inode(vma->vm_file), offset,
			 offset + (loff_t)(end - start));
	return 0;
}

/* can_do_pageout: anonymous memory, or a file the caller may write (root). */
static bool can_do_pageout(struct vm_area_struct *vma)
{
	return vma_is_anonymous(vma) || vma->vm_file;
}

static int madvise_cold_or_pageout(struct vm_area_struct *vma,
				   struct vm_area_struct **prev,
				   unsigned long start, unsigned long end,
				   bool pageout)
{
	struct madvise_cold_walk w = { .vma = vma, .pageout = pageout };

	*prev = vma;
	if (vma->vm_flags & (VM_LOCKED | VM_HUGETLB | VM_PFNMAP))
		return -EINVAL;
	if (pageout && !can_do_pageout(vma))
		return 0;
	INIT_LIST_HEAD(&w.folio_list);
	lru_add_drain();
	tlb_gather_mmu(&w.tlb, vma->vm_mm);
	mmsim_walk_ptes_locked(vma->vm_mm, start, end, madvise_cold_pte, &w);
	if (pageout)
		reclaim_pages(&w.folio_list);
	tlb_finish_mmu(&w.tlb);
	return 0;
}

static int madvise_populate(struct vm_area_struct *vma,
			    struct vm_area_struct **prev, unsigned long start,
			    unsigned long end, int behavior)
{
	const bool write = behavior == MADV_POPULATE_WRITE;
	struct mm_struct *mm = vma->vm_mm;
	long pages;

	*prev = vma;
	while (start < end) {
		if (!vma || start >= vma->vm_end) {
			vma = vma_lookup(mm, start);
			if (!vma)
				return -ENOMEM;
		}
		pages = faultin_vma_page_range(vma, start, min(end, vma->vm_end),
					       write);
		if (pages < 0) {
			switch (pages) {
			case -EINVAL:
				return -EINVAL;
			case -EFAULT:
				return -EFAULT;
			default:
				return -ENOMEM;
			}
		}
		start += (unsigned long)pages << PAGE_SHIFT;
	}
	return 0;
}

static int madvise_vma_behavior(struct vm_area_struct *vma,
				struct vm_area_struct **prev,
				unsigned long start, unsigned long end,
				int behavior)
{
	unsigned long new_flags = vma->vm_flags;
	int error;

	switch (behavior) {
	case MADV_REMOVE:
		return madvise_remove(vma, prev, start, end);
	case MADV_WILLNEED:
		*prev = vma;        /* tmpfs has no readahead */
		if (!vma->vm_file)
			mmsim_walk_ptes(vma->vm_mm, start, end, swapin_walk_pte, vma);
		return 0;
	case MADV_COLD:
	case MADV_PAGEOUT:
		return madvise_cold_or_pageout(vma, prev, start, end,
					       behavior == MADV_PAGEOUT);
	case MADV_FREE:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
		return madvise_dontneed_free(vma, prev, start, end, behavior);
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return madvise_populate(vma, prev, start, end, behavior);
	case MADV_NORMAL:
		new_flags &= ~(VM_RAND_READ | VM_SEQ_READ);
		break;
	case MADV_SEQUENTIAL:
		new_flags = (new_flags & ~VM_RAND_READ) | VM_SEQ_READ;
		break;
	case MADV_RANDOM:
		new_flags = (new_flags & ~VM_SEQ_READ) | VM_RAND_READ;
		break;
	case MADV_DONTFORK:
		new_flags |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		if (vma->vm_flags & VM_IO)
			return -EINVAL;
		new_flags &= ~VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:
		if (vma->vm_file || (vma->vm_flags & VM_SHARED))
			return -EINVAL;
		new_flags |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:
		new_flags &= ~VM_WIPEONFORK;
		break;
	case MADV_DONTDUMP:
		new_flags |= VM_DONTDUMP;
		break;
	case MADV_DODUMP:
		if (new_flags & VM_SPECIAL)
			return -EINVAL;
		new_flags &= ~VM_DONTDUMP;
		break;
	case MADV_HUGEPAGE:             /* hugepage_madvise */
		new_flags = (new_flags & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
		/* eligible now: on khugepaged's list without waiting for a fault */
		khugepaged_enter_vma(vma, new_flags);
		break;
	case MADV_NOHUGEPAGE:
		new_flags = (new_flags & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
		break;
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
	case MADV_COLLAPSE:
		*prev = vma;        /* KSM and MADV_COLLAPSE: not in mmsim */
		return 0;
	}
	error = madvise_update_vma(vma, prev, start, end, new_flags);
	return error == -ENOMEM ? -EAGAIN : error;
}

/* 6.1's madvise_need_mmap_write: advice that changes VMAs takes it for writing. */
static bool madvise_need_mmap_write(int behavior)
{
	switch (behavior) {
	case MADV_REMOVE:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_FREE:
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
	case MADV_DONTNEED_LOCKED:
	case MADV_COLLAPSE:
		return false;
	default:
		return true;
	}
}

static int madvise_locked(struct mm_struct *mm, unsigned long start, size_t len_in,
			  int behavior);

/* madvise(2): the advice's mmap_lock mode around the walk of the VMAs. */
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len_in,
	       int behavior)
{
	bool write;
	int ret;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	write = madvise_need_mmap_write(behavior);
	if (write)
		mmap_write_lock(mm);
	else
		mmap_read_lock(mm);
	ret = madvise_locked(mm, start, len_in, behavior);
	if (write)
		mmap_write_unlock(mm);
	else
		mmap_read_unlock(mm);
	return ret;
}

static int madvise_locked(struct mm_struct *mm, unsigned long start, size_t len_in,
			  int behavior)
{
	struct vm_area_struct *vma, *prev;
	unsigned long end, tmp;
	size_t len;
	int unmapped_error = 0, error;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = find_vma_prev(mm, start, &prev);
	if (vma && start > vma->vm_start)
		prev = vma;
	for (;;) {
		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		tmp = min(vma->vm_end, end);
		error = madvise_vma_behavior(vma, &prev, start, tmp, behavior);
		if (error)
			return error;
		start = tmp;
		if (prev && start < prev->vm_end)
			start = prev->vm_end;
		if (start >= end)
			break;
		vma = find_vma(mm, prev ? prev->vm_end : start);
	}
	return unmapped_error;
}

// SPDX-License-Identifier: MIT
/*
 * mm/mlock.c — mlock2(2) and munlock(2): VM_LOCKED / VM_LOCKONFAULT.
 *
 * Kernel counterpart: mm/mlock.c (Linux 6.1): do_mlock,
 * apply_vma_lock_flags, mlock_fixup, sys_mlock2, sys_munlock.
 *
 * The VMAs of the range take (or lose) VM_LOCKED, merging or splitting
 * like mprotect; mm->locked_vm counts locked pages; mlock (without
 * onfault) then faults the range in (__mm_populate), a failure there
 * turning into mlock's errors (-ENOMEM for a hole, -EAGAIN for no
 * memory).  The probe is root: RLIMIT_MEMLOCK does not apply.
 *
 * Pages: a page mapped by a PTE (or a THP by its PMD) in a VM_LOCKED VMA
 * is PG_mlocked and counted in NR_MLOCK (/proc/meminfo Mlocked), with a
 * count of such mappings (6.1's folio->mlock_count; mmsim keeps it in
 * page->private of the head page); the last locked mapping to go clears
 * it.  A THP mapped by PTEs is not mlocked (6.1: only whole folios are).
 * Partial: no unevictable LRU list (meminfo Unevictable does not move).
 */
#include "linux/kernel.h"
#include "linux/mmap_lock.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/sched.h"
#include "mm/process_internal.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/vmstat.h"
#include "linux/huge_mm.h"

static bool vma_locks_page(struct vm_area_struct *vma, struct page *page,
			   bool compound)
{
	return (vma->vm_flags & (VM_LOCKED | VM_SPECIAL)) == VM_LOCKED &&
	       (compound || !PageCompound(page));
}

/* mlock_vma_folio: one more locked mapping of @page. */
void mlock_vma_page(struct page *page, struct vm_area_struct *vma, bool compound)
{
	struct page *head = compound_head(page);

	if (!vma_locks_page(vma, page, compound))
		return;
	if (!PageMlocked(head)) {
		SetPageMlocked(head);
		__mod_zone_page_state(page_zone(head), NR_MLOCK,
				      compound ? HPAGE_PMD_NR : 1);
	}
	head->private++;
}

/* munlock_vma_folio: one locked mapping of @page fewer. */
void munlock_vma_page(struct page *page, struct vm_area_struct *vma, bool compound)
{
	struct page *head = compound_head(page);

	if (!vma_locks_page(vma, page, compound) || !PageMlocked(head))
		return;
	if (head->private && --head->private)
		return;
	ClearPageMlocked(head);
	__mod_zone_page_state(page_zone(head), NR_MLOCK,
			      compound ? -HPAGE_PMD_NR : -1);
}

/* mlock_vma_pages_range: lock or unlock the pages mapped in [start, end). */
static void mlock_pages_range(struct vm_area_struct *vma, unsigned long start,
			      unsigned long end, bool lock)
{
	unsigned long addr, next;

	for (addr = start; addr < end; addr = next) {
		pmd_t *pmd;
		pte_t *pte = mmsim_pte_lookup(vma->vm_mm, addr, &pmd);

		next = pmd_addr_end(addr, end);
		if (pmd && pmd_large(*pmd)) {
			if (!is_huge_zero_pmd(*pmd)) {
				if (lock)
					mlock_vma_page(pmd_page(*pmd), vma, true);
				else
					munlock_vma_page(pmd_page(*pmd), vma, true);
			}
			continue;
		}
		for (; pte && addr < next; addr += PAGE_SIZE, pte = ptep_next(pte)) {
			struct page *page;

			if (!pte_present(ptep_get(pte)))
				continue;
			page = vm_normal_page(vma, addr, ptep_get(pte));
			if (!page)
				continue;
			if (lock)
				mlock_vma_page(page, vma, false);
			else
				munlock_vma_page(page, vma, false);
		}
	}
}

static int mlock_fixup(struct vm_area_struct *vma, struct vm_area_struct **prev,
		       unsigned long start, unsigned long end,
		       vm_flags_t newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	vm_flags_t oldflags = vma->vm_flags;
	unsigned long pgoff;
	long nr_pages;
	int ret = 0;

	if (newflags == vma->vm_flags || (vma->vm_flags & VM_SPECIAL))
		goto out;
	pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	*prev = vma_merge(mm, *prev, start, end, newflags, vma->anon_vma,
			  vma->vm_file, pgoff);
	if (*prev) {
		vma = *prev;
		goto success;
	}
	if (start != vma->vm_start) {
		ret = split_vma(mm, vma, start, 1);
		if (ret)
			goto out;
	}
	if (end != vma->vm_end) {
		ret = split_vma(mm, vma, end, 0);
		if (ret)
			goto out;
	}
success:
	nr_pages = (long)((end - start) >> PAGE_SHIFT);
	if (!(newflags & VM_LOCKED))
		nr_pages = -nr_pages;
	else if (oldflags & VM_LOCKED)
		nr_pages = 0;
	mm->locked_vm += (unsigned long)nr_pages;
	if ((newflags & VM_LOCKED) && (oldflags & VM_LOCKED)) {
		vma->vm_flags = newflags;
	} else if (newflags & VM_LOCKED) {
		vma->vm_flags = newflags;
		mlock_pages_range(vma, start, end, true);
	} else {
		mlock_pages_range(vma, start, end, false);
		vma->vm_flags = newflags;
	}
out:
	*prev = vma;
	return ret;
}

static int apply_vma_lock_flags(unsigned long start, size_t len,
				vm_flags_t flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long nstart, end, tmp;
	struct vm_area_struct *vma, *prev;
	int error = 0;

	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = vma_lookup(mm, start);
	if (!vma)
		return -ENOMEM;
	prev = start > vma->vm_start ? vma : mmsim_vma_before(vma);
	nstart = start;
	tmp = vma->vm_start;
	while (vma && vma->vm_start < end) {
		vm_flags_t newflags;

		if (vma->vm_start != tmp)
			return -ENOMEM;
		newflags = (vma->vm_flags & ~VM_LOCKED_MASK) | flags;
		tmp = min(vma->vm_end, end);
		error = mlock_fixup(vma, &prev, nstart, tmp, newflags);
		if (error)
			return error;
		nstart = tmp;
		vma = find_vma(mm, tmp);
	}
	if (tmp < end)
		return -ENOMEM;
	return error;
}

static int do_mlock(unsigned long start, size_t len, vm_flags_t flags)
{
	int error;

	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	mmap_write_lock(current->mm);
	error = apply_vma_lock_flags(start, len, flags);
	mmap_write_unlock(current->mm);
	if (error)
		return error;
	error = __mm_populate(start, len, 0);
	if (error == -EFAULT)
		return -ENOMEM;
	if (error == -ENOMEM)
		return -EAGAIN;
	return error;
}

int __do_sys_mlock2(unsigned long start, size_t len, int flags)
{
	vm_flags_t vm_flags = VM_LOCKED;

	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	if (flags & MLOCK_ONFAULT)
		vm_flags |= VM_LOCKONFAULT;
	return do_mlock(start, len, vm_flags);
}

int __do_sys_munlock(unsigned long start, size_t len)
{
	int ret;

	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	mmap_write_lock(current->mm);
	ret = apply_vma_lock_flags(start, len, 0);
	mmap_write_unlock(current->mm);
	return ret;
}

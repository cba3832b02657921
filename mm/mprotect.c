// SPDX-License-Identifier: MIT
/*
 * mm/mprotect.c — changing the protection of a range: mprotect(2).
 *
 * Kernel counterpart: mm/mprotect.c (Linux 6.1): do_mprotect_pkey,
 * mprotect_fixup, change_protection (change_pte_range with
 * MM_CP_TRY_CHANGE_WRITABLE and can_change_pte_writable).
 *
 * The range must be mapped without holes (-ENOMEM), every VMA must allow
 * the new access by its VM_MAY* bits (-EACCES).  Each VMA piece is
 * merged with a neighbour of equal flags (vma_merge) or split off; a
 * private VMA made writable is charged to the commit if it was not
 * already (VM_ACCOUNT); present PTEs take the new protection, and a
 * private VMA made writable gets write access back at once on pages only
 * it maps (PG_anon_exclusive), so writing them takes no fault.
 */
#include "linux/kernel.h"
#include "linux/mmap_lock.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/huge_mm.h"
#include "mm/process_internal.h"
#include "mmsim/tlb.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"

struct change_prot_arg {
	struct vm_area_struct *vma;
	pgprot_t newprot;
	bool try_change_writable;
	unsigned long pages;    /* PTEs changed: 6.1 flushes only if any */
};

static bool can_change_pte_writable(struct vm_area_struct *vma,
				    unsigned long addr, pte_t pte)
{
	struct page *page;

	if (!(vma->vm_flags & VM_WRITE))
		return false;
	if (vma->vm_flags & VM_SHARED)
		return true;
	page = vm_normal_page(vma, addr, pte);
	return page && PageAnon(page) && PageAnonExclusive(page);
}

static void change_pte(pte_t *pte, unsigned long addr, void *argp)
{
	struct change_prot_arg *arg = argp;
	pte_t ptent;

	if (!pte_present(ptep_get(pte)))
		return;
	ptent = pte_modify(ptep_get(pte), arg->newprot);
	if (arg->try_change_writable && !pte_write(ptent) &&
	    can_change_pte_writable(arg->vma, addr, ptent))
		ptent = pte_mkwrite(ptent);
	set_pte_at(arg->vma->vm_mm, addr, pte, ptent);
	arg->pages++;
}

static void change_protection_flags(struct vm_area_struct *vma,
				    unsigned long start, unsigned long end,
				    pgprot_t newprot, bool try_change_writable)
{
	struct change_prot_arg arg = { vma, newprot, try_change_writable, 0 };
	unsigned long addr, next;

	for (addr = start; addr < end; addr = next) {
		pmd_t *pmd;

		next = pmd_addr_end(addr, end);
		mmsim_pte_lookup(vma->vm_mm, addr, &pmd);
		if (pmd && pmd_large(*pmd)) {
			if (next - addr == PMD_SIZE) {
				change_huge_pmd(vma, pmd, newprot, try_change_writable);
				arg.pages += HPAGE_PMD_NR;
			} else {
				__split_huge_pmd(vma, pmd, addr);
			}
		}
	}
	mmsim_walk_ptes_locked(vma->vm_mm, start, end, change_pte, &arg);
	if (arg.pages)          /* change_protection_range */
		flush_tlb_range(vma, start, end);
}

unsigned long change_protection(struct vm_area_struct *vma,
				unsigned long start, unsigned long end,
				pgprot_t newprot)
{
	change_protection_flags(vma, start, end, newprot, false);
	return 0;
}

static int mprotect_fixup(struct vm_area_struct *vma,
			  struct vm_area_struct **pprev, unsigned long start,
			  unsigned long end, unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags, charged = 0, pgoff;
	long nrpages = (long)((end - start) >> PAGE_SHIFT);
	int error;

	if (newflags == oldflags) {
		*pprev = vma;
		return 0;
	}
	if (newflags & VM_WRITE) {
		if (!may_expand_vm(mm, newflags, (unsigned long)nrpages) &&
		    may_expand_vm(mm, oldflags, (unsigned long)nrpages))
			return -ENOMEM;
		if (!(oldflags & (VM_ACCOUNT | VM_WRITE | VM_HUGETLB | VM_SHARED |
				  VM_NORESERVE))) {
			charged = (unsigned long)nrpages;
			if (security_vm_enough_memory_mm(mm, (long)charged))
				return -ENOMEM;
			newflags |= VM_ACCOUNT;
		}
	}
	pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	*pprev = vma_merge(mm, *pprev, start, end, newflags, vma->anon_vma,
			   vma->vm_file, pgoff);
	if (*pprev) {
		vma = *pprev;
		goto success;
	}
	*pprev = vma;
	if (start != vma->vm_start) {
		error = split_vma(mm, vma, start, 1);
		if (error)
			goto fail;
	}
	if (end != vma->vm_end) {
		error = split_vma(mm, vma, end, 0);
		if (error)
			goto fail;
	}
success:
	vma->vm_flags = newflags;
	vma_set_page_prot(vma);
	/* tmpfs wants no write notification: a shared VMA may stay writable */
	change_protection_flags(vma, start, end, vma->vm_page_prot,
				(vma->vm_flags & VM_WRITE) != 0);
	if ((oldflags & (VM_WRITE | VM_SHARED | VM_LOCKED)) == VM_LOCKED &&
	    (newflags & VM_WRITE))
		populate_vma_page_range(vma, start, end, NULL);
	vm_stat_account(mm, oldflags, -nrpages);
	vm_stat_account(mm, newflags, nrpages);
	return 0;
fail:
	vm_unacct_memory((long)charged);
	return error;
}

static unsigned long calc_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

static int mprotect_locked(unsigned long start, size_t len, unsigned long prot,
			   int pkey)
{
	struct mm_struct *mm = current->mm;
	const unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	struct vm_area_struct *vma, *prev;
	unsigned long nstart, end, tmp;
	int error;

	(void)pkey;
	prot &= ~(unsigned long)(PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		if (vma->vm_start >= end)
			return -ENOMEM;
		start = vma->vm_start;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
	} else {
		if (vma->vm_start > start)
			return -ENOMEM;
		if (grows & PROT_GROWSUP)
			return -EINVAL;
	}
	if (start > vma->vm_start)
		prev = vma;
	else
		prev = mmsim_vma_before(vma);
	for (nstart = start;;) {
		unsigned long newflags = calc_prot_bits(prot) |
			(vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC));

		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS)
			return -EACCES;
		tmp = min(vma->vm_end, end);
		error = mprotect_fixup(vma, &prev, nstart, tmp, newflags);
		if (error)
			return error;
		nstart = tmp;
		if (nstart < prev->vm_end)
			nstart = prev->vm_end;
		if (nstart >= end)
			return 0;
		vma = find_vma(mm, prev->vm_end);
		if (!vma || vma->vm_start != nstart)
			return -ENOMEM;
	}
}

/* mprotect(2) and pkey_mprotect(2): under mmap_lock for writing. */
int do_mprotect_pkey(unsigned long start, size_t len, unsigned long prot,
		     int pkey)
{
	struct mm_struct *mm = current->mm;
	int error;

	mmap_write_lock(mm);
	error = mprotect_locked(start, len, prot, pkey);
	mmap_write_unlock(mm);
	return error;
}

// SPDX-License-Identifier: MIT
/*
 * mm/memory.c — creating the missing level of a page table on demand.
 *
 * Kernel counterpart: mm/memory.c (Linux 6.1): __p4d_alloc, __pud_alloc,
 * __pmd_alloc, __pte_alloc_kernel.  The user half of the kernel's file
 * (page faults, copy-on-write, zap, fork's copy and the freeing of user
 * page tables) is in mm/memory_user.c.
 *
 * Each helper is called when an entry was seen empty: it allocates a
 * table page first, without the lock (the allocation may sleep), then,
 * under mm->page_table_lock, installs it only if the entry is still empty.
 * If another CPU won the race the new page is given back:
 *
 *   CPU 0: sees empty  alloc A ------ lock, empty? yes: install A, unlock
 *   CPU 1: sees empty  alloc B ------------------ lock, empty? no, unlock, free B
 *
 * Returns 0, or -ENOMEM when no page could be had.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/pgtable.h"
#include "mmsim/machine.h"

static void mm_pgtables_add(struct mm_struct *mm, long bytes)
{
	__atomic_add_fetch(&mm->pgtables_bytes.counter, bytes, __ATOMIC_RELAXED);
}

int __p4d_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long address)
{
	p4d_t *new = p4d_alloc_one(mm, address);

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (!pgd_present(*pgd)) {
		mm_pgtables_add(mm, PAGE_SIZE);
		pgd_populate(pgd, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		p4d_free(mm, new);
	return 0;
}

int __pud_alloc(struct mm_struct *mm, p4d_t *p4d, unsigned long address)
{
	pud_t *new = pud_alloc_one(mm, address);

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (!p4d_present(*p4d)) {
		mm_pgtables_add(mm, PAGE_SIZE);
		p4d_populate(p4d, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		pud_free(mm, new);
	return 0;
}

int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long address)
{
	pmd_t *new = pmd_alloc_one(mm, address);

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (!pud_present(*pud)) {
		mm_pgtables_add(mm, PAGE_SIZE);
		pud_populate(pud, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		pmd_free(mm, new);
	return 0;
}

int __pte_alloc_kernel(pmd_t *pmd)
{
	pte_t *new = pte_alloc_one_kernel(&init_mm);

	if (!new)
		return -ENOMEM;
	spin_lock(&init_mm.page_table_lock);
	if (pmd_none(*pmd)) {
		pmd_populate_kernel(pmd, new);
		new = NULL;
	}
	spin_unlock(&init_mm.page_table_lock);
	if (new)
		pte_free_kernel(&init_mm, new);
	return 0;
}

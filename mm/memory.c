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
#include "mm/process_internal.h"
#include "mmsim/machine.h"

/*
 * mm->pgtables_bytes (VmPTE): what each table adds, as the architecture's
 * mm_inc_nr_ptes()/mm_inc_nr_pmds()/mm_inc_nr_puds() count it.
 *
 *                 PTE table                        PMD, PUD table
 *   x86_64        PTRS_PER_PTE * 8 = 4 KiB         4 KiB each
 *   32-bit ARM    PTRS_PER_PTE * 4 = 2 KiB         folded into the pgd: 0
 *   (armmp, 2 levels: the Linux half of the 4 KiB page that also holds
 *   the two hardware tables, see arch/arm/include/asm/pgtable.h)
 */
static bool pgtable_2level_arm(void)
{
	return current_machine->desc.arch == MMSIM_ARCH_ARM;
}

long mmsim_pte_table_bytes(void)
{
	return pgtable_2level_arm() ? 512 * 4 : PAGE_SIZE;
}

long mmsim_upper_table_bytes(void)
{
	return pgtable_2level_arm() ? 0 : PAGE_SIZE;
}

static void mm_pgtables_add(struct mm_struct *mm, long bytes)
{
	__atomic_add_fetch(&mm->pgtables_bytes.counter, bytes, __ATOMIC_RELAXED);
}

void mm_inc_nr_ptes(struct mm_struct *mm)
{
	mm_pgtables_add(mm, mmsim_pte_table_bytes());
}

void mm_dec_nr_ptes(struct mm_struct *mm)
{
	mm_pgtables_add(mm, -mmsim_pte_table_bytes());
}

void mm_inc_nr_pmds(struct mm_struct *mm)
{
	mm_pgtables_add(mm, mmsim_upper_table_bytes());
}

void mm_dec_nr_pmds(struct mm_struct *mm)
{
	mm_pgtables_add(mm, -mmsim_upper_table_bytes());
}

void mm_inc_nr_puds(struct mm_struct *mm)
{
	mm_pgtables_add(mm, mmsim_upper_table_bytes());
}

void mm_dec_nr_puds(struct mm_struct *mm)
{
	mm_pgtables_add(mm, -mmsim_upper_table_bytes());
}

int __p4d_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long address)
{
	p4d_t *new = p4d_alloc_one(mm, address);

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (!pgd_present(*pgd)) {
		mm_inc_nr_puds(mm);
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
		mm_inc_nr_puds(mm);
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
		mm_inc_nr_pmds(mm);
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
		/*
		 * The kernel's smp_wmb() before publishing: CPUs that find
		 * the entry without the lock (pte_alloc_kernel) must see the
		 * zeroed table.  A release store of the entry here, paired
		 * with their acquire load (pmd_load_acquire).
		 */
		pmd_t entry;

		pmd_populate_kernel(&entry, new);
		__atomic_store_n(&pmd->pmd, entry.pmd, __ATOMIC_RELEASE);
		new = NULL;
	}
	spin_unlock(&init_mm.page_table_lock);
	if (new)
		pte_free_kernel(&init_mm, new);
	return 0;
}

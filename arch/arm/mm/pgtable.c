// SPDX-License-Identifier: MIT
/*
 * arch/arm/mm/pgtable.c — the kernel's page tables after boot on 32-bit
 * ARM: what vmalloc, vmap, ioremap and kmap write into swapper_pg_dir.
 *
 * Kernel counterparts: the ARM halves of mm/vmalloc.c's page-table walk
 * (asm/pgalloc.h: pte_alloc_one_kernel, pmd_populate_kernel;
 * asm/pgtable.h: set_pte_at, pte_clear, PAGE_KERNEL) and of mm/highmem.c
 * (pkmap_page_table), Linux 6.1, classic MMU.
 *
 * With two levels the generic walk pgd -> p4d -> pud -> pmd -> pte folds
 * to: the 2 MiB slot's pair of first-level words (pmd_off_k), then a PTE
 * page.  A slot without one gets a zeroed page from the page allocator
 * (GFP_PGTABLE_KERNEL) and both words point at its two hardware halves:
 *
 *   va ---> L1[2*(va>>21)], L1[2*(va>>21)+1] ---> PTE page (4 KiB)
 *                                                  Linux pt 0 | Linux pt 1
 *                                                  h/w pt 0   | h/w pt 1
 *           Linux PTE [(va >> 12) & 511]  +  its h/w twin 2 KiB above
 *
 * These are the arch hooks kernel_map_page / kernel_unmap_range /
 * kernel_lookup of include/mmsim/arch.h; mm/vmalloc_map.c calls them for
 * ARM machines and keeps the host window in step.  Section mappings
 * (lowmem, the image) are never touched here.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/spinlock.h"
#include "linux/vmalloc.h"
#include "linux/pgtable.h"
#include "arch/arm/include/asm/arm_state.h"
#include "arch/arm/include/asm/arm.h"
#include "mmsim/machine.h"

/*
 * The Linux PTE bits for a vmalloc-style protection: PAGE_KERNEL is
 * pgprot_kernel (present, young, dirty, write-allocate, shared) plus
 * execute-never; the caller's (x86-encoded) pgprot may drop write or
 * execute-never.
 */
static arm_pteval_t arm_kernel_prot(pgprot_t prot)
{
	arm_pteval_t pte = L_PTE_PRESENT | L_PTE_YOUNG | L_PTE_DIRTY |
			   L_PTE_MT_WRITEALLOC | L_PTE_SHARED;

	if (pgprot_val(prot) & _PAGE_NX)
		pte |= L_PTE_XN;
	if (!(pgprot_val(prot) & _PAGE_RW))
		pte |= L_PTE_RDONLY;
	return pte;
}

/* pte_alloc_kernel(): the slot's PTE page, made on first use. */
static arm_pteval_t *arm_pte_alloc_kernel(unsigned long va)
{
	arm_pmdval_t *pmd = pmd_off_k(va);

	if (arm_pmd_none(pmd[0])) {
		unsigned long page = get_zeroed_page(GFP_KERNEL);

		if (!page)
			return NULL;
		spin_lock(&init_mm.page_table_lock);
		if (arm_pmd_none(pmd[0]))       /* nobody was faster */
			__pmd_populate(pmd, __pa((void *)page), ARM_PAGE_KERNEL_TABLE);
		else
			free_page(page);
		spin_unlock(&init_mm.page_table_lock);
	}
	if ((pmd[0] & PMD_TYPE_MASK) != PMD_TYPE_TABLE)
		return NULL;            /* a section: not for page mappings */
	return arm_pte_offset_kernel(pmd, va);
}

int arm_kernel_map_page(unsigned long va, phys_addr_t pa, pgprot_t prot)
{
	arm_pteval_t *pte = arm_pte_alloc_kernel(va);

	if (!pte)
		return -ENOMEM;
	if (WARN_ON(*pte))
		return -EBUSY;
	set_pte_ext(pte, arm_pfn_pte(__phys_to_pfn(pa), arm_kernel_prot(prot)), 0);
	return 0;
}

void arm_kernel_unmap_range(unsigned long start, unsigned long end)
{
	unsigned long va;

	for (va = start; va < end; va += PAGE_SIZE) {
		arm_pmdval_t *pmd = pmd_off_k(va);

		if ((pmd[0] & PMD_TYPE_MASK) != PMD_TYPE_TABLE) {
			va = (va & ARM_PMD_MASK) + ARM_PMD_SIZE - PAGE_SIZE;
			continue;
		}
		arm_pte_clear(arm_pte_offset_kernel(pmd, va));
	}
}

/* The page mapped at @va, through the Linux PTE (or a section). */
int arm_kernel_lookup(unsigned long va, phys_addr_t *pa)
{
	arm_pmdval_t *pmd = pmd_off_k(va);
	arm_pteval_t pte;
	int level;

	if ((pmd[0] & PMD_TYPE_MASK) == PMD_TYPE_SECT ||
	    (pmd[1] & PMD_TYPE_MASK) == PMD_TYPE_SECT)
		return arm_walk_virt_to_phys(arm_swapper_pg_dir(), va, pa, &level);
	if ((pmd[0] & PMD_TYPE_MASK) != PMD_TYPE_TABLE)
		return -EFAULT;
	pte = *arm_pte_offset_kernel(pmd, va);
	if (!(pte & L_PTE_PRESENT))
		return -EFAULT;
	*pa = (pte & (u32)PAGE_MASK) | (va & ~PAGE_MASK);
	return 0;
}

// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/pat/set_memory.c — looking addresses up in the kernel page
 * tables, and counting the direct map's pages by size.
 *
 * Kernel counterpart: arch/x86/mm/pat/set_memory.c (lookup_address,
 * lookup_address_in_pgd, update_page_count, arch_report_meminfo).  The
 * attribute changes themselves (set_memory_ro/nx/..., which split large
 * pages and move counts from DirectMap2M to DirectMap4k) are not here yet.
 *
 * Two walks over the same tables:
 *
 *   lookup_address_in_pgd()  the kernel's: stops at the first *empty*
 *                            level, returns the leaf entry even if it is
 *                            not present (callers change attributes).
 *   walk_virt_to_phys()      the MMU's: every level must have _PAGE_PRESENT;
 *                            a PSE entry at PUD/PMD level ends the walk
 *                            with a 1 GiB / 2 MiB page; the address must be
 *                            canonical (bits above 47, or 56, all equal).
 *
 * The counts: direct_pages_count[level] = pages of that size mapping the
 * direct map; DirectMap4k + DirectMap2M + DirectMap1G is the mapped RAM
 * (plus the ISA hole, which is always mapped).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "arch/x86/include/asm/pgtable.h"
#include "mmsim/machine.h"

#define pgt (current_machine->x86.pgt)

pte_t *lookup_address_in_pgd(pgd_t *pgd, unsigned long address,
			     unsigned int *level)
{
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;

	*level = PG_LEVEL_NONE;
	if (pgd_none(*pgd))
		return NULL;
	p4d = p4d_offset(pgd, address);
	if (p4d_none(*p4d))
		return NULL;
	*level = PG_LEVEL_512G;
	if (!p4d_present(*p4d))
		return (pte_t *)p4d;
	pud = pud_offset(p4d, address);
	if (pud_none(*pud))
		return NULL;
	*level = PG_LEVEL_1G;
	if (pud_large(*pud) || !pud_present(*pud))
		return (pte_t *)pud;
	pmd = pmd_offset(pud, address);
	if (pmd_none(*pmd))
		return NULL;
	*level = PG_LEVEL_2M;
	if (pmd_large(*pmd) || !pmd_present(*pmd))
		return (pte_t *)pmd;
	*level = PG_LEVEL_4K;
	return pte_offset_kernel(pmd, address);
}

pte_t *lookup_address(unsigned long address, unsigned int *level)
{
	return lookup_address_in_pgd(pgd_offset_k(address), address, level);
}

static bool va_is_canonical(unsigned long va)
{
	unsigned int bits = pgtable_l5_enabled() ? 57 : 48;

	return (unsigned long)((long)(va << (64 - bits)) >> (64 - bits)) == va;
}

static bool hw_present(u64 entry)
{
	return entry & _PAGE_PRESENT;
}

/* Finish a walk that ended in a page of @size at frame @pfn. */
static int walk_done(unsigned long pfn, unsigned long size, unsigned long va,
		     unsigned int lvl, phys_addr_t *pa, unsigned int *level)
{
	*pa = PFN_PHYS(pfn) + (va & (size - 1));
	if (level)
		*level = lvl;
	return 0;
}

int walk_virt_to_phys(pgd_t *pgd_base, unsigned long va, phys_addr_t *pa,
		      unsigned int *level)
{
	pgd_t *pgd = pgd_offset_pgd(pgd_base, va);
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;

	if (!va_is_canonical(va))
		return -EFAULT;
	if (pgtable_l5_enabled() && !hw_present(pgd_val(*pgd)))
		return -EFAULT;
	p4d = p4d_offset(pgd, va);
	if (!hw_present(p4d_val(*p4d)))
		return -EFAULT;
	pud = pud_offset(p4d, va);
	if (!hw_present(pud_val(*pud)))
		return -EFAULT;
	if (pud_val(*pud) & _PAGE_PSE)
		return walk_done(pud_pfn(*pud), PUD_SIZE, va, PG_LEVEL_1G, pa, level);
	pmd = pmd_offset(pud, va);
	if (!hw_present(pmd_val(*pmd)))
		return -EFAULT;
	if (pmd_val(*pmd) & _PAGE_PSE)
		return walk_done(pmd_pfn(*pmd), PMD_SIZE, va, PG_LEVEL_2M, pa, level);
	pte = pte_offset_kernel(pmd, va);
	if (!hw_present(pte_val(*pte)))
		return -EFAULT;
	return walk_done(pte_pfn(*pte), PAGE_SIZE, va, PG_LEVEL_4K, pa, level);
}

void update_page_count(int level, long pages)
{
	/* unlocked: only the boot CPU changes the direct map so far (the kernel holds pgd_lock) */
	pgt.direct_pages_count[level] += pages;
}

struct direct_map_sizes direct_map_sizes_kb(void)
{
	const unsigned long *count = pgt.direct_pages_count;
	struct direct_map_sizes s = {
		.kb_4k = count[PG_LEVEL_4K] << (PAGE_SHIFT - 10),
		.kb_2m = count[PG_LEVEL_2M] << (PMD_SHIFT - 10),
		.kb_1g = count[PG_LEVEL_1G] << (PUD_SHIFT - 10),
		.show_1g = pgt.direct_gbpages,
	};

	return s;
}

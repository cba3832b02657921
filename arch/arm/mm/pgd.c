// SPDX-License-Identifier: MIT
/*
 * arch/arm/mm/pgd.c — the user page tables of a 32-bit ARM process: the
 * 16 KiB first-level table of an mm, its PTE pages, and the PTE format
 * the generic mm/ code reads and writes through.
 *
 * Kernel counterparts (Linux 6.1, classic MMU, no LPAE): arch/arm/mm/pgd.c
 * (pgd_alloc, pgd_free), asm/pgalloc.h (pte_alloc_one with HIGHPTE,
 * pmd_populate with user_pmd_table), asm/pgtable-2level.h (the folded
 * levels, the Linux/hardware PTE pairs), asm/pgtable.h (swap entries),
 * arch/arm/mm/mmu.c (set_pte_at) and proc-v7-2level.S (cpu_v7_set_pte_ext,
 * arch/arm/mm/mmu.c's set_pte_ext here).
 *
 * Layout (see arch/arm/include/asm/pgtable.h for the picture):
 *
 *   mm->pgd: 16 KiB, order 2 from the page allocator (GFP_KERNEL, not a
 *   PageTable page), 2048 "pgd" entries of two L1 words each = 2 MiB;
 *   the user's 1528 entries (below TASK_SIZE = 0xbf000000) zeroed, the
 *   rest copied from swapper_pg_dir (modules, lowmem, vmalloc, vectors).
 *   p4d, pud and pmd are folded: pmd_offset(pud, addr) is the pgd entry.
 *
 *   PTE page: one order-0 page, from highmem first (CONFIG_HIGHPTE:
 *   GFP_PGTABLE_USER | __GFP_HIGHMEM), PageTable and in NR_PAGETABLE;
 *   Linux PTEs at +0 (512 words), hardware PTEs at +2048; pmd_populate
 *   points L1[2i] at +2048 and L1[2i+1] at +3072 with user_pmd_table
 *   (coarse table, bit 4, domain user; Cortex-A9 has no PXN).
 *
 * Generic code keeps a PTE value in the form of include/linux/pgtable.h
 * (x86_64's bits) and goes through ptep_get()/set_pte_at(); here a value
 * is packed into ARM's Linux PTE word and back, and set_pte_at writes the
 * hardware twin as cpu_v7_set_pte_ext does:
 *
 *   generic (x86 bits)         ARM Linux PTE (pgtable-2level.h)
 *   _PAGE_PRESENT              L_PTE_PRESENT (valid)
 *   _PAGE_PROTNONE, !P         L_PTE_PRESENT | L_PTE_NONE (h/w entry 0)
 *   _PAGE_ACCESSED             L_PTE_YOUNG
 *   _PAGE_DIRTY                L_PTE_DIRTY
 *   !_PAGE_RW                  L_PTE_RDONLY
 *   _PAGE_USER                 L_PTE_USER
 *   _PAGE_NX                   L_PTE_XN
 *   (always)                   L_PTE_MT_WRITEALLOC | L_PTE_SHARED (SMP)
 *   swap entry (type, offset)  type << 2 | offset << 7, bit 0 clear
 *
 * ARM in 6.1 has no __HAVE_ARCH_PTE_SWP_EXCLUSIVE: a swap PTE cannot
 * say its page was exclusive, so that bit is lost when stored (as on the
 * real kernel, do_swap_page then decides by the page's reference count).
 * Soft-dirty and uffd-wp bits do not exist on ARM either.
 *
 * The tables of a HIGHPTE page are reached through their host address
 * (the kernel kmaps them in pte_offset_map; no kmap slot is taken here).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "linux/spinlock.h"
#include "linux/pgtable.h"
#include "linux/swapops.h"
#include "arch/arm/include/asm/pgtable.h"
#include "arch/arm/include/asm/memory.h"
#include "mm/process_internal.h"
#include "mmsim/arch.h"
#include "mmsim/machine.h"

#define ARM_FIRST_USER_ADDRESS (PAGE_SIZE * 2)
/* a pgd entry: the pair of L1 words of one 2 MiB slot */
#define ARM_PGD_ENTRY_BYTES (2 * sizeof(arm_pmdval_t))
/* user_pmd_table: _PAGE_USER_TABLE (no PMD_PXNTABLE on Cortex-A9) */
#define ARM_PAGE_USER_TABLE (PMD_TYPE_TABLE | PMD_BIT4 | PMD_DOMAIN(DOMAIN_USER))
/* swap entries (asm/pgtable.h) */
#define ARM_SWP_TYPE_SHIFT 2
#define ARM_SWP_TYPE_BITS 5
#define ARM_SWP_OFFSET_SHIFT (ARM_SWP_TYPE_BITS + ARM_SWP_TYPE_SHIFT)
/* pgprot_user's cache bits on an ARMv7 SMP: write-allocate, shared */
#define ARM_USER_PTE_MT (L_PTE_MT_WRITEALLOC | L_PTE_SHARED)

static unsigned long arm_user_ptrs_per_pgd(void)
{
	return TASK_SIZE_ARM >> ARM_PMD_SHIFT;
}

/* pgd_offset(mm, addr): the pair of L1 words of @addr's 2 MiB slot. */
static arm_pmdval_t *arm_pgd_offset(struct mm_struct *mm, unsigned long addr)
{
	return (arm_pmdval_t *)mm->pgd + 2 * ((u32)addr >> ARM_PMD_SHIFT);
}

/* pgd_alloc: 16 KiB, user entries cleared, the kernel's copied. */
static pgd_t *arm_pgd_alloc(struct mm_struct *mm)
{
	u8 *pgd = (u8 *)__get_free_pages(GFP_KERNEL, 2);
	size_t user = arm_user_ptrs_per_pgd() * ARM_PGD_ENTRY_BYTES;

	(void)mm;
	if (!pgd)
		return NULL;
	memset(pgd, 0, user);
	memcpy(pgd + user, (u8 *)arm_swapper_pg_dir() + user,
	       ARM_SWAPPER_PG_DIR_SIZE - user);
	/* vectors_high(): the Cortex-A9's vectors are at 0xffff0000, no
	 * PTE table for address 0 is made here */
	return (pgd_t *)pgd;
}

/* pte_free of a user PTE page (pgtable_pte_page_dtor). */
static void arm_pte_free(struct page *page)
{
	ptlock_free(page);
	__ClearPageTable(page);
	__mod_node_page_state(page_pgdat(page), NR_PAGETABLE, -1);
	__free_pages(page, 0);
}

static struct page *arm_pmd_pgtable(pmd_t pmd)
{
	u32 l1 = (u32)pmd_val(pmd);

	return pfn_to_page((l1 & (u32)PAGE_MASK) >> PAGE_SHIFT);
}

static void arm_pte_free_table(struct mm_struct *mm, pmd_t *pmd)
{
	struct page *page = arm_pmd_pgtable(*pmd);

	(void)mm;
	arm_pmd_clear((arm_pmdval_t *)pmd);
	arm_pte_free(page);
}

/*
 * pgd_free: the PTE table of address 0 is never freed by free_pgtables
 * (its floor is FIRST_USER_ADDRESS), so it goes here, then the 16 KiB.
 */
static void arm_pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	if (!pgd)
		return;
	if (!arm_pmd_none(*(arm_pmdval_t *)pgd)) {
		arm_pte_free_table(mm, (pmd_t *)pgd);
		mm_dec_nr_ptes(mm);
	}
	free_pages((unsigned long)pgd, 2);
}

/* The folded walk: pgd -> p4d -> pud -> pmd are one pgd entry. */
static pmd_t *arm_pmd_lookup(struct mm_struct *mm, unsigned long addr)
{
	return (pmd_t *)arm_pgd_offset(mm, addr);
}

/* __pte_alloc: pte_alloc_one (HIGHPTE), then pmd_populate under the lock. */
static int arm_pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	struct page *page = alloc_pages(GFP_PGTABLE_KERNEL | __GFP_ACCOUNT |
					__GFP_HIGHMEM, 0);

	if (!page)
		return -ENOMEM;
	ptlock_init(page);                      /* pgtable_pte_page_ctor */
	__SetPageTable(page);
	__mod_node_page_state(page_pgdat(page), NR_PAGETABLE, 1);
	spin_lock(&mm->page_table_lock);
	if (pmd_none(*pmd)) {
		mm_inc_nr_ptes(mm);
		__pmd_populate((arm_pmdval_t *)pmd, page_to_phys(page),
			       ARM_PAGE_USER_TABLE);
		page = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (page)
		arm_pte_free(page);
	return 0;
}

static pte_t *arm_pte_offset_map(pmd_t *pmd, unsigned long addr)
{
	return (pte_t *)arm_pte_offset_kernel((const arm_pmdval_t *)pmd, addr);
}

/* A generic PTE value as ARM's Linux PTE word. */
static arm_pteval_t arm_pte_pack(pte_t pte)
{
	pteval_t v = pte_val(pte);
	arm_pteval_t w;

	if (!v)
		return 0;
	if (!pte_present(pte)) {
		swp_entry_t e = pte_to_swp_entry(pte);

		return (arm_pteval_t)((swp_type(e) << ARM_SWP_TYPE_SHIFT) |
				      (swp_offset(e) << ARM_SWP_OFFSET_SHIFT));
	}
	w = (arm_pteval_t)(pte_pfn(pte) << PAGE_SHIFT) | L_PTE_PRESENT |
	    ARM_USER_PTE_MT;
	if (!(v & _PAGE_PRESENT))
		w |= L_PTE_NONE;                /* PROT_NONE */
	if (v & _PAGE_ACCESSED)
		w |= L_PTE_YOUNG;
	if (v & _PAGE_DIRTY)
		w |= L_PTE_DIRTY;
	if (!(v & _PAGE_RW))
		w |= L_PTE_RDONLY;
	if (v & _PAGE_USER)
		w |= L_PTE_USER;
	if (v & _PAGE_NX)
		w |= L_PTE_XN;
	return w;
}

/* ARM's Linux PTE word as a generic value (the inverse of the above). */
static pte_t arm_pte_unpack(arm_pteval_t w)
{
	pteval_t v;

	if (!w)
		return __pte(0);
	if (!(w & L_PTE_PRESENT))
		return swp_entry_to_pte(swp_entry((w >> ARM_SWP_TYPE_SHIFT) &
						  ((1U << ARM_SWP_TYPE_BITS) - 1),
						  w >> ARM_SWP_OFFSET_SHIFT));
	v = pte_val(pfn_pte(w >> PAGE_SHIFT, __pgprot(0)));
	v |= (w & L_PTE_NONE) ? _PAGE_PROTNONE : _PAGE_PRESENT;
	if (w & L_PTE_YOUNG)
		v |= _PAGE_ACCESSED;
	if (w & L_PTE_DIRTY)
		v |= _PAGE_DIRTY;
	if (!(w & L_PTE_RDONLY))
		v |= _PAGE_RW;
	if (w & L_PTE_USER)
		v |= _PAGE_USER;
	if (w & L_PTE_XN)
		v |= _PAGE_NX;
	return __pte(v);
}

static pte_t arm_ptep_get(pte_t *ptep)
{
	return arm_pte_unpack(*(arm_pteval_t *)ptep);
}

/*
 * set_pte_at (arch/arm/mm/mmu.c): a valid user mapping below TASK_SIZE is
 * not global (PTE_EXT_NG: tagged with the ASID); set_pte_ext writes the
 * Linux word and its hardware twin.
 */
static u32 arm_user_pte_ext(unsigned long addr, arm_pteval_t w)
{
	if (addr < TASK_SIZE_ARM && (w & (L_PTE_PRESENT | L_PTE_USER)) ==
	    (L_PTE_PRESENT | L_PTE_USER))
		return PTE_EXT_NG;
	return 0;
}

static void arm_set_pte_at(struct mm_struct *mm, unsigned long addr,
			   pte_t *ptep, pte_t pte)
{
	arm_pteval_t w = arm_pte_pack(pte);

	(void)mm;
	set_pte_ext((arm_pteval_t *)ptep, w, arm_user_pte_ext(addr, w));
}

/*
 * The validator's check: the hardware twin is what set_pte_at derives
 * from the Linux PTE beside it, and the Linux word reads back as a value
 * that packs to itself (no bit the generic form cannot say).
 */
static const char *arm_pte_check(pte_t *ptep, unsigned long addr)
{
	const arm_pteval_t *w = (const arm_pteval_t *)ptep;

	if (w[ARM_PTE_HWTABLE_PTRS] != arm_hw_pte(w[0], arm_user_pte_ext(addr, w[0])))
		return "hardware PTE does not match its Linux PTE";
	if (arm_pte_pack(arm_pte_unpack(w[0])) != w[0])
		return "Linux PTE has bits the generic form loses";
	return NULL;
}

const struct mmsim_pgtable_ops arm_pgtable_ops = {
	.pgd_alloc = arm_pgd_alloc,
	.pgd_free = arm_pgd_free,
	.pmd_lookup = arm_pmd_lookup,
	.pmd_alloc = arm_pmd_lookup,            /* nothing above the pgd to make */
	.pte_alloc = arm_pte_alloc,
	.pte_free_table = arm_pte_free_table,
	.pmd_pgtable = arm_pmd_pgtable,
	.pte_offset_map = arm_pte_offset_map,
	.ptep_get = arm_ptep_get,
	.set_pte_at = arm_set_pte_at,
	.pte_check = arm_pte_check,
	.pte_size = sizeof(arm_pteval_t),
	.folded = true,
	.first_user_address = ARM_FIRST_USER_ADDRESS,
};

/*
 * The ARMv7 MMU's answer for a user access at @addr, from the hardware
 * entries alone (what the table walk finds): the host byte, or NULL for
 * a translation or permission fault.  AP[1] grants user access, APX makes
 * it read-only; an invalid h/w entry (not present, old, PROT_NONE) faults.
 */
u8 *arm_user_hw_walk(struct mm_struct *mm, unsigned long addr, bool write,
		     u32 *hwp)
{
	const arm_pmdval_t *l1 = (const arm_pmdval_t *)mm->pgd;
	arm_pmdval_t e = l1[(u32)addr >> ARM_SECTION_SHIFT];
	arm_pteval_t hw;

	if (hwp)
		*hwp = 0;
	if ((e & PMD_TYPE_MASK) != PMD_TYPE_TABLE)
		return NULL;
	hw = ((const arm_pteval_t *)__va(e & 0xfffffc00U))[((u32)addr >> PAGE_SHIFT) & 0xff];
	if (hwp)
		*hwp = hw;
	if (!(hw & PTE_TYPE_SMALL) || !(hw & PTE_EXT_AP1))
		return NULL;
	if (write && (hw & PTE_EXT_APX))
		return NULL;
	return __va((hw & (u32)PAGE_MASK) + (addr & ~PAGE_MASK));
}

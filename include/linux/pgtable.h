/* SPDX-License-Identifier: MIT */
/*
 * include/linux/pgtable.h — architecture-independent page-table helpers:
 * stepping through a range one table entry at a time, spotting corrupt
 * entries, and finding or creating the table below an entry.
 *
 * Kernel counterparts: include/linux/pgtable.h (the *_addr_end() steps,
 * *_none_or_clear_bad()), include/linux/mm.h (p4d_alloc, pud_alloc,
 * pmd_alloc, pte_alloc_kernel), mm/pgalloc-track.h (the _track forms),
 * arch/x86/include/asm/pgtable.h (*_bad, *_leaf, pte_page, mk_pte),
 * arch/x86/include/asm/pgalloc.h and include/asm-generic/pgalloc.h (the
 * table-page allocators, implemented in arch/x86/mm/pgtable.c).
 *
 * A range walk visits each level with the same shape:
 *
 *   pgd = pgd_offset_k(addr);
 *   do {
 *           next = pgd_addr_end(addr, end);   the end of this entry's span,
 *           ... the level below, for [addr, next) ...    or @end if sooner
 *   } while (pgd++, addr = next, addr != end);
 *
 * Finding or creating the next table: p4d_alloc(), pud_alloc(),
 * pmd_alloc(), pte_alloc_kernel() return the entry for @addr in the table
 * below, allocating that table from the page allocator when the entry is
 * empty (mm/memory.c); NULL when memory runs out.  The _track forms also
 * record in *mask which levels were changed (PGTBL_*_MODIFIED): x86_64
 * needs no synchronisation of kernel mappings across page tables, because
 * the vmalloc area's top-level entries were all populated at boot
 * (preallocate_vmalloc_pages()).
 *
 * Host pointers everywhere an entry's table is followed (see
 * <asm/pgtable.h>): table pages are in simulated RAM, reached via __va().
 *
 * User tables are the machine's architecture's (x86_64's four levels or
 * 32-bit ARM's two): pgd_alloc, pte_offset_map, ptep_get, set_pte_at,
 * ptep_clear, ptep_next below call that architecture's hooks
 * (include/mmsim/arch.h), as a kernel built for it would call its
 * asm/pgalloc.h and asm/pgtable.h.
 */
#ifndef _MMSIM_LINUX_PGTABLE_H
#define _MMSIM_LINUX_PGTABLE_H

#include "linux/types.h"
#include "linux/mm_struct.h"
#include "arch/x86/include/asm/pgtable.h"
#include "mmsim/arch.h"
#include "mmsim/machine.h"

/* --- stepping -------------------------------------------------------------- */

/* The end of the span of the entry holding @addr, capped at @end. */
static inline unsigned long pgtable_span_end(unsigned long addr,
					     unsigned long end,
					     unsigned long span)
{
	unsigned long boundary = (addr + span) & ~(span - 1);

	/* compare after -1 so that an end of 0 (top of memory) works */
	return boundary - 1 < end - 1 ? boundary : end;
}

static inline unsigned long pgd_addr_end(unsigned long addr, unsigned long end)
{
	return pgtable_span_end(addr, end, PGDIR_SIZE);
}

static inline unsigned long p4d_addr_end(unsigned long addr, unsigned long end)
{
	return pgtable_l5_enabled() ? pgtable_span_end(addr, end, P4D_SIZE) : end;
}

static inline unsigned long pud_addr_end(unsigned long addr, unsigned long end)
{
	return pgtable_span_end(addr, end, PUD_SIZE);
}

static inline unsigned long pmd_addr_end(unsigned long addr, unsigned long end)
{
	return pgtable_span_end(addr, end, PMD_SIZE);
}

/* --- corrupt entries --------------------------------------------------------- */

/*
 * An entry that points at a table must carry exactly the table flags
 * (_KERNPG_TABLE, the user bit allowed).  On 4 levels the PGD level is
 * folded into the P4D one and is never "bad".
 */
static inline bool pgd_bad(pgd_t pgd)
{
	if (!pgtable_l5_enabled())
		return false;
	return (pgd_flags(pgd) & ~_PAGE_USER) != _KERNPG_TABLE;
}

static inline bool p4d_bad(p4d_t p4d)
{
	return (p4d_flags(p4d) & ~_PAGE_USER) != _KERNPG_TABLE;
}

static inline bool pud_bad(pud_t pud)
{
	return (pud_flags(pud) & ~(_KERNPG_TABLE | _PAGE_USER)) != 0;
}

static inline bool pmd_bad(pmd_t pmd)
{
	return (pmd_flags(pmd) & ~_PAGE_USER) != _KERNPG_TABLE;
}

/* Does the entry map memory itself rather than point at a table? */
static inline bool pgd_leaf(pgd_t pgd) { (void)pgd; return false; }
static inline bool p4d_leaf(p4d_t p4d) { (void)p4d; return false; }
static inline bool pud_leaf(pud_t pud) { return pud_large(pud); }
static inline bool pmd_leaf(pmd_t pmd) { return pmd_large(pmd); }

static inline void pte_clear(pte_t *ptep) { set_pte(ptep, __pte(0)); }
static inline void pmd_clear(pmd_t *pmdp) { set_pmd(pmdp, __pmd(0)); }
static inline void pud_clear(pud_t *pudp) { set_pud(pudp, __pud(0)); }
static inline void p4d_clear(p4d_t *p4dp) { set_p4d(p4dp, __p4d(0)); }
static inline void pgd_clear(pgd_t *pgdp)
{
	if (pgtable_l5_enabled())
		set_pgd(pgdp, __pgd(0));
}

/* Report a corrupt entry and clear it (mm/pgtable-generic.c). */
void pgd_clear_bad(pgd_t *pgd);
void p4d_clear_bad(p4d_t *p4d);
void pud_clear_bad(pud_t *pud);
void pmd_clear_bad(pmd_t *pmd);

/* Nothing to walk below: empty, or bad (then cleared). */
static inline bool pgd_none_or_clear_bad(pgd_t *pgd)
{
	if (pgd_none(*pgd))
		return true;
	if (pgd_bad(*pgd)) {
		pgd_clear_bad(pgd);
		return true;
	}
	return false;
}

static inline bool p4d_none_or_clear_bad(p4d_t *p4d)
{
	if (p4d_none(*p4d))
		return true;
	if (p4d_bad(*p4d)) {
		p4d_clear_bad(p4d);
		return true;
	}
	return false;
}

static inline bool pud_none_or_clear_bad(pud_t *pud)
{
	if (pud_none(*pud))
		return true;
	if (pud_bad(*pud)) {
		pud_clear_bad(pud);
		return true;
	}
	return false;
}

static inline bool pmd_none_or_clear_bad(pmd_t *pmd)
{
	if (pmd_none(*pmd))
		return true;
	if (pmd_bad(*pmd)) {
		pmd_clear_bad(pmd);
		return true;
	}
	return false;
}

/* --- pages and entries ---------------------------------------------------------- */

static inline struct page *pte_page(pte_t pte) { return pfn_to_page(pte_pfn(pte)); }
static inline struct page *pmd_page(pmd_t pmd) { return pfn_to_page(pmd_pfn(pmd)); }
static inline struct page *pud_page(pud_t pud) { return pfn_to_page(pud_pfn(pud)); }

static inline pte_t mk_pte(struct page *page, pgprot_t prot)
{
	return pfn_pte(page_to_pfn(page), prot);
}

static inline pgprot_t pgprot_nx(pgprot_t prot)
{
	return __pgprot(pgprot_val(prot) | _PAGE_NX);
}

/* --- user tables: the machine's architecture (include/mmsim/arch.h) ------------ */

/* The user page-table hooks of the current machine (x86_64 when it has none). */
static inline const struct mmsim_pgtable_ops *arch_pgtable(void)
{
	const struct mmsim_arch_ops *ops = current_machine->arch_ops;

	return ops && ops->pgtable ? ops->pgtable : &x86_64_pgtable_ops;
}

/* Two levels with p4d, pud and pmd folded into the pgd (32-bit ARM)? */
static inline bool pgtable_folded(void)
{
	return arch_pgtable()->folded;
}

/* FIRST_USER_ADDRESS: ARM keeps page 0 and 1 for the vectors' sake. */
static inline unsigned long first_user_address(void)
{
	return arch_pgtable()->first_user_address;
}

/* The entry in RAM, as a generic value (a load of *ptep in the kernel). */
static inline pte_t ptep_get(pte_t *ptep)
{
	return arch_pgtable()->ptep_get(ptep);
}

/* The entry after @ptep in its table (ptep + 1 in the kernel). */
static inline pte_t *ptep_next(pte_t *ptep)
{
	return (pte_t *)((char *)ptep + arch_pgtable()->pte_size);
}

static inline void set_pte_at(struct mm_struct *mm, unsigned long addr,
			      pte_t *ptep, pte_t pte)
{
	arch_pgtable()->set_pte_at(mm, addr, ptep, pte);
}

static inline void ptep_clear(struct mm_struct *mm, unsigned long addr,
			      pte_t *ptep)
{
	set_pte_at(mm, addr, ptep, __pte(0));
}

static inline pte_t ptep_get_and_clear(struct mm_struct *mm,
				       unsigned long addr, pte_t *ptep)
{
	pte_t old = ptep_get(ptep);

	ptep_clear(mm, addr, ptep);
	return old;
}

/* 6.1's pmdp_get_lockless: one load of an entry another CPU may be setting. */
static inline pmd_t pmdp_get_lockless(pmd_t *pmdp)
{
	return (pmd_t){ __atomic_load_n(&pmdp->pmd, __ATOMIC_ACQUIRE) };
}

static inline bool pte_same(pte_t a, pte_t b)
{
	return pte_val(a) == pte_val(b);
}

/* The PTE of @addr in the table the (user) PMD entry @pmd points to. */
static inline pte_t *pte_offset_map(pmd_t *pmd, unsigned long addr)
{
	return arch_pgtable()->pte_offset_map(pmd, addr);
}

/* The PTE page a (user) PMD entry points to. */
static inline struct page *pmd_pgtable(pmd_t pmd)
{
	return arch_pgtable()->pmd_pgtable(pmd);
}

/*
 * Page-table locks (6.1 include/linux/mm.h, USE_SPLIT_PTE_PTLOCKS and, on
 * x86_64, USE_SPLIT_PMD_PTLOCKS): each PTE table page and each PMD table
 * page carries its own spinlock in page->ptl (ALLOC_SPLIT_PTLOCKS is off:
 * the lock is small enough to live in struct page), set up by the table's
 * constructor (ptlock_init).  It guards the entries of that table: a PTE
 * is changed only under the lock of its table (pte_offset_map_lock), a
 * huge PMD under its PMD table's lock (pmd_lock).  32-bit ARM folds the
 * PMD into the PGD and has no split PMD lock: pmd_lock is
 * mm->page_table_lock there.  mm->page_table_lock also guards the
 * installing of a new table (pmd_populate) and the upper levels.
 */
static inline spinlock_t *ptlock_ptr(struct page *page)
{
	return &page->ptl;
}

static inline void ptlock_init(struct page *page)
{
	spin_lock_init(ptlock_ptr(page));
}

/* The table page is going: leave page->private as the buddy expects it. */
static inline void ptlock_free(struct page *page)
{
	page->ptl = (spinlock_t){ 0, 0 };
}

/* The lock of the PTE table @pmd points to. */
static inline spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	(void)mm;
	return ptlock_ptr(pmd_pgtable(*pmd));
}

/* The PTE of @addr, its table's lock taken and returned in *ptlp. */
static inline pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd,
					 unsigned long addr, spinlock_t **ptlp)
{
	spinlock_t *ptl = pte_lockptr(mm, pmd);

	spin_lock(ptl);
	*ptlp = ptl;
	return pte_offset_map(pmd, addr);
}

static inline void pte_unmap_unlock(pte_t *pte, spinlock_t *ptl)
{
	(void)pte;
	spin_unlock(ptl);
}

/* The lock of the PMD entry @pmd: its table page's, or the mm's when folded. */
static inline spinlock_t *pmd_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	if (pgtable_folded())
		return &mm->page_table_lock;
	return ptlock_ptr(virt_to_page((void *)((unsigned long)pmd & PAGE_MASK)));
}

static inline spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd)
{
	spinlock_t *ptl = pmd_lockptr(mm, pmd);

	spin_lock(ptl);
	return ptl;
}

/* The top-level table of a new mm, NULL on OOM; and its freeing (asm/pgalloc.h). */
static inline pgd_t *pgd_alloc(struct mm_struct *mm)
{
	return arch_pgtable()->pgd_alloc(mm);
}

static inline void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	arch_pgtable()->pgd_free(mm, pgd);
}

/* --- table pages (arch/x86/mm/pgtable.c) ----------------------------------------- */

#define GFP_PGTABLE_KERNEL (GFP_KERNEL | __GFP_ZERO)

/*
 * One zeroed table page for a level below the PGD, or NULL.  PMD pages
 * are "constructed" (PageTable, counted in NR_PAGETABLE, i.e. PageTables
 * in /proc/meminfo); PTE and PUD pages of the kernel's own tables are not,
 * as in 6.1.
 */
pte_t *pte_alloc_one_kernel(struct mm_struct *mm);
void pte_free_kernel(struct mm_struct *mm, pte_t *pte);
pmd_t *pmd_alloc_one(struct mm_struct *mm, unsigned long addr);
void pmd_free(struct mm_struct *mm, pmd_t *pmd);
pud_t *pud_alloc_one(struct mm_struct *mm, unsigned long addr);
void pud_free(struct mm_struct *mm, pud_t *pud);
p4d_t *p4d_alloc_one(struct mm_struct *mm, unsigned long addr);
void p4d_free(struct mm_struct *mm, p4d_t *p4d);

/* Huge kernel mappings (arch/x86/mm/pgtable.c). */
bool arch_vmap_pmd_supported(pgprot_t prot);
bool arch_vmap_pud_supported(pgprot_t prot);
int pmd_set_huge(pmd_t *pmd, phys_addr_t addr, pgprot_t prot);
int pud_set_huge(pud_t *pud, phys_addr_t addr, pgprot_t prot);
int pmd_clear_huge(pmd_t *pmd);
int pud_clear_huge(pud_t *pud);
int pmd_free_pte_page(pmd_t *pmd, unsigned long addr);
int pud_free_pmd_page(pud_t *pud, unsigned long addr);

/* --- find or create the next level (mm/memory.c) ------------------------------------ */

int __p4d_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long address);
int __pud_alloc(struct mm_struct *mm, p4d_t *p4d, unsigned long address);
int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long address);
int __pte_alloc_kernel(pmd_t *pmd);

static inline p4d_t *p4d_alloc(struct mm_struct *mm, pgd_t *pgd,
			       unsigned long address)
{
	if (pgd_none(pgdp_get(pgd)) && __p4d_alloc(mm, pgd, address))
		return NULL;
	return p4d_offset(pgd, address);
}

static inline pud_t *pud_alloc(struct mm_struct *mm, p4d_t *p4d,
			       unsigned long address)
{
	if (p4d_none(p4dp_get(p4d)) && __pud_alloc(mm, p4d, address))
		return NULL;
	return pud_offset(p4d, address);
}

static inline pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud,
			       unsigned long address)
{
	if (pud_none(pudp_get(pud)) && __pmd_alloc(mm, pud, address))
		return NULL;
	return pmd_offset(pud, address);
}

/*
 * The unlocked look at a kernel PMD entry before __pte_alloc_kernel().
 * The kernel reads it plainly and relies on the smp_wmb() in
 * __pte_alloc_kernel() (the zeroed PTE page is visible before the entry
 * that points at it) plus the reader's address dependency.  In C that
 * pair is a release store and an acquire load: the entry is loaded
 * atomically here, so a CPU that finds another CPU's fresh PTE page also
 * finds its zeroes (ThreadSanitizer sees the order too).
 */
static inline pmd_t pmd_load_acquire(pmd_t *pmd)
{
	pmd_t v;

	v.pmd = __atomic_load_n(&pmd->pmd, __ATOMIC_ACQUIRE);
	return v;
}

static inline pte_t *pte_alloc_kernel(pmd_t *pmd, unsigned long address)
{
	if (pmd_none(pmd_load_acquire(pmd)) && __pte_alloc_kernel(pmd))
		return NULL;
	return pte_offset_kernel(pmd, address);
}

/* Which levels a walk changed (mm/pgalloc-track.h). */
typedef unsigned int pgtbl_mod_mask;
#define PGTBL_PGD_MODIFIED (1U << 0)
#define PGTBL_P4D_MODIFIED (1U << 1)
#define PGTBL_PUD_MODIFIED (1U << 2)
#define PGTBL_PMD_MODIFIED (1U << 3)
#define PGTBL_PTE_MODIFIED (1U << 4)

static inline p4d_t *p4d_alloc_track(struct mm_struct *mm, pgd_t *pgd,
				     unsigned long address,
				     pgtbl_mod_mask *mod_mask)
{
	if (pgd_none(pgdp_get(pgd))) {
		if (__p4d_alloc(mm, pgd, address))
			return NULL;
		*mod_mask |= PGTBL_PGD_MODIFIED;
	}
	return p4d_offset(pgd, address);
}

static inline pud_t *pud_alloc_track(struct mm_struct *mm, p4d_t *p4d,
				     unsigned long address,
				     pgtbl_mod_mask *mod_mask)
{
	if (p4d_none(p4dp_get(p4d))) {
		if (__pud_alloc(mm, p4d, address))
			return NULL;
		*mod_mask |= PGTBL_P4D_MODIFIED;
	}
	return pud_offset(p4d, address);
}

static inline pmd_t *pmd_alloc_track(struct mm_struct *mm, pud_t *pud,
				     unsigned long address,
				     pgtbl_mod_mask *mod_mask)
{
	if (pud_none(pudp_get(pud))) {
		if (__pmd_alloc(mm, pud, address))
			return NULL;
		*mod_mask |= PGTBL_PUD_MODIFIED;
	}
	return pmd_offset(pud, address);
}

static inline pte_t *pte_alloc_kernel_track(pmd_t *pmd, unsigned long address,
					    pgtbl_mod_mask *mod_mask)
{
	if (pmd_none(pmd_load_acquire(pmd))) {
		if (__pte_alloc_kernel(pmd))
			return NULL;
		*mod_mask |= PGTBL_PMD_MODIFIED;
	}
	return pte_offset_kernel(pmd, address);
}

#endif /* _MMSIM_LINUX_PGTABLE_H */

/* SPDX-License-Identifier: MIT */
/*
 * arch/x86/include/asm/pgtable.h — reading and writing x86_64 page-table
 * entries: values, flags, frame numbers, the walk from one level to the
 * next, and the kernel's top-level table.
 *
 * Kernel counterparts: arch/x86/include/asm/pgtable.h, pgtable_64.h,
 * pgalloc.h (the *_populate helpers), asm/pgtable_types.h (the accessors),
 * asm/set_memory.h + pat/set_memory.c (lookup_address, DirectMap counts).
 *
 * The tables live in simulated RAM.  An entry holds a *physical* address;
 * following it means __va(), which in mmsim is the host address of that
 * byte of simulated RAM.  So the _offset() helpers (pgd_offset_k,
 * pud_offset, ...) and p4d_pgtable(), pud_pgtable(), pmd_page_vaddr()
 * return host pointers to entries,
 * exactly where the kernel returns direct-map pointers, and code written
 * against the kernel's helpers reads the same:
 *
 *   pgd_t *pgd = pgd_offset_k(va);         init_top_pgt[pgd_index(va)]
 *   p4d_t *p4d = p4d_offset(pgd, va);      == (p4d_t *)pgd on 4 levels
 *   pud_t *pud = pud_offset(p4d, va);      in the page p4d points to
 *   pmd_t *pmd = pmd_offset(pud, va);      unless pud_large(*pud)
 *   pte_t *pte = pte_offset_kernel(pmd, va);  unless pmd_large(*pmd)
 *
 * The *virtual* addresses the kernel would use (PAGE_OFFSET + pa) are
 * plain unsigned longs here: direct_map_va(pa) and direct_map_pa(va).
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include "linux/types.h"
#include "linux/pfn.h"
#include "linux/mm.h"
#include "arch/x86/include/asm/pgtable_types.h"
#include "arch/x86/include/asm/pgtable_64_types.h"
#include "mmsim/machine.h"

/* --- the direct map -------------------------------------------------- */

/*
 * Header macros below expand to these functions, never to field names, so
 * that a .c file may alias a field (e.g. `#define pgt ...`) freely.
 */
static inline unsigned long x86_page_offset(void)
{
	return current_machine->x86.page_offset_base;
}

static inline pgd_t *x86_init_top_pgt(void)
{
	return __va(current_machine->x86.pgt.init_top_pgt_pa);
}

#define PAGE_OFFSET (x86_page_offset())

/* The kernel virtual address of physical address @pa in the direct map. */
static inline unsigned long direct_map_va(phys_addr_t pa)
{
	return PAGE_OFFSET + (unsigned long)pa;
}

/* The physical address behind direct-map address @va (no table walk). */
static inline phys_addr_t direct_map_pa(unsigned long va)
{
	return (phys_addr_t)(va - PAGE_OFFSET);
}

/* --- masks ----------------------------------------------------------- */

#define PHYSICAL_PAGE_MASK ((pteval_t)(__PHYSICAL_MASK & PAGE_MASK))
#define PHYSICAL_PMD_PAGE_MASK ((pteval_t)(__PHYSICAL_MASK & PMD_MASK))
#define PHYSICAL_PUD_PAGE_MASK ((pteval_t)(__PHYSICAL_MASK & PUD_MASK))
#define PTE_PFN_MASK PHYSICAL_PAGE_MASK
#define PTE_FLAGS_MASK (~PTE_PFN_MASK)

/* __supported_pte_mask and __default_kernel_pte_mask (see pgtable_types.h). */
static inline pteval_t supported_pte_mask(void)
{
	return ~current_machine->x86.pgt.supported_pte_clear;
}

static inline pteval_t default_kernel_pte_mask(void)
{
	return ~current_machine->x86.pgt.kernel_pte_clear;
}

#define __pgprot_mask(x) __pgprot((x) & default_kernel_pte_mask())
#define PAGE_KERNEL __pgprot_mask(__PAGE_KERNEL)
#define PAGE_KERNEL_EXEC __pgprot_mask(__PAGE_KERNEL_EXEC)
#define PAGE_KERNEL_RO __pgprot_mask(__PAGE_KERNEL_RO)
#define PAGE_KERNEL_LARGE __pgprot_mask(__PAGE_KERNEL_LARGE)

/* Drop the bits the CPU does not implement (the kernel's check_pgprot). */
static inline pgprotval_t check_pgprot(pgprot_t prot)
{
	return pgprot_val(prot) & supported_pte_mask();
}

/* --- values ------------------------------------------------------------ */

static inline pteval_t pte_val(pte_t x) { return x.pte; }
static inline pmdval_t pmd_val(pmd_t x) { return x.pmd; }
static inline pudval_t pud_val(pud_t x) { return x.pud; }
static inline p4dval_t p4d_val(p4d_t x) { return x.p4d; }
static inline pgdval_t pgd_val(pgd_t x) { return x.pgd; }
static inline pte_t __pte(pteval_t v) { return (pte_t){ v }; }
static inline pmd_t __pmd(pmdval_t v) { return (pmd_t){ v }; }
static inline pud_t __pud(pudval_t v) { return (pud_t){ v }; }
static inline p4d_t __p4d(p4dval_t v) { return (p4d_t){ v }; }
static inline pgd_t __pgd(pgdval_t v) { return (pgd_t){ v }; }

/* --- frame and flags of an entry --------------------------------------- */

/* A PMD or PUD that maps a large page keeps its PAT bit at bit 12. */
static inline pmdval_t pmd_pfn_mask(pmd_t pmd)
{
	return (pmd_val(pmd) & _PAGE_PSE) ? PHYSICAL_PMD_PAGE_MASK : PTE_PFN_MASK;
}

static inline pudval_t pud_pfn_mask(pud_t pud)
{
	return (pud_val(pud) & _PAGE_PSE) ? PHYSICAL_PUD_PAGE_MASK : PTE_PFN_MASK;
}

static inline pteval_t pte_flags(pte_t pte) { return pte_val(pte) & PTE_FLAGS_MASK; }
static inline pmdval_t pmd_flags(pmd_t pmd) { return pmd_val(pmd) & ~pmd_pfn_mask(pmd); }
static inline pudval_t pud_flags(pud_t pud) { return pud_val(pud) & ~pud_pfn_mask(pud); }
static inline p4dval_t p4d_flags(p4d_t p4d) { return p4d_val(p4d) & PTE_FLAGS_MASK; }
static inline pgdval_t pgd_flags(pgd_t pgd) { return pgd_val(pgd) & PTE_FLAGS_MASK; }

static inline unsigned long pte_pfn(pte_t pte)
{
	return (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT;
}

static inline unsigned long pmd_pfn(pmd_t pmd)
{
	return (pmd_val(pmd) & pmd_pfn_mask(pmd)) >> PAGE_SHIFT;
}

static inline unsigned long pud_pfn(pud_t pud)
{
	return (pud_val(pud) & pud_pfn_mask(pud)) >> PAGE_SHIFT;
}

static inline unsigned long p4d_pfn(p4d_t p4d)
{
	return (p4d_val(p4d) & PTE_PFN_MASK) >> PAGE_SHIFT;
}

static inline unsigned long pgd_pfn(pgd_t pgd)
{
	return (pgd_val(pgd) & PTE_PFN_MASK) >> PAGE_SHIFT;
}

static inline pgprot_t pte_pgprot(pte_t pte) { return __pgprot(pte_flags(pte)); }
static inline pte_t pte_clrhuge(pte_t pte) { return __pte(pte_val(pte) & ~_PAGE_PSE); }

/* --- none / present / large --------------------------------------------- */

/*
 * The kernel's predicates.  *_present() also accepts the software states
 * the kernel keeps in non-present entries (PROTNONE, a PMD being split);
 * a hardware walk tests _PAGE_PRESENT itself (see walk_virt_to_phys()).
 */
#define _PAGE_PROTNONE _PAGE_GLOBAL

/*
 * An entry with only Accessed/Dirty set counts as empty (Knights Landing
 * may set them spuriously).  On 4 levels the PGD level is folded away:
 * pgd_none() is never true and the P4D predicates look at the PGD entry.
 */
#define _PAGE_KNL_ERRATUM_MASK (_PAGE_DIRTY | _PAGE_ACCESSED)

static inline bool pte_none(pte_t pte) { return !(pte_val(pte) & ~_PAGE_KNL_ERRATUM_MASK); }
static inline bool pmd_none(pmd_t pmd) { return !(pmd_val(pmd) & ~_PAGE_KNL_ERRATUM_MASK); }
static inline bool pud_none(pud_t pud) { return !(pud_val(pud) & ~_PAGE_KNL_ERRATUM_MASK); }
static inline bool p4d_none(p4d_t p4d) { return !(p4d_val(p4d) & ~_PAGE_KNL_ERRATUM_MASK); }

static inline bool pgd_none(pgd_t pgd)
{
	return pgtable_l5_enabled() && !pgd_val(pgd);
}

static inline bool pte_present(pte_t pte)
{
	return pte_flags(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE);
}

static inline bool pmd_present(pmd_t pmd)
{
	return pmd_flags(pmd) & (_PAGE_PRESENT | _PAGE_PROTNONE | _PAGE_PSE);
}

static inline bool pud_present(pud_t pud) { return pud_flags(pud) & _PAGE_PRESENT; }
static inline bool p4d_present(p4d_t p4d) { return p4d_flags(p4d) & _PAGE_PRESENT; }
static inline bool pgd_present(pgd_t pgd)
{
	return !pgtable_l5_enabled() || (pgd_flags(pgd) & _PAGE_PRESENT);
}

/* Does the entry map a page itself (2 MiB / 1 GiB) instead of a table? */
static inline bool pmd_large(pmd_t pmd) { return pmd_flags(pmd) & _PAGE_PSE; }

static inline bool pud_large(pud_t pud)
{
	return (pud_val(pud) & (_PAGE_PSE | _PAGE_PRESENT)) ==
	       (_PAGE_PSE | _PAGE_PRESENT);
}

/* --- indexes into each level ------------------------------------------- */

static inline unsigned long pgd_index(unsigned long address)
{
	return (address >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1);
}

static inline unsigned long p4d_index(unsigned long address)
{
	return (address >> P4D_SHIFT) & (PTRS_PER_P4D - 1);
}

static inline unsigned long pud_index(unsigned long address)
{
	return (address >> PUD_SHIFT) & (PTRS_PER_PUD - 1);
}

static inline unsigned long pmd_index(unsigned long address)
{
	return (address >> PMD_SHIFT) & (PTRS_PER_PMD - 1);
}

static inline unsigned long pte_index(unsigned long address)
{
	return (address >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}

/* --- the table an entry points to (host pointers) ----------------------- */

static inline void *pgd_page_vaddr(pgd_t pgd) { return __va(pgd_val(pgd) & PTE_PFN_MASK); }
static inline pud_t *p4d_pgtable(p4d_t p4d) { return __va(p4d_val(p4d) & PTE_PFN_MASK); }
static inline pmd_t *pud_pgtable(pud_t pud) { return __va(pud_val(pud) & pud_pfn_mask(pud)); }
static inline void *pmd_page_vaddr(pmd_t pmd) { return __va(pmd_val(pmd) & pmd_pfn_mask(pmd)); }

/* --- the entry for an address at each level ----------------------------- */

/* init_top_pgt (swapper_pg_dir): the kernel's PGD page, inside the image. */
#define init_top_pgt (x86_init_top_pgt())
#define swapper_pg_dir init_top_pgt

static inline pgd_t *pgd_offset_pgd(pgd_t *pgd, unsigned long address)
{
	return pgd + pgd_index(address);
}

static inline pgd_t *pgd_offset_k(unsigned long address)
{
	return pgd_offset_pgd(init_top_pgt, address);
}

/*
 * One load of an upper-level entry another CPU may be setting (the
 * accessors later kernels name pgdp_get/p4dp_get/pudp_get; 6.1 reads
 * the entry plainly).  An entry to a new table is published after the
 * table is zeroed: 6.1's smp_wmb() in __p4d_alloc/__pud_alloc/
 * __pmd_alloc, and the reader's address dependency.  In C that pair is
 * set_p4d/set_pud/set_pgd's release store and this acquire load, so a
 * CPU that walks through a table another CPU just made sees its zeroes.
 */
static inline pgd_t pgdp_get(pgd_t *pgdp)
{
	return (pgd_t){ __atomic_load_n(&pgdp->pgd, __ATOMIC_ACQUIRE) };
}
static inline p4d_t p4dp_get(p4d_t *p4dp)
{
	return (p4d_t){ __atomic_load_n(&p4dp->p4d, __ATOMIC_ACQUIRE) };
}
static inline pud_t pudp_get(pud_t *pudp)
{
	return (pud_t){ __atomic_load_n(&pudp->pud, __ATOMIC_ACQUIRE) };
}

/* On 4 levels the P4D is the PGD entry itself. */
static inline p4d_t *p4d_offset(pgd_t *pgd, unsigned long address)
{
	if (!pgtable_l5_enabled())
		return (p4d_t *)pgd;
	return (p4d_t *)pgd_page_vaddr(pgdp_get(pgd)) + p4d_index(address);
}

static inline pud_t *pud_offset(p4d_t *p4d, unsigned long address)
{
	return p4d_pgtable(p4dp_get(p4d)) + pud_index(address);
}

static inline pmd_t *pmd_offset(pud_t *pud, unsigned long address)
{
	return pud_pgtable(pudp_get(pud)) + pmd_index(address);
}

static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long address)
{
	return (pte_t *)pmd_page_vaddr(*pmd) + pte_index(address);
}

/* --- writing entries ---------------------------------------------------- */

static inline void set_pte(pte_t *ptep, pte_t pte) { *ptep = pte; }
/*
 * A release store: a new table the entry points to is seen zeroed by a
 * CPU that walks to it without the lock (6.1: pmd_populate after the
 * table's smp_wmb; readers use pmdp_get_lockless or pmd_load_acquire).
 */
static inline void set_pmd(pmd_t *pmdp, pmd_t pmd)
{
	__atomic_store_n(&pmdp->pmd, pmd.pmd, __ATOMIC_RELEASE);
}
/* Release stores, as set_pmd's (see there). */
static inline void set_pud(pud_t *pudp, pud_t pud)
{
	__atomic_store_n(&pudp->pud, pud.pud, __ATOMIC_RELEASE);
}
static inline void set_p4d(p4d_t *p4dp, p4d_t p4d)
{
	__atomic_store_n(&p4dp->p4d, p4d.p4d, __ATOMIC_RELEASE);
}
static inline void set_pgd(pgd_t *pgdp, pgd_t pgd)
{
	__atomic_store_n(&pgdp->pgd, pgd.pgd, __ATOMIC_RELEASE);
}

/* A 4 KiB page / 2 MiB page / 1 GiB page at frame @pfn with @prot. */
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte((((pteval_t)pfn << PAGE_SHIFT) & PHYSICAL_PAGE_MASK) |
		     check_pgprot(prot));
}

static inline pmd_t pfn_pmd(unsigned long pfn, pgprot_t prot)
{
	return __pmd((((pmdval_t)pfn << PAGE_SHIFT) & PHYSICAL_PMD_PAGE_MASK) |
		     check_pgprot(prot));
}

static inline pud_t pfn_pud(unsigned long pfn, pgprot_t prot)
{
	return __pud((((pudval_t)pfn << PAGE_SHIFT) & PHYSICAL_PUD_PAGE_MASK) |
		     check_pgprot(prot));
}

/* Point an entry at a lower-level table page (asm/pgalloc.h). */
static inline void pmd_populate_kernel(pmd_t *pmd, pte_t *pte)
{
	set_pmd(pmd, __pmd(__pa(pte) | _PAGE_TABLE));
}

static inline void pud_populate(pud_t *pud, pmd_t *pmd)
{
	set_pud(pud, __pud(__pa(pmd) | _PAGE_TABLE));
}

static inline void p4d_populate(p4d_t *p4d, pud_t *pud)
{
	set_p4d(p4d, __p4d(__pa(pud) | _PAGE_TABLE));
}

static inline void pgd_populate(pgd_t *pgd, p4d_t *p4d)
{
	set_pgd(pgd, __pgd(__pa(p4d) | _PAGE_TABLE));
}

/* --- translation (arch/x86/mm/pat/set_memory.c) ------------------------- */

/*
 * The entry that maps @address under @pgd, and in *level the size it maps
 * (PG_LEVEL_4K/2M/1G); the returned pointer is to a pte_t, pmd_t or pud_t
 * accordingly.  NULL, with *level the level where the walk stopped, when
 * an upper level is empty.  Like the kernel's, a returned leaf may still
 * be non-present.
 */
pte_t *lookup_address_in_pgd(pgd_t *pgd, unsigned long address,
			     unsigned int *level);
/* The same under init_top_pgt. */
pte_t *lookup_address(unsigned long address, unsigned int *level);

/*
 * What the MMU would do: walk @pgd for @va, honouring large pages and the
 * present bit at every level.  0 and the physical address (and, when
 * @level is not NULL, the page size it came from), or -EFAULT when some
 * level is not present.
 */
int walk_virt_to_phys(pgd_t *pgd, unsigned long va, phys_addr_t *pa,
		      unsigned int *level);

/*
 * DirectMap4k / DirectMap2M / DirectMap1G as /proc/meminfo prints them
 * (kB).  show_1g is false when the kernel omits the DirectMap1G line
 * (no 1 GiB pages in use for the direct map).
 */
struct direct_map_sizes {
	unsigned long kb_4k, kb_2m, kb_1g;
	bool show_1g;
};
struct direct_map_sizes direct_map_sizes_kb(void);
/* Account @pages more (or fewer) direct-map pages of @level. */
void update_page_count(int level, long pages);


/* --- user PTE bits (arch/x86/include/asm/pgtable.h) ---------------------- */

#define _PAGE_CHG_MASK (PTE_PFN_MASK | _PAGE_PCD | _PAGE_PWT | _PAGE_ACCESSED | \
			_PAGE_DIRTY | _PAGE_PSE)

static inline bool pte_write(pte_t pte) { return pte_flags(pte) & _PAGE_RW; }
static inline bool pte_dirty(pte_t pte) { return pte_flags(pte) & _PAGE_DIRTY; }
static inline bool pte_young(pte_t pte) { return pte_flags(pte) & _PAGE_ACCESSED; }
static inline pte_t pte_set_flags(pte_t pte, pteval_t f) { return __pte(pte_val(pte) | f); }
static inline pte_t pte_clear_flags(pte_t pte, pteval_t f) { return __pte(pte_val(pte) & ~f); }
static inline pte_t pte_mkwrite(pte_t pte) { return pte_set_flags(pte, _PAGE_RW); }
static inline pte_t pte_wrprotect(pte_t pte) { return pte_clear_flags(pte, _PAGE_RW); }
static inline pte_t pte_mkdirty(pte_t pte) { return pte_set_flags(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkclean(pte_t pte) { return pte_clear_flags(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkyoung(pte_t pte) { return pte_set_flags(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t pte) { return pte_clear_flags(pte, _PAGE_ACCESSED); }
/* Keep the frame, accessed and dirty bits; take the rest from @newprot. */
static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	return __pte((pte_val(pte) & _PAGE_CHG_MASK) |
		     (pgprot_val(newprot) & ~_PAGE_CHG_MASK));
}

static inline bool pmd_write(pmd_t pmd) { return pmd_flags(pmd) & _PAGE_RW; }
static inline bool pmd_dirty(pmd_t pmd) { return pmd_flags(pmd) & _PAGE_DIRTY; }
static inline bool pmd_young(pmd_t pmd) { return pmd_flags(pmd) & _PAGE_ACCESSED; }
static inline pmd_t pmd_wrprotect(pmd_t pmd) { return __pmd(pmd_val(pmd) & ~_PAGE_RW); }
static inline pmd_t pmd_mkwrite(pmd_t pmd) { return __pmd(pmd_val(pmd) | _PAGE_RW); }
static inline pmd_t pmd_mkdirty(pmd_t pmd) { return __pmd(pmd_val(pmd) | _PAGE_DIRTY); }
static inline pmd_t pmd_mkold(pmd_t pmd) { return __pmd(pmd_val(pmd) & ~_PAGE_ACCESSED); }

/*
 * The kernel page tables down to @vaddr's PMD entry or PTE, missing tables
 * taken from memblock (arch/x86/mm/init_64.c; boot only, panics when
 * memblock is out of memory).
 */
pmd_t *populate_extra_pmd(unsigned long vaddr);
pte_t *populate_extra_pte(unsigned long vaddr);

#endif /* _ASM_X86_PGTABLE_H */

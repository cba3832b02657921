// SPDX-License-Identifier: MIT
/*
 * arch/x86/mm/pgtable.c — page-table pages for the kernel's own tables
 * after boot, and huge (PMD/PUD) kernel mappings.
 *
 * Kernel counterparts: arch/x86/mm/pgtable.c (pmd_set_huge,
 * pmd_clear_huge, pmd_free_pte_page, ...), arch/x86/include/asm/pgalloc.h
 * and include/asm-generic/pgalloc.h (pte_alloc_one_kernel, pmd_alloc_one,
 * pud_alloc_one, p4d_alloc_one and the frees), include/linux/mm.h
 * (pgtable_pmd_page_ctor/dtor), arch/x86/include/asm/vmalloc.h
 * (arch_vmap_pmd_supported).
 *
 * At boot, table pages come from the brk buffer or memblock
 * (arch/x86/mm/init.c: alloc_low_pages).  Once the page allocator runs,
 * every new table page of the kernel's tables (vmalloc, vmap, ioremap) is
 * one zeroed order-0 page from it (GFP_PGTABLE_KERNEL), reached through
 * the direct map:
 *
 *   level   allocated by            accounted
 *   P4D     p4d_alloc_one()         - (only with 5-level paging)
 *   PUD     pud_alloc_one()         -
 *   PMD     pmd_alloc_one()         PageTable, NR_PAGETABLE (meminfo PageTables)
 *   PTE     pte_alloc_one_kernel()  -  (user PTE pages are; kernel ones not)
 *
 * User tables: pgd_alloc (one page, the kernel half copied), pte_alloc_one
 * and the four-level user walk, filled into x86_64_pgtable_ops, the hooks
 * the generic mm/ code reaches through include/linux/pgtable.h (32-bit
 * ARM's are in arch/arm/mm/pgd.c).
 *
 * Huge mappings: a PMD (2 MiB) or PUD (1 GiB) entry with _PAGE_PSE maps
 * the memory itself.  vmalloc_huge() and ioremap use them where size and
 * alignment allow and the CPU has the page size (PSE for 2 MiB; qemu64 has
 * no 1 GiB pages).  Memory types (MTRRs) are uniform write-back on the
 * simulated machine, so the kernel's MTRR refusal never triggers.
 */
#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/pgtable.h"
#include "linux/vmstat.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "arch/x86/include/asm/cpufeature.h"
#include "mm/process_internal.h"
#include "mmsim/machine.h"
#include "mmsim/arch.h"

static void *table_page_alloc(void)
{
	return (void *)get_zeroed_page(GFP_PGTABLE_KERNEL);
}

pte_t *pte_alloc_one_kernel(struct mm_struct *mm)
{
	(void)mm;
	return table_page_alloc();
}

void pte_free_kernel(struct mm_struct *mm, pte_t *pte)
{
	(void)mm;
	free_page((unsigned long)pte);
}

/*
 * A PMD (or user PTE) table page is a "page table" page: counted in
 * NR_PAGETABLE, with its split lock (ptlock_init).
 */
static void pgtable_pmd_page_ctor(struct page *page)
{
	ptlock_init(page);
	__SetPageTable(page);
	__mod_node_page_state(page_pgdat(page), NR_PAGETABLE, 1);
}

static void pgtable_pmd_page_dtor(struct page *page)
{
	ptlock_free(page);
	__ClearPageTable(page);
	__mod_node_page_state(page_pgdat(page), NR_PAGETABLE, -1);
}

pmd_t *pmd_alloc_one(struct mm_struct *mm, unsigned long addr)
{
	struct page *page = alloc_pages(GFP_PGTABLE_KERNEL, 0);

	(void)mm;
	(void)addr;
	if (!page)
		return NULL;
	pgtable_pmd_page_ctor(page);
	return page_address(page);
}

void pmd_free(struct mm_struct *mm, pmd_t *pmd)
{
	(void)mm;
	BUG_ON(!PAGE_ALIGNED((unsigned long)pmd));
	pgtable_pmd_page_dtor(virt_to_page(pmd));
	free_page((unsigned long)pmd);
}

pud_t *pud_alloc_one(struct mm_struct *mm, unsigned long addr)
{
	(void)mm;
	(void)addr;
	return table_page_alloc();
}

void pud_free(struct mm_struct *mm, pud_t *pud)
{
	(void)mm;
	BUG_ON(!PAGE_ALIGNED((unsigned long)pud));
	free_page((unsigned long)pud);
}

p4d_t *p4d_alloc_one(struct mm_struct *mm, unsigned long addr)
{
	(void)mm;
	(void)addr;
	return table_page_alloc();
}

void p4d_free(struct mm_struct *mm, p4d_t *p4d)
{
	(void)mm;
	if (!pgtable_l5_enabled())
		return;
	BUG_ON(!PAGE_ALIGNED((unsigned long)p4d));
	free_page((unsigned long)p4d);
}

/* --- huge mappings ------------------------------------------------------------ */

bool arch_vmap_pmd_supported(pgprot_t prot)
{
	(void)prot;
	return boot_cpu_has(X86_FEATURE_PSE);
}

bool arch_vmap_pud_supported(pgprot_t prot)
{
	(void)prot;
	return boot_cpu_has(X86_FEATURE_GBPAGES);
}

/*
 * A large entry keeps its PAT bit at bit 12, a 4K one at bit 7 (where PSE
 * is): move it when turning 4K protections into large ones.
 */
static pgprotval_t protval_4k_2_large(pgprotval_t val)
{
	return (val & ~(_PAGE_PAT | _PAGE_PAT_LARGE)) |
	       ((val & _PAGE_PAT) << (_PAGE_BIT_PAT_LARGE - _PAGE_BIT_PAT));
}

/* Map 2 MiB at @addr with one PMD entry; 0 when the entry holds a table. */
int pmd_set_huge(pmd_t *pmd, phys_addr_t addr, pgprot_t prot)
{
	if (pmd_present(*pmd) && !pmd_large(*pmd))
		return 0;
	set_pmd(pmd, pfn_pmd(addr >> PAGE_SHIFT,
			     __pgprot(protval_4k_2_large(pgprot_val(prot)) |
				      _PAGE_PSE)));
	return 1;
}

int pud_set_huge(pud_t *pud, phys_addr_t addr, pgprot_t prot)
{
	if (pud_present(*pud) && !pud_large(*pud))
		return 0;
	set_pud(pud, pfn_pud(addr >> PAGE_SHIFT,
			     __pgprot(protval_4k_2_large(pgprot_val(prot)) |
				      _PAGE_PSE)));
	return 1;
}

/* Clear a huge entry; 1 if it was one. */
int pmd_clear_huge(pmd_t *pmd)
{
	if (!pmd_large(*pmd))
		return 0;
	pmd_clear(pmd);
	return 1;
}

int pud_clear_huge(pud_t *pud)
{
	if (!pud_large(*pud))
		return 0;
	pud_clear(pud);
	return 1;
}

/*
 * Before a 2 MiB mapping replaces a PTE table: clear the entry and free
 * the (empty) table page.  1 when the entry is now free to use.
 */
int pmd_free_pte_page(pmd_t *pmd, unsigned long addr)
{
	pte_t *pte = (pte_t *)pmd_page_vaddr(*pmd);

	(void)addr;
	pmd_clear(pmd);
	pte_free_kernel(&init_mm, pte);
	return 1;
}

/* The same one level up: the PMD table and every PTE table under it. */
int pud_free_pmd_page(pud_t *pud, unsigned long addr)
{
	pmd_t *pmd = pud_pgtable(*pud);
	int i;

	(void)addr;
	for (i = 0; i < PTRS_PER_PMD; i++)
		if (!pmd_none(pmd[i]) && !pmd_large(pmd[i]))
			pte_free_kernel(&init_mm, pmd_page_vaddr(pmd[i]));
	pud_clear(pud);
	pmd_free(&init_mm, pmd);
	return 1;
}

/* --- user page tables (pgd_alloc, pte_alloc_one) ------------------------------- */

#define GFP_PGTABLE_USER (GFP_PGTABLE_KERNEL | __GFP_ACCOUNT)
/* The PGD slots from which the kernel half starts (KERNEL_PGD_BOUNDARY). */
#define KERNEL_PGD_BOUNDARY 256

/*
 * pgd_alloc: a user PGD is one zeroed page whose upper half repeats the
 * kernel's entries (pgd_ctor's clone_pgd_range), so that every address
 * space maps the kernel.  Not counted in pgtables_bytes (as 6.1).
 */
static pgd_t *x86_pgd_alloc(struct mm_struct *mm)
{
	pgd_t *pgd = (pgd_t *)__get_free_pages(GFP_PGTABLE_USER, 0);

	(void)mm;
	if (!pgd)
		return NULL;
	memcpy(pgd + KERNEL_PGD_BOUNDARY, swapper_pg_dir + KERNEL_PGD_BOUNDARY,
	       (PTRS_PER_PGD - KERNEL_PGD_BOUNDARY) * sizeof(pgd_t));
	return pgd;
}

static void x86_pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	(void)mm;
	free_page((unsigned long)pgd);
}

/* A user PTE page: PageTable and in NR_PAGETABLE (pgtable_pte_page_ctor). */
pte_t *pte_alloc_one(struct mm_struct *mm)
{
	struct page *page = alloc_pages(GFP_PGTABLE_USER, 0);

	(void)mm;
	if (!page)
		return NULL;
	pgtable_pmd_page_ctor(page);
	return page_address(page);
}

void pte_free(struct mm_struct *mm, pte_t *pte)
{
	(void)mm;
	pgtable_pmd_page_dtor(virt_to_page(pte));
	free_page((unsigned long)pte);
}

/* ---- the user walk: four levels (the generic mm/ code's hooks) ----------------- */

/* The PMD entry of @addr, or NULL when an upper level is empty. */
static pmd_t *x86_user_pmd_lookup(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset_pgd(mm->pgd, addr);
	p4d_t *p4d = p4d_offset(pgd, addr);
	p4d_t p4dval = p4dp_get(p4d);
	pud_t *pud, pudval;

	if (p4d_none(p4dval) || !p4d_present(p4dval))
		return NULL;
	pud = pud_offset(p4d, addr);
	pudval = pudp_get(pud);
	if (pud_none(pudval) || !pud_present(pudval))
		return NULL;
	return pmd_offset(pud, addr);
}

/* The PMD entry of @addr, the upper levels made as needed; NULL on OOM. */
static pmd_t *x86_user_pmd_alloc(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset_pgd(mm->pgd, addr);
	p4d_t *p4d = p4d_alloc(mm, pgd, addr);
	pud_t *pud;

	if (!p4d)
		return NULL;
	pud = pud_alloc(mm, p4d, addr);
	if (!pud)
		return NULL;
	return pmd_alloc(mm, pud, addr);
}

/* __pte_alloc: a PTE page for the empty @pmd (pmd_populate: _PAGE_TABLE). */
static int x86_pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	pte_t *new = pte_alloc_one(mm);

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pmd_none(*pmd)) {
		mm_inc_nr_ptes(mm);
		set_pmd(pmd, __pmd(__pa(new) | _PAGE_TABLE));
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		pte_free(mm, new);
	return 0;
}

static void x86_pte_free_table(struct mm_struct *mm, pmd_t *pmd)
{
	pte_t *pte = pmd_page_vaddr(*pmd);

	pmd_clear(pmd);
	pte_free(mm, pte);
}

static struct page *x86_pmd_pgtable(pmd_t pmd)
{
	return pmd_page(pmd);
}

static pte_t *x86_pte_offset_map(pmd_t *pmd, unsigned long addr)
{
	return pte_offset_kernel(pmd, addr);
}

/*
 * 6.1's ptep_get is READ_ONCE and x86's set_pte a WRITE_ONCE: one access
 * of the whole entry, which a fault's unlocked first look at a PTE relies
 * on (it checks again under the table's lock).  Relaxed atomics here:
 * the same single move on x86, and visible as such to ThreadSanitizer.
 */
static pte_t x86_ptep_get(pte_t *ptep)
{
	return (pte_t){ __atomic_load_n(&ptep->pte, __ATOMIC_RELAXED) };
}

static void x86_set_pte_at(struct mm_struct *mm, unsigned long addr,
			   pte_t *ptep, pte_t pte)
{
	(void)mm;
	(void)addr;
	__atomic_store_n(&ptep->pte, pte.pte, __ATOMIC_RELAXED);
}

const struct mmsim_pgtable_ops x86_64_pgtable_ops = {
	.pgd_alloc = x86_pgd_alloc,
	.pgd_free = x86_pgd_free,
	.pmd_lookup = x86_user_pmd_lookup,
	.pmd_alloc = x86_user_pmd_alloc,
	.pte_alloc = x86_pte_alloc,
	.pte_free_table = x86_pte_free_table,
	.pmd_pgtable = x86_pmd_pgtable,
	.pte_offset_map = x86_pte_offset_map,
	.ptep_get = x86_ptep_get,
	.set_pte_at = x86_set_pte_at,
	.pte_size = sizeof(pte_t),
	.folded = false,
	.first_user_address = 0,
};

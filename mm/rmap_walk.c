// SPDX-License-Identifier: MIT
/*
 * mm/rmap_walk.c — the accessed bits reclaim reads through the reverse map.
 *
 * Kernel counterpart: mm/rmap.c (Linux 6.1): folio_referenced /
 * folio_referenced_one, with page_vma_mapped_walk cut to one PTE or PMD.
 *
 * The walk itself (rmap_walk: the anon_vma chains of an anonymous folio,
 * or every task's VMAs of a tmpfs file) is mm/rmap.c's, the one walk
 * behind reclaim, swap and migration; so are try_to_unmap (an anonymous
 * swap-cache folio leaves its swap entry, a clean MADV_FREE'd one is
 * dropped, page cache is unmapped) and try_to_migrate (mm/migrate.c).
 * In each candidate VMA the PTE at the folio's address maps it only if
 * its pfn is the folio's: private COW copies of a file page are
 * anonymous and skipped.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/mman.h"
#include "linux/rmap.h"
#include "linux/pagemap.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/fs.h"
#include "linux/huge_mm.h"
#include "linux/swap_lru.h"
#include "mm/process_internal.h"
#include "mmsim/tlb.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"

/*
 * page_vma_mapped_walk for one address: the PTE of @addr in @vma if it
 * maps @folio, or (pte NULL) the PMD if a huge PMD maps it.  false when
 * neither does.
 */
static bool folio_vma_mapped(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long addr, pte_t **ptep, pmd_t **pmdp)
{
	unsigned long pfn = folio_pfn(folio), n = folio_nr_pages(folio);
	pte_t *pte = mmsim_pte_lookup(vma->vm_mm, addr, pmdp);

	*ptep = NULL;
	if (pte) {
		if (!pte_present(ptep_get(pte)) || pte_pfn(ptep_get(pte)) < pfn ||
		    pte_pfn(ptep_get(pte)) >= pfn + n)
			return false;
		*ptep = pte;
		return true;
	}
	return *pmdp && pmd_large(**pmdp) && (pmd_flags(**pmdp) & _PAGE_PRESENT) &&
	       pmd_pfn(**pmdp) == pfn;
}

/* ---- folio_referenced ---- */

struct folio_referenced_arg {
	int mapcount;
	int referenced;
	unsigned long vm_flags;
};

/*
 * The lock of the table that maps @address in @mm (page_vma_mapped_walk
 * takes it): the PTE table's, or the PMD's for a huge PMD; NULL when
 * nothing is mapped there.
 */
static spinlock_t *rmap_table_lock(struct mm_struct *mm, unsigned long address)
{
	pmd_t *pmd;
	pte_t *pte = mmsim_pte_lookup(mm, address, &pmd);
	spinlock_t *ptl;

	if (pte)
		ptl = pte_lockptr(mm, pmd);
	else if (pmd && pmd_large(pmdp_get_lockless(pmd)))
		ptl = pmd_lockptr(mm, pmd);
	else
		return NULL;
	spin_lock(ptl);
	return ptl;
}

static bool folio_referenced_pte(struct folio *folio, struct vm_area_struct *vma,
				 unsigned long address, void *arg);

static bool folio_referenced_one(struct folio *folio,
				 struct vm_area_struct *vma,
				 unsigned long address, void *arg)
{
	spinlock_t *ptl = rmap_table_lock(vma->vm_mm, address);
	bool ret = folio_referenced_pte(folio, vma, address, arg);

	if (ptl)
		spin_unlock(ptl);
	return ret;
}

/* folio_referenced_one's work on the entries, under their table's lock. */
static bool folio_referenced_pte(struct folio *folio, struct vm_area_struct *vma,
				 unsigned long address, void *arg)
{
	struct folio_referenced_arg *pra = arg;
	unsigned long n = folio_nr_pages(folio), i;
	int referenced = 0;
	pte_t *pte;
	pmd_t *pmd;

	/* a PTE-mapped large folio: each of its pages in turn, from the head's */
	if (!folio_vma_mapped(folio, vma, address, &pte, &pmd) && n == 1)
		return true;
	if ((vma->vm_flags & VM_LOCKED) && (n == 1 || !pte)) {
		pra->vm_flags |= VM_LOCKED;
		return false;
	}
	if (pte || n > 1) {
		for (i = 0; i < n; i++) {
			unsigned long a = address + (i << PAGE_SHIFT);
			pte_t *p = n == 1 ? pte : mmsim_pte_lookup(vma->vm_mm, a, NULL);

			if (!p || !pte_present(ptep_get(p)) || pte_pfn(ptep_get(p)) != folio_pfn(folio) + i)
				continue;
			pra->mapcount--;
			/* MGLRU: young neighbours are promoted too (clears *p) */
			if (lru_gen_enabled() && pte_young(ptep_get(p)) &&
			    !(vma->vm_flags & (VM_SEQ_READ | VM_RAND_READ))) {
				lru_gen_look_around(vma, a, p);
				referenced++;
			}
			if (pte_young(ptep_get(p))) {           /* ptep_clear_flush_young */
				set_pte_at(vma->vm_mm, a, p, pte_mkold(ptep_get(p)));
				/* asm-generic flushes a young page; x86 does not */
				if (current_machine->desc.arch == MMSIM_ARCH_ARM)
					flush_tlb_page(vma, a);
				if (!(vma->vm_flags & VM_SEQ_READ))
					referenced++;
			}
		}
	} else if (pmd) {
		pra->mapcount -= (int)n;
		if (pmd_young(*pmd)) {
			set_pmd(pmd, pmd_mkold(*pmd));
			referenced++;
		}
	}
	if (referenced) {
		pra->referenced++;
		pra->vm_flags |= vma->vm_flags & ~VM_LOCKED;
	}
	return pra->mapcount > 0;
}

/*
 * How many mappings of @folio had their accessed bit set (the bits are
 * cleared as they are read); *vm_flags gathers those VMAs' flags, and
 * VM_LOCKED when a locked VMA maps it (the walk stops there).  6.1 may
 * return -1 for a contended rmap lock: never here.
 */
int folio_referenced(struct folio *folio, int is_locked,
		     struct mem_cgroup *memcg, unsigned long *vm_flags)
{
	struct folio_referenced_arg pra = {
		.mapcount = folio_mapcount(folio),
	};
	struct rmap_walk_control rwc = {
		.rmap_one = folio_referenced_one,
		.arg = &pra,
	};

	bool we_locked = false;

	(void)memcg;
	*vm_flags = 0;
	if (!pra.mapcount)
		return 0;
	/*
	 * A file folio's walk needs its mapping to stay: the page lock, tried
	 * (6.1: a folio another CPU has locked counts as referenced).
	 */
	if (!is_locked && !folio_test_anon(folio)) {
		we_locked = folio_trylock(folio);
		if (!we_locked)
			return 1;
	}
	rmap_walk(folio, &rwc);
	*vm_flags = pra.vm_flags;
	if (we_locked)
		folio_unlock(folio);
	return pra.referenced;
}

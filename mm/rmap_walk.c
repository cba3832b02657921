// SPDX-License-Identifier: MIT
/*
 * mm/rmap_walk.c — from a folio to every PTE (or PMD) that maps it:
 * the reverse-map walk, the accessed bits reclaim reads through it, and
 * unmapping a folio reclaim is about to free.
 *
 * Kernel counterpart: mm/rmap.c (Linux 6.1): rmap_walk, rmap_walk_anon,
 * rmap_walk_file, page_vma_mapped_walk (cut to one PTE or PMD),
 * folio_referenced / folio_referenced_one, try_to_unmap /
 * try_to_unmap_one for page cache and MADV_FREE'd anonymous folios.
 *
 *   anonymous folio: folio->mapping = anon_vma | 1
 *       anon_vma.chain_list -> avc -> vma   (every VMA that may map it;
 *       6.1 searches an interval tree by the folio's index)
 *   file (tmpfs) folio: folio->mapping = the address_space
 *       every task's VMAs whose file is that mapping (6.1: the
 *       mapping's i_mmap interval tree; mmsim has no such tree and walks
 *       the task list as shmem.c's unmap_mapping_pages does)
 *
 * In each candidate VMA the folio's address comes from its index
 * (vma_address), and the PTE there maps the folio only if its pfn is the
 * folio's: private COW copies of a file page are anonymous and skipped.
 *
 * Swap entries: try_to_unmap here handles what reclaim can free without
 * swap (clean page cache after unmapping, clean MADV_FREE'd anonymous
 * pages).  A swap-backed anonymous folio is never unmapped here: it needs
 * the swap cache (add_to_swap) first, which the swap layer provides.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/fs.h"
#include "linux/huge_mm.h"
#include "linux/swap_lru.h"
#include "mm/process_internal.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"

/* Where @folio would sit in @vma, or -EFAULT when outside it. */
static unsigned long vma_address(struct folio *folio, struct vm_area_struct *vma)
{
	unsigned long pgoff = folio_page(folio, 0)->index, addr;

	if (pgoff < vma->vm_pgoff)
		return -EFAULT;
	addr = vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
	if (addr < vma->vm_start || addr >= vma->vm_end)
		return -EFAULT;
	return addr;
}

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
		if (!pte_present(*pte) || pte_pfn(*pte) < pfn ||
		    pte_pfn(*pte) >= pfn + n)
			return false;
		*ptep = pte;
		return true;
	}
	return *pmdp && pmd_large(**pmdp) && (pmd_flags(**pmdp) & _PAGE_PRESENT) &&
	       pmd_pfn(**pmdp) == pfn;
}

/*
 * Call rwc->rmap_one on each VMA where @folio is mapped at its address
 * (a PTE-mapped THP: once per VMA, at the head's address: mmsim maps
 * large folios whole or splits the PMD into PTEs of the same folio).
 * Stops when rmap_one returns false or rwc->done says so.
 */
void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc)
{
	unsigned long mapping = (unsigned long)folio_page(folio, 0)->mapping;

	if (!mapping)
		return;
	if (mapping & PAGE_MAPPING_ANON) {
		struct anon_vma *anon_vma =
			(struct anon_vma *)(mapping & ~PAGE_MAPPING_FLAGS);
		struct anon_vma_chain *avc;

		list_for_each_entry(avc, &anon_vma->chain_list, same_anon_vma) {
			struct vm_area_struct *vma = avc->vma;
			unsigned long addr = vma_address(folio, vma);

			if (IS_ERR_VALUE(addr))
				continue;
			if (!rwc->rmap_one(folio, vma, addr, rwc->arg))
				return;
			if (rwc->done && rwc->done(folio))
				return;
		}
		return;
	}
	{
		struct address_space *as = (struct address_space *)mapping;
		struct task_struct *t;

		list_for_each_entry(t, mmsim_task_list(), tasks) {
			struct vm_area_struct *vma;

			if (!t->mm)
				continue;
			VMA_ITERATOR(vmi, t->mm, 0);
			for_each_vma(vmi, vma) {
				unsigned long addr;

				if (!vma->vm_file || vma->vm_file->f_mapping != as)
					continue;
				addr = vma_address(folio, vma);
				if (IS_ERR_VALUE(addr))
					continue;
				if (!rwc->rmap_one(folio, vma, addr, rwc->arg))
					return;
				if (rwc->done && rwc->done(folio))
					return;
			}
		}
	}
}

/* ---- folio_referenced ---- */

struct folio_referenced_arg {
	int mapcount;
	int referenced;
	unsigned long vm_flags;
};

static bool folio_referenced_one(struct folio *folio,
				 struct vm_area_struct *vma,
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

			if (!p || !pte_present(*p) || pte_pfn(*p) != folio_pfn(folio) + i)
				continue;
			pra->mapcount--;
			if (pte_young(*p)) {           /* ptep_clear_flush_young */
				set_pte(p, pte_mkold(*p));
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

	(void)is_locked;
	(void)memcg;
	*vm_flags = 0;
	if (!pra.mapcount)
		return 0;
	rmap_walk(folio, &rwc);
	*vm_flags = pra.vm_flags;
	return pra.referenced;
}

/* ---- try_to_unmap ---- */

static bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, void *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;
	pte_t *pte, pteval;
	pmd_t *pmd;

	(void)arg;
	if (!folio_vma_mapped(folio, vma, address, &pte, &pmd))
		return true;
	if (vma->vm_flags & VM_LOCKED)
		return false;                 /* mlocked: stays mapped */
	if (!pte)
		return false;                 /* a PMD-mapped THP: not split here */
	page = pte_page(*pte);
	pteval = *pte;
	pte_clear(pte);
	if (pte_dirty(pteval))
		folio_set_dirty(folio);
	if (folio_test_anon(folio)) {
		if (folio_test_swapbacked(folio) || folio_test_swapcache(folio)) {
			set_pte(pte, pteval);   /* needs a swap entry: swap layer */
			return false;
		}
		/* MADV_FREE'd: discard if clean and nobody else holds it */
		if (folio_ref_count(folio) != 1 + folio_mapcount(folio) ||
		    folio_test_dirty(folio)) {
			set_pte(pte, pteval);
			folio_set_swapbacked(folio);
			return false;
		}
	}
	dec_mm_counter(mm, mm_counter(page));
	page_remove_rmap(page, vma, false);
	put_page(page);
	return true;
}

static bool folio_not_mapped(struct folio *folio)
{
	return !folio_mapped(folio);
}

/* Unmap @folio everywhere it can be; the caller checks folio_mapped(). */
void try_to_unmap(struct folio *folio, enum ttu_flags flags)
{
	struct rmap_walk_control rwc = {
		.rmap_one = try_to_unmap_one,
		.done = folio_not_mapped,
	};

	(void)flags;
	rmap_walk(folio, &rwc);
}

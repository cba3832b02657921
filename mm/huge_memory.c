// SPDX-License-Identifier: MIT
/*
 * mm/huge_memory.c — transparent huge pages on anonymous memory.
 *
 * Kernel counterpart: mm/huge_memory.c (Linux 6.1): hugepage_vma_check,
 * do_huge_pmd_anonymous_page (which registers the mm with khugepaged) (+ the huge zero page), do_huge_pmd_wp_page,
 * copy_huge_pmd, zap_huge_pmd, __split_huge_pmd, move_huge_pmd,
 * change_huge_pmd.
 *
 * With THP enabled ("always", or "madvise" and MADV_HUGEPAGE; 6.1 turns it
 * off below 512 MiB of RAM) an anonymous fault whose 2 MiB-aligned block
 * lies inside the VMA maps a whole compound page of order 9 with one PMD:
 *
 *   write fault   a new THP, zeroed; NR_ANON_THPS and NR_ANON_MAPPED +512,
 *                 MM_ANONPAGES +512, thp_fault_alloc; fallback to 4 KiB
 *                 pages when no order-9 block is free (thp_fault_fallback)
 *   read fault    the huge zero page, read-only (made once,
 *                 thp_zero_page_alloc)
 *   each huge PMD has a PTE page deposited under it (counted in
 *   pgtables_bytes), used if the PMD is ever split
 *   write to a shared THP or to the huge zero page: the PMD is split into
 *   512 PTEs (thp_split_pmd) and the 4 KiB fault path copies one page
 *   fork: the child maps the same THP read-only (copy-on-write)
 *
 * Mapcounts: page[1].compound_mapcount counts PMD mappings (-1 based),
 * each subpage's _mapcount its PTE mappings; the head's refcount counts
 * both.  A THP partly unmapped stays whole until its last mapping goes
 * (6.1 queues it for a deferred split; mmsim frees it at that point).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/vmstat.h"
#include "linux/huge_mm.h"
#include "linux/swap_lru.h"
#include "mmsim/tlb.h"
#include "mm/process_internal.h"
#include "mm/page_alloc_internal.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"

#define thp_flags (pa_state.transparent_hugepage_flags)

static bool thp_flag(enum transparent_hugepage_flag f)
{
	return thp_flags & (1UL << f);
}

/*
 * vma_thp_gfp_mask: how hard a huge-page fault in @vma may try, from
 * /sys/kernel/mm/transparent_hugepage/defrag: always (direct compaction;
 * without MADV_HUGEPAGE it gives up early), defer (only wake kswapd and
 * kcompactd), defer+madvise, madvise (Debian's default: direct
 * compaction for MADV_HUGEPAGE only), never.
 */
gfp_t vma_thp_gfp_mask(struct vm_area_struct *vma)
{
	const bool vma_madvised = vma && (vma->vm_flags & VM_HUGEPAGE);

	if (thp_flag(TRANSPARENT_HUGEPAGE_DEFRAG_DIRECT_FLAG))
		return GFP_TRANSHUGE | (vma_madvised ? 0 : __GFP_NORETRY);
	if (thp_flag(TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_FLAG))
		return GFP_TRANSHUGE_LIGHT | __GFP_KSWAPD_RECLAIM;
	if (thp_flag(TRANSPARENT_HUGEPAGE_DEFRAG_KSWAPD_OR_MADV_FLAG))
		return GFP_TRANSHUGE_LIGHT | (vma_madvised ? __GFP_DIRECT_RECLAIM :
							     __GFP_KSWAPD_RECLAIM);
	if (thp_flag(TRANSPARENT_HUGEPAGE_DEFRAG_REQ_MADV_FLAG))
		return GFP_TRANSHUGE_LIGHT | (vma_madvised ? __GFP_DIRECT_RECLAIM : 0);
	return GFP_TRANSHUGE_LIGHT;
}

bool hugepage_vma_check_fault(struct vm_area_struct *vma)
{
	vm_flags_t vm_flags = vma->vm_flags;

	if (vm_flags & VM_NOHUGEPAGE)
		return false;
	if (vm_flags & VM_NO_KHUGEPAGED)
		return false;
	if (!hugepage_flags_enabled() ||
	    (!(vm_flags & VM_HUGEPAGE) && !thp_flag(TRANSPARENT_HUGEPAGE_FLAG)))
		return false;
	if (!vma_is_anonymous(vma))
		return false;
	if ((vm_flags & VM_STACK_INCOMPLETE_SETUP) == VM_STACK_INCOMPLETE_SETUP)
		return false;
	return true;
}

/*
 * hugepage_vma_check: may @vma (with @vm_flags) have huge pages?  @in_pf
 * for a fault, @enforce_sysfs to obey the `enabled` setting (khugepaged
 * does), @smaps for the THPeligible line.  Outside a fault the VMA must
 * hold at least one aligned 2 MiB block.  Shared anonymous and tmpfs
 * VMAs answer shmem_huge_enabled(), which is false with tmpfs's default
 * huge=never (mmsim has no huge tmpfs pages); other file VMAs need
 * CONFIG_READ_ONLY_THP_FOR_FS, which Debian does not set.  An anonymous
 * VMA without an anon_vma (never faulted) is for faults and smaps only.
 */
bool hugepage_vma_check(struct vm_area_struct *vma, unsigned long vm_flags,
			bool smaps, bool in_pf, bool enforce_sysfs)
{
	unsigned long haddr;

	if (!vma->vm_mm)
		return false;
	if (vm_flags & (VM_NOHUGEPAGE | VM_NO_KHUGEPAGED))
		return false;
	if (!in_pf) {   /* transhuge_vma_suitable(vma, vm_end - HPAGE_PMD_SIZE) */
		haddr = (vma->vm_end - HPAGE_PMD_SIZE) & HPAGE_PMD_MASK;
		if (vma->vm_end < HPAGE_PMD_SIZE || haddr < vma->vm_start)
			return false;
	}
	if (!vma_is_anonymous(vma))
		return false;
	if (enforce_sysfs && (!hugepage_flags_enabled() ||
			      (!(vm_flags & VM_HUGEPAGE) && !thp_flag(TRANSPARENT_HUGEPAGE_FLAG))))
		return false;
	if ((vm_flags & (VM_GROWSDOWN | VM_GROWSUP)) &&
	    (vm_flags & VM_STACK_INCOMPLETE_SETUP) == VM_STACK_INCOMPLETE_SETUP)
		return false;   /* vma_is_temporary_stack */
	if (!vma->anon_vma)
		return smaps || in_pf;
	return true;
}

struct page *mmsim_huge_zero_page(void)
{
	struct mm_proc_state *ps = mmsim_proc_state();

	if (!ps->huge_zero_page) {
		ps->huge_zero_page = alloc_pages((GFP_TRANSHUGE | __GFP_ZERO) &
						 ~__GFP_MOVABLE, HPAGE_PMD_ORDER);
		count_vm_event(ps->huge_zero_page ? THP_ZERO_PAGE_ALLOC :
						    THP_ZERO_PAGE_ALLOC_FAILED);
	}
	return ps->huge_zero_page;
}

bool is_huge_zero_pmd(pmd_t pmd)
{
	struct page *z = mmsim_proc_state()->huge_zero_page;

	return z && pmd_pfn(pmd) == page_to_pfn(z);
}

static void pgtable_deposit(struct mm_struct *mm, pte_t *pgtable)
{
	list_add(&virt_to_page(pgtable)->lru, &mm->pmd_huge_pte);
}

static pte_t *pgtable_withdraw(struct mm_struct *mm)
{
	struct page *page = list_first_entry(&mm->pmd_huge_pte, struct page, lru);

	list_del(&page->lru);
	page->lru.next = page->lru.prev = NULL;
	return page_address(page);
}

static void mod_anon(struct page *head, enum node_stat_item item, long nr)
{
	__mod_node_page_state(page_pgdat(head), item, nr);
}

/* Subpages of @head mapped by PTEs (6.1 keeps this in _nr_pages_mapped). */
static int thp_pte_mapped(struct page *head)
{
	int i, n = 0;

	for (i = 0; i < HPAGE_PMD_NR; i++)
		if (head[i]._mapcount.counter >= 0)
			n++;
	return n;
}

/* The PMD mapping of a THP comes or goes: counters as page_*_rmap(compound). */
static void thp_pmd_map(struct page *head, int delta)
{
	atomic_t *cm = &head[1].compound_mapcount;

	if (delta > 0) {
		if (++cm->counter == 0) {
			mod_anon(head, NR_ANON_THPS, HPAGE_PMD_NR);
			mod_anon(head, NR_ANON_MAPPED, HPAGE_PMD_NR - thp_pte_mapped(head));
		}
	} else if (--cm->counter < 0) {
		mod_anon(head, NR_ANON_THPS, -HPAGE_PMD_NR);
		mod_anon(head, NR_ANON_MAPPED, -(HPAGE_PMD_NR - thp_pte_mapped(head)));
	}
}

static void set_huge_zero_page(struct mm_struct *mm, struct vm_area_struct *vma,
			       pmd_t *pmd, pte_t *pgtable, struct page *zero)
{
	pmd_t entry = pfn_pmd(page_to_pfn(zero), vma->vm_page_prot);

	entry = __pmd(pmd_val(entry) | _PAGE_PSE);
	pgtable_deposit(mm, pgtable);
	set_pmd(pmd, entry);
	mm_inc_nr_ptes(mm);
}

static vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	struct page *page;
	pte_t *pgtable;
	gfp_t gfp;

	if (haddr < vma->vm_start || haddr + HPAGE_PMD_SIZE > vma->vm_end)
		return VM_FAULT_FALLBACK;
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	khugepaged_enter_vma(vma, vma->vm_flags);
	if (!(vmf->flags & FAULT_FLAG_WRITE) &&
	    thp_flag(TRANSPARENT_HUGEPAGE_USE_ZERO_PAGE_FLAG)) {
		struct page *zero;

		pgtable = pte_alloc_one(mm);
		if (!pgtable)
			return VM_FAULT_OOM;
		zero = mmsim_huge_zero_page();
		if (!zero) {
			pte_free(mm, pgtable);
			count_vm_event(THP_FAULT_FALLBACK);
			return VM_FAULT_FALLBACK;
		}
		if (pmd_none(*vmf->pmd))
			set_huge_zero_page(mm, vma, vmf->pmd, pgtable, zero);
		else
			pte_free(mm, pgtable);
		return 0;
	}
	gfp = vma_thp_gfp_mask(vma);
	page = alloc_pages(gfp | __GFP_ZERO, HPAGE_PMD_ORDER);
	if (!page) {
		count_vm_event(THP_FAULT_FALLBACK);
		return VM_FAULT_FALLBACK;
	}
	pgtable = pte_alloc_one(mm);
	if (!pgtable) {
		__free_pages(page, HPAGE_PMD_ORDER);
		return VM_FAULT_OOM;
	}
	SetPageUptodate(page);
	thp_map_new_anon_pmd(vma, vmf->pmd, page, haddr, pgtable);
	add_mm_counter(mm, MM_ANONPAGES, HPAGE_PMD_NR);
	mm_inc_nr_ptes(mm);
	count_vm_event(THP_FAULT_ALLOC);
	return 0;
}

/*
 * Map the new anonymous THP @page at @haddr of @vma with one huge PMD,
 * @pgtable deposited under it (the fault's new PTE page, or the PTE page
 * a collapse took the PMD from): rmap, mapcounts, mlock, LRU.  The rss
 * and page-table counters are the caller's.
 */
void thp_map_new_anon_pmd(struct vm_area_struct *vma, pmd_t *pmd,
			  struct page *page, unsigned long haddr, pte_t *pgtable)
{
	pmd_t entry = pfn_pmd(page_to_pfn(page), vma->vm_page_prot);

	entry = __pmd(pmd_val(entry) | _PAGE_PSE | _PAGE_DIRTY);
	if (vma->vm_flags & VM_WRITE)
		entry = pmd_mkwrite(entry);
	page->mapping = (struct address_space *)((unsigned long)vma->anon_vma |
						 PAGE_MAPPING_ANON);
	page->index = ((haddr - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	SetPageSwapBacked(page);
	SetPageAnonExclusive(page);
	thp_pmd_map(page, 1);
	mlock_vma_page(page, vma, true);
	lru_cache_add_inactive_or_unevictable(page, vma);
	pgtable_deposit(vma->vm_mm, pgtable);
	set_pmd(pmd, entry);
}

/* Free a THP whose last reference went (the pages were all unmapped). */
static void thp_free(struct page *head)
{
	int i;

	for (i = 0; i < HPAGE_PMD_NR; i++)
		ClearPageAnonExclusive(head + i);
	user_folio_release(head, HPAGE_PMD_NR);
	user_page_forget(head);
	__free_pages(head, HPAGE_PMD_ORDER);
}

/* Drop one reference to (a subpage of) a THP. */
void thp_put_page(struct page *page)
{
	struct page *head = compound_head(page);

	if (page_ref_count(head) == 1)
		thp_free(head);
	else
		page_ref_dec_and_test(head);
}

void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
		      unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long haddr = address & HPAGE_PMD_MASK, addr;
	pmd_t old = *pmd;
	pte_t *pgtable = pgtable_withdraw(mm), *pte;
	bool write = pmd_write(old), young = pmd_young(old), dirty = pmd_dirty(old);
	struct page *head;
	bool exclusive;
	int i;

	count_vm_event(THP_SPLIT_PMD);
	/* pmdp_invalidate / pmdp_huge_clear_flush: the huge translation goes */
	flush_pmd_tlb_range(vma, haddr, haddr + HPAGE_PMD_SIZE);
	if (is_huge_zero_pmd(old)) {
		pte_t z = pfn_pte(page_to_pfn(mmsim_zero_page()), vma->vm_page_prot);

		for (i = 0, pte = pgtable; i < HPAGE_PMD_NR; i++, pte = ptep_next(pte))
			set_pte(pte, z);
		set_pmd(pmd, __pmd(__pa(pgtable) | _PAGE_TABLE));
		return;
	}
	head = pmd_page(old);
	exclusive = PageAnonExclusive(head);
	ClearPageAnonExclusive(head);
	page_ref_add(head, HPAGE_PMD_NR - 1);
	for (i = 0, pte = pgtable, addr = haddr; i < HPAGE_PMD_NR;
	     i++, pte = ptep_next(pte), addr += PAGE_SIZE) {
		pte_t entry = mk_pte(head + i, vma->vm_page_prot);

		if (vma->vm_flags & VM_WRITE)
			entry = pte_mkwrite(entry);
		if (!write)
			entry = pte_wrprotect(entry);
		if (!young)
			entry = pte_mkold(entry);
		if (dirty)
			entry = pte_mkdirty(entry);
		if (exclusive)
			SetPageAnonExclusive(head + i);
		if (++head[i]._mapcount.counter == 0 &&
		    head[1].compound_mapcount.counter < 0)
			mod_anon(head, NR_ANON_MAPPED, 1);
		set_pte(pte, entry);
	}
	set_pmd(pmd, __pmd(__pa(pgtable) | _PAGE_TABLE));
	munlock_vma_page(head, vma, true);
	thp_pmd_map(head, -1);
}

void split_huge_pmd_range(struct vm_area_struct *vma, unsigned long addr)
{
	pmd_t *pmd;

	if (!(addr & ~HPAGE_PMD_MASK))
		return;
	mmsim_pte_lookup(vma->vm_mm, addr, &pmd);
	if (pmd && pmd_large(*pmd))
		__split_huge_pmd(vma, pmd, addr);
}

vm_fault_t thp_handle_pmd_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	pmd_t orig = *vmf->pmd;
	struct page *head;

	if (pmd_none(orig)) {
		if (!hugepage_vma_check_fault(vma))
			return VM_FAULT_FALLBACK;
		return do_huge_pmd_anonymous_page(vmf);
	}
	if (!pmd_large(orig))
		return VM_FAULT_FALLBACK;
	if (!(vmf->flags & FAULT_FLAG_WRITE) || pmd_write(orig)) {
		/* huge_pmd_set_accessed */
		set_pmd(vmf->pmd, __pmd(pmd_val(orig) | _PAGE_ACCESSED |
				       ((vmf->flags & FAULT_FLAG_WRITE) ? _PAGE_DIRTY : 0)));
		return 0;
	}
	/* do_huge_pmd_wp_page */
	if (!is_huge_zero_pmd(orig)) {
		head = pmd_page(orig);
		if (PageAnonExclusive(head) || page_ref_count(head) == 1) {
			SetPageAnonExclusive(head);
			orig = __pmd(pmd_val(orig) | _PAGE_ACCESSED | _PAGE_DIRTY);
			if (vma->vm_flags & VM_WRITE)
				orig = pmd_mkwrite(orig);
			set_pmd(vmf->pmd, orig);
			return VM_FAULT_WRITE;
		}
	}
	__split_huge_pmd(vma, vmf->pmd, vmf->address);
	return VM_FAULT_FALLBACK;
}

int copy_huge_pmd(struct vm_area_struct *dst_vma,
		  struct vm_area_struct *src_vma, pmd_t *dst_pmd,
		  pmd_t *src_pmd, unsigned long addr)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm;
	pte_t *pgtable = pte_alloc_one(dst_mm);
	pmd_t pmd = *src_pmd;
	struct page *head;

	(void)addr;
	if (!pgtable)
		return -ENOMEM;
	if (is_huge_zero_pmd(pmd)) {
		set_huge_zero_page(dst_mm, dst_vma, dst_pmd, pgtable,
				   mmsim_huge_zero_page());
		return 0;
	}
	head = pmd_page(pmd);
	page_ref_inc(head);
	thp_pmd_map(head, 1);
	ClearPageAnonExclusive(head);
	add_mm_counter(dst_mm, MM_ANONPAGES, HPAGE_PMD_NR);
	mm_inc_nr_ptes(dst_mm);
	pgtable_deposit(dst_mm, pgtable);
	if (is_cow_mapping(src_vma->vm_flags)) {
		set_pmd(src_pmd, pmd_wrprotect(*src_pmd));
		pmd = pmd_wrprotect(pmd);
	}
	set_pmd(dst_pmd, pmd_mkold(pmd));
	return 0;
}

void zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
		  unsigned long addr, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t orig = *pmd;
	struct page *head;

	(void)addr;
	(void)end;
	pmd_clear(pmd);
	pte_free(mm, pgtable_withdraw(mm));
	mm_dec_nr_ptes(mm);
	if (is_huge_zero_pmd(orig))
		return;
	head = pmd_page(orig);
	add_mm_counter(mm, MM_ANONPAGES, -HPAGE_PMD_NR);
	munlock_vma_page(head, vma, true);
	thp_pmd_map(head, -1);
	thp_put_page(head);
}

/* change_huge_pmd: the new protection on a whole huge PMD. */
void change_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, pgprot_t newprot,
		     bool try_change_writable)
{
	pmdval_t keep = pmd_val(*pmd) & (PHYSICAL_PMD_PAGE_MASK | _PAGE_PSE |
					 _PAGE_ACCESSED | _PAGE_DIRTY);
	pmd_t entry = __pmd(keep | (pgprot_val(newprot) & ~(PHYSICAL_PMD_PAGE_MASK |
				      _PAGE_ACCESSED | _PAGE_DIRTY)));

	if (try_change_writable && (vma->vm_flags & VM_WRITE) &&
	    !is_huge_zero_pmd(entry) && PageAnonExclusive(pmd_page(entry)))
		entry = pmd_mkwrite(entry);
	set_pmd(pmd, entry);
}

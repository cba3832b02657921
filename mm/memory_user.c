// SPDX-License-Identifier: MIT
/*
 * mm/memory_user.c — user page tables: page faults, copy-on-write, fork's
 * copy of the tables, zapping pages and freeing tables, get_user_pages.
 *
 * Kernel counterpart: the user half of mm/memory.c and mm/gup.c (Linux
 * 6.1): handle_mm_fault, handle_pte_fault, do_anonymous_page, do_fault
 * (do_read_fault with do_fault_around, do_cow_fault, do_shared_fault),
 * do_set_pte, finish_fault, do_wp_page, wp_page_copy, wp_page_reuse,
 * do_swap_page, copy_page_range (copy_nonpresent_pte for swap entries),
 * zap_pte_range, free_pgd_range, __get_user_pages,
 * populate_vma_page_range, __mm_populate, access_remote_vm.
 *
 * The tables are the machine's own, in simulated RAM, reached through the
 * architecture's hooks (include/mmsim/arch.h, wrapped by the kernel's
 * names in include/linux/pgtable.h): x86_64's four levels (PGD, PUD, PMD,
 * PTE pages; P4D folded; arch/x86/mm/pgtable.c), or 32-bit ARM's two
 * (a 16 KiB pgd whose entries are the folded p4d/pud/pmd, and PTE pages
 * holding two Linux and two hardware tables; arch/arm/mm/pgd.c).  This
 * file never dereferences a PTE pointer: ptep_get(), set_pte_at(),
 * ptep_clear() and ptep_next() do, since ARM's entries are 4 bytes and
 * each store also writes the hardware twin.  A user mm's pgtables_bytes
 * counts the tables as the machine's architecture does (mm_inc_nr_ptes
 * and friends, mm/memory.c: x86_64 4 KiB per PUD, PMD and PTE page; ARM
 * 2 KiB per PTE table, nothing above), never the PGD, as 6.1 does
 * (VmPTE); PTE pages (and x86_64's PMD pages) are PageTable and counted
 * in NR_PAGETABLE.
 *
 * Pages and counters, as 6.1 keeps them:
 *   anonymous page  refcount 1 + (mappings - 1)... = one per PTE mapping
 *                   it, _mapcount = PTEs - 1, mapping = anon_vma | 1,
 *                   PG_anon_exclusive while only one mm can map it;
 *                   NR_ANON_MAPPED while mapped; MM_ANONPAGES per mm
 *   tmpfs page      one reference for the page cache + one per PTE,
 *                   NR_FILE_MAPPED while mapped, MM_SHMEMPAGES per mm
 *   zero page       mapped read-only by read faults on anonymous memory;
 *                   no refcount, mapcount or rss (vm_normal_page: NULL)
 *
 * RSS counting (SPLIT_RSS_COUNTING, include/linux/mm_types_task.h): a
 * page a fault maps or unmaps in current's own mm counts into current's
 * task cache (add_mm_counter_fast); every handle_mm_fault() counts an
 * event first, and the fault that finds more than TASK_RSS_EVENTS_THRESH
 * events behind it folds the cache into the mm (sync_mm_rss) before
 * doing its own work.  Zapping PTEs collects its counts per table and
 * adds them to the mm directly, folding current's cache first when the
 * mm is its own (add_mm_rss_vec); fork's copy counts straight into the
 * child.  No hiwater update on faults: 6.1 raises hiwater_rss only
 * before it lowers the rss (unmap, zap, reclaim).
 *
 * Faults counted: every handle_mm_fault() counts a PGFAULT event and, when
 * it succeeds, one min_flt (maj_flt when the page came from I/O: a swap-in
 * from the disk, in do_swap_page or shmem's swap-in) on `current`, also for faults taken by
 * get_user_pages on behalf of MAP_POPULATE, mlock and MADV_POPULATE_*.
 */
#include "linux/kernel.h"
#include "linux/mmap_lock.h"
#include "linux/pagemap.h"
#include "linux/migrate.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/rmap.h"
#include "linux/pgtable.h"
#include "linux/vmstat.h"
#include "linux/sched.h"
#include "linux/fs.h"
#include "linux/huge_mm.h"
#include "linux/highmem.h"
#include "linux/swap.h"
#include "linux/swapops.h"
#include "linux/printk.h"
#include "linux/swap_lru.h"
#include "linux/kthread.h"
#include "mm/process_internal.h"
#include "mmsim/tlb.h"
#include "mmsim/proc_state.h"
#include "mmsim/machine.h"
#include "mmsim/sim_cost.h"

struct page *mmsim_zero_page(void)
{
	return mmsim_proc_state()->zero_page;
}

bool is_zero_pfn(unsigned long pfn)
{
	return pfn == page_to_pfn(mmsim_zero_page());
}

struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);

	(void)vma;
	(void)addr;
	if (is_zero_pfn(pfn))
		return NULL;
	return pfn_to_page(pfn);
}

static void get_page(struct page *page)
{
	page_ref_inc(compound_head(page));
}

/*
 * What the last reference of a user page or THP forgets before the buddy
 * allocator gets it back: the mapping, the swap entry and the state flags
 * (on a THP, its head's).
 */
void user_page_forget(struct page *page)
{
	page->private = 0;
	page->mapping = NULL;
	ClearPageSwapBacked(page);
	ClearPageAnonExclusive(page);
	ClearPageUptodate(page);
	ClearPageDirty(page);
	ClearPageReferenced(page);
	ClearPageSwapCache(page);
	ClearPageReclaim(page);          /* PG_readahead of swap-in */
}

/*
 * __page_cache_release for a user folio of nr pages whose last reference
 * goes: off its LRU list, and out of NR_MLOCK if it was mlocked.
 */
void user_folio_release(struct page *head, int nr)
{
	__page_cache_release(page_folio(head));
	if (PageMlocked(head)) {
		ClearPageMlocked(head);
		__mod_zone_page_state(page_zone(head), NR_MLOCK, -nr);
	}
}

/*
 * The last reference is gone (the count reached 0 in the caller's atomic
 * decrement, so no other CPU can take one): forget the page's state and
 * give it to the buddy allocator, whose __free_pages drops the one
 * reference set back here.
 */
static void free_user_page_last(struct page *page)
{
	user_page_forget(page);
	set_page_count(page, 1);
	__free_pages(page, 0);
}

/*
 * Drop a reference to an order-0 user page that is off the LRU; the last
 * one forgets what the page held and frees it.
 */
void free_user_page(struct page *page)
{
	if (page_ref_dec_and_test(page))
		free_user_page_last(page);
}

/*
 * Drop a reference to a user page; the last one frees it.  One atomic
 * decrement decides who is last (6.1's folio_put_testzero): a test of
 * the count before it would let two CPUs that drop the last two
 * references both miss the LRU removal.
 */
void put_page(struct page *page)
{
	if (PageCompound(page)) {
		thp_put_page(page);
		return;
	}
	if (!page_ref_dec_and_test(page))
		return;
	VM_WARN_ON_ONCE(PageSwapCache(page) || PageWriteback(page));
	user_folio_release(page, 1);
	free_user_page_last(page);
}

/* mm_counter(): which rss counter a mapped page is in. */
int mm_counter(struct page *page)
{
	if (PageAnon(page))
		return MM_ANONPAGES;
	return PageSwapBacked(compound_head(page)) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/* ---- walking and allocating user tables ------------------------------------ */

/*
 * The levels above the PTE tables are the architecture's (pgd_offset ->
 * p4d -> pud -> pmd; on 32-bit ARM the three middle ones are folded and a
 * "pmd" is the pgd's pair of first-level words): arch_pgtable()'s walk.
 */
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	return arch_pgtable()->pte_alloc(mm, pmd);
}

/* The PMD entry of @addr, the upper levels made as needed; NULL on OOM. */
pmd_t *pmd_alloc_walk(struct mm_struct *mm, unsigned long addr)
{
	return arch_pgtable()->pmd_alloc(mm, addr);
}

/* The PMD entry of @addr, or NULL when an upper level is empty. */
static pmd_t *pmd_lookup(struct mm_struct *mm, unsigned long addr)
{
	return arch_pgtable()->pmd_lookup(mm, addr);
}

pte_t *mmsim_pte_lookup(struct mm_struct *mm, unsigned long addr, pmd_t **pmdp)
{
	pmd_t *pmd = pmd_lookup(mm, addr);

	if (pmdp)
		*pmdp = pmd;
	if (!pmd || pmd_none(pmdp_get_lockless(pmd)) || pmd_large(pmdp_get_lockless(pmd)))
		return NULL;
	return pte_offset_map(pmd, addr);
}

static void walk_ptes(struct mm_struct *mm, unsigned long start,
		      unsigned long end, pte_visit_fn fn, void *arg, bool lock)
{
	unsigned long addr = start, next;

	while (addr < end) {
		pmd_t *pmd = pmd_lookup(mm, addr);
		pmd_t pmdval = pmd ? pmdp_get_lockless(pmd) : __pmd(0);

		next = pmd_addr_end(addr, end);
		if (!pmd_none(pmdval) && !pmd_large(pmdval)) {
			spinlock_t *ptl = lock ? pte_lockptr(mm, pmd) : NULL;
			pte_t *pte = pte_offset_map(pmd, addr);

			if (ptl)
				spin_lock(ptl);
			for (; addr < next; addr += PAGE_SIZE, pte = ptep_next(pte))
				if (!pte_none(ptep_get(pte)))
					fn(pte, addr, arg);
			if (ptl)
				spin_unlock(ptl);
		}
		addr = next;
		if (!addr)
			break;
	}
}

/* Every non-empty PTE of [start, end), no lock taken (@fn may allocate). */
void mmsim_walk_ptes(struct mm_struct *mm, unsigned long start,
		     unsigned long end, pte_visit_fn fn, void *arg)
{
	walk_ptes(mm, start, end, fn, arg, false);
}

/* The same with each table's lock held around its entries (@fn must not allocate). */
void mmsim_walk_ptes_locked(struct mm_struct *mm, unsigned long start,
			    unsigned long end, pte_visit_fn fn, void *arg)
{
	walk_ptes(mm, start, end, fn, arg, true);
}

/* ---- rss bookkeeping (see the file comment) ------------------------------------ */

/* A fault folds the task's cache into its mm once per this many faults. */
#define TASK_RSS_EVENTS_THRESH 64

void sync_mm_rss(struct mm_struct *mm)
{
	struct task_struct *task = current;
	int i;

	if (!task || !mmsim_proc_state()->split_rss_counting)
		return;
	for (i = 0; i < NR_MM_COUNTERS; i++) {
		if (task->rss_stat.count[i]) {
			add_mm_counter(mm, i, task->rss_stat.count[i]);
			task->rss_stat.count[i] = 0;
		}
	}
	task->rss_stat.events = 0;
}

/* Count into current's cache when @mm is current's own, else into @mm. */
static void add_mm_counter_fast(struct mm_struct *mm, int member, int val)
{
	struct task_struct *task = current;

	if (task && task->mm == mm && mmsim_proc_state()->split_rss_counting)
		task->rss_stat.count[member] += val;
	else
		add_mm_counter(mm, member, val);
}

static void check_sync_rss_stat(struct task_struct *task)
{
	if (!task || !mmsim_proc_state()->split_rss_counting)
		return;
	if (task->rss_stat.events++ > TASK_RSS_EVENTS_THRESH)
		sync_mm_rss(task->mm);
}

/* Add a zap's per-table counts to @mm, current's cache first if it is its own. */
static void add_mm_rss_vec(struct mm_struct *mm, const int *rss)
{
	int i;

	if (current && current->mm == mm)
		sync_mm_rss(mm);
	for (i = 0; i < NR_MM_COUNTERS; i++)
		if (rss[i])
			add_mm_counter(mm, i, rss[i]);
}

static void map_anon_page(struct vm_area_struct *vma, struct page *page,
			  unsigned long addr)
{
	add_mm_counter_fast(vma->vm_mm, MM_ANONPAGES, 1);
	page_add_new_anon_rmap(page, vma, addr);
	lru_cache_add_inactive_or_unevictable(page, vma);
}

static struct page *alloc_user_page(struct vm_area_struct *vma, bool zero)
{
	gfp_t gfp = GFP_HIGHUSER_MOVABLE | (zero ? __GFP_ZERO : 0);

	(void)vma;
	return alloc_pages(gfp, 0);
}

static pte_t maybe_mkwrite(pte_t pte, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		pte = pte_mkwrite(pte);
	return pte;
}

/* ---- anonymous faults ----------------------------------------------------------- */

static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page;
	pte_t entry;

	if (vma->vm_flags & VM_SHARED)
		return VM_FAULT_SIGBUS;
	if (pmd_none(pmdp_get_lockless(vmf->pmd)) && __pte_alloc(vma->vm_mm, vmf->pmd))
		return VM_FAULT_OOM;
	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		entry = pfn_pte(page_to_pfn(mmsim_zero_page()), vma->vm_page_prot);
		vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, vmf->address,
					       &vmf->ptl);
		if (pte_none(ptep_get(vmf->pte)))
			set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		return 0;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	page = alloc_user_page(vma, true);
	if (!page)
		return VM_FAULT_OOM;
	SetPageUptodate(page);
	entry = mk_pte(page, vma->vm_page_prot);
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite(pte_mkdirty(entry));
	vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (!pte_none(ptep_get(vmf->pte))) {     /* another CPU mapped it first */
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		put_page(page);
		return 0;
	}
	map_anon_page(vma, page, vmf->address);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return 0;
}

/* ---- file (tmpfs) faults ----------------------------------------------------------- */

/* Map @page at @addr (do_set_pte): a COW copy is anonymous, else a file page. */
static void do_set_pte(struct vm_fault *vmf, struct page *page,
		       unsigned long addr, pte_t *pte)
{
	struct vm_area_struct *vma = vmf->vma;
	bool write = vmf->flags & FAULT_FLAG_WRITE;
	pte_t entry = mk_pte(page, vma->vm_page_prot);

	if (write)
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	if (write && !(vma->vm_flags & VM_SHARED)) {
		map_anon_page(vma, page, addr);
	} else {
		add_mm_counter_fast(vma->vm_mm, mm_counter(page), 1);
		page_add_file_rmap(page, vma, false);
	}
	set_pte_at(vma->vm_mm, addr, pte, entry);
}

/*
 * filemap_map_pages for tmpfs: map the pages of [start_pgoff, end_pgoff]
 * already in the page cache (below i_size) whose PTEs are empty.
 * VM_FAULT_NOPAGE when the faulting page itself got mapped.
 */
static vm_fault_t filemap_map_pages(struct vm_fault *vmf,
				    unsigned long start_pgoff,
				    unsigned long end_pgoff)
{
	struct vm_area_struct *vma = vmf->vma;
	struct inode *inode = file_inode(vma->vm_file);
	unsigned long max_idx = (unsigned long)((inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	unsigned long idx;
	vm_fault_t ret = 0;

	if (pmd_none(pmdp_get_lockless(vmf->pmd)) && __pte_alloc(vma->vm_mm, vmf->pmd))
		return VM_FAULT_OOM;
	vmf->ptl = pte_lockptr(vma->vm_mm, vmf->pmd);  /* one PTE table */
	spin_lock(vmf->ptl);
	for (idx = start_pgoff; idx <= end_pgoff && idx < max_idx; idx++) {
		unsigned long addr = vma->vm_start +
				     ((idx - vma->vm_pgoff) << PAGE_SHIFT);
		struct folio *folio = filemap_get_folio(inode->i_mapping, idx);
		struct page *page = folio ? &folio->page : NULL;
		pte_t *pte;

		/*
		 * next_uptodate_page: the reference taken in the lookup, then
		 * the page lock tried (a page reclaim or a fault holds is left
		 * to the fault) and the page checked to be still this one.
		 */
		if (!page)
			continue;
		if (!trylock_page(page)) {
			put_page(page);
			continue;
		}
		if (!PageUptodate(page) || page->mapping != inode->i_mapping ||
		    page->index != idx)
			goto skip;
		pte = pte_offset_map(vmf->pmd, addr);
		if (!pte_none(ptep_get(pte)))
			goto skip;
		if (addr == vmf->address)
			ret = VM_FAULT_NOPAGE;
		do_set_pte(vmf, page, addr, pte);       /* the lookup's reference */
		unlock_page(page);
		continue;
skip:
		unlock_page(page);
		put_page(page);
	}
	spin_unlock(vmf->ptl);
	return ret;
}

static vm_fault_t do_fault_around(struct vm_fault *vmf)
{
	unsigned long address = vmf->address, nr_pages, mask;
	unsigned long start_pgoff = vmf->pgoff, end_pgoff;
	unsigned long off;

	nr_pages = fault_around_bytes >> PAGE_SHIFT;
	mask = ~(nr_pages * PAGE_SIZE - 1) & PAGE_MASK;
	address = max(address & mask, vmf->vma->vm_start);
	off = ((vmf->address - address) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
	start_pgoff -= off;
	end_pgoff = start_pgoff - ((address >> PAGE_SHIFT) & (PTRS_PER_PTE - 1)) +
		    PTRS_PER_PTE - 1;
	end_pgoff = min(end_pgoff, vma_pages(vmf->vma) + vmf->vma->vm_pgoff - 1);
	end_pgoff = min(end_pgoff, start_pgoff + nr_pages - 1);
	return filemap_map_pages(vmf, start_pgoff, end_pgoff);
}

/* finish_fault: map vmf->page (or the COW copy) if the PTE is still empty. */
static vm_fault_t finish_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page;
	pte_t *pte;

	if ((vmf->flags & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_SHARED))
		page = vmf->cow_page;
	else
		page = vmf->page;
	if (pmd_none(pmdp_get_lockless(vmf->pmd)) && __pte_alloc(vma->vm_mm, vmf->pmd))
		return VM_FAULT_OOM;
	pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (!pte_none(ptep_get(pte))) {
		pte_unmap_unlock(pte, vmf->ptl);
		return VM_FAULT_NOPAGE;
	}
	do_set_pte(vmf, page, vmf->address, pte);
	pte_unmap_unlock(pte, vmf->ptl);
	return 0;
}

static vm_fault_t __do_fault(struct vm_fault *vmf)
{
	return vmf->vma->vm_ops->fault(vmf);
}

/* A page the ->fault handed over locked (VM_FAULT_LOCKED) is unlocked once mapped. */
static void fault_unlock_page(struct vm_fault *vmf, vm_fault_t ret)
{
	if (ret & VM_FAULT_LOCKED)
		unlock_page(vmf->page);
}

static vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = 0;

	if (vmf->vma->vm_ops->map_pages && fault_around_bytes >> PAGE_SHIFT > 1) {
		ret = do_fault_around(vmf);
		if (ret)
			return ret;
	}
	ret = __do_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE | VM_FAULT_RETRY))
		return ret;
	ret |= finish_fault(vmf);
	fault_unlock_page(vmf, ret);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		put_page(vmf->page);
	return ret;
}

static vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	vm_fault_t ret;

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	vmf->cow_page = alloc_user_page(vma, false);
	if (!vmf->cow_page)
		return VM_FAULT_OOM;
	ret = __do_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE | VM_FAULT_RETRY))
		goto uncharge_out;
	copy_user_highpage(vmf->cow_page, vmf->page);
	SetPageUptodate(vmf->cow_page);
	ret |= finish_fault(vmf);
	fault_unlock_page(vmf, ret);
	put_page(vmf->page);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))
		goto uncharge_out;
	return ret;
uncharge_out:
	put_page(vmf->cow_page);
	return ret;
}

static vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = __do_fault(vmf);

	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE | VM_FAULT_RETRY))
		return ret;
	ret |= finish_fault(vmf);
	if (ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)) {
		fault_unlock_page(vmf, ret);
		put_page(vmf->page);
		return ret;
	}
	SetPageDirty(vmf->page);            /* fault_dirty_shared_page */
	fault_unlock_page(vmf, ret);
	return ret;
}

static vm_fault_t do_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;

	if (!vma->vm_ops->fault)
		return VM_FAULT_SIGBUS;
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/* ---- write-protect faults ------------------------------------------------------------ */

/* Called with the PTE's lock held (do_wp_page); drops it. */
static vm_fault_t wp_page_reuse(struct vm_fault *vmf)
{
	pte_t entry = pte_mkyoung(vmf->orig_pte);

	entry = maybe_mkwrite(pte_mkdirty(entry), vmf->vma);
	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, entry);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return VM_FAULT_WRITE;
}

/*
 * Give the faulting mm its own copy of the page (or of the zero page).
 * Entered without the PTE's lock (the copy allocates); the PTE is checked
 * again under it, and another CPU's change in between wins.
 */
static vm_fault_t wp_page_copy(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct page *old_page = vmf->page, *new_page;
	pte_t entry;

	if (anon_vma_prepare(vma))
		goto oom;
	if (is_zero_pfn(pte_pfn(vmf->orig_pte))) {
		new_page = alloc_user_page(vma, true);
		if (!new_page)
			goto oom;
	} else {
		new_page = alloc_user_page(vma, false);
		if (!new_page)
			goto oom;
		copy_user_highpage(new_page, pte_page(vmf->orig_pte));
	}
	SetPageUptodate(new_page);
	vmf->pte = pte_offset_map_lock(mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (!pte_same(ptep_get(vmf->pte), vmf->orig_pte)) {
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		put_page(new_page);
		if (old_page)
			put_page(old_page);
		return 0;
	}
	if (old_page) {
		if (!PageAnon(old_page)) {
			add_mm_counter_fast(mm, mm_counter(old_page), -1);
			add_mm_counter_fast(mm, MM_ANONPAGES, 1);
		}
	} else {
		add_mm_counter_fast(mm, MM_ANONPAGES, 1);
	}
	entry = mk_pte(new_page, vma->vm_page_prot);
	entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	ptep_clear(mm, vmf->address, vmf->pte);         /* ptep_clear_flush */
	flush_tlb_page(vma, vmf->address);
	page_add_new_anon_rmap(new_page, vma, vmf->address);
	lru_cache_add_inactive_or_unevictable(new_page, vma);
	set_pte_at(mm, vmf->address, vmf->pte, entry);
	if (old_page)
		page_remove_rmap(old_page, vma, false);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	if (old_page) {
		put_page(old_page);        /* the mapping's reference */
		put_page(old_page);        /* do_wp_page's get_page */
	}
	return VM_FAULT_WRITE;
oom:
	if (old_page)
		put_page(old_page);
	return VM_FAULT_OOM;
}

/* Entered with the PTE's lock held (handle_pte_fault, do_swap_page); drops it. */
static vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page;

	vmf->page = page = vm_normal_page(vma, vmf->address, vmf->orig_pte);
	if (vma->vm_flags & (VM_SHARED | VM_MAYSHARE)) {
		if (!page)
			return wp_page_reuse(vmf);
		if (vma->vm_flags & VM_SHARED) {  /* wp_page_shared */
			SetPageDirty(page);
			return wp_page_reuse(vmf);
		}
	}
	if (page && PageAnon(page)) {
		struct folio *folio = page_folio(page);

		if (PageAnonExclusive(page))
			return wp_page_reuse(vmf);
		/*
		 * The last user takes it over; a reference a per-CPU LRU
		 * batch holds is given back first (lru_add_drain) when
		 * the folio is not on the LRU yet.
		 */
		if (folio_ref_count(folio) <= 3 && !folio_test_lru(folio))
			lru_add_drain();
		if (folio_ref_count(folio) == 1) {
			SetPageAnonExclusive(page);
			return wp_page_reuse(vmf);
		}
	}
	if (page)
		get_page(page);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return wp_page_copy(vmf);
}

/* ---- swap-in ------------------------------------------------------------------------------ */

/*
 * Give the slot back at once when the page is better without it: swap is
 * half full, the page is locked in memory, or a write fault is about to
 * make this mapping its only user (the swap copy would be stale anyway).
 */
static bool should_try_to_free_swap(struct page *page, struct vm_area_struct *vma,
				    unsigned int fault_flags)
{
	if (!PageSwapCache(page))
		return false;
	if (vm_swap_full() || (vma->vm_flags & VM_LOCKED) || PageMlocked(page))
		return true;
	return (fault_flags & FAULT_FLAG_WRITE) && page_ref_count(page) == 2;
}

/*
 * do_swap_page: the PTE holds a swap entry.  The page comes from the swap
 * cache (a minor fault) or from the disk with readahead around it (a
 * major fault: VM_FAULT_MAJOR, pgmajfault); the entry's reference moves
 * to the page (MM_SWAPENTS -> MM_ANONPAGES).  Mapped writable at once
 * only when this mapping certainly owns it (the entry was exclusive, or
 * nobody else holds the page); else a write goes on to do_wp_page.
 */
vm_fault_t do_swap_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	swp_entry_t entry = pte_to_swp_entry(vmf->orig_pte);
	unsigned int rmap_flags = RMAP_NONE;
	vm_fault_t ret = 0;
	struct page *page;
	pte_t pte;

	if (is_migration_entry(entry)) {
		/* another CPU is moving the page: wait, then fault again */
		migration_entry_wait(vma->vm_mm, vmf->pmd, vmf->address);
		return 0;
	}
	if (non_swap_entry(entry) || !swp_swap_info(entry))
		return VM_FAULT_SIGBUS;
	page = lookup_swap_cache(entry, vma, vmf->address);
	if (!page) {
		page = swapin_readahead(entry, GFP_HIGHUSER_MOVABLE, vmf);
		if (!page)
			return pte_val(ptep_get(vmf->pte)) == pte_val(vmf->orig_pte) ?
			       VM_FAULT_OOM : 0;
		ret = VM_FAULT_MAJOR;           /* read from the disk */
		count_vm_event(PGMAJFAULT);
	}
	/*
	 * A write decides by the reference count whether this mapping owns
	 * the page: the reference of this CPU's LRU batch (a page just read
	 * in waits there) is given back first, as 6.1 does.
	 */
	if ((vmf->flags & FAULT_FLAG_WRITE) && PageSwapCache(page) &&
	    !PageLRU(page))
		lru_add_drain();
	/* 6.1: the page lock, then the PTE's lock, and everything checked again */
	lock_page(page);
	if (!PageSwapCache(page) || page_private(page) != entry.val)
		goto out_unlock;
	vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (!pte_same(ptep_get(vmf->pte), vmf->orig_pte))
		goto out_nomap;
	if (!PageUptodate(page)) {
		ret = VM_FAULT_SIGBUS;
		goto out_nomap;
	}
	swap_free(entry);
	if (should_try_to_free_swap(page, vma, vmf->flags))
		folio_free_swap(page_folio(page));
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	dec_mm_counter(vma->vm_mm, MM_SWAPENTS);
	pte = mk_pte(page, vma->vm_page_prot);
	if (pte_swp_exclusive(vmf->orig_pte) || page_ref_count(page) == 1) {
		if (vmf->flags & FAULT_FLAG_WRITE) {
			pte = maybe_mkwrite(pte_mkdirty(pte), vma);
			vmf->flags &= ~FAULT_FLAG_WRITE;
			ret |= VM_FAULT_WRITE;
		}
		rmap_flags |= RMAP_EXCLUSIVE;
	}
	vmf->orig_pte = pte;
	page_add_anon_rmap(page, vma, vmf->address, rmap_flags);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, pte);
	unlock_page(page);
	if (vmf->flags & FAULT_FLAG_WRITE) {
		ret |= do_wp_page(vmf);         /* drops the PTE's lock */
		if (ret & VM_FAULT_ERROR)
			ret &= VM_FAULT_ERROR;
		return ret;
	}
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return ret;
out_nomap:
	pte_unmap_unlock(vmf->pte, vmf->ptl);
out_unlock:
	unlock_page(page);
	put_page(page);
	return ret;
}

/* ---- the fault entry points --------------------------------------------------------------- */

static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	pte_t entry;

	if (pmd_none(pmdp_get_lockless(vmf->pmd))) {
		vmf->pte = NULL;
	} else {
		vmf->pte = pte_offset_map(vmf->pmd, vmf->address);
		vmf->orig_pte = ptep_get(vmf->pte);
		if (pte_none(vmf->orig_pte))
			vmf->pte = NULL;
	}
	if (!vmf->pte)
		return vma_is_anonymous(vmf->vma) ? do_anonymous_page(vmf) :
						    do_fault(vmf);
	if (!pte_present(vmf->orig_pte))
		return do_swap_page(vmf);
	vmf->ptl = pte_lockptr(vmf->vma->vm_mm, vmf->pmd);
	spin_lock(vmf->ptl);
	entry = vmf->orig_pte;
	if (!pte_same(ptep_get(vmf->pte), entry)) {   /* changed meanwhile: retry */
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		return 0;
	}
	if (vmf->flags & FAULT_FLAG_WRITE) {
		if (!pte_write(entry))
			return do_wp_page(vmf);         /* drops the lock */
		entry = pte_mkdirty(entry);
	}
	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, pte_mkyoung(entry));
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return 0;
}

static vm_fault_t __handle_mm_fault(struct vm_area_struct *vma,
				    unsigned long address, unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.real_address = address,
		.flags = flags,
		.pgoff = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff,
		.gfp_mask = GFP_HIGHUSER_MOVABLE,
	};
	vm_fault_t ret;

	vmf.pmd = pmd_alloc_walk(vma->vm_mm, address);
	if (!vmf.pmd)
		return VM_FAULT_OOM;
	ret = thp_handle_pmd_fault(&vmf);
	if (!(ret & VM_FAULT_FALLBACK))
		return ret;
	return handle_pte_fault(&vmf);
}

static void mm_account_fault(void *regs, unsigned int flags, vm_fault_t ret)
{
	struct task_struct *t = current;

	(void)regs;
	if (ret & (VM_FAULT_ERROR | VM_FAULT_RETRY))
		return;
	if (!t)
		return;
	if ((ret & VM_FAULT_MAJOR) || (flags & FAULT_FLAG_TRIED))
		t->maj_flt++;
	else
		t->min_flt++;
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags, void *regs)
{
	vm_fault_t ret;

	struct task_struct *t = current;
	bool lru_fault = t && !(vma->vm_flags & (VM_SEQ_READ | VM_RAND_READ));

	count_vm_event(PGFAULT);
	check_sync_rss_stat(current);
	if (lru_fault)          /* lru_gen_enter_fault */
		t->in_lru_fault = true;
	ret = __handle_mm_fault(vma, address, flags);
	if (lru_fault)          /* lru_gen_exit_fault */
		t->in_lru_fault = false;
	mm_account_fault(regs, flags, ret);
	/*
	 * The fault's cost moves the task's clock (include/mmsim/sim_cost.h).
	 * A user fault that read its page from the disk slept on the I/O,
	 * and the threads ran meanwhile; any other one ends with the return
	 * to user space, a preemption point (kernel/kthread.c).
	 */
	if (t)
		sim_charge(SIM_COST_FAULT_NS);
	if (regs && (ret & VM_FAULT_MAJOR))
		sim_task_sleep(SIM_COST_SWAP_READ_NS);
	else if (regs)
		sim_task_point(true);
	return ret;
}

/* ---- get_user_pages ------------------------------------------------------------------------- */

static int check_vma_flags(struct vm_area_struct *vma, unsigned int gup_flags)
{
	vm_flags_t vm_flags = vma->vm_flags;

	if (vm_flags & (VM_IO | VM_PFNMAP))
		return -EFAULT;
	if (gup_flags & FOLL_WRITE) {
		if (!(vm_flags & VM_WRITE)) {
			if (!(gup_flags & FOLL_FORCE))
				return -EFAULT;
			if (!is_cow_mapping(vm_flags))
				return -EFAULT;
		}
	} else if (!(vm_flags & VM_READ)) {
		if (!(gup_flags & FOLL_FORCE))
			return -EFAULT;
		if (!(vm_flags & VM_MAYREAD))
			return -EFAULT;
	}
	return 0;
}

/* follow_page_mask: is @addr mapped well enough for @flags?  Pages it spans. */
static unsigned long follow_page_span(struct vm_area_struct *vma,
				      unsigned long addr, unsigned int flags)
{
	pmd_t *pmd;
	pte_t *pte = mmsim_pte_lookup(vma->vm_mm, addr, &pmd);
	struct page *page;

	if (pmd && pmd_large(*pmd) && (pmd_flags(*pmd) & _PAGE_PRESENT)) {
		if ((flags & FOLL_WRITE) && !pmd_write(*pmd))
			return 0;
		return (PMD_SIZE - (addr & ~PMD_MASK)) >> PAGE_SHIFT;
	}
	if (!pte || !(pte_flags(ptep_get(pte)) & _PAGE_PRESENT))
		return 0;
	if (flags & FOLL_WRITE) {
		if (pte_write(ptep_get(pte)))
			goto ok;
		/* can_follow_write_pte: a FOLL_FORCE write into a private copy */
		page = vm_normal_page(vma, addr, ptep_get(pte));
		if (!(flags & FOLL_FORCE) || !is_cow_mapping(vma->vm_flags) ||
		    (vma->vm_flags & VM_WRITE) || !page || !PageAnon(page) ||
		    !PageAnonExclusive(page))
			return 0;
	}
ok:
	page = vm_normal_page(vma, addr, ptep_get(pte));
	if (page && (flags & FOLL_TOUCH)) {
		if ((flags & FOLL_WRITE) && !pte_dirty(ptep_get(pte)))
			SetPageDirty(page);
		mark_page_accessed(page);
	}
	return 1;
}

/*
 * __get_user_pages without the page array: fault in [start, +nr_pages)
 * as @gup_flags asks.  Pages done, or -errno when none could be.
 */
static long __get_user_pages(struct mm_struct *mm, unsigned long start,
			     unsigned long nr_pages, unsigned int gup_flags)
{
	struct vm_area_struct *vma = NULL;
	long done = 0;

	while (nr_pages) {
		unsigned long span;
		int err;

		if (!vma || start >= vma->vm_end) {
			vma = find_extend_vma(mm, start);
			if (!vma)
				return done ? done : -EFAULT;
			err = check_vma_flags(vma, gup_flags);
			if (err)
				return done ? done : err;
		}
		span = follow_page_span(vma, start, gup_flags);
		if (!span) {
			unsigned int fault_flags = 0;
			vm_fault_t ret;

			if (gup_flags & FOLL_WRITE)
				fault_flags |= FAULT_FLAG_WRITE;
			ret = handle_mm_fault(vma, start, fault_flags, NULL);
			if (ret & VM_FAULT_ERROR) {
				err = (ret & VM_FAULT_OOM) ? -ENOMEM : -EFAULT;
				return done ? done : err;
			}
			continue;
		}
		if (span > nr_pages)
			span = nr_pages;
		done += (long)span;
		nr_pages -= span;
		start += span << PAGE_SHIFT;
	}
	return done;
}

long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end, int *locked)
{
	unsigned long nr_pages = (end - start) >> PAGE_SHIFT;
	unsigned int gup_flags = FOLL_TOUCH;

	(void)locked;
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		gup_flags |= FOLL_WRITE;
	if (vma->vm_flags & VM_LOCKONFAULT)
		return (long)nr_pages;
	if (vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
		gup_flags |= FOLL_FORCE;
	return __get_user_pages(vma->vm_mm, start, nr_pages, gup_flags);
}

/* faultin_vma_page_range for MADV_POPULATE_(READ|WRITE). */
long faultin_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end, bool write);
long faultin_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end, bool write)
{
	unsigned int gup_flags = FOLL_TOUCH | FOLL_HWPOISON;

	if (write)
		gup_flags |= FOLL_WRITE;
	if (check_vma_flags(vma, gup_flags))
		return -EINVAL;
	return __get_user_pages(vma->vm_mm, start, (end - start) >> PAGE_SHIFT,
				gup_flags);
}

int __mm_populate(unsigned long start, unsigned long len, int ignore_errors)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, nstart, nend;
	struct vm_area_struct *vma = NULL;
	long ret = 0;

	mmap_read_lock(mm);
	for (nstart = start; nstart < end; nstart = nend) {
		vma = find_vma_intersection(mm, nstart, end);
		if (!vma)
			break;
		nend = min(end, vma->vm_end);
		if (vma->vm_flags & (VM_IO | VM_PFNMAP))
			continue;
		if (nstart < vma->vm_start)
			nstart = vma->vm_start;
		ret = populate_vma_page_range(vma, nstart, nend, NULL);
		if (ret < 0) {
			if (ignore_errors) {
				ret = 0;
				continue;
			}
			break;
		}
		nend = nstart + ((unsigned long)ret << PAGE_SHIFT);
		ret = 0;
	}
	mmap_read_unlock(mm);
	return (int)ret;
}

/* Copy between @buf and @mm's memory, faulting pages in (FOLL_FORCE). */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf,
		     int len, unsigned int gup_flags)
{
	int done = 0;

	mmap_read_lock(mm);
	while (done < len) {
		unsigned long a = addr + (unsigned long)done;
		unsigned long off = a & ~PAGE_MASK;
		int n = (int)min((unsigned long)(len - done), PAGE_SIZE - off);
		pte_t *pte;
		pmd_t *pmd;
		phys_addr_t pa;

		if (__get_user_pages(mm, a & PAGE_MASK, 1, gup_flags | FOLL_FORCE) != 1)
			break;
		pte = mmsim_pte_lookup(mm, a, &pmd);
		if (pte)
			pa = (pte_val(ptep_get(pte)) & PTE_PFN_MASK) + off;
		else
			pa = (pmd_val(*pmd) & PHYSICAL_PMD_PAGE_MASK) + (a & ~PMD_MASK);
		if (gup_flags & FOLL_WRITE)
			memcpy(__va(pa), (char *)buf + done, (size_t)n);
		else
			memcpy((char *)buf + done, __va(pa), (size_t)n);
		done += n;
	}
	mmap_read_unlock(mm);
	return done;
}

/* ---- fork: copy_page_range ------------------------------------------------------------------ */

static void copy_present_pte(struct vm_area_struct *dst_vma,
			     struct vm_area_struct *src_vma, pte_t *dst_pte,
			     pte_t *src_pte, unsigned long addr)
{
	vm_flags_t vm_flags = src_vma->vm_flags;
	pte_t pte = ptep_get(src_pte);
	struct page *page = vm_normal_page(src_vma, addr, pte);

	if (page) {
		get_page(page);
		if (PageAnon(page)) {
			page_add_anon_rmap(page, dst_vma, addr, RMAP_NONE);
			ClearPageAnonExclusive(page);
		} else {
			page_add_file_rmap(page, dst_vma, false);
		}
		inc_mm_counter(dst_vma->vm_mm, mm_counter(page));
	}
	if (is_cow_mapping(vm_flags) && pte_write(pte)) {
		set_pte_at(src_vma->vm_mm, addr, src_pte, pte_wrprotect(ptep_get(src_pte)));
		pte = pte_wrprotect(pte);
	}
	if (vm_flags & VM_SHARED)
		pte = pte_mkclean(pte);
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte_mkold(pte));
}

/*
 * copy_nonpresent_pte: the child's PTE names the same swap entry, one
 * more reference to its slot; neither side owns it alone any more.
 * 0, or -ENOMEM when the count cannot grow (no continuation pages).
 */
static int copy_nonpresent_pte(struct mm_struct *dst_mm, struct mm_struct *src_mm,
			       pte_t *dst_pte, pte_t *src_pte, unsigned long addr,
			       unsigned long vm_flags)
{
	swp_entry_t entry = pte_to_swp_entry(ptep_get(src_pte));

	if (is_migration_entry(entry)) {
		/*
		 * A page another CPU is moving: the child names it too (its rss
		 * counts it), read-only for a COW mapping on both sides.
		 */
		struct page *page = pfn_to_page(swp_offset_pfn(entry));

		inc_mm_counter(dst_mm, mm_counter(page));
		if (swp_type(entry) != SWP_MIGRATION_READ && is_cow_mapping(vm_flags)) {
			entry = make_readable_migration_entry(swp_offset_pfn(entry));
			set_pte_at(src_mm, addr, src_pte, swp_entry_to_pte(entry));
		}
		set_pte_at(dst_mm, addr, dst_pte, ptep_get(src_pte));
		return 0;
	}
	if (non_swap_entry(entry))
		return 0;
	if (swap_duplicate(entry) < 0)
		return -ENOMEM;
	if (pte_swp_exclusive(ptep_get(src_pte)))
		set_pte_at(src_mm, addr, src_pte, pte_swp_clear_exclusive(ptep_get(src_pte)));
	inc_mm_counter(dst_mm, MM_SWAPENTS);
	set_pte_at(dst_mm, addr, dst_pte, ptep_get(src_pte));
	return 0;
}

/*
 * One PTE table's worth of fork's copy, under both tables' locks (the
 * child's, then the parent's nested: reclaim may be unmapping the
 * parent's pages meanwhile).  0 or -ENOMEM.
 */
static int copy_pte_range(struct vm_area_struct *dst_vma,
			  struct vm_area_struct *src_vma, pmd_t *dst_pmd,
			  pmd_t *src_pmd, unsigned long addr, unsigned long end)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm, *src_mm = src_vma->vm_mm;
	spinlock_t *dst_ptl, *src_ptl = pte_lockptr(src_mm, src_pmd);
	pte_t *dst_pte = pte_offset_map_lock(dst_mm, dst_pmd, addr, &dst_ptl);
	pte_t *src_pte = pte_offset_map(src_pmd, addr);
	int ret = 0;

	spin_lock(src_ptl);                     /* spin_lock_nested */
	for (; addr < end; addr += PAGE_SIZE, src_pte = ptep_next(src_pte),
	     dst_pte = ptep_next(dst_pte)) {
		if (pte_none(ptep_get(src_pte)))
			continue;
		if (pte_present(ptep_get(src_pte))) {
			copy_present_pte(dst_vma, src_vma, dst_pte, src_pte, addr);
		} else if (copy_nonpresent_pte(dst_mm, src_mm, dst_pte, src_pte, addr,
						       src_vma->vm_flags)) {
			ret = -ENOMEM;
			break;
		}
	}
	spin_unlock(src_ptl);
	pte_unmap_unlock(dst_pte, dst_ptl);
	return ret;
}

int copy_page_range(struct vm_area_struct *dst_vma,
		    struct vm_area_struct *src_vma)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm, *src_mm = src_vma->vm_mm;
	unsigned long addr = src_vma->vm_start, end = src_vma->vm_end, next;

	/* vma_needs_copy: file pages come back by faults */
	if (!(src_vma->vm_flags & (VM_HUGETLB | VM_PFNMAP | VM_MIXEDMAP)) &&
	    !src_vma->anon_vma)
		return 0;
	for (; addr < end; addr = next) {
		pmd_t *src_pmd = pmd_lookup(src_mm, addr), *dst_pmd;

		next = pmd_addr_end(addr, end);
		if (!src_pmd || pmd_none(*src_pmd))
			continue;
		dst_pmd = pmd_alloc_walk(dst_mm, addr);
		if (!dst_pmd)
			return -ENOMEM;
		if (pmd_large(*src_pmd)) {
			if (copy_huge_pmd(dst_vma, src_vma, dst_pmd, src_pmd, addr))
				return -ENOMEM;
			continue;
		}
		if (pmd_none(*dst_pmd) && __pte_alloc(dst_mm, dst_pmd))
			return -ENOMEM;
		if (copy_pte_range(dst_vma, src_vma, dst_pmd, src_pmd, addr, next))
			return -ENOMEM;
	}
	return 0;
}

/* ---- zap: unmap the pages of a range ----------------------------------------------------------- */

/* A swap entry in a private anonymous mapping: its slot reference goes. */
static void zap_swap_pte(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
			 bool even_cows)
{
	swp_entry_t entry = pte_to_swp_entry(ptep_get(pte));

	if (is_migration_entry(entry)) {
		/* a page another CPU is moving: counted as the page it names */
		struct page *page = pfn_to_page(swp_offset_pfn(entry));

		if (!even_cows && PageAnon(page))
			return;          /* should_zap_page: a private copy stays */
		dec_mm_counter(vma->vm_mm, mm_counter(page));
		ptep_clear(vma->vm_mm, addr, pte);
		return;
	}
	if (non_swap_entry(entry))
		return;
	if (!even_cows)
		return;                  /* a file zap keeps the private copies */
	dec_mm_counter(vma->vm_mm, MM_SWAPENTS);
	if (!free_swap_and_cache(entry))
		pr_err("BUG: Bad page map in process: swap entry %#lx\n", entry.val);
	ptep_clear(vma->vm_mm, addr, pte);
}

static void zap_pte_range(struct vm_area_struct *vma, pmd_t *pmd,
			  unsigned long addr, unsigned long end, bool even_cows)
{
	struct mm_struct *mm = vma->vm_mm;
	spinlock_t *ptl;
	pte_t *pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	int rss[NR_MM_COUNTERS] = { 0 };

	for (; addr < end; addr += PAGE_SIZE, pte = ptep_next(pte)) {
		pte_t ptent = ptep_get(pte);
		struct page *page;

		if (pte_none(ptent))
			continue;
		if (!pte_present(ptent)) {
			zap_swap_pte(vma, pte, addr, even_cows);
			continue;
		}
		page = vm_normal_page(vma, addr, ptent);
		if (!even_cows && (!page || PageAnon(page)))
			continue;
		ptep_clear(mm, addr, pte);
		if (!page)
			continue;
		if (!PageAnon(page)) {
			if (pte_dirty(ptent))
				SetPageDirty(page);
			if (pte_young(ptent) && !(vma->vm_flags & VM_SEQ_READ))
				mark_page_accessed(page);
		}
		rss[mm_counter(page)]--;
		page_remove_rmap(page, vma, false);
		put_page(page);
	}
	add_mm_rss_vec(mm, rss);
	pte_unmap_unlock(pte, ptl);
}

/*
 * Zap the PTEs of @vma in [start, end); then tlb_finish_mmu's flush over
 * the span that had page tables (6.1 gathers the span of the entries it
 * cleared; mmsim takes each table's part of the range, which may be
 * larger when a table is partly empty).
 */
static void unmap_single_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			     unsigned long start, unsigned long end,
			     bool even_cows)
{
	unsigned long addr = max(start, vma->vm_start), next;
	unsigned long lo = ~0UL, hi = 0;
	unsigned int shift = PAGE_SHIFT;

	end = min(end, vma->vm_end);
	for (; addr < end; addr = next) {
		pmd_t *pmd = pmd_lookup(mm, addr);

		next = pmd_addr_end(addr, end);
		if (!pmd || pmd_none(*pmd))
			continue;
		if (pmd_large(*pmd) && !even_cows)
			continue;      /* anonymous THPs only */
		lo = min(lo, addr);
		hi = max(hi, next);
		if (pmd_large(*pmd)) {
			if (next - addr == PMD_SIZE) {
				zap_huge_pmd(vma, pmd, addr, next);
				continue;
			}
			__split_huge_pmd(vma, pmd, addr);
		}
		zap_pte_range(vma, pmd, addr, next, even_cows);
	}
	if (lo < hi)
		flush_tlb_mm_range(mm, lo, hi, shift, false);
}

void unmap_vmas(struct mm_struct *mm, struct vm_area_struct *vma,
		unsigned long start, unsigned long end)
{
	unmap_single_vma(mm, vma, start, end, true);
}

void zap_page_range_file(struct vm_area_struct *vma, unsigned long start,
			 unsigned long size)
{
	update_hiwater_rss(vma->vm_mm);
	unmap_single_vma(vma->vm_mm, vma, start, start + size, false);
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long size)
{
	update_hiwater_rss(vma->vm_mm);
	unmap_vmas(vma->vm_mm, vma, start, start + size);
}

/* ---- free_pgtables ------------------------------------------------------------------------------ */

static void free_pte_range(struct mm_struct *mm, pmd_t *pmd)
{
	arch_pgtable()->pte_free_table(mm, pmd);   /* pmd_clear, pte_free */
	mm_dec_nr_ptes(mm);
}

static void free_pmd_range(struct mm_struct *mm, pud_t *pud, unsigned long addr,
			   unsigned long end, unsigned long floor,
			   unsigned long ceiling)
{
	unsigned long start = addr, next;
	pmd_t *pmd = pmd_offset(pud, addr);

	do {
		next = pmd_addr_end(addr, end);
		if (!pmd_none(*pmd))
			free_pte_range(mm, pmd);
	} while (pmd++, addr = next, addr != end);
	start &= PUD_MASK;
	if (start < floor)
		return;
	if (ceiling) {
		ceiling &= PUD_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		return;
	pmd = pmd_offset(pud, start);
	pud_clear(pud);
	pmd_free(mm, pmd);
	mm_dec_nr_pmds(mm);
}

static void free_pud_range(struct mm_struct *mm, p4d_t *p4d, unsigned long addr,
			   unsigned long end, unsigned long floor,
			   unsigned long ceiling)
{
	unsigned long start = addr, next;
	pud_t *pud = pud_offset(p4d, addr);

	do {
		next = pud_addr_end(addr, end);
		if (!pud_none(*pud) && pud_present(*pud))
			free_pmd_range(mm, pud, addr, next, floor, ceiling);
	} while (pud++, addr = next, addr != end);
	start &= PGDIR_MASK;              /* P4D_MASK on four levels */
	if (start < floor)
		return;
	if (ceiling) {
		ceiling &= PGDIR_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		return;
	pud = pud_offset(p4d, start);
	p4d_clear(p4d);
	pud_free(mm, pud);
	mm_dec_nr_puds(mm);
}

static void free_pgd_range(struct mm_struct *mm, unsigned long addr,
			   unsigned long end, unsigned long floor,
			   unsigned long ceiling)
{
	unsigned long next;
	pgd_t *pgd;

	addr &= PMD_MASK;
	if (addr < floor) {
		addr += PMD_SIZE;
		if (!addr)
			return;
	}
	if (ceiling) {
		ceiling &= PMD_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		end -= PMD_SIZE;
	if (addr > end - 1)
		return;
	if (pgtable_folded()) {
		/*
		 * Two levels: p4d, pud and pmd are the pgd entry, their
		 * tables never freed apart from it, so only the PTE tables go.
		 */
		do {
			pmd_t *pmd = pmd_lookup(mm, addr);

			next = pmd_addr_end(addr, end);
			if (!pmd_none(*pmd))
				free_pte_range(mm, pmd);
		} while (addr = next, addr != end);
		return;
	}
	pgd = pgd_offset_pgd(mm->pgd, addr);
	do {
		p4d_t *p4d = p4d_offset(pgd, addr);

		next = pgd_addr_end(addr, end);
		if (!p4d_none(*p4d) && p4d_present(*p4d))
			free_pud_range(mm, p4d, addr, next, floor, ceiling);
	} while (pgd++, addr = next, addr != end);
}

/*
 * free_pgtables over the detached VMAs on @vmas (address order): VMAs
 * closer than a PMD are freed in one call, each group bounded by the next
 * group's start, the last by @ceiling.
 */
void mmsim_free_pgtables_list(struct mm_struct *mm, struct list_head *vmas,
			      unsigned long floor, unsigned long ceiling)
{
	struct vm_area_struct *vma, *next;

	/*
	 * 6.1's free_pgtables: every VMA leaves its anon_vmas first (under
	 * their lock), so that no rmap walk is in these tables when they go.
	 */
	list_for_each_entry(vma, vmas, vm_list)
		unlink_anon_vmas(vma);
	vma = list_first_entry_or_null(vmas, struct vm_area_struct, vm_list);
	while (vma) {
		unsigned long addr = vma->vm_start;

		next = list_is_last(&vma->vm_list, vmas) ? NULL :
		       list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
		while (next && next->vm_start <= vma->vm_end + PMD_SIZE) {
			vma = next;
			next = list_is_last(&vma->vm_list, vmas) ? NULL :
			       list_entry(vma->vm_list.next, struct vm_area_struct,
					  vm_list);
		}
		free_pgd_range(mm, addr, vma->vm_end, floor,
			       next ? next->vm_start : ceiling);
		vma = next;
	}
}

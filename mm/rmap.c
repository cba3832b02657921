// SPDX-License-Identifier: MIT
/*
 * mm/rmap.c — anonymous reverse mapping: anon_vma, anon_vma_chain, and
 * the mapcount/counter side of mapping and unmapping a page.
 *
 * Kernel counterpart: mm/rmap.c (Linux 6.1): __anon_vma_prepare,
 * anon_vma_clone, anon_vma_fork, unlink_anon_vmas, page_add_new_anon_rmap,
 * page_add_anon_rmap, page_add_file_rmap, page_remove_rmap; rmap_walk
 * (rmap_walk_anon, rmap_walk_file: every VMA that may map a page), the one
 * walk behind reclaim, swap and migration; try_to_unmap / try_to_unmap_one
 * for reclaim: an anonymous page in the swap cache leaves its swap entry
 * in each PTE (try_to_unmap_swap), a lazily freed clean one is dropped, a
 * tmpfs page is unmapped.
 *
 *   VMA --anon_vma_chain list--> avc --> anon_vma (root, parent)
 *                                 |
 *   anon_vma.chain_list <---------+   (6.1: an interval tree by pgoff)
 *
 * A fork gives the child VMA a chain to every anon_vma of the parent VMA
 * (anon_vma_clone) plus a new anon_vma of its own, whose parent is the
 * parent VMA's anon_vma; new COW pages of the child go to that one.  As
 * in 6.1, anon_vma_clone may reuse an anon_vma that no VMA uses any more
 * and that has at most one child (num_active_vmas == 0,
 * num_children < 2), so long fork chains do not grow without bound.
 *
 * Counters: the first mapping of a page adds it to NR_ANON_MAPPED or
 * NR_FILE_MAPPED (per node), the last removes it; _mapcount is the
 * number of PTEs mapping the page minus one.
 *
 * Lock order (6.1's, the same chain as the kernel's header here):
 *
 *   mm->mmap_lock
 *     page lock (PG_locked: folio_lock, reclaim's folio_trylock)
 *       mapping->i_mmap_rwsem
 *         anon_vma->root->rwsem
 *           mm->page_table_lock or the PTE table's lock (pte_lockptr)
 *             the swap cache, swap_info->lock
 *             per-CPU LRU batches' lock (6.1: local_lock)
 *               lruvec->lru_lock
 *   tasklist_lock is taken on its own (fork, exit, the OOM scan).
 *
 * An rmap walk (reclaim, migration) does not hold mmap_lock: what keeps
 * the VMA and its page tables alive is the anon_vma lock it holds, since
 * munmap and exit unlink the VMA from its anon_vmas (under the write
 * lock) before they free its page tables.  The anon_vma is found from
 * page->mapping inside an RCU read section; mmsim's RCU for this one use
 * is the anon_vma_rcu semaphore of the process state (readers hold it
 * for reading, a free of an anon_vma waits for them by taking it for
 * writing), as SLAB_TYPESAFE_BY_RCU keeps the object an anon_vma.  Not
 * covered: an anon_vma freed before the walk began (a folio whose last
 * mapping and VMA went just after reclaim saw it mapped); 6.1 closes
 * that with folio_mapped() checks its callers make under the page lock.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/slab.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/vmstat.h"
#include "linux/fs.h"
#include "linux/sched.h"
#include "mm/process_internal.h"
#include "mmsim/tlb.h"
#include "mmsim/proc_state.h"
#include "mmsim/process.h"
#include "mmsim/machine.h"
#include "linux/swap.h"
#include "linux/swapops.h"
#include "linux/pgtable.h"
#include "linux/fs.h"
#include "linux/sched.h"
#include "linux/maple_tree.h"
#include "linux/atomic.h"

static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *anon_vma;

	anon_vma = kmem_cache_alloc(mmsim_proc_state()->anon_vma_cachep, GFP_KERNEL);
	if (!anon_vma)
		return NULL;
	anon_vma->refcount.counter = 1;
	init_rwsem(&anon_vma->rwsem);
	anon_vma->num_children = 0;
	anon_vma->num_active_vmas = 0;
	anon_vma->parent = anon_vma;
	anon_vma->root = anon_vma;
	INIT_LIST_HEAD(&anon_vma->chain_list);
	return anon_vma;
}

/*
 * The grace period of 6.1's SLAB_TYPESAFE_BY_RCU anon_vma cache: an rmap
 * walker that found @anon_vma through a page is done with it; one that
 * holds the root's lock (6.1's anon_vma_free: lock and unlock) too.
 */
static void anon_vma_free(struct anon_vma *anon_vma)
{
	struct rw_semaphore *rcu = &mmsim_proc_state()->anon_vma_rcu;

	down_write(rcu);
	up_write(rcu);
	if (rwsem_is_locked(&anon_vma->root->rwsem)) {
		anon_vma_lock_write(anon_vma);
		anon_vma_unlock_write(anon_vma);
	}
	kmem_cache_free(mmsim_proc_state()->anon_vma_cachep, anon_vma);
}

/*
 * An anon_vma holds one reference for its own chains (dropped when the
 * last goes) and its root one more per descendant anon_vma.
 */
static void put_anon_vma(struct anon_vma *anon_vma)
{
	struct anon_vma *root = anon_vma->root;

	if (__atomic_sub_fetch(&anon_vma->refcount.counter, 1, __ATOMIC_ACQ_REL))
		return;
	anon_vma_free(anon_vma);
	if (root != anon_vma &&
	    __atomic_sub_fetch(&root->refcount.counter, 1, __ATOMIC_ACQ_REL) == 0)
		anon_vma_free(root);
}

static struct anon_vma_chain *anon_vma_chain_alloc(void)
{
	return kmem_cache_alloc(mmsim_proc_state()->anon_vma_chain_cachep,
				GFP_KERNEL);
}

static void anon_vma_chain_free(struct anon_vma_chain *avc)
{
	kmem_cache_free(mmsim_proc_state()->anon_vma_chain_cachep, avc);
}

static void anon_vma_chain_link(struct vm_area_struct *vma,
				struct anon_vma_chain *avc,
				struct anon_vma *anon_vma)
{
	avc->vma = vma;
	avc->anon_vma = anon_vma;
	list_add(&avc->same_vma, &vma->anon_vma_chain);
	list_add_tail(&avc->same_anon_vma, &anon_vma->chain_list);
}

/* The first anonymous page of @vma: reuse a mergeable neighbour's anon_vma or make one. */
int __anon_vma_prepare(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc = anon_vma_chain_alloc();
	struct vm_area_struct *near;
	struct anon_vma *anon_vma = NULL;

	if (!avc)
		return -ENOMEM;
	/* find_mergeable_anon_vma: a neighbour that could merge with us */
	near = mmsim_vma_after(vma);
	if (near && near->anon_vma && near->vm_start == vma->vm_end &&
	    list_is_singular(&near->anon_vma_chain) &&
	    !((near->vm_flags ^ vma->vm_flags) & ~(VM_ACCESS_FLAGS | VM_SOFTDIRTY)) &&
	    near->vm_file == vma->vm_file &&
	    near->vm_pgoff == vma->vm_pgoff + vma_pages(vma))
		anon_vma = near->anon_vma;
	near = mmsim_vma_before(vma);
	if (!anon_vma && near && near->anon_vma && near->vm_end == vma->vm_start &&
	    list_is_singular(&near->anon_vma_chain) &&
	    !((near->vm_flags ^ vma->vm_flags) & ~(VM_ACCESS_FLAGS | VM_SOFTDIRTY)) &&
	    near->vm_file == vma->vm_file &&
	    near->vm_pgoff + vma_pages(near) == vma->vm_pgoff)
		anon_vma = near->anon_vma;
	if (!anon_vma) {
		anon_vma = anon_vma_alloc();
		if (!anon_vma) {
			anon_vma_chain_free(avc);
			return -ENOMEM;
		}
		anon_vma->num_children++;   /* self-parent link for new root */
	}
	anon_vma_lock_write(anon_vma);
	/* page_table_lock: another CPU's fault in this VMA may have won */
	spin_lock(&vma->vm_mm->page_table_lock);
	if (!vma->anon_vma) {
		vma->anon_vma = anon_vma;
		anon_vma_chain_link(vma, avc, anon_vma);
		anon_vma->num_active_vmas++;
		avc = NULL;
	}
	spin_unlock(&vma->vm_mm->page_table_lock);
	anon_vma_unlock_write(anon_vma);
	if (avc) {
		anon_vma_chain_free(avc);
		if (!anon_vma->num_active_vmas && list_empty(&anon_vma->chain_list))
			put_anon_vma(anon_vma);         /* ours, unused */
	}
	return 0;
}

int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct anon_vma_chain *avc, *pavc;

	list_for_each_entry_reverse(pavc, &src->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = pavc->anon_vma;

		avc = anon_vma_chain_alloc();
		if (!avc)
			goto enomem_failure;
		anon_vma_lock_write(anon_vma);
		anon_vma_chain_link(dst, avc, anon_vma);
		anon_vma_unlock_write(anon_vma);
		/* reuse an anon_vma nobody maps and with at most one child */
		if (!dst->anon_vma && src->anon_vma &&
		    anon_vma->num_children < 2 && anon_vma->num_active_vmas == 0)
			dst->anon_vma = anon_vma;
	}
	if (dst->anon_vma)
		dst->anon_vma->num_active_vmas++;
	return 0;
enomem_failure:
	dst->anon_vma = NULL;
	unlink_anon_vmas(dst);
	return -ENOMEM;
}

int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma_chain *avc;
	struct anon_vma *anon_vma;

	if (!pvma->anon_vma)
		return 0;
	vma->anon_vma = NULL;
	if (anon_vma_clone(vma, pvma))
		return -ENOMEM;
	if (vma->anon_vma)
		return 0;
	anon_vma = anon_vma_alloc();
	if (!anon_vma)
		goto out_error;
	anon_vma->num_active_vmas++;
	avc = anon_vma_chain_alloc();
	if (!avc) {
		put_anon_vma(anon_vma);
		goto out_error;
	}
	anon_vma->root = pvma->anon_vma->root;
	anon_vma->parent = pvma->anon_vma;
	__atomic_add_fetch(&anon_vma->root->refcount.counter, 1, __ATOMIC_RELAXED);
	vma->anon_vma = anon_vma;
	anon_vma_lock_write(anon_vma);
	anon_vma_chain_link(vma, avc, anon_vma);
	anon_vma->parent->num_children++;
	anon_vma_unlock_write(anon_vma);
	return 0;
out_error:
	unlink_anon_vmas(vma);
	return -ENOMEM;
}

void unlink_anon_vmas(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc, *next;
	struct anon_vma *root = NULL;

	/* first unhook; chains of anon_vmas left empty stay for the put */
	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		if (!root) {            /* one fork tree, one root lock */
			root = anon_vma->root;
			down_write(&root->rwsem);
		}
		list_del(&avc->same_anon_vma);
		if (list_empty(&anon_vma->chain_list)) {
			anon_vma->parent->num_children--;
			continue;
		}
		list_del(&avc->same_vma);
		anon_vma_chain_free(avc);
	}
	if (vma->anon_vma) {
		vma->anon_vma->num_active_vmas--;
		vma->anon_vma = NULL;
	}
	if (root)
		up_write(&root->rwsem);
	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		put_anon_vma(avc->anon_vma);
		list_del(&avc->same_vma);
		anon_vma_chain_free(avc);
	}
}

/* ---- mapcounts and counters --------------------------------------------------------- */

/*
 * _mapcount moves with atomic increments and decrements (6.1's
 * atomic_inc_and_test / atomic_add_negative): two CPUs map and unmap one
 * page at once (a fork's copy beside a zap in the other process).
 */
static int mapcount_read(atomic_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

int page_mapcount(struct page *page)
{
	int n = mapcount_read(&page->_mapcount) + 1;

	if (PageCompound(page))
		n += mapcount_read(&compound_head(page)[1].compound_mapcount) + 1;
	return n;
}

/* Is the subpage also mapped by its THP's PMD? */
static bool compound_pmd_mapped(struct page *page)
{
	return PageCompound(page) &&
	       compound_head(page)[1].compound_mapcount.counter >= 0;
}

int total_mapcount(struct page *page)
{
	return page_mapcount(page);
}

static void mod_page_state(struct page *page, enum node_stat_item item, long nr)
{
	__mod_node_page_state(page_pgdat(page), item, nr);
}

/* A page not yet anonymous joins @vma's anon_vma (the root's if shared). */
static void __page_set_anon_rmap(struct page *page, struct vm_area_struct *vma,
				 unsigned long address, bool exclusive)
{
	struct anon_vma *anon_vma = vma->anon_vma;

	if (PageAnon(page))
		goto out;       /* back from swap: it keeps its anon_vma */
	if (!exclusive)
		anon_vma = anon_vma->root;
	/* one store: rmap walks read the word without the page lock (6.1 too) */
	WRITE_ONCE(page->mapping, (struct address_space *)((unsigned long)anon_vma |
							   PAGE_MAPPING_ANON));
	page->index = ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
	SetPageSwapBacked(page);
out:
	if (exclusive)
		SetPageAnonExclusive(page);
}

void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address)
{
	page->_mapcount.counter = 0;
	mod_page_state(page, NR_ANON_MAPPED, 1);
	__page_set_anon_rmap(page, vma, address, true);
	mlock_vma_page(page, vma, false);   /* lru_cache_add_inactive_or_unevictable */
}

void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			unsigned long address, unsigned int flags)
{
	bool first = __atomic_add_fetch(&page->_mapcount.counter, 1, __ATOMIC_RELAXED) == 0;

	if (first && !compound_pmd_mapped(page))
		mod_page_state(page, NR_ANON_MAPPED, 1);
	if (first)
		__page_set_anon_rmap(page, vma, address, flags & RMAP_EXCLUSIVE);
	else if (flags & RMAP_EXCLUSIVE)
		SetPageAnonExclusive(page);
}

void page_add_file_rmap(struct page *page, struct vm_area_struct *vma,
			bool compound)
{
	if (__atomic_add_fetch(&page->_mapcount.counter, 1, __ATOMIC_RELAXED) == 0)
		mod_page_state(page, NR_FILE_MAPPED, 1);
	mlock_vma_page(page, vma, compound);
}

void page_remove_rmap(struct page *page, struct vm_area_struct *vma,
		      bool compound)
{
	munlock_vma_page(page, vma, compound);
	if (__atomic_sub_fetch(&page->_mapcount.counter, 1, __ATOMIC_RELAXED) >= 0 ||
	    compound_pmd_mapped(page))
		return;
	mod_page_state(page, PageAnon(page) ? NR_ANON_MAPPED : NR_FILE_MAPPED, -1);
}

/* ---- walking every mapping of a page ---------------------------------------------- */

/* Where @folio would be mapped in @vma, or -EFAULT when outside it (vma_address). */
static unsigned long rmap_vma_address(struct folio *folio, struct vm_area_struct *vma)
{
	unsigned long pgoff = folio->index;

	if (pgoff < vma->vm_pgoff || pgoff - vma->vm_pgoff >= vma_pages(vma))
		return -EFAULT;
	return vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
}

/*
 * One candidate VMA: skip it if the control says so or the folio is
 * outside it.  False stops the walk.
 */
static bool rmap_visit(struct folio *folio, struct vm_area_struct *vma,
		       struct rmap_walk_control *rwc)
{
	unsigned long address;

	if (rwc->invalid_vma && rwc->invalid_vma(vma, rwc->arg))
		return true;
	address = rmap_vma_address(folio, vma);
	if (address == (unsigned long)-EFAULT)
		return true;
	if (!rwc->rmap_one(folio, vma, address, rwc->arg))
		return false;
	return !(rwc->done && rwc->done(folio));
}

/* rmap_walk_anon: every VMA chained to the folio's anon_vma. */
static void rmap_walk_anon(struct folio *folio, struct rmap_walk_control *rwc)
{
	struct rw_semaphore *rcu = &mmsim_proc_state()->anon_vma_rcu;
	struct anon_vma *anon_vma;
	struct anon_vma_chain *avc;

	/* folio_lock_anon_vma_read: see the top for the read section */
	down_read(rcu);
	anon_vma = (struct anon_vma *)
		((unsigned long)__atomic_load_n(&folio->mapping, __ATOMIC_RELAXED) &
		 ~PAGE_MAPPING_FLAGS);
	/*
	 * 6.1's rmap_walk_anon_lock: no folio_mapped() test here, since
	 * migration walks from folios its entries replaced; folio_referenced
	 * (6.1's folio_lock_anon_vma_read) returns first on an unmapped one.
	 */
	if (!anon_vma) {
		up_read(rcu);
		return;
	}
	anon_vma_lock_read(anon_vma);
	up_read(rcu);
	list_for_each_entry(avc, &anon_vma->chain_list, same_anon_vma)
		if (!rmap_visit(folio, avc->vma, rwc))
			break;
	anon_vma_unlock_read(anon_vma);
}

/* rmap_walk_file: every VMA of the file's i_mmap that maps the folio. */
static void rmap_walk_file(struct folio *folio, struct rmap_walk_control *rwc)
{
	struct address_space *mapping = folio->mapping;
	unsigned long first = folio->index;
	unsigned long last = first + folio_nr_pages(folio) - 1;
	struct vm_area_struct *vma;

	if (!mapping)
		return;
	/* the caller holds the page lock: @mapping stays; i_mmap for reading */
	i_mmap_lock_read(mapping);
	vma_interval_tree_foreach(vma, &mapping->i_mmap, first, last)
		if (!rmap_visit(folio, vma, rwc))
			break;
	i_mmap_unlock_read(mapping);
}

/*
 * A large folio is found at its head's address in each VMA (mmsim maps a
 * THP whole by a PMD, or by PTEs of the same folio after a split).
 */
void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc)
{
	if (folio_test_anon(folio))
		rmap_walk_anon(folio, rwc);
	else
		rmap_walk_file(folio, rwc);
}

/*
 * page_vma_mapped_walk for one small page: its PTE at @addr, with the
 * table's lock taken (*ptlp), or NULL (no lock held).
 */
pte_t *page_vma_mapped_pte(struct page *page, struct vm_area_struct *vma,
			   unsigned long addr, spinlock_t **ptlp)
{
	pmd_t *pmd;
	pte_t *pte = mmsim_pte_lookup(vma->vm_mm, addr, &pmd);

	if (!pte || !pte_present(ptep_get(pte)) || pte_pfn(ptep_get(pte)) != page_to_pfn(page))
		return NULL;
	*ptlp = pte_lockptr(vma->vm_mm, pmd);
	spin_lock(*ptlp);
	if (!pte_present(ptep_get(pte)) || pte_pfn(ptep_get(pte)) != page_to_pfn(page)) {
		spin_unlock(*ptlp);
		return NULL;
	}
	return pte;
}

/*
 * A lazily freed (MADV_FREE) page: dropped when clean and nobody else
 * holds it, else put back and made swap-backed again.  Whether it went.
 */
static bool unmap_lazyfree(struct page *page, struct mm_struct *mm,
			   unsigned long addr, pte_t *pte, pte_t pteval)
{
	if (page_ref_count(page) == 1 + page_mapcount(page) && !PageDirty(page))
		return true;
	set_pte_at(mm, addr, pte, pteval);
	SetPageSwapBacked(page);
	return false;
}

bool try_to_unmap_swap(struct folio *folio, struct vm_area_struct *vma,
		       unsigned long addr, pte_t *pte, pte_t pteval)
{
	struct page *page = &folio->page;
	swp_entry_t entry = { page_private(page) };
	bool anon_exclusive = PageAnonExclusive(page);
	pte_t swp_pte;

	if (!folio_test_swapcache(folio) || swap_duplicate(entry) < 0) {
		set_pte_at(vma->vm_mm, addr, pte, pteval);
		return false;
	}
	ClearPageAnonExclusive(page);           /* page_try_share_anon_rmap */
	inc_mm_counter(vma->vm_mm, MM_SWAPENTS);
	swp_pte = swp_entry_to_pte(entry);
	if (anon_exclusive)
		swp_pte = pte_swp_mkexclusive(swp_pte);
	set_pte_at(vma->vm_mm, addr, pte, swp_pte);
	return true;
}

static bool try_to_unmap_pte(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long addr, pte_t *pte, enum ttu_flags flags);

/*
 * try_to_unmap_one: @folio's PTE in @vma goes: an anonymous swap-cache
 * page leaves its swap entry (try_to_unmap_swap), a lazily freed one is
 * dropped if still clean, a tmpfs page is just unmapped; the mapping's
 * rss and reference go with it.
 */
static bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long addr, void *arg)
{
	struct page *page = &folio->page;
	enum ttu_flags flags = *(enum ttu_flags *)arg;
	spinlock_t *ptl;
	pte_t *pte = page_vma_mapped_pte(page, vma, addr, &ptl);
	bool ret;

	if (!pte)
		return true;
	ret = try_to_unmap_pte(folio, vma, addr, pte, flags);
	pte_unmap_unlock(pte, ptl);
	return ret;
}

/* try_to_unmap_one's work on the PTE, under its table's lock. */
static bool try_to_unmap_pte(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long addr, pte_t *pte, enum ttu_flags flags)
{
	struct page *page = &folio->page;
	struct mm_struct *mm = vma->vm_mm;
	pte_t pteval;

	if (!(flags & TTU_IGNORE_MLOCK) && (vma->vm_flags & VM_LOCKED))
		return false;                   /* mlocked: stays mapped */
	pteval = ptep_get(pte);
	/*
	 * ptep_clear_flush (x86 defers to a batched flush only when another
	 * CPU has the mm loaded: not modelled, the page is flushed now)
	 */
	ptep_clear(mm, addr, pte);
	flush_tlb_page(vma, addr);
	if (pte_dirty(pteval))
		folio_set_dirty(folio);
	update_hiwater_rss(mm);
	if (folio_test_anon(folio)) {
		if (folio_test_swapbacked(folio)) {
			if (!try_to_unmap_swap(folio, vma, addr, pte, pteval))
				return false;
		} else if (!unmap_lazyfree(page, mm, addr, pte, pteval)) {
			return false;
		}
		dec_mm_counter(mm, MM_ANONPAGES);
	} else {                                /* tmpfs: the page cache keeps it */
		dec_mm_counter(mm, PageSwapBacked(page) ? MM_SHMEMPAGES : MM_FILEPAGES);
	}
	page_remove_rmap(page, vma, false);
	put_page(page);
	return true;
}

static bool folio_not_mapped(struct folio *folio)
{
	return !folio_mapped(folio);
}

/*
 * try_to_unmap: replace each PTE mapping @folio (anonymous, small, in the
 * swap cache or lazily freed) with its swap entry; a tmpfs folio's PTEs
 * are just cleared (the next fault finds it in the page cache or swap).  The caller checks
 * folio_mapped() afterwards, as 6.1's callers do.
 */
void try_to_unmap(struct folio *folio, enum ttu_flags flags)
{
	struct rmap_walk_control rwc = {
		.rmap_one = try_to_unmap_one,
		.arg = &flags,
		.done = folio_not_mapped,
	};

	if (folio_test_large(folio))
		return;                 /* reclaim splits THPs before swapping */
	rmap_walk(folio, &rwc);
}

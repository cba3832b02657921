// SPDX-License-Identifier: MIT
/*
 * mm/shmem.c — tmpfs files: the guest's root file system, their page
 * cache, and shared anonymous memory (a file called "dev/zero").
 *
 * Kernel counterpart: mm/shmem.c (Linux 6.1): shmem_get_folio_gfp,
 * shmem_fault, shmem_mmap, shmem_zero_setup, shmem_setattr (truncate),
 * shmem_file_read_iter/shmem_write_begin, shmem_evict_inode; with the
 * file-table side of fs/open.c, fs/read_write.c, fs/file.c and
 * fs/namei.c (do_sys_open, ftruncate, pread64/pwrite64, close_fd,
 * do_unlinkat, dup_fd) cut to one flat directory.
 *
 * The page cache of an inode is 6.1's xarray (i_data.i_pages, lib/
 * xarray.c: its nodes are "radix_tree_node" objects) holding what the
 * kernel's holds: a page per written or faulted offset, with one
 * reference for the cache, page->mapping = the address_space,
 * page->index = the offset, PG_swapbacked and PG_uptodate set, counted in
 * NR_FILE_PAGES and NR_SHMEM.  Pages go in through
 * shmem_add_to_page_cache and out through shmem_delete_from_page_cache
 * (to swap) or filemap_remove_folio (mm/filemap.c: truncation).  Holes read as zeros without a page
 * (SGP_READ); a fault allocates (SGP_CACHE); a fault at or past i_size
 * is SIGBUS.
 *
 * Swap: reclaim writes an unmapped tmpfs page out with shmem_writepage;
 * its swap entry stays in the page cache in its place (inode->swapped
 * counts them; Shmem and the file's rss drop, i_blocks stays), and the
 * next access (fault, read, write) brings the page back the same way
 * (shmem_swapin_page: a major fault when read from the disk); cutting
 * the file frees the slot.
 *
 * Locks, as 6.1's: the page cache's changes under its i_pages lock, and
 * lookups that take a reference under it too (mmsim's stand-in for the
 * RCU walk + folio_try_get); a page is handed to a fault, read or write
 * locked (PG_locked) after checking it is still the file's at that index
 * (a CPU's reclaim may have moved it to swap meanwhile: look again), and
 * a fault returns it locked (VM_FAULT_LOCKED) for do_*_fault to unlock
 * once mapped; a page read back from swap is locked and checked to be
 * still the swap cache's page of the entry the file still holds
 * (shmem_confirm_swap) before it moves.  reclaim's shmem_writepage runs
 * with the page locked.  swapped and i_blocks change under the inode's
 * info->lock (inode->shmem_lock); i_mmap under the mapping's
 * i_mmap_rwsem (VMAs linked/unlinked for writing, truncation's unmap for
 * reading).  Not locked: truncation and invalidation against a
 * concurrent fault of the same file (6.1's i_rwsem and the folio-lock
 * protocol of shmem_undo_range), and the descriptor table (files_struct's
 * file_lock): the concurrent tests fault files opened beforehand.
 *
 * Lifetimes: a struct file (filp cache) is held by each descriptor and
 * each VMA; it holds its inode (shmem_inode_cache); an inode with no name
 * (unlinked, or dev/zero) and no file goes with all its pages.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/slab.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "linux/fs.h"
#include "linux/mman.h"
#include "linux/sched.h"
#include "linux/highmem.h"
#include "linux/swap.h"
#include "linux/swap_lru.h"
#include "linux/rmap.h"
#include "linux/pagemap.h"
#include "mm/internal.h"
#include "mmsim/swap_state.h"
#include "mm/process_internal.h"
#include "mmsim/process.h"
#include "mmsim/proc_state.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#define S_IFREG 0100000

static vm_fault_t shmem_map_pages(struct vm_fault *vmf, unsigned long start,
				  unsigned long end);

static const struct vm_operations_struct shmem_vm_ops = {
	.fault = shmem_fault,
	.map_pages = shmem_map_pages,
};

/* filemap_map_pages is memory_user.c's; shmem_vm_ops names the hook. */
static vm_fault_t shmem_map_pages(struct vm_fault *vmf, unsigned long start,
				  unsigned long end)
{
	(void)vmf;
	(void)start;
	(void)end;
	return 0;
}

static int shmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	(void)file;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

static const struct file_operations shmem_file_operations = {
	.mmap = shmem_mmap,
};

/* ---- Committed_AS: shmem_acct_size / shmem_acct_block ---------------------------- */

/*
 * A tmpfs file (VM_NORESERVE) is charged page by page as pages are
 * allocated; a shared anonymous mapping (no VM_NORESERVE) is charged its
 * whole size when it is made.  Both go back when the pages / the inode go.
 */
static int shmem_acct(long pages)
{
	if (security_vm_enough_memory_mm(current ? current->mm : NULL, pages))
		return -ENOMEM;
	__atomic_add_fetch(&mmsim_proc_state()->shmem_acct_pages, pages, __ATOMIC_RELAXED);
	return 0;
}

static void shmem_unacct(long pages)
{
	vm_unacct_memory(pages);
	__atomic_sub_fetch(&mmsim_proc_state()->shmem_acct_pages, pages, __ATOMIC_RELAXED);
}

/* ---- the page cache ---------------------------------------------------------- */

/* The gfp of the page cache's nodes: the mapping's, its zone bits dropped. */
#define SHMEM_XA_GFP (GFP_HIGHUSER_MOVABLE & GFP_RECLAIM_MASK)

/* What the page cache holds at @index: a page, a swap value, or NULL. */
static void *shmem_slot(struct inode *inode, unsigned long index)
{
	struct address_space *mapping = inode->i_mapping;
	void *entry;

	xa_lock_irq(&mapping->i_pages);
	entry = xa_load(&mapping->i_pages, index);
	xa_unlock_irq(&mapping->i_pages);
	return entry;
}

/*
 * __filemap_get_folio(FGP_ENTRY | FGP_LOCK): the page at @index with a
 * reference, locked and still the file's there; or the swap value (no
 * reference), or NULL for a hole.
 */
static void *shmem_get_entry_locked(struct inode *inode, unsigned long index)
{
	struct address_space *mapping = inode->i_mapping;
	struct page *page;

	for (;;) {
		xa_lock_irq(&mapping->i_pages);
		page = xa_load(&mapping->i_pages, index);
		if (page && !xa_is_value(page))
			page_ref_inc(page);
		xa_unlock_irq(&mapping->i_pages);
		if (!page || xa_is_value(page))
			return page;
		lock_page(page);
		if (page->mapping == mapping && page->index == index)
			return page;
		unlock_page(page);      /* truncated, or gone to swap: again */
		put_page(page);
	}
}

static void *swp_to_radix_entry(swp_entry_t entry)
{
	return xa_mk_value(entry.val);
}

static swp_entry_t radix_to_swp_entry(const void *entry)
{
	swp_entry_t e = { xa_to_value(entry) };

	return e;
}

/* The page at @index in memory, or NULL (a hole, or out in swap). */
struct page *shmem_find_page(struct inode *inode, unsigned long index)
{
	void *entry = shmem_slot(inode, index);

	return xa_is_value(entry) ? NULL : entry;
}

static void shmem_page_stat(struct page *page, long nr)
{
	__mod_node_page_state(page_pgdat(page), NR_FILE_PAGES, nr);
	__mod_node_page_state(page_pgdat(page), NR_SHMEM, nr);
}

/*
 * shmem_add_to_page_cache: @page at @index of @mapping, where @expected
 * (NULL, or the swap entry it comes back from) must be; the cache takes a
 * reference.  0, -EEXIST when something else is there, -ENOMEM when no
 * xarray node could be had with @gfp.
 */
static int shmem_add_to_page_cache(struct page *page, struct address_space *mapping,
				   unsigned long index, void *expected, gfp_t gfp)
{
	XA_STATE(xas, &mapping->i_pages, index);

	page_ref_inc(page);
	page->mapping = mapping;
	page->index = index;
	do {
		xas_lock_irq(&xas);
		if (xas_load(&xas) != expected) {
			xas_set_err(&xas, -EEXIST);
			goto unlock;
		}
		xas_store(&xas, page);
		if (xas_error(&xas))
			goto unlock;
		mapping->nrpages++;
		shmem_page_stat(page, 1);
unlock:
		xas_unlock_irq(&xas);
	} while (xas_nomem(&xas, gfp));
	if (!xas_error(&xas))
		return 0;
	page->mapping = NULL;
	page_ref_dec_and_test(page);            /* the caller still holds one */
	return xas_error(&xas);
}

/* shmem_replace_entry: @replacement where @expected is (the slot exists). */
static int shmem_replace_entry(struct address_space *mapping, unsigned long index,
			       void *expected, void *replacement)
{
	XA_STATE(xas, &mapping->i_pages, index);

	if (xas_load(&xas) != expected)
		return -ENOENT;
	xas_store(&xas, replacement);
	return 0;
}

/* shmem_delete_from_page_cache: the page gives its slot to its swap entry. */
static void shmem_delete_from_page_cache(struct page *page, void *radswap)
{
	struct address_space *mapping = page->mapping;
	int error;

	xa_lock_irq(&mapping->i_pages);
	error = shmem_replace_entry(mapping, page->index, page, radswap);
	page->mapping = NULL;
	mapping->nrpages--;
	shmem_page_stat(page, -1);
	xa_unlock_irq(&mapping->i_pages);
	put_page(page);                         /* the page cache's */
	BUG_ON(error);
}

/* ---- swap ------------------------------------------------------------------------------ */

/* shmem_free_swap: a swapped page of a file being cut: its slot goes. */
static void shmem_free_swap(struct inode *inode, unsigned long index,
			    void *radswap)
{
	void *old = xa_cmpxchg_irq(&inode->i_mapping->i_pages, index, radswap,
				   NULL, 0);

	if (old != radswap)
		return;
	free_swap_and_cache(radix_to_swp_entry(radswap));
	spin_lock_irq(&inode->shmem_lock);
	inode->swapped--;
	inode->i_blocks -= PAGE_SIZE / 512;
	spin_unlock_irq(&inode->shmem_lock);
	if (inode->shmem_flags & VM_NORESERVE)
		shmem_unacct(1);
}

/*
 * shmem_swapin_folio: bring the page swapped out from @index back: from
 * the swap cache, else read with readahead (a major fault: VM_FAULT_MAJOR
 * in *@fault_type and pgmajfault, when a fault asks); it goes back into
 * the page cache, out of the swap cache, dirty, and its slot is freed.
 * The page locked with a reference; NULL when memory runs out;
 * ERR_PTR(-EEXIST) when another CPU brought it back (or the file lost
 * it) meanwhile: the caller looks again.
 */
static struct page *shmem_swapin_page(struct inode *inode, unsigned long index,
				      void *radswap, vm_fault_t *fault_type)
{
	swp_entry_t swap = radix_to_swp_entry(radswap);
	struct folio *folio = swap_cache_get_folio_ref(swap);
	struct vm_fault vmf = { .gfp_mask = GFP_HIGHUSER_MOVABLE };
	struct page *page;

	if (folio) {
		page = &folio->page;
	} else {
		if (fault_type) {
			*fault_type |= VM_FAULT_MAJOR;
			count_vm_event(PGMAJFAULT);
		}
		page = swapin_readahead(swap, GFP_HIGHUSER_MOVABLE, &vmf);
		if (!page)
			return shmem_slot(inode, index) == radswap ? NULL : ERR_PTR(-EEXIST);
	}
	/* the page lock, then: still that entry's page, still the file's entry */
	lock_page(page);
	if (!PageSwapCache(page) || page_private(page) != swap.val ||
	    shmem_slot(inode, index) != radswap)
		goto again;
	if (shmem_add_to_page_cache(page, inode->i_mapping, index, radswap,
				    SHMEM_XA_GFP)) {
		unlock_page(page);
		put_page(page);                 /* stays in the swap cache */
		return NULL;
	}
	spin_lock_irq(&inode->shmem_lock);
	inode->swapped--;
	spin_unlock_irq(&inode->shmem_lock);
	delete_from_swap_cache(page_folio(page));
	SetPageDirty(page);
	swap_free(swap);
	return page;
again:
	unlock_page(page);
	put_page(page);
	return ERR_PTR(-EEXIST);
}

/*
 * shmem_writepage: reclaim's pageout of an unmapped tmpfs page: a slot,
 * the swap cache, its swap entry left in the page cache in its place
 * (the slot counted SWAP_MAP_SHMEM), then the write.  0, or the page
 * stays (redirtied) when swap is full or off: -ENOSPC.
 */
int shmem_writepage(struct page *page, struct writeback_control *wbc)
{
	struct inode *inode = page->mapping->host;
	swp_entry_t swap;

	if (PageCompound(page) || !total_swap_pages || page_mapped(page))
		goto redirty;
	swap = folio_alloc_swap(page_folio(page));
	if (!swap.val)
		goto redirty;
	if (add_to_swap_cache(page_folio(page), swap,
			      __GFP_HIGH | __GFP_NOMEMALLOC | __GFP_NOWARN, NULL)) {
		put_swap_folio(page_folio(page), swap);
		goto redirty;
	}
	spin_lock_irq(&inode->shmem_lock);
	inode->swapped++;
	spin_unlock_irq(&inode->shmem_lock);
	swap_shmem_alloc(swap);
	shmem_delete_from_page_cache(page, swp_to_radix_entry(swap));
	return swap_writepage(page, wbc);
redirty:
	SetPageDirty(page);
	return -ENOSPC;
}

/* shmem_partial_swap_usage: bytes of [start, end) pages of @mapping in swap. */
unsigned long shmem_partial_swap_usage(struct address_space *mapping,
				       unsigned long start, unsigned long end)
{
	unsigned long index, swapped = 0;
	void *entry;

	if (end <= start)
		return 0;
	xa_for_each_range(&mapping->i_pages, index, entry, start, end - 1)
		if (xa_is_value(entry))
			swapped++;
	return swapped << PAGE_SHIFT;
}

/*
 * shmem_get_folio(SGP_CACHE, or SGP_WRITE when @write; SGP_READ when
 * @read: a hole stays one): the page at @index, read back from swap
 * (*@fault_type gets VM_FAULT_MAJOR if from the disk) or made if missing
 * and put on the LRU; a write counts as a use.  Returned locked with a
 * reference for the caller.  NULL when memory runs out (or a hole for
 * SGP_READ).
 */
static struct page *shmem_get_page_sgp(struct inode *inode, unsigned long index,
				       bool write, bool read, vm_fault_t *fault_type)
{
	struct page *page;

repeat:
	page = shmem_get_entry_locked(inode, index);
	if (xa_is_value(page)) {
		page = shmem_swapin_page(inode, index, page, fault_type);
		if (IS_ERR(page))
			goto repeat;
		if (!page)
			return NULL;            /* memory ran out */
	}
	if (page) {
		if (write)
			mark_page_accessed(page);
		return page;
	}
	if (read)
		return NULL;
	if ((inode->shmem_flags & VM_NORESERVE) && shmem_acct(1))
		return NULL;
	page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, 0);
	if (!page) {
		if (inode->shmem_flags & VM_NORESERVE)
			shmem_unacct(1);
		return NULL;
	}
	SetPageSwapBacked(page);
	SetPageUptodate(page);
	__folio_set_locked(page_folio(page));
	if (shmem_add_to_page_cache(page, inode->i_mapping, index, NULL,
				    SHMEM_XA_GFP)) {
		bool raced = shmem_slot(inode, index) != NULL;

		unlock_page(page);
		put_page(page);
		if (inode->shmem_flags & VM_NORESERVE)
			shmem_unacct(1);
		if (raced)
			goto repeat;    /* -EEXIST: another CPU filled it */
		return NULL;
	}
	/* the allocation's reference is the caller's; the cache took its own */
	spin_lock_irq(&inode->shmem_lock);
	inode->i_blocks += PAGE_SIZE / 512;
	spin_unlock_irq(&inode->shmem_lock);
	if (write)
		SetPageReferenced(page);
	folio_add_lru(page_folio(page));
	return page;
}

static struct page *shmem_get_page(struct inode *inode, unsigned long index,
				   bool write, vm_fault_t *fault_type)
{
	return shmem_get_page_sgp(inode, index, write, false, fault_type);
}

/*
 * Take what the cache holds at @index out (truncate_inode_folio, or the
 * swap slot): a page may still be mapped, then it lives on.
 */
static void shmem_delete_entry(struct inode *inode, unsigned long index,
			       void *entry)
{
	struct page *page = entry;

	if (xa_is_value(entry)) {
		shmem_free_swap(inode, index, entry);
		return;
	}
	/* truncate_inode_folio: with the page locked and held (find_lock_entries) */
	page_ref_inc(page);
	lock_page(page);
	filemap_remove_folio(page_folio(page));
	unlock_page(page);
	put_page(page);
	spin_lock_irq(&inode->shmem_lock);
	inode->i_blocks -= PAGE_SIZE / 512;
	spin_unlock_irq(&inode->shmem_lock);
	if (inode->shmem_flags & VM_NORESERVE)
		shmem_unacct(1);
}

/* Everything the cache holds from @first to @last goes. */
static void shmem_delete_range(struct inode *inode, unsigned long first,
			       unsigned long last)
{
	unsigned long index;
	void *entry;

	if (last < first)
		return;
	xa_for_each_range(&inode->i_mapping->i_pages, index, entry, first, last)
		shmem_delete_entry(inode, index, entry);
}

vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct inode *inode = file_inode(vmf->vma->vm_file);
	struct page *page;
	vm_fault_t ret = 0;

	if ((loff_t)vmf->pgoff << PAGE_SHIFT >= inode->i_size)
		return VM_FAULT_SIGBUS;

	page = shmem_get_page(inode, vmf->pgoff, false, &ret);
	if (!page)
		return VM_FAULT_OOM;
	vmf->page = page;               /* locked, with the fault's reference */
	return ret | VM_FAULT_LOCKED;
}

/* ---- inodes and files ----------------------------------------------------------- */

static struct inode *shmem_get_inode(const char *name, loff_t size,
				     unsigned long flags)
{
	struct mm_proc_state *ps = mmsim_proc_state();
	struct inode *inode = kmem_cache_zalloc(ps->shmem_inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->i_mode = S_IFREG | 0600;
	inode->i_ino = ++ps->last_ino;
	inode->i_size = size;
	inode->shmem_flags = flags & VM_NORESERVE;
	inode->i_mapping = &inode->i_data;
	inode->i_data.host = inode;
	xa_init_flags(&inode->i_data.i_pages, XA_FLAGS_LOCK_IRQ | XA_FLAGS_ACCOUNT);
	INIT_LIST_HEAD(&inode->i_data.i_mmap);
	init_rwsem(&inode->i_data.i_mmap_rwsem);
	spin_lock_init(&inode->shmem_lock);
	INIT_LIST_HEAD(&inode->i_sb_list);
	list_add_tail(&inode->i_live, &ps->shmem_live_inodes);
	strncpy(inode->name, name, sizeof(inode->name) - 1);
	return inode;
}

static void shmem_evict_inode(struct inode *inode)
{
	shmem_delete_range(inode, 0, ~0UL);
	VM_WARN_ON_ONCE(!xa_empty(&inode->i_mapping->i_pages));
	if (!(inode->shmem_flags & VM_NORESERVE))
		shmem_unacct((long)((PAGE_ALIGN((unsigned long)inode->i_size)) >> PAGE_SHIFT));
	list_del(&inode->i_sb_list);
	list_del(&inode->i_live);
	kmem_cache_free(mmsim_proc_state()->shmem_inode_cachep, inode);
}

static void iput(struct inode *inode)
{
	if (--inode->i_count.counter == 0 && inode->i_nlink == 0)
		shmem_evict_inode(inode);
}

static struct file *alloc_file(struct inode *inode, unsigned int flags)
{
	struct file *f = kmem_cache_zalloc(mmsim_proc_state()->filp_cachep, GFP_KERNEL);

	if (!f)
		return NULL;
	f->f_count.counter = 1;
	f->f_flags = flags;
	f->f_mode = FMODE_READ | ((flags & 3) != O_RDONLY ? FMODE_WRITE : 0);
	if ((flags & 3) == O_WRONLY)
		f->f_mode = FMODE_WRITE;
	f->f_inode = inode;
	f->f_mapping = inode->i_mapping;
	f->f_op = &shmem_file_operations;
	inode->i_count.counter++;
	return f;
}

struct file *get_file(struct file *f)
{
	__atomic_add_fetch(&f->f_count.counter, 1, __ATOMIC_RELAXED);   /* atomic_long_inc */
	return f;
}

void fput(struct file *file)
{
	/* atomic_long_dec_and_test: two CPUs' exits may drop the last two */
	if (__atomic_sub_fetch(&file->f_count.counter, 1, __ATOMIC_ACQ_REL))
		return;
	iput(file->f_inode);
	kmem_cache_free(mmsim_proc_state()->filp_cachep, file);
}

/* shmem_zero_setup: a shared anonymous VMA is backed by its own tmpfs file. */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	loff_t size = (loff_t)(vma->vm_end - vma->vm_start);
	struct inode *inode;
	struct file *file;

	if (!(vma->vm_flags & VM_NORESERVE) && shmem_acct((long)(size >> PAGE_SHIFT)))
		return -ENOMEM;
	inode = shmem_get_inode("dev/zero", size, vma->vm_flags);
	if (!inode) {
		if (!(vma->vm_flags & VM_NORESERVE))
			shmem_unacct((long)(size >> PAGE_SHIFT));
		return -ENOMEM;
	}
	file = alloc_file(inode, O_RDWR);
	if (!file) {
		shmem_evict_inode(inode);
		return -ENOMEM;
	}
	if (vma->vm_file)
		fput(vma->vm_file);
	vma->vm_file = file;
	vma->vm_ops = &shmem_vm_ops;
	return 0;
}

/* __vma_link_file: @vma maps its file from now on (its mapping's i_mmap). */
void shmem_vma_link(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->vm_file->f_mapping;

	i_mmap_lock_write(mapping);
	vma_interval_tree_insert(vma, &mapping->i_mmap);
	i_mmap_unlock_write(mapping);
}

/* dup_mmap: fork's copy @vma of @parent, next to it in i_mmap. */
void shmem_vma_link_after(struct vm_area_struct *vma,
			  struct vm_area_struct *parent)
{
	struct address_space *mapping = vma->vm_file->f_mapping;

	i_mmap_lock_write(mapping);
	vma_interval_tree_insert_after(vma, parent, &mapping->i_mmap);
	i_mmap_unlock_write(mapping);
}

void shmem_vma_unlink(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->vm_file->f_mapping;

	i_mmap_lock_write(mapping);
	vma_interval_tree_remove(vma, &mapping->i_mmap);
	i_mmap_unlock_write(mapping);
}

/*
 * unmap_mapping_range: zap every mapping of pages [first, last] of
 * @mapping; private anonymous copies too when @even_cows.
 */
static void unmap_mapping_pages(struct address_space *mapping,
				unsigned long first, unsigned long last,
				bool even_cows)
{
	struct vm_area_struct *vma;

	i_mmap_lock_read(mapping);
	vma_interval_tree_foreach(vma, &mapping->i_mmap, first, last) {
		unsigned long start, end;

		start = vma->vm_start;
		if (first > vma->vm_pgoff)
			start += (first - vma->vm_pgoff) << PAGE_SHIFT;
		end = vma->vm_end;
		if (last < vma->vm_pgoff + vma_pages(vma) - 1)
			end = vma->vm_start +
			      ((last + 1 - vma->vm_pgoff) << PAGE_SHIFT);
		if (even_cows)
			zap_page_range(vma, start, end - start);
		else
			zap_page_range_file(vma, start, end - start);
	}
	i_mmap_unlock_read(mapping);
}

void shmem_truncate_range(struct inode *inode, loff_t lstart, loff_t lend)
{
	unsigned long first = (unsigned long)((lstart + PAGE_SIZE - 1) >> PAGE_SHIFT);

	(void)lend;
	unmap_mapping_pages(inode->i_mapping, first, ~0UL, true);
	shmem_delete_range(inode, first, ~0UL);
	if (lstart & ~PAGE_MASK) {
		struct page *page = shmem_find_page(inode, first - 1);

		if (page) {             /* zero_user_segment() */
			char *kaddr = kmap_local_page(page);

			memset(kaddr + (lstart & ~PAGE_MASK), 0,
			       PAGE_SIZE - (size_t)(lstart & ~PAGE_MASK));
			kunmap_local(kaddr);
		}
	}
}

void shmem_punch_hole(struct inode *inode, loff_t start, loff_t end)
{
	unsigned long first = (unsigned long)((start + PAGE_SIZE - 1) >> PAGE_SHIFT);
	unsigned long last = (unsigned long)(end >> PAGE_SHIFT); /* exclusive */

	if (last > first) {
		unmap_mapping_pages(inode->i_mapping, first, last - 1, false);
		shmem_delete_range(inode, first, last - 1);
	}
}

/*
 * invalidate_mapping_pages (mm/truncate.c) over a whole tmpfs file, as
 * drop_caches asks: a clean page nobody maps or holds leaves the cache
 * (a hole reads back as zeros, as it did); any other is only queued for
 * deactivation (deactivate_file_folio), the hint that it is not wanted.
 * Pages dropped.
 */
unsigned long invalidate_mapping_pages(struct address_space *mapping,
				       unsigned long start, unsigned long end)
{
	struct inode *inode = mapping->host;
	unsigned long index, count = 0;
	struct page *page;

	xa_for_each_range(&mapping->i_pages, index, page, start, end) {
		if (xa_is_value(page))
			continue;
		if (!PageDirty(page) && !page_mapcount(page) &&
		    page_ref_count(page) == 1 && !PageCompound(page)) {
			shmem_delete_entry(inode, index, page);
			count++;
			continue;
		}
		deactivate_file_folio(page_folio(page));
	}
	return count;
}

/* drop_pagecache_sb for the tmpfs root: every file's clean pages. */
void shmem_drop_pagecache(void)
{
	struct inode *inode;

	list_for_each_entry(inode, &mmsim_proc_state()->shmem_inodes, i_sb_list)
		if (inode->i_mapping->nrpages)
			invalidate_mapping_pages(inode->i_mapping, 0, ~0UL);
}

/* ---- the descriptor table --------------------------------------------------------- */

struct file *fget_raw_nocount(unsigned int fd)
{
	struct files_struct *files = current->files;

	if (!files || fd >= NR_OPEN_DEFAULT)
		return NULL;
	return files->fd_array[fd];
}

struct files_struct *dup_fd(struct files_struct *oldf, int *errorp)
{
	struct files_struct *newf;
	int i;

	newf = kmem_cache_zalloc(mmsim_proc_state()->files_cachep, GFP_KERNEL);
	if (!newf) {
		*errorp = -ENOMEM;
		return NULL;
	}
	newf->count.counter = 1;
	for (i = 0; i < NR_OPEN_DEFAULT; i++)
		if (oldf->fd_array[i])
			newf->fd_array[i] = get_file(oldf->fd_array[i]);
	return newf;
}

void put_files_struct(struct files_struct *files)
{
	int i;

	if (--files->count.counter)
		return;
	for (i = 0; i < NR_OPEN_DEFAULT; i++)
		if (files->fd_array[i])
			fput(files->fd_array[i]);
	kmem_cache_free(mmsim_proc_state()->files_cachep, files);
}

static struct inode *shmem_lookup(const char *name)
{
	struct inode *inode;

	list_for_each_entry(inode, &mmsim_proc_state()->shmem_inodes, i_sb_list)
		if (!strcmp(inode->name, name))
			return inode;
	return NULL;
}

long do_sys_open(int dfd, const char *filename, int flags, umode_t mode)
{
	struct files_struct *files = current->files;
	struct inode *inode;
	struct file *f;
	int fd;

	(void)dfd;
	(void)mode;
	if (strlen(filename) >= sizeof(inode->name))
		return -ENAMETOOLONG;
	for (fd = 0; fd < NR_OPEN_DEFAULT && files->fd_array[fd]; fd++)
		;
	if (fd == NR_OPEN_DEFAULT)
		return -EMFILE;
	inode = shmem_lookup(filename);
	if (inode && (flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (!inode) {
		if (!(flags & O_CREAT))
			return -ENOENT;
		inode = shmem_get_inode(filename, 0, VM_NORESERVE);
		if (!inode)
			return -ENOMEM;
		inode->i_nlink = 1;
		list_add_tail(&inode->i_sb_list, &mmsim_proc_state()->shmem_inodes);
	}
	f = alloc_file(inode, (unsigned int)flags);
	if (!f)
		return -ENOMEM;
	if ((flags & O_TRUNC) && inode->i_size) {
		shmem_truncate_range(inode, 0, -1);
		inode->i_size = 0;
	}
	files->fd_array[fd] = f;
	return fd;
}

long do_sys_ftruncate(unsigned int fd, loff_t length, int small)
{
	struct file *f = fget_raw_nocount(fd);
	struct inode *inode;
	loff_t old;

	(void)small;
	if (length < 0)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_WRITE))
		return -EINVAL;
	inode = file_inode(f);
	old = inode->i_size;
	inode->i_size = length;
	if (length < old)
		shmem_truncate_range(inode, length, -1);
	return 0;
}

long ksys_pwrite64(unsigned int fd, const char *buf, size_t count, loff_t pos)
{
	struct file *f = fget_raw_nocount(fd);
	struct inode *inode;
	size_t done = 0;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (pos < 0)
		return -EINVAL;
	inode = file_inode(f);
	while (done < count) {
		loff_t p = pos + (loff_t)done;
		size_t off = (size_t)(p & ~PAGE_MASK);
		size_t n = min(count - done, PAGE_SIZE - off);
		struct page *page = shmem_get_page(inode, (unsigned long)(p >> PAGE_SHIFT),
						   true, NULL);
		char *kaddr;

		if (!page)
			return done ? (long)done : -ENOSPC;
		kaddr = kmap_local_page(page);  /* copy_page_from_iter_atomic */
		memcpy(kaddr + off, buf + done, n);
		kunmap_local(kaddr);
		SetPageDirty(page);             /* shmem_write_end */
		unlock_page(page);
		put_page(page);
		done += n;
		if (pos + (loff_t)done > inode->i_size)
			inode->i_size = pos + (loff_t)done;
	}
	return (long)done;
}

long ksys_pread64(unsigned int fd, char *buf, size_t count, loff_t pos)
{
	struct file *f = fget_raw_nocount(fd);
	struct inode *inode;
	size_t done = 0;

	if (!f)
		return -EBADF;
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (pos < 0)
		return -EINVAL;
	inode = file_inode(f);
	while (done < count && pos + (loff_t)done < inode->i_size) {
		loff_t p = pos + (loff_t)done;
		size_t off = (size_t)(p & ~PAGE_MASK);
		size_t n = min(count - done, PAGE_SIZE - off);
		unsigned long idx = (unsigned long)(p >> PAGE_SHIFT);
		struct page *page = shmem_get_page_sgp(inode, idx, false, true, NULL);

		if (page)
			unlock_page(page);      /* copied from with the reference only */
		else if (xa_is_value(shmem_slot(inode, idx)))
			return done ? (long)done : -ENOMEM;
		if ((loff_t)n > inode->i_size - p)
			n = (size_t)(inode->i_size - p);
		if (page) {             /* copy_page_to_iter */
			char *kaddr;

			if (!off)                 /* a read from the page's start */
				mark_page_accessed(page);
			kaddr = kmap_local_page(page);
			memcpy(buf + done, kaddr + off, n);
			kunmap_local(kaddr);
			put_page(page);
		} else
			memset(buf + done, 0, n);
		done += n;
	}
	return (long)done;
}

int close_fd(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f = fget_raw_nocount(fd);

	if (!f)
		return -EBADF;
	files->fd_array[fd] = NULL;
	fput(f);
	return 0;
}

long do_unlinkat(int dfd, const char *name)
{
	struct inode *inode = shmem_lookup(name);

	(void)dfd;
	if (!inode)
		return -ENOENT;
	list_del_init(&inode->i_sb_list);
	inode->i_nlink = 0;
	if (inode->i_count.counter == 0)
		shmem_evict_inode(inode);
	return 0;
}

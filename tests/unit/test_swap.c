// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_swap.c — swap areas, swap-out through the swap layer
 * as reclaim drives it, and swap-in by page faults.
 *
 * Each scenario boots the process tests' pc machine (512 MiB, 2 CPUs),
 * swaps on a 64 MiB simulated disk as `mmsim run --swap 64M` does, fills
 * anonymous memory with a pattern and pushes its pages out the way
 * shrink_folio_list would (add_to_swap, try_to_unmap, pageout through
 * swap_writepage, the write completing, the page leaving the swap cache
 * and freed).  The pages must leave RAM, faults must bring back what was
 * written with the kernel's fault counts, and after every step the swap
 * validator (swap map counts = swap PTEs + cache) and the process
 * validators hold.  Each ends with every task gone and every slot back.
 */
#include "test_process.h"

#include "linux/swap.h"
#include "linux/swap_lru.h"
#include "linux/swapops.h"
#include "linux/proc_fs.h"
#include "mmsim/swap_state.h"
#include "swap_cache_reclaim.h"

#define SWAP_64M (64ULL << 20)

#define CHECK_SWAP_VALID()                                                    \
	do {                                                                  \
		char _msg[256] = "";                                          \
		if (mmsim_validate_swap(_msg, sizeof(_msg)))                  \
			fail_msg("validate_swap: %s", _msg);                  \
		CHECK_VALID();                                                \
	} while (0)

static int swap_setup(void **state)
{
	int ret = ptest_setup(state);

	if (!ret && mmsim_swapon("/dev/vda", SWAP_64M))
		fail_msg("mmsim_swapon(64M) failed");
	return ret;
}

#define STEST(f) cmocka_unit_test_setup_teardown(f, swap_setup, ptest_teardown)

static struct page *mapped_page(struct task_struct *t, unsigned long addr)
{
	pte_t *pte = mmsim_pte_lookup(t->mm, addr, NULL);

	return pte && pte_present(*pte) ? pte_page(*pte) : NULL;
}

/*
 * Reclaim works on folios it took off the LRU: shrink_inactive_list
 * drains this CPU's batches first (a folio still in one is not on a list
 * and holds the batch's reference), then isolation takes its own.
 */
static bool reclaim_isolate(struct folio *folio)
{
	lru_add_drain();
	return folio_isolate_lru(folio) == 0;
}

/*
 * What shrink_folio_list does with one isolated anonymous page when swap
 * has room: a slot and the swap cache (add_to_swap), every PTE to the
 * swap entry (try_to_unmap), pageout (clean it, swap_writepage), the
 * disk completes, __remove_mapping takes it out of the cache, the last
 * reference frees it.  Whether the page went.
 */
static bool reclaim_anon_page(struct page *page)
{
	struct folio *folio = page_folio(page);
	swp_entry_t entry;

	if (!reclaim_isolate(folio))
		return false;
	if (!add_to_swap(folio))
		goto keep;
	try_to_unmap(folio, 0);
	if (folio_mapped(folio))
		goto keep;
	ClearPageDirty(page);                    /* folio_clear_dirty_for_io */
	SetPageReclaim(page);
	if (swap_writepage(page, NULL))
		goto keep;
	mmsim_swap_io_complete();
	if (page_ref_count(page) != 2 || PageDirty(page))
		goto keep;                       /* someone else holds it */
	entry.val = page_private(page);
	xa_lock_irq(&swap_address_space(entry)->i_pages);   /* __remove_mapping */
	__delete_from_swap_cache(folio, entry, NULL);
	xa_unlock_irq(&swap_address_space(entry)->i_pages);
	put_swap_folio(folio, entry);
	put_page(page);                          /* the cache's reference */
	put_page(page);                          /* isolation's: freed */
	return true;
keep:
	folio_putback_lru(folio);
	return false;
}

/*
 * The same for a tmpfs page (shared memory): unmapped from every process
 * first, then shmem_writepage leaves its swap entry in the file.
 */
static bool reclaim_shmem_page(struct page *page)
{
	struct folio *folio = page_folio(page);
	swp_entry_t entry;

	if (!reclaim_isolate(folio))
		return false;
	try_to_unmap(folio, 0);
	if (folio_mapped(folio))
		goto keep;
	ClearPageDirty(page);
	SetPageReclaim(page);
	if (shmem_writepage(page, NULL))
		goto keep;
	mmsim_swap_io_complete();
	if (page_ref_count(page) != 2)
		goto keep;
	entry.val = page_private(page);
	xa_lock_irq(&swap_address_space(entry)->i_pages);   /* __remove_mapping */
	__delete_from_swap_cache(folio, entry, NULL);
	xa_unlock_irq(&swap_address_space(entry)->i_pages);
	put_swap_folio(folio, entry);
	put_page(page);
	put_page(page);
	return true;
keep:
	folio_putback_lru(folio);
	return false;
}

static unsigned long swap_out_range(struct task_struct *t, unsigned long a,
				    unsigned long len)
{
	unsigned long addr, n = 0;

	for (addr = a; addr < a + len; addr += PAGE_SIZE) {
		struct page *page = mapped_page(t, addr);

		if (page && (PageAnon(page) ? reclaim_anon_page(page) :
					       reclaim_shmem_page(page)))
			n++;
	}
	return n;
}

static unsigned int swap_count_at(struct task_struct *t, unsigned long addr)
{
	pte_t *pte = mmsim_pte_lookup(t->mm, addr, NULL);

	if (!pte || !is_swap_pte(*pte))
		return 0;
	return (unsigned int)__swap_count(pte_to_swp_entry(*pte));
}

/* Every task gone: no swap entry left, every slot free but the slot caches'. */
static void swap_all_exit(struct ptest *t)
{
	struct swap_info_struct *si = swap_info[0];
	struct list_head *tasks = mmsim_task_list();
	unsigned long off, held = 0;

	set_current(NULL);
	while (!list_empty(tasks))
		mmsim_exit(list_last_entry(tasks, struct task_struct, tasks));
	reclaim_swap_cache();
	ptest_all_exit(t);
	CHECK_SWAP_VALID();
	for (off = 1; off < si->max; off++) {
		if (si->swap_map[off] && si->swap_map[off] != SWAP_HAS_CACHE)
			fail_msg("slot %#lx: map %#x after every task exited", off,
				 si->swap_map[off]);
		if (si->swap_map[off])
			held++;                  /* in a per-CPU slot cache */
	}
	CHECK_EQ("NR_SWAPCACHE", 0, global_node_page_state_snapshot(NR_SWAPCACHE));
	CHECK_EQ("inuse_pages = slots the slot caches hold", held, si->inuse_pages);
	CHECK_EQ("nr_swap_pages", 16383 - held, get_nr_swap_pages());
}

/*
 * Scenario: swapon of 64 MiB.  Expect 16383 usable slots (the header
 * takes one), priority -2, the /proc/swaps line and SwapTotal the real
 * kernel prints for the recipe's 64M disk.
 */
static void test_swapon(void **state)
{
	struct ptest *t = *state;
	char *text;

	CHECK_EQ("total_swap_pages", 16383, total_swap_pages);
	CHECK_EQ("nr_swap_pages", 16383, get_nr_swap_pages());
	CHECK_EQ("prio", -2, swap_info[0]->prio);
	proc_swaps_render(&text);
	if (strcmp(text, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
			 "/dev/vda                                partition\t65532\t\t0\t\t-2\n"))
		fail_msg("/proc/swaps: got\n%s", text);
	host_free(text);
	CHECK_EQ("a disk too small for a slot", -EINVAL, mmsim_swapon("/dev/vdb", 4096));
	swap_all_exit(t);
}

/*
 * Scenario: 64 pages filled with 0x5c, all pushed to swap, then read
 * back.  Expect the pages to leave RAM (rss 0, 64 swap entries, VmSwap,
 * pswpout 64) and the slots of the first two slot-cache refills (the
 * first stops after two slots: the scan's latency break), the content
 * back intact, 9 major faults (readahead in aligned blocks of 8 slots:
 * 1-7, 8-15, ... 56-63, 64) and 55 minor ones, pswpin 64.
 */
static void test_swap_out_in(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 64 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	unsigned long out = sum_vm_event(PSWPOUT), in = sum_vm_event(PSWPIN);
	unsigned long anon = global_node_page_state_snapshot(NR_ANON_MAPPED);
	unsigned long minflt, majflt;

	CHECK_EQ("fill", 0, ptest_access(t->main, a, 64 * PAGE_SIZE, MMSIM_FILL, 0x5c));
	CHECK_EQ("pages swapped out", 64, swap_out_range(t->main, a, 64 * PAGE_SIZE));
	CHECK_EQ("MM_ANONPAGES", 0, get_mm_counter(t->main->mm, MM_ANONPAGES));
	CHECK_EQ("MM_SWAPENTS", 64, get_mm_counter(t->main->mm, MM_SWAPENTS));
	CHECK_EQ("NR_ANON_MAPPED", anon, global_node_page_state_snapshot(NR_ANON_MAPPED));
	CHECK_EQ("pswpout", out + 64, sum_vm_event(PSWPOUT));
	CHECK_EQ("inuse_pages (2 + 64 taken by the slot cache)", 66, swap_info[0]->inuse_pages);
	CHECK_EQ("no page in RAM", NULL, mapped_page(t->main, a + 5 * PAGE_SIZE));
	CHECK_SWAP_VALID();
	minflt = t->main->min_flt;
	majflt = t->main->maj_flt;
	CHECK_EQ("check", 0, ptest_access(t->main, a, 64 * PAGE_SIZE, MMSIM_CHECK, 0x5c));
	CHECK_EQ("maj_flt", majflt + 9, t->main->maj_flt);
	CHECK_EQ("min_flt", minflt + 55, t->main->min_flt);
	CHECK_EQ("pswpin", in + 64, sum_vm_event(PSWPIN));
	CHECK_EQ("MM_ANONPAGES after", 64, get_mm_counter(t->main->mm, MM_ANONPAGES));
	CHECK_EQ("MM_SWAPENTS after", 0, get_mm_counter(t->main->mm, MM_SWAPENTS));
	CHECK_EQ("SwapCached (read pages keep their slots)", 64,
		 global_node_page_state_snapshot(NR_SWAPCACHE));
	CHECK_SWAP_VALID();
	swap_all_exit(t);
}

/*
 * Scenario: a swapped page, written.  Expect one major fault that maps
 * it writable at once (the entry was exclusive) and
 * gives its slot back (a write makes the swap copy stale), the new byte
 * there and the rest of the page intact.
 */
static void test_swap_write_fault(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	unsigned long flt;

	CHECK_EQ("fill", 0, ptest_access(t->main, a, PAGE_SIZE, MMSIM_FILL, 0x33));
	CHECK_EQ("swapped", 1, swap_out_range(t->main, a, PAGE_SIZE));
	CHECK_EQ("swap count", 1, swap_count_at(t->main, a));
	flt = t->main->min_flt + t->main->maj_flt;
	CHECK_EQ("write", 0, ptest_access(t->main, a + 100, 1, MMSIM_WRITE, 0x44));
	CHECK_EQ("one fault", flt + 1, t->main->min_flt + t->main->maj_flt);
	CHECK_EQ("NR_SWAPCACHE: the slot went", 0,
		 global_node_page_state_snapshot(NR_SWAPCACHE));
	CHECK_EQ("the byte", 0, ptest_access(t->main, a + 100, 1, MMSIM_CHECK, 0x44));
	CHECK_EQ("the rest", 0, ptest_access(t->main, a, 100, MMSIM_CHECK, 0x33));
	CHECK_SWAP_VALID();
	swap_all_exit(t);
}

/*
 * Scenario: swapped pages, fork, then the child reads one, both write
 * one, and the parent unmaps half.  Expect the child's PTEs to name the
 * same slots (count 2, SwapPss halves), a read to share the page, the
 * writes private, the contents right for each, and the unmap to drop
 * the parent's references only.
 */
static void test_swap_fork(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 8 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	struct task_struct *child;

	CHECK_EQ("fill", 0, ptest_access(t->main, a, 8 * PAGE_SIZE, MMSIM_FILL, 0x11));
	CHECK_EQ("swapped", 8, swap_out_range(t->main, a, 8 * PAGE_SIZE));
	child = find_task_by_vpid(mmsim_fork(t->main));
	CHECK_EQ("child MM_SWAPENTS", 8, get_mm_counter(child->mm, MM_SWAPENTS));
	CHECK_EQ("swap count after fork", 2, swap_count_at(t->main, a));
	CHECK_SWAP_VALID();
	CHECK_EQ("child reads", 0, ptest_access(child, a, PAGE_SIZE, MMSIM_CHECK, 0x11));
	CHECK_EQ("parent's count then", 1, swap_count_at(t->main, a));
	CHECK_SWAP_VALID();
	CHECK_EQ("child writes", 0, ptest_access(child, a + PAGE_SIZE, PAGE_SIZE, MMSIM_FILL, 0x22));
	CHECK_EQ("parent writes", 0, ptest_access(t->main, a, PAGE_SIZE, MMSIM_FILL, 0x33));
	CHECK_SWAP_VALID();
	CHECK_EQ("parent's page", 0, ptest_access(t->main, a, PAGE_SIZE, MMSIM_CHECK, 0x33));
	CHECK_EQ("child's page 0", 0, ptest_access(child, a, PAGE_SIZE, MMSIM_CHECK, 0x11));
	CHECK_EQ("child's page 1", 0, ptest_access(child, a + PAGE_SIZE, PAGE_SIZE, MMSIM_CHECK, 0x22));
	CHECK_EQ("parent's page 1", 0, ptest_access(t->main, a + PAGE_SIZE, PAGE_SIZE, MMSIM_CHECK, 0x11));
	CHECK_SWAP_VALID();
	set_current(t->main);
	CHECK_EQ("munmap half", 0, __vm_munmap(a + 4 * PAGE_SIZE, 4 * PAGE_SIZE, false));
	CHECK_EQ("child's count after", 1, swap_count_at(child, a + 6 * PAGE_SIZE));
	CHECK_SWAP_VALID();
	CHECK_EQ("child's far pages", 0,
		 ptest_access(child, a + 4 * PAGE_SIZE, 4 * PAGE_SIZE, MMSIM_CHECK, 0x11));
	CHECK_SWAP_VALID();
	swap_all_exit(t);
}

/*
 * Scenario: more pages than the slot caches hold go out and are unmapped
 * without being read.  Expect every slot back after exit (the return
 * caches batch 64 at a time) and the swap counters consistent after each
 * step.
 */
static void test_swap_unmap_frees(void **state)
{
	struct ptest *t = *state;
	unsigned long len = 200 * PAGE_SIZE;
	unsigned long a = ptest_mmap(0, len, PROT_RW, MAP_ANON_PRIV);

	CHECK_EQ("fill", 0, ptest_access(t->main, a, len, MMSIM_FILL, 0x77));
	CHECK_EQ("swapped", 200, swap_out_range(t->main, a, len));
	CHECK_SWAP_VALID();
	CHECK_EQ("dontneed", 0, do_madvise(t->main->mm, a, len / 2, MADV_DONTNEED));
	CHECK_EQ("MM_SWAPENTS", 100, get_mm_counter(t->main->mm, MM_SWAPENTS));
	CHECK_SWAP_VALID();
	CHECK_EQ("zero after dontneed", 0, ptest_access(t->main, a, PAGE_SIZE, MMSIM_CHECK, 0));
	CHECK_EQ("rest intact", 0, ptest_access(t->main, a + len / 2, len / 2, MMSIM_CHECK, 0x77));
	CHECK_SWAP_VALID();
	swap_all_exit(t);
}

/*
 * Scenario: 16 swapped pages; MADV_WILLNEED on the first 8, MADV_FREE on
 * the last 8.  Expect willneed to read 8 pages into the swap cache
 * (pswpin 8, nothing mapped, no fault), free to drop the last 8 entries
 * and their slots (they read back as zero), the first 8 to come back
 * from the cache without a major fault.
 */
static void test_swap_madvise(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 16 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	unsigned long in, majflt;

	CHECK_EQ("fill", 0, ptest_access(t->main, a, 16 * PAGE_SIZE, MMSIM_FILL, 0x66));
	CHECK_EQ("swapped", 16, swap_out_range(t->main, a, 16 * PAGE_SIZE));
	in = sum_vm_event(PSWPIN);
	CHECK_EQ("willneed", 0, do_madvise(t->main->mm, a, 8 * PAGE_SIZE, MADV_WILLNEED));
	CHECK_EQ("pswpin", in + 8, sum_vm_event(PSWPIN));
	CHECK_EQ("NR_SWAPCACHE", 8, global_node_page_state_snapshot(NR_SWAPCACHE));
	CHECK_EQ("MM_SWAPENTS", 16, get_mm_counter(t->main->mm, MM_SWAPENTS));
	CHECK_SWAP_VALID();
	CHECK_EQ("free", 0, do_madvise(t->main->mm, a + 8 * PAGE_SIZE, 8 * PAGE_SIZE, MADV_FREE));
	CHECK_EQ("MM_SWAPENTS after free", 8, get_mm_counter(t->main->mm, MM_SWAPENTS));
	CHECK_SWAP_VALID();
	majflt = t->main->maj_flt;
	CHECK_EQ("first half", 0, ptest_access(t->main, a, 8 * PAGE_SIZE, MMSIM_CHECK, 0x66));
	CHECK_EQ("no major fault", majflt, t->main->maj_flt);
	CHECK_EQ("second half zero", 0,
		 ptest_access(t->main, a + 8 * PAGE_SIZE, 8 * PAGE_SIZE, MMSIM_CHECK, 0));
	CHECK_SWAP_VALID();
	swap_all_exit(t);
}

/*
 * Scenario: 8 swapped pages read back into the swap cache by
 * MADV_WILLNEED (nothing maps them), then unmapped, with swap far from
 * half full.  Expect the unmap to free the 8 cache pages with their
 * slots: free_swap_and_cache() takes a cache page whose entry lost its
 * last user when it is unmapped OR swap is full (TTRS_UNMAPPED |
 * TTRS_FULL), so SwapCached falls back to 0.
 */
static void test_swap_unmap_cached(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 8 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);

	CHECK_EQ("fill", 0, ptest_access(t->main, a, 8 * PAGE_SIZE, MMSIM_FILL, 0x3c));
	CHECK_EQ("swapped", 8, swap_out_range(t->main, a, 8 * PAGE_SIZE));
	CHECK_EQ("willneed", 0, do_madvise(t->main->mm, a, 8 * PAGE_SIZE, MADV_WILLNEED));
	CHECK_EQ("NR_SWAPCACHE", 8, global_node_page_state_snapshot(NR_SWAPCACHE));
	CHECK_EQ("swap not full", false, vm_swap_full());
	set_current(t->main);
	CHECK_EQ("munmap", 0, __vm_munmap(a, 8 * PAGE_SIZE, false));
	CHECK_EQ("NR_SWAPCACHE after munmap", 0, global_node_page_state_snapshot(NR_SWAPCACHE));
	CHECK_EQ("MM_SWAPENTS", 0, get_mm_counter(t->main->mm, MM_SWAPENTS));
	CHECK_SWAP_VALID();
	swap_all_exit(t);
}

/*
 * Scenario: 8 pages of shared anonymous memory (tmpfs) filled, mapped by
 * a parent and its child, pushed to swap.  Expect both mappings gone
 * (RssShmem 0), Shmem down by 8, the slots counted as tmpfs entries,
 * smaps Swap 32 kB for each; reading them in the child brings the pages
 * back into the file (a major fault per readahead block of 8 slots: the
 * pages sit in slots 1-8, so two), the parent then sees the same bytes
 * without reading swap.
 */
static void test_swap_shmem(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 8 * PAGE_SIZE, PROT_RW, MAP_SHARED | MAP_ANONYMOUS);
	unsigned long shmem, in;
	struct task_struct *child;

	CHECK_EQ("fill", 0, ptest_access(t->main, a, 8 * PAGE_SIZE, MMSIM_FILL, 0x99));
	child = find_task_by_vpid(mmsim_fork(t->main));
	CHECK_EQ("child maps", 0, ptest_access(child, a, 8 * PAGE_SIZE, MMSIM_READ, 0));
	shmem = global_node_page_state_snapshot(NR_SHMEM);
	CHECK_EQ("swapped", 8, swap_out_range(t->main, a, 8 * PAGE_SIZE));
	CHECK_EQ("parent MM_SHMEMPAGES", 0, get_mm_counter(t->main->mm, MM_SHMEMPAGES));
	CHECK_EQ("child MM_SHMEMPAGES", 0, get_mm_counter(child->mm, MM_SHMEMPAGES));
	CHECK_EQ("NR_SHMEM", shmem - 8, global_node_page_state_snapshot(NR_SHMEM));
	CHECK_EQ("tmpfs entries", 8,
		 file_inode(vma_lookup(t->main->mm, a)->vm_file)->swapped);
	CHECK_SWAP_VALID();
	in = sum_vm_event(PSWPIN);
	CHECK_EQ("child reads", 0, ptest_access(child, a, 8 * PAGE_SIZE, MMSIM_CHECK, 0x99));
	CHECK_EQ("child maj_flt", 2, child->maj_flt);
	CHECK_EQ("pswpin", in + 8, sum_vm_event(PSWPIN));
	CHECK_EQ("NR_SHMEM back", shmem, global_node_page_state_snapshot(NR_SHMEM));
	CHECK_EQ("tmpfs entries after", 0,
		 file_inode(vma_lookup(t->main->mm, a)->vm_file)->swapped);
	CHECK_EQ("parent reads", 0, ptest_access(t->main, a, 8 * PAGE_SIZE, MMSIM_CHECK, 0x99));
	CHECK_EQ("parent maj_flt", 0, t->main->maj_flt);
	CHECK_SWAP_VALID();
	swap_all_exit(t);
}

/*
 * Scenario: 8 swapped pages; mprotect read-only, then mremap to a larger
 * size elsewhere.  Expect the swap entries to move with the mapping
 * (MM_SWAPENTS unchanged, no fault), reads to bring the pages back at
 * the new address, a write to fail with SIGSEGV (read-only).
 */
static void test_swap_mprotect_mremap(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 8 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV), b;
	unsigned long flt;

	CHECK_EQ("fill", 0, ptest_access(t->main, a, 8 * PAGE_SIZE, MMSIM_FILL, 0x5e));
	CHECK_EQ("swapped", 8, swap_out_range(t->main, a, 8 * PAGE_SIZE));
	flt = t->main->min_flt + t->main->maj_flt;
	CHECK_EQ("mprotect", 0, do_mprotect_pkey(a, 8 * PAGE_SIZE, PROT_READ, -1));
	CHECK_EQ("a page in the way", a + 8 * PAGE_SIZE,        /* so mremap must move */
		 ptest_mmap(a + 8 * PAGE_SIZE, PAGE_SIZE, PROT_READ, MAP_ANON_PRIV | MAP_FIXED));
	b = __do_sys_mremap(a, 8 * PAGE_SIZE, 64 * PAGE_SIZE, MREMAP_MAYMOVE, 0);
	CHECK_EQ("moved", false, IS_ERR_VALUE(b) || b == a);
	CHECK_EQ("no fault", flt, t->main->min_flt + t->main->maj_flt);
	CHECK_EQ("MM_SWAPENTS", 8, get_mm_counter(t->main->mm, MM_SWAPENTS));
	CHECK_SWAP_VALID();
	CHECK_EQ("read at the new place", 0, ptest_access(t->main, b, 8 * PAGE_SIZE, MMSIM_CHECK, 0x5e));
	CHECK_EQ("write", SIGSEGV, ptest_access(t->main, b, 1, MMSIM_WRITE, 1));
	CHECK_SWAP_VALID();
	swap_all_exit(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		STEST(test_swapon),
		STEST(test_swap_out_in),
		STEST(test_swap_write_fault),
		STEST(test_swap_fork),
		STEST(test_swap_unmap_frees),
		STEST(test_swap_madvise),
		STEST(test_swap_unmap_cached),
		STEST(test_swap_shmem),
		STEST(test_swap_mprotect_mremap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

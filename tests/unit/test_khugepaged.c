// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_khugepaged.c — khugepaged collapsing 4 KiB anonymous
 * pages into huge pages (mm/khugepaged_scan.c), on a 1 GiB pc machine
 * (THP "always").
 *
 * Each scenario fills part of an aligned 2 MiB block of a mapping with
 * 4 KiB pages (MADV_NOHUGEPAGE while it is filled, so the faults take
 * 4 KiB pages), turns MADV_HUGEPAGE on (which lists the mm), shortens
 * scan_sleep_millisecs through sysfs and moves the simulated clock on.
 * Validators after every step; every task gone at the end, no page lost.
 */
#include "test_process.h"
#include "mm/khugepaged_internal.h"
#include "linux/proc_fs.h"
#include "linux/bitmap.h"
#include "linux/swap.h"
#include "swap_cache_reclaim.h"
#include "mmsim/host.h"
#include "mmsim/process.h"

static unsigned long thp_block(unsigned long a)
{
	return (a + HPAGE_PMD_SIZE - 1) & HPAGE_PMD_MASK;
}

static unsigned int kh_show(const char *attr)
{
	char path[96], *text = NULL;
	unsigned int v;

	snprintf(path, sizeof(path), "kernel/mm/transparent_hugepage/khugepaged/%s", attr);
	if (sysfs_read(path, &text) || !text)
		fail_msg("sysfs read %s failed", attr);
	v = (unsigned int)strtoul(text, NULL, 10);
	host_free(text);
	return v;
}

static int kh_store(const char *attr, const char *val)
{
	char path[96];

	snprintf(path, sizeof(path), "kernel/mm/transparent_hugepage/khugepaged/%s", attr);
	return sysfs_write(path, val, strlen(val));
}

/* A 4 MiB mapping whose aligned block gets @nr 4 KiB pages of @byte, from its start. */
static unsigned long fill_block(struct ptest *t, unsigned long nr, int byte)
{
	unsigned long a = ptest_mmap(0, 4 << 20, PROT_RW, MAP_ANON_PRIV), h = thp_block(a);

	CHECK_EQ("nohugepage", 0, do_madvise(t->main->mm, a, 4 << 20, MADV_NOHUGEPAGE));
	CHECK_EQ("fill", 0, ptest_access(t->main, h, nr * PAGE_SIZE, MMSIM_FILL, byte));
	CHECK_EQ("rss 4K", nr, mmsim_mm_counter_exact(t->main->mm, MM_ANONPAGES));
	CHECK_EQ("hugepage", 0, do_madvise(t->main->mm, a, 4 << 20, MADV_HUGEPAGE));
	CHECK_EQ("listed", 1, test_bit(MMF_VM_HUGEPAGE, &t->main->mm->flags));
	CHECK_VALID();
	return h;
}

/*
 * Scenario: 300 pages of 0x33 at the start of the block, 212 holes.
 * Expect one collapse within a second of 100 ms scans: thp_collapse_alloc
 * +1, pages_collapsed 1, a full scan, the block one THP (NR_ANON_THPS
 * 512, rss 512), the page tables as before (the PTE table is now the one
 * deposited under the huge PMD), the 300 pages freed, the data intact and
 * the holes zero.
 */
static void test_collapse(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long alloc = sum_vm_event(THP_COLLAPSE_ALLOC), h, pt, free_before;
	unsigned int full = kh_show("full_scans");

	h = fill_block(t, 300, 0x33);
	pt = mm_pgtables_bytes(mm);
	free_before = global_zone_page_state(NR_FREE_PAGES);
	CHECK_EQ("scan sleep", 0, kh_store("scan_sleep_millisecs", "100\n"));
	sim_clock_advance(1000ULL * 1000 * 1000);
	CHECK_EQ("thp_collapse_alloc", alloc + 1, sum_vm_event(THP_COLLAPSE_ALLOC));
	CHECK_EQ("pages_collapsed", 1, kh_show("pages_collapsed"));
	CHECK_EQ("full_scans grew", 1, kh_show("full_scans") > full);
	CHECK_EQ("NR_ANON_THPS", HPAGE_PMD_NR, global_node_page_state_snapshot(NR_ANON_THPS));
	CHECK_EQ("rss", HPAGE_PMD_NR, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("VmPTE", pt, mm_pgtables_bytes(mm));
	/* 512 taken for the THP, 300 given back (the per-CPU lists hold some) */
	CHECK_EQ("free pages within the pcp slack", 1,
		 labs((long)global_zone_page_state(NR_FREE_PAGES) -
		      (long)(free_before - HPAGE_PMD_NR + 300)) < 1024);
	CHECK_EQ("data", 0, ptest_access(t->main, h, 300 * PAGE_SIZE, MMSIM_CHECK, 0x33));
	CHECK_EQ("holes", 0, ptest_access(t->main, h + 300 * PAGE_SIZE, 212 * PAGE_SIZE,
					  MMSIM_CHECK, 0));
	CHECK_VALID();
	CHECK_EQ("write after", 0, ptest_access(t->main, h + 5, 1, MMSIM_WRITE, 7));
	CHECK_EQ("one THP still", HPAGE_PMD_NR, global_node_page_state_snapshot(NR_ANON_THPS));
	CHECK_VALID();
	ptest_all_exit(t);
	CHECK_EQ("slot gone at exit", 1, list_empty(&khugepaged_state()->mm_head));
}

/*
 * khugepaged runs 500 ms more: expect one collapse of the 300-page block at
 * @h, its data intact, the validators clean, and every page back at exit.
 */
static void expect_collapse_then_exit(struct ptest *t, unsigned long alloc,
				      unsigned long h, int pattern)
{
	sim_clock_advance(500ULL * 1000 * 1000);
	CHECK_EQ("collapsed", alloc + 1, sum_vm_event(THP_COLLAPSE_ALLOC));
	CHECK_EQ("data", 0, ptest_access(t->main, h, 300 * PAGE_SIZE, MMSIM_CHECK, pattern));
	CHECK_VALID();
	ptest_all_exit(t);
}

/*
 * Scenario: max_ptes_none 100 and 300 pages (212 holes).  Expect no
 * collapse, thp_scan_exceed_none_pte counted, the pages where they were;
 * then max_ptes_none 511 and a collapse.
 */
static void test_max_ptes_none(void **state)
{
	struct ptest *t = *state;
	unsigned long alloc = sum_vm_event(THP_COLLAPSE_ALLOC);
	unsigned long exceed = sum_vm_event(THP_SCAN_EXCEED_NONE_PTE), h;

	CHECK_EQ("max_ptes_none", 0, kh_store("max_ptes_none", "100"));
	h = fill_block(t, 300, 0x44);
	CHECK_EQ("scan sleep", 0, kh_store("scan_sleep_millisecs", "100"));
	sim_clock_advance(500ULL * 1000 * 1000);
	CHECK_EQ("no collapse", alloc, sum_vm_event(THP_COLLAPSE_ALLOC));
	CHECK_EQ("exceed none counted", 1, sum_vm_event(THP_SCAN_EXCEED_NONE_PTE) > exceed);
	CHECK_EQ("NR_ANON_THPS", 0, global_node_page_state_snapshot(NR_ANON_THPS));
	CHECK_EQ("rss 4K", 300, mmsim_mm_counter_exact(t->main->mm, MM_ANONPAGES));
	CHECK_VALID();
	CHECK_EQ("max_ptes_none back", 0, kh_store("max_ptes_none", "511"));
	expect_collapse_then_exit(t, alloc, h, 0x44);
}

/*
 * Scenario: the block shared with a forked child (max_ptes_shared 256,
 * all 300 pages shared).  Expect no collapse in either.  After the child
 * exits, still none: fork write-protected the parent's PTEs and a block
 * without a writable PTE stays (SCAN_PAGE_RO); once the parent writes a
 * byte, the block collapses.
 */
static void test_max_ptes_shared(void **state)
{
	struct ptest *t = *state;
	unsigned long alloc = sum_vm_event(THP_COLLAPSE_ALLOC), h;
	struct task_struct *child;

	h = fill_block(t, 300, 0x55);
	child = find_task_by_vpid(mmsim_fork(t->main));
	CHECK_EQ("child listed", 1, test_bit(MMF_VM_HUGEPAGE, &child->mm->flags));
	CHECK_EQ("scan sleep", 0, kh_store("scan_sleep_millisecs", "100"));
	sim_clock_advance(500ULL * 1000 * 1000);
	CHECK_EQ("no collapse while shared", alloc, sum_vm_event(THP_COLLAPSE_ALLOC));
	CHECK_VALID();
	mmsim_exit(child);
	set_current(t->main);
	sim_clock_advance(500ULL * 1000 * 1000);
	CHECK_EQ("no collapse: read-only PTEs", alloc, sum_vm_event(THP_COLLAPSE_ALLOC));
	CHECK_EQ("write", 0, ptest_access(t->main, h + 4096 * 7, 1, MMSIM_WRITE, 0x55));
	expect_collapse_then_exit(t, alloc, h, 0x55);
}

/*
 * Scenario: swap.  300 pages, the first 32 paged out (MADV_PAGEOUT: swap
 * entries in the PTEs).  Expect a collapse that swaps them in first
 * (max_ptes_swap 64; 268 young PTEs, at least half the block), the data
 * whole, no swap entry left.  Then a second block with 100 of 300 paged
 * out: more than max_ptes_swap, thp_scan_exceed_swap_pte, no collapse.
 */
static void test_max_ptes_swap(void **state)
{
	struct ptest *t = *state;
	struct mm_struct *mm = t->main->mm;
	unsigned long alloc = sum_vm_event(THP_COLLAPSE_ALLOC);
	unsigned long exceed = sum_vm_event(THP_SCAN_EXCEED_SWAP_PTE), h, a2, h2;

	h = fill_block(t, 300, 0x66);
	CHECK_EQ("pageout 32", 0, do_madvise(mm, h, 32 * PAGE_SIZE, MADV_PAGEOUT));
	CHECK_EQ("swap entries", 32, mmsim_mm_counter_exact(mm, MM_SWAPENTS));
	CHECK_VALID();
	CHECK_EQ("scan sleep", 0, kh_store("scan_sleep_millisecs", "100"));
	sim_clock_advance(500ULL * 1000 * 1000);
	CHECK_EQ("collapsed", alloc + 1, sum_vm_event(THP_COLLAPSE_ALLOC));
	CHECK_EQ("no swap entry left", 0, mmsim_mm_counter_exact(mm, MM_SWAPENTS));
	CHECK_EQ("rss", HPAGE_PMD_NR, mmsim_mm_counter_exact(mm, MM_ANONPAGES));
	CHECK_EQ("data", 0, ptest_access(t->main, h, 300 * PAGE_SIZE, MMSIM_CHECK, 0x66));
	CHECK_VALID();
	a2 = ptest_mmap(0, 4 << 20, PROT_RW, MAP_ANON_PRIV);
	h2 = thp_block(a2);
	CHECK_EQ("nohugepage 2", 0, do_madvise(mm, a2, 4 << 20, MADV_NOHUGEPAGE));
	CHECK_EQ("fill 2", 0, ptest_access(t->main, h2, 300 * PAGE_SIZE, MMSIM_FILL, 0x67));
	CHECK_EQ("pageout 100", 0, do_madvise(mm, h2, 100 * PAGE_SIZE, MADV_PAGEOUT));
	CHECK_EQ("hugepage 2", 0, do_madvise(mm, h2, HPAGE_PMD_SIZE, MADV_HUGEPAGE));
	sim_clock_advance(500ULL * 1000 * 1000);
	CHECK_EQ("no second collapse", alloc + 1, sum_vm_event(THP_COLLAPSE_ALLOC));
	CHECK_EQ("exceed swap counted", 1, sum_vm_event(THP_SCAN_EXCEED_SWAP_PTE) > exceed);
	CHECK_EQ("data 2", 0, ptest_access(t->main, h2, 300 * PAGE_SIZE, MMSIM_CHECK, 0x67));
	CHECK_VALID();
	/* pages read back stay in the swap cache after the exit, as in 6.1 */
	set_current(NULL);
	while (!list_empty(mmsim_task_list()))
		mmsim_exit(list_last_entry(mmsim_task_list(), struct task_struct, tasks));
	reclaim_swap_cache();
	ptest_all_exit(t);
}

static int setup_1g_swap(void **state)
{
	int ret = ptest_setup_1g(state);

	if (!ret && mmsim_swapon("/dev/vda", 64ULL << 20))
		fail_msg("mmsim_swapon(64M) failed");
	return ret;
}

/* Scenario: the sysfs files: defaults, bad values, read-only files. */
static void test_sysfs(void **state)
{
	struct ptest *t = *state;

	CHECK_EQ("pages_to_scan", 4096, kh_show("pages_to_scan"));
	CHECK_EQ("max_ptes_none", 511, kh_show("max_ptes_none"));
	CHECK_EQ("max_ptes_swap", 64, kh_show("max_ptes_swap"));
	CHECK_EQ("max_ptes_shared", 256, kh_show("max_ptes_shared"));
	CHECK_EQ("scan_sleep", 10000, kh_show("scan_sleep_millisecs"));
	CHECK_EQ("alloc_sleep", 60000, kh_show("alloc_sleep_millisecs"));
	CHECK_EQ("defrag", 1, kh_show("defrag"));
	CHECK_EQ("pages_to_scan 0", -EINVAL, kh_store("pages_to_scan", "0"));
	CHECK_EQ("max_ptes_none 512", -EINVAL, kh_store("max_ptes_none", "512"));
	CHECK_EQ("not a number", -EINVAL, kh_store("scan_sleep_millisecs", "ten"));
	CHECK_EQ("defrag 2", -EINVAL, kh_store("defrag", "2"));
	CHECK_EQ("defrag 0", 0, kh_store("defrag", "0\n"));
	CHECK_EQ("defrag now", 0, kh_show("defrag"));
	CHECK_EQ("full_scans read-only", -EACCES, kh_store("full_scans", "3"));
	CHECK_EQ("pages_collapsed read-only", -EACCES, kh_store("pages_collapsed", "3"));
	CHECK_EQ("no such file", -ENOENT, kh_store("nothing", "3"));
	ptest_all_exit(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PTEST_1G(test_collapse),
		PTEST_1G(test_max_ptes_none),
		PTEST_1G(test_max_ptes_shared),
		cmocka_unit_test_setup_teardown(test_max_ptes_swap, setup_1g_swap, ptest_teardown),
		PTEST_1G(test_sysfs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

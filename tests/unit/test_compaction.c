// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_compaction.c — page migration and memory compaction
 * (mm/migrate.c, mm/compaction.c) on a booted 256 MiB pc machine.
 *
 * The fragmentation pattern every test starts from:
 *
 *   fill anonymous memory page by page until no zone has free pages above
 *   its low watermark, each page filled with its own byte; then
 *   MADV_DONTNEED every other page:
 *
 *   DMA32 |A|.|A|.|A|.|A|.| ... |A|.|   A = in use, . = free (order 0)
 *
 * so that almost all free memory is in order-0 blocks that cannot merge.
 * A small region written before a fork is mapped by both processes, a
 * tmpfs file is mapped shared, and one page is pinned (an extra
 * reference, as get_user_pages would hold).
 */
#include "test_process.h"

#include "linux/fs.h"
#include "linux/pgtable.h"
#include "linux/proc_fs.h"
#include "linux/migrate.h"
#include "linux/swap_lru.h"
#include "linux/compaction.h"
#include "linux/kthread.h"
#include "linux/timer.h"
#include "mm/compaction_internal.h"

#define NR_FORKED 64      /* pages mapped by parent and child */
#define NR_FILE 64        /* tmpfs pages mapped shared */

struct frag {
	unsigned long region, nr;   /* the filled region and its pages */
	unsigned long forked, file;
	struct task_struct *child;
	unsigned long pinned_addr, pinned_pfn;
	long fd;
};

static u8 page_byte(unsigned long i)
{
	return (u8)(i * 7 + 1);
}

static unsigned long addr_pfn(struct task_struct *t, unsigned long addr)
{
	pte_t *pte = mmsim_pte_lookup(t->mm, addr, NULL);

	if (!pte || !pte_present(*pte))
		fail_msg("no page mapped at %#lx", addr);
	return pte_pfn(*pte);
}

/* Would a movable order-0 allocation still pass a zone's low mark? */
static bool some_zone_above_low(void)
{
	int highest = gfp_zone(GFP_HIGHUSER_MOVABLE);
	struct zone *zone;

	for_each_populated_zone(zone)
		if (zone_idx(zone) <= highest &&
		    zone_watermark_ok(zone, 0, low_wmark_pages(zone) + 64, highest, 0))
			return true;
	return false;
}

/* The highest order with a free block in @zone, -1 when none. */
static int highest_free_order(struct zone *zone)
{
	int order;

	for (order = (int)MAX_ORDER - 1; order >= 0; order--)
		if (zone->free_area[order].nr_free)
			return order;
	return -1;
}

static unsigned long free_in_order_at_least(struct zone *zone, unsigned int min)
{
	unsigned long n = 0;
	unsigned int order;

	for (order = min; order < MAX_ORDER; order++)
		n += zone->free_area[order].nr_free << order;
	return n;
}

static void fragment(struct ptest *t, struct frag *f)
{
	struct mm_struct *mm = t->main->mm;
	unsigned long max = totalram_pages(), i;
	int pid;

	f->forked = ptest_mmap(0, NR_FORKED * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	CHECK_EQ("fill forked", 0, ptest_access(t->main, f->forked, NR_FORKED * PAGE_SIZE,
						MMSIM_FILL, 0x3c));
	pid = mmsim_fork(t->main);
	if (pid <= 0)
		fail_msg("fork: %d", pid);
	f->child = find_task_by_vpid(pid);
	set_current(t->main);
	f->fd = do_sys_open(AT_FDCWD, "f", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK_EQ("ftruncate", 0, do_sys_ftruncate((unsigned int)f->fd, NR_FILE * PAGE_SIZE, 0));
	f->file = ksys_mmap_pgoff(0, NR_FILE * PAGE_SIZE, PROT_RW, MAP_SHARED,
				  (unsigned long)f->fd, 0);
	CHECK_EQ("fill file", 0, ptest_access(t->main, f->file, NR_FILE * PAGE_SIZE,
					      MMSIM_FILL, 0xa7));

	f->region = ptest_mmap(0, max * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV | MAP_NORESERVE);
	/*
	 * Page tables first (one page of each 2 MiB), so that the unmovable
	 * PTE pages sit together instead of one in every 512 filled pages.
	 */
	for (i = 0; i < max / 2; i += PTRS_PER_PTE)
		CHECK_EQ("touch", 0, ptest_access(t->main, f->region + i * PAGE_SIZE,
						  PAGE_SIZE, MMSIM_FILL, page_byte(i)));
	for (i = 0; i < max && some_zone_above_low(); i++)
		CHECK_EQ("fill", 0, ptest_access(t->main, f->region + i * PAGE_SIZE,
						 PAGE_SIZE, MMSIM_FILL, page_byte(i)));
	f->nr = i;
	if (f->nr < max / 2)
		fail_msg("only %lu pages filled of %lu", f->nr, max);
	for (i = 1; i < f->nr; i += 2)
		CHECK_EQ("dontneed", 0, do_madvise(mm, f->region + i * PAGE_SIZE,
						   PAGE_SIZE, MADV_DONTNEED));
	drain_all_pages(NULL);
	CHECK_VALID();
	/* pin one page that has free neighbours: it must stay where it is */
	f->pinned_addr = f->region + (f->nr / 2 & ~1UL) * PAGE_SIZE;
	f->pinned_pfn = addr_pfn(t->main, f->pinned_addr);
	page_ref_inc(pfn_to_page(f->pinned_pfn));
}

/* The validators count references: the pin is not a mapping. */
static void unpin(struct frag *f)
{
	page_ref_dec_and_test(pfn_to_page(f->pinned_pfn));
}

/* Every page reads back what was written, in both processes and the file. */
static void check_contents(struct ptest *t, struct frag *f)
{
	char buf[PAGE_SIZE];
	unsigned long i;

	for (i = 0; i < f->nr; i += 2)
		if (ptest_access(t->main, f->region + i * PAGE_SIZE, PAGE_SIZE,
				 MMSIM_CHECK, page_byte(i)))
			fail_msg("page %lu of the region: contents changed", i);
	CHECK_EQ("forked, parent", 0, ptest_access(t->main, f->forked,
						   NR_FORKED * PAGE_SIZE, MMSIM_CHECK, 0x3c));
	CHECK_EQ("forked, child", 0, ptest_access(f->child, f->forked,
						  NR_FORKED * PAGE_SIZE, MMSIM_CHECK, 0x3c));
	set_current(t->main);
	CHECK_EQ("file mapping", 0, ptest_access(t->main, f->file, NR_FILE * PAGE_SIZE,
						 MMSIM_CHECK, 0xa7));
	for (i = 0; i < NR_FILE; i++) {
		CHECK_EQ("pread", 1, ksys_pread64((unsigned int)f->fd, buf, 1, (loff_t)(i * PAGE_SIZE)));
		CHECK_EQ("file byte", 0xa7, (u8)buf[0]);
	}
}

static void close_and_exit(struct ptest *t, struct frag *f)
{
	CHECK_EQ("close", 0, close_fd((unsigned int)f->fd));
	CHECK_EQ("unlink", 0, do_unlinkat(AT_FDCWD, "f"));
	ptest_all_exit(t);
}

/*
 * Scenario: the fragmentation pattern, then `sysctl vm.compact_memory 1`.
 * Expect the DMA32 zone's highest free order to rise to MAX_ORDER - 1
 * with thousands of pages in pageblock-sized blocks, the free page count
 * unchanged (pages moved, none lost or leaked), every page's contents
 * intact in both processes and the file, the pinned page unmoved, every
 * mapping reachable through rmap and no migration entry left (validator),
 * and the compact_* and pgmigrate_* counters moved.
 */
static void test_compact_memory(void **state)
{
	struct ptest *t = *state;
	struct frag f = { 0 };
	struct zone *zone;
	unsigned long free_before;
	int before;

	fragment(t, &f);
	zone = page_zone(pfn_to_page(addr_pfn(t->main, f.region)));
	before = highest_free_order(zone);
	free_before = zone_page_state_snapshot(zone, NR_FREE_PAGES);
	if (before >= (int)MAX_ORDER - 1)
		fail_msg("pattern not fragmented: order %d free before compaction", before);

	CHECK_EQ("compact_memory", 0, proc_sys_write("vm/compact_memory", "1", 1));
	drain_all_pages(NULL);

	CHECK_EQ("highest free order after", MAX_ORDER - 1, highest_free_order(zone));
	if (free_in_order_at_least(zone, pageblock_order) < f.nr / 4)
		fail_msg("only %lu free pages in pageblocks after compaction (%lu pages freed)",
			 free_in_order_at_least(zone, pageblock_order), f.nr / 2);
	CHECK_EQ("free pages conserved", free_before,
		 zone_page_state_snapshot(zone, NR_FREE_PAGES));
	CHECK_EQ("pinned page not moved", f.pinned_pfn, addr_pfn(t->main, f.pinned_addr));
	unpin(&f);
	CHECK_EQ("parent and child share the moved page", addr_pfn(t->main, f.forked),
		 addr_pfn(f.child, f.forked));
	if (sum_vm_event(PGMIGRATE_SUCCESS) < f.nr / 8)
		fail_msg("pgmigrate_success %lu for %lu pages in use",
			 sum_vm_event(PGMIGRATE_SUCCESS), f.nr / 2);
	if (!sum_vm_event(COMPACTMIGRATE_SCANNED) || !sum_vm_event(COMPACTFREE_SCANNED) ||
	    sum_vm_event(COMPACTISOLATED) < 2 * sum_vm_event(PGMIGRATE_SUCCESS))
		fail_msg("counters: migrate_scanned %lu free_scanned %lu isolated %lu",
			 sum_vm_event(COMPACTMIGRATE_SCANNED), sum_vm_event(COMPACTFREE_SCANNED),
			 sum_vm_event(COMPACTISOLATED));
	CHECK_EQ("compact_stall (no allocation asked)", 0, sum_vm_event(COMPACTSTALL));
	CHECK_EQ("page_alloc_validate", 0, page_alloc_validate());
	CHECK_VALID();  /* mapcounts, refcounts, every mapping reached by rmap */
	check_contents(t, &f);
	close_and_exit(t, &f);
}

/*
 * Scenario: the fragmentation pattern, then a movable allocation of
 * order MAX_ORDER - 1 that may reclaim.  Expect the slow path's direct
 * compaction to make it succeed: compact_stall and compact_success 1,
 * compact_fail 0, contents intact.
 */
static void test_direct_compaction(void **state)
{
	struct ptest *t = *state;
	struct frag f = { 0 };
	struct page *page;

	fragment(t, &f);
	page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, MAX_ORDER - 1);
	if (!page)
		fail_msg("order %u allocation failed after direct compaction (stall %lu fail %lu)",
			 MAX_ORDER - 1, sum_vm_event(COMPACTSTALL), sum_vm_event(COMPACTFAIL));
	CHECK_EQ("compact_stall", 1, sum_vm_event(COMPACTSTALL));
	CHECK_EQ("compact_success", 1, sum_vm_event(COMPACTSUCCESS));
	CHECK_EQ("compact_fail", 0, sum_vm_event(COMPACTFAIL));
	__free_pages(page, MAX_ORDER - 1);
	unpin(&f);
	CHECK_EQ("page_alloc_validate", 0, page_alloc_validate());
	CHECK_VALID();
	check_contents(t, &f);
	close_and_exit(t, &f);
}

/*
 * Scenario: one anonymous page with an extra reference (a pin) and one
 * without, both isolated and handed to migrate_pages().  Expect the free
 * one to move (content kept, PTE to the new frame) and the pinned one to
 * fail after the retries, mapped where it was: pgmigrate_fail 1.
 */
static struct page *alloc_target(struct page *page, unsigned long private)
{
	(void)page;
	(void)private;
	return alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
}

static void free_target(struct page *page, unsigned long private)
{
	(void)private;
	__free_pages(page, 0);
}

static void test_migrate_pinned(void **state)
{
	struct ptest *t = *state;
	unsigned long a = ptest_mmap(0, 2 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	unsigned long pfn0, pfn1;
	unsigned int succeeded = 0;
	struct page *p0, *p1;
	LIST_HEAD(list);

	CHECK_EQ("fill 0", 0, ptest_access(t->main, a, PAGE_SIZE, MMSIM_FILL, 0x10));
	CHECK_EQ("fill 1", 0, ptest_access(t->main, a + PAGE_SIZE, PAGE_SIZE, MMSIM_FILL, 0x11));
	pfn0 = addr_pfn(t->main, a);
	pfn1 = addr_pfn(t->main, a + PAGE_SIZE);
	p0 = pfn_to_page(pfn0);
	p1 = pfn_to_page(pfn1);
	page_ref_inc(p1);                               /* the pin */
	lru_add_drain();        /* as compact_zone: batched pages are not on a list yet */
	CHECK_EQ("isolate 0", 0, isolate_migratable_page(p0));
	CHECK_EQ("isolate 1", 0, isolate_migratable_page(p1));
	list_add_tail(&p0->lru, &list);
	list_add_tail(&p1->lru, &list);
	CHECK_EQ("migrate_pages failures", 1,
		 migrate_pages(&list, alloc_target, free_target, 0, MIGRATE_SYNC,
			       MR_COMPACTION, &succeeded));
	CHECK_EQ("succeeded", 1, succeeded);
	CHECK_EQ("pgmigrate_fail", 1, sum_vm_event(PGMIGRATE_FAIL));
	putback_movable_pages(&list);
	if (addr_pfn(t->main, a) == pfn0)
		fail_msg("the unpinned page did not move");
	CHECK_EQ("pinned page stays", pfn1, addr_pfn(t->main, a + PAGE_SIZE));
	page_ref_dec_and_test(p1);
	CHECK_VALID();
	CHECK_EQ("page 0 content", 0, ptest_access(t->main, a, PAGE_SIZE, MMSIM_CHECK, 0x10));
	CHECK_EQ("page 1 content", 0, ptest_access(t->main, a + PAGE_SIZE, PAGE_SIZE,
						   MMSIM_CHECK, 0x11));
	ptest_all_exit(t);
}

/*
 * The fragmentation pattern with vm.watermark_boost_factor 0 (the tests
 * below say why), and the zone of its region; the factor it replaced.
 */
static unsigned int fragment_unboosted(struct ptest *t, struct frag *f, struct zone **zone)
{
	unsigned int boost = current_machine->mm.watermark_boost_factor;

	current_machine->mm.watermark_boost_factor = 0;
	fragment(t, f);
	*zone = page_zone(pfn_to_page(addr_pfn(t->main, f->region)));
	return boost;
}

/* The boost factor back, then the pattern's pages checked and freed. */
static void finish_unboosted(struct ptest *t, struct frag *f, unsigned int boost)
{
	current_machine->mm.watermark_boost_factor = boost;
	unpin(f);
	CHECK_EQ("page_alloc_validate", 0, page_alloc_validate());
	CHECK_VALID();
	check_contents(t, f);
	close_and_exit(t, f);
}

/*
 * Scenario: the fragmentation pattern, then wakeup_kcompactd() for a
 * pageblock-order block (what kswapd does before it sleeps), and a
 * scheduling point.  Expect kcompactd to have run once
 * (compact_daemon_wake 1, its scanned counters moved), a free block of
 * pageblock order in the zone, no allocation stall, contents intact.
 */
static void test_kcompactd_wakeup(void **state)
{
	struct ptest *t = *state;
	struct frag f = { 0 };
	unsigned long wakes;
	struct zone *zone;
	unsigned int boost;

	/*
	 * vm.watermark_boost_factor=0: the file's xarray nodes are
	 * reclaimable slab pages, whose first pageblock comes by fallback;
	 * a boost would have kswapd wake kcompactd before the test does
	 */
	boost = fragment_unboosted(t, &f, &zone);
	schedule_sim_point();           /* kcompactd's first step: it sleeps */
	wakes = sum_vm_event(KCOMPACTD_WAKE);
	wakeup_kcompactd(zone->zone_pgdat, (int)pageblock_order, zone_idx(zone));
	schedule_sim_point();
	set_current(t->main);
	CHECK_EQ("compact_daemon_wake", wakes + 1, sum_vm_event(KCOMPACTD_WAKE));
	if (!sum_vm_event(KCOMPACTD_MIGRATE_SCANNED) || !sum_vm_event(KCOMPACTD_FREE_SCANNED))
		fail_msg("kcompactd scanned %lu/%lu", sum_vm_event(KCOMPACTD_MIGRATE_SCANNED),
			 sum_vm_event(KCOMPACTD_FREE_SCANNED));
	if (free_in_order_at_least(zone, pageblock_order) == 0)
		fail_msg("no free pageblock after kcompactd (highest order %d)",
			 highest_free_order(zone));
	CHECK_EQ("compact_stall", 0, sum_vm_event(COMPACTSTALL));
	finish_unboosted(t, &f, boost);
}

/*
 * Scenario: the fragmentation pattern (node fragmentation score above
 * the high mark of vm.compaction_proactiveness = 20, i.e. 90), then the
 * simulated clock moves 600 ms.  Expect kcompactd's 500 ms check to
 * compact proactively until the zone's score is at most the low mark
 * (80): compact_migrate_scanned moved, compact_daemon_wake still 0 (a
 * proactive pass is not a wake-up), contents intact.  With
 * vm.watermark_boost_factor=0, as test_kcompactd_wakeup: a boost after the
 * xarray nodes' fallback would wake kcompactd through kswapd, which now
 * runs by the simulated clock during the window, and a wake-up's work
 * restarts the 500 ms interval.
 */
static void test_kcompactd_proactive(void **state)
{
	struct ptest *t = *state;
	struct frag f = { 0 };
	struct zone *zone;
	pg_data_t *pgdat;
	unsigned int before, boost;
	unsigned long wakes;

	boost = fragment_unboosted(t, &f, &zone);
	pgdat = zone->zone_pgdat;
	schedule_sim_point();           /* a boost's wake-up, if any (see above) */
	wakes = sum_vm_event(KCOMPACTD_WAKE);
	before = fragmentation_score_node(pgdat);
	if (before <= fragmentation_score_wmark(false))
		fail_msg("score %u not above the high mark %u", before,
			 fragmentation_score_wmark(false));
	sim_clock_advance(600 * NSEC_PER_MSEC);
	set_current(t->main);
	if (extfrag_for_order(zone, pageblock_order) > fragmentation_score_wmark(true))
		fail_msg("zone score %u after proactive compaction (node %u -> %u)",
			 extfrag_for_order(zone, pageblock_order), before,
			 fragmentation_score_node(pgdat));
	if (!sum_vm_event(COMPACTMIGRATE_SCANNED))
		fail_msg("proactive compaction scanned nothing");
	CHECK_EQ("compact_daemon_wake", wakes, sum_vm_event(KCOMPACTD_WAKE));
	finish_unboosted(t, &f, boost);
}

/*
 * Scenario: the fragmentation pattern (node score above the high mark),
 * then the node's kswapd made runnable (as wakeup_kswapd does) and
 * proactive compaction asked for before it ran; then kswapd's step (the
 * node is balanced: it naps) and the same question again.  Expect, as
 * 6.1's kswapd_is_running() decides: no proactive pass while kswapd runs
 * (should_proactive_compact_node false, and a pass begun anyway stops at
 * its first compact_finished: compact_migrate_scanned unchanged); once
 * kswapd sleeps, should_proactive_compact_node true and a pass scans.
 */
static void test_proactive_waits_for_kswapd(void **state)
{
	struct ptest *t = *state;
	struct frag f = { 0 };
	unsigned long scanned;
	struct zone *zone;
	pg_data_t *pgdat;
	unsigned int boost;

	boost = fragment_unboosted(t, &f, &zone);      /* as above */
	pgdat = zone->zone_pgdat;
	schedule_sim_point();
	set_current(t->main);
	if (fragmentation_score_node(pgdat) <= fragmentation_score_wmark(false))
		fail_msg("score %u not above the high mark %u", fragmentation_score_node(pgdat),
			 fragmentation_score_wmark(false));
	if (!wake_up_process(pgdat->kswapd))
		fail_msg("kswapd was already runnable");
	CHECK_EQ("should_proactive_compact_node, kswapd running", false,
		 should_proactive_compact_node(pgdat));
	scanned = sum_vm_event(COMPACTMIGRATE_SCANNED);
	proactive_compact_node(pgdat);
	CHECK_EQ("compact_migrate_scanned, kswapd running", scanned,
		 sum_vm_event(COMPACTMIGRATE_SCANNED));
	schedule_sim_point();           /* kswapd: balanced, it naps */
	set_current(t->main);
	if (kthread_is_running(pgdat->kswapd))
		fail_msg("kswapd still running after its step");
	CHECK_EQ("should_proactive_compact_node, kswapd asleep", true,
		 should_proactive_compact_node(pgdat));
	proactive_compact_node(pgdat);
	if (sum_vm_event(COMPACTMIGRATE_SCANNED) == scanned)
		fail_msg("proactive compaction scanned nothing with kswapd asleep");
	finish_unboosted(t, &f, boost);
}

/*
 * Free @page (order @order) while the main task's direct compaction of
 * its zone asks for order @want (capture_control); drain the per-CPU
 * lists, which hold THP-order frees.  The captured page, or NULL.
 */
static struct page *free_while_compacting(struct ptest *t, struct page *page,
					  unsigned int order, int want)
{
	struct zone *zone = page_zone(page);
	struct compact_control cc = { .zone = zone, .order = want };
	struct capture_control capc = { .cc = &cc, .page = NULL };

	drain_all_pages(zone);          /* only @page is freed below */
	t->main->capture_control = &capc;
	__free_pages(page, order);
	drain_all_pages(zone);
	t->main->capture_control = NULL;
	return capc.page;
}

/*
 * Scenario: capture_control.  A movable order-9 block freed while the
 * task compacts for order 9 is captured (not on the free lists:
 * NR_FREE_PAGES unchanged); for order 8 (movable, below pageblock_order)
 * and for order 10 it is not; with no task (a kernel thread) it is not.
 */
static void test_capture(void **state)
{
	struct ptest *t = *state;
	const gfp_t gfp = GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOWARN;
	struct page *page = alloc_pages(gfp, HPAGE_PMD_ORDER), *got;
	unsigned long free_before;

	if (!page)
		fail_msg("no order-9 page");
	drain_all_pages(page_zone(page));
	free_before = global_zone_page_state(NR_FREE_PAGES);
	got = free_while_compacting(t, page, HPAGE_PMD_ORDER, HPAGE_PMD_ORDER);
	CHECK_EQ("captured", (unsigned long)page, (unsigned long)got);
	CHECK_EQ("not on the free lists", free_before, global_zone_page_state(NR_FREE_PAGES));
	prep_new_page(page, HPAGE_PMD_ORDER, gfp, 0);
	CHECK_EQ("not for order 10", 0,
		 (unsigned long)free_while_compacting(t, page, HPAGE_PMD_ORDER, MAX_ORDER - 1));
	page = alloc_pages(gfp, HPAGE_PMD_ORDER - 1);
	if (!page)
		fail_msg("no order-8 page");
	CHECK_EQ("not a movable order 8", 0,
		 (unsigned long)free_while_compacting(t, page, HPAGE_PMD_ORDER - 1,
						      HPAGE_PMD_ORDER - 1));
	page = alloc_pages(gfp, HPAGE_PMD_ORDER);
	set_current(NULL);
	{
		struct compact_control cc = { .zone = page_zone(page), .order = HPAGE_PMD_ORDER };
		struct capture_control capc = { .cc = &cc, .page = NULL };

		t->main->capture_control = &capc;
		__free_pages(page, HPAGE_PMD_ORDER);
		drain_all_pages(page_zone(page));
		t->main->capture_control = NULL;
		CHECK_EQ("no task, no capture", 0, (unsigned long)capc.page);
	}
	set_current(t->main);
	CHECK_EQ("page_alloc_validate", 0, page_alloc_validate());
	CHECK_VALID();
	ptest_all_exit(t);
}


/*
 * Scenario: `run --guest-shmem 2M --guest-anon 1M` (mm/guest_kernel.c)
 * holds the real guest's tmpfs root and its init's anonymous pages; each
 * of them is isolated from its LRU list and migrated.  Expect every one to
 * move (no failure), each to a new frame, contents intact (the file
 * through pread, init's memory through its page tables: rmap fixed every
 * mapping), Shmem and AnonPages unchanged, the validators passing, and
 * init (pid 1 of the stand-in) never a candidate of the OOM killer.
 */
static void test_guest_pages_migrate(void **state)
{
	struct ptest *t = *state;
	const struct mmsim_guest g = { .shmem_bytes = 2 << 20, .anon_bytes = 1 << 20 };
	const unsigned long nr_shmem = (2 << 20) >> PAGE_SHIFT, nr_anon = (1 << 20) >> PAGE_SHIFT;
	unsigned long shmem_before, anon_before, i, j, a, *old_pfn;
	unsigned int succeeded = 0;
	struct task_struct *init;
	enum mmsim_guest_part part;
	struct inode *inode;
	char buf[PAGE_SIZE];
	struct page *page;
	LIST_HEAD(list);
	long fd;

	CHECK_EQ("mmsim_guest_hold", 0, mmsim_guest_hold(&g, &part));
	init = current_machine->guest_init;
	if (!init || !mmsim_is_guest_init(init) || mmsim_is_guest_init(t->main))
		fail_msg("no guest init task, or the probe taken for it");
	set_current(t->main);
	fd = do_sys_open(AT_FDCWD, "/initramfs", O_RDONLY, 0);
	if (fd < 0)
		fail_msg("open /initramfs: %ld", fd);
	inode = file_inode(fget_raw_nocount((unsigned int)fd));
	a = find_vma(init->mm, 0)->vm_start;
	shmem_before = global_node_page_state(NR_SHMEM);
	anon_before = global_node_page_state(NR_ANON_MAPPED);
	old_pfn = calloc(nr_shmem + nr_anon, sizeof(*old_pfn));
	lru_add_drain_all();
	for (i = 0; i < nr_shmem + nr_anon; i++) {
		page = i < nr_shmem ? shmem_find_page(inode, i) :
			pfn_to_page(addr_pfn(init, a + (i - nr_shmem) * PAGE_SIZE));
		if (!page)
			fail_msg("no page %lu of the guest", i);
		old_pfn[i] = page_to_pfn(page);
		CHECK_EQ("isolate", 0, isolate_migratable_page(page));
		list_add_tail(&page->lru, &list);
	}
	CHECK_EQ("migrate_pages failures", 0,
		 migrate_pages(&list, alloc_target, free_target, 0, MIGRATE_SYNC,
			       MR_COMPACTION, &succeeded));
	CHECK_EQ("succeeded", nr_shmem + nr_anon, succeeded);
	for (i = 0; i < nr_shmem + nr_anon; i++) {
		page = i < nr_shmem ? shmem_find_page(inode, i) :
			pfn_to_page(addr_pfn(init, a + (i - nr_shmem) * PAGE_SIZE));
		if (page_to_pfn(page) == old_pfn[i])
			fail_msg("guest page %lu did not move", i);
	}
	free(old_pfn);
	CHECK_EQ("Shmem", shmem_before, global_node_page_state(NR_SHMEM));
	CHECK_EQ("AnonPages", anon_before, global_node_page_state(NR_ANON_MAPPED));
	CHECK_VALID();
	for (i = 0; i < nr_shmem; i++) {
		CHECK_EQ("pread", PAGE_SIZE, ksys_pread64((unsigned int)fd, buf, PAGE_SIZE,
							  (loff_t)(i * PAGE_SIZE)));
		for (j = 0; j < PAGE_SIZE; j++)
			if ((u8)buf[j] != 0x7f)
				fail_msg("page %lu of /initramfs: byte %lu is %#x, not 0x7f",
					 i, j, (u8)buf[j]);
	}
	CHECK_EQ("init's memory", 0, ptest_access(init, a, nr_anon * PAGE_SIZE, MMSIM_CHECK, 0x7f));
	CHECK_EQ("close", 0, close_fd((unsigned int)fd));
	CHECK_EQ("unlink", 0, do_unlinkat(AT_FDCWD, "/initramfs"));
	mmsim_guest_release();
	ptest_all_exit(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PTEST_256M(test_migrate_pinned),
		PTEST_256M(test_compact_memory),
		PTEST_256M(test_direct_compaction),
		PTEST_256M(test_capture),
		PTEST_256M(test_kcompactd_wakeup),
		PTEST_256M(test_kcompactd_proactive),
		PTEST_256M(test_proactive_waits_for_kswapd),
		PTEST_256M(test_guest_pages_migrate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

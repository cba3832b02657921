// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_lru_gen.c — the multi-generational LRU
 * (mm/vmscan_lru_gen.c): turning it on and off through
 * /sys/kernel/mm/lru_gen/enabled, where faults put folios, the aging's
 * page-table walk, and the eviction order.
 *
 * Machine: test_process.h's pc (512 MiB, 2 CPUs) with a 64 MiB swap area,
 * one task.  After every step: lru_validate() (generation lists equal
 * nr_pages and the classic counters, sequences in their window),
 * mmsim_validate_processes() and mmsim_validate_swap().
 *
 *   enable/disable: 256 written anon pages move from the classic lists to
 *       the generations and back; enabled reads 0x0007 / 0x0000; bad
 *       values are -EINVAL;
 *   faults: a page faulted in with MGLRU on lands in the youngest
 *       generation (max_seq);
 *   aging and eviction: region A written, aged (+), region B written,
 *       aged, 16 pages of A written again, aged: the walk promoted those
 *       16 (young PTEs) to a young generation; evicting up to A's
 *       generation (-) swaps out the other 128 pages of A and none of B
 *       or of the 16; a second eviction frees the written pages the
 *       disk's completion rotated to the oldest generation;
 *   a seeded pressure run with MGLRU on: regions written until swap is
 *       needed, some read, made cold or dropped, scheduling points between,
 *       the validators after every step, a filled region reads back.
 */
#include "test_process.h"
#include "linux/swap.h"
#include "linux/kthread.h"
#include "linux/proc_fs.h"
#include "linux/mm_inline.h"

#define SWAP_64M (64ULL << 20)
#define NPAGES 144UL   /* 16 reused + 128 evicted: two batches of MIN_LRU_BATCH */

static void check_all(const char *step)
{
	ptest_check_step(step, true);
}

static int lru_gen_setup(void **state)
{
	int ret = ptest_setup(state);

	if (!ret && mmsim_swapon("/dev/vda", SWAP_64M))
		fail_msg("mmsim_swapon(64M) failed");
	return ret;
}

static void expect_sysfs(const char *file, const char *want)
{
	char path[96], *text = NULL;

	snprintf(path, sizeof(path), "kernel/mm/lru_gen/%s", file);
	assert_int_equal(sysfs_read(path, &text), 0);
	if (strcmp(text, want))
		fail_msg("%s reads \"%s\", expected \"%s\"", path, text, want);
	host_free(text);
}

static int set_enabled(const char *val)
{
	return sysfs_write("kernel/mm/lru_gen/enabled", val, strlen(val));
}

static struct lruvec *node0_lruvec(void)
{
	return &NODE_DATA(0)->__lruvec;
}

static long gen_pages(int type)
{
	struct lru_gen_struct *lrugen = &node0_lruvec()->lrugen;
	long n = 0;
	int gen, zid;

	for (gen = 0; gen < (int)MAX_NR_GENS; gen++)
		for (zid = 0; zid < MAX_NR_ZONES; zid++)
			n += lrugen->nr_pages[gen][type][zid];
	return n;
}

/* NR_ZONE_{ACTIVE,INACTIVE}_ANON of node 0, per-CPU deltas included */
static unsigned long anon_lru_pages(void)
{
	unsigned long n = 0;
	int zid;

	for (zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[zid];

		n += zone_page_state_snapshot(zone, NR_ZONE_ACTIVE_ANON) +
		     zone_page_state_snapshot(zone, NR_ZONE_INACTIVE_ANON);
	}
	return n;
}

/* The folio mapped at @addr of the main task, NULL when not present. */
static struct folio *folio_at(struct ptest *t, unsigned long addr)
{
	pte_t *pte = mmsim_pte_lookup(t->main->mm, addr, NULL);

	return pte && pte_present(*pte) ? page_folio(pte_page(*pte)) : NULL;
}

static void test_enable_disable_moves(void **state)
{
	struct ptest *t = *state;
	unsigned long a, before;
	enum lru_list lru;

	expect_sysfs("enabled", "0x0000\n");
	a = ptest_mmap(0, 256 * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	assert_int_equal(ptest_access(t->main, a, 256 * PAGE_SIZE, MMSIM_WRITE, 0x5a), 0);
	lru_add_drain_all();
	check_all("written, classic");
	before = anon_lru_pages();
	assert_true(before >= 256);
	assert_int_equal(gen_pages(LRU_GEN_ANON), 0);

	assert_int_equal(set_enabled("y"), 0);
	expect_sysfs("enabled", "0x0007\n");
	check_all("enabled");
	assert_true(node0_lruvec()->lrugen.enabled);
	for (lru = 0; lru < LRU_UNEVICTABLE; lru++)
		if (!list_empty(&node0_lruvec()->lists[lru]))
			fail_msg("classic list %d not empty with MGLRU on", lru);
	if (gen_pages(LRU_GEN_ANON) != (long)before)
		fail_msg("generations hold %ld anon pages, the classic lists had %lu",
			 gen_pages(LRU_GEN_ANON), before);
	if (anon_lru_pages() != before)
		fail_msg("NR_*_ANON %lu after enabling, %lu before", anon_lru_pages(), before);
	if (folio_lru_gen(folio_at(t, a)) < 0)
		fail_msg("a listed folio carries no generation");

	assert_int_equal(set_enabled("n\n"), 0);
	expect_sysfs("enabled", "0x0000\n");
	check_all("disabled");
	assert_int_equal(gen_pages(LRU_GEN_ANON), 0);
	if (anon_lru_pages() != before)
		fail_msg("NR_*_ANON %lu after disabling, %lu before", anon_lru_pages(), before);
	if (folio_lru_gen(folio_at(t, a)) >= 0)
		fail_msg("a folio kept its generation after disabling");

	/* numbers and bad values, as store_enabled / store_min_ttl take them */
	assert_int_equal(set_enabled("0x0001"), 0);
	expect_sysfs("enabled", "0x0001\n");
	check_all("core only");
	assert_int_equal(set_enabled("7"), 0);
	expect_sysfs("enabled", "0x0007\n");
	assert_int_equal(set_enabled("maybe"), -EINVAL);
	assert_int_equal(set_enabled("-1"), -EINVAL);
	expect_sysfs("enabled", "0x0007\n");
	assert_int_equal(sysfs_write("kernel/mm/lru_gen/min_ttl_ms", "1000", 4), 0);
	expect_sysfs("min_ttl_ms", "1000\n");
	assert_int_equal(sysfs_write("kernel/mm/lru_gen/min_ttl_ms", "x", 1), -EINVAL);
	assert_int_equal(sysfs_write("kernel/mm/lru_gen/nosuch", "1", 1), -ENOENT);
	assert_int_equal(set_enabled("n"), 0);
	ptest_all_exit(t);
	check_all("exit");
}

static void test_fault_goes_to_youngest(void **state)
{
	struct ptest *t = *state;
	struct lru_gen_struct *lrugen = &node0_lruvec()->lrugen;
	unsigned long a, i;

	assert_int_equal(set_enabled("y"), 0);
	a = ptest_mmap(0, NPAGES * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	assert_int_equal(ptest_access(t->main, a, NPAGES * PAGE_SIZE, MMSIM_WRITE, 1), 0);
	lru_add_drain_all();
	check_all("faulted");
	for (i = 0; i < NPAGES; i++) {
		struct folio *folio = folio_at(t, a + i * PAGE_SIZE);
		int gen = folio ? folio_lru_gen(folio) : -2;

		if (gen != lru_gen_from_seq(lrugen->max_seq))
			fail_msg("page %lu: generation %d, expected the youngest %d (max_seq %lu)",
				 i, gen, lru_gen_from_seq(lrugen->max_seq), lrugen->max_seq);
	}
	assert_int_equal(set_enabled("n"), 0);
	ptest_all_exit(t);
	check_all("exit");
}

static unsigned long count_present(struct ptest *t, unsigned long a, unsigned long n)
{
	unsigned long i, c = 0;

	for (i = 0; i < n; i++)
		c += folio_at(t, a + i * PAGE_SIZE) != NULL;
	return c;
}

static void age(const char *step)
{
	struct lru_gen_struct *lrugen = &node0_lruvec()->lrugen;
	unsigned long max_seq = lrugen->max_seq;
	/* force_scan: MAX_NR_GENS generations exist, nothing was evicted yet */
	int ret = lru_gen_run_cmd('+', 0, max_seq, -1, 1);

	if (ret)
		fail_msg("%s: aging at max_seq %lu: %d", step, max_seq, ret);
	if (lrugen->max_seq != max_seq + 1)
		fail_msg("%s: max_seq %lu after aging, expected %lu", step, lrugen->max_seq,
			 max_seq + 1);
	check_all(step);
}

/*
 * Exit every task, then evict everything: the written pages stay in the
 * swap cache after their task exits (free_swap_and_cache keeps the cache
 * while swap is not half full, as 6.1 does), so reclaim must free them
 * before ptest_all_exit looks for lost pages.
 */
static void exit_and_evict(void)
{
	struct lru_gen_struct *lrugen = &node0_lruvec()->lrugen;

	set_current(NULL);
	while (!list_empty(mmsim_task_list()))
		mmsim_exit(list_last_entry(mmsim_task_list(), struct task_struct, tasks));
	check_all("exited");
	for (int round = 0; round < 3; round++) {
		mmsim_swap_io_complete();
		lru_add_drain_all();
		assert_int_equal(lru_gen_run_cmd('-', 0, lrugen->max_seq - MIN_NR_GENS, 200,
						 ~0UL), 0);
		check_all("cache evicted");
	}
}

static void test_aging_and_eviction_order(void **state)
{
	struct ptest *t = *state;
	struct lru_gen_struct *lrugen = &node0_lruvec()->lrugen;
	unsigned long a, b, seq_a, pswpout;
	int gen_a, gen_hot;

	assert_int_equal(set_enabled("y"), 0);
	a = ptest_mmap(0, NPAGES * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	b = ptest_mmap(0, NPAGES * PAGE_SIZE, PROT_RW, MAP_ANON_PRIV);
	assert_int_equal(ptest_access(t->main, a, NPAGES * PAGE_SIZE, MMSIM_WRITE, 0xa), 0);
	lru_add_drain_all();
	seq_a = lrugen->max_seq;
	age("aged after A");
	assert_int_equal(ptest_access(t->main, b, NPAGES * PAGE_SIZE, MMSIM_WRITE, 0xb), 0);
	lru_add_drain_all();
	age("aged after B");
	/* 16 pages of A used again: their PTEs are young for the next walk */
	assert_int_equal(ptest_access(t->main, a, 16 * PAGE_SIZE, MMSIM_WRITE, 0xc), 0);
	age("aged after A's 16");
	gen_a = folio_lru_gen(folio_at(t, a + 100 * PAGE_SIZE));
	gen_hot = folio_lru_gen(folio_at(t, a));
	if (gen_a != lru_gen_from_seq(seq_a))
		fail_msg("an unused page of A is in generation %d, expected %d (seq %lu)",
			 gen_a, lru_gen_from_seq(seq_a), seq_a);
	if (gen_hot != lru_gen_from_seq(lrugen->max_seq - 1))
		fail_msg("a page of A used again is in generation %d, expected %d (the walk "
			 "promotes it to the max_seq it ran at)", gen_hot,
			 lru_gen_from_seq(lrugen->max_seq - 1));

	pswpout = sum_vm_event(PSWPOUT);
	assert_int_equal(lru_gen_run_cmd('-', 0, seq_a, 200, 4 * NPAGES), 0);
	mmsim_swap_io_complete();
	check_all("evicted");
	if (sum_vm_event(PSWPOUT) - pswpout != NPAGES - 16)
		fail_msg("pswpout went up by %lu, expected %lu (A's unused pages)",
			 sum_vm_event(PSWPOUT) - pswpout, NPAGES - 16);
	if (count_present(t, a + 16 * PAGE_SIZE, NPAGES - 16))
		fail_msg("%lu of A's unused pages still mapped after eviction",
			 count_present(t, a + 16 * PAGE_SIZE, NPAGES - 16));
	if (count_present(t, a, 16) != 16)
		fail_msg("only %lu of A's 16 reused pages still mapped", count_present(t, a, 16));
	if (count_present(t, b, NPAGES) != NPAGES)
		fail_msg("only %lu of B's %lu pages still mapped (younger than A)",
			 count_present(t, b, NPAGES), NPAGES);
	exit_and_evict();
	assert_int_equal(set_enabled("n"), 0);
	check_all("disabled");
	ptest_all_exit(t);
	check_all("exit");
}

/*
 * A seeded pressure run with MGLRU on: anonymous regions written until
 * more than RAM was asked for, some read back, some marked cold, some
 * freed, scheduling points (kswapd, the disk's completions) between;
 * every validator after every step, every write succeeds, pages go to
 * swap, and what went to swap reads back intact.
 */
static void test_pressure_stress(void **state)
{
	struct ptest *t = *state;
	unsigned long ram = totalram_pages() << PAGE_SHIFT, asked = 0, first = 0;
	u64 seed = 0x9e3779b97f4a7c15ULL;
	char step[64];
	int i;

	assert_int_equal(set_enabled("y"), 0);
	for (i = 0; asked < ram - (16UL << 20); i++) {   /* the kernel holds some: swap is needed */
		unsigned long len = ((ptest_xorshift(&seed) % 4096) + 1024) << PAGE_SHIFT;
		unsigned long r = ptest_mmap(0, len, PROT_RW, MAP_ANON_PRIV);

		snprintf(step, sizeof(step), "step %d", i);
		assert_false(IS_ERR_VALUE(r));
		if (!first) {
			first = r;
			assert_int_equal(ptest_access(t->main, r, 256 * PAGE_SIZE, MMSIM_FILL, 0x3c),
					 0);
		}
		if (ptest_access(t->main, r, len, MMSIM_WRITE, (u8)(i + 1)))
			fail_msg("%s: write of %lu KiB failed after %lu KiB asked (pswpout %lu, "
				 "free swap pages %ld, oom_kill %lu)", step, len >> 10, asked >> 10,
				 sum_vm_event(PSWPOUT), get_nr_swap_pages(),
				 sum_vm_event(OOM_KILL));
		asked += len;
		switch (ptest_xorshift(&seed) % 4) {
		case 0:
			do_madvise(t->main->mm, r, len / 2, MADV_COLD);
			break;
		case 1:
			ptest_access(t->main, first, 64 * PAGE_SIZE, MMSIM_READ, 0);
			break;
		case 2:
			do_madvise(t->main->mm, r + len / 2, len / 2, MADV_DONTNEED);
			asked -= len / 2;
			break;
		default:
			schedule_sim_point();
			break;
		}
		check_all(step);
	}
	if (!sum_vm_event(PSWPOUT))
		fail_msg("nothing went to swap after asking %lu KiB of %lu KiB RAM", asked >> 10,
			 ram >> 10);
	/* the first region's first 256 pages were filled with 0x3c, then byte 0 of each set to 1 */
	assert_int_equal(ptest_access(t->main, first + 1, PAGE_SIZE - 1, MMSIM_CHECK, 0x3c), 0);
	assert_int_equal(ptest_access(t->main, first + 255 * PAGE_SIZE + 1, PAGE_SIZE - 1,
				      MMSIM_CHECK, 0x3c), 0);
	check_all("read back");
	exit_and_evict();
	assert_int_equal(set_enabled("n"), 0);
	check_all("disabled");
	ptest_all_exit(t);
	check_all("exit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_enable_disable_moves, lru_gen_setup,
						ptest_teardown),
		cmocka_unit_test_setup_teardown(test_fault_goes_to_youngest, lru_gen_setup,
						ptest_teardown),
		cmocka_unit_test_setup_teardown(test_aging_and_eviction_order, lru_gen_setup,
						ptest_teardown),
		cmocka_unit_test_setup_teardown(test_pressure_stress, lru_gen_setup,
						ptest_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

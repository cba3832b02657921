// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_buddy_wmark.c — min_free_kbytes, watermarks, lowmem
 * reserves, the THP raise, watermark checks, GFP zone modifiers, vmstat
 * counters and the allocation-failure report.
 *
 * The default buddy machine (DMA [1,0x1000) DMA32 [0x1000,0x2000) Normal
 * [0x2000,0x4000), 2 CPUs) gives, worked by hand from 6.1's formulas:
 *
 *   min_free_kbytes = int_sqrt(16 * 16383 * 4) = 1023  -> pages_min 255
 *   zone     managed  min  low  high  lowmem_reserve        pcp high/batch
 *   DMA      4095     63   78   93    0 16 48 48 48         39 / 1
 *   DMA32    4096     63   78   93    0  0 32 32 32         39 / 1
 *   Normal   8192    127  158  189    0  0  0  0  0         79 / 1
 *
 * The oracle tests put a zone layout of a real boot (1 GiB, Debian 6.1)
 * into the zone counters and expect that boot's /proc/zoneinfo figures.
 */
#include "testmachine.h"
#include "buddy_machine.h"

#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"

#include <stdio.h>
#include <string.h>

static void check_wmarks(const char *zone, struct zone *z, unsigned long min,
			 unsigned long low, unsigned long high)
{
	char field[64];

	snprintf(field, sizeof(field), "%s min", zone);
	CHECK_EQ(field, min, min_wmark_pages(z));
	snprintf(field, sizeof(field), "%s low", zone);
	CHECK_EQ(field, low, low_wmark_pages(z));
	snprintf(field, sizeof(field), "%s high", zone);
	CHECK_EQ(field, high, high_wmark_pages(z));
}

static void check_pcp(const char *zone, struct zone *z, int high, int batch)
{
	char field[64];
	int cpu;

	for (cpu = 0; cpu < 2; cpu++) {
		snprintf(field, sizeof(field), "%s cpu%d pcp high", zone, cpu);
		CHECK_EQ(field, high, zone_pcp(z, cpu)->high);
		snprintf(field, sizeof(field), "%s cpu%d pcp batch", zone, cpu);
		CHECK_EQ(field, batch, zone_pcp(z, cpu)->batch);
	}
}

/* The table in the file comment. */
static void test_default_watermarks(void **state)
{
	struct zone *dma = bm_zone(0, ZONE_DMA), *dma32 = bm_zone(0, ZONE_DMA32);
	struct zone *normal = bm_zone(0, ZONE_NORMAL);
	static const long dma_reserve[] = { 0, 16, 48, 48, 48 };
	static const long dma32_reserve[] = { 0, 0, 32, 32, 32 };
	int i;

	CHECK_EQ("min_free_kbytes", 1023, min_free_kbytes);
	check_wmarks("DMA", dma, 63, 78, 93);
	check_wmarks("DMA32", dma32, 63, 78, 93);
	check_wmarks("Normal", normal, 127, 158, 189);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		CHECK_EQ("DMA lowmem_reserve", dma_reserve[i], dma->lowmem_reserve[i]);
		CHECK_EQ("DMA32 lowmem_reserve", dma32_reserve[i], dma32->lowmem_reserve[i]);
		CHECK_EQ("Normal lowmem_reserve", 0, normal->lowmem_reserve[i]);
	}
	CHECK_EQ("totalreserve_pages", (48 + 93) + (32 + 93) + 189,
		 current_machine->mm.totalreserve_pages);
	check_pcp("DMA", dma, 39, 1);
	check_pcp("Normal", normal, 79, 1);
	CHECK_EQ("DMA stat_threshold", 4, zone_pzstats(dma, 1)->stat_threshold);
	CHECK_EQ("no drift mark", 0, normal->percpu_drift_mark);
	CHECK_VALID();
}

/* Put a zone layout of a real boot into the counters: sizes only. */
static void fake_zone(struct zone *z, unsigned long present, unsigned long managed)
{
	z->present_pages = present;
	z->managed_pages.counter = (long)managed;
}

/*
 * The 1 GiB Debian boot (oracle nokaslr/m1G-smp2-pc): two zones, THP
 * on.  The managed counts are those the boot had when khugepaged started
 * (DMA 3840, DMA32 240160: later frees of init memory grow DMA32 to the
 * 242034 zoneinfo shows, without new watermarks).  Expect the THP raise
 * to 2 zones * 11 pageblocks = 45056 kB and zoneinfo's
 *   DMA   min 177 low 221 high 265, pcp high 110 batch 1, threshold 4
 *   DMA32 min 11086 low 13857 high 16628, pcp high 6928 batch 63, threshold 16
 */
static void test_oracle_1g(void **state)
{
	struct zone *dma = bm_zone(0, ZONE_DMA), *dma32 = bm_zone(0, ZONE_DMA32);

	fake_zone(dma, 3998, 3840);
	fake_zone(dma32, 258016, 240160);
	fake_zone(bm_zone(0, ZONE_NORMAL), 0, 0);
	init_per_zone_wmark_min();
	start_stop_khugepaged();
	CHECK_EQ("min_free_kbytes", 45056, min_free_kbytes);
	check_wmarks("DMA", dma, 177, 221, 265);
	check_wmarks("DMA32", dma32, 11086, 13857, 16628);
	check_pcp("DMA", dma, 110, 1);
	check_pcp("DMA32", dma32, 6928, 63);
	CHECK_EQ("DMA threshold", 4, zone_pzstats(dma, 0)->stat_threshold);
	CHECK_EQ("DMA32 threshold", 16, zone_pzstats(dma32, 0)->stat_threshold);
	CHECK_EQ("DMA protection[DMA32]", 240160 / 256, dma->lowmem_reserve[ZONE_DMA32]);
}

/*
 * Per-CPU sizes of other oracle zones (managed -> batch): 16578 -> 3
 * (128M), 113202 -> 31 (512M), 754602 -> 63 (4G); 3840 -> 1.
 */
static void test_oracle_batch(void **state)
{
	struct zone *z = bm_zone(0, ZONE_NORMAL);
	static const unsigned long managed[] = { 3840, 16578, 113202, 754602 };
	static const int batch[] = { 1, 3, 31, 63 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(managed); i++) {
		z->managed_pages.counter = (long)managed[i];
		CHECK_EQ("zone_batchsize", batch[i], max(1, zone_batchsize(z)));
	}
}

/* The kernel's table: 16MB 512k, 64MB 1024k, 1G 4096k, 16G 16384k; clamps. */
static void test_min_free_kbytes(void **state)
{
	static const unsigned long mb[] = { 16, 64, 1024, 16384, 1 };
	static const int kb[] = { 512, 1024, 4096, 16384, 128 };
	struct zone *z;
	size_t i;

	for_each_zone(z) {
		z->managed_pages.counter = 0;
		memset(z->_watermark, 0, sizeof(z->_watermark));
	}
	z = bm_zone(0, ZONE_NORMAL);
	for (i = 0; i < ARRAY_SIZE(mb); i++) {
		z->managed_pages.counter = (long)(mb[i] << (20 - PAGE_SHIFT));
		calculate_min_free_kbytes();
		CHECK_EQ("min_free_kbytes", kb[i], min_free_kbytes);
	}
	current_machine->mm.user_min_free_kbytes = 100000;
	calculate_min_free_kbytes();
	CHECK_EQ("user value kept", 128, min_free_kbytes);
}

/*
 * THP: hugepage_init() leaves it off below 512 MiB (min_free_kbytes
 * stays); started anyway, khugepaged raises min_free_kbytes to the
 * recommendation, capped at 5% of nr_free_buffer_pages():
 * (4002 + 4003 + 8003) / 20 = 800 pages = 3200 kB.
 */
static void test_thp_raise_capped(void **state)
{
	CHECK_EQ("hugepage_init", 0, hugepage_init());
	CHECK_EQ("THP off on a small machine", 0, hugepage_flags_enabled());
	CHECK_EQ("min_free_kbytes unchanged", 1023, min_free_kbytes);
	thp_flags_init();
	CHECK_EQ("nr_free_buffer_pages", 16008, nr_free_buffer_pages());
	start_stop_khugepaged();
	CHECK_EQ("min_free_kbytes raised", 3200, min_free_kbytes);
	CHECK_EQ("DMA min", 800 * 4095 / 16383, min_wmark_pages(bm_zone(0, ZONE_DMA)));
	CHECK_VALID();
}

/*
 * __zone_watermark_ok() on DMA (min 63, protection 48 against Normal
 * requests): free must exceed min + protection; ALLOC_HIGH takes half of
 * min off, ALLOC_HARDER a quarter; the highatomic reserve does not count
 * unless ALLOC_HARDER; order > 0 needs a free block that large.
 */
static void test_watermark_checks(void **state)
{
	struct zone *dma = bm_zone(0, ZONE_DMA);
	int normal = ZONE_NORMAL, d = ZONE_DMA;

	CHECK_EQ("DMA request at min+1", 1, __zone_watermark_ok(dma, 0, 63, d, 0, 64));
	CHECK_EQ("DMA request at min", 0, __zone_watermark_ok(dma, 0, 63, d, 0, 63));
	CHECK_EQ("Normal request below protection", 0,
		 __zone_watermark_ok(dma, 0, 63, normal, 0, 63 + 48));
	CHECK_EQ("Normal request above protection", 1,
		 __zone_watermark_ok(dma, 0, 63, normal, 0, 63 + 48 + 1));
	CHECK_EQ("ALLOC_HIGH: min - min/2", 1,
		 __zone_watermark_ok(dma, 0, 63, d, ALLOC_HIGH, 33));
	CHECK_EQ("ALLOC_HIGH below", 0, __zone_watermark_ok(dma, 0, 63, d, ALLOC_HIGH, 32));
	CHECK_EQ("ALLOC_HARDER: min - min/4", 1,
		 __zone_watermark_ok(dma, 0, 63, d, ALLOC_HARDER, 49));
	CHECK_EQ("ALLOC_HARDER below", 0,
		 __zone_watermark_ok(dma, 0, 63, d, ALLOC_HARDER, 48));
	CHECK_EQ("both", 1, __zone_watermark_ok(dma, 0, 63, d, ALLOC_HIGH | ALLOC_HARDER, 25));

	dma->nr_reserved_highatomic = 100;
	CHECK_EQ("reserve subtracted", 0, __zone_watermark_ok(dma, 0, 63, d, 0, 163));
	CHECK_EQ("reserve subtracted, above", 1, __zone_watermark_ok(dma, 0, 63, d, 0, 164));
	CHECK_EQ("reserve usable with ALLOC_HARDER", 1,
		 __zone_watermark_ok(dma, 0, 63, d, ALLOC_HARDER, 64));
	dma->nr_reserved_highatomic = 0;

	CHECK_EQ("order 10: an o10 block is free", 1,
		 __zone_watermark_ok(dma, 10, 63, d, 0, 4095));
	CHECK_EQ("order 10 counts (2^order - 1) as unusable", 0,
		 __zone_watermark_ok(dma, 10, 63, d, 0, 63 + 1023));
	while (dma->free_area[10].nr_free)
		alloc_pages(GFP_KERNEL | __GFP_DMA | __GFP_MOVABLE, 10);
	CHECK_EQ("order 10: none left", 0, __zone_watermark_ok(dma, 10, 63, d, 0, 4095));
	CHECK_EQ("order 9 still there", 1, __zone_watermark_ok(dma, 9, 63, d, 0, 4095));
	CHECK_VALID();
}

/*
 * Protection in action: with DMA32 and Normal used up, GFP_KERNEL may
 * take DMA only down to min + 48 (give or take the per-CPU counter
 * drift of 2 CPUs * threshold 4); __GFP_DMA requests go down to min.
 */
static void test_lowmem_reserve_protects_dma(void **state)
{
	struct zone *dma = bm_zone(0, ZONE_DMA);
	unsigned long free;
	int i;

	/* fill DMA32, then Normal, keeping the lower zones out of the fast path */
	dma->watermark_boost = 1UL << 20;
	for (i = 0; i < 8; i++)
		alloc_pages(GFP_USER | __GFP_MOVABLE | __GFP_DMA32 | __GFP_MEMALLOC |
			    __GFP_NOWARN, pageblock_order);
	bm_zone(0, ZONE_DMA32)->watermark_boost = 1UL << 20;
	for (i = 0; i < 16; i++)
		alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_MEMALLOC | __GFP_NOWARN,
			    pageblock_order);
	dma->watermark_boost = 0;
	bm_zone(0, ZONE_DMA32)->watermark_boost = 0;
	CHECK_EQ("DMA32 full", 0, zone_page_state_snapshot(bm_zone(0, ZONE_DMA32), NR_FREE_PAGES));
	CHECK_EQ("Normal full", 0, zone_page_state_snapshot(bm_zone(0, ZONE_NORMAL), NR_FREE_PAGES));
	while (alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))
		;
	drain_all_pages(NULL);
	free = zone_page_state_snapshot(dma, NR_FREE_PAGES);
	CHECK_EQ("GFP_KERNEL left DMA's min + protection", 1,
		 free + 8 >= 63 + 48 && free <= 63 + 48 + 8);
	while (alloc_pages(GFP_KERNEL | __GFP_DMA | __GFP_NOWARN, 0))
		;
	drain_all_pages(NULL);
	free = zone_page_state_snapshot(dma, NR_FREE_PAGES);
	CHECK_EQ("GFP_DMA went down to min", 1, free + 8 >= 63 && free <= 63 + 8);
	CHECK_VALID();
}

/* gfp_zone(): the highest zone of each modifier; where allocations land. */
static void test_gfp_zone_modifiers(void **state)
{
	struct page *p;

	CHECK_EQ("none", ZONE_NORMAL, gfp_zone(GFP_KERNEL));
	CHECK_EQ("__GFP_DMA", ZONE_DMA, gfp_zone(GFP_KERNEL | __GFP_DMA));
	CHECK_EQ("__GFP_DMA32", ZONE_DMA32, gfp_zone(GFP_KERNEL | __GFP_DMA32));
	CHECK_EQ("__GFP_HIGHMEM (no HighMem: Normal)", ZONE_NORMAL,
		 gfp_zone(GFP_KERNEL | __GFP_HIGHMEM));
	CHECK_EQ("__GFP_MOVABLE", ZONE_NORMAL, gfp_zone(GFP_KERNEL | __GFP_MOVABLE));
	CHECK_EQ("GFP_HIGHUSER_MOVABLE", ZONE_MOVABLE, gfp_zone(GFP_HIGHUSER_MOVABLE));
	CHECK_EQ("__GFP_DMA32|__GFP_MOVABLE", ZONE_DMA32,
		 gfp_zone(__GFP_DMA32 | __GFP_MOVABLE));

	p = alloc_pages(GFP_KERNEL | __GFP_DMA, 0);
	CHECK_EQ("GFP_DMA lands in DMA", ZONE_DMA, page_zonenum(p));
	p = alloc_pages(GFP_KERNEL | __GFP_DMA32, 0);
	CHECK_EQ("GFP_DMA32 lands in DMA32", ZONE_DMA32, page_zonenum(p));
	p = alloc_pages(GFP_KERNEL, 0);
	CHECK_EQ("GFP_KERNEL lands in Normal", ZONE_NORMAL, page_zonenum(p));
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	CHECK_EQ("GFP_HIGHUSER_MOVABLE falls to Normal", ZONE_NORMAL, page_zonenum(p));
	CHECK_VALID();
}

/*
 * The failure report: a fourth order-10 GFP_DMA request (DMA has three
 * order-10 blocks) fails, and the kernel's lines follow.
 */
static void test_failure_report(void **state)
{
	struct machine *m = *state;
	size_t from;
	char *log;
	int i;

	for (i = 0; i < 3; i++)
		CHECK_EQ("o10 from DMA", 1, alloc_pages(GFP_KERNEL | __GFP_DMA, 10) != NULL);
	from = m->log.nr;
	CHECK_EQ("fourth fails", 0, alloc_pages(GFP_KERNEL | __GFP_DMA, 10) != NULL);
	log = bm_log_since(m, from);
	CHECK_EQ("first line", 1, strncmp(log,
		 "swapper/0: page allocation failure: order:10, "
		 "mode:0xcc1(GFP_KERNEL|GFP_DMA), nodemask=(null),cpuset=/,mems_allowed=0\n",
		 strlen("swapper/0: page allocation failure: order:10, "
			"mode:0xcc1(GFP_KERNEL|GFP_DMA), nodemask=(null),cpuset=/,mems_allowed=0\n")) == 0);
	CHECK_EQ("CPU line", 1, strstr(log, "\nCPU: 0 PID: 0 Comm: swapper/0 Not tainted 6.1.0-56-amd64 #1  Debian 6.1.192-2\n") != NULL);
	CHECK_EQ("Call Trace", 1, strstr(log, "\nCall Trace:\n <TASK>\n") != NULL);
	CHECK_EQ("Mem-Info", 1, strstr(log, "\nMem-Info:\nactive_anon:0 inactive_anon:0 isolated_anon:0\n") != NULL);
	CHECK_EQ("DMA zone line", 1, strstr(log, "\nNode 0 DMA free:") != NULL);
	CHECK_EQ("DMA lowmem_reserve", 1, strstr(log, "\nlowmem_reserve[]: 0 16 48 48 48\n") != NULL);
	CHECK_EQ("DMA free blocks", 1, strstr(log, "\nNode 0 DMA: 1*4kB (U) 1*8kB (U) 1*16kB (U) ") != NULL);
	CHECK_EQ("only zones up to DMA", 0, strstr(log, "Node 0 DMA32:") != NULL);
	CHECK_EQ("pages RAM", 1, strstr(log, "\n16383 pages RAM\n") != NULL);
	if (!strstr(log, "\n16383 pages RAM\n"))
		print_message("%s", log);
	host_free(log);

	from = m->log.nr;
	CHECK_EQ("__GFP_NOWARN fails silently", 0,
		 alloc_pages(GFP_KERNEL | __GFP_DMA | __GFP_NOWARN, 10) != NULL);
	CHECK_EQ("no log", from, m->log.nr);
	CHECK_VALID();
}

/* The sysctl writes: ranges, and their effect on the zones. */
static void test_sysctls(void **state)
{
	struct zone *dma = bm_zone(0, ZONE_DMA);
	int ratios[] = { 128, 0, 32, 0, 0 };

	CHECK_EQ("negative min_free_kbytes", -EINVAL, min_free_kbytes_sysctl_write(-1));
	CHECK_EQ("min_free_kbytes 2046", 0, min_free_kbytes_sysctl_write(2046));
	CHECK_EQ("DMA min doubled", 511 * 4095 / 16383, min_wmark_pages(dma));
	CHECK_EQ("user value remembered", 2046, current_machine->mm.user_min_free_kbytes);
	CHECK_EQ("scale factor 0 refused", -EINVAL, watermark_scale_factor_sysctl_write(0));
	CHECK_EQ("scale factor 3001 refused", -EINVAL, watermark_scale_factor_sysctl_write(3001));
	CHECK_EQ("scale factor 1000", 0, watermark_scale_factor_sysctl_write(1000));
	CHECK_EQ("DMA low: 10% of managed above min", 127 + 409, low_wmark_pages(dma));
	CHECK_EQ("ratios", 0, lowmem_reserve_ratio_sysctl_write(ratios, 5));
	CHECK_EQ("DMA protection against DMA32", 4096 / 128, dma->lowmem_reserve[ZONE_DMA32]);
	CHECK_EQ("DMA32 unprotected (ratio 0)", 0,
		 bm_zone(0, ZONE_DMA32)->lowmem_reserve[ZONE_NORMAL]);
	CHECK_VALID();
}

/* gfp flag names as %pGg prints them, leftover bits in hex. */
static void test_gfp_flag_names(void **state)
{
	char buf[256];

	CHECK_STR("GFP_KERNEL", "GFP_KERNEL", format_gfp_flags(GFP_KERNEL, buf, sizeof(buf)));
	CHECK_STR("GFP_ATOMIC|__GFP_NOWARN", "GFP_ATOMIC|__GFP_NOWARN",
		  format_gfp_flags(GFP_ATOMIC | __GFP_NOWARN, buf, sizeof(buf)));
	CHECK_STR("GFP_HIGHUSER_MOVABLE|__GFP_COMP", "GFP_HIGHUSER_MOVABLE|__GFP_COMP",
		  format_gfp_flags(GFP_HIGHUSER_MOVABLE | __GFP_COMP, buf, sizeof(buf)));
	CHECK_STR("GFP_TRANSHUGE", "GFP_TRANSHUGE", format_gfp_flags(GFP_TRANSHUGE, buf, sizeof(buf)));
	CHECK_STR("GFP_NOWAIT|__GFP_ZERO", "GFP_NOWAIT|__GFP_ZERO",
		  format_gfp_flags(GFP_NOWAIT | __GFP_ZERO, buf, sizeof(buf)));
	CHECK_STR("unknown bit", "GFP_KERNEL|0x4000000",
		  format_gfp_flags(GFP_KERNEL | 0x4000000, buf, sizeof(buf)));
	CHECK_STR("none", "", format_gfp_flags(0, buf, sizeof(buf)));
}

/*
 * vmstat: NR_FREE_PAGES with the CPU deltas equals the free lists; the
 * NUMA events count one per allocation, PGALLOC and PGFREE count pages.
 */
static void test_vmstat_counters(void **state)
{
	struct zone *normal = bm_zone(0, ZONE_NORMAL);
	unsigned long boot_pgfree = sum_vm_event(PGFREE);
	struct page *p[10];
	int i;

	CHECK_EQ("boot frees count in pgfree", 16383, boot_pgfree);
	for (i = 0; i < 10; i++)
		p[i] = alloc_pages(GFP_KERNEL, i % 2);
	fold_vm_numa_events();
	CHECK_EQ("numa_hit", 10, zone_numa_event_state(normal, NUMA_HIT));
	CHECK_EQ("numa_local", 10, zone_numa_event_state(normal, NUMA_LOCAL));
	CHECK_EQ("numa_miss", 0, zone_numa_event_state(normal, NUMA_MISS));
	CHECK_EQ("pgalloc_normal", 15, sum_vm_event(PGALLOC_BASE + ZONE_NORMAL));
	for (i = 0; i < 10; i++)
		__free_pages(p[i], i % 2);
	CHECK_EQ("pgfree", boot_pgfree + 15, sum_vm_event(PGFREE));
	CHECK_VALID();
	drain_all_pages(NULL);
	vm_stats_fold_all();
	CHECK_EQ("NR_FREE_PAGES folded", 16383, global_zone_page_state(NR_FREE_PAGES));
	CHECK_EQ("nr_free_pages()", 16383, nr_free_pages());
	CHECK_VALID();
}

/*
 * Two nodes: node 0 (DMA, DMA32, CPU 0) and node 1 (Normal, CPU 1).  A
 * Normal request from CPU 0 prefers node 0's zonelist, whose Normal zone
 * is node 1's: numa_miss on node 1, numa_foreign on the preferred zone.
 */
static void test_numa_events(void **state)
{
	struct buddy_machine_desc d;
	struct zone *n1;
	struct page *p;

	bm_machine_destroy(*state);
	bm_desc_two_nodes(&d);
	bm_setup_desc(state, &d);
	n1 = bm_zone(1, ZONE_NORMAL);
	p = alloc_pages_node(1, GFP_KERNEL, 0);
	CHECK_EQ("node of page", 1, page_to_nid(p));
	fold_vm_numa_events();
	CHECK_EQ("node 1 numa_hit", 1, zone_numa_event_state(n1, NUMA_HIT));
	CHECK_EQ("node 1 numa_other (CPU 0 is on node 0)", 1,
		 zone_numa_event_state(n1, NUMA_OTHER));
	p = alloc_pages_node(0, GFP_KERNEL, 0);
	CHECK_EQ("node 0 request, first zone DMA32", ZONE_DMA32, page_zonenum(p));
	CHECK_EQ("pcp high: the low mark over the node's one CPU",
		 max(low_wmark_pages(n1), 4UL * (unsigned long)zone_pcp(n1, 0)->batch),
		 zone_pcp(n1, 0)->high);
	CHECK_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		BM_TEST(test_default_watermarks),
		BM_TEST(test_oracle_1g),
		BM_TEST(test_oracle_batch),
		BM_TEST(test_min_free_kbytes),
		BM_TEST(test_thp_raise_capped),
		BM_TEST(test_watermark_checks),
		BM_TEST(test_lowmem_reserve_protects_dma),
		BM_TEST(test_gfp_zone_modifiers),
		BM_TEST(test_failure_report),
		BM_TEST(test_sysctls),
		BM_TEST(test_gfp_flag_names),
		BM_TEST(test_vmstat_counters),
		BM_TEST(test_numa_events),
	};
	return cmocka_run_group_tests_name("buddy_wmark", tests, NULL, NULL);
}

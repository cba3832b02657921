// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_pcp.c — per-CPU page lists: sizes, refill, the freeing
 * batches, drains (local and of another simulated CPU), the boot
 * pagesets, the trylock fallback and percpu_pagelist_high_fraction.
 *
 * The machine has a Normal zone large enough for a real batch:
 *
 *   pfn 1       0x1000                                   0x21000
 *       |  DMA  |            Normal (131072 pages)          |   2 CPUs
 *
 *   min_free_kbytes = int_sqrt(16 * 135167 * 4) = 2941 -> pages_min 735
 *   Normal: min 712 low 890 high 1068; batch 31, pcp high 890 / 2 = 445
 *   DMA:    min 22  low 27;            batch 1,  pcp high 13
 */
#include "testmachine.h"
#include "buddy_machine.h"

#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"

#define NORMAL_END 0x21000UL
#define HIGH 445
#define BATCH 31

static int setup_pcp_machine(void **state)
{
	struct buddy_machine_desc d;

	bm_desc_default(&d);
	d.ram_size = PFN_PHYS(NORMAL_END);
	d.nodes[0].nr_zones = 2;
	d.nodes[0].zones[1] = (struct bm_zone){ 2 /* Normal */, 0x1000, NORMAL_END };
	return bm_setup_desc(state, &d);
}

static int setup_boot_pagesets(void **state)
{
	struct buddy_machine_desc d;

	bm_desc_default(&d);
	d.skip_pagesets = true;
	return bm_setup_desc(state, &d);
}

#define PCP_TEST(f) cmocka_unit_test_setup_teardown(f, setup_pcp_machine, bm_teardown)

static struct zone *normal(void)
{
	return bm_zone(0, ZONE_NORMAL);
}

static struct per_cpu_pages *pcp(int cpu)
{
	return zone_pcp(normal(), cpu);
}

static unsigned long normal_free(void)
{
	return zone_page_state_snapshot(normal(), NR_FREE_PAGES);
}

/* The sizes of the file comment, the same on both CPUs. */
static void test_pcp_sizes(void **state)
{
	int cpu;

	CHECK_EQ("min_free_kbytes", 2941, min_free_kbytes);
	CHECK_EQ("Normal low", 890, low_wmark_pages(normal()));
	for (cpu = 0; cpu < 2; cpu++) {
		CHECK_EQ("Normal batch", BATCH, pcp(cpu)->batch);
		CHECK_EQ("Normal high", HIGH, pcp(cpu)->high);
		CHECK_EQ("DMA batch", 1, zone_pcp(bm_zone(0, ZONE_DMA), cpu)->batch);
		CHECK_EQ("DMA high", 13, zone_pcp(bm_zone(0, ZONE_DMA), cpu)->high);
		CHECK_EQ("empty", 0, pcp(cpu)->count);
	}
	CHECK_EQ("zone pageset_batch", BATCH, normal()->pageset_batch);
	CHECK_VALID();
}

/*
 * An empty list is refilled with batch >> order blocks (at least 2 for
 * order > 0): order 0: 31 pages, one taken; order 1: 15 blocks; order 3:
 * 3 blocks; THP order 9: 2 blocks.  NR_FREE_PAGES drops by what moved.
 */
static void test_pcp_refill(void **state)
{
	unsigned long free0 = normal_free();
	struct page *p;

	p = alloc_pages(GFP_KERNEL, 0);
	CHECK_EQ("order 0 from Normal", ZONE_NORMAL, page_zonenum(p));
	CHECK_EQ("count after order-0 refill", BATCH - 1, pcp(0)->count);
	CHECK_EQ("order-0 unmovable list", BATCH - 1,
		 list_count_nodes(&pcp(0)->lists[order_to_pindex(MIGRATE_UNMOVABLE, 0)]));
	CHECK_EQ("NR_FREE_PAGES", free0 - BATCH, normal_free());
	alloc_pages(GFP_KERNEL, 1);
	CHECK_EQ("order-1 refill: 15 blocks", BATCH - 1 + 15 * 2 - 2, pcp(0)->count);
	alloc_pages(GFP_KERNEL, 3);
	CHECK_EQ("order-3 refill: 3 blocks", BATCH - 1 + 28 + 3 * 8 - 8, pcp(0)->count);
	alloc_pages(GFP_HIGHUSER_MOVABLE, pageblock_order);
	CHECK_EQ("THP refill: 2 blocks", 74 + 512, pcp(0)->count);
	CHECK_EQ("other CPU untouched", 0, pcp(1)->count);
	CHECK_VALID();
}

/*
 * Freeing without allocating: each time the list reaches high, a batch
 * goes back, doubling each time (free_factor), capped at high - batch:
 * 31, 62, 124, 248, 414, 414.  An allocation halves free_factor.
 */
static void test_pcp_free_batches(void **state)
{
	static const int expect[] = { 31, 62, 124, 248, 414, 414 };
	struct page **pages = host_alloc(4000 * sizeof(*pages)), *extra;
	int i, n = 0, last;

	for (i = 0; i < 4000; i++)
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	drain_local_pages(normal());
	last = pcp(0)->count;
	for (i = 0; i < 4000 && n < (int)ARRAY_SIZE(expect); i++) {
		__free_pages(pages[i], 0);
		CHECK_EQ("count stays below high", 1, pcp(0)->count < HIGH);
		if (pcp(0)->count < last) {
			CHECK_EQ("pages freed back", expect[n], last + 1 - pcp(0)->count);
			n++;
		}
		last = pcp(0)->count;
	}
	CHECK_EQ("free_factor", 4, pcp(0)->free_factor);
	extra = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	CHECK_EQ("an allocation halves free_factor", 2, pcp(0)->free_factor);
	__free_pages(extra, 0);
	for (; i < 4000; i++)
		__free_pages(pages[i], 0);
	host_free(pages);
	CHECK_VALID();
}

/*
 * CONFIG_PCP_BATCH_SCALE_MAX (Debian 6.1: 5): with a high far above the
 * batch (percpu_pagelist_high_fraction 8: high 8192), free_factor stops
 * at 5, so each overflow gives back at most 31 << 5 = 992 pages, not
 * high - batch: 31, 62, 124, 248, 496, 992, 992.  A drain then empties
 * the list in pieces of at most 992 pages: the whole list still goes.
 */
static void test_pcp_batch_scale_max(void **state)
{
	static const int expect[] = { 31, 62, 124, 248, 496, 992, 992 };
	const int nr = 13000;
	struct page **pages = host_alloc((size_t)nr * sizeof(*pages));
	int i, n = 0, last;

	CHECK_EQ("Debian's scale max", 5, pa_state.cfg_pcp_batch_scale_max);
	CHECK_EQ("fraction 8", 0, percpu_pagelist_high_fraction_sysctl_write(8));
	for (i = 0; i < nr; i++)
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	drain_local_pages(normal());
	last = pcp(0)->count;
	for (i = 0; i < nr && n < (int)ARRAY_SIZE(expect); i++) {
		__free_pages(pages[i], 0);
		if (pcp(0)->count < last) {
			CHECK_EQ("pages freed back", expect[n], last + 1 - pcp(0)->count);
			n++;
		}
		last = pcp(0)->count;
	}
	CHECK_EQ("overflows seen", (int)ARRAY_SIZE(expect), n);
	CHECK_EQ("free_factor capped", 5, pcp(0)->free_factor);
	CHECK_EQ("more than one drain piece on the list", 1, pcp(0)->count > 992);
	drain_local_pages(normal());
	CHECK_EQ("drained in pieces, all of it", 0, pcp(0)->count);
	for (; i < nr; i++)
		__free_pages(pages[i], 0);
	host_free(pages);
	CHECK_EQ("fraction 0", 0, percpu_pagelist_high_fraction_sysctl_write(0));
	CHECK_VALID();
}

/*
 * While this CPU frees without allocating (free_factor > 0), an order
 * 1..3 block freed to the list sends the whole list back.
 */
static void test_pcp_free_high_order(void **state)
{
	struct page *pages[HIGH + 2], *big = alloc_pages(GFP_KERNEL, 2);
	int i;

	for (i = 0; i < HIGH + 2; i++)
		pages[i] = alloc_pages(GFP_KERNEL, 0);
	drain_local_pages(normal());
	for (i = 0; i < HIGH + 2; i++)
		__free_pages(pages[i], 0);
	CHECK_EQ("one batch freed: free_factor 1", 1, pcp(0)->free_factor);
	CHECK_EQ("pages kept", 1, pcp(0)->count > 0);
	__free_pages(big, 2);
	CHECK_EQ("order-2 free emptied the list", 0, pcp(0)->count);
	CHECK_VALID();
}

struct cpu_work {
	int nr;
};

static void fill_cpu_list(int cpu, void *arg)
{
	struct cpu_work *w = arg;
	struct page *pages[64];
	int i;

	for (i = 0; i < w->nr; i++)
		pages[i] = alloc_pages(GFP_KERNEL, 0);
	for (i = 0; i < w->nr; i++)
		__free_pages(pages[i], 0);
}

/*
 * CPU 1 (a host thread) fills its list; CPU 0 drains it from outside,
 * taking CPU 1's pcp lock, as drain_all_pages() does.
 */
static void test_drain_other_cpu(void **state)
{
	struct machine *m = *state;
	struct cpu_work w = { 40 };
	unsigned long free0 = normal_free();
	int cpus[] = { 1 };

	host_run_on_cpus(m, cpus, 1, fill_cpu_list, &w);
	CHECK_EQ("CPU 1 list filled", 1, pcp(1)->count >= 40);
	CHECK_EQ("CPU 0 list empty", 0, pcp(0)->count);
	drain_local_pages(NULL);
	CHECK_EQ("a local drain leaves CPU 1", 1, pcp(1)->count >= 40);
	drain_all_pages(normal());
	CHECK_EQ("CPU 1 drained", 0, pcp(1)->count);
	CHECK_EQ("free pages back", free0, normal_free());
	CHECK_VALID();
}

/*
 * A CPU whose list is locked (a drain in progress) allocates from the
 * buddy lists and frees to them directly: its list stays as it was.
 */
static void test_pcp_busy_falls_back(void **state)
{
	struct page *p;
	int count;

	__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
	count = pcp(0)->count;
	spin_lock(&pcp(0)->lock);
	p = alloc_pages(GFP_KERNEL, 0);
	CHECK_EQ("allocated anyway", 1, p != NULL);
	CHECK_EQ("list untouched by alloc", count, pcp(0)->count);
	__free_pages(p, 0);
	CHECK_EQ("list untouched by free", count, pcp(0)->count);
	spin_unlock(&pcp(0)->lock);
	CHECK_VALID();
}

/*
 * free_unref_page_list(): order-0 pages whose last reference is gone
 * (as release_pages() hands them over) to this CPU's lists.
 */
static void test_free_unref_page_list(void **state)
{
	LIST_HEAD(list);
	int i, count0;

	for (i = 0; i < 40; i++) {
		struct page *p = alloc_pages(GFP_KERNEL, 0);

		CHECK_EQ("last reference", 1, put_page_testzero(p));
		list_add(&p->lru, &list);
	}
	drain_local_pages(normal());
	count0 = pcp(0)->count;
	free_unref_page_list(&list);
	CHECK_EQ("all on the list", count0 + 40, pcp(0)->count);
	CHECK_VALID();
}

/*
 * percpu_pagelist_high_fraction = 8: high = managed / 8 over 2 CPUs;
 * 1..7 are refused; 0 goes back to the low watermark.
 */
static void test_high_fraction(void **state)
{
	CHECK_EQ("fraction 4 refused", -EINVAL, percpu_pagelist_high_fraction_sysctl_write(4));
	CHECK_EQ("fraction 8", 0, percpu_pagelist_high_fraction_sysctl_write(8));
	CHECK_EQ("Normal high", 131072 / 8 / 2, pcp(1)->high);
	CHECK_EQ("batch unchanged", BATCH, pcp(1)->batch);
	setup_per_zone_wmarks();
	CHECK_EQ("kept across a watermark update", 131072 / 8 / 2, pcp(1)->high);
	CHECK_EQ("fraction 0", 0, percpu_pagelist_high_fraction_sysctl_write(0));
	CHECK_EQ("back to the low mark", HIGH, pcp(1)->high);
	CHECK_VALID();
}

/*
 * More possible CPUs than the machine was made with (nr_cpu_ids from
 * the firmware's hotplug slots): setup_per_cpu_pageset() grows the
 * per-CPU storage and gives every possible CPU its lists.
 */
static void test_more_possible_cpus(void **state)
{
	struct buddy_machine_desc d;
	struct zone *z;

	bm_machine_destroy(*state);
	bm_desc_default(&d);
	d.skip_pagesets = true;
	d.skip_wmarks = true; /* computed once, after the pagesets, as at boot */
	bm_setup_desc(state, &d);
	nr_cpu_ids = 4;
	setup_per_cpu_pageset();
	init_per_zone_wmark_min();
	z = bm_zone(0, ZONE_NORMAL);
	CHECK_EQ("slots", 4, current_machine->mm.pa.nr_cpu_slots);
	CHECK_EQ("CPU 3 has lists", 79, zone_pcp(z, 3)->high);
	CHECK_EQ("unpopulated zones on the new boot pagesets", 1,
		 bm_zone(0, ZONE_MOVABLE)->per_cpu_pageset ==
		 current_machine->mm.pa.boot_pageset_ptrs);
	__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
	CHECK_VALID();
}

/*
 * Before setup_per_cpu_pageset() every zone shares the boot pagesets
 * (high 0, batch 1): pages pass through and none stay.
 */
static void test_boot_pagesets(void **state)
{
	struct zone *z = bm_zone(0, ZONE_NORMAL);
	struct page *p[8];
	int i;

	CHECK_EQ("boot pageset", 1, z->per_cpu_pageset ==
		 current_machine->mm.pa.boot_pageset_ptrs);
	CHECK_EQ("boot high", 0, zone_pcp(z, 0)->high);
	CHECK_EQ("boot batch", 1, zone_pcp(z, 0)->batch);
	for (i = 0; i < 8; i++) {
		p[i] = alloc_pages(GFP_KERNEL, i % 4);
		CHECK_EQ("nothing kept after alloc", 0, zone_pcp(z, 0)->count);
	}
	for (i = 0; i < 8; i++) {
		__free_pages(p[i], i % 4);
		CHECK_EQ("nothing kept after free", 0, zone_pcp(z, 0)->count);
	}
	CHECK_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		PCP_TEST(test_pcp_sizes),
		PCP_TEST(test_pcp_refill),
		PCP_TEST(test_pcp_free_batches),
		PCP_TEST(test_pcp_batch_scale_max),
		PCP_TEST(test_pcp_free_high_order),
		PCP_TEST(test_drain_other_cpu),
		PCP_TEST(test_pcp_busy_falls_back),
		PCP_TEST(test_free_unref_page_list),
		PCP_TEST(test_high_fraction),
		PCP_TEST(test_more_possible_cpus),
		cmocka_unit_test_setup_teardown(test_boot_pagesets,
						setup_boot_pagesets, bm_teardown),
	};
	return cmocka_run_group_tests_name("pcp", tests, NULL, NULL);
}

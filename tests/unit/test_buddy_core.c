// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_buddy_core.c — the buddy lists: how boot fills them,
 * splitting (expand), merging, the buddy pfn rule, refcounts, compound
 * pages, split_page, zeroing, exact allocations and pageblock flags.
 *
 * Every test runs on the default buddy machine (tests/common/buddy_machine.h):
 *
 *   pfn 0    1           0x1000          0x2000                   0x4000
 *       |rsv|    DMA      |     DMA32     |         Normal          |
 *
 * and ends with the validator.  Boot marks every pageblock that starts
 * inside a zone MIGRATE_MOVABLE; DMA's first block starts at pfn 0,
 * outside the zone, and stays MIGRATE_UNMOVABLE (as the kernel's does:
 * /proc/pagetypeinfo shows one Unmovable DMA block).  So unmovable
 * __GFP_DMA requests take DMA's small blocks [1, 0x200) and movable ones
 * the rest, neither needing a migrate-type fallback.
 */
#include "testmachine.h"
#include "buddy_machine.h"

#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"

#define DMA_MOVABLE (GFP_KERNEL | __GFP_DMA | __GFP_MOVABLE)
#define DMA_UNMOVABLE (GFP_KERNEL | __GFP_DMA)
#define NORMAL_MOVABLE (GFP_HIGHUSER_MOVABLE)

/* The pfn of the first block on @zone's order-@order list of @mt, or -1. */
static long first_free(struct zone *zone, unsigned int order, int mt)
{
	struct page *page = get_page_from_free_area(&zone->free_area[order], mt);

	return page ? (long)page_to_pfn(page) : -1;
}

static long last_free(struct zone *zone, unsigned int order, int mt)
{
	struct list_head *l = &zone->free_area[order].free_list[mt];

	return list_empty(l) ? -1 :
		(long)page_to_pfn(list_last_entry(l, struct page, buddy_list));
}

static unsigned long zone_free_list_pages(struct zone *zone)
{
	unsigned long n = 0;
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++)
		n += zone->free_area[order].nr_free << order;
	return n;
}

/*
 * The buddy rule: the buddy of the order-n block at pfn is pfn ^ 2^n,
 * and the merged block starts at pfn & buddy.
 *
 *   0x1000 o0 <-> 0x1001      0x1002 o1 <-> 0x1000      0x1400 o10 <-> 0x1000
 */
static void test_buddy_pfn(void **state)
{
	CHECK_EQ("buddy of 0x1000 o0", 0x1001, __find_buddy_pfn(0x1000, 0));
	CHECK_EQ("buddy of 0x1001 o0", 0x1000, __find_buddy_pfn(0x1001, 0));
	CHECK_EQ("buddy of 0x1002 o1", 0x1000, __find_buddy_pfn(0x1002, 1));
	CHECK_EQ("buddy of 0x1400 o10", 0x1000, __find_buddy_pfn(0x1400, 10));
	CHECK_EQ("merged 0x1003|0x1002", 0x1002, 0x1003UL & __find_buddy_pfn(0x1003, 0));
	CHECK_VALID();
}

/*
 * Boot hands DMA [1, 0x1000) over in aligned chunks, each to its list's
 * tail:  1 (o0), 2 (o1), 4 (o2), ... 0x100 (o8) in the Unmovable block 0,
 * 0x200 (o9), 0x400 0x800 0xc00 (o10) in Movable blocks.  Expect exactly
 * those blocks, and the counters (managed, present, NR_FREE_PAGES,
 * totalram) to agree.
 */
static void test_boot_free_lists(void **state)
{
	struct zone *dma = bm_zone(0, ZONE_DMA);
	unsigned int order;

	for (order = 0; order < pageblock_order; order++) {
		CHECK_EQ("DMA nr_free below order 9", 1, dma->free_area[order].nr_free);
		CHECK_EQ("DMA block pfn (Unmovable block 0)", 1UL << order,
			 first_free(dma, order, MIGRATE_UNMOVABLE));
	}
	CHECK_EQ("DMA o9 block", 0x200, first_free(dma, 9, MIGRATE_MOVABLE));
	CHECK_EQ("DMA nr_free[10]", 3, dma->free_area[10].nr_free);
	CHECK_EQ("first o10 block (freed first, tail)", 0x400,
		 first_free(dma, 10, MIGRATE_MOVABLE));
	CHECK_EQ("last o10 block", 0xc00, last_free(dma, 10, MIGRATE_MOVABLE));
	CHECK_EQ("pageblock 0", MIGRATE_UNMOVABLE,
		 get_pageblock_migratetype(pfn_to_page(1)));
	CHECK_EQ("pageblock 0x400", MIGRATE_MOVABLE,
		 get_pageblock_migratetype(pfn_to_page(0x400)));
	CHECK_EQ("DMA managed", 4095, zone_managed_pages(dma));
	CHECK_EQ("DMA present", 4095, dma->present_pages);
	CHECK_EQ("DMA spanned", 4095, dma->spanned_pages);
	CHECK_EQ("Normal nr_free[10]", 8, bm_zone(0, ZONE_NORMAL)->free_area[10].nr_free);
	CHECK_EQ("totalram_pages", 16383, totalram_pages());
	CHECK_EQ("NR_FREE_PAGES", 16383, global_zone_page_state(NR_FREE_PAGES));
	CHECK_VALID();
}

/*
 * expand(): an order-0 request in a zone of order-10 blocks splits the
 * first one, 0x2000, keeping 0x2000 and freeing the upper halves:
 *
 *   0x2000 [x][o0][ o1 ][  o2  ] ... [        o9        ]
 *
 * Expect 0x2001 (o0), 0x2002 (o1), ..., 0x2200 (o9) on the lists.
 */
static void test_expand(void **state)
{
	struct zone *normal = bm_zone(0, ZONE_NORMAL);
	struct page *page = alloc_pages(NORMAL_MOVABLE, 0);
	unsigned int order;

	CHECK_EQ("allocated pfn", 0x2000, page_to_pfn(page));
	CHECK_EQ("refcount", 1, page_ref_count(page));
	CHECK_EQ("not PageBuddy", 0, PageBuddy(page));
	for (order = 0; order < MAX_ORDER - 1; order++)
		CHECK_EQ("split remainder", 0x2000 + (1UL << order),
			 first_free(normal, order, MIGRATE_MOVABLE));
	CHECK_EQ("order-10 blocks left", 7, normal->free_area[10].nr_free);
	CHECK_VALID();
	__free_pages(page, 0);
	CHECK_VALID();
}

/*
 * Merging: the order-0 page freed back (through this CPU's list, then a
 * drain) finds its buddies free at every order and rebuilds the order-10
 * block.  Expect the Normal zone back to 8 order-10 blocks and nothing
 * below.
 */
static void test_merge_on_free(void **state)
{
	struct zone *normal = bm_zone(0, ZONE_NORMAL);
	struct page *page = alloc_pages(NORMAL_MOVABLE, 0);
	unsigned int order;

	__free_pages(page, 0);
	drain_local_pages(normal);
	for (order = 0; order < MAX_ORDER - 1; order++)
		CHECK_EQ("nr_free below 10", 0, normal->free_area[order].nr_free);
	CHECK_EQ("nr_free[10]", 8, normal->free_area[10].nr_free);
	CHECK_EQ("Normal free pages", 8192, zone_free_list_pages(normal));
	CHECK_VALID();
}

/*
 * No merge across a reserved page: DMA's pfn 1 has pfn 0 (reserved,
 * outside the zone) as buddy.  Expect it back on the order-0 list alone.
 */
static void test_no_merge_with_reserved(void **state)
{
	struct zone *dma = bm_zone(0, ZONE_DMA);
	struct page *page = alloc_pages(DMA_UNMOVABLE, 0);

	CHECK_EQ("allocated pfn", 1, page_to_pfn(page));
	__free_pages(page, 0);
	drain_local_pages(dma);
	CHECK_EQ("pfn 1 free again at order 0", 1, first_free(dma, 0, MIGRATE_UNMOVABLE));
	CHECK_EQ("DMA nr_free[0]", 1, dma->free_area[0].nr_free);
	CHECK_VALID();
}

/*
 * buddy_merge_likely(): a freed page that cannot merge, but whose
 * next-larger buddy is free, goes to the list tail.
 *
 *   0x2000 [A][B][ free o1 ]    free A (B in use): A at the o0 tail
 */
static void test_free_to_tail_when_merge_likely(void **state)
{
	struct zone *normal = bm_zone(0, ZONE_NORMAL);
	struct page *a = alloc_pages(NORMAL_MOVABLE, 0);
	struct page *b = alloc_pages(NORMAL_MOVABLE, 0);
	struct page *c = alloc_pages(NORMAL_MOVABLE, 0); /* 0x2002: o1 split */

	CHECK_EQ("A", 0x2000, page_to_pfn(a));
	CHECK_EQ("B", 0x2001, page_to_pfn(b));
	CHECK_EQ("C", 0x2002, page_to_pfn(c));
	/* a page elsewhere on the o0 list first: 0x2003 is free at o0 */
	CHECK_EQ("0x2003 free", 0x2003, first_free(normal, 0, MIGRATE_MOVABLE));
	__free_pages(c, 0); /* C merges with 0x2003 into o1 at 0x2002 */
	drain_local_pages(normal);
	__free_pages(a, 0);
	drain_local_pages(normal);
	CHECK_EQ("A at the tail of order 0", 0x2000, last_free(normal, 0, MIGRATE_MOVABLE));
	__free_pages(b, 0);
	drain_local_pages(normal);
	CHECK_EQ("all merged", 8, normal->free_area[10].nr_free);
	CHECK_VALID();
}

/*
 * An order-10 block: aligned, from the order-10 list, and back in one
 * piece.  __GFP_COMP makes it compound.
 */
static void test_order10_block(void **state)
{
	struct zone *normal = bm_zone(0, ZONE_NORMAL);
	struct page *page = alloc_pages(NORMAL_MOVABLE | __GFP_COMP, MAX_ORDER - 1);

	CHECK_EQ("allocated", 1, page != NULL);
	CHECK_EQ("pfn", 0x2000, page_to_pfn(page));
	CHECK_EQ("compound order", 10, compound_order(page));
	CHECK_EQ("nr_free[10]", 7, normal->free_area[10].nr_free);
	CHECK_VALID();
	__free_pages(page, MAX_ORDER - 1);
	CHECK_EQ("nr_free[10] back", 8, normal->free_area[10].nr_free);
	CHECK_EQ("order 11 is refused", 0,
		 alloc_pages(NORMAL_MOVABLE | __GFP_NOWARN, MAX_ORDER) != NULL);
	CHECK_VALID();
}

/*
 * Compound pages: the head has PG_head; every tail points at it (bit 0
 * set) with TAIL_MAPPING; the first tail holds order, nr and mapcount.
 * Freeing clears all of it.
 */
static void test_compound_page(void **state)
{
	struct page *head = alloc_pages(DMA_MOVABLE | __GFP_COMP, 3);
	int i;

	CHECK_EQ("allocated", 1, head != NULL);
	CHECK_EQ("PageHead", 1, PageHead(head));
	CHECK_EQ("head is not a tail", 0, PageTail(head));
	for (i = 1; i < 8; i++) {
		CHECK_EQ("PageTail", 1, PageTail(head + i));
		CHECK_EQ("compound_head", (unsigned long)head,
			 (unsigned long)compound_head(head + i));
	}
	CHECK_EQ("tail 2 mapping", 0xdead000000000400UL,
		 (unsigned long)head[2].mapping);
	CHECK_EQ("compound_order", 3, compound_order(head));
	CHECK_EQ("compound_nr", 8, head[1].compound_nr);
	CHECK_EQ("compound_mapcount", -1, head[1].compound_mapcount.counter);
	CHECK_EQ("head refcount", 1, page_ref_count(head));
	CHECK_EQ("tail refcount", 0, page_ref_count(head + 5));
	__free_pages(head, 3);
	drain_local_pages(NULL);
	for (i = 1; i < 8; i++) {
		CHECK_EQ("tail cleared", 0, head[i].compound_head & 1);
		CHECK_EQ("mapping cleared", 0, (unsigned long)head[i].mapping);
	}
	CHECK_EQ("PG_head cleared", 0, PageHead(head));
	CHECK_VALID();
}

/*
 * __free_pages() drops one reference.  When another holder keeps the
 * first page of a non-compound order-2 block, the other three pages are
 * freed at once (o1 at +2, o0 at +1) and the first page later.
 */
static void test_free_pages_refcount(void **state)
{
	struct zone *dma = bm_zone(0, ZONE_DMA);
	struct page *page = alloc_pages(DMA_UNMOVABLE, 2);
	unsigned long pfn = page_to_pfn(page);
	unsigned long free_before;

	CHECK_EQ("pfn", 4, pfn);
	page_ref_inc(page);
	drain_local_pages(dma);
	free_before = zone_free_list_pages(dma);
	__free_pages(page, 2);
	drain_local_pages(dma);
	CHECK_EQ("first page still held", 1, page_ref_count(page));
	CHECK_EQ("three pages freed", free_before + 3, zone_free_list_pages(dma));
	CHECK_EQ("o1 at pfn 6 free", 1, PageBuddy(pfn_to_page(6)));
	CHECK_EQ("pfn 5 free", 1, PageBuddy(pfn_to_page(5)));
	CHECK_VALID();
	__free_pages(page, 0);
	drain_local_pages(dma);
	CHECK_EQ("all back", free_before + 4, zone_free_list_pages(dma));
	CHECK_EQ("merged again: pfn 4 heads an o2 block", 2, buddy_order(pfn_to_page(4)));
	CHECK_VALID();
}

/*
 * split_page(): 2^order independent pages, each freed on its own.  The
 * block at 8 rebuilds at order 3 (its buddy, 0, is reserved).
 */
static void test_split_page(void **state)
{
	struct zone *dma = bm_zone(0, ZONE_DMA);
	unsigned long before = zone_free_list_pages(dma);
	struct page *page = alloc_pages(DMA_UNMOVABLE, 3);
	int i;

	CHECK_EQ("pfn", 8, page_to_pfn(page));
	split_page(page, 3);
	for (i = 0; i < 8; i++)
		CHECK_EQ("refcount after split", 1, page_ref_count(page + i));
	for (i = 7; i >= 0; i--)
		__free_pages(page + i, 0);
	drain_local_pages(dma);
	CHECK_EQ("all free", before, zone_free_list_pages(dma));
	CHECK_EQ("o3 block rebuilt", 3, buddy_order(page));
	CHECK_VALID();
}

/*
 * init_on_alloc (CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y): a page that held
 * garbage comes back zeroed.  With init_on_alloc off it keeps the
 * garbage, unless __GFP_ZERO asks.
 */
static void test_zeroing(void **state)
{
	struct machine *m = *state;
	struct page *page = alloc_pages(DMA_MOVABLE, 0), *again;

	CHECK_EQ("init_on_alloc default", 1, m->mm.pa.init_on_alloc);
	bm_fill_page(page, 0, 0xa5);
	__free_pages(page, 0);
	again = alloc_pages(DMA_MOVABLE, 0); /* hot page: the same one */
	CHECK_EQ("same page", page_to_pfn(page), page_to_pfn(again));
	CHECK_EQ("zeroed by init_on_alloc", 1, bm_page_is(again, 0, 0));

	m->mm.pa.init_on_alloc = false;
	bm_fill_page(again, 0, 0x6b);
	__free_pages(again, 0);
	page = alloc_pages(DMA_MOVABLE, 0);
	CHECK_EQ("same page again", page_to_pfn(again), page_to_pfn(page));
	CHECK_EQ("garbage kept without init_on_alloc", 1, bm_page_is(page, 0, 0x6b));
	__free_pages(page, 0);
	page = alloc_pages(DMA_MOVABLE | __GFP_ZERO, 0);
	CHECK_EQ("__GFP_ZERO zeroes", 1, bm_page_is(page, 0, 0));
	__free_pages(page, 0);

	page = alloc_pages(DMA_MOVABLE, 2);
	bm_fill_page(page, 2, 0x5a);
	__free_pages(page, 2);
	page = alloc_pages(DMA_MOVABLE | __GFP_ZERO, 2);
	CHECK_EQ("__GFP_ZERO order 2", 1, bm_page_is(page, 2, 0));
	__free_pages(page, 2);
	m->mm.pa.init_on_alloc = true;
	CHECK_VALID();
}

/*
 * alloc_pages_exact(5 pages): an order-3 block whose last three pages go
 * back at once; free_pages_exact() returns the five.
 */
static void test_alloc_pages_exact(void **state)
{
	struct zone *dma = bm_zone(0, ZONE_DMA);
	unsigned long before, pfn;
	void *p;

	drain_local_pages(dma);
	before = zone_free_list_pages(dma);
	p = alloc_pages_exact(5 * PAGE_SIZE - 100, DMA_MOVABLE);
	CHECK_EQ("allocated", 1, p != NULL);
	pfn = page_to_pfn(virt_to_page(p));
	CHECK_EQ("order-3 aligned", 0, pfn & 7);
	drain_local_pages(dma);
	CHECK_EQ("five pages in use", before - 5, zone_free_list_pages(dma));
	CHECK_EQ("page 4 refcount", 1, page_ref_count(pfn_to_page(pfn + 4)));
	CHECK_EQ("page 5 free", 0, page_ref_count(pfn_to_page(pfn + 5)));
	free_pages_exact(p, 5 * PAGE_SIZE - 100);
	drain_local_pages(dma);
	CHECK_EQ("all back", before, zone_free_list_pages(dma));
	CHECK_VALID();
}

/*
 * Pageblock flags: 4 bits per 512-page block in the section's usage
 * block; setting one block's type leaves its neighbours and the skip bit.
 */
static void test_pageblock_flags(void **state)
{
	struct page *p = pfn_to_page(0x2200);

	set_pageblock_migratetype(p, MIGRATE_RECLAIMABLE);
	CHECK_EQ("block start", MIGRATE_RECLAIMABLE,
		 get_pfnblock_migratetype(p, 0x2200));
	CHECK_EQ("block end", MIGRATE_RECLAIMABLE,
		 get_pfnblock_migratetype(pfn_to_page(0x23ff), 0x23ff));
	CHECK_EQ("previous block", MIGRATE_MOVABLE,
		 get_pageblock_migratetype(pfn_to_page(0x21ff)));
	CHECK_EQ("next block", MIGRATE_MOVABLE,
		 get_pageblock_migratetype(pfn_to_page(0x2400)));
	set_pfnblock_flags_mask(p, 1UL << PB_migrate_skip, 0x2200,
				1UL << PB_migrate_skip);
	CHECK_EQ("skip bit set", 1,
		 get_pfnblock_flags_mask(p, 0x2200, 1UL << PB_migrate_skip) != 0);
	CHECK_EQ("type kept", MIGRATE_RECLAIMABLE, get_pageblock_migratetype(p));
	set_pfnblock_flags_mask(p, 0, 0x2200, 1UL << PB_migrate_skip);
	set_pageblock_migratetype(p, MIGRATE_MOVABLE);
	CHECK_VALID();
}

/*
 * memblock_free_late(): pages a boot reservation kept join the zone
 * later, one by one.  Expect managed and totalram to grow by the range.
 */
static void test_free_late(void **state)
{
	struct buddy_machine_desc d;
	struct machine *m;
	struct zone *normal;
	char err[256];

	bm_machine_destroy(*state);
	bm_desc_default(&d);
	d.nr_reserved = 1;
	d.reserved[0] = (struct bm_range){ 0x3000, 0x3010 };
	m = bm_machine_create(&d, err, sizeof(err));
	*state = m;
	normal = bm_zone(0, ZONE_NORMAL);
	CHECK_EQ("managed with the reservation", 8192 - 16, zone_managed_pages(normal));
	CHECK_EQ("present", 8192, normal->present_pages);
	CHECK_VALID();
	memblock_free_late_pages(0x3000, 0x3010);
	CHECK_EQ("managed after free_late", 8192, zone_managed_pages(normal));
	CHECK_EQ("totalram after free_late", 16383, totalram_pages());
	drain_all_pages(NULL);
	CHECK_EQ("merged into 8 blocks", 8, normal->free_area[10].nr_free);
	CHECK_VALID();
}

/*
 * The validator notices what it is there for: a wrong nr_free, a
 * PageBuddy page on no list, a pcp count that does not match its lists,
 * a pageblock type out of range.  Each is put right after the check.
 */
static void test_validator_catches(void **state)
{
	struct zone *normal = bm_zone(0, ZONE_NORMAL);
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	struct per_cpu_pages *pcp = zone_pcp(normal, 0);

	normal->free_area[3].nr_free++;
	CHECK_EQ("nr_free off by one", -EINVAL, zone_validate(normal));
	normal->free_area[3].nr_free--;

	__SetPageBuddy(page);
	CHECK_EQ("PageBuddy page on no list", -EINVAL, zone_validate(normal));
	__ClearPageBuddy(page);

	pcp->count++;
	CHECK_EQ("pcp count", -EINVAL, zone_validate(normal));
	pcp->count--;

	set_pfnblock_flags_mask(page, 7, page_to_pfn(page), MIGRATETYPE_MASK);
	CHECK_EQ("pageblock type 7", -EINVAL, zone_validate(normal));
	set_pageblock_migratetype(page, MIGRATE_UNMOVABLE);

	CHECK_VALID();
	__free_pages(page, 0);
	CHECK_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		BM_TEST(test_buddy_pfn),
		BM_TEST(test_boot_free_lists),
		BM_TEST(test_expand),
		BM_TEST(test_merge_on_free),
		BM_TEST(test_no_merge_with_reserved),
		BM_TEST(test_free_to_tail_when_merge_likely),
		BM_TEST(test_order10_block),
		BM_TEST(test_compound_page),
		BM_TEST(test_free_pages_refcount),
		BM_TEST(test_split_page),
		BM_TEST(test_zeroing),
		BM_TEST(test_alloc_pages_exact),
		BM_TEST(test_pageblock_flags),
		BM_TEST(test_free_late),
		BM_TEST(test_validator_catches),
	};
	return cmocka_run_group_tests_name("buddy_core", tests, NULL, NULL);
}

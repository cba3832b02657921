// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_buddy_fallback.c — migrate-type fallback and stealing,
 * watermark boost, ALLOC_NOFRAGMENT, and the highatomic reserve.
 *
 * Most tests use a one-zone machine, so that every request has exactly
 * one zone to go to:
 *
 *   pfn 0x1000                                        0x2000
 *       | blk | blk | blk | blk | blk | blk | blk |  X  |   DMA32, 8 pageblocks
 *
 * watermarks min 128, low 160, high 192 (min_free_kbytes 512); pcp batch 1.
 * fill_zone() takes every page as eight order-9 movable blocks; the tests
 * then give back chosen pages of the last block X (0x1e00) to shape the
 * free lists they need.
 */
#include "testmachine.h"
#include "buddy_machine.h"

#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"

#define X 0x1e00UL
#define MOVABLE_ALL (GFP_HIGHUSER_MOVABLE | __GFP_MEMALLOC | __GFP_NOWARN)

static int setup_one_zone(void **state)
{
	struct buddy_machine_desc d;

	bm_desc_default(&d);
	d.ram_size = 32ULL << 20;
	d.nodes[0].nr_zones = 1;
	d.nodes[0].zones[0] = (struct bm_zone){ 1 /* DMA32 */, 0x1000, 0x2000 };
	return bm_setup_desc(state, &d);
}

#define ONE_ZONE_TEST(f) cmocka_unit_test_setup_teardown(f, setup_one_zone, bm_teardown)

static struct zone *z32(void)
{
	return bm_zone(0, ZONE_DMA32);
}

static int block_type(unsigned long pfn)
{
	return get_pfnblock_migratetype(pfn_to_page(pfn), pfn);
}

static unsigned long free_of_type(struct zone *zone, int mt)
{
	unsigned long n = 0;
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++)
		n += list_count_nodes(&zone->free_area[order].free_list[mt]) << order;
	return n;
}

/* Take every page of the zone as order-9 movable blocks; X is the last. */
static void fill_zone(void)
{
	int i;

	for (i = 0; i < 8; i++) {
		struct page *p = alloc_pages(MOVABLE_ALL, pageblock_order);

		CHECK_EQ("fill block pfn", 0x1000 + (unsigned long)i * 512,
			 p ? page_to_pfn(p) : 0);
	}
	CHECK_EQ("zone empty", 0, zone_page_state_snapshot(z32(), NR_FREE_PAGES));
}

/* Split block X into pages and give back those of @offs. */
static void free_in_x(const unsigned long *offs, int n)
{
	int i;

	split_page(pfn_to_page(X), pageblock_order);
	for (i = 0; i < n; i++)
		__free_pages(pfn_to_page(X + offs[i]), 0);
	drain_all_pages(NULL);
}

/* Give back X + [0, n). */
static void free_x_prefix(unsigned long n)
{
	unsigned long i;

	split_page(pfn_to_page(X), pageblock_order);
	for (i = 0; i < n; i++)
		__free_pages(pfn_to_page(X + i), 0);
	drain_all_pages(NULL);
}

/*
 * An unmovable request meets only movable order-10 blocks: it takes the
 * first one whole, and both its pageblocks become Unmovable.
 *
 *   before  [ M   M ][ M   M ][ M   M ][ M   M ]      (o10 blocks)
 *   after   [ U   U ][ M   M ][ M   M ][ M   M ]      page = 0x1000
 *
 * Expect no watermark boost (whole blocks are taken without one).
 */
static void test_steal_whole_block(void **state)
{
	struct zone *zone = z32();
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	CHECK_EQ("page", 0x1000, page_to_pfn(page));
	CHECK_EQ("block 0x1000", MIGRATE_UNMOVABLE, block_type(0x1000));
	CHECK_EQ("block 0x1200", MIGRATE_UNMOVABLE, block_type(0x1200));
	CHECK_EQ("block 0x1400", MIGRATE_MOVABLE, block_type(0x1400));
	CHECK_EQ("split remainder o9 unmovable", 0x1200,
		 page_to_pfn(get_page_from_free_area(&zone->free_area[9],
						     MIGRATE_UNMOVABLE)));
	CHECK_EQ("movable o10 left", 3,
		 list_count_nodes(&zone->free_area[10].free_list[MIGRATE_MOVABLE]));
	CHECK_EQ("watermark_boost", 0, zone->watermark_boost);
	CHECK_VALID();
}

/*
 * An unmovable request finds only small movable blocks in X (300 pages
 * free: o8 o5 o3 o2).  It may steal: the free pages of X move to the
 * unmovable lists and, as free (300) + compatible (512 - 300) >= 256, X
 * itself becomes Unmovable.  The fallback boosts the watermark by one
 * pageblock (capped at max(512, 1.5 * high)).
 */
static void test_steal_claims_block(void **state)
{
	struct zone *zone = z32();
	struct page *page;

	fill_zone();
	free_x_prefix(300);
	CHECK_EQ("free o8 at X", X, page_to_pfn(get_page_from_free_area(
					 &zone->free_area[8], MIGRATE_MOVABLE)));
	page = alloc_pages(GFP_KERNEL, 0);
	CHECK_EQ("smallest unmovable block after the move", X + 0x128, page_to_pfn(page));
	CHECK_EQ("X claimed", MIGRATE_UNMOVABLE, block_type(X));
	CHECK_EQ("no movable free pages left", 0, free_of_type(zone, MIGRATE_MOVABLE));
	CHECK_EQ("unmovable free pages", 299, free_of_type(zone, MIGRATE_UNMOVABLE));
	CHECK_EQ("watermark_boost", 512, zone->watermark_boost);
	CHECK_EQ("boost flag cleared by rmqueue", 0,
		 zone_test_flag(zone, ZONE_BOOSTED_WATERMARK));
	CHECK_VALID();
}

/*
 * The reverse: a movable request finds an Unmovable X with 300 free
 * pages, the largest block o8.  Order 8 >= pageblock_order / 2, so it
 * may steal; free pages alone (300 >= 256) claim X back as Movable.
 */
static void test_movable_reclaims_block(void **state)
{
	struct zone *zone = z32();
	struct page *page;

	fill_zone();
	free_x_prefix(300);
	__free_pages(alloc_pages(GFP_KERNEL, 0), 0); /* X becomes Unmovable */
	drain_all_pages(NULL);
	CHECK_EQ("X unmovable", MIGRATE_UNMOVABLE, block_type(X));
	zone->watermark_boost = 0; /* what kswapd does once balanced */
	page = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
	CHECK_EQ("allocated in X", X, page_to_pfn(page) & ~511UL);
	CHECK_EQ("X movable again", MIGRATE_MOVABLE, block_type(X));
	CHECK_EQ("no unmovable free pages", 0, free_of_type(zone, MIGRATE_UNMOVABLE));
	CHECK_VALID();
}

/*
 * A movable request that may not steal (largest block o2 < order 4)
 * takes the smallest block instead, alone, and leaves X's type:
 *
 *   X: [f][x][f][x][f][x x x][f f f f] ...   (f free, X Unmovable)
 *
 * Expect page X (first o0), X still Unmovable, the o2 block untouched.
 */
static void test_movable_takes_smallest(void **state)
{
	static const unsigned long offs[] = { 0, 2, 4, 8, 9, 10, 11 };
	struct zone *zone = z32();
	unsigned long flags;
	struct page *page;

	fill_zone();
	free_in_x(offs, ARRAY_SIZE(offs));
	spin_lock_irqsave(&zone->lock, flags);
	set_pageblock_migratetype(pfn_to_page(X), MIGRATE_UNMOVABLE);
	move_freepages_block(zone, pfn_to_page(X), MIGRATE_UNMOVABLE, NULL);
	spin_unlock_irqrestore(&zone->lock, flags);
	CHECK_EQ("o2 at X+8", 2, buddy_order(pfn_to_page(X + 8)));

	page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_MEMALLOC | __GFP_NOWARN, 0);
	CHECK_EQ("smallest block taken", X, page_to_pfn(page));
	CHECK_EQ("X keeps its type", MIGRATE_UNMOVABLE, block_type(X));
	CHECK_EQ("o2 still unmovable", X + 8, page_to_pfn(get_page_from_free_area(
					  &zone->free_area[2], MIGRATE_UNMOVABLE)));
	CHECK_EQ("two o0 left", 2,
		 list_count_nodes(&zone->free_area[0].free_list[MIGRATE_UNMOVABLE]));
	CHECK_VALID();
}

/*
 * Highatomic: with 150 pages free (below low, above min), an atomic
 * order-4 request fails the fast path and succeeds in the slow path with
 * ALLOC_HARDER; its pageblock is then reserved for high-order atomic
 * allocations.  The next one is served from the reserve; an ordinary
 * request may not touch it.
 */
static void test_highatomic_reserve(void **state)
{
	struct zone *zone = z32();
	struct page *a, *b;

	fill_zone();
	free_x_prefix(150);
	a = alloc_pages(GFP_ATOMIC, 4);
	CHECK_EQ("first atomic o4", X + 0x80, a ? page_to_pfn(a) : 0);
	CHECK_EQ("nr_reserved_highatomic", 512, zone->nr_reserved_highatomic);
	CHECK_EQ("X highatomic", MIGRATE_HIGHATOMIC, block_type(X));
	CHECK_EQ("free pages moved to the reserve", 134,
		 free_of_type(zone, MIGRATE_HIGHATOMIC));
	CHECK_VALID();
	zone->watermark_boost = 0; /* the fallback's boost, as kswapd resets it */

	b = alloc_pages(GFP_ATOMIC, 4);
	CHECK_EQ("second atomic o4 from the reserve", X, b ? page_to_pfn(b) : 0);
	CHECK_EQ("ordinary request refused", 0,
		 alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0) != NULL);
	CHECK_EQ("reserve kept", 512, zone->nr_reserved_highatomic);
	CHECK_VALID();
}

/* unreserve_highatomic_pageblock(force): the block goes to the requester's type. */
static void test_highatomic_unreserve(void **state)
{
	struct zone *zone = z32();
	struct alloc_context ac = { 0 };

	fill_zone();
	free_x_prefix(150);
	__free_pages(alloc_pages(GFP_ATOMIC, 4), 4);
	CHECK_EQ("reserved", 512, zone->nr_reserved_highatomic);
	ac.zonelist = &NODE_DATA(0)->node_zonelists[ZONELIST_FALLBACK];
	ac.highest_zoneidx = ZONE_NORMAL;
	ac.migratetype = MIGRATE_MOVABLE;
	CHECK_EQ("not without force (one block is kept)", 0,
		 unreserve_highatomic_pageblock(&ac, false));
	CHECK_EQ("unreserved with force", 1, unreserve_highatomic_pageblock(&ac, true));
	CHECK_EQ("nr_reserved_highatomic", 0, zone->nr_reserved_highatomic);
	CHECK_EQ("X movable", MIGRATE_MOVABLE, block_type(X));
	CHECK_EQ("reserve emptied", 0, free_of_type(zone, MIGRATE_HIGHATOMIC));
	CHECK_VALID();
}

/*
 * ALLOC_NOFRAGMENT (default machine): an unmovable request preferring
 * Normal, where only scattered movable pages are free, is sent to DMA32
 * (which gives a whole pageblock) rather than split Normal's blocks.
 */
static void test_nofragment_prefers_lower_zone(void **state)
{
	struct zone *normal = bm_zone(0, ZONE_NORMAL);
	struct page *blocks[16], *page;
	int i;

	/* keep the lower zones out of the fast path while Normal fills */
	bm_zone(0, ZONE_DMA32)->watermark_boost = 1UL << 20;
	bm_zone(0, ZONE_DMA)->watermark_boost = 1UL << 20;
	for (i = 0; i < 16; i++)
		blocks[i] = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_MEMALLOC |
					__GFP_NOWARN, pageblock_order);
	bm_zone(0, ZONE_DMA32)->watermark_boost = 0;
	bm_zone(0, ZONE_DMA)->watermark_boost = 0;
	for (i = 0; i < 16; i++)
		CHECK_EQ("Normal filled", ZONE_NORMAL, page_zonenum(blocks[i]));
	for (i = 0; i < 2; i++) {
		int j;

		split_page(blocks[i], pageblock_order);
		for (j = 0; j < 512; j += 2)
			__free_pages(blocks[i] + j, 0);
	}
	drain_all_pages(NULL);
	CHECK_EQ("Normal free pages", 512, zone_page_state_snapshot(normal, NR_FREE_PAGES));

	page = alloc_pages(GFP_KERNEL, 0);
	CHECK_EQ("served by DMA32", ZONE_DMA32, page_zonenum(page));
	CHECK_EQ("Normal untouched", 512, free_of_type(normal, MIGRATE_MOVABLE));
	CHECK_EQ("DMA32 block taken whole", MIGRATE_UNMOVABLE,
		 get_pageblock_migratetype(page));
	CHECK_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		ONE_ZONE_TEST(test_steal_whole_block),
		ONE_ZONE_TEST(test_steal_claims_block),
		ONE_ZONE_TEST(test_movable_reclaims_block),
		ONE_ZONE_TEST(test_movable_takes_smallest),
		ONE_ZONE_TEST(test_highatomic_reserve),
		ONE_ZONE_TEST(test_highatomic_unreserve),
		BM_TEST(test_nofragment_prefers_lower_zone),
	};
	return cmocka_run_group_tests_name("buddy_fallback", tests, NULL, NULL);
}

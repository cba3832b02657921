// SPDX-License-Identifier: MIT
/*
 * mm/compaction.c — memory compaction: moving in-use movable pages
 * together so that free pages merge into large blocks.
 *
 * Kernel counterpart: mm/compaction.c (Linux 6.1): isolate_freepages_block,
 * isolate_freepages, isolate_migratepages_block, isolate_migratepages,
 * compaction_alloc/compaction_free, compact_finished, compaction_suitable,
 * compact_zone, compact_zone_order, try_to_compact_pages, deferred
 * compaction (defer_compaction, compaction_deferred,
 * compaction_defer_reset), the pageblock skip hints, the fragmentation
 * score of proactive compaction, compact_node(s) behind
 * vm.compact_memory, and kcompactd (wakeup_kcompactd, kcompactd_do_work,
 * the kcompactd thread's loop).
 *
 * Two scanners walk a zone toward each other, one pageblock at a time:
 *
 *   zone_start_pfn                                           zone_end_pfn
 *   |==migrate scanner==>  ....................  <==free scanner==|
 *      isolates in-use movable pages               isolates free pages
 *      (cc->migratepages)                          (cc->freepages)
 *                 migrate_pages(): each in-use page moves to a
 *                 free page taken from the top of the zone
 *
 * until they meet (COMPACT_COMPLETE for a whole-zone pass), or a free
 * block of the requested order exists (COMPACT_SUCCESS), or compaction
 * cannot go on (COMPACT_CONTENDED: no free page to migrate to).
 *
 * State kept between passes, as 6.1 keeps it (struct zone):
 *   compact_cached_migrate_pfn[async, sync], compact_cached_free_pfn
 *       where each scanner resumes; reset when they meet;
 *   PB_migrate_skip of each pageblock: a block where the last scan
 *       isolated nothing is skipped until the skip bits are cleared
 *       (__reset_isolation_suitable: after repeated failures, or by
 *       kswapd/kcompactd when a direct compaction asked for it);
 *   compact_considered / compact_defer_shift / compact_order_failed:
 *       after a failure of order N, up to 1 << defer_shift (max 64)
 *       attempts at order >= N are skipped (COMPACT_DEFERRED).
 *
 * compaction_suitable(): no compaction when the allocation would already
 * succeed, when fewer than the watermark (low for costly orders, min
 * otherwise) plus compact_gap() = 2 << order pages are free, or, for
 * costly orders, when the fragmentation index says a failure would be for
 * lack of memory rather than fragmentation (index <= vm.extfrag_threshold).
 *
 * For orders above 0, each scanner first tries a short search of the free
 * lists (fast_isolate_freepages: a free block high in the range;
 * fast_find_migrateblock, costly orders: a movable block low in the
 * zone that already has free pages), rotating the lists it looked at.
 *
 * Capture (6.1's capture_control): while a task compacts directly for an
 * allocation, a block of the requested order that its own frees make in
 * the zone is taken by __free_one_page (compaction_capture, not for CMA
 * or isolated blocks, nor a movable block below pageblock_order) and
 * handed to the allocation; compaction stops there.
 * Which pages are movable is mm/migrate.c's decision; transparent huge
 * pages are skipped (6.1 migrates them only for alloc_contig_range).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/gfp.h"
#include "linux/rmap.h"
#include "linux/swap_lru.h"
#include "linux/migrate.h"
#include "linux/compaction.h"
#include "linux/vmstat.h"
#include "linux/nodemask.h"
#include "linux/kthread.h"
#include "linux/sched.h"
#include "linux/timer.h"
#include "linux/printk.h"
#include "mm/vmstat_extfrag.h"
#include "mm/compaction_internal.h"
#include "mmsim/proc_state.h"
#include "mm/page_alloc_internal.h"

#define COMPACT_CLUSTER_MAX SWAP_CLUSTER_MAX
/* How often kcompactd checks whether to compact proactively. */
#define HPAGE_FRAG_CHECK_INTERVAL_MSEC 500

/* isolate_mode_t bits */
#define ISOLATE_ASYNC_MIGRATE 0x4u
#define ISOLATE_UNEVICTABLE 0x8u

typedef enum {
	ISOLATE_ABORT,   /* stop compacting now */
	ISOLATE_NONE,    /* nothing isolated, keep scanning */
	ISOLATE_SUCCESS, /* pages isolated: migrate them */
} isolate_migrate_t;

static void count_compact_events(enum vm_event_item item, long delta)
{
	count_vm_events(item, delta);
}

static bool is_via_compact_memory(int order)
{
	return order == -1;
}

/* ---- pageblock skip hints ---- */

static bool get_pageblock_skip(struct page *page)
{
	return get_pfnblock_flags_mask(page, page_to_pfn(page),
				       1UL << PB_migrate_skip) != 0;
}

static void set_pageblock_skip(struct page *page)
{
	set_pfnblock_flags_mask(page, 1UL << PB_migrate_skip,
				page_to_pfn(page), 1UL << PB_migrate_skip);
}

static void clear_pageblock_skip(struct page *page)
{
	set_pfnblock_flags_mask(page, 0, page_to_pfn(page),
				1UL << PB_migrate_skip);
}

static unsigned long pageblock_end_pfn(unsigned long pfn)
{
	return pageblock_start_pfn(pfn) + pageblock_nr_pages;
}

static bool pageblock_aligned(unsigned long pfn)
{
	return !(pfn & (pageblock_nr_pages - 1));
}

/* The first page of [start, end) when the whole range is in @zone, else NULL. */
static struct page *pageblock_pfn_to_page(unsigned long start_pfn,
					  unsigned long end_pfn,
					  struct zone *zone)
{
	struct page *start;

	end_pfn--;
	if (!pfn_valid(start_pfn) || !pfn_valid(end_pfn))
		return NULL;
	start = pfn_to_page(start_pfn);
	if (page_zone(start) != zone || page_zone(pfn_to_page(end_pfn)) != zone)
		return NULL;
	return start;
}

static bool isolation_suitable(struct compact_control *cc, struct page *page)
{
	return cc->ignore_skip_hint || !get_pageblock_skip(page);
}

static void reset_cached_positions(struct zone *zone)
{
	zone->compact_cached_migrate_pfn[0] = zone->zone_start_pfn;
	zone->compact_cached_migrate_pfn[1] = zone->zone_start_pfn;
	zone->compact_cached_free_pfn =
		pageblock_start_pfn(zone_end_pfn(zone) - 1);
}

/* A block under a huge page stays skipped until that page goes. */
static bool pageblock_skip_persistent(struct page *page)
{
	if (!PageCompound(page))
		return false;
	return compound_order(compound_head(page)) >= pageblock_order;
}

/*
 * Clear the skip bit of the block at @pfn if a sample of its pages (every
 * 8th) shows a migration source (@check_source: an in-use movable page)
 * or target (@check_target: a free page).
 */
static bool __reset_isolation_pfn(struct zone *zone, unsigned long pfn,
				  bool check_source, bool check_target)
{
	unsigned long block_pfn, end_pfn;
	struct page *page;

	if (!pfn_valid(pfn) || page_zone(pfn_to_page(pfn)) != zone)
		return false;
	page = pfn_to_page(pfn);
	if (pageblock_skip_persistent(page))
		return false;
	if (check_source && check_target && !get_pageblock_skip(page))
		return true;
	if (!check_source && check_target &&
	    get_pageblock_migratetype(page) != MIGRATE_MOVABLE)
		return false;
	block_pfn = max(pageblock_start_pfn(pfn), zone->zone_start_pfn);
	if (pfn_valid(block_pfn))
		pfn = block_pfn;
	end_pfn = min(pageblock_end_pfn(pfn), zone_end_pfn(zone)) - 1;
	if (!pfn_valid(end_pfn))
		return false;
	for (; pfn <= end_pfn; pfn += 1UL << PAGE_ALLOC_COSTLY_ORDER) {
		page = pfn_to_page(pfn);
		if ((check_source && mmsim_page_migratable(page)) ||
		    (check_target && PageBuddy(page))) {
			clear_pageblock_skip(pfn_to_page(pageblock_start_pfn(pfn)));
			return true;
		}
	}
	return false;
}

/* Clear the skip hints of @zone, walking from both ends as the scanners do. */
static void __reset_isolation_suitable(struct zone *zone)
{
	unsigned long migrate_pfn = zone->zone_start_pfn;
	unsigned long free_pfn = zone_end_pfn(zone) - 1;
	unsigned long reset_migrate = free_pfn, reset_free = migrate_pfn;
	bool source_set = false, free_set = false;

	if (!zone->compact_blockskip_flush)
		return;
	zone->compact_blockskip_flush = false;
	for (; migrate_pfn < free_pfn; migrate_pfn += pageblock_nr_pages,
				       free_pfn -= pageblock_nr_pages) {
		if (__reset_isolation_pfn(zone, migrate_pfn, true, source_set) &&
		    migrate_pfn < reset_migrate) {
			source_set = true;
			reset_migrate = migrate_pfn;
			zone->compact_init_migrate_pfn = reset_migrate;
			zone->compact_cached_migrate_pfn[0] = reset_migrate;
			zone->compact_cached_migrate_pfn[1] = reset_migrate;
		}
		if (__reset_isolation_pfn(zone, free_pfn, free_set, true) &&
		    free_pfn > reset_free) {
			free_set = true;
			reset_free = free_pfn;
			zone->compact_init_free_pfn = reset_free;
			zone->compact_cached_free_pfn = reset_free;
		}
	}
	if (reset_migrate >= reset_free) {
		zone->compact_cached_migrate_pfn[0] = migrate_pfn;
		zone->compact_cached_migrate_pfn[1] = migrate_pfn;
		zone->compact_cached_free_pfn = free_pfn;
	}
}

void reset_isolation_suitable(pg_data_t *pgdat)
{
	int zoneid;

	for (zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (populated_zone(zone) && zone->compact_blockskip_flush)
			__reset_isolation_suitable(zone);
	}
}

/* Set the skip bit of a block-aligned @pfn; was it already set? */
static bool test_and_set_skip(struct compact_control *cc, struct page *page,
			      unsigned long pfn)
{
	bool skip;

	if (cc->ignore_skip_hint || !pageblock_aligned(pfn))
		return false;
	skip = get_pageblock_skip(page);
	if (!skip)
		set_pageblock_skip(page);
	return skip;
}

static void update_cached_migrate(struct compact_control *cc, unsigned long pfn)
{
	struct zone *zone = cc->zone;

	pfn = pageblock_end_pfn(pfn);
	if (pfn > zone->compact_cached_migrate_pfn[0])
		zone->compact_cached_migrate_pfn[0] = pfn;
	if (cc->mode != MIGRATE_ASYNC &&
	    pfn > zone->compact_cached_migrate_pfn[1])
		zone->compact_cached_migrate_pfn[1] = pfn;
}

static void update_pageblock_skip(struct compact_control *cc,
				  struct page *page, unsigned long pfn)
{
	if (!page)
		return;
	set_pageblock_skip(page);
	if (pfn < cc->zone->compact_cached_free_pfn)
		cc->zone->compact_cached_free_pfn = pfn;
}

/* ---- deferred compaction ---- */

static void defer_compaction(struct zone *zone, int order)
{
	zone->compact_considered = 0;
	zone->compact_defer_shift++;
	if (order < zone->compact_order_failed)
		zone->compact_order_failed = order;
	if (zone->compact_defer_shift > COMPACT_MAX_DEFER_SHIFT)
		zone->compact_defer_shift = COMPACT_MAX_DEFER_SHIFT;
}

/* Skip this attempt?  Orders below the last failure are always tried. */
static bool compaction_deferred(struct zone *zone, int order)
{
	unsigned long defer_limit = 1UL << zone->compact_defer_shift;

	if (order < zone->compact_order_failed)
		return false;
	if (++zone->compact_considered >= defer_limit) {
		zone->compact_considered = (unsigned int)defer_limit;
		return false;
	}
	return true;
}

void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	if (alloc_success) {
		zone->compact_considered = 0;
		zone->compact_defer_shift = 0;
	}
	if (order >= zone->compact_order_failed)
		zone->compact_order_failed = order + 1;
}

static bool compaction_restarting(struct zone *zone, int order)
{
	if (order < zone->compact_order_failed)
		return false;
	return zone->compact_defer_shift == COMPACT_MAX_DEFER_SHIFT &&
	       zone->compact_considered >= 1UL << zone->compact_defer_shift;
}

/* ---- the free scanner ---- */

/* Give back isolated free pages; the highest pfn among them. */
static unsigned long release_freepages(struct list_head *freelist)
{
	struct page *page, *next;
	unsigned long high_pfn = 0;

	list_for_each_entry_safe(page, next, freelist, lru) {
		unsigned long pfn = page_to_pfn(page);

		list_del(&page->lru);
		__free_pages(page, 0);
		if (pfn > high_pfn)
			high_pfn = pfn;
	}
	return high_pfn;
}

/* Isolated free blocks become order-0 pages ready to be migration targets. */
static void split_map_pages(struct list_head *list)
{
	struct page *page, *next;
	LIST_HEAD(tmp_list);

	list_for_each_entry_safe(page, next, list, lru) {
		unsigned int order = (unsigned int)page->private, i;

		list_del(&page->lru);
		prep_new_page(page, order, __GFP_MOVABLE, 0);
		if (order)
			split_page(page, order);
		for (i = 0; i < (1u << order); i++)
			list_add(&page[i].lru, &tmp_list);
	}
	list_splice_init(&tmp_list, list);
}

/*
 * Isolate the free blocks of [*start_pfn, end_pfn), every @stride-th page
 * looked at, until there are as many free pages as pages to migrate.
 * *start_pfn ends where the scan stopped.  Returns the pages isolated.
 */
static unsigned long isolate_freepages_block(struct compact_control *cc,
					     unsigned long *start_pfn,
					     unsigned long end_pfn,
					     struct list_head *freelist,
					     unsigned int stride)
{
	unsigned long blockpfn = *start_pfn, nr_scanned = 0, total_isolated = 0;
	unsigned long flags;

	spin_lock_irqsave(&cc->zone->lock, flags);
	for (; blockpfn < end_pfn; blockpfn += stride) {
		struct page *page = pfn_to_page(blockpfn);
		unsigned int order;
		int isolated;

		nr_scanned++;
		if (PageCompound(page)) {
			order = compound_order(page);
			if (order < MAX_ORDER)
				blockpfn += (1UL << order) - 1;
			continue;
		}
		if (!PageBuddy(page))
			continue;
		order = buddy_order(page);
		isolated = __isolate_free_page(page, order);
		if (!isolated)
			break;
		set_page_private(page, order);
		nr_scanned += (unsigned long)isolated - 1;
		total_isolated += (unsigned long)isolated;
		cc->nr_freepages += (unsigned long)isolated;
		list_add_tail(&page->lru, freelist);
		if (cc->nr_migratepages <= cc->nr_freepages) {
			blockpfn += (unsigned long)isolated;
			break;
		}
		blockpfn += (unsigned long)isolated - 1;
	}
	spin_unlock_irqrestore(&cc->zone->lock, flags);
	if (blockpfn > end_pfn)
		blockpfn = end_pfn;
	*start_pfn = blockpfn;
	cc->total_free_scanned += nr_scanned;
	if (total_isolated)
		count_compact_events(COMPACTISOLATED, (long)total_isolated);
	return total_isolated;
}

/* A block the free scanner may take pages from: movable, no huge free page. */
static bool suitable_migration_target(struct compact_control *cc,
				      struct page *page)
{
	if (PageBuddy(page) && buddy_order(page) >= pageblock_order)
		return false;
	if (cc->ignore_block_suitable)
		return true;
	return get_pageblock_migratetype(page) == MIGRATE_MOVABLE ||
	       is_migrate_cma(get_pageblock_migratetype(page));
}

/* How many free-list entries a fast search looks at: fewer after each failure. */
static unsigned int freelist_scan_limit(struct compact_control *cc)
{
	unsigned int shift = min(cc->fast_search_fail, (unsigned int)BITS_PER_LONG - 1);

	return (COMPACT_CLUSTER_MAX >> shift) + 1;
}

/*
 * Rotate @freelist so that @freepage comes first (_head) or last (_tail):
 * the next fast search starts with the entries this one did not see.
 */
static void move_freelist_head(struct list_head *freelist, struct page *freepage)
{
	if (&freepage->buddy_list != freelist && freelist->next != &freepage->buddy_list)
		list_move_tail(freelist, &freepage->buddy_list);
}

static void move_freelist_tail(struct list_head *freelist, struct page *freepage)
{
	if (&freepage->buddy_list != freelist && freelist->prev != &freepage->buddy_list)
		list_move(freelist, &freepage->buddy_list);
}

/* Also take the other free pages of the block the fast search found. */
static void fast_isolate_around(struct compact_control *cc, unsigned long pfn)
{
	unsigned long start_pfn, end_pfn;
	struct page *page;

	if (cc->nr_freepages >= cc->nr_migratepages)
		return;
	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC)
		return;
	start_pfn = max(pageblock_start_pfn(pfn), cc->zone->zone_start_pfn);
	end_pfn = min(pageblock_end_pfn(pfn), zone_end_pfn(cc->zone));
	page = pageblock_pfn_to_page(start_pfn, end_pfn, cc->zone);
	if (!page)
		return;
	isolate_freepages_block(cc, &start_pfn, end_pfn, &cc->freepages, 1);
	if (cc->nr_freepages < cc->nr_migratepages)
		set_pageblock_skip(page);
}

/* The orders below cc->order, round robin from the last success; -1 when done. */
static int next_search_order(struct compact_control *cc, int order)
{
	order--;
	if (order < 0)
		order = cc->order - 1;
	if (order == cc->search_order) {
		cc->search_order--;
		if (cc->search_order < 0)
			cc->search_order = cc->order - 1;
		return -1;
	}
	return order;
}

/* One order's free list, from its tail: a block high enough in the zone. */
static struct page *fast_search_order(struct compact_control *cc, int order,
				      unsigned long low_pfn, unsigned long min_pfn,
				      unsigned int *limit, unsigned long *highest,
				      unsigned int *nr_scanned)
{
	struct list_head *freelist = &cc->zone->free_area[order].free_list[MIGRATE_MOVABLE];
	struct page *freepage, *page = NULL;
	unsigned long high_pfn = 0;
	unsigned int order_scanned = 0;

	list_for_each_entry_reverse(freepage, freelist, buddy_list) {
		unsigned long pfn = page_to_pfn(freepage);

		order_scanned++;
		(*nr_scanned)++;
		if (pfn >= *highest)
			*highest = max(pageblock_start_pfn(pfn), cc->zone->zone_start_pfn);
		if (pfn >= low_pfn) {
			cc->fast_search_fail = 0;
			cc->search_order = order;
			page = freepage;
			break;
		}
		if (pfn >= min_pfn && pfn > high_pfn) {
			high_pfn = pfn;
			*limit >>= 1;
		}
		if (order_scanned >= *limit)
			break;
	}
	if (!page && high_pfn) {
		page = pfn_to_page(high_pfn);
		freepage = page;
	}
	move_freelist_head(freelist, freepage);
	if (order_scanned >= *limit)
		*limit = max(1U, *limit >> 1);
	return page;
}

/*
 * fast_isolate_freepages: before the linear scan, look at the tails of
 * the free lists below cc->order for a block in the top quarter (or, if
 * none, the top half) of the range left between the scanners.  Returns
 * the pfn the free scanner should go on from.
 */
static unsigned long fast_isolate_freepages(struct compact_control *cc)
{
	unsigned int limit = max(1U, freelist_scan_limit(cc) >> 1), nr_scanned = 0;
	unsigned long low_pfn, min_pfn, highest = 0, distance, flags;
	struct page *page = NULL;
	bool scan_start = false;
	int order;

	if (cc->order <= 0)
		return cc->free_pfn;
	if (cc->free_pfn >= cc->zone->compact_init_free_pfn) {
		limit = pageblock_nr_pages >> 1;
		scan_start = true;
	}
	distance = cc->free_pfn - cc->migrate_pfn;
	low_pfn = pageblock_start_pfn(cc->free_pfn - (distance >> 2));
	min_pfn = pageblock_start_pfn(cc->free_pfn - (distance >> 1));
	cc->search_order = min(cc->order - 1, cc->search_order);
	for (order = cc->search_order; !page && order >= 0;
	     order = next_search_order(cc, order)) {
		if (!cc->zone->free_area[order].nr_free)
			continue;
		spin_lock_irqsave(&cc->zone->lock, flags);
		page = fast_search_order(cc, order, low_pfn, min_pfn, &limit,
					 &highest, &nr_scanned);
		if (page) {
			if (__isolate_free_page(page, (unsigned int)order)) {
				set_page_private(page, (unsigned long)order);
				nr_scanned += (1U << order) - 1;
				cc->nr_freepages += 1UL << order;
				list_add_tail(&page->lru, &cc->freepages);
				count_compact_events(COMPACTISOLATED, 1L << order);
			} else {
				order = cc->search_order + 1;   /* stop the search */
				page = NULL;
			}
		}
		spin_unlock_irqrestore(&cc->zone->lock, flags);
	}
	if (!page) {
		cc->fast_search_fail++;
		if (scan_start && highest >= min_pfn) {
			page = pfn_to_page(highest);
			cc->free_pfn = highest;
		} else if (scan_start && cc->direct_compaction && pfn_valid(min_pfn)) {
			page = pageblock_pfn_to_page(min_pfn,
						     min(pageblock_end_pfn(min_pfn),
							 zone_end_pfn(cc->zone)),
						     cc->zone);
			cc->free_pfn = min_pfn;
		}
	}
	if (highest && highest >= cc->zone->compact_cached_free_pfn)
		cc->zone->compact_cached_free_pfn = highest - pageblock_nr_pages;
	cc->total_free_scanned += nr_scanned;
	if (!page)
		return cc->free_pfn;
	low_pfn = page_to_pfn(page);
	fast_isolate_around(cc, low_pfn);
	return low_pfn;
}

/* Walk down from cc->free_pfn, block by block, isolating free pages. */
static void isolate_freepages(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long isolate_start_pfn, block_start_pfn, block_end_pfn, low_pfn;
	unsigned int stride = cc->mode == MIGRATE_ASYNC ? COMPACT_CLUSTER_MAX : 1;

	fast_isolate_freepages(cc);
	if (cc->nr_freepages)
		goto splitmap;
	isolate_start_pfn = cc->free_pfn;
	block_start_pfn = pageblock_start_pfn(isolate_start_pfn);
	block_end_pfn = min(block_start_pfn + pageblock_nr_pages, zone_end_pfn(zone));
	low_pfn = pageblock_end_pfn(cc->migrate_pfn);
	for (; block_start_pfn >= low_pfn;
	     block_end_pfn = block_start_pfn,
	     block_start_pfn -= pageblock_nr_pages,
	     isolate_start_pfn = block_start_pfn) {
		unsigned long nr_isolated;
		struct page *page;

		page = pageblock_pfn_to_page(block_start_pfn, block_end_pfn, zone);
		if (!page || !suitable_migration_target(cc, page) ||
		    !isolation_suitable(cc, page))
			continue;
		nr_isolated = isolate_freepages_block(cc, &isolate_start_pfn,
						      block_end_pfn,
						      &cc->freepages, stride);
		if (isolate_start_pfn == block_end_pfn)
			update_pageblock_skip(cc, page, block_start_pfn);
		if (cc->nr_freepages >= cc->nr_migratepages) {
			if (isolate_start_pfn >= block_end_pfn)
				isolate_start_pfn = block_start_pfn - pageblock_nr_pages;
			break;
		} else if (isolate_start_pfn < block_end_pfn) {
			break;  /* the watermark stopped the isolation */
		}
		stride = nr_isolated ? 1 : min(COMPACT_CLUSTER_MAX, stride << 1);
	}
	cc->free_pfn = isolate_start_pfn;
splitmap:
	split_map_pages(&cc->freepages);
}

/* migrate_pages()'s destination: a page the free scanner isolated. */
static struct page *compaction_alloc(struct page *migratepage,
				     unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;
	struct page *freepage;

	(void)migratepage;
	if (list_empty(&cc->freepages)) {
		isolate_freepages(cc);
		if (list_empty(&cc->freepages))
			return NULL;
	}
	freepage = list_first_entry(&cc->freepages, struct page, lru);
	list_del(&freepage->lru);
	cc->nr_freepages--;
	return freepage;
}

static void compaction_free(struct page *page, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;

	list_add(&page->lru, &cc->freepages);
	cc->nr_freepages++;
}

/* ---- the migrate scanner ---- */

/* Put back what was isolated so far (skip_on_failure): the block is lost anyway. */
static void isolate_abandon(struct compact_control *cc, unsigned long *nr_isolated)
{
	if (!*nr_isolated)
		return;
	putback_movable_pages(&cc->migratepages);
	cc->nr_migratepages = 0;
	*nr_isolated = 0;
}

/* May isolate_migratepages_block take @page?  (The checks 6.1 makes of an LRU page.) */
static bool compact_page_isolatable(struct compact_control *cc, struct page *page,
				    unsigned int mode)
{
	bool anon = PageAnon(page);

	if (!mmsim_page_migratable(page))
		return false;
	/* pinned: more references than mappings (anonymous pages) */
	if (anon && page_ref_count(page) > page_mapcount(page))
		return false;
	if (!(cc->gfp_mask & __GFP_FS) && !anon)
		return false;
	if (!(mode & ISOLATE_UNEVICTABLE) && PageUnevictable(page))
		return false;
	if ((mode & ISOLATE_ASYNC_MIGRATE) && test_page_bit(page, PG_writeback))
		return false;
	return true;
}

/*
 * Isolate the movable pages of [low_pfn, end_pfn) (within one pageblock)
 * onto cc->migratepages, at most COMPACT_CLUSTER_MAX at a time.  Sets
 * cc->migrate_pfn to where the scan stopped.  0, or -errno to abort.
 */
static int isolate_migratepages_block(struct compact_control *cc,
				      unsigned long low_pfn,
				      unsigned long end_pfn, unsigned int mode)
{
	unsigned long nr_scanned = 0, nr_isolated = 0, next_skip_pfn = 0;
	struct page *valid_page = NULL;
	bool skip_on_failure = false, skip_updated = false;

	cc->migrate_pfn = low_pfn;
	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC) {
		skip_on_failure = true;
		next_skip_pfn = ALIGN(low_pfn + 1, 1UL << cc->order);
	}
	for (; low_pfn < end_pfn; low_pfn++) {
		struct page *page;

		if (skip_on_failure && low_pfn >= next_skip_pfn) {
			if (nr_isolated)
				break;
			next_skip_pfn = ALIGN(low_pfn + 1, 1UL << cc->order);
		}
		nr_scanned++;
		page = pfn_to_page(low_pfn);
		if (!valid_page && pageblock_aligned(low_pfn)) {
			if (!isolation_suitable(cc, page)) {
				low_pfn = end_pfn;
				goto isolate_abort;
			}
			valid_page = page;
		}
		if (PageBuddy(page)) {
			unsigned long order = buddy_order(page);

			if (order > 0 && order < MAX_ORDER)
				low_pfn += (1UL << order) - 1;
			continue;
		}
		if (PageCompound(page)) {
			unsigned int order = compound_order(page);

			if (order < MAX_ORDER)
				low_pfn += (1UL << order) - 1;
			goto isolate_fail;
		}
		if (!compact_page_isolatable(cc, page, mode))
			goto isolate_fail;
		if (!skip_updated) {
			skip_updated = true;
			if (test_and_set_skip(cc, page, low_pfn))
				goto isolate_abort;
		}
		if (isolate_migratable_page(page))
			goto isolate_fail;
		list_add(&page->lru, &cc->migratepages);
		cc->nr_migratepages++;
		nr_isolated++;
		if (cc->nr_migratepages >= COMPACT_CLUSTER_MAX && !cc->rescan) {
			++low_pfn;
			break;
		}
		continue;
isolate_fail:
		if (!skip_on_failure)
			continue;
		isolate_abandon(cc, &nr_isolated);
		if (low_pfn < next_skip_pfn) {
			low_pfn = next_skip_pfn - 1;
			next_skip_pfn += 1UL << cc->order;
		}
	}
	if (low_pfn > end_pfn)
		low_pfn = end_pfn;
isolate_abort:
	if (low_pfn == end_pfn && (!nr_isolated || cc->rescan)) {
		if (valid_page && !skip_updated)
			set_pageblock_skip(valid_page);
		update_cached_migrate(cc, low_pfn);
	}
	cc->total_migrate_scanned += nr_scanned;
	if (nr_isolated)
		count_compact_events(COMPACTISOLATED, (long)nr_isolated);
	cc->migrate_pfn = low_pfn;
	return 0;
}

/* Async direct compaction only takes blocks of the allocation's own kind. */
static bool suitable_migration_source(struct compact_control *cc,
				      struct page *page)
{
	int block_mt;

	if (pageblock_skip_persistent(page))
		return false;
	if (cc->mode != MIGRATE_ASYNC || !cc->direct_compaction)
		return true;
	block_mt = get_pageblock_migratetype(page);
	if (cc->migratetype == MIGRATE_MOVABLE)
		return block_mt == MIGRATE_MOVABLE || is_migrate_cma(block_mt);
	return block_mt == cc->migratetype;
}

static void update_fast_start_pfn(struct compact_control *cc, unsigned long pfn)
{
	if (cc->fast_start_pfn == ULONG_MAX)
		return;
	if (!cc->fast_start_pfn)
		cc->fast_start_pfn = pfn;
	cc->fast_start_pfn = min(cc->fast_start_pfn, pfn);
}

/* After a failed fast search, go on linearly from the lowest block it chose. */
static unsigned long reinit_migrate_pfn(struct compact_control *cc)
{
	if (!cc->fast_start_pfn || cc->fast_start_pfn == ULONG_MAX)
		return cc->migrate_pfn;
	cc->migrate_pfn = cc->fast_start_pfn;
	cc->fast_start_pfn = ULONG_MAX;
	return cc->migrate_pfn;
}

/* A movable free block of @order low in the range: its pageblock's start, or 0. */
static unsigned long fast_find_in_order(struct compact_control *cc, int order,
					unsigned long high_pfn,
					unsigned int limit, unsigned int *nr_scanned)
{
	struct list_head *freelist = &cc->zone->free_area[order].free_list[MIGRATE_MOVABLE];
	struct page *freepage;

	list_for_each_entry(freepage, freelist, buddy_list) {
		unsigned long free_pfn, pfn;

		if ((*nr_scanned)++ >= limit) {
			move_freelist_tail(freelist, freepage);
			return 0;
		}
		free_pfn = page_to_pfn(freepage);
		if (free_pfn >= high_pfn || get_pageblock_skip(freepage))
			continue;
		move_freelist_tail(freelist, freepage);
		update_fast_start_pfn(cc, free_pfn);
		pfn = max(pageblock_start_pfn(free_pfn), cc->zone->zone_start_pfn);
		cc->fast_search_fail = 0;
		set_pageblock_skip(freepage);
		return pfn;
	}
	return 0;
}

/*
 * fast_find_migrateblock: for costly orders, start the migrate scanner in
 * a movable block low in the zone that already has free pages (found on
 * the free lists of orders cc->order - 1 .. PAGE_ALLOC_COSTLY_ORDER), so
 * that fewer pages need to move before the block is free.
 */
static unsigned long fast_find_migrateblock(struct compact_control *cc)
{
	unsigned int limit = freelist_scan_limit(cc), nr_scanned = 0;
	unsigned long pfn = cc->migrate_pfn, high_pfn, distance, found = 0, flags;
	int order;

	if (cc->ignore_skip_hint)
		return pfn;
	if (pfn != cc->zone->zone_start_pfn && pfn != pageblock_start_pfn(pfn))
		return pfn;     /* a block being continued */
	if (cc->order <= PAGE_ALLOC_COSTLY_ORDER)
		return pfn;
	if (cc->direct_compaction && cc->migratetype != MIGRATE_MOVABLE)
		return pfn;
	distance = (cc->free_pfn - cc->migrate_pfn) >> 1;
	if (cc->migrate_pfn != cc->zone->zone_start_pfn)
		distance >>= 2;
	high_pfn = pageblock_start_pfn(cc->migrate_pfn + distance);
	for (order = cc->order - 1; order >= PAGE_ALLOC_COSTLY_ORDER && !found &&
				    nr_scanned < limit; order--) {
		if (!cc->zone->free_area[order].nr_free)
			continue;
		spin_lock_irqsave(&cc->zone->lock, flags);
		found = fast_find_in_order(cc, order, high_pfn, limit, &nr_scanned);
		spin_unlock_irqrestore(&cc->zone->lock, flags);
	}
	cc->total_migrate_scanned += nr_scanned;
	if (found)
		return found;
	cc->fast_search_fail++;
	return reinit_migrate_pfn(cc);
}

/* Isolate from the first suitable block at or after cc->migrate_pfn. */
static isolate_migrate_t isolate_migratepages(struct compact_control *cc)
{
	const unsigned int isolate_mode =
		(sysctl_compact_unevictable_allowed ? ISOLATE_UNEVICTABLE : 0) |
		(cc->mode != MIGRATE_SYNC ? ISOLATE_ASYNC_MIGRATE : 0);
	unsigned long low_pfn = fast_find_migrateblock(cc);
	unsigned long block_start_pfn = max(pageblock_start_pfn(low_pfn),
					    cc->zone->zone_start_pfn);
	unsigned long block_end_pfn = pageblock_end_pfn(low_pfn);
	/* the fast search marked its block skipped: do not skip it for that */
	bool fast_find_block = low_pfn != cc->migrate_pfn && !cc->fast_search_fail;

	for (; block_end_pfn <= cc->free_pfn;
	     fast_find_block = false,
	     cc->migrate_pfn = low_pfn = block_end_pfn,
	     block_start_pfn = block_end_pfn,
	     block_end_pfn += pageblock_nr_pages) {
		struct page *page = pageblock_pfn_to_page(block_start_pfn,
							  block_end_pfn, cc->zone);

		if (!page)
			continue;
		if (pageblock_aligned(low_pfn) && !fast_find_block &&
		    !isolation_suitable(cc, page))
			continue;
		if (!suitable_migration_source(cc, page)) {
			update_cached_migrate(cc, block_end_pfn);
			continue;
		}
		if (isolate_migratepages_block(cc, low_pfn, block_end_pfn,
					       isolate_mode))
			return ISOLATE_ABORT;
		break;  /* one block at a time: migrate what it gave */
	}
	return cc->nr_migratepages ? ISOLATE_SUCCESS : ISOLATE_NONE;
}

/* ---- when to stop ---- */

static bool compact_scanners_met(struct compact_control *cc)
{
	return (cc->free_pfn >> pageblock_order) <=
	       (cc->migrate_pfn >> pageblock_order);
}

/* A zone's score: how much of its free memory is not in huge-page blocks (0..100). */
static unsigned int fragmentation_score_zone(struct zone *zone)
{
	return extfrag_for_order(zone, COMPACTION_HPAGE_ORDER);
}

/* ... scaled by the zone's share of the node, so small zones count little. */
static unsigned int fragmentation_score_zone_weighted(struct zone *zone)
{
	unsigned long score = zone->present_pages * fragmentation_score_zone(zone);

	return (unsigned int)(score / (zone->zone_pgdat->node_present_pages + 1));
}

unsigned int fragmentation_score_node(pg_data_t *pgdat)
{
	unsigned int score = 0;
	int zoneid;

	for (zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++)
		score += fragmentation_score_zone_weighted(&pgdat->node_zones[zoneid]);
	return score;
}

/* The low mark is 100 - proactiveness (at least 5), the high one 10 above. */
unsigned int fragmentation_score_wmark(bool low)
{
	unsigned int wmark_low = max(100U - (unsigned int)sysctl_compaction_proactiveness, 5U);

	return low ? wmark_low : min(wmark_low + 10, 100U);
}

/*
 * Is @pgdat's kswapd reclaiming (not asleep in kswapd_try_to_sleep or a
 * reclaim_throttle)?  Proactive compaction leaves the node alone then: it
 * does not start, and a pass under way stops at its next check.
 */
static bool kswapd_is_running(pg_data_t *pgdat)
{
	return kthread_is_running(pgdat->kswapd);
}

static enum compact_result __compact_finished(struct compact_control *cc)
{
	unsigned int order;

	if (compact_scanners_met(cc)) {
		reset_cached_positions(cc->zone);
		if (cc->direct_compaction)
			cc->zone->compact_blockskip_flush = true;
		return cc->whole_zone ? COMPACT_COMPLETE : COMPACT_PARTIAL_SKIPPED;
	}
	if (cc->proactive_compaction) {
		if (kswapd_is_running(cc->zone->zone_pgdat))
			return COMPACT_PARTIAL_SKIPPED;
		if (fragmentation_score_zone(cc->zone) > fragmentation_score_wmark(true))
			return cc->contended ? COMPACT_CONTENDED : COMPACT_CONTINUE;
		return cc->contended ? COMPACT_CONTENDED : COMPACT_SUCCESS;
	}
	if (is_via_compact_memory(cc->order))
		return COMPACT_CONTINUE;
	if (!pageblock_aligned(cc->migrate_pfn))
		return COMPACT_CONTINUE;
	for (order = (unsigned int)cc->order; order < MAX_ORDER; order++) {
		struct free_area *area = &cc->zone->free_area[order];
		bool can_steal;

		if (!free_area_empty(area, cc->migratetype))
			return COMPACT_SUCCESS;
		if (cc->migratetype == MIGRATE_MOVABLE && MIGRATE_CMA >= 0 &&
		    !free_area_empty(area, MIGRATE_CMA))
			return COMPACT_SUCCESS;
		if (find_suitable_fallback(area, order, cc->migratetype, true,
					   &can_steal) != -1)
			return COMPACT_SUCCESS;
	}
	return cc->contended ? COMPACT_CONTENDED : COMPACT_NO_SUITABLE_PAGE;
}

static enum compact_result compact_finished(struct compact_control *cc)
{
	enum compact_result ret = __compact_finished(cc);

	return ret == COMPACT_NO_SUITABLE_PAGE ? COMPACT_CONTINUE : ret;
}

static enum compact_result __compaction_suitable(struct zone *zone, int order,
						 unsigned int alloc_flags,
						 int highest_zoneidx,
						 unsigned long wmark_target)
{
	unsigned long watermark;

	if (is_via_compact_memory(order))
		return COMPACT_CONTINUE;
	watermark = wmark_pages(zone, (int)(alloc_flags & ALLOC_WMARK_MASK));
	if (zone_watermark_ok(zone, (unsigned int)order, watermark,
			      highest_zoneidx, alloc_flags))
		return COMPACT_SUCCESS;
	watermark = order > PAGE_ALLOC_COSTLY_ORDER ? low_wmark_pages(zone) :
						      min_wmark_pages(zone);
	watermark += compact_gap((unsigned int)order);
	if (!__zone_watermark_ok(zone, 0, watermark, highest_zoneidx, ALLOC_CMA,
				 (long)wmark_target))
		return COMPACT_SKIPPED;
	return COMPACT_CONTINUE;
}

enum compact_result compaction_suitable(struct zone *zone, int order,
					unsigned int alloc_flags,
					int highest_zoneidx)
{
	enum compact_result ret;

	ret = __compaction_suitable(zone, order, alloc_flags, highest_zoneidx,
				    zone_page_state(zone, NR_FREE_PAGES));
	if (ret == COMPACT_CONTINUE && order > PAGE_ALLOC_COSTLY_ORDER) {
		int fragindex = fragmentation_index(zone, (unsigned int)order);

		if (fragindex >= 0 && fragindex <= sysctl_extfrag_threshold)
			ret = COMPACT_SKIPPED;  /* COMPACT_NOT_SUITABLE_ZONE */
	}
	return ret;
}

/* Would any zone pass the order-0 test if reclaim made some progress? */
bool compaction_zonelist_suitable(struct alloc_context *ac, int order,
				  int alloc_flags)
{
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist,
					ac->highest_zoneidx, ac->nodemask) {
		unsigned long available = zone_page_state_snapshot(zone, NR_FREE_PAGES);

		if (__compaction_suitable(zone, order, (unsigned int)alloc_flags,
					  ac->highest_zoneidx, available) ==
		    COMPACT_CONTINUE)
			return true;
	}
	return false;
}

/* ---- one zone ---- */

/* Where the scanners start: the zone's ends, or where they stopped last. */
static void compact_zone_start(struct compact_control *cc, bool sync)
{
	struct zone *zone = cc->zone;
	unsigned long start_pfn = zone->zone_start_pfn, end_pfn = zone_end_pfn(zone);

	if (cc->whole_zone) {
		cc->migrate_pfn = start_pfn;
		cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
		return;
	}
	cc->migrate_pfn = zone->compact_cached_migrate_pfn[sync];
	cc->free_pfn = zone->compact_cached_free_pfn;
	if (cc->free_pfn < start_pfn || cc->free_pfn >= end_pfn) {
		cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
		zone->compact_cached_free_pfn = cc->free_pfn;
	}
	if (cc->migrate_pfn < start_pfn || cc->migrate_pfn >= end_pfn) {
		cc->migrate_pfn = start_pfn;
		zone->compact_cached_migrate_pfn[0] = cc->migrate_pfn;
		zone->compact_cached_migrate_pfn[1] = cc->migrate_pfn;
	}
	if (cc->migrate_pfn <= zone->compact_init_migrate_pfn)
		cc->whole_zone = true;
}

/* Free pages not used as targets go back; the free scanner resumes at the highest. */
static void compact_zone_end(struct compact_control *cc)
{
	if (cc->nr_freepages > 0) {
		unsigned long free_pfn = release_freepages(&cc->freepages);

		cc->nr_freepages = 0;
		free_pfn = pageblock_start_pfn(free_pfn);
		if (free_pfn > cc->zone->compact_cached_free_pfn)
			cc->zone->compact_cached_free_pfn = free_pfn;
	}
	count_compact_events(COMPACTMIGRATE_SCANNED, (long)cc->total_migrate_scanned);
	count_compact_events(COMPACTFREE_SCANNED, (long)cc->total_free_scanned);
}

/* Migrate what was isolated; false when compaction has to stop (contended). */
static bool compact_migrate_isolated(struct compact_control *cc,
				     unsigned long *last_migrated_pfn)
{
	unsigned int nr_succeeded = 0;
	int err;

	err = migrate_pages(&cc->migratepages, compaction_alloc, compaction_free,
			    (unsigned long)cc, cc->mode, MR_COMPACTION,
			    &nr_succeeded);
	cc->nr_migratepages = 0;
	if (!err)
		return true;
	putback_movable_pages(&cc->migratepages);
	if (err == -ENOMEM && !compact_scanners_met(cc))
		return false;
	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC) {
		cc->migrate_pfn = ALIGN(cc->migrate_pfn, 1UL << cc->order);
		*last_migrated_pfn = 0;
	}
	return true;
}

enum compact_result compact_zone(struct compact_control *cc,
				 struct capture_control *capc)
{
	const bool sync = cc->mode != MIGRATE_ASYNC;
	unsigned long last_migrated_pfn = 0;
	enum compact_result ret;
	bool update_cached;

	cc->total_migrate_scanned = 0;
	cc->total_free_scanned = 0;
	cc->nr_migratepages = 0;
	cc->nr_freepages = 0;
	INIT_LIST_HEAD(&cc->freepages);
	INIT_LIST_HEAD(&cc->migratepages);
	cc->migratetype = gfp_migratetype(cc->gfp_mask);
	ret = compaction_suitable(cc->zone, cc->order, cc->alloc_flags,
				  cc->highest_zoneidx);
	if (ret == COMPACT_SUCCESS || ret == COMPACT_SKIPPED)
		return ret;
	if (compaction_restarting(cc->zone, cc->order))
		__reset_isolation_suitable(cc->zone);
	cc->fast_start_pfn = 0;
	compact_zone_start(cc, sync);
	update_cached = !sync && cc->zone->compact_cached_migrate_pfn[0] ==
				 cc->zone->compact_cached_migrate_pfn[1];
	lru_add_drain();        /* this CPU's batches onto the lists */
	while ((ret = compact_finished(cc)) == COMPACT_CONTINUE) {
		unsigned long iteration_start_pfn = cc->migrate_pfn;

		cc->rescan = pageblock_start_pfn(last_migrated_pfn) ==
			     pageblock_start_pfn(iteration_start_pfn);
		switch (isolate_migratepages(cc)) {
		case ISOLATE_ABORT:
			ret = COMPACT_CONTENDED;
			putback_movable_pages(&cc->migratepages);
			cc->nr_migratepages = 0;
			goto out;
		case ISOLATE_NONE:
			if (update_cached)
				cc->zone->compact_cached_migrate_pfn[1] =
					cc->zone->compact_cached_migrate_pfn[0];
			goto check_drain;
		case ISOLATE_SUCCESS:
			update_cached = false;
			last_migrated_pfn = iteration_start_pfn;
		}
		if (!compact_migrate_isolated(cc, &last_migrated_pfn)) {
			ret = COMPACT_CONTENDED;
			goto out;
		}
check_drain:
		/* left the order-aligned block: let its freed pages merge */
		if (cc->order > 0 && last_migrated_pfn &&
		    last_migrated_pfn < ALIGN_DOWN(cc->migrate_pfn, 1UL << cc->order)) {
			drain_local_pages(cc->zone);
			last_migrated_pfn = 0;
		}
		/* a block of the order was freed and captured: done */
		if (capc && capc->page) {
			ret = COMPACT_SUCCESS;
			break;
		}
	}
out:
	compact_zone_end(cc);
	return ret;
}

/* ---- direct compaction ---- */

static enum compact_result compact_zone_order(struct zone *zone, int order,
					      gfp_t gfp_mask,
					      enum compact_priority prio,
					      unsigned int alloc_flags,
					      int highest_zoneidx,
					      struct page **capture)
{
	struct compact_control cc = {
		.order = order,
		.search_order = order,
		.gfp_mask = gfp_mask,
		.zone = zone,
		.mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC : MIGRATE_SYNC_LIGHT,
		.alloc_flags = alloc_flags,
		.highest_zoneidx = highest_zoneidx,
		.direct_compaction = true,
		.whole_zone = prio == MIN_COMPACT_PRIORITY,
		.ignore_skip_hint = prio == MIN_COMPACT_PRIORITY,
		.ignore_block_suitable = prio == MIN_COMPACT_PRIORITY,
	};
	struct capture_control capc = { .cc = &cc, .page = NULL };
	struct task_struct *task = current;
	enum compact_result ret;

	/* only a task's own frees are captured (task_capc) */
	if (task)
		task->capture_control = &capc;
	ret = compact_zone(&cc, &capc);
	if (task)
		task->capture_control = NULL;
	*capture = capc.page;
	if (*capture)
		ret = COMPACT_SUCCESS;
	return ret;
}

/*
 * Direct compaction for an allocation of @order that failed: each zone of
 * the zonelist in turn (unless deferred) until one reports the order
 * free, or a block of the order freed by the compaction was captured
 * (*@capture, for the caller to prepare and use).
 */
enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order,
					 unsigned int alloc_flags,
					 const struct alloc_context *ac,
					 enum compact_priority prio,
					 struct page **capture)
{
	enum compact_result rc = COMPACT_SKIPPED;
	struct zoneref *z;
	struct zone *zone;

	*capture = NULL;
	if (!(gfp_mask & __GFP_IO))     /* gfp_compaction_allowed */
		return COMPACT_SKIPPED;
	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist,
					ac->highest_zoneidx, ac->nodemask) {
		enum compact_result status;

		if (prio > MIN_COMPACT_PRIORITY &&
		    compaction_deferred(zone, (int)order)) {
			if (rc < COMPACT_DEFERRED)
				rc = COMPACT_DEFERRED;
			continue;
		}
		status = compact_zone_order(zone, (int)order, gfp_mask, prio,
					    alloc_flags, ac->highest_zoneidx, capture);
		if (status > rc)
			rc = status;
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, (int)order, false);
			break;
		}
		if (prio != COMPACT_PRIO_ASYNC &&
		    (status == COMPACT_COMPLETE || status == COMPACT_PARTIAL_SKIPPED))
			defer_compaction(zone, (int)order);
	}
	return rc;
}

/* ---- whole nodes: vm.compact_memory and proactive compaction ---- */

/* Compact every zone of @pgdat with @proactive's or compact_memory's settings. */
static void compact_node_zones(pg_data_t *pgdat, bool proactive)
{
	struct compact_control cc = {
		.order = -1,
		.mode = proactive ? MIGRATE_SYNC_LIGHT : MIGRATE_SYNC,
		.ignore_skip_hint = true,
		.whole_zone = true,
		.gfp_mask = GFP_KERNEL,
		.proactive_compaction = proactive,
	};
	int zoneid;

	for (zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (!populated_zone(zone))
			continue;
		cc.zone = zone;
		cc.whole_zone = true;
		compact_zone(&cc, NULL);
		VM_BUG_ON(!list_empty(&cc.freepages));
		VM_BUG_ON(!list_empty(&cc.migratepages));
	}
}

void proactive_compact_node(pg_data_t *pgdat)
{
	compact_node_zones(pgdat, true);
}

bool should_proactive_compact_node(pg_data_t *pgdat)
{
	if (!sysctl_compaction_proactiveness || kswapd_is_running(pgdat))
		return false;
	return fragmentation_score_node(pgdat) > fragmentation_score_wmark(false);
}

/* Writing 1 to /proc/sys/vm/compact_memory: every node, everything movable. */
int sysctl_compaction_handler(void)
{
	int nid;

	lru_add_drain_all();
	for_each_online_node(nid)
		compact_node_zones(NODE_DATA(nid), false);
	return 0;
}

/*
 * vm.compaction_proactiveness: a new non-zero value makes every node's
 * kcompactd run a proactive pass now, whatever its score.
 */
int compaction_proactiveness_sysctl_handler(int value)
{
	int old = sysctl_compaction_proactiveness;

	sysctl_compaction_proactiveness = value;
	(void)old;
	if (value)
		kcompactd_trigger_proactive();
	return 0;
}

/* ---- kcompactd ---- */


/* Would compaction run for kcompactd's request in some zone of @pgdat? */
static bool kcompactd_node_suitable(pg_data_t *pgdat)
{
	int zoneid, highest_zoneidx = pgdat->kcompactd_highest_zoneidx;

	for (zoneid = 0; zoneid <= highest_zoneidx; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (populated_zone(zone) &&
		    compaction_suitable(zone, pgdat->kcompactd_max_order, 0,
					highest_zoneidx) == COMPACT_CONTINUE)
			return true;
	}
	return false;
}

static bool kcompactd_work_requested(pg_data_t *pgdat)
{
	return pgdat->kcompactd_max_order > 0 || pgdat->proactive_compact_trigger;
}

/* Compact the zones of @pgdat for the order kcompactd was woken for. */
static void kcompactd_do_work(pg_data_t *pgdat)
{
	struct compact_control cc = {
		.order = pgdat->kcompactd_max_order,
		.search_order = pgdat->kcompactd_max_order,
		.highest_zoneidx = pgdat->kcompactd_highest_zoneidx,
		.mode = MIGRATE_SYNC_LIGHT,
		.gfp_mask = GFP_KERNEL,
	};
	int zoneid;

	count_compact_events(KCOMPACTD_WAKE, 1);
	for (zoneid = 0; zoneid <= cc.highest_zoneidx; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];
		enum compact_result status;

		if (!populated_zone(zone) || compaction_deferred(zone, cc.order))
			continue;
		if (compaction_suitable(zone, cc.order, 0, zoneid) != COMPACT_CONTINUE)
			continue;
		cc.zone = zone;
		cc.whole_zone = false;
		status = compact_zone(&cc, NULL);
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, cc.order, false);
		} else if (status == COMPACT_PARTIAL_SKIPPED ||
			   status == COMPACT_COMPLETE) {
			drain_all_pages(zone);  /* let pcp pages merge */
			defer_compaction(zone, cc.order);
		}
		count_compact_events(KCOMPACTD_MIGRATE_SCANNED,
				     (long)cc.total_migrate_scanned);
		count_compact_events(KCOMPACTD_FREE_SCANNED,
				     (long)cc.total_free_scanned);
	}
	if (pgdat->kcompactd_max_order <= cc.order)
		pgdat->kcompactd_max_order = 0;
	if (pgdat->kcompactd_highest_zoneidx >= cc.highest_zoneidx)
		pgdat->kcompactd_highest_zoneidx = pgdat->nr_zones - 1;
}

/*
 * Ask @pgdat's kcompactd for a block of @order (kswapd going to sleep, or
 * an allocation that may not reclaim): the request is widened and the
 * thread woken if compaction would run.
 */
void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	if (!order)
		return;
	if (pgdat->kcompactd_max_order < order)
		pgdat->kcompactd_max_order = order;
	if (pgdat->kcompactd_highest_zoneidx > highest_zoneidx)
		pgdat->kcompactd_highest_zoneidx = highest_zoneidx;
	if (!pgdat->kcompactd || !kcompactd_node_suitable(pgdat))
		return;
	wake_up_process(pgdat->kcompactd);
}

void kcompactd_trigger_proactive(void)
{
	int nid;

	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (pgdat->proactive_compact_trigger)
			continue;
		pgdat->proactive_compact_trigger = true;
		wake_up_process(pgdat->kcompactd);
	}
}

/*
 * One trip round kcompactd's loop.  It sleeps HPAGE_FRAG_CHECK_INTERVAL
 * (500 ms; for ever when vm.compaction_proactiveness is 0) unless woken
 * with work.  Woken by wakeup_kcompactd: compact for the requested order.
 * Timed out, or woken by a write of compaction_proactiveness: a
 * proactive pass when the node's fragmentation score is above the high
 * mark; a pass that did not lower the score sleeps 64 times longer.
 */
static long kcompactd(void *p)
{
	pg_data_t *pgdat = p;
	long default_timeout = (long)msecs_to_jiffies(HPAGE_FRAG_CHECK_INTERVAL_MSEC);
	long timeout = default_timeout;

	if (kthread_current()->nr_runs == 0) {
		/* just started: nothing asked yet, go to sleep */
		pgdat->kcompactd_max_order = 0;
		pgdat->kcompactd_highest_zoneidx = pgdat->nr_zones - 1;
	} else if (kcompactd_work_requested(pgdat) &&
		   !pgdat->proactive_compact_trigger) {
		kcompactd_do_work(pgdat);
	} else {
		if (should_proactive_compact_node(pgdat)) {
			unsigned int prev_score = fragmentation_score_node(pgdat);

			proactive_compact_node(pgdat);
			if (fragmentation_score_node(pgdat) >= prev_score)
				timeout = default_timeout << COMPACT_MAX_DEFER_SHIFT;
		}
		pgdat->proactive_compact_trigger = false;
	}
	return sysctl_compaction_proactiveness ? timeout : MAX_SCHEDULE_TIMEOUT;
}

void kcompactd_run(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);

	if (pgdat->kcompactd)
		return;
	pgdat->kcompactd = kthread_run_sim(kcompactd, pgdat, "kcompactd%d", nid);
	if (!pgdat->kcompactd)
		pr_err("Failed to start kcompactd on node %d\n", nid);
}

/* subsys_initcall: a kcompactd for every node with memory. */
void kcompactd_init(void)
{
	int nid;

	for_each_node_state(nid, N_MEMORY)
		kcompactd_run(nid);
}

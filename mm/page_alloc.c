// SPDX-License-Identifier: MIT
/*
 * mm/page_alloc.c — the buddy allocator: free lists, merging, splitting,
 * migrate types, fallback and stealing.
 *
 * Kernel counterpart: mm/page_alloc.c (Linux 6.1), the part that works on
 * zone->free_area[] under zone->lock.  The per-CPU lists, the allocation
 * path and the watermarks are in the page_alloc_*.c neighbours (see
 * mm/page_alloc_internal.h for the map and the lock order).
 *
 * The buddy system, in three rules:
 *   1. A free block of order n is 2^n pages whose first pfn is a multiple
 *      of 2^n; its head page has PageBuddy set and page_private = n, and
 *      it sits on zone->free_area[n].free_list[migratetype].
 *   2. The buddy of the block at pfn is the block at pfn ^ (1 << n).  When
 *      a block is freed and its buddy is a free block of the same order
 *      (and zone), the two merge into one block of order n + 1 at
 *      pfn & ~(1 << n), and the rule applies again, up to MAX_ORDER - 1.
 *   3. An allocation of order n takes the smallest free block of order
 *      >= n and splits it, putting the unused halves back (expand()).
 *
 *   pfn    0  1  2  3  4  5  6  7
 *         [ free o2   ][ o1 ][x][f]   6 is freed; its buddy 7 is a free o0:
 *         [ free o2   ][ o1 ][ o1 ]   6+7 merge at order 1 (pfn 6),
 *         [ free o2   ][    o2    ]   then 4+6 at order 2 (pfn 4),
 *         [           o3          ]   then 0+4 at order 3 (pfn 0).
 *
 * Migrate types group pages by mobility so that unmovable allocations do
 * not scatter over every pageblock (2 MiB, pageblock_order 9).  Each
 * pageblock's type sits in the pageblock flags (4 bits per block, in the
 * mem_section usage block with SPARSEMEM, zone->pageblock_flags with
 * FLATMEM).  When an allocation finds no free page of its type it falls
 * back to another type (fallbacks[]), taking the largest block and, when
 * enough of the pageblock is free or compatible, claiming the whole
 * pageblock (steal_suitable_fallback()).  High-order atomic allocations
 * may reserve a pageblock for themselves (MIGRATE_HIGHATOMIC).
 *
 * Invariants (checked by mm/page_alloc_validate.c):
 *   free_area[n].nr_free == number of blocks on free_area[n]'s lists;
 *   a page is on at most one list; a free block lies inside its zone;
 *   NR_FREE_PAGES (with all CPU deltas) == pages on non-isolate lists.
 */
#include "mmsim/calltrace.h"
#include "linux/kernel.h"
#include "linux/printk.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/track.h"
#include "mm/page_alloc_internal.h"
#include "mm/compaction_internal.h"
#include "linux/sched.h"

#include <string.h>


/* The mapping field of tail pages (TAIL_MAPPING, with x86_64's poison delta). */
#define TAIL_MAPPING ((struct address_space *)0xdead000000000400UL)

/* ---- pageblock flags ---- */

unsigned long get_pfnblock_flags_mask(const struct page *page,
				      unsigned long pfn, unsigned long mask)
{
	return __get_pfnblock_flags_mask(current_machine, page, pfn, mask);
}

int get_pfnblock_migratetype(const struct page *page, unsigned long pfn)
{
	return (int)get_pfnblock_flags_mask(page, pfn, MIGRATETYPE_MASK);
}

int get_pageblock_migratetype(const struct page *page)
{
	return get_pfnblock_migratetype(page, page_to_pfn(page));
}

/* The bitmap update of set_pfnblock_flags_mask(), which checks @zone. */
static void zone_set_pfnblock_flags_mask(struct zone *zone, struct page *page,
					 unsigned long flags, unsigned long pfn,
					 unsigned long mask)
{
	const struct machine *m = current_machine;
	unsigned long *bitmap = get_pageblock_bitmap(m, page, pfn);
	unsigned long bitidx = pfn_to_bitidx(m, page, pfn);
	unsigned long *word = &bitmap[bitidx / BITS_PER_LONG];
	unsigned long old, new;

	VM_BUG_ON(!zone_spans_pfn(zone, pfn));
	mask <<= bitidx % BITS_PER_LONG;
	flags <<= bitidx % BITS_PER_LONG;
	old = __atomic_load_n(word, __ATOMIC_RELAXED);
	do {
		new = (old & ~mask) | flags;
	} while (!__atomic_compare_exchange_n(word, &old, new, false,
					      __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
}

void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long mask)
{
	zone_set_pfnblock_flags_mask(page_zone(page), page, flags, pfn, mask);
}

static int pageblock_type_to_set(int migratetype)
{
	if (unlikely(page_group_by_mobility_disabled &&
		     migratetype < MIGRATE_PCPTYPES))
		return MIGRATE_UNMOVABLE;
	return migratetype;
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	set_pfnblock_flags_mask(page, (unsigned long)pageblock_type_to_set(migratetype),
				page_to_pfn(page), MIGRATETYPE_MASK);
}

/*
 * set_pageblock_migratetype() for a pageblock of @zone whose struct pages
 * are not written yet (mm/memmap_lazy.c): the page is not read.
 * SPARSEMEM only (FLATMEM finds the bitmap through the page's zone).
 */
void zone_set_pageblock_migratetype(struct zone *zone, unsigned long pfn,
				    int migratetype)
{
	zone_set_pfnblock_flags_mask(zone, pfn_to_page(pfn),
				     (unsigned long)pageblock_type_to_set(migratetype),
				     pfn, MIGRATETYPE_MASK);
}

/* ---- bad pages ---- */

/*
 * A page in a state the allocator cannot accept: report it in the
 * kernel's words and leave it out of the allocator (it leaks, as there).
 */
static void bad_page(struct page *page, const char *reason)
{
	char comm[16];

	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n",
		 pa_current_comm(comm, sizeof(comm)), page_to_pfn(page));
	pr_alert("page:%p refcount:%d mapcount:%d mapping:%p index:%#lx\n",
		 (void *)page, page_ref_count(page), page->_mapcount.counter + 1,
		 (void *)page->mapping, page->index);
	pr_alert("flags: %#lx\n", page->flags);
	pr_alert("page dumped because: %s\n", reason);
	page_mapcount_reset(page); /* no longer PageBuddy */
}

static bool page_expected_state(const struct page *page,
				unsigned long check_flags)
{
	if (unlikely(page->_mapcount.counter != -1))
		return false;
	return !((unsigned long)page->mapping | (unsigned long)page_ref_count(page) |
		 page->memcg_data | (page->flags & check_flags));
}

static const char *page_bad_reason(const struct page *page, unsigned long flags)
{
	const char *reason = NULL;

	if (page->_mapcount.counter != -1)
		reason = "nonzero mapcount";
	if (page->mapping)
		reason = "non-NULL mapping";
	if (page_ref_count(page))
		reason = "nonzero _refcount";
	if (page->flags & flags)
		reason = flags == PAGE_FLAGS_CHECK_AT_PREP ?
			"PAGE_FLAGS_CHECK_AT_PREP flag(s) set" :
			"PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	if (page->memcg_data)
		reason = "page still charged to cgroup";
	return reason;
}

bool free_page_is_bad(struct page *page)
{
	if (likely(page_expected_state(page, PAGE_FLAGS_CHECK_AT_FREE)))
		return false;
	bad_page(page, page_bad_reason(page, PAGE_FLAGS_CHECK_AT_FREE));
	return true;
}

/* ---- the free lists ---- */

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->buddy_list, &area->free_list[migratetype]);
	area->nr_free++;
}

static inline void add_to_free_list_tail(struct page *page, struct zone *zone,
					 unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add_tail(&page->buddy_list, &area->free_list[migratetype]);
	area->nr_free++;
}

/* A block already on a list changes lists (to the tail: used last). */
static inline void move_to_free_list(struct page *page, struct zone *zone,
				     unsigned int order, int migratetype)
{
	list_move_tail(&page->buddy_list,
		       &zone->free_area[order].free_list[migratetype]);
}

static inline void del_page_from_free_list(struct page *page,
					   struct zone *zone,
					   unsigned int order)
{
	list_del(&page->buddy_list);
	__ClearPageBuddy(page);
	set_page_private(page, 0);
	zone->free_area[order].nr_free--;
}

static inline bool page_is_buddy(const struct page *page,
				 const struct page *buddy, unsigned int order)
{
	if (!PageBuddy(buddy) || buddy_order(buddy) != order)
		return false;
	/* same node and zone: compared last, it is the dearest test */
	if (page_zonenum(page) != page_zonenum(buddy) ||
	    page_to_nid(page) != page_to_nid(buddy))
		return false;
	VM_BUG_ON(page_ref_count(buddy) != 0);
	return true;
}

/* The buddy of the order-@order block at @pfn, if it is a free block. */
static inline struct page *find_buddy_page_pfn(struct page *page,
					       unsigned long pfn,
					       unsigned int order,
					       unsigned long *buddy_pfn)
{
	unsigned long bpfn = __find_buddy_pfn(pfn, order);
	/* signed: the buddy may lie below (unsigned wrap is UB for pointers) */
	struct page *buddy = page + ((long)bpfn - (long)pfn);

	if (buddy_pfn)
		*buddy_pfn = bpfn;
	return page_is_buddy(page, buddy, order) ? buddy : NULL;
}

/*
 * Will the block just freed probably merge soon?  If the buddy of the
 * next-larger block is free, the missing half is likely in use briefly;
 * keeping this block at the list tail gives it time to come back.
 */
static bool buddy_merge_likely(unsigned long pfn, unsigned long buddy_pfn,
			       struct page *page, unsigned int order)
{
	unsigned long higher_pfn;

	if (order >= MAX_ORDER - 2)
		return false;
	higher_pfn = buddy_pfn & pfn;
	return find_buddy_page_pfn(page + ((long)higher_pfn - (long)pfn), higher_pfn,
				   order + 1, NULL) != NULL;
}

/*
 * Put the order-@order block at @pfn on the free lists, merging it with
 * its buddies as far as rule 2 allows.  Above pageblock_order, blocks of
 * the isolate/highatomic/CMA types only merge with their own type, so
 * that per-type accounting stays right.  Caller holds zone->lock.
 */
/*
 * The capture request of the task freeing into @zone, if it is compacting
 * @zone directly and has not captured yet (kernel threads never do:
 * mmsim runs them with no current task).
 */
static struct capture_control *task_capc(struct zone *zone)
{
	struct task_struct *task = current;
	struct capture_control *capc = task ? task->capture_control : NULL;

	return capc && !capc->page && capc->cc->zone == zone ? capc : NULL;
}

/*
 * Take the block being freed for the compacting allocation when it has
 * the order asked for; not from CMA or isolated blocks, and not for an
 * allocation below pageblock_order from a movable block.
 */
static bool compaction_capture(struct capture_control *capc, struct page *page,
			       unsigned int order, int migratetype)
{
	if (!capc || (int)order != capc->cc->order)
		return false;
	if (is_migrate_cma(migratetype) || is_migrate_isolate(migratetype))
		return false;
	if (order < pageblock_order && migratetype == MIGRATE_MOVABLE)
		return false;
	capc->page = page;
	return true;
}

void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, fpi_t fpi_flags)
{
	struct capture_control *capc = task_capc(zone);
	unsigned long buddy_pfn = 0, combined_pfn;
	struct page *buddy;
	bool to_tail;

	VM_BUG_ON(!zone_is_initialized(zone));
	VM_BUG_ON(page->flags & PAGE_FLAGS_CHECK_AT_PREP);
	VM_BUG_ON(migratetype < 0);
	VM_BUG_ON(pfn & ((1UL << order) - 1));
	VM_BUG_ON(!zone_spans_pfn(zone, pfn));

	if (likely(!is_migrate_isolate(migratetype)))
		__mod_zone_freepage_state(zone, 1L << order, migratetype);

	while (order < MAX_ORDER - 1) {
		if (compaction_capture(capc, page, order, migratetype)) {
			__mod_zone_freepage_state(zone, -(1L << order), migratetype);
			return;
		}
		buddy = find_buddy_page_pfn(page, pfn, order, &buddy_pfn);
		if (!buddy)
			break;
		if (unlikely(order >= pageblock_order)) {
			int buddy_mt = get_pageblock_migratetype(buddy);

			if (migratetype != buddy_mt &&
			    (!migratetype_is_mergeable(migratetype) ||
			     !migratetype_is_mergeable(buddy_mt)))
				break;
		}
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page += (long)combined_pfn - (long)pfn;
		pfn = combined_pfn;
		order++;
	}

	set_buddy_order(page, order);
	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(pfn, buddy_pfn, page, order);
	if (to_tail)
		add_to_free_list_tail(page, zone, order, migratetype);
	else
		add_to_free_list(page, zone, order, migratetype);
}

/* __free_one_page() under zone->lock, re-reading an isolated block's type. */
void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
		   unsigned int order, int migratetype, fpi_t fpi_flags)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	if (unlikely(has_isolate_pageblock(zone) ||
		     is_migrate_isolate(migratetype)))
		migratetype = get_pfnblock_migratetype(page, pfn);
	__free_one_page(page, pfn, zone, order, migratetype, fpi_flags);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* ---- preparing pages for freeing ---- */

/* The tail pages of a compound block lose their compound_head on free. */
static void free_tail_page_prepare(struct page *head, struct page *page)
{
	if (unlikely(!PageTail(page) || compound_head(page) != head))
		bad_page(page, "PageTail not set");
	page->mapping = NULL;
	page->compound_head = 0;
}

/*
 * Fill the pages with zeroes (init_on_alloc / __GFP_ZERO / init_on_free).
 * The host gives whole pages of a large block back rather than writing
 * zeroes (host/ram.c): they read as zero, and a 4G machine booted with
 * init_on_free=1 does not cost 4 GB of host memory.
 */
static void kernel_init_pages(struct page *page, int numpages)
{
	host_ram_zero(&current_machine->ram, page_to_phys(page),
		      (u64)numpages * PAGE_SIZE);
}

/*
 * Check a block on its way back and strip what allocation gave it.
 * Returns false when a page is bad: the block then stays out of the
 * allocator.  @check_free checks the head page too (the per-CPU path
 * leaves that to the drain, as the kernel does without DEBUG_VM).
 */
bool free_pages_prepare(struct page *page, unsigned int order, bool check_free,
			fpi_t fpi_flags)
{
	int bad = 0, i;

	VM_BUG_ON(PageTail(page));
	if (unlikely(order)) {
		bool compound = PageCompound(page);

		VM_BUG_ON(compound && compound_order(page) != order);
		for (i = 1; i < (1 << order); i++) {
			if (compound)
				free_tail_page_prepare(page, page + i);
			if (unlikely(free_page_is_bad(page + i))) {
				bad++;
				continue;
			}
			page[i].flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
		}
	}
	if (check_free && free_page_is_bad(page))
		bad++;
	if (bad)
		return false;

	page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	if (pa_state.init_on_free)
		kernel_init_pages(page, 1 << order);
	if (!(fpi_flags & FPI_SKIP_KASAN_POISON))
		mmsim_track_free(page_address(page), PAGE_SIZE << order);
	return true;
}

/* Free a block straight to the buddy lists (orders the pcp does not keep). */
void __free_pages_ok(struct page *page, unsigned int order, fpi_t fpi_flags)
{
	unsigned long pfn = page_to_pfn(page);
	struct zone *zone = page_zone(page);
	int migratetype;

	if (!free_pages_prepare(page, order, true, fpi_flags))
		return;
	migratetype = get_pfnblock_migratetype(page, pfn);
	free_one_page(zone, page, pfn, order, migratetype, fpi_flags);
	__count_vm_events(PGFREE, 1L << order);
}

/*
 * Hand a block of boot memory to the allocator for the first time
 * (memblock_free_all() -> ... -> here): its struct pages were initialised
 * "allocated" (refcount 1, maybe PageReserved); make them free, count
 * them in the zone's managed pages and free the block to the list tail.
 * The caller (memblock_free_all) adds the pages to totalram_pages.
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	unsigned int nr_pages = 1u << order, i;

	calltrace_note("pfn %#lx order %u", page_to_pfn(page), order);
	for (i = 0; i < nr_pages; i++) {
		ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	__atomic_add_fetch(&page_zone(page)->managed_pages.counter,
			   (long)nr_pages, __ATOMIC_RELAXED);
	__free_pages_ok(page, order, FPI_TO_TAIL | FPI_SKIP_KASAN_POISON);
}

/*
 * memblock's way into the allocator.  Pages whose struct page is not
 * initialised yet (DEFERRED_STRUCT_PAGE_INIT) are left for the deferred
 * initialisation, which frees them itself.  early_page_initialised() is
 * mm/mm_init.c's; until it is linked in, every page counts as ready.
 */
#pragma weak early_page_initialised
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order)
{
	if (early_page_initialised && !early_page_initialised(pfn))
		return;
	__free_pages_core(page, order);
}

/*
 * memblock_free_late(): whole pages, one at a time, as the kernel does.
 * Before mem_init() has handed memory over (mm.page_alloc_ready), there
 * is no allocator to take them (only a replay of a log can ask this).
 */
void memblock_free_late_pages(unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn;

	if (!current_machine->mm.page_alloc_ready) {
		pr_err("memblock_free_late: no page allocator yet; pfns %#lx-%#lx stay unused\n",
		       start_pfn, end_pfn);
		return;
	}
	for (pfn = start_pfn; pfn < end_pfn; pfn++) {
		memblock_free_pages(pfn_to_page(pfn), pfn, 0);
		totalram_pages_add(1);
	}
}

/* ---- taking blocks off the lists ---- */

/*
 * Split the order-@high block at @page down to order @low, putting the
 * upper halves back: the largest first, so an allocation series from one
 * block walks it in address order.
 */
static inline void expand(struct zone *zone, struct page *page, int low,
			  int high, int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		VM_BUG_ON(!zone_spans_pfn(zone, page_to_pfn(&page[size])));
		add_to_free_list(&page[size], zone, (unsigned int)high,
				 migratetype);
		set_buddy_order(&page[size], (unsigned int)high);
	}
}

static bool check_new_page(struct page *page)
{
	if (likely(page_expected_state(page, PAGE_FLAGS_CHECK_AT_PREP)))
		return false;
	bad_page(page, page_bad_reason(page, PAGE_FLAGS_CHECK_AT_PREP));
	return true;
}

/* Is any page of the new block in a bad state?  (Then it is not used.) */
bool check_new_pages(struct page *page, unsigned int order)
{
	unsigned int i;

	for (i = 0; i < (1u << order); i++)
		if (unlikely(check_new_page(page + i)))
			return true;
	return false;
}

/* The smallest free block of @migratetype of order >= @order, split to size. */
struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				int migratetype)
{
	unsigned int current_order;
	struct page *page;

	for (current_order = order; current_order < MAX_ORDER; ++current_order) {
		page = get_page_from_free_area(&zone->free_area[current_order],
					       migratetype);
		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, (int)order, (int)current_order, migratetype);
		set_pcppage_migratetype(page, migratetype);
		return page;
	}
	return NULL;
}

/* ---- migrate-type fallback and stealing ---- */

/* Where each pcp migrate type looks when its own lists are empty. */
static const int fallbacks[MIGRATE_PCPTYPES][2] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

/*
 * Move every free block in [start_pfn, end_pfn] to the @migratetype list;
 * count the pages that look movable in @num_movable.  Returns pages moved.
 */
static int move_freepages(struct zone *zone, unsigned long start_pfn,
			  unsigned long end_pfn, int migratetype,
			  int *num_movable)
{
	unsigned long pfn;
	unsigned int order;
	int pages_moved = 0;

	for (pfn = start_pfn; pfn <= end_pfn;) {
		struct page *page = pfn_to_page(pfn);

		if (!PageBuddy(page)) {
			if (num_movable && PageLRU(page))
				(*num_movable)++;
			pfn++;
			continue;
		}
		VM_BUG_ON(page_zone(page) != zone);
		order = buddy_order(page);
		move_to_free_list(page, zone, order, migratetype);
		pfn += 1UL << order;
		pages_moved += 1 << order;
	}
	return pages_moved;
}

/* move_freepages() over the pageblock of @page, clipped to the zone. */
int move_freepages_block(struct zone *zone, struct page *page, int migratetype,
			 int *num_movable)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned long start_pfn = pageblock_start_pfn(pfn);
	unsigned long end_pfn = start_pfn + pageblock_nr_pages - 1;

	if (num_movable)
		*num_movable = 0;
	if (!zone_spans_pfn(zone, start_pfn))
		start_pfn = pfn;
	if (!zone_spans_pfn(zone, end_pfn))
		return 0;
	return move_freepages(zone, start_pfn, end_pfn, migratetype,
			      num_movable);
}

static void change_pageblock_range(struct page *pageblock_page,
				   int start_order, int migratetype)
{
	int nr_pageblocks = 1 << (start_order - pageblock_order);

	while (nr_pageblocks--) {
		set_pageblock_migratetype(pageblock_page, migratetype);
		pageblock_page += pageblock_nr_pages;
	}
}

/*
 * May a fallback take the rest of the pageblock along?  Always for large
 * blocks, and for unmovable and reclaimable requests (their pollution of
 * movable blocks is the costly kind); movable requests take small pieces.
 */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	return order >= pageblock_order / 2 ||
	       start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE ||
	       page_group_by_mobility_disabled;
}

/*
 * A fallback happened: raise the zone's watermarks by a pageblock (up to
 * watermark_boost_factor/10000 of the high mark) so that kswapd reclaims
 * early and the next allocation need not fragment.
 */
static bool boost_watermark(struct zone *zone)
{
	unsigned long max_boost;
	int factor = current_machine->mm.watermark_boost_factor;

	if (!factor)
		return false;
	if (pageblock_nr_pages * 4 > zone_managed_pages(zone))
		return false; /* small zones: boosting could OOM at once */
	max_boost = pa_mult_frac(zone->_watermark[WMARK_HIGH],
				 (unsigned long)factor, 10000);
	if (!max_boost)
		return false; /* watermarks not set up yet */
	max_boost = max(pageblock_nr_pages, max_boost);
	zone->watermark_boost = min(zone->watermark_boost + pageblock_nr_pages,
				    max_boost);
	return true;
}

/*
 * Take @page (a free block of another type) for @start_type.  A block of
 * pageblock size or more changes type whole.  Otherwise the free pages of
 * its pageblock move to @start_type's lists, and the pageblock itself
 * changes type when at least half of it is free or compatible.
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    unsigned int alloc_flags, int start_type,
				    bool whole_block)
{
	unsigned int current_order = buddy_order(page);
	int free_pages, movable_pages, alike_pages;
	int old_block_type = get_pageblock_migratetype(page);

	if (is_migrate_highatomic(old_block_type))
		goto single_page;
	if (current_order >= pageblock_order) {
		change_pageblock_range(page, (int)current_order, start_type);
		goto single_page;
	}
	if (boost_watermark(zone) && (alloc_flags & ALLOC_KSWAPD))
		zone_set_flag(zone, ZONE_BOOSTED_WATERMARK);
	if (!whole_block)
		goto single_page;

	free_pages = move_freepages_block(zone, page, start_type,
					  &movable_pages);
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_block_type == MIGRATE_MOVABLE)
		alike_pages = (int)pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0; /* unmovable vs reclaimable: cannot tell */
	if (!free_pages)
		goto single_page; /* the block crosses the zone boundary */
	if (free_pages + alike_pages >= (1 << (pageblock_order - 1)) ||
	    page_group_by_mobility_disabled)
		set_pageblock_migratetype(page, start_type);
	return;

single_page:
	move_to_free_list(page, zone, current_order, start_type);
}

/*
 * The first fallback type with a free block in @area, or -1.  With
 * @only_stealable, only one whose pageblock may be taken along.
 */
int find_suitable_fallback(struct free_area *area, unsigned int order,
			   int migratetype, bool only_stealable, bool *can_steal)
{
	int i, fallback_mt;

	if (area->nr_free == 0 || migratetype >= MIGRATE_PCPTYPES)
		return -1;
	*can_steal = false;
	for (i = 0; i < 2; i++) {
		fallback_mt = fallbacks[migratetype][i];
		if (free_area_empty(area, fallback_mt))
			continue;
		if (can_steal_fallback(order, migratetype))
			*can_steal = true;
		if (!only_stealable || *can_steal)
			return fallback_mt;
	}
	return -1;
}

/*
 * A high-order atomic allocation succeeded: set its pageblock aside for
 * such allocations (up to ~1% of the zone plus one pageblock).
 */
void reserve_highatomic_pageblock(struct page *page, struct zone *zone,
				  unsigned int alloc_order)
{
	unsigned long max_managed, flags;
	int mt;

	max_managed = zone_managed_pages(zone) / 100 + pageblock_nr_pages;
	if (zone->nr_reserved_highatomic >= max_managed)
		return;
	spin_lock_irqsave(&zone->lock, flags);
	if (zone->nr_reserved_highatomic >= max_managed)
		goto out_unlock;
	mt = get_pageblock_migratetype(page);
	if (migratetype_is_mergeable(mt)) {
		zone->nr_reserved_highatomic += pageblock_nr_pages;
		set_pageblock_migratetype(page, MIGRATE_HIGHATOMIC);
		move_freepages_block(zone, page, MIGRATE_HIGHATOMIC, NULL);
	}
out_unlock:
	spin_unlock_irqrestore(&zone->lock, flags);
}

/*
 * An allocation is about to fail: give a highatomic pageblock back to
 * the allocation's type.  Keeps one pageblock unless @force.  Returns
 * whether free pages moved.
 */
bool unreserve_highatomic_pageblock(const struct alloc_context *ac, bool force)
{
	unsigned long flags;
	struct zoneref *z;
	struct zone *zone;
	struct page *page;
	unsigned int order;

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist,
					ac->highest_zoneidx, ac->nodemask) {
		if (!force && zone->nr_reserved_highatomic <= pageblock_nr_pages)
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		for (order = 0; order < MAX_ORDER; order++) {
			page = get_page_from_free_area(&zone->free_area[order],
						       MIGRATE_HIGHATOMIC);
			if (!page)
				continue;
			if (is_migrate_highatomic_page(page))
				zone->nr_reserved_highatomic -=
					min(pageblock_nr_pages,
					    zone->nr_reserved_highatomic);
			set_pageblock_migratetype(page, ac->migratetype);
			if (move_freepages_block(zone, page, ac->migratetype,
						 NULL)) {
				spin_unlock_irqrestore(&zone->lock, flags);
				return true;
			}
		}
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	return false;
}

/*
 * No block of @start_migratetype: move one of another type over (maybe
 * with its whole pageblock).  Looks at the largest blocks first; with
 * ALLOC_NOFRAGMENT only at whole pageblocks.  Returns true when a block
 * was moved, so that __rmqueue_smallest() will now find it.
 */
static bool __rmqueue_fallback(struct zone *zone, int order,
			       int start_migratetype, unsigned int alloc_flags)
{
	struct free_area *area;
	int current_order, min_order = order, fallback_mt;
	bool can_steal;
	struct page *page;

	if (order < (int)pageblock_order && (alloc_flags & ALLOC_NOFRAGMENT))
		min_order = pageblock_order;

	for (current_order = MAX_ORDER - 1; current_order >= min_order;
	     --current_order) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area,
						     (unsigned int)current_order,
						     start_migratetype, false,
						     &can_steal);
		if (fallback_mt == -1)
			continue;
		/*
		 * A movable request that cannot take the block along splits
		 * the smallest block instead: less damage if it falls back
		 * again elsewhere.
		 */
		if (!can_steal && start_migratetype == MIGRATE_MOVABLE &&
		    current_order > order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (current_order = order; current_order < (int)MAX_ORDER; current_order++) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area,
						     (unsigned int)current_order,
						     start_migratetype, false,
						     &can_steal);
		if (fallback_mt != -1)
			break;
	}
	VM_BUG_ON(current_order == (int)MAX_ORDER);

do_steal:
	page = get_page_from_free_area(area, fallback_mt);
	steal_suitable_fallback(zone, page, alloc_flags, start_migratetype,
				can_steal);
	return true;
}

/* Remove a block of @order for @migratetype, falling back if needed. */
struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype,
		       unsigned int alloc_flags)
{
	struct page *page;

	if (pa_state.cfg_cma && (alloc_flags & ALLOC_CMA) &&
	    zone_page_state(zone, NR_FREE_CMA_PAGES) >
		    zone_page_state(zone, NR_FREE_PAGES) / 2) {
		page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (page)
			return page;
	}
retry:
	page = __rmqueue_smallest(zone, order, migratetype);
	if (unlikely(!page)) {
		if (pa_state.cfg_cma && (alloc_flags & ALLOC_CMA))
			page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (!page && __rmqueue_fallback(zone, (int)order, migratetype,
						alloc_flags))
			goto retry;
	}
	return page;
}

/*
 * Allocate straight from the buddy lists (orders the pcp does not keep,
 * or when this CPU's pcp is busy).  High-order ALLOC_HARDER requests try
 * the highatomic reserve first.
 */
struct page *rmqueue_buddy(struct zone *preferred_zone, struct zone *zone,
			   unsigned int order, unsigned int alloc_flags,
			   int migratetype)
{
	struct page *page;
	unsigned long flags;

	do {
		page = NULL;
		spin_lock_irqsave(&zone->lock, flags);
		if (order > 0 && (alloc_flags & ALLOC_HARDER))
			page = __rmqueue_smallest(zone, order,
						  MIGRATE_HIGHATOMIC);
		if (!page) {
			page = __rmqueue(zone, order, migratetype, alloc_flags);
			if (!page) {
				spin_unlock_irqrestore(&zone->lock, flags);
				return NULL;
			}
		}
		__mod_zone_freepage_state(zone, -(1L << order),
					  get_pcppage_migratetype(page));
		spin_unlock_irqrestore(&zone->lock, flags);
	} while (check_new_pages(page, order));

	__count_zid_vm_events(PGALLOC, page_zonenum(page), 1L << order);
	zone_statistics(preferred_zone, zone, 1);
	return page;
}

/* ---- new pages ---- */

/* Head and tails of a compound block (__GFP_COMP). */
void prep_compound_page(struct page *page, unsigned int order)
{
	unsigned int i, nr_pages = 1u << order;

	SetPageHead(page);
	for (i = 1; i < nr_pages; i++) {
		struct page *p = page + i;

		p->mapping = TAIL_MAPPING;
		p->compound_head = (unsigned long)page + 1;
		set_page_private(p, 0);
	}
	page[1].compound_dtor = 1; /* COMPOUND_PAGE_DTOR */
	page[1].compound_order = (unsigned char)order;
	page[1].compound_mapcount.counter = -1;
	page[1].compound_pincount.counter = 0;
	page[1].compound_nr = nr_pages;
}

/*
 * Make a block taken off the lists ready for its user: refcount 1,
 * contents zeroed when init_on_alloc or __GFP_ZERO asks, compound
 * structure when __GFP_COMP asks.
 */
void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags,
		   unsigned int alloc_flags)
{
	bool init = !pa_state.init_on_free &&
		    (pa_state.init_on_alloc || (gfp_flags & __GFP_ZERO));

	set_page_private(page, 0);
	set_page_count(page, 1);
	/* all of simulated RAM has a host address, HighMem included */
	mmsim_track_alloc(page_address(page), PAGE_SIZE << order);
	if (init)
		kernel_init_pages(page, 1 << order);
	if (order && (gfp_flags & __GFP_COMP))
		prep_compound_page(page, order);
	(void)alloc_flags; /* ALLOC_NO_WATERMARKS would mark it pfmemalloc */
}

/* ---- the public freeing API ---- */

static void free_the_page(struct page *page, unsigned int order)
{
	if (pcp_allowed_order(order))
		free_unref_page(page, order);
	else
		__free_pages_ok(page, order, FPI_NONE);
}

/*
 * Drop a reference to the block at @page; the last one frees it.  When
 * the last reference to a non-compound block's first page is held by
 * someone else, free the rest of the block now, keeping only that page.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (put_page_testzero(page))
		free_the_page(page, order);
	else if (!PageHead(page))
		while (order-- > 0)
			free_the_page(page + (1 << order), order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

/*
 * Turn a non-compound block into 2^order independent pages, each with
 * its own reference, to be freed one by one.
 */
void split_page(struct page *page, unsigned int order)
{
	unsigned int i;

	VM_BUG_ON(PageCompound(page));
	VM_BUG_ON(!page_ref_count(page));
	for (i = 1; i < (1u << order); i++)
		set_page_count(page + i, 1);
}

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page = alloc_pages(gfp_mask & ~__GFP_HIGHMEM, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

/* Keep the first DIV_ROUND_UP(size, PAGE_SIZE) pages, free the rest. */
static void *make_alloc_exact(unsigned long addr, unsigned int order,
			      size_t size)
{
	struct page *page, *last;
	unsigned long nr;

	if (!addr)
		return NULL;
	nr = DIV_ROUND_UP(size, PAGE_SIZE);
	page = virt_to_page((void *)addr);
	last = page + nr;
	while (page < --last)
		set_page_count(last, 1);
	last = page + (1UL << order);
	for (page += nr; page < last; page++)
		__free_pages_ok(page, 0, FPI_TO_TAIL);
	return (void *)addr;
}

void *alloc_pages_exact(size_t size, gfp_t gfp_mask)
{
	unsigned int order = pa_get_order(size);

	if (WARN_ON_ONCE(gfp_mask & (__GFP_COMP | __GFP_HIGHMEM)))
		gfp_mask &= ~(__GFP_COMP | __GFP_HIGHMEM);
	return make_alloc_exact(__get_free_pages(gfp_mask, order), order, size);
}

void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt;
	unsigned long end = addr + PAGE_ALIGN(size);

	for (; addr < end; addr += PAGE_SIZE)
		free_page(addr);
}

/* ---- taking one free page out of the buddy allocator ---- */

/*
 * Split the free block @head (order @high) down to @target: every half
 * that does not hold @target goes back on the free lists.
 */
static void break_down_buddy_pages(struct zone *zone, struct page *head,
				   struct page *target, unsigned int high,
				   int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > 0) {
		struct page *other;

		high--;
		size >>= 1;
		if (target >= head + size) {
			other = head;
			head += size;
		} else {
			other = head + size;
		}
		add_to_free_list(other, zone, high, migratetype);
		set_buddy_order(other, high);
	}
}

/*
 * take_page_off_buddy(): if @page is free (inside a free block of some
 * order), take it alone out of the allocator, leaving the rest of its
 * block free; true on success.  alloc_contig_range() uses it for ranges
 * that hold only free pages.
 */
bool take_page_off_buddy(struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long pfn = page_to_pfn(page), flags;
	unsigned int order;
	bool ret = false;

	spin_lock_irqsave(&zone->lock, flags);
	for (order = 0; order < MAX_ORDER; order++) {
		struct page *head = page - (pfn & ((1UL << order) - 1));
		unsigned int head_order = buddy_order(head);

		if (PageBuddy(head) && head_order >= order) {
			int mt = get_pfnblock_migratetype(head, page_to_pfn(head));

			del_page_from_free_list(head, zone, head_order);
			break_down_buddy_pages(zone, head, page, head_order, mt);
			if (!is_migrate_isolate(mt))
				__mod_zone_freepage_state(zone, -1, mt);
			ret = true;
			break;
		}
		if (page_ref_count(head) > 0)
			break;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	return ret;
}

/*
 * __isolate_free_page(): take the free block @page of @order off the
 * lists for compaction's free scanner, as an allocation would (the zone
 * must stay above its MIN mark plus the block, else 0).  A block of half
 * a pageblock or more turns its pageblocks MOVABLE.  Returns the number of
 * pages taken.  Caller holds zone->lock.
 */
int __isolate_free_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	int mt = get_pageblock_migratetype(page);
	struct page *endpage;

	if (!is_migrate_isolate(mt)) {
		unsigned long mark = zone->_watermark[WMARK_MIN] + (1UL << order);

		if (!zone_watermark_ok(zone, 0, mark, 0, ALLOC_CMA))
			return 0;
		__mod_zone_freepage_state(zone, -(1L << order), mt);
	}
	del_page_from_free_list(page, zone, order);
	if (order < pageblock_order - 1)
		return 1 << order;
	endpage = page + (1UL << order) - 1;
	for (; page < endpage; page += pageblock_nr_pages) {
		int block_mt = get_pageblock_migratetype(page);

		if (!is_migrate_isolate(block_mt) && !is_migrate_cma(block_mt) &&
		    !is_migrate_highatomic(block_mt))
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);
	}
	return 1 << order;
}

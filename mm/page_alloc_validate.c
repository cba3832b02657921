// SPDX-License-Identifier: MIT
/*
 * mm/page_alloc_validate.c — the buddy allocator's self-check.
 *
 * No kernel counterpart (the kernel checks pieces of this under
 * CONFIG_DEBUG_VM as it goes); compare mimalloc's mi_page_is_valid.  The
 * tests run it after every step; a debugger can call it at any time the
 * simulated CPUs are quiet.
 *
 * zone_validate_census() walks a zone three ways and cross-checks them:
 *
 *   free lists    every entry is a PageBuddy head of the list's order,
 *                 order-aligned, inside the zone, refcount 0, on no other
 *                 list, overlapping no other free block;
 *                 free_area[order].nr_free == entries of that order
 *   pcp lists     every CPU's blocks: in the zone, not PageBuddy,
 *                 refcount 0, no overlap; pcp->count == pages listed
 *   memory map    no PageBuddy page outside the lists' heads; no
 *                 PageReserved page inside a free block
 *
 * and then the accounting (pages of the span whose struct page says they
 * belong to this zone):
 *
 *   free + pcp + allocated == managed_pages
 *   NR_FREE_PAGES + every CPU's delta == free pages not on isolate lists
 *   nr_reserved_highatomic == highatomic pageblocks * pageblock_nr_pages
 *   min <= low <= high watermark
 *
 * "Allocated" is decided by elimination: every page of the zone that is
 * neither in a free block, nor on a pcp list, nor PageReserved.  The tail
 * pages of a non-compound block carry no mark (refcount 0, no flags), so
 * a page that leaked is indistinguishable from one in use; callers that
 * need leak detection compare census.allocated with their own ledger (the
 * stress test does).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "mmsim/host.h"
#include "mm/page_alloc_internal.h"

#include <string.h>

struct walk {
	struct zone *zone;
	unsigned long start, span;
	unsigned long *covered;  /* pfns in a free block or on a pcp list */
	unsigned long *heads;    /* pfns heading a free block */
	int errors;
};

#define BITS_TO_LONGS(n) DIV_ROUND_UP(n, BITS_PER_LONG)

static bool test_and_set(unsigned long *map, unsigned long i)
{
	unsigned long bit = 1UL << (i % BITS_PER_LONG);
	bool was = map[i / BITS_PER_LONG] & bit;

	map[i / BITS_PER_LONG] |= bit;
	return was;
}

static bool test(const unsigned long *map, unsigned long i)
{
	return map[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG));
}

#define bad(w, fmt, ...)                                                     \
	do {                                                                 \
		if ((w)->errors++ < 20)                                      \
			pr_err("zone_validate: node %d zone %s: " fmt "\n",  \
			       zone_to_nid((w)->zone), (w)->zone->name,      \
			       ##__VA_ARGS__);                               \
	} while (0)

/* Mark the block's pages covered; complain about overlaps. */
static void cover(struct walk *w, unsigned long pfn, unsigned int order,
		  const char *what)
{
	unsigned long i;

	for (i = 0; i < (1UL << order); i++)
		if (test_and_set(w->covered, pfn - w->start + i)) {
			bad(w, "%s block pfn %#lx order %u overlaps another list's block at pfn %#lx",
			    what, pfn, order, pfn + i);
			return;
		}
}

/* A block on a list: inside the zone, aligned, the struct page the zone's. */
static bool block_in_zone(struct walk *w, struct page *page, unsigned int order,
			  const char *what)
{
	unsigned long pfn = page_to_pfn(page);

	if (pfn < w->start || pfn + (1UL << order) > w->start + w->span) {
		bad(w, "%s block pfn %#lx order %u lies outside the zone", what,
		    pfn, order);
		return false;
	}
	if (pfn & ((1UL << order) - 1))
		bad(w, "%s block pfn %#lx not aligned to its order %u", what,
		    pfn, order);
	if (page_zone(page) != w->zone)
		bad(w, "%s block pfn %#lx belongs to zone %s", what, pfn,
		    page_zone(page)->name);
	if (page_ref_count(page))
		bad(w, "%s block pfn %#lx has refcount %d", what, pfn,
		    page_ref_count(page));
	return true;
}

static void walk_free_lists(struct walk *w, struct zone_census *c,
			    unsigned long *counted_free)
{
	struct zone *zone = w->zone;
	unsigned int order;
	int mt;

	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long entries = 0;

		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct list_head *head = &zone->free_area[order].free_list[mt];
			struct list_head *p;

			for (p = head->next; p != head; p = p->next) {
				struct page *page = list_entry(p, struct page, buddy_list);
				unsigned long pfn = page_to_pfn(page);

				if (++entries > w->span) {
					bad(w, "free list order %u type %d does not end", order, mt);
					break;
				}
				if (!block_in_zone(w, page, order, "free"))
					continue;
				if (!PageBuddy(page))
					bad(w, "free block pfn %#lx (order %u) is not PageBuddy", pfn, order);
				else if (buddy_order(page) != order)
					bad(w, "free block pfn %#lx has order %u on the order-%u list",
					    pfn, buddy_order(page), order);
				cover(w, pfn, order, "free");
				test_and_set(w->heads, pfn - w->start);
				c->free += 1UL << order;
				if (!is_migrate_isolate(mt))
					*counted_free += 1UL << order;
			}
		}
		if (entries != zone->free_area[order].nr_free)
			bad(w, "free_area[%u].nr_free is %lu, lists hold %lu", order,
			    zone->free_area[order].nr_free, entries);
	}
}

static void walk_pcp_lists(struct walk *w, struct zone_census *c)
{
	struct zone *zone = w->zone;
	unsigned int cpu, pindex;

	if (!zone->per_cpu_pageset || zone->per_cpu_pageset == pa_state.boot_pageset_ptrs)
		return; /* boot pagesets keep nothing */
	for (cpu = 0; cpu < pa_state.nr_cpu_slots; cpu++) {
		struct per_cpu_pages *pcp = zone_pcp(zone, (int)cpu);
		long pages = 0;

		for (pindex = 0; pindex < NR_PCP_LISTS; pindex++) {
			unsigned int order = (unsigned int)pindex_to_order(pindex);
			struct list_head *p;
			unsigned long n = 0;

			list_for_each(p, &pcp->lists[pindex]) {
				struct page *page = list_entry(p, struct page, pcp_list);

				if (++n > w->span) {
					bad(w, "cpu %u pcp list %u does not end", cpu, pindex);
					break;
				}
				if (!block_in_zone(w, page, order, "pcp"))
					continue;
				if (PageBuddy(page))
					bad(w, "pcp block pfn %#lx is PageBuddy", page_to_pfn(page));
				cover(w, page_to_pfn(page), order, "pcp");
				pages += 1L << order;
			}
		}
		if (pages != pcp->count)
			bad(w, "cpu %u pcp->count is %d, lists hold %ld", cpu,
			    pcp->count, pages);
		c->pcp += (unsigned long)pages;
	}
}

/* Every struct page of the span that says it belongs to this zone. */
static void walk_memmap(struct walk *w, struct zone_census *c)
{
	unsigned long i;

	for (i = 0; i < w->span; i++) {
		unsigned long pfn = w->start + i;
		struct page *page;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (page_zone(page) != w->zone)
			continue;
		if (test(w->covered, i)) {
			if (PageReserved(page))
				bad(w, "pfn %#lx is PageReserved inside a free block", pfn);
			if (PageBuddy(page) && !test(w->heads, i))
				bad(w, "pfn %#lx is PageBuddy inside another block", pfn);
			continue;
		}
		if (PageBuddy(page))
			bad(w, "pfn %#lx is PageBuddy (order %u) but on no free list",
			    pfn, buddy_order(page));
		if (PageReserved(page))
			c->reserved++;
		else
			c->allocated++;
	}
}

static void count_pageblocks(struct walk *w, struct zone_census *c)
{
	unsigned long pfn = pageblock_start_pfn(w->start);

	for (; pfn < w->start + w->span; pfn += pageblock_nr_pages) {
		unsigned long probe = max(pfn, w->start);
		int mt;

		if (!pfn_valid(probe) || page_zone(pfn_to_page(probe)) != w->zone)
			continue;
		mt = get_pfnblock_migratetype(pfn_to_page(probe), probe);
		if (mt >= MIGRATE_TYPES) {
			bad(w, "pageblock at pfn %#lx has migrate type %d", pfn, mt);
			continue;
		}
		c->blocks_by_type[mt]++;
	}
}

static void check_accounts(struct walk *w, const struct zone_census *c,
			   unsigned long counted_free)
{
	struct zone *zone = w->zone;
	unsigned long nr_free = zone_page_state_snapshot(zone, NR_FREE_PAGES);
	unsigned long managed = zone_managed_pages(zone);
	unsigned long highatomic = c->blocks_by_type[MIGRATE_HIGHATOMIC] *
				   pageblock_nr_pages;

	if (c->free + c->pcp + c->allocated != managed)
		bad(w, "free %lu + pcp %lu + allocated %lu != managed %lu",
		    c->free, c->pcp, c->allocated, managed);
	if (nr_free != counted_free)
		bad(w, "NR_FREE_PAGES is %lu, free lists hold %lu", nr_free,
		    counted_free);
	if (zone->nr_reserved_highatomic != highatomic)
		bad(w, "nr_reserved_highatomic is %lu, highatomic pageblocks hold %lu",
		    zone->nr_reserved_highatomic, highatomic);
	if (zone->_watermark[WMARK_MIN] > zone->_watermark[WMARK_LOW] ||
	    zone->_watermark[WMARK_LOW] > zone->_watermark[WMARK_HIGH])
		bad(w, "watermarks out of order: min %lu low %lu high %lu",
		    zone->_watermark[WMARK_MIN], zone->_watermark[WMARK_LOW],
		    zone->_watermark[WMARK_HIGH]);
}

int zone_validate_census(struct zone *zone, struct zone_census *census)
{
	struct zone_census local;
	struct zone_census *c = census ? census : &local;
	unsigned long counted_free = 0, flags;
	struct walk w = { .zone = zone, .start = zone->zone_start_pfn,
			  .span = zone->spanned_pages };

	memset(c, 0, sizeof(*c));
	if (!w.span)
		return 0;
	w.covered = host_alloc(BITS_TO_LONGS(w.span) * sizeof(long));
	w.heads = host_alloc(BITS_TO_LONGS(w.span) * sizeof(long));
	spin_lock_irqsave(&zone->lock, flags);
	walk_free_lists(&w, c, &counted_free);
	walk_pcp_lists(&w, c);
	walk_memmap(&w, c);
	count_pageblocks(&w, c);
	check_accounts(&w, c, counted_free);
	spin_unlock_irqrestore(&zone->lock, flags);
	host_free(w.covered);
	host_free(w.heads);
	if (w.errors > 20)
		pr_err("zone_validate: %d more problems not shown\n", w.errors - 20);
	return w.errors ? -EINVAL : 0;
}

int zone_validate(struct zone *zone)
{
	return zone_validate_census(zone, NULL);
}

/* Every zone of every online node. */
int page_alloc_validate(void)
{
	struct zone *zone;
	int ret = 0;

	if (!first_online_pgdat())
		return 0;
	for_each_zone(zone)
		if (zone_validate(zone))
			ret = -EINVAL;
	return ret;
}

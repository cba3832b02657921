/* SPDX-License-Identifier: MIT */
/*
 * mm/page_alloc_internal.h — what the files of the page allocator share.
 *
 * Kernel counterpart: the static helpers of mm/page_alloc.c and the
 * allocator part of mm/internal.h (Linux 6.1).  The kernel's 9,700-line
 * page_alloc.c is split by concept here:
 *
 *   page_alloc.c          the buddy lists: pageblock flags, freeing and
 *                         merging, splitting (expand), migrate-type fallback
 *                         and stealing, highatomic reserves, new-page prep
 *   page_alloc_pcp.c      per-CPU page lists: batch/high, refill, drain
 *   page_alloc_path.c     from gfp flags to a page: zonelists, watermark
 *                         checks, the fast and slow paths, warn_alloc
 *   page_alloc_wmark.c    min_free_kbytes, watermarks, lowmem_reserve,
 *                         tunables and the allocator's machine state
 *   page_alloc_validate.c the validator
 *
 * Lock order: pcp->lock, then zone->lock.  A simulated CPU takes only its
 * own pcp->lock on the fast paths (with trylock: a remote drain holding it
 * sends the caller to the buddy lists instead); drains of another CPU's
 * list take that CPU's pcp->lock.
 *
 * Include this header last: it brings in <mmsim/machine.h> (through
 * mm/page_machine.h, the fast paths' inline helpers).
 */
#ifndef _MMSIM_MM_PAGE_ALLOC_INTERNAL_H
#define _MMSIM_MM_PAGE_ALLOC_INTERNAL_H

#include "linux/kernel.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/page_machine.h"

/* The allocator's part of the machine state. */
#define pa_state (current_machine->mm.pa)

/* Flags of the internal free functions (fpi_t). */
typedef unsigned int fpi_t;
#define FPI_NONE 0u
#define FPI_SKIP_REPORT_NOTIFY (1u << 0) /* no free page reporting */
#define FPI_TO_TAIL (1u << 1)            /* put the block at the list tail */
#define FPI_SKIP_KASAN_POISON (1u << 2)  /* boot: do not poison the memory */

/*
 * alloc_flags: the ALLOC_WMARK bits index zone->_watermark; ALLOC_HIGH and
 * ALLOC_KSWAPD are the values of __GFP_HIGH and __GFP_KSWAPD_RECLAIM.
 */
#define ALLOC_WMARK_MIN WMARK_MIN
#define ALLOC_WMARK_LOW WMARK_LOW
#define ALLOC_WMARK_HIGH WMARK_HIGH
#define ALLOC_NO_WATERMARKS 0x04
#define ALLOC_WMARK_MASK (ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM 0x08
#define ALLOC_HARDER 0x10
#define ALLOC_HIGH 0x20
#define ALLOC_CPUSET 0x40
#define ALLOC_CMA 0x80
#define ALLOC_NOFRAGMENT 0x100 /* set only when ZONE_DMA32 exists */
#define ALLOC_KSWAPD 0x800

/* Boot pagesets keep nothing: every free goes straight to the buddy lists. */
#define BOOT_PAGESET_HIGH 0
#define BOOT_PAGESET_BATCH 1
/* cfg_pcp_batch_scale_max of a .config without CONFIG_PCP_BATCH_SCALE_MAX */
#define PCP_BATCH_SCALE_UNLIMITED 30

#define MIN_PERCPU_PAGELIST_HIGH_FRACTION 8
#define MAX_RECLAIM_RETRIES 16
#define MAX_COMPACT_RETRIES 16
#define SWAP_CLUSTER_MAX 32UL

/* What one allocation request resolved to (prepare_alloc_pages()). */
struct alloc_context {
	struct zonelist *zonelist;
	const unsigned long *nodemask;
	struct zoneref *preferred_zoneref;
	int migratetype;
	int highest_zoneidx;
	bool spread_dirty_pages;
};

static inline bool is_migrate_highatomic(int mt)
{
	return mt == MIGRATE_HIGHATOMIC;
}

static inline bool is_migrate_isolate(int mt)
{
	return mt == MIGRATE_ISOLATE; /* MIGRATE_ISOLATE is -1 when absent */
}

static inline bool is_migrate_cma(int mt)
{
	return mt == MIGRATE_CMA;
}

/* Pageblocks of these types may merge with each other across blocks. */
static inline bool migratetype_is_mergeable(int mt)
{
	return mt < MIGRATE_PCPTYPES;
}

static inline bool is_migrate_highatomic_page(const struct page *page)
{
	return get_pageblock_migratetype(page) == MIGRATE_HIGHATOMIC;
}

static inline bool free_area_empty(const struct free_area *area, int mt)
{
	return list_empty(&area->free_list[mt]);
}

static inline struct page *get_page_from_free_area(struct free_area *area,
						   int mt)
{
	return list_first_entry_or_null(&area->free_list[mt], struct page,
					buddy_list);
}

static inline bool has_isolate_pageblock(const struct zone *zone)
{
	return pa_state.cfg_isolation && zone->nr_isolate_pageblock;
}

/* A pcp page remembers its pageblock's migrate type in page->index. */
static inline int get_pcppage_migratetype(const struct page *page)
{
	return (int)page->index;
}

static inline void set_pcppage_migratetype(struct page *page, int mt)
{
	page->index = (unsigned long)mt;
}

/* Orders the per-CPU lists keep: 0..3, and pageblock_order with THP. */
static inline bool pcp_allowed_order(unsigned int order)
{
	if (order <= PAGE_ALLOC_COSTLY_ORDER)
		return true;
	return pa_state.cfg_thp && order == pageblock_order;
}

/* pcp list index: [order][migratetype] for orders 0..3, then one THP list. */
static inline unsigned int order_to_pindex(int migratetype, int order)
{
	if (order > PAGE_ALLOC_COSTLY_ORDER) {
		VM_BUG_ON(order != (int)pageblock_order);
		return NR_LOWORDER_PCP_LISTS;
	}
	return (unsigned int)(MIGRATE_PCPTYPES * order + migratetype);
}

static inline int pindex_to_order(unsigned int pindex)
{
	if (pindex == NR_LOWORDER_PCP_LISTS)
		return pageblock_order;
	return (int)(pindex / MIGRATE_PCPTYPES);
}

/* mm/page_alloc.c, for compaction. */
int find_suitable_fallback(struct free_area *area, unsigned int order,
			   int migratetype, bool only_stealable, bool *can_steal);
int __isolate_free_page(struct page *page, unsigned int order);

/* Atomic bit operations on zone->flags. */
static inline bool zone_test_flag(const struct zone *zone, int bit)
{
	return __atomic_load_n(&zone->flags, __ATOMIC_RELAXED) & (1UL << bit);
}

static inline void zone_set_flag(struct zone *zone, int bit)
{
	__atomic_fetch_or(&zone->flags, 1UL << bit, __ATOMIC_RELAXED);
}

static inline void zone_clear_flag(struct zone *zone, int bit)
{
	__atomic_fetch_and(&zone->flags, ~(1UL << bit), __ATOMIC_RELAXED);
}

static inline struct zonelist *node_zonelist(int nid, gfp_t flags)
{
	int idx = pa_state.cfg_numa && (flags & __GFP_THISNODE) ?
		ZONELIST_NOFALLBACK : ZONELIST_FALLBACK;

	return &NODE_DATA(nid)->node_zonelists[idx];
}

/*
 * HighMem zones (never on x86_64), and ZONE_MOVABLE when it is carved out
 * of HighMem (movable_zone, mm/mm_init.c): on 32-bit ARM its watermark
 * floor is HighMem's (min = low = high = SWAP_CLUSTER_MAX when empty).
 */
static inline bool is_highmem_idx(int idx)
{
	return ZONE_HIGHMEM >= 0 &&
	       (idx == ZONE_HIGHMEM ||
		(idx == ZONE_MOVABLE && current_machine->mm.movable_zone == ZONE_HIGHMEM));
}

static inline bool is_highmem(const struct zone *zone)
{
	return is_highmem_idx(zone_idx(zone));
}

/* Bit arithmetic the kernel takes from <linux/bitops.h> and <linux/log2.h>. */
static inline int pa_fls(unsigned long x)
{
	return x ? BITS_PER_LONG - __builtin_clzl(x) : 0;
}

static inline unsigned long pa_rounddown_pow_of_two(unsigned long n)
{
	return n ? 1UL << (pa_fls(n) - 1) : 0;
}

/* x * numer / denom without overflowing the intermediate product. */
static inline unsigned long pa_mult_frac(unsigned long x, unsigned long numer,
					 unsigned long denom)
{
	unsigned long quot = x / denom, rem = x % denom;

	return quot * numer + rem * numer / denom;
}

/* Smallest order with PAGE_SIZE << order >= size (get_order()). */
static inline unsigned int pa_get_order(size_t size)
{
	unsigned int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

/* ---- page_alloc.c: the buddy lists ---- */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, fpi_t fpi_flags);
void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
		   unsigned int order, int migratetype, fpi_t fpi_flags);
void __free_pages_ok(struct page *page, unsigned int order, fpi_t fpi_flags);
bool free_pages_prepare(struct page *page, unsigned int order, bool check_free,
			fpi_t fpi_flags);
bool free_page_is_bad(struct page *page);
struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				int migratetype);
struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype,
		       unsigned int alloc_flags);
struct page *rmqueue_buddy(struct zone *preferred_zone, struct zone *zone,
			   unsigned int order, unsigned int alloc_flags,
			   int migratetype);
bool check_new_pages(struct page *page, unsigned int order);
void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags,
		   unsigned int alloc_flags);
void reserve_highatomic_pageblock(struct page *page, struct zone *zone,
				  unsigned int alloc_order);
bool unreserve_highatomic_pageblock(const struct alloc_context *ac, bool force);
int move_freepages_block(struct zone *zone, struct page *page, int migratetype,
			 int *num_movable);

/* ---- page_alloc_wmark.c, khugepaged.c ---- */
void thp_flags_init(void);
void pa_grow_cpu_slots(unsigned int n);

/* ---- page_alloc_pcp.c: per-CPU lists ---- */
void pa_free_pagesets(void);
struct page *rmqueue_pcplist(struct zone *preferred_zone, struct zone *zone,
			     unsigned int order, int migratetype,
			     unsigned int alloc_flags);
void zone_pcp_update(struct zone *zone, int cpu_online);
int zone_batchsize(struct zone *zone);
int zone_highsize(struct zone *zone, int batch, int cpu_online);
unsigned int pa_nr_online_cpus(void);
void pa_refresh_topology(void);
static inline struct per_cpu_pages *zone_pcp(const struct zone *zone, int cpu)
{
	return zone->per_cpu_pageset[cpu];
}

static inline struct per_cpu_zonestat *zone_pzstats(const struct zone *zone,
						    int cpu)
{
	return zone->per_cpu_zonestats[cpu];
}

/* NUMA events stay per-CPU until fold_vm_numa_events() (mm/vmstat.c). */
static inline void __count_numa_events(struct zone *zone,
				       enum numa_stat_item item, long delta)
{
	zone_pzstats(zone, smp_processor_id())->vm_numa_event[item] +=
		(unsigned long)delta;
}

/* ---- page_alloc_path.c ---- */
/* The task name warn_alloc() and bad_page() print for this CPU. */
const char *pa_current_comm(char *buf, size_t size);

/* numa_hit/miss/foreign/local/other of one allocation (on every fast path). */
static inline void zone_statistics(struct zone *preferred_zone, struct zone *z,
				   long nr_account)
{
	const struct machine *m = current_machine;
	enum numa_stat_item local_stat = NUMA_LOCAL;

	if (!m->mm.pa.cfg_numa)
		return;
	if (zone_to_nid(z) != machine_numa_node_id(m))
		local_stat = NUMA_OTHER;
	if (zone_to_nid(z) == zone_to_nid(preferred_zone)) {
		__count_numa_events(z, NUMA_HIT, nr_account);
	} else {
		__count_numa_events(z, NUMA_MISS, nr_account);
		__count_numa_events(preferred_zone, NUMA_FOREIGN, nr_account);
	}
	__count_numa_events(z, local_stat, nr_account);
}

#endif /* _MMSIM_MM_PAGE_ALLOC_INTERNAL_H */

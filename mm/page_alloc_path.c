// SPDX-License-Identifier: MIT
/*
 * mm/page_alloc_path.c — from gfp flags to a page: __alloc_pages().
 *
 * Kernel counterpart: the allocation path of mm/page_alloc.c (Linux 6.1):
 * gfp_zone, prepare_alloc_pages, get_page_from_freelist,
 * __zone_watermark_ok, zone_watermark_fast, rmqueue,
 * __alloc_pages_slowpath, __alloc_pages_direct_compact,
 * should_compact_retry, warn_alloc, __alloc_pages.
 *
 *   __alloc_pages(gfp, order, nid, nodemask)
 *     prepare_alloc_pages    zone limit (gfp_zone), zonelist of nid,
 *                            migrate type, preferred zone
 *     get_page_from_freelist fast path: each zone of the zonelist down to
 *                            the limit whose free pages pass the LOW mark
 *                            (+ lowmem_reserve for the limit) -> rmqueue:
 *                            per-CPU list for orders <= 3 and THP, else
 *                            the buddy lists -> prep_new_page
 *     __alloc_pages_slowpath MIN mark (HARDER/HIGH lower it), reserves,
 *                            "reclaim", retries, then warn_alloc + NULL
 *
 * Reclaim is mm/vmscan*.c's: the slow path wakes each node's kswapd
 * (wake_all_kswapds, and rmqueue when a watermark was boosted) and runs
 * direct reclaim (try_to_free_pages); should_reclaim_retry counts the
 * zones' reclaimable pages with their free ones, as 6.1 does.  Direct
 * compaction (mm/compaction.c) runs for costly orders and non-movable
 * orders > 0, as 6.1 runs it, before and after reclaim.  Where mmsim
 * differs:
 *   - after direct reclaim the kernel's next step (give back a
 *     highatomic block, drain every CPU's lists, try again) runs even
 *     when reclaim made no progress (6.1 runs it only after progress):
 *     without it pages on other CPUs' lists could stay out of reach;
 *   - the OOM killer (mm/oom_kill.c) runs where the kernel runs it; the
 *     retries after it did something are bounded (MAX_RECLAIM_RETRIES
 *     rounds), where the kernel would loop for as long as it kills, and
 *     so is __GFP_NOFAIL (with the reserves), which then fails with the
 *     report where the kernel would loop forever.
 * Running out of simulated memory is a normal outcome: NULL, and the
 * kernel's "page allocation failure" report unless __GFP_NOWARN.
 */
#include "mmsim/calltrace.h"
#include "linux/kernel.h"
#include "linux/fault-inject.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "linux/nodemask.h"
#include "linux/oom.h"
#include "linux/compaction.h"
#include "linux/swap_lru.h"
#include "linux/swap.h"
#include "linux/kthread.h"
#include "mm/page_alloc_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- gfp flags ---- */

/*
 * The highest zone @flags may use (the kernel's GFP_ZONE_TABLE): a zone
 * modifier the .config lacks means ZONE_NORMAL.  Two modifiers at once
 * are a caller bug (GFP_ZONE_BAD): warned, and the table's empty entry.
 */
static int zone_or_normal(const struct mm_config *c, int zone)
{
	return zone >= 0 ? zone : c->zone_normal;
}

int gfp_zone(gfp_t flags)
{
	const struct mm_config *c = &current_machine->mmcfg;

	switch (flags & GFP_ZONEMASK) {
	case 0:
	case ___GFP_MOVABLE:
		return c->zone_normal;
	case ___GFP_DMA:
	case ___GFP_MOVABLE | ___GFP_DMA:
		return zone_or_normal(c, c->zone_dma);
	case ___GFP_DMA32:
	case ___GFP_MOVABLE | ___GFP_DMA32:
		return zone_or_normal(c, c->zone_dma32);
	case ___GFP_HIGHMEM:
		return zone_or_normal(c, c->zone_highmem);
	case ___GFP_MOVABLE | ___GFP_HIGHMEM:
		return c->zone_movable;
	default:
		WARN_ON_ONCE(1); /* GFP_ZONE_BAD */
		return 0;
	}
}

/* gfp_migratetype(), with the kernel's small-memory override. */
static int alloc_migratetype(gfp_t gfp)
{
	VM_WARN_ON_ONCE((gfp & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK);
	if (unlikely(page_group_by_mobility_disabled))
		return MIGRATE_UNMOVABLE;
	return gfp_migratetype(gfp);
}

static unsigned int gfp_to_alloc_flags_cma(gfp_t gfp, unsigned int alloc_flags)
{
	if (pa_state.cfg_cma && alloc_migratetype(gfp) == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	return alloc_flags;
}

/*
 * The slow path's flags: MIN watermark; __GFP_HIGH and __GFP_KSWAPD_RECLAIM
 * map to ALLOC_HIGH and ALLOC_KSWAPD; atomic requests try harder.
 */
static unsigned int gfp_to_alloc_flags(gfp_t gfp)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	alloc_flags |= gfp & (__GFP_HIGH | __GFP_KSWAPD_RECLAIM);
	if (gfp & __GFP_ATOMIC) {
		if (!(gfp & __GFP_NOMEMALLOC))
			alloc_flags |= ALLOC_HARDER;
		alloc_flags &= ~ALLOC_CPUSET;
	}
	return gfp_to_alloc_flags_cma(gfp, alloc_flags);
}

/* An OOM victim may use part of the reserves to exit (oom_reserves_allowed). */
static bool oom_reserves_allowed(struct task_struct *tsk)
{
	return tsk && tsk_is_oom_victim(tsk);
}

/*
 * Access to the reserves: all of them for __GFP_MEMALLOC (mmsim has no
 * PF_MEMALLOC tasks), part of them (ALLOC_OOM) for an OOM victim.
 */
static unsigned int __gfp_pfmemalloc_flags(gfp_t gfp)
{
	if (unlikely(gfp & __GFP_NOMEMALLOC))
		return 0;
	if (gfp & __GFP_MEMALLOC)
		return ALLOC_NO_WATERMARKS;
	if (oom_reserves_allowed(current))
		return ALLOC_OOM;
	return 0;
}

/*
 * The first pass must not split pageblocks of other types while a
 * Normal-zone request could still use ZONE_DMA32 (on one node, or when
 * the node has a populated DMA32 zone).
 */
static unsigned int alloc_flags_nofragment(struct zone *zone, gfp_t gfp)
{
	unsigned int alloc_flags = gfp & __GFP_KSWAPD_RECLAIM;

	if (ZONE_DMA32 < 0 || !zone)
		return alloc_flags;
	if (zone_idx(zone) != ZONE_NORMAL)
		return alloc_flags;
	if (pa_state.nr_online_nodes > 1 && !populated_zone(zone - 1))
		return alloc_flags;
	return alloc_flags | ALLOC_NOFRAGMENT;
}

/* ---- watermarks ---- */

/* Free pages this request may not touch: the highatomic and CMA reserves. */
static long __zone_watermark_unusable_free(struct zone *z, unsigned int order,
					   unsigned int alloc_flags)
{
	bool alloc_harder = alloc_flags & (ALLOC_HARDER | ALLOC_OOM);
	long unusable_free = (1L << order) - 1;

	if (likely(!alloc_harder))
		unusable_free += (long)z->nr_reserved_highatomic;
	if (pa_state.cfg_cma && !(alloc_flags & ALLOC_CMA))
		unusable_free += (long)zone_page_state(z, NR_FREE_CMA_PAGES);
	return unusable_free;
}

/*
 * Are @free_pages above @mark plus the protection of this zone against
 * allocations that could use @highest_zoneidx?  ALLOC_HIGH takes half
 * the mark off, ALLOC_HARDER a quarter (ALLOC_OOM half).  For order > 0
 * there must also be a free block of that order or larger of a usable
 * type.
 */
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags,
			 long free_pages)
{
	long min = (long)mark;
	bool alloc_harder = alloc_flags & (ALLOC_HARDER | ALLOC_OOM);
	unsigned int o;
	int mt;

	free_pages -= __zone_watermark_unusable_free(z, order, alloc_flags);
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (unlikely(alloc_harder)) {
		if (alloc_flags & ALLOC_OOM)
			min -= min / 2;
		else
			min -= min / 4;
	}
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;

	for (o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!free_area_empty(area, mt))
				return true;
		if (pa_state.cfg_cma && (alloc_flags & ALLOC_CMA) &&
		    !free_area_empty(area, MIGRATE_CMA))
			return true;
		if (alloc_harder && !free_area_empty(area, MIGRATE_HIGHATOMIC))
			return true;
	}
	return false;
}

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				   (long)zone_page_state(z, NR_FREE_PAGES));
}

/* The fast path's check: cheap for order 0, boost ignored for atomic MIN. */
static bool zone_watermark_fast(struct zone *z, unsigned int order,
				unsigned long mark, int highest_zoneidx,
				unsigned int alloc_flags, gfp_t gfp_mask)
{
	long free_pages = (long)zone_page_state(z, NR_FREE_PAGES);

	if (!order) {
		long usable_free = free_pages;
		long reserved = __zone_watermark_unusable_free(z, 0, alloc_flags);

		usable_free -= min(usable_free, reserved);
		if (usable_free > (long)mark + z->lowmem_reserve[highest_zoneidx])
			return true;
	}
	if (__zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				free_pages))
		return true;
	if (unlikely(!order && (gfp_mask & __GFP_ATOMIC) && z->watermark_boost &&
		     (alloc_flags & ALLOC_WMARK_MASK) == WMARK_MIN)) {
		mark = z->_watermark[WMARK_MIN];
		return __zone_watermark_ok(z, order, mark, highest_zoneidx,
					   alloc_flags, free_pages);
	}
	return false;
}

/* With the per-CPU drift added back when it could hide a breach. */
bool zone_watermark_ok_safe(struct zone *z, unsigned int order,
			    unsigned long mark, int highest_zoneidx)
{
	long free_pages = (long)zone_page_state(z, NR_FREE_PAGES);

	if (z->percpu_drift_mark && (unsigned long)free_pages < z->percpu_drift_mark)
		free_pages = (long)zone_page_state_snapshot(z, NR_FREE_PAGES);
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, 0,
				   free_pages);
}

/* ---- one zone ---- */

/* Take a block from @zone: this CPU's list for pcp orders, else the buddy lists. */
static struct page *rmqueue(struct zone *preferred_zone, struct zone *zone,
			    unsigned int order, gfp_t gfp_flags,
			    unsigned int alloc_flags, int migratetype)
{
	struct page *page;

	WARN_ON_ONCE((gfp_flags & __GFP_NOFAIL) && order > 1);
	if (likely(pcp_allowed_order(order)) &&
	    (!pa_state.cfg_cma || (alloc_flags & ALLOC_CMA) ||
	     migratetype != MIGRATE_MOVABLE)) {
		page = rmqueue_pcplist(preferred_zone, zone, order, migratetype,
				       alloc_flags);
		if (likely(page))
			goto out;
	}
	page = rmqueue_buddy(preferred_zone, zone, order, alloc_flags,
			     migratetype);
out:
	if (unlikely(zone_test_flag(zone, ZONE_BOOSTED_WATERMARK))) {
		zone_clear_flag(zone, ZONE_BOOSTED_WATERMARK);
		wakeup_kswapd(zone, 0, 0, zone_idx(zone));
	}
	return page;
}

/* mm/mm_init.c's deferred-page growth; absent until it is linked in. */
#pragma weak deferred_grow_zone
static bool try_deferred_grow(struct zone *zone, unsigned int order)
{
	return deferred_grow_zone && deferred_grow_zone(zone, order);
}

/*
 * Walk the zonelist from the preferred zone and take a block from the
 * first zone that passes the watermark of @alloc_flags.  A first pass
 * with ALLOC_NOFRAGMENT that finds nothing is repeated without it.
 */
static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
					   unsigned int alloc_flags,
					   const struct alloc_context *ac)
{
	struct zoneref *z;
	struct zone *zone;
	bool no_fallback;

retry:
	no_fallback = alloc_flags & ALLOC_NOFRAGMENT;
	z = ac->preferred_zoneref;
	for_next_zone_zonelist_nodemask(zone, z, ac->highest_zoneidx,
					ac->nodemask) {
		struct page *page;
		unsigned long mark;

		if (no_fallback && pa_state.nr_online_nodes > 1 &&
		    zone != ac->preferred_zoneref->zone &&
		    zone_to_nid(zone) != zone_to_nid(ac->preferred_zoneref->zone)) {
			/* locality beats fragmentation avoidance */
			alloc_flags &= ~ALLOC_NOFRAGMENT;
			goto retry;
		}
		mark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
		if (!zone_watermark_fast(zone, order, mark, ac->highest_zoneidx,
					 alloc_flags, gfp_mask)) {
			if (try_deferred_grow(zone, order))
				goto try_this_zone;
			if (alloc_flags & ALLOC_NO_WATERMARKS)
				goto try_this_zone;
			continue; /* node_reclaim_mode is 0 */
		}
try_this_zone:
		page = rmqueue(ac->preferred_zoneref->zone, zone, order,
			       gfp_mask, alloc_flags, ac->migratetype);
		if (page) {
			prep_new_page(page, order, gfp_mask, alloc_flags);
			if (unlikely(order && (alloc_flags & ALLOC_HARDER)))
				reserve_highatomic_pageblock(page, zone, order);
			return page;
		}
		if (try_deferred_grow(zone, order))
			goto try_this_zone;
	}
	if (no_fallback) {
		alloc_flags &= ~ALLOC_NOFRAGMENT;
		goto retry;
	}
	return NULL;
}

/* ---- the failure report ---- */

const char *pa_current_comm(char *buf, size_t size)
{
	struct task_struct *t = current;

	if (t) {
		snprintf(buf, size, "%s", t->comm);
		return buf;
	}
	snprintf(buf, size, "swapper/%d", smp_processor_id());
	return buf;
}

static bool has_managed_dma(void)
{
	pg_data_t *pgdat;

	if (ZONE_DMA < 0)
		return false;
	for_each_online_pgdat(pgdat)
		if (managed_zone(&pgdat->node_zones[ZONE_DMA]))
			return true;
	return false;
}

static bool node_in(const unsigned long *nodes, int nid)
{
	if (!nodes)
		return node_online(nid);
	return (nodes[nid / BITS_PER_LONG] >> (nid % BITS_PER_LONG)) & 1;
}

/* "0", "0-1", "0,2": a node list as %*pbl prints it (NULL: online nodes). */
static void format_node_list(const unsigned long *nodes, char *buf, size_t size)
{
	int nid = 0, start;
	size_t len = 0;

	buf[0] = '\0';
	while (nid < MAX_NUMNODES && len + 16 < size) {
		if (!node_in(nodes, nid)) {
			nid++;
			continue;
		}
		start = nid;
		while (nid + 1 < MAX_NUMNODES && node_in(nodes, nid + 1))
			nid++;
		len += (size_t)snprintf(buf + len, size - len,
					start == nid ? "%s%d" : "%s%d-%d",
					len ? "," : "", start, nid);
		nid++;
	}
}

/* warn_alloc()'s ratelimit (10 s, burst 1) on the simulated clock. */
static bool nopage_ratelimit(void)
{
	u64 now = current_machine->log.now_ns;
	const u64 interval = 10ULL * 1000000000ULL;

	if (!pa_state.nopage_rs_begin || now >= pa_state.nopage_rs_begin + interval) {
		if (pa_state.nopage_rs_missed)
			pr_warn("warn_alloc: %lu callbacks suppressed\n",
				pa_state.nopage_rs_missed);
		pa_state.nopage_rs_begin = now ? now : 1;
		pa_state.nopage_rs_printed = 0;
		pa_state.nopage_rs_missed = 0;
	}
	if (pa_state.nopage_rs_printed < 1) {
		pa_state.nopage_rs_printed++;
		return true;
	}
	pa_state.nopage_rs_missed++;
	return false;
}

/* dump_stack(): mmsim's stand-in for the task, CPU and call trace lines. */
static void dump_stack_alloc(void)
{
	const char *banner = profile_str(current_machine->profile, "banner");
	char release[64] = "unknown", distro[64] = "", comm[16];
	const char *deb = banner ? strstr(banner, " Debian ") : NULL;

	if (banner)
		sscanf(banner, "Linux version %63s", release);
	if (deb)
		sscanf(deb + 1, "%*s %63s", distro);
	pr_warn("CPU: %d PID: 0 Comm: %s Not tainted %s #1%s%s%s\n",
		smp_processor_id(), pa_current_comm(comm, sizeof(comm)), release,
		deb ? "  " : "", deb ? "Debian " : "", distro);
	if (current_machine->fw.dmi_line)
		pr_warn("Hardware name: %s\n", current_machine->fw.dmi_line);
	pr_warn("Call Trace:\n");
	pr_warn(" <TASK>\n");
	pr_warn(" dump_stack_lvl\n");
	pr_warn(" warn_alloc\n");
	pr_warn(" __alloc_pages_slowpath\n");
	pr_warn(" __alloc_pages\n");
	pr_warn(" </TASK>\n");
}

/*
 * The kernel's allocation-failure report:
 *   <comm>: page allocation failure: order:N, mode:0x...(FLAGS), nodemask=(null),cpuset=/,mems_allowed=0
 *   CPU/Hardware name/Call Trace lines, then __show_mem().
 */
void warn_alloc(gfp_t gfp_mask, const unsigned long *nodemask,
		const char *fmt, ...)
{
	char msg[128], flags[256], nodes[64], comm[16];
	va_list args;

	if ((gfp_mask & __GFP_NOWARN) || !nopage_ratelimit() ||
	    ((gfp_mask & __GFP_DMA) && !has_managed_dma()))
		return;
	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	if (nodemask)
		format_node_list(nodemask, nodes, sizeof(nodes));
	pr_warn("%s: %s, mode:%#x(%s), nodemask=%s",
		pa_current_comm(comm, sizeof(comm)), msg, gfp_mask,
		format_gfp_flags(gfp_mask, flags, sizeof(flags)),
		nodemask ? nodes : "(null)");
	if (IS_ENABLED(CONFIG_CPUSETS)) {
		format_node_list(NULL, nodes, sizeof(nodes));
		pr_cont(",cpuset=/,mems_allowed=%s", nodes);
	}
	pr_cont("\n");
	dump_stack_alloc();
	__show_mem(0, nodemask, gfp_zone(gfp_mask));
}

/* ---- the slow path ---- */

/*
 * Direct reclaim.  mmsim has nothing to reclaim (no LRU pages), so the
 * reclaim itself makes no progress; the step after it (unreserve one
 * highatomic block, drain all per-CPU lists, retry) runs regardless (see
 * the file comment).
 */
static struct page *__alloc_pages_direct_reclaim(gfp_t gfp_mask,
						 unsigned int order,
						 unsigned int alloc_flags,
						 const struct alloc_context *ac,
						 unsigned long *did_some_progress)
{
	struct page *page;

	/*
	 * __perform_reclaim, between two cond_resched: kswapd may run there
	 * (on its own CPU as far as the task's clock has got; with one CPU
	 * when its wake-up or the end of the task's slice asks for it).
	 */
	swap_io_complete_due();
	sim_task_point(false);
	*did_some_progress = try_to_free_pages(ac->zonelist, (int)order,
					       gfp_mask, ac->nodemask);
	sim_task_point(false);
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (!page) {
		unreserve_highatomic_pageblock(ac, false);
		drain_all_pages(NULL);
		page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	}
	return page;
}

/* Wake the kswapd of each node the allocation may use (once per node). */
static void wake_all_kswapds(unsigned int order, gfp_t gfp_mask,
			     const struct alloc_context *ac)
{
	pg_data_t *last_pgdat = NULL;
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist,
					ac->highest_zoneidx, ac->nodemask) {
		if (!managed_zone(zone) || zone->zone_pgdat == last_pgdat)
			continue;
		wakeup_kswapd(zone, gfp_mask, (int)order, ac->highest_zoneidx);
		last_pgdat = zone->zone_pgdat;
	}
}

/*
 * Direct compaction, then one more try at the free lists: counted as a
 * compaction stall, and a success or failure by whether a page came.
 */
static struct page *__alloc_pages_direct_compact(gfp_t gfp_mask,
						 unsigned int order,
						 unsigned int alloc_flags,
						 const struct alloc_context *ac,
						 enum compact_priority prio,
						 enum compact_result *compact_result)
{
	struct page *page = NULL;

	if (!order)
		return NULL;
	*compact_result = try_to_compact_pages(gfp_mask, order, alloc_flags, ac,
					       prio, &page);
	if (*compact_result == COMPACT_SKIPPED)
		return NULL;
	count_vm_event(COMPACTSTALL);
	if (page)
		prep_new_page(page, order, gfp_mask, alloc_flags);
	else
		page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page) {
		struct zone *zone = page_zone(page);

		zone->compact_blockskip_flush = false;
		compaction_defer_reset(zone, (int)order, true);
		count_vm_event(COMPACTSUCCESS);
		return page;
	}
	count_vm_event(COMPACTFAIL);
	return NULL;
}

/*
 * Another round for compaction?  While it makes progress (a bounded
 * number of times, a quarter of it for costly orders); when it failed
 * outright, with a higher priority; when it withdrew, if some zone would
 * have enough free pages for it.
 */
static bool should_compact_retry(struct alloc_context *ac, unsigned int order,
				 unsigned int alloc_flags,
				 enum compact_result compact_result,
				 enum compact_priority *compact_priority,
				 int *compaction_retries)
{
	int max_retries = MAX_COMPACT_RETRIES;
	enum compact_priority min_priority;

	if (!order)
		return false;
	if (compaction_made_progress(compact_result))
		(*compaction_retries)++;
	if (!compaction_failed(compact_result)) {
		if (compaction_withdrawn(compact_result))
			return compaction_zonelist_suitable(ac, (int)order,
							    (int)alloc_flags);
		if (order > PAGE_ALLOC_COSTLY_ORDER)
			max_retries /= 4;
		if (*compaction_retries <= max_retries)
			return true;
	}
	min_priority = order > PAGE_ALLOC_COSTLY_ORDER ?
		MIN_COMPACT_COSTLY_PRIORITY : MIN_COMPACT_PRIORITY;
	if (*compact_priority > min_priority) {
		(*compact_priority)--;
		*compaction_retries = 0;
		return true;
	}
	return false;
}

/*
 * Worth another round?  Not after MAX_RECLAIM_RETRIES rounds without
 * progress (then the highatomic reserves go first); otherwise while some
 * zone would pass the MIN mark with its free (and reclaimable: none in
 * mmsim) pages.
 */
static bool should_reclaim_retry(gfp_t gfp_mask, unsigned int order,
				 struct alloc_context *ac,
				 unsigned int alloc_flags,
				 bool did_some_progress, int *no_progress_loops)
{
	struct zoneref *z;
	struct zone *zone;

	if (did_some_progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;
	if (*no_progress_loops > MAX_RECLAIM_RETRIES)
		return unreserve_highatomic_pageblock(ac, true);

	for_each_zone_zonelist_nodemask(zone, z, ac->zonelist,
					ac->highest_zoneidx, ac->nodemask) {
		long available = (long)(zone_reclaimable_pages(zone) +
					zone_page_state_snapshot(zone, NR_FREE_PAGES));

		/* fewer of them count the longer reclaim fails */
		available -= DIV_ROUND_UP(*no_progress_loops * available,
					  MAX_RECLAIM_RETRIES);
		if (__zone_watermark_ok(zone, order, min_wmark_pages(zone),
					ac->highest_zoneidx, alloc_flags,
					available))
			return true;
	}
	return false;
}

/* get_page_from_freelist() with and without the cpuset limit (none here). */
static struct page *__alloc_pages_cpuset_fallback(gfp_t gfp_mask,
						  unsigned int order,
						  unsigned int alloc_flags,
						  const struct alloc_context *ac)
{
	return get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
}

/*
 * The OOM stage: one last try at the HIGH mark (a parallel kill may have
 * freed memory), then, for a small request that may use ZONE_NORMAL, the
 * OOM killer (mm/oom_kill.c).  When it did something, the caller tries
 * again; __GFP_NOFAIL requests get the reserves, as the kernel gives them.
 */
static struct page *__alloc_pages_may_oom(gfp_t gfp_mask, unsigned int order,
					  const struct alloc_context *ac,
					  unsigned long *did_some_progress)
{
	struct oom_control oc = {
		.zonelist = ac->zonelist,
		.nodemask = ac->nodemask,
		.gfp_mask = gfp_mask,
		.order = (int)order,
	};
	struct page *page;

	*did_some_progress = 0;
	page = get_page_from_freelist((gfp_mask | __GFP_HARDWALL) &
					      ~__GFP_DIRECT_RECLAIM,
				      order, ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac);
	if (page)
		return page;
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return NULL;
	if (gfp_mask & (__GFP_RETRY_MAYFAIL | __GFP_THISNODE))
		return NULL;
	if (ac->highest_zoneidx < ZONE_NORMAL)
		return NULL;
	if (out_of_memory(&oc) || (gfp_mask & __GFP_NOFAIL)) {
		*did_some_progress = 1;
		if (gfp_mask & __GFP_NOFAIL)
			page = __alloc_pages_cpuset_fallback(gfp_mask, order,
							     ALLOC_NO_WATERMARKS, ac);
	}
	return page;
}

static struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order,
					   struct alloc_context *ac)
{
	bool can_direct_reclaim = gfp_mask & __GFP_DIRECT_RECLAIM;
	bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	enum compact_priority compact_priority = DEF_COMPACT_PRIORITY;
	enum compact_result compact_result = COMPACT_SKIPPED;
	unsigned long did_some_progress = 0;
	unsigned int alloc_flags, reserve_flags;
	int no_progress_loops = 0, nofail_rounds = 0, compaction_retries = 0;
	struct page *page;

	if (WARN_ON_ONCE((gfp_mask & (__GFP_ATOMIC | __GFP_DIRECT_RECLAIM)) ==
			 (__GFP_ATOMIC | __GFP_DIRECT_RECLAIM)))
		gfp_mask &= ~__GFP_ATOMIC;

	alloc_flags = gfp_to_alloc_flags(gfp_mask);
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist,
						     ac->highest_zoneidx,
						     ac->nodemask);
	if (!ac->preferred_zoneref->zone)
		goto nopage;
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(order, gfp_mask, ac);
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		goto got_pg;
	/* costly or non-movable high orders: compact before reclaiming */
	if (can_direct_reclaim &&
	    (costly_order || (order > 0 && ac->migratetype != MIGRATE_MOVABLE)) &&
	    !__gfp_pfmemalloc_flags(gfp_mask)) {
		page = __alloc_pages_direct_compact(gfp_mask, order, alloc_flags,
						    ac, INIT_COMPACT_PRIORITY,
						    &compact_result);
		if (page)
			goto got_pg;
		if (costly_order && (gfp_mask & __GFP_NORETRY)) {
			if (compact_result == COMPACT_SKIPPED ||
			    compact_result == COMPACT_DEFERRED)
				goto nopage;
			compact_priority = INIT_COMPACT_PRIORITY;
		}
	}

retry:
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(order, gfp_mask, ac);
	reserve_flags = __gfp_pfmemalloc_flags(gfp_mask);
	if (reserve_flags)
		alloc_flags = gfp_to_alloc_flags_cma(gfp_mask, reserve_flags) |
			      (alloc_flags & ALLOC_KSWAPD);
	if (!(alloc_flags & ALLOC_CPUSET) || reserve_flags) {
		ac->nodemask = NULL;
		ac->preferred_zoneref = first_zones_zonelist(
			ac->zonelist, ac->highest_zoneidx, ac->nodemask);
	}
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		goto got_pg;
	if (!can_direct_reclaim)
		goto nopage;

	page = __alloc_pages_direct_reclaim(gfp_mask, order, alloc_flags, ac,
					    &did_some_progress);
	if (page)
		goto got_pg;
	page = __alloc_pages_direct_compact(gfp_mask, order, alloc_flags, ac,
					    compact_priority, &compact_result);
	if (page)
		goto got_pg;
	if (gfp_mask & __GFP_NORETRY)
		goto nopage;
	if (costly_order && !(gfp_mask & __GFP_RETRY_MAYFAIL))
		goto nopage;
	if (should_reclaim_retry(gfp_mask, order, ac, alloc_flags,
				 did_some_progress > 0, &no_progress_loops))
		goto retry;
	if (did_some_progress > 0 &&
	    should_compact_retry(ac, order, alloc_flags, compact_result,
				 &compact_priority, &compaction_retries))
		goto retry;

	page = __alloc_pages_may_oom(gfp_mask, order, ac, &did_some_progress);
	if (page)
		goto got_pg;
	/* a victim already on the reserves goes no further */
	if (current && tsk_is_oom_victim(current) &&
	    ((alloc_flags & ALLOC_OOM) || (gfp_mask & __GFP_NOMEMALLOC)))
		goto nopage;
	if (did_some_progress && ++nofail_rounds <= MAX_RECLAIM_RETRIES) {
		no_progress_loops = 0;
		goto retry;
	}

nopage:
	if ((gfp_mask & __GFP_NOFAIL) && can_direct_reclaim &&
	    ++nofail_rounds <= MAX_RECLAIM_RETRIES) {
		WARN_ON_ONCE(costly_order);
		page = __alloc_pages_cpuset_fallback(gfp_mask, order,
						     ALLOC_HARDER, ac);
		if (page)
			goto got_pg;
		goto retry;
	}
	warn_alloc(gfp_mask, ac->nodemask, "page allocation failure: order:%u",
		   order);
got_pg:
	return page;
}

/* ---- the entry points ---- */

static bool prepare_alloc_pages(gfp_t gfp_mask, unsigned int order,
				int preferred_nid, const unsigned long *nodemask,
				struct alloc_context *ac,
				unsigned int *alloc_flags)
{
	if (should_fail_alloc_page(gfp_mask, order))
		return false;
	if (unlikely(preferred_nid < 0 || preferred_nid >= MAX_NUMNODES ||
		     !NODE_DATA(preferred_nid))) {
		WARN_ON_ONCE(1); /* no such node: the kernel would BUG */
		preferred_nid = first_online_node;
	}
	ac->highest_zoneidx = gfp_zone(gfp_mask);
	ac->zonelist = node_zonelist(preferred_nid, gfp_mask);
	ac->nodemask = nodemask;
	ac->migratetype = alloc_migratetype(gfp_mask);
	*alloc_flags = gfp_to_alloc_flags_cma(gfp_mask, *alloc_flags);
	ac->spread_dirty_pages = gfp_mask & __GFP_WRITE;
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist,
						     ac->highest_zoneidx,
						     ac->nodemask);
	return true;
}

/*
 * The buddy allocator's heart: 2^@order contiguous pages, preferably on
 * node @preferred_nid, within @nodemask (a node bitmap, NULL for all).
 * Returns the first page with refcount 1, or NULL (out of memory, or
 * order >= MAX_ORDER).
 */
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
			   void *nodemask)
{
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct alloc_context ac = { 0 };
	struct page *page;

	if (order >= MAX_ORDER) {
		WARN_ON_ONCE(!(gfp & __GFP_NOWARN));
		return NULL;
	}
	gfp &= pa_state.gfp_allowed_mask;
	if (!prepare_alloc_pages(gfp, order, preferred_nid, nodemask, &ac,
				 &alloc_flags))
		return NULL;
	alloc_flags |= alloc_flags_nofragment(ac.preferred_zoneref->zone, gfp);

	page = get_page_from_freelist(gfp, order, alloc_flags, &ac);
	if (likely(page)) {
		if (calltrace_wanted())
			calltrace_note("order %u → pfn %#lx", order,
				       page_to_pfn(page));
		return page;
	}
	ac.spread_dirty_pages = false;
	ac.nodemask = nodemask;
	return __alloc_pages_slowpath(gfp, order, &ac);
}

/* The default memory policy: the local node of the running CPU. */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return __alloc_pages(gfp, order, machine_numa_node_id(current_machine),
			     NULL);
}

struct page *alloc_pages_node(int nid, gfp_t gfp, unsigned int order)
{
	if (nid == NUMA_NO_NODE)
		nid = numa_node_id();
	return __alloc_pages(gfp, order, nid, NULL);
}

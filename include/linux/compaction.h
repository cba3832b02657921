/* SPDX-License-Identifier: MIT */
/*
 * include/linux/compaction.h — memory compaction's interface.
 *
 * Kernel counterpart: include/linux/compaction.h (Linux 6.1); the code is
 * mm/compaction.c.
 */
#ifndef _MMSIM_LINUX_COMPACTION_H
#define _MMSIM_LINUX_COMPACTION_H

#include "linux/types.h"
#include "linux/gfp.h"
#include "linux/mmzone.h"

/* Outcomes of a compaction attempt, from "did nothing" to "done". */
enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE, /* internal: skipped for fragindex */
	COMPACT_SKIPPED,           /* not enough free pages to try */
	COMPACT_DEFERRED,          /* recently failed: not tried this time */
	COMPACT_NO_SUITABLE_PAGE,  /* internal: keep going */
	COMPACT_CONTINUE,          /* worth running / keep running */
	COMPACT_COMPLETE,          /* the whole zone was scanned, no page */
	COMPACT_PARTIAL_SKIPPED,   /* scanners met after a partial scan */
	COMPACT_CONTENDED,         /* stopped early (lock, signal, no memory) */
	COMPACT_SUCCESS,           /* a page of the order is free */
};

/* Effort of direct compaction: lower value, higher effort. */
enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,
	MIN_COMPACT_COSTLY_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC
};

/* Compaction does not skip more than 1 << COMPACT_MAX_DEFER_SHIFT times. */
#define COMPACT_MAX_DEFER_SHIFT 6

/* The order proactive compaction scores fragmentation for (HPAGE_PMD_ORDER). */
#define COMPACTION_HPAGE_ORDER (current_machine->mmcfg.order_pageblock)

struct alloc_context;
struct compact_control;

/*
 * A direct compaction's request for the free page it makes
 * (current->capture_control while compact_zone_order runs): a block of
 * cc->order freed in cc->zone by the compacting task is taken there and
 * then by __free_one_page (compaction_capture) instead of going on the
 * free lists, where another allocation could take it first.
 */
struct capture_control {
	struct compact_control *cc;
	struct page *page;
};

/*
 * The free pages compaction needs on top of the watermark: it isolates
 * free pages before the pages they replace are freed, twice the request.
 */
static inline unsigned long compact_gap(unsigned int order)
{
	return 2UL << order;
}

enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order,
					 unsigned int alloc_flags,
					 const struct alloc_context *ac,
					 enum compact_priority prio,
					 struct page **capture);
enum compact_result compaction_suitable(struct zone *zone, int order,
					unsigned int alloc_flags,
					int highest_zoneidx);
bool compaction_zonelist_suitable(struct alloc_context *ac, int order,
				  int alloc_flags);
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success);
void reset_isolation_suitable(pg_data_t *pgdat);
unsigned int extfrag_for_order(struct zone *zone, unsigned int order);

/* Did compaction make the allocation possible, or is it pointless to retry? */
static inline bool compaction_made_progress(enum compact_result result)
{
	return result == COMPACT_SUCCESS;
}

static inline bool compaction_failed(enum compact_result result)
{
	return result == COMPACT_COMPLETE;
}

static inline bool compaction_withdrawn(enum compact_result result)
{
	return result == COMPACT_SKIPPED || result == COMPACT_DEFERRED ||
	       result == COMPACT_CONTENDED || result == COMPACT_PARTIAL_SKIPPED;
}

/* kcompactd, the per-node compaction thread. */
void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx);
void kcompactd_run(int nid);
void kcompactd_init(void);      /* subsys_initcall */

/* /proc/sys/vm: compact_memory, compaction_proactiveness, extfrag_threshold. */
int sysctl_compaction_handler(void);
int compaction_proactiveness_sysctl_handler(int value);

#endif /* _MMSIM_LINUX_COMPACTION_H */

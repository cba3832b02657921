/* SPDX-License-Identifier: MIT */
/*
 * mm/compaction_internal.h — what mm/compaction.c and its kcompactd share.
 *
 * Kernel counterpart: struct compact_control of mm/internal.h (Linux 6.1).
 */
#ifndef _MMSIM_MM_COMPACTION_INTERNAL_H
#define _MMSIM_MM_COMPACTION_INTERNAL_H

#include "linux/list.h"
#include "linux/gfp.h"
#include "linux/mmzone.h"
#include "linux/migrate.h"
#include "linux/compaction.h"

/* One compaction run over one zone. */
struct compact_control {
	struct list_head freepages;     /* isolated free pages, order 0 */
	struct list_head migratepages;  /* isolated pages to move */
	unsigned long nr_freepages;
	unsigned long nr_migratepages;
	unsigned long free_pfn;         /* where the free scanner is */
	unsigned long migrate_pfn;      /* where the migrate scanner is */
	unsigned long total_migrate_scanned;
	unsigned long total_free_scanned;
	struct zone *zone;
	gfp_t gfp_mask;
	int order;                      /* -1: compact everything */
	int search_order;               /* fast free search resumes at this order */
	unsigned int fast_search_fail;  /* fast searches that found nothing */
	unsigned long fast_start_pfn;   /* lowest block the fast search chose */
	int migratetype;
	unsigned int alloc_flags;
	int highest_zoneidx;
	enum migrate_mode mode;
	bool ignore_skip_hint;          /* scan blocks marked skip too */
	bool ignore_block_suitable;     /* free pages from any block type */
	bool direct_compaction;         /* for an allocation, not kcompactd */
	bool proactive_compaction;      /* kcompactd's background pass */
	bool whole_zone;                /* from the zone's ends */
	bool contended;
	bool rescan;                    /* this block is scanned again */
};

enum compact_result compact_zone(struct compact_control *cc,
				 struct capture_control *capc);
/* vm.compaction_proactiveness: the fragmentation score kcompactd keeps under. */
unsigned int fragmentation_score_node(pg_data_t *pgdat);
unsigned int fragmentation_score_wmark(bool low);
bool should_proactive_compact_node(pg_data_t *pgdat);
void proactive_compact_node(pg_data_t *pgdat);
/* Wake every kcompactd for one proactive pass (mm/compaction.c). */
void kcompactd_trigger_proactive(void);

#endif /* _MMSIM_MM_COMPACTION_INTERNAL_H */

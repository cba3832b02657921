/* SPDX-License-Identifier: MIT */
/*
 * mm/vmscan_internal.h — what mm/vmscan.c, mm/vmscan_kswapd.c,
 * mm/vmscan_swap.c and mm/workingset.c share.
 *
 * Kernel counterpart: struct scan_control and struct reclaim_stat, static
 * in mm/vmscan.c (Linux 6.1), and the reclaim parts of mm/internal.h.
 */
#ifndef _MMSIM_MM_VMSCAN_INTERNAL_H
#define _MMSIM_MM_VMSCAN_INTERNAL_H

#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/swap_lru.h"

#define SWAP_CLUSTER_MAX 32UL
#define DEF_PRIORITY 12

#define DEACTIVATE_ANON 1
#define DEACTIVATE_FILE 2

/* One reclaim pass: what it may do, how hard, and what it did. */
struct scan_control {
	unsigned long nr_to_reclaim;
	const unsigned long *nodemask;    /* NULL: every node */
	unsigned long anon_cost, file_cost;
	unsigned int may_deactivate:2;
	unsigned int force_deactivate:1;
	unsigned int skipped_deactivate:1;
	unsigned int may_writepage:1;
	unsigned int may_unmap:1;
	unsigned int may_swap:1;
	unsigned int compaction_ready:1;
	unsigned int cache_trim_mode:1;
	unsigned int file_is_tiny:1;
	unsigned int no_demotion:1;
	unsigned int memcgs_need_aging:1; /* MGLRU: kswapd's aging is due */
	int order;
	int priority;                     /* scan 1/2^priority of each list */
	int reclaim_idx;                  /* highest zone index to take from */
	gfp_t gfp_mask;
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;
	struct {
		unsigned int dirty, unqueued_dirty, congested, writeback,
			immediate, file_taken, taken;
	} nr;
	unsigned long nr_slab_reclaimed;  /* reclaim_state: slab pages freed */
	unsigned long last_reclaimed;     /* MGLRU: nr_reclaimed at kswapd's aging */
};

/* shrink_lruvec's loop between two rounds (kswapd takes one a step). */
struct lruvec_scan {
	unsigned long nr[NR_LRU_LISTS], targets[NR_LRU_LISTS];
	unsigned long nr_reclaimed, nr_to_reclaim;
	bool proportional_reclaim;
	bool lru_gen;                     /* MGLRU did it all at the begin */
};

/*
 * kswapd's balance_pgdat between two steps (mm/vmscan_kswapd.c): each
 * step of the thread runs one round of a priority pass (shrink_lruvec's
 * loop) and keeps the rest here.
 */
struct kswapd_balance {
	bool active;                      /* a balance_pgdat is under way */
	bool throttled;                   /* in reclaim_throttle(WRITEBACK) */
	bool balanced;                    /* ended because the node is balanced */
	bool boosted;
	int highest_zoneidx;
	unsigned long nr_boost_reclaim;
	unsigned long zone_boosts[MMSIM_MAX_NR_ZONES];
	struct scan_control sc;
	bool in_pass;                     /* between rounds of shrink_lruvec */
	bool pass_ended;                  /* the step ended a pass */
	unsigned long pass_reclaimed;     /* sc.nr_reclaimed when the pass began */
	unsigned long node_reclaimed;     /* ... when its shrink_node began */
	struct lruvec_scan scan;
};

enum vmscan_throttle_state {
	VMSCAN_THROTTLE_WRITEBACK,
	VMSCAN_THROTTLE_ISOLATED,
	VMSCAN_THROTTLE_NOPROGRESS,
	VMSCAN_THROTTLE_CONGESTED,
};

/* What shrink_folio_list did with the folios it was given. */
struct reclaim_stat {
	unsigned int nr_dirty;
	unsigned int nr_unqueued_dirty;
	unsigned int nr_congested;
	unsigned int nr_writeback;
	unsigned int nr_immediate;
	unsigned int nr_pageout;
	unsigned int nr_activate[ANON_AND_FILE];
	unsigned int nr_ref_keep;
	unsigned int nr_unmap_fail;
	unsigned int nr_lazyfree_fail;
};

/* mm/vmscan_kswapd.c: the task's reclaim_throttle (kswapd's is its step) */
void reclaim_throttle(pg_data_t *pgdat, enum vmscan_throttle_state reason);
/* mm/page_io.c's acct_reclaim_writeback: wake the writeback waiters */
void reclaim_throttle_wake(pg_data_t *pgdat);

/* mm/vmscan.c */
void shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc);
void shrink_lruvec_begin(struct lruvec *lruvec, struct scan_control *sc,
			 struct lruvec_scan *ls);
bool shrink_lruvec_batch(struct lruvec *lruvec, struct scan_control *sc,
			 struct lruvec_scan *ls);
void shrink_lruvec_end(struct lruvec *lruvec, struct scan_control *sc,
		       struct lruvec_scan *ls);
void prepare_scan_count(pg_data_t *pgdat, struct scan_control *sc);
void kswapd_age_node(pg_data_t *pgdat, struct scan_control *sc);
bool can_age_anon_pages(struct pglist_data *pgdat, struct scan_control *sc);
unsigned long lruvec_lru_size(struct lruvec *lruvec, enum lru_list lru,
			      int zone_idx);
unsigned int shrink_folio_list(struct list_head *folio_list,
			       struct pglist_data *pgdat, struct scan_control *sc,
			       struct reclaim_stat *stat, bool ignore_references);
unsigned int move_folios_to_lru(struct lruvec *lruvec, struct list_head *list);

/* mm/vmscan_lru_gen.c: the multi-generational LRU (see the file) */
void lru_gen_shrink_lruvec(struct lruvec *lruvec, struct scan_control *sc);
void lru_gen_age_node(struct pglist_data *pgdat, struct scan_control *sc);

/*
 * mm/vmscan_swap.c: the calls into the swap layer (mm/swapfile.c,
 * mm/swap_state.c, mm/page_io.c, mm/shmem.c) reclaim makes, in one place.
 */
enum pageout_result {
	PAGE_KEEP,
	PAGE_ACTIVATE,
	PAGE_SUCCESS,
	PAGE_CLEAN,
};
long vmscan_nr_swap_pages(void);
long vmscan_total_swap_pages(void);
bool vmscan_add_to_swap(struct folio *folio);
enum pageout_result vmscan_pageout(struct folio *folio);
/* __remove_mapping for a swap-cache folio: false when it cannot go. */
bool vmscan_remove_swapcache(struct folio *folio, bool reclaimed);

#endif /* _MMSIM_MM_VMSCAN_INTERNAL_H */

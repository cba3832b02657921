/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/lru_state.h — the reclaim side's globals of one machine.
 *
 * No single kernel counterpart: these are the per-CPU folio batches of
 * mm/swap.c (cpu_fbatches, lru_rotate), the knobs and lists of
 * mm/vmscan.c (vm_swappiness, shrinker_list) and the kswapd threads,
 * gathered per machine (current_machine->lru), made on first use by
 * mmsim_lru_state() and freed by machine_destroy() (mmsim_lru_state_free).
 *
 *   cpu[c].lru_add             new folios on their way to the LRU
 *   cpu[c].lru_rotate          written-back folios to the inactive tail
 *   cpu[c].lru_deactivate_file invalidated page cache
 *   cpu[c].lru_deactivate      MADV_COLD
 *   cpu[c].lru_lazyfree        MADV_FREE
 *   cpu[c].activate            folio_mark_accessed's second touch
 *
 * Each batch holds one reference on each of its folios (dropped when it
 * is drained), so a folio in a batch has one more reference than its
 * mappings and cache entries: lru_batch_refs() says how many.
 */
#ifndef _MMSIM_LRU_STATE_H
#define _MMSIM_LRU_STATE_H

#include "linux/types.h"
#include "linux/spinlock.h"
#include "linux/list.h"
#include "linux/swap_lru.h"

struct machine;
struct task_struct;

struct cpu_fbatches {
	/*
	 * 6.1's local_lock of the batches; a spinlock here, since
	 * lru_add_drain_all() drains another CPU's batches from this one
	 * (the kernel queues that work on the other CPU instead).
	 */
	spinlock_t lock;
	struct folio_batch lru_add;
	struct folio_batch lru_rotate;
	struct folio_batch lru_deactivate_file;
	struct folio_batch lru_deactivate;
	struct folio_batch lru_lazyfree;
	struct folio_batch activate;
};

#define MMSIM_LRU_MAX_NODES 64

struct kswapd_balance;

/* Where one node's kswapd is in its loop (kswapd_try_to_sleep's state). */
struct kswapd_node {
	struct kswapd_balance *balance; /* a balance_pgdat between passes */
	bool napping;           /* in the HZ/10 nap after balancing */
	bool woken;             /* wakeup_kswapd came during the nap */
	int alloc_order;        /* the order balance_pgdat was asked for */
	int reclaim_order;      /* what balance_pgdat ended at */
	int zoneidx;            /* the highest zone it balanced */
};

struct lru_state {
	struct cpu_fbatches *cpu;       /* [nr_cpu_ids] */
	unsigned int nr_cpus;
	int swappiness;                 /* vm.swappiness, 60 */
	struct list_head shrinkers;     /* shrinker_list */
	unsigned long drop_caches_runs; /* times vm.drop_caches was written */
	bool drop_caches_logged;        /* the once-only dmesg line */
	/* kswapd: the node whose step is running (current_is_kswapd) */
	struct pglist_data *kswapd_current;
	int kswapd_cpu;                 /* the simulated CPU it runs on */
	struct kswapd_node kswapd[MMSIM_LRU_MAX_NODES];
	/* mm/vmscan_lru_gen.c: /sys/kernel/mm/lru_gen/{enabled,min_ttl_ms} */
	unsigned int lru_gen_caps;      /* BIT(LRU_GEN_CORE) ...; 0: off */
	unsigned long lru_gen_min_ttl;  /* jiffies */
	/*
	 * mm/workingset.c: the xarray nodes holding only shadows, per node
	 * (6.1's shadow_nodes list_lru, root memcg), oldest first, and the
	 * shrinker that frees them (workingset_init registers it).
	 */
	struct list_head shadow_nodes[MMSIM_LRU_MAX_NODES];
	unsigned long nr_shadow_nodes[MMSIM_LRU_MAX_NODES];
	struct shrinker workingset_shadow_shrinker;
};

struct lru_state *mmsim_lru_state(void);
void mmsim_lru_state_free(struct machine *m);
/* How many batch slots, over every CPU, hold @folio (each one a reference). */
unsigned int lru_batch_refs(struct folio *folio);

#endif /* _MMSIM_LRU_STATE_H */

/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/swap_state.h — the swap globals of one machine.
 *
 * No single kernel counterpart: these are the globals of mm/swapfile.c
 * (swap_info[], nr_swapfiles, least_priority, nr_swap_pages,
 * total_swap_pages, swap_active_head, swap_avail_heads), mm/swap_state.c
 * (swapper_spaces[], page_cluster, enable_vma_readahead, the readahead
 * hit counter), mm/swap_slots.c (the per-CPU swp_slots and their switches)
 * and mm/page_io.c (mmsim: the writes the disk has not completed), kept
 * per machine (current_machine->swap) and reached by the kernel's names
 * through the aliases below.  Made on first use by mmsim_swap_state();
 * freed by machine_destroy() through mmsim_swap_state_free().
 */
#ifndef _MMSIM_SWAP_STATE_H
#define _MMSIM_SWAP_STATE_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/swap.h"
#include "linux/workqueue.h"
#include "linux/timer.h"
#include "linux/atomic.h"

struct address_space;

struct swap_state {
	/* mm/swapfile.c */
	struct swap_info_struct *k_swap_info[MAX_SWAPFILES];
	unsigned int k_nr_swapfiles;
	int least_priority;                 /* -1: the first swapon gets -2 */
	atomic_long_t nr_swap_pages;        /* free slots not in a cache */
	long k_total_swap_pages;            /* usable slots of every area */
	struct list_head swap_active_head;  /* areas by priority */
	struct list_head swap_avail_head;   /* 6.1: per node; one node's list */
	spinlock_t swap_avail_lock;         /* swap_avail_head (inside si->lock) */
	int nr_rotate_swap;                 /* areas on rotational disks */
	/* mm/swap_state.c */
	struct address_space *swapper_spaces[MAX_SWAPFILES];
	unsigned int nr_swapper_spaces[MAX_SWAPFILES];
	int k_page_cluster;                 /* vm.page-cluster, 3 */
	bool enable_vma_readahead;          /* /sys/kernel/mm/swap/vma_ra_enabled */
	atomic_t swapin_readahead_hits;     /* 4 at start */
	unsigned long ra_prev_offset;       /* swapin_nr_pages' prev_offset (racy, as 6.1's) */
	atomic_t ra_last_pages;             /* ... and last_readahead_pages */
	atomic_long_t swapcache_pages;      /* pages in every swapper space */
	/* mm/swap_slots.c */
	struct swap_slots_cache *swp_slots; /* one per possible CPU */
	struct mutex swap_slots_cache_mutex; /* the switches below; draining */
	bool swap_slot_cache_active;        /* read without it (READ_ONCE) */
	bool swap_slot_cache_enabled;
	bool swap_slot_cache_initialized;
	/*
	 * mm/page_io.c: the writes the disk has not completed, in the order
	 * it completes them (each at its done_ns), when the disk is free
	 * again, and the timer that stands for its next interrupt.
	 */
	struct swap_io {
		struct page *page;
		unsigned long long done_ns;
	} *inflight;
	unsigned long nr_inflight, inflight_cap;
	unsigned long long disk_free_ns;
	spinlock_t io_lock;                 /* the queue above (the disk's) */
	struct timer_list io_timer;
};

struct swap_state *mmsim_swap_state(void);

#define swap_info (mmsim_swap_state()->k_swap_info)
#define nr_swapfiles (mmsim_swap_state()->k_nr_swapfiles)
#define total_swap_pages (mmsim_swap_state()->k_total_swap_pages)
#define page_cluster (mmsim_swap_state()->k_page_cluster)

#endif /* _MMSIM_SWAP_STATE_H */

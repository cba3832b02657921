/* SPDX-License-Identifier: MIT */
/*
 * include/linux/swap_lru.h — the LRU, reclaim and workingset half of
 * include/linux/swap.h, plus include/linux/pagevec.h's folio_batch.
 *
 * Kernel counterpart: include/linux/swap.h and include/linux/pagevec.h
 * (Linux 6.1).  mmsim keeps the swap-area half (swp_entry_t, swap_info,
 * the swap cache) in linux/swap.h and this half here, so that the two
 * subsystems stay separate files; code that wants both includes both.
 *
 * Functions of mm/swap.c (the per-CPU folio batches), mm/vmscan.c
 * (isolation, shrinking, kswapd, direct reclaim), mm/workingset.c
 * (shadow entries) and fs/drop_caches.c.  Each call acts on the current
 * machine (current_machine) and, for the per-CPU batches, on the calling
 * simulated CPU (smp_processor_id()).
 */
#ifndef _MMSIM_LINUX_SWAP_LRU_H
#define _MMSIM_LINUX_SWAP_LRU_H

#include "linux/types.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/mmzone.h"

struct vm_area_struct;
struct mem_cgroup;
struct task_struct;

/* ---- include/linux/pagevec.h ---- */

#define PAGEVEC_SIZE 15

/* A small array of folios with a reference each, drained as a unit. */
struct folio_batch {
	unsigned char nr;
	bool percpu_pvec_drained;
	struct folio *folios[PAGEVEC_SIZE];
};

static inline void folio_batch_init(struct folio_batch *fbatch)
{
	fbatch->nr = 0;
	fbatch->percpu_pvec_drained = false;
}

static inline unsigned int folio_batch_count(struct folio_batch *fbatch)
{
	return fbatch->nr;
}

/* Add @folio; the room left afterwards (0: the batch is now full). */
static inline unsigned int folio_batch_add(struct folio_batch *fbatch,
					   struct folio *folio)
{
	fbatch->folios[fbatch->nr++] = folio;
	return PAGEVEC_SIZE - fbatch->nr;
}

/* ---- mm/swap.c ---- */

void folio_add_lru(struct folio *folio);
void folio_add_lru_vma(struct folio *folio, struct vm_area_struct *vma);
void lru_cache_add_inactive_or_unevictable(struct page *page,
					   struct vm_area_struct *vma);
void folio_mark_accessed(struct folio *folio);
void mark_page_accessed(struct page *page);
void folio_activate(struct folio *folio);
void folio_deactivate(struct folio *folio);
void deactivate_file_folio(struct folio *folio);
void folio_mark_lazyfree(struct folio *folio);
void folio_rotate_reclaimable(struct folio *folio);
void lru_add_drain(void);
void lru_add_drain_cpu(int cpu);
void lru_add_drain_all(void);
void lru_note_cost(struct lruvec *lruvec, bool file, unsigned int nr_pages);
void lru_note_cost_folio(struct folio *folio);
/* The last reference to @folio went: off the LRU (6.1's __page_cache_release). */
void __page_cache_release(struct folio *folio);
/* Drop one reference to each folio of @folios (release_pages). */
void folios_put(struct folio **folios, unsigned int nr);
void lruvec_init(struct lruvec *lruvec, struct pglist_data *pgdat);

/* ---- mm/vmscan.c ---- */

int folio_isolate_lru(struct folio *folio);
void folio_putback_lru(struct folio *folio);
unsigned long reclaim_pages(struct list_head *folio_list);
unsigned long try_to_free_pages(struct zonelist *zonelist, int order,
				gfp_t gfp_mask, const unsigned long *nodemask);
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   int highest_zoneidx);
int kswapd_run(int nid);
/* Start a kswapd on every node with memory (module_init of mm/vmscan.c). */
void kswapd_init(void);
void kswapd_stop(int nid);
unsigned long zone_reclaimable_pages(struct zone *zone);
bool current_is_kswapd(void);
/* vm.swappiness (0..200, 60) */
int vm_swappiness_get(void);
int vm_swappiness_set(int val);

/* A cache the kernel can shrink under pressure (include/linux/shrinker.h). */
struct shrink_control {
	gfp_t gfp_mask;
	int nid;
	unsigned long nr_to_scan;
	unsigned long nr_scanned;
};

#define SHRINK_STOP (~0UL)
#define SHRINK_EMPTY (~0UL - 1)

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *, struct shrink_control *);
	unsigned long (*scan_objects)(struct shrinker *, struct shrink_control *);
	long batch;
	int seeks;
	unsigned int flags;
	struct list_head list;
	long nr_deferred;
	const char *name;
};
#define DEFAULT_SEEKS 2

int register_shrinker(struct shrinker *shrinker, const char *fmt, ...);
void unregister_shrinker(struct shrinker *shrinker);
unsigned long shrink_slab(gfp_t gfp_mask, int nid, int priority);
void drop_slab(void);

/*
 * mm/vmscan_validate.c: the LRU lists agree with their counters (see the
 * file); 0, or -EUCLEAN with the first problem in @msg.
 */
int lru_validate(char *msg, size_t msglen);

/* ---- mm/vmscan_lru_gen.c (the multi-generational LRU) ---- */

void lru_gen_init_lruvec(struct lruvec *lruvec);
void lru_gen_change_state(bool enabled);
/* rmap found @pte (mapping @addr of @vma) young: promote young neighbours */
void lru_gen_look_around(struct vm_area_struct *vma, unsigned long addr, pte_t *pte);
/* /sys/kernel/mm/lru_gen/NAME: 0 or -errno (-ENOENT: no such file) */
int lru_gen_sysfs_store(const char *name, const char *buf);
int lru_gen_sysfs_show(const char *name, char *buf, size_t size);
bool lru_gen_seq_is_valid(struct lruvec *lruvec);
/* a command of /sys/kernel/debug/lru_gen: '+' aging, '-' eviction (see the file) */
int lru_gen_run_cmd(char cmd, int nid, unsigned long seq, int swappiness,
		    unsigned long opt);

/* ---- mm/workingset.c ---- */

void *workingset_eviction(struct folio *folio, struct mem_cgroup *target_memcg);
void workingset_refault(struct folio *folio, void *shadow);
void workingset_activation(struct folio *folio);
void workingset_age_nonresident(struct lruvec *lruvec, unsigned long nr_pages);
bool workingset_test_recent(void *shadow, bool file, bool *workingset);

/* ---- fs/drop_caches.c ---- */

int drop_caches_sysctl_write(int val);

#endif /* _MMSIM_LINUX_SWAP_LRU_H */

/* SPDX-License-Identifier: MIT */
/*
 * include/linux/vmstat.h — zone, node and NUMA counters, and VM events.
 *
 * Kernel counterparts: include/linux/vmstat.h, include/linux/vm_event_item.h,
 * struct per_cpu_nodestat of include/linux/mmzone.h (Linux 6.1).
 *
 * Each counter exists three times, as in the kernel:
 *
 *   per-CPU delta (s8)  --|delta| > stat_threshold-->  zone (or node) counter
 *                                                   +  global counter
 *
 *   zone->per_cpu_zonestats[cpu]->vm_stat_diff[item]   zone->vm_stat[item]
 *   pgdat->per_cpu_nodestats[cpu]->vm_node_stat_diff   pgdat->vm_stat[item]
 *                                                      mm.pa.vm_zone_stat[]
 *
 * so a zone counter lags the truth by at most threshold * CPUs pages;
 * zone_page_state_snapshot() adds the deltas back.  The NUMA hit/miss
 * events are per-CPU only until fold_vm_numa_events() adds them up.  A
 * simulated CPU changes only its own deltas; readers on other CPUs see a
 * racy but never torn value.
 *
 * VM events (vm_event_state): only the page allocator's are kept so far
 * (pgalloc_<zone>, allocstall_<zone>, pgfree); the subsystems that count
 * the others add them with their code.
 */
#ifndef _MMSIM_LINUX_VMSTAT_H
#define _MMSIM_LINUX_VMSTAT_H

#include "linux/types.h"
#include "linux/mmzone.h"

struct per_cpu_nodestat {
	s8 stat_threshold;
	s8 vm_node_stat_diff[NR_VM_NODE_STAT_ITEMS];
};

enum vm_event_item {
	PGALLOC_BASE,                                       /* + zone index */
	ALLOCSTALL_BASE = PGALLOC_BASE + MMSIM_MAX_NR_ZONES, /* + zone index */
	PGFREE = ALLOCSTALL_BASE + MMSIM_MAX_NR_ZONES,
	/* swap I/O (mm/page_io.c); PGPGIN/OUT in KiB */
	PGPGIN,
	PGPGOUT,
	PSWPIN,
	PSWPOUT,
	/* user memory (mm/memory.c, mm/huge_memory.c) */
	PGFAULT,
	PGMAJFAULT,
	THP_FAULT_ALLOC,
	THP_FAULT_FALLBACK,
	THP_FAULT_FALLBACK_CHARGE,
	THP_SPLIT_PMD,
	THP_ZERO_PAGE_ALLOC,
	THP_ZERO_PAGE_ALLOC_FAILED,
	/* the LRU and reclaim (mm/swap.c, mm/vmscan.c) */
	PGACTIVATE,
	PGDEACTIVATE,
	PGLAZYFREE,
	PGLAZYFREED,
	PGREFILL,
	PGSTEAL_KSWAPD,
	PGSTEAL_DIRECT,
	PGSCAN_KSWAPD,
	PGSCAN_DIRECT,
	PGSCAN_DIRECT_THROTTLE,
	PGSCAN_ANON,
	PGSCAN_FILE,
	PGSTEAL_ANON,
	PGSTEAL_FILE,
	SLABS_SCANNED,
	KSWAPD_LOW_WMARK_HIT_QUICKLY,
	KSWAPD_HIGH_WMARK_HIT_QUICKLY,
	PAGEOUTRUN,
	PGROTATED,
	DROP_PAGECACHE,
	DROP_SLAB,
	UNEVICTABLE_PGCULLED,
	UNEVICTABLE_PGSCANNED,
	UNEVICTABLE_PGRESCUED,
	OOM_KILL,                   /* mm/oom_kill.c: victims killed */
	/* migration and compaction (mm/migrate.c, mm/compaction.c) */
	PGMIGRATE_SUCCESS,
	PGMIGRATE_FAIL,
	COMPACTMIGRATE_SCANNED,
	COMPACTFREE_SCANNED,
	COMPACTISOLATED,
	COMPACTSTALL,
	COMPACTFAIL,
	COMPACTSUCCESS,
	KCOMPACTD_WAKE,
	KCOMPACTD_MIGRATE_SCANNED,
	KCOMPACTD_FREE_SCANNED,
	/* khugepaged (mm/khugepaged.c) */
	THP_COLLAPSE_ALLOC,
	THP_COLLAPSE_ALLOC_FAILED,
	THP_SCAN_EXCEED_NONE_PTE,
	THP_SCAN_EXCEED_SWAP_PTE,
	THP_SCAN_EXCEED_SHARED_PTE,
	/* swap readahead (mm/swap_state.c) */
	SWAP_RA,
	SWAP_RA_HIT,
	NR_VM_EVENT_ITEMS
};

struct vm_event_state {
	unsigned long event[NR_VM_EVENT_ITEMS];
};

/* Counter names, as /proc/zoneinfo and /proc/vmstat print them. */
const char *zone_stat_name(enum zone_stat_item item);
const char *numa_stat_name(enum numa_stat_item item);
const char *node_stat_name(enum node_stat_item item);

/* VM events of the current CPU (never lost, never folded). */
void __count_vm_events(enum vm_event_item item, long delta);
#define count_vm_events(item, delta) __count_vm_events(item, delta)
#define count_vm_event(item) __count_vm_events(item, 1)
#define __count_zid_vm_events(item, zid, delta) \
	__count_vm_events(item##_BASE + (zid), delta)
/* Sum of one event over every CPU. */
unsigned long sum_vm_event(enum vm_event_item item);

/* Changing counters: the current CPU's delta, folded past the threshold. */
void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item,
			   long delta);
void __mod_node_page_state(pg_data_t *pgdat, enum node_stat_item item,
			   long delta);
#define mod_zone_page_state __mod_zone_page_state
#define mod_node_page_state __mod_node_page_state
/* __count_numa_events(): inline, in mm/page_alloc_internal.h. */

/* Reading counters (clamped at 0, as the kernel does on SMP). */
unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item);
unsigned long zone_page_state_snapshot(const struct zone *zone,
				       enum zone_stat_item item);
unsigned long global_zone_page_state(enum zone_stat_item item);
unsigned long global_node_page_state(enum node_stat_item item);
/* ... with every CPU's pending delta added (exact, read only). */
unsigned long global_node_page_state_snapshot(enum node_stat_item item);
unsigned long global_node_page_state_pages(enum node_stat_item item);
unsigned long node_page_state(pg_data_t *pgdat, enum node_stat_item item);
unsigned long node_page_state_pages(pg_data_t *pgdat, enum node_stat_item item);
unsigned long sum_zone_node_page_state(int node, enum zone_stat_item item);
unsigned long zone_numa_event_state(const struct zone *zone,
				    enum numa_stat_item item);
unsigned long global_numa_event_state(enum numa_stat_item item);
unsigned long sum_zone_numa_event_state(int node, enum numa_stat_item item);

/* Add every CPU's NUMA events into the zone and global counters. */
void fold_vm_numa_events(void);
/* Fold every delta of @cpu into the counters (quiescent CPU only). */
void cpu_vm_stats_fold(int cpu);
/* Fold the running CPU's deltas; the number of counters that moved. */
int refresh_cpu_vm_stats(bool do_pagesets);
/* The running CPU goes idle (tick stopped): its deltas are folded. */
void quiet_vmstat(void);
/* Fold every CPU's deltas, as every CPU going idle does (exact figures). */
void vm_stats_fold_all(void);

/* Thresholds (the "vm stats threshold" line of /proc/zoneinfo). */
int calculate_normal_threshold(struct zone *zone);
int calculate_pressure_threshold(struct zone *zone);
void refresh_zone_stat_thresholds(void);

/* NR_FREE_PAGES, and NR_FREE_CMA_PAGES when @migratetype is MIGRATE_CMA. */
void __mod_zone_freepage_state(struct zone *zone, long nr_pages,
			       int migratetype);

#endif /* _MMSIM_LINUX_VMSTAT_H */

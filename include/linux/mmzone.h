/* SPDX-License-Identifier: MIT */
/*
 * include/linux/mmzone.h — nodes, zones, free areas and per-CPU page lists.
 *
 * Kernel counterpart: include/linux/mmzone.h (Linux 6.1).
 *
 *   pg_data_t (one per NUMA node, NODE_DATA(nid))
 *     node_zones[ZONE_DMA .. ZONE_DEVICE]      struct zone
 *     node_zonelists[FALLBACK, NOFALLBACK]     zones to try, best first
 *     node_start_pfn, node_spanned_pages, node_present_pages
 *
 *   struct zone
 *     zone_start_pfn, spanned_pages, present_pages, managed_pages
 *         spanned = zone_end_pfn - zone_start_pfn          (holes included)
 *         present = spanned - pages in holes
 *         managed = present - pages reserved at boot (memmap, kernel, ...)
 *     _watermark[WMARK_MIN/LOW/HIGH] + watermark_boost, lowmem_reserve[]
 *     free_area[order].free_list[migratetype], free_area[order].nr_free
 *     per_cpu_pageset[cpu]: lists[pcp index], count, high, batch
 *
 * Zone and migrate-type numbers depend on the kernel configuration
 * (CONFIG_ZONE_DMA, CONFIG_HIGHMEM, CONFIG_CMA, ...), exactly as the
 * kernel's enums do; since one mmsim binary runs any .config, they are
 * run-time values of the machine (struct mm_config below): ZONE_NORMAL,
 * MAX_NR_ZONES, MIGRATE_CMA, MIGRATE_TYPES, ... read like the kernel's
 * constants.  Arrays are sized by the MMSIM_MAX_* bounds.
 */
#ifndef _MMSIM_LINUX_MMZONE_H
#define _MMSIM_LINUX_MMZONE_H

#include "linux/types.h"
#include "linux/kernel.h"
#include "linux/list.h"
#include "linux/spinlock.h"
#include "linux/numa.h"
#include "linux/pfn.h"

/*
 * Orders of the buddy allocator: 0 .. MAX_ORDER - 1.  MAX_ORDER is 11
 * unless the architecture forces another (CONFIG_ARCH_FORCE_MAX_ORDER:
 * 12 on 32-bit ARM), so it is read from the .config at run time;
 * MAX_ORDER_LIMIT bounds the arrays indexed by order.  A pageblock is a
 * huge page where the kernel has them (HUGETLB_PAGE_ORDER, 9 on x86_64),
 * else the largest buddy block (include/linux/pageblock-flags.h).
 */
#define MAX_ORDER_LIMIT 12
#define MAX_ORDER (current_machine->mmcfg.order_max)
#define MAX_ORDER_NR_PAGES (1UL << (MAX_ORDER - 1))
#define PAGE_ALLOC_COSTLY_ORDER 3
#define pageblock_order (current_machine->mmcfg.order_pageblock)
#define pageblock_nr_pages (1UL << pageblock_order)
#define pageblock_start_pfn(pfn) ALIGN_DOWN((pfn), pageblock_nr_pages)
#define pageblock_align(pfn) ALIGN((pfn), pageblock_nr_pages)

#define MMSIM_MAX_NR_ZONES 6
#define MMSIM_MAX_MIGRATE_TYPES 6
#define MMSIM_MAX_CPUS_PCP 8192

/* Migrate types that always exist, in the kernel's order. */
#define MIGRATE_UNMOVABLE 0
#define MIGRATE_MOVABLE 1
#define MIGRATE_RECLAIMABLE 2
#define MIGRATE_PCPTYPES 3
#define MIGRATE_HIGHATOMIC MIGRATE_PCPTYPES

/*
 * Per-CPU lists: one per pcp migrate type and order <= 3, plus one list
 * for THP-sized (pageblock_order) pages shared by all migrate types.
 */
#define NR_PCP_THP 1
#define NR_LOWORDER_PCP_LISTS (MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))
#define NR_PCP_LISTS (NR_LOWORDER_PCP_LISTS + NR_PCP_THP)

/* Sections of the sparse memory model (x86_64: 128 MiB). */
#define SECTION_SIZE_BITS_X86_64 27

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	WMARK_PROMO,
	NR_WMARK
};

enum numa_stat_item {
	NUMA_HIT,
	NUMA_MISS,
	NUMA_FOREIGN,
	NUMA_INTERLEAVE_HIT,
	NUMA_LOCAL,
	NUMA_OTHER,
	NR_VM_NUMA_EVENT_ITEMS
};

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_LRU_BASE,
	NR_ZONE_INACTIVE_ANON = NR_ZONE_LRU_BASE,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_ZONE_UNEVICTABLE,
	NR_ZONE_WRITE_PENDING,
	NR_MLOCK,
	NR_BOUNCE,
	NR_ZSPAGES,
	NR_FREE_CMA_PAGES,
	NR_VM_ZONE_STAT_ITEMS
};

enum node_stat_item {
	NR_LRU_BASE,
	NR_INACTIVE_ANON = NR_LRU_BASE,
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_UNEVICTABLE,
	NR_SLAB_RECLAIMABLE_B,
	NR_SLAB_UNRECLAIMABLE_B,
	NR_ISOLATED_ANON,
	NR_ISOLATED_FILE,
	WORKINGSET_NODES,
	WORKINGSET_REFAULT_ANON,
	WORKINGSET_REFAULT_FILE,
	WORKINGSET_ACTIVATE_ANON,
	WORKINGSET_ACTIVATE_FILE,
	WORKINGSET_RESTORE_ANON,
	WORKINGSET_RESTORE_FILE,
	WORKINGSET_NODERECLAIM,
	NR_ANON_MAPPED,
	NR_FILE_MAPPED,
	NR_FILE_PAGES,
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_WRITEBACK_TEMP,
	NR_SHMEM,
	NR_SHMEM_THPS,
	NR_SHMEM_PMDMAPPED,
	NR_FILE_THPS,
	NR_FILE_PMDMAPPED,
	NR_ANON_THPS,
	NR_VMSCAN_WRITE,
	NR_VMSCAN_IMMEDIATE,
	NR_DIRTIED,
	NR_WRITTEN,
	NR_THROTTLED_WRITTEN,
	NR_KERNEL_MISC_RECLAIMABLE,
	NR_FOLL_PIN_ACQUIRED,
	NR_FOLL_PIN_RELEASED,
	NR_KERNEL_STACK_KB,
	NR_PAGETABLE,
	NR_SECONDARY_PAGETABLE,
	NR_SWAPCACHE,
	PGPROMOTE_SUCCESS,
	PGPROMOTE_CANDIDATE,
	NR_VM_NODE_STAT_ITEMS
};

struct free_area {
	struct list_head free_list[MMSIM_MAX_MIGRATE_TYPES];
	unsigned long nr_free;
};

/* A CPU's cache of free order-0..3 (and THP) pages of one zone. */
struct per_cpu_pages {
	spinlock_t lock;
	int count;          /* pages on all lists */
	int high;           /* drain down to batch above this */
	int batch;          /* pages moved to/from the buddy lists at once */
	short free_factor;  /* batch scaling while freeing */
	short expire;       /* remote pagesets are drained when 0 */
	struct list_head lists[NR_PCP_LISTS];
};

/* Per-CPU statistics deltas folded into the zone counters. */
struct per_cpu_zonestat {
	s8 vm_stat_diff[NR_VM_ZONE_STAT_ITEMS];
	s8 stat_threshold;
	unsigned long vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];
};

struct pglist_data;
struct kthread;
struct per_cpu_nodestat;
struct kthread;

/*
 * The LRU lists of one node (mm/swap.c, mm/vmscan.c; 6.1 without memcg:
 * one lruvec per node, pgdat->__lruvec).  Order matters: an inactive
 * list + LRU_ACTIVE is its active list, + LRU_FILE the file one.
 *
 *   lists[lru]      the folios on each list, newest at the head; the
 *                   unevictable "list" is a count only (6.1 links no
 *                   unevictable folio: its lru field holds mlock_count)
 *   anon_cost       reclaim cost of each kind (lru_note_cost), halved
 *   file_cost       when their sum passes a quarter of the LRU pages
 *   nonresident_age evictions + activations: the clock of workingset.c
 *   refaults[type]  nonresident_age's refault counts at the last reclaim
 *                   cycle (snapshot_refaults)
 *
 * Invariant (checked by lru_validate()): the folios on lists[lru] add up
 * to the node's NR_LRU_BASE + lru counter and each zone's
 * NR_ZONE_LRU_BASE + lru counter, once the per-CPU deltas are folded.
 */
enum lru_list {
	LRU_INACTIVE_ANON = 0,
	LRU_ACTIVE_ANON = 1,
	LRU_INACTIVE_FILE = 2,
	LRU_ACTIVE_FILE = 3,
	LRU_UNEVICTABLE = 4,
	NR_LRU_LISTS
};
#define LRU_BASE 0
#define LRU_ACTIVE 1
#define LRU_FILE 2
#define NR_EVICTABLE_LRU_LISTS 4
#define ANON_AND_FILE 2
#define for_each_evictable_lru(lru) for (lru = 0; lru <= LRU_ACTIVE_FILE; lru++)

static inline bool is_file_lru(enum lru_list lru)
{
	return lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE;
}

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

/*
 * The multi-generational LRU of one lruvec (6.1's struct lru_gen_struct;
 * mm/vmscan_lru_gen.c).  Generations are numbered by sequence: anon
 * folios live in [min_seq[0], max_seq], file folios in [min_seq[1],
 * max_seq]; a sequence's lists are folios[seq % MAX_NR_GENS][type][zone]
 * (newest at the head) and its pages nr_pages[...].  Between MIN_NR_GENS
 * and MAX_NR_GENS generations exist; the two youngest count as "active"
 * in NR_ACTIVE_* for /proc/meminfo, the others as inactive.
 *   timestamps[gen]      jiffies when the generation was made (min_ttl_ms)
 *   avg_refaulted/avg_total[type][tier]   the PID controller's I term
 *   protected[hist][type][tier-1]   pages sort_folio kept back by tier
 *   evicted/refaulted[hist][type][tier]   workingset's P term
 *   enabled              this lruvec's folios are on the generations
 * The generation and tier of a folio are the LRU_GEN/LRU_REFS fields of
 * its flags (linux/page-flags.h).
 */
#define MIN_NR_GENS 2U
#define MAX_NR_GENS 4U
#define MAX_NR_TIERS 4U
#define NR_HIST_GENS MAX_NR_GENS        /* CONFIG_MEMCG=y in Debian's config */
#define MIN_LRU_BATCH BITS_PER_LONG
#define MAX_LRU_BATCH (MIN_LRU_BATCH * 64)

enum { LRU_GEN_ANON, LRU_GEN_FILE };

/* the bits of /sys/kernel/mm/lru_gen/enabled */
enum { LRU_GEN_CORE, LRU_GEN_MM_WALK, LRU_GEN_NONLEAF_YOUNG, NR_LRU_GEN_CAPS };

struct lru_gen_struct {
	unsigned long max_seq;
	unsigned long min_seq[ANON_AND_FILE];
	unsigned long timestamps[MAX_NR_GENS];
	struct list_head folios[MAX_NR_GENS][ANON_AND_FILE][MMSIM_MAX_NR_ZONES];
	long nr_pages[MAX_NR_GENS][ANON_AND_FILE][MMSIM_MAX_NR_ZONES];
	unsigned long avg_refaulted[ANON_AND_FILE][MAX_NR_TIERS];
	unsigned long avg_total[ANON_AND_FILE][MAX_NR_TIERS];
	unsigned long protected[NR_HIST_GENS][ANON_AND_FILE][MAX_NR_TIERS - 1];
	atomic_long_t evicted[NR_HIST_GENS][ANON_AND_FILE][MAX_NR_TIERS];
	atomic_long_t refaulted[NR_HIST_GENS][ANON_AND_FILE][MAX_NR_TIERS];
	bool enabled;
};

struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
	spinlock_t lru_lock;
	unsigned long anon_cost;
	unsigned long file_cost;
	atomic_long_t nonresident_age;
	unsigned long refaults[ANON_AND_FILE];
	unsigned long flags;
	struct lru_gen_struct lrugen;   /* the multi-generational LRU */
	struct pglist_data *pgdat;
};

/* lruvec->flags (6.1's lruvec_flags) */
enum lruvec_flags {
	LRUVEC_CONGESTED,       /* kswapd met only pages written for reclaim */
};

/* pgdat->flags (6.1's pgdat_flags) */
enum pgdat_flags {
	PGDAT_DIRTY,
	PGDAT_WRITEBACK,
	PGDAT_RECLAIM_LOCKED,
};

struct zone {
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;
	unsigned long nr_reserved_highatomic;
	long lowmem_reserve[MMSIM_MAX_NR_ZONES];
	int node;
	struct pglist_data *zone_pgdat;
	struct per_cpu_pages **per_cpu_pageset;     /* [cpu] */
	struct per_cpu_zonestat **per_cpu_zonestats; /* [cpu] */
	int pageset_high;
	int pageset_batch;
	unsigned long zone_start_pfn;
	atomic_long_t managed_pages;
	unsigned long spanned_pages;
	unsigned long present_pages;
	unsigned long present_early_pages;
	unsigned long cma_pages;
	const char *name;
	unsigned long nr_isolate_pageblock;
	int initialized;
	spinlock_t lock;
	struct free_area free_area[MAX_ORDER_LIMIT];
	unsigned long flags;
	bool contiguous;
	atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS];
	atomic_long_t vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];
	/* appended by the page allocator (6.1 fields): */
	unsigned long percpu_drift_mark; /* NR_FREE_PAGES below this: use the snapshot */
	unsigned long *pageblock_flags;  /* FLATMEM only; SPARSEMEM keeps them in mem_section */
	/*
	 * appended by compaction (6.1 fields, mm/compaction.c): where the
	 * free scanner (from the top) and the migrate scanner (from the
	 * bottom; [0] async, [1] sync) stop and resume; where a whole-zone
	 * pass starts; how many attempts were deferred (considered of
	 * 1 << defer_shift) and the lowest order that failed; and whether
	 * the skip bits are to be cleared.
	 */
	unsigned long compact_cached_free_pfn;
	unsigned long compact_cached_migrate_pfn[2];
	unsigned long compact_init_migrate_pfn;
	unsigned long compact_init_free_pfn;
	unsigned int compact_considered;
	unsigned int compact_defer_shift;
	int compact_order_failed;
	bool compact_blockskip_flush;
};

enum {
	ZONELIST_FALLBACK,
	ZONELIST_NOFALLBACK,
	MAX_ZONELISTS
};

struct zoneref {
	struct zone *zone;
	int zone_idx;
};

/* Zones in order of preference, terminated by a NULL zone. */
struct zonelist {
	struct zoneref *_zonerefs; /* MAX_ZONES_PER_ZONELIST + 1 entries */
};

typedef struct pglist_data {
	struct zone node_zones[MMSIM_MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
	unsigned long totalreserve_pages;
	unsigned long first_deferred_pfn;
	unsigned long static_init_pgcnt;
	spinlock_t node_size_lock;
	int kswapd_order;
	int kswapd_highest_zoneidx;
	atomic_long_t vm_stat[NR_VM_NODE_STAT_ITEMS];
	/* appended by the page allocator (6.1 fields): */
	struct per_cpu_nodestat **per_cpu_nodestats; /* [cpu], <linux/vmstat.h> */
	int kswapd_failures;    /* balance_pgdat runs without progress */
	/* appended by reclaim (mm/vmscan.c, 6.1 fields): */
	struct lruvec __lruvec;          /* the node's LRU lists */
	unsigned long flags;             /* PGDAT_* */
	struct kthread *kswapd;          /* the node's kswapd thread */
	bool kswapd_wait_active;         /* kswapd sleeps on kswapd_wait */
	/* reclaim_throttle(VMSCAN_THROTTLE_WRITEBACK): how many wait, and
	 * NR_THROTTLED_WRITTEN when the first began */
	int nr_writeback_throttled;
	unsigned long nr_reclaim_start;
	/* appended by compaction (6.1 fields, mm/compaction.c): kcompactd's request */
	int kcompactd_max_order;
	int kcompactd_highest_zoneidx;
	struct kthread *kcompactd;
	bool proactive_compact_trigger;
} pg_data_t;

/*
 * The configuration-dependent numbering of zones and migrate types, and
 * the page-allocator tunables the kernel keeps in globals.  One per
 * machine (struct machine::mm).
 */
struct mm_config {
	int zone_dma, zone_dma32, zone_normal, zone_highmem, zone_movable,
		zone_device;       /* zone numbers, -1 when not configured */
	int nr_zones;              /* MAX_NR_ZONES */
	const char *zone_names[MMSIM_MAX_NR_ZONES];
	int migrate_cma, migrate_isolate; /* -1 when not configured */
	int migrate_types;         /* MIGRATE_TYPES */
	int nodes_width, zones_width; /* page->flags fields */
	unsigned int order_max;    /* MAX_ORDER (<= MAX_ORDER_LIMIT) */
	unsigned int order_pageblock; /* pageblock_order */
};

#define ZONE_DMA (current_machine->mmcfg.zone_dma)
#define ZONE_DMA32 (current_machine->mmcfg.zone_dma32)
#define ZONE_NORMAL (current_machine->mmcfg.zone_normal)
#define ZONE_HIGHMEM (current_machine->mmcfg.zone_highmem)
#define ZONE_MOVABLE (current_machine->mmcfg.zone_movable)
#define ZONE_DEVICE (current_machine->mmcfg.zone_device)
#define MAX_NR_ZONES (current_machine->mmcfg.nr_zones)
#define MIGRATE_CMA (current_machine->mmcfg.migrate_cma)
#define MIGRATE_ISOLATE (current_machine->mmcfg.migrate_isolate)
#define MIGRATE_TYPES (current_machine->mmcfg.migrate_types)

/* Fill @cfg from the current machine's .config (mm/mm_init.c). */
void mm_config_init(struct mm_config *cfg);

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return (unsigned long)zone->managed_pages.counter;
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone_managed_pages(zone) != 0;
}

static inline bool zone_is_initialized(const struct zone *zone)
{
	return zone->initialized;
}

static inline int zone_to_nid(const struct zone *zone)
{
	return zone->node;
}

#define zone_idx(zone) ((int)((zone) - (zone)->zone_pgdat->node_zones))

static inline unsigned long pgdat_end_pfn(const pg_data_t *pgdat)
{
	return pgdat->node_start_pfn + pgdat->node_spanned_pages;
}

static inline unsigned long min_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_MIN] + z->watermark_boost;
}

static inline unsigned long low_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_LOW] + z->watermark_boost;
}

static inline unsigned long high_wmark_pages(const struct zone *z)
{
	return z->_watermark[WMARK_HIGH] + z->watermark_boost;
}

static inline unsigned long wmark_pages(const struct zone *z, int i)
{
	return z->_watermark[i] + z->watermark_boost;
}

/*
 * SPARSEMEM: physical memory in sections of 2^SECTION_SIZE_BITS bytes
 * (128 MiB on x86_64).  Each present section has a mem_section with the
 * (encoded) address of its struct pages and a usage block holding the
 * sub-section map and the pageblock flags (migrate type of every 2 MiB
 * block, 4 bits each):
 *
 *   mem_section[root][i] --> section_mem_map | usage --> subsection_map
 *                                                         pageblock_flags[]
 *
 * SPARSEMEM_EXTREME: mem_section is an array of NR_SECTION_ROOTS pointers
 * to pages of SECTIONS_PER_ROOT sections, allocated on demand.
 */
struct mem_section_usage {
	unsigned long subsection_map[1];
	unsigned long rcu_pad[2];      /* struct rcu_head (6.1.y backport) */
	unsigned long pageblock_flags[];
};

struct mem_section {
	unsigned long section_mem_map;
	struct mem_section_usage *usage;
	void *page_ext;                /* CONFIG_PAGE_EXTENSION */
	unsigned long pad;
};

#define SECTION_MARKED_PRESENT (1UL << 0)
#define SECTION_HAS_MEM_MAP (1UL << 1)
#define SECTION_IS_ONLINE (1UL << 2)
#define SECTION_IS_EARLY (1UL << 3)
#define SECTION_MAP_LAST_BIT (1UL << 5)
#define SECTION_MAP_MASK (~(SECTION_MAP_LAST_BIT - 1))
#define SECTION_NID_SHIFT 6

/* Pageblock flags: 3 bits of migrate type and the compaction skip bit. */
#define PB_migratetype_bits 3
#define PB_migrate_skip 3
#define NR_PAGEBLOCK_BITS 4
#define MIGRATETYPE_MASK ((1UL << PB_migratetype_bits) - 1)

#endif /* _MMSIM_LINUX_MMZONE_H */

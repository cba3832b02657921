// SPDX-License-Identifier: MIT
/*
 * fs/proc/vmstat.c — /proc/vmstat, and the zone walk and counter-name
 * rules the vmstat family of views share.
 *
 * Kernel counterpart: the CONFIG_PROC_FS part of mm/vmstat.c (Linux 6.1):
 * vmstat_text[], walk_zones_in_node(), vmstat_start()/vmstat_show(); the
 * dirty thresholds of mm/page-writeback.c (global_dirty_limits()).
 *
 * /proc/vmstat is one "name value" line per counter, in this order:
 *
 *   zone counters        nr_free_pages ... nr_free_cma     (global sums)
 *   NUMA events          numa_hit ... numa_other           (CONFIG_NUMA)
 *   node counters        nr_inactive_anon ... pgpromote_candidate
 *   writeback            nr_dirty_threshold, nr_dirty_background_threshold
 *   VM events            pgpgin ... direct_map_level3_splits (per .config)
 *   "nr_unstable 0"      a retired counter kept for old tools
 *
 * VM events mmsim does not count yet (faults, reclaim, compaction, THP,
 * ...) read 0, as on a kernel that has not done those things; the page
 * allocator's own (pgalloc_<zone>, allocstall_<zone>, pgfree) are real.
 */
#include "linux/kernel.h"
#include "linux/seq_file.h"
#include "linux/spinlock.h"
#include "linux/nodemask.h"
#include "fs/proc/internal.h"
#include "mm/page_alloc_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* ---- shared by the vmstat family ---- */

void walk_zones_in_node(struct seq_file *m, pg_data_t *pgdat,
			bool assert_populated, bool nolock,
			void (*print)(struct seq_file *m, pg_data_t *pgdat,
				      struct zone *zone))
{
	int zid;

	for (zid = 0; zid < MAX_NR_ZONES; zid++) {
		struct zone *zone = &pgdat->node_zones[zid];

		if (assert_populated && !populated_zone(zone))
			continue;
		if (!nolock)
			spin_lock(&zone->lock);
		print(m, pgdat, zone);
		if (!nolock)
			spin_unlock(&zone->lock);
	}
}

bool zone_stat_configured(enum zone_stat_item item)
{
	if (item == NR_ZSPAGES)
		return IS_ENABLED(CONFIG_ZSMALLOC);
	return true;
}

bool node_stat_configured(enum node_stat_item item)
{
	switch (item) {
	case NR_SWAPCACHE:
		return IS_ENABLED(CONFIG_SWAP);
	case PGPROMOTE_SUCCESS:
	case PGPROMOTE_CANDIDATE:
		return IS_ENABLED(CONFIG_NUMA_BALANCING);
	default:
		return true;
	}
}

bool numa_stats_configured(void)
{
	return IS_ENABLED(CONFIG_NUMA);
}

bool vmstat_item_print_in_thp(enum node_stat_item item)
{
	if (!IS_ENABLED(CONFIG_TRANSPARENT_HUGEPAGE))
		return false;
	return item == NR_ANON_THPS || item == NR_FILE_THPS ||
	       item == NR_SHMEM_THPS || item == NR_SHMEM_PMDMAPPED ||
	       item == NR_FILE_PMDMAPPED;
}

const char *migratetype_name(int mt)
{
	static const char *const pcp_names[MIGRATE_PCPTYPES + 1] = {
		"Unmovable", "Movable", "Reclaimable", "HighAtomic",
	};

	if (mt <= MIGRATE_HIGHATOMIC)
		return pcp_names[mt];
	if (mt == MIGRATE_CMA)
		return "CMA";
	if (mt == MIGRATE_ISOLATE)
		return "Isolate";
	return "?";
}

/* ---- the writeback thresholds (mm/page-writeback.c) ---- */

#define VM_DIRTY_RATIO 20          /* vm.dirty_ratio default */
#define DIRTY_BACKGROUND_RATIO 10  /* vm.dirty_background_ratio default */

/* Free and file pages in HighMem zones, which may not hold dirty data. */
static unsigned long highmem_dirtyable_memory(unsigned long total)
{
	unsigned long x = 0;
	int node, i;

	if (ZONE_HIGHMEM < 0)
		return 0;
	for_each_online_node(node) {
		for (i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *z = &NODE_DATA(node)->node_zones[i];
			unsigned long nr;

			if (!is_highmem_idx(i) || !populated_zone(z))
				continue;
			nr = zone_page_state(z, NR_FREE_PAGES);
			nr -= min(nr, high_wmark_pages(z));
			nr += zone_page_state(z, NR_ZONE_INACTIVE_FILE);
			nr += zone_page_state(z, NR_ZONE_ACTIVE_FILE);
			x += nr;
		}
	}
	return min(x, total);
}

static unsigned long global_dirtyable_memory(void)
{
	unsigned long x = global_zone_page_state(NR_FREE_PAGES);

	x -= min(x, current_machine->mm.totalreserve_pages);
	x += global_node_page_state(NR_INACTIVE_FILE);
	x += global_node_page_state(NR_ACTIVE_FILE);
	x -= highmem_dirtyable_memory(x);
	return x + 1;
}

/* global_dirty_limits() with the default ratios and no byte limits. */
static void global_dirty_limits(unsigned long *bg_thresh, unsigned long *thresh)
{
	unsigned long avail = global_dirtyable_memory();
	unsigned long ratio = VM_DIRTY_RATIO * PAGE_SIZE / 100;
	unsigned long bg_ratio = DIRTY_BACKGROUND_RATIO * PAGE_SIZE / 100;

	*thresh = ratio * avail / PAGE_SIZE;
	*bg_thresh = bg_ratio * avail / PAGE_SIZE;
	if (*bg_thresh >= *thresh)
		*bg_thresh = *thresh / 2;
}

/* ---- /proc/vmstat ---- */

static void show_item(struct seq_file *m, const char *name,
		      unsigned long long value)
{
	seq_puts(m, name);
	seq_put_decimal_ull(m, " ", value);
	seq_putc(m, '\n');
}

/* "pgalloc_dma32" etc.: one line per configured zone, lower-case names. */
static void show_zone_events(struct seq_file *m, const char *prefix,
			     int base)
{
	char name[64];
	int zid;

	for (zid = 0; zid < MAX_NR_ZONES; zid++) {
		const char *zn = current_machine->mmcfg.zone_names[zid];
		size_t n = (size_t)snprintf(name, sizeof(name), "%s_", prefix);

		for (; *zn && n + 1 < sizeof(name); zn++)
			name[n++] = (char)tolower((unsigned char)*zn);
		name[n] = '\0';
		show_item(m, name, base < 0 ? 0 :
			  sum_vm_event((enum vm_event_item)(base + zid)));
	}
}

/*
 * The VM events after pgskip_*, in vmstat_text[] order, each with the
 * option it needs (NULL: always there).  Those user memory moves are
 * counted (later_event_value()); the others read 0.
 */
static const struct {
	const char *name;
	const char *option;
} later_events[] = {
	{ "pgactivate", NULL }, { "pgdeactivate", NULL },
	{ "pglazyfree", NULL }, { "pgfault", NULL }, { "pgmajfault", NULL },
	{ "pglazyfreed", NULL }, { "pgrefill", NULL }, { "pgreuse", NULL },
	{ "pgsteal_kswapd", NULL }, { "pgsteal_direct", NULL },
	{ "pgdemote_kswapd", NULL }, { "pgdemote_direct", NULL },
	{ "pgscan_kswapd", NULL }, { "pgscan_direct", NULL },
	{ "pgscan_direct_throttle", NULL }, { "pgscan_anon", NULL },
	{ "pgscan_file", NULL }, { "pgsteal_anon", NULL },
	{ "pgsteal_file", NULL },
	{ "zone_reclaim_failed", "CONFIG_NUMA" },
	{ "pginodesteal", NULL }, { "slabs_scanned", NULL },
	{ "kswapd_inodesteal", NULL }, { "kswapd_low_wmark_hit_quickly", NULL },
	{ "kswapd_high_wmark_hit_quickly", NULL }, { "pageoutrun", NULL },
	{ "pgrotated", NULL }, { "drop_pagecache", NULL },
	{ "drop_slab", NULL }, { "oom_kill", NULL },
	{ "numa_pte_updates", "CONFIG_NUMA_BALANCING" },
	{ "numa_huge_pte_updates", "CONFIG_NUMA_BALANCING" },
	{ "numa_hint_faults", "CONFIG_NUMA_BALANCING" },
	{ "numa_hint_faults_local", "CONFIG_NUMA_BALANCING" },
	{ "numa_pages_migrated", "CONFIG_NUMA_BALANCING" },
	{ "pgmigrate_success", "CONFIG_MIGRATION" },
	{ "pgmigrate_fail", "CONFIG_MIGRATION" },
	{ "thp_migration_success", "CONFIG_MIGRATION" },
	{ "thp_migration_fail", "CONFIG_MIGRATION" },
	{ "thp_migration_split", "CONFIG_MIGRATION" },
	{ "compact_migrate_scanned", "CONFIG_COMPACTION" },
	{ "compact_free_scanned", "CONFIG_COMPACTION" },
	{ "compact_isolated", "CONFIG_COMPACTION" },
	{ "compact_stall", "CONFIG_COMPACTION" },
	{ "compact_fail", "CONFIG_COMPACTION" },
	{ "compact_success", "CONFIG_COMPACTION" },
	{ "compact_daemon_wake", "CONFIG_COMPACTION" },
	{ "compact_daemon_migrate_scanned", "CONFIG_COMPACTION" },
	{ "compact_daemon_free_scanned", "CONFIG_COMPACTION" },
	{ "htlb_buddy_alloc_success", "CONFIG_HUGETLB_PAGE" },
	{ "htlb_buddy_alloc_fail", "CONFIG_HUGETLB_PAGE" },
	{ "cma_alloc_success", "CONFIG_CMA" },
	{ "cma_alloc_fail", "CONFIG_CMA" },
	{ "unevictable_pgs_culled", NULL }, { "unevictable_pgs_scanned", NULL },
	{ "unevictable_pgs_rescued", NULL }, { "unevictable_pgs_mlocked", NULL },
	{ "unevictable_pgs_munlocked", NULL },
	{ "unevictable_pgs_cleared", NULL },
	{ "unevictable_pgs_stranded", NULL },
	{ "thp_fault_alloc", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_fault_fallback", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_fault_fallback_charge", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_collapse_alloc", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_collapse_alloc_failed", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_file_alloc", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_file_fallback", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_file_fallback_charge", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_file_mapped", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_split_page", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_split_page_failed", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_deferred_split_page", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_split_pmd", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_scan_exceed_none_pte", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_scan_exceed_swap_pte", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_scan_exceed_share_pte", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_split_pud", "THP_PUD" },
	{ "thp_zero_page_alloc", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_zero_page_alloc_failed", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_swpout", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "thp_swpout_fallback", "CONFIG_TRANSPARENT_HUGEPAGE" },
	{ "balloon_inflate", "CONFIG_MEMORY_BALLOON" },
	{ "balloon_deflate", "CONFIG_MEMORY_BALLOON" },
	{ "balloon_migrate", "BALLOON_COMPACTION" },
	{ "nr_tlb_remote_flush", "CONFIG_DEBUG_TLBFLUSH" },
	{ "nr_tlb_remote_flush_received", "CONFIG_DEBUG_TLBFLUSH" },
	{ "nr_tlb_local_flush_all", "CONFIG_DEBUG_TLBFLUSH" },
	{ "nr_tlb_local_flush_one", "CONFIG_DEBUG_TLBFLUSH" },
	{ "swap_ra", "CONFIG_SWAP" },
	{ "swap_ra_hit", "CONFIG_SWAP" },
	{ "ksm_swpin_copy", "SWAP_KSM" },
	{ "cow_ksm", "CONFIG_KSM" },
	{ "zswpin", "CONFIG_ZSWAP" },
	{ "zswpout", "CONFIG_ZSWAP" },
	{ "direct_map_level2_splits", "CONFIG_X86" },
	{ "direct_map_level3_splits", "CONFIG_X86" },
};

/* The few conditions that are not a single option. */
static bool event_configured(const char *option)
{
	const struct kconfig *kc = current_kconfig();

	if (!option)
		return true;
	if (!strcmp(option, "THP_PUD"))
		return kconfig_enabled(kc, "CONFIG_TRANSPARENT_HUGEPAGE") &&
		       kconfig_enabled(kc, "CONFIG_HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD");
	if (!strcmp(option, "BALLOON_COMPACTION"))
		return kconfig_enabled(kc, "CONFIG_MEMORY_BALLOON") &&
		       kconfig_enabled(kc, "CONFIG_BALLOON_COMPACTION");
	if (!strcmp(option, "SWAP_KSM"))
		return kconfig_enabled(kc, "CONFIG_SWAP") &&
		       kconfig_enabled(kc, "CONFIG_KSM");
	return kconfig_enabled(kc, option);
}

/* The events user memory moves (mm/memory.c, mm/huge_memory.c, mm/migrate.c,
 * mm/compaction.c, mm/khugepaged.c); the rest read 0. */
static unsigned long later_event_value(const char *name)
{
	static const struct {
		const char *name;
		enum vm_event_item item;
	} counted[] = {
		{ "pgfault", PGFAULT }, { "pgmajfault", PGMAJFAULT },
		{ "thp_fault_alloc", THP_FAULT_ALLOC },
		{ "thp_fault_fallback", THP_FAULT_FALLBACK },
		{ "thp_fault_fallback_charge", THP_FAULT_FALLBACK_CHARGE },
		{ "thp_split_pmd", THP_SPLIT_PMD },
		{ "thp_zero_page_alloc", THP_ZERO_PAGE_ALLOC },
		{ "thp_zero_page_alloc_failed", THP_ZERO_PAGE_ALLOC_FAILED },
		{ "oom_kill", OOM_KILL },
		{ "pgmigrate_success", PGMIGRATE_SUCCESS },
		{ "pgmigrate_fail", PGMIGRATE_FAIL },
		{ "compact_migrate_scanned", COMPACTMIGRATE_SCANNED },
		{ "compact_free_scanned", COMPACTFREE_SCANNED },
		{ "compact_isolated", COMPACTISOLATED },
		{ "compact_stall", COMPACTSTALL },
		{ "compact_fail", COMPACTFAIL },
		{ "compact_success", COMPACTSUCCESS },
		{ "compact_daemon_wake", KCOMPACTD_WAKE },
		{ "compact_daemon_migrate_scanned", KCOMPACTD_MIGRATE_SCANNED },
		{ "compact_daemon_free_scanned", KCOMPACTD_FREE_SCANNED },
		{ "thp_collapse_alloc", THP_COLLAPSE_ALLOC },
		{ "thp_collapse_alloc_failed", THP_COLLAPSE_ALLOC_FAILED },
		{ "thp_scan_exceed_none_pte", THP_SCAN_EXCEED_NONE_PTE },
		{ "thp_scan_exceed_swap_pte", THP_SCAN_EXCEED_SWAP_PTE },
		{ "thp_scan_exceed_share_pte", THP_SCAN_EXCEED_SHARED_PTE },
		{ "swap_ra", SWAP_RA }, { "swap_ra_hit", SWAP_RA_HIT },
		{ "pgactivate", PGACTIVATE }, { "pgdeactivate", PGDEACTIVATE },
		{ "pglazyfree", PGLAZYFREE }, { "pglazyfreed", PGLAZYFREED },
		{ "pgrefill", PGREFILL },
		{ "pgsteal_kswapd", PGSTEAL_KSWAPD },
		{ "pgsteal_direct", PGSTEAL_DIRECT },
		{ "pgscan_kswapd", PGSCAN_KSWAPD },
		{ "pgscan_direct", PGSCAN_DIRECT },
		{ "pgscan_direct_throttle", PGSCAN_DIRECT_THROTTLE },
		{ "pgscan_anon", PGSCAN_ANON }, { "pgscan_file", PGSCAN_FILE },
		{ "pgsteal_anon", PGSTEAL_ANON }, { "pgsteal_file", PGSTEAL_FILE },
		{ "slabs_scanned", SLABS_SCANNED },
		{ "kswapd_low_wmark_hit_quickly", KSWAPD_LOW_WMARK_HIT_QUICKLY },
		{ "kswapd_high_wmark_hit_quickly", KSWAPD_HIGH_WMARK_HIT_QUICKLY },
		{ "pageoutrun", PAGEOUTRUN }, { "pgrotated", PGROTATED },
		{ "drop_pagecache", DROP_PAGECACHE }, { "drop_slab", DROP_SLAB },
		{ "unevictable_pgs_culled", UNEVICTABLE_PGCULLED },
		{ "unevictable_pgs_scanned", UNEVICTABLE_PGSCANNED },
		{ "unevictable_pgs_rescued", UNEVICTABLE_PGRESCUED },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(counted); i++)
		if (!strcmp(counted[i].name, name))
			return sum_vm_event(counted[i].item);
	return 0;
}

static void show_vm_events(struct seq_file *m)
{
	size_t i;

	show_item(m, "pgpgin", sum_vm_event(PGPGIN));
	show_item(m, "pgpgout", sum_vm_event(PGPGOUT));
	show_item(m, "pswpin", sum_vm_event(PSWPIN));
	show_item(m, "pswpout", sum_vm_event(PSWPOUT));
	show_zone_events(m, "pgalloc", PGALLOC_BASE);
	show_zone_events(m, "allocstall", ALLOCSTALL_BASE);
	show_zone_events(m, "pgskip", -1);
	show_item(m, "pgfree", sum_vm_event(PGFREE));
	for (i = 0; i < ARRAY_SIZE(later_events); i++)
		if (event_configured(later_events[i].option))
			show_item(m, later_events[i].name, later_event_value(later_events[i].name));
}

void vmstat_show(struct seq_file *m)
{
	unsigned long thresh, bg_thresh;
	int i;

	fold_vm_numa_events();
	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		if (zone_stat_configured((enum zone_stat_item)i))
			show_item(m, zone_stat_name((enum zone_stat_item)i),
				  global_zone_page_state((enum zone_stat_item)i));
	if (numa_stats_configured())
		for (i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++)
			show_item(m, numa_stat_name((enum numa_stat_item)i),
				  global_numa_event_state((enum numa_stat_item)i));
	for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++) {
		enum node_stat_item item = (enum node_stat_item)i;
		unsigned long v = global_node_page_state_pages(item);

		if (!node_stat_configured(item))
			continue;
		if (vmstat_item_print_in_thp(item))
			v /= HPAGE_PMD_NR;
		show_item(m, node_stat_name(item), v);
	}
	global_dirty_limits(&bg_thresh, &thresh);
	show_item(m, "nr_dirty_threshold", thresh);
	show_item(m, "nr_dirty_background_threshold", bg_thresh);
	if (IS_ENABLED(CONFIG_VM_EVENT_COUNTERS) || IS_ENABLED(CONFIG_MEMCG))
		show_vm_events(m);
	seq_puts(m, "nr_unstable 0\n");
}

/* SPDX-License-Identifier: MIT */
/*
 * fs/proc/internal.h — what the /proc views of fs/proc/ share.
 *
 * Kernel counterpart: fs/proc/internal.h.  Each view is one show
 * function that writes the whole file into a seq_file; fs/proc/root.c
 * keeps the table of them that proc_render() looks names up in.
 *
 *   view          file               kernel source of the format
 *   zoneinfo      fs/proc/zoneinfo.c   mm/vmstat.c zoneinfo_show_print
 *   buddyinfo     fs/proc/buddyinfo.c  mm/vmstat.c frag_show_print
 *   pagetypeinfo  fs/proc/buddyinfo.c  mm/vmstat.c pagetypeinfo_show
 *   vmstat        fs/proc/vmstat.c     mm/vmstat.c vmstat_show
 *   meminfo       fs/proc/meminfo.c    fs/proc/meminfo.c
 *   iomem         fs/proc/iomem.c      kernel/resource.c r_show
 *   cmdline       fs/proc/root.c       fs/proc/cmdline.c
 */
#ifndef _MMSIM_FS_PROC_INTERNAL_H
#define _MMSIM_FS_PROC_INTERNAL_H

#include "linux/types.h"
#include "linux/mmzone.h"
#include "linux/vmstat.h"

struct seq_file;

void zoneinfo_show(struct seq_file *m);
void buddyinfo_show(struct seq_file *m);
void pagetypeinfo_show(struct seq_file *m);
void vmstat_show(struct seq_file *m);
void meminfo_show(struct seq_file *m);
void iomem_show(struct seq_file *m);
void slabinfo_show(struct seq_file *m);     /* fs/proc/slabinfo.c */
void vmallocinfo_show(struct seq_file *m); /* fs/proc/vmallocinfo.c */

/*
 * Call @print for every zone of @pgdat, in zone order, holding the zone
 * lock unless @nolock; with @assert_populated only populated zones
 * (mm/vmstat.c walk_zones_in_node()).
 */
void walk_zones_in_node(struct seq_file *m, pg_data_t *pgdat,
			bool assert_populated, bool nolock,
			void (*print)(struct seq_file *m, pg_data_t *pgdat,
				      struct zone *zone));

/*
 * Which counters this .config has.  mmsim's enums hold every 6.1 counter;
 * the kernel's lack the ones whose option is off (NR_ZSPAGES without
 * ZSMALLOC, NR_SWAPCACHE without SWAP, the promotion counters without
 * NUMA_BALANCING, the NUMA events without NUMA), and so do its files.
 */
bool zone_stat_configured(enum zone_stat_item item);
bool node_stat_configured(enum node_stat_item item);
bool numa_stats_configured(void);
/* Node counters /proc prints in huge pages rather than pages. */
#define HPAGE_PMD_NR 512 /* pages in a PMD-mapped huge page: 2 MiB */
bool vmstat_item_print_in_thp(enum node_stat_item item);
/* The migrate type's name as /proc/pagetypeinfo prints it. */
const char *migratetype_name(int mt);

#endif /* _MMSIM_FS_PROC_INTERNAL_H */

// SPDX-License-Identifier: MIT
/*
 * mm/show_mem.c — the "Mem-Info:" summary and gfp flag names.
 *
 * Kernel counterparts: lib/show_mem.c (__show_mem), __show_free_areas()
 * of mm/page_alloc.c, show_swap_cache_info() of mm/swap_state.c,
 * hugetlb_show_meminfo_node() of mm/hugetlb.c, and the %pGg names of
 * include/trace/events/mmflags.h (Linux 6.1).
 *
 * What warn_alloc() and the OOM report print after their first line:
 *
 *   Mem-Info:
 *   active_anon:0 inactive_anon:0 isolated_anon:0       global counters
 *    ... free:N free_pcp:N free_cma:0
 *   Node 0 active_anon:0kB ... all_unreclaimable? no   per node
 *   Node 0 DMA32 free:...kB boost:... min:... low:... high:... ...
 *   lowmem_reserve[]: 0 0 0 0 0                        per zone
 *   Node 0 DMA32: 3*4kB (UM) 1*8kB (M) ... = NkB       free blocks by order
 *   Node 0 hugepages_total=0 ... hugepages_size=2048kB
 *   0 total pagecache pages ... N pages RAM ... N pages reserved
 *
 * Counters of subsystems mmsim does not have yet (LRU, page cache)
 * read 0.  The per-CPU deltas are read as the kernel reads them (not
 * folded first).
 */
#include "linux/swap.h"
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "mm/page_alloc_internal.h"

#include <stdio.h>

#define K(x) ((unsigned long)(x) << (PAGE_SHIFT - 10))
#define ___GFP_ZEROTAGS 0x800000u

/* The kernel's table order: masks with the most bits first. */
static const struct {
	gfp_t mask;
	const char *name;
} gfpflag_names[] = {
	{ GFP_TRANSHUGE, "GFP_TRANSHUGE" },
	{ GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT" },
	{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ GFP_USER, "GFP_USER" },
	{ GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT" },
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_NOFS, "GFP_NOFS" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ GFP_NOIO, "GFP_NOIO" },
	{ GFP_NOWAIT, "GFP_NOWAIT" },
	{ GFP_DMA, "GFP_DMA" },
	{ __GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ GFP_DMA32, "GFP_DMA32" },
	{ __GFP_HIGH, "__GFP_HIGH" },
	{ __GFP_ATOMIC, "__GFP_ATOMIC" },
	{ __GFP_IO, "__GFP_IO" },
	{ __GFP_FS, "__GFP_FS" },
	{ __GFP_NOWARN, "__GFP_NOWARN" },
	{ __GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ __GFP_NOFAIL, "__GFP_NOFAIL" },
	{ __GFP_NORETRY, "__GFP_NORETRY" },
	{ __GFP_COMP, "__GFP_COMP" },
	{ __GFP_ZERO, "__GFP_ZERO" },
	{ __GFP_NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ __GFP_MEMALLOC, "__GFP_MEMALLOC" },
	{ __GFP_HARDWALL, "__GFP_HARDWALL" },
	{ __GFP_THISNODE, "__GFP_THISNODE" },
	{ __GFP_RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ __GFP_MOVABLE, "__GFP_MOVABLE" },
	{ __GFP_ACCOUNT, "__GFP_ACCOUNT" },
	{ __GFP_WRITE, "__GFP_WRITE" },
	{ __GFP_RECLAIM, "__GFP_RECLAIM" },
	{ __GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ __GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ ___GFP_ZEROTAGS, "__GFP_ZEROTAGS" },
};

/*
 * Each table mask wholly present is printed and removed, '|'-separated;
 * bits left over follow in hex.
 */
char *format_gfp_flags(gfp_t gfp, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; gfp && i < ARRAY_SIZE(gfpflag_names) && len < size; i++) {
		gfp_t mask = gfpflag_names[i].mask;

		if ((gfp & mask) != mask)
			continue;
		gfp &= ~mask;
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
					gfpflag_names[i].name, gfp ? "|" : "");
	}
	if (gfp && len < size)
		snprintf(buf + len, size - len, "%#x", gfp);
	return buf;
}

static unsigned long zone_free_pcp(struct zone *zone)
{
	unsigned long n = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < pa_nr_online_cpus(); cpu++)
		n += (unsigned long)__atomic_load_n(&zone_pcp(zone, (int)cpu)->count,
						    __ATOMIC_RELAXED);
	return n;
}

static bool node_skip(const unsigned long *nodemask, int nid)
{
	return nodemask && !((nodemask[nid / BITS_PER_LONG] >> (nid % BITS_PER_LONG)) & 1);
}

static void show_global_counters(unsigned long free_pcp)
{
	printk("active_anon:%lu inactive_anon:%lu isolated_anon:%lu\n"
	       " active_file:%lu inactive_file:%lu isolated_file:%lu\n"
	       " unevictable:%lu dirty:%lu writeback:%lu\n"
	       " slab_reclaimable:%lu slab_unreclaimable:%lu\n"
	       " mapped:%lu shmem:%lu pagetables:%lu\n"
	       " sec_pagetables:%lu bounce:%lu\n"
	       " kernel_misc_reclaimable:%lu\n"
	       " free:%lu free_pcp:%lu free_cma:%lu\n",
	       global_node_page_state(NR_ACTIVE_ANON),
	       global_node_page_state(NR_INACTIVE_ANON),
	       global_node_page_state(NR_ISOLATED_ANON),
	       global_node_page_state(NR_ACTIVE_FILE),
	       global_node_page_state(NR_INACTIVE_FILE),
	       global_node_page_state(NR_ISOLATED_FILE),
	       global_node_page_state(NR_UNEVICTABLE),
	       global_node_page_state(NR_FILE_DIRTY),
	       global_node_page_state(NR_WRITEBACK),
	       global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B),
	       global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B),
	       global_node_page_state(NR_FILE_MAPPED),
	       global_node_page_state(NR_SHMEM),
	       global_node_page_state(NR_PAGETABLE),
	       global_node_page_state(NR_SECONDARY_PAGETABLE),
	       global_zone_page_state(NR_BOUNCE),
	       global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE),
	       global_zone_page_state(NR_FREE_PAGES), free_pcp,
	       global_zone_page_state(NR_FREE_CMA_PAGES));
}

static void show_node_counters(pg_data_t *pgdat)
{
	printk("Node %d active_anon:%lukB inactive_anon:%lukB active_file:%lukB"
	       " inactive_file:%lukB unevictable:%lukB isolated(anon):%lukB"
	       " isolated(file):%lukB mapped:%lukB dirty:%lukB writeback:%lukB"
	       " shmem:%lukB%s writeback_tmp:%lukB kernel_stack:%lukB"
	       " pagetables:%lukB sec_pagetables:%lukB all_unreclaimable? %s\n",
	       pgdat->node_id, K(node_page_state(pgdat, NR_ACTIVE_ANON)),
	       K(node_page_state(pgdat, NR_INACTIVE_ANON)),
	       K(node_page_state(pgdat, NR_ACTIVE_FILE)),
	       K(node_page_state(pgdat, NR_INACTIVE_FILE)),
	       K(node_page_state(pgdat, NR_UNEVICTABLE)),
	       K(node_page_state(pgdat, NR_ISOLATED_ANON)),
	       K(node_page_state(pgdat, NR_ISOLATED_FILE)),
	       K(node_page_state(pgdat, NR_FILE_MAPPED)),
	       K(node_page_state(pgdat, NR_FILE_DIRTY)),
	       K(node_page_state(pgdat, NR_WRITEBACK)),
	       K(node_page_state(pgdat, NR_SHMEM)),
	       pa_state.cfg_thp ? " shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB" : "",
	       K(node_page_state(pgdat, NR_WRITEBACK_TEMP)),
	       node_page_state(pgdat, NR_KERNEL_STACK_KB),
	       K(node_page_state(pgdat, NR_PAGETABLE)),
	       K(node_page_state(pgdat, NR_SECONDARY_PAGETABLE)),
	       pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES ? "yes" : "no");
}

static void show_node_prefix(struct zone *zone)
{
	if (pa_state.cfg_numa)
		printk("Node %d ", zone_to_nid(zone));
}

static void show_zone_counters(struct zone *zone)
{
	int i;

	show_node_prefix(zone);
	pr_cont("%s free:%lukB boost:%lukB min:%lukB low:%lukB high:%lukB"
		" reserved_highatomic:%luKB active_anon:%lukB inactive_anon:%lukB"
		" active_file:%lukB inactive_file:%lukB unevictable:%lukB"
		" writepending:%lukB present:%lukB managed:%lukB mlocked:%lukB"
		" bounce:%lukB free_pcp:%lukB local_pcp:%lukB free_cma:%lukB\n",
		zone->name, K(zone_page_state(zone, NR_FREE_PAGES)),
		K(zone->watermark_boost), K(min_wmark_pages(zone)),
		K(low_wmark_pages(zone)), K(high_wmark_pages(zone)),
		K(zone->nr_reserved_highatomic),
		K(zone_page_state(zone, NR_ZONE_ACTIVE_ANON)),
		K(zone_page_state(zone, NR_ZONE_INACTIVE_ANON)),
		K(zone_page_state(zone, NR_ZONE_ACTIVE_FILE)),
		K(zone_page_state(zone, NR_ZONE_INACTIVE_FILE)),
		K(zone_page_state(zone, NR_ZONE_UNEVICTABLE)),
		K(zone_page_state(zone, NR_ZONE_WRITE_PENDING)),
		K(zone->present_pages), K(zone_managed_pages(zone)),
		K(zone_page_state(zone, NR_MLOCK)),
		K(zone_page_state(zone, NR_BOUNCE)), K(zone_free_pcp(zone)),
		/* another CPU's drain may be emptying it: a snapshot, as zone_free_pcp */
		K(__atomic_load_n(&zone_pcp(zone, smp_processor_id())->count,
				  __ATOMIC_RELAXED)),
		K(zone_page_state(zone, NR_FREE_CMA_PAGES)));
	printk("lowmem_reserve[]:");
	for (i = 0; i < MAX_NR_ZONES; i++)
		pr_cont(" %ld", zone->lowmem_reserve[i]);
	pr_cont("\n");
}

/* "Node 0 DMA: 1*4kB (U) 0*8kB ... = 4kB": free blocks per order and types. */
static void show_zone_free_blocks(struct zone *zone)
{
	static const char type_letters[] = "UMEHCI";
	unsigned long nr[MAX_ORDER_LIMIT], flags, total = 0;
	unsigned int types[MAX_ORDER_LIMIT], order;
	int type;

	show_node_prefix(zone);
	pr_cont("%s: ", zone->name);
	spin_lock_irqsave(&zone->lock, flags);
	for (order = 0; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];

		nr[order] = area->nr_free;
		total += nr[order] << order;
		types[order] = 0;
		for (type = 0; type < MIGRATE_TYPES; type++)
			if (!free_area_empty(area, type))
				types[order] |= 1u << type;
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	for (order = 0; order < MAX_ORDER; order++) {
		pr_cont("%lu*%lukB ", nr[order], K(1UL) << order);
		if (nr[order]) {
			char letters[MMSIM_MAX_MIGRATE_TYPES + 1];
			int n = 0;

			for (type = 0; type < MIGRATE_TYPES; type++) {
				/* CMA and Isolate letters follow the .config's numbering */
				char c = type < MIGRATE_PCPTYPES + 1 ? type_letters[type] :
					 type == MIGRATE_CMA ? 'C' : 'I';

				if (types[order] & (1u << type))
					letters[n++] = c;
			}
			letters[n] = '\0';
			pr_cont("(%s) ", letters);
		}
	}
	pr_cont("= %lukB\n", K(total));
}

void __show_mem(unsigned int filter, const unsigned long *nodemask,
		int max_zone_idx)
{
	unsigned long free_pcp = 0, total = 0, reserved = 0, highmem = 0;
	pg_data_t *pgdat;
	struct zone *zone;
	int i;

	(void)filter;
	printk("Mem-Info:\n");
	for_each_populated_zone(zone) {
		if (zone_idx(zone) > max_zone_idx || node_skip(nodemask, zone_to_nid(zone)))
			continue;
		free_pcp += zone_free_pcp(zone);
	}
	show_global_counters(free_pcp);

	for_each_online_pgdat(pgdat) {
		bool managed = false;

		for (i = 0; i <= max_zone_idx && i < MAX_NR_ZONES; i++)
			managed |= managed_zone(&pgdat->node_zones[i]);
		if (!node_skip(nodemask, pgdat->node_id) && managed)
			show_node_counters(pgdat);
	}
	for_each_populated_zone(zone)
		if (zone_idx(zone) <= max_zone_idx &&
		    !node_skip(nodemask, zone_to_nid(zone)))
			show_zone_counters(zone);
	for_each_populated_zone(zone)
		if (zone_idx(zone) <= max_zone_idx &&
		    !node_skip(nodemask, zone_to_nid(zone)))
			show_zone_free_blocks(zone);
	if (pa_state.cfg_hugetlb)
		for_each_online_pgdat(pgdat)
			if (!node_skip(nodemask, pgdat->node_id))
				printk("Node %d hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB\n",
				       pgdat->node_id);
	printk("%lu total pagecache pages\n", global_node_page_state(NR_FILE_PAGES));
	if (IS_ENABLED(CONFIG_SWAP)) {           /* show_swap_cache_info */
		unsigned long total, free;

		si_swapinfo_pages(&total, &free);
		printk("%lu pages in swap cache\n", total_swapcache_pages());
		printk("Free swap  = %lukB\n", free << (PAGE_SHIFT - 10));
		printk("Total swap = %lukB\n", total << (PAGE_SHIFT - 10));
	}

	for_each_populated_zone(zone) {
		total += zone->present_pages;
		reserved += zone->present_pages - zone_managed_pages(zone);
		if (is_highmem(zone))
			highmem += zone->present_pages;
	}
	printk("%lu pages RAM\n", total);
	printk("%lu pages HighMem/MovableOnly\n", highmem);
	printk("%lu pages reserved\n", reserved);
	if (pa_state.cfg_cma)
		printk("%lu pages cma reserved\n", totalcma_pages);
	if (IS_ENABLED(CONFIG_MEMORY_FAILURE))
		printk("0 pages hwpoisoned\n");
}

// SPDX-License-Identifier: MIT
/*
 * mm/mm_init.c — numbering of zones and migrate types, page links.
 *
 * Kernel counterparts: include/linux/mmzone.h (enum zone_type, migrate
 * types), include/linux/page-flags-layout.h and include/linux/mm.h
 * (set_page_links, page_zonenum, page_to_nid), mm/mm_init.c.
 *
 * The kernel's zone enum has an entry for every zone its .config enables,
 * in the fixed order DMA, DMA32, Normal, HighMem, Movable, Device; the
 * migrate types likewise (Unmovable, Movable, Reclaimable, HighAtomic,
 * CMA if configured, Isolate if configured).  mm_config_init() numbers
 * them the same way for the machine's .config.
 *
 * page->flags (64-bit, SPARSEMEM_VMEMMAP: no section field):
 *   bit 63 ... [ node: NODES_SHIFT bits ][ zone: ZONES_SHIFT bits ] ... flags
 */
#include "linux/kernel.h"
#include "linux/panic.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/swap_lru.h"
#include "linux/memblock.h"
#include "linux/init.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "mm/internal.h"
#include "linux/nodemask.h"
#include "mmsim/host.h"
#include "mmsim/kconfig.h"
#include "mm/page_machine.h"

#include <stdio.h>
#include <string.h>

static int add_zone(struct mm_config *cfg, const char *name)
{
	cfg->zone_names[cfg->nr_zones] = name;
	return cfg->nr_zones++;
}

static int order_base_2(unsigned long n)
{
	int bits = 0;

	while ((1UL << bits) < n)
		bits++;
	return bits;
}

void mm_config_init(struct mm_config *cfg)
{
	long long order;

	memset(cfg, 0, sizeof(*cfg));
	cfg->zone_dma = cfg->zone_dma32 = cfg->zone_highmem = -1;
	cfg->zone_device = -1;
	if (IS_ENABLED(CONFIG_ZONE_DMA))
		cfg->zone_dma = add_zone(cfg, "DMA");
	if (IS_ENABLED(CONFIG_ZONE_DMA32))
		cfg->zone_dma32 = add_zone(cfg, "DMA32");
	cfg->zone_normal = add_zone(cfg, "Normal");
	if (IS_ENABLED(CONFIG_HIGHMEM))
		cfg->zone_highmem = add_zone(cfg, "HighMem");
	cfg->zone_movable = add_zone(cfg, "Movable");
	if (IS_ENABLED(CONFIG_ZONE_DEVICE))
		cfg->zone_device = add_zone(cfg, "Device");

	cfg->migrate_types = MIGRATE_PCPTYPES + 1; /* ... HighAtomic */
	cfg->migrate_cma = cfg->migrate_isolate = -1;
	if (IS_ENABLED(CONFIG_CMA))
		cfg->migrate_cma = cfg->migrate_types++;
	if (IS_ENABLED(CONFIG_MEMORY_ISOLATION))
		cfg->migrate_isolate = cfg->migrate_types++;

	order = CONFIG_VALUE(CONFIG_ARCH_FORCE_MAX_ORDER, 11);
	if (order < 1 || order > MAX_ORDER_LIMIT) {
		pr_warn("mmsim: CONFIG_ARCH_FORCE_MAX_ORDER=%lld unsupported, using 11\n",
			order);
		order = 11;
	}
	cfg->order_max = (unsigned int)order;
	/* HUGETLB_PAGE_ORDER: a PMD of 4 KiB pages where huge pages exist */
	cfg->order_pageblock = IS_ENABLED(CONFIG_HUGETLB_PAGE) ?
		min(9U, cfg->order_max - 1) : cfg->order_max - 1;

	cfg->zones_width = order_base_2((unsigned long)cfg->nr_zones);
	cfg->nodes_width = current_machine->k_numa ?
		(int)CONFIG_VALUE(CONFIG_NODES_SHIFT, 0) : 0;
}

int page_zonenum(const struct page *page)
{
	return machine_page_zonenum(current_machine, page);
}

int page_to_nid(const struct page *page)
{
	return machine_page_to_nid(current_machine, page);
}

pg_data_t *page_pgdat(const struct page *page)
{
	return NODE_DATA(page_to_nid(page));
}

struct zone *page_zone(const struct page *page)
{
	return machine_page_zone(current_machine, page);
}

void set_page_links(struct page *page, int zone, int nid, unsigned long pfn)
{
	const struct machine *m = current_machine;
	int zw = m->mmcfg.zones_width;
	int nw = m->mmcfg.nodes_width;
	unsigned int zshift = machine_zones_pgshift(m);

	(void)pfn;
	page->flags &= ~(((1UL << zw) - 1) << zshift);
	page->flags |= ((unsigned long)zone & ((1UL << zw) - 1)) << zshift;
	if (nw) {
		page->flags &= ~(((1UL << nw) - 1) << (64 - nw));
		page->flags |= ((unsigned long)nid & ((1UL << nw) - 1)) << (64 - nw);
	}
}


/*
 * ------------------------------------------------------------------------
 * Node and zone sizes: free_area_init() and the memory map.
 *
 * In 6.1 these live in mm/page_alloc.c; Linux 6.4 moved them here, to
 * mm/mm_init.c, and mmsim follows the later, clearer split.
 * ------------------------------------------------------------------------
 */
#define mms (current_machine->mm)
#define zone_names (current_machine->mmcfg.zone_names)

static unsigned long highest_memmap_pfn;

/* The node id of @pfn according to memblock (before page links exist). */
int early_pfn_to_nid(unsigned long pfn)
{
	unsigned long start_pfn, end_pfn;
	int nid = memblock_search_pfn_nid(pfn, &start_pfn, &end_pfn);

	return nid < 0 ? first_online_node_or_zero() : nid;
}

int first_online_node_or_zero(void)
{
	int nid;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (mms.node_state[N_ONLINE][nid])
			return nid;
	return 0;
}

/* Pages in holes of [range_start_pfn, range_end_pfn) on @nid (MAX_NUMNODES: any). */
unsigned long __absent_pages_in_range(int nid, unsigned long range_start_pfn,
				      unsigned long range_end_pfn)
{
	unsigned long nr_absent = range_end_pfn - range_start_pfn;
	unsigned long start_pfn, end_pfn;
	int i;

	for_each_mem_pfn_range(i, nid, &start_pfn, &end_pfn, NULL) {
		start_pfn = clamp(start_pfn, range_start_pfn, range_end_pfn);
		end_pfn = clamp(end_pfn, range_start_pfn, range_end_pfn);
		nr_absent -= end_pfn - start_pfn;
	}
	return nr_absent;
}

unsigned long absent_pages_in_range(unsigned long start_pfn,
				    unsigned long end_pfn)
{
	return __absent_pages_in_range(MAX_NUMNODES, start_pfn, end_pfn);
}

void get_pfn_range_for_nid(int nid, unsigned long *start_pfn,
			   unsigned long *end_pfn)
{
	unsigned long this_start_pfn, this_end_pfn;
	int i;

	*start_pfn = -1UL;
	*end_pfn = 0;
	for_each_mem_pfn_range(i, nid, &this_start_pfn, &this_end_pfn, NULL) {
		*start_pfn = min(*start_pfn, this_start_pfn);
		*end_pfn = max(*end_pfn, this_end_pfn);
	}
	if (*start_pfn == -1UL)
		*start_pfn = 0;
}

/* sizeof(pg_data_t) of the simulated kernel (its NODE_DATA allocations). */
size_t pglist_data_size(void)
{
	u64 sz = profile_u64(current_machine->profile, "sizeof.pglist_data", 0);

	return sz ? (size_t)sz : sizeof(pg_data_t);
}

/* The highest zone below Movable that has any pfns: what Movable borrows from. */
static int find_usable_zone_for_movable(void)
{
	int zone_index;

	for (zone_index = MAX_NR_ZONES - 1; zone_index >= 0; zone_index--) {
		if (zone_index == ZONE_MOVABLE)
			continue;
		if (mms.arch_zone_highest_possible_pfn[zone_index] >
		    mms.arch_zone_lowest_possible_pfn[zone_index])
			break;
	}
	VM_BUG_ON(zone_index == -1);
	return zone_index;
}

#define movable_zone (mms.movable_zone)

/* Clip a zone's range around the start of ZONE_MOVABLE on @nid. */
static void adjust_zone_range_for_zone_movable(int nid, int zone_type,
					       unsigned long node_start_pfn,
					       unsigned long node_end_pfn,
					       unsigned long *zone_start_pfn,
					       unsigned long *zone_end_pfn)
{
	unsigned long movable_pfn = mms.zone_movable_pfn[nid];

	(void)node_start_pfn;
	if (!movable_pfn)
		return;
	if (zone_type == ZONE_MOVABLE) {
		*zone_start_pfn = movable_pfn;
		*zone_end_pfn = min(node_end_pfn,
				    mms.arch_zone_highest_possible_pfn[movable_zone]);
	} else if (!mms.mirrored_kernelcore && *zone_start_pfn < movable_pfn &&
		   *zone_end_pfn > movable_pfn) {
		*zone_end_pfn = movable_pfn;
	} else if (*zone_start_pfn >= movable_pfn) {
		*zone_start_pfn = *zone_end_pfn;
	}
}

static unsigned long zone_spanned_pages_in_node(int nid, int zone_type,
						unsigned long node_start_pfn,
						unsigned long node_end_pfn,
						unsigned long *zone_start_pfn,
						unsigned long *zone_end_pfn)
{
	unsigned long zone_low = mms.arch_zone_lowest_possible_pfn[zone_type];
	unsigned long zone_high = mms.arch_zone_highest_possible_pfn[zone_type];

	if (!node_start_pfn && !node_end_pfn)
		return 0;
	*zone_start_pfn = clamp(node_start_pfn, zone_low, zone_high);
	*zone_end_pfn = clamp(node_end_pfn, zone_low, zone_high);
	adjust_zone_range_for_zone_movable(nid, zone_type, node_start_pfn,
					   node_end_pfn, zone_start_pfn,
					   zone_end_pfn);
	if (*zone_end_pfn < node_start_pfn || *zone_start_pfn > node_end_pfn)
		return 0;
	*zone_end_pfn = min(*zone_end_pfn, node_end_pfn);
	*zone_start_pfn = max(*zone_start_pfn, node_start_pfn);
	return *zone_end_pfn - *zone_start_pfn;
}

static unsigned long zone_absent_pages_in_node(int nid, int zone_type,
					       unsigned long node_start_pfn,
					       unsigned long node_end_pfn)
{
	unsigned long zone_low = mms.arch_zone_lowest_possible_pfn[zone_type];
	unsigned long zone_high = mms.arch_zone_highest_possible_pfn[zone_type];
	unsigned long zone_start_pfn, zone_end_pfn, nr_absent;

	if (!node_start_pfn && !node_end_pfn)
		return 0;
	zone_start_pfn = clamp(node_start_pfn, zone_low, zone_high);
	zone_end_pfn = clamp(node_end_pfn, zone_low, zone_high);
	adjust_zone_range_for_zone_movable(nid, zone_type, node_start_pfn,
					   node_end_pfn, &zone_start_pfn,
					   &zone_end_pfn);
	nr_absent = __absent_pages_in_range(nid, zone_start_pfn, zone_end_pfn);

	/* kernelcore=mirror: non-mirrored memory counts as absent for Normal
	 * and mirrored memory as absent for Movable */
	if (mms.mirrored_kernelcore && mms.zone_movable_pfn[nid]) {
		struct memblock_region *r;

		for_each_mem_region(r) {
			unsigned long s = clamp(memblock_region_memory_base_pfn(r),
						zone_start_pfn, zone_end_pfn);
			unsigned long e = clamp(memblock_region_memory_end_pfn(r),
						zone_start_pfn, zone_end_pfn);

			if (zone_type == ZONE_MOVABLE && memblock_is_mirror(r))
				nr_absent += e - s;
			if (zone_type == ZONE_NORMAL && !memblock_is_mirror(r))
				nr_absent += e - s;
		}
	}
	return nr_absent;
}

static void calculate_node_totalpages(pg_data_t *pgdat,
				      unsigned long node_start_pfn,
				      unsigned long node_end_pfn)
{
	unsigned long realtotalpages = 0, totalpages = 0;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;
		unsigned long zone_start_pfn = 0, zone_end_pfn = 0;
		unsigned long spanned, absent;

		spanned = zone_spanned_pages_in_node(pgdat->node_id, i,
						     node_start_pfn, node_end_pfn,
						     &zone_start_pfn, &zone_end_pfn);
		absent = zone_absent_pages_in_node(pgdat->node_id, i,
						   node_start_pfn, node_end_pfn);
		zone->zone_start_pfn = spanned ? zone_start_pfn : 0;
		zone->spanned_pages = spanned;
		zone->present_pages = spanned - absent;
		zone->present_early_pages = spanned - absent;
		totalpages += spanned;
		realtotalpages += spanned - absent;
	}
	pgdat->node_spanned_pages = totalpages;
	pgdat->node_present_pages = realtotalpages;
	pr_debug("On node %d totalpages: %lu\n", pgdat->node_id, realtotalpages);
}

/* Pages of memory map a zone costs (sizeof(struct page) of the simulated kernel). */
static unsigned long calc_memmap_size(unsigned long spanned_pages,
				      unsigned long present_pages)
{
	unsigned long pages = spanned_pages;

	/* many holes: each present range costs about its own share */
	if (spanned_pages > present_pages + (present_pages >> 4) &&
	    IS_ENABLED(CONFIG_SPARSEMEM))
		pages = present_pages;
	return PAGE_ALIGN(pages * struct_page_size()) >> PAGE_SHIFT;
}

unsigned long struct_page_size(void)
{
	return (unsigned long)profile_u64(current_machine->profile,
					  "sizeof.page", sizeof(struct page));
}

static bool is_highmem_idx(int idx)
{
	return idx == ZONE_HIGHMEM ||
	       (idx == ZONE_MOVABLE && ZONE_HIGHMEM >= 0 &&
		movable_zone == ZONE_HIGHMEM);
}

static void zone_init_internals(struct zone *zone, int idx, int nid,
				unsigned long remaining_pages)
{
	zone->managed_pages.counter = (long)remaining_pages;
	zone->node = nid;
	zone->name = zone_names[idx];
	zone->zone_pgdat = NODE_DATA(nid);
	spin_lock_init(&zone->lock);
	zone_pcp_init(zone);
}

void init_currently_empty_zone(struct zone *zone, unsigned long zone_start_pfn,
			       unsigned long size)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	int idx = zone_idx(zone) + 1;

	(void)size;
	if (idx > pgdat->nr_zones)
		pgdat->nr_zones = idx;
	zone->zone_start_pfn = zone_start_pfn;
	zone_init_free_lists(zone);
	zone->initialized = 1;
}

/*
 * The per-zone lines free_area_init_core() and zone_pcp_init() have as
 * pr_debug in 6.1; kernels before 5.x printed them at KERN_DEBUG always
 * (a profile says so with mm.zone_debug_lines = 1, see seed 003).
 */
bool mm_zone_debug_lines(void)
{
	return profile_u64(current_machine->profile, "mm.zone_debug_lines", 0);
}

/*
 * FLATMEM: a zone's pageblock flags (4 bits per pageblock) in one
 * memblock block, sized with the kernel's longs; SPARSEMEM keeps them in
 * the sections' usage blocks.  The bits themselves are kept in host longs
 * (mmsim's bitmap helpers), so the kernel's block is only reserved.
 */
static unsigned long usemap_size(unsigned long zone_start_pfn,
				 unsigned long zonesize)
{
	unsigned long usemapsize, long_bits = 8UL * current_machine->arch.long_bytes;

	zonesize += zone_start_pfn & (pageblock_nr_pages - 1);
	usemapsize = roundup(zonesize, pageblock_nr_pages) >> pageblock_order;
	usemapsize *= NR_PAGEBLOCK_BITS;
	return roundup(usemapsize, long_bits) / 8;
}

static void setup_usemap(struct zone *zone)
{
	unsigned long size, bits;

	if (IS_ENABLED(CONFIG_SPARSEMEM))
		return;
	size = usemap_size(zone->zone_start_pfn, zone->spanned_pages);
	zone->pageblock_flags = NULL;
	if (!size)
		return;
	if (!memblock_alloc_try_nid_caller(size, SMP_CACHE_BYTES, MEMBLOCK_LOW_LIMIT,
					   MEMBLOCK_ALLOC_ACCESSIBLE,
					   zone_to_nid(zone), "setup_usemap")) {
		panic("Failed to allocate %lu bytes for zone %s pageblock flags on node %d\n",
			 size, zone->name, zone_to_nid(zone));
		return;
	}
	bits = (roundup(zone->spanned_pages + (zone->zone_start_pfn &
					       (pageblock_nr_pages - 1)),
			pageblock_nr_pages) >> pageblock_order) * NR_PAGEBLOCK_BITS;
	zone->pageblock_flags = host_alloc(DIV_ROUND_UP(bits, BITS_PER_LONG) *
					   sizeof(unsigned long));
}

/*
 * Each zone's managed pages start as present minus its memory map (and,
 * for the first zone, the DMA reserve); memblock_free_all() later sets the
 * exact figure.
 */
/*
 * The node's own state, set up once per pgdat before its zones: the resize
 * lock and the node's LRU lists (lruvec_init).  Every place that builds a
 * pgdat calls it, as every 6.1 path to a node goes through
 * free_area_init_core.
 */
void pgdat_init_internals(struct pglist_data *pgdat)
{
	spin_lock_init(&pgdat->node_size_lock);
	lruvec_init(&pgdat->__lruvec, pgdat);
}

static void free_area_init_core(pg_data_t *pgdat)
{
	int nid = pgdat->node_id, j;

	pgdat_init_internals(pgdat);
	for (j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned long size = zone->spanned_pages;
		unsigned long freesize = zone->present_pages;
		unsigned long memmap_pages = calc_memmap_size(size, freesize);

		if (!is_highmem_idx(j)) {
			if (freesize >= memmap_pages) {
				freesize -= memmap_pages;
				if (memmap_pages)
					zone_debug("  %s zone: %lu pages used for memmap\n",
						   zone_names[j], memmap_pages);
			} else {
				pr_warn("  %s zone: %lu memmap pages exceeds freesize %lu\n",
					zone_names[j], memmap_pages, freesize);
			}
		}
		if (j == 0 && freesize > mms.dma_reserve) {
			freesize -= mms.dma_reserve;
			zone_debug("  %s zone: %lu pages reserved\n", zone_names[0],
				   mms.dma_reserve);
		}
		if (!is_highmem_idx(j))
			mms.nr_kernel_pages += freesize;
		else if (mms.nr_kernel_pages > memmap_pages * 2)
			mms.nr_kernel_pages -= memmap_pages;
		mms.nr_all_pages += freesize;

		zone_init_internals(zone, j, nid, freesize);
		if (!size)
			continue;
		setup_usemap(zone);
		init_currently_empty_zone(zone, zone->zone_start_pfn, size);
	}
}

static void free_area_init_node(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	unsigned long start_pfn = 0, end_pfn = 0;

	WARN_ON(pgdat->nr_zones || pgdat->kswapd_highest_zoneidx);
	get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
	pgdat->node_id = nid;
	pgdat->node_start_pfn = start_pfn;

	if (start_pfn != end_pfn)
		pr_info("Initmem setup node %d [mem %#018llx-%#018llx]\n", nid,
			(unsigned long long)start_pfn << PAGE_SHIFT,
			end_pfn ? ((unsigned long long)end_pfn << PAGE_SHIFT) - 1 : 0);
	else
		pr_info("Initmem setup node %d as memoryless\n", nid);

	calculate_node_totalpages(pgdat, start_pfn, end_pfn);
	alloc_node_mem_map(pgdat);
	pgdat->first_deferred_pfn = ULONG_MAX;
	free_area_init_core(pgdat);
}

void setup_nr_node_ids(void)
{
	int nid, highest = 0;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		if (mms.node_state[N_POSSIBLE][nid])
			highest = nid;
	nr_node_ids = highest + 1;
}

static unsigned long early_calculate_totalpages(void)
{
	unsigned long totalpages = 0, start_pfn, end_pfn;
	int i, nid;

	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid) {
		unsigned long pages = end_pfn - start_pfn;

		totalpages += pages;
		if (pages)
			mms.node_state[N_MEMORY][nid] = true;
	}
	return totalpages;
}

static int nodes_with_memory(void)
{
	int nid, n = 0;

	for (nid = 0; nid < MAX_NUMNODES; nid++)
		n += mms.node_state[N_MEMORY][nid];
	return n;
}

/* Spread the kernelcore over the nodes; what is left is ZONE_MOVABLE. */
static void spread_kernelcore(unsigned long required_kernelcore,
			      unsigned long usable_startpfn, int usable_nodes)
{
	unsigned long kernelcore_node, kernelcore_remaining;
	int i, nid;

restart:
	kernelcore_node = required_kernelcore / (unsigned long)usable_nodes;
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long start_pfn, end_pfn;

		if (!mms.node_state[N_MEMORY][nid])
			continue;
		if (required_kernelcore < kernelcore_node)
			kernelcore_node = required_kernelcore /
					  (unsigned long)usable_nodes;
		kernelcore_remaining = kernelcore_node;

		for_each_mem_pfn_range(i, nid, &start_pfn, &end_pfn, NULL) {
			unsigned long size_pages;

			start_pfn = max(start_pfn, mms.zone_movable_pfn[nid]);
			if (start_pfn >= end_pfn)
				continue;
			/* memory below the movable zone's start is kernel-only */
			if (start_pfn < usable_startpfn) {
				unsigned long kernel_pages =
					min(end_pfn, usable_startpfn) - start_pfn;

				kernelcore_remaining -= min(kernel_pages,
							    kernelcore_remaining);
				required_kernelcore -= min(kernel_pages,
							   required_kernelcore);
				if (end_pfn <= usable_startpfn) {
					mms.zone_movable_pfn[nid] = end_pfn;
					continue;
				}
				start_pfn = usable_startpfn;
			}
			size_pages = end_pfn - start_pfn;
			if (size_pages > kernelcore_remaining)
				size_pages = kernelcore_remaining;
			mms.zone_movable_pfn[nid] = start_pfn + size_pages;
			required_kernelcore -= min(required_kernelcore, size_pages);
			kernelcore_remaining -= size_pages;
			if (!kernelcore_remaining)
				break;
		}
	}
	usable_nodes--;
	if (usable_nodes && required_kernelcore > (unsigned long)usable_nodes)
		goto restart;
}

/*
 * Where ZONE_MOVABLE starts on each node: from movable_node (hotpluggable
 * memory), kernelcore=mirror, or kernelcore= / movablecore= sizes.
 */
static void find_zone_movable_pfns_for_nodes(void)
{
	bool saved[MMSIM_MAX_NUMNODES_LIMIT];
	unsigned long totalpages, required_kernelcore;
	int usable_nodes, nid;
	struct memblock_region *r;

	memcpy(saved, mms.node_state[N_MEMORY], sizeof(saved));
	totalpages = early_calculate_totalpages();
	usable_nodes = nodes_with_memory();
	movable_zone = find_usable_zone_for_movable();

	if (current_machine->k_movable_node) {
		for_each_mem_region(r) {
			if (!memblock_is_hotpluggable(r))
				continue;
			nid = memblock_get_region_node(r);
			mms.zone_movable_pfn[nid] = mms.zone_movable_pfn[nid] ?
				min(PFN_DOWN(r->base), mms.zone_movable_pfn[nid]) :
				PFN_DOWN(r->base);
		}
		goto out2;
	}
	if (mms.mirrored_kernelcore) {
		bool below_4g_not_mirrored = false;

		for_each_mem_region(r) {
			unsigned long start;

			if (memblock_is_mirror(r))
				continue;
			nid = memblock_get_region_node(r);
			start = memblock_region_memory_base_pfn(r);
			if (start < PHYS_PFN(SZ_4G)) {
				below_4g_not_mirrored = true;
				continue;
			}
			mms.zone_movable_pfn[nid] = mms.zone_movable_pfn[nid] ?
				min(start, mms.zone_movable_pfn[nid]) : start;
		}
		if (below_4g_not_mirrored)
			pr_warn("This configuration results in unmirrored kernel memory.\n");
		goto out2;
	}

	if (mms.required_kernelcore_percent)
		mms.required_kernelcore =
			(totalpages * 100 * mms.required_kernelcore_percent) / 10000UL;
	if (mms.required_movablecore_percent)
		mms.required_movablecore =
			(totalpages * 100 * mms.required_movablecore_percent) / 10000UL;

	required_kernelcore = mms.required_kernelcore;
	if (mms.required_movablecore) {
		unsigned long corepages, movable;

		/* round up so that Movable is at least what was asked */
		movable = roundup(mms.required_movablecore, MAX_ORDER_NR_PAGES);
		movable = min(totalpages, movable);
		corepages = totalpages - movable;
		required_kernelcore = max(required_kernelcore, corepages);
	}
	if (!required_kernelcore || required_kernelcore >= totalpages)
		goto out;

	spread_kernelcore(required_kernelcore,
			  mms.arch_zone_lowest_possible_pfn[movable_zone],
			  usable_nodes);

out2:
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long start_pfn, end_pfn;

		mms.zone_movable_pfn[nid] =
			roundup(mms.zone_movable_pfn[nid], MAX_ORDER_NR_PAGES);
		get_pfn_range_for_nid(nid, &start_pfn, &end_pfn);
		if (mms.zone_movable_pfn[nid] >= end_pfn)
			mms.zone_movable_pfn[nid] = 0;
	}
out:
	memcpy(mms.node_state[N_MEMORY], saved, sizeof(saved));
}

/* Any regular or high memory on the node? */
static void check_for_memory(pg_data_t *pgdat, int nid)
{
	int zone_type;

	for (zone_type = 0; zone_type <= ZONE_MOVABLE - 1; zone_type++) {
		struct zone *zone = &pgdat->node_zones[zone_type];

		if (populated_zone(zone)) {
			if (IS_ENABLED(CONFIG_HIGHMEM))
				mms.node_state[N_HIGH_MEMORY][nid] = true;
			if (zone_type <= ZONE_NORMAL)
				mms.node_state[N_NORMAL_MEMORY][nid] = true;
			break;
		}
	}
}

/*
 * Turn the architecture's zone limits into zones on every node, print the
 * kernel's summary, and initialise the memory map.
 */
void free_area_init(unsigned long *max_zone_pfn)
{
	unsigned long start_pfn, end_pfn;
	int i, nid;

	memset(mms.arch_zone_lowest_possible_pfn, 0,
	       sizeof(mms.arch_zone_lowest_possible_pfn));
	memset(mms.arch_zone_highest_possible_pfn, 0,
	       sizeof(mms.arch_zone_highest_possible_pfn));

	start_pfn = PHYS_PFN(memblock_start_of_DRAM());
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		end_pfn = max(max_zone_pfn[i], start_pfn);
		mms.arch_zone_lowest_possible_pfn[i] = start_pfn;
		mms.arch_zone_highest_possible_pfn[i] = end_pfn;
		start_pfn = end_pfn;
	}

	memset(mms.zone_movable_pfn, 0, sizeof(mms.zone_movable_pfn));
	find_zone_movable_pfns_for_nodes();

	pr_info("Zone ranges:\n");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		if (i == ZONE_MOVABLE)
			continue;
		pr_info("  %-8s ", zone_names[i]);
		if (mms.arch_zone_lowest_possible_pfn[i] ==
		    mms.arch_zone_highest_possible_pfn[i])
			pr_cont("empty\n");
		else
			pr_cont("[mem %#018llx-%#018llx]\n",
				(unsigned long long)mms.arch_zone_lowest_possible_pfn[i]
					<< PAGE_SHIFT,
				((unsigned long long)mms.arch_zone_highest_possible_pfn[i]
				 << PAGE_SHIFT) - 1);
	}

	pr_info("Movable zone start for each node\n");
	for (i = 0; i < MAX_NUMNODES; i++)
		if (mms.zone_movable_pfn[i])
			pr_info("  Node %d: %#018llx\n", i,
				(unsigned long long)mms.zone_movable_pfn[i] << PAGE_SHIFT);

	pr_info("Early memory node ranges\n");
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid) {
		pr_info("  node %3d: [mem %#018llx-%#018llx]\n", nid,
			(unsigned long long)start_pfn << PAGE_SHIFT,
			((unsigned long long)end_pfn << PAGE_SHIFT) - 1);
		subsection_map_init(start_pfn, end_pfn - start_pfn);
	}

	setup_nr_node_ids();
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		pg_data_t *pgdat;

		if (!mms.node_state[N_POSSIBLE][nid])
			continue;
		if (!mms.node_state[N_ONLINE][nid]) {
			pr_info("Initializing node %d as memoryless\n", nid);
			/* mmsim keeps memoryless nodes out of the simulation */
			continue;
		}
		pgdat = NODE_DATA(nid);
		free_area_init_node(nid);
		if (pgdat->node_present_pages)
			mms.node_state[N_MEMORY][nid] = true;
		check_for_memory(pgdat, nid);
	}
	memmap_init();
}

/*
 * DEFERRED_STRUCT_PAGE_INIT: on the highest zone of each node only the
 * first section's worth of struct pages is initialised at boot; the rest
 * waits for page_alloc_init_late().  Called for each pfn memmap_init
 * is about to initialise; true means stop here.
 */
static unsigned long defer_prev_end_pfn, defer_nr_initialised;

static bool defer_init(int nid, unsigned long pfn, unsigned long end_pfn)
{
	if (!IS_ENABLED(CONFIG_DEFERRED_STRUCT_PAGE_INIT))
		return false;
	if (defer_prev_end_pfn != end_pfn) {
		defer_prev_end_pfn = end_pfn;
		defer_nr_initialised = 0;
	}
	/* the lower zones are always fully initialised */
	if (end_pfn < pgdat_end_pfn(NODE_DATA(nid)))
		return false;
	if (NODE_DATA(nid)->first_deferred_pfn != ULONG_MAX)
		return true;
	defer_nr_initialised++;
	if (defer_nr_initialised > pages_per_section() &&
	    (pfn & (pages_per_section() - 1)) == 0) {
		NODE_DATA(nid)->first_deferred_pfn = pfn;
		return true;
	}
	return false;
}

/* Has @pfn's struct page been initialised yet? (memblock_free_pages) */
bool early_page_initialised(unsigned long pfn)
{
	int nid = early_pfn_to_nid(pfn);

	if (mms.node_state[N_ONLINE][nid] &&
	    pfn >= NODE_DATA(nid)->first_deferred_pfn)
		return false;
	return true;
}

/* Lazy memory map: struct pages about to be written, filled in batches. */
static inline void memmap_write_ahead(unsigned long pfn, unsigned long end_pfn)
{
	if (unlikely(mms.memmap_lazy != NULL))
		memmap_lazy_prefill(pfn, end_pfn);
}

/* A struct page in its initial state: reserved by nobody, refcount 1. */
void __init_single_page(struct page *page, unsigned long pfn,
			unsigned long zone, int nid)
{
	memset(page, 0, sizeof(*page));
	init_page_count(page);
	page_mapcount_reset(page);
	INIT_LIST_HEAD(&page->lru);
	set_page_links(page, (int)zone, nid, pfn);
}

static void memmap_init_range(unsigned long size, int nid, int zone,
			      unsigned long start_pfn, unsigned long zone_end_pfn,
			      int migratetype)
{
	unsigned long pfn, end_pfn = start_pfn + size;

	if (highest_memmap_pfn < end_pfn - 1)
		highest_memmap_pfn = end_pfn - 1;

	for (pfn = start_pfn; pfn < end_pfn;) {
		struct page *page;

		if (defer_init(nid, pfn, zone_end_pfn))
			break;
		memmap_write_ahead(pfn, end_pfn);
		page = pfn_to_page(pfn);
		__init_single_page(page, pfn, (unsigned long)zone, nid);
		/* boot-time pageblocks start movable */
		if (IS_ALIGNED(pfn, pageblock_nr_pages))
			set_pageblock_migratetype(page, migratetype);
		pfn++;
	}
}

/*
 * Struct pages in holes of memblock.memory (within sections that exist)
 * are initialised reserved, and counted: "N pages in unavailable ranges".
 */
static void init_unavailable_range(unsigned long spfn, unsigned long epfn,
				   int zone, int node)
{
	unsigned long pfn;
	unsigned long long pgcnt = 0;

	for (pfn = spfn; pfn < epfn; pfn++) {
		if (!pfn_valid(pageblock_start_pfn(pfn))) {
			pfn = pageblock_align(pfn + 1) - 1;
			continue;
		}
		__init_single_page(pfn_to_page(pfn), pfn, (unsigned long)zone, node);
		SetPageReserved(pfn_to_page(pfn));
		pgcnt++;
	}
	if (pgcnt)
		pr_info("On node %d, zone %s: %llu pages in unavailable ranges\n",
			node, zone_names[zone], pgcnt);
}

static void memmap_init_zone_range(struct zone *zone, unsigned long start_pfn,
				   unsigned long end_pfn, unsigned long *hole_pfn)
{
	unsigned long zone_start_pfn = zone->zone_start_pfn;
	unsigned long zone_end = zone_start_pfn + zone->spanned_pages;
	int nid = zone_to_nid(zone), zone_id = zone_idx(zone);

	start_pfn = clamp(start_pfn, zone_start_pfn, zone_end);
	end_pfn = clamp(end_pfn, zone_start_pfn, zone_end);
	if (start_pfn >= end_pfn)
		return;

	memmap_init_range(end_pfn - start_pfn, nid, zone_id, start_pfn, zone_end,
			  MIGRATE_MOVABLE);
	if (*hole_pfn < start_pfn)
		init_unavailable_range(*hole_pfn, start_pfn, zone_id, nid);
	*hole_pfn = end_pfn;
}

void memmap_init(void)
{
	unsigned long start_pfn, end_pfn = 0, hole_pfn = 0;
	int i, j, zone_id = 0, nid = 0;

	defer_prev_end_pfn = defer_nr_initialised = 0;
	for_each_mem_pfn_range(i, MAX_NUMNODES, &start_pfn, &end_pfn, &nid) {
		pg_data_t *node = NODE_DATA(nid);

		for (j = 0; j < MAX_NR_ZONES; j++) {
			struct zone *zone = node->node_zones + j;

			if (!populated_zone(zone))
				continue;
			memmap_init_zone_range(zone, start_pfn, end_pfn, &hole_pfn);
			zone_id = j;
		}
	}
	/* SPARSEMEM: the tail of the last section, appended to the highest zone */
	if (IS_ENABLED(CONFIG_SPARSEMEM))
		end_pfn = round_up(end_pfn, pages_per_section());
	if (hole_pfn < end_pfn)
		init_unavailable_range(hole_pfn, end_pfn, zone_id, nid);
}

/*
 * FLATMEM (32-bit ARM): one mem_map array for the node, from the node's
 * first pfn rounded down to MAX_ORDER_NR_PAGES to its end rounded up:
 * the kernel takes (end - start) * sizeof(struct page) bytes from
 * memblock ("memblock_alloc_try_nid_raw: 9437184 bytes ... free_area_init"
 * for 1 GiB of 36-byte pages: alloc_node_mem_map is inlined there).
 *
 * mmsim's choice: that block is reserved in simulated RAM exactly as the
 * kernel reserves it (so every later address is the kernel's), but the
 * struct pages mmsim uses (64 bytes each, its own layout) are one host
 * array indexed by pfn - ARCH_PFN_OFFSET.  pfn_to_page() and
 * page_to_pfn() are the kernel's FLATMEM formulas over that array.  The
 * SPARSEMEM configurations (x86_64) get their memory map from
 * sparse_init() instead.
 */
void alloc_node_mem_map(pg_data_t *pgdat)
{
	struct machine *m = current_machine;
	unsigned long start, offset, end, size;
	struct page *map;
	void *block;

	if (IS_ENABLED(CONFIG_SPARSEMEM) || !pgdat->node_spanned_pages)
		return;
	start = pgdat->node_start_pfn & ~(MAX_ORDER_NR_PAGES - 1);
	offset = pgdat->node_start_pfn - start;
	/*
	 * The kernel's mem_map is indexed from ARCH_PFN_OFFSET (PHYS_OFFSET):
	 * memory that starts above it (ARM mem=SIZE@START) makes every
	 * pfn_to_page() land past the array the kernel allocates here, and
	 * the memory map's initialisation writes over whatever follows.
	 * mmsim has no such memory to let it corrupt: it stops, naming it.
	 */
	if (pgdat == NODE_DATA(0) && start > mms.arch_pfn_offset) {
		panic("alloc_node_mem_map: memory starts at pfn %#lx, above ARCH_PFN_OFFSET %#lx: the kernel's mem_map would be written past its end",
		      pgdat->node_start_pfn, mms.arch_pfn_offset);
		return;
	}
	end = ALIGN(pgdat_end_pfn(pgdat), MAX_ORDER_NR_PAGES);
	size = (end - start) * struct_page_size();
	block = memblock_alloc_try_nid_raw_caller(size, SMP_CACHE_BYTES,
						  MEMBLOCK_LOW_LIMIT,
						  MEMBLOCK_ALLOC_ACCESSIBLE,
						  pgdat->node_id, "free_area_init");
	if (!block) {
		panic("Failed to allocate %lu bytes for node %d memory map\n",
			 size, pgdat->node_id);
		return;
	}
	if (pgdat == NODE_DATA(0)) {    /* free_unused_memmap() frees its holes */
		mms.mem_map_phys = __pa(block);
		mms.mem_map_start_pfn = start;
	}
	map = host_alloc((end - start) * sizeof(struct page));
	m->flat_mem_map = map;
	if (pgdat == NODE_DATA(0))
		mms.mem_map = map + offset -
			      (pgdat->node_start_pfn - mms.arch_pfn_offset);
	mms.max_mapnr = end - mms.arch_pfn_offset;
}

/* kernelcore= / movablecore=: a size, or a percentage of memory ("20%"). */
static int cmdline_parse_core(char *p, unsigned long *core,
			      unsigned long *percent)
{
	unsigned long long coremem;
	char *endptr;

	if (!p)
		return -EINVAL;
	coremem = simple_strtoull(p, &endptr, 0);
	if (*endptr == '%') {
		WARN_ON(coremem > 100);
		*percent = (unsigned long)coremem;
	} else {
		coremem = memparse(p, &p);
		*core = (unsigned long)(coremem >> PAGE_SHIFT);
		*percent = 0;
	}
	return 0;
}

static int cmdline_parse_kernelcore(char *p)
{
	if (p && !strcmp(p, "mirror")) {
		mms.mirrored_kernelcore = true;
		memblock_set_mirrored_kernelcore(true);
		return 0;
	}
	return cmdline_parse_core(p, &mms.required_kernelcore,
				  &mms.required_kernelcore_percent);
}
early_param("kernelcore", cmdline_parse_kernelcore);

static int cmdline_parse_movablecore(char *p)
{
	return cmdline_parse_core(p, &mms.required_movablecore,
				  &mms.required_movablecore_percent);
}
early_param("movablecore", cmdline_parse_movablecore);

/* movable_node: hotpluggable memory goes to ZONE_MOVABLE (mm/memory_hotplug.c). */
static int cmdline_parse_movable_node(char *p)
{
	current_machine->k_movable_node = true;
	return 0;
}
/* mm/memory_hotplug.c is built only with CONFIG_MEMORY_HOTPLUG */
early_param_if("CONFIG_MEMORY_HOTPLUG", "movable_node", cmdline_parse_movable_node);

/* Give back the host memory of every node's zonelists (machine teardown). */
void mm_state_destroy(void)
{
	int nid, i;

	for (nid = 0; nid < MMSIM_MAX_NUMNODES_LIMIT; nid++) {
		pg_data_t *pgdat = mms.node_data[nid];

		if (!pgdat)
			continue;
		for (i = 0; i < MAX_ZONELISTS; i++) {
			host_free(pgdat->node_zonelists[i]._zonerefs);
			pgdat->node_zonelists[i]._zonerefs = NULL;
		}
		for (i = 0; !IS_ENABLED(CONFIG_SPARSEMEM) && i < MAX_NR_ZONES; i++) {
			host_free(pgdat->node_zones[i].pageblock_flags);
			pgdat->node_zones[i].pageblock_flags = NULL;
		}
	}
}

/* A deferred struct page that is about to be reserved must exist first. */
void init_reserved_page(unsigned long pfn)
{
	pg_data_t *pgdat;
	int nid, zid;

	if (early_page_initialised(pfn))
		return;
	nid = early_pfn_to_nid(pfn);
	pgdat = NODE_DATA(nid);
	for (zid = 0; zid < MAX_NR_ZONES; zid++)
		if (zone_spans_pfn(&pgdat->node_zones[zid], pfn))
			break;
	__init_single_page(pfn_to_page(pfn), pfn, (unsigned long)zid, nid);
}

/* Mark the struct pages of a memblock reservation PageReserved. */
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end)
{
	unsigned long start_pfn = PFN_DOWN(start);
	unsigned long end_pfn = PFN_UP(end);

	for (; start_pfn < end_pfn; start_pfn++) {
		struct page *page;

		if (!pfn_valid(start_pfn))
			continue;
		memmap_write_ahead(start_pfn, end_pfn);
		page = pfn_to_page(start_pfn);
		init_reserved_page(start_pfn);
		INIT_LIST_HEAD(&page->lru); /* no false PageTail() */
		SetPageReserved(page);
	}
}

/* Pages a zone (and the machine) manages change by @count. */
void adjust_managed_page_count(struct page *page, long count)
{
	__atomic_add_fetch(&page_zone(page)->managed_pages.counter, count,
			   __ATOMIC_RELAXED);
	totalram_pages_add(count);
}

/*
 * Give a reserved range back to the page allocator (initrd, init sections,
 * alignment gaps of the image): "Freeing <s> memory: NK".  @poison >= 0
 * fills the pages with that byte first.  Returns the pages freed.
 */
unsigned long free_reserved_area(void *start, void *end, int poison,
				 const char *s)
{
	unsigned long pages = 0;
	phys_addr_t pa = PAGE_ALIGN(__pa(start));
	phys_addr_t pend = __pa(end) & PAGE_MASK;

	for (; pa < pend; pa += PAGE_SIZE, pages++) {
		struct page *page = pfn_to_page(PHYS_PFN(pa));

		if (poison >= 0)
			memset(__va(pa), poison, PAGE_SIZE);
		ClearPageReserved(page);
		init_page_count(page);
		__free_pages(page, 0);
		adjust_managed_page_count(page, 1);
	}
	if (pages && s)
		pr_info("Freeing %s memory: %ldK\n", s, pages << (PAGE_SHIFT - 10));
	return pages;
}

/* All present pages of all online nodes. */
unsigned long get_num_physpages(void)
{
	unsigned long phys_pages = 0;
	int nid;

	for_each_node_state(nid, N_ONLINE)
		phys_pages += NODE_DATA(nid)->node_present_pages;
	return phys_pages;
}

/* "Memory: avail/total available (sections of the image, reserved, cma)". */
void mem_init_print_info(void)
{
	const struct kernel_profile *p = current_machine->profile;
	unsigned long physpages = get_num_physpages();

	char highmem[48] = "";

	if (IS_ENABLED(CONFIG_HIGHMEM))
		snprintf(highmem, sizeof(highmem), ", %luK highmem",
			 totalhigh_pages() << (PAGE_SHIFT - 10));
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, %luK init, %luK bss, %luK reserved, %luK cma-reserved"
		"%s)\n",
		nr_free_pages() << (PAGE_SHIFT - 10),
		physpages << (PAGE_SHIFT - 10),
		(unsigned long)profile_u64(p, "image.text_kb", 0),
		(unsigned long)profile_u64(p, "image.rwdata_kb", 0),
		(unsigned long)profile_u64(p, "image.rodata_kb", 0),
		(unsigned long)profile_u64(p, "image.init_kb", 0),
		(unsigned long)profile_u64(p, "image.bss_kb", 0),
		(physpages - totalram_pages() - totalcma_pages) << (PAGE_SHIFT - 10),
		totalcma_pages << (PAGE_SHIFT - 10), highmem);
}

/* Pages the HighMem zones manage (the kernel's _totalhigh_pages). */
unsigned long totalhigh_pages(void)
{
	unsigned long pages = 0;
	int nid;

	if (ZONE_HIGHMEM < 0)
		return 0;
	for (nid = 0; nid < MMSIM_MAX_NUMNODES_LIMIT; nid++) {
		pg_data_t *pgdat = mms.node_data[nid];

		if (pgdat)
			pages += zone_managed_pages(&pgdat->node_zones[ZONE_HIGHMEM]);
	}
	return pages;
}

/*
 * ------------------------------------------------------------------------
 * page_alloc_init_late(): initialise the struct pages that boot deferred
 * and hand their free ranges to the buddy allocator, a pageblock at a
 * time where possible ("node N deferred pages initialised in Xms").
 * The kernel runs one thread per node, and that thread shares the node's
 * work among the node's CPUs (padata_do_multithreaded: section-aligned
 * chunks).  mmsim does the nodes in turn and, within a zone, initialises
 * the struct pages on the node's simulated CPUs (host threads) in
 * section-aligned chunks that the CPUs take in turn; the freeing into
 * the buddy allocator then runs on this CPU, range by range in address
 * order.  So the free lists come out exactly as a one-CPU run leaves
 * them (the kernel's threads free concurrently, in an order no run
 * repeats): initialising a page writes its own struct page only, and a
 * page not yet freed is never anyone's buddy, initialised or not.
 * While a call tree is recorded (--calls), everything stays on this
 * thread, whose calls are the ones the tree shows.
 * ------------------------------------------------------------------------
 */
static void deferred_free_range(unsigned long pfn, unsigned long nr_pages)
{
	struct page *page;
	unsigned long i;

	if (!nr_pages)
		return;
	page = pfn_to_page(pfn);
	if (nr_pages == pageblock_nr_pages && IS_ALIGNED(pfn, pageblock_nr_pages)) {
		set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		__free_pages_core(page, pageblock_order);
		return;
	}
	for (i = 0; i < nr_pages; i++, page++, pfn++) {
		if (IS_ALIGNED(pfn, pageblock_nr_pages))
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		__free_pages_core(page, 0);
	}
}

static void deferred_free_pages(unsigned long pfn, unsigned long end_pfn)
{
	unsigned long nr_free = 0;

	for (; pfn < end_pfn; pfn++) {
		if (IS_ALIGNED(pfn, pageblock_nr_pages)) {
			deferred_free_range(pfn - nr_free, nr_free);
			nr_free = 1;
		} else {
			nr_free++;
		}
	}
	deferred_free_range(pfn - nr_free, nr_free);
}

static unsigned long deferred_init_pages(struct zone *zone, unsigned long pfn,
					 unsigned long end_pfn)
{
	unsigned long nr_pages = 0;

	for (; pfn < end_pfn; pfn++, nr_pages++)
		__init_single_page(pfn_to_page(pfn), pfn,
				   (unsigned long)zone_idx(zone), zone_to_nid(zone));
	return nr_pages;
}

/* The free pfn ranges of one zone's deferred part, and the shared work. */
struct deferred_job {
	struct zone *zone;
	unsigned long (*range)[2];   /* [start, end) pfns, ascending */
	unsigned int nr_ranges, cap;
	unsigned long first_chunk, end_chunk; /* sections spanned */
	unsigned long next_chunk;    /* the next chunk to take (atomic) */
	bool populate;               /* host_populate_write() each chunk's map */
};

/* One CPU's share: take chunks until none is left (padata's thread_fn). */
static void deferred_init_chunks(int cpu, void *arg)
{
	struct deferred_job *job = arg;
	unsigned long c, shift = pfn_section_shift();
	unsigned int r;

	while ((c = __atomic_fetch_add(&job->next_chunk, 1, __ATOMIC_RELAXED)) <
	       job->end_chunk) {
		unsigned long cs = c << shift, ce = (c + 1) << shift;

		for (r = 0; r < job->nr_ranges; r++) {
			unsigned long s = max(cs, job->range[r][0]);
			unsigned long e = min(ce, job->range[r][1]);

			if (s >= e)
				continue;
			if (job->populate)
				host_populate_write(pfn_to_page(s),
						    (e - s) * sizeof(struct page));
			deferred_init_pages(job->zone, s, e);
		}
	}
}

/* Initialise the ranges' struct pages on the zone's node's CPUs. */
static void deferred_init_parallel(struct deferred_job *job)
{
	int nid = zone_to_nid(job->zone), cpus[64];
	unsigned int n = min(pa_cpus_of_node(nid, cpus, ARRAY_SIZE(cpus)),
			     (unsigned int)ARRAY_SIZE(cpus));

	job->first_chunk = job->range[0][0] >> pfn_section_shift();
	job->end_chunk = ((job->range[job->nr_ranges - 1][1] - 1) >>
			  pfn_section_shift()) + 1;
	job->next_chunk = job->first_chunk;
	if (n > 1 && !current_machine->calltrace &&
	    job->end_chunk - job->first_chunk > 1 &&
	    !host_run_on_cpus(current_machine, cpus, (int)n,
			      deferred_init_chunks, job))
		return;
	/* one CPU, a call tree, one chunk, or no threads: here, all of it */
	deferred_init_chunks(smp_processor_id(), job);
}

/* deferred_init_parallel(), its host time and CPUs noted for --verbose. */
static void deferred_init_timed(struct deferred_job *job)
{
	struct machine *m = current_machine;
	unsigned int n = pa_cpus_of_node(zone_to_nid(job->zone), NULL, 0);
	u64 t0 = host_time_ns();

	deferred_init_parallel(job);
	m->host_deferred_init_ns += host_time_ns() - t0;
	if (m->calltrace)
		n = 1;
	if (n > m->host_deferred_init_cpus)
		m->host_deferred_init_cpus = n;
}

/* Append [@s, @e) to a growing array of pfn ranges (empty ones left out). */
static void push_pfn_range(unsigned long (**range)[2], unsigned int *nr,
			   unsigned int *cap, unsigned long s, unsigned long e)
{
	if (s >= e)
		return;
	if (*nr == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*range = host_realloc(*range, *cap * sizeof(**range));
	}
	(*range)[*nr][0] = s;
	(*range)[*nr][1] = e;
	(*nr)++;
}

/*
 * Free the initialised ranges and the lazy runs (mm/memmap_lazy.c) in
 * ascending pfn order, as deferred_free_pages() over the whole ranges
 * would: the order the blocks reach the list tails is the kernel's.
 */
static void deferred_free_in_order(struct zone *zone, struct deferred_job *job,
				   unsigned long (*runs)[2], unsigned int nr_runs)
{
	unsigned int r = 0, l = 0;

	while (r < job->nr_ranges || l < nr_runs) {
		if (l == nr_runs || (r < job->nr_ranges &&
				     job->range[r][0] < runs[l][0])) {
			deferred_free_pages(job->range[r][0], job->range[r][1]);
			r++;
		} else {
			memmap_lazy_free_run(zone, runs[l][0], runs[l][1]);
			l++;
		}
	}
}

/* Initialise and free the free memory of @zone from @first_pfn on. */
static unsigned long deferred_init_zone_from(struct zone *zone,
					     unsigned long first_pfn,
					     unsigned long limit)
{
	struct deferred_job job = { .zone = zone };
	unsigned long (*runs)[2] = NULL;   /* lazy: aligned middles, ascending */
	unsigned int nr_runs = 0, cap_runs = 0;
	bool lazy = memmap_lazy_active();
	phys_addr_t spa, epa;
	unsigned long nr = 0;
	u64 i;

	/* every struct page of the deferred part exists, reserved or not */
	for_each_free_mem_range(i, zone_to_nid(zone), MEMBLOCK_NONE, &spa, &epa,
				NULL) {
		unsigned long spfn = max(PFN_UP(spa), max(first_pfn, zone->zone_start_pfn));
		unsigned long epfn = min(PFN_DOWN(epa), min(zone_end_pfn(zone), limit));

		if (spfn >= epfn)
			continue;
		nr += epfn - spfn;
		if (lazy && ALIGN(spfn, MAX_ORDER_NR_PAGES) <
			    ALIGN_DOWN(epfn, MAX_ORDER_NR_PAGES)) {
			unsigned long a = ALIGN(spfn, MAX_ORDER_NR_PAGES);
			unsigned long b = ALIGN_DOWN(epfn, MAX_ORDER_NR_PAGES);

			push_pfn_range(&runs, &nr_runs, &cap_runs, a, b);
			push_pfn_range(&job.range, &job.nr_ranges, &job.cap, spfn, a);
			push_pfn_range(&job.range, &job.nr_ranges, &job.cap, b, epfn);
			continue;
		}
		push_pfn_range(&job.range, &job.nr_ranges, &job.cap, spfn, epfn);
	}
	/*
	 * The eager memory map is written whole here: have the host map each
	 * chunk's part in one call instead of a fault per 4 KiB (the lazy map
	 * leaves the faults to its handler).
	 */
	job.populate = !lazy;
	if (job.nr_ranges)
		deferred_init_timed(&job);
	deferred_free_in_order(zone, &job, runs, nr_runs);
	host_free(job.range);
	host_free(runs);
	return nr;
}

void page_alloc_init_late(void)
{
	int nid;

	if (!IS_ENABLED(CONFIG_DEFERRED_STRUCT_PAGE_INIT))
		goto out;
	for_each_node_state(nid, N_MEMORY) {
		pg_data_t *pgdat = NODE_DATA(nid);
		unsigned long first = pgdat->first_deferred_pfn;
		int zid;

		if (first == ULONG_MAX)
			goto report;
		pgdat->first_deferred_pfn = ULONG_MAX;
		for (zid = 0; zid < MAX_NR_ZONES; zid++) {
			struct zone *zone = pgdat->node_zones + zid;

			if (first < zone_end_pfn(zone))
				deferred_init_zone_from(zone, first, ULONG_MAX);
		}
report:
		pr_info("node %d deferred pages initialised in %ums\n", nid, 0u);
	}
out:
	memblock_discard();
}

/*
 * ------------------------------------------------------------------------
 * alloc_large_system_hash(): the big hash tables (dentry, inode, TCP, ...),
 * sized from memory: one bucket per 2^scale bytes of kernel memory, a power
 * of two, at most 1/16 of memory.  Early tables come from memblock; later
 * ones from the page allocator, or vmalloc when they are large or spread
 * over NUMA nodes (hashdist).
 * ------------------------------------------------------------------------
 */
#define hashdist_param (current_machine->k_hashdist)

static int set_hashdist(char *str)
{
	if (!str)
		return 0;
	hashdist_param = (int)simple_strtoull(str, &str, 0);
	return 0;
}
__setup_if("CONFIG_NUMA", "hashdist=", set_hashdist);    /* #ifdef CONFIG_NUMA */

/* HASHDIST_DEFAULT on 64-bit NUMA, off again with one memory node. */
bool hashdist(void)
{
	if (hashdist_param >= 0)
		return hashdist_param;
	return current_machine->k_numa && num_node_state(N_MEMORY) > 1;
}

static unsigned int ilog2_ul(unsigned long v)
{
	unsigned int l = 0;

	while (v >>= 1)
		l++;
	return l;
}

void *alloc_large_system_hash(const char *tablename, unsigned long bucketsize,
			      unsigned long numentries, int scale, int flags,
			      unsigned int *hash_shift, unsigned int *hash_mask,
			      unsigned long low_limit, unsigned long high_limit)
{
	const char *caller = __func__; /* what its memblock lines name */
	unsigned long long max = high_limit;
	unsigned long log2qty, size;
	void *table = NULL;
	const char *how = "linear";

	if (!numentries) {
		numentries = mms.nr_kernel_pages;
		/* round up to a whole megabyte */
		numentries = round_up(numentries, (1UL << 20) / PAGE_SIZE);
		if (scale > PAGE_SHIFT)
			numentries >>= (scale - PAGE_SHIFT);
		else
			numentries <<= (PAGE_SHIFT - scale);
		if (flags & HASH_SMALL) {
			numentries = max(numentries, 1UL << *hash_shift);
		} else if (numentries * bucketsize < PAGE_SIZE) {
			numentries = PAGE_SIZE / bucketsize;
		}
	}
	numentries = 1UL << (ilog2_ul(numentries - 1) + 1);
	if (max == 0) {
		max = ((unsigned long long)mms.nr_all_pages << PAGE_SHIFT) >> 4;
		max /= bucketsize;
	}
	max = min(max, 0x80000000ULL);
	if (numentries < low_limit)
		numentries = low_limit;
	if (numentries > max)
		numentries = (unsigned long)max;

	log2qty = ilog2_ul(numentries);
	do {
		size = bucketsize << log2qty;
		if (flags & HASH_EARLY) {
			if (flags & HASH_ZERO)
				table = memblock_alloc_try_nid_caller(size,
						SMP_CACHE_BYTES, MEMBLOCK_LOW_LIMIT,
						MEMBLOCK_ALLOC_ACCESSIBLE,
						NUMA_NO_NODE, caller);
			else
				table = memblock_alloc_try_nid_raw_caller(size,
						SMP_CACHE_BYTES, MEMBLOCK_LOW_LIMIT,
						MEMBLOCK_ALLOC_ACCESSIBLE,
						NUMA_NO_NODE, caller);
		} else {
			/* vmalloc arrives with the vmalloc work; the page
			 * allocator serves the others */
			table = alloc_pages_exact(size, GFP_ATOMIC |
						  ((flags & HASH_ZERO) ? __GFP_ZERO : 0));
			how = "linear";
		}
	} while (!table && size > PAGE_SIZE && --log2qty);

	if (!table) {
		pr_emerg("Failed to allocate %s hash table\n", tablename);
		return NULL;
	}
	pr_info("%s hash table entries: %ld (order: %d, %lu bytes, %s)\n",
		tablename, 1L << log2qty, (int)ilog2_ul(size) - PAGE_SHIFT, size,
		how);
	if (hash_shift)
		*hash_shift = (unsigned int)log2qty;
	if (hash_mask)
		*hash_mask = (unsigned int)((1UL << log2qty) - 1);
	return table;
}

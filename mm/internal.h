/* SPDX-License-Identifier: MIT */
/*
 * mm/internal.h — what the files of mm/ share and nothing else may use.
 *
 * Kernel counterpart: mm/internal.h.
 */
#ifndef _MMSIM_MM_INTERNAL_H
#define _MMSIM_MM_INTERNAL_H

#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/gfp.h"

/* GFP bits a nested allocation inherits (an xarray node, a vmap area). */
#define GFP_RECLAIM_MASK                                                  \
	(__GFP_RECLAIM | __GFP_HIGH | __GFP_IO | __GFP_FS | __GFP_NOWARN |   \
	 __GFP_RETRY_MAYFAIL | __GFP_NOFAIL | __GFP_NORETRY | __GFP_MEMALLOC | \
	 __GFP_NOMEMALLOC)

/*
 * Section geometry of the current machine (mm/sparse.c): x86_64 uses
 * 128 MiB sections and 46 physical address bits with 4-level paging.
 */
static inline unsigned long pfn_section_shift(void) /* PFN_SECTION_SHIFT */
{
	return SECTION_SIZE_BITS_X86_64 - PAGE_SHIFT;
}

static inline unsigned long pages_per_section(void) /* PAGES_PER_SECTION */
{
	return 1UL << pfn_section_shift();
}

/* One page of mem_section entries per root (SPARSEMEM_EXTREME). */
#define SECTIONS_PER_ROOT (PAGE_SIZE / sizeof(struct mem_section))
struct mem_section *__pfn_to_section(unsigned long pfn);
bool pfn_valid(unsigned long pfn);
bool early_section(const struct mem_section *ms);

/* Pageblock flags (mm/page_alloc.c). */
unsigned long get_pfnblock_flags_mask(const struct page *page,
				      unsigned long pfn, unsigned long mask);
void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long mask);
int get_pageblock_migratetype(const struct page *page);
int get_pfnblock_migratetype(const struct page *page, unsigned long pfn);
void set_pageblock_migratetype(struct page *page, int migratetype);
void zone_set_pageblock_migratetype(struct zone *zone, unsigned long pfn,
				    int migratetype);

/* Buddy helpers shared between page_alloc.c and its neighbours. */
static inline unsigned long __find_buddy_pfn(unsigned long page_pfn,
					     unsigned int order)
{
	return page_pfn ^ (1UL << order);
}

static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

void __free_pages_core(struct page *page, unsigned int order);
/* Take free @page alone out of the buddy allocator (mm/page_alloc.c). */
bool take_page_off_buddy(struct page *page);
void memblock_free_pages(struct page *page, unsigned long pfn,
			 unsigned int order);
void init_reserved_page(unsigned long pfn);
void reserve_bootmem_region(phys_addr_t start, phys_addr_t end);
void __init_single_page(struct page *page, unsigned long pfn,
			unsigned long zone, int nid);

/* mm/mm_init.c: node and zone sizes, the memory map, deferred init. */
int early_pfn_to_nid(unsigned long pfn);
int first_online_node_or_zero(void);
unsigned long __absent_pages_in_range(int nid, unsigned long start_pfn,
				      unsigned long end_pfn);
unsigned long absent_pages_in_range(unsigned long start_pfn,
				    unsigned long end_pfn);
void get_pfn_range_for_nid(int nid, unsigned long *start_pfn,
			   unsigned long *end_pfn);
size_t pglist_data_size(void);
unsigned long struct_page_size(void);
void free_area_init(unsigned long *max_zone_pfn);
void pgdat_init_internals(struct pglist_data *pgdat);
void memmap_init(void);
void setup_nr_node_ids(void);
bool early_page_initialised(unsigned long pfn);
void init_currently_empty_zone(struct zone *zone, unsigned long zone_start_pfn,
			       unsigned long size);
void alloc_node_mem_map(pg_data_t *pgdat);
void mm_state_destroy(void);
void adjust_managed_page_count(struct page *page, long count);
unsigned long free_reserved_area(void *start, void *end, int poison,
				 const char *s);
unsigned long get_num_physpages(void);
void mem_init_print_info(void);
unsigned long totalhigh_pages(void);    /* HighMem zones' managed pages */
/* Old kernels' KERN_DEBUG zone lines (profile mm.zone_debug_lines). */
bool mm_zone_debug_lines(void);
#define zone_debug(fmt, ...)                                               \
	do {                                                               \
		if (mm_zone_debug_lines())                                 \
			printk(KERN_DEBUG fmt, ##__VA_ARGS__);             \
		else                                                       \
			pr_debug(fmt, ##__VA_ARGS__);                      \
	} while (0)
void page_alloc_init_late(void);
/* The online CPUs of node @nid into @cpus (at most @max); how many (page_alloc_pcp.c). */
unsigned int pa_cpus_of_node(int nid, int *cpus, unsigned int max);
bool hashdist(void);

/* mm/zonelist.c */
void build_all_zonelists(pg_data_t *pgdat);

/* mm/page_alloc.c: zone set-up the boot calls. */
void zone_init_free_lists(struct zone *zone);
void zone_pcp_init(struct zone *zone);

/* mm/sparse.c, mm/sparse-vmemmap.c */
int sparse_init(void);
void subsection_map_init(unsigned long pfn, unsigned long nr_pages);
void *sparse_buffer_alloc(unsigned long size);
struct page *__populate_section_memmap(unsigned long pfn,
				       unsigned long nr_pages, int nid);
void *vmemmap_alloc_block(unsigned long size, int node);
void *vmemmap_alloc_block_buf(unsigned long size, int node);
void *vmemmap_alloc_block_zero(unsigned long size, int node);
int vmemmap_host_init(void);
void vmemmap_host_destroy(void);
int vmemmap_host_map(unsigned long off, phys_addr_t pa, unsigned long len);
/* mm/memmap_lazy.c: the deferred memory map written on first access */
struct machine;
bool memmap_lazy_wanted(const struct machine *m);
int memmap_lazy_init(void);
void memmap_lazy_destroy(void);
int memmap_lazy_map(u64 off, phys_addr_t pa, u64 len);
bool memmap_lazy_active(void);
void memmap_lazy_prefill(unsigned long pfn, unsigned long end_pfn);
void memmap_lazy_free_run(struct zone *zone, unsigned long start,
			  unsigned long end);
/* arch: map vmemmap bytes [start, end) (offsets from the vmemmap base). */
int vmemmap_populate(unsigned long start, unsigned long end, int node);

/*
 * ---- The page allocator: what the boot code and the rest of mm/ call ----
 * (mm/page_alloc*.c, mm/vmstat.c, mm/khugepaged.c, mm/show_mem.c)
 *
 * Boot order, as in 6.1 (see the file comments for the details):
 *   machine creation   page_alloc_state_init()        tunables, counters
 *   free_area_init     zone_init_free_lists(), zone_pcp_init() per zone,
 *                      set_pageblock_migratetype(MOVABLE) per pageblock
 *   build_all_zonelists  nr_free_zone_pages() for "Total pages"
 *   mem_init           memblock_free_pages() / __free_pages_core(); the
 *                      caller adds the pages to totalram_pages and then
 *                      sets mm.page_alloc_ready (memblock_free_late needs it)
 *   start_kernel       setup_per_cpu_pageset()        after mm_init()
 *   postcore_initcall  init_per_zone_wmark_min()      min_free_kbytes, wmarks
 *   subsys_initcall    hugepage_init()                THP: khugepaged's raise
 *   kernel_init_freeable  mm.pa.gfp_allowed_mask = __GFP_BITS_MASK
 *   machine teardown   page_alloc_state_destroy()
 */
void page_alloc_state_init(void);
void page_alloc_state_destroy(void);
void zone_init_free_lists(struct zone *zone);
void zone_pcp_init(struct zone *zone);
void setup_per_cpu_pageset(void);
int init_per_zone_wmark_min(void);
void calculate_min_free_kbytes(void);
void setup_per_zone_wmarks(void);
unsigned long nr_free_zone_pages(int offset);
unsigned long nr_free_buffer_pages(void);
int numa_node_id(void);

/* Writes to /proc/sys/vm/<name>: 0, or -EINVAL for a value out of range. */
int min_free_kbytes_sysctl_write(int kbytes);
int watermark_scale_factor_sysctl_write(int factor);
int lowmem_reserve_ratio_sysctl_write(const int *ratios, int n);
int percpu_pagelist_high_fraction_sysctl_write(int fraction);

/* mm/khugepaged.c: the THP set-up's raise of min_free_kbytes. */
bool hugepage_flags_enabled(void);
bool hugepage_flags_always(void);
/* /sys/kernel/mm/transparent_hugepage/ATTR: 0 or -errno (-ENOENT: no such file). */
int thp_sysfs_store(const char *attr, const char *buf);
int thp_sysfs_show(const char *attr, char *out, size_t len);
int hugepage_init(void);            /* mm/huge_memory.c's subsys_initcall */
int start_stop_khugepaged(void);
void khugepaged_min_free_kbytes_update(void);

/*
 * Provided by mm/mm_init.c (DEFERRED_STRUCT_PAGE_INIT): has the struct
 * page of @pfn been initialised yet?  Until it exists every page counts
 * as initialised.  deferred_grow_zone() initialises and frees more of a
 * zone's deferred pages when an allocation would otherwise fail.
 */
bool early_page_initialised(unsigned long pfn);
bool deferred_grow_zone(struct zone *zone, unsigned int order);

/* Freeing to the per-CPU lists (order-0..3 and THP) and in bulk. */
void free_unref_page(struct page *page, unsigned int order);
void free_unref_page_list(struct list_head *list);
void prep_compound_page(struct page *page, unsigned int order);

/* Watermark checks (mm/page_alloc_path.c). */
bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags,
			 long free_pages);
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
bool zone_watermark_ok_safe(struct zone *z, unsigned int order,
			    unsigned long mark, int highest_zoneidx);

/* The allocation-failure report and the memory summary it prints. */
__printf(3, 4) void warn_alloc(gfp_t gfp_mask, const unsigned long *nodemask,
			       const char *fmt, ...);
void __show_mem(unsigned int filter, const unsigned long *nodemask,
		int max_zone_idx);
/* "GFP_KERNEL|__GFP_ZERO" for @gfp, as %pGg prints it; returns @buf. */
char *format_gfp_flags(gfp_t gfp, char *buf, size_t size);

/*
 * The validator (mm/page_alloc_validate.c).  Checks every free list,
 * per-CPU list and counter of @zone against its memory map; prints what
 * is wrong with pr_err and returns -EINVAL, or 0.  Call it while no
 * simulated CPU is allocating or freeing.
 */
struct zone_census {
	unsigned long free;       /* pages in free blocks (buddy lists) */
	unsigned long pcp;        /* pages on per-CPU lists */
	unsigned long reserved;   /* PageReserved: holes and boot reservations */
	unsigned long allocated;  /* every other page of the zone */
	unsigned long blocks_by_type[MMSIM_MAX_MIGRATE_TYPES]; /* pageblocks */
};
int zone_validate(struct zone *zone);
int zone_validate_census(struct zone *zone, struct zone_census *census);
int page_alloc_validate(void);

/* Zone flag bits (zone->flags). */
enum zone_flags {
	ZONE_BOOSTED_WATERMARK,  /* a fallback boosted the watermark */
	ZONE_RECLAIM_ACTIVE,     /* kswapd is balancing: per-CPU lists capped */
};

/*
 * Zonelist iteration (kernel: include/linux/mmzone.h, mm/mmzone.c).
 * A zonelist ends with a zoneref whose zone is NULL and zone_idx 0.  A
 * nodemask is a bitmap of node ids (nodemask_t's bits), or NULL for all.
 */
static inline struct zone *zonelist_zone(const struct zoneref *z)
{
	return z->zone;
}

static inline int zonelist_zone_idx(const struct zoneref *z)
{
	return z->zone_idx;
}

static inline bool zref_in_nodemask(const struct zoneref *z,
				    const unsigned long *nodes)
{
	int nid = zone_to_nid(z->zone);

	return nodes[nid / BITS_PER_LONG] & (1UL << (nid % BITS_PER_LONG));
}

static inline struct zoneref *__next_zones_zonelist(struct zoneref *z,
						    int highest_zoneidx,
						    const unsigned long *nodes)
{
	if (!nodes)
		while (zonelist_zone_idx(z) > highest_zoneidx)
			z++;
	else
		while (zonelist_zone_idx(z) > highest_zoneidx ||
		       (z->zone && !zref_in_nodemask(z, nodes)))
			z++;
	return z;
}

/* The first zoneref at or after @z allowed by the zone limit and nodes. */
static inline struct zoneref *next_zones_zonelist(struct zoneref *z,
						  int highest_zoneidx,
						  const unsigned long *nodes)
{
	if (likely(!nodes && zonelist_zone_idx(z) <= highest_zoneidx))
		return z;
	return __next_zones_zonelist(z, highest_zoneidx, nodes);
}

static inline struct zoneref *first_zones_zonelist(struct zonelist *zonelist,
						   int highest_zoneidx,
						   const unsigned long *nodes)
{
	return next_zones_zonelist(zonelist->_zonerefs, highest_zoneidx, nodes);
}

#define for_each_zone_zonelist_nodemask(zone, z, zlist, highidx, nodemask)    \
	for (z = first_zones_zonelist(zlist, highidx, nodemask),              \
	    zone = zonelist_zone(z);                                          \
	     zone;                                                            \
	     z = next_zones_zonelist(++z, highidx, nodemask),                 \
	    zone = zonelist_zone(z))

#define for_next_zone_zonelist_nodemask(zone, z, highidx, nodemask)           \
	for (zone = z->zone; zone;                                            \
	     z = next_zones_zonelist(++z, highidx, nodemask),                 \
	    zone = zonelist_zone(z))

#define for_each_zone_zonelist(zone, z, zlist, highidx) \
	for_each_zone_zonelist_nodemask(zone, z, zlist, highidx, NULL)

/* Every online node's pg_data_t, every zone of them (mm/page_alloc.c). */
pg_data_t *first_online_pgdat(void);
pg_data_t *next_online_pgdat(pg_data_t *pgdat);
struct zone *next_zone(struct zone *zone);

#ifndef for_each_online_pgdat
#define for_each_online_pgdat(pgdat) \
	for (pgdat = first_online_pgdat(); pgdat; pgdat = next_online_pgdat(pgdat))
#define for_each_zone(zone)                                                   \
	for (zone = (first_online_pgdat()->node_zones); zone;                 \
	     zone = next_zone(zone))
#define for_each_populated_zone(zone)                                         \
	for (zone = (first_online_pgdat()->node_zones); zone;                 \
	     zone = next_zone(zone))                                          \
		if (!populated_zone(zone))                                    \
			; /* do nothing */                                    \
		else
#endif

/*
 * What a validator walk reports (mmsim's own, no kernel counterpart): the
 * first failure it finds, written into the caller's @msg; err is 0, or
 * -EUCLEAN once something failed (the process, LRU and swap validators).
 */
struct check_report {
	char *msg;
	size_t len;
	int err;
};
__printf(2, 3) void check_fail(struct check_report *r, const char *fmt, ...);

#endif /* _MMSIM_MM_INTERNAL_H */

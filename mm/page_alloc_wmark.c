// SPDX-License-Identifier: MIT
/*
 * mm/page_alloc_wmark.c — watermarks, lowmem reserves, min_free_kbytes,
 * and the page allocator's machine state.
 *
 * Kernel counterpart: mm/page_alloc.c (Linux 6.1): calculate_min_free_kbytes,
 * init_per_zone_wmark_min, __setup_per_zone_wmarks, setup_per_zone_wmarks,
 * setup_per_zone_lowmem_reserve, calculate_totalreserve_pages,
 * nr_free_zone_pages, zone_init_free_lists, the sysctl defaults; and the
 * node/zone walkers of mm/mmzone.c.
 *
 *   min_free_kbytes = clamp(int_sqrt(lowmem_kbytes * 16), 128, 262144)
 *        lowmem_kbytes: managed - high watermark of the zones up to
 *        gfp_zone(GFP_USER), i.e. nr_free_buffer_pages() (raised later by
 *        the THP set-up, mm/khugepaged.c)
 *   per zone (lowmem = all zones but HighMem):
 *     min   = pages_min * managed / lowmem_managed
 *             (HighMem: managed/1024 clamped to 32..128)
 *     step  = max(min_share / 4, managed * watermark_scale_factor / 10000)
 *     low   = min + step,  high = low + step,  promo = high + step
 *   lowmem_reserve[j] of zone i < j = (managed of zones i+1..j) / ratio[i]
 *     (ratio DMA 256, DMA32 256, Normal 32, HighMem 0, Movable 0)
 *   totalreserve = sum over zones of min(managed, high + max reserve)
 *
 * The watermark_boost added by fallbacks (mm/page_alloc.c) is reset here.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/printk.h"
#include "linux/nodemask.h"
#include "mmsim/host.h"
#include "mm/page_alloc_internal.h"

#include <string.h>

/* ---- walking nodes and zones (mm/mmzone.c) ---- */

pg_data_t *first_online_pgdat(void)
{
	int nid = first_online_node;

	return nid < MAX_NUMNODES ? NODE_DATA(nid) : NULL;
}

pg_data_t *next_online_pgdat(pg_data_t *pgdat)
{
	int nid = next_node_state(pgdat->node_id, N_ONLINE);

	return nid < MAX_NUMNODES ? NODE_DATA(nid) : NULL;
}

struct zone *next_zone(struct zone *zone)
{
	pg_data_t *pgdat = zone->zone_pgdat;

	if (zone < pgdat->node_zones + MAX_NR_ZONES - 1)
		return zone + 1;
	pgdat = next_online_pgdat(pgdat);
	return pgdat ? pgdat->node_zones : NULL;
}

/* ---- machine state ---- */

static void alloc_cpu_slots(unsigned int n)
{
	struct page_alloc_state *pa = &pa_state;
	unsigned int cpu;

	pa->nr_cpu_slots = n;
	pa->cpu_node = host_alloc(n * sizeof(*pa->cpu_node));
	pa->boot_pageset = host_alloc(n * sizeof(*pa->boot_pageset));
	pa->boot_pageset_ptrs = host_alloc(n * sizeof(void *));
	pa->boot_zonestats = host_alloc(n * sizeof(*pa->boot_zonestats));
	pa->boot_zonestats_ptrs = host_alloc(n * sizeof(void *));
	pa->boot_nodestats = host_alloc(n * sizeof(*pa->boot_nodestats));
	pa->boot_nodestats_ptrs = host_alloc(n * sizeof(void *));
	pa->vm_event_states = host_alloc(n * sizeof(*pa->vm_event_states));
	for (cpu = 0; cpu < n; cpu++) {
		struct per_cpu_pages *pcp = &pa->boot_pageset[cpu];
		int i;

		spin_lock_init(&pcp->lock);
		for (i = 0; i < NR_PCP_LISTS; i++)
			INIT_LIST_HEAD(&pcp->lists[i]);
		pcp->high = BOOT_PAGESET_HIGH;
		pcp->batch = BOOT_PAGESET_BATCH;
		pa->boot_pageset_ptrs[cpu] = pcp;
		pa->boot_zonestats_ptrs[cpu] = &pa->boot_zonestats[cpu];
		pa->boot_nodestats_ptrs[cpu] = &pa->boot_nodestats[cpu];
	}
}

/*
 * More possible CPUs than slots (nr_cpu_ids became known after the
 * machine was made): move the boot arrays to larger ones.  Boot
 * pagesets are empty between calls, their counters are copied, and the
 * zones and nodes still using them are pointed at the new ones.
 */
void pa_grow_cpu_slots(unsigned int n)
{
	struct page_alloc_state *pa = &pa_state, old = *pa;
	unsigned int cpu;
	pg_data_t *pgdat;
	struct zone *zone;

	if (n <= pa->nr_cpu_slots)
		return;
	alloc_cpu_slots(n);
	for (cpu = 0; cpu < old.nr_cpu_slots; cpu++) {
		pa->boot_zonestats[cpu] = old.boot_zonestats[cpu];
		pa->boot_nodestats[cpu] = old.boot_nodestats[cpu];
		pa->vm_event_states[cpu] = old.vm_event_states[cpu];
	}
	if (first_online_pgdat()) {
		for_each_zone(zone) {
			if (zone->per_cpu_pageset == old.boot_pageset_ptrs)
				zone->per_cpu_pageset = pa->boot_pageset_ptrs;
			if (zone->per_cpu_zonestats == old.boot_zonestats_ptrs)
				zone->per_cpu_zonestats = pa->boot_zonestats_ptrs;
		}
		for_each_online_pgdat(pgdat)
			if (pgdat->per_cpu_nodestats == old.boot_nodestats_ptrs)
				pgdat->per_cpu_nodestats = pa->boot_nodestats_ptrs;
	}
	host_free(old.cpu_node);
	host_free(old.boot_pageset);
	host_free(old.boot_pageset_ptrs);
	host_free(old.boot_zonestats);
	host_free(old.boot_zonestats_ptrs);
	host_free(old.boot_nodestats);
	host_free(old.boot_nodestats_ptrs);
	host_free(old.vm_event_states);
}

static void free_cpu_slots(void)
{
	struct page_alloc_state *pa = &pa_state;

	host_free(pa->cpu_node);
	host_free(pa->boot_pageset);
	host_free(pa->boot_pageset_ptrs);
	host_free(pa->boot_zonestats);
	host_free(pa->boot_zonestats_ptrs);
	host_free(pa->boot_nodestats);
	host_free(pa->boot_nodestats_ptrs);
	host_free(pa->vm_event_states);
	pa->cpu_node = NULL;
	pa->boot_pageset = NULL;
	pa->boot_pageset_ptrs = NULL;
	pa->boot_zonestats = NULL;
	pa->boot_zonestats_ptrs = NULL;
	pa->boot_nodestats = NULL;
	pa->boot_nodestats_ptrs = NULL;
	pa->vm_event_states = NULL;
	pa->nr_cpu_slots = 0;
}

/*
 * When the machine is made, before the command line is parsed: the
 * tunables' defaults, the boot pagesets and counters.  Per-CPU arrays
 * get a slot for every CPU the machine has (-smp) or may have (nr_cpu_ids).
 */
void page_alloc_state_init(void)
{
	struct mm_state *mm = &current_machine->mm;
	struct page_alloc_state *pa = &mm->pa;
	unsigned int slots = max(current_machine->desc.smp_cpus, 1u);
	int ratios[MMSIM_MAX_NR_ZONES] = { 0 };

	if (pa->nr_cpu_slots) /* made again (tests): start afresh */
		page_alloc_state_destroy();
	memset(pa, 0, sizeof(*pa));
	pa->cfg_numa = IS_ENABLED(CONFIG_NUMA);
	pa->cfg_highmem = IS_ENABLED(CONFIG_HIGHMEM);
	pa->cfg_cma = IS_ENABLED(CONFIG_CMA);
	pa->cfg_thp = IS_ENABLED(CONFIG_TRANSPARENT_HUGEPAGE);
	pa->cfg_isolation = IS_ENABLED(CONFIG_MEMORY_ISOLATION);
	pa->cfg_hugetlb = IS_ENABLED(CONFIG_HUGETLB_PAGE);
	pa->cfg_pcp_batch_scale_max =
		(int)clamp(CONFIG_VALUE(CONFIG_PCP_BATCH_SCALE_MAX, PCP_BATCH_SCALE_UNLIMITED),
			   0LL, (long long)PCP_BATCH_SCALE_UNLIMITED);
	pa->gfp_allowed_mask = GFP_BOOT_MASK;
	pa->init_on_alloc = IS_ENABLED(CONFIG_INIT_ON_ALLOC_DEFAULT_ON);
	pa->init_on_free = IS_ENABLED(CONFIG_INIT_ON_FREE_DEFAULT_ON);
	pa->nr_online_nodes = 1;
	spin_lock_init(&pa->pcpu_drain_mutex);
	spin_lock_init(&pa->pcp_batch_high_lock);
	spin_lock_init(&pa->wmark_lock);
	thp_flags_init();

	min_free_kbytes = 1024;
	mm->user_min_free_kbytes = -1;
	mm->watermark_boost_factor = 15000;
	mm->watermark_scale_factor = 10;
	mm->percpu_pagelist_high_fraction = 0;
	mm->compaction_proactiveness = 20;
	mm->extfrag_threshold = 500;
	mm->compact_unevictable_allowed = 1;  /* !CONFIG_PREEMPT_RT */
	if (ZONE_DMA >= 0)
		ratios[ZONE_DMA] = 256;
	if (ZONE_DMA32 >= 0)
		ratios[ZONE_DMA32] = 256;
	ratios[ZONE_NORMAL] = 32;
	memcpy(mm->sysctl_lowmem_reserve_ratio, ratios, sizeof(ratios));

	if (current_machine->k_nr_cpu_ids > slots)
		slots = current_machine->k_nr_cpu_ids;
	alloc_cpu_slots(slots);
}

/* Machine teardown: every host allocation of the page allocator (twice is harmless). */
void page_alloc_state_destroy(void)
{
	pa_free_pagesets();
	free_cpu_slots();
}

/* init_on_alloc= and init_on_free= take kstrtobool() values. */
static int parse_bool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	if (!strcmp(s, "1") || !strcmp(s, "y") || !strcmp(s, "Y") ||
	    !strcmp(s, "on"))
		*res = true;
	else if (!strcmp(s, "0") || !strcmp(s, "n") || !strcmp(s, "N") ||
		 !strcmp(s, "off"))
		*res = false;
	else
		return -EINVAL;
	return 0;
}

static int early_init_on_alloc(char *buf)
{
	return parse_bool(buf, &pa_state.init_on_alloc);
}
early_param("init_on_alloc", early_init_on_alloc);

static int early_init_on_free(char *buf)
{
	return parse_bool(buf, &pa_state.init_on_free);
}
early_param("init_on_free", early_init_on_free);

/* ---- page counts ---- */

unsigned long totalram_pages(void)
{
	return (unsigned long)__atomic_load_n(
		&current_machine->mm.totalram_pages.counter, __ATOMIC_RELAXED);
}

void totalram_pages_add(long count)
{
	__atomic_add_fetch(&current_machine->mm.totalram_pages.counter, count,
			   __ATOMIC_RELAXED);
}

unsigned long nr_free_pages(void)
{
	return global_zone_page_state(NR_FREE_PAGES);
}

/*
 * Managed pages above the high watermark, over the zones of this CPU's
 * node's zonelist up to @offset (the zonelist covers every node).
 */
unsigned long nr_free_zone_pages(int offset)
{
	struct zonelist *zonelist = node_zonelist(numa_node_id(), GFP_KERNEL);
	unsigned long sum = 0;
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist(zone, z, zonelist, offset) {
		unsigned long size = zone_managed_pages(zone);
		unsigned long high = high_wmark_pages(zone);

		if (size > high)
			sum += size - high;
	}
	return sum;
}

unsigned long nr_free_buffer_pages(void)
{
	return nr_free_zone_pages(gfp_zone(GFP_USER));
}

/* ---- free lists ---- */

void zone_init_free_lists(struct zone *zone)
{
	unsigned int order;
	int t;

	for (order = 0; order < MAX_ORDER; order++) {
		for (t = 0; t < MMSIM_MAX_MIGRATE_TYPES; t++)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
		zone->free_area[order].nr_free = 0;
	}
}

/* ---- reserves ---- */

/* High watermark plus the largest protection, per zone: pages kept free. */
static void calculate_totalreserve_pages(void)
{
	unsigned long reserve_pages = 0;
	pg_data_t *pgdat;
	int i, j;

	for_each_online_pgdat(pgdat) {
		pgdat->totalreserve_pages = 0;
		for (i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = pgdat->node_zones + i;
			unsigned long managed_pages = zone_managed_pages(zone);
			long max = 0;

			for (j = i; j < MAX_NR_ZONES; j++)
				if (zone->lowmem_reserve[j] > max)
					max = zone->lowmem_reserve[j];
			max += (long)high_wmark_pages(zone);
			if ((unsigned long)max > managed_pages)
				max = (long)managed_pages;
			pgdat->totalreserve_pages += (unsigned long)max;
			reserve_pages += (unsigned long)max;
		}
	}
	current_machine->mm.totalreserve_pages = reserve_pages;
}

/*
 * lowmem_reserve[j] of a zone: how many of its pages an allocation that
 * could have used zone j (a higher one) must leave alone.
 */
static void setup_per_zone_lowmem_reserve(void)
{
	int *ratios = current_machine->mm.sysctl_lowmem_reserve_ratio;
	pg_data_t *pgdat;
	int i, j;

	for_each_online_pgdat(pgdat) {
		for (i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = ratios[i];
			bool clear = !ratio || !zone_managed_pages(zone);
			unsigned long managed_pages = 0;

			for (j = i + 1; j < MAX_NR_ZONES; j++) {
				managed_pages += zone_managed_pages(&pgdat->node_zones[j]);
				zone->lowmem_reserve[j] = clear ? 0 :
					(long)(managed_pages / (unsigned long)ratio);
			}
		}
	}
	calculate_totalreserve_pages();
}

/* ---- watermarks ---- */

static void __setup_per_zone_wmarks(void)
{
	unsigned long pages_min =
		(unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long scale = (unsigned long)current_machine->mm.watermark_scale_factor;
	unsigned long lowmem_pages = 0, flags;
	struct zone *zone;

	for_each_zone(zone)
		if (!is_highmem(zone))
			lowmem_pages += zone_managed_pages(zone);

	for_each_zone(zone) {
		unsigned long managed = zone_managed_pages(zone);
		u64 tmp;

		spin_lock_irqsave(&zone->lock, flags);
		tmp = lowmem_pages ? (u64)pages_min * managed / lowmem_pages : 0;
		if (is_highmem(zone)) {
			/* __GFP_HIGH rarely needs highmem: a small floor only */
			zone->_watermark[WMARK_MIN] =
				clamp(managed / 1024, SWAP_CLUSTER_MAX, 128UL);
		} else {
			zone->_watermark[WMARK_MIN] = (unsigned long)tmp;
		}
		tmp = max_t(u64, tmp >> 2, pa_mult_frac(managed, scale, 10000));
		zone->watermark_boost = 0;
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + (unsigned long)tmp;
		zone->_watermark[WMARK_HIGH] = low_wmark_pages(zone) + (unsigned long)tmp;
		zone->_watermark[WMARK_PROMO] = high_wmark_pages(zone) + (unsigned long)tmp;
		spin_unlock_irqrestore(&zone->lock, flags);
	}
	calculate_totalreserve_pages();
}

/*
 * min_free_kbytes or the zone sizes changed: new watermarks, and new
 * per-CPU batch/high (they follow the low watermark).
 */
void setup_per_zone_wmarks(void)
{
	struct zone *zone;

	pa_refresh_topology();
	spin_lock(&pa_state.wmark_lock);
	__setup_per_zone_wmarks();
	spin_unlock(&pa_state.wmark_lock);
	for_each_zone(zone)
		zone_pcp_update(zone, 0);
}

/* floor(sqrt(x)) */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long b, m, y = 0;

	if (x <= 1)
		return x;
	m = 1UL << ((pa_fls(x) - 1) & ~1);
	while (m) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}

/* min_free_kbytes = sqrt(16 * lowmem kB): 512k at 16 MiB ... 16M at 16 GiB. */
void calculate_min_free_kbytes(void)
{
	struct mm_state *mm = &current_machine->mm;
	unsigned long lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	int new_min_free_kbytes = (int)int_sqrt(lowmem_kbytes * 16);

	if (new_min_free_kbytes > mm->user_min_free_kbytes)
		min_free_kbytes = clamp(new_min_free_kbytes, 128, 262144);
	else
		pr_warn("min_free_kbytes is not updated to %d because user defined value %d is preferred\n",
			new_min_free_kbytes, mm->user_min_free_kbytes);
}

/*
 * postcore_initcall: min_free_kbytes from the memory the allocator
 * manages, then watermarks, pcp sizes, vmstat thresholds and lowmem
 * reserves.  (The NUMA min_unmapped/min_slab ratios come with reclaim.)
 */
int init_per_zone_wmark_min(void)
{
	calculate_min_free_kbytes();
	setup_per_zone_wmarks();
	refresh_zone_stat_thresholds();
	setup_per_zone_lowmem_reserve();
	khugepaged_min_free_kbytes_update();
	return 0;
}

/* ---- the sysctls of /proc/sys/vm (what their handlers do on a write) ---- */

/* min_free_kbytes: an explicit value, kept over later recomputations. */
int min_free_kbytes_sysctl_write(int kbytes)
{
	if (kbytes < 0)
		return -EINVAL;
	min_free_kbytes = kbytes;
	current_machine->mm.user_min_free_kbytes = kbytes;
	setup_per_zone_wmarks();
	return 0;
}

/* watermark_scale_factor: 1..3000 (in 1/10000 of a zone). */
int watermark_scale_factor_sysctl_write(int factor)
{
	if (factor < 1 || factor > 3000)
		return -EINVAL;
	current_machine->mm.watermark_scale_factor = factor;
	setup_per_zone_wmarks();
	return 0;
}

/* lowmem_reserve_ratio: one value per zone; below 1 means no protection. */
int lowmem_reserve_ratio_sysctl_write(const int *ratios, int n)
{
	int i;

	if (n > MAX_NR_ZONES)
		return -EINVAL;
	for (i = 0; i < n; i++)
		current_machine->mm.sysctl_lowmem_reserve_ratio[i] =
			ratios[i] < 1 ? 0 : ratios[i];
	setup_per_zone_lowmem_reserve();
	return 0;
}

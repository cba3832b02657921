// SPDX-License-Identifier: MIT
/*
 * mm/page_alloc_pcp.c — per-CPU page lists (per_cpu_pages).
 *
 * Kernel counterpart: the pcp part of mm/page_alloc.c (Linux 6.1):
 * zone_batchsize, zone_highsize, setup_per_cpu_pageset, rmqueue_bulk,
 * free_pcppages_bulk, free_unref_page, drain_all_pages.
 *
 * Every populated zone has, for every simulated CPU, a per_cpu_pages: a
 * cache of free blocks of orders 0..3 (and THP order) that the CPU takes
 * and returns without the zone lock:
 *
 *   zone->per_cpu_pageset[cpu] --> lock, count, high, batch, free_factor
 *       lists[order * MIGRATE_PCPTYPES + migratetype]   orders 0..3
 *       lists[NR_LOWORDER_PCP_LISTS]                    THP (any type)
 *
 *   allocation: take the list head; an empty list is refilled with
 *               batch >> order blocks from the buddy lists (rmqueue_bulk);
 *   free:       add at the list head; at count >= high, give back
 *               nr_pcp_free() pages, oldest first, round-robin over the
 *               lists (free_pcppages_bulk), doubling the amount while
 *               frees keep coming without allocations (free_factor).
 *
 * Sizes (6.1): batch = rounddown_pow_of_two(1.5 * min(managed/1024,
 * 256) / 4) - 1, at least 1 (63 for zones over 1 GiB); high = low
 * watermark (or managed / percpu_pagelist_high_fraction) split over the
 * CPUs of the zone's node, at least 4 * batch.  Until
 * setup_per_cpu_pageset() runs, every zone uses the boot pagesets (one
 * per CPU, shared by all zones, high 0 and batch 1: nothing is kept).
 *
 * Simulated CPUs are host threads.  A CPU takes its own pcp->lock with
 * trylock; if a remote drain holds it, the allocation goes to the buddy
 * lists and the free to free_one_page(), as in the kernel.  Draining
 * another CPU's list takes that list's lock.  Lock order: pcp->lock,
 * then zone->lock.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "linux/nodemask.h"
#include "mmsim/host.h"
#include "mm/page_alloc_internal.h"

#include <string.h>

static struct per_cpu_pages *this_cpu_pcp(const struct zone *zone)
{
	return zone->per_cpu_pageset[smp_processor_id()];
}

/* ---- CPUs and nodes ---- */

/* num_online_cpus(): the machine's CPUs (mmsim boots them all). */
unsigned int pa_nr_online_cpus(void)
{
	unsigned int n = current_machine->desc.smp_cpus;

	n = max(n, 1u);
	return min(n, pa_state.nr_cpu_slots);
}

/*
 * The node of simulated CPU @cpu, from the machine description (-numa
 * node,cpus=A-B); 0 without one.  (The arch's cpu_to_node() map, which
 * NUMA emulation can change, is not consulted yet.)
 */
static int desc_cpu_to_node(unsigned int cpu)
{
	const struct machine_desc *d = &current_machine->desc;
	unsigned int i;

	for (i = 0; i < d->nr_nodes; i++)
		if (d->nodes[i].cpu_first >= 0 &&
		    (int)cpu >= d->nodes[i].cpu_first &&
		    (int)cpu <= d->nodes[i].cpu_last)
			return (int)i;
	return 0;
}

/* Re-read the CPU -> node map and the number of online nodes. */
void pa_refresh_topology(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < pa_state.nr_cpu_slots; cpu++)
		pa_state.cpu_node[cpu] = desc_cpu_to_node(cpu);
	pa_state.nr_online_nodes = max(num_online_nodes(), 1);
}

int numa_node_id(void)
{
	return machine_numa_node_id(current_machine);
}

/*
 * cpumask_of_node(nid) over the online CPUs: their ids into @cpus (up to
 * @max of them, when @cpus is not NULL); returns how many there are.
 */
unsigned int pa_cpus_of_node(int nid, int *cpus, unsigned int max)
{
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < pa_nr_online_cpus(); cpu++) {
		if (pa_state.cpu_node[cpu] != nid)
			continue;
		if (cpus && n < max)
			cpus[n] = (int)cpu;
		n++;
	}
	return n;
}

/* cpumask_weight(cpumask_of_node(nid)). */
static unsigned int nr_cpus_of_node(int nid)
{
	return pa_cpus_of_node(nid, NULL, 0);
}

/* ---- sizes ---- */

/* Pages moved between a pcp list and the buddy lists at once. */
int zone_batchsize(struct zone *zone)
{
	unsigned long batch;

	/* the cap: 1 MiB of pages in 6.1 (512 KiB before 5.x: mm.pcp_batch_cap) */
	batch = min(zone_managed_pages(zone) >> 10,
		    (unsigned long)(profile_u64(current_machine->profile,
						"mm.pcp_batch_cap", SZ_1M) / PAGE_SIZE));
	batch /= 4;
	if (batch < 1)
		batch = 1;
	/* 2^n - 1: a power of two aliases badly in the caches */
	return (int)pa_rounddown_pow_of_two(batch + batch / 2) - 1;
}

/*
 * Pages a CPU may keep before freeing back: the low watermark (so a full
 * set of lists does not wake kswapd by itself), split over the node's
 * CPUs, plus @cpu_online for a CPU that is coming up.
 */
int zone_highsize(struct zone *zone, int batch, int cpu_online)
{
	int fraction = current_machine->mm.percpu_pagelist_high_fraction;
	unsigned long total_pages;
	unsigned int nr_split_cpus;
	int high;

	if (!fraction)
		total_pages = low_wmark_pages(zone);
	else
		total_pages = zone_managed_pages(zone) / (unsigned long)fraction;
	nr_split_cpus = nr_cpus_of_node(zone_to_nid(zone)) + (unsigned int)cpu_online;
	if (!nr_split_cpus)
		nr_split_cpus = pa_nr_online_cpus();
	high = (int)(total_pages / nr_split_cpus);
	return max(high, batch << 2);
}

static void pageset_update(struct per_cpu_pages *pcp, int high, int batch)
{
	__atomic_store_n(&pcp->batch, batch, __ATOMIC_RELAXED);
	__atomic_store_n(&pcp->high, high, __ATOMIC_RELAXED);
}

static void per_cpu_pages_init(struct per_cpu_pages *pcp,
			       struct per_cpu_zonestat *pzstats)
{
	int pindex;

	memset(pcp, 0, sizeof(*pcp));
	memset(pzstats, 0, sizeof(*pzstats));
	spin_lock_init(&pcp->lock);
	for (pindex = 0; pindex < NR_PCP_LISTS; pindex++)
		INIT_LIST_HEAD(&pcp->lists[pindex]);
	pcp->high = BOOT_PAGESET_HIGH;
	pcp->batch = BOOT_PAGESET_BATCH;
}

static void zone_set_pageset_high_and_batch(struct zone *zone, int cpu_online)
{
	int new_batch = max(1, zone_batchsize(zone));
	int new_high = zone_highsize(zone, new_batch, cpu_online);
	unsigned int cpu;

	if (zone->pageset_high == new_high && zone->pageset_batch == new_batch)
		return;
	zone->pageset_high = new_high;
	zone->pageset_batch = new_batch;
	for (cpu = 0; cpu < pa_state.nr_cpu_slots; cpu++)
		pageset_update(zone_pcp(zone, (int)cpu), new_high, new_batch);
}

/* The zone's managed pages or watermarks changed: new batch and high. */
void zone_pcp_update(struct zone *zone, int cpu_online)
{
	if (zone->per_cpu_pageset == pa_state.boot_pageset_ptrs)
		return; /* still on the boot pagesets: nothing to size */
	spin_lock(&pa_state.pcp_batch_high_lock);
	zone_set_pageset_high_and_batch(zone, cpu_online);
	spin_unlock(&pa_state.pcp_batch_high_lock);
}

/*
 * /proc/sys/vm/percpu_pagelist_high_fraction: 0 (high follows the low
 * watermark) or at least 8 (high = managed / fraction over the CPUs).
 */
int percpu_pagelist_high_fraction_sysctl_write(int fraction)
{
	struct zone *zone;

	if (fraction < 0 ||
	    (fraction && fraction < MIN_PERCPU_PAGELIST_HIGH_FRACTION))
		return -EINVAL;
	spin_lock(&pa_state.pcp_batch_high_lock);
	if (fraction != current_machine->mm.percpu_pagelist_high_fraction) {
		current_machine->mm.percpu_pagelist_high_fraction = fraction;
		for_each_populated_zone(zone)
			if (zone->per_cpu_pageset != pa_state.boot_pageset_ptrs)
				zone_set_pageset_high_and_batch(zone, 0);
	}
	spin_unlock(&pa_state.pcp_batch_high_lock);
	return 0;
}

/* ---- set-up ---- */

/*
 * free_area_init_core(): the zone starts on the boot pagesets (and its
 * node on the boot node statistics).
 */
void zone_pcp_init(struct zone *zone)
{
	zone->per_cpu_pageset = pa_state.boot_pageset_ptrs;
	zone->per_cpu_zonestats = pa_state.boot_zonestats_ptrs;
	zone->pageset_high = BOOT_PAGESET_HIGH;
	zone->pageset_batch = BOOT_PAGESET_BATCH;
	if (zone->zone_pgdat && !zone->zone_pgdat->per_cpu_nodestats)
		zone->zone_pgdat->per_cpu_nodestats = pa_state.boot_nodestats_ptrs;
	if (populated_zone(zone))
		zone_debug("  %s zone: %lu pages, LIFO batch:%u\n", zone->name,
			   zone->present_pages, (unsigned int)zone_batchsize(zone));
}

/* Host-allocated [cpu] array of @size-byte objects and its pointer table. */
static void **alloc_percpu_table(size_t size)
{
	unsigned int n = pa_state.nr_cpu_slots, cpu;
	void **ptrs = host_alloc(n * sizeof(void *));
	char *objs = host_alloc(n * size);

	for (cpu = 0; cpu < n; cpu++)
		ptrs[cpu] = objs + cpu * size;
	return ptrs;
}

static void free_percpu_table(void **ptrs)
{
	if (!ptrs)
		return;
	host_free(ptrs[0]);
	host_free(ptrs);
}

static void setup_zone_pageset(struct zone *zone)
{
	unsigned int cpu;

	zone->per_cpu_zonestats = (struct per_cpu_zonestat **)
		alloc_percpu_table(sizeof(struct per_cpu_zonestat));
	zone->per_cpu_pageset = (struct per_cpu_pages **)
		alloc_percpu_table(sizeof(struct per_cpu_pages));
	for (cpu = 0; cpu < pa_state.nr_cpu_slots; cpu++)
		per_cpu_pages_init(zone_pcp(zone, (int)cpu),
				   zone_pzstats(zone, (int)cpu));
	zone_set_pageset_high_and_batch(zone, 0);
}

/*
 * start_kernel(), after mm_init(): real pagesets for every populated
 * zone, per-CPU node statistics for every node.  Unpopulated zones keep
 * the boot pagesets.  Counters already in the boot deltas stay there
 * (they are folded by cpu_vm_stats_fold()).
 */
void setup_per_cpu_pageset(void)
{
	pg_data_t *pgdat;
	struct zone *zone;
	unsigned int cpu;

	pa_grow_cpu_slots(nr_cpu_ids);
	pa_refresh_topology();
	for_each_populated_zone(zone)
		setup_zone_pageset(zone);
	if (pa_state.cfg_numa)
		for (cpu = 0; cpu < pa_state.nr_cpu_slots; cpu++)
			memset(pa_state.boot_zonestats[cpu].vm_numa_event, 0,
			       sizeof(pa_state.boot_zonestats[cpu].vm_numa_event));
	for_each_online_pgdat(pgdat)
		pgdat->per_cpu_nodestats = (struct per_cpu_nodestat **)
			alloc_percpu_table(sizeof(struct per_cpu_nodestat));
}

/* Free what setup_per_cpu_pageset() allocated (machine teardown). */
void pa_free_pagesets(void)
{
	pg_data_t *pgdat;
	struct zone *zone;

	pgdat = first_online_pgdat();
	/* a panic before free_area_init(): no zone is linked to its node */
	if (!pgdat || !pgdat->node_zones[0].zone_pgdat)
		return;
	for_each_zone(zone) {
		if (zone->per_cpu_pageset &&
		    zone->per_cpu_pageset != pa_state.boot_pageset_ptrs) {
			free_percpu_table((void **)zone->per_cpu_pageset);
			free_percpu_table((void **)zone->per_cpu_zonestats);
		}
		zone->per_cpu_pageset = NULL;
		zone->per_cpu_zonestats = NULL;
	}
	for_each_online_pgdat(pgdat) {
		if (pgdat->per_cpu_nodestats &&
		    pgdat->per_cpu_nodestats != pa_state.boot_nodestats_ptrs)
			free_percpu_table((void **)pgdat->per_cpu_nodestats);
		pgdat->per_cpu_nodestats = NULL;
	}
}

/*
 * pcp->count changes under pcp->lock, but drain_all_pages() peeks at
 * every CPU's count without it (a stale value only skips or adds a
 * drain, as in the kernel): the store is atomic so that peek is no race.
 */
static inline void pcp_count_add(struct per_cpu_pages *pcp, int nr)
{
	__atomic_store_n(&pcp->count, pcp->count + nr, __ATOMIC_RELAXED);
}

/* ---- between the pcp lists and the buddy lists ---- */

/*
 * Give @count pages of @pcp back to the buddy lists: oldest blocks
 * first (list tail), round-robin over the lists, starting with @pindex.
 * Caller holds pcp->lock.
 */
static void free_pcppages_bulk(struct zone *zone, int count,
			       struct per_cpu_pages *pcp, int pindex)
{
	int min_pindex = 0, max_pindex = NR_PCP_LISTS - 1;
	bool isolated_pageblocks;
	unsigned int order;
	struct page *page;

	count = min(pcp->count, count);
	pindex = pindex - 1;
	spin_lock(&zone->lock);
	isolated_pageblocks = has_isolate_pageblock(zone);
	while (count > 0) {
		struct list_head *list;
		int nr_pages;

		do {
			if (++pindex > max_pindex)
				pindex = min_pindex;
			list = &pcp->lists[pindex];
			if (!list_empty(list))
				break;
			if (pindex == max_pindex)
				max_pindex--;
			if (pindex == min_pindex)
				min_pindex++;
		} while (1);

		order = (unsigned int)pindex_to_order((unsigned int)pindex);
		nr_pages = 1 << order;
		do {
			int mt;

			page = list_last_entry(list, struct page, pcp_list);
			mt = get_pcppage_migratetype(page);
			list_del(&page->pcp_list);
			count -= nr_pages;
			pcp_count_add(pcp, -nr_pages);
			/* the free path did not check the head page (no DEBUG_VM) */
			if (free_page_is_bad(page))
				continue;
			VM_BUG_ON(is_migrate_isolate(mt));
			if (unlikely(isolated_pageblocks))
				mt = get_pageblock_migratetype(page);
			__free_one_page(page, page_to_pfn(page), zone, order, mt,
					FPI_NONE);
		} while (count > 0 && !list_empty(list));
	}
	spin_unlock(&zone->lock);
}

/*
 * Move up to @count blocks of @order from the buddy lists to @list (in
 * physical order, at the tail), under one hold of the zone lock.
 * Returns how many arrived.  Caller holds the pcp lock.
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order,
			unsigned long count, struct list_head *list,
			int migratetype, unsigned int alloc_flags)
{
	unsigned long i;
	int allocated = 0;

	spin_lock(&zone->lock);
	for (i = 0; i < count; ++i) {
		struct page *page = __rmqueue(zone, order, migratetype,
					      alloc_flags);

		if (unlikely(!page))
			break;
		if (unlikely(check_new_pages(page, order)))
			continue;
		list_add_tail(&page->pcp_list, list);
		allocated++;
		if (is_migrate_cma(get_pcppage_migratetype(page)))
			__mod_zone_page_state(zone, NR_FREE_CMA_PAGES,
					      -(1L << order));
	}
	/* i blocks left the buddy lists, even those check_new_pages() kept */
	__mod_zone_page_state(zone, NR_FREE_PAGES, -(long)(i << order));
	spin_unlock(&zone->lock);
	return allocated;
}

/* Take a block off @list, refilling it from the buddy lists when empty. */
static struct page *__rmqueue_pcplist(struct zone *zone, unsigned int order,
				      int migratetype, unsigned int alloc_flags,
				      struct per_cpu_pages *pcp,
				      struct list_head *list)
{
	struct page *page;

	if (list_empty(list)) {
		int batch = __atomic_load_n(&pcp->batch, __ATOMIC_RELAXED);
		int alloced;

		/* boot pagesets (batch 1) must not keep pages of any zone */
		if (batch > 1)
			batch = max(batch >> order, 2);
		alloced = rmqueue_bulk(zone, order, (unsigned long)batch, list,
				       migratetype, alloc_flags);
		pcp_count_add(pcp, alloced << order);
		if (unlikely(list_empty(list)))
			return NULL;
	}
	page = list_first_entry(list, struct page, pcp_list);
	list_del(&page->pcp_list);
	pcp_count_add(pcp, -(1 << order));
	return page;
}

/* Allocate from this CPU's list of @zone; NULL if empty or busy. */
struct page *rmqueue_pcplist(struct zone *preferred_zone, struct zone *zone,
			     unsigned int order, int migratetype,
			     unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(zone);
	struct list_head *list;
	struct page *page;

	if (!spin_trylock(&pcp->lock))
		return NULL; /* a remote drain is running */
	pcp->free_factor >>= 1; /* an allocation: free in smaller batches */
	list = &pcp->lists[order_to_pindex(migratetype, (int)order)];
	page = __rmqueue_pcplist(zone, order, migratetype, alloc_flags, pcp,
				 list);
	spin_unlock(&pcp->lock);
	if (page) {
		struct machine *m = current_machine;

		/* __count_zid_vm_events(PGALLOC, page_zonenum(page), ...) */
		machine_count_vm_events(m, PGALLOC_BASE + machine_page_zonenum(m, page),
					1L << order);
		zone_statistics(preferred_zone, zone, 1);
	}
	return page;
}

/*
 * How many pages to free once a list reaches high: batch, doubled for
 * every overflow since the last allocation (up to
 * CONFIG_PCP_BATCH_SCALE_MAX doublings), between batch and high - batch.
 */
static int nr_pcp_free(struct per_cpu_pages *pcp, int high, int batch,
		       bool free_high)
{
	int min_nr_free, max_nr_free;

	if (unlikely(free_high))
		return pcp->count;
	if (unlikely(high < batch))
		return 1; /* boot pageset, or pcp disabled */
	min_nr_free = batch;
	max_nr_free = high - batch;
	batch <<= pcp->free_factor;
	if (batch < max_nr_free &&
	    pcp->free_factor < pa_state.cfg_pcp_batch_scale_max)
		pcp->free_factor++;
	return clamp(batch, min_nr_free, max_nr_free);
}

static int nr_pcp_high(struct per_cpu_pages *pcp, struct zone *zone,
		       bool free_high)
{
	int high = __atomic_load_n(&pcp->high, __ATOMIC_RELAXED);

	if (unlikely(!high || free_high))
		return 0;
	if (!zone_test_flag(zone, ZONE_RECLAIM_ACTIVE))
		return high;
	return min(__atomic_load_n(&pcp->batch, __ATOMIC_RELAXED) << 2, high);
}

static bool free_unref_page_prepare(struct page *page, unsigned long pfn,
				    unsigned int order)
{
	if (!free_pages_prepare(page, order, false, FPI_NONE))
		return false;
	set_pcppage_migratetype(page, (int)__get_pfnblock_flags_mask(current_machine,
						page, pfn, MIGRATETYPE_MASK));
	return true;
}

static void free_unref_page_commit(struct zone *zone, struct per_cpu_pages *pcp,
				   struct page *page, int migratetype,
				   unsigned int order)
{
	int high, pindex;
	bool free_high;

	machine_count_vm_events(current_machine, PGFREE, 1L << order);
	pindex = (int)order_to_pindex(migratetype, (int)order);
	list_add(&page->pcp_list, &pcp->lists[pindex]);
	pcp_count_add(pcp, 1 << order);
	/*
	 * High orders other than THP fragment memory: while this CPU only
	 * frees, give them back at once.
	 */
	free_high = pcp->free_factor && order && order <= PAGE_ALLOC_COSTLY_ORDER;
	high = nr_pcp_high(pcp, zone, free_high);
	if (pcp->count >= high) {
		int batch = __atomic_load_n(&pcp->batch, __ATOMIC_RELAXED);

		free_pcppages_bulk(zone, nr_pcp_free(pcp, high, batch, free_high),
				   pcp, pindex);
	}
}

/*
 * Free a block of a pcp order to this CPU's list.  Highatomic blocks go
 * on the movable list (their cached type sends them back to the reserve
 * when drained); isolated ones straight to the buddy lists.
 */
void free_unref_page(struct page *page, unsigned int order)
{
	const struct machine *m = current_machine;
	unsigned long pfn = machine_page_to_pfn(m, page);
	struct per_cpu_pages *pcp;
	struct zone *zone;
	int migratetype;

	if (!free_unref_page_prepare(page, pfn, order))
		return;
	migratetype = get_pcppage_migratetype(page);
	if (unlikely(migratetype >= MIGRATE_PCPTYPES)) {
		if (unlikely(is_migrate_isolate(migratetype))) {
			free_one_page(page_zone(page), page, pfn, order,
				      migratetype, FPI_NONE);
			return;
		}
		migratetype = MIGRATE_MOVABLE;
	}
	zone = machine_page_zone(m, page);
	pcp = this_cpu_pcp(zone);
	if (spin_trylock(&pcp->lock)) {
		free_unref_page_commit(zone, pcp, page, migratetype, order);
		spin_unlock(&pcp->lock);
	} else {
		free_one_page(zone, page, pfn, order, migratetype, FPI_NONE);
	}
}

/* Free a list (linked by lru) of order-0 pages. */
void free_unref_page_list(struct list_head *list)
{
	struct per_cpu_pages *pcp = NULL;
	struct zone *locked_zone = NULL;
	struct page *page, *next;
	unsigned long batch_count = 0;
	int migratetype;

	list_for_each_entry_safe(page, next, list, lru) {
		unsigned long pfn = page_to_pfn(page);

		if (!free_unref_page_prepare(page, pfn, 0)) {
			list_del(&page->lru);
			continue;
		}
		migratetype = get_pcppage_migratetype(page);
		if (unlikely(is_migrate_isolate(migratetype))) {
			list_del(&page->lru);
			free_one_page(page_zone(page), page, pfn, 0, migratetype,
				      FPI_NONE);
		}
	}

	list_for_each_entry_safe(page, next, list, lru) {
		struct zone *zone = page_zone(page);

		list_del(&page->lru);
		if (zone != locked_zone) {
			if (pcp)
				spin_unlock(&pcp->lock);
			locked_zone = zone;
			pcp = this_cpu_pcp(zone);
			spin_lock(&pcp->lock);
		}
		migratetype = get_pcppage_migratetype(page);
		if (unlikely(migratetype >= MIGRATE_PCPTYPES))
			migratetype = MIGRATE_MOVABLE;
		free_unref_page_commit(zone, pcp, page, migratetype, 0);
		if (++batch_count == SWAP_CLUSTER_MAX) {
			spin_unlock(&pcp->lock);
			batch_count = 0;
			spin_lock(&pcp->lock);
		}
	}
	if (pcp)
		spin_unlock(&pcp->lock);
}

/* ---- draining ---- */

/*
 * Empty @cpu's list of @zone into the buddy lists (any CPU may call), at
 * most batch << CONFIG_PCP_BATCH_SCALE_MAX pages per hold of its lock.
 */
static void drain_pages_zone(int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = zone_pcp(zone, cpu);
	int count;

	do {
		spin_lock(&pcp->lock);
		count = pcp->count;
		if (count) {
			int to_drain = count;

			if (pa_state.cfg_pcp_batch_scale_max < PCP_BATCH_SCALE_UNLIMITED)
				to_drain = min(count, pcp->batch <<
						      pa_state.cfg_pcp_batch_scale_max);
			free_pcppages_bulk(zone, to_drain, pcp, 0);
			count -= to_drain;
		}
		spin_unlock(&pcp->lock);
	} while (count);
}

static void drain_pages(int cpu)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		drain_pages_zone(cpu, zone);
}

/* This CPU's lists of @zone (all zones when NULL). */
void drain_local_pages(struct zone *zone)
{
	int cpu = smp_processor_id();

	if (zone)
		drain_pages_zone(cpu, zone);
	else
		drain_pages(cpu);
}

static bool cpu_has_pcps(int cpu, struct zone *zone)
{
	struct zone *z;

	if (zone)
		return __atomic_load_n(&zone_pcp(zone, cpu)->count,
				       __ATOMIC_RELAXED) != 0;
	for_each_populated_zone(z)
		if (__atomic_load_n(&zone_pcp(z, cpu)->count, __ATOMIC_RELAXED))
			return true;
	return false;
}

/*
 * Every CPU's lists of @zone (all zones when NULL).  The kernel sends a
 * work item to each CPU with pages; here the caller drains the remote
 * lists itself, under their locks.  A drain of all zones while another
 * is running is skipped, as in the kernel.
 */
void drain_all_pages(struct zone *zone)
{
	unsigned int cpu;

	if (!spin_trylock(&pa_state.pcpu_drain_mutex)) {
		if (!zone)
			return;
		spin_lock(&pa_state.pcpu_drain_mutex);
	}
	for (cpu = 0; cpu < pa_nr_online_cpus(); cpu++) {
		if (!cpu_has_pcps((int)cpu, zone))
			continue;
		if (zone)
			drain_pages_zone((int)cpu, zone);
		else
			drain_pages((int)cpu);
	}
	spin_unlock(&pa_state.pcpu_drain_mutex);
}

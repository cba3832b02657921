// SPDX-License-Identifier: MIT
/*
 * mm/vmstat.c — zone, node and NUMA counters with per-CPU deltas.
 *
 * Kernel counterpart: mm/vmstat.c (Linux 6.1): __mod_zone_page_state,
 * __mod_node_page_state, calculate_normal_threshold,
 * refresh_zone_stat_thresholds, fold_vm_numa_events, cpu_vm_stats_fold,
 * and the counter names of vmstat_text[].
 *
 * A change is first added to the current CPU's s8 delta; when the delta
 * passes the CPU's stat_threshold it is added to the zone (or node)
 * counter and to the global counter, and the delta restarts at 0:
 *
 *   delta += n;  if (|delta| > threshold) { zone += delta; global += delta;
 *                                           delta = 0; }
 *
 * The threshold grows with the CPU count and the zone size (at most 125):
 *   threshold = 2 * fls(online CPUs) * (1 + fls(managed pages / 128 MiB)).
 * A zone's node counters use the largest threshold of its node's zones.
 *
 * Only the running simulated CPU writes its deltas, so they need no lock;
 * the zone and global counters are atomic.  Before setup_per_cpu_pageset()
 * every zone uses the boot deltas (threshold 0: every change is folded at
 * once).
 */
#include "linux/kernel.h"
#include "linux/smp.h"
#include "linux/nodemask.h"
#include "mm/page_alloc_internal.h"

#include <stdlib.h>

/* Counter names (vmstat_text[]), in the enums' order. */
static const char *const zone_stat_names[NR_VM_ZONE_STAT_ITEMS] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon",
	"nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable",
	"nr_zone_write_pending", "nr_mlock", "nr_bounce", "nr_zspages",
	"nr_free_cma",
};

static const char *const numa_stat_names[NR_VM_NUMA_EVENT_ITEMS] = {
	"numa_hit", "numa_miss", "numa_foreign", "numa_interleave",
	"numa_local", "numa_other",
};

static const char *const node_stat_names[NR_VM_NODE_STAT_ITEMS] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file",
	"nr_active_file", "nr_unevictable", "nr_slab_reclaimable",
	"nr_slab_unreclaimable", "nr_isolated_anon", "nr_isolated_file",
	"workingset_nodes", "workingset_refault_anon",
	"workingset_refault_file", "workingset_activate_anon",
	"workingset_activate_file", "workingset_restore_anon",
	"workingset_restore_file", "workingset_nodereclaim", "nr_anon_pages",
	"nr_mapped", "nr_file_pages", "nr_dirty", "nr_writeback",
	"nr_writeback_temp", "nr_shmem", "nr_shmem_hugepages",
	"nr_shmem_pmdmapped", "nr_file_hugepages", "nr_file_pmdmapped",
	"nr_anon_transparent_hugepages", "nr_vmscan_write",
	"nr_vmscan_immediate_reclaim", "nr_dirtied", "nr_written",
	"nr_throttled_written", "nr_kernel_misc_reclaimable",
	"nr_foll_pin_acquired", "nr_foll_pin_released", "nr_kernel_stack",
	"nr_page_table_pages", "nr_sec_page_table_pages", "nr_swapcached",
	"pgpromote_success", "pgpromote_candidate",
};

const char *zone_stat_name(enum zone_stat_item item)
{
	return zone_stat_names[item];
}

const char *numa_stat_name(enum numa_stat_item item)
{
	return numa_stat_names[item];
}

const char *node_stat_name(enum node_stat_item item)
{
	return node_stat_names[item];
}

/* Items the kernel counts in bytes but keeps in pages. */
static bool vmstat_item_in_bytes(int item)
{
	return item == NR_SLAB_RECLAIMABLE_B || item == NR_SLAB_UNRECLAIMABLE_B;
}

static inline long atomic_long_read(const atomic_long_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_long_add(long x, atomic_long_t *v)
{
	__atomic_add_fetch(&v->counter, x, __ATOMIC_RELAXED);
}

static inline s8 read_s8(const s8 *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static unsigned long clamp_positive(long x)
{
	return x < 0 ? 0 : (unsigned long)x;
}

/* ---- VM events ---- */

void __count_vm_events(enum vm_event_item item, long delta)
{
	machine_count_vm_events(current_machine, item, delta);
}

unsigned long sum_vm_event(enum vm_event_item item)
{
	unsigned long sum = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < pa_state.nr_cpu_slots; cpu++)
		sum += __atomic_load_n(&pa_state.vm_event_states[cpu].event[item],
				       __ATOMIC_RELAXED);
	return sum;
}

/* ---- changing counters ---- */

static void zone_page_state_add(long x, struct zone *zone,
				enum zone_stat_item item)
{
	atomic_long_add(x, &zone->vm_stat[item]);
	atomic_long_add(x, &pa_state.vm_zone_stat[item]);
}

static void node_page_state_add(long x, pg_data_t *pgdat,
				enum node_stat_item item)
{
	atomic_long_add(x, &pgdat->vm_stat[item]);
	atomic_long_add(x, &pa_state.vm_node_stat[item]);
}

void __mod_zone_page_state(struct zone *zone, enum zone_stat_item item,
			   long delta)
{
	struct per_cpu_zonestat *pcp = zone_pzstats(zone, smp_processor_id());
	s8 *p = &pcp->vm_stat_diff[item];
	long x = delta + *p;

	if (unlikely(labs(x) > pcp->stat_threshold)) {
		zone_page_state_add(x, zone, item);
		x = 0;
	}
	__atomic_store_n(p, (s8)x, __ATOMIC_RELAXED);
}

void __mod_node_page_state(pg_data_t *pgdat, enum node_stat_item item,
			   long delta)
{
	struct per_cpu_nodestat *pcp =
		pgdat->per_cpu_nodestats[smp_processor_id()];
	s8 *p = &pcp->vm_node_stat_diff[item];
	long x;

	if (vmstat_item_in_bytes(item)) {
		VM_WARN_ON_ONCE(delta & (long)(PAGE_SIZE - 1));
		delta >>= PAGE_SHIFT;
	}
	x = delta + *p;
	if (unlikely(labs(x) > pcp->stat_threshold)) {
		node_page_state_add(x, pgdat, item);
		x = 0;
	}
	__atomic_store_n(p, (s8)x, __ATOMIC_RELAXED);
}

void __mod_zone_freepage_state(struct zone *zone, long nr_pages,
			       int migratetype)
{
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
	if (is_migrate_cma(migratetype))
		__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, nr_pages);
}

/* ---- reading counters ---- */

unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item)
{
	return clamp_positive(atomic_long_read(&zone->vm_stat[item]));
}

unsigned long zone_page_state_snapshot(const struct zone *zone,
				       enum zone_stat_item item)
{
	long x = atomic_long_read(&zone->vm_stat[item]);
	unsigned int cpu;

	for (cpu = 0; cpu < pa_nr_online_cpus(); cpu++)
		x += read_s8(&zone_pzstats(zone, (int)cpu)->vm_stat_diff[item]);
	return clamp_positive(x);
}

unsigned long global_zone_page_state(enum zone_stat_item item)
{
	return clamp_positive(atomic_long_read(&pa_state.vm_zone_stat[item]));
}

unsigned long global_node_page_state_pages(enum node_stat_item item)
{
	return clamp_positive(atomic_long_read(&pa_state.vm_node_stat[item]));
}

unsigned long global_node_page_state(enum node_stat_item item)
{
	VM_WARN_ON_ONCE(vmstat_item_in_bytes(item));
	return global_node_page_state_pages(item);
}

/*
 * The exact value of a node counter over all nodes: the global count plus
 * every CPU's pending delta (what a fold would give; read only).
 */
unsigned long global_node_page_state_snapshot(enum node_stat_item item)
{
	long x = atomic_long_read(&pa_state.vm_node_stat[item]);
	pg_data_t *pgdat;
	unsigned int cpu;

	for_each_online_pgdat(pgdat) {
		if (!pgdat->per_cpu_nodestats)
			continue;
		for (cpu = 0; cpu < pa_nr_online_cpus(); cpu++)
			x += read_s8(&pgdat->per_cpu_nodestats[cpu]->vm_node_stat_diff[item]);
	}
	return clamp_positive(x);
}

unsigned long node_page_state_pages(pg_data_t *pgdat, enum node_stat_item item)
{
	return clamp_positive(atomic_long_read(&pgdat->vm_stat[item]));
}

unsigned long node_page_state(pg_data_t *pgdat, enum node_stat_item item)
{
	VM_WARN_ON_ONCE(vmstat_item_in_bytes(item));
	return node_page_state_pages(pgdat, item);
}

unsigned long sum_zone_node_page_state(int node, enum zone_stat_item item)
{
	pg_data_t *pgdat = NODE_DATA(node);
	unsigned long count = 0;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		count += zone_page_state(&pgdat->node_zones[i], item);
	return count;
}

unsigned long zone_numa_event_state(const struct zone *zone,
				    enum numa_stat_item item)
{
	return (unsigned long)atomic_long_read(&zone->vm_numa_event[item]);
}

unsigned long global_numa_event_state(enum numa_stat_item item)
{
	return (unsigned long)atomic_long_read(&pa_state.vm_numa_event[item]);
}

unsigned long sum_zone_numa_event_state(int node, enum numa_stat_item item)
{
	pg_data_t *pgdat = NODE_DATA(node);
	unsigned long count = 0;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		count += zone_numa_event_state(&pgdat->node_zones[i], item);
	return count;
}

/* ---- folding ---- */

static void fold_vm_zone_numa_events(struct zone *zone)
{
	unsigned long events[NR_VM_NUMA_EVENT_ITEMS] = { 0 };
	unsigned int cpu;
	int item;

	for (cpu = 0; cpu < pa_nr_online_cpus(); cpu++) {
		struct per_cpu_zonestat *pz = zone_pzstats(zone, (int)cpu);

		for (item = 0; item < NR_VM_NUMA_EVENT_ITEMS; item++)
			events[item] += __atomic_exchange_n(
				&pz->vm_numa_event[item], 0, __ATOMIC_RELAXED);
	}
	for (item = 0; item < NR_VM_NUMA_EVENT_ITEMS; item++) {
		atomic_long_add((long)events[item], &zone->vm_numa_event[item]);
		atomic_long_add((long)events[item], &pa_state.vm_numa_event[item]);
	}
}

void fold_vm_numa_events(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		fold_vm_zone_numa_events(zone);
}

/*
 * Move @n per-CPU deltas (@diff, each taken and zeroed at once) into the
 * counters of their zone or node (@stat) and the global sums (@global);
 * the number of counters that moved.  Zones and nodes share it: only
 * their item counts and arrays differ.
 */
static int fold_pcp_diffs(s8 *diff, int n, atomic_long_t *stat, atomic_long_t *global)
{
	int item, changes = 0;

	for (item = 0; item < n; item++) {
		s8 v = __atomic_exchange_n(&diff[item], 0, __ATOMIC_RELAXED);

		if (v) {
			atomic_long_add(v, &stat[item]);
			atomic_long_add(v, &global[item]);
			changes++;
		}
	}
	return changes;
}

/* Fold every zone and node delta of @cpu; the number of counters that moved. */
static int fold_cpu_diffs(int cpu)
{
	pg_data_t *pgdat;
	struct zone *zone;
	int changes = 0;

	for_each_zone(zone)
		if (zone->per_cpu_zonestats)
			changes += fold_pcp_diffs(zone_pzstats(zone, cpu)->vm_stat_diff,
						  NR_VM_ZONE_STAT_ITEMS, zone->vm_stat,
						  pa_state.vm_zone_stat);
	for_each_online_pgdat(pgdat)
		if (pgdat->per_cpu_nodestats)
			changes += fold_pcp_diffs(pgdat->per_cpu_nodestats[cpu]->vm_node_stat_diff,
						  NR_VM_NODE_STAT_ITEMS, pgdat->vm_stat,
						  pa_state.vm_node_stat);
	return changes;
}

/*
 * Fold every delta of @cpu into the zone, node and global counters.  The
 * CPU must not be changing counters meanwhile (a dead CPU in the kernel;
 * a paused or joined host thread here).
 */
void cpu_vm_stats_fold(int cpu)
{
	fold_cpu_diffs(cpu);
}

/*
 * Fold the running CPU's zone and node deltas into the counters and
 * return how many counters moved (the kernel's refresh_cpu_vm_stats
 * without the remote per-CPU list draining of do_pagesets).
 */
int refresh_cpu_vm_stats(bool do_pagesets)
{
	(void)do_pagesets;
	return fold_cpu_diffs(smp_processor_id());
}

/*
 * The running CPU goes idle with its tick stopped: its deltas are folded
 * so that a quiet CPU leaves no drift behind (what makes the counters
 * exact after boot and across a sleep).  No-op before the per-CPU
 * statistics exist.
 */
void quiet_vmstat(void)
{
	if (!pa_state.nr_cpu_slots)
		return;
	refresh_cpu_vm_stats(false);
}

/*
 * Every online CPU folds its deltas, as each does when it goes idle:
 * used where the whole machine is quiet (the end of boot, a sleep).
 */
void vm_stats_fold_all(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < pa_nr_online_cpus(); cpu++)
		cpu_vm_stats_fold((int)cpu);
	if (pa_state.cfg_numa)
		fold_vm_numa_events();
}

/* ---- thresholds ---- */

/* Small enough that the drift cannot cross the min watermark unseen. */
int calculate_pressure_threshold(struct zone *zone)
{
	int distance = (int)(low_wmark_pages(zone) - min_wmark_pages(zone));
	int threshold = max(1, distance / (int)pa_nr_online_cpus());

	return min(125, threshold);
}

int calculate_normal_threshold(struct zone *zone)
{
	unsigned long mem = zone_managed_pages(zone) >> (27 - PAGE_SHIFT);
	int threshold = 2 * pa_fls(pa_nr_online_cpus()) * (1 + pa_fls(mem));

	return min(125, threshold);
}

/*
 * Give every online CPU its zones' thresholds, and every node the
 * largest of its populated zones'.  Zones where the possible drift
 * exceeds the low-min distance get a percpu_drift_mark, below which
 * watermark checks read the exact (snapshot) free count.
 */
void refresh_zone_stat_thresholds(void)
{
	unsigned int cpu, ncpus = pa_nr_online_cpus();
	pg_data_t *pgdat;
	struct zone *zone;

	for_each_online_pgdat(pgdat)
		for (cpu = 0; cpu < ncpus; cpu++)
			pgdat->per_cpu_nodestats[cpu]->stat_threshold = 0;

	for_each_populated_zone(zone) {
		int threshold = calculate_normal_threshold(zone);
		unsigned long max_drift, tolerate_drift;

		pgdat = zone->zone_pgdat;
		for (cpu = 0; cpu < ncpus; cpu++) {
			struct per_cpu_nodestat *pn = pgdat->per_cpu_nodestats[cpu];

			zone_pzstats(zone, (int)cpu)->stat_threshold = (s8)threshold;
			pn->stat_threshold = (s8)max(threshold,
						     (int)pn->stat_threshold);
		}
		tolerate_drift = low_wmark_pages(zone) - min_wmark_pages(zone);
		max_drift = (unsigned long)ncpus * (unsigned long)threshold;
		if (max_drift > tolerate_drift)
			zone->percpu_drift_mark = high_wmark_pages(zone) + max_drift;
	}
}

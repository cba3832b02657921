// SPDX-License-Identifier: MIT
/*
 * mm/swap_slots.c — per-CPU caches of swap slots.
 *
 * Kernel counterpart: mm/swap_slots.c (Linux 6.1): folio_alloc_swap,
 * refill_swap_slots_cache, free_swap_slot, check_cache_active,
 * enable_swap_slots_cache, deactivate/reactivate, drain.
 *
 * Each CPU takes SWAP_SLOTS_CACHE_SIZE (64) slots from the areas in one
 * get_swap_pages() call and hands them out one per page being swapped;
 * slots given back are gathered the same way and freed 64 at a time.
 * Slots in either cache are "in use" for the areas (inuse_pages,
 * /proc/swaps' Used and SwapFree count them):
 *
 *   cpu N:  slots[cur .. cur+nr)   taken, not yet given to a page
 *           slots_ret[0 .. n_ret)  given back, map byte SWAP_HAS_CACHE
 *
 * The caches are active while free swap is above
 * THRESHOLD_ACTIVATE_SWAP_SLOTS_CACHE pages per online CPU and go off
 * (drained) below THRESHOLD_DEACTIVATE_...; no CPU hotplug in mmsim, so
 * every possible CPU has its cache from the first swapon.
 *
 * Locks, as 6.1's: each cache's alloc_lock (a mutex) guards its
 * allocation side and free_lock (a spinlock) its free side, so that a
 * drain from another CPU (deactivation) can empty them;
 * swap_slots_cache_mutex serialises turning the caches on and off.  The
 * switches are read without it (READ_ONCE), as 6.1 reads them.  Order:
 * swap_slots_cache_mutex -> alloc_lock -> si->lock (get_swap_pages);
 * free_lock -> si->lock (swapcache_free_entries).
 */
#include "linux/kernel.h"
#include "linux/cpumask.h"
#include "linux/smp.h"
#include "linux/mm.h"
#include "linux/swap.h"
#include "linux/atomic.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/swap_state.h"

/* CPUs online: those brought up at boot (mmsim does no hotplug). */
static unsigned int num_online_cpus(void)
{
	return current_machine->nr_present_cpus;
}

static bool use_swap_slot_cache(void)
{
	struct swap_state *s = mmsim_swap_state();

	return READ_ONCE(s->swap_slot_cache_active) && READ_ONCE(s->swap_slot_cache_enabled);
}

static struct swap_slots_cache *this_cpu_slots(void)
{
	return &mmsim_swap_state()->swp_slots[smp_processor_id()];
}

/* Give back the slots @cache holds (both sides). */
static void drain_slots_cache_cpu(struct swap_slots_cache *cache)
{
	mutex_lock(&cache->alloc_lock);
	if (cache->nr) {
		swapcache_free_entries(cache->slots + cache->cur, cache->nr);
		cache->cur = 0;
		cache->nr = 0;
	}
	mutex_unlock(&cache->alloc_lock);
	spin_lock_irq(&cache->free_lock);
	if (cache->n_ret) {
		swapcache_free_entries(cache->slots_ret, cache->n_ret);
		cache->n_ret = 0;
	}
	spin_unlock_irq(&cache->free_lock);
}

static void deactivate_swap_slots_cache(void)
{
	struct swap_state *s = mmsim_swap_state();
	unsigned int cpu;

	mutex_lock(&s->swap_slots_cache_mutex);
	WRITE_ONCE(s->swap_slot_cache_active, false);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		drain_slots_cache_cpu(&s->swp_slots[cpu]);
	mutex_unlock(&s->swap_slots_cache_mutex);
}

static void reactivate_swap_slots_cache(void)
{
	struct swap_state *s = mmsim_swap_state();

	mutex_lock(&s->swap_slots_cache_mutex);
	WRITE_ONCE(s->swap_slot_cache_active, READ_ONCE(s->k_total_swap_pages) > 0);
	mutex_unlock(&s->swap_slots_cache_mutex);
}

/* Turn the caches on or off as free swap crosses the thresholds. */
static bool check_cache_active(void)
{
	struct swap_state *s = mmsim_swap_state();
	long pages = get_nr_swap_pages();

	if (!READ_ONCE(s->swap_slot_cache_enabled))
		return false;
	if (!READ_ONCE(s->swap_slot_cache_active)) {
		if (pages > (long)(num_online_cpus() * THRESHOLD_ACTIVATE_SWAP_SLOTS_CACHE))
			reactivate_swap_slots_cache();
		return READ_ONCE(s->swap_slot_cache_active);
	}
	if (pages < (long)(num_online_cpus() * THRESHOLD_DEACTIVATE_SWAP_SLOTS_CACHE))
		deactivate_swap_slots_cache();
	return READ_ONCE(s->swap_slot_cache_active);
}

/* alloc_swap_slot_cache for every CPU, then the switches (swapon). */
void enable_swap_slots_cache(void)
{
	struct swap_state *s = mmsim_swap_state();
	unsigned int cpu;

	if (!s->swap_slot_cache_initialized) {
		s->swp_slots = host_alloc(sizeof(*s->swp_slots) * nr_cpu_ids);
		for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
			struct swap_slots_cache *c = &s->swp_slots[cpu];

			c->slots = host_alloc(sizeof(swp_entry_t) * SWAP_SLOTS_CACHE_SIZE);
			c->slots_ret = host_alloc(sizeof(swp_entry_t) * SWAP_SLOTS_CACHE_SIZE);
			mutex_init(&c->alloc_lock);
			spin_lock_init(&c->free_lock);
			c->lock_initialized = true;
		}
		s->swap_slot_cache_initialized = true;
	}
	mutex_lock(&s->swap_slots_cache_mutex);
	WRITE_ONCE(s->swap_slot_cache_enabled, s->k_total_swap_pages > 0);   /* has_usable_swap */
	mutex_unlock(&s->swap_slots_cache_mutex);
}

static int refill_swap_slots_cache(struct swap_slots_cache *cache)
{
	mutex_assert_held(&cache->alloc_lock);
	if (!use_swap_slot_cache())
		return 0;
	cache->cur = 0;
	cache->nr = get_swap_pages(SWAP_SLOTS_CACHE_SIZE, cache->slots, 1);
	return cache->nr;
}

/* A slot whose last reference went: batched back to the areas. */
void free_swap_slot(swp_entry_t entry)
{
	struct swap_state *s = mmsim_swap_state();
	struct swap_slots_cache *cache;

	if (!use_swap_slot_cache() || !s->swp_slots) {
		swapcache_free_entries(&entry, 1);
		return;
	}
	cache = this_cpu_slots();
	spin_lock_irq(&cache->free_lock);
	if (!use_swap_slot_cache()) {
		/* turned off (and drained) while we came: free it directly */
		spin_unlock_irq(&cache->free_lock);
		swapcache_free_entries(&entry, 1);
		return;
	}
	if (cache->n_ret >= SWAP_SLOTS_CACHE_SIZE) {
		swapcache_free_entries(cache->slots_ret, cache->n_ret);
		cache->n_ret = 0;
	}
	cache->slots_ret[cache->n_ret++] = entry;
	spin_unlock_irq(&cache->free_lock);
}

/*
 * folio_alloc_swap: a slot for @folio (order 0), from this CPU's cache,
 * refilled when empty, else straight from the areas.  val 0 = no swap.
 */
swp_entry_t folio_alloc_swap(struct folio *folio)
{
	struct swap_state *s = mmsim_swap_state();
	swp_entry_t entry = { 0 };

	if (folio_test_large(folio))
		return entry;     /* THP swap needs SSD clusters: not on this disk */
	if (s->swp_slots && check_cache_active()) {
		struct swap_slots_cache *cache = this_cpu_slots();

		mutex_lock(&cache->alloc_lock);
		if (cache->nr || refill_swap_slots_cache(cache)) {
			entry = cache->slots[cache->cur];
			cache->slots[cache->cur++].val = 0;
			cache->nr--;
		}
		mutex_unlock(&cache->alloc_lock);
		if (entry.val)
			return entry;
	}
	get_swap_pages(1, &entry, 1);
	return entry;
}

// SPDX-License-Identifier: MIT
/*
 * mm/vmscan_kswapd.c — reclaim at the node and machine level: direct
 * reclaim for an allocation that failed, kswapd for a node that fell
 * below its low watermark, the slab shrinkers, vm.swappiness.
 *
 * Kernel counterpart: mm/vmscan.c (Linux 6.1): shrink_node,
 * shrink_zones, do_try_to_free_pages, try_to_free_pages, pgdat_balanced,
 * prepare_kswapd_sleep, kswapd_shrink_node, balance_pgdat,
 * kswapd_try_to_sleep, kswapd, wakeup_kswapd, kswapd_run, kswapd_stop,
 * zone_reclaimable_pages, snapshot_refaults, shrink_slab,
 * register_shrinker; fs/drop_caches.c.
 *
 *   __alloc_pages_slowpath --wake_all_kswapds--> wakeup_kswapd(zone)
 *        |                                        kswapd: balance_pgdat
 *        |                                        (priority 12 down to 1
 *        |                                        until a zone of the
 *        |                                        node passes its HIGH
 *        |                                        mark, boost included)
 *        +-- __perform_reclaim --> try_to_free_pages
 *                                  (priority 12 down to 0, until
 *                                  SWAP_CLUSTER_MAX pages are reclaimed)
 *
 * kswapd is a kernel thread of the simulated machine.  Its step function
 * runs one round of a priority pass of balance_pgdat (SWAP_CLUSTER_MAX
 * pages of each list at most: shrink_lruvec's loop; struct kswapd_balance
 * keeps the rest of the call between steps) and returns 0 (cond_resched:
 * runnable again), HZ/10 when the pass met pages it wrote still under writeback
 * (reclaim_throttle(VMSCAN_THROTTLE_WRITEBACK): it sleeps until the timeout
 * or until the disk has finished SWAP_CLUSTER_MAX writes since) at the end
 * of a pass, or, once
 * the node is balanced, the HZ/10 nap and then sleep until woken.  On an
 * SMP machine that lets it run beside the task by the simulated clock
 * (kernel/kthread.c).  Direct reclaim throttles the task itself where 6.1
 * does: CONGESTED (kswapd saw only pages written for reclaim) and
 * NOPROGRESS (nothing at priority 1), one jiffy each.
 */
#include "linux/kernel.h"
#include "linux/compaction.h"
#include "linux/string.h"
#include "linux/nodemask.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mm_inline.h"
#include "linux/swap_lru.h"
#include "linux/vmstat.h"
#include "linux/printk.h"
#include "linux/kthread.h"
#include "linux/timer.h"
#include "linux/sched.h"
#include "mm/vmscan_internal.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"
#include "mmsim/lru_state.h"
#include "mmsim/machine.h"
#include "mmsim/host.h"
#include "mmsim/sim_cost.h"

#include <stdarg.h>
#include "linux/atomic.h"

/* ---- vm.swappiness ---- */

int vm_swappiness_get(void)
{
	return mmsim_lru_state()->swappiness;
}

int vm_swappiness_set(int val)
{
	if (val < 0 || val > 200)
		return -EINVAL;
	mmsim_lru_state()->swappiness = val;
	return 0;
}

/* ---- shrinkers ---- */

int register_shrinker(struct shrinker *shrinker, const char *fmt, ...)
{
	(void)fmt;
	shrinker->nr_deferred = 0;
	list_add_tail(&shrinker->list, &mmsim_lru_state()->shrinkers);
	return 0;
}

void unregister_shrinker(struct shrinker *shrinker)
{
	list_del(&shrinker->list);
}

/*
 * Ask one shrinker for a share of its objects proportional to the LRU
 * pressure (do_shrink_slab): freeable >> priority, times 4 / seeks.
 */
static unsigned long do_shrink_slab(struct shrink_control *sc,
				    struct shrinker *shrinker, int priority)
{
	unsigned long freeable = shrinker->count_objects(shrinker, sc);
	unsigned long freed = 0, batch = shrinker->batch ? (unsigned long)shrinker->batch : 128;
	unsigned long delta, total_scan;

	if (!freeable || freeable == SHRINK_EMPTY)
		return 0;
	if (shrinker->seeks) {
		delta = freeable >> priority;
		delta *= 4;
		delta /= (unsigned long)shrinker->seeks;
	} else {
		delta = freeable / 2;
	}
	total_scan = (unsigned long)shrinker->nr_deferred + delta;
	total_scan = min(total_scan, 2 * freeable);
	while (total_scan >= batch || total_scan >= freeable) {
		unsigned long ret, nr_to_scan = min(batch, total_scan);

		sc->nr_to_scan = nr_to_scan;
		sc->nr_scanned = nr_to_scan;
		ret = shrinker->scan_objects(shrinker, sc);
		if (ret == SHRINK_STOP)
			break;
		freed += ret;
		count_vm_events(SLABS_SCANNED, (long)sc->nr_scanned);
		total_scan -= sc->nr_scanned;
		if (!total_scan)
			break;
	}
	shrinker->nr_deferred = (long)min(total_scan, 2 * freeable);
	return freed;
}

unsigned long shrink_slab(gfp_t gfp_mask, int nid, int priority)
{
	struct shrinker *shrinker;
	unsigned long freed = 0;

	list_for_each_entry(shrinker, &mmsim_lru_state()->shrinkers, list) {
		struct shrink_control sc = { .gfp_mask = gfp_mask, .nid = nid };
		unsigned long ret = do_shrink_slab(&sc, shrinker, priority);

		if (ret != SHRINK_EMPTY)
			freed += ret;
	}
	return freed;
}

/* echo 2 > drop_caches: shrink every cache until little comes back. */
void drop_slab(void)
{
	int nid, shift = 0;
	unsigned long freed;

	do {
		freed = 0;
		for_each_online_node(nid)
			freed += shrink_slab(GFP_KERNEL, nid, 0);
	} while ((freed >> shift++) > 1);
}

/* ---- shrinking a node ---- */

/* The pages of @zone reclaim could free (anon only with swap). */
unsigned long zone_reclaimable_pages(struct zone *zone)
{
	unsigned long nr;

	nr = zone_page_state_snapshot(zone, NR_ZONE_INACTIVE_FILE) +
	     zone_page_state_snapshot(zone, NR_ZONE_ACTIVE_FILE);
	if (vmscan_nr_swap_pages() > 0)
		nr += zone_page_state_snapshot(zone, NR_ZONE_INACTIVE_ANON) +
		      zone_page_state_snapshot(zone, NR_ZONE_ACTIVE_ANON);
	return nr;
}

/* Remember the refault counts of this cycle (prepare_scan_count's baseline). */
static void snapshot_refaults(pg_data_t *pgdat)
{
	struct lruvec *lruvec = &pgdat->__lruvec;

	if (lru_gen_enabled())
		return;
	lruvec->refaults[0] = node_page_state(pgdat, WORKINGSET_ACTIVATE_ANON);
	lruvec->refaults[1] = node_page_state(pgdat, WORKINGSET_ACTIVATE_FILE);
}

/* ---- reclaim_throttle ---- */

/*
 * skip_throttle_noprogress: no point waiting when kswapd gave up or when
 * few of the reclaimable pages are waiting to be written.
 */
static bool skip_throttle_noprogress(pg_data_t *pgdat)
{
	unsigned long reclaimable = 0, write_pending = 0;
	int i;

	if (READ_ONCE(pgdat->kswapd_failures) >= MAX_RECLAIM_RETRIES)
		return true;
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;

		if (!managed_zone(zone))
			continue;
		reclaimable += zone_reclaimable_pages(zone);
		write_pending += zone_page_state_snapshot(zone, NR_ZONE_WRITE_PENDING);
	}
	return 2 * write_pending <= reclaimable;
}

/*
 * The task's reclaim_throttle: it sleeps (one jiffy for CONGESTED and
 * NOPROGRESS, HZ/50 for ISOLATED) while the clock moves on and the
 * threads run.  Kernel threads other than kswapd are never throttled;
 * kswapd's own (WRITEBACK) is the end of its step, kswapd_step.
 */
void reclaim_throttle(pg_data_t *pgdat, enum vmscan_throttle_state reason)
{
	unsigned long timeout;

	if (!current || kthread_current())
		return;
	switch (reason) {
	case VMSCAN_THROTTLE_CONGESTED:
	case VMSCAN_THROTTLE_NOPROGRESS:
		if (skip_throttle_noprogress(pgdat))
			return;
		timeout = 1;
		break;
	case VMSCAN_THROTTLE_ISOLATED:
		timeout = HZ / 50;
		break;
	default:
		timeout = HZ / 10;
		break;
	}
	sim_task_sleep(timeout * (NSEC_PER_SEC / HZ));
}

void reclaim_throttle_wake(pg_data_t *pgdat)
{
	struct kswapd_node *kn = &mmsim_lru_state()->kswapd[pgdat->node_id];

	if (kn->balance && kn->balance->throttled && pgdat->kswapd)
		wake_up_process(pgdat->kswapd);
}

static void clear_pgdat_congested(pg_data_t *pgdat)
{
	pgdat->__lruvec.flags &= ~(1UL << LRUVEC_CONGESTED);
	pgdat->flags &= ~(1UL << PGDAT_DIRTY | 1UL << PGDAT_WRITEBACK);
}

/*
 * shrink_node in two parts around shrink_lruvec's rounds (kswapd runs
 * them a step each): the begin sets the scan up, the end shrinks the
 * slab caches and notes what kswapd saw (PGDAT_WRITEBACK, PGDAT_DIRTY,
 * LRUVEC_CONGESTED) or throttles a direct reclaimer on a congested node.
 */
static void shrink_node_begin(pg_data_t *pgdat, struct scan_control *sc,
			      struct lruvec_scan *ls)
{
	memset(&sc->nr, 0, sizeof(sc->nr));
	prepare_scan_count(pgdat, sc);
	shrink_lruvec_begin(&pgdat->__lruvec, sc, ls);
}

static void shrink_node_end(pg_data_t *pgdat, struct scan_control *sc,
			    struct lruvec_scan *ls, unsigned long nr_reclaimed)
{
	shrink_lruvec_end(&pgdat->__lruvec, sc, ls);
	shrink_slab(sc->gfp_mask, pgdat->node_id, sc->priority);
	sc->nr_reclaimed += sc->nr_slab_reclaimed;
	sc->nr_slab_reclaimed = 0;
	if (current_is_kswapd()) {
		if (sc->nr.writeback && sc->nr.writeback == sc->nr.taken)
			pgdat->flags |= 1UL << PGDAT_WRITEBACK;
		if (sc->nr.unqueued_dirty == sc->nr.file_taken)
			pgdat->flags |= 1UL << PGDAT_DIRTY;
		/* nr.immediate: kswapd's step ends in reclaim_throttle */
		if (sc->nr.dirty && sc->nr.dirty == sc->nr.congested)
			pgdat->__lruvec.flags |= 1UL << LRUVEC_CONGESTED;
	} else if (pgdat->__lruvec.flags & (1UL << LRUVEC_CONGESTED)) {
		reclaim_throttle(pgdat, VMSCAN_THROTTLE_CONGESTED);
	}
	if (sc->nr_reclaimed - nr_reclaimed)
		WRITE_ONCE(pgdat->kswapd_failures, 0);  /* plain in 6.1; read by kswapd */
}

static void shrink_node(pg_data_t *pgdat, struct scan_control *sc)
{
	unsigned long nr_reclaimed = sc->nr_reclaimed;
	struct lruvec_scan ls;

	shrink_node_begin(pgdat, sc, &ls);
	while (shrink_lruvec_batch(&pgdat->__lruvec, sc, &ls))
		sim_task_point(false);  /* cond_resched_tasks_rcu_qs */
	shrink_node_end(pgdat, sc, &ls, nr_reclaimed);
}

static bool node_allowed(const unsigned long *nodemask, int nid)
{
	return !nodemask || (nodemask[nid / BITS_PER_LONG] >> (nid % BITS_PER_LONG)) & 1;
}

/* Each node of the zonelist once, from the zones up to sc->reclaim_idx. */
static void shrink_zones(struct zonelist *zonelist, struct scan_control *sc)
{
	pg_data_t *last_pgdat = NULL;
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist_nodemask(zone, z, zonelist, sc->reclaim_idx,
					sc->nodemask) {
		if (!managed_zone(zone) || !node_allowed(sc->nodemask, zone_to_nid(zone)))
			continue;
		if (zone->zone_pgdat == last_pgdat)
			continue;
		last_pgdat = zone->zone_pgdat;
		shrink_node(zone->zone_pgdat, sc);
	}
}

static unsigned long do_try_to_free_pages(struct zonelist *zonelist,
					  struct scan_control *sc)
{
	struct zoneref *z;
	struct zone *zone;

	count_vm_events(ALLOCSTALL_BASE + sc->reclaim_idx, 1);
	do {
		shrink_zones(zonelist, sc);
		/* consider_reclaim_throttle: nothing even at priority 1 */
		if (sc->priority == 1 && !sc->nr_reclaimed &&
		    sc->nr_reclaimed <= (sc->nr_scanned >> 3))
			reclaim_throttle(first_zones_zonelist(zonelist, sc->reclaim_idx,
				sc->nodemask)->zone->zone_pgdat, VMSCAN_THROTTLE_NOPROGRESS);
		if (sc->nr_reclaimed >= sc->nr_to_reclaim)
			break;
		if (sc->priority < DEF_PRIORITY - 2)
			sc->may_writepage = 1;
	} while (--sc->priority >= 0);
	for_each_zone_zonelist_nodemask(zone, z, zonelist, sc->reclaim_idx,
					sc->nodemask)
		snapshot_refaults(zone->zone_pgdat);
	if (sc->nr_reclaimed)
		return sc->nr_reclaimed;
	/* nothing reclaimed: retry once with every active list deactivated */
	if (sc->skipped_deactivate) {
		sc->priority = DEF_PRIORITY;
		sc->force_deactivate = 1;
		sc->skipped_deactivate = 0;
		return do_try_to_free_pages(zonelist, sc);
	}
	return 0;
}

/*
 * Direct reclaim for an allocation of 2^@order pages that found no free
 * memory (counted as an allocstall of the highest zone it may use):
 * pages reclaimed.
 */
unsigned long try_to_free_pages(struct zonelist *zonelist, int order,
				gfp_t gfp_mask, const unsigned long *nodemask)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp_mask,
		.reclaim_idx = gfp_zone(gfp_mask),
		.order = order,
		.nodemask = nodemask,
		.priority = DEF_PRIORITY,
		.may_writepage = 1,
		.may_unmap = 1,
		.may_swap = 1,
	};
	unsigned long ret;

	ret = do_try_to_free_pages(zonelist, &sc);
	return ret;
}

/* ---- kswapd ---- */

/* Does some zone up to @highest_zoneidx pass its HIGH mark at @order? */
static bool pgdat_balanced(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	bool any = false;
	int i;

	for (i = 0; i <= highest_zoneidx && i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;

		if (!managed_zone(zone))
			continue;
		any = true;
		if (zone_watermark_ok_safe(zone, (unsigned int)order,
					   high_wmark_pages(zone), highest_zoneidx))
			return true;
	}
	return !any;
}

static bool pgdat_watermark_boosted(pg_data_t *pgdat, int highest_zoneidx)
{
	int i;

	for (i = highest_zoneidx; i >= 0; i--)
		if (pgdat->node_zones[i].watermark_boost)
			return true;
	return false;
}

static bool prepare_kswapd_sleep(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	if (READ_ONCE(pgdat->kswapd_failures) >= MAX_RECLAIM_RETRIES)
		return true;
	if (pgdat_balanced(pgdat, order, highest_zoneidx)) {
		clear_pgdat_congested(pgdat);
		return true;
	}
	return false;
}

/*
 * kswapd_shrink_node: reclaim toward the high marks of the zones up to
 * sc->reclaim_idx.  Its shrink_node runs a round a step: the begin here,
 * the rounds and kswapd_shrink_node_end in kswapd_step.
 */
static void kswapd_shrink_node_begin(struct kswapd_balance *b, pg_data_t *pgdat)
{
	struct scan_control *sc = &b->sc;
	int z;

	sc->nr_to_reclaim = 0;
	for (z = 0; z <= sc->reclaim_idx; z++) {
		struct zone *zone = pgdat->node_zones + z;

		if (managed_zone(zone))
			sc->nr_to_reclaim += max(high_wmark_pages(zone), SWAP_CLUSTER_MAX);
	}
	b->node_reclaimed = sc->nr_reclaimed;
	shrink_node_begin(pgdat, sc, &b->scan);
}

/* True when enough was scanned that the priority need not rise. */
static bool kswapd_shrink_node_end(struct kswapd_balance *b, pg_data_t *pgdat)
{
	struct scan_control *sc = &b->sc;

	shrink_node_end(pgdat, sc, &b->scan, b->node_reclaimed);
	if (sc->order && sc->nr_reclaimed >= (2UL << sc->order))
		sc->order = 0;              /* compact_gap: leave it to compaction */
	return sc->nr_scanned >= sc->nr_to_reclaim;
}

/*
 * While kswapd balances the node (6.1's set/clear_reclaim_active), each
 * zone it reclaims for is ZONE_RECLAIM_ACTIVE: a per-CPU free list then
 * holds at most four batches before it gives pages back to the buddy
 * lists (nr_pcp_high), so kswapd's frees, on its own CPU's lists, reach
 * the free count the task's watermark checks read sooner.
 */
static void update_reclaim_active(pg_data_t *pgdat, int highest_zoneidx, bool active)
{
	int i;

	for (i = 0; i <= highest_zoneidx && i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;

		if (!managed_zone(zone))
			continue;
		if (active)
			zone_set_flag(zone, ZONE_RECLAIM_ACTIVE);
		else
			zone_clear_flag(zone, ZONE_RECLAIM_ACTIVE);
	}
}

/* balance_pgdat's start: the boosts to reclaim first, priority 12. */
static void balance_pgdat_begin(struct kswapd_balance *b, pg_data_t *pgdat,
				int order, int highest_zoneidx)
{
	int i;

	memset(b, 0, sizeof(*b));
	b->active = true;
	b->highest_zoneidx = highest_zoneidx;
	b->sc.gfp_mask = GFP_KERNEL;
	b->sc.order = order;
	b->sc.may_unmap = 1;
	b->sc.priority = DEF_PRIORITY;
	count_vm_event(PAGEOUTRUN);
	for (i = 0; i <= highest_zoneidx; i++) {
		struct zone *zone = pgdat->node_zones + i;

		if (!managed_zone(zone))
			continue;
		b->nr_boost_reclaim += zone->watermark_boost;
		b->zone_boosts[i] = zone->watermark_boost;
	}
	b->boosted = b->nr_boost_reclaim;
	update_reclaim_active(pgdat, highest_zoneidx, true);
}

/*
 * The start of one priority pass of balance_pgdat: PASS_OVER when the
 * call is over (balanced), PASS_AGAIN when the boost was given up (the
 * next pass restarts at priority 12), PASS_BEGUN when its shrink_node
 * has begun (b->in_pass).
 */
enum { PASS_OVER, PASS_AGAIN, PASS_BEGUN };

static int balance_pgdat_pass_begin(struct kswapd_balance *b, pg_data_t *pgdat)
{
	struct scan_control *sc = &b->sc;
	bool balanced;

	sc->reclaim_idx = b->highest_zoneidx;
	balanced = pgdat_balanced(pgdat, sc->order, b->highest_zoneidx);
	if (!balanced && b->nr_boost_reclaim) {
		b->nr_boost_reclaim = 0;            /* restart without the boost */
		sc->priority = DEF_PRIORITY;
		return PASS_AGAIN;
	}
	if (!b->nr_boost_reclaim && balanced) {
		b->balanced = true;                 /* balance_pgdat's "goto out" */
		return PASS_OVER;
	}
	sc->may_writepage = !b->nr_boost_reclaim;
	sc->may_swap = !b->nr_boost_reclaim;
	kswapd_age_node(pgdat, sc);
	if (sc->priority < DEF_PRIORITY - 2)
		sc->may_writepage = 1;
	sc->nr_scanned = 0;
	b->pass_reclaimed = sc->nr_reclaimed;
	kswapd_shrink_node_begin(b, pgdat);
	b->in_pass = true;
	return PASS_BEGUN;
}

/*
 * The end of the pass, once its last round ran: false when the call is
 * over (out of priorities, or the boost made no progress).
 */
static bool balance_pgdat_pass_end(struct kswapd_balance *b, pg_data_t *pgdat)
{
	struct scan_control *sc = &b->sc;
	unsigned long nr_reclaimed;
	bool raise_priority = true;

	b->in_pass = false;
	/* the boost's reclaim stays at priority 10 and above: no writeback */
	if (b->nr_boost_reclaim && sc->priority == DEF_PRIORITY - 2)
		raise_priority = false;
	if (kswapd_shrink_node_end(b, pgdat))
		raise_priority = false;
	nr_reclaimed = sc->nr_reclaimed - b->pass_reclaimed;
	b->nr_boost_reclaim -= min(b->nr_boost_reclaim, nr_reclaimed);
	if (b->nr_boost_reclaim && !nr_reclaimed)
		return false;
	if (raise_priority || !nr_reclaimed)
		sc->priority--;
	return sc->priority >= 1;
}

/*
 * Take back the boosts balance_pgdat started from.  The allocator raises
 * a boost under zone->lock (boost_watermark), so the decrement takes it
 * too, as 6.1's balance_pgdat does; watermark checks read it unlocked.
 */
static void balance_pgdat_unboost(struct kswapd_balance *b, pg_data_t *pgdat)
{
	unsigned long flags;
	int i;

	for (i = 0; i <= b->highest_zoneidx; i++) {
		struct zone *zone = pgdat->node_zones + i;

		if (!b->zone_boosts[i])
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		zone->watermark_boost -= min(zone->watermark_boost, b->zone_boosts[i]);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/* balance_pgdat's end: the boosts it took back; the order it ended at. */
static int balance_pgdat_end(struct kswapd_balance *b, pg_data_t *pgdat)
{
	b->active = false;
	update_reclaim_active(pgdat, b->highest_zoneidx, false);
	if (!b->balanced && !b->sc.nr_reclaimed)
		WRITE_ONCE(pgdat->kswapd_failures, READ_ONCE(pgdat->kswapd_failures) + 1);
	if (b->boosted) {
		balance_pgdat_unboost(b, pgdat);
		/* the boost came from a fallback: pageblocks are worth compacting */
		wakeup_kcompactd(pgdat, pageblock_order, b->highest_zoneidx);
	}
	snapshot_refaults(pgdat);
	return b->sc.order;
}

/* kswapd_highest_zoneidx: MAX_NR_ZONES means "nobody asked". */
static int kswapd_zoneidx(pg_data_t *pgdat, int prev)
{
	int curr = READ_ONCE(pgdat->kswapd_highest_zoneidx);

	return curr == MAX_NR_ZONES ? prev : curr;
}

/* reclaim_throttle(VMSCAN_THROTTLE_WRITEBACK) as kswapd's step's end. */
static long kswapd_throttle(struct kswapd_balance *b, pg_data_t *pgdat)
{
	b->throttled = true;
	if (++pgdat->nr_writeback_throttled == 1)
		pgdat->nr_reclaim_start = node_page_state(pgdat, NR_THROTTLED_WRITTEN);
	return HZ / 10;
}

/*
 * One round of the pass under way, begun first if none is: true while
 * the balance_pgdat call goes on.  A pass's rounds are the steps of the
 * thread, so a task on another CPU runs between two of them (its clock
 * against kswapd's, kernel/kthread.c), as it does beside the real
 * kswapd's loop; on one CPU a step is a slice's worth of rounds.
 */
static bool kswapd_pass_step(struct kswapd_balance *b, pg_data_t *pgdat)
{
	b->pass_ended = false;
	if (!b->in_pass) {
		switch (balance_pgdat_pass_begin(b, pgdat)) {
		case PASS_OVER:
			return false;
		case PASS_AGAIN:
			return true;
		}
	}
	if (shrink_lruvec_batch(&pgdat->__lruvec, &b->sc, &b->scan))
		return true;
	b->pass_ended = true;
	return balance_pgdat_pass_end(b, pgdat);
}

/*
 * One step of kswapd for the node @data: after a nap of HZ/10 the node
 * either is still balanced (sleep until woken) or has fallen again
 * (count it, reclaim again); otherwise one priority pass of
 * balance_pgdat, begun on a wake-up.  Returns the jiffies to sleep, 0 to
 * go on (cond_resched), or MAX_SCHEDULE_TIMEOUT.
 */
static long kswapd_step(void *data)
{
	pg_data_t *pgdat = data;
	struct lru_state *ls = mmsim_lru_state();
	struct kswapd_node *kn = &ls->kswapd[pgdat->node_id];
	struct kswapd_balance *b = kn->balance;
	int alloc_order, reclaim_order;
	bool more;

	if (b->throttled) {
		b->throttled = false;
		pgdat->nr_writeback_throttled--;
	}
	if (!b->active) {
		if (kn->napping) {
			kn->napping = false;
			if (READ_ONCE(kn->woken))
				count_vm_event(KSWAPD_LOW_WMARK_HIT_QUICKLY);
			else if (prepare_kswapd_sleep(pgdat, kn->reclaim_order, kn->zoneidx))
				return MAX_SCHEDULE_TIMEOUT;     /* kswapd_wait: until woken */
			else
				count_vm_event(KSWAPD_HIGH_WMARK_HIT_QUICKLY);
		}
		WRITE_ONCE(kn->woken, false);
		WRITE_ONCE(pgdat->kswapd_wait_active, false);
		kn->alloc_order = READ_ONCE(pgdat->kswapd_order);
		kn->zoneidx = kswapd_zoneidx(pgdat, kn->zoneidx);
		WRITE_ONCE(pgdat->kswapd_order, 0);
		WRITE_ONCE(pgdat->kswapd_highest_zoneidx, MAX_NR_ZONES);
		balance_pgdat_begin(b, pgdat, kn->alloc_order, kn->zoneidx);
	}
	__atomic_store_n(&ls->kswapd_cpu, smp_processor_id(), __ATOMIC_RELAXED);
	__atomic_store_n(&ls->kswapd_current, pgdat, __ATOMIC_RELAXED);
	more = kswapd_pass_step(b, pgdat);
	__atomic_store_n(&ls->kswapd_current, NULL, __ATOMIC_RELAXED);
	/* shrink_node's end: pages of its own still under writeback */
	if (more)
		return !b->in_pass && b->pass_ended && b->sc.nr.immediate ?
		       kswapd_throttle(b, pgdat) : 0;
	alloc_order = kn->alloc_order;
	reclaim_order = balance_pgdat_end(b, pgdat);
	kn->reclaim_order = reclaim_order;
	if (prepare_kswapd_sleep(pgdat, reclaim_order, kn->zoneidx)) {
		/* kswapd_try_to_sleep: compaction for the order asked, then the nap */
		wakeup_kcompactd(pgdat, alloc_order, kn->zoneidx);
		kn->napping = true;
		WRITE_ONCE(pgdat->kswapd_wait_active, true);
		return HZ / 10;
	}
	return 0;
}

/*
 * The allocator fell below a low watermark: note the order and zone
 * asked for, and wake the node's kswapd if it sleeps and has work.
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   int highest_zoneidx)
{
	pg_data_t *pgdat;
	int curr_idx;

	if (!managed_zone(zone))
		return;
	pgdat = zone->zone_pgdat;
	curr_idx = READ_ONCE(pgdat->kswapd_highest_zoneidx);
	if (curr_idx == MAX_NR_ZONES || curr_idx < highest_zoneidx)
		WRITE_ONCE(pgdat->kswapd_highest_zoneidx, highest_zoneidx);
	if (READ_ONCE(pgdat->kswapd_order) < order)
		WRITE_ONCE(pgdat->kswapd_order, order);
	/* waitqueue_active: a lockless look, as 6.1's */
	if (!READ_ONCE(pgdat->kswapd_wait_active) || !pgdat->kswapd)
		return;
	if (READ_ONCE(pgdat->kswapd_failures) >= MAX_RECLAIM_RETRIES ||
	    (pgdat_balanced(pgdat, order, highest_zoneidx) &&
	     !pgdat_watermark_boosted(pgdat, highest_zoneidx)))
		return;
	(void)gfp_flags;
	WRITE_ONCE(mmsim_lru_state()->kswapd[pgdat->node_id].woken, true);
	WRITE_ONCE(pgdat->kswapd_wait_active, false);
	wake_up_process(pgdat->kswapd);
}

/* Start node @nid's kswapd (kswapd_init at boot, memory hotplug). */
int kswapd_run(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	struct kswapd_node *kn = &mmsim_lru_state()->kswapd[nid];

	if (pgdat->kswapd)
		return 0;
	pgdat->kswapd_order = 0;
	pgdat->kswapd_highest_zoneidx = MAX_NR_ZONES;
	kn->zoneidx = MAX_NR_ZONES - 1;
	/* it starts as kswapd_try_to_sleep does: on kswapd_wait, balanced */
	kn->napping = true;
	kn->woken = false;
	pgdat->kswapd_wait_active = true;
	if (!kn->balance)
		kn->balance = host_alloc(sizeof(*kn->balance));
	if (kn->balance)
		memset(kn->balance, 0, sizeof(*kn->balance));
	pgdat->kswapd = kn->balance ?
		kthread_run_sim(kswapd_step, pgdat, "kswapd%d", nid) : NULL;
	if (pgdat->kswapd)
		pgdat->kswapd->mid_fault = true;
	if (!pgdat->kswapd) {
		pr_err("Failed to start kswapd on node %d\n", nid);
		pgdat->kswapd_wait_active = false;
		return -ENOMEM;
	}
	return 0;
}

void kswapd_init(void)
{
	int nid;

	for_each_node_state(nid, N_MEMORY)
		kswapd_run(nid);
}

void kswapd_stop(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);

	if (!pgdat->kswapd)
		return;
	kthread_stop(pgdat->kswapd);
	pgdat->kswapd = NULL;
	pgdat->kswapd_wait_active = false;
	if (mmsim_lru_state()->kswapd[nid].balance &&
	    mmsim_lru_state()->kswapd[nid].balance->throttled)
		pgdat->nr_writeback_throttled--;
	if (mmsim_lru_state()->kswapd[nid].balance &&
	    mmsim_lru_state()->kswapd[nid].balance->active)
		update_reclaim_active(pgdat, mmsim_lru_state()->kswapd[nid].balance->highest_zoneidx,
				      false);
	host_free(mmsim_lru_state()->kswapd[nid].balance);
	mmsim_lru_state()->kswapd[nid].balance = NULL;
}

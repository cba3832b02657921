// SPDX-License-Identifier: MIT
/*
 * mm/page_io.c — writing pages to swap and reading them back.
 *
 * Kernel counterpart: mm/page_io.c (Linux 6.1): swap_writepage,
 * __swap_writepage, end_swap_bio_write, swap_readpage, with the block
 * layer's accounting (submit_bio's pgpgin/pgpgout).
 *
 * The disk is host/swapdev.c: slot N is bytes [N * 4096, N * 4096 + 4096).
 * A write copies the page out of simulated RAM at once but completes as a
 * disk's does, later, on the simulated clock: the disk serves its writes
 * one after another, SIM_COST_SWAP_WRITE_NS each (include/mmsim/sim_cost.h),
 * so a write submitted at time T completes at max(T, when the disk is
 * free) + that.  Until then the page stays PG_writeback (NR_WRITEBACK
 * counts it): reclaim meets it again in its next batches, marks it
 * PG_reclaim, and kswapd counts it as nr_immediate once the node is
 * flagged PGDAT_WRITEBACK (mm/vmscan.c).  Writes complete when the clock
 * of whoever looks has passed their time: the io_timer (the disk's
 * interrupt, at the jiffy of the next completion), and reclaim before it
 * isolates a batch (swap_io_complete_due).  end_swap_bio_write rotates a
 * page reclaim wrote to the inactive tail and counts it for the
 * reclaimers throttled on writeback (acct_reclaim_writeback).
 * Reads complete at once; the faulting task sleeps the read's time, and
 * the page, added to the swap cache locked, is unlocked once filled
 * (end_swap_bio_read's folio_unlock).
 *
 * The queue of writes is the disk's: two CPUs submit to it and complete
 * from it under its lock (swap_state.io_lock, the block layer's queue lock
 * in the kernel).  Completions are taken off the queue under the lock and
 * ended after it is dropped, as a bio's end_io runs outside the queue's
 * lock.
 *
 * zswap (frontswap) is built in Debian's kernel but off: every page goes
 * to the disk.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "linux/swap.h"
#include "linux/swap_lru.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/swap_state.h"
#include "mmsim/sim_cost.h"
#include "linux/kthread.h"
#include "linux/timer.h"
#include "linux/string.h"
#include "linux/pagemap.h"
#include "mm/vmscan_internal.h"
#include "mm/process_internal.h"

static u64 swap_page_pos(swp_entry_t entry)
{
	return (u64)swp_offset(entry) << PAGE_SHIFT;
}

/* Arm the disk's interrupt for the jiffy of its next completion. */
static void io_timer_arm(struct swap_state *s)
{
	unsigned long long ns_per_jiffy = NSEC_PER_SEC / HZ;
	unsigned long j;

	if (!s->nr_inflight) {
		del_timer(&s->io_timer);
		return;
	}
	j = INITIAL_JIFFIES +
	    (unsigned long)((s->inflight[0].done_ns + ns_per_jiffy - 1) / ns_per_jiffy);
	if (!timer_pending(&s->io_timer) || s->io_timer.expires != j)
		mod_timer(&s->io_timer, j);
}

/* The disk queues @page's write behind the ones it has not finished. */
static void inflight_add(struct page *page)
{
	struct swap_state *s = mmsim_swap_state();
	unsigned long long now = sim_now();

	spin_lock(&s->io_lock);
	if (s->nr_inflight == s->inflight_cap) {
		s->inflight_cap = s->inflight_cap ? 2 * s->inflight_cap : 64;
		s->inflight = host_realloc(s->inflight, s->inflight_cap * sizeof(*s->inflight));
	}
	if (s->disk_free_ns < now)
		s->disk_free_ns = now;
	s->disk_free_ns += SIM_COST_SWAP_WRITE_NS;
	s->inflight[s->nr_inflight].page = page;
	s->inflight[s->nr_inflight].done_ns = s->disk_free_ns;
	s->nr_inflight++;
	io_timer_arm(s);
	spin_unlock(&s->io_lock);
}

/*
 * acct_reclaim_writeback: a write ended while reclaimers wait on
 * writeback; once SWAP_CLUSTER_MAX pages per waiter ended since the first
 * began waiting, they are woken (kswapd is the one that waits here).
 */
static void acct_reclaim_writeback(pg_data_t *pgdat)
{
	unsigned long written;

	if (!pgdat->nr_writeback_throttled)
		return;
	__mod_node_page_state(pgdat, NR_THROTTLED_WRITTEN, 1);
	written = node_page_state(pgdat, NR_THROTTLED_WRITTEN) - pgdat->nr_reclaim_start;
	if (written > SWAP_CLUSTER_MAX * (unsigned long)pgdat->nr_writeback_throttled)
		reclaim_throttle_wake(pgdat);
}

/* end_page_writeback after the disk finished @page's write. */
static void end_swap_bio_write(struct page *page)
{
	struct folio *folio = page_folio(page);

	/*
	 * folio_end_writeback: a page reclaim wrote (PG_reclaim) goes to the
	 * tail of the inactive list (folio_rotate_reclaimable, through the
	 * completing CPU's lru_rotate batch), where the next pass frees it.
	 */
	if (folio_test_reclaim(folio)) {
		folio_clear_reclaim(folio);
		folio_rotate_reclaimable(folio);
	}
	/*
	 * Writeback holds no reference of its own: once PG_writeback is
	 * clear, reclaim on another CPU may free the page.  A reference
	 * across the end keeps it (6.1's folio_end_writeback does the same),
	 * and its drop orders the clear before that CPU's free.
	 */
	folio_get(folio);
	ClearPageWriteback(page);
	__mod_node_page_state(page_pgdat(page), NR_WRITEBACK, -1);
	acct_reclaim_writeback(page_pgdat(page));
	put_page(page);
}

/*
 * End the writes of the queue's head that are done by @now (all of them
 * when @all): taken off under the queue's lock, ended after it.
 */
static void complete_done(struct swap_state *s, unsigned long long now, bool all)
{
	struct page *done[64];
	unsigned long i, n, taken = 0;

	do {
		spin_lock(&s->io_lock);
		for (n = 0; n < s->nr_inflight && n < ARRAY_SIZE(done) &&
			    (all || s->inflight[n].done_ns <= now); n++)
			done[n] = s->inflight[n].page;
		if (n) {
			memmove(s->inflight, s->inflight + n,
				(s->nr_inflight - n) * sizeof(*s->inflight));
			s->nr_inflight -= n;
		}
		spin_unlock(&s->io_lock);
		for (i = 0; i < n; i++)
			end_swap_bio_write(done[i]);
		taken += n;
	} while (n == ARRAY_SIZE(done));
	/* the interrupt for the next completion, once the ended writes are done */
	if (taken) {
		spin_lock(&s->io_lock);
		io_timer_arm(s);
		spin_unlock(&s->io_lock);
	}
}

void swap_io_complete_due(void)
{
	struct swap_state *s = current_machine->swap;

	if (s)
		complete_done(s, sim_now(), false);
}

void swap_io_timer_fn(struct timer_list *t)
{
	(void)t;
	swap_io_complete_due();
}

void mmsim_swap_io_complete(void)
{
	struct swap_state *s = current_machine->swap;

	if (s)
		complete_done(s, 0, true);
}

/* __swap_writepage: the page's bytes go to its slot; writeback starts. */
static int __swap_writepage(struct page *page)
{
	swp_entry_t entry = { page_private(page) };
	struct swap_info_struct *si = swp_swap_info(entry);
	int err;

	err = host_swapdev_io(si->bdev, swap_page_pos(entry), page_address(page),
			      PAGE_SIZE, true);
	if (err) {
		SetPageDirty(page);         /* stays in memory: redirty */
		return err;
	}
	SetPageWriteback(page);
	__mod_node_page_state(page_pgdat(page), NR_WRITEBACK, 1);
	count_vm_event(PSWPOUT);
	count_vm_events(PGPGOUT, PAGE_SIZE / 1024);
	inflight_add(page);
	return 0;
}

/*
 * swap_writepage: write the swap-cache @page to its slot, unless no swap
 * entry names the slot any more (then the page just leaves the cache).
 * The caller (pageout) has cleared PG_dirty.  0 or -errno.
 */
int swap_writepage(struct page *page, struct writeback_control *wbc)
{
	(void)wbc;
	if (folio_free_swap(page_folio(page)))
		return 0;
	return __swap_writepage(page);
}

/* swap_readpage: fill the new cache @page from its slot; up to date. */
int swap_readpage(struct page *page, bool synchronous)
{
	swp_entry_t entry = { page_private(page) };
	struct swap_info_struct *si = swp_swap_info(entry);
	int err;

	(void)synchronous;
	count_vm_event(PSWPIN);
	count_vm_events(PGPGIN, PAGE_SIZE / 1024);
	err = host_swapdev_io(si->bdev, swap_page_pos(entry), page_address(page),
			      PAGE_SIZE, false);
	if (err)
		ClearPageUptodate(page);
	else
		SetPageUptodate(page);
	unlock_page(page);              /* end_swap_bio_read */
	return err;
}

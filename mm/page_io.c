// SPDX-License-Identifier: MIT
/*
 * mm/page_io.c — writing pages to swap and reading them back.
 *
 * Kernel counterpart: mm/page_io.c (Linux 6.1): swap_writepage,
 * __swap_writepage, end_swap_bio_write, swap_readpage, with the block
 * layer's accounting (submit_bio's pgpgin/pgpgout).
 *
 * The disk is host/swapdev.c: slot N is bytes [N * 4096, N * 4096 + 4096).
 * A write copies the page out of simulated RAM at once, but completes
 * the way a virtio disk does, later: the page stays PG_writeback (and
 * NR_WRITEBACK counts it) until the next scheduling point, where the
 * io_done work item (standing in for the disk's interrupt) runs
 * mmsim_swap_io_complete(): end_swap_bio_write for every write in
 * flight.  So reclaim meets the page under writeback right after
 * pageout() and keeps it in the swap cache, as on the real machine.
 * The disk is fast next to reclaim's loop: a reclaimer also takes the
 * completions before it isolates its next batch (shrink_inactive_list,
 * the interrupts that came in meanwhile), which is when the real guest's
 * virtio disk has finished the writes of the batch before; a finished
 * page reclaim wrote rotates to the inactive tail and goes in that batch.
 * Reads complete at once (the fault waits for its page anyway).
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

static u64 swap_page_pos(swp_entry_t entry)
{
	return (u64)swp_offset(entry) << PAGE_SHIFT;
}

static void inflight_add(struct page *page)
{
	struct swap_state *s = mmsim_swap_state();

	if (s->nr_inflight == s->inflight_cap) {
		s->inflight_cap = s->inflight_cap ? 2 * s->inflight_cap : 64;
		s->inflight = host_realloc(s->inflight, s->inflight_cap * sizeof(*s->inflight));
	}
	s->inflight[s->nr_inflight++] = page;
	queue_work(system_wq, &s->io_done);
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
	ClearPageWriteback(page);
	__mod_node_page_state(page_pgdat(page), NR_WRITEBACK, -1);
}

void swap_io_done_work(struct work_struct *work)
{
	(void)work;
	mmsim_swap_io_complete();
}

void mmsim_swap_io_complete(void)
{
	struct swap_state *s = current_machine->swap;
	unsigned long i;

	if (!s)
		return;
	for (i = 0; i < s->nr_inflight; i++)
		end_swap_bio_write(s->inflight[i]);
	s->nr_inflight = 0;
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
	if (err) {
		ClearPageUptodate(page);
		return err;
	}
	SetPageUptodate(page);
	return 0;
}

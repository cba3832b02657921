// SPDX-License-Identifier: MIT
/*
 * mm/swapfile.c — swap areas: swapon, the swap map, slot allocation,
 * reference counts of swap entries, /proc/swaps.
 *
 * Kernel counterpart: mm/swapfile.c (Linux 6.1): sys_swapon
 * (read_swap_header, setup_swap_map_and_extents, enable_swap_info),
 * get_swap_pages, scan_swap_map_slots, swap_range_alloc/free,
 * __swap_entry_free_locked, swap_entry_free, swapcache_free_entries,
 * put_swap_folio, __swap_duplicate (swap_duplicate, swapcache_prepare,
 * swap_shmem_alloc), swap_free, free_swap_and_cache, folio_free_swap,
 * __swap_count, swp_swapcount, si_swapinfo, swap_show.
 *
 * The simulated disk is a rotational one, as QEMU's virtio disk tells the
 * guest: no cluster array, so slots come from the sequential scan below
 * (SSD clusters and per-CPU cluster_next are not built), and swapon counts
 * it in nr_rotate_swap, which turns swap readahead to clusters of slots.
 *
 *   swap_map:  [0]=BAD  [1] [2] [3] ...                    [max-1]
 *               header   ^lowest_bit ... cluster_next ...  ^highest_bit
 *
 * Slot allocation (scan_swap_map_slots): go on from cluster_next while
 * the current run (cluster_nr) lasts; when it is used up, look from
 * lowest_bit for SWAPFILE_CLUSTER free slots in a row and start a new run
 * there, else go on where we were; stop a batch at the first used slot
 * or after LATENCY_LIMIT steps (the kernel's "time to take a break",
 * which is why the first batch of a fresh area is short).
 *
 * Counts (the swap map byte): a slot is taken with SWAP_HAS_CACHE (the
 * page about to be written is its cache); each PTE or shmem entry that
 * names it adds one (swap_duplicate); when the last reference and the
 * cache are gone the byte goes back to SWAP_HAS_CACHE and the slot to the
 * per-CPU return cache (free_swap_slot), from which swap_entry_free
 * clears it in batches.  Counts above SWAP_MAP_MAX (62) would need
 * continuation pages: not built, swap_duplicate then fails with -ENOMEM
 * (the kernel's answer when it cannot get a continuation page).
 *
 * Locking, as 6.1 on a rotational area (no cluster array, so no ci->lock:
 * lock_cluster_or_swap_info() falls back to si->lock):
 *
 *   si->lock                 the map bytes' changes, lowest/highest_bit,
 *     swap_avail_lock        cluster_next/nr, inuse_pages; the avail list
 *     swap cache i_pages     (swap_range_free clears shadows under si->lock)
 *
 * get_swap_pages takes swap_avail_lock to walk the avail list and drops it
 * for each area's si->lock; scan_swap_map_slots drops si->lock around the
 * reclaim of a cache-only slot (which frees through put_swap_folio, which
 * takes it).  nr_swap_pages is an atomic counter taken from before the
 * scan and given back after it.  Map bytes are stored with WRITE_ONCE
 * where 6.1 does so that __swap_count and the swap-in path may peek at a
 * count without the lock, as 6.1's do.  No swapoff, so get_swap_device
 * needs no reference on the area (6.1's percpu_ref).
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/seq_file.h"
#include "linux/sched.h"
#include "linux/swap.h"
#include "linux/swapops.h"
#include "linux/rmap.h"
#include "linux/fs.h"
#include "linux/pagemap.h"
#include "mm/process_internal.h"
#include "mm/internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/process.h"
#include "mmsim/swap_state.h"

#include <stdio.h>
#include <stdarg.h>

struct swap_state *mmsim_swap_state(void)
{
	struct swap_state *s = current_machine->swap;

	if (s)
		return s;
	s = host_alloc(sizeof(*s));
	current_machine->swap = s;
	s->least_priority = -1;
	INIT_LIST_HEAD(&s->swap_active_head);
	INIT_LIST_HEAD(&s->swap_avail_head);
	spin_lock_init(&s->swap_avail_lock);
	spin_lock_init(&s->io_lock);
	mutex_init(&s->swap_slots_cache_mutex);
	s->k_page_cluster = 3;                /* SWAP_CLUSTER_MAX / 8 pages: 2^3 */
	s->enable_vma_readahead = true;
	atomic_set(&s->swapin_readahead_hits, 4);
	timer_setup(&s->io_timer, swap_io_timer_fn, 0);
	return s;
}

/*
 * swapfile_init (6.1: a subsys initcall): the swap state exists from boot,
 * so that two CPUs' first looks at it (an mmap's overcommit check, a
 * reclaim's swap count) never both make it.
 */
void swapfile_init(void)
{
	mmsim_swap_state();
}

void mmsim_swap_state_free(struct machine *m)
{
	struct swap_state *s = m->swap;
	unsigned int i;

	if (!s)
		return;
	if (m->sched)
		del_timer(&s->io_timer);     /* else its list went with the threads */
	for (i = 0; i < s->k_nr_swapfiles; i++) {
		struct swap_info_struct *si = s->k_swap_info[i];

		if (!si)
			continue;
		host_swapdev_destroy(si->bdev);
		host_free(si->swap_map);
		host_free(si);
		host_free(s->swapper_spaces[i]);   /* nodes: simulated RAM */
	}
	if (s->swp_slots) {
		for (i = 0; i < nr_cpu_ids; i++) {
			host_free(s->swp_slots[i].slots);
			host_free(s->swp_slots[i].slots_ret);
		}
		host_free(s->swp_slots);
	}
	host_free(s->inflight);
	host_free(s);
	m->swap = NULL;
}

long get_nr_swap_pages(void)
{
	return atomic_long_read(&mmsim_swap_state()->nr_swap_pages);
}

/* Half the swap space used: swap-cache pages should give their slots back. */
bool vm_swap_full(void)
{
	struct swap_state *s = mmsim_swap_state();

	return atomic_long_read(&s->nr_swap_pages) * 2 < READ_ONCE(s->k_total_swap_pages);
}

static inline unsigned char swap_count(unsigned char ent)
{
	return ent & ~SWAP_HAS_CACHE;    /* may include COUNT_CONTINUED */
}

struct swap_info_struct *swp_swap_info(swp_entry_t entry)
{
	unsigned int type = swp_type(entry);

	if (type >= nr_swapfiles)
		return NULL;
	return swap_info[type];
}

/* get_swap_device: the area of a valid, in-range entry, else NULL. */
static struct swap_info_struct *get_swap_device(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);

	if (!si || !(si->flags & SWP_USED) || swp_offset(entry) >= si->max)
		return NULL;
	return si;
}

/* ---- the avail list (swap_avail_lock, taken inside si->lock) ------------------- */

static void add_to_avail_list(struct swap_info_struct *si)
{
	struct swap_state *s = mmsim_swap_state();
	struct swap_info_struct *p;
	struct list_head *pos = &s->swap_avail_head;

	spin_lock(&s->swap_avail_lock);
	list_for_each_entry(p, &s->swap_avail_head, avail_list)
		if (p->prio < si->prio) {
			pos = &p->avail_list;
			break;
		}
	list_add_tail(&si->avail_list, pos);
	spin_unlock(&s->swap_avail_lock);
}

static void __del_from_avail_list(struct swap_info_struct *si)
{
	list_del_init(&si->avail_list);
}

static void del_from_avail_list(struct swap_info_struct *si)
{
	struct swap_state *s = mmsim_swap_state();

	spin_lock(&s->swap_avail_lock);
	__del_from_avail_list(si);
	spin_unlock(&s->swap_avail_lock);
}

/*
 * __try_to_reclaim_swap: free the swap-cache page of @entry's slot,
 * always (@anyway, TTRS_ANYWAY), else when nothing maps it or swap is
 * more than half full (TTRS_UNMAPPED | TTRS_FULL: either one is enough;
 * mem_cgroup_swap_full() is vm_swap_full() without a swap limit).
 * Whether it went.
 */
static bool try_to_reclaim_swap(swp_entry_t entry, bool anyway)
{
	struct folio *folio = swap_cache_get_folio_ref(entry);
	bool freed = false;

	/*
	 * The page is held as 6.1's filemap_get_folio holds it (taken under
	 * the cache's lock, so it cannot be freed under us): when the cache
	 * held the last reference (unmapped, on the LRU), the put below frees
	 * it through __page_cache_release instead of leaving it on its list.
	 * Then its lock, tried: a page another CPU has locked is in use.
	 */
	if (!folio)
		return false;
	if (folio_trylock(folio)) {
		if (anyway || !folio_mapped(folio) || vm_swap_full())
			freed = folio_free_swap(folio);
		folio_unlock(folio);
	}
	put_page(&folio->page);
	return freed;
}

/* ---- taking and giving back slots -------------------------------------------- */

static void swap_range_alloc(struct swap_info_struct *si, unsigned long offset,
			     unsigned int nr)
{
	unsigned long end = offset + nr - 1;

	if (offset == si->lowest_bit)
		si->lowest_bit += nr;
	if (end == si->highest_bit)
		si->highest_bit -= nr;
	WRITE_ONCE(si->inuse_pages, si->inuse_pages + nr);
	if (si->inuse_pages == si->pages) {
		si->lowest_bit = si->max;
		si->highest_bit = 0;
		del_from_avail_list(si);
	}
}

static void swap_range_free(struct swap_info_struct *si, unsigned long offset,
			    unsigned int nr)
{
	unsigned long end = offset + nr - 1;

	if (offset < si->lowest_bit)
		si->lowest_bit = (unsigned int)offset;
	if (end > si->highest_bit) {
		bool was_full = !si->highest_bit;

		si->highest_bit = (unsigned int)end;
		if (was_full && (si->flags & SWP_WRITEOK))
			add_to_avail_list(si);
	}
	atomic_long_add(nr, &mmsim_swap_state()->nr_swap_pages);
	WRITE_ONCE(si->inuse_pages, si->inuse_pages - nr);
	clear_shadow_from_swap_cache(si->type, offset, end);
}

/*
 * Start a new run (cluster_nr was used up): the first SWAPFILE_CLUSTER
 * free slots in a row from lowest_bit become the run, cluster_next its
 * start; without one, the scan goes on from lowest_bit.  *@budget pays
 * for each slot looked at.  Where to look first.
 */
static unsigned long new_run(struct swap_info_struct *si, int *budget)
{
	unsigned long offset = si->lowest_bit;
	unsigned long last = offset + SWAPFILE_CLUSTER - 1;

	si->cluster_nr = SWAPFILE_CLUSTER - 1;
	for (; last <= si->highest_bit; offset++) {
		if (si->swap_map[offset]) {
			last = offset + SWAPFILE_CLUSTER;
		} else if (offset == last) {
			si->cluster_next = (unsigned int)(offset - (SWAPFILE_CLUSTER - 1));
			return si->cluster_next;
		}
		if (--*budget < 0)
			*budget = LATENCY_LIMIT;        /* cond_resched() */
	}
	return si->lowest_bit;
}

/* swap_offset_available_and_locked: free, or a cache-only slot to reuse. */
static bool slot_available(struct swap_info_struct *si, unsigned long offset)
{
	return !si->swap_map[offset] ||
	       (vm_swap_full() && si->swap_map[offset] == SWAP_HAS_CACHE);
}

/*
 * The "scan" step: the next available slot after @offset, wrapping to
 * lowest_bit; 0 = none.  mmsim stops after a second wrap (cache-only
 * slots that cannot be reclaimed would otherwise be met forever).
 */
static unsigned long scan_wrap(struct swap_info_struct *si, unsigned long offset,
			       unsigned long scan_base, int *wraps)
{
	while (++offset <= si->highest_bit)
		if (slot_available(si, offset))
			return offset;
	if (++*wraps > 1)
		return 0;
	for (offset = si->lowest_bit; offset < scan_base; offset++)
		if (slot_available(si, offset))
			return offset;
	return 0;
}

/*
 * scan_swap_map_slots for a rotational area: up to @nr slots, each marked
 * @usage, into @slots, in the kernel's order (see the top of the file).
 * How many were taken.
 */
static int scan_swap_map_slots(struct swap_info_struct *si, unsigned char usage,
			       int nr, swp_entry_t slots[])
{
	unsigned long offset, scan_base = si->cluster_next, limit;
	int budget = LATENCY_LIMIT, n_ret = 0, wraps = 0;

	lockdep_assert_held(&si->lock);
	offset = scan_base;
	if (!si->cluster_nr--) {
		if (si->pages - si->inuse_pages < SWAPFILE_CLUSTER)
			si->cluster_nr = SWAPFILE_CLUSTER - 1;
		else
			scan_base = offset = new_run(si, &budget);
	}
checks:
	if (!(si->flags & SWP_WRITEOK) || !si->highest_bit)
		return n_ret;
	if (offset > si->highest_bit)
		scan_base = offset = si->lowest_bit;
	if (vm_swap_full() && si->swap_map[offset] == SWAP_HAS_CACHE) {
		bool reclaimed;

		/* 6.1 drops si->lock: the reclaim frees through put_swap_folio */
		spin_unlock(&si->lock);
		reclaimed = try_to_reclaim_swap(swp_entry((unsigned long)si->type, offset), true);
		spin_lock(&si->lock);
		if (reclaimed)
			goto checks;
		goto scan;
	}
	if (si->swap_map[offset]) {
		if (!n_ret)
			goto scan;
		goto done;
	}
	WRITE_ONCE(si->swap_map[offset], usage);
	swap_range_alloc(si, offset, 1);
	slots[n_ret++] = swp_entry((unsigned long)si->type, offset);
	if (n_ret == nr || offset >= si->highest_bit)
		goto done;
	if (--budget < 0)
		goto done;                      /* time to take a break */
	if (si->cluster_nr && !si->swap_map[++offset]) {
		--si->cluster_nr;
		goto checks;                    /* more of the run */
	}
	limit = offset < scan_base ? scan_base : si->highest_bit;
	for (; offset <= limit && --budget > 0; offset++)
		if (!si->swap_map[offset])
			goto checks;
done:
	si->cluster_next = (unsigned int)offset + 1;     /* set_cluster_next */
	return n_ret;
scan:
	offset = scan_wrap(si, offset, scan_base, &wraps);
	if (offset)
		goto checks;
	return n_ret;
}

/*
 * get_swap_pages: up to @n_goal slots (at most SWAP_BATCH and what is
 * free) from the areas in priority order.  @entry_size 1 (no THP swap).
 */
int get_swap_pages(int n_goal, swp_entry_t swp_entries[], int entry_size)
{
	struct swap_state *s = mmsim_swap_state();
	struct swap_info_struct *si, *next;
	long avail = atomic_long_read(&s->nr_swap_pages) / entry_size;
	int n_ret = 0;

	if (avail <= 0 || entry_size != 1)
		return 0;
	n_goal = (int)min(min((long)n_goal, (long)SWAP_BATCH), avail);
	atomic_long_sub(n_goal, &s->nr_swap_pages);
	spin_lock(&s->swap_avail_lock);
start_over:
	list_for_each_entry_safe(si, next, &s->swap_avail_head, avail_list) {
		/* the area's lock is outside the list's: drop the one for the other */
		spin_unlock(&s->swap_avail_lock);
		spin_lock(&si->lock);
		if (!si->highest_bit || !(si->flags & SWP_WRITEOK)) {
			spin_lock(&s->swap_avail_lock);
			if (!list_empty(&si->avail_list))
				__del_from_avail_list(si);
			spin_unlock(&si->lock);
			goto nextsi;
		}
		n_ret = scan_swap_map_slots(si, SWAP_HAS_CACHE, n_goal, swp_entries);
		spin_unlock(&si->lock);
		if (n_ret)
			goto check_out;
		spin_lock(&s->swap_avail_lock);
nextsi:
		/* @next left the list while the lock was dropped: walk it again */
		if (&next->avail_list != &s->swap_avail_head && list_empty(&next->avail_list))
			goto start_over;
	}
	spin_unlock(&s->swap_avail_lock);
check_out:
	if (n_ret < n_goal)
		atomic_long_add(n_goal - n_ret, &s->nr_swap_pages);
	return n_ret;
}

/* swap_entry_free: a slot whose byte is SWAP_HAS_CACHE alone goes free. */
static void swap_entry_free(struct swap_info_struct *si, swp_entry_t entry)
{
	unsigned long offset = swp_offset(entry);

	lockdep_assert_held(&si->lock);
	VM_WARN_ON_ONCE(si->swap_map[offset] != SWAP_HAS_CACHE);
	WRITE_ONCE(si->swap_map[offset], 0);
	swap_range_free(si, offset, 1);
}

/* A batch of slots goes free, each area's lock held across its run of slots. */
void swapcache_free_entries(swp_entry_t *entries, int n)
{
	struct swap_info_struct *prev = NULL;
	int i;

	for (i = 0; i < n; i++) {
		struct swap_info_struct *si = get_swap_device(entries[i]);

		if (si != prev) {                       /* swap_info_get_cont */
			if (prev)
				spin_unlock(&prev->lock);
			if (si)
				spin_lock(&si->lock);
			prev = si;
		}
		if (si)
			swap_entry_free(si, entries[i]);
	}
	if (prev)
		spin_unlock(&prev->lock);
}

/*
 * Drop one @usage (1, or SWAP_HAS_CACHE) from the slot's byte.  What is
 * left; when nothing, the byte stays SWAP_HAS_CACHE for the slot cache.
 */
static unsigned char __swap_entry_free_locked(struct swap_info_struct *si,
					      unsigned long offset,
					      unsigned char usage)
{
	unsigned char count = si->swap_map[offset];
	unsigned char has_cache = count & SWAP_HAS_CACHE;

	lockdep_assert_held(&si->lock);
	count &= ~SWAP_HAS_CACHE;
	if (usage == SWAP_HAS_CACHE) {
		VM_WARN_ON_ONCE(!has_cache);
		has_cache = 0;
	} else if (count == SWAP_MAP_SHMEM) {
		count = 0;
	} else if (count && count <= SWAP_MAP_MAX) {
		count--;
	}
	usage = count | has_cache;
	WRITE_ONCE(si->swap_map[offset], usage ? usage : SWAP_HAS_CACHE);
	return usage;
}

/* lock_cluster_or_swap_info: no clusters on a rotational area, so si->lock. */
static void lock_cluster_or_swap_info(struct swap_info_struct *si)
{
	spin_lock(&si->lock);
}

static void unlock_cluster_or_swap_info(struct swap_info_struct *si)
{
	spin_unlock(&si->lock);
}

static unsigned char __swap_entry_free(struct swap_info_struct *si,
				       swp_entry_t entry)
{
	unsigned char usage;

	lock_cluster_or_swap_info(si);
	usage = __swap_entry_free_locked(si, swp_offset(entry), 1);
	unlock_cluster_or_swap_info(si);
	if (!usage)
		free_swap_slot(entry);
	return usage;
}

/* swap_free: one reference (a PTE's) to @entry goes. */
void swap_free(swp_entry_t entry)
{
	struct swap_info_struct *si = get_swap_device(entry);

	if (si)
		__swap_entry_free(si, entry);
}

/* put_swap_folio: the swap cache's hold on @entry goes (page left the cache). */
void put_swap_folio(struct folio *folio, swp_entry_t entry)
{
	struct swap_info_struct *si = get_swap_device(entry);
	unsigned char usage;

	(void)folio;
	if (!si)
		return;
	lock_cluster_or_swap_info(si);
	usage = __swap_entry_free_locked(si, swp_offset(entry), SWAP_HAS_CACHE);
	unlock_cluster_or_swap_info(si);
	if (!usage)
		free_swap_slot(entry);
}

/*
 * __swap_duplicate: add @usage (1, SWAP_MAP_SHMEM or SWAP_HAS_CACHE) to
 * a slot in use.  0; -ENOENT for a free or bad slot; -EEXIST when a
 * cache page already stands for it; -ENOMEM past SWAP_MAP_MAX.
 */
static int __swap_duplicate(swp_entry_t entry, unsigned char usage)
{
	struct swap_info_struct *si = get_swap_device(entry);
	unsigned long offset = swp_offset(entry);
	unsigned char count, has_cache;
	int err = 0;

	if (!si)
		return -EINVAL;
	lock_cluster_or_swap_info(si);
	count = si->swap_map[offset];
	if (swap_count(count) == SWAP_MAP_BAD) {
		unlock_cluster_or_swap_info(si);
		return -ENOENT;
	}
	has_cache = count & SWAP_HAS_CACHE;
	count &= ~SWAP_HAS_CACHE;
	if (usage == SWAP_HAS_CACHE) {
		if (!has_cache && count)
			has_cache = SWAP_HAS_CACHE;
		else if (has_cache)
			err = -EEXIST;
		else
			err = -ENOENT;
	} else if (count || has_cache) {
		if (count < SWAP_MAP_MAX)
			count += usage;
		else
			err = count > SWAP_MAP_MAX ? -EINVAL : -ENOMEM;
	} else {
		err = -ENOENT;
	}
	WRITE_ONCE(si->swap_map[offset], count | has_cache);
	unlock_cluster_or_swap_info(si);
	return err;
}

/* fork: one more PTE names @entry.  0 or -errno (see __swap_duplicate). */
int swap_duplicate(swp_entry_t entry)
{
	return __swap_duplicate(entry, 1);
}

/* A new page of the swap cache will stand for @entry. */
int swapcache_prepare(swp_entry_t entry)
{
	return __swap_duplicate(entry, SWAP_HAS_CACHE);
}

int swap_shmem_alloc(swp_entry_t entry)
{
	return __swap_duplicate(entry, SWAP_MAP_SHMEM);
}

int __swap_count(swp_entry_t entry)
{
	struct swap_info_struct *si = get_swap_device(entry);

	/* a peek without the lock, as 6.1's (its callers decide again locked) */
	return si ? swap_count(READ_ONCE(si->swap_map[swp_offset(entry)])) : 0;
}

/* The references to @entry (no continuations in mmsim: the map byte's). */
int swp_swapcount(swp_entry_t entry)
{
	return __swap_count(entry);
}

/*
 * folio_free_swap: a swap-cache page no PTE's swap entry names any more
 * leaves the cache and gives its slot back (it becomes dirty: RAM holds
 * the only copy).  Under writeback it stays.
 */
bool folio_free_swap(struct folio *folio)
{
	swp_entry_t entry = { page_private(&folio->page) };

	if (!folio_test_swapcache(folio) || folio_test_writeback(folio))
		return false;
	if (__swap_count(entry))
		return false;
	delete_from_swap_cache(folio);
	folio_set_dirty(folio);
	return true;
}

/* zap: a PTE's swap entry goes; 1 when @entry was a swap entry. */
int free_swap_and_cache(swp_entry_t entry)
{
	struct swap_info_struct *si;

	if (non_swap_entry(entry))
		return 1;
	si = get_swap_device(entry);
	if (!si)
		return 0;
	if (WARN_ON(!READ_ONCE(si->swap_map[swp_offset(entry)])))
		return 0;
	if (__swap_entry_free(si, entry) == SWAP_HAS_CACHE)
		try_to_reclaim_swap(entry, false);
	return 1;
}

/* ---- swapon --------------------------------------------------------------------- */

/* What mkswap writes: version 1, last_page, no bad pages, the magic. */
static void mkswap(struct swap_device *dev, u64 size)
{
	unsigned char page[PAGE_SIZE];
	struct swap_header_info info;

	memset(page, 0, sizeof(page));
	memset(&info, 0, sizeof(info));
	info.version = 1;
	info.last_page = (u32)(size / PAGE_SIZE - 1);
	memcpy(page + SWAP_HEADER_INFO_OFFSET, &info, sizeof(info));
	memcpy(page + PAGE_SIZE - SWAP_MAGIC_LEN, SWAP_MAGIC, SWAP_MAGIC_LEN);
	host_swapdev_io(dev, 0, page, PAGE_SIZE, true);
}

/* read_swap_header: the slots the area has (maxpages), 0 when unusable. */
static unsigned long read_swap_header(struct swap_info_struct *si,
				      struct swap_header_info *info)
{
	unsigned char page[PAGE_SIZE];
	unsigned long maxpages, devpages = host_swapdev_size(si->bdev) >> PAGE_SHIFT;

	host_swapdev_io(si->bdev, 0, page, PAGE_SIZE, false);
	if (memcmp(page + PAGE_SIZE - SWAP_MAGIC_LEN, SWAP_MAGIC, SWAP_MAGIC_LEN)) {
		pr_err("Unable to find swap-space signature\n");
		return 0;
	}
	memcpy(info, page + SWAP_HEADER_INFO_OFFSET, sizeof(*info));
	if (info->version != 1) {
		pr_warn("Unable to handle swap header version %u\n", info->version);
		return 0;
	}
	if (!info->last_page) {
		pr_warn("Empty swap-file\n");
		return 0;
	}
	maxpages = (unsigned long)info->last_page + 1;
	if (maxpages > devpages) {
		pr_warn("Swap area shorter than signature indicates\n");
		return 0;
	}
	si->highest_bit = (unsigned int)(maxpages - 1);
	return maxpages;
}

static struct swap_info_struct *alloc_swap_info(void)
{
	struct swap_state *s = mmsim_swap_state();
	struct swap_info_struct *si;
	unsigned int type;

	for (type = 0; type < s->k_nr_swapfiles; type++)
		if (!(s->k_swap_info[type]->flags & SWP_USED))
			break;
	if (type >= MAX_SWAPFILES)
		return NULL;
	if (type == s->k_nr_swapfiles) {
		s->k_swap_info[type] = host_alloc(sizeof(*si));
		s->k_nr_swapfiles++;
	}
	si = s->k_swap_info[type];
	memset(si, 0, sizeof(*si));
	si->type = (signed char)type;
	si->flags = SWP_USED;
	spin_lock_init(&si->lock);
	INIT_LIST_HEAD(&si->list);
	INIT_LIST_HEAD(&si->avail_list);
	return si;
}

/* init_swap_address_space: one swap-cache space per 64 MiB of slots. */
static void init_swap_address_space(unsigned int type, unsigned long nr_pages)
{
	struct swap_state *s = mmsim_swap_state();
	unsigned int nr = (unsigned int)DIV_ROUND_UP(nr_pages, SWAP_ADDRESS_SPACE_PAGES);

	unsigned int i;

	s->swapper_spaces[type] = host_alloc(sizeof(struct address_space) * nr);
	for (i = 0; i < nr; i++)
		xa_init_flags(&s->swapper_spaces[type][i].i_pages, XA_FLAGS_LOCK_IRQ);
	s->nr_swapper_spaces[type] = nr;
}

/* enable_swap_info: priority, the global counts, the lists. */
static void enable_swap_info(struct swap_info_struct *si)
{
	struct swap_state *s = mmsim_swap_state();
	struct swap_info_struct *p;
	struct list_head *pos = &s->swap_active_head;

	spin_lock(&si->lock);
	si->prio = (signed short)--s->least_priority;
	si->flags |= SWP_WRITEOK;
	atomic_long_add(si->pages, &s->nr_swap_pages);
	WRITE_ONCE(s->k_total_swap_pages, s->k_total_swap_pages + si->pages);
	list_for_each_entry(p, &s->swap_active_head, list)
		if (p->prio < si->prio) {
			pos = &p->list;
			break;
		}
	list_add_tail(&si->list, pos);
	add_to_avail_list(si);
	spin_unlock(&si->lock);
}

int mmsim_swapon(const char *name, u64 size)
{
	struct swap_header_info info;
	struct swap_info_struct *si;
	unsigned long maxpages;

	if (size < 2 * PAGE_SIZE)
		return -EINVAL;              /* no room for the header and a slot */
	if (size / PAGE_SIZE - 1 > 0xffffffffUL)
		return -EFBIG;               /* more slots than last_page can name */
	si = alloc_swap_info();
	if (!si)
		return -EPERM;
	si->bdev = host_swapdev_create(size);
	if (!si->bdev) {
		si->flags = 0;
		return -ENOMEM;
	}
	snprintf(si->name, sizeof(si->name), "%s", name);
	mkswap(si->bdev, size);
	maxpages = read_swap_header(si, &info);
	if (!maxpages) {
		host_swapdev_destroy(si->bdev);
		si->flags = 0;
		return -EINVAL;
	}
	si->swap_map = host_alloc(maxpages);
	si->swap_map[0] = SWAP_MAP_BAD;      /* the header */
	si->max = (unsigned int)maxpages;
	si->pages = (unsigned int)(maxpages - 1);
	si->lowest_bit = 1;
	si->cluster_next = 1;
	si->cluster_nr = 0;
	si->flags |= SWP_BLKDEV;
	mmsim_swap_state()->nr_rotate_swap++;   /* no SSD: rotational */
	init_swap_address_space((unsigned int)si->type, maxpages);
	enable_swap_info(si);
	pr_info("Adding %uk swap on %s.  Priority:%d extents:%d across:%lluk %s%s%s%s%s\n",
		si->pages << (PAGE_SHIFT - 10), si->name, si->prio, 1,
		(unsigned long long)si->pages << (PAGE_SHIFT - 10), "", "", "", "",
		"FS");
	enable_swap_slots_cache();
	return 0;
}

/* ---- reports ------------------------------------------------------------------------- */

void si_swapinfo_pages(unsigned long *totalswap, unsigned long *freeswap)
{
	struct swap_state *s = current_machine->swap;

	*totalswap = s ? (unsigned long)s->k_total_swap_pages : 0;
	*freeswap = s ? (unsigned long)atomic_long_read(&s->nr_swap_pages) : 0;
}

/* /proc/swaps: swap_show for each area in use, after the header line. */
int proc_swaps_render(char **text)
{
	struct swap_state *s = current_machine->swap;
	struct seq_file m;
	unsigned int type;

	seq_file_init(&m);
	seq_puts(&m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	for (type = 0; s && type < s->k_nr_swapfiles; type++) {
		struct swap_info_struct *si = s->k_swap_info[type];
		unsigned int bytes, inuse;
		int len;

		if (!(si->flags & SWP_USED) || !si->swap_map)
			continue;
		bytes = si->pages << (PAGE_SHIFT - 10);
		inuse = si->inuse_pages << (PAGE_SHIFT - 10);
		len = (int)strlen(si->name);
		seq_puts(&m, si->name);
		seq_printf(&m, "%*s%s\t%u\t%s%u\t%s%d\n", len < 40 ? 40 - len : 1, " ",
			   "partition", bytes, bytes < 10000000 ? "\t" : "", inuse,
			   inuse < 10000000 ? "\t" : "", si->prio);
	}
	*text = seq_file_detach(&m, NULL);
	return 0;
}

/* ---- validators ------------------------------------------------------------------------ */

struct swap_check {
	unsigned int *refs[MAX_SWAPFILES];   /* swap PTEs per slot */
	struct check_report r;
};

static void sc_pte(pte_t *pte, unsigned long addr, void *arg)
{
	struct swap_check *c = arg;
	swp_entry_t e;
	struct swap_info_struct *si;

	if (!is_swap_pte(ptep_get(pte)))
		return;
	e = pte_to_swp_entry(ptep_get(pte));
	si = get_swap_device(e);
	if (!si) {
		check_fail(&c->r, "swap PTE at %#lx: entry %#lx names no area", addr, e.val);
		return;
	}
	c->refs[swp_type(e)][swp_offset(e)]++;
}

static void sc_mm(struct swap_check *c, struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	for_each_vma(vmi, vma)
		mmsim_walk_ptes(mm, vma->vm_start, vma->vm_end, sc_pte, c);
}

/* Slots held by the per-CPU caches (taken, or waiting to be freed). */
static void sc_slot_caches(struct swap_check *c, unsigned long *cached)
{
	struct swap_state *s = mmsim_swap_state();
	unsigned int cpu;
	int i;

	*cached = 0;
	for (cpu = 0; s->swp_slots && cpu < nr_cpu_ids; cpu++) {
		struct swap_slots_cache *sc = &s->swp_slots[cpu];

		for (i = sc->cur; i < sc->cur + sc->nr; i++) {
			swp_entry_t e = sc->slots[i];

			(*cached)++;
			if (swp_swap_info(e)->swap_map[swp_offset(e)] != SWAP_HAS_CACHE)
				check_fail(&c->r, "cpu %u: cached slot %#lx has map %#x", cpu,
					swp_offset(e), swp_swap_info(e)->swap_map[swp_offset(e)]);
		}
		for (i = 0; i < sc->n_ret; i++) {
			swp_entry_t e = sc->slots_ret[i];

			if (swp_swap_info(e)->swap_map[swp_offset(e)] != SWAP_HAS_CACHE)
				check_fail(&c->r, "cpu %u: returned slot %#lx has map %#x", cpu,
					swp_offset(e), swp_swap_info(e)->swap_map[swp_offset(e)]);
		}
	}
}

/* The map of @si against the PTEs counted in @refs and its swap cache. */
static void sc_area(struct swap_check *c, struct swap_info_struct *si,
		    unsigned long *free_slots)
{
	unsigned int *refs = c->refs[si->type];
	unsigned long off, inuse = 0;

	for (off = 1; off < si->max && !c->r.err; off++) {
		unsigned char map = si->swap_map[off];
		swp_entry_t e = swp_entry((unsigned long)si->type, off);
		struct page *page = lookup_swap_cache(e, NULL, 0);

		if (map)
			inuse++;
		if (map == SWAP_MAP_BAD)
			continue;
		if (swap_count(map) != refs[off] && swap_count(map) != SWAP_MAP_SHMEM)
			check_fail(&c->r, "swap %d slot %#lx: count %u, swap PTEs %u", si->type,
				off, swap_count(map), refs[off]);
		if (page && !(map & SWAP_HAS_CACHE))
			check_fail(&c->r, "swap %d slot %#lx: in the swap cache without SWAP_HAS_CACHE",
				si->type, off);
		if (page && (!PageSwapCache(page) || page_private(page) != e.val))
			check_fail(&c->r, "swap %d slot %#lx: cache page %#lx not its (private %#lx)",
				si->type, off, page_to_pfn(page), page_private(page));
	}
	if (inuse != si->inuse_pages)
		check_fail(&c->r, "swap %d: inuse_pages %u, slots in use %lu", si->type,
			si->inuse_pages, inuse);
	*free_slots += si->pages - si->inuse_pages;
}

/*
 * Every swap map byte against the swap PTEs of every process, the swap
 * cache and the slot caches; nr_swap_pages against the free slots.
 * 0, or -EUCLEAN with the first difference in @msg.
 */
int mmsim_validate_swap(char *msg, size_t msglen)
{
	struct swap_state *s = current_machine->swap;
	struct swap_check c = { .r = { .msg = msg, .len = msglen } };
	unsigned long free_slots = 0, cached;
	struct task_struct *t;
	unsigned int type;

	if (!s)
		return 0;
	for (type = 0; type < s->k_nr_swapfiles; type++)
		c.refs[type] = host_alloc(sizeof(unsigned int) * s->k_swap_info[type]->max);
	list_for_each_entry(t, mmsim_task_list(), tasks)
		if (t->mm && !mmsim_mm_seen_before(t))
			sc_mm(&c, t->mm);
	for (type = 0; type < s->k_nr_swapfiles && !c.r.err; type++)
		sc_area(&c, s->k_swap_info[type], &free_slots);
	sc_slot_caches(&c, &cached);
	if (!c.r.err && (unsigned long)atomic_long_read(&s->nr_swap_pages) != free_slots)
		check_fail(&c.r, "nr_swap_pages %ld, free slots %lu (%lu in slot caches)",
			atomic_long_read(&s->nr_swap_pages), free_slots, cached);
	for (type = 0; type < s->k_nr_swapfiles; type++)
		host_free(c.refs[type]);
	return c.r.err;
}

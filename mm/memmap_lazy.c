// SPDX-License-Identifier: MIT
/*
 * mm/memmap_lazy.c — the deferred memory map, written when first touched.
 *
 * Kernel counterpart: the deferred half of mm/mm_init.c (6.1:
 * mm/page_alloc.c): deferred_init_memmap() -> deferred_init_pages() +
 * deferred_free_pages().  The kernel writes every struct page of a node's
 * deferred memory (64 bytes per 4 KiB page: 14 GiB for 896 GiB) and frees
 * the memory to the buddy allocator.  mmsim computes the same result but,
 * for memory nothing has touched, leaves it to be written on first access
 * (host/lazymem.c: userfaultfd, a SIGBUS handler that fills the host page
 * and installs it).  A reader never sees a difference: the first access
 * to a host page of the memory map, read or write, through the vmemmap or
 * through the direct map, fills the whole host page with exactly what the
 * eager path leaves there, before the access completes.
 *
 * What the eager path leaves in a free run.  A run is the aligned middle
 * [a, b) of a free pfn range of the deferred part, a and b multiples of
 * MAX_ORDER_NR_PAGES (1024).  deferred_init_pages() gives each page
 * __init_single_page(); deferred_free_pages() frees pageblock after
 * pageblock in ascending order (FPI_TO_TAIL), so each aligned pair of
 * pageblocks merges into one MAX_ORDER-1 block whose head goes to the tail
 * of free_area[MAX_ORDER-1].free_list[MOVABLE]:
 *
 *   pfn      a          a+512      a+1024     ...      b-1024      b
 *   page     head       (merged)   head                head
 *            Buddy,o=10 init       Buddy,o=10          Buddy,o=10
 *   lru      prev=P     self       prev=a              prev=...
 *            next=a+1024           next=a+2048         next=list head
 *   all      refcount 0 (__free_pages_core), flags = zone/node links
 *
 *   P = the list's last entry before the run (or the list head).
 *   The second pageblock's head (a+512) never went on a list: when it was
 *   freed, its buddy (a) was taken off the order-9 list and the merged
 *   block put at the tail as order 10, so its struct page is as
 *   initialised.  Freeing a whole MAX_ORDER-1 block in one step gives the
 *   same lists, counters and struct pages; this file does that step for
 *   the run without touching its struct pages, and records the run
 *   (struct memmap_run) so that the fill function can write a page of it
 *   when something first looks.
 *
 * Why that stays right later: a struct page that nobody has touched still
 * holds what the run says; any change to it (a list_del of its neighbour,
 * an allocation) writes it, which fills its host page first.  So the fill
 * function needs only the run, never the later history.
 *
 * Pfns outside runs in a not-yet-filled host page read as zero (the memfd
 * never held anything there): the unaligned ends of a free range, reserved
 * pages and the eager part are written normally, filling their host page
 * with zeroes plus whatever runs share it first.  host_resident[] records
 * which host pages exist; a run whose host page is already resident (none
 * in practice) is written in place.
 *
 * Used when: `--memmap=lazy`, or `auto` (the default) on a machine of
 * more than MEMMAP_LAZY_AUTO_BYTES of RAM; x86_64 (SPARSEMEM_VMEMMAP) with
 * DEFERRED_STRUCT_PAGE_INIT; the host offers userfaultfd.  A boot traced
 * with --calls keeps its runs eager (the tree then shows every call).
 *
 * Validators, /proc walkers and debuggers: /proc/pagetypeinfo reads free
 * lists and pageblock heads through memmap_peek(), which computes an
 * untouched page instead of filling it; a validator that walks free lists
 * or struct pages fills the host pages it reads (the results are the
 * same; host memory grows).  GDB reading an untouched
 * page gets "Cannot access memory" (host/lazymem.c); boot with
 * --memmap=eager to debug the memory map itself.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/mmzone.h"
#include "linux/printk.h"
#include "linux/sizes.h"
#include "linux/vmstat.h"
#include "linux/bitmap.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <string.h>
#include <stdio.h>
#include <sys/mman.h>

#define HOST_PAGE 4096UL
#define HOST_LONG_BITS (8 * sizeof(unsigned long))
#define PAGES_PER_HOST_PAGE (HOST_PAGE / sizeof(struct page))
#define PREFILL_PAGES 16UL      /* host pages per memmap_lazy_prefill() */
_Static_assert(HOST_PAGE % sizeof(struct page) == 0,
	       "a host page holds whole struct pages");

/* An aligned free run [start, end) freed as MAX_ORDER-1 blocks (above). */
struct memmap_run {
	unsigned long start, end;
	int zone, nid;
	struct list_head *first_prev, *last_next;
};

/* A vmemmap alias: vmemmap bytes [off, off + len) are RAM [pa, pa + len). */
struct memmap_seg {
	u64 off, pa, len;
};

struct memmap_lazy {
	struct machine *m;
	unsigned long *host_resident;  /* bit per vmemmap host page */
	u64 nr_host_pages;
	struct memmap_run *runs;       /* sorted by start; fixed after boot */
	unsigned int nr_runs, cap_runs;
	struct memmap_seg *segs;       /* in map order, contiguous ones merged */
	unsigned int nr_segs, cap_segs;
	unsigned long lazy_pages;      /* struct pages left to the handler */
	unsigned char *batch;          /* memmap_lazy_prefill()'s pages */
};

bool memmap_lazy_wanted(const struct machine *m)
{
	switch (m->desc.memmap) {
	case MMSIM_MEMMAP_EAGER:
		return false;
	case MMSIM_MEMMAP_LAZY:
		return true;
	default:
		return m->desc.ram_size > MEMMAP_LAZY_AUTO_BYTES;
	}
}

/* The run holding @pfn, or NULL. */
static const struct memmap_run *find_run(const struct memmap_lazy *lz,
					 unsigned long pfn)
{
	unsigned int lo = 0, hi = lz->nr_runs;

	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;
		const struct memmap_run *r = &lz->runs[mid];

		if (pfn < r->start)
			hi = mid;
		else if (pfn >= r->end)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

/*
 * What the eager path leaves in @pfn's struct page (a run's page): built
 * in @tmp, with the pointers of the page at its real address @real.
 */
static void run_page_contents(struct page *tmp, struct page *real,
			      unsigned long pfn, const struct memmap_run *r)
{
	unsigned long step = MAX_ORDER_NR_PAGES;

	__init_single_page(tmp, pfn, (unsigned long)r->zone, r->nid);
	set_page_count(tmp, 0);          /* __free_pages_core */
	if ((pfn - r->start) & (step - 1)) {
		tmp->lru.next = tmp->lru.prev = &real->lru;
		return;
	}
	set_page_private(tmp, (unsigned long)(MAX_ORDER - 1));
	__SetPageBuddy(tmp);
	tmp->buddy_list.prev = pfn == r->start ? r->first_prev :
			       &(real - step)->buddy_list;
	tmp->buddy_list.next = pfn + step == r->end ? r->last_next :
			       &(real + step)->buddy_list;
}

/* The 4 KiB of memory map at vmemmap offset @off (host-page aligned). */
static void fill_memmap_page(struct memmap_lazy *lz, u64 off, void *buf)
{
	struct page *tmp = buf, *real = (struct page *)
		((char *)lz->m->mm.vmemmap_host_base + off);
	unsigned long pfn = off / sizeof(struct page);
	unsigned int i;

	memset(buf, 0, HOST_PAGE);
	for (i = 0; i < PAGES_PER_HOST_PAGE; i++) {
		const struct memmap_run *r = find_run(lz, pfn + i);

		if (r)
			run_page_contents(tmp + i, real + i, pfn + i, r);
	}
	__atomic_fetch_or(&lz->host_resident[(off / HOST_PAGE) / HOST_LONG_BITS],
			  1UL << ((off / HOST_PAGE) % HOST_LONG_BITS), __ATOMIC_RELAXED);
}

/* The vmemmap offset of direct-map RAM byte @pa, or ~0 if none. */
static u64 seg_off_of_pa(const struct memmap_lazy *lz, u64 pa)
{
	unsigned int i;

	for (i = 0; i < lz->nr_segs; i++)
		if (pa >= lz->segs[i].pa && pa - lz->segs[i].pa < lz->segs[i].len)
			return lz->segs[i].off + (pa - lz->segs[i].pa);
	return ~0ULL;
}

/*
 * host/lazymem.c's fill function: @va is a host page of the vmemmap or of
 * the direct map.  Runs on the thread that touched it, in a signal
 * handler: no allocation, no lock, no call tree.
 */
static void memmap_lazy_fill(void *ctx, void *va, void *buf)
{
	struct memmap_lazy *lz = ctx;
	struct machine *m = lz->m, *old = machine_enter(m);
	struct calltrace *ct = m->calltrace;
	char *v = va, *vb = m->mm.vmemmap_host_base, *rb = m->ram.base;
	u64 off;

	m->calltrace = NULL;
	if (v >= vb && v < vb + m->mm.vmemmap_host_size)
		off = (u64)(v - vb);
	else
		off = seg_off_of_pa(lz, (u64)(v - rb));
	if (off == ~0ULL)
		memset(buf, 0, HOST_PAGE);
	else
		fill_memmap_page(lz, off, buf);
	m->calltrace = ct;
	machine_enter(old);
}

/*
 * Set up the lazy memory map if this machine wants it and the host can
 * (called when the vmemmap's host range is reserved, before any of it is
 * mapped).  Otherwise the memory map is eager and m->mm.memmap_eager_why
 * says why for `boot --verbose`; the kernel log is the same either way.
 */
int memmap_lazy_init(void)
{
	struct machine *m = current_machine;
	struct memmap_lazy *lz;
	static char why[96];

	if (!memmap_lazy_wanted(m) || !IS_ENABLED(CONFIG_DEFERRED_STRUCT_PAGE_INIT))
		return 0;
	if (host_lazy_available(why, sizeof(why))) {
		m->mm.memmap_eager_why = why;
		return 0;
	}
	lz = host_alloc(sizeof(*lz));
	lz->m = m;
	lz->nr_host_pages = m->mm.vmemmap_host_size / HOST_PAGE;
	lz->host_resident = host_alloc(DIV_ROUND_UP(lz->nr_host_pages, HOST_LONG_BITS) *
				       sizeof(unsigned long));
	lz->batch = host_alloc(PREFILL_PAGES * HOST_PAGE);
	m->mm.memmap_lazy = lz;
	if (host_lazy_add_window(m->mm.vmemmap_host_base, m->mm.vmemmap_host_size,
				 memmap_lazy_fill, lz) ||
	    host_lazy_add_window(m->ram.base, m->ram.span, memmap_lazy_fill, lz)) {
		memmap_lazy_destroy();
		m->mm.memmap_eager_why = "too many lazy machines in this process";
	}
	return 0;
}

void memmap_lazy_destroy(void)
{
	struct memmap_lazy *lz = current_machine->mm.memmap_lazy;

	if (!lz)
		return;
	host_lazy_remove_windows(lz);
	host_free(lz->host_resident);
	host_free(lz->batch);
	host_free(lz->runs);
	host_free(lz->segs);
	host_free(lz);
	current_machine->mm.memmap_lazy = NULL;
}

/* Note the host pages of [@off, @off + @len) that already exist. */
static void note_resident(struct memmap_lazy *lz, u64 off, u64 len)
{
	unsigned char vec[512];
	char *va = (char *)lz->m->mm.vmemmap_host_base + off;
	u64 done, i;

	for (done = 0; done < len; done += sizeof(vec) * HOST_PAGE) {
		u64 n = min((u64)sizeof(vec), (len - done) / HOST_PAGE);

		if (mincore(va + done, n * HOST_PAGE, vec))
			continue;
		for (i = 0; i < n; i++) {
			u64 hp = (off + done) / HOST_PAGE + i;

			if (vec[i] & 1)
				lz->host_resident[hp / HOST_LONG_BITS] |=
					1UL << (hp % HOST_LONG_BITS);
		}
	}
}

/*
 * vmemmap bytes [@off, @off + @len) were just mapped to RAM @pa: from now
 * on, untouched pages of both aliases are filled by memmap_lazy_fill().
 */
int memmap_lazy_map(u64 off, phys_addr_t pa, u64 len)
{
	struct memmap_lazy *lz = current_machine->mm.memmap_lazy;
	struct memmap_seg *s;
	int ret;

	if (!lz)
		return 0;
	s = lz->nr_segs ? &lz->segs[lz->nr_segs - 1] : NULL;
	if (s && s->off + s->len == off && s->pa + s->len == pa) {
		s->len += len;
	} else {
		if (lz->nr_segs == lz->cap_segs) {
			lz->cap_segs = lz->cap_segs ? 2 * lz->cap_segs : 16;
			lz->segs = host_realloc(lz->segs,
						lz->cap_segs * sizeof(*lz->segs));
		}
		lz->segs[lz->nr_segs++] = (struct memmap_seg){ off, pa, len };
	}
	ret = host_lazy_watch((char *)current_machine->mm.vmemmap_host_base + off, len);
	if (!ret)
		ret = host_lazy_watch((char *)current_machine->ram.base + pa, len);
	if (!ret)
		note_resident(lz, off, len);
	return ret;
}

static bool host_page_resident(const struct memmap_lazy *lz, u64 hp)
{
	return lz->host_resident[hp / HOST_LONG_BITS] & (1UL << (hp % HOST_LONG_BITS));
}

/*
 * The boot is about to write the struct pages of [@pfn, @end_pfn) one by
 * one (called for each pfn; acts at host-page boundaries): fill the
 * missing host pages among the next PREFILL_PAGES in one host call, rather than one fault each (a fault costs several times
 * a page's share of a batch).  Boot CPU only (the batch buffer is shared).
 */
void memmap_lazy_prefill(unsigned long pfn, unsigned long end_pfn)
{
	struct memmap_lazy *lz = current_machine->mm.memmap_lazy;
	u64 hp = pfn * sizeof(struct page) / HOST_PAGE;
	u64 last = DIV_ROUND_UP(end_pfn * sizeof(struct page), HOST_PAGE);
	u64 n = 0;

	if (!lz || pfn % PAGES_PER_HOST_PAGE)
		return;
	last = min(last, hp + PREFILL_PAGES);
	while (hp + n < last && !host_page_resident(lz, hp + n)) {
		fill_memmap_page(lz, (hp + n) * HOST_PAGE,
				 lz->batch + n * HOST_PAGE);
		n++;
	}
	/* on failure the pages are still filled, one fault each */
	if (n)
		host_lazy_install((char *)lz->m->mm.vmemmap_host_base + hp * HOST_PAGE,
				  lz->batch, n * HOST_PAGE);
}

void memmap_peek(const void *addr, void *out, size_t len)
{
	const struct memmap_lazy *lz = current_machine->mm.memmap_lazy;
	const char *a = addr, *vb;
	const struct memmap_run *r;
	struct page tmp;
	u64 off, pfn;

	if (!lz)
		goto copy;
	vb = lz->m->mm.vmemmap_host_base;
	if (a < vb || a >= vb + lz->m->mm.vmemmap_host_size)
		goto copy;
	off = (u64)(a - vb);
	if (host_page_resident(lz, off / HOST_PAGE))
		goto copy;
	/* a fill sets the bit before it installs: clear means untouched */
	pfn = off / sizeof(struct page);
	memset(&tmp, 0, sizeof(tmp));
	r = find_run(lz, pfn);
	if (r)
		run_page_contents(&tmp, (struct page *)vb + pfn, pfn, r);
	memcpy(out, (char *)&tmp + off % sizeof(struct page), len);
	return;
copy:
	memcpy(out, addr, len);
}

unsigned long memmap_list_count(const struct list_head *head, unsigned long cap)
{
	struct list_head *pos;
	unsigned long n = 0;

	memmap_peek(&head->next, &pos, sizeof(pos));
	while (pos != head && n < cap) {
		n++;
		memmap_peek(&pos->next, &pos, sizeof(pos));
	}
	return n;
}

struct zone *memmap_peek_zone(const struct page *page)
{
	struct page copy;

	memmap_peek(page, &copy, sizeof(copy));  /* its flags name the zone */
	return page_zone(&copy);
}

/* Is this boot leaving runs to the fill function? */
bool memmap_lazy_active(void)
{
	return current_machine->mm.memmap_lazy && !current_machine->calltrace;
}

static void add_run(struct memmap_lazy *lz, const struct memmap_run *r)
{
	unsigned int i;

	if (lz->nr_runs == lz->cap_runs) {
		lz->cap_runs = lz->cap_runs ? 2 * lz->cap_runs : 16;
		lz->runs = host_realloc(lz->runs, lz->cap_runs * sizeof(*lz->runs));
	}
	for (i = lz->nr_runs; i > 0 && lz->runs[i - 1].start > r->start; i--)
		lz->runs[i] = lz->runs[i - 1];
	lz->runs[i] = *r;
	lz->nr_runs++;
}

/* Write the run's host pages that exist already (the fill cannot). */
static void write_resident_run_pages(struct memmap_lazy *lz,
				     const struct memmap_run *r)
{
	u64 off = r->start * sizeof(struct page), end = r->end * sizeof(struct page);
	static __thread unsigned char buf[HOST_PAGE] __attribute__((aligned(64)));

	for (; off < end; off += HOST_PAGE) {
		if (!host_page_resident(lz, off / HOST_PAGE))
			continue;
		fill_memmap_page(lz, off, buf);
		memcpy((char *)lz->m->mm.vmemmap_host_base + off, buf, HOST_PAGE);
	}
}

/*
 * deferred_init_pages() + deferred_free_pages() for the aligned free run
 * [@start, @end) of @zone, leaving its struct pages to the fill function.
 * The zone's lists and counters change as eagerly freeing it would change
 * them (see the top of this file).
 */
void memmap_lazy_free_run(struct zone *zone, unsigned long start,
			  unsigned long end)
{
	struct memmap_lazy *lz = current_machine->mm.memmap_lazy;
	unsigned int order = MAX_ORDER - 1;
	unsigned long nr = end - start, pfn, flags;
	struct memmap_run run = { .start = start, .end = end,
				  .zone = zone_idx(zone), .nid = zone_to_nid(zone) };
	struct list_head *list;
	int mt;

	for (pfn = start; pfn < end; pfn += pageblock_nr_pages)
		zone_set_pageblock_migratetype(zone, pfn, MIGRATE_MOVABLE);
	mt = get_pfnblock_migratetype(pfn_to_page(start), start);
	if (pa_state.init_on_free)
		host_ram_zero(&current_machine->ram, PFN_PHYS(start), PFN_PHYS(nr));
	__atomic_add_fetch(&zone->managed_pages.counter, (long)nr, __ATOMIC_RELAXED);

	spin_lock_irqsave(&zone->lock, flags);
	list = &zone->free_area[order].free_list[mt];
	run.first_prev = list->prev;
	run.last_next = list;
	add_run(lz, &run);      /* first: from here on, a fill sees the run */
	write_resident_run_pages(lz, &run);
	__mod_zone_freepage_state(zone, (long)nr, mt);
	list->prev->next = &pfn_to_page(start)->buddy_list;
	list->prev = &pfn_to_page(end - MAX_ORDER_NR_PAGES)->buddy_list;
	zone->free_area[order].nr_free += nr / MAX_ORDER_NR_PAGES;
	spin_unlock_irqrestore(&zone->lock, flags);
	__count_vm_events(PGFREE, (long)nr);
	lz->lazy_pages += nr;
}

/* One line for `mmsim boot --verbose`; returns @buf. */
const char *memmap_lazy_describe(const struct machine *m, char *buf, size_t size)
{
	const struct memmap_lazy *lz = m->mm.memmap_lazy;

	if (lz)
		snprintf(buf, size, "memory map: lazy (userfaultfd): %lu of the deferred struct pages left to first access, %lu host pages of it filled so far",
			 lz->lazy_pages, host_lazy_fills());
	else if (m->mm.memmap_eager_why)
		snprintf(buf, size, "memory map: eager (lazy unavailable: %s)",
			 m->mm.memmap_eager_why);
	else
		snprintf(buf, size, "memory map: eager (%s)",
			 m->desc.memmap == MMSIM_MEMMAP_EAGER ? "--memmap=eager" :
			 "--memmap=auto: lazy above 256 GiB of RAM");
	return buf;
}

// SPDX-License-Identifier: MIT
/*
 * mm/slub.c — SLUB: slabs, their lists, the per-CPU slabs, and the
 * allocation and free paths.
 *
 * Kernel counterpart: mm/slub.c (Linux 6.1), the part from "Core slab
 * cache functions" to kmem_cache_alloc_bulk().  Cache creation, sizing
 * and the boot live in mm/slub_init.c, slub_debug in mm/slub_debug.c.
 *
 * Where a free object can be, for one cache:
 *
 *   CPU n:  c->freelist --> obj --> obj --> NULL     (lockless, CPU n only)
 *           c->slab  = the frozen slab those objects belong to
 *           c->partial --> slab --> slab             (frozen, via slab->next)
 *   node:   n->partial: slab <-> slab <-> slab      (n->list_lock)
 *   slab:   slab->freelist --> obj --> NULL          (cmpxchg_double_slab)
 *
 * Allocation, fastest first (slab_alloc_node):
 *   1. pop c->freelist (no lock: only this CPU touches it);
 *   2. take the CPU slab's own freelist (objects other CPUs freed to it);
 *   3. the next slab of c->partial;
 *   4. a slab from the node's partial list (get_partial, which also
 *      refills c->partial with up to cpu_partial_slabs / 2 more);
 *   5. a new slab from the page allocator (new_slab).
 * Free (do_slab_free): to c->freelist if the object is in this CPU's slab;
 * otherwise onto its slab's freelist (__slab_free).  A slab that was full
 * and gets its first free object is frozen onto this CPU's partial list
 * (put_cpu_partial); a slab that becomes empty is freed to the page
 * allocator when its node already keeps min_partial partial slabs.
 *
 * A frozen slab belongs to one CPU: only that CPU takes objects from its
 * freelist; others may only add to it.  slab->freelist and
 * slab->counters change together with one 16-byte compare-and-exchange
 * (the host's cmpxchg16b, as on x86), or under the slab's bit lock when a
 * cache may not use it (debug flags F, U, T) or the host has none.
 *
 * A simulated CPU is a host thread that is never preempted, migrated or
 * interrupted, so the kernel's local_lock sections and the tid check of
 * the fast paths cannot fail here; they are kept for the protocol's shape.
 * What the kernel does on another CPU through a workqueue (flush_all) is
 * done directly, with the other CPUs quiet (see <linux/slab.h>).
 * CONFIG_SLUB_STATS (off in the oracle's .config) is not modelled.
 *
 * A cache whose kernel objects are smaller than mmsim's structures
 * (s->shadow_size, 32-bit ARM) runs all of the above on the kernel's
 * objects; where objects enter and leave the allocator they are
 * exchanged for their host-side shadows (mm/slab_shadow.c).
 */
#include "mmsim/calltrace.h"
#include "linux/kernel.h"
#include "linux/fault-inject.h"
#include "linux/cpumask.h"
#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/nodemask.h"
#include "linux/percpu.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "linux/string.h"
#include "mmsim/track.h"
#include "mm/page_alloc_internal.h"
#include "mm/slub_internal.h"

/* Which gfp bits reach the page allocator from a slab (mm/internal.h). */
#define GFP_RECLAIM_MASK (__GFP_RECLAIM | __GFP_HIGH | __GFP_IO | __GFP_FS | \
			  __GFP_NOWARN | __GFP_RETRY_MAYFAIL | __GFP_NOFAIL | \
			  __GFP_NORETRY | __GFP_MEMALLOC | __GFP_NOMEMALLOC)
#define GFP_CONSTRAINT_MASK (__GFP_HARDWALL | __GFP_THISNODE)
#define GFP_SLAB_BUG_MASK (__GFP_DMA32 | __GFP_HIGHMEM | ~__GFP_BITS_MASK)

struct partial_context {
	struct slab **slab;
	gfp_t flags;
	unsigned int orig_size;
};

/* ---- host sanitizer annotations ---- */

void __slab_track_object_free(struct kmem_cache *s, void *object)
{
	size_t end = slab_ksize(s), fp = s->offset;
	char *p = object;

	if (kmem_cache_debug(s))
		return;
	if (fp >= end) {
		mmsim_track_free(p, end);
		return;
	}
	mmsim_track_free(p, fp);
	if (fp + sizeof(void *) < end)
		mmsim_track_free(p + fp + sizeof(void *),
				 end - fp - sizeof(void *));
}

void __slab_track_object_alloc(struct kmem_cache *s, void *object)
{
	if (object && !kmem_cache_debug(s))
		mmsim_track_alloc(object, slab_ksize(s));
}

/* ---- the slab's freelist+counters double word ---- */

#if defined(__x86_64__) && defined(__SANITIZE_THREAD__)
/*
 * Under ThreadSanitizer the same 16-byte compare-and-exchange through the
 * compiler's builtin, which TSan sees (it cannot see into the asm below,
 * and would report every freelist handed from one CPU to another).
 */
static inline bool host_cmpxchg_double(void *ptr, unsigned long old1,
				       unsigned long old2, unsigned long new1,
				       unsigned long new2)
{
	unsigned __int128 old = (unsigned __int128)old2 << 64 | old1;
	unsigned __int128 new = (unsigned __int128)new2 << 64 | new1;

	return __atomic_compare_exchange_n((unsigned __int128 *)ptr, &old, new, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}
#define HOST_HAS_CMPXCHG_DOUBLE true
#elif defined(__x86_64__)
static inline bool host_cmpxchg_double(void *ptr, unsigned long old1,
				       unsigned long old2, unsigned long new1,
				       unsigned long new2)
{
	bool ok;

	asm volatile("lock cmpxchg16b %1"
		     : "=@ccz"(ok), "+m"(*(unsigned __int128 *)ptr),
		       "+a"(old1), "+d"(old2)
		     : "b"(new1), "c"(new2)
		     : "memory");
	return ok;
}
#define HOST_HAS_CMPXCHG_DOUBLE true
#else
static inline bool host_cmpxchg_double(void *ptr, unsigned long old1,
				       unsigned long old2, unsigned long new1,
				       unsigned long new2)
{
	BUG();
}
#define HOST_HAS_CMPXCHG_DOUBLE false
#endif

/*
 * Are ASan or Valgrind watching simulated RAM?  Never in the unchecked
 * build, whose annotations are compiled out (<mmsim/track.h>): there the
 * flag would only send the fast paths to their slow versions.
 */
bool slub_host_tracking_wanted(void)
{
#if defined(__SANITIZE_ADDRESS__)
	return true;
#elif MMSIM_DEBUG == 0
	return false;
#elif defined(MMSIM_HAVE_VALGRIND)
	return RUNNING_ON_VALGRIND;
#else
	return false;
#endif
}

bool slub_host_has_cmpxchg_double(void)
{
	return HOST_HAS_CMPXCHG_DOUBLE;
}

/* The slab's bit lock: PG_locked of the head page, spun on. */
static inline void slab_lock(struct slab *slab)
{
	unsigned long bit = 1UL << PG_locked;

	while (__atomic_fetch_or(&slab->__page_flags, bit, __ATOMIC_ACQUIRE) & bit)
		while (__atomic_load_n(&slab->__page_flags, __ATOMIC_RELAXED) & bit)
			;
}

static inline void slab_unlock(struct slab *slab)
{
	__atomic_fetch_and(&slab->__page_flags, ~(1UL << PG_locked),
			   __ATOMIC_RELEASE);
}

/*
 * Replace (freelist, counters) of @slab if both still hold the old
 * values.  false: someone changed them first; the caller re-reads and
 * retries.
 */
static bool cmpxchg_double_slab(struct kmem_cache *s, struct slab *slab,
				void *freelist_old, unsigned long counters_old,
				void *freelist_new, unsigned long counters_new)
{
	bool ok = false;

	if (s->flags & __CMPXCHG_DOUBLE)
		return host_cmpxchg_double(&slab->freelist,
					   (unsigned long)freelist_old,
					   counters_old,
					   (unsigned long)freelist_new,
					   counters_new);
	slab_lock(slab);
	if (slab->freelist == freelist_old && slab->counters == counters_old) {
		slab->freelist = freelist_new;
		slab->counters = counters_new;
		ok = true;
	}
	slab_unlock(slab);
	return ok;
}

/* ---- per-CPU transaction ids ---- */

static inline unsigned long init_tid(int cpu)
{
	return (unsigned long)cpu;
}

void init_kmem_cache_cpus(struct kmem_cache *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		per_cpu_ptr(s->cpu_slab, cpu)->tid = init_tid((int)cpu);
}

/* ---- counters of the node lists ---- */

void inc_slabs_node(struct kmem_cache *s, int node, int objects)
{
	struct kmem_cache_node *n = get_node(s, node);

	/* the kmem_cache_node bootstrap counts its first slab later */
	if (likely(n)) {
		__atomic_add_fetch(&n->nr_slabs.counter, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&n->total_objects.counter, objects,
				   __ATOMIC_RELAXED);
	}
}

void dec_slabs_node(struct kmem_cache *s, int node, int objects)
{
	struct kmem_cache_node *n = get_node(s, node);

	__atomic_sub_fetch(&n->nr_slabs.counter, 1, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&n->total_objects.counter, objects, __ATOMIC_RELAXED);
}

/* ---- slab pages ---- */

static struct slab *alloc_slab_page(gfp_t flags, int node,
				    struct kmem_cache_order_objects oo)
{
	unsigned int order = oo_order(oo);
	struct page *page;

	if (node == NUMA_NO_NODE)
		page = alloc_pages(flags, order);
	else
		page = alloc_pages_node(node, flags, order);
	if (!page)
		return NULL;
	SetPageSlab(page);
	return page_slab(page);
}

/*
 * SLAB_FREELIST_RANDOM: each cache keeps a shuffled permutation of its
 * slot offsets; a new slab links its objects in that order, starting at
 * a random position, so the allocation order of a fresh slab cannot be
 * predicted.
 */
int init_cache_random_seq(struct kmem_cache *s)
{
	unsigned int count = oo_objects(s->oo), i;
	int err;

	if (!slub_st.cfg_random || s->random_seq)
		return 0;
	err = cache_random_seq_create(s, count, GFP_KERNEL);
	if (err) {
		pr_err("SLUB: Unable to initialize free list for %s\n", s->name);
		return err;
	}
	if (s->random_seq)
		for (i = 0; i < count; i++)
			s->random_seq[i] *= s->size;
	return 0;
}

static void *next_freelist_entry(struct kmem_cache *s, unsigned long *pos,
				 void *start, unsigned long page_limit,
				 unsigned long freelist_count)
{
	unsigned int idx;

	/* a fallback-order slab has fewer objects: skip offsets past its end */
	do {
		idx = s->random_seq[*pos];
		*pos += 1;
		if (*pos >= freelist_count)
			*pos = 0;
	} while (unlikely(idx >= page_limit));
	return (char *)start + idx;
}

/* A constructor sees what the cache's users see: the shadow, if any. */
static void *setup_object(struct kmem_cache *s, void *object)
{
	setup_object_debug(s, object);
	if (unlikely(s->ctor))
		s->ctor(s->shadow_size ?
			slab_shadow_of(s, virt_to_slab(object), object) : object);
	return object;
}

static bool shuffle_freelist(struct kmem_cache *s, struct slab *slab)
{
	unsigned long idx, pos, page_limit, freelist_count;
	void *start, *cur, *next;

	if (slab->objects < 2 || !s->random_seq)
		return false;
	freelist_count = oo_objects(s->oo);
	pos = prandom_u32_max((u32)freelist_count);
	page_limit = slab->objects * s->size;
	start = fixup_red_left(s, slab_address(slab));

	cur = next_freelist_entry(s, &pos, start, page_limit, freelist_count);
	cur = setup_object(s, cur);
	slab->freelist = cur;
	for (idx = 1; idx < slab->objects; idx++) {
		next = next_freelist_entry(s, &pos, start, page_limit,
					   freelist_count);
		next = setup_object(s, next);
		set_freepointer(s, cur, next);
		cur = next;
	}
	set_freepointer(s, cur, NULL);
	return true;
}

/* Link the objects of a fresh slab in address order. */
static void link_objects_in_order(struct kmem_cache *s, struct slab *slab)
{
	void *p, *next, *start = fixup_red_left(s, slab_address(slab));
	unsigned int idx;

	start = setup_object(s, start);
	slab->freelist = start;
	for (idx = 0, p = start; idx + 1 < slab->objects; idx++) {
		next = (char *)p + s->size;
		next = setup_object(s, next);
		set_freepointer(s, p, next);
		p = next;
	}
	set_freepointer(s, p, NULL);
}

static void track_fresh_slab(struct kmem_cache *s, struct slab *slab)
{
	void *p;

	if (!slub_st.host_tracking)
		return;
	slab_shadow_track_fresh(s, slab);
	if (kmem_cache_debug(s))
		return;
	for_each_object(p, s, slab_address(slab), slab->objects)
		slab_track_object_free(s, p);
}

/*
 * A new slab: 2^order pages from the page allocator, all objects free.
 * The preferred order is tried without reclaim and warnings; if it fails
 * the smallest order that fits one object (s->min) is tried as asked.
 */
static struct slab *allocate_slab(struct kmem_cache *s, gfp_t flags, int node)
{
	struct kmem_cache_order_objects oo = s->oo;
	struct slab *slab;
	gfp_t alloc_gfp;

	flags &= pa_state.gfp_allowed_mask;
	flags |= s->allocflags;
	alloc_gfp = (flags | __GFP_NOWARN | __GFP_NORETRY) & ~__GFP_NOFAIL;
	if ((alloc_gfp & __GFP_DIRECT_RECLAIM) && oo_order(oo) > oo_order(s->min))
		alloc_gfp = (alloc_gfp | __GFP_NOMEMALLOC) & ~__GFP_RECLAIM;

	slab = alloc_slab_page(alloc_gfp, node, oo);
	if (unlikely(!slab)) {
		oo = s->min;
		slab = alloc_slab_page(flags, node, oo);
		if (unlikely(!slab))
			return NULL;
	}

	slab->objects = oo_objects(oo);
	slab->inuse = 0;
	slab->frozen = 0;
	account_slab(slab, oo_order(oo), s);
	slab->slab_cache = s;
	if (s->shadow_size)
		slab_shadow_attach(s, slab);
	setup_slab_debug(s, slab, slab_address(slab));
	if (!shuffle_freelist(s, slab))
		link_objects_in_order(s, slab);
	track_fresh_slab(s, slab);
	return slab;
}

static struct slab *new_slab(struct kmem_cache *s, gfp_t flags, int node)
{
	if (unlikely(flags & GFP_SLAB_BUG_MASK))
		flags = kmalloc_fix_flags(flags);
	WARN_ON_ONCE(s->ctor && (flags & __GFP_ZERO));
	return allocate_slab(s, flags & (GFP_RECLAIM_MASK | GFP_CONSTRAINT_MASK),
			     node);
}

struct slab *slub_new_slab(struct kmem_cache *s, gfp_t flags, int node)
{
	return new_slab(s, flags, node);
}

/* Give a slab's pages back to the page allocator. */
void slub_free_slab(struct kmem_cache *s, struct slab *slab)
{
	unsigned int order = slab_order(slab);
	struct page *page = slab_page(slab);
	void *p;

	if (kmem_cache_debug_flags(s, SLAB_CONSISTENCY_CHECKS)) {
		slab_pad_check(s, slab);
		for_each_object(p, s, slab_address(slab), slab->objects)
			check_object(s, slab, p, SLUB_RED_INACTIVE);
	}
	slab_shadow_detach(slab);
	ClearPageSlab(page);
	slab->slab_cache = NULL; /* the page's mapping */
	unaccount_slab(slab, order, s);
	__free_pages(page, order);
}

static void discard_slab(struct kmem_cache *s, struct slab *slab)
{
	dec_slabs_node(s, slab_nid(slab), slab->objects);
	slub_free_slab(s, slab);
}

/* ---- node partial lists ---- */

static inline void __add_partial(struct kmem_cache_node *n, struct slab *slab,
				 int tail)
{
	n->nr_partial++;
	if (tail == DEACTIVATE_TO_TAIL)
		list_add_tail(&slab->slab_list, &n->partial);
	else
		list_add(&slab->slab_list, &n->partial);
}

void add_partial(struct kmem_cache_node *n, struct slab *slab, int tail)
{
	lockdep_assert_held(&n->list_lock);
	__add_partial(n, slab, tail);
}

void slub_add_partial_unlocked(struct kmem_cache_node *n, struct slab *slab)
{
	__add_partial(n, slab, DEACTIVATE_TO_HEAD);
}

void remove_partial(struct kmem_cache_node *n, struct slab *slab)
{
	lockdep_assert_held(&n->list_lock);
	list_del(&slab->slab_list);
	n->nr_partial--;
}

/*
 * Debug caches never hand a slab to a CPU: each allocation takes one
 * object off a partial slab under the list lock, checks it, and leaves
 * the slab on its list (or moves it to the full list).
 */
static void *alloc_single_from_partial(struct kmem_cache *s,
				       struct kmem_cache_node *n,
				       struct slab *slab, int orig_size)
{
	void *object;

	lockdep_assert_held(&n->list_lock);
	object = slab->freelist;
	slab->freelist = get_freepointer(s, object);
	slab->inuse++;
	if (!alloc_debug_processing(s, slab, object, orig_size)) {
		remove_partial(n, slab);
		return NULL;
	}
	if (slab->inuse == slab->objects) {
		remove_partial(n, slab);
		add_full(s, n, slab);
	}
	return object;
}

/* The same for a debug cache's brand-new slab, which then joins a list. */
static void *alloc_single_from_new_slab(struct kmem_cache *s,
					struct slab *slab, int orig_size)
{
	int nid = slab_nid(slab);
	struct kmem_cache_node *n = get_node(s, nid);
	unsigned long flags;
	void *object;

	object = slab->freelist;
	slab->freelist = get_freepointer(s, object);
	slab->inuse = 1;
	if (!alloc_debug_processing(s, slab, object, orig_size))
		return NULL;

	spin_lock_irqsave(&n->list_lock, flags);
	if (slab->inuse == slab->objects)
		add_full(s, n, slab);
	else
		add_partial(n, slab, DEACTIVATE_TO_HEAD);
	inc_slabs_node(s, nid, slab->objects);
	spin_unlock_irqrestore(&n->list_lock, flags);
	return object;
}

/*
 * Take @slab off the node's partial list and freeze it.  With @mode the
 * caller takes all its free objects (they become the CPU freelist);
 * without, the slab keeps them (it goes to the CPU's partial list).
 * Returns the slab's freelist, NULL if the slab changed under us.
 */
static void *acquire_slab(struct kmem_cache *s, struct kmem_cache_node *n,
			  struct slab *slab, int mode)
{
	unsigned long counters;
	void *freelist;
	struct slab new;

	lockdep_assert_held(&n->list_lock);
	freelist = __atomic_load_n(&slab->freelist, __ATOMIC_RELAXED);
	counters = __atomic_load_n(&slab->counters, __ATOMIC_RELAXED);
	new.counters = counters;
	if (mode) {
		new.inuse = slab->objects;
		new.freelist = NULL;
	} else {
		new.freelist = freelist;
	}
	VM_BUG_ON(new.frozen);
	new.frozen = 1;
	if (!cmpxchg_double_slab(s, slab, freelist, counters, new.freelist,
				 new.counters))
		return NULL;
	remove_partial(n, slab);
	WARN_ON(!freelist);
	return freelist;
}

static void put_cpu_partial(struct kmem_cache *s, struct slab *slab, int drain);

static inline bool kmem_cache_has_cpu_partial(const struct kmem_cache *s)
{
	return slub_st.cfg_cpu_partial && !kmem_cache_debug(s);
}

/* No page in mmsim comes from the pfmemalloc reserves. */
static inline bool pfmemalloc_match(struct slab *slab, gfp_t gfpflags)
{
	return true;
}

/*
 * Objects from node @n's partial list: the first slab becomes the CPU
 * slab (its objects are returned), up to half of cpu_partial_slabs more
 * go to the CPU's partial list.
 */
static void *get_partial_node(struct kmem_cache *s, struct kmem_cache_node *n,
			      struct partial_context *pc)
{
	struct slab *slab, *slab2;
	unsigned int partial_slabs = 0;
	unsigned long flags;
	void *object = NULL;

	if (!n || !__atomic_load_n(&n->nr_partial, __ATOMIC_RELAXED))
		return NULL;

	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry_safe(slab, slab2, &n->partial, slab_list) {
		void *t;

		if (!pfmemalloc_match(slab, pc->flags))
			continue;
		if (kmem_cache_debug(s)) {
			object = alloc_single_from_partial(s, n, slab,
							   (int)pc->orig_size);
			if (object)
				break;
			continue;
		}
		t = acquire_slab(s, n, slab, object == NULL);
		if (!t)
			break;
		if (!object) {
			*pc->slab = slab;
			object = t;
		} else {
			put_cpu_partial(s, slab, 0);
			partial_slabs++;
		}
		if (!kmem_cache_has_cpu_partial(s) ||
		    partial_slabs > s->cpu_partial_slabs / 2)
			break;
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	return object;
}

/*
 * Any node's partial slabs, nearest first in the zonelist of this CPU's
 * node, when a node keeps more than min_partial of them.  Most of the
 * time (remote_node_defrag_ratio / 1024; the kernel samples the cycle
 * counter, mmsim its seeded generator) it is worth the search.
 */
static void *get_any_partial(struct kmem_cache *s, struct partial_context *pc)
{
	int highest_zoneidx = gfp_zone(pc->flags);
	struct zonelist *zonelist;
	struct zoneref *z;
	struct zone *zone;
	void *object;

	if (!slub_st.cfg_numa)
		return NULL;
	if (!s->remote_node_defrag_ratio ||
	    prandom_u32_max(1024) > s->remote_node_defrag_ratio)
		return NULL;

	zonelist = node_zonelist(numa_node_id(), pc->flags);
	for_each_zone_zonelist(zone, z, zonelist, highest_zoneidx) {
		struct kmem_cache_node *n = get_node(s, zone_to_nid(zone));

		if (n && n->nr_partial > s->min_partial) {
			object = get_partial_node(s, n, pc);
			if (object)
				return object;
		}
	}
	return NULL;
}

static bool node_in_slab_nodes(int node)
{
	return slub_st.slab_nodes[node / 64] & (1UL << (node % 64));
}

static void *get_partial(struct kmem_cache *s, int node,
			 struct partial_context *pc)
{
	int searchnode = node == NUMA_NO_NODE ? numa_node_id() : node;
	void *object;

	object = get_partial_node(s, get_node(s, searchnode), pc);
	if (object || node != NUMA_NO_NODE)
		return object;
	return get_any_partial(s, pc);
}

/* ---- leaving a CPU ---- */

/*
 * Give a CPU slab back to its node: splice the CPU's freelist onto the
 * slab's, unfreeze it, and put it where its fill level says (partial
 * list, full list, or freed when empty and the node has enough).
 */
static void deactivate_slab(struct kmem_cache *s, struct slab *slab,
			    void *freelist)
{
	enum slab_modes { M_NONE, M_PARTIAL, M_FULL, M_FREE, M_FULL_NOLIST };
	struct kmem_cache_node *n = get_node(s, slab_nid(slab));
	void *nextfree, *freelist_iter, *freelist_tail;
	int free_delta = 0, tail = DEACTIVATE_TO_HEAD;
	enum slab_modes mode = M_NONE;
	unsigned long flags = 0;
	struct slab new, old;

	if (slab->freelist)
		tail = DEACTIVATE_TO_TAIL; /* remote frees: it is cold */

	/* count the CPU's objects and find the last one */
	freelist_tail = NULL;
	freelist_iter = freelist;
	while (freelist_iter) {
		nextfree = get_freepointer(s, freelist_iter);
		if (freelist_corrupted(s, slab, &freelist_iter, nextfree))
			break;
		freelist_tail = freelist_iter;
		free_delta++;
		freelist_iter = nextfree;
	}

redo:
	old.freelist = __atomic_load_n(&slab->freelist, __ATOMIC_RELAXED);
	old.counters = __atomic_load_n(&slab->counters, __ATOMIC_RELAXED);
	VM_BUG_ON(!old.frozen);

	new.counters = old.counters;
	if (freelist_tail) {
		new.inuse -= free_delta;
		set_freepointer(s, freelist_tail, old.freelist);
		new.freelist = freelist;
	} else {
		new.freelist = old.freelist;
	}
	new.frozen = 0;

	if (!new.inuse && n->nr_partial >= s->min_partial) {
		mode = M_FREE;
	} else if (new.freelist) {
		mode = M_PARTIAL;
		spin_lock_irqsave(&n->list_lock, flags);
	} else if (kmem_cache_debug_flags(s, SLAB_STORE_USER)) {
		mode = M_FULL;
		spin_lock_irqsave(&n->list_lock, flags);
	} else {
		mode = M_FULL_NOLIST;
	}

	if (!cmpxchg_double_slab(s, slab, old.freelist, old.counters,
				 new.freelist, new.counters)) {
		if (mode == M_PARTIAL || mode == M_FULL)
			spin_unlock_irqrestore(&n->list_lock, flags);
		goto redo;
	}

	if (mode == M_PARTIAL) {
		add_partial(n, slab, tail);
		spin_unlock_irqrestore(&n->list_lock, flags);
	} else if (mode == M_FREE) {
		discard_slab(s, slab);
	} else if (mode == M_FULL) {
		add_full(s, n, slab);
		spin_unlock_irqrestore(&n->list_lock, flags);
	}
}

/* Unfreeze a chain of CPU-partial slabs onto their nodes' lists. */
static void __unfreeze_partials(struct kmem_cache *s, struct slab *partial_slab)
{
	struct kmem_cache_node *n = NULL, *n2;
	struct slab *slab, *slab_to_discard = NULL;
	unsigned long flags = 0;

	while (partial_slab) {
		struct slab new, old;

		slab = partial_slab;
		partial_slab = slab->next;

		n2 = get_node(s, slab_nid(slab));
		if (n != n2) {
			if (n)
				spin_unlock_irqrestore(&n->list_lock, flags);
			n = n2;
			spin_lock_irqsave(&n->list_lock, flags);
		}
		do {
			old.freelist = __atomic_load_n(&slab->freelist, __ATOMIC_RELAXED);
			old.counters = __atomic_load_n(&slab->counters, __ATOMIC_RELAXED);
			VM_BUG_ON(!old.frozen);
			new.counters = old.counters;
			new.freelist = old.freelist;
			new.frozen = 0;
		} while (!cmpxchg_double_slab(s, slab, old.freelist,
					      old.counters, new.freelist,
					      new.counters));

		if (unlikely(!new.inuse && n->nr_partial >= s->min_partial)) {
			slab->next = slab_to_discard;
			slab_to_discard = slab;
		} else {
			add_partial(n, slab, DEACTIVATE_TO_TAIL);
		}
	}
	if (n)
		spin_unlock_irqrestore(&n->list_lock, flags);

	while (slab_to_discard) {
		slab = slab_to_discard;
		slab_to_discard = slab_to_discard->next;
		discard_slab(s, slab);
	}
}

static void unfreeze_partials_cpu(struct kmem_cache *s,
				  struct kmem_cache_cpu *c)
{
	struct slab *partial_slab = c->partial;

	c->partial = NULL;
	if (partial_slab)
		__unfreeze_partials(s, partial_slab);
}

/*
 * Put a just-frozen slab on this CPU's partial list.  With @drain, a
 * list already holding cpu_partial_slabs slabs is first moved to the
 * nodes.
 */
static void put_cpu_partial(struct kmem_cache *s, struct slab *slab, int drain)
{
	struct kmem_cache_cpu *c = this_cpu_slab(s);
	struct slab *oldslab, *slab_to_unfreeze = NULL;
	int slabs = 0;

	if (!slub_st.cfg_cpu_partial)
		return;
	oldslab = c->partial;
	if (oldslab) {
		if (drain && oldslab->slabs >= (int)s->cpu_partial_slabs) {
			slab_to_unfreeze = oldslab;
			oldslab = NULL;
		} else {
			slabs = oldslab->slabs;
		}
	}
	slabs++;
	slab->slabs = slabs;
	slab->next = oldslab;
	c->partial = slab;

	if (slab_to_unfreeze)
		__unfreeze_partials(s, slab_to_unfreeze);
}

/* Everything CPU @cpu holds of @s back to the nodes (the CPU is quiet). */
void __flush_cpu_slab(struct kmem_cache *s, int cpu)
{
	struct kmem_cache_cpu *c = per_cpu_ptr(s->cpu_slab, cpu);
	void *freelist = c->freelist;
	struct slab *slab = c->slab;

	c->slab = NULL;
	c->freelist = NULL;
	c->tid = next_tid(c->tid);
	if (slab)
		deactivate_slab(s, slab, freelist);
	unfreeze_partials_cpu(s, c);
}

static bool has_cpu_slab(int cpu, struct kmem_cache *s)
{
	struct kmem_cache_cpu *c = per_cpu_ptr(s->cpu_slab, cpu);

	return c->slab || c->partial;
}

/*
 * flush_all(): the kernel queues flush_cpu_slab() on every CPU that has
 * something and waits.  mmsim has no workqueues: the caller flushes each
 * CPU's structure itself, which is safe because the other simulated CPUs
 * are not running slab code meanwhile (the API's precondition).
 */
void flush_all(struct kmem_cache *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		if (has_cpu_slab((int)cpu, s))
			__flush_cpu_slab(s, (int)cpu);
}

static inline bool node_match(struct slab *slab, int node)
{
	return !slub_st.cfg_numa || node == NUMA_NO_NODE ||
	       slab_nid(slab) == node;
}

/* ---- allocation ---- */

/*
 * Take the frozen CPU slab's whole freelist (objects freed to it by
 * other CPUs).  Returns NULL, and unfreezes the slab, when it has none.
 */
static void *get_freelist(struct kmem_cache *s, struct slab *slab)
{
	unsigned long counters;
	void *freelist;
	struct slab new;

	do {
		freelist = __atomic_load_n(&slab->freelist, __ATOMIC_RELAXED);
		counters = __atomic_load_n(&slab->counters, __ATOMIC_RELAXED);
		new.counters = counters;
		VM_BUG_ON(!new.frozen);
		new.inuse = slab->objects;
		new.frozen = freelist != NULL;
	} while (!cmpxchg_double_slab(s, slab, freelist, counters, NULL,
				      new.counters));
	return freelist;
}

static void slab_out_of_memory(struct kmem_cache *s, gfp_t gfpflags, int nid);

/* The slow path: steps 2-5 of the file comment. */
static void *___slab_alloc(struct kmem_cache *s, gfp_t gfpflags, int node,
			   unsigned long addr, struct kmem_cache_cpu *c,
			   unsigned int orig_size)
{
	struct partial_context pc;
	struct slab *slab;
	void *freelist;

reread_slab:
	slab = c->slab;
	if (!slab) {
		/* a node without normal memory has no partial lists: any node */
		if (unlikely(node != NUMA_NO_NODE && !node_in_slab_nodes(node)))
			node = NUMA_NO_NODE;
		goto new_slab;
	}
redo:
	if (unlikely(!node_match(slab, node))) {
		if (!node_in_slab_nodes(node))
			node = NUMA_NO_NODE;
		else
			goto deactivate_slab;
	}
	if (unlikely(!pfmemalloc_match(slab, gfpflags)))
		goto deactivate_slab;
	if (unlikely(slab != c->slab))
		goto reread_slab;
	freelist = c->freelist;
	if (freelist)
		goto load_freelist;

	freelist = get_freelist(s, slab);
	if (!freelist) {
		c->slab = NULL;
		c->tid = next_tid(c->tid);
		goto new_slab;
	}

load_freelist:
	/* @freelist is this CPU's now; the slab must be frozen */
	VM_BUG_ON(!c->slab->frozen);
	c->freelist = get_freepointer(s, freelist);
	c->tid = next_tid(c->tid);
	return freelist;

deactivate_slab:
	if (slab != c->slab)
		goto reread_slab;
	freelist = c->freelist;
	c->slab = NULL;
	c->freelist = NULL;
	c->tid = next_tid(c->tid);
	deactivate_slab(s, slab, freelist);

new_slab:
	if (c->partial) {
		slab = c->slab = c->partial;
		c->partial = slab->next;
		goto redo;
	}

new_objects:
	pc.flags = gfpflags;
	pc.slab = &slab;
	pc.orig_size = orig_size;
	freelist = get_partial(s, node, &pc);
	if (freelist)
		goto check_new_slab;

	slab = new_slab(s, gfpflags, node);
	c = this_cpu_slab(s);
	if (unlikely(!slab)) {
		slab_out_of_memory(s, gfpflags, node);
		return NULL;
	}

	if (kmem_cache_debug(s)) {
		freelist = alloc_single_from_new_slab(s, slab, (int)orig_size);
		if (unlikely(!freelist))
			goto new_objects;
		if (s->flags & SLAB_STORE_USER)
			set_track(s, freelist, TRACK_ALLOC, addr);
		return freelist;
	}

	/* nobody else can see the new slab yet: no cmpxchg needed */
	freelist = slab->freelist;
	slab->freelist = NULL;
	slab->inuse = slab->objects;
	slab->frozen = 1;
	inc_slabs_node(s, slab_nid(slab), slab->objects);

check_new_slab:
	if (kmem_cache_debug(s)) {
		/* alloc_single_from_partial() did the work */
		if (s->flags & SLAB_STORE_USER)
			set_track(s, freelist, TRACK_ALLOC, addr);
		return freelist;
	}
	if (unlikely(!pfmemalloc_match(slab, gfpflags))) {
		deactivate_slab(s, slab, get_freepointer(s, freelist));
		return freelist;
	}

retry_load_slab:
	if (unlikely(c->slab)) {
		void *flush_freelist = c->freelist;
		struct slab *flush_slab = c->slab;

		c->slab = NULL;
		c->freelist = NULL;
		c->tid = next_tid(c->tid);
		deactivate_slab(s, flush_slab, flush_freelist);
		goto retry_load_slab;
	}
	c->slab = slab;
	goto load_freelist;
}

/* init_on_free wiped the object: clear the free pointer it still holds. */
static inline void maybe_wipe_obj_freeptr(struct kmem_cache *s, void *obj)
{
	if (unlikely(slab_want_init_on_free(s)) && obj)
		memset((char *)obj + s->offset, 0, sizeof(void *));
}

static inline void slab_post_alloc_hook(struct kmem_cache *s, gfp_t flags,
					size_t size, void **p, bool init)
{
	size_t i;

	for (i = 0; i < size; i++)
		if (p[i] && init)
			memset(p[i], 0, s->object_size);
}

/* What follows taking @object, on every path: the hooks, the zeroing. */
static __always_inline void *slab_alloc_finish(struct kmem_cache *s,
					       gfp_t gfpflags, void *object)
{
	bool init;

	slab_track_object_alloc(s, object);
	maybe_wipe_obj_freeptr(s, object);
	init = slab_want_init_on_alloc(gfpflags, s);
	slab_post_alloc_hook(s, gfpflags, 1, &object, init);
	if (unlikely(s->shadow_size))
		return slab_shadow_alloc(s, object, init);
	return object;
}

/*
 * The whole allocation: the kernel's slab_pre_alloc_hook() (failslab),
 * the fast path with its retry, the slow path, the hooks.  Out of line
 * and left out of call trees (it is the kernel's inline slab_alloc_node),
 * so that slab_alloc_node()'s common case needs no saved registers.
 */
static __attribute__((noinline)) mmsim_notrace void *
slab_alloc_node_full(struct kmem_cache *s, gfp_t gfpflags, int node,
		     unsigned long addr, size_t orig_size)
{
	struct kmem_cache_cpu *c;
	struct slab *slab;
	unsigned long tid;
	void *object;

	/*
	 * With no failslab probability should_failslab() lets every call
	 * through, with no side effect (slub_st.hooks_on says whether there
	 * is one); the call-tree build calls it always, as the kernel does.
	 */
#ifndef MMSIM_CALLTRACE
	if (unlikely(slub_st.hooks_on))
#endif
		if (should_failslab(s, gfpflags & pa_state.gfp_allowed_mask))
			return NULL;
redo:
	c = this_cpu_slab(s);
	tid = c->tid;
	object = c->freelist;
	slab = c->slab;
	if (unlikely(!object || !slab || !node_match(slab, node))) {
		object = ___slab_alloc(s, gfpflags, node, addr, c,
				       (unsigned int)orig_size);
	} else {
		void *next_object = get_freepointer(s, object);

		if (unlikely(!this_cpu_cmpxchg_freelist(c, object, tid,
							next_object,
							next_tid(tid))))
			goto redo;
		prefetch_freepointer(s, next_object);
	}
	return slab_alloc_finish(s, gfpflags, object);
}

/*
 * The allocation fast path: pop the first object of this CPU's
 * freelist, checking with the transaction id that nothing changed the
 * list between reading it and replacing it.  The common case ends here,
 * with init_on_alloc's memset: failslab not set (should_failslab() lets
 * every call through while its probability is 0, and has no side effect
 * then), no host tracking, init_on_free or shadows (their hooks), an
 * object on this CPU's freelist and no node asked for.  Anything else
 * runs the whole of it in slab_alloc_node_full().  The machine is read
 * once (@m): a helper reading current_machine itself would read it again
 * after each store.  The call-tree build (MMSIM_CALLTRACE) always takes
 * the whole path, so its trees show should_failslab() as the kernel
 * calls it.
 */
static __always_inline void *slab_alloc_node(struct kmem_cache *s, gfp_t gfpflags,
					     int node, unsigned long addr,
					     size_t orig_size)
{
	const struct machine *m = current_machine;
	struct kmem_cache_cpu *c;
	unsigned long tid;
	void *object, *next_object;

#ifdef MMSIM_CALLTRACE
	return slab_alloc_node_full(s, gfpflags, node, addr, orig_size);
#endif
	VM_BUG_ON(m->slub.hooks_on != slub_hooks_wanted(m) &&
		  m->slub.slab_state != DOWN);
	if (unlikely(m->slub.hooks_on || s->shadow_size))
		return slab_alloc_node_full(s, gfpflags, node, addr, orig_size);
	c = machine_this_cpu_slab(m, s);
	tid = c->tid;
	object = c->freelist;
	/* a request for a node: node_match() on the whole path */
	if (unlikely(!object || !c->slab || node != NUMA_NO_NODE))
		return slab_alloc_node_full(s, gfpflags, node, addr, orig_size);
	next_object = get_freepointer(s, object);
	if (unlikely(!this_cpu_cmpxchg_freelist(c, object, tid, next_object,
						next_tid(tid))))
		return slab_alloc_node_full(s, gfpflags, node, addr, orig_size);
	prefetch_freepointer(s, next_object);
	if (machine_slab_want_init_on_alloc(m, gfpflags, s))
		return memset(object, 0, s->object_size);
	return object;
}

slab_fast_entry void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfpflags)
{
	calltrace_note("%s", s->name);
	return slab_alloc_node(s, gfpflags, NUMA_NO_NODE,
			       (unsigned long)__builtin_return_address(0),
			       s->object_size);
}

void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfpflags, int node)
{
	return slab_alloc_node(s, gfpflags, node,
			       (unsigned long)__builtin_return_address(0),
			       s->object_size);
}

void *__kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfpflags, int node,
			      size_t orig_size, unsigned long caller)
{
	return slab_alloc_node(s, gfpflags, node, caller, orig_size);
}

/* kmalloc() with its cache already chosen at the call site (<linux/slab.h>). */
slab_fast_entry void *kmalloc_trace(struct kmem_cache *s, gfp_t gfpflags, size_t size)
{
	if (unlikely(!s)) {
		kmalloc_misuse_check();
		return NULL;
	}
	return slab_alloc_node(s, gfpflags, NUMA_NO_NODE,
			       (unsigned long)__builtin_return_address(0), size);
}

/* ---- freeing ---- */

/*
 * Free @cnt objects (@head .. @tail, already linked) of @slab, which is
 * not this CPU's slab: onto the slab's freelist with one cmpxchg, then
 * whatever list move that implies.
 */
static void __slab_free(struct kmem_cache *s, struct slab *slab, void *head,
			void *tail, int cnt, unsigned long addr)
{
	struct kmem_cache_node *n = NULL;
	unsigned long counters, flags = 0;
	int was_frozen;
	struct slab new;
	void *prior;

	if (kmem_cache_debug(s)) {
		free_debug_processing(s, slab, head, tail, cnt, addr);
		return;
	}

	do {
		if (unlikely(n)) {
			spin_unlock_irqrestore(&n->list_lock, flags);
			n = NULL;
		}
		/* a snapshot other CPUs may change: the cmpxchg below decides */
		prior = __atomic_load_n(&slab->freelist, __ATOMIC_RELAXED);
		counters = __atomic_load_n(&slab->counters, __ATOMIC_RELAXED);
		set_freepointer(s, tail, prior);
		new.counters = counters;
		was_frozen = new.frozen;
		new.inuse -= cnt;
		if ((!new.inuse || !prior) && !was_frozen) {
			if (kmem_cache_has_cpu_partial(s) && !prior) {
				/* full until now: freeze it to this CPU */
				new.frozen = 1;
			} else {
				/* it must leave a list: take the lock first */
				n = get_node(s, slab_nid(slab));
				spin_lock_irqsave(&n->list_lock, flags);
			}
		}
	} while (!cmpxchg_double_slab(s, slab, prior, counters, head,
				      new.counters));

	if (likely(!n)) {
		if (likely(was_frozen))
			return; /* some CPU's slab: no list work */
		if (new.frozen)
			put_cpu_partial(s, slab, 1);
		return;
	}

	if (unlikely(!new.inuse && n->nr_partial >= s->min_partial))
		goto slab_empty;

	if (!kmem_cache_has_cpu_partial(s) && unlikely(!prior)) {
		remove_full(s, n, slab);
		add_partial(n, slab, DEACTIVATE_TO_TAIL);
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	return;

slab_empty:
	if (prior)
		remove_partial(n, slab);
	else
		remove_full(s, n, slab);
	spin_unlock_irqrestore(&n->list_lock, flags);
	discard_slab(s, slab);
}

/*
 * The free fast path: push onto this CPU's freelist when the objects
 * belong to this CPU's slab.
 */
static __always_inline void do_slab_free(struct kmem_cache *s, struct slab *slab,
					 void *head, void *tail, int cnt,
					 unsigned long addr)
{
	void *tail_obj = tail ? tail : head;
	struct kmem_cache_cpu *c;
	unsigned long tid;
	void *freelist;

redo:
	c = this_cpu_slab(s);
	tid = c->tid;
	if (unlikely(slab != c->slab)) {
		__slab_free(s, slab, head, tail_obj, cnt, addr);
		return;
	}
	freelist = c->freelist;
	set_freepointer(s, tail_obj, freelist);
	if (unlikely(!this_cpu_cmpxchg_freelist(c, freelist, tid, head,
						next_tid(tid))))
		goto redo;
}

/*
 * What happens to an object on its way back, before it is linked:
 * init_on_free clears it (not the left red zone), the host sanitizers
 * are told it is gone.
 */
static inline void slab_free_hook(struct kmem_cache *s, void *x, bool init)
{
	if (init) {
		unsigned int rsize = (s->flags & SLAB_RED_ZONE) ? s->red_left_pad : 0;

		memset(x, 0, s->object_size);
		memset((char *)x + s->inuse, 0, s->size - s->inuse - rsize);
	}
}

/* Run the free hook over a detached list (rebuilding it, as the kernel). */
static inline bool slab_free_freelist_hook(struct kmem_cache *s, void **head,
					   void **tail, int *cnt)
{
	void *object, *next = *head;
	void *old_tail = *tail ? *tail : *head;
	bool init = slab_want_init_on_free(s);

	*head = NULL;
	*tail = NULL;
	do {
		object = next;
		next = get_freepointer(s, object);
		slab_free_hook(s, object, init);
		set_freepointer(s, object, *head);
		*head = object;
		if (!*tail)
			*tail = object;
	} while (object != old_tail);
	if (*head == *tail)
		*tail = NULL;
	return *head != NULL;
}

static void track_freed_list(struct kmem_cache *s, void *head, int cnt)
{
	while (head && cnt-- > 0) {
		void *next = get_freepointer(s, head);

		slab_track_object_free(s, head);
		head = next;
	}
}

static __always_inline void slab_free(struct kmem_cache *s, struct slab *slab,
				      void *head, void *tail, int cnt,
				      unsigned long addr)
{
	if (slab_free_freelist_hook(s, &head, &tail, &cnt)) {
		if (slub_st.host_tracking && !kmem_cache_debug(s))
			track_freed_list(s, head, cnt);
		do_slab_free(s, slab, head, tail, cnt, addr);
	}
}

/*
 * Everything else of a one-object free.  With no hook to run, the free
 * hook's pass over the list (which reads the object's free pointer, a
 * cache miss on an object freed long after its allocation) would give
 * back the object alone: straight to do_slab_free(), usually
 * __slab_free() onto another slab.  Otherwise the full slab_free().
 */
__attribute__((noinline)) mmsim_notrace void slab_free_one(struct kmem_cache *s,
							     struct slab *slab, void *x,
							     unsigned long caller)
{
	const struct machine *m = current_machine;

	if (likely(!m->mm.pa.init_on_free && !m->slub.host_tracking))
		do_slab_free(s, slab, x, NULL, 1, caller);
	else
		slab_free(s, slab, x, NULL, 1, caller);
}

slab_fast_entry void __kmem_cache_free(struct kmem_cache *s, void *x,
					unsigned long caller)
{
	struct slab *slab = virt_to_slab(x);

	if (likely(slab_free_one_fast(current_machine, s, slab, x)))
		return;
	slab_free_one(s, slab, x, caller);
}

slab_fast_entry void kmem_cache_free(struct kmem_cache *s, void *x)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	struct slab *slab;

	if (unlikely(s->shadow_size)) {
		x = slab_shadow_free("kmem_cache_free", x);
		if (!x)
			return;
	}
	s = cache_from_obj(s, x);
	if (!s)
		return;
	slab = virt_to_slab(x);
	if (likely(slab_free_one_fast(current_machine, s, slab, x)))
		return;
	slab_free_one(s, slab, x, caller);
}

/* ---- bulk ---- */

struct detached_freelist {
	struct slab *slab;
	void *tail;
	void *freelist;
	int cnt;
	struct kmem_cache *s;
};

/*
 * From the end of @p, gather the objects that share the last object's
 * slab into one list (looking at most three objects past a mismatch),
 * moving them to the end of the array.  Returns how many are left.
 */
static size_t build_detached_freelist(struct kmem_cache *s, size_t size,
				      void **p, struct detached_freelist *df)
{
	int lookahead = 3;
	struct page *head;
	void *object;
	size_t same;

	object = p[--size];
	head = virt_to_head_page(object);
	if (!s) {
		if (unlikely(!PageSlab(head))) {
			free_large_kmalloc(head, object);
			df->slab = NULL;
			return size;
		}
		df->slab = page_slab(head);
		df->s = df->slab->slab_cache;
	} else {
		df->slab = page_slab(head);
		df->s = cache_from_obj(s, object);
	}
	df->tail = object;
	df->freelist = object;
	df->cnt = 1;
	set_freepointer(df->s, object, NULL);

	same = size;
	while (size) {
		object = p[--size];
		if (df->slab == virt_to_slab(object)) {
			set_freepointer(df->s, object, df->freelist);
			df->freelist = object;
			df->cnt++;
			same--;
			if (size != same)
				swap(p[size], p[same]);
			continue;
		}
		if (!--lookahead)
			break;
	}
	return same;
}

/*
 * Exchange the shadows among @p for their objects (all of them for a
 * cache with shadows; with @s NULL, any pointer outside simulated RAM),
 * dropping any that is not a shadow.  Returns the objects left.
 */
static size_t unshadow_bulk(struct kmem_cache *s, size_t size, void **p)
{
	size_t i, n = 0;

	for (i = 0; i < size; i++) {
		void *object = p[i];

		if (s ? s->shadow_size : !slab_addr_in_ram(object))
			object = slab_shadow_free("kmem_cache_free_bulk", object);
		if (object)
			p[n++] = object;
	}
	return n;
}

/* Free @size kernel objects of @p (not shadows). */
static void __kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p,
				   unsigned long caller)
{
	while (likely(size)) {
		struct detached_freelist df;

		size = build_detached_freelist(s, size, p, &df);
		if (!df.slab)
			continue;
		slab_free(df.s, df.slab, df.freelist, df.tail, df.cnt, caller);
	}
}

void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);

	if (!s || s->shadow_size)
		size = unshadow_bulk(s, size, p);
	__kmem_cache_free_bulk(s, size, p, caller);
}

int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size,
			  void **p)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	struct kmem_cache_cpu *c;
	bool init;
	size_t i;

	flags &= pa_state.gfp_allowed_mask;
	c = this_cpu_slab(s);
	for (i = 0; i < size; i++) {
		void *object = c->freelist;

		if (unlikely(!object)) {
			/* the slow path may deactivate: bump the tid first */
			c->tid = next_tid(c->tid);
			p[i] = ___slab_alloc(s, flags, NUMA_NO_NODE, caller, c,
					     s->object_size);
			if (unlikely(!p[i]))
				goto error;
			c = this_cpu_slab(s);
			slab_track_object_alloc(s, p[i]);
			maybe_wipe_obj_freeptr(s, p[i]);
			continue;
		}
		c->freelist = get_freepointer(s, object);
		p[i] = object;
		slab_track_object_alloc(s, p[i]);
		maybe_wipe_obj_freeptr(s, p[i]);
	}
	c->tid = next_tid(c->tid);
	init = slab_want_init_on_alloc(flags, s);
	slab_post_alloc_hook(s, flags, size, p, init);
	if (unlikely(s->shadow_size))
		for (i = 0; i < size; i++)
			p[i] = slab_shadow_alloc(s, p[i], init);
	return (int)size;
error:
	__kmem_cache_free_bulk(s, i, p, caller);
	return 0;
}

/* ---- reports ---- */

/* slab_out_of_memory()'s ratelimit: 10 reports per 5 s of simulated time. */
static bool slub_oom_ratelimit(void)
{
	u64 now = current_machine->log.now_ns;
	const u64 interval = 5ULL * 1000000000ULL;

	if (!slub_st.oom_rs_begin || now >= slub_st.oom_rs_begin + interval) {
		slub_st.oom_rs_begin = now ? now : 1;
		slub_st.oom_rs_printed = 0;
	}
	return slub_st.oom_rs_printed++ < 10;
}

static void slab_out_of_memory(struct kmem_cache *s, gfp_t gfpflags, int nid)
{
	struct kmem_cache_node *n;
	char buf[256];
	int node;

	if ((gfpflags & __GFP_NOWARN) || !slub_oom_ratelimit())
		return;
	pr_warn("SLUB: Unable to allocate memory on node %d, gfp=%#x(%s)\n",
		nid, gfpflags, format_gfp_flags(gfpflags, buf, sizeof(buf)));
	pr_warn("  cache: %s, object size: %u, buffer size: %u, default order: %u, min order: %u\n",
		s->name, s->object_size, s->size, oo_order(s->oo),
		oo_order(s->min));
	if (oo_order(s->min) > slab_get_order(s->object_size))
		pr_warn("  %s debugging increased min order, use slub_debug=O to disable.\n",
			s->name);
	for_each_kmem_cache_node(s, node, n) {
		unsigned long nr_free = count_partial(n, count_free);

		pr_warn("  node %d: slabs: %ld, objs: %ld, free: %ld\n", node,
			(long)node_nr_slabs(n), (long)node_nr_objs(n),
			(long)nr_free);
	}
}

int count_free(struct slab *slab)
{
	return slab->objects - slab->inuse;
}

unsigned long count_partial(struct kmem_cache_node *n,
			    int (*get_count)(struct slab *))
{
	unsigned long flags, x = 0;
	struct slab *slab;

	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry(slab, &n->partial, slab_list)
		x += (unsigned long)get_count(slab);
	spin_unlock_irqrestore(&n->list_lock, flags);
	return x;
}

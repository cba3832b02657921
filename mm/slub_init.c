// SPDX-License-Identifier: MIT
/*
 * mm/slub_init.c — SLUB caches: their geometry, creation and teardown,
 * and the allocator's boot (kmem_cache_init).
 *
 * Kernel counterpart: mm/slub.c (Linux 6.1), from calc_slab_order() to
 * __kmem_cache_create(), and get_slabinfo().
 *
 * Geometry of a cache (calculate_sizes, calculate_order):
 *
 *   size   = ALIGN(object_size, 8), + 8 when red-zoning leaves no gap,
 *            + the free pointer when it may not overlay the object,
 *            + 2 tracks (+ the kmalloc request size) with SLAB_STORE_USER,
 *            + 8 + left red zone with SLAB_RED_ZONE, aligned to s->align
 *   order  = the smallest order >= slub_min_order whose slab holds at
 *            least min_objects objects and wastes at most 1/16 of itself
 *            (then 1/8, 1/4), up to slub_max_order; failing that fewer
 *            objects; failing that one object at any order
 *   min_objects = slub_min_objects, or 4 * (fls(present CPUs) + 1)
 *   min_partial = clamp(ilog2(size) / 2, 5, 10)
 *   cpu_partial = 6, 24, 52 or 120 objects by size (0 with debugging),
 *                 as slabs: DIV_ROUND_UP(cpu_partial * 2, objects)
 *
 * Boot (kmem_cache_init, from mm_init() right after the "Memory:" line):
 *
 *   boot_kmem_cache_node  "kmem_cache_node" made with its own first slab
 *                         (early_kmem_cache_node_alloc): slab_state PARTIAL
 *   boot_kmem_cache       "kmem_cache", its node structures from the above
 *   bootstrap() x2        both copied into objects of "kmem_cache"; their
 *                         slabs repointed at the copies
 *   create_kmalloc_caches kmalloc-8 ... -8k, -96, -192 per kmalloc type
 *                         (from KMALLOC_MIN_SIZE: ARM's start at -64 and
 *                         have no -96): slab_state UP, kmalloc works
 *   random sequences      for every cache (SLAB_FREELIST_RANDOM)
 *   "SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=N, Nodes=M"
 *
 * The two boot caches take the kernel's sizes of struct kmem_cache and
 * struct kmem_cache_node, computed for the .config and the simulated
 * kernel's word size below.  On a 32-bit kernel those are smaller than
 * mmsim's structures, and the caches keep mmsim's in shadows
 * (mm/slab_shadow.c); on x86_64 the structures fit in the objects.
 */
#include "linux/kernel.h"
#include "linux/cpumask.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/mm.h"
#include "linux/nodemask.h"
#include "linux/percpu.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "linux/string.h"
#include "mmsim/arch.h"
#include "mmsim/host.h"
#include "mm/internal.h"
#include "mm/slub_internal.h"

#include <string.h>

/* ---- the kernel's structure sizes on this .config ---- */

struct kernel_layout {
	unsigned int off;
};

static void layout_field(struct kernel_layout *l, unsigned int size,
			 unsigned int align)
{
	l->off = ALIGN(l->off, align) + size;
}

/* Pointers and longs of the simulated kernel: 8 bytes, 4 on 32-bit ARM. */
static unsigned int kernel_word(void)
{
	return current_machine->arch.long_bytes;
}

/*
 * sizeof(struct kobject) without DEBUG_KOBJECT_RELEASE: a name, a list
 * head and four pointers, the kref and the state bit-fields (64 bytes on
 * a 64-bit kernel, 36 on a 32-bit one).
 */
static unsigned int kernel_kobject_size(void)
{
	unsigned int w = kernel_word();

	return ALIGN(7 * w + 4 + 4, w);
}

/*
 * offsetof(struct kmem_cache, node) of the 6.1 kernel built with this
 * .config: the structure of include/linux/slub_def.h with its optional
 * members (SLUB_CPU_PARTIAL, SYSFS's kobject, SLAB_FREELIST_HARDENED,
 * NUMA, SLAB_FREELIST_RANDOM, KASAN's kasan_cache), laid out with the
 * simulated kernel's word size.  The Debian amd64 kernel: 216; armmp: 136.
 */
static unsigned int kernel_kmem_cache_node_offset(void)
{
	struct kernel_layout l = { 0 };
	unsigned int w = kernel_word();

	layout_field(&l, w, w); /* cpu_slab */
	layout_field(&l, 4, 4); /* flags */
	layout_field(&l, w, w); /* min_partial */
	layout_field(&l, 4, 4); /* size */
	layout_field(&l, 4, 4); /* object_size */
	layout_field(&l, 8, 4); /* reciprocal_size */
	layout_field(&l, 4, 4); /* offset */
	if (IS_ENABLED(CONFIG_SLUB_CPU_PARTIAL)) {
		layout_field(&l, 4, 4); /* cpu_partial */
		layout_field(&l, 4, 4); /* cpu_partial_slabs */
	}
	layout_field(&l, 4, 4); /* oo */
	layout_field(&l, 4, 4); /* min */
	layout_field(&l, 4, 4); /* allocflags */
	layout_field(&l, 4, 4); /* refcount */
	layout_field(&l, w, w); /* ctor */
	layout_field(&l, 4, 4); /* inuse */
	layout_field(&l, 4, 4); /* align */
	layout_field(&l, 4, 4); /* red_left_pad */
	layout_field(&l, w, w); /* name */
	layout_field(&l, 2 * w, w); /* list */
	if (IS_ENABLED(CONFIG_SYSFS))
		layout_field(&l, kernel_kobject_size(), w); /* kobj */
	if (IS_ENABLED(CONFIG_SLAB_FREELIST_HARDENED))
		layout_field(&l, w, w); /* random */
	if (IS_ENABLED(CONFIG_NUMA))
		layout_field(&l, 4, 4); /* remote_node_defrag_ratio */
	if (IS_ENABLED(CONFIG_SLAB_FREELIST_RANDOM))
		layout_field(&l, w, w); /* random_seq */
	if (IS_ENABLED(CONFIG_KASAN))
		layout_field(&l, 12, 4); /* kasan_info */
	layout_field(&l, 4, 4); /* useroffset */
	layout_field(&l, 4, 4); /* usersize */
	return ALIGN(l.off, w);
}

/* sizeof(struct kmem_cache_node): 64 with SLUB_DEBUG, 32 without; 32/16 on ARM. */
unsigned int slub_kmem_cache_node_size(void)
{
	struct kernel_layout l = { 0 };
	unsigned int w = kernel_word();

	layout_field(&l, 4, 4);      /* list_lock */
	layout_field(&l, w, w);      /* nr_partial */
	layout_field(&l, 2 * w, w);  /* partial */
	if (slub_st.cfg_debug) {
		layout_field(&l, w, w);      /* nr_slabs */
		layout_field(&l, w, w);      /* total_objects */
		layout_field(&l, 2 * w, w);  /* full */
	}
	return ALIGN(l.off, w);
}

/* The object size of the "kmem_cache" cache (kmem_cache_init()). */
unsigned int slub_kmem_cache_size(void)
{
	return slub_st.kmem_cache_node_offset +
	       (unsigned int)nr_node_ids * kernel_word();
}

/* mmsim's struct kmem_cache with its node[] for this machine. */
static size_t host_kmem_cache_size(void)
{
	return offsetof(struct kmem_cache, node) +
	       (size_t)nr_node_ids * sizeof(struct kmem_cache_node *);
}

/* ---- geometry ---- */

/* Division by @d through a multiply and shifts (Granlund & Montgomery). */
struct reciprocal_value reciprocal_value(u32 d)
{
	struct reciprocal_value r;
	int l = (int)slab_fls(d - 1UL);
	u64 m = ((1ULL << 32) * ((1ULL << l) - d)) / d + 1;

	r.m = (u32)m;
	r.sh1 = (u8)min(l, 1);
	r.sh2 = (u8)max(l - 1, 0);
	return r;
}

static unsigned int calc_slab_order(unsigned int size, unsigned int min_objects,
				    unsigned int max_order,
				    unsigned int fract_leftover)
{
	unsigned int min_order = slub_st.slub_min_order, order;

	if (order_objects(min_order, size) > MAX_OBJS_PER_PAGE)
		return slab_get_order((unsigned long)size * MAX_OBJS_PER_PAGE) - 1;

	for (order = max(min_order, slab_get_order((unsigned long)min_objects * size));
	     order <= max_order; order++) {
		unsigned int slab_size = (unsigned int)(PAGE_SIZE << order);
		unsigned int rem = slab_size % size;

		if (rem <= slab_size / fract_leftover)
			break;
	}
	return order;
}

static int calculate_order(unsigned int size)
{
	unsigned int order, min_objects, max_objects, nr_cpus;
	unsigned int max_order = slub_st.slub_max_order;

	min_objects = slub_st.slub_min_objects;
	if (!min_objects) {
		/* present CPUs, unless that looks like a hotplug-only count */
		nr_cpus = current_machine->nr_present_cpus;
		if (nr_cpus <= 1)
			nr_cpus = nr_cpu_ids;
		min_objects = 4 * (slab_fls(nr_cpus) + 1);
	}
	max_objects = order_objects(max_order, size);
	min_objects = min(min_objects, max_objects);

	while (min_objects > 1) {
		unsigned int fraction;

		for (fraction = 16; fraction >= 4; fraction /= 2) {
			order = calc_slab_order(size, min_objects, max_order,
						fraction);
			if (order <= max_order)
				return (int)order;
		}
		min_objects--;
	}
	order = calc_slab_order(size, 1, max_order, 1);
	if (order <= max_order)
		return (int)order;
	order = calc_slab_order(size, 1, MAX_ORDER, 1);
	if (order < MAX_ORDER)
		return (int)order;
	return -ENOSYS;
}

static void slub_set_cpu_partial(struct kmem_cache *s, unsigned int nr_objects)
{
	s->cpu_partial = nr_objects;
	/* a slab on the list is assumed half full */
	s->cpu_partial_slabs = DIV_ROUND_UP(nr_objects * 2, oo_objects(s->oo));
}

static void set_cpu_partial(struct kmem_cache *s)
{
	unsigned int nr_objects;

	if (!slub_st.cfg_cpu_partial)
		return;
	if (kmem_cache_debug(s))
		nr_objects = 0;
	else if (s->size >= PAGE_SIZE)
		nr_objects = 6;
	else if (s->size >= 1024)
		nr_objects = 24;
	else if (s->size >= 256)
		nr_objects = 52;
	else
		nr_objects = 120;
	slub_set_cpu_partial(s, nr_objects);
}

/* Where the free pointer and the debug metadata go (see slub_internal.h). */
static int calculate_sizes(struct kmem_cache *s)
{
	slab_flags_t flags = s->flags;
	unsigned int size = ALIGN(s->object_size, (unsigned int)sizeof(void *));
	int order;

	if (slub_st.cfg_debug) {
		/* poison the object itself only if nobody may look at it free */
		if ((flags & SLAB_POISON) && !(flags & SLAB_TYPESAFE_BY_RCU) &&
		    !s->ctor)
			s->flags |= __OBJECT_POISON;
		else
			s->flags &= ~__OBJECT_POISON;
		/* a red zone needs at least one word after the object */
		if ((flags & SLAB_RED_ZONE) && size == s->object_size)
			size += sizeof(void *);
	}
	s->inuse = size;

	if (s->shadow_size && kernel_word() < sizeof(void *) &&
	    !(flags & (SLAB_POISON | SLAB_RED_ZONE)) &&
	    ((flags & SLAB_TYPESAFE_BY_RCU) || s->ctor)) {
		/*
		 * The kernel puts its (4-byte) pointer after the object, to
		 * keep the object intact; mmsim's 8-byte one would not fit
		 * there.  The object's own bytes are not mmsim's here (its
		 * structure, which the constructor sets up, is the shadow),
		 * so mmsim's pointer goes inside it; the size is the kernel's.
		 */
		s->offset = ALIGN_DOWN(s->object_size / 2, (unsigned int)sizeof(void *));
		s->inuse = ALIGN(s->object_size, kernel_word());
		size = s->inuse + kernel_word();
	} else if ((flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON)) ||
		   ((flags & SLAB_RED_ZONE) && s->object_size < sizeof(void *)) ||
		   s->ctor) {
		/* the free object must stay intact: pointer after it */
		s->offset = size;
		size += sizeof(void *);
	} else {
		/* mid-object, away from small over- and underflows */
		s->offset = ALIGN_DOWN(s->object_size / 2,
				       (unsigned int)sizeof(void *));
	}

	if (slub_st.cfg_debug && (flags & SLAB_STORE_USER)) {
		size += 2 * sizeof(struct track);
		if (flags & SLAB_KMALLOC)
			size += sizeof(unsigned int);
	}
	if (slub_st.cfg_debug && (flags & SLAB_RED_ZONE)) {
		/* catch writes before the object, left of the next one */
		size += sizeof(void *);
		s->red_left_pad = sizeof(void *);
		s->red_left_pad = ALIGN(s->red_left_pad, s->align);
		size += s->red_left_pad;
	}

	size = ALIGN(size, s->align);
	s->size = size;
	s->reciprocal_size = reciprocal_value(size);
	order = calculate_order(size);
	if (order < 0)
		return 0;

	s->allocflags = 0;
	if (order)
		s->allocflags |= __GFP_COMP;
	if (s->flags & SLAB_CACHE_DMA)
		s->allocflags |= GFP_DMA;
	if (s->flags & SLAB_CACHE_DMA32)
		s->allocflags |= GFP_DMA32;
	if (s->flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;

	s->oo = oo_make((unsigned int)order, size);
	s->min = oo_make(slab_get_order(size), size);
	return !!oo_objects(s->oo);
}

/* ---- per-node and per-CPU structures ---- */

static void init_kmem_cache_node(struct kmem_cache_node *n)
{
	n->nr_partial = 0;
	spin_lock_init(&n->list_lock);
	INIT_LIST_HEAD(&n->partial);
	n->nr_slabs.counter = 0;
	n->total_objects.counter = 0;
	INIT_LIST_HEAD(&n->full);
}

static int alloc_kmem_cache_cpus(struct kmem_cache *s)
{
	/* double-word aligned for the kernel's this_cpu_cmpxchg_double */
	s->cpu_slab = __alloc_percpu(sizeof(struct kmem_cache_cpu),
				     2 * sizeof(void *));
	if (!s->cpu_slab)
		return 0;
	init_kmem_cache_cpus(s);
	return 1;
}

/*
 * The first kmem_cache_node of a node, before the kmem_cache_node cache
 * can allocate: take the first object of a new slab by hand.
 */
static void early_kmem_cache_node_alloc(int node)
{
	struct kmem_cache *kcn = slub_st.kmem_cache_node;
	struct kmem_cache_node *n;
	struct slab *slab;
	void *object;

	BUG_ON(kcn->size < slub_kmem_cache_node_size());
	slab = slub_new_slab(kcn, GFP_NOWAIT, node);
	BUG_ON(!slab);
	inc_slabs_node(kcn, slab_nid(slab), slab->objects);
	if (slab_nid(slab) != node) {
		pr_err("SLUB: Unable to allocate memory from node %d\n", node);
		pr_err("SLUB: Allocating a useless per node structure in order to be able to continue\n");
	}
	object = slab->freelist;
	BUG_ON(!object);
	slab_track_object_alloc(kcn, object);
	if (slub_st.cfg_debug) {
		init_object(kcn, object, SLUB_RED_ACTIVE);
		init_tracking(kcn, object);
	}
	slab->freelist = get_freepointer(kcn, object);
	slab->inuse = 1;
	n = kcn->shadow_size ? slab_shadow_alloc(kcn, object, true) : object;
	kcn->node[node] = n;
	init_kmem_cache_node(n);
	inc_slabs_node(kcn, node, slab->objects);
	slub_add_partial_unlocked(n, slab);
}

static void free_kmem_cache_nodes(struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	int node;

	for_each_kmem_cache_node(s, node, n) {
		s->node[node] = NULL;
		spin_lock_destroy(&n->list_lock);
		kmem_cache_free(slub_st.kmem_cache_node, n);
	}
}

void __kmem_cache_release(struct kmem_cache *s)
{
	cache_random_seq_destroy(s);
	free_percpu(s->cpu_slab);
	s->cpu_slab = NULL;
	free_kmem_cache_nodes(s);
}

static bool node_in_slab_nodes(int node)
{
	return slub_st.slab_nodes[node / 64] & (1UL << (node % 64));
}

static int init_kmem_cache_nodes(struct kmem_cache *s)
{
	int node;

	for (node = 0; node < nr_node_ids; node++) {
		struct kmem_cache_node *n;

		if (!node_in_slab_nodes(node))
			continue;
		if (slub_st.slab_state == DOWN) {
			early_kmem_cache_node_alloc(node);
			continue;
		}
		n = kmem_cache_alloc_node(slub_st.kmem_cache_node, GFP_KERNEL,
					  node);
		if (!n) {
			free_kmem_cache_nodes(s);
			return 0;
		}
		init_kmem_cache_node(n);
		s->node[node] = n;
	}
	return 1;
}

/* Size, order, lists and per-CPU parts of a cache being created. */
static int kmem_cache_open(struct kmem_cache *s, slab_flags_t flags)
{
	s->flags = kmem_cache_flags(s->size, flags, s->name);
	if (slub_st.cfg_hardened)
		s->random = get_random_long();
	if (!calculate_sizes(s))
		goto error;
	if (slub_st.disable_higher_order_debug &&
	    slab_get_order(s->size) > slab_get_order(s->object_size)) {
		/* slub_debug=O: no metadata if it raises the order */
		s->flags &= ~DEBUG_METADATA_FLAGS;
		s->offset = 0;
		if (!calculate_sizes(s))
			goto error;
	}
	if (slub_st.cmpxchg_double && !(s->flags & SLAB_NO_CMPXCHG))
		s->flags |= __CMPXCHG_DOUBLE;

	/* bigger objects: keep more partial slabs from the page allocator */
	s->min_partial = min_t(unsigned long, MAX_PARTIAL, slab_ilog2(s->size) / 2);
	s->min_partial = max_t(unsigned long, MIN_PARTIAL, s->min_partial);
	set_cpu_partial(s);
	if (slub_st.cfg_numa)
		s->remote_node_defrag_ratio = 1000;
	if (slub_st.slab_state >= UP && init_cache_random_seq(s))
		goto error;
	if (!init_kmem_cache_nodes(s))
		goto error;
	if (alloc_kmem_cache_cpus(s))
		return 0;
error:
	__kmem_cache_release(s);
	return -EINVAL;
}

int __kmem_cache_create(struct kmem_cache *s, slab_flags_t flags)
{
	/* no sysfs or debugfs in mmsim: the kernel adds /sys/kernel/slab here */
	return kmem_cache_open(s, flags);
}

/*
 * Merging: an existing cache takes over @name.  It grows its object and
 * in-use sizes so kzalloc() of the new user clears enough.
 */
struct kmem_cache *__kmem_cache_alias(const char *name, unsigned int size,
				      unsigned int align, slab_flags_t flags,
				      void (*ctor)(void *))
{
	struct kmem_cache *s = find_mergeable(size, align, flags, name, ctor);

	if (s) {
		s->refcount++;
		s->object_size = max(s->object_size, size);
		s->inuse = max(s->inuse, ALIGN(size, (unsigned int)sizeof(void *)));
	}
	return s;
}

/* ---- teardown and shrinking ---- */

/* Free the empty partial slabs of a node; report the others. */
static void free_partial(struct kmem_cache *s, struct kmem_cache_node *n)
{
	struct slab *slab, *h;
	LIST_HEAD(discard);

	spin_lock_irq(&n->list_lock);
	list_for_each_entry_safe(slab, h, &n->partial, slab_list) {
		if (!slab->inuse) {
			remove_partial(n, slab);
			list_add(&slab->slab_list, &discard);
		} else {
			list_slab_objects(s, slab,
				"Objects remaining in %s on __kmem_cache_shutdown()");
		}
	}
	spin_unlock_irq(&n->list_lock);
	list_for_each_entry_safe(slab, h, &discard, slab_list) {
		dec_slabs_node(s, slab_nid(slab), slab->objects);
		slub_free_slab(s, slab);
	}
}

bool __kmem_cache_empty(struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	int node;

	for_each_kmem_cache_node(s, node, n)
		if (n->nr_partial || slabs_node(s, node))
			return false;
	return true;
}

/* 0 when every slab could be freed, 1 when objects remain. */
int __kmem_cache_shutdown(struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	int node;

	flush_all(s);
	for_each_kmem_cache_node(s, node, n) {
		free_partial(s, n);
		if (n->nr_partial || slabs_node(s, node))
			return 1;
	}
	return 0;
}

#define SHRINK_PROMOTE_MAX 32

/*
 * Free the empty slabs; reorder the partial lists so the fullest slabs
 * are used first (and the emptiest get a chance to empty).
 */
static int __kmem_cache_do_shrink(struct kmem_cache *s)
{
	struct list_head discard, promote[SHRINK_PROMOTE_MAX];
	struct kmem_cache_node *n;
	struct slab *slab, *t;
	unsigned long flags;
	int node, i, ret = 0;

	for_each_kmem_cache_node(s, node, n) {
		INIT_LIST_HEAD(&discard);
		for (i = 0; i < SHRINK_PROMOTE_MAX; i++)
			INIT_LIST_HEAD(promote + i);

		spin_lock_irqsave(&n->list_lock, flags);
		list_for_each_entry_safe(slab, t, &n->partial, slab_list) {
			int free = slab->objects - slab->inuse;

			BUG_ON(free <= 0);
			if (free == slab->objects) {
				list_move(&slab->slab_list, &discard);
				n->nr_partial--;
				dec_slabs_node(s, node, slab->objects);
			} else if (free <= SHRINK_PROMOTE_MAX) {
				list_move(&slab->slab_list, promote + free - 1);
			}
		}
		for (i = SHRINK_PROMOTE_MAX - 1; i >= 0; i--) {
			struct list_head *l = promote + i;

			if (list_empty(l))
				continue;
			/* splice @l at the head of the partial list */
			l->prev->next = n->partial.next;
			n->partial.next->prev = l->prev;
			n->partial.next = l->next;
			l->next->prev = &n->partial;
		}
		spin_unlock_irqrestore(&n->list_lock, flags);

		list_for_each_entry_safe(slab, t, &discard, slab_list)
			slub_free_slab(s, slab);
		if (slabs_node(s, node))
			ret = 1;
	}
	return ret;
}

int __kmem_cache_shrink(struct kmem_cache *s)
{
	flush_all(s);
	return __kmem_cache_do_shrink(s);
}

/* ---- boot ---- */

/*
 * Move a boot cache into an object of "kmem_cache" and point its slabs
 * at the copy.
 */
static struct kmem_cache *bootstrap(struct kmem_cache *static_cache)
{
	struct kmem_cache *s = kmem_cache_zalloc(slub_st.kmem_cache, GFP_NOWAIT);
	struct kmem_cache_node *n;
	int node;

	memcpy(s, static_cache, slab_host_object_size(slub_st.kmem_cache));
	__flush_cpu_slab(s, smp_processor_id());
	for_each_kmem_cache_node(s, node, n) {
		struct slab *p;

		list_for_each_entry(p, &n->partial, slab_list)
			p->slab_cache = s;
		list_for_each_entry(p, &n->full, slab_list)
			p->slab_cache = s;
	}
	list_add(&s->list, &slub_st.slab_caches);
	return s;
}

/*
 * A boot cache structure (static in the kernel): host memory here, as
 * large as what bootstrap() copies out of it.  Each boot cache keeps
 * mmsim's structures in shadows when the kernel's are smaller.
 */
static struct kmem_cache *alloc_boot_cache_struct(size_t kernel_size,
						  size_t host_size)
{
	struct kmem_cache *s = host_alloc(max(host_kmem_cache_size(),
					      (size_t)slub_kmem_cache_size()));

	s->shadow_size = slab_shadow_size((unsigned int)kernel_size, host_size);
	return s;
}

void kmem_cache_init(void)
{
	int node;

	slub_debug_boot_notice();
	slub_st.hooks_on = slub_hooks_wanted(current_machine);
	slub_st.boot_kmem_cache_node =
		alloc_boot_cache_struct(slub_kmem_cache_node_size(),
					sizeof(struct kmem_cache_node));
	slub_st.boot_kmem_cache =
		alloc_boot_cache_struct(slub_kmem_cache_size(),
					host_kmem_cache_size());
	slub_st.kmem_cache_node = slub_st.boot_kmem_cache_node;
	slub_st.kmem_cache = slub_st.boot_kmem_cache;

	for_each_node_state(node, N_NORMAL_MEMORY)
		slub_st.slab_nodes[node / 64] |= 1UL << (node % 64);

	create_boot_cache(slub_st.kmem_cache_node, "kmem_cache_node",
			  slub_kmem_cache_node_size(), SLAB_HWCACHE_ALIGN, 0, 0);
	slub_st.slab_state = PARTIAL;
	create_boot_cache(slub_st.kmem_cache, "kmem_cache",
			  slub_kmem_cache_size(), SLAB_HWCACHE_ALIGN, 0, 0);

	slub_st.kmem_cache = bootstrap(slub_st.boot_kmem_cache);
	slub_st.kmem_cache_node = bootstrap(slub_st.boot_kmem_cache_node);

	setup_kmalloc_cache_index_table();
	create_kmalloc_caches(0);
	current_machine->slab_available = true;
	init_freelist_randomization();

	pr_info("SLUB: HWalign=%d, Order=%u-%u, MinObjects=%u, CPUs=%u, Nodes=%u\n",
		slub_st.cache_line_size, slub_st.slub_min_order,
		slub_st.slub_max_order, slub_st.slub_min_objects, nr_cpu_ids,
		nr_node_ids);
}

/*
 * The kernel allocates the slub_flushwq workqueue here.  mmsim flushes
 * CPUs directly (flush_all), so there is nothing to allocate; the state
 * moves to FULL as the kernel's slab_sysfs_init() later does.
 */
void kmem_cache_init_late(void)
{
	if (slub_st.slab_state == UP)
		slub_st.slab_state = FULL;
}

/* Every cache's random sequence, once kmalloc works. */
void init_freelist_randomization(void)
{
	struct kmem_cache *s;

	spin_lock(&slub_st.slab_mutex);
	list_for_each_entry(s, &slub_st.slab_caches, list)
		init_cache_random_seq(s);
	spin_unlock(&slub_st.slab_mutex);
}

/* ---- /proc/slabinfo ---- */

void get_slabinfo(struct kmem_cache *s, struct slabinfo *sinfo)
{
	unsigned long nr_slabs = 0, nr_objs = 0, nr_free = 0;
	struct kmem_cache_node *n;
	int node;

	for_each_kmem_cache_node(s, node, n) {
		nr_slabs += node_nr_slabs(n);
		nr_objs += node_nr_objs(n);
		nr_free += count_partial(n, count_free);
	}
	sinfo->active_objs = nr_objs - nr_free;
	sinfo->num_objs = nr_objs;
	sinfo->active_slabs = nr_slabs;
	sinfo->num_slabs = nr_slabs;
	sinfo->objects_per_slab = oo_objects(s->oo);
	sinfo->cache_order = oo_order(s->oo);
}

/* ---- command line ---- */

static int parse_uint_option(char *str, unsigned int *out)
{
	int v;

	if (!get_option(&str, &v))
		return 0; /* the kernel ignores a value it cannot read */
	*out = (unsigned int)v;
	return 0;
}

static int setup_slub_min_order(char *str)
{
	return parse_uint_option(str, &slub_st.slub_min_order);
}
__setup("slub_min_order=", setup_slub_min_order);

static int setup_slub_max_order(char *str)
{
	parse_uint_option(str, &slub_st.slub_max_order);
	slub_st.slub_max_order = min(slub_st.slub_max_order,
				     (unsigned int)MAX_ORDER - 1);
	return 0;
}
__setup("slub_max_order=", setup_slub_max_order);

static int setup_slub_min_objects(char *str)
{
	return parse_uint_option(str, &slub_st.slub_min_objects);
}
__setup("slub_min_objects=", setup_slub_min_objects);

/* ---- the machine's allocator state ---- */

#define KMALLOC_DEFAULT_MINALIGN 8u /* __alignof__(unsigned long long) */
#define L1_CACHE_BYTES_DEFAULT 64u

/*
 * include/linux/slab.h's alignment constants from the architecture's
 * asm/cache.h (its hooks): kmalloc's minimum is ARCH_DMA_MINALIGN when
 * the architecture has one above 8, else 8 (__alignof__(unsigned long
 * long)), and must be a power of two of at most 256.
 */
static void slub_arch_init(struct slub_state *st)
{
	const struct mmsim_arch_ops *arch = current_machine->arch_ops;
	unsigned int dma = arch->dma_minalign ? arch->dma_minalign() : 0;
	unsigned int line = arch->cache_line_size ? arch->cache_line_size() : 0;

	st->cache_line_size = line ? line : L1_CACHE_BYTES_DEFAULT;
	st->slab_minalign = arch->slab_minalign ? arch->slab_minalign() :
						  KMALLOC_DEFAULT_MINALIGN;
	if (!slab_is_power_of_2(dma) || dma > 256) {
		WARN_ON(dma);
		dma = 0;
	}
	st->kmalloc_minalign = max(dma, KMALLOC_DEFAULT_MINALIGN);
	st->kmalloc_min_size = st->kmalloc_minalign;
	st->kmalloc_shift_low = slab_ilog2(st->kmalloc_min_size);
}

void slub_state_init(void)
{
	struct slub_state *st = &current_machine->slub;

	memset(st, 0, sizeof(*st));
	st->cfg_debug = IS_ENABLED(CONFIG_SLUB_DEBUG);
	st->cfg_cpu_partial = IS_ENABLED(CONFIG_SLUB_CPU_PARTIAL);
	st->cfg_hardened = IS_ENABLED(CONFIG_SLAB_FREELIST_HARDENED);
	st->cfg_random = IS_ENABLED(CONFIG_SLAB_FREELIST_RANDOM);
	st->cfg_memcg_kmem = IS_ENABLED(CONFIG_MEMCG_KMEM);
	st->cfg_zone_dma = IS_ENABLED(CONFIG_ZONE_DMA);
	st->cfg_numa = IS_ENABLED(CONFIG_NUMA);
	st->kmalloc_not_normal = __GFP_RECLAIMABLE |
				 (st->cfg_zone_dma ? __GFP_DMA : 0) |
				 (st->cfg_memcg_kmem ? __GFP_ACCOUNT : 0);
	st->cmpxchg_double = slub_host_has_cmpxchg_double();
	st->host_tracking = slub_host_tracking_wanted();
	st->hooks_on = true;    /* kmem_cache_init() knows better */
	slub_arch_init(st);
	st->kmem_cache_node_offset = kernel_kmem_cache_node_offset();
	st->slab_state = DOWN;
	INIT_LIST_HEAD(&st->slab_caches);
	spin_lock_init(&st->slab_mutex);
	INIT_LIST_HEAD(&st->shadows);
	spin_lock_init(&st->shadow_lock);
	st->slab_nomerge = !IS_ENABLED(CONFIG_SLAB_MERGE_DEFAULT);
	st->slub_max_order = PAGE_ALLOC_COSTLY_ORDER;
	slub_set_random_seed(current_machine->desc.kaslr_seed);
	slub_debug_state_init();
}

void slub_state_destroy(void)
{
	struct slub_state *st = &current_machine->slub;

	slub_debug_state_destroy();
	slab_shadow_release_all();
	spin_lock_destroy(&st->shadow_lock);
	spin_lock_destroy(&st->slab_mutex);
	host_free(st->boot_kmem_cache);
	host_free(st->boot_kmem_cache_node);
	st->boot_kmem_cache = st->boot_kmem_cache_node = NULL;
}

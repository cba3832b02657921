/* SPDX-License-Identifier: MIT */
/*
 * mm/slab.h — what the slab allocator's files share: struct slab, struct
 * kmem_cache and its per-CPU and per-node parts, the boot states, and
 * the functions mm/slab_common.c and mm/slub.c call in each other.
 *
 * Kernel counterparts: mm/slab.h and include/linux/slub_def.h (Linux 6.1,
 * CONFIG_SLUB, x86_64).
 *
 * A slab is one page, or one compound page of 2^order pages, cut into
 * objects of s->size bytes.  Its bookkeeping is the head page's struct
 * page, read through another type (struct slab), field for field where
 * the kernel puts it:
 *
 *   struct page   0 flags | 8 lru / compound_head | 24 mapping | 32 index
 *                 | 40 private | 48 _mapcount | 52 _refcount | 56 memcg_data
 *   struct slab   0 flags | 8 slab_list, or next + slabs on a CPU's partial
 *                 list | 24 slab_cache | 32 freelist | 40 counters:
 *                 inuse:16 objects:15 frozen:1 | 48 unused | 52 | 56
 *                 memcg_data, or (mmsim) the slab's shadow
 *
 * freelist and counters are one 16-byte-aligned pair, changed together
 * by cmpxchg_double_slab().  Invariants of a slab:
 *   inuse <= objects == oo_objects(s->oo) (or s->min after a fallback);
 *   objects - inuse == objects on slab->freelist, unless the slab is
 *     frozen (a CPU's slab): then its free objects are split between
 *     slab->freelist (remote frees) and that CPU's c->freelist;
 *   a slab that is not frozen is on its node's partial list exactly when
 *     0 < inuse < objects, or inuse == 0 and the node keeps it
 *     (nr_partial < min_partial); with SLAB_STORE_USER a full slab is on
 *     the node's full list; otherwise a full slab is on no list.
 *
 * Lock order (mm/slub.c): slab_mutex, then kmem_cache_node->list_lock,
 * then the slab's bit lock (PG_locked, only without cmpxchg_double), then
 * object_map_lock.  The per-CPU structure is touched only by its own
 * simulated CPU (a host thread is never preempted or interrupted), except
 * by the flushes that run while the other CPUs are quiet.
 *
 * Include this header last: it brings in <mmsim/machine.h>.
 */
#ifndef _MMSIM_MM_SLAB_H
#define _MMSIM_MM_SLAB_H

#include "linux/kernel.h"
#include "linux/bitmap.h"
#include "linux/list.h"
#include "linux/mm.h"
#include "linux/slab.h"
#include "linux/spinlock.h"
#include "linux/vmstat.h"
#include "mmsim/machine.h"
#include "mm/page_machine.h"

#define slub_st (current_machine->slub)

/*
 * kmalloc's misuse check, on its slow paths only (no cache found, or a
 * large allocation): on a thread with no current machine the size-class
 * lookup found no cache (current_slub_raw, include/mmsim/machine.h), and
 * this reports it with the library's message and exit 70 in every build.
 */
static inline void kmalloc_misuse_check(void)
{
	if (unlikely(!current_machine_raw))
		machine_misuse_no_machine();
}

/*
 * The entry points of the fast paths (kmalloc_trace, kfree, ...) in the
 * unchecked build (DEBUG=0): no frame pointer, as in the kernel (Debian's
 * ORC build has none).  Their common case calls nothing and ends in a
 * tail call at most, and the caller's address (_RET_IP_) is read only on
 * the way to a slow path, so the frame would be set up and torn down for
 * nothing; host_stack_trace() unwinds with DWARF, not frame pointers.
 */
#if MMSIM_DEBUG == 0 && !defined(MMSIM_CALLTRACE)
#define slab_fast_entry __attribute__((optimize("omit-frame-pointer")))
#else
#define slab_fast_entry
#endif

/* ---- struct slab: the head page seen by the slab allocator ---- */

struct slab_shadow; /* mm/slab_shadow.c */

struct slab {
	unsigned long __page_flags;
	union {
		struct list_head slab_list;
		struct { /* on a CPU's partial list (SLUB_CPU_PARTIAL) */
			struct slab *next;
			int slabs; /* slabs on the list from here on */
		};
	};
	struct kmem_cache *slab_cache;
	void *freelist; /* first free object (double-word aligned) */
	union {
		unsigned long counters;
		struct {
			unsigned inuse : 16;
			unsigned objects : 15;
			unsigned frozen : 1;
		};
	};
	unsigned int __unused;
	atomic_t __page_refcount;
	/*
	 * The kernel hangs a per-object vector here (the objects' memcg
	 * owners).  mmsim does not charge memcgs; a cache with a shadow
	 * hangs its per-object host structures here instead
	 * (mm/slab_shadow.c).  Zero whenever the page is not a slab.
	 */
	union {
		unsigned long memcg_data;
		struct slab_shadow *shadow;
	};
};

#define SLAB_MATCH(pg, sl) \
	_Static_assert(offsetof(struct page, pg) == offsetof(struct slab, sl), \
		       "struct slab must overlay struct page: " #sl)
SLAB_MATCH(flags, __page_flags);
SLAB_MATCH(compound_head, slab_list);
SLAB_MATCH(_refcount, __page_refcount);
SLAB_MATCH(memcg_data, memcg_data);
#undef SLAB_MATCH
_Static_assert(sizeof(struct slab) == sizeof(struct page), "struct slab size");
_Static_assert(offsetof(struct slab, freelist) % 16 == 0,
	       "freelist+counters must be one aligned double word");

static inline struct page *slab_page(const struct slab *slab)
{
	return (struct page *)slab;
}

static inline struct slab *page_slab(const struct page *page)
{
	return (struct slab *)page;
}

/*
 * virt_to_page() for the free paths: the same arithmetic as the kernel's
 * (direct map -> pfn -> memory map), inline; <linux/mm.h>'s goes through
 * two calls.
 */
static inline struct page *slab_virt_to_page(const void *addr)
{
	const struct machine *m = current_machine;
	unsigned long pfn = (unsigned long)((const char *)addr -
					    (const char *)m->ram.base) >> PAGE_SHIFT;

	if (unlikely(m->mm.mem_map))
		return m->mm.mem_map + (pfn - m->mm.arch_pfn_offset);
	return vmemmap + pfn; /* current_machine->mm.vmemmap */
}

/* The head page of the (compound) page holding @addr. */
static inline struct page *virt_to_head_page(const void *addr)
{
	return compound_head(slab_virt_to_page(addr));
}

/* ... as a slab, or NULL when it is not one. */
static inline struct slab *virt_to_slab(const void *addr)
{
	struct page *page = virt_to_head_page(addr);

	return PageSlab(page) ? page_slab(page) : NULL;
}

static inline void *slab_address(const struct slab *slab)
{
	return page_address(slab_page(slab));
}

/* page_to_nid() inline (the kernel's is): __slab_free's and the partial lists' */
static inline int slab_nid(const struct slab *slab)
{
	return machine_page_to_nid(current_machine, slab_page(slab));
}

static inline pg_data_t *slab_pgdat(const struct slab *slab)
{
	return page_pgdat(slab_page(slab));
}

static inline unsigned int slab_order(const struct slab *slab)
{
	return compound_order(slab_page((struct slab *)slab));
}

static inline size_t slab_size(const struct slab *slab)
{
	return PAGE_SIZE << slab_order(slab);
}

/* ---- struct kmem_cache ---- */

/* Order and objects per slab in one word: order << 16 | objects. */
struct kmem_cache_order_objects {
	unsigned int x;
};

/* A divisor prepared for division by multiplication (reciprocal_div.h). */
struct reciprocal_value {
	u32 m;
	u8 sh1, sh2;
};

/*
 * One CPU's view of a cache (per-CPU memory, 32 bytes as in the kernel:
 * local_lock_t is empty without lockdep).  freelist is the lockless list
 * the fast paths pop and push; slab the frozen slab it came from; tid
 * changes with every operation so a stale read is detected; partial the
 * CPU's list of frozen partial slabs, linked through slab->next.
 */
struct kmem_cache_cpu {
	void **freelist;
	unsigned long tid;
	struct slab *slab;
	struct slab *partial;
};
_Static_assert(sizeof(struct kmem_cache_cpu) == 32, "kmem_cache_cpu");

/*
 * One node's slabs of a cache.  nr_slabs and total_objects count every
 * slab of the node (CPU slabs too); partial holds nr_partial slabs; full
 * is used only with SLAB_STORE_USER.
 */
struct kmem_cache_node {
	spinlock_t list_lock;
	unsigned long nr_partial;
	struct list_head partial;
	atomic_long_t nr_slabs;
	atomic_long_t total_objects;
	struct list_head full;
};

/*
 * A cache.  Object layout and sizes: see calculate_sizes() in mm/slub.c.
 *   object_size <= inuse <= size;  offset: where a free object keeps the
 *   pointer to the next one;  oo: the order and objects of a new slab, min:
 *   the fallback when that order cannot be had.
 * The structure is an object of the kmem_cache cache in simulated RAM,
 * sized as the kernel's (offsetof(node) from the .config, see
 * slub_kmem_cache_size()); node[] has nr_node_ids entries.  Where the
 * kernel's structure is the smaller (32-bit ARM), the object in RAM has
 * the kernel's size and this structure is its shadow (mm/slab_shadow.c);
 * the same holds for struct kmem_cache_node.
 *   shadow_size: 0, or the bytes of mmsim's structure behind each object
 *   (> object_size) when the cache's objects have shadows.
 */
struct kmem_cache {
	struct kmem_cache_cpu *cpu_slab; /* __percpu */
	slab_flags_t flags;
	unsigned long min_partial;
	unsigned int size;
	unsigned int object_size;
	struct reciprocal_value reciprocal_size;
	unsigned int offset;
	unsigned int shadow_size;        /* mmsim: see above */
	unsigned int cpu_partial;        /* objects (sysfs cpu_partial) */
	unsigned int cpu_partial_slabs;  /* the limit really applied */
	struct kmem_cache_order_objects oo;
	struct kmem_cache_order_objects min;
	gfp_t allocflags;
	int refcount;                    /* -1: not mergeable (boot caches) */
	void (*ctor)(void *);
	unsigned int inuse;              /* offset of the metadata */
	unsigned int align;
	unsigned int red_left_pad;
	const char *name;
	struct list_head list;           /* on slab_caches */
	unsigned long random;            /* SLAB_FREELIST_HARDENED */
	unsigned int remote_node_defrag_ratio;
	unsigned int *random_seq;        /* SLAB_FREELIST_RANDOM */
	unsigned int useroffset;
	unsigned int usersize;
	struct kmem_cache_node *node[];
};

static inline struct kmem_cache_node *get_node(struct kmem_cache *s, int node)
{
	return s->node[node];
}

#define for_each_kmem_cache_node(__s, __node, __n)             \
	for (__node = 0; __node < nr_node_ids; __node++)        \
		if ((__n = get_node(__s, __node)))

/* ---- boot states (mm/slab_common.c: slab_state) ---- */
enum slab_state {
	DOWN,         /* no slab functionality yet */
	PARTIAL,      /* kmem_cache_node available */
	PARTIAL_NODE, /* (SLAB only) */
	UP,           /* kmalloc caches usable */
	FULL,         /* everything is working */
};

/* Internal cache flags (mm/slub.c). */
#define __OBJECT_POISON ((slab_flags_t)0x80000000U)
#define __CMPXCHG_DOUBLE ((slab_flags_t)0x40000000U)

#define SLAB_DEBUG_FLAGS (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | \
			  SLAB_TRACE | SLAB_CONSISTENCY_CHECKS)
#define SLAB_CORE_FLAGS (SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | \
			 SLAB_CACHE_DMA32 | SLAB_PANIC | \
			 SLAB_TYPESAFE_BY_RCU | SLAB_DEBUG_OBJECTS)
#define SLAB_CACHE_FLAGS (SLAB_NOLEAKTRACE | SLAB_RECLAIM_ACCOUNT | \
			  SLAB_TEMPORARY | SLAB_ACCOUNT | SLAB_NO_USER_FLAGS)
#define CACHE_CREATE_MASK (SLAB_CORE_FLAGS | SLAB_DEBUG_FLAGS | SLAB_CACHE_FLAGS)
#define SLAB_FLAGS_PERMITTED (SLAB_CORE_FLAGS | SLAB_RED_ZONE | SLAB_POISON | \
			      SLAB_STORE_USER | SLAB_TRACE |                 \
			      SLAB_CONSISTENCY_CHECKS | SLAB_MEM_SPREAD |    \
			      SLAB_NOLEAKTRACE | SLAB_RECLAIM_ACCOUNT |      \
			      SLAB_TEMPORARY | SLAB_ACCOUNT | SLAB_NO_USER_FLAGS)

/* The vmstat counter a cache's pages are accounted in. */
static inline enum node_stat_item cache_vmstat_idx(const struct kmem_cache *s)
{
	return (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE_B
						 : NR_SLAB_UNRECLAIMABLE_B;
}

/* Is one of the slub_debug @flags on for @s?  (Only debug flags.) */
static inline bool kmem_cache_debug_flags(const struct kmem_cache *s,
					  slab_flags_t flags)
{
	return slub_st.slub_debug_enabled && (s->flags & flags);
}

static inline void account_slab(struct slab *slab, unsigned int order,
				struct kmem_cache *s)
{
	mod_node_page_state(slab_pgdat(slab), cache_vmstat_idx(s),
			    (long)(PAGE_SIZE << order));
}

static inline void unaccount_slab(struct slab *slab, unsigned int order,
				  struct kmem_cache *s)
{
	mod_node_page_state(slab_pgdat(slab), cache_vmstat_idx(s),
			    -(long)(PAGE_SIZE << order));
}

/*
 * How much of an object its user may touch (ksize()): the object, or the
 * slot up to the metadata, or the whole slot, depending on what the
 * allocator keeps after the object.
 */
static inline size_t slab_ksize(const struct kmem_cache *s)
{
	if (s->flags & (SLAB_RED_ZONE | SLAB_POISON))
		return s->object_size;
	if (s->flags & SLAB_KASAN)
		return s->object_size;
	if (s->flags & (SLAB_TYPESAFE_BY_RCU | SLAB_STORE_USER))
		return s->inuse;
	return s->size;
}

/* init_on_alloc / init_on_free, as the kernel decides per cache. */
/* slab_want_init_on_alloc() with current_machine already read (@m). */
static inline bool machine_slab_want_init_on_alloc(const struct machine *m, gfp_t flags,
						   const struct kmem_cache *c)
{
	if (m->mm.pa.init_on_alloc) {
		if (c->ctor)
			return false;
		if (c->flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON))
			return flags & __GFP_ZERO;
		return true;
	}
	return flags & __GFP_ZERO;
}

static inline bool slab_want_init_on_alloc(gfp_t flags, const struct kmem_cache *c)
{
	return machine_slab_want_init_on_alloc(current_machine, flags, c);
}

static inline bool slab_want_init_on_free(const struct kmem_cache *c)
{
	if (current_machine->mm.pa.init_on_free)
		return !(c->ctor || (c->flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON)));
	return false;
}

/* What /proc/slabinfo shows of a cache (get_slabinfo()). */
struct slabinfo {
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long active_slabs;
	unsigned long num_slabs;
	unsigned long shared_avail;
	unsigned int limit;
	unsigned int batchcount;
	unsigned int shared;
	unsigned int objects_per_slab;
	unsigned int cache_order;
};

/* ---- mm/slab_common.c ---- */
struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags);
void setup_kmalloc_cache_index_table(void);
void create_kmalloc_caches(slab_flags_t flags);
void create_boot_cache(struct kmem_cache *s, const char *name,
		       unsigned int size, slab_flags_t flags,
		       unsigned int useroffset, unsigned int usersize);
int slab_unmergeable(struct kmem_cache *s);
struct kmem_cache *find_mergeable(unsigned int size, unsigned int align,
				  slab_flags_t flags, const char *name,
				  void (*ctor)(void *));
int cache_random_seq_create(struct kmem_cache *cachep, unsigned int count,
			    gfp_t gfp);
void cache_random_seq_destroy(struct kmem_cache *cachep);
void free_large_kmalloc(struct page *head, void *object);
gfp_t kmalloc_fix_flags(gfp_t flags);
unsigned long get_random_long(void);
u32 prandom_u32_max(u32 ceil);
/* The kernel's size of struct kmem_cache / kmem_cache_node on this .config. */
unsigned int slub_kmem_cache_size(void);
unsigned int slub_kmem_cache_node_size(void);
/* Exact-integer log2 and friends (include/linux/log2.h). */
static inline unsigned int slab_fls(unsigned long x)
{
	return x ? 64 - (unsigned int)__builtin_clzl(x) : 0;
}

static inline unsigned int slab_ilog2(unsigned long x)
{
	return slab_fls(x) - 1;
}

static inline bool slab_is_power_of_2(unsigned long n)
{
	return n && !(n & (n - 1));
}

static inline unsigned int slab_get_order(unsigned long size)
{
	unsigned int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

/* ---- mm/slub.c ---- */
int __kmem_cache_create(struct kmem_cache *s, slab_flags_t flags);
struct kmem_cache *__kmem_cache_alias(const char *name, unsigned int size,
				      unsigned int align, slab_flags_t flags,
				      void (*ctor)(void *));
int __kmem_cache_shutdown(struct kmem_cache *s);
void __kmem_cache_release(struct kmem_cache *s);
int __kmem_cache_shrink(struct kmem_cache *s);
bool __kmem_cache_empty(struct kmem_cache *s);
void slab_kmem_cache_release(struct kmem_cache *s);
void *__kmem_cache_alloc_node(struct kmem_cache *s, gfp_t gfpflags, int node,
			      size_t orig_size, unsigned long caller);
void __kmem_cache_free(struct kmem_cache *s, void *x, unsigned long caller);
void get_slabinfo(struct kmem_cache *s, struct slabinfo *sinfo);
/* Every CPU's slabs back to the node lists (the other CPUs must be quiet). */
void flush_all(struct kmem_cache *s);
struct kmem_cache *cache_from_obj(struct kmem_cache *s, void *x);

/* ---- mm/slab_shadow.c: host-sized objects behind kernel-sized ones ---- */
/* The shadow_size of a cache of @size-byte objects holding @host_size bytes. */
static inline unsigned int slab_shadow_size(unsigned int size, size_t host_size)
{
	return host_size > size ? (unsigned int)host_size : 0;
}

/* The bytes mmsim may use in each object of @s (allocated, kernel or shadow). */
static inline unsigned int slab_host_object_size(const struct kmem_cache *s)
{
	return s->shadow_size ? s->shadow_size : s->object_size;
}

void slab_shadow_attach(struct kmem_cache *s, struct slab *slab);
void slab_shadow_detach(struct slab *slab);
void *slab_shadow_of(const struct kmem_cache *s, const struct slab *slab,
		     const void *object);
void slab_shadow_track_fresh(struct kmem_cache *s, struct slab *slab);
void *slab_shadow_alloc(struct kmem_cache *s, void *object, bool init);
void *slab_shadow_free(const char *func, void *shadow);

/* Is @p in simulated RAM (a kernel object), or elsewhere (a shadow)? */
static inline bool slab_addr_in_ram(const void *p)
{
	const struct machine *m = current_machine;

	return (size_t)((const char *)p - (const char *)m->ram.base) < m->ram.span;
}

int slab_shadow_check(const struct kmem_cache *s, const struct slab *slab,
		      char *why, size_t len);
void slab_shadow_release_all(void);

/* ---- mm/slub_validate.c: mmsim's structural checker (0 or -EINVAL) ---- */
int slub_validate(void);

/* ---- mm/slub_debug.c ---- */
slab_flags_t kmem_cache_flags(unsigned int object_size, slab_flags_t flags,
			      const char *name);
void print_tracking(struct kmem_cache *s, void *object);
long validate_slab_cache(struct kmem_cache *s);

#endif /* _MMSIM_MM_SLAB_H */

/* SPDX-License-Identifier: MIT */
/*
 * mm/slub_internal.h — what mm/slub.c, mm/slub_debug.c and
 * mm/slub_validate.c share: free-pointer encoding, object iteration, the
 * tracking record, and the debug hooks the allocation paths call.
 *
 * Kernel counterpart: the static helpers at the top of mm/slub.c (6.1).
 *
 * Object layout in a slot of s->size bytes (calculate_sizes()):
 *
 *   | red_left_pad | object_size bytes | pad/red zone | free ptr | tracks  | pad |
 *   ^slot          ^object (what users get)         ^inuse     (debug only)    ^size
 *
 * Without debugging the free pointer lives inside the free object, at
 * s->offset (near the middle); with poisoning, a constructor or RCU it
 * moves after the object (s->offset == s->inuse).  With
 * SLAB_FREELIST_HARDENED the stored value is
 *   next ^ s->random ^ swab(address of the pointer)
 * so a leaked or overwritten pointer does not name a usable address.
 */
#ifndef _MMSIM_MM_SLUB_INTERNAL_H
#define _MMSIM_MM_SLUB_INTERNAL_H

#include "linux/percpu.h"
#include "linux/smp.h"
#include "mm/slab.h"

#define MIN_PARTIAL 5
#define MAX_PARTIAL 10
#define DEBUG_DEFAULT_FLAGS (SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | \
			     SLAB_POISON | SLAB_STORE_USER)
#define SLAB_NO_CMPXCHG (SLAB_CONSISTENCY_CHECKS | SLAB_STORE_USER | SLAB_TRACE)
#define DEBUG_METADATA_FLAGS (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

#define OO_SHIFT 16
#define OO_MASK ((1u << OO_SHIFT) - 1)
#define MAX_OBJS_PER_PAGE 32767 /* slab->objects is 15 bits */

/* Kernel poison values (include/linux/poison.h). */
#define SLUB_RED_INACTIVE 0xbb
#define SLUB_RED_ACTIVE 0xcc
#define POISON_INUSE 0x5a
#define POISON_FREE 0x6b
#define POISON_END 0xa5

/* Where deactivate_slab() and friends put a slab on the partial list. */
#define DEACTIVATE_TO_HEAD 15
#define DEACTIVATE_TO_TAIL 16

/*
 * A tracking record (SLAB_STORE_USER): who allocated or freed the object
 * last.  32 bytes, the kernel's layout with STACKDEPOT; handle is mmsim's
 * index of the saved call trace (0: none).
 */
struct track {
	unsigned long addr; /* caller (host code address) */
	u32 handle;
	int cpu;
	int pid;
	unsigned long when; /* jiffies */
};
_Static_assert(sizeof(struct track) == 32, "struct track");

enum track_item { TRACK_ALLOC, TRACK_FREE };

/* ---- free pointers ---- */

static inline unsigned long slab_swab(unsigned long x)
{
	return __builtin_bswap64(x);
}

/*
 * The key (s->random ^ swab(address)) is formed first: it does not depend
 * on the pointer, so encoding or decoding adds one xor, not two, to the
 * chain from the pointer's load to its use (the hot pair's critical path:
 * the free pointer an alloc reads is the one the last free wrote).
 */
static inline void *machine_freelist_ptr(const struct machine *m,
					 const struct kmem_cache *s, void *ptr,
					 unsigned long ptr_addr)
{
	if (likely(m->slub.cfg_hardened)) {
		unsigned long key = s->random ^ slab_swab(ptr_addr);

		return (void *)((unsigned long)ptr ^ key);
	}
	return ptr;
}

static inline void *freelist_ptr(const struct kmem_cache *s, void *ptr,
				 unsigned long ptr_addr)
{
	return machine_freelist_ptr(current_machine, s, ptr, ptr_addr);
}

static inline void *get_freepointer(const struct kmem_cache *s, void *object)
{
	unsigned long addr = (unsigned long)object + s->offset;

	return freelist_ptr(s, *(void **)addr, addr);
}

/*
 * Ask for the line of @object's free pointer ahead of time, for writing:
 * the fast path does it for the object it will hand out next, whose free
 * pointer the next allocation from this CPU's freelist reads (a cache
 * miss when the object was freed long ago).  A prefetch never faults, so
 * a NULL @object is harmless (the address is formed as an integer: C has
 * no pointer arithmetic on NULL, and clang's UBSan says so).
 */
static inline void prefetch_freepointer(const struct kmem_cache *s, void *object)
{
	__builtin_prefetch((void *)((unsigned long)object + s->offset), 1);
}

static inline void set_freepointer(const struct kmem_cache *s, void *object,
				   void *fp)
{
	unsigned long addr = (unsigned long)object + s->offset;

	/* the kernel's naive double-free detection of HARDENED */
	if (slub_st.cfg_hardened)
		BUG_ON(object == fp);
	*(void **)addr = freelist_ptr(s, fp, addr);
}

/*
 * PAGE_SIZE << order for an order of 32 or more (slub_min_order= takes
 * any number, -1 included), as the compiled kernel's shift gives it: C
 * leaves such a shift undefined, the CPU does not.  x86_64 shifts the
 * 64-bit long by the count modulo 64; 32-bit ARM by the count's low byte,
 * and 32 or more clears it.
 */
static inline u64 slab_bytes_wide_order(unsigned int order)
{
	unsigned int count;

	if (current_machine->arch.long_bytes == 8)
		return (u64)PAGE_SIZE << (order & 63);
	count = order & 255;
	return count < 32 ? (u32)(PAGE_SIZE << count) : 0;
}

static inline unsigned int order_objects(unsigned int order, unsigned int size)
{
	u64 bytes = order < 32 ? (u64)PAGE_SIZE << order :
				 slab_bytes_wide_order(order);

	return (unsigned int)bytes / size;
}

static inline struct kmem_cache_order_objects oo_make(unsigned int order,
						      unsigned int size)
{
	struct kmem_cache_order_objects x = {
		(order << OO_SHIFT) + order_objects(order, size)
	};

	return x;
}

static inline unsigned int oo_order(struct kmem_cache_order_objects x)
{
	return x.x >> OO_SHIFT;
}

static inline unsigned int oo_objects(struct kmem_cache_order_objects x)
{
	return x.x & OO_MASK;
}

static inline bool kmem_cache_debug(const struct kmem_cache *s)
{
	return kmem_cache_debug_flags(s, SLAB_DEBUG_FLAGS);
}

/* Past the left red zone: where the object of a slot starts. */
static inline void *fixup_red_left(const struct kmem_cache *s, void *p)
{
	if (kmem_cache_debug_flags(s, SLAB_RED_ZONE))
		p = (char *)p + s->red_left_pad;
	return p;
}

static inline void *restore_red_left(const struct kmem_cache *s, void *p)
{
	if (s->flags & SLAB_RED_ZONE)
		p = (char *)p - s->red_left_pad;
	return p;
}

static inline unsigned int size_from_object(const struct kmem_cache *s)
{
	if (s->flags & SLAB_RED_ZONE)
		return s->size - s->red_left_pad;
	return s->size;
}

/* Every object of a slab, @p walking the objects (past the left red zone). */
#define for_each_object(__p, __s, __addr, __objects)                        \
	for (__p = fixup_red_left(__s, __addr);                             \
	     (char *)__p < (char *)(__addr) + (__objects) * (__s)->size;    \
	     __p = (char *)__p + (__s)->size)

/* Division by s->size through its prepared reciprocal. */
static inline u32 reciprocal_divide(u32 a, struct reciprocal_value r)
{
	u32 t = (u32)(((u64)a * r.m) >> 32);

	return (t + ((a - t) >> r.sh1)) >> r.sh2;
}

struct reciprocal_value reciprocal_value(u32 d);

static inline unsigned int __obj_to_index(const struct kmem_cache *s,
					  void *addr, void *obj)
{
	return reciprocal_divide((u32)((char *)obj - (char *)addr),
				 s->reciprocal_size);
}

static inline bool freeptr_outside_object(const struct kmem_cache *s)
{
	return s->offset >= s->inuse;
}

/* End of the free pointer and red zones: where tracking data starts. */
static inline unsigned int get_info_end(const struct kmem_cache *s)
{
	if (freeptr_outside_object(s))
		return s->inuse + sizeof(void *);
	return s->inuse;
}

static inline bool slub_debug_orig_size(const struct kmem_cache *s)
{
	return kmem_cache_debug_flags(s, SLAB_STORE_USER) &&
	       (s->flags & SLAB_KMALLOC);
}

static inline unsigned long node_nr_slabs(struct kmem_cache_node *n)
{
	return (unsigned long)__atomic_load_n(&n->nr_slabs.counter,
					      __ATOMIC_RELAXED);
}

static inline unsigned long node_nr_objs(struct kmem_cache_node *n)
{
	return (unsigned long)__atomic_load_n(&n->total_objects.counter,
					      __ATOMIC_RELAXED);
}

static inline unsigned long slabs_node(struct kmem_cache *s, int node)
{
	return node_nr_slabs(get_node(s, node));
}

/* Is @object a slot start inside @slab (NULL counts as valid)? */
static inline bool check_valid_pointer(const struct kmem_cache *s,
				       const struct slab *slab, void *object)
{
	char *base, *obj;

	if (!object)
		return true;
	base = slab_address(slab);
	obj = restore_red_left(s, object);
	if (obj < base || obj >= base + slab->objects * s->size ||
	    (unsigned long)(obj - base) % s->size)
		return false;
	return true;
}

/*
 * Host sanitizers (ASan, Valgrind): a free object of a cache without
 * debugging is marked inaccessible except for its free pointer, so a
 * use after free through a stale pointer is reported by the host tool.
 * Caches with slub_debug keep their free objects readable: the kernel's
 * own checks read the poison and red zones.
 */
void __slab_track_object_free(struct kmem_cache *s, void *object);
void __slab_track_object_alloc(struct kmem_cache *s, void *object);

/* Only under ASan or Valgrind (slub_st.host_tracking, set at machine creation). */
static inline void slab_track_object_free(struct kmem_cache *s, void *object)
{
	if (unlikely(slub_st.host_tracking))
		__slab_track_object_free(s, object);
}

static inline void slab_track_object_alloc(struct kmem_cache *s, void *object)
{
	if (unlikely(slub_st.host_tracking))
		__slab_track_object_alloc(s, object);
}

/* ---- mm/slub.c, for mm/slub_init.c and the debug code ---- */
bool slub_host_has_cmpxchg_double(void);
bool slub_host_tracking_wanted(void);
void init_kmem_cache_cpus(struct kmem_cache *s);
int init_cache_random_seq(struct kmem_cache *s);
struct slab *slub_new_slab(struct kmem_cache *s, gfp_t flags, int node);
void slub_add_partial_unlocked(struct kmem_cache_node *n, struct slab *slab);
void __flush_cpu_slab(struct kmem_cache *s, int cpu);
unsigned long count_partial(struct kmem_cache_node *n,
			    int (*get_count)(struct slab *));
int count_free(struct slab *slab);
void slub_free_slab(struct kmem_cache *s, struct slab *slab);
void add_partial(struct kmem_cache_node *n, struct slab *slab, int tail);
void remove_partial(struct kmem_cache_node *n, struct slab *slab);
void dec_slabs_node(struct kmem_cache *s, int node, int objects);
void inc_slabs_node(struct kmem_cache *s, int node, int objects);

/* ---- mm/slub_debug.c: hooks of the allocation paths ---- */
void setup_object_debug(struct kmem_cache *s, void *object);
void setup_slab_debug(struct kmem_cache *s, struct slab *slab, void *addr);
int alloc_debug_processing(struct kmem_cache *s, struct slab *slab,
			   void *object, int orig_size);
void free_debug_processing(struct kmem_cache *s, struct slab *slab,
			   void *head, void *tail, int bulk_cnt,
			   unsigned long addr);
void slab_pad_check(struct kmem_cache *s, struct slab *slab);
int check_object(struct kmem_cache *s, struct slab *slab, void *object, u8 val);
u32 set_track_prepare(void);
void set_track_update(struct kmem_cache *s, void *object,
		      enum track_item alloc, unsigned long addr, u32 handle);

/* Record @addr as the allocator or freer of @object, with the call trace. */
static inline void set_track(struct kmem_cache *s, void *object,
			     enum track_item alloc, unsigned long addr)
{
	set_track_update(s, object, alloc, addr, set_track_prepare());
}
void init_tracking(struct kmem_cache *s, void *object);
void init_object(struct kmem_cache *s, void *object, u8 val);
bool freelist_corrupted(struct kmem_cache *s, struct slab *slab,
			void **freelist, void *nextfree);
void add_full(struct kmem_cache *s, struct kmem_cache_node *n,
	      struct slab *slab);
void remove_full(struct kmem_cache *s, struct kmem_cache_node *n,
		 struct slab *slab);
void slab_err(struct kmem_cache *s, struct slab *slab, const char *fmt, ...)
	__printf(3, 4);
void list_slab_objects(struct kmem_cache *s, struct slab *slab,
		       const char *text);
void slub_debug_boot_notice(void);
void init_freelist_randomization(void);
void slub_debug_state_init(void);
void slub_debug_state_destroy(void);
void __fill_map(unsigned long *obj_map, struct kmem_cache *s,
		struct slab *slab);

/* ---- the per-CPU freelist, for the fast paths (mm/slub.c, kfree) ---- */

/*
 * Is there a hook for the whole paths to run (slub_st.hooks_on)?  A
 * failslab probability (should_failslab() lets every call through while
 * it is 0, with no side effect), host tracking, init_on_free.  The
 * checked build compares the flag with this on every fast path.
 */
static inline bool slub_hooks_wanted(const struct machine *m)
{
	return m->fault.failslab.probability || m->slub.host_tracking ||
	       m->mm.pa.init_on_free;
}

/* Transaction ids step by the next power of two >= NR_CPUS (PREEMPTION). */
#define TID_STEP 8192UL

static inline unsigned long next_tid(unsigned long tid)
{
	return tid + TID_STEP;
}

/*
 * this_cpu_cmpxchg_double() on (c->freelist, c->tid).  The kernel's is
 * one unlocked cmpxchg16b: atomic with respect to its own CPU only.  A
 * simulated CPU is one thread with nothing to interrupt it, so a compare
 * followed by two stores is exactly as strong.
 */
static inline bool this_cpu_cmpxchg_freelist(struct kmem_cache_cpu *c,
					     void *old_free, unsigned long old_tid,
					     void *new_free, unsigned long new_tid)
{
	if (c->freelist != old_free || c->tid != old_tid)
		return false;
	c->freelist = new_free;
	c->tid = new_tid;
	return true;
}

static inline struct kmem_cache_cpu *this_cpu_slab(struct kmem_cache *s)
{
	return raw_cpu_ptr(s->cpu_slab);
}

/* The same, with current_machine already read by the caller. */
static inline struct kmem_cache_cpu *machine_this_cpu_slab(const struct machine *m,
							   struct kmem_cache *s)
{
	return (struct kmem_cache_cpu *)((unsigned long)s->cpu_slab +
					 m->pcpu.per_cpu_offset[raw_smp_processor_id()]);
}

/*
 * One object back to this CPU's slab, the common case of kfree() and
 * kmem_cache_free(): what slab_free() does for a list of one (the free
 * hook's rebuilt list is the object alone, linked in front of this CPU's
 * freelist), when there is nothing for the hooks to do (no init_on_free,
 * no host tracking).  false: nothing done, take slab_free(), which also
 * reports a double free of the object at the head of the freelist (no
 * call here, so the common case needs no stack frame).  @m is
 * current_machine, read once by the caller.
 */
static __always_inline bool slab_free_one_fast(const struct machine *m,
					       struct kmem_cache *s,
					       struct slab *slab, void *x)
{
	struct kmem_cache_cpu *c;
	unsigned long tid;
	void *freelist;

	VM_BUG_ON(m->slub.hooks_on != slub_hooks_wanted(m) &&
		  m->slub.slab_state != DOWN);
	if (unlikely(m->slub.hooks_on))
		return false;
	c = machine_this_cpu_slab(m, s);
	tid = c->tid;
	if (unlikely(slab != c->slab))
		return false;
	freelist = c->freelist;
	/* HARDENED's double free: slab_free() reports it (BUG) */
	if (unlikely(m->slub.cfg_hardened && x == freelist))
		return false;
	*(void **)((char *)x + s->offset) =
		machine_freelist_ptr(m, s, freelist, (unsigned long)x + s->offset);
	return this_cpu_cmpxchg_freelist(c, freelist, tid, x, next_tid(tid));
}

/*
 * What is left of a one-object free when slab_free_one_fast() declined
 * (mm/slub.c): kfree() and __kmem_cache_free() call it with the slab
 * they found, so that a free to another CPU's slab finds it once.
 */
void slab_free_one(struct kmem_cache *s, struct slab *slab, void *x,
		   unsigned long caller);

#endif /* _MMSIM_MM_SLUB_INTERNAL_H */

/* SPDX-License-Identifier: MIT */
/*
 * include/linux/slab.h — object caches and kmalloc: the slab allocator's API.
 *
 * Kernel counterparts: include/linux/slab.h and the API half of
 * mm/slab_common.c (Linux 6.1, CONFIG_SLUB).  Same names, flag values,
 * size classes and return conventions; implemented in mm/slab_common.c
 * (caches, merging, kmalloc) and mm/slub.c (the allocator).
 *
 *   kmem_cache_create("name", size, align, flags, ctor)   a cache of objects
 *   kmem_cache_alloc(s, GFP_KERNEL) / kmem_cache_free(s, p)
 *   kmalloc(size, GFP_KERNEL) / kfree(p)                  size classes:
 *
 *     request   1..8 9..16 17..32 33..64 65..96 97..128 129..192 193..256
 *     x86_64    -8   -16   -32    -64    -96    -128    -192     -256
 *     ARM       -64  -64   -64    -64    -128   -128    -192     -256
 *     then powers of two up to kmalloc-8k (KMALLOC_MAX_CACHE_SIZE, two
 *     pages); larger requests are whole compound pages from the page
 *     allocator (kmalloc_large), up to KMALLOC_MAX_SIZE (4 MiB).
 *     The smallest class is KMALLOC_MIN_SIZE: 8 bytes, or the
 *     architecture's ARCH_DMA_MINALIGN when that is larger (32-bit ARM:
 *     a 64-byte cache line, so a kmalloc'ed buffer never shares a line
 *     with another under non-coherent DMA); kmalloc-96 exists only when
 *     that minimum is at most 32, kmalloc-192 when it is at most 64.
 *
 * Each size class exists once per kmalloc type the .config enables,
 * chosen by the gfp flags (kmalloc_type()):
 *   kmalloc-N       plain requests                       KMALLOC_NORMAL
 *   kmalloc-cg-N    __GFP_ACCOUNT (CONFIG_MEMCG_KMEM)    KMALLOC_CGROUP
 *   kmalloc-rcl-N   __GFP_RECLAIMABLE                    KMALLOC_RECLAIM
 *   dma-kmalloc-N   __GFP_DMA (CONFIG_ZONE_DMA)          KMALLOC_DMA
 * The enum values are therefore run-time values (kmalloc_type_index()).
 *
 * Returns: allocation functions give NULL when the simulated machine is
 * out of memory (a normal outcome); kmalloc(0) gives ZERO_SIZE_PTR, which
 * kfree() and ksize() accept.  The caller owns what it gets until it
 * frees it.  Unlike the kernel, the allocator has no scheduler behind it:
 * functions that the kernel runs on every CPU through a workqueue
 * (kmem_cache_shrink, kmem_cache_destroy, slab validation) flush the
 * other simulated CPUs' per-CPU slabs directly, so they must be called
 * while no other simulated CPU is allocating from or freeing to the
 * cache.
 *
 * Every entry point records its caller (the kernel's _RET_IP_) for
 * slub_debug's allocation and free tracking.
 */
#ifndef _MMSIM_LINUX_SLAB_H
#define _MMSIM_LINUX_SLAB_H

#include "linux/types.h"
#include "linux/gfp.h"
#include "linux/numa.h"

typedef unsigned int slab_flags_t;

/* Flags of kmem_cache_create() (the kernel's values). */
#define SLAB_CONSISTENCY_CHECKS ((slab_flags_t)0x00000100U) /* slub_debug=F */
#define SLAB_RED_ZONE ((slab_flags_t)0x00000400U)           /* slub_debug=Z */
#define SLAB_POISON ((slab_flags_t)0x00000800U)             /* slub_debug=P */
#define SLAB_KMALLOC ((slab_flags_t)0x00001000U)            /* a kmalloc cache */
#define SLAB_HWCACHE_ALIGN ((slab_flags_t)0x00002000U)
#define SLAB_CACHE_DMA ((slab_flags_t)0x00004000U)
#define SLAB_CACHE_DMA32 ((slab_flags_t)0x00008000U)
#define SLAB_STORE_USER ((slab_flags_t)0x00010000U)         /* slub_debug=U */
#define SLAB_RECLAIM_ACCOUNT ((slab_flags_t)0x00020000U)
#define SLAB_PANIC ((slab_flags_t)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU ((slab_flags_t)0x00080000U)
#define SLAB_MEM_SPREAD ((slab_flags_t)0x00100000U)
#define SLAB_TRACE ((slab_flags_t)0x00200000U)              /* slub_debug=T */
#define SLAB_DEBUG_OBJECTS ((slab_flags_t)0x00400000U)
#define SLAB_NOLEAKTRACE ((slab_flags_t)0x00800000U)
#define SLAB_FAILSLAB ((slab_flags_t)0x02000000U)           /* slub_debug=A */
#define SLAB_ACCOUNT ((slab_flags_t)0x04000000U)
#define SLAB_KASAN ((slab_flags_t)0x08000000U)
#define SLAB_NO_USER_FLAGS ((slab_flags_t)0x10000000U)
#define SLAB_SKIP_KFENCE ((slab_flags_t)0x20000000U)
#define SLAB_TEMPORARY SLAB_RECLAIM_ACCOUNT

/* kmalloc(0) returns this: not NULL, but never a valid object. */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/*
 * The kernel's compile-time alignment constants, here values of the
 * current machine's architecture (its hooks in <mmsim/arch.h>, resolved
 * when the machine is made): x86_64 8, 8, 3, 8; 32-bit ARM 64, 8, 6, 64.
 */
unsigned int kmalloc_arch_minalign(void);
unsigned int kmalloc_arch_slab_minalign(void);
unsigned int kmalloc_shift_low(void);
#define ARCH_KMALLOC_MINALIGN (kmalloc_arch_minalign())
#define ARCH_SLAB_MINALIGN (kmalloc_arch_slab_minalign())
#define KMALLOC_SHIFT_LOW (kmalloc_shift_low())
#define KMALLOC_SHIFT_HIGH 13 /* SLUB: PAGE_SHIFT + 1 */
#define KMALLOC_SHIFT_MAX 22  /* MAX_ORDER + PAGE_SHIFT - 1 */
#define KMALLOC_MIN_SIZE (1u << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE (1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_ORDER (KMALLOC_SHIFT_MAX - 12)

/*
 * kmalloc types.  The kernel's enum folds the types a .config lacks onto
 * KMALLOC_NORMAL; mmsim numbers them at run time the same way, so these
 * are the names of the four kinds and kmalloc_type_index() maps a kind to
 * the kernel's enum value on the current machine.
 */
enum kmalloc_cache_kind {
	KMALLOC_NORMAL,
	KMALLOC_CGROUP,
	KMALLOC_RECLAIM,
	KMALLOC_DMA,
	MMSIM_KMALLOC_KINDS
};
#define MMSIM_MAX_KMALLOC_TYPES MMSIM_KMALLOC_KINDS

int kmalloc_type_index(enum kmalloc_cache_kind kind);
int nr_kmalloc_types(void);
/* The kernel's kmalloc_type(): which type a request with @flags uses. */
int kmalloc_type(gfp_t flags);
/* The size-class index of @size (__kmalloc_index()); 0 for 0 bytes. */
unsigned int kmalloc_index(size_t size);

struct kmem_cache;

/* ---- the slab allocator's boot (init/main.c) ---- */
void kmem_cache_init(void);      /* mm_init(): boot caches, kmalloc caches */
void kmem_cache_init_late(void); /* start_kernel(): the flush workqueue */
bool slab_is_available(void);    /* kmalloc may be used */

/* ---- caches ---- */
/*
 * Create a cache, or reuse a compatible existing one (cache merging, as
 * CONFIG_SLAB_MERGE_DEFAULT does unless slab_nomerge).  NULL on failure
 * (after the kernel's warning); with SLAB_PANIC a failure is a BUG.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
struct kmem_cache *kmem_cache_create_usercopy(const char *name,
					      unsigned int size,
					      unsigned int align,
					      slab_flags_t flags,
					      unsigned int useroffset,
					      unsigned int usersize,
					      void (*ctor)(void *));
/*
 * mmsim: a cache whose objects are @size bytes in the simulated kernel
 * (what decides its geometry, addresses, slab pages and counts) while
 * the C structure mmsim keeps in each is @host_size bytes.  On a 32-bit
 * kernel mmsim's 64-bit structures can be the larger: then every object
 * has a host-side shadow of @host_size bytes and the allocation functions
 * hand out the shadow, the free functions take it back
 * (mm/slab_shadow.c).  When @host_size <= @size this is
 * kmem_cache_create().  A cache with a shadow is never merged.
 */
struct kmem_cache *kmem_cache_create_shadowed(const char *name,
					      unsigned int size,
					      unsigned int host_size,
					      unsigned int align,
					      slab_flags_t flags,
					      void (*ctor)(void *));
/* Drop a reference; the last one frees the cache (warns if objects remain). */
void kmem_cache_destroy(struct kmem_cache *s);
/* Free every empty slab; 0 when no slab is left at all. */
int kmem_cache_shrink(struct kmem_cache *s);
unsigned int kmem_cache_size(struct kmem_cache *s);
const char *kmem_cache_name(const struct kmem_cache *s);

/* ---- objects ---- */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags, int node);
void kmem_cache_free(struct kmem_cache *s, void *x);
/* @size objects into @p; returns @size, or 0 (nothing allocated). */
int kmem_cache_alloc_bulk(struct kmem_cache *s, gfp_t flags, size_t size,
			  void **p);
/* Free @size objects of @p; with @s NULL each object's cache is looked up. */
void kmem_cache_free_bulk(struct kmem_cache *s, size_t size, void **p);

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc(s, flags | __GFP_ZERO);
}

/* ---- kmalloc ---- */
void *kmalloc(size_t size, gfp_t flags);
void *kmalloc_node(size_t size, gfp_t flags, int node);
void *kzalloc(size_t size, gfp_t flags);
void *kzalloc_node(size_t size, gfp_t flags, int node);
/* n * size bytes; NULL when the product overflows. */
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
/*
 * Resize @p to @new_size bytes, keeping its contents: the same pointer
 * while the object's slot is big enough, a new object otherwise (the old
 * one is then freed).  @new_size 0 frees @p and returns ZERO_SIZE_PTR; on
 * failure NULL is returned and @p is left as it was.
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags);
void kfree(const void *x);
/* Usable size of an object from kmalloc or kmem_cache_alloc. */
size_t ksize(const void *objp);
/*
 * mmsim: where the simulated kernel has the object @objp that an
 * allocation function returned: @objp itself, or for a cache with a
 * shadow the slab object in simulated RAM the shadow stands for.
 */
void *slab_kernel_object(const void *objp);
/* The size kmalloc(@size) really allocates. */
size_t kmalloc_size_roundup(size_t size);
/* Pages straight from the page allocator, above the largest kmalloc cache. */
void *kmalloc_large(size_t size, gfp_t flags);
void *kmalloc_large_node(size_t size, gfp_t flags, int node);
char *kstrdup(const char *s, gfp_t gfp);
/* kmalloc_node() recording @caller as the allocator (kmalloc_track_caller). */
void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int node,
				  unsigned long caller);

/*
 * kmalloc_caches[type][index]: the cache of one type and size class
 * (NULL where none exists, e.g. index 0, or a type the .config lacks).
 */
struct kmem_cache *kmalloc_cache(int type, unsigned int index);

/*
 * The geometry of every cache as a table, one row per cache sorted by
 * name: name, object_size, slab_size, objs_per_slab, order, min_partial,
 * cpu_partial, align (the /sys/kernel/slab attributes; `--dump` writes it
 * as slab_attrs.tsv).  A host_alloc'ed string: host_free() it.
 */
char *slab_attrs_render(void);

/*
 * lib/slub_kunit.c: a deliberate corruption of kind @name ("redzone",
 * "use-after-free", "double-free", "invalid-free", "freepointer", "all")
 * so that slub_debug reports it (`mmsim boot --slub-demo NAME`).
 * 0, or -EINVAL for an unknown name or before the allocator is up.
 */
bool slub_demo_known(const char *name);
int slub_demo_run(const char *name);

/*
 * kmalloc(@size) from the cache @s its size and flags chose: what the
 * kernel's inline kmalloc() calls when the compiler knows the size.
 * @s NULL (before the kmalloc caches exist) gives NULL, as kmalloc(); on
 * a thread with no current machine it is the misuse message and exit 70
 * (machine_misuse_no_machine), in every build.
 */
void *kmalloc_trace(struct kmem_cache *s, gfp_t flags, size_t size);

/*
 * kmalloc() and kzalloc() of a size the compiler knows, with flags it
 * knows choose KMALLOC_NORMAL (none of the gfp bits that can pick another
 * type on any .config): as in the kernel, whose kmalloc() is inline, the
 * cache is found at the call site (the size class from size_index[], or
 * fls() above 192 bytes; KMALLOC_NORMAL is type 0 on every .config) and
 * kmalloc_trace() allocates from it.  Any other call is the function.
 * The call-tree build (MMSIM_CALLTRACE) always calls the function, so its
 * trees show kmalloc() as before.
 */
#ifndef MMSIM_CALLTRACE
#include "mmsim/machine.h"

#define KMALLOC_MAYBE_NOT_NORMAL (__GFP_DMA | __GFP_RECLAIMABLE | __GFP_ACCOUNT)

static __always_inline struct kmem_cache *kmalloc_const_cache(size_t size)
{
	const struct slub_state *st = current_slub_raw;   /* NULL caches: no machine */
	unsigned int index;

	if (size <= 192)
		index = st->size_index[(size - 1) / 8];
	else
		index = (unsigned int)(64 - __builtin_clzl(size - 1));
	return st->kmalloc_caches[KMALLOC_NORMAL][index];
}

#define kmalloc_size_is_const(size, flags)                                  \
	(__builtin_constant_p(size) && __builtin_constant_p(flags) &&       \
	 (size_t)(size) != 0 && (size_t)(size) <= KMALLOC_MAX_CACHE_SIZE && \
	 !((flags) & KMALLOC_MAYBE_NOT_NORMAL))

#define kmalloc(size, flags)                                                \
	(kmalloc_size_is_const(size, flags) ?                               \
	 kmalloc_trace(kmalloc_const_cache(size), flags, size) :            \
	 (kmalloc)(size, flags))
#define kzalloc(size, flags)                                                \
	(kmalloc_size_is_const(size, flags) ?                               \
	 kmalloc_trace(kmalloc_const_cache(size), (flags) | __GFP_ZERO, size) : \
	 (kzalloc)(size, flags))
#endif

#endif /* _MMSIM_LINUX_SLAB_H */

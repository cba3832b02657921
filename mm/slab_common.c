// SPDX-License-Identifier: MIT
/*
 * mm/slab_common.c — what does not depend on the slab allocator's
 * strategy: creating, merging and destroying caches, the kmalloc size
 * classes and their caches, kmalloc/kfree/krealloc/ksize, kmalloc_large,
 * and the random sequences of SLAB_FREELIST_RANDOM.
 *
 * Kernel counterpart: mm/slab_common.c (Linux 6.1).
 *
 * kmalloc(size, flags):
 *
 *   size > KMALLOC_MAX_CACHE_SIZE (8 KiB)  -> kmalloc_large(): a compound
 *        page of get_order(size), counted as unreclaimable slab memory
 *   size 0                                 -> ZERO_SIZE_PTR
 *   size <= 192                            -> size_index[(size - 1) / 8]
 *   otherwise                              -> fls(size - 1)
 *   cache = kmalloc_caches[kmalloc_type(flags)][index]
 *
 * The classes start at KMALLOC_MIN_SIZE, the architecture's: 8 bytes on
 * x86_64, a 64-byte cache line on 32-bit ARM (ARCH_DMA_MINALIGN).  The
 * size_index table sends the small requests to the smallest class, and
 * 65..96 to kmalloc-128 when there is no kmalloc-96 (minimum 64 or more),
 * 129..192 to kmalloc-256 when there is no kmalloc-192 (minimum 128 or
 * more).
 *
 * kfree(p) finds the object's cache through its page: the head page of
 * the compound page holding p is either a slab (PageSlab: slab->slab_cache)
 * or a kmalloc_large block.
 *
 * Merging (SLAB_MERGE_DEFAULT, not with slab_nomerge): a new cache without
 * a constructor, usercopy region or debug flags reuses the newest existing
 * cache whose slot is at least as big but less than a word bigger, with
 * the same accounting and DMA flags and a compatible alignment.  (mmsim:
 * a cache whose objects have host-side shadows, mm/slab_shadow.c, is
 * neither merged into another nor takes others in.)
 *
 * The list of caches (slab_caches) is kept newest first, as /proc/slabinfo
 * shows it; slab_mutex protects it.
 */
#include "mmsim/calltrace.h"
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/init.h"
#include "linux/mm.h"
#include "linux/panic.h"
#include "linux/printk.h"
#include "linux/smp.h"
#include "linux/string.h"
#include "mmsim/host.h"
#include "mm/page_alloc_internal.h"
#include "mm/slub_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Flags that keep a cache from merging, or that must match to merge. */
#define SLAB_NEVER_MERGE (SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | \
			  SLAB_TRACE | SLAB_TYPESAFE_BY_RCU | SLAB_NOLEAKTRACE | \
			  SLAB_FAILSLAB)
#define SLAB_MERGE_SAME (SLAB_RECLAIM_ACCOUNT | SLAB_CACHE_DMA | \
			 SLAB_CACHE_DMA32 | SLAB_ACCOUNT)

/*
 * WARN(1, fmt, ...) of mm/slab_common.c: the message inside the kernel's
 * cut-here block, the WARNING line naming @func, a 'W' taint.
 */
static void __printf(2, 3) slab_warn(const char *func, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("%s\n", msg);
	pr_warn("WARNING: CPU: %d PID: 0 at mm/slab_common.c %s\n",
		smp_processor_id(), func);
	pr_warn("---[ end trace 0000000000000000 ]---\n");
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
}

/* ---- the random generator of the allocator ---- */

/*
 * get_random_long(): SplitMix64 over a counter in the machine's state,
 * so that every run with the same seed (desc.kaslr_seed, or
 * slub_set_random_seed()) hardens and shuffles identically.  Several
 * simulated CPUs may draw at once: the counter is advanced atomically.
 */
unsigned long get_random_long(void)
{
	u64 z = __atomic_add_fetch(&slub_st.random_state,
				   0x9e3779b97f4a7c15ULL, __ATOMIC_RELAXED);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (unsigned long)(z ^ (z >> 31));
}

/* A uniform number in [0, ceil) (the kernel's prandom_u32_max()). */
u32 prandom_u32_max(u32 ceil)
{
	return (u32)(((u64)(u32)get_random_long() * ceil) >> 32);
}

void slub_set_random_seed(u64 seed)
{
	current_machine->slub.random_state = seed;
}

/*
 * The kernel's prandom state (lib/random32.c): L'Ecuyer's four-component
 * Tausworthe generator "taus113", seeded from get_random_long().
 */
struct rnd_state {
	u32 s1, s2, s3, s4;
};

static u32 taus_step(u32 s, int a, int b, u32 mask, int c)
{
	return ((s & mask) << c) ^ (((s << a) ^ s) >> b);
}

static u32 prandom_u32_state(struct rnd_state *st)
{
	st->s1 = taus_step(st->s1, 6, 13, 4294967294U, 18);
	st->s2 = taus_step(st->s2, 2, 27, 4294967288U, 2);
	st->s3 = taus_step(st->s3, 13, 21, 4294967280U, 7);
	st->s4 = taus_step(st->s4, 3, 12, 4294967168U, 13);
	return st->s1 ^ st->s2 ^ st->s3 ^ st->s4;
}

/* Seed @st so that each component has the minimum its recurrence needs. */
static void prandom_seed_state(struct rnd_state *st, u64 seed)
{
	u32 i = (u32)((seed >> 32) ^ (seed << 10) ^ seed);

	st->s1 = i < 2 ? i + 2 : i;
	st->s2 = i < 8 ? i + 8 : i;
	st->s3 = i < 16 ? i + 16 : i;
	st->s4 = i < 128 ? i + 128 : i;
	for (i = 0; i < 10; i++) /* warm up */
		prandom_u32_state(st);
}

/* Fisher-Yates over 0 .. count-1. */
static void freelist_randomize(struct rnd_state *state, unsigned int *list,
			       unsigned int count)
{
	unsigned int i, rand;

	for (i = 0; i < count; i++)
		list[i] = i;
	for (i = count - 1; i > 0; i--) {
		rand = prandom_u32_state(state) % (i + 1);
		swap(list[i], list[rand]);
	}
}

int cache_random_seq_create(struct kmem_cache *cachep, unsigned int count,
			    gfp_t gfp)
{
	struct rnd_state state;

	if (count < 2 || cachep->random_seq)
		return 0;
	cachep->random_seq = kcalloc(count, sizeof(unsigned int), gfp);
	if (!cachep->random_seq)
		return -ENOMEM;
	prandom_seed_state(&state, get_random_long());
	freelist_randomize(&state, cachep->random_seq, count);
	return 0;
}

void cache_random_seq_destroy(struct kmem_cache *cachep)
{
	kfree(cachep->random_seq);
	cachep->random_seq = NULL;
}

/* ---- caches ---- */

bool slab_is_available(void)
{
	return current_machine_raw && slub_st.slab_state >= UP;
}

unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

const char *kmem_cache_name(const struct kmem_cache *s)
{
	return s->name;
}

/*
 * The alignment of a new cache's objects: the caller's, raised to a
 * cache line for SLAB_HWCACHE_ALIGN (halved while the object fits in
 * half of it), at least ARCH_SLAB_MINALIGN, a multiple of a word.
 */
static unsigned int calculate_alignment(slab_flags_t flags, unsigned int align,
					unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = slub_st.cache_line_size;

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	align = max(align, ARCH_SLAB_MINALIGN);
	/*
	 * A word: the kernel's is 4 bytes on 32-bit ARM, where
	 * ARCH_SLAB_MINALIGN (8) already covers it; mmsim's free pointers
	 * are host words, so the host's word it is.
	 */
	return ALIGN(align, (unsigned int)sizeof(void *));
}

int slab_unmergeable(struct kmem_cache *s)
{
	if (slub_st.slab_nomerge || (s->flags & SLAB_NEVER_MERGE))
		return 1;
	if (s->ctor || s->usersize)
		return 1;
	if (s->refcount < 0) /* boot caches and kmalloc-N with memcg */
		return 1;
	if (s->shadow_size) /* mmsim: its objects carry host structures */
		return 1;
	return 0;
}

struct kmem_cache *find_mergeable(unsigned int size, unsigned int align,
				  slab_flags_t flags, const char *name,
				  void (*ctor)(void *))
{
	struct list_head *pos;

	if (slub_st.slab_nomerge || ctor)
		return NULL;
	size = ALIGN(size, (unsigned int)sizeof(void *));
	align = calculate_alignment(flags, align, size);
	size = ALIGN(size, align);
	flags = kmem_cache_flags(size, flags, name);
	if (flags & SLAB_NEVER_MERGE)
		return NULL;

	/* oldest first: walk the list from its tail */
	for (pos = slub_st.slab_caches.prev; pos != &slub_st.slab_caches;
	     pos = pos->prev) {
		struct kmem_cache *s = list_entry(pos, struct kmem_cache, list);

		if (slab_unmergeable(s))
			continue;
		if (size > s->size)
			continue;
		if ((flags & SLAB_MERGE_SAME) != (s->flags & SLAB_MERGE_SAME))
			continue;
		if ((s->size & ~(align - 1)) != s->size)
			continue;
		if (s->size - size >= sizeof(void *))
			continue;
		return s;
	}
	return NULL;
}

char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	buf = __kmalloc_node_track_caller(len, gfp, NUMA_NO_NODE,
					  (unsigned long)__builtin_return_address(0));
	if (buf)
		memcpy(buf, s, len);
	return buf;
}

static struct kmem_cache *create_cache(const char *name,
				       unsigned int object_size,
				       unsigned int shadow_size,
				       unsigned int align, slab_flags_t flags,
				       unsigned int useroffset,
				       unsigned int usersize,
				       void (*ctor)(void *))
{
	struct kmem_cache *s;
	int err;

	if (WARN_ON(useroffset + usersize > object_size))
		useroffset = usersize = 0;
	s = kmem_cache_zalloc(slub_st.kmem_cache, GFP_KERNEL);
	if (!s)
		return NULL;
	s->name = name;
	s->size = s->object_size = object_size;
	s->shadow_size = shadow_size;
	s->align = align;
	s->ctor = ctor;
	s->useroffset = useroffset;
	s->usersize = usersize;
	err = __kmem_cache_create(s, flags);
	if (err) {
		kmem_cache_free(slub_st.kmem_cache, s);
		return NULL;
	}
	s->refcount = 1;
	list_add(&s->list, &slub_st.slab_caches);
	return s;
}

static int kmem_cache_sanity_check(const char *name, unsigned int size)
{
	if (!name || size > KMALLOC_MAX_SIZE) {
		pr_err("kmem_cache_create(%s) integrity check failed\n",
		       name ? name : "(null)");
		return -EINVAL;
	}
	WARN_ON(strchr(name, ' ')); /* it confuses parsers */
	return 0;
}

/*
 * kmem_cache_create_usercopy(), with mmsim's size of the structure each
 * object holds (@host_size; see kmem_cache_create_shadowed()).
 */
static struct kmem_cache *create_cache_common(const char *name,
					      unsigned int size,
					      unsigned int host_size,
					      unsigned int align,
					      slab_flags_t flags,
					      unsigned int useroffset,
					      unsigned int usersize,
					      void (*ctor)(void *))
{
	unsigned int shadow_size = slab_shadow_size(size, host_size);
	struct kmem_cache *s = NULL;
	char *cache_name;
	int err;

	if (!slab_is_available()) {
		pr_err("kmem_cache_create(%s): the slab allocator is not up\n",
		       name ? name : "(null)");
		return NULL;
	}
	if (flags & SLAB_DEBUG_FLAGS)
		slub_st.slub_debug_enabled = true;

	spin_lock(&slub_st.slab_mutex);
	err = kmem_cache_sanity_check(name, size);
	if (err)
		goto out_unlock;
	if (flags & ~SLAB_FLAGS_PERMITTED) {
		err = -EINVAL;
		goto out_unlock;
	}
	flags &= CACHE_CREATE_MASK;
	if (WARN_ON(!usersize && useroffset) ||
	    WARN_ON(size < usersize || size - usersize < useroffset))
		usersize = useroffset = 0;

	if (!usersize && !shadow_size)
		s = __kmem_cache_alias(name, size, align, flags, ctor);
	if (s)
		goto out_unlock;

	cache_name = kstrdup(name, GFP_KERNEL);
	if (!cache_name) {
		err = -ENOMEM;
		goto out_unlock;
	}
	s = create_cache(cache_name, size, shadow_size,
			 calculate_alignment(flags, align, size), flags,
			 useroffset, usersize, ctor);
	if (!s) {
		err = -ENOMEM;
		kfree(cache_name);
	}
out_unlock:
	spin_unlock(&slub_st.slab_mutex);
	if (err) {
		if (flags & SLAB_PANIC) {
			panic("%s: Failed to create slab '%s'. Error %d\n",
				 "kmem_cache_create_usercopy", name, err);
		}
		pr_warn("%s(%s) failed with error %d\n",
			"kmem_cache_create_usercopy", name, err);
		return NULL;
	}
	return s;
}

struct kmem_cache *kmem_cache_create_usercopy(const char *name,
					      unsigned int size,
					      unsigned int align,
					      slab_flags_t flags,
					      unsigned int useroffset,
					      unsigned int usersize,
					      void (*ctor)(void *))
{
	return create_cache_common(name, size, size, align, flags, useroffset,
				   usersize, ctor);
}

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	return create_cache_common(name, size, size, align, flags, 0, 0, ctor);
}

struct kmem_cache *kmem_cache_create_shadowed(const char *name,
					      unsigned int size,
					      unsigned int host_size,
					      unsigned int align,
					      slab_flags_t flags,
					      void (*ctor)(void *))
{
	return create_cache_common(name, size, host_size, align, flags, 0, 0,
				   ctor);
}

void slab_kmem_cache_release(struct kmem_cache *s)
{
	__kmem_cache_release(s);
	kfree(s->name);
	kmem_cache_free(slub_st.kmem_cache, s);
}

static int shutdown_cache(struct kmem_cache *s)
{
	if (__kmem_cache_shutdown(s) != 0)
		return -EBUSY;
	list_del(&s->list);
	return 0;
}

/*
 * As Linux 6.1 with the stable fix "slab_caches list corruption after
 * kmem_cache_destroy()": a cache that still has objects stays on the
 * list (and allocated) after the warning.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	char sym[128];
	int refcnt, err = 0;

	if (unlikely(!s))
		return;
	spin_lock(&slub_st.slab_mutex);
	refcnt = --s->refcount;
	if (!refcnt) {
		err = shutdown_cache(s);
		if (err)
			slab_warn("kmem_cache_destroy",
				  "kmem_cache_destroy %s: Slab cache still has objects when called from %s",
				  s->name, host_symbolize(caller, sym, sizeof(sym)));
	}
	spin_unlock(&slub_st.slab_mutex);
	if (!refcnt && !err)
		slab_kmem_cache_release(s);
}

int kmem_cache_shrink(struct kmem_cache *cachep)
{
	return __kmem_cache_shrink(cachep);
}

/*
 * kmem_cache_free() with slub_debug=F or HARDENED checks that @x really
 * is an object of @s.
 */
struct kmem_cache *cache_from_obj(struct kmem_cache *s, void *x)
{
	struct kmem_cache *cachep;
	struct slab *slab;

	if (!slub_st.cfg_hardened &&
	    !kmem_cache_debug_flags(s, SLAB_CONSISTENCY_CHECKS))
		return s;
	slab = virt_to_slab(x);
	if (!slab) {
		slab_warn("virt_to_cache", "virt_to_cache: Object is not a Slab page!");
		return NULL;
	}
	cachep = slab->slab_cache;
	if (cachep && cachep != s) {
		slab_warn("cache_from_obj",
			  "cache_from_obj: Wrong slab cache. %s but object is from %s",
			  s->name, cachep->name);
		print_tracking(cachep, x);
	}
	return cachep;
}

/* ---- the boot caches and kmalloc caches ---- */

void create_boot_cache(struct kmem_cache *s, const char *name,
		       unsigned int size, slab_flags_t flags,
		       unsigned int useroffset, unsigned int usersize)
{
	unsigned int align = ARCH_KMALLOC_MINALIGN;
	int err;

	calltrace_note("%s", name);
	s->name = name;
	s->size = s->object_size = size;
	/* kmalloc caches of a power-of-two size are naturally aligned */
	if (slab_is_power_of_2(size))
		align = max(align, size);
	s->align = calculate_alignment(flags, align, size);
	s->useroffset = useroffset;
	s->usersize = usersize;
	err = __kmem_cache_create(s, flags);
	if (err) {
		panic("Creation of kmalloc slab %s size=%u failed. Reason %d\n",
			 name, size, err);
	}
	s->refcount = -1; /* exempt from merging for now */
}

static struct kmem_cache *create_kmalloc_cache(const char *name,
					       unsigned int size,
					       slab_flags_t flags,
					       unsigned int useroffset,
					       unsigned int usersize)
{
	struct kmem_cache *s = kmem_cache_zalloc(slub_st.kmem_cache, GFP_NOWAIT);

	if (!s) {
		panic("Out of memory when creating slab %s\n",
			 name);
	}
	create_boot_cache(s, name, size, flags | SLAB_KMALLOC, useroffset,
			  usersize);
	list_add(&s->list, &slub_st.slab_caches);
	s->refcount = 1;
	return s;
}

/* Size classes 0..13 with their names per kind (kmalloc_info[]). */
#define KMALLOC_INFO(sz, short_sz)                                           \
	{ { "kmalloc-" #short_sz, "kmalloc-cg-" #short_sz,                   \
	    "kmalloc-rcl-" #short_sz, "dma-kmalloc-" #short_sz }, sz }

static const struct {
	const char *name[MMSIM_KMALLOC_KINDS];
	unsigned int size;
} kmalloc_info[KMALLOC_SHIFT_HIGH + 1] = {
	KMALLOC_INFO(0, 0),       KMALLOC_INFO(96, 96),
	KMALLOC_INFO(192, 192),   KMALLOC_INFO(8, 8),
	KMALLOC_INFO(16, 16),     KMALLOC_INFO(32, 32),
	KMALLOC_INFO(64, 64),     KMALLOC_INFO(128, 128),
	KMALLOC_INFO(256, 256),   KMALLOC_INFO(512, 512),
	KMALLOC_INFO(1024, 1k),   KMALLOC_INFO(2048, 2k),
	KMALLOC_INFO(4096, 4k),   KMALLOC_INFO(8192, 8k),
};

/* The index of the class for 1..192 bytes, in 8-byte steps. */
static const u8 size_index_init[24] = {
	3, 4, 5, 5, 6, 6, 6, 6, /*   8 ..  64 */
	1, 1, 1, 1,             /*  72 ..  96 */
	7, 7, 7, 7,             /* 104 .. 128 */
	2, 2, 2, 2, 2, 2, 2, 2, /* 136 .. 192 */
};

static inline unsigned int size_index_elem(unsigned int bytes)
{
	return (bytes - 1) / 8;
}

/* include/linux/slab.h's constants, as this machine's architecture has them. */
unsigned int kmalloc_arch_minalign(void)
{
	return slub_st.kmalloc_minalign;
}

unsigned int kmalloc_arch_slab_minalign(void)
{
	return slub_st.slab_minalign;
}

unsigned int kmalloc_shift_low(void)
{
	return slub_st.kmalloc_shift_low;
}

/*
 * Fit the size_index table to KMALLOC_MIN_SIZE: requests below it go to
 * the smallest class; without kmalloc-96 (minimum >= 64) 65..96 go to
 * kmalloc-128, without kmalloc-192 (minimum >= 128) 129..192 to
 * kmalloc-256.  x86_64's minimum of 8 changes nothing.
 */
void setup_kmalloc_cache_index_table(void)
{
	unsigned int i;

	memcpy(slub_st.size_index, size_index_init, sizeof(size_index_init));
	for (i = 8; i < KMALLOC_MIN_SIZE; i += 8) {
		if (size_index_elem(i) >= ARRAY_SIZE(slub_st.size_index))
			break;
		slub_st.size_index[size_index_elem(i)] = (u8)KMALLOC_SHIFT_LOW;
	}
	if (KMALLOC_MIN_SIZE >= 64)
		for (i = 64 + 8; i <= 96; i += 8)
			slub_st.size_index[size_index_elem(i)] = 7;
	if (KMALLOC_MIN_SIZE >= 128)
		for (i = 128 + 8; i <= 192; i += 8)
			slub_st.size_index[size_index_elem(i)] = 8;
}

/* Do the two classes between powers of two exist with this minimum? */
static bool kmalloc_has_96(void)
{
	return KMALLOC_MIN_SIZE <= 32;
}

static bool kmalloc_has_192(void)
{
	return KMALLOC_MIN_SIZE <= 64;
}

/* The kernel's enum kmalloc_cache_type values on this .config. */
static void kmalloc_types_init(void)
{
	int next = 1;

	slub_st.kmalloc_type_of[KMALLOC_NORMAL] = 0;
	slub_st.kmalloc_type_of[KMALLOC_CGROUP] = slub_st.cfg_memcg_kmem ? next++ : 0;
	slub_st.kmalloc_type_of[KMALLOC_RECLAIM] = next++;
	slub_st.kmalloc_type_of[KMALLOC_DMA] = slub_st.cfg_zone_dma ? next++ : 0;
	slub_st.nr_kmalloc_types = next;
}

int kmalloc_type_index(enum kmalloc_cache_kind kind)
{
	return slub_st.kmalloc_type_of[kind];
}

int nr_kmalloc_types(void)
{
	return slub_st.nr_kmalloc_types;
}

/* kmalloc_type(), inline for kmalloc()'s path. */
static __always_inline int __kmalloc_type(const struct slub_state *st, gfp_t flags)
{
	if (likely(!(flags & st->kmalloc_not_normal)))
		return st->kmalloc_type_of[KMALLOC_NORMAL];
	if (st->cfg_zone_dma && (flags & __GFP_DMA))
		return st->kmalloc_type_of[KMALLOC_DMA];
	if (!st->cfg_memcg_kmem || (flags & __GFP_RECLAIMABLE))
		return st->kmalloc_type_of[KMALLOC_RECLAIM];
	return st->kmalloc_type_of[KMALLOC_CGROUP];
}

int kmalloc_type(gfp_t flags)
{
	return __kmalloc_type(&slub_st, flags);
}

unsigned int kmalloc_index(size_t size)
{
	if (!size)
		return 0;
	if (size <= KMALLOC_MIN_SIZE)
		return KMALLOC_SHIFT_LOW;
	if (kmalloc_has_96() && size > 64 && size <= 96)
		return 1;
	if (kmalloc_has_192() && size > 128 && size <= 192)
		return 2;
	if (size > KMALLOC_MAX_SIZE)
		return (unsigned int)-1;
	return slab_fls(size - 1);
}

struct kmem_cache *kmalloc_cache(int type, unsigned int index)
{
	if (type < 0 || type >= slub_st.nr_kmalloc_types ||
	    index > KMALLOC_SHIFT_HIGH)
		return NULL;
	return slub_st.kmalloc_caches[type][index];
}

static void new_kmalloc_cache(unsigned int idx, enum kmalloc_cache_kind kind,
			      slab_flags_t flags)
{
	int type = slub_st.kmalloc_type_of[kind];

	if (kind == KMALLOC_RECLAIM)
		flags |= SLAB_RECLAIM_ACCOUNT;
	else if (kind == KMALLOC_CGROUP)
		flags |= SLAB_ACCOUNT; /* cgroup.memory=nokmem is not modelled */
	else if (kind == KMALLOC_DMA)
		flags |= SLAB_CACHE_DMA;

	slub_st.kmalloc_caches[type][idx] =
		create_kmalloc_cache(kmalloc_info[idx].name[kind],
				     kmalloc_info[idx].size, flags, 0,
				     kmalloc_info[idx].size);
	/* with memcg, kmalloc-N holds only unaccounted objects: never merge */
	if (slub_st.cfg_memcg_kmem && kind == KMALLOC_NORMAL)
		slub_st.kmalloc_caches[type][idx]->refcount = -1;
}

static bool kmalloc_kind_exists(enum kmalloc_cache_kind kind)
{
	return kind == KMALLOC_NORMAL || slub_st.kmalloc_type_of[kind] != 0;
}

/*
 * Every size class of every type, smallest (KMALLOC_MIN_SIZE) first; the
 * 96- and 192-byte classes, where they exist, right after 64 and 128.
 * kmalloc works afterwards (UP).
 */
void create_kmalloc_caches(slab_flags_t flags)
{
	enum kmalloc_cache_kind kind;
	unsigned int i;

	kmalloc_types_init();
	for (kind = KMALLOC_NORMAL; kind < MMSIM_KMALLOC_KINDS; kind++) {
		int type = slub_st.kmalloc_type_of[kind];

		if (!kmalloc_kind_exists(kind))
			continue;
		for (i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
			if (!slub_st.kmalloc_caches[type][i])
				new_kmalloc_cache(i, kind, flags);
			if (kmalloc_has_96() && i == 6 &&
			    !slub_st.kmalloc_caches[type][1])
				new_kmalloc_cache(1, kind, flags);
			if (kmalloc_has_192() && i == 7 &&
			    !slub_st.kmalloc_caches[type][2])
				new_kmalloc_cache(2, kind, flags);
		}
	}
	slub_st.slab_state = UP;
}

/* ---- kmalloc ---- */

/*
 * kmalloc_slab(), inline for kmalloc()'s path.  It reads current_slub_raw,
 * not slub_st: with no machine every cache is NULL (include/mmsim/machine.h)
 * and the caller's slow path reports the misuse.
 */
static __always_inline struct kmem_cache *__kmalloc_slab(size_t size, gfp_t flags)
{
	const struct slub_state *st = current_slub_raw;
	unsigned int index;

	if (size <= 192) {
		if (!size)
			return ZERO_SIZE_PTR;
		index = st->size_index[size_index_elem((unsigned int)size)];
	} else {
		if (WARN_ON_ONCE(size > KMALLOC_MAX_CACHE_SIZE))
			return NULL;
		index = slab_fls(size - 1);
	}
	return st->kmalloc_caches[__kmalloc_type(st, flags)][index];
}

struct kmem_cache *kmalloc_slab(size_t size, gfp_t flags)
{
	return __kmalloc_slab(size, flags);
}

size_t kmalloc_size_roundup(size_t size)
{
	struct kmem_cache *c;

	if (unlikely(size == 0))
		return 0;
	if (unlikely(size == SIZE_MAX))
		return SIZE_MAX;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return PAGE_SIZE << slab_get_order(size);
	c = kmalloc_slab(size, GFP_KERNEL);
	return c && !ZERO_OR_NULL_PTR(c) ? c->object_size : 0;
}

gfp_t kmalloc_fix_flags(gfp_t flags)
{
	gfp_t invalid_mask = flags & (__GFP_DMA32 | __GFP_HIGHMEM | ~__GFP_BITS_MASK);
	char b1[256], b2[256];

	flags &= ~invalid_mask;
	pr_warn("Unexpected gfp: %#x (%s). Fixing up to gfp: %#x (%s). Fix your code!\n",
		invalid_mask, format_gfp_flags(invalid_mask, b1, sizeof(b1)),
		flags, format_gfp_flags(flags, b2, sizeof(b2)));
	return flags;
}

static void *__kmalloc_large_node(size_t size, gfp_t flags, int node)
{
	unsigned int order;
	struct page *page;

	kmalloc_misuse_check();
	order = slab_get_order(size);
	if (unlikely(flags & (__GFP_DMA32 | __GFP_HIGHMEM | ~__GFP_BITS_MASK)))
		flags = kmalloc_fix_flags(flags);
	flags |= __GFP_COMP;
	page = alloc_pages_node(node, flags, order);
	if (!page)
		return NULL;
	mod_node_page_state(page_pgdat(page), NR_SLAB_UNRECLAIMABLE_B,
			    (long)(PAGE_SIZE << order));
	return page_address(page);
}

void *kmalloc_large(size_t size, gfp_t flags)
{
	return __kmalloc_large_node(size, flags, NUMA_NO_NODE);
}

void *kmalloc_large_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_large_node(size, flags, node);
}

void free_large_kmalloc(struct page *head, void *object)
{
	unsigned int order = compound_order(head);

	if (WARN_ON_ONCE(order == 0))
		pr_warn("object pointer: 0x%p\n", object);
	mod_node_page_state(page_pgdat(head), NR_SLAB_UNRECLAIMABLE_B,
			    -(long)(PAGE_SIZE << order));
	__free_pages(head, order);
}

void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int node,
				  unsigned long caller)
{
	struct kmem_cache *s;

	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return __kmalloc_large_node(size, flags, node);
#ifdef MMSIM_CALLTRACE
	s = kmalloc_slab(size, flags);  /* the call trees show the kernel's call */
#else
	s = __kmalloc_slab(size, flags);
#endif
	if (unlikely(ZERO_OR_NULL_PTR(s))) {
		kmalloc_misuse_check();
		return s;
	}
	return __kmem_cache_alloc_node(s, flags, node, size, caller);
}

/* (kmalloc): the function, not <linux/slab.h>'s call-site form */
void *(kmalloc)(size_t size, gfp_t flags)
{
	return __kmalloc_node_track_caller(size, flags, NUMA_NO_NODE,
					   (unsigned long)__builtin_return_address(0));
}

void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_node_track_caller(size, flags, node,
					   (unsigned long)__builtin_return_address(0));
}

void *(kzalloc)(size_t size, gfp_t flags)
{
	return __kmalloc_node_track_caller(size, flags | __GFP_ZERO, NUMA_NO_NODE,
					   (unsigned long)__builtin_return_address(0));
}

void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	return __kmalloc_node_track_caller(size, flags | __GFP_ZERO, node,
					   (unsigned long)__builtin_return_address(0));
}

void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc_node_track_caller(bytes, flags, NUMA_NO_NODE,
					   (unsigned long)__builtin_return_address(0));
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc_node_track_caller(bytes, flags | __GFP_ZERO,
					   NUMA_NO_NODE,
					   (unsigned long)__builtin_return_address(0));
}

/* kfree() of an object of a cache with shadows (mm/slab_shadow.c). */
static __attribute__((noinline)) void kfree_shadow(const void *shadow,
						  unsigned long caller)
{
	void *object = slab_shadow_free("kfree", (void *)shadow);

	if (object)
		__kmem_cache_free(virt_to_slab(object)->slab_cache, object, caller);
}

/*
 * The caller (_RET_IP_) is read only where it is passed on, so that the
 * common case, ending in the inline free to this CPU's slab, needs no
 * stack frame.
 */
slab_fast_entry void kfree(const void *object)
{
	const struct machine *m __maybe_unused = current_machine;
	struct page *head;
	struct slab *slab;

	if (unlikely(ZERO_OR_NULL_PTR(object)))
		return;
	if (unlikely(!slab_addr_in_ram(object))) {
		kfree_shadow(object, (unsigned long)__builtin_return_address(0));
		return;
	}
	head = virt_to_head_page(object);
	if (unlikely(!PageSlab(head))) {
		free_large_kmalloc(head, (void *)object);
		return;
	}
	slab = page_slab(head);
#ifndef MMSIM_CALLTRACE
	/*
	 * __kmem_cache_free(), with the slab found above: its common case
	 * inline, the rest without looking the slab up again (the call-tree
	 * build calls __kmem_cache_free(), as the kernel does)
	 */
	if (likely(slab_free_one_fast(m, slab->slab_cache, slab, (void *)object)))
		return;
	slab_free_one(slab->slab_cache, slab, (void *)object,
		      (unsigned long)__builtin_return_address(0));
#else
	__kmem_cache_free(slab->slab_cache, (void *)object,
			  (unsigned long)__builtin_return_address(0));
#endif
}

static size_t __ksize(const void *object)
{
	struct page *head;

	if (unlikely(object == ZERO_SIZE_PTR))
		return 0;
	if (unlikely(!slab_addr_in_ram(object))) {
		void *kobj = slab_kernel_object(object);

		if (WARN_ON(!kobj))
			return 0;
		return virt_to_slab(kobj)->slab_cache->shadow_size;
	}
	head = virt_to_head_page(object);
	if (unlikely(!PageSlab(head))) {
		size_t size = PAGE_SIZE << compound_order(head);

		if (WARN_ON(size <= KMALLOC_MAX_CACHE_SIZE))
			return 0;
		if (WARN_ON(object != page_address(head)))
			return 0;
		return size;
	}
	return slab_ksize(page_slab(head)->slab_cache);
}

size_t ksize(const void *objp)
{
	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	return __ksize(objp);
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	unsigned long caller = (unsigned long)__builtin_return_address(0);
	size_t ks = 0;
	void *ret;

	if (unlikely(!new_size)) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (likely(!ZERO_OR_NULL_PTR(p)))
		ks = __ksize(p);
	if (ks >= new_size)
		return (void *)p; /* still fits its slot */
	ret = __kmalloc_node_track_caller(new_size, flags, NUMA_NO_NODE, caller);
	if (ret && p && ks)
		memcpy(ret, p, ks);
	if (ret && p != ret)
		kfree(p);
	return ret;
}

/* ---- command line ---- */

static int setup_slab_nomerge(char *str)
{
	slub_st.slab_nomerge = true;
	return 0;
}

static int setup_slab_merge(char *str)
{
	slub_st.slab_nomerge = false;
	return 0;
}

__setup_param("slub_nomerge", slub_nomerge, setup_slab_nomerge, 0);
__setup_param("slub_merge", slub_merge, setup_slab_merge, 0);
__setup("slab_nomerge", setup_slab_nomerge);
__setup("slab_merge", setup_slab_merge);

/* SPDX-License-Identifier: MIT */
/*
 * include/mmsim/slub_state.h — the slab allocator's globals of one machine.
 *
 * No single kernel counterpart: these are the file-scope variables of
 * mm/slab_common.c (slab_state, slab_caches, slab_mutex, kmem_cache,
 * kmalloc_caches[][], size_index[], slab_nomerge) and mm/slub.c
 * (kmem_cache_node, slab_nodes, slub_min_order/max_order/min_objects,
 * slub_debug, slub_debug_string, disable_higher_order_debug, the
 * slub_debug_enabled static key, object_map), plus the .config facts the
 * allocator's hot paths need, resolved once when the machine is made.
 * Each field names the kernel variable it stands for.  struct machine
 * holds one (current_machine->slub); mm/ reaches it as slub_st.
 *
 * The caches themselves (struct kmem_cache), their per-node structures
 * and every object live in simulated RAM, allocated by the allocator
 * itself as in the kernel.  What is host memory here: the two boot caches
 * kmem_cache_init() starts from (static in the kernel image), the parsed
 * slub_debug= string, the debug bitmap, and the shadows of caches whose
 * kernel objects are smaller than mmsim's structures (32-bit ARM: struct
 * kmem_cache, kmem_cache_node, vmap_area; see mm/slab_shadow.c).
 */
#ifndef _MMSIM_SLUB_STATE_H
#define _MMSIM_SLUB_STATE_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/numa.h"
#include "linux/spinlock.h"

struct kmem_cache;

#define MMSIM_SLUB_KMALLOC_TYPES 4  /* NORMAL, CGROUP, RECLAIM, DMA */
#define MMSIM_SLUB_KMALLOC_SHIFT_HIGH 13

struct slub_state {
	/* .config, resolved once (slub_state_init) */
	bool cfg_debug;            /* CONFIG_SLUB_DEBUG */
	bool cfg_cpu_partial;      /* CONFIG_SLUB_CPU_PARTIAL */
	bool cfg_hardened;         /* CONFIG_SLAB_FREELIST_HARDENED */
	bool cfg_random;           /* CONFIG_SLAB_FREELIST_RANDOM */
	bool cfg_memcg_kmem;       /* CONFIG_MEMCG_KMEM: kmalloc-cg-* */
	bool cfg_zone_dma;         /* CONFIG_ZONE_DMA: dma-kmalloc-* */
	bool cfg_numa;             /* CONFIG_NUMA */
	bool cmpxchg_double;       /* system_has_cmpxchg_double() (host) */
	bool host_tracking;        /* ASan or Valgrind watch simulated RAM */
	/*
	 * failslab set, host tracking or init_on_free: the inline fast paths
	 * (slab_alloc_node, slab_free_one_fast) leave the work to the whole
	 * paths, which run the hooks.  One flag, so that the fast paths test
	 * one byte, not three fields in three places; true until
	 * kmem_cache_init() computes it (slub_fast_paths_check()), after the
	 * command line set the three (they do not change afterwards).
	 */
	bool hooks_on;
	gfp_t kmalloc_not_normal;  /* gfp bits that leave KMALLOC_NORMAL
				    * (the kernel's KMALLOC_NOT_NORMAL_BITS) */
	unsigned int cache_line_size;      /* cache_line_size() */
	unsigned int kmem_cache_node_offset; /* offsetof(struct kmem_cache, node)
					      * in the simulated kernel */
	/* include/linux/slab.h's constants, from the architecture's hooks */
	unsigned int kmalloc_minalign;     /* ARCH_KMALLOC_MINALIGN */
	unsigned int slab_minalign;        /* ARCH_SLAB_MINALIGN */
	unsigned int kmalloc_shift_low;    /* KMALLOC_SHIFT_LOW */
	unsigned int kmalloc_min_size;     /* KMALLOC_MIN_SIZE */

	/* mm/slab_common.c */
	int slab_state;                    /* enum slab_state */
	struct list_head slab_caches;      /* every cache, newest first */
	spinlock_t slab_mutex;
	struct kmem_cache *kmem_cache;     /* the cache of struct kmem_cache */
	bool slab_nomerge;
	struct kmem_cache *kmalloc_caches[MMSIM_SLUB_KMALLOC_TYPES]
					 [MMSIM_SLUB_KMALLOC_SHIFT_HIGH + 1];
	u8 size_index[24];                 /* class of 8-byte steps up to 192 */
	int kmalloc_type_of[MMSIM_SLUB_KMALLOC_TYPES]; /* kind -> enum value */
	int nr_kmalloc_types;              /* NR_KMALLOC_TYPES */

	/* mm/slub.c */
	struct kmem_cache *kmem_cache_node;    /* the cache of kmem_cache_node */
	struct kmem_cache *boot_kmem_cache;      /* host: static in the kernel */
	struct kmem_cache *boot_kmem_cache_node;
	unsigned long slab_nodes[MMSIM_MAX_NUMNODES_LIMIT / 64];
	unsigned int slub_min_order;
	unsigned int slub_max_order;       /* PAGE_ALLOC_COSTLY_ORDER */
	unsigned int slub_min_objects;
	unsigned int slub_debug;           /* slab_flags_t: slub_debug= */
	char *slub_debug_string;           /* host copy of the per-cache blocks */
	int disable_higher_order_debug;    /* slub_debug=O */
	bool slub_debug_enabled;           /* the slub_debug_enabled static key */
	spinlock_t object_map_lock;
	unsigned long *object_map;         /* host: MAX_OBJS_PER_PAGE bits */
	void *depot;                       /* host: saved call traces (U) */
	u64 oom_rs_begin;                  /* slab_out_of_memory()'s ratelimit */
	int oom_rs_printed;

	/* mm/slab_shadow.c (mmsim): every slab's host-side shadow */
	spinlock_t shadow_lock;
	struct list_head shadows;
	unsigned long nr_shadows;

	/* get_random_long() for the allocator: a seeded generator, so that
	 * hardened free pointers and shuffled free lists are reproducible */
	u64 random_state;
};

/* Machine creation and teardown (host/machine.c). */
void slub_state_init(void);
void slub_state_destroy(void);
/* Restart the allocator's random generator (tests, benchmarks). */
void slub_set_random_seed(u64 seed);

#endif /* _MMSIM_SLUB_STATE_H */

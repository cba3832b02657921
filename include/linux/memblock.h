/* SPDX-License-Identifier: MIT */
/*
 * include/linux/memblock.h — the boot-time memory allocator's interface.
 *
 * Kernel counterpart: include/linux/memblock.h (Linux 6.1).  Same names,
 * signatures, flags, iterators and struct fields, so that code written
 * against the kernel's memblock compiles against this one.  Two
 * differences a porting reader should know:
 *
 *  - `memblock` (the kernel's global `struct memblock memblock`) is the
 *    current machine's instance, reached through an alias that
 *    <mmsim/machine.h> defines.  Write `memblock.memory.cnt` as in the
 *    kernel; do not spell the type `struct memblock` after including
 *    <mmsim/machine.h> (use `memblock_t`).
 *
 *  - The kernel's memblock=debug lines name the caller with %pS of
 *    _RET_IP_.  Every API entry point here is a real function of the
 *    kernel's name and signature; the header also wraps the name so that
 *    the call leaves the calling function's __func__ for the debug line
 *    (<mmsim/caller.h>), which then names the same function the kernel's
 *    does (without the image's +offset/size, which only a compiled kernel
 *    has).  mmsim code that must name another caller calls the
 *    `*_caller()` function underneath with the name.
 *
 * Layout of the state (one per simulated machine):
 *
 *   struct memblock
 *     bottom_up, current_limit
 *     memory   : struct memblock_type ──> regions[0..cnt) sorted, disjoint,
 *     reserved : struct memblock_type      adjacent same-node same-flags
 *                                           regions merged; an empty type
 *                                           holds one zero-sized dummy.
 *   total_size == sum of regions[i].size, always.
 */
#ifndef _MMSIM_LINUX_MEMBLOCK_H
#define _MMSIM_LINUX_MEMBLOCK_H

#include "linux/kernel.h"
#include "linux/numa.h"
#include "linux/pfn.h"
#include "mmsim/caller.h"

enum memblock_flags {
	MEMBLOCK_NONE = 0x0,           /* no special request */
	MEMBLOCK_HOTPLUG = 0x1,        /* hotpluggable region */
	MEMBLOCK_MIRROR = 0x2,         /* mirrored region */
	MEMBLOCK_NOMAP = 0x4,          /* not in the kernel direct map */
	MEMBLOCK_DRIVER_MANAGED = 0x8, /* only ever detected via a driver */
};

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	enum memblock_flags flags;
	int nid;
};

struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;
	struct memblock_region *regions;
	char *name;
};

struct memblock {
	bool bottom_up; /* allocate from low addresses up? */
	phys_addr_t current_limit;
	struct memblock_type memory;
	struct memblock_type reserved;
};
typedef struct memblock memblock_t;

#define INIT_MEMBLOCK_REGIONS 128
#define INIT_MEMBLOCK_RESERVED_REGIONS INIT_MEMBLOCK_REGIONS
#define INIT_MEMBLOCK_MEMORY_REGIONS INIT_MEMBLOCK_REGIONS
#define INIT_PHYSMEM_REGIONS 4

/*
 * Per-machine memblock bookkeeping that the kernel keeps in file-scope
 * statics of mm/memblock.c: the static initial region arrays, the
 * memblock=debug switch and the resize/slab flags.
 */
struct memblock_state {
	struct memblock mb;
	struct memblock_type physmem;
	struct memblock_region init_memory[INIT_MEMBLOCK_MEMORY_REGIONS];
	struct memblock_region init_reserved[INIT_MEMBLOCK_RESERVED_REGIONS];
	struct memblock_region init_physmem[INIT_PHYSMEM_REGIONS];
	bool debug;
	bool can_resize;
	bool has_some_mirror;
	bool mirrored_kernelcore;
	bool memory_in_slab, reserved_in_slab;
	bool discarded;
	/*
	 * Bytes memblock_trim_memory() cut off regions in place: like the
	 * kernel it leaves memory.total_size alone, so the validator expects
	 * total_size = sum of regions + this.
	 */
	phys_addr_t memory_trim_slack;
};

/* Allocation limits (the `end` / `max_addr` arguments). */
#define MEMBLOCK_ALLOC_ANYWHERE (PHYS_ADDR_MAX)
#define MEMBLOCK_ALLOC_ACCESSIBLE 0
#define MEMBLOCK_ALLOC_NOLEAKTRACE 1
#define MEMBLOCK_LOW_LIMIT 0
#define ARCH_LOW_ADDRESS_LIMIT 0xffffffffUL
#define SMP_CACHE_BYTES 64

void memblock_init(struct memblock_state *st);
void memblock_allow_resize(void);
void memblock_discard(void);
void memblock_free_all(void);

int memblock_add_node_caller(phys_addr_t base, phys_addr_t size, int nid,
			     enum memblock_flags flags, const char *caller);
int memblock_add_caller(phys_addr_t base, phys_addr_t size, const char *caller);
int memblock_remove_caller(phys_addr_t base, phys_addr_t size, const char *caller);
int memblock_phys_free_caller(phys_addr_t base, phys_addr_t size, const char *caller);
int memblock_reserve_caller(phys_addr_t base, phys_addr_t size, const char *caller);
int memblock_physmem_add_caller(phys_addr_t base, phys_addr_t size,
				const char *caller);
void memblock_free_caller(void *ptr, size_t size, const char *caller);

int memblock_add_node(phys_addr_t base, phys_addr_t size, int nid,
		      enum memblock_flags flags);
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_physmem_add(phys_addr_t base, phys_addr_t size);
void memblock_free(void *ptr, size_t size);

#define memblock_add_node(...) MMSIM_CALLED_FROM(memblock_add_node, __VA_ARGS__)
#define memblock_add(...) MMSIM_CALLED_FROM(memblock_add, __VA_ARGS__)
#define memblock_remove(...) MMSIM_CALLED_FROM(memblock_remove, __VA_ARGS__)
#define memblock_phys_free(...) MMSIM_CALLED_FROM(memblock_phys_free, __VA_ARGS__)
#define memblock_reserve(...) MMSIM_CALLED_FROM(memblock_reserve, __VA_ARGS__)
#define memblock_physmem_add(...) \
	MMSIM_CALLED_FROM(memblock_physmem_add, __VA_ARGS__)
#define memblock_free(...) MMSIM_CALLED_FROM(memblock_free, __VA_ARGS__)

void memblock_trim_memory(phys_addr_t align);
bool memblock_overlaps_region(struct memblock_type *type, phys_addr_t base,
			      phys_addr_t size);
int memblock_mark_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_clear_hotplug(phys_addr_t base, phys_addr_t size);
int memblock_mark_mirror(phys_addr_t base, phys_addr_t size);
int memblock_mark_nomap(phys_addr_t base, phys_addr_t size);
int memblock_clear_nomap(phys_addr_t base, phys_addr_t size);
void memblock_set_mirrored_kernelcore(bool on);

/* Low-level iteration (see the for_each_* macros below). */
void __next_mem_range(u64 *idx, int nid, enum memblock_flags flags,
		      struct memblock_type *type_a, struct memblock_type *type_b,
		      phys_addr_t *out_start, phys_addr_t *out_end, int *out_nid);
void __next_mem_range_rev(u64 *idx, int nid, enum memblock_flags flags,
			  struct memblock_type *type_a,
			  struct memblock_type *type_b, phys_addr_t *out_start,
			  phys_addr_t *out_end, int *out_nid);
void __next_mem_pfn_range(int *idx, int nid, unsigned long *out_start_pfn,
			  unsigned long *out_end_pfn, int *out_nid);

#define __for_each_mem_range(i, type_a, type_b, nid, flags, p_start, p_end, \
			     p_nid)                                         \
	for (i = 0, __next_mem_range(&i, nid, flags, type_a, type_b, p_start, \
				     p_end, p_nid);                          \
	     i != (u64)ULLONG_MAX;                                            \
	     __next_mem_range(&i, nid, flags, type_a, type_b, p_start, p_end, \
			      p_nid))

#define __for_each_mem_range_rev(i, type_a, type_b, nid, flags, p_start,    \
				 p_end, p_nid)                               \
	for (i = (u64)ULLONG_MAX,                                            \
	    __next_mem_range_rev(&i, nid, flags, type_a, type_b, p_start,     \
				 p_end, p_nid);                              \
	     i != (u64)ULLONG_MAX;                                            \
	     __next_mem_range_rev(&i, nid, flags, type_a, type_b, p_start,    \
				  p_end, p_nid))

/* Every usable memory range (hotplug and driver-managed ones included). */
#define for_each_mem_range(i, p_start, p_end)                                \
	__for_each_mem_range(i, &memblock.memory, NULL, NUMA_NO_NODE,         \
			     MEMBLOCK_HOTPLUG | MEMBLOCK_DRIVER_MANAGED,      \
			     p_start, p_end, NULL)
#define for_each_mem_range_rev(i, p_start, p_end)                            \
	__for_each_mem_range_rev(i, &memblock.memory, NULL, NUMA_NO_NODE,     \
				 MEMBLOCK_HOTPLUG | MEMBLOCK_DRIVER_MANAGED,  \
				 p_start, p_end, NULL)
#define for_each_reserved_mem_range(i, p_start, p_end)                       \
	__for_each_mem_range(i, &memblock.reserved, NULL, NUMA_NO_NODE,       \
			     MEMBLOCK_NONE, p_start, p_end, NULL)
/* Ranges that are memory and not reserved: what an allocation may use. */
#define for_each_free_mem_range(i, nid, flags, p_start, p_end, p_nid)        \
	__for_each_mem_range(i, &memblock.memory, &memblock.reserved, nid,    \
			     flags, p_start, p_end, p_nid)
#define for_each_free_mem_range_reverse(i, nid, flags, p_start, p_end, p_nid) \
	__for_each_mem_range_rev(i, &memblock.memory, &memblock.reserved, nid, \
				 flags, p_start, p_end, p_nid)
/* Memory ranges as whole pages, optionally of one node (MAX_NUMNODES: all). */
#define for_each_mem_pfn_range(i, nid, p_start, p_end, p_nid)                \
	for (i = -1, __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid);    \
	     i >= 0; __next_mem_pfn_range(&i, nid, p_start, p_end, p_nid))
#define for_each_mem_region(region)                                          \
	for (region = memblock.memory.regions;                               \
	     region < (memblock.memory.regions + memblock.memory.cnt); region++)
#define for_each_reserved_mem_region(region)                                 \
	for (region = memblock.reserved.regions;                             \
	     region < (memblock.reserved.regions + memblock.reserved.cnt);   \
	     region++)

static inline bool memblock_is_hotpluggable(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_HOTPLUG;
}

static inline bool memblock_is_mirror(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_MIRROR;
}

static inline bool memblock_is_nomap(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_NOMAP;
}

static inline bool memblock_is_driver_managed(struct memblock_region *m)
{
	return m->flags & MEMBLOCK_DRIVER_MANAGED;
}

static inline void memblock_set_region_node(struct memblock_region *r, int nid)
{
	r->nid = nid;
}

static inline int memblock_get_region_node(const struct memblock_region *r)
{
	return r->nid;
}

int memblock_search_pfn_nid(unsigned long pfn, unsigned long *start_pfn,
			    unsigned long *end_pfn);
int memblock_set_node(phys_addr_t base, phys_addr_t size,
		      struct memblock_type *type, int nid);

/* Allocation.  The physical variants return 0 on failure, the others NULL. */
phys_addr_t memblock_phys_alloc_range_caller(phys_addr_t size, phys_addr_t align,
					     phys_addr_t start, phys_addr_t end,
					     const char *caller);
phys_addr_t memblock_alloc_range_nid(phys_addr_t size, phys_addr_t align,
				     phys_addr_t start, phys_addr_t end, int nid,
				     bool exact_nid);
phys_addr_t memblock_phys_alloc_try_nid(phys_addr_t size, phys_addr_t align,
					int nid);
void *memblock_alloc_exact_nid_raw_caller(phys_addr_t size, phys_addr_t align,
					  phys_addr_t min_addr,
					  phys_addr_t max_addr, int nid,
					  const char *caller);
void *memblock_alloc_try_nid_raw_caller(phys_addr_t size, phys_addr_t align,
					phys_addr_t min_addr, phys_addr_t max_addr,
					int nid, const char *caller);
void *memblock_alloc_try_nid_caller(phys_addr_t size, phys_addr_t align,
				    phys_addr_t min_addr, phys_addr_t max_addr,
				    int nid, const char *caller);
void memblock_free_late_caller(phys_addr_t base, phys_addr_t size,
			       const char *caller);

/* The kernel's entry points (its static inline ones included). */
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t start, phys_addr_t end);
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_exact_nid_raw(phys_addr_t size, phys_addr_t align,
				   phys_addr_t min_addr, phys_addr_t max_addr,
				   int nid);
void *memblock_alloc_try_nid_raw(phys_addr_t size, phys_addr_t align,
				 phys_addr_t min_addr, phys_addr_t max_addr,
				 int nid);
void *memblock_alloc_try_nid(phys_addr_t size, phys_addr_t align,
			     phys_addr_t min_addr, phys_addr_t max_addr, int nid);
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_from(phys_addr_t size, phys_addr_t align,
			  phys_addr_t min_addr);
void *memblock_alloc_low(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_node(phys_addr_t size, phys_addr_t align, int nid);
void memblock_free_late(phys_addr_t base, phys_addr_t size);

#define memblock_phys_alloc_range(...) \
	MMSIM_CALLED_FROM(memblock_phys_alloc_range, __VA_ARGS__)
#define memblock_phys_alloc(...) MMSIM_CALLED_FROM(memblock_phys_alloc, __VA_ARGS__)
#define memblock_alloc_exact_nid_raw(...) \
	MMSIM_CALLED_FROM(memblock_alloc_exact_nid_raw, __VA_ARGS__)
#define memblock_alloc_try_nid_raw(...) \
	MMSIM_CALLED_FROM(memblock_alloc_try_nid_raw, __VA_ARGS__)
#define memblock_alloc_try_nid(...) \
	MMSIM_CALLED_FROM(memblock_alloc_try_nid, __VA_ARGS__)
#define memblock_alloc(...) MMSIM_CALLED_FROM(memblock_alloc, __VA_ARGS__)
#define memblock_alloc_raw(...) MMSIM_CALLED_FROM(memblock_alloc_raw, __VA_ARGS__)
#define memblock_alloc_from(...) MMSIM_CALLED_FROM(memblock_alloc_from, __VA_ARGS__)
#define memblock_alloc_low(...) MMSIM_CALLED_FROM(memblock_alloc_low, __VA_ARGS__)
#define memblock_alloc_node(...) MMSIM_CALLED_FROM(memblock_alloc_node, __VA_ARGS__)
#define memblock_free_late(...) MMSIM_CALLED_FROM(memblock_free_late, __VA_ARGS__)

void memblock_set_bottom_up(bool enable);
bool memblock_bottom_up(void);

phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
void memblock_enforce_memory_limit(phys_addr_t memory_limit);
void memblock_cap_memory_range(phys_addr_t base, phys_addr_t size);
void memblock_mem_limit_remove_map(phys_addr_t limit);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_map_memory(phys_addr_t addr);
bool memblock_is_region_memory(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
bool memblock_is_region_reserved(phys_addr_t base, phys_addr_t size);

void memblock_dump_all(void);
void __memblock_dump_all(void);
void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_get_current_limit(void);
bool memblock_debug_enabled(void);
void memblock_set_debug(bool on);

static inline unsigned long
memblock_region_memory_base_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base);
}

static inline unsigned long
memblock_region_memory_end_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base + reg->size);
}

static inline unsigned long
memblock_region_reserved_base_pfn(const struct memblock_region *reg)
{
	return PFN_DOWN(reg->base);
}

static inline unsigned long
memblock_region_reserved_end_pfn(const struct memblock_region *reg)
{
	return PFN_UP(reg->base + reg->size);
}

/* mm/mm_init.c: the large system hash tables. */
#define HASH_EARLY 0x00000001 /* allocating during early boot */
#define HASH_SMALL 0x00000002 /* sub-page allocation allowed */
#define HASH_ZERO 0x00000004  /* zero the table */
void *alloc_large_system_hash(const char *tablename, unsigned long bucketsize,
			      unsigned long numentries, int scale, int flags,
			      unsigned int *hash_shift, unsigned int *hash_mask,
			      unsigned long low_limit, unsigned long high_limit);

/*
 * mmsim's own checker: regions sorted, non-overlapping, merged where the
 * kernel would merge them, totals equal to the sum of sizes, count within
 * max.  Returns 0, or -EINVAL after printing what is wrong.
 */
int memblock_validate(void);

#endif /* _MMSIM_LINUX_MEMBLOCK_H */

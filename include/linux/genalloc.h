/* SPDX-License-Identifier: MIT */
/*
 * include/linux/genalloc.h — the general-purpose allocator: a pool of
 * address ranges ("chunks") handed out in units of 2^min_alloc_order bytes,
 * one bit per unit.
 *
 * Kernel counterparts: include/linux/genalloc.h and lib/genalloc.c (Linux
 * 6.1).  The kernel uses it for memory its page and slab allocators do not
 * manage: the atomic DMA pools (kernel/dma/pool.c), the machine-check
 * record buffer (arch/x86/kernel/cpu/mce/genpool.c), on-chip SRAM.
 *
 *   struct gen_pool                 struct gen_pool_chunk (vzalloc'ed)
 *     chunks ──> chunk ──> chunk      start_addr .. end_addr (inclusive)
 *     min_alloc_order = k             avail: bytes not allocated
 *     algo(), data                    bits[]: bit i <=> bytes
 *                                     [start + i*2^k, start + (i+1)*2^k)
 *
 * Invariant: for every chunk, avail == (clear bits of bits[]) << k, and an
 * allocation of n bytes sets exactly DIV_ROUND_UP(n, 2^k) consecutive bits.
 * The bitmap is updated with compare-and-swap on whole words, never under
 * a lock; the chunk list is only appended to while the pool is in use.
 *
 * Why vmalloc shows it: gen_pool_add_owner() takes each chunk's descriptor
 * and bitmap from vzalloc_node(), so every chunk of every pool is one
 * "gen_pool_add_owner ... vmalloc" line of /proc/vmallocinfo.
 *
 * Contracts: gen_pool_create() returns NULL without memory;
 * gen_pool_add*() return 0 or -ENOMEM; gen_pool_alloc*() return the
 * address, or 0 when no chunk has room (a normal outcome);
 * gen_pool_free*() of a range the pool does not hold is a BUG.
 */
#ifndef _MMSIM_LINUX_GENALLOC_H
#define _MMSIM_LINUX_GENALLOC_H

#include "linux/types.h"
#include "linux/list.h"
#include "linux/spinlock.h"

struct gen_pool;

/*
 * An allocation strategy: the first bit of a run of @nr clear bits in
 * @map (@size bits), searching from bit @start; @size or more when none.
 * @start_addr is the chunk's first address (for alignment in addresses).
 */
typedef unsigned long (*genpool_algo_t)(unsigned long *map, unsigned long size,
					unsigned long start, unsigned int nr,
					void *data, struct gen_pool *pool,
					unsigned long start_addr);

struct gen_pool {
	spinlock_t lock;        /* serialises adding chunks */
	struct list_head chunks;
	int min_alloc_order;    /* log2 of the bytes one bit stands for */
	genpool_algo_t algo;
	void *data;             /* the algorithm's argument */
	const char *name;
};

struct gen_pool_chunk {
	struct list_head next_chunk;
	atomic_long_t avail;       /* bytes free in this chunk */
	phys_addr_t phys_addr;     /* physical address of start_addr, or -1 */
	void *owner;               /* what the adder asked to get back */
	unsigned long start_addr;
	unsigned long end_addr;    /* last byte, inclusive */
	unsigned long bits[];      /* one bit per 2^min_alloc_order bytes */
};

/* gen_pool_first_fit_align(): the alignment in bytes. */
struct genpool_data_align {
	int align;
};

/* gen_pool_fixed_alloc(): the offset in the chunk to allocate at. */
struct genpool_data_fixed {
	unsigned long offset;
};

struct gen_pool *gen_pool_create(int min_alloc_order, int nid);
void gen_pool_destroy(struct gen_pool *pool);
int gen_pool_add_owner(struct gen_pool *pool, unsigned long virt,
		       phys_addr_t phys, size_t size, int nid, void *owner);

static inline int gen_pool_add_virt(struct gen_pool *pool, unsigned long addr,
				    phys_addr_t phys, size_t size, int nid)
{
	return gen_pool_add_owner(pool, addr, phys, size, nid, NULL);
}

/* A chunk with no physical address (gen_pool_virt_to_phys() gives -1). */
static inline int gen_pool_add(struct gen_pool *pool, unsigned long addr,
			       size_t size, int nid)
{
	return gen_pool_add_virt(pool, addr, (phys_addr_t)-1, size, nid);
}

phys_addr_t gen_pool_virt_to_phys(struct gen_pool *pool, unsigned long addr);

unsigned long gen_pool_alloc_algo_owner(struct gen_pool *pool, size_t size,
					genpool_algo_t algo, void *data,
					void **owner);

static inline unsigned long gen_pool_alloc_owner(struct gen_pool *pool,
						 size_t size, void **owner)
{
	return gen_pool_alloc_algo_owner(pool, size, pool->algo, pool->data,
					 owner);
}

static inline unsigned long gen_pool_alloc_algo(struct gen_pool *pool,
						size_t size,
						genpool_algo_t algo,
						void *data)
{
	return gen_pool_alloc_algo_owner(pool, size, algo, data, NULL);
}

static inline unsigned long gen_pool_alloc(struct gen_pool *pool, size_t size)
{
	return gen_pool_alloc_algo(pool, size, pool->algo, pool->data);
}

/* Allocation as a pointer, with the physical address in *@dma if wanted. */
void *gen_pool_dma_alloc(struct gen_pool *pool, size_t size, dma_addr_t *dma);
void *gen_pool_dma_alloc_algo(struct gen_pool *pool, size_t size,
			      dma_addr_t *dma, genpool_algo_t algo, void *data);
void *gen_pool_dma_zalloc(struct gen_pool *pool, size_t size, dma_addr_t *dma);

void gen_pool_free_owner(struct gen_pool *pool, unsigned long addr,
			 size_t size, void **owner);

static inline void gen_pool_free(struct gen_pool *pool, unsigned long addr,
				 size_t size)
{
	gen_pool_free_owner(pool, addr, size, NULL);
}

void gen_pool_for_each_chunk(struct gen_pool *pool,
			     void (*func)(struct gen_pool *pool,
					  struct gen_pool_chunk *chunk,
					  void *data),
			     void *data);
bool gen_pool_has_addr(struct gen_pool *pool, unsigned long start, size_t size);
size_t gen_pool_avail(struct gen_pool *pool);
size_t gen_pool_size(struct gen_pool *pool);
void gen_pool_set_algo(struct gen_pool *pool, genpool_algo_t algo, void *data);

/* The strategies (the pool's default is gen_pool_first_fit). */
unsigned long gen_pool_first_fit(unsigned long *map, unsigned long size,
				 unsigned long start, unsigned int nr,
				 void *data, struct gen_pool *pool,
				 unsigned long start_addr);
unsigned long gen_pool_first_fit_align(unsigned long *map, unsigned long size,
				       unsigned long start, unsigned int nr,
				       void *data, struct gen_pool *pool,
				       unsigned long start_addr);
unsigned long gen_pool_first_fit_order_align(unsigned long *map,
					     unsigned long size,
					     unsigned long start,
					     unsigned int nr, void *data,
					     struct gen_pool *pool,
					     unsigned long start_addr);
unsigned long gen_pool_fixed_alloc(unsigned long *map, unsigned long size,
				   unsigned long start, unsigned int nr,
				   void *data, struct gen_pool *pool,
				   unsigned long start_addr);
unsigned long gen_pool_best_fit(unsigned long *map, unsigned long size,
				unsigned long start, unsigned int nr,
				void *data, struct gen_pool *pool,
				unsigned long start_addr);

/*
 * mmsim's checker (no kernel counterpart): every chunk's avail equals its
 * clear bits times the unit, and its range is sane.  0, or -EINVAL after
 * pr_err() of the first inconsistency.  Call it while nobody allocates.
 */
int gen_pool_validate(struct gen_pool *pool);

#endif /* _MMSIM_LINUX_GENALLOC_H */

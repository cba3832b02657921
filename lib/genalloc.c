// SPDX-License-Identifier: MIT
/*
 * lib/genalloc.c — the general-purpose allocator (see <linux/genalloc.h>).
 *
 * Kernel counterpart: lib/genalloc.c (Linux 6.1), with
 * bitmap_find_next_zero_area_off() from lib/bitmap.c.
 *
 * A pool is a list of chunks; a chunk is one range of addresses with a
 * bitmap, one bit per 2^min_alloc_order bytes:
 *
 *   chunk  start_addr                                   end_addr
 *          |  unit 0 | unit 1 | unit 2 | unit 3 | ... | unit n-1 |
 *   bits      1         1        0        0              0
 *             \__ an allocation of 2 units __/
 *
 * gen_pool_alloc(pool, size) rounds size up to whole units, walks the
 * chunks (newest first, as they were added at the head) skipping those
 * whose avail is too small, asks the pool's algorithm for a run of clear
 * bits and claims it by setting the bits word by word with
 * compare-and-swap.  If another CPU set one of those bits first, the bits
 * this call did set are cleared again and the search restarts in the same
 * chunk.  Freeing clears the bits the same way, and both adjust avail.
 *
 * The kernel walks the chunk list under RCU so that allocation never
 * takes a lock.  mmsim has no RCU; chunks are never removed while a pool
 * is in use (only gen_pool_destroy() frees them), so publishing a new
 * chunk with a release store of the list head and walking with acquire
 * loads gives readers the same guarantee.
 *
 * Chunk descriptors come from vzalloc_node(): one vmalloc area per chunk,
 * recorded with this file's gen_pool_add_owner as its caller.
 */
#include "linux/kernel.h"
#include "linux/bitmap.h"
#include "linux/errno.h"
#include "linux/genalloc.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"
#include "mmsim/machine.h"

#include <string.h>

static size_t chunk_size(const struct gen_pool_chunk *chunk)
{
	return chunk->end_addr - chunk->start_addr + 1;
}

/* --- the chunk list (appended while readers may walk it) ---------------------- */

static struct gen_pool_chunk *chunk_at(struct gen_pool *pool,
				       struct list_head *pos)
{
	return pos == &pool->chunks ? NULL :
				      list_entry(pos, struct gen_pool_chunk, next_chunk);
}

static struct gen_pool_chunk *first_chunk(struct gen_pool *pool)
{
	return chunk_at(pool, __atomic_load_n(&pool->chunks.next, __ATOMIC_ACQUIRE));
}

static struct gen_pool_chunk *next_chunk(struct gen_pool *pool,
					 struct gen_pool_chunk *chunk)
{
	return chunk_at(pool, __atomic_load_n(&chunk->next_chunk.next,
					      __ATOMIC_ACQUIRE));
}

#define for_each_chunk(chunk, pool) \
	for (chunk = first_chunk(pool); chunk; chunk = next_chunk(pool, chunk))

/* Link a fully initialised chunk at the head; caller holds pool->lock. */
static void publish_chunk(struct gen_pool *pool, struct gen_pool_chunk *chunk)
{
	struct list_head *head = &pool->chunks, *old = head->next;

	chunk->next_chunk.next = old;
	chunk->next_chunk.prev = head;
	old->prev = &chunk->next_chunk;
	__atomic_store_n(&head->next, &chunk->next_chunk, __ATOMIC_RELEASE);
}

/* --- lock-free bit runs ------------------------------------------------------- */

/* Set @mask in *@word unless one of its bits is already set; 0 or -EBUSY. */
static int set_bits_ll(unsigned long *word, unsigned long mask)
{
	unsigned long val = __atomic_load_n(word, __ATOMIC_RELAXED);

	do {
		if (val & mask)
			return -EBUSY;
	} while (!__atomic_compare_exchange_n(word, &val, val | mask, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return 0;
}

/* Clear @mask in *@word if all of it is set; 0 or -EBUSY. */
static int clear_bits_ll(unsigned long *word, unsigned long mask)
{
	unsigned long val = __atomic_load_n(word, __ATOMIC_RELAXED);

	do {
		if ((val & mask) != mask)
			return -EBUSY;
	} while (!__atomic_compare_exchange_n(word, &val, val & ~mask, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return 0;
}

/*
 * Set (or clear) bits [start, start + nr) of @map one word at a time.
 * Returns 0, or how many bits were left undone when a word was found in
 * the wrong state (another CPU got there first).
 */
static unsigned long bitmap_change_ll(unsigned long *map, unsigned long start,
				      unsigned long nr, bool set)
{
	unsigned long *p = map + BIT_WORD(start);
	const unsigned long end = start + nr;
	unsigned long bits_here = BITS_PER_LONG - (start % BITS_PER_LONG);
	unsigned long mask = BITMAP_FIRST_WORD_MASK(start);

	while (nr >= bits_here) {
		if (set ? set_bits_ll(p, mask) : clear_bits_ll(p, mask))
			return nr;
		nr -= bits_here;
		bits_here = BITS_PER_LONG;
		mask = ~0UL;
		p++;
	}
	if (nr) {
		mask &= BITMAP_LAST_WORD_MASK(end);
		if (set ? set_bits_ll(p, mask) : clear_bits_ll(p, mask))
			return nr;
	}
	return 0;
}

/*
 * The first bit i >= @start such that (i + @align_offset) is a multiple
 * of @align_mask + 1 and bits [i, i + @nr) of @map are clear; a value
 * above @size - @nr when there is none (lib/bitmap.c).
 */
static unsigned long bitmap_find_next_zero_area_off(unsigned long *map,
						    unsigned long size,
						    unsigned long start,
						    unsigned int nr,
						    unsigned long align_mask,
						    unsigned long align_offset)
{
	unsigned long index, end, busy;

	for (;;) {
		index = find_next_zero_bit(map, size, start);
		index = ((index + align_offset + align_mask) & ~align_mask) -
			align_offset;
		end = index + nr;
		if (end > size)
			return end;
		busy = find_next_bit(map, end, index);
		if (busy >= end)
			return index;
		start = busy + 1;
	}
}

static unsigned long bitmap_find_next_zero_area(unsigned long *map,
						unsigned long size,
						unsigned long start,
						unsigned int nr,
						unsigned long align_mask)
{
	return bitmap_find_next_zero_area_off(map, size, start, nr, align_mask, 0);
}

/* --- pools and chunks ----------------------------------------------------------- */

struct gen_pool *gen_pool_create(int min_alloc_order, int nid)
{
	struct gen_pool *pool = kmalloc_node(sizeof(*pool), GFP_KERNEL, nid);

	if (!pool)
		return NULL;
	spin_lock_init(&pool->lock);
	INIT_LIST_HEAD(&pool->chunks);
	pool->min_alloc_order = min_alloc_order;
	pool->algo = gen_pool_first_fit;
	pool->data = NULL;
	pool->name = NULL;
	return pool;
}

/*
 * Add [virt, virt + size) (physical @phys, or -1) to @pool; its
 * descriptor and bitmap are one vzalloc_node() on @nid.
 */
int gen_pool_add_owner(struct gen_pool *pool, unsigned long virt,
		       phys_addr_t phys, size_t size, int nid, void *owner)
{
	unsigned long nbits = size >> pool->min_alloc_order;
	size_t nbytes = sizeof(struct gen_pool_chunk) +
			BITS_TO_LONGS(nbits) * sizeof(long);
	struct gen_pool_chunk *chunk = vzalloc_node(nbytes, nid);

	if (unlikely(!chunk))
		return -ENOMEM;
	chunk->phys_addr = phys;
	chunk->start_addr = virt;
	chunk->end_addr = virt + size - 1;
	chunk->owner = owner;
	__atomic_store_n(&chunk->avail.counter, (long)size, __ATOMIC_RELAXED);

	spin_lock(&pool->lock);
	publish_chunk(pool, chunk);
	spin_unlock(&pool->lock);
	return 0;
}

phys_addr_t gen_pool_virt_to_phys(struct gen_pool *pool, unsigned long addr)
{
	struct gen_pool_chunk *chunk;

	for_each_chunk(chunk, pool)
		if (addr >= chunk->start_addr && addr <= chunk->end_addr)
			return chunk->phys_addr + (addr - chunk->start_addr);
	return (phys_addr_t)-1;
}

/* Free every chunk and the pool; nothing may still be allocated (BUG). */
void gen_pool_destroy(struct gen_pool *pool)
{
	struct gen_pool_chunk *chunk, *next;
	int order = pool->min_alloc_order;

	list_for_each_entry_safe(chunk, next, &pool->chunks, next_chunk) {
		unsigned long end_bit = chunk_size(chunk) >> order;

		list_del(&chunk->next_chunk);
		BUG_ON(find_first_bit(chunk->bits, end_bit) < end_bit);
		vfree(chunk);
	}
	kfree(pool->name);
	kfree(pool);
}

/* --- allocation -------------------------------------------------------------------- */

/*
 * Claim bits for @size bytes in @chunk with @algo; the address, or 0 when
 * the chunk has no fitting run.
 */
static unsigned long chunk_alloc(struct gen_pool *pool,
				 struct gen_pool_chunk *chunk,
				 unsigned long nbits, genpool_algo_t algo,
				 void *data)
{
	int order = pool->min_alloc_order;
	unsigned long end_bit = chunk_size(chunk) >> order;
	unsigned long start_bit = 0, remain;

	for (;;) {
		start_bit = algo(chunk->bits, end_bit, start_bit,
				 (unsigned int)nbits, data, pool,
				 chunk->start_addr);
		if (start_bit >= end_bit)
			return 0;
		remain = bitmap_change_ll(chunk->bits, start_bit, nbits, true);
		if (!remain)
			break;
		/* lost a race for part of the run: undo our part, look again */
		remain = bitmap_change_ll(chunk->bits, start_bit, nbits - remain,
					  false);
		BUG_ON(remain);
	}
	__atomic_sub_fetch(&chunk->avail.counter, (long)(nbits << order),
			   __ATOMIC_RELAXED);
	return chunk->start_addr + (start_bit << order);
}

unsigned long gen_pool_alloc_algo_owner(struct gen_pool *pool, size_t size,
					genpool_algo_t algo, void *data,
					void **owner)
{
	int order = pool->min_alloc_order;
	struct gen_pool_chunk *chunk;
	unsigned long nbits, addr;

	if (owner)
		*owner = NULL;
	if (size == 0)
		return 0;
	nbits = (size + (1UL << order) - 1) >> order;
	for_each_chunk(chunk, pool) {
		if ((long)size > __atomic_load_n(&chunk->avail.counter,
						 __ATOMIC_RELAXED))
			continue;
		addr = chunk_alloc(pool, chunk, nbits, algo, data);
		if (!addr)
			continue;
		if (owner)
			*owner = chunk->owner;
		return addr;
	}
	return 0;
}

void *gen_pool_dma_alloc_algo(struct gen_pool *pool, size_t size,
			      dma_addr_t *dma, genpool_algo_t algo, void *data)
{
	unsigned long vaddr;

	if (!pool)
		return NULL;
	vaddr = gen_pool_alloc_algo(pool, size, algo, data);
	if (!vaddr)
		return NULL;
	if (dma)
		*dma = gen_pool_virt_to_phys(pool, vaddr);
	return (void *)vaddr;
}

void *gen_pool_dma_alloc(struct gen_pool *pool, size_t size, dma_addr_t *dma)
{
	return gen_pool_dma_alloc_algo(pool, size, dma, pool->algo, pool->data);
}

void *gen_pool_dma_zalloc(struct gen_pool *pool, size_t size, dma_addr_t *dma)
{
	void *vaddr = gen_pool_dma_alloc(pool, size, dma);

	if (vaddr)
		memset(vaddr, 0, size);
	return vaddr;
}

void gen_pool_free_owner(struct gen_pool *pool, unsigned long addr,
			 size_t size, void **owner)
{
	int order = pool->min_alloc_order;
	struct gen_pool_chunk *chunk;
	unsigned long nbits;

	if (owner)
		*owner = NULL;
	nbits = (size + (1UL << order) - 1) >> order;
	for_each_chunk(chunk, pool) {
		if (addr < chunk->start_addr || addr > chunk->end_addr)
			continue;
		BUG_ON(addr + size - 1 > chunk->end_addr);
		BUG_ON(bitmap_change_ll(chunk->bits,
					(addr - chunk->start_addr) >> order,
					nbits, false));
		__atomic_add_fetch(&chunk->avail.counter, (long)(nbits << order),
				   __ATOMIC_RELAXED);
		if (owner)
			*owner = chunk->owner;
		return;
	}
	BUG();
}

/* --- looking at a pool ---------------------------------------------------------------- */

void gen_pool_for_each_chunk(struct gen_pool *pool,
			     void (*func)(struct gen_pool *pool,
					  struct gen_pool_chunk *chunk,
					  void *data),
			     void *data)
{
	struct gen_pool_chunk *chunk;

	for_each_chunk(chunk, pool)
		func(pool, chunk, data);
}

/* Does one chunk hold all of [start, start + size)? */
bool gen_pool_has_addr(struct gen_pool *pool, unsigned long start, size_t size)
{
	unsigned long end = start + size - 1;
	struct gen_pool_chunk *chunk;

	for_each_chunk(chunk, pool)
		if (start >= chunk->start_addr && start <= chunk->end_addr)
			return end <= chunk->end_addr;
	return false;
}

size_t gen_pool_avail(struct gen_pool *pool)
{
	struct gen_pool_chunk *chunk;
	size_t avail = 0;

	for_each_chunk(chunk, pool)
		avail += (size_t)__atomic_load_n(&chunk->avail.counter,
						 __ATOMIC_RELAXED);
	return avail;
}

size_t gen_pool_size(struct gen_pool *pool)
{
	struct gen_pool_chunk *chunk;
	size_t size = 0;

	for_each_chunk(chunk, pool)
		size += chunk_size(chunk);
	return size;
}

void gen_pool_set_algo(struct gen_pool *pool, genpool_algo_t algo, void *data)
{
	pool->algo = algo ? algo : gen_pool_first_fit;
	pool->data = data;
}

/* --- strategies ----------------------------------------------------------------------- */

/* The lowest run of @nr clear bits. */
unsigned long gen_pool_first_fit(unsigned long *map, unsigned long size,
				 unsigned long start, unsigned int nr,
				 void *data, struct gen_pool *pool,
				 unsigned long start_addr)
{
	return bitmap_find_next_zero_area(map, size, start, nr, 0);
}

/* The lowest run whose address is a multiple of data->align bytes. */
unsigned long gen_pool_first_fit_align(unsigned long *map, unsigned long size,
				       unsigned long start, unsigned int nr,
				       void *data, struct gen_pool *pool,
				       unsigned long start_addr)
{
	const struct genpool_data_align *alignment = data;
	unsigned long align = (unsigned long)alignment->align;
	int order = pool->min_alloc_order;
	unsigned long align_mask = ((align + (1UL << order) - 1) >> order) - 1;
	unsigned long align_off = (start_addr & (align - 1)) >> order;

	return bitmap_find_next_zero_area_off(map, size, start, nr, align_mask,
					      align_off);
}

/* The lowest run starting on a multiple of its own size, rounded up to 2^n. */
unsigned long gen_pool_first_fit_order_align(unsigned long *map,
					     unsigned long size,
					     unsigned long start,
					     unsigned int nr, void *data,
					     struct gen_pool *pool,
					     unsigned long start_addr)
{
	unsigned long align_mask = roundup_pow_of_two(nr) - 1;

	return bitmap_find_next_zero_area(map, size, start, nr, align_mask);
}

/* Exactly at data->offset bytes into the chunk, or nothing. */
unsigned long gen_pool_fixed_alloc(unsigned long *map, unsigned long size,
				   unsigned long start, unsigned int nr,
				   void *data, struct gen_pool *pool,
				   unsigned long start_addr)
{
	const struct genpool_data_fixed *fixed = data;
	int order = pool->min_alloc_order;
	unsigned long offset_bit = fixed->offset >> order, start_bit;

	if (WARN_ON(fixed->offset & ((1UL << order) - 1)))
		return size;
	start_bit = bitmap_find_next_zero_area(map, size, start + offset_bit,
					       nr, 0);
	return start_bit == offset_bit ? start_bit : size;
}

/*
 * The smallest free run that holds @nr bits (the first of equal ones);
 * a perfect fit ends the search.
 */
unsigned long gen_pool_best_fit(unsigned long *map, unsigned long size,
				unsigned long start, unsigned int nr,
				void *data, struct gen_pool *pool,
				unsigned long start_addr)
{
	unsigned long best = size, best_len = size + 1, index, end, len;

	index = bitmap_find_next_zero_area(map, size, start, nr, 0);
	while (index < size) {
		end = find_next_bit(map, size, index);
		len = end - index;
		if (len < best_len) {
			best = index;
			best_len = len;
			if (len == nr)
				break;
		}
		index = bitmap_find_next_zero_area(map, size, end + 1, nr, 0);
	}
	return best;
}

/* --- the checker ----------------------------------------------------------------------- */

int gen_pool_validate(struct gen_pool *pool)
{
	int order = pool->min_alloc_order;
	struct gen_pool_chunk *chunk;

	for_each_chunk(chunk, pool) {
		unsigned long nbits = chunk_size(chunk) >> order;
		unsigned long used = bitmap_weight(chunk->bits, nbits) << order;
		long avail = __atomic_load_n(&chunk->avail.counter,
					     __ATOMIC_RELAXED);

		if (chunk->end_addr < chunk->start_addr) {
			pr_err("genalloc: chunk 0x%lx-0x%lx is inverted\n",
			       chunk->start_addr, chunk->end_addr);
			return -EINVAL;
		}
		if ((unsigned long)avail + used != chunk_size(chunk)) {
			pr_err("genalloc: chunk 0x%lx: avail %ld + %lu allocated != size %zu\n",
			       chunk->start_addr, avail, used, chunk_size(chunk));
			return -EINVAL;
		}
		if (nbits % BITS_PER_LONG &&
		    find_next_bit(chunk->bits, round_up(nbits, BITS_PER_LONG),
				  nbits) < round_up(nbits, BITS_PER_LONG)) {
			pr_err("genalloc: chunk 0x%lx: bits set past its end\n",
			       chunk->start_addr);
			return -EINVAL;
		}
	}
	return 0;
}

// SPDX-License-Identifier: MIT
/*
 * mm/percpu-validate.c — pcpu_validate(): does every chunk's bookkeeping
 * agree with its allocation map?
 *
 * No kernel counterpart (the kernel has CONFIG_PERCPU_STATS and the
 * percpu_test module, no checker); in the style of mimalloc's
 * mi_page_is_valid and mmsim's page_alloc_validate().  Tests run it after
 * every step.  What it checks, chunk by chunk (the bitmap is the truth):
 *
 *   slots      every chunk on exactly one list; the reserved chunk on
 *              none; an active chunk in the slot its contig hint gives
 *              (or in slot 0, where failed small allocations park chunks
 *              of the low slots); isolated chunks only in the sidelined
 *              and to-depopulate slots
 *   maps       free_bytes == 4 * clear bits of alloc_map; every run of
 *              allocated bits starts and ends on a bound_map bit, so the
 *              areas (bound bit to bound bit) tile the run: no two live
 *              allocations overlap and none is half freed
 *   blocks     left_free, right_free never more than the free bits at
 *              the block's ends (they may be less: promoting a scan hint
 *              that lies at the block's end leaves right_free 0, as in
 *              6.1); first_free no later than the first free bit; the
 *              contig and scan hints name free runs no longer than the
 *              block's longest; contig_hint == a whole block exactly when
 *              the block is free; scan_hint_start > contig_hint_start only
 *              when the two hints are equal
 *   chunk_md   its contig hint names a free run; first_free no later than
 *              the first free bit
 *   pages      nr_populated == populated bits; nr_empty_pop_pages ==
 *              populated pages with no bit allocated; the backing has a
 *              page for each populated page of every unit and none for
 *              the others (mm/percpu-vm.c)
 *   totals     pcpu_nr_empty_pop_pages == the sum over active chunks;
 *              pcpu_nr_populated == the first chunk's pages + the
 *              populated pages of the chunks made after boot
 *
 * Lock: takes pcpu_alloc_mutex and pcpu_lock, so nothing changes under it.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/printk.h"
#include "mm/percpu-internal.h"

#define PCPU_BAD(...)                                   \
	({                                              \
		pr_err("pcpu_validate: " __VA_ARGS__);  \
		-EINVAL;                                \
	})

/* The longest run of clear bits in @map[start, end). */
static int pcpu_longest_free(const unsigned long *map, int start, int end)
{
	unsigned long rs = (unsigned long)start, re;
	int best = 0;

	for_each_clear_bitrange_from(rs, re, map, (unsigned long)end)
		best = max(best, (int)(re - rs));
	return best;
}

/* Are bits [start, start + len) of @map all clear (and inside @limit)? */
static bool pcpu_run_is_free(const unsigned long *map, int start, int len,
			     int limit)
{
	if (start < 0 || len < 0 || start + len > limit)
		return false;
	return len == 0 ||
	       find_next_bit(map, (unsigned long)(start + len),
			     (unsigned long)start) >= (unsigned long)(start + len);
}

/* Hints of block @i against its bits. */
static int pcpu_validate_block(struct pcpu_chunk *chunk, int i)
{
	const struct pcpu_block_md *b = &chunk->md_blocks[i];
	const int nbits = PCPU_BITMAP_BLOCK_BITS;
	const unsigned long *map = chunk->alloc_map + i * nbits / BITS_PER_LONG;
	int first_free = (int)find_first_zero_bit(map, (unsigned long)nbits);
	int first_used = (int)find_first_bit(map, (unsigned long)nbits);
	int last_used = (int)find_last_bit(map, (unsigned long)nbits);
	int longest = pcpu_longest_free(map, 0, nbits);
	int left = first_used;
	int right = first_used == nbits ? nbits : nbits - 1 - last_used;
	if (b->nr_bits != nbits)
		return PCPU_BAD("chunk %p block %d: nr_bits %d\n", chunk, i,
				b->nr_bits);
	if (b->left_free > left || b->right_free > right)
		return PCPU_BAD("chunk %p block %d: left/right_free %d/%d, bits say %d/%d\n",
				chunk, i, b->left_free, b->right_free, left, right);
	if ((first_used == nbits) != (b->contig_hint == nbits))
		return PCPU_BAD("chunk %p block %d: contig hint %d, but %s\n", chunk,
				i, b->contig_hint,
				first_used == nbits ? "the block is free" :
						      "bits are in use");
	if (b->first_free > first_free)
		return PCPU_BAD("chunk %p block %d: first_free %d after the first free bit %d\n",
				chunk, i, b->first_free, first_free);
	if (b->contig_hint > longest ||
	    !pcpu_run_is_free(map, b->contig_hint_start, b->contig_hint, nbits))
		return PCPU_BAD("chunk %p block %d: contig hint %d@%d is not free (longest %d)\n",
				chunk, i, b->contig_hint, b->contig_hint_start,
				longest);
	if (b->scan_hint &&
	    (b->scan_hint > b->contig_hint ||
	     !pcpu_run_is_free(map, b->scan_hint_start, b->scan_hint, nbits) ||
	     (b->scan_hint_start > b->contig_hint_start &&
	      b->scan_hint != b->contig_hint)))
		return PCPU_BAD("chunk %p block %d: scan hint %d@%d against contig %d@%d\n",
				chunk, i, b->scan_hint, b->scan_hint_start,
				b->contig_hint, b->contig_hint_start);
	return 0;
}

/* free_bytes, and areas tiling every allocated run. */
static int pcpu_validate_maps(struct pcpu_chunk *chunk)
{
	const int bits = pcpu_chunk_map_bits(chunk);
	int used = (int)bitmap_weight(chunk->alloc_map, (unsigned long)bits);
	unsigned long rs, re;

	if (chunk->free_bytes != (bits - used) * PCPU_MIN_ALLOC_SIZE)
		return PCPU_BAD("chunk %p: free_bytes %d, map has %d free bytes\n",
				chunk, chunk->free_bytes,
				(bits - used) * PCPU_MIN_ALLOC_SIZE);
	for_each_set_bitrange(rs, re, chunk->alloc_map, (unsigned long)bits) {
		if (!test_bit(rs, chunk->bound_map) ||
		    !test_bit(re, chunk->bound_map))
			return PCPU_BAD("chunk %p: allocated run [%lu, %lu) lacks a boundary bit\n",
					chunk, rs, re);
	}
	return 0;
}

/* Block and chunk hints, and the empty-page count they drive. */
static int pcpu_validate_hints(struct pcpu_chunk *chunk)
{
	const struct pcpu_block_md *md = &chunk->chunk_md;
	const int bits = pcpu_chunk_map_bits(chunk);
	int i, ret, empty = 0;

	for (i = 0; i < pcpu_chunk_nr_blocks(chunk); i++) {
		ret = pcpu_validate_block(chunk, i);
		if (ret)
			return ret;
		if (test_bit((unsigned long)i, chunk->populated) &&
		    find_next_bit(chunk->alloc_map,
				  (unsigned long)(i + 1) * PCPU_BITMAP_BLOCK_BITS,
				  (unsigned long)i * PCPU_BITMAP_BLOCK_BITS) >=
			    (unsigned long)(i + 1) * PCPU_BITMAP_BLOCK_BITS)
			empty++;
	}
	if (md->nr_bits != bits)
		return PCPU_BAD("chunk %p: chunk_md.nr_bits %d, map %d\n", chunk,
				md->nr_bits, bits);
	if (md->contig_hint &&
	    !pcpu_run_is_free(chunk->alloc_map, md->contig_hint_start,
			      md->contig_hint, bits))
		return PCPU_BAD("chunk %p: chunk contig hint %d@%d is not free\n",
				chunk, md->contig_hint, md->contig_hint_start);
	if (md->first_free > (int)find_first_zero_bit(chunk->alloc_map,
						      (unsigned long)bits))
		return PCPU_BAD("chunk %p: chunk first_free %d after the first free bit\n",
				chunk, md->first_free);
	if (chunk->nr_empty_pop_pages != empty)
		return PCPU_BAD("chunk %p: nr_empty_pop_pages %d, %d empty populated pages\n",
				chunk, chunk->nr_empty_pop_pages, empty);
	if (chunk->nr_populated !=
	    (int)bitmap_weight(chunk->populated, (unsigned long)chunk->nr_pages))
		return PCPU_BAD("chunk %p: nr_populated %d, bitmap has %lu\n",
				chunk, chunk->nr_populated,
				bitmap_weight(chunk->populated,
					      (unsigned long)chunk->nr_pages));
	return 0;
}

/* Is @chunk on a list it may be on? */
static int pcpu_validate_slot(struct pcpu_chunk *chunk, int slot)
{
	int want = pcpu_chunk_slot(chunk);

	if (chunk->isolated) {
		if (slot != pcpu_sidelined_slot && slot != pcpu_to_depopulate_slot)
			return PCPU_BAD("isolated chunk %p in slot %d\n", chunk,
					slot);
		return 0;
	}
	if (slot == want || (slot == 0 && want < PCPU_SLOT_FAIL_THRESHOLD))
		return 0;
	return PCPU_BAD("chunk %p in slot %d, its free space says %d\n", chunk,
			slot, want);
}

static int pcpu_validate_chunk(struct pcpu_chunk *chunk)
{
	int ret = pcpu_validate_maps(chunk);

	if (!ret)
		ret = pcpu_validate_hints(chunk);
	if (!ret && !chunk->immutable)
		ret = pcpu_backing_validate(chunk);
	return ret;
}

/* Bytes from pcpu_base_addr to the end of the first chunk's dynamic area. */
static unsigned long pcpu_first_chunk_end(void)
{
	const struct pcpu_chunk *fc = pcpu_first_chunk;

	return (unsigned long)fc->base_addr - (unsigned long)pcpu_base_addr +
	       (unsigned long)fc->nr_pages * PAGE_SIZE -
	       (unsigned long)fc->end_offset;
}

static int pcpu_validate_locked(void)
{
	unsigned long populated = PFN_DOWN(pcpu_first_chunk_end());
	struct pcpu_chunk *chunk;
	int slot, ret, empty = 0;
	bool seen_first = false;

	if (pcpu_reserved_chunk) {
		if (!list_empty(&pcpu_reserved_chunk->list))
			return PCPU_BAD("the reserved chunk is on a slot\n");
		ret = pcpu_validate_chunk(pcpu_reserved_chunk);
		if (ret)
			return ret;
	}
	for (slot = 0; slot < pcpu_nr_slots; slot++) {
		list_for_each_entry(chunk, &pcpu_chunk_lists[slot], list) {
			ret = pcpu_validate_slot(chunk, slot);
			if (!ret)
				ret = pcpu_validate_chunk(chunk);
			if (ret)
				return ret;
			if (chunk == pcpu_first_chunk)
				seen_first = true;
			else
				populated += (unsigned long)chunk->nr_populated;
			if (!chunk->isolated)
				empty += chunk->nr_empty_pop_pages;
		}
	}
	if (!seen_first)
		return PCPU_BAD("the first chunk is on no slot\n");
	if (pcpu_nr_empty_pop_pages != empty)
		return PCPU_BAD("pcpu_nr_empty_pop_pages %d, chunks hold %d\n",
				pcpu_nr_empty_pop_pages, empty);
	if (pcpu_nr_populated != populated)
		return PCPU_BAD("pcpu_nr_populated %lu, chunks hold %lu\n",
				pcpu_nr_populated, populated);
	return 0;
}

int pcpu_validate(void)
{
	int ret;

	if (!pcpu_first_chunk)
		return 0;	/* before setup_per_cpu_areas() */
	spin_lock(&pcpu_alloc_mutex);
	spin_lock_irq(&pcpu_lock);
	ret = pcpu_validate_locked();
	spin_unlock_irq(&pcpu_lock);
	spin_unlock(&pcpu_alloc_mutex);
	return ret;
}

// SPDX-License-Identifier: MIT
/*
 * mm/percpu-map.c — one chunk's allocation map: finding a free area,
 * marking it, freeing it, and keeping the per-page hints right.
 *
 * Kernel counterpart: the bitmap half of mm/percpu.c (Linux 6.1):
 * pcpu_block_update*, pcpu_*_refresh_hint, pcpu_next_*_region,
 * pcpu_find_block_fit, pcpu_find_zero_area, pcpu_alloc_area,
 * pcpu_free_area.  The chunk slots and the allocator's entry points are in
 * mm/percpu.c.
 *
 * A chunk is allocated by offset, the same offset in every unit, in
 * 4-byte granules ("bits").  Three maps describe it:
 *
 *   bit     0        1024      2048      3072   (one block = one page)
 *   alloc   |1111000011|0000000000|0011111100|   1 = granule in use
 *   bound   |1000100001|0000000000|0010000001|1  an area starts at a set
 *                                                bit and ends before the
 *                                                next one
 *   md_blocks[i]  hints of page i      chunk_md  hints of the whole chunk
 *
 * The hints let an allocation skip pages without scanning their bits:
 * contig_hint is the largest known free run and where it starts,
 * scan_hint a smaller run before it the scan may start after, left_free /
 * right_free the free bits touching the block's ends (so runs that span
 * blocks can be pieced together), first_free where a first-fit scan
 * begins.  Block hints are exact; the chunk's contig hint is never more
 * than what is free and is exact whenever the run lies in one block.
 *
 * An allocation first picks an offset whose block hints promise a fit
 * (pcpu_find_block_fit), then scans the alloc map from there
 * (pcpu_find_zero_area, first fit with alignment), marks the area in both
 * maps and repairs the hints it broke (pcpu_block_update_hint_alloc).
 * A free reads the area's length from the boundary map, clears it and
 * merges the hints with the free runs on either side
 * (pcpu_block_update_hint_free).  Both run under pcpu_lock.
 */
#include "linux/kernel.h"
#include "linux/bitmap.h"
#include "linux/pfn.h"
#include "mm/percpu-internal.h"

static unsigned long *pcpu_index_alloc_map(struct pcpu_chunk *chunk, int index)
{
	return chunk->alloc_map +
	       (index * PCPU_BITMAP_BLOCK_BITS / BITS_PER_LONG);
}

static int pcpu_off_to_block_index(int off)
{
	return off / PCPU_BITMAP_BLOCK_BITS;
}

static int pcpu_off_to_block_off(int off)
{
	return off & (PCPU_BITMAP_BLOCK_BITS - 1);
}

static int pcpu_block_off_to_off(int index, int off)
{
	return index * PCPU_BITMAP_BLOCK_BITS + off;
}

/* Does an area of @bits, aligned to @align bits, fit in @block's contig hint? */
static bool pcpu_check_block_hint(const struct pcpu_block_md *block, int bits,
				  size_t align)
{
	int bit_off = (int)ALIGN((size_t)block->contig_hint_start, align) -
		      block->contig_hint_start;

	return bit_off + bits <= block->contig_hint;
}

/*
 * Where a first-fit scan of @block for @alloc_bits may start: after the
 * scan hint when that run is too small and the contig hint lies beyond
 * it, else at first_free.
 */
static int pcpu_next_hint(const struct pcpu_block_md *block, int alloc_bits)
{
	if (block->scan_hint &&
	    block->contig_hint_start > block->scan_hint_start &&
	    alloc_bits > block->scan_hint)
		return block->scan_hint_start + block->scan_hint;
	return block->first_free;
}

/*
 * The next free run from *@bit_off on, as the block hints know it: a
 * block's contig hint if it lies inside the block, else the run at the
 * block's right end joined with the left-free runs of the blocks after
 * it.  Sets *@bit_off and *@bits; *@bit_off reaches the map's end when
 * there is none.
 */
static void pcpu_next_md_free_region(struct pcpu_chunk *chunk, int *bit_off,
				     int *bits)
{
	int i = pcpu_off_to_block_index(*bit_off);
	int block_off = pcpu_off_to_block_off(*bit_off);
	struct pcpu_block_md *block;

	*bits = 0;
	for (block = chunk->md_blocks + i; i < pcpu_chunk_nr_blocks(chunk);
	     block++, i++) {
		if (*bits) {	/* a run continuing from the previous block */
			*bits += block->left_free;
			if (block->left_free == PCPU_BITMAP_BLOCK_BITS)
				continue;
			return;
		}
		/* a contig hint not yet reported that ends inside the block */
		*bits = block->contig_hint;
		if (*bits && block->contig_hint_start >= block_off &&
		    *bits + block->contig_hint_start < PCPU_BITMAP_BLOCK_BITS) {
			*bit_off = pcpu_block_off_to_off(i,
							 block->contig_hint_start);
			return;
		}
		block_off = 0;
		*bits = block->right_free;
		*bit_off = (i + 1) * PCPU_BITMAP_BLOCK_BITS - block->right_free;
	}
}

/*
 * The next offset from *@bit_off on where @alloc_bits aligned to @align
 * may fit, judged by the block hints; *@bits is how far the caller may
 * step on if the scan there fails.  *@bit_off = map bits when none.
 */
static void pcpu_next_fit_region(struct pcpu_chunk *chunk, int alloc_bits,
				 int align, int *bit_off, int *bits)
{
	int i = pcpu_off_to_block_index(*bit_off);
	int block_off = pcpu_off_to_block_off(*bit_off);
	struct pcpu_block_md *block;

	*bits = 0;
	for (block = chunk->md_blocks + i; i < pcpu_chunk_nr_blocks(chunk);
	     block++, i++) {
		if (*bits) {	/* a run continuing from the previous block */
			*bits += block->left_free;
			if (*bits >= alloc_bits)
				return;
			if (block->left_free == PCPU_BITMAP_BLOCK_BITS)
				continue;
		}

		/* the block's contig hint, if not checked before and it fits */
		*bits = ALIGN(block->contig_hint_start, align) -
			block->contig_hint_start;
		if (block->contig_hint &&
		    block->contig_hint_start >= block_off &&
		    block->contig_hint >= *bits + alloc_bits) {
			int start = pcpu_next_hint(block, alloc_bits);

			*bits += alloc_bits + block->contig_hint_start - start;
			*bit_off = pcpu_block_off_to_off(i, start);
			return;
		}
		block_off = 0;

		/* else the run at the right end, maybe continued next block */
		*bit_off = ALIGN(PCPU_BITMAP_BLOCK_BITS - block->right_free,
				 align);
		*bits = PCPU_BITMAP_BLOCK_BITS - *bit_off;
		*bit_off = pcpu_block_off_to_off(i, *bit_off);
		if (*bits >= alloc_bits)
			return;
	}
	*bit_off = pcpu_chunk_map_bits(chunk);
}

#define pcpu_for_each_md_free_region(chunk, bit_off, bits)                  \
	for (pcpu_next_md_free_region((chunk), &(bit_off), &(bits));         \
	     (bit_off) < pcpu_chunk_map_bits((chunk));                       \
	     (bit_off) += (bits) + 1,                                        \
	     pcpu_next_md_free_region((chunk), &(bit_off), &(bits)))

#define pcpu_for_each_fit_region(chunk, alloc_bits, align, bit_off, bits)   \
	for (pcpu_next_fit_region((chunk), (alloc_bits), (align), &(bit_off), \
				  &(bits));                                  \
	     (bit_off) < pcpu_chunk_map_bits((chunk));                       \
	     (bit_off) += (bits),                                            \
	     pcpu_next_fit_region((chunk), (alloc_bits), (align), &(bit_off), \
				  &(bits)))

/* Do the half-open ranges [a, b) and [x, y) overlap? */
static bool pcpu_region_overlap(int a, int b, int x, int y)
{
	return a < y && x < b;
}

/*
 * Fold a free run [start, end) of @block (the whole run there, block
 * relative) into its hints.  Of two runs of equal size the better aligned
 * start wins the contig hint.
 */
static void pcpu_block_update(struct pcpu_block_md *block, int start, int end)
{
	int contig = end - start;

	block->first_free = min(block->first_free, start);
	if (start == 0)
		block->left_free = contig;
	if (end == block->nr_bits)
		block->right_free = contig;

	if (contig > block->contig_hint) {
		/* the old contig hint may become the scan hint */
		if (start > block->contig_hint_start) {
			if (block->contig_hint > block->scan_hint) {
				block->scan_hint_start = block->contig_hint_start;
				block->scan_hint = block->contig_hint;
			} else if (start < block->scan_hint_start) {
				/* keep scan_hint_start < contig_hint_start */
				block->scan_hint = 0;
			}
		} else {
			block->scan_hint = 0;
		}
		block->contig_hint_start = start;
		block->contig_hint = contig;
	} else if (contig == block->contig_hint) {
		if (block->contig_hint_start &&
		    (!start ||
		     __ffs((unsigned long)start) >
			     __ffs((unsigned long)block->contig_hint_start))) {
			block->contig_hint_start = start;
			if (start < block->scan_hint_start &&
			    block->contig_hint > block->scan_hint)
				block->scan_hint = 0;
		} else if (start > block->scan_hint_start ||
			   block->contig_hint > block->scan_hint) {
			block->scan_hint_start = start;
			block->scan_hint = contig;
		}
	} else {
		/* smaller than the contig hint: maybe a better scan hint */
		if (start < block->contig_hint_start &&
		    (contig > block->scan_hint ||
		     (contig == block->scan_hint &&
		      start > block->scan_hint_start))) {
			block->scan_hint_start = start;
			block->scan_hint = contig;
		}
	}
}

/*
 * A run the area scan skipped (at @bit_off, @bits long): widen it back
 * over granules alignment skipped and fold it into its block's hints.
 * Runs crossing a block end are left to later scans.
 */
static void pcpu_block_update_scan(struct pcpu_chunk *chunk, int bit_off,
				   int bits)
{
	int s_off = pcpu_off_to_block_off(bit_off);
	int e_off = s_off + bits;
	int s_index, l_bit;

	if (e_off > PCPU_BITMAP_BLOCK_BITS)
		return;
	s_index = pcpu_off_to_block_index(bit_off);
	l_bit = (int)find_last_bit(pcpu_index_alloc_map(chunk, s_index),
				   (unsigned long)s_off);
	s_off = (s_off == l_bit) ? 0 : l_bit + 1;
	pcpu_block_update(chunk->md_blocks + s_index, s_off, e_off);
}

/*
 * Recompute the chunk's hints from the blocks'.  Without @full_scan the
 * scan hint is promoted and only what follows it is scanned (allocation
 * broke the contig hint, so nothing better lies before it).
 */
static void pcpu_chunk_refresh_hint(struct pcpu_chunk *chunk, bool full_scan)
{
	struct pcpu_block_md *chunk_md = &chunk->chunk_md;
	int bit_off, bits;

	if (!full_scan && chunk_md->scan_hint) {
		bit_off = chunk_md->scan_hint_start + chunk_md->scan_hint;
		chunk_md->contig_hint_start = chunk_md->scan_hint_start;
		chunk_md->contig_hint = chunk_md->scan_hint;
		chunk_md->scan_hint = 0;
	} else {
		bit_off = chunk_md->first_free;
		chunk_md->contig_hint = 0;
	}

	bits = 0;
	pcpu_for_each_md_free_region(chunk, bit_off, bits)
		pcpu_block_update(chunk_md, bit_off, bit_off + bits);
}

/* Rescan block @index's bits (after its scan hint, if any) for its hints. */
static void pcpu_block_refresh_hint(struct pcpu_chunk *chunk, int index)
{
	struct pcpu_block_md *block = chunk->md_blocks + index;
	unsigned long *alloc_map = pcpu_index_alloc_map(chunk, index);
	unsigned long start, end;

	if (block->scan_hint) {
		start = (unsigned long)(block->scan_hint_start + block->scan_hint);
		block->contig_hint_start = block->scan_hint_start;
		block->contig_hint = block->scan_hint;
		block->scan_hint = 0;
	} else {
		start = (unsigned long)block->first_free;
		block->contig_hint = 0;
	}
	block->right_free = 0;

	for_each_clear_bitrange_from(start, end, alloc_map,
				     (unsigned long)PCPU_BITMAP_BLOCK_BITS)
		pcpu_block_update(block, (int)start, (int)end);
}

/* Hints of the first block of a new allocation [s_off, s_off + bits). */
static void pcpu_hint_alloc_first_block(struct pcpu_chunk *chunk, int s_index,
					int s_off, int e_index, int e_off,
					int bits)
{
	struct pcpu_block_md *s_block = chunk->md_blocks + s_index;

	if (s_off == s_block->first_free)
		s_block->first_free = (int)find_next_zero_bit(
			pcpu_index_alloc_map(chunk, s_index),
			PCPU_BITMAP_BLOCK_BITS, (unsigned long)(s_off + bits));

	if (pcpu_region_overlap(s_block->scan_hint_start,
				s_block->scan_hint_start + s_block->scan_hint,
				s_off, s_off + bits))
		s_block->scan_hint = 0;

	if (pcpu_region_overlap(s_block->contig_hint_start,
				s_block->contig_hint_start +
					s_block->contig_hint,
				s_off, s_off + bits)) {
		/* the contig hint is broken: rescan the block */
		if (!s_off)
			s_block->left_free = 0;
		pcpu_block_refresh_hint(chunk, s_index);
	} else {
		s_block->left_free = min(s_block->left_free, s_off);
		if (s_index == e_index)
			s_block->right_free = min_t(int, s_block->right_free,
						    PCPU_BITMAP_BLOCK_BITS - e_off);
		else
			s_block->right_free = 0;
	}
}

/*
 * Hints of the last block (and the full ones between) of an allocation
 * that crosses blocks; returns how many of them were empty pages.
 */
static int pcpu_hint_alloc_other_blocks(struct pcpu_chunk *chunk, int s_index,
					int e_index, int e_off)
{
	struct pcpu_block_md *s_block = chunk->md_blocks + s_index;
	struct pcpu_block_md *e_block = chunk->md_blocks + e_index;
	struct pcpu_block_md *block;
	int nr_empty_pages = 0;

	if (e_block->contig_hint == PCPU_BITMAP_BLOCK_BITS)
		nr_empty_pages++;
	/* the allocation covers the left part of e_block */
	e_block->first_free = (int)find_next_zero_bit(
		pcpu_index_alloc_map(chunk, e_index), PCPU_BITMAP_BLOCK_BITS,
		(unsigned long)e_off);

	if (e_off == PCPU_BITMAP_BLOCK_BITS) {
		e_block++;	/* all of it: clear it with the middle ones */
	} else {
		if (e_off > e_block->scan_hint_start)
			e_block->scan_hint = 0;
		e_block->left_free = 0;
		if (e_off > e_block->contig_hint_start)
			pcpu_block_refresh_hint(chunk, e_index);
		else
			e_block->right_free = min_t(int, e_block->right_free,
						    PCPU_BITMAP_BLOCK_BITS - e_off);
	}

	nr_empty_pages += e_index - s_index - 1;
	for (block = s_block + 1; block < e_block; block++) {
		block->scan_hint = 0;
		block->contig_hint = 0;
		block->left_free = 0;
		block->right_free = 0;
	}
	return nr_empty_pages;
}

/*
 * After [bit_off, bit_off + bits) was marked allocated: repair the hints
 * of the blocks it touches, count the empty pages it took, and rescan the
 * chunk only if its contig hint was broken.
 */
void pcpu_block_update_hint_alloc(struct pcpu_chunk *chunk, int bit_off,
				  int bits)
{
	struct pcpu_block_md *chunk_md = &chunk->chunk_md;
	int s_index = pcpu_off_to_block_index(bit_off);
	int e_index = pcpu_off_to_block_index(bit_off + bits - 1);
	int s_off = pcpu_off_to_block_off(bit_off);
	int e_off = pcpu_off_to_block_off(bit_off + bits - 1) + 1;
	int nr_empty_pages = 0;

	if (chunk->md_blocks[s_index].contig_hint == PCPU_BITMAP_BLOCK_BITS)
		nr_empty_pages++;
	pcpu_hint_alloc_first_block(chunk, s_index, s_off, e_index, e_off, bits);
	if (s_index != e_index)
		nr_empty_pages += pcpu_hint_alloc_other_blocks(chunk, s_index,
							       e_index, e_off);
	if (nr_empty_pages)
		pcpu_update_empty_pages(chunk, -nr_empty_pages);

	if (pcpu_region_overlap(chunk_md->scan_hint_start,
				chunk_md->scan_hint_start + chunk_md->scan_hint,
				bit_off, bit_off + bits))
		chunk_md->scan_hint = 0;
	if (pcpu_region_overlap(chunk_md->contig_hint_start,
				chunk_md->contig_hint_start +
					chunk_md->contig_hint,
				bit_off, bit_off + bits))
		pcpu_chunk_refresh_hint(chunk, false);
}

/*
 * After [bit_off, bit_off + bits) was cleared: find the whole free run it
 * joins (within its first and last block), fold it into those blocks,
 * reset the blocks between, and update the chunk hint: by a rescan when a
 * page became free or the run crosses blocks, else directly.
 */
static void pcpu_block_update_hint_free(struct pcpu_chunk *chunk, int bit_off,
					int bits)
{
	int s_index = pcpu_off_to_block_index(bit_off);
	int e_index = pcpu_off_to_block_index(bit_off + bits - 1);
	int s_off = pcpu_off_to_block_off(bit_off);
	int e_off = pcpu_off_to_block_off(bit_off + bits - 1) + 1;
	struct pcpu_block_md *s_block = chunk->md_blocks + s_index;
	struct pcpu_block_md *e_block = chunk->md_blocks + e_index;
	struct pcpu_block_md *block;
	int nr_empty_pages = 0, start, end;

	/* extend to the left: through the contig hint, or by a scan */
	start = s_off;
	if (s_off == s_block->contig_hint + s_block->contig_hint_start) {
		start = s_block->contig_hint_start;
	} else {
		int l_bit = (int)find_last_bit(pcpu_index_alloc_map(chunk, s_index),
					       (unsigned long)start);

		start = (start == l_bit) ? 0 : l_bit + 1;
	}

	/* and to the right */
	end = e_off;
	if (e_off == e_block->contig_hint_start)
		end = e_block->contig_hint_start + e_block->contig_hint;
	else
		end = (int)find_next_bit(pcpu_index_alloc_map(chunk, e_index),
					 PCPU_BITMAP_BLOCK_BITS,
					 (unsigned long)end);

	e_off = (s_index == e_index) ? end : PCPU_BITMAP_BLOCK_BITS;
	if (!start && e_off == PCPU_BITMAP_BLOCK_BITS)
		nr_empty_pages++;
	pcpu_block_update(s_block, start, e_off);

	if (s_index != e_index) {
		if (end == PCPU_BITMAP_BLOCK_BITS)
			nr_empty_pages++;
		pcpu_block_update(e_block, 0, end);

		nr_empty_pages += e_index - s_index - 1;
		for (block = s_block + 1; block < e_block; block++) {
			block->first_free = 0;
			block->scan_hint = 0;
			block->contig_hint_start = 0;
			block->contig_hint = PCPU_BITMAP_BLOCK_BITS;
			block->left_free = PCPU_BITMAP_BLOCK_BITS;
			block->right_free = PCPU_BITMAP_BLOCK_BITS;
		}
	}
	if (nr_empty_pages)
		pcpu_update_empty_pages(chunk, nr_empty_pages);

	if ((end - start) >= PCPU_BITMAP_BLOCK_BITS || s_index != e_index)
		pcpu_chunk_refresh_hint(chunk, true);
	else
		pcpu_block_update(&chunk->chunk_md,
				  pcpu_block_off_to_off(s_index, start), end);
}

/*
 * Are the pages under [bit_off, bit_off + bits) all populated?  If not,
 * *@next_off is the first offset after the unpopulated pages.
 */
static bool pcpu_is_populated(struct pcpu_chunk *chunk, int bit_off, int bits,
			      int *next_off)
{
	unsigned long start, end;

	start = PFN_DOWN((unsigned long)bit_off * PCPU_MIN_ALLOC_SIZE);
	end = PFN_UP((unsigned long)(bit_off + bits) * PCPU_MIN_ALLOC_SIZE);

	start = find_next_zero_bit(chunk->populated, end, start);
	if (start >= end)
		return true;
	end = find_next_bit(chunk->populated, end, start + 1);
	*next_off = (int)(end * PAGE_SIZE / PCPU_MIN_ALLOC_SIZE);
	return false;
}

/*
 * The offset to scan from for @alloc_bits aligned to @align, judged by the
 * hints (with @pop_only, over populated pages only), or -1.  A chunk whose
 * own contig hint cannot hold the area is not searched at all.
 */
int pcpu_find_block_fit(struct pcpu_chunk *chunk, int alloc_bits, size_t align,
			bool pop_only)
{
	struct pcpu_block_md *chunk_md = &chunk->chunk_md;
	int bit_off, bits, next_off = 0;

	if (!pcpu_check_block_hint(chunk_md, alloc_bits, align))
		return -1;

	bit_off = pcpu_next_hint(chunk_md, alloc_bits);
	bits = 0;
	pcpu_for_each_fit_region(chunk, alloc_bits, (int)align, bit_off, bits) {
		if (!pop_only ||
		    pcpu_is_populated(chunk, bit_off, bits, &next_off))
			break;
		bit_off = next_off;
		bits = 0;
	}
	if (bit_off == pcpu_chunk_map_bits(chunk))
		return -1;
	return bit_off;
}

/*
 * First fit of @nr zero bits aligned by @align_mask in @map[start, size).
 * Remembers in *@largest_off and *@largest_bits the largest run it passed
 * over (the best aligned of equals).  Returns the offset, or a value past
 * @size when nothing fits.
 */
static unsigned long pcpu_find_zero_area(unsigned long *map, unsigned long size,
					 unsigned long start, unsigned long nr,
					 unsigned long align_mask,
					 unsigned long *largest_off,
					 unsigned long *largest_bits)
{
	unsigned long index, end, i, area_bits;

	for (;;) {
		index = find_next_zero_bit(map, size, start);
		index = (index + align_mask) & ~align_mask;
		end = index + nr;
		if (end > size)
			return end;
		i = find_next_bit(map, end, index);
		if (i >= end)
			return index;
		area_bits = i - index;
		if (area_bits > *largest_bits ||
		    (area_bits == *largest_bits && *largest_off &&
		     (!index || __ffs(index) > __ffs(*largest_off)))) {
			*largest_off = index;
			*largest_bits = area_bits;
		}
		start = i + 1;
	}
}

/*
 * Allocate @alloc_bits aligned to @align bits, scanning from @start (an
 * offset pcpu_find_block_fit() gave).  Returns the byte offset in the
 * chunk, or -1.  Moves the chunk to its new slot.
 */
int pcpu_alloc_area(struct pcpu_chunk *chunk, int alloc_bits, size_t align,
		    int start)
{
	struct pcpu_block_md *chunk_md = &chunk->chunk_md;
	size_t align_mask = align ? align - 1 : 0;
	unsigned long area_off = 0, area_bits = 0;
	int bit_off, end, oslot;

	lockdep_assert_held(&pcpu_lock);
	oslot = pcpu_chunk_slot(chunk);

	/* a fit promised by the hints lies within one block's reach */
	end = min_t(int, start + alloc_bits + PCPU_BITMAP_BLOCK_BITS,
		    pcpu_chunk_map_bits(chunk));
	bit_off = (int)pcpu_find_zero_area(chunk->alloc_map, (unsigned long)end,
					   (unsigned long)start,
					   (unsigned long)alloc_bits, align_mask,
					   &area_off, &area_bits);
	if (bit_off >= end)
		return -1;
	if (area_bits)
		pcpu_block_update_scan(chunk, (int)area_off, (int)area_bits);

	bitmap_set(chunk->alloc_map, (unsigned long)bit_off,
		   (unsigned long)alloc_bits);
	__set_bit((unsigned long)bit_off, chunk->bound_map);
	bitmap_clear(chunk->bound_map, (unsigned long)bit_off + 1,
		     (unsigned long)alloc_bits - 1);
	__set_bit((unsigned long)(bit_off + alloc_bits), chunk->bound_map);

	chunk->free_bytes -= alloc_bits * PCPU_MIN_ALLOC_SIZE;
	if (bit_off == chunk_md->first_free)
		chunk_md->first_free = (int)find_next_zero_bit(
			chunk->alloc_map,
			(unsigned long)pcpu_chunk_map_bits(chunk),
			(unsigned long)(bit_off + alloc_bits));

	pcpu_block_update_hint_alloc(chunk, bit_off, alloc_bits);
	pcpu_chunk_relocate(chunk, oslot);
	return bit_off * PCPU_MIN_ALLOC_SIZE;
}

/*
 * Free the area at byte offset @off; its length comes from the boundary
 * map.  Returns the bytes freed.  Moves the chunk to its new slot.
 */
int pcpu_free_area(struct pcpu_chunk *chunk, int off)
{
	struct pcpu_block_md *chunk_md = &chunk->chunk_md;
	int bit_off, bits, end, oslot, freed;

	lockdep_assert_held(&pcpu_lock);
	oslot = pcpu_chunk_slot(chunk);

	bit_off = off / PCPU_MIN_ALLOC_SIZE;
	end = (int)find_next_bit(chunk->bound_map,
				 (unsigned long)pcpu_chunk_map_bits(chunk),
				 (unsigned long)bit_off + 1);
	bits = end - bit_off;
	bitmap_clear(chunk->alloc_map, (unsigned long)bit_off,
		     (unsigned long)bits);

	freed = bits * PCPU_MIN_ALLOC_SIZE;
	chunk->free_bytes += freed;
	chunk_md->first_free = min(chunk_md->first_free, bit_off);

	pcpu_block_update_hint_free(chunk, bit_off, bits);
	pcpu_chunk_relocate(chunk, oslot);
	return freed;
}

static void pcpu_init_md_block(struct pcpu_block_md *block, int nr_bits)
{
	block->scan_hint = 0;
	block->contig_hint = nr_bits;
	block->left_free = nr_bits;
	block->right_free = nr_bits;
	block->first_free = 0;
	block->nr_bits = nr_bits;
}

/* Every block, and the chunk as a whole, entirely free. */
void pcpu_init_md_blocks(struct pcpu_chunk *chunk)
{
	int i;

	pcpu_init_md_block(&chunk->chunk_md, pcpu_chunk_map_bits(chunk));
	for (i = 0; i < pcpu_chunk_nr_blocks(chunk); i++)
		pcpu_init_md_block(&chunk->md_blocks[i], PCPU_BITMAP_BLOCK_BITS);
}

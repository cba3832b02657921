/* SPDX-License-Identifier: MIT */
/*
 * include/linux/bitmap.h — bitmaps of unsigned longs: bit operations,
 * range set/clear, and the find_*_bit searches.
 *
 * Kernel counterparts: include/linux/bitmap.h, include/linux/bitops.h,
 * include/linux/find.h, lib/find_bit.c.  Same names and the same
 * conventions: bit n lives in word n / BITS_PER_LONG at position
 * n % BITS_PER_LONG; a search returns @size when nothing is found (and
 * when it starts at or beyond @size); find_last_bit() returns @size when
 * no bit is set.
 *
 *   word 0                 word 1
 *   +---------------------+---------------------+
 *   | bit 0 ... bit 63    | bit 64 ... bit 127  |
 *   +---------------------+---------------------+
 *
 * set_bit()/clear_bit() are atomic (relaxed) as in the kernel; the
 * double-underscore forms and the range operations are not, so their
 * callers hold the lock that protects the map.
 */
#ifndef _MMSIM_LINUX_BITMAP_H
#define _MMSIM_LINUX_BITMAP_H

#include "linux/kernel.h"

#define BITS_TO_LONGS(nr) DIV_ROUND_UP((nr), BITS_PER_LONG)
#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))
/* Bits [start % BITS_PER_LONG, 64) of the first word of a range. */
#define BITMAP_FIRST_WORD_MASK(start) (~0UL << ((start) & (BITS_PER_LONG - 1)))
/* Bits [0, nbits % BITS_PER_LONG) of the last word (all when a multiple). */
#define BITMAP_LAST_WORD_MASK(nbits) (~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

/* Index of the lowest set bit; undefined for 0. */
static inline unsigned long __ffs(unsigned long word)
{
	return (unsigned long)__builtin_ctzl(word);
}

/* Index of the highest set bit; undefined for 0. */
static inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - (unsigned long)__builtin_clzl(word);
}

/* 1-based position of the highest set bit; 0 for 0. */
static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static inline unsigned long rounddown_pow_of_two(unsigned long n)
{
	return 1UL << __fls(n);
}

static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << fls64(n - 1);
}

/* ceil(log2(n)): the order of the smallest power of two >= n. */
static inline int order_base_2(unsigned long n)
{
	return n <= 1 ? 0 : fls64(n - 1);
}

static inline void __set_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(unsigned long nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline void set_bit(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit(unsigned long nr, unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline bool test_bit(unsigned long nr, const unsigned long *addr)
{
	return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

/*
 * Set (@set) or clear bits [start, start + len): a partial first word, whole
 * words, a partial last word.
 */
static inline void __bitmap_assign_range(unsigned long *map, unsigned long start,
					 unsigned long len, bool set)
{
	unsigned long *p = map + BIT_WORD(start);
	unsigned long end = start + len;
	unsigned long mask = BITMAP_FIRST_WORD_MASK(start);
	long left = (long)len;
	long first = BITS_PER_LONG - (long)(start % BITS_PER_LONG);

	if (!len)
		return;
	while (left - first >= 0) {
		*p = set ? *p | mask : *p & ~mask;
		p++;
		left -= first;
		first = BITS_PER_LONG;
		mask = ~0UL;
	}
	if (left) {
		mask &= BITMAP_LAST_WORD_MASK(end);
		*p = set ? *p | mask : *p & ~mask;
	}
}

/* Set bits [start, start + len). */
static inline void bitmap_set(unsigned long *map, unsigned long start,
			      unsigned long len)
{
	__bitmap_assign_range(map, start, len, true);
}

/* Clear bits [start, start + len). */
static inline void bitmap_clear(unsigned long *map, unsigned long start,
				unsigned long len)
{
	__bitmap_assign_range(map, start, len, false);
}

static inline void bitmap_zero(unsigned long *map, unsigned long nbits)
{
	unsigned long i;

	for (i = 0; i < BITS_TO_LONGS(nbits); i++)
		map[i] = 0;
}

/* Set bits [0, nbits); the rest of the last word is left clear. */
static inline void bitmap_fill(unsigned long *map, unsigned long nbits)
{
	unsigned long i, n = BITS_TO_LONGS(nbits);

	for (i = 0; i < n; i++)
		map[i] = ~0UL;
	if (n)
		map[n - 1] = BITMAP_LAST_WORD_MASK(nbits);
}

static inline unsigned long bitmap_weight(const unsigned long *map,
					  unsigned long nbits)
{
	unsigned long i, w = 0;

	for (i = 0; i < nbits / BITS_PER_LONG; i++)
		w += (unsigned long)__builtin_popcountl(map[i]);
	if (nbits % BITS_PER_LONG)
		w += (unsigned long)__builtin_popcountl(
			map[i] & BITMAP_LAST_WORD_MASK(nbits));
	return w;
}

/*
 * The first bit at or after @offset, below @size, that is set (@invert 0)
 * or clear (@invert ~0UL); @size when there is none.
 */
static inline unsigned long _find_next_bit(const unsigned long *addr,
					   unsigned long size,
					   unsigned long offset,
					   unsigned long invert)
{
	unsigned long word;

	if (offset >= size)
		return size;
	word = (addr[BIT_WORD(offset)] ^ invert) &
	       BITMAP_FIRST_WORD_MASK(offset);
	offset = round_down(offset, BITS_PER_LONG);
	while (!word) {
		offset += BITS_PER_LONG;
		if (offset >= size)
			return size;
		word = addr[BIT_WORD(offset)] ^ invert;
	}
	return min(offset + __ffs(word), size);
}

static inline unsigned long find_next_bit(const unsigned long *addr,
					  unsigned long size,
					  unsigned long offset)
{
	return _find_next_bit(addr, size, offset, 0UL);
}

static inline unsigned long find_next_zero_bit(const unsigned long *addr,
					       unsigned long size,
					       unsigned long offset)
{
	return _find_next_bit(addr, size, offset, ~0UL);
}

static inline unsigned long find_first_bit(const unsigned long *addr,
					   unsigned long size)
{
	return find_next_bit(addr, size, 0);
}

static inline unsigned long find_first_zero_bit(const unsigned long *addr,
						unsigned long size)
{
	return find_next_zero_bit(addr, size, 0);
}

/* The highest set bit below @size, or @size when none is set. */
static inline unsigned long find_last_bit(const unsigned long *addr,
					  unsigned long size)
{
	unsigned long idx, word;

	if (!size)
		return size;
	idx = (size - 1) / BITS_PER_LONG;
	word = addr[idx] & BITMAP_LAST_WORD_MASK(size);
	for (;;) {
		if (word)
			return idx * BITS_PER_LONG + __fls(word);
		if (!idx)
			return size;
		word = addr[--idx];
	}
}

/*
 * Iterate over the runs of set (or clear) bits [b, e) of a bitmap of
 * @size bits; the _from forms start at the current value of @b.
 */
#define for_each_set_bitrange_from(b, e, addr, size)                         \
	for ((b) = find_next_bit((addr), (size), (b)),                       \
	    (e) = find_next_zero_bit((addr), (size), (b) + 1);               \
	     (b) < (size);                                                   \
	     (b) = find_next_bit((addr), (size), (e) + 1),                   \
	    (e) = find_next_zero_bit((addr), (size), (b) + 1))

#define for_each_set_bitrange(b, e, addr, size)                              \
	for ((b) = find_next_bit((addr), (size), 0),                         \
	    (e) = find_next_zero_bit((addr), (size), (b) + 1);               \
	     (b) < (size);                                                   \
	     (b) = find_next_bit((addr), (size), (e) + 1),                   \
	    (e) = find_next_zero_bit((addr), (size), (b) + 1))

#define for_each_clear_bitrange_from(b, e, addr, size)                       \
	for ((b) = find_next_zero_bit((addr), (size), (b)),                  \
	    (e) = find_next_bit((addr), (size), (b) + 1);                    \
	     (b) < (size);                                                   \
	     (b) = find_next_zero_bit((addr), (size), (e) + 1),              \
	    (e) = find_next_bit((addr), (size), (b) + 1))

#define for_each_clear_bitrange(b, e, addr, size)                            \
	for ((b) = find_next_zero_bit((addr), (size), 0),                    \
	    (e) = find_next_bit((addr), (size), (b) + 1);                    \
	     (b) < (size);                                                   \
	     (b) = find_next_zero_bit((addr), (size), (e) + 1),              \
	    (e) = find_next_bit((addr), (size), (b) + 1))

#endif /* _MMSIM_LINUX_BITMAP_H */

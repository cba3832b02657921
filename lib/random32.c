// SPDX-License-Identifier: MIT
/*
 * lib/random32.c — the seeded Tausworthe generator (see linux/prandom.h).
 *
 * Kernel counterpart: lib/random32.c (prandom_u32_state,
 * prandom_bytes_state).  Each step shifts every register by its own
 * (q, s, k) triple of LFSR113 and masks off its k low bits; the output is
 * the XOR of the four.  Bytes are handed out least significant first,
 * four per step, as the kernel's little-endian store does.
 */
#include "linux/prandom.h"

/* One LFSR step: b = ((s << q) ^ s) >> (k - s'); s = ((s & mask) << s') ^ b */
static inline u32 taus_step(u32 s, unsigned int q, unsigned int shift_b,
			    u32 mask, unsigned int shift_s)
{
	return ((s & mask) << shift_s) ^ (((s << q) ^ s) >> shift_b);
}

u32 prandom_u32_state(struct rnd_state *st)
{
	st->s1 = taus_step(st->s1, 6, 13, 0xfffffffeU, 18);
	st->s2 = taus_step(st->s2, 2, 27, 0xfffffff8U, 2);
	st->s3 = taus_step(st->s3, 13, 21, 0xfffffff0U, 7);
	st->s4 = taus_step(st->s4, 3, 12, 0xffffff80U, 13);
	return st->s1 ^ st->s2 ^ st->s3 ^ st->s4;
}

void prandom_bytes_state(struct rnd_state *st, void *buf, size_t bytes)
{
	u8 *p = buf;

	while (bytes) {
		u32 r = prandom_u32_state(st);
		size_t n = bytes < 4 ? bytes : 4;

		for (size_t i = 0; i < n; i++, r >>= 8)
			*p++ = (u8)r;
		bytes -= n;
	}
}

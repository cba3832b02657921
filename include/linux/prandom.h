/* SPDX-License-Identifier: MIT */
/*
 * include/linux/prandom.h — the kernel's seeded pseudo-random generator.
 *
 * Kernel counterpart: include/linux/prandom.h, lib/random32.c.  A
 * combined Tausworthe generator (L'Ecuyer's LFSR113: four 32-bit
 * linear-feedback shift registers XORed together), period about 2^113.
 * The kernel uses it where a reproducible sequence from one seed is
 * wanted: KASLR's memory-region offsets, SLUB's freelist shuffle.
 */
#ifndef _MMSIM_LINUX_PRANDOM_H
#define _MMSIM_LINUX_PRANDOM_H

#include "linux/types.h"
#include <stddef.h>

struct rnd_state {
	u32 s1, s2, s3, s4;
};

u32 prandom_u32_state(struct rnd_state *state);
void prandom_bytes_state(struct rnd_state *state, void *buf, size_t bytes);

/* Each register needs a minimum number of set high bits to be valid. */
static inline u32 __seed(u32 x, u32 m)
{
	return x < m ? x + m : x;
}

/* Seed all four registers from one 64-bit value (no warm-up). */
static inline void prandom_seed_state(struct rnd_state *state, u64 seed)
{
	u32 i = (u32)(((seed >> 32) ^ (seed << 10) ^ seed) & 0xffffffffULL);

	state->s1 = __seed(i, 2U);
	state->s2 = __seed(i, 8U);
	state->s3 = __seed(i, 16U);
	state->s4 = __seed(i, 128U);
}

#endif /* _MMSIM_LINUX_PRANDOM_H */

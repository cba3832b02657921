/* SPDX-License-Identifier: MIT */
/*
 * bench/alloc_workloads.h — the three allocation workloads that
 * bench/slub_bench.c runs on mmsim's kmalloc/kfree and bench/malloc_peer.c
 * on a host malloc/free, with the same parameters and the same random
 * sequence, so that their figures can be divided.
 *
 *   hot      allocate 64 bytes, touch, free; again and again on one CPU
 *            (the fast paths: SLUB's per-CPU freelist)      ns per pair
 *   random   a working set of WS_SLOTS objects; each step frees a random
 *            slot and allocates a random size 8..4096 into it
 *                                                           ns per step
 *   remote   CPU 0 allocates 64-byte objects and passes them through a
 *            ring to CPU 1, which frees them (frees to another CPU's
 *            slab: SLUB's __slab_free)                      ns per object
 *
 * Each figure is the best of ROUNDS rounds.
 */
#ifndef _MMSIM_BENCH_ALLOC_WORKLOADS_H
#define _MMSIM_BENCH_ALLOC_WORKLOADS_H

#include <sched.h>
#include <stdint.h>

#define ROUNDS 5
#define HOT_PAIRS 4000000UL
#define RANDOM_STEPS 2000000UL
#define WS_SLOTS 4096
#define REMOTE_OBJECTS 1000000UL
#define RING_SLOTS 4096

/* The size sequence of the random workload (xorshift64, fixed seed). */
static inline uint64_t bench_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

#define BENCH_SEED 0x2545f4914f6cdd1dULL

/* A single-producer single-consumer ring of pointers between two threads. */
struct bench_ring {
	void *slot[RING_SLOTS];
	volatile unsigned long head __attribute__((aligned(64)));
	volatile unsigned long tail __attribute__((aligned(64)));
};

/*
 * Wait politely: spin a little, then give the core away, so that the two
 * threads make progress on a machine with fewer free cores than threads.
 */
static inline void bench_wait(unsigned int *spins)
{
	if (++*spins < 64)
		__builtin_ia32_pause();
	else
		sched_yield();
}

static inline void bench_ring_put(struct bench_ring *r, void *p)
{
	unsigned int spins = 0;

	while (__atomic_load_n(&r->head, __ATOMIC_RELAXED) -
	       __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) >= RING_SLOTS)
		bench_wait(&spins);
	r->slot[r->head % RING_SLOTS] = p;
	__atomic_store_n(&r->head, r->head + 1, __ATOMIC_RELEASE);
}

static inline void *bench_ring_get(struct bench_ring *r)
{
	unsigned int spins = 0;
	void *p;

	while (__atomic_load_n(&r->tail, __ATOMIC_RELAXED) ==
	       __atomic_load_n(&r->head, __ATOMIC_ACQUIRE))
		bench_wait(&spins);
	p = r->slot[r->tail % RING_SLOTS];
	__atomic_store_n(&r->tail, r->tail + 1, __ATOMIC_RELEASE);
	return p;
}

#endif /* _MMSIM_BENCH_ALLOC_WORKLOADS_H */

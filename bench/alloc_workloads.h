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
 *            The same ring, start and clock on both sides; each side's
 *            thread pinned to host CPU 0 / 1 the same way (host/cpu.c).
 *
 * Each figure is the best of ROUNDS rounds.
 */
#ifndef _MMSIM_BENCH_ALLOC_WORKLOADS_H
#define _MMSIM_BENCH_ALLOC_WORKLOADS_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE     /* cpu_set_t, sched_setaffinity */
#endif
#include <limits.h>
#include <linux/futex.h>
#include <linux/membarrier.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

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

/* CLOCK_MONOTONIC in ns: the clock of every figure on both sides. */
static inline double bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/*
 * Pin the calling thread to host CPU (@n mod k), the n-th of the k host
 * CPUs in @allowed (what the process could use before anything was
 * pinned): host/cpu.c's rule for a machine with pin_cpus, for the malloc
 * peer's threads (it links nothing of mmsim).  Nothing with fewer than
 * two usable host CPUs.
 */
static inline void bench_pin_self(const cpu_set_t *allowed, int n)
{
	int k = CPU_COUNT(allowed), c, want;
	cpu_set_t one;

	if (k < 2)
		return;
	want = n % k;
	for (c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, allowed) && want-- == 0) {
			CPU_ZERO(&one);
			CPU_SET(c, &one);
			sched_setaffinity(0, sizeof(one), &one);
			return;
		}
}

/*
 * A single-producer single-consumer ring of pointers between two threads.
 * Each side keeps its own index on its own cache line, with the last value
 * it read of the other's: it reads the other side's line only when its
 * copy says the ring is full (producer) or empty (consumer), not once per
 * object.  A side that must wait spins a while (RING_SPINS pauses: the
 * other side is running on another core, the common case), then sleeps on
 * a futex until the other side moves.  No sched_yield(): on a host with
 * two cores and two busy threads it only gives the core to whatever else
 * runs, and leaves the waiting thread runnable.
 *
 * Waking without a fence per object (a locked store of the index costs as
 * much as the rest of an object's trip here: 32 against 3 ns per object
 * through an empty ring on the development host): a side about to sleep
 * counts itself in @waiters, then runs membarrier(), which puts a full
 * barrier into the other thread; after it, either the other side's new
 * index is visible to the sleeper, or the other side's next look at
 * @waiters sees it and bumps @wake.  Where the host has no expedited
 * membarrier, the sleep is bounded (RING_NAP_NS) instead.
 */
#define RING_SPINS 20000
#define RING_NAP_NS 1000000L

struct bench_ring {
	void *slot[RING_SLOTS];
	unsigned long head __attribute__((aligned(64)));  /* producer's */
	unsigned long tail_seen;                          /* producer's copy of tail */
	unsigned long tail __attribute__((aligned(64)));  /* consumer's */
	unsigned long head_seen;                          /* consumer's copy of head */
	int waiters __attribute__((aligned(64)));         /* sides asleep or going */
	unsigned int wake;                                /* the futex word */
	int arrived;                                      /* bench_ring_start() */
	int membarrier;         /* 1: expedited membarrier registered, -1: none */
	double t_start, t_end;   /* the producer's first put, the consumer's last get */
};

static inline void bench_pause(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

/* A full barrier in every running thread of the process; false if none. */
static inline bool bench_membarrier(struct bench_ring *r)
{
	int state = __atomic_load_n(&r->membarrier, __ATOMIC_RELAXED);

	if (!state) {
		state = syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED,
				0, 0) ? -1 : 1;
		__atomic_store_n(&r->membarrier, state, __ATOMIC_RELAXED);
	}
	return state > 0 &&
	       !syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
}

/* Wait until *@word (the other side's index) is no longer @seen; its value. */
static inline unsigned long bench_ring_wait(struct bench_ring *r, unsigned long *word,
					    unsigned long seen)
{
	const struct timespec nap = { 0, RING_NAP_NS };
	unsigned long v;
	unsigned int i, w;

	for (i = 0; i < RING_SPINS; i++) {
		v = __atomic_load_n(word, __ATOMIC_ACQUIRE);
		if (v != seen)
			return v;
		bench_pause();
	}
	for (;;) {
		bool fenced;

		w = __atomic_load_n(&r->wake, __ATOMIC_ACQUIRE);
		__atomic_add_fetch(&r->waiters, 1, __ATOMIC_SEQ_CST);
		fenced = bench_membarrier(r);
		v = __atomic_load_n(word, __ATOMIC_SEQ_CST);
		if (v == seen)
			syscall(SYS_futex, &r->wake, FUTEX_WAIT_PRIVATE, w,
				fenced ? NULL : &nap, NULL, 0);
		__atomic_sub_fetch(&r->waiters, 1, __ATOMIC_RELAXED);
		v = __atomic_load_n(word, __ATOMIC_ACQUIRE);
		if (v != seen)
			return v;
	}
}

/* Publish @v as this side's index (*@word); wake the other side if it sleeps. */
static inline void bench_ring_publish(struct bench_ring *r, unsigned long *word,
				      unsigned long v)
{
	__atomic_store_n(word, v, __ATOMIC_RELEASE);
	__atomic_signal_fence(__ATOMIC_SEQ_CST); /* the membarrier pairs with this */
	if (__atomic_load_n(&r->waiters, __ATOMIC_RELAXED)) {
		__atomic_add_fetch(&r->wake, 1, __ATOMIC_RELEASE);
		syscall(SYS_futex, &r->wake, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
	}
}

static inline void bench_ring_put(struct bench_ring *r, void *p)
{
	unsigned long h = r->head;

	while (h - r->tail_seen >= RING_SLOTS)
		r->tail_seen = bench_ring_wait(r, &r->tail, r->tail_seen);
	r->slot[h % RING_SLOTS] = p;
	bench_ring_publish(r, &r->head, h + 1);
}

static inline void *bench_ring_get(struct bench_ring *r)
{
	unsigned long t = r->tail;
	void *p;

	while (t == r->head_seen)
		r->head_seen = bench_ring_wait(r, &r->head, r->head_seen);
	p = r->slot[t % RING_SLOTS];
	bench_ring_publish(r, &r->tail, t + 1);
	return p;
}

/*
 * Both sides meet here before the first object, so that the figure
 * starts once both threads run (not at their creation); the producer
 * then notes t_start.  Spins, then yields: the threads may share a core.
 */
static inline void bench_ring_start(struct bench_ring *r)
{
	unsigned int spins = 0;

	__atomic_add_fetch(&r->arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&r->arrived, __ATOMIC_ACQUIRE) < 2) {
		if (++spins < 1024)
			bench_pause();
		else
			sched_yield();
	}
}

/*
 * The producer/consumer workload's two sides, on whatever allocator
 * @alloc64 and @free64 are (inlined by the caller's constants).  The
 * figure is (consumer's last free - producer's start) / REMOTE_OBJECTS.
 */
#define BENCH_PRODUCER(r, alloc64)						\
	do {									\
		unsigned long i_;						\
		bench_ring_start(r);						\
		(r)->t_start = bench_now_ns();					\
		for (i_ = 0; i_ < REMOTE_OBJECTS; i_++) {			\
			char *p_ = alloc64;					\
			p_[0] = (char)i_;					\
			bench_ring_put(r, p_);					\
		}								\
	} while (0)

#define BENCH_CONSUMER(r, free64)						\
	do {									\
		unsigned long i_;						\
		bench_ring_start(r);						\
		for (i_ = 0; i_ < REMOTE_OBJECTS; i_++)				\
			free64(bench_ring_get(r));				\
		(r)->t_end = bench_now_ns();					\
	} while (0)

#endif /* _MMSIM_BENCH_ALLOC_WORKLOADS_H */

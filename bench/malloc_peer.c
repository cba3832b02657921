// SPDX-License-Identifier: MIT
/*
 * bench/malloc_peer.c — the workloads of bench/alloc_workloads.h on the
 * host's malloc() and free(), for bench/slub_bench.c to compare against.
 *
 * No kernel counterpart.  Several malloc implementations cannot live in
 * one process, so this small program is run once per allocator: as is
 * (glibc), and under LD_PRELOAD of libmimalloc, libjemalloc and
 * libtcmalloc, which replace malloc/free.  It links nothing of mmsim.
 * Output, one line per workload, for the caller to parse:
 *
 *   hot <ns per pair>
 *   random <ns per step>
 *   remote <ns per object>
 *
 * The remote workload's two threads are pinned to host CPUs 0 and 1 (of
 * those this process may use) as slub_bench pins simulated CPUs 0 and 1,
 * and run last, since pinning this thread stays.
 */
#include "alloc_workloads.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile unsigned long sink;

static double hot(void)
{
	double t0 = bench_now_ns();
	unsigned long i;

	for (i = 0; i < HOT_PAIRS; i++) {
		char *p = malloc(64);

		p[0] = (char)i;
		sink += (unsigned long)p[0];
		free(p);
	}
	return (bench_now_ns() - t0) / (double)HOT_PAIRS;
}

static double random_sizes(void)
{
	static void *slot[WS_SLOTS];
	uint64_t seed = BENCH_SEED;
	unsigned long i;
	double t0;

	for (i = 0; i < WS_SLOTS; i++)
		slot[i] = malloc(8 + bench_next(&seed) % 4089);
	t0 = bench_now_ns();
	for (i = 0; i < RANDOM_STEPS; i++) {
		uint64_t r = bench_next(&seed);
		unsigned int j = (unsigned int)(r % WS_SLOTS);

		free(slot[j]);
		slot[j] = malloc(8 + (r >> 32) % 4089);
		((char *)slot[j])[0] = (char)i;
	}
	t0 = (bench_now_ns() - t0) / (double)RANDOM_STEPS;
	for (i = 0; i < WS_SLOTS; i++)
		free(slot[i]);
	return t0;
}

static struct bench_ring ring;
static cpu_set_t allowed;       /* the host CPUs, before any pinning */

static void *consumer(void *arg)
{
	(void)arg;
	bench_pin_self(&allowed, 1);
	BENCH_CONSUMER(&ring, free);
	return NULL;
}

/* The producer is this thread (simulated CPU 0's place), pinned like it. */
static double remote(void)
{
	pthread_t t;

	memset(&ring, 0, sizeof(ring));
	bench_pin_self(&allowed, 0);
	if (pthread_create(&t, NULL, consumer, NULL)) {
		fprintf(stderr, "malloc_peer: cannot start a thread\n");
		exit(1);
	}
	BENCH_PRODUCER(&ring, malloc(64));
	pthread_join(t, NULL);
	return (ring.t_end - ring.t_start) / (double)REMOTE_OBJECTS;
}

static double best(double (*fn)(void))
{
	double b = 1e30;
	int r;

	for (r = 0; r < ROUNDS; r++) {
		double v = fn();

		if (v < b)
			b = v;
	}
	return b;
}

int main(void)
{
	if (sched_getaffinity(0, sizeof(allowed), &allowed))
		CPU_ZERO(&allowed);
	printf("hot %.2f\n", best(hot));
	printf("random %.2f\n", best(random_sizes));
	printf("remote %.2f\n", best(remote));
	return 0;
}

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
 */
#include "alloc_workloads.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile unsigned long sink;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double hot(void)
{
	double t0 = now_ns();
	unsigned long i;

	for (i = 0; i < HOT_PAIRS; i++) {
		char *p = malloc(64);

		p[0] = (char)i;
		sink += (unsigned long)p[0];
		free(p);
	}
	return (now_ns() - t0) / (double)HOT_PAIRS;
}

static double random_sizes(void)
{
	static void *slot[WS_SLOTS];
	uint64_t seed = BENCH_SEED;
	unsigned long i;
	double t0;

	for (i = 0; i < WS_SLOTS; i++)
		slot[i] = malloc(8 + bench_next(&seed) % 4089);
	t0 = now_ns();
	for (i = 0; i < RANDOM_STEPS; i++) {
		uint64_t r = bench_next(&seed);
		unsigned int j = (unsigned int)(r % WS_SLOTS);

		free(slot[j]);
		slot[j] = malloc(8 + (r >> 32) % 4089);
		((char *)slot[j])[0] = (char)i;
	}
	t0 = (now_ns() - t0) / (double)RANDOM_STEPS;
	for (i = 0; i < WS_SLOTS; i++)
		free(slot[i]);
	return t0;
}

static struct bench_ring ring;

static void *consumer(void *arg)
{
	unsigned long i;

	for (i = 0; i < REMOTE_OBJECTS; i++)
		free(bench_ring_get(&ring));
	return NULL;
}

static double remote(void)
{
	pthread_t t;
	unsigned long i;
	double t0;

	memset(&ring, 0, sizeof(ring));
	t0 = now_ns();
	pthread_create(&t, NULL, consumer, NULL);
	for (i = 0; i < REMOTE_OBJECTS; i++) {
		char *p = malloc(64);

		p[0] = (char)i;
		bench_ring_put(&ring, p);
	}
	pthread_join(t, NULL);
	return (now_ns() - t0) / (double)REMOTE_OBJECTS;
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
	printf("hot %.2f\n", best(hot));
	printf("random %.2f\n", best(random_sizes));
	printf("remote %.2f\n", best(remote));
	return 0;
}

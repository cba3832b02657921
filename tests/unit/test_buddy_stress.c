// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_buddy_stress.c — two simulated CPUs allocating and
 * freeing at random, concurrently, with the validator after every step.
 *
 * Each simulated CPU is a host thread (host_run_on_cpus).  They run in
 * lock-step: both do one operation at the same time, meet at a barrier,
 * CPU 0 validates the whole machine while CPU 1 waits, and both go on:
 *
 *   CPU 0:  op  |barrier| validate + ledger check |barrier|  op  ...
 *   CPU 1:  op  |barrier|          (waits)        |barrier|  op  ...
 *
 * Operations (seeded xorshift, reproducible): allocate a random order
 * (0..10, small orders likelier) with a random migrate type, zone
 * modifier, __GFP_COMP and __GFP_ZERO; free a random block of the shared
 * ledger (often one the other CPU allocated); split a block with
 * split_page() and free its pages one by one; drain all CPUs' lists.
 * Memory runs out regularly: failure (NULL, no report with __GFP_NOWARN)
 * is a normal outcome.
 *
 * After every step: page_alloc_validate() holds, and the pages the
 * validator counts as allocated equal the ledger's.  At the end every
 * block is freed and all memory must be back in the buddy lists.
 */
#include "testmachine.h"
#include "buddy_machine.h"

#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "mm/internal.h"
#include "mm/page_alloc_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STEPS 1500
#define LEDGER_MAX 8192

struct block {
	struct page *page;
	unsigned int order;
};

struct stress {
	pthread_barrier_t barrier;
	pthread_mutex_t lock;      /* the ledger */
	struct block ledger[LEDGER_MAX];
	int nr;
	unsigned long pages;       /* sum of the ledger's 2^order */
	unsigned long allocs, fails, frees;
	char error[512];           /* first problem seen (threads cannot fail_msg) */
	u64 seed;
};

static u64 next_rand(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void record_error(struct stress *st, const char *fmt, unsigned long a,
			 unsigned long b)
{
	pthread_mutex_lock(&st->lock);
	if (!st->error[0])
		snprintf(st->error, sizeof(st->error), fmt, a, b);
	pthread_mutex_unlock(&st->lock);
}

static unsigned int random_order(u64 *rnd)
{
	unsigned int r = (unsigned int)(next_rand(rnd) % 100);

	if (r < 45)
		return 0;
	if (r < 80)
		return 1 + r % 3;
	return (unsigned int)(next_rand(rnd) % MAX_ORDER);
}

static gfp_t random_gfp(u64 *rnd, unsigned int order)
{
	static const gfp_t base[] = {
		GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_KERNEL | __GFP_RECLAIMABLE,
		GFP_ATOMIC, GFP_KERNEL | __GFP_DMA, GFP_KERNEL | __GFP_DMA32,
		GFP_NOWAIT | __GFP_MOVABLE, GFP_KERNEL | __GFP_NORETRY,
	};
	gfp_t gfp = base[next_rand(rnd) % ARRAY_SIZE(base)] | __GFP_NOWARN;

	if (order && next_rand(rnd) % 2)
		gfp |= __GFP_COMP;
	if (next_rand(rnd) % 4 == 0)
		gfp |= __GFP_ZERO;
	return gfp;
}

static void do_alloc(struct stress *st, int cpu, u64 *rnd)
{
	unsigned int order = random_order(rnd);
	gfp_t gfp = random_gfp(rnd, order);
	struct page *page = alloc_pages(gfp, order);
	unsigned char *mem;

	if (!page) {
		__atomic_add_fetch(&st->fails, 1, __ATOMIC_RELAXED);
		return;
	}
	if (page_to_pfn(page) & ((1UL << order) - 1))
		record_error(st, "block pfn %#lx not aligned to order %lu",
			     page_to_pfn(page), order);
	if (page_zonenum(page) > gfp_zone(gfp))
		record_error(st, "pfn %#lx above the zone limit %lu",
			     page_to_pfn(page), (unsigned long)gfp_zone(gfp));
	mem = page_address(page);
	if ((gfp & __GFP_ZERO) && (mem[0] || mem[(PAGE_SIZE << order) - 1]))
		record_error(st, "__GFP_ZERO block pfn %#lx not zeroed (order %lu)",
			     page_to_pfn(page), order);
	memset(mem, 0xc0 + cpu, 64); /* the block is ours: ASan agrees */
	pthread_mutex_lock(&st->lock);
	if (st->nr < LEDGER_MAX) {
		st->ledger[st->nr++] = (struct block){ page, order };
		st->pages += 1UL << order;
		st->allocs++;
		page = NULL;
	}
	pthread_mutex_unlock(&st->lock);
	if (page)
		__free_pages(page, order); /* ledger full */
}

/* Take a random block off the ledger (NULL when empty). */
static bool take_block(struct stress *st, u64 *rnd, struct block *b)
{
	bool ok = false;

	pthread_mutex_lock(&st->lock);
	if (st->nr) {
		int i = (int)(next_rand(rnd) % (u64)st->nr);

		*b = st->ledger[i];
		st->ledger[i] = st->ledger[--st->nr];
		st->pages -= 1UL << b->order;
		st->frees++;
		ok = true;
	}
	pthread_mutex_unlock(&st->lock);
	return ok;
}

static void do_free(struct stress *st, u64 *rnd, bool split)
{
	struct block b;
	unsigned int i;

	if (!take_block(st, rnd, &b))
		return;
	if (split && b.order && !PageCompound(b.page)) {
		split_page(b.page, b.order);
		for (i = 0; i < (1u << b.order); i++)
			__free_pages(b.page + i, 0);
		return;
	}
	__free_pages(b.page, b.order);
}

static void do_step(struct stress *st, int cpu, u64 *rnd)
{
	unsigned int r = (unsigned int)(next_rand(rnd) % 100);

	if (r < 62)
		do_alloc(st, cpu, rnd);
	else if (r < 90)
		do_free(st, rnd, false);
	else if (r < 97)
		do_free(st, rnd, true);
	else if (r < 99)
		drain_all_pages(NULL);
	else
		drain_local_pages(NULL);
}

/* CPU 0, while CPU 1 waits: the whole machine and the ledger agree. */
static void check_step(struct stress *st, int step)
{
	unsigned long allocated = 0;
	struct zone_census c;
	struct zone *zone;

	for_each_populated_zone(zone) {
		if (zone_validate_census(zone, &c)) {
			record_error(st, "step %lu: zone_validate failed (zone %lu)",
				     (unsigned long)step, (unsigned long)zone_idx(zone));
			return;
		}
		allocated += c.allocated;
	}
	if (allocated != st->pages)
		record_error(st, "allocated pages %lu, ledger %lu", allocated,
			     st->pages);
}

static void stress_cpu(int cpu, void *arg)
{
	struct stress *st = arg;
	u64 rnd = st->seed * 2654435761u + (u64)cpu * 0x9e3779b97f4a7c15ULL + 1;
	int step;

	for (step = 0; step < STEPS; step++) {
		do_step(st, cpu, &rnd);
		pthread_barrier_wait(&st->barrier);
		if (cpu == 0 && !st->error[0])
			check_step(st, step);
		pthread_barrier_wait(&st->barrier);
	}
}

static void run_stress(struct machine *m, u64 seed)
{
	struct stress *st = host_alloc(sizeof(*st));
	int cpus[] = { 0, 1 };
	struct zone *zone;
	unsigned long free_lists = 0;
	int i;

	st->seed = seed;
	pthread_barrier_init(&st->barrier, NULL, 2);
	pthread_mutex_init(&st->lock, NULL);
	CHECK_EQ("threads started", 0, host_run_on_cpus(m, cpus, 2, stress_cpu, st));
	if (st->error[0])
		fail_msg("seed %llu: %s", (unsigned long long)seed, st->error);
	if (getenv("MMSIM_STRESS_VERBOSE"))
		print_message("seed %llu: %lu allocations, %lu failed, %lu frees\n",
			      (unsigned long long)seed, st->allocs, st->fails, st->frees);
	CHECK_EQ("some allocations succeeded", 1, st->allocs > STEPS / 4);
	CHECK_EQ("memory ran out at times", 1, st->fails > 0);

	for (i = 0; i < st->nr; i++)
		__free_pages(st->ledger[i].page, st->ledger[i].order);
	drain_all_pages(NULL);
	CHECK_VALID();
	for_each_populated_zone(zone) {
		unsigned int order;

		for (order = 0; order < MAX_ORDER; order++)
			free_lists += zone->free_area[order].nr_free << order;
	}
	CHECK_EQ("every managed page free again", totalram_pages(), free_lists);
	pthread_barrier_destroy(&st->barrier);
	pthread_mutex_destroy(&st->lock);
	host_free(st);
}

/* The default machine with a reserved range and a hole, two seeds. */
static int setup_stress(void **state)
{
	struct buddy_machine_desc d;

	bm_desc_default(&d);
	d.nr_reserved = 1;
	d.reserved[0] = (struct bm_range){ 0x1800, 0x1810 };
	d.nr_holes = 1;
	d.holes[0] = (struct bm_range){ 0x3000, 0x3040 };
	return bm_setup_desc(state, &d);
}

static void test_stress_seed1(void **state)
{
	run_stress(*state, 1);
}

static void test_stress_seed2(void **state)
{
	run_stress(*state, 20221213);
}

/* Two nodes, one CPU on each: remote allocations, NUMA fallback. */
static int setup_stress_numa(void **state)
{
	struct buddy_machine_desc d;

	bm_desc_two_nodes(&d);
	return bm_setup_desc(state, &d);
}

static void test_stress_two_nodes(void **state)
{
	run_stress(*state, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_stress_seed1, setup_stress, bm_teardown),
		cmocka_unit_test_setup_teardown(test_stress_seed2, setup_stress, bm_teardown),
		cmocka_unit_test_setup_teardown(test_stress_two_nodes, setup_stress_numa,
						bm_teardown),
	};
	return cmocka_run_group_tests_name("buddy_stress", tests, NULL, NULL);
}

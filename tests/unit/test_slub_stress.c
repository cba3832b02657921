// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_slub_stress.c — two simulated CPUs allocating and
 * freeing slab objects at random, the validator after every step.
 *
 * The CPUs run in lock-step, as the buddy allocator's stress does: each
 * does one operation, both meet at a barrier, CPU 0 checks the whole
 * allocator (slub_validate()) and the ledger while CPU 1 waits, and on
 * they go:
 *
 *   CPU 0:  op  |barrier| validate + ledger check |barrier|  op  ...
 *   CPU 1:  op  |barrier|          (waits)        |barrier|  op  ...
 *
 * Operations (seeded xorshift, reproducible): kmalloc of a random size
 * (8 B .. 12 KiB, large ones included) and type (plain, accounted,
 * reclaimable, DMA); kmem_cache_alloc from three test caches (one with a
 * constructor, one HWCACHE-aligned, one reclaimable); bulk allocations;
 * freeing a random ledger entry, often one the other CPU allocated;
 * bulk frees; krealloc.  Every object carries its ledger index in its
 * first word, checked when it is freed (no two live objects overlap).
 * In the validate phase CPU 0 sometimes shrinks a cache (the other CPU
 * is quiet then, as kmem_cache_shrink() requires).
 *
 * Run twice: plainly, and with slub_debug=FZPU, where no report may
 * appear (validate_slab_cache() of the test caches every 100 steps).
 */
#include "testmachine.h"
#include "slub_machine.h"

#include "linux/gfp.h"
#include "linux/slab.h"
#include "mmsim/host.h"
#include "mm/slub_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define STEPS 2000
#define LEDGER_MAX 4096

struct obj {
	unsigned long *p;
	size_t size;
	int cache; /* -1: kmalloc */
};

struct stress {
	pthread_barrier_t barrier;
	pthread_mutex_t lock;
	struct kmem_cache *caches[3];
	struct obj ledger[LEDGER_MAX];
	int nr;
	unsigned long allocs, frees, fails;
	char error[512];
	u64 seed[2];
	bool debug;
};

static struct machine *m;
static struct stress st;

static int teardown(void **state)
{
	slub_machine_destroy(m);
	m = NULL;
	return 0;
}

static u64 next_rand(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void cache_ctor(void *p)
{
	memset(p, 0x3c, 24);
}

static void set_error(struct stress *s, const char *fmt, const char *a,
		      unsigned long b)
{
	if (!s->error[0])
		snprintf(s->error, sizeof(s->error), fmt, a, b);
}

/* Record a new object (stamped with its ledger slot). */
static void ledger_add(struct stress *s, void *p, size_t size, int cache)
{
	pthread_mutex_lock(&s->lock);
	if (s->nr < LEDGER_MAX) {
		((unsigned long *)p)[0] = (unsigned long)s->nr;
		s->ledger[s->nr++] = (struct obj){ p, size, cache };
		s->allocs++;
		p = NULL;
	}
	pthread_mutex_unlock(&s->lock);
	if (p) { /* ledger full: give it back at once */
		if (cache < 0)
			kfree(p);
		else
			kmem_cache_free(s->caches[cache], p);
	}
}

/* Take entry @i off the ledger (the last one moves into its place). */
static struct obj ledger_take(struct stress *s, int i)
{
	struct obj o = s->ledger[i];

	if (o.p[0] != (unsigned long)i)
		set_error(s, "%s: object stamp %lu is wrong", "free",
			  o.p[0]);
	s->ledger[i] = s->ledger[--s->nr];
	if (i < s->nr)
		s->ledger[i].p[0] = (unsigned long)i;
	s->frees++;
	return o;
}

static void release(struct stress *s, struct obj o)
{
	if (o.cache < 0)
		kfree(o.p);
	else
		kmem_cache_free(s->caches[o.cache], o.p);
}

static void op_kmalloc(struct stress *s, u64 *seed)
{
	static const gfp_t types[] = { GFP_KERNEL, GFP_KERNEL_ACCOUNT,
				       GFP_KERNEL | __GFP_RECLAIMABLE, GFP_DMA };
	u64 r = next_rand(seed);
	size_t size = r % 16 ? 8 + (r >> 8) % 2048 : 8 + (r >> 8) % 12288;
	void *p = kmalloc(size, types[(r >> 32) % 4] | __GFP_NOWARN);

	if (!p) {
		s->fails++;
		return;
	}
	ledger_add(s, p, size, -1);
}

static void op_cache_alloc(struct stress *s, u64 *seed, int bulk)
{
	int c = (int)(next_rand(seed) % 3), n = bulk ? 1 + (int)(next_rand(seed) % 40) : 1, i;
	void *p[40];

	if (bulk) {
		if (!kmem_cache_alloc_bulk(s->caches[c], GFP_KERNEL, (size_t)n, p)) {
			s->fails++;
			return;
		}
	} else if (!(p[0] = kmem_cache_alloc(s->caches[c], GFP_KERNEL))) {
		s->fails++;
		return;
	}
	for (i = 0; i < n; i++)
		ledger_add(s, p[i], s->caches[c]->object_size, c);
}

static void op_free(struct stress *s, u64 *seed, int many)
{
	int n = many ? 1 + (int)(next_rand(seed) % 30) : 1, i, k = 0;
	struct obj o[30];
	void *bulk[30];

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < n && s->nr; i++)
		o[k++] = ledger_take(s, (int)(next_rand(seed) % (u64)s->nr));
	pthread_mutex_unlock(&s->lock);
	if (!many || !k) {
		for (i = 0; i < k; i++)
			release(s, o[i]);
		return;
	}
	for (i = 0; i < k; i++) /* objects of any cache: let SLUB find each */
		bulk[i] = o[i].p;
	kmem_cache_free_bulk(NULL, (size_t)k, bulk);
}

static void op_krealloc(struct stress *s, u64 *seed)
{
	size_t size = 8 + next_rand(seed) % 6000;
	struct obj o;
	void *p;
	int i;

	pthread_mutex_lock(&s->lock);
	for (i = 0; i < s->nr && s->ledger[i].cache >= 0; i++)
		;
	if (i == s->nr) {
		pthread_mutex_unlock(&s->lock);
		return;
	}
	o = ledger_take(s, i);
	pthread_mutex_unlock(&s->lock);
	p = krealloc(o.p, size, GFP_KERNEL | __GFP_NOWARN);
	if (!p) {
		s->fails++;
		kfree(o.p);
		return;
	}
	ledger_add(s, p, size, -1);
}

static void one_op(struct stress *s, int cpu)
{
	u64 *seed = &s->seed[cpu];
	unsigned int r = (unsigned int)(next_rand(seed) % 100);

	if (r < 30)
		op_kmalloc(s, seed);
	else if (r < 45)
		op_cache_alloc(s, seed, 0);
	else if (r < 50)
		op_cache_alloc(s, seed, 1);
	else if (r < 85)
		op_free(s, seed, 0);
	else if (r < 93)
		op_free(s, seed, 1);
	else
		op_krealloc(s, seed);
}

/* CPU 0's work while CPU 1 waits at the barrier. */
static void check_step(struct stress *s, int step)
{
	int i;

	if (slub_validate())
		set_error(s, "%s after step %lu", "slub_validate failed",
			  (unsigned long)step);
	for (i = 0; i < s->nr; i++)
		if (s->ledger[i].p[0] != (unsigned long)i)
			set_error(s, "%s: ledger entry %lu overwritten", "check",
				  (unsigned long)i);
	if (step % 97 == 0)
		kmem_cache_shrink(s->caches[step % 3]);
	if (s->debug && step % 100 == 0)
		for (i = 0; i < 3; i++)
			validate_slab_cache(s->caches[i]);
}

static void stress_cpu(int cpu, void *arg)
{
	struct stress *s = arg;
	int step;

	for (step = 0; step < STEPS; step++) {
		if (!s->error[0])
			one_op(s, cpu);
		pthread_barrier_wait(&s->barrier);
		if (cpu == 0 && !s->error[0])
			check_step(s, step);
		pthread_barrier_wait(&s->barrier);
	}
}

static void run_stress(const char *append, bool debug)
{
	const int cpus[2] = { 0, 1 };
	char *log;
	int i;

	m = slub_machine_boot(128, 2, append);
	memset(&st, 0, sizeof(st));
	st.debug = debug;
	st.seed[0] = 0x9e3779b97f4a7c15ULL;
	st.seed[1] = 0xd1b54a32d192ed03ULL;
	st.caches[0] = kmem_cache_create("stress_ctor", 24, 0, 0, cache_ctor);
	st.caches[1] = kmem_cache_create("stress_hw", 200, 0, SLAB_HWCACHE_ALIGN, NULL);
	st.caches[2] = kmem_cache_create("stress_rcl", 56, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	pthread_barrier_init(&st.barrier, NULL, 2);
	pthread_mutex_init(&st.lock, NULL);
	if (host_run_on_cpus(m, cpus, 2, stress_cpu, &st))
		fail_msg("cannot start the simulated CPUs");
	pthread_barrier_destroy(&st.barrier);
	pthread_mutex_destroy(&st.lock);
	if (st.error[0]) {
		log = test_log_take(m);
		fail_msg("%s\n%s", st.error, log);
	}
	CHECK_EQ("operations happened", 1, st.allocs > STEPS / 2 && st.frees > STEPS / 4);

	for (i = st.nr - 1; i >= 0; i--)
		release(&st, ledger_take(&st, i));
	SLUB_CHECK_VALID();
	for (i = 0; i < 3; i++) {
		CHECK_EQ("every object freed: shrink empties the cache", 0,
			 kmem_cache_shrink(st.caches[i]));
		kmem_cache_destroy(st.caches[i]);
	}
	SLUB_CHECK_VALID();
	log = test_log_take(m);
	if (strstr(log, "BUG ") || strstr(log, "WARNING"))
		fail_msg("unexpected report:\n%s", log);
	host_free(log);
}

static void test_stress(void **state)
{
	run_stress(NULL, false);
}

static void test_stress_debug(void **state)
{
	run_stress("slub_debug=FZPU", true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_stress, teardown),
		cmocka_unit_test_teardown(test_stress_debug, teardown),
	};

	return cmocka_run_group_tests_name("slub_stress", tests, NULL, NULL);
}

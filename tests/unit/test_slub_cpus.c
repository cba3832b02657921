// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_slub_cpus.c — two simulated CPUs: frees to another
 * CPU's slab, the per-CPU partial lists, and a concurrent producer and
 * consumer.
 *
 * Each simulated CPU is a host thread (host_run_on_cpus), so the
 * cross-CPU paths run for real: CPU 1's frees land on the freelist of
 * the slab CPU 0 has frozen (cmpxchg_double_slab), and slabs that were
 * full when CPU 1 freed into them are frozen onto CPU 1's partial list.
 *
 *   CPU 0: c->slab = S, c->freelist = a -> b        CPU 1: c->partial = T, U
 *   S->freelist = x -> y   (x, y freed by CPU 1)   (full slabs CPU 1 freed into)
 */
#include "testmachine.h"
#include "slub_machine.h"

#include "linux/slab.h"
#include "linux/percpu.h"
#include "mmsim/host.h"
#include "mm/slub_internal.h"

#include <pthread.h>
#include <string.h>

static struct machine *m;

static int teardown(void **state)
{
	slub_machine_destroy(m);
	m = NULL;
	return 0;
}

enum { NOBJ = 1000 };

struct batch {
	struct kmem_cache *s;
	void *obj[NOBJ];
	int n;
};

static void alloc_batch(int cpu, void *arg)
{
	struct batch *b = arg;
	int i;

	for (i = 0; i < b->n; i++)
		b->obj[i] = kmem_cache_alloc(b->s, GFP_KERNEL);
}

static void free_batch(int cpu, void *arg)
{
	struct batch *b = arg;
	int i;

	for (i = 0; i < b->n; i++)
		kmem_cache_free(b->s, b->obj[i]);
}

/*
 * Scenario: CPU 0 allocates 1000 objects of a 128-byte cache (32 per
 * slab: 32 slabs, the last one CPU 0's), CPU 1 frees them all.
 * Expect: the validator happy; CPU 1's partial list holds at most
 * cpu_partial_slabs slabs (DIV_ROUND_UP(120 * 2, 32) = 8) with the right
 * count at its head, the overflow moved to the node (min_partial = 5
 * kept, the other empty slabs freed); CPU 0's slab kept (frozen) with
 * the remote frees on its own freelist.  When CPU 0 allocates 1000
 * again it takes its slab's remote frees and every node partial slab;
 * only the slabs stranded on CPU 1's partial list cost new slabs.
 */
static void test_remote_free(void **state)
{
	static struct batch b;
	struct kmem_cache_cpu *c0, *c1;
	unsigned long slabs;
	int stranded;

	m = slub_machine_boot(128, 2, NULL);
	b.s = kmem_cache_create("test_remote", 128, 0, 0, NULL);
	b.n = NOBJ;
	CHECK_EQ("cpu_partial_slabs", 8, b.s->cpu_partial_slabs);
	slub_on_cpu(m, 0, alloc_batch, &b);
	slabs = node_nr_slabs(b.s->node[0]);
	CHECK_EQ("slabs", (NOBJ + 31) / 32, slabs);
	SLUB_CHECK_VALID();

	slub_on_cpu(m, 1, free_batch, &b);
	SLUB_CHECK_VALID();
	c0 = per_cpu_ptr(b.s->cpu_slab, 0);
	c1 = per_cpu_ptr(b.s->cpu_slab, 1);
	CHECK_EQ("CPU 0 keeps its slab", 1, c0->slab != NULL);
	CHECK_EQ("CPU 0's slab still frozen", 1, c0->slab->frozen);
	CHECK_EQ("remote frees on CPU 0's slab", 1, c0->slab->freelist != NULL);
	CHECK_EQ("CPU 1 has partial slabs", 1, c1->partial != NULL);
	CHECK_EQ("CPU 1 partial list within cpu_partial_slabs", 1,
		 c1->partial->slabs <= (int)b.s->cpu_partial_slabs);
	CHECK_EQ("node keeps min_partial empty slabs", 5, b.s->node[0]->nr_partial);
	stranded = c1->partial->slabs;

	slub_on_cpu(m, 0, alloc_batch, &b);
	SLUB_CHECK_VALID();
	CHECK_EQ("node partial slabs reused", 0, b.s->node[0]->nr_partial);
	CHECK_EQ("new slabs only for CPU 1's stranded ones", 1,
		 node_nr_slabs(b.s->node[0]) <= slabs + (unsigned long)stranded);
	slub_on_cpu(m, 0, free_batch, &b);
	CHECK_EQ("all empty slabs freed by shrink", 0, kmem_cache_shrink(b.s));
	SLUB_CHECK_VALID();
	kmem_cache_destroy(b.s);
	SLUB_CHECK_VALID();
}

/* A single-producer single-consumer ring of object pointers. */
enum { RING = 256, TOTAL = 50000 };

struct ring {
	struct kmem_cache *s;
	void *slot[RING];
	unsigned long head, tail; /* head: next to fill, tail: next to take */
	unsigned long produced, consumed, corrupt;
};

static void producer(struct ring *r)
{
	while (r->produced < TOTAL) {
		unsigned long *p;

		while (__atomic_load_n(&r->head, __ATOMIC_ACQUIRE) -
		       __atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) >= RING)
			__builtin_ia32_pause();
		if (r->s)
			p = kmem_cache_alloc(r->s, GFP_KERNEL);
		else
			p = kmalloc(8 + (r->produced % 5) * 24, GFP_KERNEL);
		if (!p)
			return;
		p[0] = r->produced;
		r->slot[r->head % RING] = p;
		__atomic_store_n(&r->head, r->head + 1, __ATOMIC_RELEASE);
		r->produced++;
	}
}

static void consumer(struct ring *r)
{
	while (r->consumed < TOTAL) {
		unsigned long *p;

		while (__atomic_load_n(&r->tail, __ATOMIC_ACQUIRE) ==
		       __atomic_load_n(&r->head, __ATOMIC_ACQUIRE))
			__builtin_ia32_pause();
		p = r->slot[r->tail % RING];
		if (p[0] != r->consumed)
			r->corrupt++;
		__atomic_store_n(&r->tail, r->tail + 1, __ATOMIC_RELEASE);
		if (r->s)
			kmem_cache_free(r->s, p);
		else
			kfree(p);
		r->consumed++;
	}
}

static void ring_cpu(int cpu, void *arg)
{
	if (cpu == 0)
		producer(arg);
	else
		consumer(arg);
}

/*
 * Scenario: CPU 0 allocates, CPU 1 frees, concurrently, 50000 objects
 * through a 256-entry ring: once with a 64-byte cache, once with kmalloc
 * of mixed sizes (8..104 bytes).
 * Expect every object to arrive intact (its sequence number), the
 * validator happy afterwards, and a shrink leaving at most the CPU
 * slabs' worth of memory (everything was freed).
 */
static void test_producer_consumer(void **state)
{
	static struct ring r;
	const int cpus[2] = { 0, 1 };
	int round;

	/* no merging: the shrink must see test_ring's slabs alone */
	m = slub_machine_boot(128, 2, "slab_nomerge");
	for (round = 0; round < 2; round++) {
		memset(&r, 0, sizeof(r));
		r.s = round ? NULL : kmem_cache_create("test_ring", 64, 0, 0, NULL);
		if (host_run_on_cpus(m, cpus, 2, ring_cpu, &r))
			fail_msg("cannot start the CPUs");
		CHECK_EQ("produced", TOTAL, r.produced);
		CHECK_EQ("consumed", TOTAL, r.consumed);
		CHECK_EQ("objects arrived intact", 0, r.corrupt);
		SLUB_CHECK_VALID();
		if (r.s) {
			CHECK_EQ("shrink: nothing left", 0, kmem_cache_shrink(r.s));
			kmem_cache_destroy(r.s);
		}
		SLUB_CHECK_VALID();
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_remote_free, teardown),
		cmocka_unit_test_teardown(test_producer_consumer, teardown),
	};

	return cmocka_run_group_tests_name("slub_cpus", tests, NULL, NULL);
}

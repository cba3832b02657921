// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_slub_alloc.c — kmalloc and kmem_cache allocation
 * patterns on a booted machine, the validator after every step.
 *
 * Each test boots a 256 MiB, 2-CPU pc machine (slub_machine_boot) and
 * works on CPU 0.  The figures expected are the kernel's rules, worked
 * out by hand in each test's comment, never read back from mmsim.
 */
#include "testmachine.h"
#include "slub_machine.h"

#include "linux/errno.h"
#include "linux/gfp.h"
#include "linux/mm.h"
#include "linux/panic.h"
#include "linux/proc_fs.h"
#include "mmsim/host.h"
#include "linux/slab.h"
#include "linux/vmstat.h"
#include "mm/slub_internal.h"

#include <stdio.h>
#include <string.h>

static struct machine *m;

static int teardown(void **state)
{
	slub_machine_destroy(m);
	m = NULL;
	return 0;
}

static struct kmem_cache *cache_of(const void *p)
{
	struct slab *slab = virt_to_slab(p);

	return slab ? slab->slab_cache : NULL;
}

/*
 * Scenario: one kmalloc of each size 1..8192 and its kfree.
 * Expect the object in the size class of the kernel's table (8, 16, 32,
 * 64, 96, 128, 192, 256, ... 8k), its physical address aligned to
 * ARCH_KMALLOC_MINALIGN and to its size when that is a power of two, zeroed (init_on_alloc is on
 * in the Debian .config), and ksize() the class size.
 */
static void test_single_sizes(void **state)
{
	static const unsigned int classes[] = { 8, 16, 32, 64, 96, 128, 192, 256,
						512, 1024, 2048, 4096, 8192 };
	size_t size;
	char field[96];

	m = slub_machine_boot(256, 2, NULL);
	for (size = 1; size <= 8192; size += size < 256 ? 1 : 61) {
		unsigned int want = 0, i;
		unsigned char *p = kmalloc(size, GFP_KERNEL);

		for (i = 0; i < ARRAY_SIZE(classes) && !want; i++)
			if (classes[i] >= size)
				want = classes[i];
		snprintf(field, sizeof(field), "kmalloc(%zu) class", size);
		CHECK_EQ(field, want, p ? cache_of(p)->object_size : 0);
		CHECK_EQ(field, want, ksize(p));
		CHECK_EQ(field, want, kmalloc_size_roundup(size));
		snprintf(field, sizeof(field), "kmalloc(%zu) alignment", size);
		/* alignment of the kernel's address (host RAM is page aligned) */
		CHECK_EQ(field, 0, __pa(p) % ((want & (want - 1)) ? 8 : want));
		for (i = 0; i < want; i++)
			if (p[i])
				fail_msg("kmalloc(%zu): byte %u not zeroed", size, i);
		memset(p, 0xab, size);
		kfree(p);
		if (size % 97 == 1)
			SLUB_CHECK_VALID();
	}
	SLUB_CHECK_VALID();
}

/*
 * Scenario: kmalloc(0), kfree(NULL), kfree(ZERO_SIZE_PTR), kcalloc with
 * an overflowing product.  Expect ZERO_SIZE_PTR, no effect, no effect,
 * NULL; ksize of both special pointers 0.
 */
static void test_special_pointers(void **state)
{
	m = slub_machine_boot(256, 2, NULL);
	CHECK_EQ("kmalloc(0)", (unsigned long)ZERO_SIZE_PTR,
		 (unsigned long)kmalloc(0, GFP_KERNEL));
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	CHECK_EQ("ksize(ZERO_SIZE_PTR)", 0, ksize(ZERO_SIZE_PTR));
	CHECK_EQ("ksize(NULL)", 0, ksize(NULL));
	CHECK_EQ("kcalloc overflow", 0,
		 (unsigned long)kcalloc(SIZE_MAX / 2, 4, GFP_KERNEL));
	CHECK_EQ("kmalloc_size_roundup(0)", 0, kmalloc_size_roundup(0));
	SLUB_CHECK_VALID();
}

/*
 * Scenario: the gfp flags choose the kmalloc type.
 *   GFP_KERNEL               -> kmalloc-64
 *   GFP_KERNEL_ACCOUNT       -> kmalloc-cg-64    (MEMCG_KMEM)
 *   __GFP_RECLAIMABLE        -> kmalloc-rcl-64
 *   GFP_DMA (and | ACCOUNT)  -> dma-kmalloc-64   (DMA wins)
 * Expect each object in that cache, and a DMA object below 16 MiB.
 */
static void test_kmalloc_types(void **state)
{
	static const struct { gfp_t gfp; const char *cache; } cases[] = {
		{ GFP_KERNEL, "kmalloc-64" },
		{ GFP_KERNEL_ACCOUNT, "kmalloc-cg-64" },
		{ GFP_KERNEL | __GFP_RECLAIMABLE, "kmalloc-rcl-64" },
		{ GFP_KERNEL | __GFP_RECLAIMABLE | __GFP_ACCOUNT, "kmalloc-rcl-64" },
		{ GFP_KERNEL | GFP_DMA, "dma-kmalloc-64" },
		{ GFP_KERNEL_ACCOUNT | GFP_DMA, "dma-kmalloc-64" },
	};
	size_t i;

	m = slub_machine_boot(256, 2, NULL);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		void *p = kmalloc(50, cases[i].gfp);

		if (!p)
			fail_msg("kmalloc(50, %#x) failed", cases[i].gfp);
		CHECK_STR("kmalloc type", cases[i].cache, cache_of(p)->name);
		if (cases[i].gfp & GFP_DMA)
			CHECK_EQ("DMA object below 16 MiB", 1,
				 __pa(p) < (16UL << 20));
		kfree(p);
	}
	SLUB_CHECK_VALID();
}

/*
 * Scenario: kmem_cache_alloc_bulk of 300 objects of a 100-byte cache,
 * then kmem_cache_free_bulk of them in an interleaved order.
 * Expect 300 distinct objects, the validator happy in between, and the
 * cache's objects all free again afterwards (slabinfo-style counts:
 * active = total - free on the partial lists, after a shrink 0 slabs).
 */
static void test_bulk(void **state)
{
	struct kmem_cache *s;
	void *p[300], *q[300];
	int i, j;

	m = slub_machine_boot(256, 2, NULL);
	s = kmem_cache_create("test_bulk", 100, 0, 0, NULL);
	CHECK_EQ("kmem_cache_create", 1, s != NULL);
	CHECK_EQ("alloc_bulk", 300, kmem_cache_alloc_bulk(s, GFP_KERNEL, 300, p));
	for (i = 0; i < 300; i++)
		for (j = i + 1; j < 300; j++)
			if (p[i] == p[j])
				fail_msg("bulk objects %d and %d are the same", i, j);
	SLUB_CHECK_VALID();
	for (i = 0, j = 0; i < 300; i += 2)
		q[j++] = p[i];
	for (i = 1; i < 300; i += 2)
		q[j++] = p[i];
	kmem_cache_free_bulk(s, 300, q);
	SLUB_CHECK_VALID();
	CHECK_EQ("shrink frees everything", 0, kmem_cache_shrink(s));
	SLUB_CHECK_VALID();
	kmem_cache_destroy(s);
	SLUB_CHECK_VALID();
}

/*
 * Scenario: krealloc growth 1 -> 20000 bytes in steps, keeping a pattern,
 * then shrinking back to 10 bytes, then krealloc(p, 0).
 * Expect the contents kept at each step, the same pointer while the new
 * size fits ksize() (also when shrinking), a kmalloc_large block above
 * 8 KiB, and ZERO_SIZE_PTR for size 0.
 */
static void test_krealloc(void **state)
{
	unsigned char *p = NULL, *q;
	size_t size, old = 0, i;

	m = slub_machine_boot(256, 2, NULL);
	for (size = 1; size <= 20000; size = size * 3 / 2 + 1) {
		size_t ks = p ? ksize(p) : 0;

		q = krealloc(p, size, GFP_KERNEL);
		if (!q)
			fail_msg("krealloc to %zu failed", size);
		if (p && size <= ks)
			CHECK_EQ("krealloc within ksize keeps the pointer",
				 (unsigned long)p, (unsigned long)q);
		for (i = 0; i < old; i++)
			if (q[i] != (unsigned char)(i * 7))
				fail_msg("krealloc to %zu lost byte %zu", size, i);
		for (i = old; i < size; i++)
			q[i] = (unsigned char)(i * 7);
		p = q;
		old = size;
		SLUB_CHECK_VALID();
	}
	CHECK_EQ("large block is not a slab", 1, virt_to_slab(p) == NULL);
	q = krealloc(p, 10, GFP_KERNEL);
	CHECK_EQ("shrinking keeps the pointer", (unsigned long)p, (unsigned long)q);
	CHECK_EQ("krealloc(p, 0)", (unsigned long)ZERO_SIZE_PTR,
		 (unsigned long)krealloc(q, 0, GFP_KERNEL));
	SLUB_CHECK_VALID();
}

/*
 * Scenario: kmalloc of 8193 bytes, 3 pages, 100 KiB and 4 MiB (the
 * largest), then kfree of each, watching /proc/meminfo's SUnreclaim
 * source (NR_SLAB_UNRECLAIMABLE_B, in pages once folded).
 * Expect a compound page of get_order(size), page aligned, ksize = its
 * size, SUnreclaim up by those pages and down again after kfree.
 */
static void test_large(void **state)
{
	static const size_t sizes[] = { 8193, 3 * 4096, 100 << 10, 4 << 20 };
	size_t i;

	m = slub_machine_boot(256, 2, NULL);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned int order = 0;
		unsigned long before, during, after;
		void *p;

		while ((4096UL << order) < sizes[i])
			order++;
		vm_stats_fold_all();
		before = global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
		p = kmalloc(sizes[i], GFP_KERNEL);
		if (!p)
			fail_msg("kmalloc(%zu) failed", sizes[i]);
		vm_stats_fold_all();
		during = global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
		CHECK_EQ("large: page aligned", 0, (unsigned long)p % 4096);
		CHECK_EQ("large: ksize", 4096UL << order, ksize(p));
		CHECK_EQ("large: compound order", order,
			 compound_order(virt_to_page(p)));
		CHECK_EQ("large: SUnreclaim pages added", 1UL << order,
			 during - before);
		kfree(p);
		vm_stats_fold_all();
		after = global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
		CHECK_EQ("large: SUnreclaim back", before, after);
	}
	CHECK_EQ("more than KMALLOC_MAX_SIZE fails", 0,
		 (unsigned long)kmalloc((4 << 20) + 1, GFP_KERNEL | __GFP_NOWARN));
	SLUB_CHECK_VALID();
}

/*
 * Scenario: 5000 kmalloc calls of mixed sizes (a fixed pattern 1..4096)
 * kept alive, then freed in a different order.
 * Expect every object's pattern intact at free time (no two objects
 * overlap), and the validator happy after each phase.
 */
static void test_mixed(void **state)
{
	enum { N = 5000 };
	static unsigned char *objs[N];
	static size_t sizes[N];
	size_t i, j;

	m = slub_machine_boot(256, 2, NULL);
	for (i = 0; i < N; i++) {
		sizes[i] = 1 + (i * 2654435761u) % 4096;
		objs[i] = kmalloc(sizes[i], GFP_KERNEL);
		if (!objs[i])
			fail_msg("kmalloc(%zu) failed", sizes[i]);
		memset(objs[i], (int)(i & 0xff), sizes[i]);
	}
	SLUB_CHECK_VALID();
	for (i = 0; i < N; i++) {
		size_t k = (i * 7919) % N;

		for (j = 0; j < sizes[k]; j++)
			if (objs[k][j] != (unsigned char)(k & 0xff))
				fail_msg("object %zu byte %zu overwritten", k, j);
		kfree(objs[k]);
		objs[k] = NULL;
	}
	SLUB_CHECK_VALID();
}

/*
 * Scenario: slabs of a 256-byte cache (16 objects per order-0 slab,
 * min_partial 5) filled and emptied: allocate 20 slabs' worth, free
 * everything, then shrink.
 * Expect: while full, 20 slabs; after freeing, SLUB keeps at most
 * min_partial empty slabs on the node (5) besides the CPU's slab and
 * CPU-partial ones (the rest go back to the page allocator); after
 * kmem_cache_shrink() no slab at all; SUnreclaim back where it was.
 */
static void test_empty_slabs_freed(void **state)
{
	enum { NOBJ = 20 * 16 };
	struct kmem_cache *s;
	struct kmem_cache_node *n;
	static void *p[NOBJ];
	unsigned long before, after;
	int i;

	m = slub_machine_boot(256, 2, NULL);
	s = kmem_cache_create("test_256", 256, 0, SLAB_HWCACHE_ALIGN, NULL);
	CHECK_EQ("size", 256, s->size);
	CHECK_EQ("objects per slab", 16, oo_objects(s->oo));
	CHECK_EQ("min_partial", 5, s->min_partial);
	vm_stats_fold_all();
	before = global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
	for (i = 0; i < NOBJ; i++)
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
	n = s->node[0];
	CHECK_EQ("slabs while full", 20, node_nr_slabs(n));
	for (i = 0; i < NOBJ; i++) {
		kmem_cache_free(s, p[i]);
		if (i % 16 == 15)
			SLUB_CHECK_VALID();
	}
	flush_all(s);
	CHECK_EQ("empty slabs kept on the node", 5, n->nr_partial);
	CHECK_EQ("slabs after freeing", 5, node_nr_slabs(n));
	SLUB_CHECK_VALID();
	CHECK_EQ("shrink", 0, kmem_cache_shrink(s));
	CHECK_EQ("slabs after shrink", 0, node_nr_slabs(n));
	vm_stats_fold_all();
	after = global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
	CHECK_EQ("SUnreclaim back", before, after);
	kmem_cache_destroy(s);
	SLUB_CHECK_VALID();
}

static int ctor_calls;

static void count_ctor(void *obj)
{
	ctor_calls++;
	memset(obj, 0x5c, 40);
}

/*
 * Scenario: a cache of 40-byte objects with a constructor and
 * SLAB_RECLAIM_ACCOUNT, created, used, destroyed.
 * Expect: the free pointer after the object (offset 40, size 48:
 * 40 + 8, aligned to 8), the constructor run once per object of each new
 * slab (85 objects in an order-0 slab of 48-byte slots), constructed
 * contents seen by the user (no init_on_alloc zeroing with a ctor), the
 * pages accounted as SReclaimable, kmem_cache_alloc_node on node 0, and
 * the cache gone from /proc/slabinfo after destroy.
 */
static void test_cache_lifecycle(void **state)
{
	struct kmem_cache *s;
	unsigned char *p, *q;
	char *text;
	int i;

	m = slub_machine_boot(256, 2, NULL);
	ctor_calls = 0;
	s = kmem_cache_create("test_ctor", 40, 0, SLAB_RECLAIM_ACCOUNT, count_ctor);
	CHECK_EQ("offset", 40, s->offset);
	CHECK_EQ("size", 48, s->size);
	CHECK_EQ("objects", 85, oo_objects(s->oo));
	p = kmem_cache_alloc(s, GFP_KERNEL);
	CHECK_EQ("ctor calls for one slab", 85, ctor_calls);
	for (i = 0; i < 40; i++)
		if (p[i] != 0x5c)
			fail_msg("constructed byte %d is %#x", i, p[i]);
	q = kmem_cache_alloc_node(s, GFP_KERNEL, 0);
	CHECK_EQ("alloc_node: node", 0, page_to_nid(virt_to_page(q)));
	vm_stats_fold_all();
	CHECK_EQ("SReclaimable counts the slab", 1,
		 global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) >= 1);
	CHECK_STR("kmem_cache_name", "test_ctor", kmem_cache_name(s));
	CHECK_EQ("kmem_cache_size", 40, kmem_cache_size(s));
	kmem_cache_free(s, p);
	kmem_cache_free(s, q);
	SLUB_CHECK_VALID();
	proc_render("slabinfo", &text);
	CHECK_EQ("in slabinfo", 1, strstr(text, "\ntest_ctor ") != NULL);
	host_free(text);
	kmem_cache_destroy(s);
	proc_render("slabinfo", &text);
	CHECK_EQ("gone from slabinfo", 0, strstr(text, "\ntest_ctor ") != NULL);
	host_free(text);
	SLUB_CHECK_VALID();
}

/*
 * Scenario: a cache destroyed while it still has an object.
 * Expect the kernel's complaint ("Objects remaining in test_leak on
 * __kmem_cache_shutdown()" and "kmem_cache_destroy test_leak: Slab cache
 * still has objects"), and the cache kept (still in slab_caches).
 */
static void test_destroy_with_objects(void **state)
{
	struct kmem_cache *s;
	char *log, *text;

	/* no merging: the boot's own 64-byte cache (vmap_area) would absorb it */
	m = slub_machine_boot(256, 2, "slab_nomerge");
	s = kmem_cache_create("test_leak", 64, 0, 0, NULL);
	CHECK_EQ("alloc", 1, kmem_cache_alloc(s, GFP_KERNEL) != NULL);
	kmem_cache_destroy(s);
	log = test_log_take(m);
	CHECK_EQ("shutdown report", 1, slub_log_has(log,
		 "BUG test_leak (Not tainted): Objects remaining in test_leak on __kmem_cache_shutdown()"));
	CHECK_EQ("destroy warning", 1, slub_log_has(log,
		 "kmem_cache_destroy test_leak: Slab cache still has objects when called from"));
	host_free(log);
	proc_render("slabinfo", &text);
	CHECK_EQ("still in slabinfo", 1, strstr(text, "\ntest_leak ") != NULL);
	host_free(text);
	SLUB_CHECK_VALID();
}

/*
 * Scenario: the validator itself.  Break one invariant at a time by hand
 * on a quiet machine, and restore it:
 *   a node's nr_partial one too high;
 *   a free pointer of a non-debug slab on a node's partial list aimed
 *   outside the slab;
 *   a full slab's inuse one too low (on no list, it must be full).
 * Expect slub_validate() to refuse each, and to accept the repaired
 * state.
 */
static void test_validator_catches(void **state)
{
	struct kmem_cache *s;
	struct kmem_cache_node *n;
	struct slab *slab;
	void *p[64], *saved;
	char *log;
	int i;

	/* no merging: the boot's own 64-byte cache (vmap_area) would absorb it */
	m = slub_machine_boot(256, 2, "slab_nomerge");
	s = kmem_cache_create("test_broken", 64, 0, 0, NULL);
	for (i = 0; i < 64; i++)
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
	kmem_cache_free(s, p[0]);
	flush_all(s);
	SLUB_CHECK_VALID();
	n = s->node[0];

	n->nr_partial++;
	CHECK_EQ("nr_partial off by one is caught", -EINVAL, slub_validate());
	n->nr_partial--;
	SLUB_CHECK_VALID();

	slab = list_first_entry(&n->partial, struct slab, slab_list);
	saved = slab->freelist;
	slab->freelist = (char *)slab_address(slab) + 3;
	CHECK_EQ("freelist outside the slots is caught", -EINVAL, slub_validate());
	slab->freelist = saved;
	SLUB_CHECK_VALID();

	slab = virt_to_slab(p[63]);
	if (slab->inuse == slab->objects && !slab->frozen) {
		slab->inuse--;
		CHECK_EQ("full slab's count is caught", -EINVAL, slub_validate());
		slab->inuse++;
	}
	SLUB_CHECK_VALID();
	log = test_log_take(m);
	CHECK_EQ("complaints in the log", 1, slub_log_has(log, "slub_validate: test_broken"));
	host_free(log);
	for (i = 1; i < 64; i++)
		kmem_cache_free(s, p[i]);
	kmem_cache_destroy(s);
	SLUB_CHECK_VALID();
}

/*
 * Scenario: the order parameters on the command line.
 *   slub_max_order=1   kmalloc-8k: one 8 KiB object per order-1 slab;
 *                      kmalloc-4k: min_objects capped at 2 -> order 1, 2
 *                      objects; the line says Order=0-1
 *   slub_min_order=2   kmalloc-8: order 2, 16 KiB / 8 = 2048 objects;
 *                      Order=2-3
 *   slub_max_order=20  clamped to MAX_ORDER - 1: Order=0-10
 */
/*
 * Scenario: kmem_cache_free() given the wrong cache.  SLAB_FREELIST_HARDENED
 * (on in the Debian .config) looks the object's real cache up.
 * Expect the kernel's warning naming both caches, the object freed to
 * its own cache, and the kernel tainted 'W'.
 */
static void test_wrong_cache_free(void **state)
{
	struct kmem_cache *a, *b;
	void *p;
	char *log;

	m = slub_machine_boot(256, 2, NULL);
	a = kmem_cache_create("test_a", 72, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	b = kmem_cache_create("test_b", 200, 0, 0, NULL);
	p = kmem_cache_alloc(b, GFP_KERNEL);
	kmem_cache_free(a, p);
	log = test_log_take(m);
	CHECK_EQ("warning", 1, slub_log_has(log,
		 "cache_from_obj: Wrong slab cache. test_a but object is from test_b"));
	host_free(log);
	CHECK_EQ("tainted W", 1, test_taint(TAINT_WARN));
	SLUB_CHECK_VALID();
	CHECK_EQ("freed to test_b", 0, kmem_cache_shrink(b));
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	SLUB_CHECK_VALID();
}

/* Boot with @append; the boot log must have @line. */
static void boot_expect_line(const char *append, const char *line)
{
	struct machine_desc d;
	char *log;

	test_machine_desc_default(&d);
	d.ram_size = 256ULL << 20;
	snprintf(d.cmdline, sizeof(d.cmdline), "console=ttyS0 loglevel=8 %s", append);
	m = test_machine_boot(&d);
	log = test_log_take(m);
	if (!slub_log_has(log, line))
		fail_msg("%s: the boot log has no \"%s\"", append, line);
	host_free(log);
}

static void test_order_params(void **state)
{
	struct kmem_cache *k8, *k4k, *k8k;
	int t;

	boot_expect_line("slub_max_order=1",
			 "SLUB: HWalign=64, Order=0-1, MinObjects=0, CPUs=2, Nodes=1");
	t = kmalloc_type(GFP_KERNEL);
	k4k = kmalloc_cache(t, 12);
	k8k = kmalloc_cache(t, 13);
	CHECK_EQ("max_order=1: kmalloc-8k order", 1, oo_order(k8k->oo));
	CHECK_EQ("max_order=1: kmalloc-8k objects", 1, oo_objects(k8k->oo));
	CHECK_EQ("max_order=1: kmalloc-4k order", 1, oo_order(k4k->oo));
	CHECK_EQ("max_order=1: kmalloc-4k objects", 2, oo_objects(k4k->oo));
	teardown(state);

	boot_expect_line("slub_min_order=2",
			 "SLUB: HWalign=64, Order=2-3, MinObjects=0, CPUs=2, Nodes=1");
	k8 = kmalloc_cache(kmalloc_type(GFP_KERNEL), 3);
	CHECK_EQ("min_order=2: kmalloc-8 order", 2, oo_order(k8->oo));
	CHECK_EQ("min_order=2: kmalloc-8 objects", 2048, oo_objects(k8->oo));
	SLUB_CHECK_VALID();
	teardown(state);

	boot_expect_line("slub_max_order=20",
			 "SLUB: HWalign=64, Order=0-10, MinObjects=0, CPUs=2, Nodes=1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_single_sizes, teardown),
		cmocka_unit_test_teardown(test_special_pointers, teardown),
		cmocka_unit_test_teardown(test_kmalloc_types, teardown),
		cmocka_unit_test_teardown(test_bulk, teardown),
		cmocka_unit_test_teardown(test_krealloc, teardown),
		cmocka_unit_test_teardown(test_large, teardown),
		cmocka_unit_test_teardown(test_mixed, teardown),
		cmocka_unit_test_teardown(test_empty_slabs_freed, teardown),
		cmocka_unit_test_teardown(test_cache_lifecycle, teardown),
		cmocka_unit_test_teardown(test_destroy_with_objects, teardown),
		cmocka_unit_test_teardown(test_validator_catches, teardown),
		cmocka_unit_test_teardown(test_order_params, teardown),
		cmocka_unit_test_teardown(test_wrong_cache_free, teardown),
	};

	return cmocka_run_group_tests_name("slub_alloc", tests, NULL, NULL);
}

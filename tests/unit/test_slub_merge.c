// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_slub_merge.c — cache merging (SLAB_MERGE_DEFAULT).
 *
 * kmem_cache_create() reuses an existing cache ("alias") when the new
 * one has no constructor, no usercopy region and no debug flag, and an
 * existing mergeable cache has
 *   slot size >= the new size (ALIGN(size, 8), aligned to the new
 *   alignment), less than one word more,
 *   the same SLAB_RECLAIM_ACCOUNT / SLAB_ACCOUNT / DMA flags,
 *   a slot size that is a multiple of the new alignment.
 * The kmalloc caches and the boot caches never merge (usersize /
 * refcount -1).  Each test boots a fresh machine and creates caches in
 * the order its scenario says.
 */
#include "testmachine.h"
#include "slub_machine.h"

#include "linux/slab.h"
#include "mm/slub_internal.h"

#include <string.h>

static struct machine *m;

static int teardown(void **state)
{
	slub_machine_destroy(m);
	m = NULL;
	return 0;
}

/*
 * Scenario: A = "a" 100 bytes (slot 104), then
 *   B = "b" 104 bytes            -> merges into A (slot 104 fits exactly)
 *   C = "c"  97 bytes            -> merges (ALIGN(97, 8) = 104)
 *   D = "d"  96 bytes            -> new (104 - 96 is a whole word)
 *   E = "e" 100, RECLAIM_ACCOUNT -> new (accounting differs)
 *   F = "f" 100, ctor            -> new
 *   G = "g" 100, SLAB_POISON     -> new (debug flags never merge)
 * Expect A's refcount 3, its object_size grown to 104; destroying A and
 * B keeps the cache for C; destroying C removes it.
 */
static int dummy_ctor_calls;

static void dummy_ctor(void *p)
{
	dummy_ctor_calls++;
}

static void test_merge_rules(void **state)
{
	struct kmem_cache *a, *b, *c, *d, *e, *f, *g;

	m = slub_machine_boot(128, 2, NULL);
	a = kmem_cache_create("a", 100, 0, 0, NULL);
	CHECK_EQ("a: slot", 104, a->size);
	b = kmem_cache_create("b", 104, 0, 0, NULL);
	c = kmem_cache_create("c", 97, 0, 0, NULL);
	d = kmem_cache_create("d", 96, 0, 0, NULL);
	e = kmem_cache_create("e", 100, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	f = kmem_cache_create("f", 100, 0, 0, dummy_ctor);
	g = kmem_cache_create("g", 100, 0, SLAB_POISON, NULL);
	CHECK_EQ("b merged into a", (unsigned long)a, (unsigned long)b);
	CHECK_EQ("c merged into a", (unsigned long)a, (unsigned long)c);
	CHECK_EQ("d not merged", 1, d != a);
	CHECK_EQ("e not merged", 1, e != a && e != d);
	CHECK_EQ("f not merged", 1, f != a && f != d && f != e);
	CHECK_EQ("g not merged", 1, g != a && g != d && g != e && g != f);
	CHECK_EQ("a refcount", 3, a->refcount);
	CHECK_EQ("a object_size grew", 104, a->object_size);
	CHECK_STR("the cache keeps its first name", "a", a->name);
	SLUB_CHECK_VALID();

	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	CHECK_EQ("refcount after two destroys", 1, c->refcount);
	CHECK_EQ("still allocates", 1, kmem_cache_alloc(c, GFP_KERNEL) != NULL);
	flush_all(c);
	kmem_cache_destroy(d);
	kmem_cache_destroy(e);
	kmem_cache_destroy(f);
	kmem_cache_destroy(g);
	SLUB_CHECK_VALID();
}

/*
 * Scenario: alignment.  A = "a128" 128 bytes (align 8: slot 128), then
 *   B = "b" 120 bytes, SLAB_HWCACHE_ALIGN (align 64, slot 128) -> merges
 *   C = "c" 128 bytes, align 256 (slot 256 > 128)              -> new
 * and a 64-byte cache never merges with kmalloc-64 (usersize), but does
 * with the 64-byte cache the boot made, vmap_area (vmalloc_init(): align
 * 8, no flags that prevent merging), as in the kernel.
 */
static void test_merge_alignment(void **state)
{
	struct kmem_cache *a, *b, *c, *k;

	m = slub_machine_boot(128, 2, NULL);
	a = kmem_cache_create("a128", 128, 0, 0, NULL);
	b = kmem_cache_create("b", 120, 0, SLAB_HWCACHE_ALIGN, NULL);
	c = kmem_cache_create("c", 128, 256, 0, NULL);
	k = kmem_cache_create("k64", 64, 0, 0, NULL);
	CHECK_EQ("hwcache-aligned 120 merges into 128", (unsigned long)a,
		 (unsigned long)b);
	CHECK_EQ("align 256 does not merge", 1, c != a);
	CHECK_EQ("align 256: slot", 256, c->size);
	CHECK_EQ("never into kmalloc-64", 1,
		 k != kmalloc_cache(kmalloc_type(GFP_KERNEL), 6));
	CHECK_STR("k64 merges into the boot's vmap_area", "vmap_area", k->name);
	SLUB_CHECK_VALID();
}

/*
 * Scenario: "slab_nomerge" on the command line; two identical caches.
 * Expect two caches.  Then "slub_debug=Z": identical caches do not
 * merge either (debug flags).
 */
static void test_nomerge(void **state)
{
	struct kmem_cache *a, *b;

	m = slub_machine_boot(128, 2, "slab_nomerge");
	a = kmem_cache_create("a", 100, 0, 0, NULL);
	b = kmem_cache_create("b", 100, 0, 0, NULL);
	CHECK_EQ("slab_nomerge", 1, a != b);
	teardown(state);

	m = slub_machine_boot(128, 2, "slub_debug=Z");
	a = kmem_cache_create("a", 100, 0, 0, NULL);
	b = kmem_cache_create("b", 100, 0, 0, NULL);
	CHECK_EQ("slub_debug=Z", 1, a != b);
	SLUB_CHECK_VALID();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_merge_rules, teardown),
		cmocka_unit_test_teardown(test_merge_alignment, teardown),
		cmocka_unit_test_teardown(test_nomerge, teardown),
	};

	return cmocka_run_group_tests_name("slub_merge", tests, NULL, NULL);
}

// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_xarray.c — the xarray (lib/xarray.c).
 *
 * One booted machine (its "radix_tree_node" slab cache) serves every test.
 *
 *   - shapes: the number of nodes 6.1's layout gives for known index
 *     patterns, e.g. (64 slots a node, the tree as tall as the largest
 *     index needs, index 0 alone kept in the head):
 *
 *         {0}            0 nodes   (xa_head holds the entry)
 *         {1}            1         one leaf, shift 0
 *         {0..63}        1
 *         {0..64}        3         a shift-6 top over two leaves
 *         {0..255}       5         a 1 MiB file: 4 leaves + top
 *         {4096}         3         shift 12 -> 6 -> 0
 *         {ULONG_MAX}    11        shifts 60, 54, ..., 0
 *
 *     and the shrinking back as entries go (an emptied node goes, a top
 *     holding only slot 0 gives way to it), down to an empty head; the
 *     slab cache's objects come back (slub_validate afterwards);
 *   - values: value entries round-trip and nodes count them (nr_values);
 *   - marks: set/get/clear through the tree and in xa_flags, marked
 *     search, marks dropped by an erase;
 *   - multi-index: order-2, order-6 and order-9 entries loaded from every
 *     index they cover, found once by iteration, xa_get_order, and erased
 *     as one;
 *   - cmpxchg and xa_store's errors (an internal entry is -EINVAL);
 *   - shadow nodes: a leaf of value entries stored through a cursor with
 *     workingset_update_node counts in WORKINGSET_NODES until a page
 *     joins it or it goes;
 *   - random: seeded stores and erases checked after every step against
 *     a model (loads, iteration order) and against the node count the
 *     layout predicts from the set of present indices, with
 *     xa_validate() (counts, parents, marks) after each step.
 *
 * Expect every check to hold; a failure names the case, the field, what
 * was expected and what the array gave.
 */
#include "testmachine.h"
#include "slub_machine.h"

#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/slab.h"
#include "linux/xarray.h"
#include "linux/fs.h"
#include "linux/pagemap.h"
#include "linux/vmstat.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

int slub_validate(void);

static struct machine *m;

static void *ptr(unsigned long v)
{
	/* non-NULL, aligned, never internal; distinct below 2^20 */
	return (void *)(((v & 0xfffff) + 1) << 2);
}

static long nodes_of(struct xarray *xa, const char *what)
{
	long n = xa_validate(xa, what);

	if (n < 0)
		fail_msg("%s: xa_validate found a malformed tree", what);
	return n;
}

static void store_range(struct xarray *xa, unsigned long first, unsigned long last)
{
	unsigned long i;

	for (i = first;; i++) {
		if (xa_store(xa, i, ptr(i), GFP_KERNEL) != NULL)
			fail_msg("store %lu: slot not empty", i);
		if (i == last)
			break;
	}
}

static void erase_range(struct xarray *xa, unsigned long first, unsigned long last)
{
	unsigned long i;

	for (i = first;; i++) {
		if (xa_erase(xa, i) != ptr(i))
			fail_msg("erase %lu: wrong entry", i);
		if (i == last)
			break;
	}
}

static void check_shape(unsigned long first, unsigned long last, long expect)
{
	struct xarray xa;
	char what[64];

	xa_init(&xa);
	store_range(&xa, first, last);
	snprintf(what, sizeof(what), "{%lu..%lu} nodes", first, last);
	CHECK_EQ(what, expect, nodes_of(&xa, what));
	CHECK_EQ("load first", (unsigned long)ptr(first), (unsigned long)xa_load(&xa, first));
	CHECK_EQ("load last", (unsigned long)ptr(last), (unsigned long)xa_load(&xa, last));
	if (last != ~0UL)
		CHECK_EQ("load past last", 0, (unsigned long)xa_load(&xa, last + 1));
	erase_range(&xa, first, last);
	CHECK_EQ("nodes after erasing all", 0, nodes_of(&xa, what));
	CHECK_EQ("empty after erasing all", 1, xa_empty(&xa));
}

static void test_shapes(void **state)
{
	struct xarray xa;

	(void)state;
	check_shape(0, 0, 0);
	check_shape(1, 1, 1);
	check_shape(0, 63, 1);
	check_shape(0, 64, 3);
	check_shape(0, 255, 5);
	check_shape(4096, 4096, 3);
	check_shape(4095, 4096, 5);
	check_shape(~0UL, ~0UL, 11);
	check_shape(262143, 262144, 7);

	/* shrinking: {0..64} minus 64 is one leaf, minus 1..63 the head alone */
	xa_init(&xa);
	store_range(&xa, 0, 64);
	erase_range(&xa, 64, 64);
	CHECK_EQ("{0..63} after erasing 64", 1, nodes_of(&xa, "shrink"));
	erase_range(&xa, 1, 63);
	CHECK_EQ("{0} after erasing 1..63", 0, nodes_of(&xa, "shrink"));
	CHECK_EQ("head holds index 0", (unsigned long)ptr(0), (unsigned long)xa.xa_head);
	/* the top stays while a high index needs it */
	store_range(&xa, 5000, 5000);
	erase_range(&xa, 0, 0);
	CHECK_EQ("{5000} nodes", 3, nodes_of(&xa, "shrink"));
	xa_destroy(&xa);
	CHECK_EQ("destroyed", 1, xa_empty(&xa));
	CHECK_EQ("slub_validate", 0, slub_validate());
}

static void test_values(void **state)
{
	struct xarray xa;
	struct xa_node *leaf;
	unsigned long i;

	(void)state;
	xa_init(&xa);
	for (i = 1; i < 10; i++)
		xa_store(&xa, i, xa_mk_value(i * 1000), GFP_KERNEL);
	xa_store(&xa, 10, ptr(10), GFP_KERNEL);
	for (i = 1; i < 10; i++) {
		void *e = xa_load(&xa, i);

		CHECK_EQ("xa_is_value", 1, xa_is_value(e));
		CHECK_EQ("xa_to_value", i * 1000, xa_to_value(e));
	}
	leaf = xa_to_node(xa.xa_head);
	CHECK_EQ("leaf count", 10, leaf->count);
	CHECK_EQ("leaf nr_values", 9, leaf->nr_values);
	xa_erase(&xa, 3);
	CHECK_EQ("nr_values after erase", 8, leaf->nr_values);
	/* a value replaced by a pointer and back */
	xa_store(&xa, 4, ptr(4), GFP_KERNEL);
	CHECK_EQ("nr_values after pointer store", 7, leaf->nr_values);
	xa_store(&xa, 4, xa_mk_value(4), GFP_KERNEL);
	CHECK_EQ("nr_values after value store", 8, leaf->nr_values);
	nodes_of(&xa, "values");
	xa_destroy(&xa);
}

static void test_marks(void **state)
{
	struct xarray xa;
	unsigned long index;
	void *e;

	(void)state;
	xa_init(&xa);
	store_range(&xa, 0, 200);
	store_range(&xa, 70000, 70000);
	CHECK_EQ("unmarked", 0, xa_get_mark(&xa, 5, PAGECACHE_TAG_DIRTY));
	xa_set_mark(&xa, 5, PAGECACHE_TAG_DIRTY);
	xa_set_mark(&xa, 150, PAGECACHE_TAG_DIRTY);
	xa_set_mark(&xa, 70000, PAGECACHE_TAG_DIRTY);
	xa_set_mark(&xa, 7, PAGECACHE_TAG_TOWRITE);
	CHECK_EQ("marked 5", 1, xa_get_mark(&xa, 5, PAGECACHE_TAG_DIRTY));
	CHECK_EQ("not writeback", 0, xa_get_mark(&xa, 5, PAGECACHE_TAG_WRITEBACK));
	CHECK_EQ("xa_marked dirty", 1, xa_marked(&xa, PAGECACHE_TAG_DIRTY));
	CHECK_EQ("xa_marked writeback", 0, xa_marked(&xa, PAGECACHE_TAG_WRITEBACK));
	nodes_of(&xa, "marks");
	index = 0;
	e = xa_find(&xa, &index, ~0UL, PAGECACHE_TAG_DIRTY);
	CHECK_EQ("first dirty", 5, index);
	CHECK_EQ("first dirty entry", (unsigned long)ptr(5), (unsigned long)e);
	e = xa_find_after(&xa, &index, ~0UL, PAGECACHE_TAG_DIRTY);
	CHECK_EQ("second dirty", 150, index);
	e = xa_find_after(&xa, &index, ~0UL, PAGECACHE_TAG_DIRTY);
	CHECK_EQ("third dirty", 70000, index);
	e = xa_find_after(&xa, &index, ~0UL, PAGECACHE_TAG_DIRTY);
	CHECK_EQ("no fourth", 0, (unsigned long)e);
	index = 0;
	e = xa_find(&xa, &index, 100, PAGECACHE_TAG_TOWRITE);
	CHECK_EQ("towrite", 7, index);
	/* clearing the marks, or erasing the entries, clears the tree's */
	xa_clear_mark(&xa, 5, PAGECACHE_TAG_DIRTY);
	xa_erase(&xa, 150);
	CHECK_EQ("still dirty (70000)", 1, xa_marked(&xa, PAGECACHE_TAG_DIRTY));
	xa_clear_mark(&xa, 70000, PAGECACHE_TAG_DIRTY);
	CHECK_EQ("no dirty left", 0, xa_marked(&xa, PAGECACHE_TAG_DIRTY));
	xa_store(&xa, 150, ptr(150), GFP_KERNEL);
	CHECK_EQ("re-stored is clean", 0, xa_get_mark(&xa, 150, PAGECACHE_TAG_DIRTY));
	nodes_of(&xa, "marks cleared");
	xa_destroy(&xa);
}

static void store_order(struct xarray *xa, unsigned long index, unsigned int order,
			void *entry)
{
	XA_STATE_ORDER(xas, xa, index, order);

	do {
		xas_lock(&xas);
		xas_store(&xas, entry);
		xas_unlock(&xas);
	} while (xas_nomem(&xas, GFP_KERNEL));
	if (xas_error(&xas))
		fail_msg("order-%u store at %lu: error %d", order, index, xas_error(&xas));
}

static void check_multi(unsigned long index, unsigned int order, long nodes)
{
	unsigned long n = 1UL << order, i, found = 0, at = ~0UL;
	struct xarray xa;
	char what[64];
	void *e;

	snprintf(what, sizeof(what), "order %u at %lu", order, index);
	xa_init(&xa);
	store_range(&xa, 1, 1);                 /* a neighbour below */
	store_order(&xa, index, order, ptr(index));
	CHECK_EQ(what, nodes, nodes_of(&xa, what));
	for (i = index; i < index + n; i++)
		if (xa_load(&xa, i) != ptr(index))
			fail_msg("%s: load %lu: expected %p, got %p", what, i, ptr(index),
				 xa_load(&xa, i));
	CHECK_EQ("load past it", 0, (unsigned long)xa_load(&xa, index + n));
	CHECK_EQ("xa_get_order", order, xa_get_order(&xa, index + n - 1));
	xa_for_each(&xa, i, e) {
		if (e == ptr(index)) {
			found++;
			at = i;
		}
	}
	CHECK_EQ("found once by iteration", 1, found);
	CHECK_EQ("found at its first index", index, at);
	/* a mark set from any index lands on the entry */
	xa_set_mark(&xa, index + n - 1, XA_MARK_1);
	CHECK_EQ("mark seen from the first index", 1, xa_get_mark(&xa, index, XA_MARK_1));
	nodes_of(&xa, what);
	/* erasing it from the middle erases all of it */
	store_order(&xa, index + n / 2, 0, NULL);
	for (i = index; i < index + n; i++)
		if (xa_load(&xa, i))
			fail_msg("%s: index %lu still loads after the erase", what, i);
	CHECK_EQ("neighbour kept", (unsigned long)ptr(1), (unsigned long)xa_load(&xa, 1));
	nodes_of(&xa, what);
	xa_destroy(&xa);
}

static void test_multi_index(void **state)
{
	(void)state;
	check_multi(4, 2, 1);           /* 4 slots of the leaf */
	check_multi(64, 6, 2);          /* slot 1 of a shift-6 top; the leaf of 1 */
	check_multi(512, 9, 2);         /* slots 8..15 of the shift-6 top; the leaf */
	check_multi(4096, 12, 3);       /* slot 1 of a shift-12 top; shift 6; leaf */
}

static void test_cmpxchg_errors(void **state)
{
	struct xarray xa;
	void *e;

	(void)state;
	xa_init(&xa);
	e = xa_cmpxchg(&xa, 7, NULL, ptr(7), GFP_KERNEL);
	CHECK_EQ("cmpxchg into empty", 0, (unsigned long)e);
	e = xa_cmpxchg(&xa, 7, ptr(1), ptr(8), GFP_KERNEL);
	CHECK_EQ("cmpxchg mismatch returns current", (unsigned long)ptr(7), (unsigned long)e);
	CHECK_EQ("unchanged", (unsigned long)ptr(7), (unsigned long)xa_load(&xa, 7));
	e = xa_cmpxchg(&xa, 7, ptr(7), NULL, 0);
	CHECK_EQ("cmpxchg to NULL", (unsigned long)ptr(7), (unsigned long)e);
	CHECK_EQ("empty again", 1, xa_empty(&xa));
	e = xa_store(&xa, 3, xa_mk_internal(5), GFP_KERNEL);
	CHECK_EQ("internal entry refused", -EINVAL, xa_err(e));
	CHECK_EQ("nothing stored", 1, xa_empty(&xa));
	xa_destroy(&xa);
}

/* A store through a cursor that tells the workingset of node changes. */
static void store_tracked(struct xarray *xa, unsigned long index, void *entry)
{
	XA_STATE(xas, xa, index);

	xas_set_update(&xas, workingset_update_node);
	do {
		xas_lock(&xas);
		xas_store(&xas, entry);
		xas_unlock(&xas);
	} while (xas_nomem(&xas, GFP_KERNEL));
}

/*
 * Shadow nodes: a leaf holding only value entries (shadows) counts in
 * WORKINGSET_NODES, and stops counting when a page joins it or it goes.
 */
static void test_shadow_nodes(void **state)
{
	unsigned long base = global_node_page_state_snapshot(WORKINGSET_NODES), i;
	struct address_space mapping;

	(void)state;
	memset(&mapping, 0, sizeof(mapping));
	xa_init(&mapping.i_pages);
	for (i = 0; i < 70; i++)
		store_tracked(&mapping.i_pages, i, xa_mk_value(i));
	CHECK_EQ("two leaves of shadows", base + 2, global_node_page_state_snapshot(WORKINGSET_NODES));
	store_tracked(&mapping.i_pages, 65, ptr(65));
	CHECK_EQ("a page joins the second", base + 1, global_node_page_state_snapshot(WORKINGSET_NODES));
	store_tracked(&mapping.i_pages, 65, NULL);
	CHECK_EQ("shadows only again", base + 2, global_node_page_state_snapshot(WORKINGSET_NODES));
	for (i = 64; i < 70; i++)
		store_tracked(&mapping.i_pages, i, NULL);
	CHECK_EQ("the second leaf gone", base + 1, global_node_page_state_snapshot(WORKINGSET_NODES));
	for (i = 0; i < 64; i++)
		store_tracked(&mapping.i_pages, i, NULL);
	CHECK_EQ("all gone", base, global_node_page_state_snapshot(WORKINGSET_NODES));
	CHECK_EQ("empty", 1, xa_empty(&mapping.i_pages));
}

/* ---- random, against a model ------------------------------------------- */

#define SPACE 9000
static void *model[SPACE + 3];
static unsigned long model_index[SPACE + 3];
static unsigned long long rng_state;

static unsigned long rnd(unsigned long n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(rng_state >> 33) % n;
}

/* Slot k of the model is index k, except the last three: far indices. */
static unsigned long slot_index(unsigned long k)
{
	static const unsigned long far[3] = { 300000, 1UL << 40, ~0UL };

	return k < SPACE ? k : far[k - SPACE];
}

/* The nodes 6.1's layout has for the present indices of the model. */
static long predicted_nodes(void)
{
	unsigned long max = 0, k, shift, top = 0;
	bool any = false, only0 = true;
	long nodes = 0;

	for (k = 0; k < SPACE + 3; k++) {
		if (!model[k])
			continue;
		any = true;
		max = max > model_index[k] ? max : model_index[k];
		if (model_index[k])
			only0 = false;
	}
	if (!any || only0)
		return 0;
	while (top < 60 && (max >> top) >= XA_CHUNK_SIZE)
		top += XA_CHUNK_SHIFT;
	for (shift = 0; shift <= top; shift += XA_CHUNK_SHIFT) {
		/* distinct (index >> (shift + 6)): the model's indices are sorted */
		unsigned long last = 0;
		bool first = true;

		for (k = 0; k < SPACE + 3; k++) {
			unsigned long key;

			if (!model[k])
				continue;
			key = shift + XA_CHUNK_SHIFT >= 64 ? 0 :
			      model_index[k] >> (shift + XA_CHUNK_SHIFT);
			if (first || key != last)
				nodes++;
			first = false;
			last = key;
		}
	}
	return nodes;
}

static void check_against_model(struct xarray *xa, unsigned long step)
{
	unsigned long k, index;
	void *e;
	char what[64];

	snprintf(what, sizeof(what), "seed %llu step %lu", rng_state, step);
	for (k = 0; k < SPACE + 3; k += 1 + rnd(40))
		if (xa_load(xa, model_index[k]) != model[k])
			fail_msg("%s: load %lu: expected %p, got %p", what, model_index[k],
				 model[k], xa_load(xa, model_index[k]));
	k = 0;
	xa_for_each(xa, index, e) {
		while (k < SPACE + 3 && !model[k])
			k++;
		if (k == SPACE + 3 || index != model_index[k] || e != model[k])
			fail_msg("%s: iteration: got %lu=%p, expected %lu", what, index, e,
				 k < SPACE + 3 ? model_index[k] : 0);
		k++;
	}
	while (k < SPACE + 3 && !model[k])
		k++;
	if (k != SPACE + 3)
		fail_msg("%s: iteration ended before %lu", what, model_index[k]);
	CHECK_EQ(what, predicted_nodes(), nodes_of(xa, what));
}

static void test_random(void **state)
{
	unsigned long seed, step, k;
	struct xarray xa;

	(void)state;
	for (k = 0; k < SPACE + 3; k++)
		model_index[k] = slot_index(k);
	for (seed = 1; seed <= 3; seed++) {
		rng_state = seed;
		memset(model, 0, sizeof(model));
		xa_init(&xa);
		for (step = 0; step < 3000; step++) {
			unsigned long k0 = rnd(20) ? rnd(seed == 1 ? 200 : SPACE) :
				SPACE + rnd(3);
			unsigned long n = 1 + rnd(70), j;
			bool erase = rnd(3) == 0;

			for (j = k0; j < k0 + n && j < SPACE + 3; j++) {
				void *e = erase ? NULL :
					  (rnd(2) ? ptr(j) : xa_mk_value(j));
				void *old = xa_store(&xa, model_index[j], e, GFP_KERNEL);

				if (old != model[j])
					fail_msg("seed %lu step %lu: store %lu returned %p, expected %p",
						 seed, step, model_index[j], old, model[j]);
				model[j] = e;
			}
			if (step % 16 == 0)
				check_against_model(&xa, step);
		}
		check_against_model(&xa, step);
		xa_destroy(&xa);
	}
	CHECK_EQ("slub_validate", 0, slub_validate());
}

SLUB_MACHINE_GROUP(m, 128, 1, NULL)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_multi_index),
		cmocka_unit_test(test_cmpxchg_errors),
		cmocka_unit_test(test_shadow_nodes),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

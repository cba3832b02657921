// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_maple_route.c — the maple tree's write route: node
 * layouts and heights after writes are 6.1's.
 *
 * Each case is a sequence of writes whose resulting tree shape depends
 * on the route the kernel takes (lib/maple_tree_write.c and
 * lib/maple_tree_rebalance.c).  The expected shapes are what Linux
 * 6.1.192's own lib/maple_tree.c builds for the same writes (run in user
 * space under tools/testing/radix-tree); mmsim's tree before it followed
 * that route got every one of them wrong.
 *
 *   - split_push: 201 ranges appended in order; leaves split and push
 *     to their left sibling, 8 ranges (80 indices) per leaf:
 *
 *        [0-75] [76-155] [156-235] ... [1836-1915] ...
 *
 *   - three_way_split: stores that overflow full nodes into three
 *     (mab_middle_node) up to the root: the height reaches 4 exactly when
 *     the kernel's does;
 *   - rebalance: erasing singletons leaves a leaf below its minimum,
 *     which takes in its sibling (mas_rebalance) — neighbours end up in
 *     different leaves exactly where the kernel puts them;
 *   - spanning_shrink: a spanning store empties an allocation-range
 *     internal node below its minimum of 4 slots; the two internal nodes
 *     merge into the root and the height drops from 3 to 2.
 *
 * Silent on success; a failure names the case, the field, the expected
 * and the actual value.
 */
#include "testmachine.h"
#include "slub_machine.h"

#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/maple_tree.h"
#include "mmsim/machine.h"

#include <stdio.h>

static struct machine *m;

static void *val(unsigned long v)
{
	return (void *)((v << 1) | 1);
}

/* The span [min, max] of the leaf holding @index. */
static void leaf_span(struct maple_tree *mt, unsigned long index,
		      unsigned long *min, unsigned long *max)
{
	MA_STATE(mas, mt, index, index);

	mas_walk(&mas);
	*min = mas.min;
	*max = mas.max;
}

static void check_valid(struct maple_tree *mt, const char *what)
{
	char why[256];

	if (mt_validate_report(mt, why, sizeof(why)))
		fail_msg("%s: tree invalid: %s", what, why);
}

static void test_split_push(void **state)
{
	struct maple_tree mt;
	unsigned long i, min, max;
	char what[64];

	(void)state;
	mt_init_flags(&mt, MT_FLAGS_ALLOC_RANGE);
	for (i = 0; i <= 200; i++)
		CHECK_EQ("split_push store", 0,
			 mtree_store_range(&mt, i * 10, i * 10 + 5, val(i),
					   GFP_KERNEL));
	check_valid(&mt, "split_push");
	CHECK_EQ("split_push height", 3, mt_height(&mt));
	for (i = 0; i < 24; i++) {
		leaf_span(&mt, i * 80 + 1, &min, &max);
		snprintf(what, sizeof(what), "split_push leaf %lu min", i);
		CHECK_EQ(what, i ? i * 80 - 4 : 0, min);
		snprintf(what, sizeof(what), "split_push leaf %lu max", i);
		CHECK_EQ(what, i * 80 + 75, max);
	}
	mtree_destroy(&mt);
}

/* Ranges [i*10, (i+1)*10] for i <= @n, then NULL singletons at
 * @base + 5, + 15, ... below @end. */
static void fill_then_punch(struct maple_tree *mt, unsigned long n,
			    unsigned long base, unsigned long end)
{
	unsigned long i;

	for (i = 0; i <= n; i++) {
		mtree_store_range(mt, i * 10, (i + 1) * 10, val(i * 10),
				  GFP_KERNEL);
		if (mt_height(mt) >= 4)
			fail_msg("three_way_split: height 4 after filling %lu", i);
	}
	for (i = 5; base + i < end; i += 10)
		mtree_store_range(mt, base + i, base + i + 1, NULL, GFP_KERNEL);
}

static void test_three_way_split(void **state)
{
	struct maple_tree mt;
	unsigned long i;

	(void)state;
	/* splits carried up to the root: 3 levels until the last punches */
	mt_init_flags(&mt, MT_FLAGS_ALLOC_RANGE);
	fill_then_punch(&mt, 1300, 11450, 11450 + 215);
	for (i = 5; i < 65; i += 10)
		mtree_store_range(&mt, 11770 + i, 11770 + i + 1, NULL, GFP_KERNEL);
	if (mt_height(&mt) >= 4)
		fail_msg("three_way_split: height %u before the last punches",
			 mt_height(&mt));
	for (i = 5; i < 45; i += 10)
		mtree_store_range(&mt, 11700 + i, 11700 + i + 1, NULL, GFP_KERNEL);
	check_valid(&mt, "three_way_split");
	CHECK_EQ("three_way_split: height after", 4, mt_height(&mt));
	mtree_destroy(&mt);

	/* parents and leaves full: one store splits three levels at once */
	mt_init_flags(&mt, MT_FLAGS_ALLOC_RANGE);
	fill_then_punch(&mt, 1200, 7800, 7800 + 455);
	for (i = 1; i < 16; i++)
		mtree_store_range(&mt, 8185 + i, 8185 + i + 1, val(8185 + i),
				  GFP_KERNEL);
	if (mt_height(&mt) >= 4)
		fail_msg("triple split: height %u before the store",
			 mt_height(&mt));
	mtree_store_range(&mt, 8184, 8184, val(8184), GFP_KERNEL);
	check_valid(&mt, "triple split");
	CHECK_EQ("triple split: height after", 4, mt_height(&mt));
	mtree_destroy(&mt);
}

static void test_rebalance(void **state)
{
	struct maple_tree mt;
	unsigned long i, min74, max74, min78, max78;

	(void)state;
	mt_init_flags(&mt, MT_FLAGS_ALLOC_RANGE);
	for (i = 0; i <= 100; i++)
		CHECK_EQ("rebalance insert", 0,
			 mtree_insert(&mt, i, val(i), GFP_KERNEL));
	mtree_erase(&mt, 76);
	mtree_erase(&mt, 75);
	check_valid(&mt, "rebalance");
	leaf_span(&mt, 74, &min74, &max74);
	leaf_span(&mt, 78, &min78, &max78);
	if (max74 >= 78)
		fail_msg("rebalance: 74 and 78 share leaf [%lu, %lu]; the kernel "
			 "splits them", min74, max74);
	mtree_erase(&mt, 44);
	mtree_erase(&mt, 45);
	mtree_erase(&mt, 46);
	check_valid(&mt, "rebalance 2");
	leaf_span(&mt, 43, &min74, &max74);
	if (max74 >= 48)
		fail_msg("rebalance: 43 and 48 share leaf [%lu, %lu]; the kernel "
			 "splits them", min74, max74);
	mtree_destroy(&mt);
}

static unsigned long long rs;

static unsigned long rnd(unsigned long n)
{
	rs = rs * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(rs >> 33) % n;
}

/* One random write over indices below 3000 (stores, NULL stores,
 * erases, inserts, preallocated stores). */
static void random_write(struct maple_tree *mt)
{
	unsigned long a = rnd(3000), len = rnd(8) ? rnd(20) : rnd(750);
	void *e = (void *)((rnd(1000) << 2) | 1);
	int op = rnd(10);

	if (op < 5) {
		mtree_store_range(mt, a, a + len, e, GFP_KERNEL);
	} else if (op < 7) {
		mtree_store_range(mt, a, a + len, NULL, GFP_KERNEL);
	} else if (op < 8) {
		mtree_erase(mt, a);
	} else if (op < 9) {
		mtree_insert_range(mt, a, a + len, e, GFP_KERNEL);
	} else {
		MA_STATE(mas, mt, a, a + len);

		if (!mas_preallocate(&mas, e, GFP_KERNEL))
			mas_store_prealloc(&mas, rnd(3) ? e : NULL);
	}
}

static void test_spanning_shrink(void **state)
{
	static const unsigned long leaves[] = {
		500, 641, 1385, 1631, 1837, 2447, 2526, 2672, 2833, ULONG_MAX
	};
	struct maple_tree mt;
	unsigned long i, min, max, index = 0;
	char what[64];

	(void)state;
	rs = 5;
	mt_init_flags(&mt, MT_FLAGS_ALLOC_RANGE);
	for (i = 0; i < 226; i++)
		random_write(&mt);
	CHECK_EQ("spanning_shrink: height before", 3, mt_height(&mt));
	random_write(&mt);   /* [791, 1216]: spans three leaves */
	random_write(&mt);
	check_valid(&mt, "spanning_shrink");
	CHECK_EQ("spanning_shrink: height after", 2, mt_height(&mt));
	for (i = 0; i < ARRAY_SIZE(leaves); i++) {
		leaf_span(&mt, index, &min, &max);
		snprintf(what, sizeof(what), "spanning_shrink leaf %lu max", i);
		CHECK_EQ(what, leaves[i], max);
		index = max + 1;
	}
	mtree_destroy(&mt);
}

SLUB_MACHINE_GROUP(m, 128, 1, NULL)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_push),
		cmocka_unit_test(test_three_way_split),
		cmocka_unit_test(test_rebalance),
		cmocka_unit_test(test_spanning_shrink),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

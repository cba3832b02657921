// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_maple_tree.c — the maple tree (lib/maple_tree.c).
 *
 * One booted machine (its "maple_node" slab cache) serves every test.
 *
 *   - basic: the empty tree, a lone entry at index 0 kept in ma_root, a
 *     store that needs a node, loads, erase, destroy;
 *   - random: seeded sequences of range stores, erases, inserts,
 *     preallocated stores, searches and gap searches, in ordinary and in
 *     allocation-range trees, each checked after every step against a
 *     model (one entry per index of a small index space) and by
 *     mt_validate_report() (pivots, gaps, parents, depth, minimum fill,
 *     no NULL runs);
 *   - vma-like: top-down gap search over page-aligned ranges, as
 *     get_unmapped_area() asks it;
 *   - edges: ranges touching ULONG_MAX, iteration with mt_for_each and
 *     mas_pause;
 *   - corruption: the validator reports a broken pivot, gap and parent.
 *
 * Expect every check to hold; a failure names the seed, the step, the
 * field, what was expected and what the tree gave.
 */
#include "testmachine.h"
#include "slub_machine.h"

#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/maple_tree.h"
#include "mmsim/machine.h"

#include <stdio.h>
#include <string.h>

#define SPACE 1536          /* indices 0..SPACE-1 are modelled */

static struct machine *m;
static void *model[SPACE];
static unsigned long long rng_state;

static unsigned long rnd(unsigned long n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(rng_state >> 33) % n;
}

/* Entries are distinct odd values: never internal, never NULL. */
static void *mk_entry(unsigned long v)
{
	return (void *)((v << 2) | 1);
}

static void check_valid(struct maple_tree *mt, const char *what)
{
	char why[256];

	if (mt_validate_report(mt, why, sizeof(why))) {
		mt_dump(mt);
		fail_msg("%s: tree invalid: %s", what, why);
	}
}

/* Every index of the space loads its model entry, and iteration agrees. */
static void check_model(struct maple_tree *mt, const char *what)
{
	MA_STATE(mas, mt, 0, 0);
	unsigned long i, first;
	void *entry;

	for (i = 0; i < SPACE; i++)
		if (mtree_load(mt, i) != model[i])
			fail_msg("%s: mtree_load(%lu): expected %p, got %p", what, i,
				 model[i], mtree_load(mt, i));
	/* mas_find walks the maximal runs of one entry, in order */
	i = 0;
	mas_for_each(&mas, entry, SPACE - 1) {
		while (i < SPACE && !model[i])
			i++;
		first = i;
		while (i < SPACE && model[i] == model[first])
			i++;
		if (first >= SPACE || entry != model[first] || mas.index != first ||
		    mas.last != i - 1)
			fail_msg("%s: mas_find: expected %p [%lu-%lu], got %p [%lu-%lu]",
				 what, first < SPACE ? model[first] : NULL, first,
				 i - 1, entry, mas.index, mas.last);
	}
	while (i < SPACE && !model[i])
		i++;
	if (i != SPACE)
		fail_msg("%s: mas_find stopped before the entry at %lu", what, i);
}

static void model_store(unsigned long first, unsigned long last, void *entry)
{
	unsigned long i;

	for (i = first; i <= last && i < SPACE; i++)
		model[i] = entry;
}

/* The model's answer to mas_empty_area(_rev) within [min, max]. */
static long model_gap(unsigned long min, unsigned long max, unsigned long size,
		      bool rev)
{
	long i, run = 0;

	if (!rev) {
		for (i = min; i <= (long)max; i++) {
			run = model[i] ? 0 : run + 1;
			if (run == (long)size)
				return i - size + 1;
		}
		return -1;
	}
	for (i = max; i >= (long)min; i--) {
		run = model[i] ? 0 : run + 1;
		if (run == (long)size)
			return i + size - 1;   /* the gap's last index */
	}
	return -1;
}

static void step_gap(struct maple_tree *mt, const char *what)
{
	unsigned long min = rnd(SPACE), max = min + rnd(SPACE - min);
	unsigned long size = 1 + rnd(40);
	bool rev = rnd(2);
	MA_STATE(mas, mt, 0, 0);
	long want = size - 1 <= max - min ? model_gap(min, max, size, rev) : -1;
	int ret;

	/* beyond SPACE everything is NULL: keep the search inside it */
	ret = rev ? mas_empty_area_rev(&mas, min, max, size) :
		    mas_empty_area(&mas, min, max, size);
	if (min >= max) {       /* the kernel refuses an empty window */
		if (ret != -EINVAL)
			fail_msg("%s: empty_area(%lu, %lu): expected -EINVAL, got %d",
				 what, min, max, ret);
		return;
	}
	if (want < 0) {
		if (!ret)
			fail_msg("%s: empty_area%s(%lu, %lu, %lu): expected -EBUSY, got %lu",
				 what, rev ? "_rev" : "", min, max, size, mas.index);
		return;
	}
	if (ret)
		fail_msg("%s: empty_area%s(%lu, %lu, %lu): expected %ld, got %d",
			 what, rev ? "_rev" : "", min, max, size, want, ret);
	if (rev ? mas.last != (unsigned long)want : mas.index != (unsigned long)want)
		fail_msg("%s: empty_area%s(%lu, %lu, %lu): expected %ld, got %lu-%lu",
			 what, rev ? "_rev" : "", min, max, size, want, mas.index,
			 mas.last);
	if (mas.last - mas.index + 1 != size)
		fail_msg("%s: empty_area size: expected %lu, got %lu", what, size,
			 mas.last - mas.index + 1);
}

/* mas_walk + mas_prev + mas_next around a random index, as find_vma_prev. */
static void step_neighbours(struct maple_tree *mt, const char *what)
{
	unsigned long at = rnd(SPACE);
	MA_STATE(mas, mt, at, at);
	void *here = mas_walk(&mas), *prev, *want_prev = NULL;
	long i;

	if (here != model[at])
		fail_msg("%s: mas_walk(%lu): expected %p, got %p", what, at, model[at],
			 here);
	for (i = (long)mas.index - 1; i >= 0; i--)
		if (model[i]) {
			want_prev = model[i];
			break;
		}
	prev = mas_prev(&mas, 0);
	if (prev != want_prev)
		fail_msg("%s: mas_prev from %lu: expected %p, got %p", what, at,
			 want_prev, prev);
}

static void step(struct maple_tree *mt, unsigned long *next_val, const char *what)
{
	unsigned long first = rnd(SPACE), len = 1 + rnd(rnd(4) ? 8 : 120);
	unsigned long last = min(first + len - 1, (unsigned long)SPACE - 1);
	void *entry = mk_entry((*next_val)++);
	unsigned long op = rnd(10), i;
	int ret;

	if (op < 4) {                          /* store a range */
		if (rnd(5) == 0)
			entry = NULL;
		ret = mtree_store_range(mt, first, last, entry, GFP_KERNEL);
		if (ret)
			fail_msg("%s: mtree_store_range: %d", what, ret);
		model_store(first, last, entry);
	} else if (op == 4) {                  /* erase the range at an index */
		void *want = model[first], *got = mtree_erase(mt, first);

		if (got != want)
			fail_msg("%s: mtree_erase(%lu): expected %p, got %p", what, first,
				 want, got);
		if (want) {
			for (i = first; i > 0 && model[i - 1] == want; i--)
				;
			for (; i < SPACE && model[i] == want; i++)
				model[i] = NULL;
		}
	} else if (op == 5) {                  /* insert: only into free space */
		bool busy = false;

		for (i = first; i <= last; i++)
			busy |= model[i] != NULL;
		ret = mtree_insert_range(mt, first, last, entry, GFP_KERNEL);
		if (ret != (busy ? -EEXIST : 0))
			fail_msg("%s: mtree_insert_range(%lu, %lu): expected %d, got %d",
				 what, first, last, busy ? -EEXIST : 0, ret);
		if (!busy)
			model_store(first, last, entry);
	} else if (op == 6) {                  /* the VMA code's way */
		MA_STATE(mas, mt, first, last);

		if (mas_preallocate(&mas, entry, GFP_KERNEL))
			fail_msg("%s: mas_preallocate failed", what);
		mas_store_prealloc(&mas, entry);
		if (mas_allocated(&mas))
			fail_msg("%s: %lu nodes left after mas_store_prealloc", what,
				 mas_allocated(&mas));
		model_store(first, last, entry);
	} else if (op == 7) {
		step_gap(mt, what);
	} else {
		step_neighbours(mt, what);
	}
}

static void run_random(unsigned int flags, unsigned long long seed, int steps)
{
	struct maple_tree mt;
	unsigned long next_val = 1;
	char what[96];
	int s;

	rng_state = seed;
	memset(model, 0, sizeof(model));
	mt_init_flags(&mt, flags);
	for (s = 0; s < steps; s++) {
		snprintf(what, sizeof(what), "flags %#x seed %llu step %d", flags,
			 seed, s);
		step(&mt, &next_val, what);
		check_valid(&mt, what);
		if (s % 16 == 0 || s == steps - 1)
			check_model(&mt, what);
	}
	mtree_destroy(&mt);
	CHECK_EQ("empty after mtree_destroy", 1, mtree_empty(&mt));
}

/*
 * Scenario: seeded random operations on an ordinary tree, on an
 * allocation-range tree, and on one in RCU mode (the mm's kind: every
 * write puts new nodes in place of old ones).
 * Expect the model and the validator to agree after every step.
 */
static void test_random(void **state)
{
	unsigned long long seed;

	for (seed = 1; seed <= 4; seed++) {
		run_random(0, seed, 600);
		run_random(MT_FLAGS_ALLOC_RANGE, seed + 100, 600);
		run_random(MT_FLAGS_ALLOC_RANGE | MT_FLAGS_USE_RCU, seed + 200, 600);
	}
}

/*
 * Scenario: an empty tree; [0,0] = A; [5,9] = B; erase; destroy.
 *
 *   empty  ->  root = A (no node)  ->  leaf [0]=A [1-4]=- [5-9]=B [10-]=-
 *
 * Expect height 0 and no node while only index 0 is used, one leaf after.
 */
static void test_basic(void **state)
{
	struct maple_tree mt;
	void *a = mk_entry(1), *b = mk_entry(2);
	MA_STATE(mas, &mt, 7, 7);

	mt_init_flags(&mt, MT_FLAGS_ALLOC_RANGE);
	CHECK_EQ("empty tree", 1, mtree_empty(&mt));
	CHECK_EQ("load from empty", 0, (unsigned long)mtree_load(&mt, 0));
	CHECK_EQ("store [0,0]", 0, mtree_store_range(&mt, 0, 0, a, GFP_KERNEL));
	CHECK_EQ("lone entry kept in ma_root", (unsigned long)a,
		 (unsigned long)mt.ma_root);
	CHECK_EQ("height with a lone entry", 0, mt_height(&mt));
	CHECK_EQ("store [5,9]", 0, mtree_store_range(&mt, 5, 9, b, GFP_KERNEL));
	check_valid(&mt, "basic");
	CHECK_EQ("height with a leaf", 1, mt_height(&mt));
	CHECK_EQ("load 0", (unsigned long)a, (unsigned long)mtree_load(&mt, 0));
	CHECK_EQ("load 4", 0, (unsigned long)mtree_load(&mt, 4));
	CHECK_EQ("load 9", (unsigned long)b, (unsigned long)mtree_load(&mt, 9));
	CHECK_EQ("mas_walk(7)", (unsigned long)b, (unsigned long)mas_walk(&mas));
	CHECK_EQ("mas_walk index", 5, mas.index);
	CHECK_EQ("mas_walk last", 9, mas.last);
	CHECK_EQ("mas_prev", (unsigned long)a, (unsigned long)mas_prev(&mas, 0));
	CHECK_EQ("mas_next", (unsigned long)b,
		 (unsigned long)mas_next(&mas, ULONG_MAX));
	CHECK_EQ("mas_next at the end", 0, (unsigned long)mas_next(&mas, ULONG_MAX));
	CHECK_EQ("insert over b", -EEXIST,
		 mtree_insert_range(&mt, 8, 12, a, GFP_KERNEL));
	CHECK_EQ("store an internal value", -EINVAL,
		 mtree_store(&mt, 3, (void *)2UL, GFP_KERNEL));
	CHECK_EQ("erase 6", (unsigned long)b, (unsigned long)mtree_erase(&mt, 6));
	CHECK_EQ("load 9 after erase", 0, (unsigned long)mtree_load(&mt, 9));
	check_valid(&mt, "basic after erase");
	mtree_destroy(&mt);
	CHECK_EQ("empty after destroy", 1, mtree_empty(&mt));
}

/*
 * Scenario: 300 page-aligned "VMAs" of random sizes stored bottom-up in
 * an allocation-range tree with gaps between them, then removed in random
 * order; after each change a top-down and a bottom-up search for a gap.
 * Expect the searches to match a scan of the stored ranges.
 */
static void test_vma_like(void **state)
{
	enum { NR = 300 };
	static unsigned long start[NR], end[NR];
	struct maple_tree mt;
	unsigned long addr = 0x400000, i, k;

	rng_state = 42;
	mt_init_flags(&mt, MT_FLAGS_ALLOC_RANGE);
	for (i = 0; i < NR; i++) {
		addr += (rnd(3) ? 0 : 1 + rnd(8)) << 12;
		start[i] = addr;
		end[i] = addr + ((1 + rnd(16)) << 12);
		addr = end[i];
		CHECK_EQ("store vma", 0,
			 mtree_store_range(&mt, start[i], end[i] - 1, &start[i],
					   GFP_KERNEL));
	}
	check_valid(&mt, "vma-like full");
	for (k = 0; k < NR; k++) {
		MA_STATE(mas, &mt, 0, 0);
		unsigned long len = (1 + rnd(4)) << 12, want = 0, low = 0, prev;
		bool found = false, found_low = false;

		i = rnd(NR);
		if (start[i] != end[i]) {
			CHECK_EQ("erase vma", (unsigned long)&start[i],
				 (unsigned long)mtree_erase(&mt, start[i]));
			end[i] = start[i];
		}
		check_valid(&mt, "vma-like erase");
		/* scan: highest and lowest gap of len below addr, above 0x400000 */
		prev = 0x400000;
		for (i = 0; i < NR; i++) {
			if (start[i] == end[i])
				continue;
			if (start[i] - prev >= len) {
				want = start[i] - 1;
				found = true;
				if (!found_low) {
					low = prev;
					found_low = true;
				}
			}
			prev = end[i];
		}
		if (addr + 0x100000 - prev >= len) {
			want = addr + 0x100000 - 1;
			found = true;
			if (!found_low)
				low = prev;
			found_low = true;
		}
		if (mas_empty_area_rev(&mas, 0x400000, addr + 0x100000 - 1, len) != 0)
			fail_msg("vma-like: no top-down gap of %lu", len);
		if (!found || mas.last != want)
			fail_msg("vma-like: top-down gap of %lu ends at %#lx, expected %#lx",
				 len, mas.last, want);
		if (mas_empty_area(&mas, 0x400000, addr + 0x100000 - 1, len) != 0)
			fail_msg("vma-like: no bottom-up gap of %lu", len);
		if (!found_low || mas.index != low)
			fail_msg("vma-like: bottom-up gap of %lu at %#lx, expected %#lx",
				 len, mas.index, low);
	}
	mtree_destroy(&mt);
}

/*
 * Scenario: ranges at the top of the index space, iteration with
 * mt_for_each and with a paused mas_find.
 * Expect ULONG_MAX to be storable and found, and iteration to visit each
 * entry once.
 */
static void test_edges(void **state)
{
	struct maple_tree mt;
	unsigned long index = 0, n = 0, i;
	void *entry;
	MA_STATE(mas, &mt, 0, 0);

	mt_init(&mt);
	CHECK_EQ("store top", 0, mtree_store_range(&mt, ULONG_MAX - 9, ULONG_MAX,
						   mk_entry(7), GFP_KERNEL));
	for (i = 0; i < 100; i++)
		CHECK_EQ("store", 0, mtree_store_range(&mt, i * 10, i * 10 + 4,
						       mk_entry(i + 10), GFP_KERNEL));
	check_valid(&mt, "edges");
	CHECK_EQ("load ULONG_MAX", (unsigned long)mk_entry(7),
		 (unsigned long)mtree_load(&mt, ULONG_MAX));
	mt_for_each(&mt, entry, index, ULONG_MAX)
		n++;
	CHECK_EQ("mt_for_each count", 101, n);
	n = 0;
	mas_for_each(&mas, entry, ULONG_MAX) {
		n++;
		mas_pause(&mas);
	}
	CHECK_EQ("paused mas_for_each count", 101, n);
	mas_set(&mas, ULONG_MAX);
	CHECK_EQ("mas_find_rev from the top", (unsigned long)mk_entry(7),
		 (unsigned long)mas_find_rev(&mas, 0));
	CHECK_EQ("mas_find_rev next", (unsigned long)mk_entry(109),
		 (unsigned long)mas_find_rev(&mas, 0));
	CHECK_EQ("mt_prev", (unsigned long)mk_entry(109),
		 (unsigned long)mt_prev(&mt, 1000, 0));
	CHECK_EQ("mt_next", (unsigned long)mk_entry(11),
		 (unsigned long)mt_next(&mt, 3, ULONG_MAX));
	CHECK_EQ("store everything NULL", 0,
		 mtree_store_range(&mt, 0, ULONG_MAX, NULL, GFP_KERNEL));
	CHECK_EQ("empty after a full NULL store", 1, mtree_empty(&mt));
	mtree_destroy(&mt);
}

/*
 * Scenario: a valid three-level tree, then one field broken at a time.
 * Expect mt_validate_report() to fail for each and pass once restored.
 */
static void test_validator_catches(void **state)
{
	struct maple_tree mt;
	struct maple_node *root, *child;
	unsigned long saved, i;

	mt_init_flags(&mt, MT_FLAGS_ALLOC_RANGE);
	for (i = 0; i < 400; i++)
		mtree_store_range(&mt, i * 20, i * 20 + 9, mk_entry(i + 1), GFP_KERNEL);
	check_valid(&mt, "validator: before");
	CHECK_EQ("height", 3, mt_height(&mt));
	root = (struct maple_node *)((unsigned long)mt.ma_root & ~MAPLE_NODE_MASK);
	child = (struct maple_node *)((unsigned long)root->ma64.slot[1] &
				      ~MAPLE_NODE_MASK);

	saved = root->ma64.pivot[0];
	root->ma64.pivot[0] = root->ma64.pivot[1] + 1;
	CHECK_EQ("broken pivot reported", -EINVAL, mt_validate_report(&mt, NULL, 0));
	root->ma64.pivot[0] = saved;

	saved = root->ma64.gap[1];
	root->ma64.gap[1] = saved + 1;
	CHECK_EQ("broken gap reported", -EINVAL, mt_validate_report(&mt, NULL, 0));
	root->ma64.gap[1] = saved;

	saved = (unsigned long)child->parent;
	child->parent = (struct maple_pnode *)(saved ^ (1UL << 3));
	CHECK_EQ("broken parent reported", -EINVAL, mt_validate_report(&mt, NULL, 0));
	child->parent = (struct maple_pnode *)saved;

	check_valid(&mt, "validator: restored");
	mtree_destroy(&mt);
}

SLUB_MACHINE_GROUP(m, 128, 1, NULL)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_vma_like),
		cmocka_unit_test(test_validator_catches),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}

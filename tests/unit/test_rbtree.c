// SPDX-License-Identifier: MIT
/*
 * tests/unit/test_rbtree.c — red-black trees (lib/rbtree.c), plain and
 * augmented.
 *
 * Each scenario builds a tree of keyed nodes from a seeded sequence of
 * inserts and erases and, after every step, checks it against a model
 * (a sorted array of the keys that should be present):
 *
 *   - rb_tree_check(): root black, no red-red edge, equal black heights,
 *     parent pointers right;
 *   - the in-order walk (rb_first/rb_next) is exactly the model, and
 *     rb_last/rb_prev walk it backwards;
 *   - augmented trees: every node's subtree maximum equals a recomputation.
 *
 * Expect every check to hold for 2000-step sequences; expect
 * rb_tree_check() to report hand-made corruptions (so it can fail).
 */
#include "testmachine.h"

#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/rbtree.h"
#include "linux/rbtree_augmented.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_NODES 512
#define NR_STEPS 2000

struct item {
	unsigned long key;
	unsigned long val;      /* augmented trees: the node's own value */
	unsigned long max;      /* ... and the maximum over its subtree */
	struct rb_node node;
	bool in_tree;
};

static unsigned long item_val(const struct item *it)
{
	return it->val;
}

RB_DECLARE_CALLBACKS_MAX(static, item_cb, struct item, node, unsigned long,
			 max, item_val);

static struct item items[NR_NODES];

static unsigned long long rng_state;

static unsigned long rnd(unsigned long n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned long)(rng_state >> 33) % n;
}

/* Plain insert by key (keys are unique). */
static void insert_plain(struct rb_root *root, struct item *it)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < rb_entry(parent, struct item, node)->key ?
			       &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&it->node, parent, link);
	rb_insert_color(&it->node, root);
	it->in_tree = true;
}

/* Augmented insert, the kernel's protocol: raise maxima on the way down. */
static void insert_augmented(struct rb_root *root, struct item *it)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	it->max = it->val;
	while (*link) {
		struct item *p;

		parent = *link;
		p = rb_entry(parent, struct item, node);
		if (p->max < it->val)
			p->max = it->val;
		link = it->key < p->key ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&it->node, parent, link);
	rb_insert_augmented(&it->node, root, &item_cb);
	it->in_tree = true;
}

static unsigned long recompute_max(const struct rb_node *n)
{
	const struct item *it;
	unsigned long m;

	if (!n)
		return 0;
	it = rb_entry(n, struct item, node);
	m = it->val;
	m = max(m, recompute_max(n->rb_left));
	m = max(m, recompute_max(n->rb_right));
	if (m != it->max)
		fail_msg("key %lu: subtree max: expected %lu, got %lu", it->key,
			 m, it->max);
	return m;
}

static int cmp_ul(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* The tree must hold exactly the items marked in_tree, in key order. */
static void check_tree(struct rb_root *root, bool augmented, int step)
{
	unsigned long model[NR_NODES];
	size_t n = 0, i = 0;
	struct rb_node *node;
	const char *why;
	int j;

	if (rb_tree_check(root, NULL, &why))
		fail_msg("step %d: rb_tree_check: %s", step, why);
	for (j = 0; j < NR_NODES; j++)
		if (items[j].in_tree)
			model[n++] = items[j].key;
	qsort(model, n, sizeof(model[0]), cmp_ul);
	for (node = rb_first(root); node; node = rb_next(node), i++) {
		if (i >= n)
			fail_msg("step %d: tree has more than the %zu nodes expected",
				 step, n);
		CHECK_EQ("in-order key", model[i], rb_entry(node, struct item, node)->key);
	}
	CHECK_EQ("nodes walked forwards", n, i);
	for (node = rb_last(root); node; node = rb_prev(node))
		CHECK_EQ("in-order key backwards", model[--i],
			 rb_entry(node, struct item, node)->key);
	CHECK_EQ("nodes walked backwards", 0, i);
	if (augmented)
		recompute_max(root->rb_node);
}

static void init_items(unsigned long long seed)
{
	int i;

	rng_state = seed;
	memset(items, 0, sizeof(items));
	for (i = 0; i < NR_NODES; i++) {
		items[i].key = (unsigned long)i * 7919 % 100003; /* unique */
		items[i].val = rnd(1000000);
		RB_CLEAR_NODE(&items[i].node);
	}
}

static void run_sequence(bool augmented, unsigned long long seed)
{
	struct rb_root root = RB_ROOT;
	int step;

	init_items(seed);
	for (step = 0; step < NR_STEPS; step++) {
		struct item *it = &items[rnd(NR_NODES)];

		if (!it->in_tree) {
			if (augmented)
				insert_augmented(&root, it);
			else
				insert_plain(&root, it);
		} else if (augmented) {
			rb_erase_augmented(&it->node, &root, &item_cb);
			it->in_tree = false;
		} else {
			rb_erase(&it->node, &root);
			it->in_tree = false;
		}
		check_tree(&root, augmented, step);
	}
}

/* Random inserts and erases; the tree equals the model after each. */
static void test_plain_random(void **state)
{
	run_sequence(false, 1);
	run_sequence(false, 20240601);
}

/* The same with subtree maxima kept through every rotation. */
static void test_augmented_random(void **state)
{
	run_sequence(true, 7);
	run_sequence(true, 99991);
}

/*
 * Ascending inserts (the worst case for a plain BST) keep the height
 * logarithmic: black height <= log2(n + 1) + 1.  Expect 10 for 512 nodes
 * at most.
 */
static void test_sorted_inserts_balanced(void **state)
{
	struct rb_root root = RB_ROOT;
	int i, bh;

	init_items(3);
	for (i = 0; i < NR_NODES; i++) {
		items[i].key = (unsigned long)i;
		insert_plain(&root, &items[i]);
	}
	check_tree(&root, false, 0);
	CHECK_EQ("rb_tree_check", 0, rb_tree_check(&root, &bh, NULL));
	if (bh > 10)
		fail_msg("black height: expected <= 10 for %d nodes, got %d",
			 NR_NODES, bh);
	/* erase from the left end: every erase rebalances */
	for (i = 0; i < NR_NODES; i++) {
		rb_erase(&items[i].node, &root);
		items[i].in_tree = false;
		check_tree(&root, false, i);
	}
	CHECK_EQ("empty after erasing all", 1, RB_EMPTY_ROOT(&root));
}

/*
 * The vmalloc protocol: link, insert, then set the node's value to zero
 * and propagate from it (its subtree maximum is computed bottom-up).
 */
static void test_augmented_propagate_after_insert(void **state)
{
	struct rb_root root = RB_ROOT;
	int i;

	init_items(11);
	for (i = 0; i < NR_NODES; i++) {
		struct rb_node **link = &root.rb_node, *parent = NULL;
		struct item *it = &items[i];

		while (*link) {
			parent = *link;
			link = it->key < rb_entry(parent, struct item, node)->key ?
				       &parent->rb_left : &parent->rb_right;
		}
		rb_link_node(&it->node, parent, link);
		it->max = 0xdeadbeef; /* garbage, as a reused union field */
		rb_insert_augmented(&it->node, &root, &item_cb);
		it->max = 0;
		item_cb_propagate(&it->node, NULL);
		it->in_tree = true;
		check_tree(&root, true, i);
	}
	/* grow one value in place and propagate */
	items[5].val = 5000000;
	item_cb_propagate(&items[5].node, NULL);
	check_tree(&root, true, 0);
	CHECK_EQ("root max after growing a value", 5000000,
		 rb_entry(root.rb_node, struct item, node)->max);
}

/* rb_replace_node keeps the shape and the order. */
static void test_replace_node(void **state)
{
	struct rb_root root = RB_ROOT;
	struct item spare;
	int i;

	init_items(5);
	for (i = 0; i < 64; i++)
		insert_plain(&root, &items[i]);
	memset(&spare, 0, sizeof(spare));
	spare.key = items[10].key;
	rb_replace_node(&items[10].node, &spare.node, &root);
	items[10].in_tree = false;
	spare.in_tree = true;
	CHECK_EQ("rb_tree_check after replace", 0, rb_tree_check(&root, NULL, NULL));
	CHECK_EQ("found the replacement",
		 1, rb_next(rb_prev(&spare.node)) == &spare.node);
	items[10].in_tree = true; /* the model: the same key is present */
	check_tree(&root, false, 0);
}

/* The checker sees corruption: a red root, a red-red edge, a bad parent. */
static void test_check_detects_corruption(void **state)
{
	struct rb_root root = RB_ROOT;
	struct rb_node *n;
	const char *why = NULL;
	unsigned long saved;
	int i;

	init_items(9);
	for (i = 0; i < 32; i++)
		insert_plain(&root, &items[i]);

	root.rb_node->__rb_parent_color &= ~1UL;     /* paint the root red */
	CHECK_EQ("red root detected", -EINVAL, rb_tree_check(&root, NULL, &why));
	CHECK_STR("why", "the root is red", why);
	root.rb_node->__rb_parent_color |= 1UL;

	n = rb_first(&root);                          /* a leaf */
	saved = n->__rb_parent_color;
	n->__rb_parent_color = (unsigned long)root.rb_node | 1; /* wrong parent */
	CHECK_EQ("bad parent detected", -EINVAL, rb_tree_check(&root, NULL, &why));
	n->__rb_parent_color = saved;

	for (n = rb_first(&root); n; n = rb_next(n))  /* all black: heights differ */
		n->__rb_parent_color |= 1UL;
	CHECK_EQ("black heights detected", -EINVAL, rb_tree_check(&root, NULL, &why));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_random),
		cmocka_unit_test(test_augmented_random),
		cmocka_unit_test(test_sorted_inserts_balanced),
		cmocka_unit_test(test_augmented_propagate_after_insert),
		cmocka_unit_test(test_replace_node),
		cmocka_unit_test(test_check_detects_corruption),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

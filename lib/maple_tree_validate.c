// SPDX-License-Identifier: MIT
/*
 * lib/maple_tree_validate.c — checking and printing a maple tree.
 *
 * Kernel counterpart: mt_validate() and mt_dump() of lib/maple_tree.c
 * (Linux 6.1, CONFIG_DEBUG_MAPLE_TREE).  mt_validate_report() walks the
 * whole tree and checks every invariant listed in lib/maple_tree.c's
 * design comment: ranges tiling [0, ULONG_MAX] in order, no two NULL
 * ranges side by side, pivots ascending and ending at the node's max,
 * children naming their parent and slot, all leaves at the tree's
 * height, gaps and the largest-gap metadata of allocation trees, and
 * every node but the root and the right-most of its level above its
 * minimum.  The code is mmsim's own.
 */
#include "lib/maple_tree_internal.h"
#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/printk.h"

#include <stdio.h>


struct mt_check {
	struct maple_tree *mt;
	char *why;
	size_t len;
	unsigned int leaf_depth;     /* 0 until the first leaf is met */
	unsigned long next_index;    /* where the next leaf range must start */
	bool prev_null;              /* the last leaf range seen was NULL */
	bool done;                   /* a range ending at ULONG_MAX was seen */
};

static int mt_bad(struct mt_check *c, const struct maple_node *node,
		  const char *what, unsigned long a, unsigned long b)
{
	if (c->why)
		snprintf(c->why, c->len, "node %p: %s (%lu, %lu)", (void *)node,
			 what, a, b);
	return -EINVAL;
}

static int mt_check_leaf_range(struct mt_check *c, struct maple_node *node,
			       unsigned long first, unsigned long last,
			       void *entry)
{
	if (first != c->next_index || c->done)
		return mt_bad(c, node, "leaf ranges do not tile the index space",
			      first, c->next_index);
	if (!entry && c->prev_null)
		return mt_bad(c, node, "two NULL ranges in a row", first, last);
	if (entry && xa_is_internal(entry) && !mt_is_zero(entry))
		return mt_bad(c, node, "internal value stored in a leaf", first,
			      (unsigned long)entry);
	c->prev_null = !entry;
	c->next_index = last + 1;
	c->done = last == ULONG_MAX;
	return 0;
}

/* Pivots ascending inside (min, max], pivot of the end at max, rest zero. */
static int mt_check_pivots(struct mt_check *c, struct maple_node *node,
			   enum maple_type type, unsigned char end,
			   unsigned long min, unsigned long max)
{
	unsigned long *pivots = ma_pivots(node, type);
	unsigned char i;

	for (i = 0; i < mt_pivots[type]; i++) {
		if (i < end) {
			if (pivots[i] < (i ? pivots[i - 1] + 1 : min))
				return mt_bad(c, node, "pivots not ascending", i,
					      pivots[i]);
			if (pivots[i] >= max)
				return mt_bad(c, node, "pivot beyond the node's max",
					      i, pivots[i]);
		} else if (i == end) {
			if (pivots[i] != max)
				return mt_bad(c, node, "end pivot is not the max",
					      i, pivots[i]);
		} else if (pivots[i]) {
			return mt_bad(c, node, "pivot set past the end", i,
				      pivots[i]);
		}
	}
	return 0;
}

static int mt_check_node(struct mt_check *c, struct maple_enode *enode,
			 unsigned long min, unsigned long max,
			 unsigned int depth, unsigned long *max_gap);

/* Internal node: children's parent pointers, spans and gaps. */
static int mt_check_children(struct mt_check *c, struct maple_node *node,
			     enum maple_type type, unsigned char end,
			     unsigned long min, unsigned long max,
			     unsigned int depth, unsigned long *max_gap)
{
	unsigned long *pivots = ma_pivots(node, type), *gaps = ma_gaps(node, type);
	void **slots = ma_slots(node, type);
	unsigned char i, at;
	int ret;

	*max_gap = 0;
	for (i = 0; i <= end; i++) {
		struct maple_enode *child = slots[i];
		unsigned long first, last, gap;

		ma_slot_range(pivots, i, end, min, max, &first, &last);
		if (!child || !xa_is_node(mte_mk_root(child)))
			return mt_bad(c, node, "internal slot is not a node", i,
				      (unsigned long)child);
		if (mte_parent(child) != node || mte_parent_slot(child) != i ||
		    ma_is_root(mte_to_node(child)))
			return mt_bad(c, node, "child's parent pointer is wrong", i,
				      (unsigned long)mte_to_node(child)->parent);
		ret = mt_check_node(c, child, first, last, depth + 1, &gap);
		if (ret)
			return ret;
		if (gaps && gaps[i] != gap)
			return mt_bad(c, node, "gap differs from the child's", gaps[i],
				      gap);
		*max_gap = max(*max_gap, gap);
	}
	if (gaps) {
		for (i = end + 1; i < MAPLE_ARANGE64_SLOTS; i++)
			if (gaps[i])
				return mt_bad(c, node, "gap set past the end", i,
					      gaps[i]);
		/* meta.gap names a slot with the largest gap (any of
		 * them when several tie), or MAPLE_ARANGE64_META_MAX
		 * when there is no gap at all */
		at = node->ma64.meta.gap;
		if (at == MAPLE_ARANGE64_META_MAX ? *max_gap != 0 :
		    at > end || gaps[at] != *max_gap)
			return mt_bad(c, node, "metadata gap slot is wrong",
				      at, *max_gap);
	}
	return 0;
}

static int mt_check_node(struct mt_check *c, struct maple_enode *enode,
			 unsigned long min, unsigned long max,
			 unsigned int depth, unsigned long *max_gap)
{
	struct maple_node *node = mte_to_node(enode);
	enum maple_type type = mte_node_type(enode);
	enum maple_type itype = mt_is_alloc(c->mt) ? maple_arange_64 : maple_range_64;
	unsigned char end, i;
	int ret;

	if (type != maple_leaf_64 && type != itype)
		return mt_bad(c, node, "wrong node type", type, itype);
	end = ma_data_end(node, type, max);
	if (end >= mt_slots[type])
		return mt_bad(c, node, "data end beyond the slots", end, max);
	if (!ma_is_root(node) && max != ULONG_MAX && end < mt_min_slots[type])
		return mt_bad(c, node, "node below its minimum", end,
			      mt_min_slots[type]);
	if (!ma_is_root(node) && !ma_is_leaf(type) && end < 1)
		return mt_bad(c, node, "internal node with one child", end, max);
	ret = mt_check_pivots(c, node, type, end, min, max);
	if (ret)
		return ret;
	if (!ma_is_leaf(type))
		return mt_check_children(c, node, type, end, min, max, depth,
					 max_gap);
	if (c->leaf_depth && c->leaf_depth != depth)
		return mt_bad(c, node, "leaves at different depths", depth,
			      c->leaf_depth);
	c->leaf_depth = depth;
	*max_gap = 0;
	for (i = 0; i <= end; i++) {
		unsigned long first, last;
		void *entry = ma_slots(node, type)[i];

		ma_slot_range(ma_pivots(node, type), i, end, min, max, &first,
			      &last);
		ret = mt_check_leaf_range(c, node, first, last, entry);
		if (ret)
			return ret;
		if (!entry)
			*max_gap = max(*max_gap, mt_range_size(first, last));
	}
	return 0;
}

int mt_validate_report(struct maple_tree *mt, char *why, size_t len)
{
	struct mt_check c = { .mt = mt, .why = why, .len = len };
	void *root = mt->ma_root;
	struct maple_node *node;
	unsigned long gap;
	int ret;

	if (why && len)
		why[0] = '\0';
	if (!xa_is_node(root)) {
		if (mt_height(mt))
			return mt_bad(&c, NULL, "height set without a node",
				      mt_height(mt), 0);
		if (root && xa_is_internal(root))
			return mt_bad(&c, NULL, "root is an internal value", 0,
				      (unsigned long)root);
		return 0;
	}
	node = mte_to_node(mte_safe_root(root));
	if ((unsigned long)node->parent != ((unsigned long)mt | MA_ROOT_PARENT))
		return mt_bad(&c, node, "root's parent is not the tree", 0,
			      (unsigned long)node->parent);
	ret = mt_check_node(&c, mte_safe_root(root), 0, ULONG_MAX, 1, &gap);
	if (ret)
		return ret;
	if (!c.done)
		return mt_bad(&c, node, "leaves stop before ULONG_MAX",
			      c.next_index, 0);
	if (c.leaf_depth != mt_height(mt))
		return mt_bad(&c, node, "height differs from the leaves' depth",
			      mt_height(mt), c.leaf_depth);
	return 0;
}

void mt_validate(struct maple_tree *mt)
{
	char why[256];

	if (!mt_validate_report(mt, why, sizeof(why)))
		return;
	pr_err("maple tree %p invalid: %s\n", (void *)mt, why);
	mt_dump(mt);
	WARN_ON(1);
}

static void mt_dump_node(struct maple_enode *enode, unsigned long min,
			 unsigned long max, unsigned int depth)
{
	struct maple_node *node = mte_to_node(enode);
	enum maple_type type = mte_node_type(enode);
	static const char *const names[] = { "dense", "leaf_64", "range_64",
					     "arange_64" };
	unsigned long *pivots = ma_pivots(node, type), *gaps = ma_gaps(node, type);
	void **slots = ma_slots(node, type);
	unsigned char end = ma_data_end(node, type, max), i;

	pr_info("%*s%lu-%lu: node %p %s end %u\n", depth * 2, "", min, max,
		(void *)node, names[type], end);
	for (i = 0; i <= end; i++) {
		unsigned long first, last;

		ma_slot_range(pivots, i, end, min, max, &first, &last);
		if (ma_is_leaf(type))
			pr_info("%*s%lu-%lu: %p\n", depth * 2 + 2, "", first, last,
				slots[i]);
		else {
			if (gaps)
				pr_info("%*sgap %lu\n", depth * 2 + 2, "", gaps[i]);
			mt_dump_node(slots[i], first, last, depth + 1);
		}
	}
}

void mt_dump(const struct maple_tree *mt)
{
	void *root = mt->ma_root;

	pr_info("maple_tree(%p) flags %X, height %u root %p\n", (void *)mt,
		mt->ma_flags, mt_height(mt), root);
	if (xa_is_node(root))
		mt_dump_node(mte_safe_root(root), 0, ULONG_MAX, 0);
	else if (root)
		pr_info("0: %p\n", root);
}

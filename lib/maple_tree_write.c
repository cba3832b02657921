// SPDX-License-Identifier: MIT
/*
 * lib/maple_tree_write.c — how a store reaches the maple tree: the write
 * walk and the in-node stores.
 *
 * Kernel counterpart: the write half of lib/maple_tree.c (Linux 6.1):
 * mas_wr_store_entry() and what it calls.  The route is the kernel's, so
 * that after every write the tree has the kernel's nodes, pivots and
 * height; the code and comments are mmsim's own.
 *
 *   mas_wr_store_entry
 *     |- empty tree or lone entry ........ mas_store_root / mas_root_expand
 *     |- [index, last] crosses a node .... mas_wr_spanning_store
 *     |                                      (maple_tree_rebalance.c)
 *     |- [0, ULONG_MAX] .................. mas_new_root
 *     '- mas_wr_modify, in the leaf:
 *          same range ................... the slot is overwritten
 *          room at the end .............. mas_wr_append     (in place)
 *          one or two slots change ...... mas_wr_slot_store (in place)
 *          fits and stays above minimum . mas_wr_node_store (in place, or
 *                                           a new node in RCU mode)
 *          otherwise .................... mas_wr_bnode: the node's data
 *                                           in a big node, then
 *                                           mas_commit_b_node: rebalance,
 *                                           split or rewrite
 *
 * A store of NULL first widens itself over NULL neighbours
 * (mas_wr_extend_null): a tree never holds two NULL ranges side by side.
 *
 * Memory: every step that needs nodes asks for its worst case first
 * (mas_node_count: 1 for a rewrite, 1 + 2 x height for a split, 1 + 3 x
 * height for a rebalance or spanning store) with GFP_NOWAIT; on failure
 * the tree is untouched, mas->node is MA_ERROR(-ENOMEM) and mas_nomem()
 * allocates with the caller's gfp before the store is retried.  Nodes a
 * write replaces go back onto the ma_state's stack (outside RCU mode) or
 * to the cache, and mas_destroy() returns what is left.
 */
#include "lib/maple_tree_internal.h"
#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/string.h"

/* ---- helpers ------------------------------------------------------------ */

/* Back to the cache, or (outside RCU mode) onto the ma_state's stack. */
void mas_free(struct ma_state *mas, struct maple_enode *used)
{
	if (mt_in_rcu(mas->tree))
		mt_free_one(mte_to_node(used));
	else
		mas_push_node(mas, mte_to_node(used));
}

/* The kernel's allocation request of a write step, with GFP_NOWAIT. */
void mas_node_count(struct ma_state *mas, unsigned long count)
{
	mas_node_count_gfp(mas, count, GFP_NOWAIT | __GFP_NOWARN);
}

/*
 * Where a write starts: the root.  Sets depth 1 and the full span for a
 * tree of nodes; MAS_NONE or MAS_ROOT (returning the lone entry when
 * index is 0) otherwise.
 */
void *mas_start(struct ma_state *mas)
{
	void *root;

	if (!mas_is_start(mas))
		return NULL;
	mas->min = 0;
	mas->max = ULONG_MAX;
	mas->depth = 0;
	root = mas->tree->ma_root;
	if (xa_is_node(root)) {
		mas->depth = 1;
		mas->node = mte_safe_root(root);
		mas->offset = 0;
		return NULL;
	}
	mas->offset = MAPLE_NODE_SLOTS;
	if (!root) {
		mas->node = MAS_NONE;
		return NULL;
	}
	mas->node = MAS_ROOT;
	return mas->index ? NULL : root;
}

unsigned char mas_data_end(struct ma_state *mas)
{
	return ma_data_end(mte_to_node(mas->node), mte_node_type(mas->node),
			   mas->max);
}

/* Step into the child at mas->offset; min and max become its span. */
void mas_descend(struct ma_state *mas)
{
	struct maple_node *node = mte_to_node(mas->node);
	enum maple_type type = mte_node_type(mas->node);
	unsigned long *pivots = ma_pivots(node, type);

	if (mas->offset)
		mas->min = pivots[mas->offset - 1] + 1;
	mas->max = mas_safe_pivot(mas, pivots, mas->offset, type);
	mas->node = ma_slots(node, type)[mas->offset];
}

/* ---- gaps --------------------------------------------------------------- */

/* The largest NULL run of the leaf mas->node spanning [mas->min, mas->max]. */
unsigned long mas_leaf_max_gap(struct ma_state *mas)
{
	enum maple_type type = mte_node_type(mas->node);
	struct maple_node *node = mte_to_node(mas->node);
	unsigned long *pivots = ma_pivots(node, type);
	void **slots = ma_slots(node, type);
	unsigned long best = 0, gap;
	unsigned char i = 1, last;

	if (!slots[0]) {
		best = pivots[0] - mas->min + 1;
		i = 2;   /* no NULL can follow a NULL */
	}
	last = ma_data_end(node, type, mas->max) - 1;
	/* only the right-most leaf can end on a NULL reaching ULONG_MAX */
	if (mas->max == ULONG_MAX && !slots[last + 1]) {
		gap = ULONG_MAX - pivots[last];
		if (gap > best)
			best = gap;
	}
	for (; i <= last; i++) {
		if (slots[i])
			continue;
		gap = pivots[i] - pivots[i - 1];
		if (gap > best)
			best = gap;
		i++;
	}
	return best;
}

/* The largest of an allocation node's gaps; its offset in @off. */
static unsigned long ma_max_gap(struct maple_node *node, unsigned long *gaps,
				enum maple_type type, unsigned char *off)
{
	unsigned char i, at;
	unsigned long best = 0;

	i = at = ma_meta(node, type)->end;
	do {
		if (gaps[i] > best) {
			best = gaps[i];
			at = i;
		}
	} while (i--);
	*off = at;
	return best;
}

unsigned long mas_max_gap(struct ma_state *mas)
{
	enum maple_type type = mte_node_type(mas->node);
	struct maple_node *node;
	unsigned char at;

	if (ma_is_leaf(type))
		return mas_leaf_max_gap(mas);
	node = mte_to_node(mas->node);
	at = ma_meta(node, type)->gap;
	if (at == MAPLE_ARANGE64_META_MAX)
		return 0;
	return ma_gaps(node, type)[at];
}

/* Set the parent's gap for slot @offset to @gap, and so on upwards while
 * a node's largest gap changes. */
static void mas_parent_gap(struct ma_state *mas, unsigned char offset,
			   unsigned long gap)
{
	enum maple_type ptype = mas_parent_type(mas);
	struct maple_node *pnode = mte_parent(mas->node);
	struct maple_enode *penode = mt_mk_node(pnode, ptype);

	for (;;) {
		unsigned long *pgaps = ma_gaps(pnode, ptype);
		unsigned char at = ma_meta(pnode, ptype)->gap;
		unsigned long old_best =
			at == MAPLE_ARANGE64_META_MAX ? 0 : pgaps[at];

		pgaps[offset] = gap;
		if (old_best == gap)
			return;
		if (offset != at) {
			if (old_best > gap)
				return;
			ma_meta(pnode, ptype)->gap = offset;
		} else if (gap < old_best) {
			gap = ma_max_gap(pnode, pgaps, ptype, &at);
			ma_meta(pnode, ptype)->gap = at;
		}
		if (ma_is_root(pnode))
			return;
		offset = mte_parent_slot(penode);
		pnode = mte_parent(penode);
		penode = mt_mk_node(pnode, ptype);
	}
}

/* After a change to mas->node: carry its largest gap up the tree. */
void mas_update_gap(struct ma_state *mas)
{
	unsigned char pslot;
	unsigned long gap;

	if (!mt_is_alloc(mas->tree) || mte_is_root(mas->node))
		return;
	gap = mas_max_gap(mas);
	pslot = mte_parent_slot(mas->node);
	if (ma_gaps(mte_parent(mas->node), mas_parent_type(mas))[pslot] != gap)
		mas_parent_gap(mas, pslot, gap);
}

/* ---- replacing nodes ---------------------------------------------------- */

/* Point every child of mas->node back at @parent. */
void mas_adopt_children(struct ma_state *mas, struct maple_enode *parent)
{
	enum maple_type type = mte_node_type(parent);
	struct maple_node *node = mte_to_node(mas->node);
	void **slots = ma_slots(node, type);
	unsigned char i = ma_data_end(node, type, mas->max);

	do {
		mte_set_parent(slots[i], mte_to_node(parent), i);
	} while (i--);
}

/*
 * Put the new node mas->node where the node it replaces hangs (the root,
 * or its parent's slot).  Unless @advanced, the children are adopted and
 * the old node is freed here.
 */
void mas_replace(struct ma_state *mas, bool advanced)
{
	struct maple_node *node = mte_to_node(mas->node);
	struct maple_enode *old;
	void **slots = NULL;
	unsigned char offset = 0;

	if (ma_is_root(node)) {
		old = mte_safe_root(mas->tree->ma_root);
	} else {
		offset = mte_parent_slot(mas->node);
		slots = ma_slots(mte_parent(mas->node), mas_parent_type(mas));
		old = slots[offset];
	}
	if (!advanced && !mte_is_leaf(mas->node))
		mas_adopt_children(mas, mas->node);
	if (mte_is_root(mas->node)) {
		node->parent = (struct maple_pnode *)
			((unsigned long)mas->tree | MA_ROOT_PARENT);
		mas->tree->ma_root = mte_mk_root(mas->node);
		mas_set_height(mas->tree, mas->depth);
	} else {
		slots[offset] = mas->node;
	}
	if (!advanced) {
		mte_set_node_dead(old);
		mas_free(mas, old);
	}
}

/* ---- the write walk ----------------------------------------------------- */

/* Does the store of wr_mas reach beyond the node being walked? */
bool mas_is_span_wr(struct ma_wr_state *wr_mas)
{
	unsigned long last = wr_mas->mas->last, max;
	void *entry = wr_mas->entry;

	if (wr_mas->r_max > last)
		return false;   /* inside this slot */
	max = wr_mas->mas->max;
	if (ma_is_leaf(wr_mas->type)) {
		if (last < max)
			return false;
		/* up to the node's end with data, or to ULONG_MAX: no span */
		if (last == max && entry)
			return false;
		if (last == ULONG_MAX && last == max)
			return false;
	} else if (wr_mas->r_max == last) {
		if (entry || last == ULONG_MAX)
			return false;
	}
	return true;
}

/* Find the slot of mas->index in mas->node: offset, r_min, r_max. */
void mas_wr_node_walk(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;
	unsigned long index = mas->index, lo, hi;
	unsigned char count, off;

	wr_mas->node = mte_to_node(mas->node);
	wr_mas->pivots = ma_pivots(wr_mas->node, wr_mas->type);
	count = wr_mas->node_end = ma_data_end(wr_mas->node, wr_mas->type,
					       mas->max);
	off = mas->offset;
	lo = mas_safe_min(mas, wr_mas->pivots, off);
	hi = mas->max;
	if (off < count) {
		hi = wr_mas->pivots[off];
		if (index > hi) {
			if (!hi && off) {
				hi = mas->max;
			} else {
				lo = hi + 1;
				hi = mas->max;
				while (++off < count) {
					unsigned long p = wr_mas->pivots[off];

					if (index <= p) {
						hi = p;
						break;
					}
					if (!p) {
						hi = mas->max;
						break;
					}
					lo = p + 1;
				}
			}
		}
	}
	wr_mas->r_max = hi;
	wr_mas->r_min = lo;
	wr_mas->offset_end = mas->offset = off;
}

static void mas_wr_walk_descend(struct ma_wr_state *wr_mas)
{
	wr_mas->type = mte_node_type(wr_mas->mas->node);
	mas_wr_node_walk(wr_mas);
	wr_mas->slots = ma_slots(wr_mas->node, wr_mas->type);
}

static void mas_wr_walk_traverse(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;

	mas->max = wr_mas->r_max;
	mas->min = wr_mas->r_min;
	mas->node = wr_mas->content;
	mas->offset = 0;
	mas->depth++;
}

/* Walk to the leaf of the store; false when the store spans nodes. */
static bool mas_wr_walk(struct ma_wr_state *wr_mas)
{
	for (;;) {
		mas_wr_walk_descend(wr_mas);
		if (mas_is_span_wr(wr_mas))
			return false;
		wr_mas->content = wr_mas->slots[wr_mas->mas->offset];
		if (ma_is_leaf(wr_mas->type))
			return true;
		mas_wr_walk_traverse(wr_mas);
	}
}

/* Walk to the leaf holding mas->index, whatever the store's end. */
void mas_wr_walk_index(struct ma_wr_state *wr_mas)
{
	for (;;) {
		mas_wr_walk_descend(wr_mas);
		wr_mas->content = wr_mas->slots[wr_mas->mas->offset];
		if (ma_is_leaf(wr_mas->type))
			return;
		mas_wr_walk_traverse(wr_mas);
	}
}

/* ---- the root ------------------------------------------------------------ */

/* A lone entry (or none) becomes a leaf holding it and the new entry. */
static int mas_root_expand(struct ma_state *mas, void *entry)
{
	void *contents = mas->tree->ma_root;
	struct maple_node *node;
	unsigned long *pivots;
	void **slots;
	int slot = 0;

	mas_node_count(mas, 1);
	if (mas_is_err(mas))
		return 0;
	node = mas_pop_node(mas);
	pivots = ma_pivots(node, maple_leaf_64);
	slots = ma_slots(node, maple_leaf_64);
	node->parent = (struct maple_pnode *)
		((unsigned long)mas->tree | MA_ROOT_PARENT);
	mas->node = mt_mk_node(node, maple_leaf_64);
	if (mas->index) {
		if (contents) {
			slots[slot] = contents;
			if (mas->index > 1)
				slot++;
		}
		pivots[slot++] = mas->index - 1;
	}
	slots[slot] = entry;
	mas->offset = slot;
	pivots[slot] = mas->last;
	if (mas->last != ULONG_MAX)
		pivots[++slot] = ULONG_MAX;
	mas->depth = 1;
	mas_set_height(mas->tree, 1);
	ma_set_meta(node, maple_leaf_64, slot, 0);
	mas->tree->ma_root = mte_mk_root(mas->node);
	return slot;
}

static void mas_store_root(struct ma_state *mas, void *entry)
{
	if (!entry) {
		if (!mas->index)
			mas->tree->ma_root = NULL;
	} else if (mas->last || mas->index) {
		mas_root_expand(mas, entry);
	} else if (((unsigned long)entry & 3) == 2) {
		mas_root_expand(mas, entry);   /* an internal value needs a node */
	} else {
		mas->tree->ma_root = entry;
		mas->node = MAS_START;
	}
}

/* A store over [0, ULONG_MAX]: the tree becomes one leaf, or empty. */
int mas_new_root(struct ma_state *mas, void *entry)
{
	void *old = mas->tree->ma_root;
	struct maple_node *node;

	if (!entry && !mas->index && mas->last == ULONG_MAX) {
		mas->depth = 0;
		mas_set_height(mas->tree, 0);
		mas->tree->ma_root = NULL;
		mas->node = MAS_START;
		goto done;
	}
	mas_node_count(mas, 1);
	if (mas_is_err(mas))
		return 0;
	node = mas_pop_node(mas);
	node->parent = (struct maple_pnode *)
		((unsigned long)mas->tree | MA_ROOT_PARENT);
	mas->node = mt_mk_node(node, maple_leaf_64);
	ma_slots(node, maple_leaf_64)[0] = entry;
	ma_pivots(node, maple_leaf_64)[0] = mas->last;
	mas->depth = 1;
	mas_set_height(mas->tree, 1);
	mas->tree->ma_root = mte_mk_root(mas->node);
done:
	if (xa_is_node(old))
		mt_destroy_walk(mte_safe_root(old), 0, ULONG_MAX);
	return 1;
}

/* ---- in-node stores ----------------------------------------------------- */

/* Leaf metadata after a copy ending at @end (none when all slots are used). */
void mas_leaf_set_meta(struct ma_state *mas, struct maple_node *node,
		       unsigned long *pivots, enum maple_type type,
		       unsigned char end)
{
	if (mt_pivots[type] <= end)
		return;
	if (pivots[end] && pivots[end] < mas->max)
		end++;
	if (end < mt_slots[type] - 1)
		ma_set_meta(node, type, end, 0);
}

/*
 * A bulk load (mas_expected_entries) fills leaves to the left; when the
 * last leaf ends up too small it is fixed in mas_destroy().  A node with
 * more than the minimum clears that need.
 */
void mas_bulk_rebalance(struct ma_state *mas, unsigned char end,
			enum maple_type type)
{
	if (!(mas->mas_flags & MA_STATE_BULK))
		return;
	if (mte_is_root(mas->node))
		return;
	if (end > mt_min_slots[type])
		mas->mas_flags &= ~MA_STATE_REBALANCE;
}

/* The store's new end slot in the leaf, for mas_wr_node_store(). */
static unsigned char mas_wr_node_new_end(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;
	unsigned char new_end = wr_mas->node_end;

	if (mas->last == wr_mas->r_max) {
		if (mas->last == mas->max)
			new_end = mas->offset;
		wr_mas->offset_end++;   /* that slot is not kept */
	} else if (mas->last < wr_mas->r_max) {
		if (wr_mas->r_max == ULONG_MAX)
			mas_bulk_rebalance(mas, wr_mas->node_end, wr_mas->type);
		new_end++;
	} else {
		if (wr_mas->end_piv == mas->last)
			wr_mas->offset_end++;
		new_end -= wr_mas->offset_end - mas->offset - 1;
	}
	if (wr_mas->r_min < mas->index)
		new_end++;
	return new_end;
}

/*
 * Rewrite the leaf with the store applied, when the result fits and
 * keeps the node above its minimum: in place through a scratch copy, or
 * in RCU mode as a new node that replaces the old one.
 */
static bool mas_wr_node_store(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;
	enum maple_type type = wr_mas->type;
	unsigned char node_slots = mt_slots[type], max_piv = mt_pivots[type];
	unsigned char offset = mas->offset, dst, new_end, copy;
	bool in_rcu = mt_in_rcu(mas->tree);
	struct maple_node scratch, *dst_node;
	unsigned long *dst_pivots;
	void **dst_slots;

	new_end = mas_wr_node_new_end(wr_mas);
	if (new_end >= node_slots)
		return false;
	if (!mte_is_root(mas->node) && new_end <= mt_min_slots[type] &&
	    !(mas->mas_flags & MA_STATE_BULK))
		return false;
	if (in_rcu) {
		mas_node_count(mas, 1);
		if (mas_is_err(mas))
			return false;
		dst_node = mas_pop_node(mas);
	} else {
		memset(&scratch, 0, sizeof(scratch));
		dst_node = &scratch;
	}
	dst_node->parent = wr_mas->node->parent;
	dst_pivots = ma_pivots(dst_node, type);
	dst_slots = ma_slots(dst_node, type);
	memcpy(dst_pivots, wr_mas->pivots, sizeof(long) * (offset + 1));
	memcpy(dst_slots, wr_mas->slots, sizeof(void *) * (offset + 1));
	dst = offset;
	if (wr_mas->r_min < mas->index) {
		/* the old entry keeps the part before the store */
		dst_slots[dst] = wr_mas->content;
		dst_pivots[dst++] = mas->index - 1;
	}
	if (dst < max_piv)
		dst_pivots[dst] = mas->last;
	mas->offset = dst;
	dst_slots[dst] = wr_mas->entry;
	if (wr_mas->offset_end > wr_mas->node_end || mas->last >= mas->max) {
		new_end = dst;
		goto done;
	}
	dst++;
	copy = wr_mas->node_end - wr_mas->offset_end + 1;
	memcpy(dst_slots + dst, wr_mas->slots + wr_mas->offset_end,
	       sizeof(void *) * copy);
	if (dst < max_piv) {
		if (copy > max_piv - dst)
			copy = max_piv - dst;
		memcpy(dst_pivots + dst, wr_mas->pivots + wr_mas->offset_end,
		       sizeof(long) * copy);
	}
	if (wr_mas->node_end == node_slots - 1 && new_end < node_slots - 1)
		dst_pivots[new_end] = mas->max;
done:
	mas_leaf_set_meta(mas, dst_node, dst_pivots, maple_leaf_64, new_end);
	if (in_rcu) {
		mte_set_node_dead(mas->node);
		mas->node = mt_mk_node(dst_node, type);
		mas_replace(mas, false);
	} else {
		memcpy(wr_mas->node, dst_node, sizeof(*dst_node));
	}
	mas_update_gap(mas);
	return true;
}

/*
 * A store that changes at most two neighbouring slots without moving
 * the others: pivots and slots are rewritten in place.
 */
static bool mas_wr_slot_store(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;
	unsigned char offset = mas->offset;
	unsigned long next_end;

	if (wr_mas->r_max > mas->last &&
	    (wr_mas->r_min != mas->index || offset != wr_mas->node_end))
		return false;
	if (offset == wr_mas->node_end - 1)
		next_end = mas->max;
	else
		next_end = wr_mas->pivots[offset + 1];
	if (next_end < mas->last)
		return false;   /* more than two slots */
	if (wr_mas->r_min == mas->index) {
		if (next_end == mas->last)
			return false;   /* two ranges become one */
		/* all of this slot and the start of the next */
		wr_mas->slots[offset] = wr_mas->entry;
		wr_mas->pivots[offset] = mas->last;
		goto done;
	}
	if (next_end != mas->last)
		return false;
	/* the end of this slot and all of the next */
	if (offset + 1 < mt_pivots[wr_mas->type] &&
	    (wr_mas->entry || wr_mas->pivots[offset + 1]))
		wr_mas->pivots[offset + 1] = mas->last;
	wr_mas->slots[offset + 1] = wr_mas->entry;
	wr_mas->pivots[offset] = mas->index - 1;
	mas->offset++;
done:
	mas_update_gap(mas);
	return true;
}

/* Where the store ends in the leaf: offset_end and its pivot end_piv. */
static void mas_wr_end_piv(struct ma_wr_state *wr_mas)
{
	while (wr_mas->offset_end < wr_mas->node_end &&
	       wr_mas->mas->last > wr_mas->pivots[wr_mas->offset_end])
		wr_mas->offset_end++;
	if (wr_mas->offset_end < wr_mas->node_end)
		wr_mas->end_piv = wr_mas->pivots[wr_mas->offset_end];
	else
		wr_mas->end_piv = wr_mas->mas->max;
}

/* A NULL store takes in the NULL ranges on either side of it. */
static void mas_wr_extend_null(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;

	if (mas->last < wr_mas->end_piv && !wr_mas->slots[wr_mas->offset_end])
		mas->last = wr_mas->end_piv;
	if (mas->last == wr_mas->end_piv &&
	    wr_mas->node_end != wr_mas->offset_end &&
	    !wr_mas->slots[wr_mas->offset_end + 1]) {
		wr_mas->offset_end++;
		if (wr_mas->offset_end == wr_mas->node_end)
			mas->last = mas->max;
		else
			mas->last = wr_mas->pivots[wr_mas->offset_end];
		wr_mas->end_piv = mas->last;
	}
	if (!wr_mas->content) {
		mas->index = wr_mas->r_min;   /* its neighbours hold data */
	} else if (mas->index == wr_mas->r_min && mas->offset &&
		   !wr_mas->slots[mas->offset - 1]) {
		mas->offset--;
		wr_mas->r_min = mas->index =
			mas_safe_min(mas, wr_mas->pivots, mas->offset);
		wr_mas->r_max = wr_mas->pivots[mas->offset];
	}
}

/* A store into the last slot that adds one slot after it, in place. */
static bool mas_wr_append(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;
	unsigned char end = wr_mas->node_end, new_end = end + 1;
	unsigned char npiv = mt_pivots[wr_mas->type];

	if (mt_in_rcu(mas->tree))
		return false;
	if (mas->index != wr_mas->r_min && mas->last == wr_mas->r_max) {
		/* the new entry takes the end of the last range */
		if (new_end < npiv) {
			wr_mas->pivots[new_end] = wr_mas->pivots[end];
			ma_set_meta(wr_mas->node, maple_leaf_64, new_end, 0);
		}
		wr_mas->slots[new_end] = wr_mas->entry;
		mas->offset = new_end;
		wr_mas->pivots[end] = mas->index - 1;
		return true;
	}
	if (mas->index == wr_mas->r_min && mas->last < wr_mas->r_max) {
		/* the new entry takes the start of the last range */
		if (new_end < npiv)
			wr_mas->pivots[new_end] = wr_mas->pivots[end];
		wr_mas->slots[new_end] = wr_mas->content;
		if (new_end < npiv)
			ma_set_meta(wr_mas->node, maple_leaf_64, new_end, 0);
		wr_mas->pivots[end] = mas->last;
		wr_mas->slots[end] = wr_mas->entry;
		return true;
	}
	return false;
}

static void mas_wr_bnode(struct ma_wr_state *wr_mas)
{
	struct maple_big_node b_node;

	memset(&b_node, 0, sizeof(b_node));
	mas_store_b_node(wr_mas, &b_node, wr_mas->offset_end);
	mas_commit_b_node(wr_mas, &b_node, wr_mas->node_end);
}

/* The store lands in one leaf: pick the cheapest way to apply it. */
static void mas_wr_modify(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;
	unsigned char node_slots = mt_slots[wr_mas->type], node_size;

	if (wr_mas->r_min == mas->index && wr_mas->r_max == mas->last) {
		wr_mas->slots[mas->offset] = wr_mas->entry;
		if (!!wr_mas->entry ^ !!wr_mas->content)
			mas_update_gap(mas);
		return;
	}
	node_size = wr_mas->node_end - wr_mas->offset_end + mas->offset + 2;
	if (mas->max == ULONG_MAX)
		node_size++;
	if (node_size >= node_slots)
		goto slow_path;
	if (wr_mas->entry && wr_mas->node_end < node_slots - 1 &&
	    mas->offset == wr_mas->node_end && mas_wr_append(wr_mas)) {
		if (!wr_mas->content || !wr_mas->entry)
			mas_update_gap(mas);
		return;
	}
	if (wr_mas->offset_end - mas->offset <= 1 && mas_wr_slot_store(wr_mas))
		return;
	if (mas_wr_node_store(wr_mas))
		return;
	if (mas_is_err(mas))
		return;
slow_path:
	mas_wr_bnode(wr_mas);
}

/* ---- entry points ------------------------------------------------------- */

/* Store wr_mas->entry over [mas->index, mas->last]; returns what was at index. */
void *mas_wr_store_entry(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;

	wr_mas->content = mas_start(mas);
	if (mas_is_none(mas) || mas_is_ptr(mas)) {
		mas_store_root(mas, wr_mas->entry);
		return wr_mas->content;
	}
	if (!mas_wr_walk(wr_mas)) {
		mas_wr_spanning_store(wr_mas);
		return wr_mas->content;
	}
	mas_wr_end_piv(wr_mas);
	if (!wr_mas->entry)
		mas_wr_extend_null(wr_mas);
	if (!mas->index && mas->last == ULONG_MAX) {
		mas_new_root(mas, wr_mas->entry);
		return wr_mas->content;
	}
	mas_wr_modify(wr_mas);
	return wr_mas->content;
}

/*
 * A ma_state left on a leaf by an earlier walk may store from there,
 * unless the store would leave that leaf: then it starts at the root.
 */
void mas_wr_store_setup(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;

	if (mas_is_paused(mas))
		mas_reset(mas);
	if (mas_is_start(mas))
		return;
	if (mas_is_none(mas) || mas_is_ptr(mas) || mas_is_err(mas)) {
		mas_reset(mas);
		return;
	}
	wr_mas->r_max = mas->max;
	wr_mas->type = mte_node_type(mas->node);
	if (mas_is_span_wr(wr_mas))
		mas_reset(mas);
}

/* Store only where nothing is stored: -EEXIST in mas->node otherwise. */
void mas_insert(struct ma_state *mas, void *entry)
{
	MA_WR_STATE(wr_mas, mas, entry);

	wr_mas.content = mas_start(mas);
	if (wr_mas.content)
		goto exists;
	if (mas_is_none(mas) || mas_is_ptr(mas)) {
		mas_store_root(mas, entry);
		return;
	}
	if (!mas_wr_walk(&wr_mas))
		goto exists;   /* a spanning store always covers something */
	wr_mas.offset_end = mas->offset;
	wr_mas.end_piv = wr_mas.r_max;
	if (wr_mas.content || mas->last > wr_mas.r_max)
		goto exists;
	if (!entry)
		return;
	mas_wr_modify(&wr_mas);
	return;
exists:
	mas->node = MA_ERROR(-EEXIST);
}

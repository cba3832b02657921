// SPDX-License-Identifier: MIT
/*
 * lib/maple_tree_rebalance.c — writes that do not fit in one leaf: the
 * big node, splitting, rebalancing and spanning stores.
 *
 * Kernel counterpart: lib/maple_tree.c (Linux 6.1), mas_store_b_node()
 * to mas_spanning_rebalance(); the algorithms and the node layouts they
 * produce are the kernel's, the code and comments mmsim's own.
 *
 * The big node.  A write that cannot be done in place copies the
 * affected node's data, with the store applied, into a maple_big_node:
 * room for two full nodes and two more slots.  Then (mas_commit_b_node):
 *
 *   b_end < minimum, not root, height > 1 ... mas_rebalance: take in the
 *                                            right sibling (else the left)
 *                                            and lay out one or two nodes
 *   b_end >= node slots .................... mas_split
 *   otherwise .............................. rewrite the node (in place
 *                                            outside RCU mode)
 *
 * Splitting goes upwards.  At each level the data is first offered to a
 * sibling with room (mas_push_data: left, then right); otherwise it is
 * split where mab_calc_split says — about half, never leaving a NULL
 * range at a node's end, in three when it must — and the parent gets
 * one more slot.  The root splitting makes the tree one level taller.
 *
 *      before                 after a split of leaf L
 *      [ P: ... L ... ]       [ P: ... L1 L2 ... ]
 *
 * Spanning stores and rebalances (mas_spanning_rebalance) work on a
 * maple_subtree_state: the original left and right edge (orig_l,
 * orig_r) and up to three new nodes (l, m, r) per level.  Level by level
 * the data between the edges is combined into the big node, laid out
 * into new nodes, and the level above is read next; nodes the new
 * subtree replaces go on the "free" list, whole subtrees it drops on the
 * "destroy" list (mast_topiary).  When a level holds too little, the
 * next sibling's data (or the previous one's) is taken in
 * (mast_spanning_rebalance).  The new subtree is then swapped in at the
 * top (mas_wmb_replace), the children's parent pointers fixed
 * (mas_descend_adopt) and the lists freed.
 *
 * Old nodes stay readable until the end of the write: they are only
 * marked dead (parent pointing to themselves) until then.
 */
#include "lib/maple_tree_internal.h"
#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/string.h"
#include "mmsim/host.h"

/* ---- lists of replaced nodes (the kernel's ma_topiary) ------------------- */

struct ma_topiary {
	struct mt_dead {
		struct maple_enode *enode;
		unsigned long max;   /* the node's span's end: to walk it */
	} *list;
	unsigned int nr, cap;
};

static void mat_add_max(struct ma_topiary *mat, struct maple_enode *enode,
			unsigned long max)
{
	mte_set_node_dead(enode);
	if (mat->nr == mat->cap) {
		mat->cap = mat->cap ? mat->cap * 2 : 16;
		mat->list = host_realloc(mat->list,
					 mat->cap * sizeof(*mat->list));
	}
	mat->list[mat->nr].enode = enode;
	mat->list[mat->nr++].max = max;
}

static void mat_add(struct ma_topiary *mat, struct maple_enode *enode)
{
	mat_add_max(mat, enode, ULONG_MAX);
}

/* Free the nodes of @mat themselves (their children live on). */
static void mas_mat_free(struct ma_state *mas, struct ma_topiary *mat)
{
	unsigned int i;

	for (i = 0; i < mat->nr; i++)
		mas_free(mas, mat->list[i].enode);
	host_free(mat->list);
	mat->list = NULL;
	mat->nr = mat->cap = 0;
}

/* Free the subtrees under the nodes of @mat. */
static void mas_mat_destroy(struct ma_topiary *mat)
{
	unsigned int i;

	for (i = 0; i < mat->nr; i++)
		mt_destroy_walk(mat->list[i].enode, 0, mat->list[i].max);
	host_free(mat->list);
	mat->list = NULL;
	mat->nr = mat->cap = 0;
}

struct maple_subtree_state {
	struct ma_state *orig_l;   /* original left side of the subtree */
	struct ma_state *orig_r;   /* original right side of the subtree */
	struct ma_state *l;        /* new left node */
	struct ma_state *m;        /* new middle node (3-way split) */
	struct ma_state *r;        /* new right node */
	struct ma_topiary *free;   /* nodes to free */
	struct ma_topiary *destroy;/* subtrees to free */
	struct maple_big_node *bn;
};

/* ---- the big node ------------------------------------------------------- */

static void mab_shift_right(struct maple_big_node *bn, unsigned char shift)
{
	size_t size = bn->b_end * sizeof(unsigned long);

	memmove(bn->pivot + shift, bn->pivot, size);
	memmove(bn->slot + shift, bn->slot, size);
	if (bn->type == maple_arange_64)
		memmove(bn->gap + shift, bn->gap, size);
}

/* Does the data need three nodes? */
static bool mab_middle_node(struct maple_big_node *bn, int split,
			    unsigned char slot_count)
{
	unsigned char size = bn->b_end;

	if (size >= 2 * slot_count)
		return true;
	return !bn->slot[split] && size >= 2 * slot_count - 1;
}

/* Move a split point off a NULL entry (right if the right side stays
 * above its minimum, else left). */
static int mab_no_null_split(struct maple_big_node *bn, unsigned char split,
			     unsigned char slot_count)
{
	if (bn->slot[split])
		return split;
	if (split < slot_count - 1 &&
	    bn->b_end - split > mt_min_slots[bn->type])
		return split + 1;
	return split - 1;
}

/*
 * Where to split the big node: the last slot of the left node; in
 * @mid_split the last of the middle one for a 3-way split (else 0).
 * Bulk loads split as far right as leaves the right node its minimum.
 */
static int mab_calc_split(struct ma_state *mas, struct maple_big_node *bn,
			  unsigned char *mid_split)
{
	unsigned char b_end = bn->b_end, slot_count = mt_slots[bn->type];
	int split = b_end / 2;

	if (mas->mas_flags & MA_STATE_BULK) {
		*mid_split = 0;
		split = b_end - mt_min_slots[bn->type];
		if (!ma_is_leaf(bn->type))
			return split;
		mas->mas_flags |= MA_STATE_REBALANCE;
		if (!bn->slot[split])
			split--;
		return split;
	}
	if (mab_middle_node(bn, split, slot_count)) {
		split = b_end / 3;
		*mid_split = split * 2;
	} else {
		*mid_split = 0;
	}
	split = mab_no_null_split(bn, split, slot_count);
	if (*mid_split)
		*mid_split = mab_no_null_split(bn, *mid_split, slot_count);
	return split;
}

/* Append slots @start..@end of mas->node to the big node at @b_start. */
static void mas_mab_cp(struct ma_state *mas, unsigned char start,
		       unsigned char end, struct maple_big_node *bn,
		       unsigned char b_start)
{
	struct maple_node *node = mte_to_node(mas->node);
	enum maple_type type = mte_node_type(mas->node);
	unsigned long *pivots = ma_pivots(node, type);
	int i = start, j = b_start;
	unsigned char piv_end;

	if (!i) {
		bn->pivot[j] = pivots[i++];
		if (i > end)
			goto complete;
		j++;
	}
	piv_end = min(end, mt_pivots[type]);
	for (; i < piv_end; i++, j++) {
		bn->pivot[j] = pivots[i];
		if (!bn->pivot[j])
			break;
		if (mas->max == bn->pivot[j])
			goto complete;
	}
	if (i <= end)
		bn->pivot[j] = mas_safe_pivot(mas, pivots, i, type);
complete:
	bn->b_end = ++j;
	j -= b_start;
	memcpy(bn->slot + b_start, ma_slots(node, type) + start,
	       sizeof(void *) * j);
	if (!ma_is_leaf(type) && mt_is_alloc(mas->tree))
		memcpy(bn->gap + b_start, ma_gaps(node, type) + start,
		       sizeof(unsigned long) * j);
}

/* Copy big-node slots @b_start..@b_end into mas->node (a new or scratch
 * node); with @new_max, mas->max becomes the last pivot copied. */
static void mab_mas_cp(struct maple_big_node *bn, unsigned char b_start,
		       unsigned char b_end, struct ma_state *mas, bool new_max)
{
	enum maple_type type = mte_node_type(mas->node);
	struct maple_node *node = mte_to_node(mas->node);
	void **slots = ma_slots(node, type);
	unsigned long *pivots = ma_pivots(node, type);
	int i = b_start, j = 0;
	unsigned char end;

	if (b_end - b_start > mt_pivots[type])
		b_end--;
	if (!pivots[mt_pivots[type] - 1])
		slots[mt_pivots[type]] = NULL;
	do {
		pivots[j++] = bn->pivot[i++];
	} while (i <= b_end && bn->pivot[i]);
	memcpy(slots, bn->slot + b_start, sizeof(void *) * (i - b_start));
	if (new_max)
		mas->max = bn->pivot[i - 1];
	end = j - 1;
	if (!ma_is_leaf(type) && mt_is_alloc(mas->tree)) {
		unsigned long *gaps = ma_gaps(node, type), best = 0;
		unsigned char at = MAPLE_ARANGE64_META_MAX;

		do {
			gaps[--j] = bn->gap[--i];
			if (gaps[j] > best) {
				at = j;
				best = gaps[j];
			}
		} while (j);
		ma_set_meta(node, type, end, at);
	} else {
		mas_leaf_set_meta(mas, node, pivots, type, end);
	}
}

/* The leaf's data with the store of @wr_mas applied, into @bn. */
void mas_store_b_node(struct ma_wr_state *wr_mas, struct maple_big_node *bn,
		      unsigned char offset_end)
{
	struct ma_state *mas = wr_mas->mas;
	unsigned char slot = mas->offset, b_end = 0;
	unsigned long piv;   /* may wrap below 0: only piv + 1 is used then */

	bn->type = wr_mas->type;
	if (slot) {
		mas_mab_cp(mas, 0, slot - 1, bn, 0);
		b_end = bn->b_end;
		piv = bn->pivot[b_end - 1];
	} else {
		piv = mas->min - 1;
	}
	if (piv + 1 < mas->index) {
		/* the old entry keeps the part before the store */
		bn->slot[b_end] = wr_mas->content;
		if (!wr_mas->content)
			bn->gap[b_end] = mas->index - 1 - piv;
		bn->pivot[b_end++] = mas->index - 1;
	}
	mas->offset = b_end;
	bn->slot[b_end] = wr_mas->entry;
	bn->pivot[b_end] = mas->last;
	if (mas->last >= mas->max)
		goto b_end;
	piv = mas_logical_pivot(mas, wr_mas->pivots, offset_end, wr_mas->type);
	if (piv > mas->last) {
		/* the entry the store ends in keeps the rest */
		if (piv == ULONG_MAX)
			mas_bulk_rebalance(mas, bn->b_end, wr_mas->type);
		if (offset_end != slot)
			wr_mas->content = wr_mas->slots[offset_end];
		bn->slot[++b_end] = wr_mas->content;
		if (!wr_mas->content)
			bn->gap[b_end] = piv - mas->last + 1;
		bn->pivot[b_end] = piv;
	}
	slot = offset_end + 1;
	if (slot > wr_mas->node_end)
		goto b_end;
	mas_mab_cp(mas, slot, wr_mas->node_end + 1, bn, ++b_end);
	bn->b_end--;
	return;
b_end:
	bn->b_end = b_end;
}

static struct maple_enode *mas_new_ma_node(struct ma_state *mas,
					   struct maple_big_node *bn)
{
	return mt_mk_node(mas_pop_node(mas), bn->type);
}

/* Append a new child (or nothing) to the big node being built above. */
static void mab_set_b_end(struct maple_big_node *bn, struct ma_state *mas,
			  void *entry)
{
	if (!entry)
		return;
	bn->slot[bn->b_end] = entry;
	if (mt_is_alloc(mas->tree))
		bn->gap[bn->b_end] = mas_max_gap(mas);
	bn->pivot[bn->b_end++] = mas->max;
}

/* ---- siblings ----------------------------------------------------------- */

static bool mas_prev_sibling(struct ma_state *mas)
{
	unsigned int p_slot = mte_parent_slot(mas->node);

	if (mte_is_root(mas->node) || !p_slot)
		return false;
	mas_ascend(mas);
	mas->offset = p_slot - 1;
	mas_descend(mas);
	return true;
}

static bool mas_next_sibling(struct ma_state *mas)
{
	struct ma_state parent = *mas;

	if (mte_is_root(mas->node))
		return false;
	mas_ascend(&parent);
	parent.offset = mte_parent_slot(mas->node) + 1;
	if (parent.offset > mas_data_end(&parent))
		return false;
	*mas = parent;
	mas_descend(mas);
	return true;
}

static struct maple_enode *mte_node_or_none(struct maple_enode *enode)
{
	return enode ? enode : MAS_NONE;
}

/* ---- adopting the new subtree ------------------------------------------- */

/* The next child of mas->node (from mas->offset on) that already names
 * mas->node as its parent: a new node; @child is set to it. */
static bool mas_new_child(struct ma_state *mas, struct ma_state *child)
{
	enum maple_type type = mte_node_type(mas->node);
	struct maple_node *node = mte_to_node(mas->node);
	void **slots = ma_slots(node, type);
	unsigned char end = ma_data_end(node, type, mas->max), offset;

	for (offset = mas->offset; offset <= end; offset++) {
		if (mte_parent(slots[offset]) != node)
			continue;
		*child = *mas;
		mas->offset = offset + 1;
		child->offset = offset;
		mas_descend(child);
		child->offset = 0;
		return true;
	}
	return false;
}

/*
 * Walk down the new nodes from mas->node (at most three per level: new
 * nodes name their parent already) and make every child of each point
 * back at it — the old children still point at the replaced nodes.
 */
static void mas_descend_adopt(struct ma_state *mas)
{
	struct ma_state list[3], next[3];
	int i, n;

	for (i = 0; i < 3; i++) {
		list[i] = *mas;
		list[i].offset = 0;
		next[i].offset = 0;
	}
	next[0] = *mas;
	while (!mte_is_leaf(list[0].node)) {
		n = 0;
		for (i = 0; i < 3; i++) {
			if (mas_is_none(&list[i]))
				continue;
			if (i && list[i - 1].node == list[i].node)
				continue;
			while (n < 3 && mas_new_child(&list[i], &next[n]))
				n++;
			mas_adopt_children(&list[i], list[i].node);
		}
		while (n < 3)
			next[n++].node = MAS_NONE;
		for (i = 0; i < 3; i++)
			list[i] = next[i];
	}
}

/* Swap the new subtree at mas->node in, fix parents, free the old. */
static void mas_wmb_replace(struct ma_state *mas, struct ma_topiary *free,
			    struct ma_topiary *destroy)
{
	mas_replace(mas, true);
	if (!mte_is_leaf(mas->node))
		mas_descend_adopt(mas);
	mas_mat_free(mas, free);
	if (destroy)
		mas_mat_destroy(destroy);
	if (mte_is_leaf(mas->node))
		return;
	mas_update_gap(mas);
}

/* ---- the subtree state --------------------------------------------------- */

/* Put the children of mas->node in [start, end] on the destroy list. */
static void mas_topiary_range(struct ma_state *mas, struct ma_topiary *destroy,
			      unsigned char start, unsigned char end)
{
	struct maple_node *node = mte_to_node(mas->node);
	enum maple_type type = mte_node_type(mas->node);
	unsigned long *pivots = ma_pivots(node, type);
	void **slots = ma_slots(node, type);
	unsigned char offset;

	for (offset = start; offset <= end; offset++) {
		struct maple_enode *enode = slots[offset];

		if (mte_dead_node(enode))
			continue;
		mat_add_max(destroy, enode,
			    mas_safe_pivot(mas, pivots, offset, type));
	}
}

/* The children strictly between the subtree's left and right edges on
 * this level are dropped with everything below them. */
static void mast_topiary(struct maple_subtree_state *mast)
{
	MA_WR_STATE(wr_mas, mast->orig_l, NULL);
	unsigned char r_start = 0, r_end, l_start, l_end;
	void **l_slots, **r_slots;

	wr_mas.type = mte_node_type(mast->orig_l->node);
	mast->orig_l->index = mast->orig_l->last;
	mas_wr_node_walk(&wr_mas);
	l_start = mast->orig_l->offset + 1;
	l_end = mas_data_end(mast->orig_l);
	r_end = mast->orig_r->offset;
	if (r_end)
		r_end--;
	l_slots = ma_slots(mte_to_node(mast->orig_l->node),
			   mte_node_type(mast->orig_l->node));
	r_slots = ma_slots(mte_to_node(mast->orig_r->node),
			   mte_node_type(mast->orig_r->node));
	if (l_start < l_end && mte_dead_node(l_slots[l_start]))
		l_start++;
	if (mte_dead_node(r_slots[r_end]) && r_end)
		r_end--;
	if (l_start > r_end && mast->orig_l->node == mast->orig_r->node)
		return;
	if (mast->orig_l->node == mast->orig_r->node) {
		/* both edges in one node: what lies between them */
		mas_topiary_range(mast->orig_l, mast->destroy, l_start, r_end);
		return;
	}
	if (mte_is_leaf(mast->orig_r->node))
		return;   /* the right node is consumed whole */
	if (mte_dead_node(l_slots[l_end]))
		l_end--;
	if (l_start <= l_end)
		mas_topiary_range(mast->orig_l, mast->destroy, l_start, l_end);
	if (mte_dead_node(r_slots[r_start]))
		r_start++;
	if (r_start <= r_end)
		mas_topiary_range(mast->orig_r, mast->destroy, 0, r_end);
}

/* Take in all of the right edge's next sibling. */
static void mast_rebalance_next(struct maple_subtree_state *mast)
{
	unsigned char b_end = mast->bn->b_end;

	mas_mab_cp(mast->orig_r, 0, mt_slots[mte_node_type(mast->orig_r->node)],
		   mast->bn, b_end);
	mast->orig_r->last = mast->orig_r->max;
}

/* Take in all of the left edge's previous sibling, in front. */
static void mast_rebalance_prev(struct maple_subtree_state *mast)
{
	unsigned char end = mas_data_end(mast->orig_l) + 1;
	unsigned char b_end = mast->bn->b_end;

	mab_shift_right(mast->bn, end);
	mas_mab_cp(mast->orig_l, 0, end - 1, mast->bn, 0);
	mast->l->min = mast->orig_l->min;
	mast->orig_l->index = mast->orig_l->min;
	mast->bn->b_end = end + b_end;
	mast->l->offset += end;
}

/* The right edge's side has a next node at this depth: move orig_r
 * there, take its data, and drop what lies between. */
static void mast_take_next(struct maple_subtree_state *mast,
			   struct ma_state *l_tmp, struct ma_state *r_tmp,
			   struct maple_enode *ancestor, unsigned char start,
			   unsigned char depth)
{
	mast->orig_r->offset++;
	do {
		mas_descend(mast->orig_r);
		mast->orig_r->offset = 0;
	} while (--depth);
	mast_rebalance_next(mast);
	do {
		struct maple_enode *child = r_tmp->node;
		unsigned char l_off = 0;

		mas_ascend(r_tmp);
		if (ancestor == r_tmp->node)
			l_off = start;
		if (r_tmp->offset)
			r_tmp->offset--;
		if (l_off < r_tmp->offset)
			mas_topiary_range(r_tmp, mast->destroy, l_off,
					  r_tmp->offset);
		if (l_tmp->node != child)
			mat_add(mast->free, child);
	} while (r_tmp->node != ancestor);
	*mast->orig_l = *l_tmp;
}

/* The mirror image: the left edge's previous node at this depth. */
static void mast_take_prev(struct maple_subtree_state *mast,
			   struct ma_state *l_tmp, struct ma_state *r_tmp,
			   struct maple_enode *ancestor, unsigned char end,
			   unsigned char depth)
{
	mast->orig_l->offset--;
	do {
		mas_descend(mast->orig_l);
		mast->orig_l->offset = mas_data_end(mast->orig_l);
	} while (--depth);
	mast_rebalance_prev(mast);
	do {
		struct maple_enode *child = l_tmp->node;
		unsigned char r_off;

		mas_ascend(l_tmp);
		if (ancestor == l_tmp->node)
			r_off = end;
		else
			r_off = mas_data_end(l_tmp);
		if (l_tmp->offset < r_off)
			l_tmp->offset++;
		if (l_tmp->offset < r_off)
			mas_topiary_range(l_tmp, mast->destroy, l_tmp->offset,
					  r_off);
		if (r_tmp->node != child)
			mat_add(mast->free, child);
	} while (l_tmp->node != ancestor);
	*mast->orig_r = *r_tmp;
}

/*
 * Too little data on this level: find the nearest node at the same
 * depth right of the subtree (else left of it) and take in its data.
 * False when the subtree is the whole level.
 */
static bool mast_spanning_rebalance(struct maple_subtree_state *mast)
{
	struct ma_state r_tmp = *mast->orig_r, l_tmp = *mast->orig_l;
	struct maple_enode *ancestor = NULL;
	unsigned char start = 0, end = 0, depth = 0;

	do {
		mas_ascend(mast->orig_r);
		mas_ascend(mast->orig_l);
		depth++;
		if (!ancestor && mast->orig_r->node == mast->orig_l->node) {
			ancestor = mast->orig_r->node;
			end = mast->orig_r->offset - 1;
			start = mast->orig_l->offset + 1;
		}
		if (mast->orig_r->offset < mas_data_end(mast->orig_r)) {
			if (!ancestor) {
				ancestor = mast->orig_r->node;
				start = 0;
			}
			mast_take_next(mast, &l_tmp, &r_tmp, ancestor, start,
				       depth);
			return true;
		}
		if (mast->orig_l->offset != 0) {
			if (!ancestor) {
				ancestor = mast->orig_l->node;
				end = mas_data_end(mast->orig_l);
			}
			mast_take_prev(mast, &l_tmp, &r_tmp, ancestor, end,
				       depth);
			return true;
		}
	} while (!mte_is_root(mast->orig_r->node));
	*mast->orig_r = r_tmp;
	*mast->orig_l = l_tmp;
	return false;
}

/* One level up: the edges' nodes are replaced; point the edges at the
 * slots of the new nodes' range in their parents. */
static void mast_ascend_free(struct maple_subtree_state *mast)
{
	MA_WR_STATE(wr_mas, mast->orig_r, NULL);
	struct maple_enode *left = mast->orig_l->node;
	struct maple_enode *right = mast->orig_r->node;

	mas_ascend(mast->orig_l);
	mas_ascend(mast->orig_r);
	mat_add(mast->free, left);
	if (left != right)
		mat_add(mast->free, right);
	mast->orig_r->offset = 0;
	mast->orig_r->index = mast->r->max;
	if (mast->orig_r->last < mast->orig_r->index)
		mast->orig_r->last = mast->orig_r->index;
	wr_mas.type = mte_node_type(mast->orig_r->node);
	mas_wr_node_walk(&wr_mas);
	mast->orig_l->offset = 0;
	mast->orig_l->index = mast->l->min;
	wr_mas.mas = mast->orig_l;
	wr_mas.type = mte_node_type(mast->orig_l->node);
	mas_wr_node_walk(&wr_mas);
	mast->bn->type = wr_mas.type;
}

/* New nodes for the big node: left, and right (and middle) if it does
 * not fit in one.  Returns the split point. */
static unsigned char mas_mab_to_node(struct ma_state *mas,
				     struct maple_big_node *bn,
				     struct maple_enode **left,
				     struct maple_enode **right,
				     struct maple_enode **middle,
				     unsigned char *mid_split)
{
	unsigned char split;

	*left = mas_new_ma_node(mas, bn);
	*right = NULL;
	*middle = NULL;
	*mid_split = 0;
	if (bn->b_end < mt_slots[bn->type]) {
		split = bn->b_end;
	} else {
		split = mab_calc_split(mas, bn, mid_split);
		*right = mas_new_ma_node(mas, bn);
	}
	if (*mid_split)
		*middle = mas_new_ma_node(mas, bn);
	return split;
}

/* Give the node of @mas (a new child) its new parent: left up to the
 * split, else right; *slot advances. */
static void mas_set_split_parent(struct ma_state *mas, struct maple_enode *left,
				 struct maple_enode *right, unsigned char *slot,
				 unsigned char split)
{
	if (mas_is_none(mas))
		return;
	if (*slot <= split)
		mte_set_parent(mas->node, mte_to_node(left), *slot);
	else if (right)
		mte_set_parent(mas->node, mte_to_node(right),
			       *slot - split - 1);
	(*slot)++;
}

static void mte_mid_split_check(struct maple_enode **l, struct maple_enode **r,
				struct maple_enode *right, unsigned char slot,
				unsigned char *split, unsigned char mid_split)
{
	if (*r == right || slot < mid_split)
		return;
	*l = *r;
	*r = right;
	*split = mid_split;
}

/* The new nodes of the level below get their parents among the new
 * nodes of this level. */
static void mast_set_split_parents(struct maple_subtree_state *mast,
				   struct maple_enode *left,
				   struct maple_enode *middle,
				   struct maple_enode *right,
				   unsigned char split, unsigned char mid_split)
{
	struct maple_enode *l = left, *r = right;
	unsigned char slot;

	if (mas_is_none(mast->l))
		return;
	if (middle)
		r = middle;
	slot = mast->l->offset;
	mte_mid_split_check(&l, &r, right, slot, &split, mid_split);
	mas_set_split_parent(mast->l, l, r, &slot, split);
	mte_mid_split_check(&l, &r, right, slot, &split, mid_split);
	mas_set_split_parent(mast->m, l, r, &slot, split);
	mte_mid_split_check(&l, &r, right, slot, &split, mid_split);
	mas_set_split_parent(mast->r, l, r, &slot, split);
}

/* The subtree reached the root: free the old levels above it. */
static void mast_new_root(struct maple_subtree_state *mast,
			  struct ma_state *mas)
{
	mte_to_node(mast->l->node)->parent = (struct maple_pnode *)
		((unsigned long)mas->tree | MA_ROOT_PARENT);
	if (!mte_dead_node(mast->orig_l->node) &&
	    !mte_is_root(mast->orig_l->node)) {
		do {
			mast_ascend_free(mast);
			mast_topiary(mast);
		} while (!mte_is_root(mast->orig_l->node));
	}
	if (mast->orig_l->node != mas->node &&
	    mast->l->depth > mt_height(mas->tree))
		mat_add(mast->free, mas->node);
}

/* Lay the big node out into the new nodes. */
static void mast_cp_to_nodes(struct maple_subtree_state *mast,
			     struct maple_enode *left,
			     struct maple_enode *middle,
			     struct maple_enode *right, unsigned char split,
			     unsigned char mid_split)
{
	bool new_lmax = true;

	mast->l->node = mte_node_or_none(left);
	mast->m->node = mte_node_or_none(middle);
	mast->r->node = mte_node_or_none(right);
	mast->l->min = mast->orig_l->min;
	if (split == mast->bn->b_end) {
		mast->l->max = mast->orig_r->max;
		new_lmax = false;
	}
	mab_mas_cp(mast->bn, 0, split, mast->l, new_lmax);
	if (middle) {
		mab_mas_cp(mast->bn, 1 + split, mid_split, mast->m, true);
		mast->m->min = mast->bn->pivot[split] + 1;
		split = mid_split;
	}
	mast->r->max = mast->orig_r->max;
	if (right) {
		mab_mas_cp(mast->bn, 1 + split, mast->bn->b_end, mast->r, false);
		mast->r->min = mast->bn->pivot[split] + 1;
	}
}

/* The left edge's slots before the subtree, into the big node. */
static void mast_combine_cp_left(struct maple_subtree_state *mast)
{
	unsigned char l_slot = mast->orig_l->offset;

	if (l_slot)
		mas_mab_cp(mast->orig_l, 0, l_slot - 1, mast->bn, 0);
}

/* The right edge's slots after the subtree, into the big node. */
static void mast_combine_cp_right(struct maple_subtree_state *mast)
{
	if (mast->bn->pivot[mast->bn->b_end - 1] >= mast->orig_r->max)
		return;
	mas_mab_cp(mast->orig_r, mast->orig_r->offset + 1,
		   mt_slots[mte_node_type(mast->orig_r->node)], mast->bn,
		   mast->bn->b_end);
	mast->orig_r->last = mast->orig_r->max;
}

static bool mast_sufficient(struct maple_subtree_state *mast)
{
	return mast->bn->b_end > mt_min_slots[mte_node_type(mast->orig_l->node)];
}

static bool mast_overflow(struct maple_subtree_state *mast)
{
	return mast->bn->b_end >= mt_slots[mte_node_type(mast->orig_l->node)];
}

static bool mas_is_root_limits(const struct ma_state *mas)
{
	return !mas->min && mas->max == ULONG_MAX;
}

/*
 * Position mas on the leaf holding mas->index after a rebuild, as the
 * kernel's mtree_range_walk() leaves it (the leaf's span in min/max,
 * the entry's range in index/last).
 */
static void mas_range_walk(struct ma_state *mas)
{
	struct maple_enode *next = mas->node, *last;
	unsigned long min = mas->min, max = mas->max;
	unsigned long prev_min = min, prev_max = max;
	unsigned char offset;
	enum maple_type type;

	do {
		struct maple_node *node = mte_to_node(next);
		unsigned long *pivots;
		unsigned char end;

		type = mte_node_type(next);
		pivots = ma_pivots(node, type);
		end = ma_data_end(node, type, max);
		offset = 0;
		last = next;
		prev_min = min;
		prev_max = max;
		if (pivots[0] >= mas->index) {
			max = pivots[0];
		} else {
			do {
				offset++;
			} while (offset < end && pivots[offset] < mas->index);
			min = pivots[offset - 1] + 1;
			if (offset < end && pivots[offset])
				max = pivots[offset];
		}
		next = ma_slots(node, type)[offset];
	} while (!ma_is_leaf(type));
	mas->offset = offset;
	mas->index = min;
	mas->last = max;
	mas->min = prev_min;
	mas->max = prev_max;
	mas->node = last;
}

/*
 * Rebuild the subtree of @mast level by level, @count levels at least,
 * and swap it in.  Returns the final big node's end.
 */
static int mas_spanning_rebalance(struct ma_state *mas,
				  struct maple_subtree_state *mast,
				  unsigned char count)
{
	struct maple_enode *left = NULL, *middle = NULL, *right = NULL;
	unsigned char split, mid_split, slot = 0;
	struct ma_topiary freed = { 0 }, doomed = { 0 };
	MA_STATE(l_mas, mas->tree, mas->index, mas->index);
	MA_STATE(r_mas, mas->tree, mas->index, mas->last);
	MA_STATE(m_mas, mas->tree, mas->index, mas->index);

	mast->l = &l_mas;
	mast->m = &m_mas;
	mast->r = &r_mas;
	mast->free = &freed;
	mast->destroy = &doomed;
	l_mas.node = r_mas.node = m_mas.node = MAS_NONE;
	if ((mast->orig_l->min != 0 || mast->orig_r->max != ULONG_MAX) &&
	    mast->bn->b_end <= mt_min_slots[mast->bn->type])
		mast_spanning_rebalance(mast);
	mast->orig_l->depth = 0;
	while (count--) {
		mast->bn->b_end--;
		mast->bn->type = mte_node_type(mast->orig_l->node);
		split = mas_mab_to_node(mas, mast->bn, &left, &right, &middle,
					&mid_split);
		mast_set_split_parents(mast, left, middle, right, split,
				       mid_split);
		mast_cp_to_nodes(mast, left, middle, right, split, mid_split);
		/* the next level up is read into a fresh big node */
		memset(mast->bn, 0, sizeof(*mast->bn));
		mast->bn->type = mte_node_type(left);
		mast->orig_l->depth++;
		if (mas_is_root_limits(mast->l))
			goto new_root;
		mast_ascend_free(mast);
		mast_combine_cp_left(mast);
		l_mas.offset = mast->bn->b_end;
		mab_set_b_end(mast->bn, &l_mas, left);
		mab_set_b_end(mast->bn, &m_mas, middle);
		mab_set_b_end(mast->bn, &r_mas, right);
		mast_combine_cp_right(mast);
		mast_topiary(mast);
		mast->orig_l->last = mast->orig_l->max;
		if (mast_sufficient(mast) || mast_overflow(mast))
			continue;
		if (mas_is_root_limits(mast->orig_l))
			break;   /* a new root, in mast->bn */
		mast_spanning_rebalance(mast);
		if (!count)
			count++;   /* taking in a neighbour needs another pass */
	}
	l_mas.node = mt_mk_node(mas_pop_node(mas),
				mte_node_type(mast->orig_l->node));
	mast->orig_l->depth++;
	mab_mas_cp(mast->bn, 0, mt_slots[mast->bn->type] - 1, &l_mas, true);
	mte_set_parent(left, mte_to_node(l_mas.node), slot);
	if (middle)
		mte_set_parent(middle, mte_to_node(l_mas.node), ++slot);
	if (right)
		mte_set_parent(right, mte_to_node(l_mas.node), ++slot);
	if (mas_is_root_limits(mast->l)) {
new_root:
		mast_new_root(mast, mas);
	} else {
		mte_to_node(l_mas.node)->parent =
			mte_to_node(mast->orig_l->node)->parent;
	}
	if (!mte_dead_node(mast->orig_l->node))
		mat_add(&freed, mast->orig_l->node);
	mas->depth = mast->orig_l->depth;
	*mast->orig_l = l_mas;
	mte_set_node_dead(mas->node);
	mast->orig_l->depth = mas->depth;
	mast->orig_l->alloc = mas->alloc;
	*mas = *mast->orig_l;
	mas_wmb_replace(mas, &freed, &doomed);
	mas_range_walk(mas);
	return mast->bn->b_end;
}

/* The node of @b_node is below its minimum: combine it with a sibling. */
static int mas_rebalance(struct ma_state *mas, struct maple_big_node *b_node)
{
	unsigned char empty_count = mt_height(mas->tree);
	unsigned char shift, b_end = ++b_node->b_end;
	struct maple_subtree_state mast;
	MA_STATE(l_mas, mas->tree, mas->index, mas->last);
	MA_STATE(r_mas, mas->tree, mas->index, mas->last);

	mas_node_count(mas, 1 + empty_count * 3);
	if (mas_is_err(mas))
		return 0;
	mast.orig_l = &l_mas;
	mast.orig_r = &r_mas;
	mast.bn = b_node;
	mast.bn->type = mte_node_type(mas->node);
	l_mas = r_mas = *mas;
	if (mas_next_sibling(&r_mas)) {
		mas_mab_cp(&r_mas, 0, mt_slots[mte_node_type(r_mas.node)],
			   b_node, b_end);
		r_mas.last = r_mas.index = r_mas.max;
	} else {
		mas_prev_sibling(&l_mas);
		shift = mas_data_end(&l_mas) + 1;
		mab_shift_right(b_node, shift);
		mas->offset += shift;
		mas_mab_cp(&l_mas, 0, shift - 1, b_node, 0);
		b_node->b_end = shift + b_end;
		l_mas.index = l_mas.last = l_mas.min;
	}
	return mas_spanning_rebalance(mas, &mast, empty_count);
}

/* ---- splitting ----------------------------------------------------------- */

/* The last level of a split: one node holds the level's data (at the
 * root, a new root one level up). */
static bool mas_split_final_node(struct maple_subtree_state *mast,
				 struct ma_state *mas, int height)
{
	struct maple_enode *ancestor;

	if (mte_is_root(mas->node)) {
		mast->bn->type = mt_is_alloc(mas->tree) ? maple_arange_64 :
							  maple_range_64;
		mas->depth = height;
	}
	ancestor = mas_new_ma_node(mas, mast->bn);
	mte_set_parent(mast->l->node, mte_to_node(ancestor), mast->l->offset);
	mte_set_parent(mast->r->node, mte_to_node(ancestor), mast->r->offset);
	mte_to_node(ancestor)->parent = mte_to_node(mas->node)->parent;
	mast->l->node = ancestor;
	mab_mas_cp(mast->bn, 0, mt_slots[mast->bn->type] - 1, mast->l, true);
	mas->offset = mast->bn->b_end - 1;
	return true;
}

/* Read the parent level into the big node with the two new children in
 * place of the old one (@skip: how many old slots they replace). */
static void mast_fill_bnode(struct maple_subtree_state *mast,
			    struct ma_state *mas, unsigned char skip)
{
	struct maple_enode *old = mas->node;
	bool cp = true;
	unsigned char split;

	memset(mast->bn->gap, 0, sizeof(mast->bn->gap));
	memset(mast->bn->slot, 0, sizeof(mast->bn->slot));
	memset(mast->bn->pivot, 0, sizeof(mast->bn->pivot));
	mast->bn->b_end = 0;
	if (mte_is_root(mas->node)) {
		cp = false;
	} else {
		mas_ascend(mas);
		mat_add(mast->free, old);
		mas->offset = mte_parent_slot(mas->node);
	}
	if (cp && mast->l->offset)
		mas_mab_cp(mas, 0, mast->l->offset - 1, mast->bn, 0);
	split = mast->bn->b_end;
	mab_set_b_end(mast->bn, mast->l, mast->l->node);
	mast->r->offset = mast->bn->b_end;
	mab_set_b_end(mast->bn, mast->r, mast->r->node);
	if (mast->bn->pivot[mast->bn->b_end - 1] == mas->max)
		cp = false;
	if (cp)
		mas_mab_cp(mas, split + skip,
			   mt_slots[mte_node_type(mas->node)] - 1, mast->bn,
			   mast->bn->b_end);
	mast->bn->b_end--;
	mast->bn->type = mte_node_type(mas->node);
}

/* Fill the new left and right nodes from the big node, split at @split. */
static void mast_split_data(struct maple_subtree_state *mast,
			    struct ma_state *mas, unsigned char split)
{
	unsigned char p_slot;

	mab_mas_cp(mast->bn, 0, split, mast->l, true);
	ma_pivots(mte_to_node(mast->r->node),
		  mte_node_type(mast->r->node))[0] = mast->r->max;
	mab_mas_cp(mast->bn, split + 1, mast->bn->b_end, mast->r, false);
	mast->l->offset = mte_parent_slot(mas->node);
	mast->l->max = mast->bn->pivot[split];
	mast->r->min = mast->l->max + 1;
	if (mte_is_leaf(mas->node))
		return;
	p_slot = mast->orig_l->offset;
	mas_set_split_parent(mast->orig_l, mast->l->node, mast->r->node,
			     &p_slot, split);
	mas_set_split_parent(mast->orig_r, mast->l->node, mast->r->node,
			     &p_slot, split);
}

/*
 * Instead of splitting, share the data with the left (@left) or right
 * sibling when the two fit in two nodes with a slot to spare; the split
 * then stops at the parent.
 */
static bool mas_push_data(struct ma_state *mas, int height,
			  struct maple_subtree_state *mast, bool left)
{
	unsigned char slot_total = mast->bn->b_end, end, space, split;
	struct ma_state tmp_mas = *mas;

	tmp_mas.depth = mast->l->depth;
	if (left && !mas_prev_sibling(&tmp_mas))
		return false;
	if (!left && !mas_next_sibling(&tmp_mas))
		return false;
	end = mas_data_end(&tmp_mas);
	slot_total += end;
	space = 2 * mt_slots[mte_node_type(mas->node)] - 2;
	if (ma_is_leaf(mast->bn->type))
		space--;
	if (mas->max == ULONG_MAX)
		space--;
	if (slot_total >= space)
		return false;
	mast->bn->b_end++;
	if (left) {
		mab_shift_right(mast->bn, end + 1);
		mas_mab_cp(&tmp_mas, 0, end, mast->bn, 0);
		mast->bn->b_end = slot_total + 1;
	} else {
		mas_mab_cp(&tmp_mas, 0, end, mast->bn, mast->bn->b_end);
	}
	split = mt_slots[mast->bn->type] - 2;
	if (left) {
		mat_add(mast->free, mas->node);
		*mas = tmp_mas;
		tmp_mas.node = mast->l->node;
		*mast->l = tmp_mas;
	} else {
		mat_add(mast->free, tmp_mas.node);
		tmp_mas.node = mast->r->node;
		*mast->r = tmp_mas;
		split = slot_total - split;
	}
	split = mab_no_null_split(mast->bn, split, mt_slots[mast->bn->type]);
	if (left)
		mast->orig_l->offset += end + 1;
	mast_split_data(mast, mas, split);
	mast_fill_bnode(mast, mas, 2);
	mas_split_final_node(mast, mas, height + 1);
	return true;
}

/* The big node overflows mas->node: split, upwards as far as needed. */
static int mas_split(struct ma_state *mas, struct maple_big_node *b_node)
{
	struct maple_subtree_state mast;
	struct ma_topiary mat = { 0 };
	unsigned char mid_split, split;
	int height = 0;
	MA_STATE(l_mas, mas->tree, mas->index, mas->last);
	MA_STATE(r_mas, mas->tree, mas->index, mas->last);
	MA_STATE(prev_l_mas, mas->tree, mas->index, mas->last);
	MA_STATE(prev_r_mas, mas->tree, mas->index, mas->last);

	mas->depth = mt_height(mas->tree);
	mas_node_count(mas, 1 + mas->depth * 2);
	if (mas_is_err(mas))
		return 0;
	mast.l = &l_mas;
	mast.r = &r_mas;
	mast.orig_l = &prev_l_mas;
	mast.orig_r = &prev_r_mas;
	mast.free = &mat;
	mast.bn = b_node;
	while (height++ <= mas->depth) {
		if (mt_slots[b_node->type] > b_node->b_end) {
			mas_split_final_node(&mast, mas, height);
			break;
		}
		l_mas = r_mas = *mas;
		l_mas.node = mas_new_ma_node(mas, b_node);
		r_mas.node = mas_new_ma_node(mas, b_node);
		if (mas_push_data(mas, height, &mast, true))
			break;
		if (mas_push_data(mas, height, &mast, false))
			break;
		split = mab_calc_split(mas, b_node, &mid_split);
		mast_split_data(&mast, mas, split);
		/* mab_mas_cp() set r->max from the big node; it ends at mas->max */
		mast.r->max = mas->max;
		mast_fill_bnode(&mast, mas, 1);
		prev_l_mas = *mast.l;
		prev_r_mas = *mast.r;
	}
	mat_add(mast.free, mas->node);
	mas->node = l_mas.node;
	mas_wmb_replace(mas, mast.free, NULL);
	mas_range_walk(mas);
	return 1;
}

/* ---- committing the big node -------------------------------------------- */

/* Rewrite the leaf in place from the big node (not in RCU mode). */
static bool mas_reuse_node(struct ma_wr_state *wr_mas,
			   struct maple_big_node *bn, unsigned char end)
{
	if (mt_in_rcu(wr_mas->mas->tree))
		return false;
	if (end > bn->b_end) {
		int clear = mt_slots[wr_mas->type] - bn->b_end;

		memset(wr_mas->slots + bn->b_end, 0, sizeof(void *) * clear--);
		memset(wr_mas->pivots + bn->b_end, 0, sizeof(void *) * clear);
	}
	mab_mas_cp(bn, 0, bn->b_end, wr_mas->mas, false);
	return true;
}

int mas_commit_b_node(struct ma_wr_state *wr_mas, struct maple_big_node *b_node,
		      unsigned char end)
{
	struct ma_state *mas = wr_mas->mas;
	unsigned char b_end = b_node->b_end;
	enum maple_type b_type = b_node->type;
	struct maple_node *node;

	if (b_end < mt_min_slots[b_type] && !mte_is_root(mas->node) &&
	    mt_height(mas->tree) > 1)
		return mas_rebalance(mas, b_node);
	if (b_end >= mt_slots[b_type])
		return mas_split(mas, b_node);
	if (mas_reuse_node(wr_mas, b_node, end))
		goto reuse_node;
	mas_node_count(mas, 1);
	if (mas_is_err(mas))
		return 0;
	node = mas_pop_node(mas);
	node->parent = mte_to_node(mas->node)->parent;
	mas->node = mt_mk_node(node, b_type);
	mab_mas_cp(b_node, 0, b_end, mas, false);
	mas_replace(mas, false);
reuse_node:
	mas_update_gap(mas);
	return 1;
}

/* ---- spanning stores ---------------------------------------------------- */

/* A NULL spanning store takes in NULL ranges at both of its ends. */
static void mas_extend_spanning_null(struct ma_wr_state *l_wr_mas,
				     struct ma_wr_state *r_wr_mas)
{
	struct ma_state *r_mas = r_wr_mas->mas, *l_mas = l_wr_mas->mas;
	unsigned char l_slot = l_mas->offset;

	if (!l_wr_mas->content)
		l_mas->index = l_wr_mas->r_min;
	if (l_mas->index == l_wr_mas->r_min && l_slot &&
	    !l_wr_mas->slots[l_slot - 1]) {
		if (l_slot > 1)
			l_mas->index = l_wr_mas->pivots[l_slot - 2] + 1;
		else
			l_mas->index = l_mas->min;
		l_mas->offset = l_slot - 1;
	}
	if (!r_wr_mas->content) {
		if (r_mas->last < r_wr_mas->r_max)
			r_mas->last = r_wr_mas->r_max;
		r_mas->offset++;
	} else if (r_mas->last == r_wr_mas->r_max &&
		   r_mas->last < r_mas->max &&
		   !r_wr_mas->slots[r_mas->offset + 1]) {
		r_mas->last = mas_safe_pivot(r_mas, r_wr_mas->pivots,
					     r_mas->offset + 1, r_wr_mas->type);
		r_mas->offset++;
	}
}

/*
 * A store whose range leaves the node it starts in: walk to the leaf of
 * its start (left) and of the index after its end (right), combine the
 * two into the big node with the store applied, and rebuild the subtree
 * between them.
 */
int mas_wr_spanning_store(struct ma_wr_state *wr_mas)
{
	struct ma_state *mas = wr_mas->mas;
	struct maple_subtree_state mast;
	struct maple_big_node b_node;
	unsigned char height;
	MA_STATE(l_mas, NULL, 0, 0);
	MA_STATE(r_mas, NULL, 0, 0);
	MA_WR_STATE(r_wr_mas, &r_mas, wr_mas->entry);
	MA_WR_STATE(l_wr_mas, &l_mas, wr_mas->entry);

	if (!mas->index && mas->last == ULONG_MAX)
		return mas_new_root(mas, wr_mas->entry);
	height = mt_height(mas->tree);
	mas_node_count(mas, 1 + height * 3);
	if (mas_is_err(mas))
		return 0;
	r_mas = *mas;
	if (r_mas.last + 1)
		r_mas.last++;   /* the slot after the store (no overflow) */
	r_mas.index = r_mas.last;
	mas_wr_walk_index(&r_wr_mas);
	r_mas.last = r_mas.index = mas->last;
	l_mas = *mas;
	mas_wr_walk_index(&l_wr_mas);
	if (!wr_mas->entry) {
		mas_extend_spanning_null(&l_wr_mas, &r_wr_mas);
		mas->offset = l_mas.offset;
		mas->index = l_mas.index;
		mas->last = l_mas.last = r_mas.last;
	}
	if (!l_mas.index && r_mas.last == ULONG_MAX) {
		mas_set_range(mas, 0, ULONG_MAX);
		return mas_new_root(mas, wr_mas->entry);
	}
	memset(&b_node, 0, sizeof(b_node));
	mas_store_b_node(&l_wr_mas, &b_node, l_wr_mas.node_end);
	if (r_mas.max > r_mas.last)
		mas_mab_cp(&r_mas, r_mas.offset, r_wr_mas.node_end, &b_node,
			   b_node.b_end + 1);
	else
		b_node.b_end++;
	l_mas.index = l_mas.last = mas->index;
	mast.bn = &b_node;
	mast.orig_l = &l_mas;
	mast.orig_r = &r_mas;
	return mas_spanning_rebalance(mas, &mast, height + 1);
}

/* ---- the end of a bulk load --------------------------------------------- */

/*
 * After a bulk load (mas_expected_entries) the last leaf may hold fewer
 * than its minimum (@end slots): move the end of the previous leaf into
 * it.  Outside RCU mode both leaves are rewritten in place; in RCU mode
 * both and their parent are replaced.
 */
void mas_destroy_rebalance(struct ma_state *mas, unsigned char end)
{
	enum maple_type type = mte_node_type(mas->node);
	struct maple_node reuse, *newnode, *parent, *new_left, *left, *node;
	unsigned char offset, tmp, split = mt_slots[type] / 2;
	bool in_rcu = mt_in_rcu(mas->tree);
	struct maple_enode *eparent;
	unsigned long *l_pivs, *pivs, gap;
	void **l_slots, **slots;
	MA_STATE(l_mas, mas->tree, mas->index, mas->last);

	l_mas = *mas;
	mas_prev_sibling(&l_mas);
	if (in_rcu) {
		mas_node_count(mas, 3);
		if (mas_is_err(mas))
			return;
		newnode = mas_pop_node(mas);
	} else {
		memset(&reuse, 0, sizeof(reuse));
		newnode = &reuse;
	}
	node = mte_to_node(mas->node);
	newnode->parent = node->parent;
	slots = ma_slots(newnode, type);
	pivs = ma_pivots(newnode, type);
	left = mte_to_node(l_mas.node);
	l_slots = ma_slots(left, type);
	l_pivs = ma_pivots(left, type);
	if (!l_slots[split])
		split++;
	tmp = mas_data_end(&l_mas) - split;
	memcpy(slots, l_slots + split + 1, sizeof(void *) * tmp);
	memcpy(pivs, l_pivs + split + 1, sizeof(unsigned long) * tmp);
	pivs[tmp] = l_mas.max;
	memcpy(slots + tmp, ma_slots(node, type), sizeof(void *) * end);
	memcpy(pivs + tmp, ma_pivots(node, type), sizeof(unsigned long) * end);
	l_mas.max = l_pivs[split];
	mas->min = l_mas.max + 1;
	eparent = mt_mk_node(mte_parent(l_mas.node), mas_parent_type(&l_mas));
	tmp += end;
	if (!in_rcu) {
		unsigned char max_p = mt_pivots[type], max_s = mt_slots[type];

		if (tmp < max_p)
			memset(pivs + tmp, 0, sizeof(unsigned long) * (max_p - tmp));
		if (tmp < max_s)
			memset(slots + tmp, 0, sizeof(void *) * (max_s - tmp));
		memcpy(node, newnode, sizeof(*node));
		ma_set_meta(node, type, tmp - 1, 0);
		ma_pivots(mte_to_node(eparent), mte_node_type(eparent))
			[mte_parent_slot(l_mas.node)] = l_pivs[split];
		/* the left leaf ends at the split now */
		tmp = split + 1;
		memset(l_pivs + tmp, 0, sizeof(unsigned long) * (max_p - tmp));
		memset(l_slots + tmp, 0, sizeof(void *) * (max_s - tmp));
		ma_set_meta(left, type, split, 0);
		goto done;
	}
	mas->node = mt_mk_node(newnode, type);
	ma_set_meta(newnode, type, tmp, 0);
	new_left = mas_pop_node(mas);
	new_left->parent = left->parent;
	type = mte_node_type(l_mas.node);
	slots = ma_slots(new_left, type);
	pivs = ma_pivots(new_left, type);
	memcpy(slots, l_slots, sizeof(void *) * split);
	memcpy(pivs, l_pivs, sizeof(unsigned long) * split);
	ma_set_meta(new_left, type, split, 0);
	l_mas.node = mt_mk_node(new_left, type);
	/* and a new parent pointing at both */
	offset = mte_parent_slot(mas->node);
	type = mas_parent_type(&l_mas);
	parent = mas_pop_node(mas);
	slots = ma_slots(parent, type);
	pivs = ma_pivots(parent, type);
	memcpy(parent, mte_to_node(eparent), sizeof(*parent));
	slots[offset] = mas->node;
	slots[offset - 1] = l_mas.node;
	pivs[offset - 1] = l_mas.max;
	eparent = mt_mk_node(parent, type);
done:
	gap = mas_leaf_max_gap(mas);
	if (mte_node_type(eparent) == maple_arange_64)
		ma_gaps(mte_to_node(eparent), maple_arange_64)
			[mte_parent_slot(mas->node)] = gap;
	gap = mas_leaf_max_gap(&l_mas);
	if (mte_node_type(eparent) == maple_arange_64)
		ma_gaps(mte_to_node(eparent), maple_arange_64)
			[mte_parent_slot(l_mas.node)] = gap;
	mas_ascend(mas);
	if (in_rcu)
		mas_replace(mas, false);
	mas_update_gap(mas);
}

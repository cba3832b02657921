// SPDX-License-Identifier: MIT
/*
 * lib/maple_tree.c — the maple tree, a B-tree of non-overlapping ranges.
 *
 * Kernel counterpart: lib/maple_tree.c (Linux 6.1).  The structures,
 * encodings, node types, the "maple_node" slab cache and the API are the
 * kernel's (see include/linux/maple_tree.h for the node picture and the
 * glossary); the code is mmsim's own.
 *
 * Shape
 *
 *                      ma_root = enode | 2
 *                             |
 *               +---------------------------+  maple_arange_64 (alloc trees)
 *               | p0 p1 ...         | gaps  |  or maple_range_64: internal
 *               +---------------------------+
 *               /        |          \
 *        +--------+ +--------+  +--------+   maple_leaf_64: up to 16 ranges,
 *        | leaf   | | leaf   |  | leaf   |   NULL ones included
 *        +--------+ +--------+  +--------+
 *
 *   - Every index 0..ULONG_MAX belongs to exactly one slot of one leaf:
 *     the leaves' ranges tile the index space in order.
 *   - A slot's range is (previous pivot, its pivot]; the first slot starts
 *     at the node's min, the last used slot ends at the node's max, which
 *     its parent's pivot for it gives.
 *   - All leaves are at the same depth; the height is in ma_flags.
 *   - Nodes other than the root and the right-most node of each level
 *     hold at least mt_min_slots[type] + 1 slots.
 *   - No two consecutive NULL ranges in the in-order sequence of leaves.
 *   - Allocation-range trees keep in gap[i] the largest run of NULL
 *     indices under slot i, and in meta.gap the slot holding the largest.
 *   - A tree holding only an entry at index 0 keeps it in ma_root itself.
 *   - Encoded node pointer (enode): node | type << 3 | 4.  Parent pointer:
 *     the parent node | slot << 3 | 6, or the tree | 1 at the root.
 *
 * Writes follow the kernel's route (lib/maple_tree_write.c and
 * lib/maple_tree_rebalance.c): in place in the leaf where the store
 * fits, else through a "big node" to a rewrite, a split (pushing to a
 * sibling first) or a rebalance; a store crossing nodes rebuilds the
 * subtree between its two ends.  So nodes, pivots and heights after any
 * sequence of writes are the kernel's.
 *
 * Allocation.  A ma_state carries a stack of nodes (mas->alloc) filled by
 * mas_preallocate() (the kernel's worst case, 1 + 3 x height nodes),
 * mas_expected_entries() or on demand; each write step asks for its own
 * worst case (mas_node_count), pops what it uses and pushes back the
 * nodes it replaces (outside RCU mode); mas_destroy() returns the rest to
 * the cache.  Writes ask with GFP_NOWAIT and report -ENOMEM in
 * mas->node; mas_nomem() then allocates with the caller's gfp and the
 * write is retried, as in the kernel.
 *
 * What differs from 6.1: the ma_state's node stack is a plain list (the
 * kernel packs 30 nodes per stack entry; the counts are the same); nodes
 * are freed at once (no RCU grace period); the gap search and the
 * iterators are mmsim's own code with the kernel's results.
 *
 * Files: this one (encodings, node allocation, reads and iteration, the
 * gap search, the mtree_*() and mas_store*() API), lib/maple_tree_write.c
 * (the write walk and in-node stores), lib/maple_tree_rebalance.c (big
 * node, split, rebalance, spanning store), lib/maple_tree_validate.c
 * (mt_validate, mt_dump) and lib/maple_tree_internal.h (what they share).
 *
 * Locking: the mtree_*() functions take the tree's lock; the mas_*()
 * functions expect their caller to hold it (or the mmap_lock).
 */
#include "lib/maple_tree_internal.h"
#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>


const unsigned char mt_slots[] = {
	[maple_dense] = MAPLE_NODE_SLOTS,
	[maple_leaf_64] = MAPLE_RANGE64_SLOTS,
	[maple_range_64] = MAPLE_RANGE64_SLOTS,
	[maple_arange_64] = MAPLE_ARANGE64_SLOTS,
};

const unsigned char mt_pivots[] = {
	[maple_dense] = 0,
	[maple_leaf_64] = MAPLE_RANGE64_SLOTS - 1,
	[maple_range_64] = MAPLE_RANGE64_SLOTS - 1,
	[maple_arange_64] = MAPLE_ARANGE64_SLOTS - 1,
};

const unsigned char mt_min_slots[] = {
	[maple_dense] = MAPLE_NODE_SLOTS / 2,
	[maple_leaf_64] = (MAPLE_RANGE64_SLOTS / 2) - 2,
	[maple_range_64] = (MAPLE_RANGE64_SLOTS / 2) - 2,
	[maple_arange_64] = (MAPLE_ARANGE64_SLOTS / 2) - 1,
};

/* ---- node allocation ---------------------------------------------------- */

void maple_tree_init(void)
{
	maple_node_cache = kmem_cache_create("maple_node",
					     sizeof(struct maple_node),
					     sizeof(struct maple_node),
					     SLAB_PANIC, NULL);
}

static struct maple_node *mt_alloc_one(gfp_t gfp)
{
	return kmem_cache_alloc(maple_node_cache, gfp | __GFP_ZERO);
}

void mt_free_one(struct maple_node *node)
{
	kmem_cache_free(maple_node_cache, node);
}

/* Free every node of the subtree under @enode (no RCU readers to wait for). */
void mt_destroy_walk(struct maple_enode *enode, unsigned long min,
			    unsigned long max)
{
	struct maple_node *node = mte_to_node(enode);
	enum maple_type type = mte_node_type(enode);

	if (!ma_is_leaf(type)) {
		unsigned long *pivots = ma_pivots(node, type);
		void **slots = ma_slots(node, type);
		unsigned char end = ma_data_end(node, type, max), i;

		for (i = 0; i <= end; i++) {
			unsigned long first, last;

			ma_slot_range(pivots, i, end, min, max, &first, &last);
			mt_destroy_walk(slots[i], first, last);
		}
	}
	mt_free_one(node);
}

unsigned long mas_allocated(const struct ma_state *mas)
{
	return mas->alloc ? mas->alloc->total : 0;
}

void mas_push_node(struct ma_state *mas, struct maple_node *node)
{
	struct maple_alloc *a = &node->alloc;
	unsigned long total = mas_allocated(mas);

	memset(node, 0, sizeof(*node));
	a->slot[0] = mas->alloc;
	a->total = total + 1;
	a->node_count = 1;
	mas->alloc = a;
}

struct maple_node *mas_pop_node(struct ma_state *mas)
{
	struct maple_alloc *a = mas->alloc;
	struct maple_node *node;

	if (!a) {
		/* a write needing more than was preallocated: the kernel
		 * would crash here; warn and allocate */
		WARN_ON_ONCE(1);
		return mt_alloc_one(GFP_KERNEL | __GFP_NOFAIL);
	}
	mas->alloc = a->slot[0];
	node = (struct maple_node *)a;
	memset(node, 0, sizeof(*node));
	return node;
}

/* Top the stack up to @count nodes; false (and nothing lost) on failure. */
static bool mas_alloc_nodes(struct ma_state *mas, unsigned long count,
			    gfp_t gfp)
{
	while (mas_allocated(mas) < count) {
		struct maple_node *node = mt_alloc_one(gfp);

		if (!node)
			return false;
		mas_push_node(mas, node);
	}
	return true;
}

/* Ask for @count nodes in total; on failure record -ENOMEM and the request. */
/*
 * Ask for @count nodes in all.  After mas_preallocate() or
 * mas_expected_entries() the stack is not topped up (the kernel's rule:
 * the preallocation is the worst case).  On failure mas->node is
 * MA_ERROR(-ENOMEM) and mas->min the whole request, for mas_nomem().
 */
void mas_node_count_gfp(struct ma_state *mas, unsigned long count, gfp_t gfp)
{
	unsigned long allocated = mas_allocated(mas);

	if (allocated >= count)
		return;
	if ((mas->mas_flags & MA_STATE_PREALLOC) && allocated)
		return;
	if (mas_alloc_nodes(mas, count, gfp))
		return;
	if (mas->alloc)
		mas->alloc->request_count = count - mas_allocated(mas);
	mas->depth = 0;
	mas->node = MA_ERROR(-ENOMEM);
	mas->min = count;
}

bool mas_is_err(struct ma_state *mas)
{
	return xa_is_err(mas->node);
}

/*
 * Return the nodes a ma_state holds.  A bulk load that left its last
 * leaf below the minimum gets it rebalanced first (the kernel does this
 * here too).
 */
void mas_destroy(struct ma_state *mas)
{
	struct maple_node *node;

	if (mas->mas_flags & MA_STATE_REBALANCE) {
		unsigned char end;
		MA_WR_STATE(wr_mas, mas, NULL);

		mas_reset(mas);
		mas_start(mas);
		if (!mas_is_none(mas) && !mas_is_ptr(mas)) {
			mas_wr_walk_index(&wr_mas);
			end = mas_data_end(mas) + 1;
			if (end < mt_min_slots[mte_node_type(mas->node)] - 1)
				mas_destroy_rebalance(mas, end);
		}
		mas->mas_flags &= ~MA_STATE_REBALANCE;
	}
	mas->mas_flags &= ~(MA_STATE_BULK | MA_STATE_PREALLOC);
	while (mas->alloc) {
		node = (struct maple_node *)mas->alloc;
		mas->alloc = mas->alloc->slot[0];
		mt_free_one(node);
	}
}

bool mas_nomem(struct ma_state *mas, gfp_t gfp)
{
	if (mas->node != MA_ERROR(-ENOMEM)) {
		mas_destroy(mas);
		return false;
	}
	if (!mas_alloc_nodes(mas, mas->min, gfp) && !mas_allocated(mas))
		return false;
	mas->node = MAS_START;
	mas->min = 0;
	return true;
}

/*
 * Before a bulk load of @nr_entries in order (dup_mmap): enough nodes
 * for leaves filled to 14 slots with a gap between entries, their
 * parents, and three to spare.
 */
int mas_expected_entries(struct ma_state *mas, unsigned long nr_entries)
{
	unsigned long nonleaf_cap = mt_is_alloc(mas->tree) ?
		MAPLE_ARANGE64_SLOTS - 2 : MAPLE_RANGE64_SLOTS - 2;
	unsigned long nr_nodes = max(nr_entries, nr_entries * 2 + 1);
	struct maple_enode *enode = mas->node;
	int ret;

	mas->mas_flags |= MA_STATE_BULK;
	nr_nodes = DIV_ROUND_UP(nr_nodes, MAPLE_RANGE64_SLOTS - 2);
	nr_nodes += DIV_ROUND_UP(nr_nodes, nonleaf_cap);
	mas_node_count_gfp(mas, nr_nodes + 3, GFP_KERNEL);
	mas->mas_flags |= MA_STATE_PREALLOC;
	if (!mas_is_err(mas))
		return 0;
	ret = xa_err(mas->node);
	mas->node = enode;
	return ret;
}

/* The worst case of one store: a new root and three nodes per level. */
int mas_preallocate(struct ma_state *mas, void *entry, gfp_t gfp)
{
	int ret;

	(void)entry;
	mas->mas_flags &= ~MA_STATE_PREALLOC;
	mas_node_count_gfp(mas, 1 + mt_height(mas->tree) * 3, gfp);
	if (!mas_is_err(mas)) {
		mas->mas_flags |= MA_STATE_PREALLOC;
		return 0;
	}
	ret = xa_err(mas->node);
	mas_reset(mas);
	mas_destroy(mas);
	mas_reset(mas);
	return ret;
}

/* ---- reading ------------------------------------------------------------ */

/*
 * Descend to the leaf slot holding @index.  Sets mas->node (the leaf, or
 * MAS_ROOT / MAS_NONE), offset, min/max (the leaf's span) and depth;
 * returns the entry and its range in @first/@last.
 */
static void *mas_descend_to(struct ma_state *mas, unsigned long index,
			    unsigned long *first, unsigned long *last)
{
	void *root = mas->tree->ma_root;
	struct maple_enode *enode;
	unsigned long min = 0, max = ULONG_MAX;
	unsigned char depth = 0;

	if (!root) {
		mas->node = MAS_NONE;
		*first = 0;
		*last = ULONG_MAX;
		return NULL;
	}
	if (!xa_is_node(root)) {
		mas->node = MAS_ROOT;
		*first = index ? 1 : 0;
		*last = index ? ULONG_MAX : 0;
		return index ? NULL : root;
	}
	enode = mte_safe_root(root);
	for (;;) {
		struct maple_node *node = mte_to_node(enode);
		enum maple_type type = mte_node_type(enode);
		unsigned long *pivots = ma_pivots(node, type);
		unsigned char end = ma_data_end(node, type, max), i = 0;
		unsigned long smin, smax;

		while (i < end && pivots[i] < index)
			i++;
		ma_slot_range(pivots, i, end, min, max, &smin, &smax);
		depth++;
		if (ma_is_leaf(type)) {
			mas->node = enode;
			mas->offset = i;
			mas->min = min;
			mas->max = max;
			mas->depth = depth;
			*first = smin;
			*last = smax;
			return ma_slots(node, type)[i];
		}
		min = smin;
		max = smax;
		enode = ma_slots(node, type)[i];
	}
}

void *mas_walk(struct ma_state *mas)
{
	unsigned long first, last;
	void *entry = mas_descend_to(mas, mas->index, &first, &last);

	mas->index = first;
	mas->last = last;
	return entry;
}

void *mtree_load(struct maple_tree *mt, unsigned long index)
{
	MA_STATE(mas, mt, index, index);
	unsigned long first, last;
	void *entry = mas_descend_to(&mas, index, &first, &last);

	return mt_is_zero(entry) ? NULL : entry;
}

static inline bool mas_searchable(struct ma_state *mas)
{
	return !mas_is_none(mas) && mas->node != MAS_ROOT;
}

/*
 * Moving between leaves.  The ma_state's node, offset and [min, max] say
 * where it is; these helpers step through a leaf and to its neighbours
 * the way the kernel does, so that where a search stops (mas->index,
 * mas->last, mas->node after a miss) is the kernel's too.
 */
/* Move mas->node to its parent; offset becomes its slot there. */
void mas_ascend(struct ma_state *mas)
{
	struct maple_node *node = mte_to_node(mas->node), *a_node;
	struct maple_enode *a_enode, *p_enode;
	enum maple_type ptype = mas_parent_type(mas);
	unsigned long min = 0, max = ULONG_MAX;
	bool set_min = false, set_max = false;

	if (ma_is_root(node)) {
		mas->offset = 0;
		return;
	}
	mas->offset = mte_parent_slot(mas->node);
	a_enode = mt_mk_node(mte_parent(mas->node), ptype);
	mas->node = a_enode;
	/* the parent's span: the nearest pivots on each side further up */
	while (!ma_is_root(mte_to_node(a_enode)) && (!set_min || !set_max)) {
		unsigned char a_slot = mte_parent_slot(a_enode);
		unsigned long *pivots;

		p_enode = a_enode;
		a_node = mte_parent(p_enode);
		a_enode = mt_mk_node(a_node, ptype);
		pivots = ma_pivots(a_node, ptype);
		if (!set_min && a_slot) {
			set_min = true;
			min = pivots[a_slot - 1] + 1;
		}
		if (!set_max && a_slot < mt_pivots[ptype]) {
			set_max = true;
			max = pivots[a_slot];
		}
	}
	mas->min = min;
	mas->max = max;
}

/* The leaf after mas->node, when it starts at or below @max; else MAS_NONE. */
static void mas_next_node(struct ma_state *mas, struct maple_node *node,
			  unsigned long max)
{
	unsigned long min = 0, pivot, *pivots = NULL;
	unsigned char offset = 0, node_end = 0;
	enum maple_type mt = maple_leaf_64;
	int level = 0;
	void **slots;

	if (mas->max >= max)
		goto no_entry;
	do {
		if (ma_is_root(node))
			goto no_entry;
		min = mas->max + 1;
		if (min > max)
			goto no_entry;
		mas_ascend(mas);
		offset = mas->offset;
		level++;
		node = mte_to_node(mas->node);
		mt = mte_node_type(mas->node);
		pivots = ma_pivots(node, mt);
		node_end = ma_data_end(node, mt, mas->max);
	} while (offset == node_end);

	slots = ma_slots(node, mt);
	pivot = mas_safe_pivot(mas, pivots, ++offset, mt);
	while (level > 1) {
		mas->node = slots[offset];
		level--;
		node = mte_to_node(mas->node);
		mt = mte_node_type(mas->node);
		slots = ma_slots(node, mt);
		pivots = ma_pivots(node, mt);
		offset = 0;
		pivot = pivots[0];
	}
	mas->node = slots[offset];
	mas->min = min;
	mas->max = pivot;
	return;
no_entry:
	mas->node = MAS_NONE;
}

/* The leaf before mas->node, when it ends at or above @min; else MAS_NONE. */
static void mas_prev_node(struct ma_state *mas, unsigned long min)
{
	struct maple_node *node;
	enum maple_type mt;
	unsigned long *pivots;
	void **slots;
	int offset, level = 0;

	if (mas_is_none(mas))
		return;
	do {
		node = mte_to_node(mas->node);
		if (ma_is_root(node))
			goto no_entry;
		mas_ascend(mas);
		offset = mas->offset;
		level++;
	} while (!offset);

	offset--;
	mt = mte_node_type(mas->node);
	node = mte_to_node(mas->node);
	slots = ma_slots(node, mt);
	pivots = ma_pivots(node, mt);
	mas->max = pivots[offset];
	if (offset)
		mas->min = pivots[offset - 1] + 1;
	if (mas->max < min)
		goto no_entry_min;
	while (level > 1) {
		level--;
		mas->node = slots[offset];
		mt = mte_node_type(mas->node);
		node = mte_to_node(mas->node);
		slots = ma_slots(node, mt);
		pivots = ma_pivots(node, mt);
		offset = ma_data_end(node, mt, mas->max);
		if (offset)
			mas->min = pivots[offset - 1] + 1;
		if (offset < mt_pivots[mt])
			mas->max = pivots[offset];
		if (mas->max < min)
			goto no_entry;
	}
	mas->node = slots[offset];
	node = mte_to_node(mas->node);
	mas->offset = ma_data_end(node, mte_node_type(mas->node), mas->max);
	return;
no_entry_min:
	mas->offset = offset;
	if (offset)
		mas->min = pivots[offset - 1] + 1;
no_entry:
	mas->node = MAS_NONE;
}

/* The next non-NULL slot of the leaf from mas->offset, up to @max. */
static void *mas_next_nentry(struct ma_state *mas, struct maple_node *node,
			     unsigned long max, enum maple_type type)
{
	unsigned long *pivots = ma_pivots(node, type), pivot;
	void **slots = ma_slots(node, type);
	unsigned char count;
	void *entry;

	if (mas->last == mas->max) {
		mas->index = mas->max;
		return NULL;
	}
	count = ma_data_end(node, type, mas->max);
	mas->index = mas_safe_min(mas, pivots, mas->offset);
	if (mas->index > max || mas->offset > count)
		return NULL;
	while (mas->offset < count) {
		pivot = pivots[mas->offset];
		entry = slots[mas->offset];
		if (entry)
			goto found;
		if (pivot >= max)
			return NULL;
		mas->index = pivot + 1;
		mas->offset++;
	}
	if (mas->index > mas->max) {
		mas->index = mas->last;
		return NULL;
	}
	pivot = mas_safe_pivot(mas, pivots, mas->offset, type);
	entry = slots[mas->offset];
	if (!pivot || !entry)
		return NULL;
found:
	mas->last = pivot;
	return entry;
}

/*
 * The first entry after the current range starting no later than @limit.
 * Not found: index = last = limit, the node stays where the search ended.
 */
static void *mas_next_entry(struct ma_state *mas, unsigned long limit)
{
	struct maple_enode *prev_node;
	struct maple_node *node;
	unsigned char offset;
	enum maple_type mt;
	void *entry;

	if (mas->index > limit) {
		mas->index = mas->last = limit;
		mas_pause(mas);
		return NULL;
	}
	offset = mas->offset;
	prev_node = mas->node;
	node = mte_to_node(mas->node);
	mt = mte_node_type(mas->node);
	mas->offset++;
	if (mas->offset >= mt_slots[mt]) {
		mas->offset = mt_slots[mt] - 1;
		goto next_node;
	}
	while (!mas_is_none(mas)) {
		entry = mas_next_nentry(mas, node, limit, mt);
		if (entry)
			return entry;
		if (mas->index > limit)
			break;
next_node:
		prev_node = mas->node;
		offset = mas->offset;
		mas_next_node(mas, node, limit);
		mas->offset = 0;
		if (mas_is_none(mas))
			break;
		node = mte_to_node(mas->node);
		mt = mte_node_type(mas->node);
	}
	mas->index = mas->last = limit;
	mas->offset = offset;
	mas->node = prev_node;
	return NULL;
}

/* The last non-NULL slot of the leaf before mas->offset, down to @limit. */
static void *mas_prev_nentry(struct ma_state *mas, unsigned long limit)
{
	struct maple_node *mn = mte_to_node(mas->node);
	enum maple_type mt = mte_node_type(mas->node);
	unsigned long *pivots = ma_pivots(mn, mt), pivot, min;
	void **slots = ma_slots(mn, mt);
	unsigned char offset;
	void *entry;

	if (!mas->offset)
		return NULL;
	offset = mas->offset - 1;
	if (offset >= mt_slots[mt])
		offset = mt_slots[mt] - 1;
	pivot = offset == mt_pivots[mt] ? mas->max : pivots[offset];
	while (offset && ((!slots[offset] && pivot >= limit) || !pivot))
		pivot = pivots[--offset];
	min = mas_safe_min(mas, pivots, offset);
	entry = slots[offset];
	if (entry) {
		mas->offset = offset;
		mas->last = pivot;
		mas->index = min;
	}
	return entry;
}

/* The last entry before the current range ending no earlier than @min. */
static void *mas_prev_entry(struct ma_state *mas, unsigned long min)
{
	void *entry;

	if (mas->index < min) {
		mas->index = mas->last = min;
		mas->node = MAS_NONE;
		return NULL;
	}
	while (!mas_is_none(mas)) {
		entry = mas_prev_nentry(mas, min);
		if (mas->last < min)
			goto not_found;
		if (entry)
			return entry;
		mas_prev_node(mas, min);
		mas->offset++;
	}
	mas->offset--;
not_found:
	mas->index = mas->last = min;
	return NULL;
}

void *mas_find(struct ma_state *mas, unsigned long max)
{
	if (mas_is_paused(mas)) {
		if (mas->last == ULONG_MAX) {
			mas->node = MAS_NONE;
			return NULL;
		}
		mas->node = MAS_START;
		mas->index = ++mas->last;
	}
	if (mas_is_none(mas))
		mas->node = MAS_START;
	if (mas->node == MAS_START) {
		void *entry;

		if (mas->index > max)
			return NULL;
		entry = mas_walk(mas);
		if (entry)
			return entry;
	}
	if (!mas_searchable(mas))
		return NULL;
	return mas_next_entry(mas, max);
}

void *mas_find_rev(struct ma_state *mas, unsigned long min)
{
	if (mas_is_paused(mas)) {
		if (mas->last == ULONG_MAX) {
			mas->node = MAS_NONE;
			return NULL;
		}
		mas->node = MAS_START;
		mas->last = --mas->index;
	}
	if (mas->node == MAS_START) {
		void *entry;

		if (mas->index < min)
			return NULL;
		entry = mas_walk(mas);
		if (entry)
			return entry;
	}
	if (!mas_searchable(mas))
		return NULL;
	if (mas->index < min)
		return NULL;
	return mas_prev_entry(mas, min);
}

void *mas_next(struct ma_state *mas, unsigned long max)
{
	if (mas_is_none(mas) || mas_is_paused(mas))
		mas->node = MAS_START;
	if (mas->node == MAS_START)
		mas_walk(mas);
	if (mas->node == MAS_ROOT) {
		if (!mas->index) {
			mas->index = 1;
			mas->last = ULONG_MAX;
		}
		return NULL;
	}
	if (mas->last == ULONG_MAX)
		return NULL;
	return mas_next_entry(mas, max);
}

void *mas_prev(struct ma_state *mas, unsigned long min)
{
	if (!mas->index) {
		mas->last = 0;
		mas->node = MAS_NONE;
		return NULL;
	}
	if (mas->node == MAS_ROOT)
		return NULL;
	if (mas_is_none(mas) || mas_is_paused(mas))
		mas->node = MAS_START;
	if (mas->node == MAS_START) {
		mas_walk(mas);
		if (!mas->index)
			return NULL;
	}
	if (mas->node == MAS_ROOT) {
		mas->index = mas->last = 0;
		return mas->tree->ma_root;
	}
	return mas_prev_entry(mas, min);
}

void mas_pause(struct ma_state *mas)
{
	mas->node = MAS_PAUSE;
}

void *mt_find(struct maple_tree *mt, unsigned long *index, unsigned long max)
{
	MA_STATE(mas, mt, *index, *index);
	void *entry;

	if (*index > max)
		return NULL;
	entry = mas_walk(&mas);
	if (mt_is_zero(entry))
		entry = NULL;
	if (entry)
		goto found;
	while (mas_searchable(&mas) && mas.index < max) {
		entry = mas_next_entry(&mas, max);
		if (entry && !mt_is_zero(entry))
			break;
	}
	if (mt_is_zero(entry))
		entry = NULL;
found:
	if (entry)
		*index = mas.last + 1;
	return entry;
}

void *mt_find_after(struct maple_tree *mt, unsigned long *index,
		    unsigned long max)
{
	if (!*index)
		return NULL;
	return mt_find(mt, index, max);
}

void *mt_next(struct maple_tree *mt, unsigned long index, unsigned long max)
{
	MA_STATE(mas, mt, index, index);

	return mas_next(&mas, max);
}

void *mt_prev(struct maple_tree *mt, unsigned long index, unsigned long min)
{
	MA_STATE(mas, mt, index, index);

	return mas_prev(&mas, min);
}

/* ---- the gap search ------------------------------------------------------ */

struct mt_gap_search {
	unsigned long min, max, size;
	bool rev;
	unsigned long index, last;   /* the result */
};


/* Does NULL range [first, last] give @s its answer?  Fills it in if so. */
static bool mt_gap_fits(struct mt_gap_search *s, unsigned long first,
			unsigned long last)
{
	unsigned long lo = max(first, s->min), hi = min(last, s->max);

	if (first > s->max || last < s->min || lo > hi)
		return false;
	if (mt_range_size(lo, hi) < s->size)
		return false;
	if (s->rev) {
		s->last = hi;
		s->index = hi - s->size + 1;
	} else {
		s->index = lo;
		s->last = lo + s->size - 1;
	}
	return true;
}

/* Search the subtree under @enode spanning [min, max]; true when found. */
static bool mt_gap_walk(struct mt_gap_search *s, struct maple_enode *enode,
			unsigned long min, unsigned long max)
{
	struct maple_node *node = mte_to_node(enode);
	enum maple_type type = mte_node_type(enode);
	unsigned long *pivots = ma_pivots(node, type), *gaps = ma_gaps(node, type);
	void **slots = ma_slots(node, type);
	unsigned char end = ma_data_end(node, type, max);
	int i, step = s->rev ? -1 : 1;

	for (i = s->rev ? end : 0; i >= 0 && i <= end; i += step) {
		unsigned long first, last;

		ma_slot_range(pivots, i, end, min, max, &first, &last);
		if (last < s->min || first > s->max)
			continue;
		if (ma_is_leaf(type)) {
			if (!slots[i] && mt_gap_fits(s, first, last))
				return true;
			continue;
		}
		if (gaps && gaps[i] < s->size)
			continue;
		if (mt_gap_walk(s, slots[i], first, last))
			return true;
	}
	return false;
}

static int mas_empty_area_common(struct ma_state *mas, unsigned long min,
				 unsigned long max, unsigned long size,
				 bool rev)
{
	struct mt_gap_search s = { .min = min, .max = max, .size = size,
				   .rev = rev };
	void *root = mas->tree->ma_root;
	bool found;

	if (min >= max)
		return -EINVAL;
	if (xa_is_node(root)) {
		found = size && mt_gap_walk(&s, mte_safe_root(root), 0, ULONG_MAX);
	} else {
		/*
		 * No node: the kernel's mas_sparse_area places the window at
		 * @min (or ending at @max) unchecked, except that index 0 is
		 * taken when the root holds an entry.
		 */
		if (root && !min) {
			min = 1;
			if (min > max || max - min + 1 < size)
				return -EBUSY;
		}
		s.index = rev ? max - size + 1 : min;
		s.last = rev ? max : min + size - 1;
		found = true;
	}
	if (!found)
		return -EBUSY;
	mas->index = s.index;
	mas->last = s.last;
	mas->node = MAS_START;
	return 0;
}

/* The lowest gap of @size indices within [min, max]: mas->index..last. */
int mas_empty_area(struct ma_state *mas, unsigned long min, unsigned long max,
		   unsigned long size)
{
	return mas_empty_area_common(mas, min, max, size, false);
}

/* The highest gap of @size indices within [min, max]: mas->index..last. */
int mas_empty_area_rev(struct ma_state *mas, unsigned long min,
		       unsigned long max, unsigned long size)
{
	return mas_empty_area_common(mas, min, max, size, true);
}


/* ---- storing ------------------------------------------------------------- */

void *mas_store(struct ma_state *mas, void *entry)
{
	MA_WR_STATE(wr_mas, mas, entry);

	if (mas->index > mas->last || xa_is_advanced(entry)) {
		mas->node = MA_ERROR(-EINVAL);
		return NULL;
	}
	mas_wr_store_setup(&wr_mas);
	mas_wr_store_entry(&wr_mas);
	return wr_mas.content;
}

int mas_store_gfp(struct ma_state *mas, void *entry, gfp_t gfp)
{
	MA_WR_STATE(wr_mas, mas, entry);

	if (mas->index > mas->last || xa_is_advanced(entry))
		return -EINVAL;
	mas_wr_store_setup(&wr_mas);
retry:
	mas_wr_store_entry(&wr_mas);
	if (mas_nomem(mas, gfp))
		goto retry;
	if (mas_is_err(mas))
		return xa_err(mas->node);
	return 0;
}

/* Store with the nodes mas_preallocate() set aside, and free the rest. */
void mas_store_prealloc(struct ma_state *mas, void *entry)
{
	MA_WR_STATE(wr_mas, mas, entry);

	mas_wr_store_setup(&wr_mas);
	mas_wr_store_entry(&wr_mas);
	WARN_ON(mas_is_err(mas));
	mas_destroy(mas);
}

/* Erase the range holding mas->index; returns what was there. */
void *mas_erase(struct ma_state *mas)
{
	MA_WR_STATE(wr_mas, mas, NULL);
	void *entry;

	if (mas_is_none(mas) || mas_is_paused(mas))
		mas->node = MAS_START;
	entry = mas_walk(mas);
	if (!entry)
		return NULL;
retry:
	mas_reset(mas);   /* a store to a node's end must be seen as spanning */
	mas_wr_store_setup(&wr_mas);
	mas_wr_store_entry(&wr_mas);
	if (mas_nomem(mas, GFP_KERNEL))
		goto retry;
	return entry;
}

/* ---- the normal API ------------------------------------------------------ */

int mtree_store_range(struct maple_tree *mt, unsigned long first,
		      unsigned long last, void *entry, gfp_t gfp)
{
	MA_STATE(mas, mt, first, last);
	MA_WR_STATE(wr_mas, &mas, entry);

	if (first > last || xa_is_advanced(entry))
		return -EINVAL;
	mtree_lock(mt);
retry:
	mas_wr_store_entry(&wr_mas);
	if (mas_nomem(&mas, gfp))
		goto retry;
	mtree_unlock(mt);
	if (mas_is_err(&mas))
		return xa_err(mas.node);
	return 0;
}

int mtree_store(struct maple_tree *mt, unsigned long index, void *entry,
		gfp_t gfp)
{
	return mtree_store_range(mt, index, index, entry, gfp);
}

int mtree_insert_range(struct maple_tree *mt, unsigned long first,
		       unsigned long last, void *entry, gfp_t gfp)
{
	MA_STATE(mas, mt, first, last);

	if (first > last || xa_is_advanced(entry))
		return -EINVAL;
	mtree_lock(mt);
retry:
	mas_insert(&mas, entry);
	if (mas_nomem(&mas, gfp))
		goto retry;
	mtree_unlock(mt);
	if (mas_is_err(&mas))
		return xa_err(mas.node);
	return 0;
}

int mtree_insert(struct maple_tree *mt, unsigned long index, void *entry,
		 gfp_t gfp)
{
	return mtree_insert_range(mt, index, index, entry, gfp);
}

/*
 * Find a free range of @size in [min, max] and store @entry there.  The
 * kernel writes from the leaf its gap search stopped in; the store is
 * the same from the root, since a gap never spans leaves.
 */
static int mtree_alloc_common(struct maple_tree *mt, unsigned long *startp,
			      void *entry, unsigned long size,
			      unsigned long min, unsigned long max, gfp_t gfp,
			      bool rev)
{
	MA_STATE(mas, mt, 0, 0);
	int ret;

	if (!mt_is_alloc(mt))
		return -EINVAL;
	if (!entry || xa_is_advanced(entry))
		return -EINVAL;
	mtree_lock(mt);
	ret = rev ? mas_empty_area_rev(&mas, min, max, size) :
		    mas_empty_area(&mas, min, max, size);
	if (!ret) {
		*startp = mas.index;
		mas_set_range(&mas, mas.index, mas.index + size - 1);
		ret = mas_store_gfp(&mas, entry, gfp);
	}
	mtree_unlock(mt);
	return ret;
}

int mtree_alloc_range(struct maple_tree *mt, unsigned long *startp,
		      void *entry, unsigned long size, unsigned long min,
		      unsigned long max, gfp_t gfp)
{
	return mtree_alloc_common(mt, startp, entry, size, min, max, gfp, false);
}

int mtree_alloc_rrange(struct maple_tree *mt, unsigned long *startp,
		       void *entry, unsigned long size, unsigned long min,
		       unsigned long max, gfp_t gfp)
{
	return mtree_alloc_common(mt, startp, entry, size, min, max, gfp, true);
}

void *mtree_erase(struct maple_tree *mt, unsigned long index)
{
	MA_STATE(mas, mt, index, index);
	void *entry;

	mtree_lock(mt);
	entry = mas_erase(&mas);
	mtree_unlock(mt);
	return entry;
}

/* Free every node; the tree is empty afterwards (caller holds the lock). */
void __mt_destroy(struct maple_tree *mt)
{
	void *root = mt->ma_root;

	mt->ma_root = NULL;
	mas_set_height(mt, 0);
	if (xa_is_node(root))
		mt_destroy_walk(mte_safe_root(root), 0, ULONG_MAX);
}

void mtree_destroy(struct maple_tree *mt)
{
	mtree_lock(mt);
	__mt_destroy(mt);
	mtree_unlock(mt);
}


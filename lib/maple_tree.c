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
 * Writes.  The kernel changes the tree in place where it can and
 * otherwise rebuilds the affected nodes (mas_split, mas_rebalance,
 * mas_spanning_store).  Here a write finds the smallest subtree below
 * the root that holds the stored range and both its neighbours (so NULL
 * neighbours merge, as mas_wr_extend_null does), collects its ranges,
 * applies the store and lays the result out again:
 *   - as one node at the subtree's top: a leaf outside RCU mode is
 *     rewritten in place, anything else is built from new nodes that
 *     take the old subtree's slot (mas_wr_node_store's two ways);
 *   - as several, split evenly, when the parent has room for them: the
 *     parent is rewritten (in place, or a new one in RCU mode) with the
 *     new nodes in the old one's place (mas_split);
 *   - otherwise (a node would fall below its minimum, or the parent is
 *     full) one level up; at the root the whole tree is rebuilt, and
 *     only then does the height change.
 * Leaves split so as not to end on a NULL range when a one-slot shift
 * allows (mab_no_null_split).  The invariants above hold after every
 * write; node counts are close to, not equal to, the kernel's.
 *
 * Allocation.  A ma_state carries a stack of nodes (mas->alloc) filled by
 * mas_preallocate() (the kernel's worst case, 1 + 3 x height nodes) or on
 * demand; a write pops what it needs, and mas_destroy() returns the rest
 * to the cache.  Writes under mas_store() ask with GFP_NOWAIT and report
 * -ENOMEM in mas->node; mas_nomem() then allocates with the caller's gfp
 * and the write is retried, as in the kernel.
 *
 * What differs from 6.1: where nodes split and merge (a rebalance here
 * redistributes a whole subtree evenly; a store spanning two children of
 * the root rebuilds the tree), hence node counts and heights after some
 * writes; the allocation count of a write is what its rewrite needs, not
 * the kernel's per-case request; nodes are freed at once (no RCU grace
 * period).  Reads, iteration, the gap searches and the API contract are
 * the kernel's.
 *
 * Locking: the mtree_*() functions take the tree's lock; the mas_*()
 * functions expect their caller to hold it (or the mmap_lock).
 */
#include "linux/maple_tree.h"
#include "linux/errno.h"
#include "linux/kernel.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/string.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"

#include <stdio.h>

#define maple_node_cache (current_machine->maple_node_cache)

#define MAPLE_ROOT_NODE 0x02UL    /* ma_root: this is a node */
#define MAPLE_ENODE_NULL 0x04UL   /* enode marker bit */
#define MA_ROOT_PARENT 0x01UL     /* parent pointer: the tree itself */
#define MAPLE_PARENT_SLOT_SHIFT 3
#define MAPLE_PARENT_SLOT_MASK 0xF8UL
#define MAPLE_PARENT_RANGE64 0x06UL

static const unsigned char mt_slots[] = {
	[maple_dense] = MAPLE_NODE_SLOTS,
	[maple_leaf_64] = MAPLE_RANGE64_SLOTS,
	[maple_range_64] = MAPLE_RANGE64_SLOTS,
	[maple_arange_64] = MAPLE_ARANGE64_SLOTS,
};

static const unsigned char mt_pivots[] = {
	[maple_dense] = 0,
	[maple_leaf_64] = MAPLE_RANGE64_SLOTS - 1,
	[maple_range_64] = MAPLE_RANGE64_SLOTS - 1,
	[maple_arange_64] = MAPLE_ARANGE64_SLOTS - 1,
};

static const unsigned char mt_min_slots[] = {
	[maple_dense] = MAPLE_NODE_SLOTS / 2,
	[maple_leaf_64] = (MAPLE_RANGE64_SLOTS / 2) - 2,
	[maple_range_64] = (MAPLE_RANGE64_SLOTS / 2) - 2,
	[maple_arange_64] = (MAPLE_ARANGE64_SLOTS / 2) - 2,
};

/* ---- encodings ---------------------------------------------------------- */

/*
 * The XArray's zero entry: a reserved slot that reads as NULL through
 * mtree_load() and mt_find() but is not a gap.
 */
static inline bool mt_is_zero(const void *entry)
{
	return entry == (void *)((257UL << 2) | 2);
}

static inline struct maple_node *mte_to_node(const struct maple_enode *enode)
{
	return (struct maple_node *)((unsigned long)enode & ~MAPLE_NODE_MASK);
}

static inline enum maple_type mte_node_type(const struct maple_enode *enode)
{
	return ((unsigned long)enode >> MAPLE_NODE_TYPE_SHIFT) &
	       MAPLE_NODE_TYPE_MASK;
}

static inline struct maple_enode *mt_mk_node(const struct maple_node *node,
					     enum maple_type type)
{
	return (struct maple_enode *)((unsigned long)node |
				      ((unsigned long)type << MAPLE_NODE_TYPE_SHIFT) |
				      MAPLE_ENODE_NULL);
}

static inline void *mte_mk_root(const struct maple_enode *enode)
{
	return (void *)((unsigned long)enode | MAPLE_ROOT_NODE);
}

static inline struct maple_enode *mte_safe_root(const void *root)
{
	return (struct maple_enode *)((unsigned long)root & ~MAPLE_ROOT_NODE);
}

static inline bool ma_is_leaf(enum maple_type type)
{
	return type < maple_range_64;
}

static inline unsigned long *ma_pivots(struct maple_node *node,
				       enum maple_type type)
{
	return type == maple_arange_64 ? node->ma64.pivot : node->mr64.pivot;
}

static inline void **ma_slots(struct maple_node *node, enum maple_type type)
{
	return type == maple_arange_64 ? node->ma64.slot : node->mr64.slot;
}

static inline unsigned long *ma_gaps(struct maple_node *node,
				     enum maple_type type)
{
	return type == maple_arange_64 ? node->ma64.gap : NULL;
}

static inline struct maple_metadata *ma_meta(struct maple_node *node,
					     enum maple_type type)
{
	return type == maple_arange_64 ? &node->ma64.meta : &node->mr64.meta;
}

static inline void mte_set_parent(struct maple_enode *enode,
				  const struct maple_node *parent,
				  unsigned char slot)
{
	mte_to_node(enode)->parent =
		(struct maple_pnode *)((unsigned long)parent |
				       ((unsigned long)slot << MAPLE_PARENT_SLOT_SHIFT) |
				       MAPLE_PARENT_RANGE64);
}

static inline bool ma_is_root(const struct maple_node *node)
{
	return (unsigned long)node->parent & MA_ROOT_PARENT;
}

static inline struct maple_node *mte_parent(const struct maple_enode *enode)
{
	return (struct maple_node *)((unsigned long)mte_to_node(enode)->parent &
				     ~MAPLE_NODE_MASK);
}

static inline unsigned int mte_parent_slot(const struct maple_enode *enode)
{
	unsigned long v = (unsigned long)mte_to_node(enode)->parent;

	if (v & MA_ROOT_PARENT)
		return 0;
	return (v & MAPLE_PARENT_SLOT_MASK) >> MAPLE_PARENT_SLOT_SHIFT;
}

/*
 * The last used slot of a node spanning up to @max.  Allocation-range
 * nodes keep it in their metadata; the others keep it there unless all 16
 * slots are used (then the metadata's place is the 16th slot).
 */
static unsigned char ma_data_end(struct maple_node *node, enum maple_type type,
				 unsigned long max)
{
	unsigned long *pivots = ma_pivots(node, type);
	unsigned char off = mt_pivots[type] - 1;

	if (type == maple_arange_64)
		return node->ma64.meta.end;
	if (!pivots[off])
		return node->mr64.meta.end;
	if (pivots[off] == max)
		return off;
	return mt_pivots[type];
}

static inline void ma_set_meta(struct maple_node *node, enum maple_type type,
			       unsigned char end, unsigned char gap)
{
	if (type != maple_arange_64 && end >= mt_pivots[type])
		return; /* all slots used: no room, end is implied */
	ma_meta(node, type)->end = end;
	ma_meta(node, type)->gap = gap;
}

/* The range of slot @i of a node spanning [min, max] with last slot @end. */
static inline void ma_slot_range(const unsigned long *pivots, unsigned char i,
				 unsigned char end, unsigned long min,
				 unsigned long max, unsigned long *first,
				 unsigned long *last)
{
	*first = i ? pivots[i - 1] + 1 : min;
	*last = i < end ? pivots[i] : max;
}

static inline void mas_set_height(struct maple_tree *mt, unsigned int height)
{
	mt->ma_flags = (mt->ma_flags & ~MT_FLAGS_HEIGHT_MASK) |
		       (height << MT_FLAGS_HEIGHT_OFFSET);
}

static inline bool mt_is_alloc(const struct maple_tree *mt)
{
	return mt->ma_flags & MT_FLAGS_ALLOC_RANGE;
}

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

static void mt_free_one(struct maple_node *node)
{
	kmem_cache_free(maple_node_cache, node);
}

/* Free every node of the subtree under @enode (no RCU readers to wait for). */
static void mt_destroy_walk(struct maple_enode *enode, unsigned long min,
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

static void mas_push_node(struct ma_state *mas, struct maple_node *node)
{
	struct maple_alloc *a = &node->alloc;
	unsigned long total = mas_allocated(mas);

	memset(node, 0, sizeof(*node));
	a->slot[0] = mas->alloc;
	a->total = total + 1;
	a->node_count = 1;
	mas->alloc = a;
}

static struct maple_node *mas_pop_node(struct ma_state *mas)
{
	struct maple_alloc *a = mas->alloc;
	struct maple_node *node;

	if (!a)
		return NULL;
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
static void mas_node_count_gfp(struct ma_state *mas, unsigned long count,
			       gfp_t gfp)
{
	if (mas_alloc_nodes(mas, count, gfp))
		return;
	if (mas->alloc)
		mas->alloc->request_count = count - mas_allocated(mas);
	mas->depth = 0;
	mas->node = MA_ERROR(-ENOMEM);
	mas->min = count; /* the whole request, for mas_nomem() */
}

bool mas_is_err(struct ma_state *mas)
{
	return xa_is_err(mas->node);
}

void mas_destroy(struct ma_state *mas)
{
	struct maple_node *node;

	mas->mas_flags &= ~(MA_STATE_BULK | MA_STATE_PREALLOC | MA_STATE_REBALANCE);
	while ((node = mas_pop_node(mas)))
		mt_free_one(node);
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

int mas_expected_entries(struct ma_state *mas, unsigned long nr_entries)
{
	unsigned long nodes = nr_entries / (MAPLE_RANGE64_SLOTS / 2) + 2;

	mas->mas_flags |= MA_STATE_BULK | MA_STATE_PREALLOC;
	mas_node_count_gfp(mas, nodes, GFP_KERNEL);
	return mas_is_err(mas) ? xa_err(mas->node) : 0;
}

int mas_preallocate(struct ma_state *mas, void *entry, gfp_t gfp)
{
	int ret;

	mas_node_count_gfp(mas, 1 + mt_height(mas->tree) * 3, gfp);
	mas->mas_flags |= MA_STATE_PREALLOC;
	if (!mas_is_err(mas))
		return 0;
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
static inline enum maple_type mas_parent_type(const struct ma_state *mas)
{
	return mt_is_alloc(mas->tree) ? maple_arange_64 : maple_range_64;
}

static inline unsigned long mas_safe_min(const struct ma_state *mas,
					 const unsigned long *pivots,
					 unsigned char offset)
{
	return offset ? pivots[offset - 1] + 1 : mas->min;
}

static inline unsigned long mas_safe_pivot(const struct ma_state *mas,
					   const unsigned long *pivots,
					   unsigned char piv, enum maple_type type)
{
	return piv >= mt_pivots[type] ? mas->max : pivots[piv];
}

/* Move mas->node to its parent; offset becomes its slot there. */
static void mas_ascend(struct ma_state *mas)
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

/* Largest run of NULL indices in leaf range [first, last] (ULONG_MAX caps). */
static inline unsigned long mt_range_size(unsigned long first,
					  unsigned long last)
{
	return last - first == ULONG_MAX ? ULONG_MAX : last - first + 1;
}

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

/* ---- writing: collect, apply, rebuild ------------------------------------ */

struct mt_range {
	unsigned long first, last;
	void *entry;
};

struct mt_ranges {
	struct mt_range *r;
	size_t nr, cap;
};

static void mt_ranges_add(struct mt_ranges *rs, unsigned long first,
			  unsigned long last, void *entry)
{
	if (rs->nr && !entry && !rs->r[rs->nr - 1].entry) {
		rs->r[rs->nr - 1].last = last;   /* merge NULL neighbours */
		return;
	}
	if (rs->nr == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 32;
		rs->r = host_realloc(rs->r, rs->cap * sizeof(*rs->r));
	}
	rs->r[rs->nr++] = (struct mt_range){ first, last, entry };
}

static void mt_collect(struct mt_ranges *rs, struct maple_enode *enode,
		       unsigned long min, unsigned long max)
{
	struct maple_node *node = mte_to_node(enode);
	enum maple_type type = mte_node_type(enode);
	unsigned long *pivots = ma_pivots(node, type);
	void **slots = ma_slots(node, type);
	unsigned char end = ma_data_end(node, type, max), i;

	for (i = 0; i <= end; i++) {
		unsigned long first, last;

		ma_slot_range(pivots, i, end, min, max, &first, &last);
		if (ma_is_leaf(type))
			mt_ranges_add(rs, first, last, slots[i]);
		else
			mt_collect(rs, slots[i], first, last);
	}
}

/* The tree's ranges, in order, tiling [0, ULONG_MAX]. */
static void mt_collect_tree(struct maple_tree *mt, struct mt_ranges *rs)
{
	void *root = mt->ma_root;

	if (!root) {
		mt_ranges_add(rs, 0, ULONG_MAX, NULL);
	} else if (!xa_is_node(root)) {
		mt_ranges_add(rs, 0, 0, root);
		mt_ranges_add(rs, 1, ULONG_MAX, NULL);
	} else {
		mt_collect(rs, mte_safe_root(root), 0, ULONG_MAX);
	}
}

/* @old with [first, last] replaced by @entry, into @new. */
static void mt_apply(const struct mt_ranges *old, struct mt_ranges *new,
		     unsigned long first, unsigned long last, void *entry)
{
	size_t i;
	bool done = false;

	for (i = 0; i < old->nr; i++) {
		const struct mt_range *r = &old->r[i];

		if (r->last < first || r->first > last) {
			if (!done && r->first > last) {
				mt_ranges_add(new, first, last, entry);
				done = true;
			}
			mt_ranges_add(new, r->first, r->last, r->entry);
			continue;
		}
		if (r->first < first)
			mt_ranges_add(new, r->first, first - 1, r->entry);
		if (!done) {
			mt_ranges_add(new, first, last, entry);
			done = true;
		}
		if (r->last > last)
			mt_ranges_add(new, last + 1, r->last, r->entry);
	}
}

/* Groups of at most @cap items out of @n, sizes as even as possible. */
static inline size_t mt_groups(size_t n, size_t cap)
{
	return (n + cap - 1) / cap;
}

static inline size_t mt_group_start(size_t n, size_t groups, size_t g)
{
	return g * (n / groups) + min(g, n % groups);
}

/* Nodes a tree of @nr ranges needs (0 for an empty tree or a lone entry). */
static unsigned long mt_nodes_for(const struct maple_tree *mt,
				  const struct mt_ranges *rs)
{
	size_t level = mt_groups(rs->nr, MAPLE_RANGE64_SLOTS), total = level;
	size_t cap = mt_is_alloc(mt) ? MAPLE_ARANGE64_SLOTS : MAPLE_RANGE64_SLOTS;

	if (rs->nr == 1 && !rs->r[0].entry)
		return 0;
	if (rs->nr == 2 && rs->r[0].last == 0 && !rs->r[1].entry &&
	    !xa_is_internal(rs->r[0].entry))
		return 0;
	while (level > 1) {
		level = mt_groups(level, cap);
		total += level;
	}
	return total;
}

/* One built node, as its parent sees it. */
struct mt_child {
	struct maple_enode *enode;
	unsigned long min, max, gap;
};

static unsigned long mt_leaf_fill(struct maple_node *node,
				  const struct mt_range *r, size_t n)
{
	unsigned long gap = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		node->mr64.slot[i] = r[i].entry;
		if (i < MAPLE_RANGE64_SLOTS - 1)
			node->mr64.pivot[i] = r[i].last;
		if (!r[i].entry)
			gap = max(gap, mt_range_size(r[i].first, r[i].last));
	}
	ma_set_meta(node, maple_leaf_64, n - 1, 0);
	return gap;
}

static void mt_internal_fill(struct maple_node *node, enum maple_type type,
			     const struct mt_child *c, size_t n)
{
	unsigned long *pivots = ma_pivots(node, type), *gaps = ma_gaps(node, type);
	void **slots = ma_slots(node, type);
	unsigned char gap_slot = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		slots[i] = c[i].enode;
		if (i < mt_pivots[type])
			pivots[i] = c[i].max;
		mte_set_parent(c[i].enode, node, i);
		if (gaps) {
			gaps[i] = c[i].gap;
			if (c[i].gap > gaps[gap_slot])
				gap_slot = i;
		}
	}
	ma_set_meta(node, type, n - 1, gap_slot);
}

/*
 * Where each of @n leaves starts (@b[0..n], b[n] = rs->nr): groups as
 * even as possible, but a leaf does not end on a NULL range when moving
 * the boundary by one keeps both sides within their limits (the
 * kernel's mab_no_null_split: one more range on the left, else one
 * fewer).
 */
static void mt_leaf_bounds(const struct mt_ranges *rs, size_t n, size_t *b)
{
	size_t lo = mt_min_slots[maple_leaf_64] + 1, hi = MAPLE_RANGE64_SLOTS;
	size_t g, next;

	b[0] = 0;
	b[n] = rs->nr;
	for (g = 1; g < n; g++) {
		b[g] = mt_group_start(rs->nr, n, g);
		next = g + 1 < n ? mt_group_start(rs->nr, n, g + 1) : rs->nr;
		if (rs->r[b[g] - 1].entry)
			continue;
		if (b[g] + 1 - b[g - 1] <= hi && next - (b[g] + 1) >= lo)
			b[g]++;
		else if (b[g] - 1 - b[g - 1] >= lo && next - (b[g] - 1) <= hi)
			b[g]--;
	}
}

/*
 * Build nodes over @rs from nodes popped off @mas: the leaves, then
 * internal levels until one node remains (@levels 0) or until @levels
 * levels exist.  Returns the top level (host memory, *@n nodes, for the
 * caller to free) as their parent will see them; the caller sets their
 * parent pointers.
 */
static struct mt_child *mt_build_nodes(struct ma_state *mas,
				       const struct mt_ranges *rs,
				       unsigned int levels, size_t *n,
				       unsigned int *height)
{
	struct maple_tree *mt = mas->tree;
	enum maple_type itype = mt_is_alloc(mt) ? maple_arange_64 : maple_range_64;
	size_t g, next, *bounds;
	struct mt_child *level, *up;

	*n = mt_groups(rs->nr, MAPLE_RANGE64_SLOTS);
	level = host_alloc(*n * sizeof(*level));
	bounds = host_alloc((*n + 1) * sizeof(*bounds));
	mt_leaf_bounds(rs, *n, bounds);
	for (g = 0; g < *n; g++) {
		size_t s = bounds[g], e = bounds[g + 1];
		struct maple_node *node = mas_pop_node(mas);

		level[g].gap = mt_leaf_fill(node, &rs->r[s], e - s);
		level[g].enode = mt_mk_node(node, maple_leaf_64);
		level[g].min = rs->r[s].first;
		level[g].max = rs->r[e - 1].last;
	}
	host_free(bounds);
	*height = 1;
	while (levels ? *height < levels : *n > 1) {
		next = mt_groups(*n, mt_slots[itype]);
		up = host_alloc(next * sizeof(*up));
		for (g = 0; g < next; g++) {
			size_t s = mt_group_start(*n, next, g);
			size_t e = mt_group_start(*n, next, g + 1), i;
			struct maple_node *node = mas_pop_node(mas);

			mt_internal_fill(node, itype, &level[s], e - s);
			up[g].enode = mt_mk_node(node, itype);
			up[g].min = level[s].min;
			up[g].max = level[e - 1].max;
			up[g].gap = 0;
			for (i = s; i < e; i++)
				up[g].gap = max(up[g].gap, level[i].gap);
		}
		host_free(level);
		level = up;
		*n = next;
		(*height)++;
	}
	return level;
}

/* Build a whole tree over @rs; returns the new ma_root. */
static void *mt_build(struct ma_state *mas, const struct mt_ranges *rs,
		      unsigned int *height)
{
	size_t n;
	struct mt_child *top = mt_build_nodes(mas, rs, 0, &n, height);
	struct maple_enode *enode = top[0].enode;

	host_free(top);
	mte_to_node(enode)->parent =
		(struct maple_pnode *)((unsigned long)mas->tree | MA_ROOT_PARENT);
	return mte_mk_root(enode);
}

/*
 * Can @nr ranges make @levels levels of nodes, every node holding at
 * least its minimum (a lone node on the right edge, ending at ULONG_MAX,
 * is exempt)?  @nodes: how many nodes; @top: how many at the top level.
 */
static bool mt_plan_subtree(const struct maple_tree *mt, size_t nr,
			    unsigned int levels, bool right_edge,
			    unsigned long *nodes, size_t *top)
{
	enum maple_type type = maple_leaf_64;
	enum maple_type itype = mt_is_alloc(mt) ? maple_arange_64 : maple_range_64;
	size_t count = nr, groups;
	unsigned int l;

	*nodes = 0;
	for (l = 0; l < levels; l++) {
		groups = mt_groups(count, mt_slots[type]);
		if (count / groups < (size_t)mt_min_slots[type] + 1 &&
		    !(right_edge && groups == 1))
			return false;
		if (type != maple_leaf_64 && count / groups < 2)
			return false;
		*nodes += groups;
		count = groups;
		type = itype;
	}
	*top = count;
	return true;
}

/* One step of the path from the root to a leaf. */
struct mt_step {
	struct maple_enode *enode;
	unsigned long min, max;
	unsigned char slot;        /* this node's slot in the step above */
};

/* The path to the leaf holding @index; returns its length (the height). */
static unsigned int mt_path(struct maple_tree *mt, unsigned long index,
			    struct mt_step *path)
{
	struct maple_enode *enode = mte_safe_root(mt->ma_root);
	unsigned long min = 0, max = ULONG_MAX;
	unsigned char slot = 0;
	unsigned int d = 0;

	for (;;) {
		struct maple_node *node = mte_to_node(enode);
		enum maple_type type = mte_node_type(enode);
		unsigned long *pivots = ma_pivots(node, type);
		unsigned char end = ma_data_end(node, type, max), i = 0;

		path[d] = (struct mt_step){ enode, min, max, slot };
		d++;
		if (ma_is_leaf(type) || d >= MAPLE_HEIGHT_MAX)
			return d;
		while (i < end && pivots[i] < index)
			i++;
		ma_slot_range(pivots, i, end, min, max, &min, &max);
		enode = ma_slots(node, type)[i];
		slot = i;
	}
}

/* The largest gap under a node spanning [min, max]. */
static unsigned long mt_node_gap(struct maple_enode *enode, unsigned long min,
				 unsigned long max)
{
	struct maple_node *node = mte_to_node(enode);
	enum maple_type type = mte_node_type(enode);
	unsigned long *pivots = ma_pivots(node, type), gap = 0;
	unsigned char end = ma_data_end(node, type, max), i;

	if (type == maple_arange_64)
		return node->ma64.gap[node->ma64.meta.gap];
	if (!ma_is_leaf(type))
		return 0;
	for (i = 0; i <= end; i++) {
		unsigned long first, last;

		ma_slot_range(pivots, i, end, min, max, &first, &last);
		if (!node->mr64.slot[i])
			gap = max(gap, mt_range_size(first, last));
	}
	return gap;
}

/* After path[d] changed (now @enode): its gap in each ancestor. */
static void mt_update_gaps(struct maple_tree *mt, struct mt_step *path,
			   unsigned int d, struct maple_enode *enode)
{
	unsigned long gap;

	if (!mt_is_alloc(mt))
		return;
	while (d > 0) {
		struct maple_node *parent = mte_to_node(path[d - 1].enode);
		unsigned char slot = path[d].slot, end, i, best = 0;

		gap = mt_node_gap(enode, path[d].min, path[d].max);
		if (parent->ma64.gap[slot] == gap)
			return;
		parent->ma64.gap[slot] = gap;
		end = parent->ma64.meta.end;
		for (i = 1; i <= end; i++)
			if (parent->ma64.gap[i] > parent->ma64.gap[best])
				best = i;
		parent->ma64.meta.gap = best;
		enode = path[d - 1].enode;
		d--;
	}
}

/* Put @enode (spanning path[d]'s range) where path[d] was. */
static void mt_set_child(struct maple_tree *mt, struct mt_step *path,
			 unsigned int d, struct maple_enode *enode)
{
	struct maple_node *node = mte_to_node(enode);

	if (!d) {
		node->parent = (struct maple_pnode *)((unsigned long)mt |
						      MA_ROOT_PARENT);
		mt->ma_root = mte_mk_root(enode);
		return;
	}
	ma_slots(mte_to_node(path[d - 1].enode),
		 mte_node_type(path[d - 1].enode))[path[d].slot] = enode;
	mte_set_parent(enode, mte_to_node(path[d - 1].enode), path[d].slot);
}

/*
 * Rewrite the subtree at path[d] (@levels levels) with @rs, its ranges
 * after the store, as one node at its top.  A leaf of a tree not in RCU
 * mode is rewritten in place, as the kernel reuses a node no reader can
 * see; otherwise new nodes replace the subtree in its parent's slot and
 * the old ones are freed.
 */
static void mt_replace_subtree(struct ma_state *mas, struct mt_step *path,
			       unsigned int d, unsigned int levels,
			       const struct mt_ranges *rs)
{
	struct maple_tree *mt = mas->tree;
	struct maple_node *old = mte_to_node(path[d].enode);
	struct mt_child *top;
	unsigned int height;
	size_t n;

	if (levels == 1 && !mt_in_rcu(mt)) {
		struct maple_pnode *p = old->parent;

		memset(old, 0, sizeof(*old));
		old->parent = p;
		mt_leaf_fill(old, rs->r, rs->nr);
		mt_update_gaps(mt, path, d, path[d].enode);
		return;
	}
	top = mt_build_nodes(mas, rs, levels, &n, &height);
	mt_set_child(mt, path, d, top[0].enode);
	mt_update_gaps(mt, path, d, top[0].enode);
	host_free(top);
	mt_destroy_walk(path[d].enode, path[d].min, path[d].max);
}

/*
 * The subtree at path[d] became @top nodes (a split): put them in its
 * parent in its place.  The parent is rewritten in place, or replaced by
 * a new node in RCU mode, as the kernel's mas_split does.
 */
static void mt_splice(struct ma_state *mas, struct mt_step *path,
		      unsigned int d, unsigned int levels,
		      const struct mt_ranges *rs)
{
	struct maple_tree *mt = mas->tree;
	struct maple_enode *penode = path[d - 1].enode;
	struct maple_node *pnode = mte_to_node(penode), *newp;
	enum maple_type ptype = mte_node_type(penode);
	unsigned long *pivots = ma_pivots(pnode, ptype), *gaps = ma_gaps(pnode, ptype);
	void **slots = ma_slots(pnode, ptype);
	unsigned char pend = ma_data_end(pnode, ptype, path[d - 1].max), i;
	struct mt_child c[MAPLE_RANGE64_SLOTS], *top;
	struct maple_pnode *pparent = pnode->parent;
	unsigned int height;
	size_t n, k = 0, t;

	top = mt_build_nodes(mas, rs, levels, &n, &height);
	for (i = 0; i <= pend; i++) {
		if (i == path[d].slot) {
			for (t = 0; t < n; t++)
				c[k++] = top[t];
			continue;
		}
		ma_slot_range(pivots, i, pend, path[d - 1].min, path[d - 1].max,
			      &c[k].min, &c[k].max);
		c[k].enode = slots[i];
		c[k].gap = gaps ? gaps[i] : 0;
		k++;
	}
	host_free(top);
	newp = mt_in_rcu(mt) ? mas_pop_node(mas) : NULL;
	if (!newp)
		newp = pnode;   /* outside RCU mode: reuse the parent */
	memset(newp, 0, sizeof(*newp));
	newp->parent = pparent;
	mt_internal_fill(newp, ptype, c, k);
	if (newp != pnode) {
		mt_set_child(mt, path, d - 1, mt_mk_node(newp, ptype));
		mt_free_one(pnode);
	}
	mt_update_gaps(mt, path, d - 1, mt_mk_node(newp, ptype));
	mt_destroy_walk(path[d].enode, path[d].min, path[d].max);
}

/*
 * Confine the store to the smallest subtree below the root that holds
 * [index - 1, last + 1] (so NULL neighbours merge inside it) and can take
 * the result as one node at its top, or as several that its parent has
 * room for (a split); the kernel's in-node stores, splits and rebalances
 * touch about as much.  Returns 1 when done, 0 when only a rebuild from
 * the root will do, -ENOMEM when nodes could not be had.
 */
static int mas_wr_local(struct ma_state *mas, void *entry, gfp_t gfp)
{
	struct maple_tree *mt = mas->tree;
	struct mt_step path[MAPLE_HEIGHT_MAX];
	unsigned long lo = mas->index ? mas->index - 1 : 0;
	unsigned long hi = mas->last == ULONG_MAX ? ULONG_MAX : mas->last + 1;
	unsigned int h = mt_path(mt, mas->index, path), d;

	for (d = h - 1; d > 0; d--) {
		struct mt_ranges old = { 0 }, new = { 0 };
		unsigned long need;
		struct maple_node *p = mte_to_node(path[d - 1].enode);
		enum maple_type ptype = mte_node_type(path[d - 1].enode);
		unsigned char pend = ma_data_end(p, ptype, path[d - 1].max);
		bool ok, split = false;
		size_t top = 0;

		if (path[d].min > lo || path[d].max < hi)
			continue;
		mt_collect(&old, path[d].enode, path[d].min, path[d].max);
		mt_apply(&old, &new, mas->index, mas->last, entry);
		host_free(old.r);
		ok = mt_plan_subtree(mt, new.nr, h - d, path[d].max == ULONG_MAX,
				     &need, &top);
		if (ok && top > 1) {
			split = true;
			ok = pend + top <= mt_slots[ptype];
			need += mt_in_rcu(mt) ? 1 : 0;
		} else if (ok && h - d == 1 && !mt_in_rcu(mt)) {
			need = 0;
		}
		if (ok && need > mas_allocated(mas))
			mas_node_count_gfp(mas, need, gfp);
		if (ok && !mas_is_err(mas)) {
			if (split)
				mt_splice(mas, path, d, h - d, &new);
			else
				mt_replace_subtree(mas, path, d, h - d, &new);
		}
		host_free(new.r);
		if (mas_is_err(mas))
			return -ENOMEM;
		if (ok)
			return 1;
	}
	return 0;
}

/*
 * Store @entry over [mas->index, mas->last].  Nodes come from the
 * ma_state's stack, topped up with @gfp; when that fails, mas->node is
 * MA_ERROR(-ENOMEM) and the tree is unchanged.  Returns the entry that
 * was at mas->index.
 */
static void *mas_wr_store(struct ma_state *mas, void *entry, gfp_t gfp)
{
	struct maple_tree *mt = mas->tree;
	struct mt_ranges old = { 0 }, new = { 0 };
	unsigned long first, last, need;
	unsigned long index = mas->index, end = mas->last;
	unsigned int height = 0;
	void *content, *old_root = mt->ma_root;

	content = mas_descend_to(mas, index, &first, &last);
	if (xa_is_node(old_root)) {
		int ret = mas_wr_local(mas, entry, gfp);

		if (ret < 0)
			return content;
		if (ret > 0)
			goto done;
	}
	mt_collect_tree(mt, &old);
	mt_apply(&old, &new, index, end, entry);
	host_free(old.r);
	need = mt_nodes_for(mt, &new);
	if (need > mas_allocated(mas))
		mas_node_count_gfp(mas, need, gfp);
	if (mas_is_err(mas)) {
		host_free(new.r);
		return content;
	}
	if (!need)
		mt->ma_root = new.nr == 1 ? NULL : new.r[0].entry;
	else
		mt->ma_root = mt_build(mas, &new, &height);
	mas_set_height(mt, height);
	host_free(new.r);
	if (xa_is_node(old_root))
		mt_destroy_walk(mte_safe_root(old_root), 0, ULONG_MAX);
done:
	mas->index = index;
	mas->last = end;
	mas_descend_to(mas, index, &first, &last);
	return content;
}

void *mas_store(struct ma_state *mas, void *entry)
{
	if (mas->index > mas->last || xa_is_advanced(entry)) {
		mas->node = MA_ERROR(-EINVAL);
		return NULL;
	}
	return mas_wr_store(mas, entry, GFP_NOWAIT | __GFP_NOWARN);
}

int mas_store_gfp(struct ma_state *mas, void *entry, gfp_t gfp)
{
	if (mas->index > mas->last || xa_is_advanced(entry))
		return -EINVAL;
retry:
	mas_wr_store(mas, entry, GFP_NOWAIT | __GFP_NOWARN);
	if (mas_nomem(mas, gfp))
		goto retry;
	if (mas_is_err(mas))
		return xa_err(mas->node);
	return 0;
}

/*
 * Store with the nodes mas_preallocate() set aside.  The kernel's worst
 * case covers its in-place writes; a rebuild of a large tree may need
 * more, taken from the cache without failing unless the machine is out
 * of memory (then a warning, and the tree is left as it was).
 */
void mas_store_prealloc(struct ma_state *mas, void *entry)
{
	mas_wr_store(mas, entry, GFP_KERNEL | __GFP_NOFAIL);
	WARN_ON(mas_is_err(mas));
	mas_destroy(mas);
}

void *mas_erase(struct ma_state *mas)
{
	unsigned long first, last;
	void *entry;

	if (mas_is_none(mas) || mas_is_paused(mas))
		mas->node = MAS_START;
	entry = mas_descend_to(mas, mas->index, &first, &last);
	if (!entry)
		return NULL;
	mas->index = first;
	mas->last = last;
retry:
	mas_wr_store(mas, NULL, GFP_NOWAIT | __GFP_NOWARN);
	if (mas_nomem(mas, GFP_KERNEL))
		goto retry;
	return entry;
}

/* ---- the normal API ------------------------------------------------------ */

int mtree_store_range(struct maple_tree *mt, unsigned long first,
		      unsigned long last, void *entry, gfp_t gfp)
{
	MA_STATE(mas, mt, first, last);
	int ret;

	if (first > last || xa_is_advanced(entry))
		return -EINVAL;
	mtree_lock(mt);
	ret = mas_store_gfp(&mas, entry, gfp);
	mtree_unlock(mt);
	return ret;
}

int mtree_store(struct maple_tree *mt, unsigned long index, void *entry,
		gfp_t gfp)
{
	return mtree_store_range(mt, index, index, entry, gfp);
}

/* Is any entry stored in [first, last]? */
static bool mas_range_busy(struct ma_state *mas, unsigned long first,
			   unsigned long last)
{
	mas_set(mas, first);
	return mas_find(mas, last) != NULL;
}

int mtree_insert_range(struct maple_tree *mt, unsigned long first,
		       unsigned long last, void *entry, gfp_t gfp)
{
	MA_STATE(mas, mt, first, last);
	int ret;

	if (first > last || xa_is_advanced(entry))
		return -EINVAL;
	if (!entry)
		return -EINVAL;
	mtree_lock(mt);
	if (mas_range_busy(&mas, first, last)) {
		ret = -EEXIST;
	} else {
		mas_set_range(&mas, first, last);
		ret = mas_store_gfp(&mas, entry, gfp);
	}
	mtree_unlock(mt);
	return ret;
}

int mtree_insert(struct maple_tree *mt, unsigned long index, void *entry,
		 gfp_t gfp)
{
	return mtree_insert_range(mt, index, index, entry, gfp);
}

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

/* ---- checking ------------------------------------------------------------ */

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
	unsigned char i, gap_slot = 0;
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
		if (gaps && gap > gaps[gap_slot])
			gap_slot = i;
		*max_gap = max(*max_gap, gap);
	}
	if (gaps) {
		for (i = end + 1; i < MAPLE_ARANGE64_SLOTS; i++)
			if (gaps[i])
				return mt_bad(c, node, "gap set past the end", i,
					      gaps[i]);
		if (node->ma64.meta.gap != gap_slot)
			return mt_bad(c, node, "metadata gap slot is wrong",
				      node->ma64.meta.gap, gap_slot);
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

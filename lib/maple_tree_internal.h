/* SPDX-License-Identifier: MIT */
/*
 * lib/maple_tree_internal.h — what the maple tree's own files share and
 * no user of the tree may see.
 *
 * Kernel counterpart: the static helpers at the top of lib/maple_tree.c
 * (Linux 6.1) and the write-side structures of include/linux/maple_tree.h
 * (maple_big_node, maple_subtree_state, ma_topiary).  Split out because
 * mmsim's tree lives in three files:
 *   lib/maple_tree.c           encodings, node allocation, reads, gap
 *                              search, the mtree_*() API
 *   lib/maple_tree_write.c     the write path (mas_wr_*, split, rebalance,
 *                              spanning store)
 *   lib/maple_tree_validate.c  mt_validate() and mt_dump()
 */
#ifndef _MMSIM_LIB_MAPLE_TREE_INTERNAL_H
#define _MMSIM_LIB_MAPLE_TREE_INTERNAL_H

#include "linux/maple_tree.h"
#include "mmsim/machine.h"

#define maple_node_cache (current_machine->maple_node_cache)

#define MAPLE_ROOT_NODE 0x02UL    /* ma_root: this is a node */
#define MAPLE_ENODE_NULL 0x04UL   /* enode marker bit */
#define MA_ROOT_PARENT 0x01UL     /* parent pointer: the tree itself */
#define MAPLE_PARENT_SLOT_SHIFT 3
#define MAPLE_PARENT_SLOT_MASK 0xF8UL
#define MAPLE_PARENT_RANGE64 0x06UL

extern const unsigned char mt_slots[];

extern const unsigned char mt_pivots[];

extern const unsigned char mt_min_slots[];

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
static inline unsigned char ma_data_end(struct maple_node *node,
					enum maple_type type,
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

/* Indices in [first, last] (ULONG_MAX caps the whole index space). */
static inline unsigned long mt_range_size(unsigned long first,
					  unsigned long last)
{
	return last - first == ULONG_MAX ? ULONG_MAX : last - first + 1;
}

/* A node whose parent pointer points at itself is dead: replaced, and
 * waiting to be freed at the end of the write that replaced it. */
static inline bool ma_dead_node(const struct maple_node *node)
{
	return (const struct maple_node *)((unsigned long)node->parent &
					   ~MAPLE_NODE_MASK) == node;
}

static inline bool mte_dead_node(const struct maple_enode *enode)
{
	return ma_dead_node(mte_to_node(enode));
}

static inline void mte_set_node_dead(struct maple_enode *enode)
{
	struct maple_node *node = mte_to_node(enode);

	node->parent = (struct maple_pnode *)node;
}

static inline bool mte_is_leaf(const struct maple_enode *enode)
{
	return ma_is_leaf(mte_node_type(enode));
}

static inline bool mte_is_root(const struct maple_enode *enode)
{
	return ma_is_root(mte_to_node(enode));
}

static inline bool mas_is_start(const struct ma_state *mas)
{
	return mas->node == MAS_START;
}

static inline bool mas_is_ptr(const struct ma_state *mas)
{
	return mas->node == MAS_ROOT;
}

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

/* The last index of slot @piv: its pivot, or the node's max past them. */
static inline unsigned long mas_safe_pivot(const struct ma_state *mas,
					   const unsigned long *pivots,
					   unsigned char piv, enum maple_type type)
{
	return piv >= mt_pivots[type] ? mas->max : pivots[piv];
}

/* As mas_safe_pivot(), with an unset (zero) pivot past slot 0 read as
 * the node's max. */
static inline unsigned long mas_logical_pivot(const struct ma_state *mas,
					      const unsigned long *pivots,
					      unsigned char offset,
					      enum maple_type type)
{
	unsigned long piv = mas_safe_pivot(mas, pivots, offset, type);

	if (piv || !offset)
		return piv;
	return mas->max;
}

/*
 * The big node: one node's data (or two nodes' and a bit) while a write
 * lays it out again.  As in the kernel, the gaps of allocation nodes
 * share storage with the upper slots, which such nodes never reach.
 */
#define MAPLE_BIG_NODE_SLOTS (MAPLE_RANGE64_SLOTS * 2 + 2)
#define MAPLE_BIG_NODE_GAPS (MAPLE_ARANGE64_SLOTS * 2 + 1)

struct maple_big_node {
	struct maple_pnode *parent;
	unsigned long pivot[MAPLE_BIG_NODE_SLOTS - 1];
	union {
		void *slot[MAPLE_BIG_NODE_SLOTS];
		struct {
			unsigned long padding[MAPLE_BIG_NODE_GAPS];
			unsigned long gap[MAPLE_BIG_NODE_GAPS];
		};
	};
	unsigned char b_end;
	enum maple_type type;
};

/* ---- shared between the tree's files ------------------------------------ */

/* lib/maple_tree_write.c */
void *mas_start(struct ma_state *mas);
unsigned char mas_data_end(struct ma_state *mas);
void mas_descend(struct ma_state *mas);
void mas_free(struct ma_state *mas, struct maple_enode *used);
void mas_node_count(struct ma_state *mas, unsigned long count);
unsigned long mas_leaf_max_gap(struct ma_state *mas);
unsigned long mas_max_gap(struct ma_state *mas);
void mas_update_gap(struct ma_state *mas);
void mas_adopt_children(struct ma_state *mas, struct maple_enode *parent);
void mas_replace(struct ma_state *mas, bool advanced);
bool mas_is_span_wr(struct ma_wr_state *wr_mas);
void mas_wr_node_walk(struct ma_wr_state *wr_mas);
void mas_wr_walk_index(struct ma_wr_state *wr_mas);
int mas_new_root(struct ma_state *mas, void *entry);
void mas_leaf_set_meta(struct ma_state *mas, struct maple_node *node,
		       unsigned long *pivots, enum maple_type type,
		       unsigned char end);
void mas_bulk_rebalance(struct ma_state *mas, unsigned char end,
			enum maple_type type);
void *mas_wr_store_entry(struct ma_wr_state *wr_mas);
void mas_wr_store_setup(struct ma_wr_state *wr_mas);
void mas_insert(struct ma_state *mas, void *entry);

/* lib/maple_tree_rebalance.c */
void mas_store_b_node(struct ma_wr_state *wr_mas, struct maple_big_node *bn,
		      unsigned char offset_end);
int mas_commit_b_node(struct ma_wr_state *wr_mas, struct maple_big_node *b_node,
		      unsigned char end);
int mas_wr_spanning_store(struct ma_wr_state *wr_mas);
void mas_destroy_rebalance(struct ma_state *mas, unsigned char end);

/* lib/maple_tree.c */

struct maple_node *mas_pop_node(struct ma_state *mas);
void mas_push_node(struct ma_state *mas, struct maple_node *node);
void mas_node_count_gfp(struct ma_state *mas, unsigned long count, gfp_t gfp);
void mt_free_one(struct maple_node *node);
void mt_destroy_walk(struct maple_enode *enode, unsigned long min,
		     unsigned long max);
void mas_ascend(struct ma_state *mas);

#endif /* _MMSIM_LIB_MAPLE_TREE_INTERNAL_H */

/* SPDX-License-Identifier: MIT */
/*
 * include/linux/maple_tree.h — the maple tree: a B-tree of ranges.
 *
 * Kernel counterpart: include/linux/maple_tree.h (Linux 6.1), implemented
 * in lib/maple_tree.c.  Same structures, constants, names and return
 * conventions; the code and comments are mmsim's own.
 *
 * A maple tree maps every index of [0, ULONG_MAX] to an entry (a pointer,
 * NULL meaning "nothing").  Consecutive indices with the same stored entry
 * form a range.  The VMAs of an mm_struct live in one: a VMA is stored over
 * [vm_start, vm_end - 1], and the NULL ranges between them are the gaps
 * get_unmapped_area() searches (mas_empty_area, mas_empty_area_rev).
 *
 * Glossary
 *   entry    what the user stored (never an "internal" pointer: low bits 10
 *            with a value <= 4096 are reserved, as in the XArray)
 *   node     struct maple_node, 256 bytes, from the "maple_node" slab cache
 *   enode    an encoded node pointer: node | type << 3 | 4 (mte_*)
 *   pivot    the last index of a slot's range; slot i covers
 *            [pivot[i-1] + 1, pivot[i]] (node min for i = 0, node max for
 *            the last used slot)
 *   gap      (allocation-range trees) the largest run of NULL indices in
 *            a child's subtree
 *   height   number of node levels; 0 for an empty tree or a lone entry
 *
 * Locking: mtree_*() take the tree's spinlock (ma_lock); mas_*() expect the
 * caller to hold it or the external lock (the mm's mmap_lock).  No RCU
 * readers exist in the simulation: MT_FLAGS_USE_RCU is accepted and only
 * recorded.
 */
#ifndef _MMSIM_LINUX_MAPLE_TREE_H
#define _MMSIM_LINUX_MAPLE_TREE_H

#include "linux/types.h"
#include "linux/gfp.h"
#include "linux/kernel.h"
#include "linux/spinlock.h"

#include <limits.h>

/* 64-bit sizes: a node is 256 bytes including its parent pointer. */
#define MAPLE_NODE_SLOTS 31
#define MAPLE_RANGE64_SLOTS 16
#define MAPLE_ARANGE64_SLOTS 10
#define MAPLE_ARANGE64_META_MAX 15
#define MAPLE_ALLOC_SLOTS (MAPLE_NODE_SLOTS - 1)

#define MAPLE_NODE_MASK 255UL

/* Where a node's data ends and which child holds its largest gap. */
struct maple_metadata {
	unsigned char end;
	unsigned char gap;
};

struct maple_pnode;  /* a parent pointer: node | slot << 3 | type bits */
struct maple_enode;  /* an encoded node pointer */

/*
 * Leaves (maple_leaf_64) and internal nodes of ordinary trees
 * (maple_range_64).  When fewer than 16 slots are used the metadata
 * lives in the unused last slot.
 */
struct maple_range_64 {
	struct maple_pnode *parent;
	unsigned long pivot[MAPLE_RANGE64_SLOTS - 1];
	union {
		void *slot[MAPLE_RANGE64_SLOTS];
		struct {
			void *pad[MAPLE_RANGE64_SLOTS - 1];
			struct maple_metadata meta;
		};
	};
};

/* Internal nodes of allocation-range trees: fewer slots, one gap each. */
struct maple_arange_64 {
	struct maple_pnode *parent;
	unsigned long pivot[MAPLE_ARANGE64_SLOTS - 1];
	void *slot[MAPLE_ARANGE64_SLOTS];
	unsigned long gap[MAPLE_ARANGE64_SLOTS];
	struct maple_metadata meta;
};

/* A node waiting in a ma_state's allocation stack. */
struct maple_alloc {
	unsigned long total;          /* nodes in this stack, this one included */
	unsigned char node_count;
	unsigned int request_count;
	struct maple_alloc *slot[MAPLE_ALLOC_SLOTS];
};

enum maple_type {
	maple_dense,
	maple_leaf_64,
	maple_range_64,
	maple_arange_64,
};

/* ma_flags */
#define MT_FLAGS_ALLOC_RANGE 0x01  /* track gaps: internal nodes are arange_64 */
#define MT_FLAGS_USE_RCU 0x02
#define MT_FLAGS_HEIGHT_OFFSET 0x02
#define MT_FLAGS_HEIGHT_MASK 0x7C
#define MT_FLAGS_LOCK_MASK 0x300
#define MT_FLAGS_LOCK_IRQ 0x100
#define MT_FLAGS_LOCK_BH 0x200
#define MT_FLAGS_LOCK_EXTERN 0x300

#define MAPLE_HEIGHT_MAX 31

#define MAPLE_NODE_TYPE_MASK 0x0F
#define MAPLE_NODE_TYPE_SHIFT 0x03

#define MAPLE_RESERVED_RANGE 4096

struct maple_tree {
	spinlock_t ma_lock;
	void *ma_root;             /* NULL, a lone entry (index 0) or an enode | 2 */
	unsigned int ma_flags;
};

#define MTREE_INIT(name, __flags) { .ma_flags = (__flags), .ma_root = NULL }
#define MTREE_INIT_EXT(name, __flags, __lock) MTREE_INIT(name, __flags)
#define DEFINE_MTREE(name) struct maple_tree name = MTREE_INIT(name, 0)

#define mtree_lock(mt) spin_lock(&(mt)->ma_lock)
#define mtree_unlock(mt) spin_unlock(&(mt)->ma_lock)
#define mt_lock_is_held(mt) 1
#define mt_set_external_lock(mt, lock) do { } while (0)

/*
 * struct maple_node: every view of one 256-byte node.
 *
 *   leaf_64 / range_64 (16 slots)            arange_64 (10 slots)
 *   +--------+ 0                              +--------+ 0
 *   | parent |                                | parent |
 *   +--------+ 8                              +--------+ 8
 *   | pivot  | 15 x 8 = 120                   | pivot  |  9 x 8 =  72
 *   +--------+ 128                            +--------+ 80
 *   | slot   | 16 x 8 = 128 (meta in slot 15  | slot   | 10 x 8 =  80
 *   |        |  when it is unused)            +--------+ 160
 *   +--------+ 256                            | gap    | 10 x 8 =  80
 *                                             +--------+ 240
 *                                             | meta   | end, gap
 *                                             +--------+ 256
 */
struct maple_node {
	union {
		struct {
			struct maple_pnode *parent;
			void *slot[MAPLE_NODE_SLOTS];
		};
		struct {
			void *pad;
			struct { void *next, *func; } rcu;
			struct maple_enode *piv_parent;
			unsigned char parent_slot;
			enum maple_type type;
			unsigned char slot_len;
			unsigned int ma_flags;
		};
		struct maple_range_64 mr64;
		struct maple_arange_64 ma64;
		struct maple_alloc alloc;
	};
};

void *mtree_load(struct maple_tree *mt, unsigned long index);
int mtree_insert(struct maple_tree *mt, unsigned long index, void *entry,
		 gfp_t gfp);
int mtree_insert_range(struct maple_tree *mt, unsigned long first,
		       unsigned long last, void *entry, gfp_t gfp);
int mtree_alloc_range(struct maple_tree *mt, unsigned long *startp,
		      void *entry, unsigned long size, unsigned long min,
		      unsigned long max, gfp_t gfp);
int mtree_alloc_rrange(struct maple_tree *mt, unsigned long *startp,
		       void *entry, unsigned long size, unsigned long min,
		       unsigned long max, gfp_t gfp);
int mtree_store_range(struct maple_tree *mt, unsigned long first,
		      unsigned long last, void *entry, gfp_t gfp);
int mtree_store(struct maple_tree *mt, unsigned long index, void *entry,
		gfp_t gfp);
void *mtree_erase(struct maple_tree *mt, unsigned long index);
void mtree_destroy(struct maple_tree *mt);
void __mt_destroy(struct maple_tree *mt);

static inline bool mtree_empty(const struct maple_tree *mt)
{
	return mt->ma_root == NULL;
}

/*
 * The advanced API: a maple state is a cursor over one range
 * [index, last] of one tree.  node is a leaf (encoded) or one of the
 * special states below; alloc is the stack of nodes preallocated for the
 * next write.
 */
struct ma_state {
	struct maple_tree *tree;
	unsigned long index;
	unsigned long last;
	struct maple_enode *node;
	unsigned long min;         /* the range node covers */
	unsigned long max;
	struct maple_alloc *alloc;
	unsigned char depth;
	unsigned char offset;      /* slot of [index, last] in node */
	unsigned char mas_flags;
};

#define mas_lock(mas) spin_lock(&((mas)->tree->ma_lock))
#define mas_unlock(mas) spin_unlock(&((mas)->tree->ma_lock))

/* Special values of ma_state.node. */
#define MAS_START ((struct maple_enode *)1UL)   /* walk from the root next */
#define MAS_ROOT ((struct maple_enode *)5UL)    /* the root is a lone entry */
#define MAS_NONE ((struct maple_enode *)9UL)    /* nothing (empty tree, end) */
#define MAS_PAUSE ((struct maple_enode *)17UL)  /* resume after last */
#define MA_ERROR(err) ((struct maple_enode *)(((unsigned long)(err) << 2) | 2UL))

#define MA_STATE_BULK 1
#define MA_STATE_REBALANCE 2
#define MA_STATE_PREALLOC 4

#define MA_STATE(name, mt, first, end)                                        \
	struct ma_state name = {                                              \
		.tree = (mt),                                                 \
		.index = (first),                                             \
		.last = (end),                                                \
		.node = MAS_START,                                            \
		.min = 0,                                                     \
		.max = ULONG_MAX,                                             \
		.alloc = NULL,                                                \
	}

/*
 * A write in progress: where in the leaf (or the node being walked) the
 * store [mas->index, mas->last] lands.
 */
struct ma_wr_state {
	struct ma_state *mas;
	struct maple_node *node;   /* mas->node, decoded */
	unsigned long r_min;       /* the range of the slot at mas->offset */
	unsigned long r_max;
	enum maple_type type;      /* mas->node's type */
	unsigned char offset_end;  /* the slot where the store ends */
	unsigned char node_end;    /* the node's last used slot */
	unsigned long *pivots;
	unsigned long end_piv;     /* the last index of slot offset_end */
	void **slots;
	void *entry;               /* what is stored */
	void *content;             /* what was at mas->index */
};

#define MA_WR_STATE(name, ma_state, wr_entry)                                 \
	struct ma_wr_state name = {                                           \
		.mas = ma_state,                                              \
		.content = NULL,                                              \
		.entry = wr_entry,                                            \
	}

void *mas_walk(struct ma_state *mas);
void *mas_store(struct ma_state *mas, void *entry);
void *mas_erase(struct ma_state *mas);
int mas_store_gfp(struct ma_state *mas, void *entry, gfp_t gfp);
void mas_store_prealloc(struct ma_state *mas, void *entry);
void *mas_find(struct ma_state *mas, unsigned long max);
void *mas_find_rev(struct ma_state *mas, unsigned long min);
int mas_preallocate(struct ma_state *mas, void *entry, gfp_t gfp);
bool mas_is_err(struct ma_state *mas);
bool mas_nomem(struct ma_state *mas, gfp_t gfp);
void mas_pause(struct ma_state *mas);
void maple_tree_init(void);
void mas_destroy(struct ma_state *mas);
int mas_expected_entries(struct ma_state *mas, unsigned long nr_entries);
void *mas_prev(struct ma_state *mas, unsigned long min);
void *mas_next(struct ma_state *mas, unsigned long max);
int mas_empty_area(struct ma_state *mas, unsigned long min, unsigned long max,
		   unsigned long size);
int mas_empty_area_rev(struct ma_state *mas, unsigned long min,
		       unsigned long max, unsigned long size);

static inline bool mas_is_none(struct ma_state *mas)
{
	return mas->node == MAS_NONE;
}

static inline bool mas_is_paused(struct ma_state *mas)
{
	return mas->node == MAS_PAUSE;
}

static inline void mas_reset(struct ma_state *mas)
{
	mas->node = MAS_START;
}

#define mas_for_each(__mas, __entry, __max) \
	while (((__entry) = mas_find((__mas), (__max))) != NULL)

static inline void mas_set_range(struct ma_state *mas, unsigned long start,
				 unsigned long last)
{
	mas->index = start;
	mas->last = last;
	mas->node = MAS_START;
}

static inline void mas_set(struct ma_state *mas, unsigned long index)
{
	mas_set_range(mas, index, index);
}

static inline bool mt_external_lock(const struct maple_tree *mt)
{
	return (mt->ma_flags & MT_FLAGS_LOCK_MASK) == MT_FLAGS_LOCK_EXTERN;
}

static inline void mt_init_flags(struct maple_tree *mt, unsigned int flags)
{
	mt->ma_flags = flags;
	spin_lock_init(&mt->ma_lock);
	mt->ma_root = NULL;
}

static inline void mt_init(struct maple_tree *mt)
{
	mt_init_flags(mt, 0);
}

static inline bool mt_in_rcu(struct maple_tree *mt)
{
	return mt->ma_flags & MT_FLAGS_USE_RCU;
}

static inline void mt_clear_in_rcu(struct maple_tree *mt)
{
	mt->ma_flags &= ~MT_FLAGS_USE_RCU;
}

static inline void mt_set_in_rcu(struct maple_tree *mt)
{
	mt->ma_flags |= MT_FLAGS_USE_RCU;
}

static inline unsigned int mt_height(const struct maple_tree *mt)
{
	return (mt->ma_flags & MT_FLAGS_HEIGHT_MASK) >> MT_FLAGS_HEIGHT_OFFSET;
}

void *mt_find(struct maple_tree *mt, unsigned long *index, unsigned long max);
void *mt_find_after(struct maple_tree *mt, unsigned long *index,
		    unsigned long max);
void *mt_prev(struct maple_tree *mt, unsigned long index, unsigned long min);
void *mt_next(struct maple_tree *mt, unsigned long index, unsigned long max);

/* Every entry of @tree from @index to @max; @index ends past the last one. */
#define mt_for_each(__tree, __entry, __index, __max)                          \
	for (__entry = mt_find(__tree, &(__index), __max); __entry;           \
	     __entry = mt_find_after(__tree, &(__index), __max))

/*
 * Errors travel in ma_state.node as XArray-style internal values:
 * MA_ERROR(-ENOMEM); xa_err() turns one back into -errno.  They come from
 * mmsim's <linux/xarray.h>; a build that includes the kernel's header
 * first (the peer test) keeps its copies.
 */
#ifndef _LINUX_XARRAY_H
#include "linux/xarray.h"
#endif

/*
 * Check every invariant of @mt (see lib/maple_tree.c, mt_validate()).
 * mt_validate_report() returns 0 when they hold, else -EINVAL with a
 * description of the first broken one in @why (when not NULL).
 */
void mt_validate(struct maple_tree *mt);
int mt_validate_report(struct maple_tree *mt, char *why, size_t len);
/* Print the tree (pr_info), for debugging. */
void mt_dump(const struct maple_tree *mt);

/* Nodes of the "maple_node" cache a ma_state holds for its next write. */
unsigned long mas_allocated(const struct ma_state *mas);

#endif /* _MMSIM_LINUX_MAPLE_TREE_H */

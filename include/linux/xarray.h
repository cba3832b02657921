/* SPDX-License-Identifier: MIT */
/*
 * include/linux/xarray.h — the xarray: a radix tree of 64-slot nodes
 * mapping an unsigned long index to a pointer, the page cache's index
 * (address_space.i_pages) and the swap cache's.
 *
 * Kernel counterpart: include/linux/xarray.h (Linux 6.1): struct xarray,
 * struct xa_node, struct xa_state, the entry encodings, XA_STATE /
 * XA_STATE_ORDER, xa_* and xas_*.  The layout is the kernel's, so node
 * counts (and the "radix_tree_node" slab cache, 576 bytes on 64-bit)
 * move as the kernel's do; the code in lib/xarray.c is mmsim's own.
 *
 * Glossary
 *   entry       what a slot holds, a tagged word (low two bits):
 *                 ..00  a pointer (a folio/page), or NULL
 *                 ...1  a value entry: xa_mk_value(v) = v << 1 | 1
 *                       (shadows, swap entries of tmpfs)
 *                 ..10  internal: a node pointer (> 4096), a sibling
 *                       (slot number < 63), a retry or zero entry, an error
 *   node        64 slots covering 64 << shift indices; shift 0 = a leaf
 *   head        xa_head: NULL, one entry for index 0, or the top node
 *   sibling     a multi-index entry of order > shift takes 2^(order -
 *               shift) slots of one node: the first holds the entry, the
 *               others a sibling entry naming the first
 *   marks       three bits per slot (XA_MARK_0..2), and the same bit set
 *               on each ancestor's slot leading to a marked slot; the
 *               top-level bits live in xa_flags
 *
 *   xa_head -> node(shift 12)            index = a.b.c (6 bits each)
 *                 slots[a] -> node(shift 6)
 *                               slots[b] -> node(shift 0)
 *                                             slots[c] = entry
 *
 * Invariants (xa_validate() in lib/xarray.c checks them):
 *   count     = non-NULL slots of the node (siblings included)
 *   nr_values = value entries among them (siblings of a value included)
 *   child->parent = node, child->offset = its slot, child->shift =
 *   node->shift - 6; a node's mark bit for a slot = OR of the child's bits
 *   the top node has no parent; after a deletion it holds more than
 *   slot 0 (xas_shrink), so the tree is as short as its largest index
 *
 * Lock: xa_lock (a spinlock) guards the tree; readers in the kernel use
 * RCU, in mmsim they take the caller's locks.  Nodes come from
 * "radix_tree_node" (radix_tree_init) with GFP_NOWAIT under the lock,
 * then with the caller's gfp outside it (xas_nomem).
 */
#ifndef _MMSIM_LINUX_XARRAY_H
#define _MMSIM_LINUX_XARRAY_H
#define _LINUX_XARRAY_H     /* the kernel's guard: include/linux/maple_tree.h */

#include "linux/types.h"
#include "linux/list.h"
#include "linux/gfp.h"
#include "linux/spinlock.h"

#define XA_CHUNK_SHIFT 6
#define XA_CHUNK_SIZE (1UL << XA_CHUNK_SHIFT)
#define XA_CHUNK_MASK (XA_CHUNK_SIZE - 1)
#define XA_MAX_MARKS 3
#define XA_MARK_LONGS ((XA_CHUNK_SIZE + 63) / 64)

typedef unsigned int xa_mark_t;
#define XA_MARK_0 ((xa_mark_t)0U)
#define XA_MARK_1 ((xa_mark_t)1U)
#define XA_MARK_2 ((xa_mark_t)2U)
#define XA_PRESENT ((xa_mark_t)8U)
#define XA_MARK_MAX XA_MARK_2
#define XA_FREE_MARK XA_MARK_0

/* the page cache's names for the marks (include/linux/fs.h) */
#define PAGECACHE_TAG_DIRTY XA_MARK_0
#define PAGECACHE_TAG_WRITEBACK XA_MARK_1
#define PAGECACHE_TAG_TOWRITE XA_MARK_2

/* xa_flags: the lock type, and the marks of the head (bits 10..12) */
#define XA_FLAGS_LOCK_IRQ ((gfp_t)1U)
#define XA_FLAGS_LOCK_BH ((gfp_t)2U)
#define XA_FLAGS_TRACK_FREE ((gfp_t)4U)
#define XA_FLAGS_ZERO_BUSY ((gfp_t)8U)
#define XA_FLAGS_ALLOC_WRAPPED ((gfp_t)16U)
#define XA_FLAGS_ACCOUNT ((gfp_t)32U)
#define XA_FLAGS_MARK_SHIFT 10
#define XA_FLAGS_MARK(mark) ((gfp_t)(1U << (XA_FLAGS_MARK_SHIFT + (unsigned int)(mark))))

struct xarray {
	spinlock_t xa_lock;
	gfp_t xa_flags;
	void *xa_head;
};

/* 576 bytes on 64-bit, 300 on 32-bit: the "radix_tree_node" object. */
struct xa_node {
	unsigned char shift;
	unsigned char offset;     /* slot in the parent */
	unsigned char count;      /* non-NULL slots */
	unsigned char nr_values;  /* value entries */
	struct xa_node *parent;   /* NULL at the top */
	struct xarray *array;
	struct list_head private_list;  /* the workingset's shadow_nodes */
	void *slots[XA_CHUNK_SIZE];
	unsigned long marks[XA_MAX_MARKS][XA_MARK_LONGS];
};

/* The size of struct xa_node in a kernel whose long is @long_bytes bytes. */
static inline unsigned int xa_node_kernel_size(unsigned int long_bytes)
{
	unsigned int header = 4 + (long_bytes - 4) + 4 * long_bytes;

	return header + (unsigned int)XA_CHUNK_SIZE * long_bytes +
	       XA_MAX_MARKS * (unsigned int)(XA_CHUNK_SIZE / 8);
}

typedef void (*xa_update_node_t)(struct xa_node *node);
struct list_lru;

/*
 * A cursor: the index (and order: shift, sibs) it is at, the node and
 * slot reached so far.  xa_node is also a state: NULL = at the head,
 * XAS_RESTART = walk again from the top, XAS_BOUNDS = past the tree,
 * an error entry = the operation failed (xas_error()).
 */
struct xa_state {
	struct xarray *xa;
	unsigned long xa_index;
	unsigned char xa_shift;
	unsigned char xa_sibs;
	unsigned char xa_offset;
	unsigned char xa_pad;
	struct xa_node *xa_node;
	struct xa_node *xa_alloc;     /* a node xas_nomem got ready */
	xa_update_node_t xa_update;   /* told of each node count change */
	struct list_lru *xa_lru;
};

#define XAS_BOUNDS ((struct xa_node *)1UL)
#define XAS_RESTART ((struct xa_node *)3UL)

#define XA_STATE(name, array, index)                                    \
	struct xa_state name = { .xa = (array), .xa_index = (index),    \
				 .xa_node = XAS_RESTART }
#define XA_STATE_ORDER(name, array, index, order)                       \
	struct xa_state name = {                                        \
		.xa = (array),                                          \
		.xa_index = (index) >> (order) << (order),              \
		.xa_shift = (unsigned char)((order) - ((order) % XA_CHUNK_SHIFT)), \
		.xa_sibs = (unsigned char)((1U << ((order) % XA_CHUNK_SHIFT)) - 1), \
		.xa_node = XAS_RESTART }

/* ---- entries ------------------------------------------------------------ */

static inline void *xa_mk_value(unsigned long v)
{
	return (void *)((v << 1) | 1);
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

static inline void *xa_mk_internal(unsigned long v)
{
	return (void *)((v << 2) | 2);
}

static inline unsigned long xa_to_internal(const void *entry)
{
	return (unsigned long)entry >> 2;
}

static inline bool xa_is_internal(const void *entry)
{
	return ((unsigned long)entry & 3) == 2;
}

#define XA_ZERO_ENTRY xa_mk_internal(257)
#define XA_RETRY_ENTRY xa_mk_internal(256)

static inline bool xa_is_zero(const void *entry)
{
	return entry == XA_ZERO_ENTRY;
}

static inline bool xa_is_retry(const void *entry)
{
	return entry == XA_RETRY_ENTRY;
}

static inline bool xa_is_err(const void *entry)
{
	return xa_is_internal(entry) &&
	       (unsigned long)entry >= (unsigned long)xa_mk_internal(-4095UL);
}

static inline int xa_err(const void *entry)
{
	return xa_is_err(entry) ? (int)((long)entry >> 2) : 0;
}

/* Entries a user may not store (they would read as internal pointers). */
static inline bool xa_is_advanced(const void *entry)
{
	return xa_is_internal(entry) && (unsigned long)entry <= ((4UL << 2) | 2);
}

static inline bool xa_is_node(const void *entry)
{
	return xa_is_internal(entry) && (unsigned long)entry > 4096;
}

static inline void *xa_mk_node(const struct xa_node *node)
{
	return (void *)((unsigned long)node | 2);
}

static inline struct xa_node *xa_to_node(const void *entry)
{
	return (struct xa_node *)((unsigned long)entry - 2);
}

static inline void *xa_mk_sibling(unsigned int offset)
{
	return xa_mk_internal(offset);
}

static inline unsigned long xa_to_sibling(const void *entry)
{
	return xa_to_internal(entry);
}

static inline bool xa_is_sibling(const void *entry)
{
	return xa_is_internal(entry) && entry < xa_mk_sibling(XA_CHUNK_SIZE - 1);
}

/* ---- the array ---------------------------------------------------------- */

static inline void xa_init_flags(struct xarray *xa, gfp_t flags)
{
	spin_lock_init(&xa->xa_lock);
	xa->xa_flags = flags;
	xa->xa_head = NULL;
}

static inline void xa_init(struct xarray *xa)
{
	xa_init_flags(xa, 0);
}

static inline bool xa_empty(const struct xarray *xa)
{
	return xa->xa_head == NULL;
}

static inline bool xa_marked(const struct xarray *xa, xa_mark_t mark)
{
	return xa->xa_flags & XA_FLAGS_MARK(mark);
}

#define xa_lock(xa) spin_lock(&(xa)->xa_lock)
#define xa_unlock(xa) spin_unlock(&(xa)->xa_lock)
#define xa_lock_irq(xa) spin_lock(&(xa)->xa_lock)
#define xa_unlock_irq(xa) spin_unlock(&(xa)->xa_lock)
#define xas_lock(xas) xa_lock((xas)->xa)
#define xas_unlock(xas) xa_unlock((xas)->xa)
#define xas_lock_irq(xas) xa_lock((xas)->xa)
#define xas_unlock_irq(xas) xa_unlock((xas)->xa)

void *xa_load(struct xarray *xa, unsigned long index);
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
void *__xa_erase(struct xarray *xa, unsigned long index);
void *xa_cmpxchg(struct xarray *xa, unsigned long index, void *old,
		 void *entry, gfp_t gfp);
void *__xa_cmpxchg(struct xarray *xa, unsigned long index, void *old,
		   void *entry, gfp_t gfp);
#define xa_cmpxchg_irq xa_cmpxchg
void *xa_store_range(struct xarray *xa, unsigned long first,
		     unsigned long last, void *entry, gfp_t gfp);
void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max,
	      xa_mark_t filter);
void *xa_find_after(struct xarray *xa, unsigned long *indexp,
		    unsigned long max, xa_mark_t filter);
bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_destroy(struct xarray *xa);

/* Every present entry of @xa from @index to @max, in order. */
#define xa_for_each_range(xa, index, entry, start, last)                   \
	for ((index) = (start), (entry) = xa_find(xa, &(index), last, XA_PRESENT); \
	     (entry); (entry) = xa_find_after(xa, &(index), last, XA_PRESENT))
#define xa_for_each(xa, index, entry) \
	xa_for_each_range(xa, index, entry, 0, ~0UL)

/* ---- the cursor --------------------------------------------------------- */

static inline int xas_error(const struct xa_state *xas)
{
	return xa_err(xas->xa_node);
}

static inline void xas_set_err(struct xa_state *xas, long err)
{
	xas->xa_node = (struct xa_node *)xa_mk_internal((unsigned long)err);
}

/* Not at a node: an error, past the bounds or to be restarted. */
static inline bool xas_invalid(const struct xa_state *xas)
{
	return (unsigned long)xas->xa_node & 3;
}

static inline bool xas_valid(const struct xa_state *xas)
{
	return !xas_invalid(xas);
}

static inline void xas_reset(struct xa_state *xas)
{
	xas->xa_node = XAS_RESTART;
}

static inline void xas_set(struct xa_state *xas, unsigned long index)
{
	xas->xa_index = index;
	xas->xa_node = XAS_RESTART;
}

static inline void xas_set_order(struct xa_state *xas, unsigned long index,
				 unsigned int order)
{
	xas->xa_index = order < 64 ? (index >> order) << order : 0;
	xas->xa_shift = (unsigned char)(order - (order % XA_CHUNK_SHIFT));
	xas->xa_sibs = (unsigned char)((1U << (order % XA_CHUNK_SHIFT)) - 1);
	xas->xa_node = XAS_RESTART;
}

static inline void xas_set_update(struct xa_state *xas, xa_update_node_t update)
{
	xas->xa_update = update;
}

static inline void xas_set_lru(struct xa_state *xas, struct list_lru *lru)
{
	xas->xa_lru = lru;
}

/* A retry entry was read: walk again from the top (true), else false. */
static inline bool xas_retry(struct xa_state *xas, const void *entry)
{
	if (xa_is_zero(entry))
		return true;
	if (!xa_is_retry(entry))
		return false;
	xas_reset(xas);
	return true;
}

/* Each present entry from the cursor's index to @max (the cursor at it). */
#define xas_for_each(xas, entry, max) \
	for ((entry) = xas_find(xas, max); (entry); (entry) = xas_find(xas, max))

void *xas_load(struct xa_state *xas);
void *xas_store(struct xa_state *xas, void *entry);
void *xas_find(struct xa_state *xas, unsigned long max);
void *xas_find_marked(struct xa_state *xas, unsigned long max, xa_mark_t mark);
void *xas_find_conflict(struct xa_state *xas);
void *xas_next(struct xa_state *xas);
void xas_create_range(struct xa_state *xas);
void xa_delete_node(struct xa_node *node, xa_update_node_t update);
bool xas_nomem(struct xa_state *xas, gfp_t gfp);
bool xas_get_mark(const struct xa_state *xas, xa_mark_t mark);
void xas_set_mark(const struct xa_state *xas, xa_mark_t mark);
void xas_clear_mark(const struct xa_state *xas, xa_mark_t mark);
void xas_init_marks(const struct xa_state *xas);
int xa_get_order(struct xarray *xa, unsigned long index);

/* lib/radix-tree.c's part: the node cache (start_kernel, before maple_tree_init). */
void radix_tree_init(void);
/* mmsim: the nodes of @xa (validators and tests); -1 when malformed, with a message. */
long xa_validate(struct xarray *xa, const char *who);

#endif /* _MMSIM_LINUX_XARRAY_H */

// SPDX-License-Identifier: MIT
/*
 * lib/xarray.c — the xarray (include/linux/xarray.h has the layout, the
 * entry encodings and the invariants).
 *
 * Kernel counterpart: lib/xarray.c (Linux 6.1), and radix_tree_init of
 * lib/radix-tree.c, which makes the node cache.  Nodes are allocated,
 * grown, shrunk and freed at the same moments as 6.1's, so that a
 * pattern of stores leaves the same number of nodes in "radix_tree_node":
 *
 *   - the tree is as tall as its largest index needs: a store above it
 *     adds nodes on top (xas_expand), each holding the old top in slot 0;
 *     an index-0 entry alone lives in xa_head without a node;
 *   - a store creates the missing nodes on its path (xas_create);
 *   - a node whose count drops to 0 goes, and so do its emptied
 *     ancestors (xas_delete_node); a top node holding only slot 0 is
 *     replaced by what slot 0 holds (xas_shrink);
 *   - a multi-index entry of order N takes, in the node of shift
 *     N - N % 6, 2^(N % 6) slots: the entry, then siblings.
 *
 * Allocation: under the lock a node is taken with GFP_NOWAIT|__GFP_NOWARN
 * (xas_alloc); when that fails the operation stops with -ENOMEM and the
 * caller, the lock dropped, calls xas_nomem() with its own gfp and tries
 * again.  A freed node is put back to its constructed state (zeroed, its
 * list empty) and freed at once: 6.1 frees it after an RCU grace period,
 * mmsim has no readers to wait for.
 *
 * Marks: xas_find_marked() walks as xas_find() does, skipping every slot
 * whose mark bit is clear (a clear bit on a node's slot = nothing marked
 * below it), so its results are 6.1's; it does not use the bitmap
 * scans (find_next_bit) 6.1 uses to jump over runs of clear bits.
 * XA_FLAGS_TRACK_FREE (allocating arrays, xa_alloc) is not built: no
 * mmsim user has one.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/string.h"
#include "linux/slab.h"
#include "linux/xarray.h"
#include "linux/printk.h"
#include "mmsim/machine.h"

/* the kernel global, per machine */
#define radix_tree_node_cachep (current_machine->radix_tree_node_cachep)

/* ---- nodes -------------------------------------------------------------- */

/* radix_tree_node_ctor: a node as the cache hands it out. */
static void radix_tree_node_ctor(void *arg)
{
	struct xa_node *node = arg;

	memset(node, 0, sizeof(*node));
	INIT_LIST_HEAD(&node->private_list);
}

/*
 * radix_tree_init: the "radix_tree_node" cache, 576 bytes on 64-bit
 * (300 on 32-bit ARM: mmsim's node is then the object's shadow), with
 * a constructor, so its free pointer sits after the object (584 / 304).
 */
void radix_tree_init(void)
{
	unsigned int size = xa_node_kernel_size(current_machine->arch.long_bytes);

	radix_tree_node_cachep = kmem_cache_create_shadowed(
		"radix_tree_node", size, sizeof(struct xa_node), 0,
		SLAB_PANIC | SLAB_RECLAIM_ACCOUNT, radix_tree_node_ctor);
}

static void xas_update(struct xa_state *xas, struct xa_node *node)
{
	if (xas->xa_update)
		xas->xa_update(node);
}

/* A node for slot xa_offset of xa_node (or the top), or NULL with -ENOMEM set. */
static struct xa_node *xas_alloc(struct xa_state *xas, unsigned int shift)
{
	struct xa_node *parent = xas->xa_node;
	struct xa_node *node = xas->xa_alloc;

	if (xas_invalid(xas))
		return NULL;
	if (node) {
		xas->xa_alloc = NULL;
	} else {
		gfp_t gfp = GFP_NOWAIT | __GFP_NOWARN;

		if (xas->xa->xa_flags & XA_FLAGS_ACCOUNT)
			gfp |= __GFP_ACCOUNT;
		node = kmem_cache_alloc(radix_tree_node_cachep, gfp);
		if (!node) {
			xas_set_err(xas, -ENOMEM);
			return NULL;
		}
	}
	if (parent) {
		node->offset = xas->xa_offset;
		parent->count++;
		VM_BUG_ON(parent->count > XA_CHUNK_SIZE);
		xas_update(xas, parent);
	}
	VM_BUG_ON(!list_empty(&node->private_list));
	node->shift = (unsigned char)shift;
	node->count = 0;
	node->nr_values = 0;
	node->parent = parent;
	node->array = xas->xa;
	return node;
}

static void xa_node_free(struct xa_node *node)
{
	VM_BUG_ON(!list_empty(&node->private_list));
	radix_tree_node_ctor(node);
	kmem_cache_free(radix_tree_node_cachep, node);
}

/* Free what xas_nomem() got and nobody used. */
static void xas_destroy(struct xa_state *xas)
{
	if (xas->xa_alloc) {
		xa_node_free(xas->xa_alloc);
		xas->xa_alloc = NULL;
	}
}

/*
 * xas_nomem: the last operation ran out of nodes: allocate one with @gfp
 * (the caller has dropped the lock) and say "try again" (true).  false
 * when there was no such failure or the allocation failed (the error
 * stays set); a node got and not used is freed then.
 */
bool xas_nomem(struct xa_state *xas, gfp_t gfp)
{
	if (xas_error(xas) != -ENOMEM) {
		xas_destroy(xas);
		return false;
	}
	if (xas->xa->xa_flags & XA_FLAGS_ACCOUNT)
		gfp |= __GFP_ACCOUNT;
	xas->xa_alloc = kmem_cache_alloc(radix_tree_node_cachep, gfp);
	if (!xas->xa_alloc)
		return false;
	xas->xa_node = XAS_RESTART;
	return true;
}

/* __xas_nomem: the same from under the lock, dropped while it may block. */
static bool __xas_nomem(struct xa_state *xas, gfp_t gfp)
{
	bool blocking = gfpflags_allow_blocking(gfp);

	if (xas_error(xas) != -ENOMEM) {
		xas_destroy(xas);
		return false;
	}
	if (blocking)
		xas_unlock(xas);
	xas->xa_alloc = kmem_cache_alloc(radix_tree_node_cachep, gfp);
	if (blocking)
		xas_lock(xas);
	if (!xas->xa_alloc)
		return false;
	xas->xa_node = XAS_RESTART;
	return true;
}

/* ---- marks -------------------------------------------------------------- */

static bool node_get_mark(const struct xa_node *node, unsigned int offset,
			  xa_mark_t mark)
{
	return node->marks[mark][offset / 64] & (1UL << (offset % 64));
}

/* Set; true when it was already set. */
static bool node_set_mark(struct xa_node *node, unsigned int offset, xa_mark_t mark)
{
	bool was = node_get_mark(node, offset, mark);

	node->marks[mark][offset / 64] |= 1UL << (offset % 64);
	return was;
}

/* Clear; true when it was set. */
static bool node_clear_mark(struct xa_node *node, unsigned int offset, xa_mark_t mark)
{
	bool was = node_get_mark(node, offset, mark);

	node->marks[mark][offset / 64] &= ~(1UL << (offset % 64));
	return was;
}

static bool node_any_mark(const struct xa_node *node, xa_mark_t mark)
{
	unsigned int i;

	for (i = 0; i < XA_MARK_LONGS; i++)
		if (node->marks[mark][i])
			return true;
	return false;
}

bool xas_get_mark(const struct xa_state *xas, xa_mark_t mark)
{
	if (xas_invalid(xas))
		return false;
	if (!xas->xa_node)
		return xa_marked(xas->xa, mark);
	return node_get_mark(xas->xa_node, xas->xa_offset, mark);
}

/* Mark the entry the cursor is at, and the path up to the head. */
void xas_set_mark(const struct xa_state *xas, xa_mark_t mark)
{
	struct xa_node *node = xas->xa_node;
	unsigned int offset = xas->xa_offset;

	if (xas_invalid(xas))
		return;
	for (; node; offset = node->offset, node = node->parent)
		if (node_set_mark(node, offset, mark))
			return;
	xas->xa->xa_flags |= XA_FLAGS_MARK(mark);
}

/* Unmark it; each ancestor loses the bit when nothing below keeps it. */
void xas_clear_mark(const struct xa_state *xas, xa_mark_t mark)
{
	struct xa_node *node = xas->xa_node;
	unsigned int offset = xas->xa_offset;

	if (xas_invalid(xas))
		return;
	for (; node; offset = node->offset, node = node->parent) {
		if (!node_clear_mark(node, offset, mark))
			return;
		if (node_any_mark(node, mark))
			return;
	}
	xas->xa->xa_flags &= ~XA_FLAGS_MARK(mark);
}

void xas_init_marks(const struct xa_state *xas)
{
	xa_mark_t mark;

	for (mark = 0; mark <= XA_MARK_MAX; mark++)
		xas_clear_mark(xas, mark);
}

/* A multi-index store: any mark of its slots moves to its first slot. */
static void xas_squash_marks(const struct xa_state *xas)
{
	unsigned int first = xas->xa_offset, last = first + xas->xa_sibs, i;
	xa_mark_t mark;

	for (mark = 0; mark <= XA_MARK_MAX; mark++) {
		bool any = false;

		for (i = first + 1; i <= last; i++)
			any |= node_clear_mark(xas->xa_node, i, mark);
		if (any)
			node_set_mark(xas->xa_node, first, mark);
	}
}

/* ---- walking down ------------------------------------------------------- */

static unsigned long node_max_index(const void *entry)
{
	if (!xa_is_node(entry))
		return 0;
	return (XA_CHUNK_SIZE << xa_to_node(entry)->shift) - 1;
}

static void *set_bounds(struct xa_state *xas)
{
	xas->xa_node = XAS_BOUNDS;
	return NULL;
}

/* Step into @node at the cursor's index; a sibling leads to its entry's slot. */
static void *xas_descend(struct xa_state *xas, struct xa_node *node)
{
	unsigned int offset = (xas->xa_index >> node->shift) & XA_CHUNK_MASK;
	void *entry = node->slots[offset];

	xas->xa_node = node;
	while (xa_is_sibling(entry)) {
		offset = (unsigned int)xa_to_sibling(entry);
		entry = node->slots[offset];
		if (node->shift && xa_is_node(entry))
			entry = XA_RETRY_ENTRY;
	}
	xas->xa_offset = (unsigned char)offset;
	return entry;
}

/* The entry the cursor's node and index name (the cursor already walked). */
static void *xas_reload(struct xa_state *xas)
{
	struct xa_node *node = xas->xa_node;
	unsigned int offset;
	void *entry;

	if (!node)
		return xas->xa->xa_head;
	offset = (xas->xa_index >> node->shift) & XA_CHUNK_MASK;
	entry = node->slots[offset];
	if (xa_is_sibling(entry))
		entry = node->slots[xa_to_sibling(entry)];
	return entry;
}

/* Where a walk begins: the head, or NULL with XAS_BOUNDS past the tree. */
static void *xas_start(struct xa_state *xas)
{
	void *entry;

	if (xas_valid(xas))
		return xas_reload(xas);
	if (xas_error(xas))
		return NULL;
	entry = xas->xa->xa_head;
	if (!xa_is_node(entry)) {
		if (xas->xa_index)
			return set_bounds(xas);
	} else if ((xas->xa_index >> xa_to_node(entry)->shift) > XA_CHUNK_MASK) {
		return set_bounds(xas);
	}
	xas->xa_node = NULL;
	return entry;
}

/*
 * xas_load: the entry at the cursor's index (a multi-index entry's own
 * pointer from any of its indices), the cursor left at its slot; NULL
 * for an empty index.  It stops above a leaf at a node entry when the
 * cursor's order is that node's or larger.
 */
void *xas_load(struct xa_state *xas)
{
	void *entry = xas_start(xas);

	while (xa_is_node(entry)) {
		struct xa_node *node = xa_to_node(entry);

		if (xas->xa_shift > node->shift)
			break;
		entry = xas_descend(xas, node);
		if (node->shift == 0)
			break;
	}
	return entry;
}

/* ---- growing ------------------------------------------------------------ */

/* The largest index the cursor's store touches (+1 when it spans all). */
static unsigned long xas_max(const struct xa_state *xas)
{
	unsigned long max = xas->xa_index;

	if (xas->xa_shift || xas->xa_sibs) {
		unsigned long mask = ((xas->xa_sibs + 1UL) << xas->xa_shift) - 1;

		max |= mask;
		if (mask == max)
			max++;
	}
	return max;
}

/*
 * xas_expand: make the tree tall enough for the cursor, adding nodes on
 * top (the old head in slot 0, its marks carried up).  The shift the
 * walk down starts from, or -ENOMEM.  An empty tree only gets its shift:
 * xas_create makes the nodes.
 */
static int xas_expand(struct xa_state *xas, void *head)
{
	struct xarray *xa = xas->xa;
	struct xa_node *node = NULL;
	unsigned long max = xas_max(xas);
	unsigned int shift = 0;

	if (!head) {
		if (max == 0)
			return 0;
		while ((max >> shift) >= XA_CHUNK_SIZE)
			shift += XA_CHUNK_SHIFT;
		return (int)(shift + XA_CHUNK_SHIFT);
	}
	if (xa_is_node(head)) {
		node = xa_to_node(head);
		shift = node->shift + XA_CHUNK_SHIFT;
	}
	xas->xa_node = NULL;
	while (max > node_max_index(head)) {
		xa_mark_t mark;

		node = xas_alloc(xas, shift);
		if (!node)
			return -ENOMEM;
		node->count = 1;
		if (xa_is_value(head))
			node->nr_values = 1;
		node->slots[0] = head;
		for (mark = 0; mark <= XA_MARK_MAX; mark++)
			if (xa_marked(xa, mark))
				node_set_mark(node, 0, mark);
		if (xa_is_node(head)) {
			xa_to_node(head)->offset = 0;
			xa_to_node(head)->parent = node;
		}
		head = xa_mk_node(node);
		xa->xa_head = head;
		xas_update(xas, node);
		shift += XA_CHUNK_SHIFT;
	}
	xas->xa_node = node;
	return (int)shift;
}

/*
 * xas_create: walk to the cursor's slot making every missing node on the
 * way (the tree grown first when the walk starts at the top); an entry
 * for index 0 may live in the head when @allow_root.  Returns what the
 * slot held (NULL for a new one); the cursor stays at the slot, or has
 * -ENOMEM set.
 */
static void *xas_create(struct xa_state *xas, bool allow_root)
{
	struct xarray *xa = xas->xa;
	struct xa_node *node = xas->xa_node;
	unsigned int order = xas->xa_shift;
	void **slot;
	void *entry;
	int shift;

	if (node == NULL || node == XAS_BOUNDS || node == XAS_RESTART) {
		xas->xa_node = NULL;
		shift = xas_expand(xas, xa->xa_head);
		if (shift < 0)
			return NULL;
		if (!shift && !allow_root)
			shift = XA_CHUNK_SHIFT;
		entry = xa->xa_head;
		slot = &xa->xa_head;
	} else if (xas_error(xas)) {
		return NULL;
	} else {
		shift = node->shift;
		slot = &node->slots[xas->xa_offset];
		entry = *slot;
	}
	while (shift > (int)order) {
		shift -= XA_CHUNK_SHIFT;
		if (!entry) {
			node = xas_alloc(xas, (unsigned int)shift);
			if (!node)
				break;
			*slot = xa_mk_node(node);
		} else if (xa_is_node(entry)) {
			node = xa_to_node(entry);
		} else {
			break;
		}
		entry = xas_descend(xas, node);
		slot = &node->slots[xas->xa_offset];
	}
	return entry;
}

/*
 * xas_create_range: every slot of the cursor's multi-index range made
 * (for storing one entry per index, as the swap cache does for a large
 * folio); the cursor is left at the first index.
 */
void xas_create_range(struct xa_state *xas)
{
	unsigned long first = xas->xa_index;
	unsigned long last = first | (((xas->xa_sibs + 1UL) << xas->xa_shift) - 1);
	unsigned char shift = xas->xa_shift, sibs = xas->xa_sibs;
	unsigned long index = last;

	xas->xa_shift = 0;
	xas->xa_sibs = 0;
	for (;;) {                      /* the last leaf first, as 6.1 does */
		xas->xa_index = index;
		if (xas_valid(xas) && xas->xa_node)
			xas->xa_node = XAS_RESTART;
		xas_create(xas, true);
		if (xas_error(xas))
			goto restore;
		if (index < XA_CHUNK_SIZE || (index & ~XA_CHUNK_MASK) <= first)
			break;
		index = (index & ~XA_CHUNK_MASK) - 1;
		if (index < first)
			break;
	}
	xas->xa_index = first;
	xas->xa_node = XAS_RESTART;
	xas_load(xas);
	return;
restore:
	xas->xa_shift = shift;
	xas->xa_sibs = sibs;
	xas->xa_index = first;
}

/* ---- shrinking ---------------------------------------------------------- */

/* xas_shrink: a top node holding only slot 0 gives way to that entry. */
static void xas_shrink(struct xa_state *xas)
{
	struct xarray *xa = xas->xa;
	struct xa_node *node = xas->xa_node;

	while (node->count == 1) {
		void *entry = node->slots[0];

		if (!entry || (!xa_is_node(entry) && node->shift))
			break;
		xas->xa_node = XAS_BOUNDS;
		xa->xa_head = entry;
		node->count = 0;
		node->nr_values = 0;
		if (!xa_is_node(entry))
			node->slots[0] = XA_RETRY_ENTRY;
		xas_update(xas, node);
		xa_node_free(node);
		if (!xa_is_node(entry))
			break;
		node = xa_to_node(entry);
		node->parent = NULL;
	}
}

/* xas_delete_node: free the cursor's node and each ancestor it empties. */
static void xas_delete_node(struct xa_state *xas)
{
	struct xa_node *node = xas->xa_node;

	while (!node->count) {
		struct xa_node *parent = node->parent;

		xas->xa_node = parent;
		xas->xa_offset = node->offset;
		xa_node_free(node);
		if (!parent) {
			xas->xa->xa_head = NULL;
			xas->xa_node = XAS_BOUNDS;
			return;
		}
		parent->slots[xas->xa_offset] = NULL;
		parent->count--;
		node = parent;
		xas_update(xas, node);
	}
	if (!node->parent)
		xas_shrink(xas);
}

/* xas_free_nodes: a whole subtree a store replaced goes, leaves first. */
static void xas_free_nodes(struct xa_state *xas, struct xa_node *top)
{
	struct xa_node *node = top;
	unsigned int offset = 0;

	for (;;) {
		void *entry = node->slots[offset];

		if (node->shift && xa_is_node(entry)) {
			node = xa_to_node(entry);
			offset = 0;
			continue;
		}
		offset++;
		while (offset == XA_CHUNK_SIZE) {
			struct xa_node *parent = node->parent;
			bool last = node == top;

			offset = node->offset + 1u;
			node->count = 0;
			node->nr_values = 0;
			xas_update(xas, node);
			xa_node_free(node);
			if (last)
				return;
			node = parent;
		}
	}
}

static void update_node(struct xa_state *xas, struct xa_node *node,
			int count, int values)
{
	if (!node || (!count && !values))
		return;
	node->count = (unsigned char)(node->count + count);
	node->nr_values = (unsigned char)(node->nr_values + values);
	VM_BUG_ON(node->count > XA_CHUNK_SIZE || node->nr_values > node->count);
	xas_update(xas, node);
	if (count < 0)
		xas_delete_node(xas);
}

/*
 * xas_store: put @entry at the cursor's index (its whole range for a
 * multi-index cursor: the entry in the first slot, siblings after);
 * NULL erases, freeing nodes that empty.  Returns the entry that was
 * there; on -ENOMEM (xas_error) nothing changed.
 */
void *xas_store(struct xa_state *xas, void *entry)
{
	bool value = xa_is_value(entry);
	int count = 0, values = 0;
	unsigned int offset, last;
	struct xa_node *node;
	void *first, *next;
	void **slot;

	if (entry)
		first = xas_create(xas, !xa_is_node(entry) && !xa_is_zero(entry));
	else
		first = xas_load(xas);
	if (xas_invalid(xas))
		return first;
	node = xas->xa_node;
	if (node && xas->xa_shift < node->shift)
		xas->xa_sibs = 0;
	if (first == entry && !xas->xa_sibs)
		return first;

	next = first;
	offset = xas->xa_offset;
	last = offset + xas->xa_sibs;
	slot = node ? &node->slots[offset] : &xas->xa->xa_head;
	if (node && xas->xa_sibs)
		xas_squash_marks(xas);
	if (!entry)
		xas_init_marks(xas);

	for (;;) {
		*slot = entry;
		if (xa_is_node(next) && (!node || node->shift))
			xas_free_nodes(xas, xa_to_node(next));
		if (!node)
			break;
		count += !next - !entry;
		values += !xa_is_value(first) - !value;
		if (entry) {
			if (offset == last)
				break;
			if (!xa_is_sibling(entry))
				entry = xa_mk_sibling(xas->xa_offset);
		} else if (offset == XA_CHUNK_MASK) {
			break;
		}
		next = node->slots[++offset];
		if (!xa_is_sibling(next)) {
			if (!entry && offset > last)
				break;
			first = next;
		}
		slot++;
	}
	update_node(xas, node, count, values);
	return first;
}

/*
 * xa_delete_node: @node (the workingset's: shadows only) and what is in
 * it go, as a store of NULL over its whole range in its parent would do.
 */
void xa_delete_node(struct xa_node *node, xa_update_node_t update)
{
	struct xa_state xas = {
		.xa = node->array,
		.xa_index = (unsigned long)node->offset << (node->shift + XA_CHUNK_SHIFT),
		.xa_shift = (unsigned char)(node->shift + XA_CHUNK_SHIFT),
		.xa_offset = node->offset,
		.xa_node = node->parent,
		.xa_update = update,
	};

	xas_store(&xas, NULL);
}

/* ---- walking across ----------------------------------------------------- */

/* Point the cursor's index at slot @offset of its node. */
static void xas_move_index(struct xa_state *xas, unsigned long offset)
{
	unsigned int shift = xas->xa_node->shift;

	xas->xa_index &= ~XA_CHUNK_MASK << shift;  /* below the slot: cleared */
	xas->xa_index += offset << shift;
}

static void xas_next_offset(struct xa_state *xas)
{
	xas->xa_offset++;
	xas_move_index(xas, xas->xa_offset);
}

/* Does the slot the cursor is at count for @mark (XA_PRESENT: any entry)? */
static bool xas_slot_marked(const struct xa_state *xas, xa_mark_t mark)
{
	return mark == XA_PRESENT || xas_get_mark(xas, mark);
}

/*
 * The next entry at or after the cursor's index up to @max (after it when
 * the cursor has already walked), marked with @mark unless XA_PRESENT.
 * At the end: NULL, the cursor XAS_BOUNDS past the tree's last slot.
 */
static void *xas_find_filtered(struct xa_state *xas, unsigned long max,
			       xa_mark_t mark)
{
	void *entry;

	if (xas_error(xas) || xas->xa_node == XAS_BOUNDS)
		return NULL;
	if (xas->xa_index > max)
		return set_bounds(xas);
	if (!xas->xa_node) {
		xas->xa_index = 1;
		return set_bounds(xas);
	} else if (xas->xa_node == XAS_RESTART) {
		entry = xas_load(xas);
		if (entry && xas_slot_marked(xas, mark))
			return entry;
		if (!xas->xa_node || xas_invalid(xas)) {
			if (!xas->xa_node)
				xas->xa_index = 1;
			return set_bounds(xas);
		}
	} else if (!xas->xa_node->shift &&
		   xas->xa_offset != (xas->xa_index & XA_CHUNK_MASK)) {
		xas->xa_offset = (unsigned char)(((xas->xa_index - 1) & XA_CHUNK_MASK) + 1);
	}

	xas_next_offset(xas);
	while (xas->xa_node && xas->xa_index <= max) {
		if (xas->xa_offset == XA_CHUNK_SIZE) {
			xas->xa_offset = (unsigned char)(xas->xa_node->offset + 1);
			xas->xa_node = xas->xa_node->parent;
			continue;
		}
		entry = xas->xa_node->slots[xas->xa_offset];
		if (entry && !xa_is_sibling(entry) && xas_slot_marked(xas, mark)) {
			if (!xa_is_node(entry))
				return entry;
			xas->xa_node = xa_to_node(entry);
			xas->xa_offset = 0;
			continue;
		}
		xas_next_offset(xas);
	}
	if (!xas->xa_node)
		xas->xa_node = XAS_BOUNDS;
	return NULL;
}

void *xas_find(struct xa_state *xas, unsigned long max)
{
	return xas_find_filtered(xas, max, XA_PRESENT);
}

void *xas_find_marked(struct xa_state *xas, unsigned long max, xa_mark_t mark)
{
	return xas_find_filtered(xas, max, mark);
}

/*
 * xas_find_conflict: for a store of the cursor's order, the first entry
 * already in its range (NULL when the range is empty).
 */
void *xas_find_conflict(struct xa_state *xas)
{
	unsigned long first = xas->xa_index;
	unsigned long last = first | (((xas->xa_sibs + 1UL) << xas->xa_shift) - 1);
	unsigned char shift = xas->xa_shift, sibs = xas->xa_sibs;
	void *entry;

	if (xas_error(xas))
		return NULL;
	xas->xa_shift = 0;
	xas->xa_sibs = 0;
	xas->xa_node = XAS_RESTART;
	entry = xas_find(xas, last);
	xas->xa_shift = shift;
	xas->xa_sibs = sibs;
	xas_set(xas, first);
	if (entry)
		return entry;
	xas_load(xas);                  /* back at the first index */
	return NULL;
}

/*
 * xas_next: move to the next index and return what is there (NULL for
 * an empty index; a leaf's sibling entry as it is, as 6.1's does).
 */
void *xas_next(struct xa_state *xas)
{
	struct xa_node *node = xas->xa_node;

	if (xas_error(xas))
		return NULL;
	if (xas_valid(xas) && node && !node->shift &&
	    xas->xa_offset != XA_CHUNK_MASK) {
		xas->xa_index++;
		xas->xa_offset++;
		return node->slots[xas->xa_offset];
	}
	xas->xa_index++;
	if (!node)
		return set_bounds(xas);
	xas->xa_node = XAS_RESTART;
	return xas_load(xas);
}

/* ---- the xa_ API -------------------------------------------------------- */

void *xa_load(struct xarray *xa, unsigned long index)
{
	XA_STATE(xas, xa, index);
	void *entry;

	do {
		entry = xas_load(&xas);
		if (xa_is_zero(entry))
			entry = NULL;
	} while (xas_retry(&xas, entry));
	return entry;
}

/* The entry at @index replaced by @entry; the old one, or an error entry. */
void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	XA_STATE(xas, xa, index);
	void *curr;

	if (xa_is_internal(entry))
		return xa_mk_internal((unsigned long)-EINVAL);
	do {
		curr = xas_store(&xas, entry);
	} while (__xas_nomem(&xas, gfp));
	if (xas_error(&xas))
		return xa_mk_internal((unsigned long)(long)xas_error(&xas));
	return curr;
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *curr;

	xa_lock(xa);
	curr = __xa_store(xa, index, entry, gfp);
	xa_unlock(xa);
	return curr;
}

void *__xa_erase(struct xarray *xa, unsigned long index)
{
	XA_STATE(xas, xa, index);

	return xas_store(&xas, NULL);
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	void *entry;

	xa_lock(xa);
	entry = __xa_erase(xa, index);
	xa_unlock(xa);
	return entry;
}

/* Store @entry at @index only if @old is there; what was there. */
void *__xa_cmpxchg(struct xarray *xa, unsigned long index, void *old,
		   void *entry, gfp_t gfp)
{
	XA_STATE(xas, xa, index);
	void *curr;

	if (xa_is_internal(entry))
		return xa_mk_internal((unsigned long)-EINVAL);
	do {
		curr = xas_load(&xas);
		if (curr == old)
			xas_store(&xas, entry);
	} while (__xas_nomem(&xas, gfp));
	if (xas_error(&xas))
		return xa_mk_internal((unsigned long)(long)xas_error(&xas));
	return curr;
}

void *xa_cmpxchg(struct xarray *xa, unsigned long index, void *old,
		 void *entry, gfp_t gfp)
{
	void *curr;

	xa_lock(xa);
	curr = __xa_cmpxchg(xa, index, old, entry, gfp);
	xa_unlock(xa);
	return curr;
}

/*
 * xa_store_range: @entry over [@first, @last] as the fewest aligned
 * multi-index entries (NULL erases them).  NULL, or an error entry.
 */
void *xa_store_range(struct xarray *xa, unsigned long first,
		     unsigned long last, void *entry, gfp_t gfp)
{
	XA_STATE(xas, xa, 0);

	if (xa_is_internal(entry) || last < first)
		return xa_mk_internal((unsigned long)-EINVAL);
	xa_lock(xa);
	do {
		unsigned long index = first;

		while (index <= last) {
			unsigned int order = index ? (unsigned int)__builtin_ctzl(index) : 63;

			while (order && index + (1UL << order) - 1 > last)
				order--;
			xas_set_order(&xas, index, order);
			xas_store(&xas, entry);
			if (xas_error(&xas))
				break;
			if (index + (1UL << order) - 1 == ~0UL)
				break;
			index += 1UL << order;
		}
	} while (__xas_nomem(&xas, gfp));
	xa_unlock(xa);
	return xas_error(&xas) ? xa_mk_internal((unsigned long)(long)xas_error(&xas)) : NULL;
}

/* The order of the entry at @index (0 for none or a single one). */
int xa_get_order(struct xarray *xa, unsigned long index)
{
	XA_STATE(xas, xa, index);
	unsigned int slot, order = 0;
	void *entry = xas_load(&xas);

	if (!entry || !xas.xa_node)
		return 0;
	for (slot = xas.xa_offset + 1u; slot < XA_CHUNK_SIZE; slot++) {
		if (!xa_is_sibling(xas.xa_node->slots[slot]))
			break;
		order++;
	}
	order = order ? (unsigned int)(32 - __builtin_clz(order)) : 0;
	return (int)(order + xas.xa_node->shift);
}

/*
 * xa_find: the first entry at or after *@indexp up to @max (with mark
 * @filter, or XA_PRESENT for any), its index in *@indexp; NULL if none.
 * xa_find_after: the same strictly after *@indexp, a multi-index entry
 * *@indexp falls in being skipped.
 */
void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max,
	      xa_mark_t filter)
{
	XA_STATE(xas, xa, *indexp);
	void *entry;

	do {
		entry = xas_find_filtered(&xas, max, filter);
	} while (xas_retry(&xas, entry));
	if (entry)
		*indexp = xas.xa_index;
	return entry;
}

/* Is the cursor inside a multi-index entry past its first index? */
static bool xas_sibling(const struct xa_state *xas)
{
	const struct xa_node *node = xas->xa_node;
	unsigned long mask;

	if (!node)
		return false;
	mask = (XA_CHUNK_SIZE << node->shift) - 1;
	return (xas->xa_index & mask) > ((unsigned long)xas->xa_offset << node->shift);
}

void *xa_find_after(struct xarray *xa, unsigned long *indexp,
		    unsigned long max, xa_mark_t filter)
{
	XA_STATE(xas, xa, *indexp + 1);
	void *entry;

	if (xas.xa_index == 0)
		return NULL;
	for (;;) {
		entry = xas_find_filtered(&xas, max, filter);
		if (xas_invalid(&xas))
			break;
		if (xas_sibling(&xas))
			continue;
		if (!xas_retry(&xas, entry))
			break;
	}
	if (entry)
		*indexp = xas.xa_index;
	return entry;
}

bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	XA_STATE(xas, xa, index);
	void *entry = xas_load(&xas);

	return entry && xas_get_mark(&xas, mark);
}

void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	XA_STATE(xas, xa, index);

	if (xas_load(&xas))
		xas_set_mark(&xas, mark);
}

void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	XA_STATE(xas, xa, index);

	if (xas_load(&xas))
		xas_clear_mark(&xas, mark);
}

void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	xa_lock(xa);
	__xa_set_mark(xa, index, mark);
	xa_unlock(xa);
}

void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	xa_lock(xa);
	__xa_clear_mark(xa, index, mark);
	xa_unlock(xa);
}

/* xa_destroy: every node freed, the array empty (the entries are the caller's). */
void xa_destroy(struct xarray *xa)
{
	XA_STATE(xas, xa, 0);
	void *head;

	xa_lock(xa);
	head = xa->xa_head;
	xa->xa_head = NULL;
	xa->xa_flags &= ~(XA_FLAGS_MARK(0) | XA_FLAGS_MARK(1) | XA_FLAGS_MARK(2));
	if (xa_is_node(head))
		xas_free_nodes(&xas, xa_to_node(head));
	xa_unlock(xa);
}

/* ---- validation --------------------------------------------------------- */

static long xa_check_fail(const char *who, const struct xa_node *node,
			  const char *what)
{
	pr_err("%s: xarray node %p (shift %u): %s\n", who,
	       (const void *)node, node ? node->shift : 0, what);
	return -1;
}

/* The nodes under @node, checked (see include/linux/xarray.h); -1 if bad. */
static long xa_check_node(const struct xarray *xa, const struct xa_node *node,
			  const char *who)
{
	unsigned int i, count = 0, values = 0;
	long nodes = 1;
	xa_mark_t mark;

	if (node->array != xa)
		return xa_check_fail(who, node, "array is another xarray");
	for (i = 0; i < XA_CHUNK_SIZE; i++) {
		const void *e = node->slots[i];

		if (!e)
			continue;
		count++;
		if (xa_is_value(e) || (xa_is_sibling(e) &&
				       xa_is_value(node->slots[xa_to_sibling(e)])))
			values++;
		if (xa_is_sibling(e) && xa_to_sibling(e) >= i)
			return xa_check_fail(who, node, "sibling points forward");
		if (!xa_is_node(e))
			continue;
		if (!node->shift)
			return xa_check_fail(who, node, "node entry in a leaf");
		if (xa_to_node(e)->parent != node || xa_to_node(e)->offset != i ||
		    xa_to_node(e)->shift + XA_CHUNK_SHIFT != node->shift)
			return xa_check_fail(who, node, "child's parent/offset/shift");
		for (mark = 0; mark <= XA_MARK_MAX; mark++)
			if (node_get_mark(node, i, mark) !=
			    node_any_mark(xa_to_node(e), mark))
				return xa_check_fail(who, node, "mark not its child's");
		{
			long sub = xa_check_node(xa, xa_to_node(e), who);

			if (sub < 0)
				return sub;
			nodes += sub;
		}
	}
	if (count != node->count || values != node->nr_values)
		return xa_check_fail(who, node, "count or nr_values");
	if (!count)
		return xa_check_fail(who, node, "an empty node");
	return nodes;
}

/* mmsim: the number of nodes of @xa after checking them all; -1 when bad. */
long xa_validate(struct xarray *xa, const char *who)
{
	const void *head = xa->xa_head;
	const struct xa_node *top;

	if (!xa_is_node(head))
		return 0;
	top = xa_to_node(head);
	if (top->parent)
		return xa_check_fail(who, top, "top node has a parent");
	return xa_check_node(xa, top, who);
}

/* SPDX-License-Identifier: MIT */
/*
 * include/linux/rbtree.h — red-black trees embedded in the objects they
 * sort, with the kernel's interface.
 *
 * Kernel counterparts: include/linux/rbtree.h, include/linux/rbtree_types.h
 * and lib/rbtree.c (Linux 6.1).  The implementation in lib/rbtree.c is
 * mmsim's own; the names and the calling convention are the kernel's, so
 * that kernel code using a tree reads the same here:
 *
 *   struct thing { unsigned long key; struct rb_node node; };
 *
 *   search:   walk root->rb_node left/right by key;
 *   insert:   find the empty link (struct rb_node **) and its parent the
 *             same way, then rb_link_node(&t->node, parent, link) and
 *             rb_insert_color(&t->node, root);
 *   remove:   rb_erase(&t->node, root);
 *   in order: for (n = rb_first(root); n; n = rb_next(n)) ...
 *
 * The tree never allocates: a node is part of its object (container_of,
 * spelled rb_entry here).  The caller does the locking.
 *
 * A node's parent pointer and its colour share one word: nodes are at least
 * 4-byte aligned, so bit 0 of the parent address is free for the colour
 * (0 red, 1 black).  An rb_node whose parent word points at itself is "not
 * in a tree" (RB_CLEAR_NODE / RB_EMPTY_NODE).
 *
 * Invariants (checked by rb_tree_check()):
 *   1. the root is black;
 *   2. a red node has no red child;
 *   3. every path from a node down to an empty link passes the same number
 *      of black nodes;
 *   4. child->parent == node for every link.
 * From 2 and 3: height <= 2 * log2(n + 1), so every operation is O(log n).
 */
#ifndef _MMSIM_LINUX_RBTREE_H
#define _MMSIM_LINUX_RBTREE_H

#include "linux/types.h"
#include "linux/kernel.h"

#include <stddef.h>

struct rb_node {
	unsigned long __rb_parent_color; /* parent address | colour bit */
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT ((struct rb_root){ NULL })

#define RB_RED 0
#define RB_BLACK 1

static inline struct rb_node *rb_parent(const struct rb_node *node)
{
	return (struct rb_node *)(node->__rb_parent_color & ~3UL);
}

#define rb_entry(ptr, type, member) container_of(ptr, type, member)

/* rb_entry() of a node pointer that may be NULL. */
#define rb_entry_safe(ptr, type, member)                                  \
	({                                                                \
		__typeof__(ptr) ____p = (ptr);                            \
		____p ? rb_entry(____p, type, member) : NULL;             \
	})

#define RB_EMPTY_ROOT(root) ((root)->rb_node == NULL)
#define RB_EMPTY_NODE(node) \
	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node) \
	((node)->__rb_parent_color = (unsigned long)(node))

/*
 * Hang @node, red and childless, on the empty link @rb_link whose owner is
 * @parent (NULL for the root link).  rb_insert_color() then rebalances.
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

/* Rebalance after rb_link_node(). */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* Take @node out of the tree and rebalance. */
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order neighbours and ends; NULL past either end or on an empty tree. */
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);

/* Put @victim's replacement @new at @victim's place (same key order). */
void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root);

/*
 * mmsim's own check of the invariants above (no kernel counterpart): 0,
 * or -EINVAL with @why describing the first violation found.  When
 * @black_height is not NULL it receives the black height of the tree.
 */
int rb_tree_check(const struct rb_root *root, int *black_height,
		  const char **why);

#endif /* _MMSIM_LINUX_RBTREE_H */

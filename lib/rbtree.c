// SPDX-License-Identifier: MIT
/*
 * lib/rbtree.c — red-black trees: insertion, removal, in-order walks,
 * with or without an augmented value per node.
 *
 * Kernel counterpart: lib/rbtree.c (Linux 6.1), whose interface this file
 * provides (see include/linux/rbtree.h and rbtree_augmented.h).  The code
 * is written from the textbook algorithm (Cormen et al., "Introduction to
 * Algorithms", ch. 13), not from the kernel's: one rebalancing routine for
 * each of insertion and removal, mirrored for the left and right cases,
 * and one rotation primitive that reports to the augmented callbacks.
 *
 * Rotations (the only restructuring step; order is preserved):
 *
 *        x                      y
 *       / \    rotate_left     / \
 *      a   y   ----------->   x   c
 *         / \  <-----------  / \
 *        b   c rotate_right a   b
 *
 * After a rotation the new subtree head (y going left, x going right)
 * covers the same nodes as the old head did, so it inherits the old head's
 * augmented value; only the demoted node must be recomputed (the
 * "rotate(old, new)" callback).
 *
 * Removal of a node with two children moves its in-order successor into
 * its place (successor's key order is the same there); the colour that
 * disappears from the tree is then the successor's, and the rebalancing
 * starts where the successor was taken from.
 */
#include "linux/rbtree.h"
#include "linux/rbtree_augmented.h"
#include "linux/errno.h"

static inline int rb_colour(const struct rb_node *node)
{
	return node ? (int)(node->__rb_parent_color & 1) : RB_BLACK;
}

static inline bool rb_is_red(const struct rb_node *node)
{
	return rb_colour(node) == RB_RED;
}

static inline void rb_set_colour(struct rb_node *node, int colour)
{
	node->__rb_parent_color =
		(node->__rb_parent_color & ~1UL) | (unsigned long)colour;
}

static inline void rb_set_parent(struct rb_node *node, struct rb_node *parent)
{
	node->__rb_parent_color =
		(unsigned long)parent | (node->__rb_parent_color & 1);
}

/* Make the link that pointed at @old (from @parent or the root) point at @new. */
static void rb_relink(struct rb_node *old, struct rb_node *new,
		      struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/* See the picture above: x's right child y becomes the subtree head. */
static void rotate_left(struct rb_node *x, struct rb_root *root,
			const struct rb_augment_callbacks *aug)
{
	struct rb_node *y = x->rb_right, *up = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	y->rb_left = x;
	rb_set_parent(y, up);
	rb_relink(x, y, up, root);
	rb_set_parent(x, y);
	if (aug)
		aug->rotate(x, y);
}

/* The mirror image: y's left child x becomes the subtree head. */
static void rotate_right(struct rb_node *y, struct rb_root *root,
			 const struct rb_augment_callbacks *aug)
{
	struct rb_node *x = y->rb_left, *up = rb_parent(y);

	y->rb_left = x->rb_right;
	if (x->rb_right)
		rb_set_parent(x->rb_right, y);
	x->rb_right = y;
	rb_set_parent(x, up);
	rb_relink(y, x, up, root);
	rb_set_parent(y, x);
	if (aug)
		aug->rotate(y, x);
}

/*
 * A red node just linked under @node's parent may have a red parent.
 * Either recolour (the red uncle case) and move the problem two levels
 * up, or rotate once or twice and finish.
 */
static void insert_fixup(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *aug)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		bool left = (gparent = rb_parent(parent))->rb_left == parent;

		uncle = left ? gparent->rb_right : gparent->rb_left;
		if (rb_is_red(uncle)) {
			rb_set_colour(parent, RB_BLACK);
			rb_set_colour(uncle, RB_BLACK);
			rb_set_colour(gparent, RB_RED);
			node = gparent;
			continue;
		}
		/* a zig-zag becomes a straight line first */
		if (left && node == parent->rb_right) {
			rotate_left(parent, root, aug);
			parent = node;
		} else if (!left && node == parent->rb_left) {
			rotate_right(parent, root, aug);
			parent = node;
		}
		rb_set_colour(parent, RB_BLACK);
		rb_set_colour(gparent, RB_RED);
		if (left)
			rotate_right(gparent, root, aug);
		else
			rotate_left(gparent, root, aug);
		break;
	}
	rb_set_colour(root->rb_node, RB_BLACK);
}

/*
 * A black node was removed above @node (which may be an empty link, hence
 * @parent): the paths through @node are one black short.  Borrow from the
 * sibling's side by recolouring and rotating.
 */
static void erase_fixup(struct rb_node *node, struct rb_node *parent,
			struct rb_root *root,
			const struct rb_augment_callbacks *aug)
{
	struct rb_node *sib;

	while (node != root->rb_node && !rb_is_red(node)) {
		bool left = parent->rb_left == node;

		sib = left ? parent->rb_right : parent->rb_left;
		if (rb_is_red(sib)) {
			rb_set_colour(sib, RB_BLACK);
			rb_set_colour(parent, RB_RED);
			if (left)
				rotate_left(parent, root, aug);
			else
				rotate_right(parent, root, aug);
			sib = left ? parent->rb_right : parent->rb_left;
		}
		if (!rb_is_red(sib->rb_left) && !rb_is_red(sib->rb_right)) {
			rb_set_colour(sib, RB_RED);
			node = parent;
			parent = rb_parent(node);
			continue;
		}
		/* make the sibling's far child the red one */
		if (left && !rb_is_red(sib->rb_right)) {
			rb_set_colour(sib->rb_left, RB_BLACK);
			rb_set_colour(sib, RB_RED);
			rotate_right(sib, root, aug);
			sib = parent->rb_right;
		} else if (!left && !rb_is_red(sib->rb_left)) {
			rb_set_colour(sib->rb_right, RB_BLACK);
			rb_set_colour(sib, RB_RED);
			rotate_left(sib, root, aug);
			sib = parent->rb_left;
		}
		rb_set_colour(sib, rb_colour(parent));
		rb_set_colour(parent, RB_BLACK);
		if (left) {
			rb_set_colour(sib->rb_right, RB_BLACK);
			rotate_left(parent, root, aug);
		} else {
			rb_set_colour(sib->rb_left, RB_BLACK);
			rotate_right(parent, root, aug);
		}
		node = root->rb_node;
		break;
	}
	if (node)
		rb_set_colour(node, RB_BLACK);
}

static struct rb_node *leftmost(struct rb_node *node)
{
	while (node->rb_left)
		node = node->rb_left;
	return node;
}

static struct rb_node *rightmost(struct rb_node *node)
{
	while (node->rb_right)
		node = node->rb_right;
	return node;
}

/*
 * Unlink @z.  With at most one child, the child takes its place.  With
 * two, the successor y (leftmost of the right subtree, so it has no left
 * child) is cut out of its spot, its right child taking that spot, and
 * then put where z was, with z's colour.  Augmented values are repaired
 * from the cut upwards before any rebalancing rotation runs.
 */
static void erase(struct rb_node *z, struct rb_root *root,
		  const struct rb_augment_callbacks *aug)
{
	struct rb_node *child, *fix_parent, *y;
	int lost_colour;

	if (!z->rb_left || !z->rb_right) {
		child = z->rb_left ? z->rb_left : z->rb_right;
		fix_parent = rb_parent(z);
		lost_colour = rb_colour(z);
		rb_relink(z, child, fix_parent, root);
		if (child)
			rb_set_parent(child, fix_parent);
		if (aug && fix_parent)
			aug->propagate(fix_parent, NULL);
	} else {
		y = leftmost(z->rb_right);
		child = y->rb_right;
		lost_colour = rb_colour(y);
		if (y == z->rb_right) {
			fix_parent = y;
		} else {
			fix_parent = rb_parent(y);
			fix_parent->rb_left = child;
			if (child)
				rb_set_parent(child, fix_parent);
			y->rb_right = z->rb_right;
			rb_set_parent(y->rb_right, y);
		}
		y->rb_left = z->rb_left;
		rb_set_parent(y->rb_left, y);
		rb_relink(z, y, rb_parent(z), root);
		y->__rb_parent_color = z->__rb_parent_color;
		if (aug) {
			aug->copy(z, y);
			aug->propagate(fix_parent, y);
			aug->propagate(y, NULL);
		}
	}
	if (lost_colour == RB_BLACK)
		erase_fixup(child, fix_parent, root, aug);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	insert_fixup(node, root, NULL);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	erase(node, root, NULL);
}

void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment)
{
	insert_fixup(node, root, augment);
}

void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment)
{
	erase(node, root, augment);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	return root->rb_node ? leftmost(root->rb_node) : NULL;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	return root->rb_node ? rightmost(root->rb_node) : NULL;
}

/* The leftmost node of the right subtree, else the first ancestor we are left of. */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *up;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_right)
		return leftmost(node->rb_right);
	while ((up = rb_parent(node)) && node == up->rb_right)
		node = up;
	return up;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *up;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_left)
		return rightmost(node->rb_left);
	while ((up = rb_parent(node)) && node == up->rb_left)
		node = up;
	return up;
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root)
{
	*new = *victim;
	if (victim->rb_left)
		rb_set_parent(victim->rb_left, new);
	if (victim->rb_right)
		rb_set_parent(victim->rb_right, new);
	rb_relink(victim, new, rb_parent(victim), root);
}

/* Black height of @node's subtree, or -1 after setting *why. */
static int check_subtree(const struct rb_node *node,
			 const struct rb_node *parent, const char **why)
{
	int l, r;

	if (!node)
		return 0;
	if (rb_parent(node) != parent) {
		*why = "a child's parent pointer does not point at its parent";
		return -1;
	}
	if (rb_is_red(node) && (rb_is_red(node->rb_left) ||
				rb_is_red(node->rb_right))) {
		*why = "a red node has a red child";
		return -1;
	}
	l = check_subtree(node->rb_left, node, why);
	if (l < 0)
		return -1;
	r = check_subtree(node->rb_right, node, why);
	if (r < 0)
		return -1;
	if (l != r) {
		*why = "two paths have different black heights";
		return -1;
	}
	return l + (rb_is_red(node) ? 0 : 1);
}

int rb_tree_check(const struct rb_root *root, int *black_height,
		  const char **why)
{
	const char *dummy;
	int h;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (root->rb_node && rb_is_red(root->rb_node)) {
		*why = "the root is red";
		return -EINVAL;
	}
	h = check_subtree(root->rb_node, NULL, why);
	if (h < 0)
		return -EINVAL;
	if (black_height)
		*black_height = h;
	return 0;
}

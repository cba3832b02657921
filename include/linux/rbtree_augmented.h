/* SPDX-License-Identifier: MIT */
/*
 * include/linux/rbtree_augmented.h — red-black trees whose nodes also
 * carry a value computed from their whole subtree.
 *
 * Kernel counterpart: include/linux/rbtree_augmented.h (Linux 6.1): the
 * same three callbacks and the RB_DECLARE_CALLBACKS_MAX generator; the
 * code is mmsim's own (lib/rbtree.c).
 *
 * Example, vmalloc's free tree: each free area also stores the size of the
 * largest free area in its subtree, so a search can skip a subtree that
 * has nothing big enough:
 *
 *                 [40..50) max 30
 *                /               \
 *       [10..12) max 8      [70..100) max 30
 *        /      \
 *   [1..3) 2  [20..28) 8
 *
 * The tree code keeps the values right through its own restructuring, if
 * it is told how:
 *
 *   propagate(node, stop)  recompute node, its parent, ... up to (not
 *                          including) @stop; may stop early once a node's
 *                          value comes out unchanged
 *   copy(old, new)         @new takes @old's place: copy the value
 *   rotate(old, new)       @new has just become the parent of @old and
 *                          heads the subtree @old headed: @new takes @old's
 *                          value, @old is recomputed from its new children
 *
 * The caller's part: before rb_insert_augmented(), give the new node its
 * value and fix the values on the path down to it (or, as vmalloc does,
 * call propagate from the new node afterwards); after changing a node's
 * own contribution in place, call propagate(node, NULL).
 */
#ifndef _MMSIM_LINUX_RBTREE_AUGMENTED_H
#define _MMSIM_LINUX_RBTREE_AUGMENTED_H

#include "linux/rbtree.h"

struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*copy)(struct rb_node *old, struct rb_node *new);
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 const struct rb_augment_callbacks *augment);
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			const struct rb_augment_callbacks *augment);

/*
 * Generate the callbacks for "maximum of a per-node value over the
 * subtree": RBSTRUCT embeds its struct rb_node as RBFIELD and stores the
 * subtree maximum (of type RBTYPE) in RBAUGMENTED; RBCOMPUTE(node) is the
 * node's own value.  Declares, with storage class RBSTATIC,
 *
 *   const struct rb_augment_callbacks RBNAME;
 *
 * and the helpers RBNAME##_compute_max() and RBNAME##_propagate() that
 * code may also call directly.
 */
#define RB_DECLARE_CALLBACKS_MAX(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD,        \
				 RBTYPE, RBAUGMENTED, RBCOMPUTE)             \
	/* Recompute @node; true when the stored value was already right. */ \
	static inline bool RBNAME##_compute_max(RBSTRUCT *node, bool exit)   \
	{                                                                     \
		RBTYPE best = RBCOMPUTE(node);                                \
		struct rb_node *kid;                                          \
		int i;                                                        \
                                                                              \
		for (i = 0; i < 2; i++) {                                     \
			kid = i ? node->RBFIELD.rb_right : node->RBFIELD.rb_left; \
			if (kid) {                                            \
				RBTYPE v = rb_entry(kid, RBSTRUCT, RBFIELD)   \
						   ->RBAUGMENTED;             \
				if (v > best)                                 \
					best = v;                             \
			}                                                     \
		}                                                             \
		if (exit && node->RBAUGMENTED == best)                        \
			return true;                                          \
		node->RBAUGMENTED = best;                                     \
		return false;                                                 \
	}                                                                     \
	static inline void RBNAME##_propagate(struct rb_node *rb,            \
					      struct rb_node *stop)           \
	{                                                                     \
		for (; rb != stop; rb = rb_parent(rb))                        \
			if (RBNAME##_compute_max(rb_entry(rb, RBSTRUCT, RBFIELD), \
						 true))                       \
				break;                                        \
	}                                                                     \
	static inline void RBNAME##_copy(struct rb_node *rb_old,             \
					 struct rb_node *rb_new)              \
	{                                                                     \
		rb_entry(rb_new, RBSTRUCT, RBFIELD)->RBAUGMENTED =            \
			rb_entry(rb_old, RBSTRUCT, RBFIELD)->RBAUGMENTED;     \
	}                                                                     \
	static inline void RBNAME##_rotate(struct rb_node *rb_old,           \
					   struct rb_node *rb_new)            \
	{                                                                     \
		RBNAME##_copy(rb_old, rb_new);                                \
		RBNAME##_compute_max(rb_entry(rb_old, RBSTRUCT, RBFIELD),     \
				     false);                                  \
	}                                                                     \
	RBSTATIC const struct rb_augment_callbacks RBNAME = {                 \
		.propagate = RBNAME##_propagate,                              \
		.copy = RBNAME##_copy,                                        \
		.rotate = RBNAME##_rotate,                                    \
	}

#endif /* _MMSIM_LINUX_RBTREE_AUGMENTED_H */

// SPDX-License-Identifier: MIT
/*
 * mm/interval_tree.c — the VMAs that map a file: address_space->i_mmap.
 *
 * Kernel counterpart: mm/interval_tree.c (Linux 6.1): vma_interval_tree_*
 * over mapping->i_mmap, the set the file rmap walk (rmap_walk_file) and
 * unmap_mapping_range() go through instead of every process's VMAs.
 *
 * 6.1 keeps the set in an augmented red-black tree keyed by each VMA's
 * first page offset (vm_pgoff), each node also knowing the last offset
 * below it, so that a query for [first, last] skips whole subtrees.  An
 * in-order walk visits the VMAs by vm_pgoff; VMAs with the same vm_pgoff
 * in the order they were inserted, except that fork's copy is inserted
 * right after its parent's VMA (vma_interval_tree_insert_after).
 *
 * mmsim keeps the same order in a sorted list (vma->shared on
 * mapping->i_mmap): the same VMAs come out of a query in the same order,
 * at a linear cost that the simulated machines' few mappings of a file
 * do not notice.
 *
 *   mapping->i_mmap:  vma(pgoff 0) -> vma(pgoff 0, later) -> vma(pgoff 16)
 *                     a query [first, last] yields every VMA whose
 *                     [vm_pgoff, vm_pgoff + pages - 1] meets it
 *
 * Invariant: a VMA with a vm_file is on its mapping's i_mmap exactly while
 * it is in an address space (linked by shmem_vma_link, taken off by
 * shmem_vma_unlink); the list is sorted by vm_pgoff.  A VMA whose range
 * or offset changes is taken off and put back (vma_index_set_range), as
 * 6.1's __vma_adjust does.  Changed under the mmap lock of the VMA's mm.
 */
#include "linux/kernel.h"
#include "linux/list.h"
#include "linux/mm.h"
#include "linux/fs.h"
#include "mm/process_internal.h"

/* The last page offset @vma maps (6.1's vma_last_pgoff). */
static unsigned long vma_last_pgoff(struct vm_area_struct *vma)
{
	return vma->vm_pgoff + vma_pages(vma) - 1;
}

/* Add @node after every VMA that starts at or before its offset. */
void vma_interval_tree_insert(struct vm_area_struct *node, struct list_head *root)
{
	struct vm_area_struct *vma;

	list_for_each_entry_reverse(vma, root, shared) {
		if (vma->vm_pgoff <= node->vm_pgoff) {
			list_add(&node->shared, &vma->shared);
			return;
		}
	}
	list_add(&node->shared, root);
}

/* fork: @node (a copy of @prev, same offset) right after @prev. */
void vma_interval_tree_insert_after(struct vm_area_struct *node,
				    struct vm_area_struct *prev,
				    struct list_head *root)
{
	VM_BUG_ON(node->vm_pgoff != prev->vm_pgoff);
	list_add(&node->shared, &prev->shared);
}

void vma_interval_tree_remove(struct vm_area_struct *node, struct list_head *root)
{
	list_del_init(&node->shared);
}

/* The first VMA from @pos on (inclusive) that meets [first, last], or NULL. */
static struct vm_area_struct *i_mmap_next_meeting(struct list_head *pos,
						  struct list_head *root,
						  unsigned long first,
						  unsigned long last)
{
	for (; pos != root; pos = pos->next) {
		struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct,
							 shared);

		if (vma->vm_pgoff > last)
			return NULL;    /* sorted: no later one starts in time */
		if (vma_last_pgoff(vma) >= first)
			return vma;
	}
	return NULL;
}

struct vm_area_struct *vma_interval_tree_iter_first(struct list_head *root,
						    unsigned long first,
						    unsigned long last)
{
	return i_mmap_next_meeting(root->next, root, first, last);
}

struct vm_area_struct *vma_interval_tree_iter_next(struct vm_area_struct *node,
						   unsigned long first,
						   unsigned long last)
{
	struct list_head *root = &node->vm_file->f_mapping->i_mmap;

	return i_mmap_next_meeting(node->shared.next, root, first, last);
}

// SPDX-License-Identifier: MIT
/*
 * mm/vma_index.c — the maple tree of an mm's VMAs and its lookups.
 *
 * Kernel counterpart: the VMA side of the maple tree in mm/mmap.c (6.1):
 * find_vma, find_vma_prev, vma_lookup, find_vma_intersection,
 * vma_mas_store / vma_mas_remove, and the vma_next/vma_prev iterator of
 * include/linux/mm.h.  As in 6.1, mm->mm_mt is THE index of the VMAs:
 * each VMA is one range [vm_start, vm_end - 1] of the tree, the gaps
 * between them are empty ranges, and every lookup walks the tree.
 *
 * Writers (mm/mmap.c, kernel/fork.c) preallocate the nodes a store may
 * need (mas_preallocate) and then store (mas_store_prealloc), as 6.1's
 * vma_mas_store does.  vma_index_set_range() moves a VMA that is in the
 * tree: it clears the ranges still holding it, sets the new bounds and
 * stores it there, so a VMA that grows over a neighbour may do so before
 * or after that neighbour leaves the tree.
 *
 * Invariant (mmsim_validate_mm): the tree's entries are the mm's
 * map_count VMAs in address order, each exactly over its own bounds.
 */
#include "linux/kernel.h"
#include "linux/errno.h"
#include "linux/mm.h"
#include "linux/rmap.h"
#include "mm/process_internal.h"
#include "linux/maple_tree.h"

/* MM_MT_FLAGS: a range tree with gaps tracked, locked by the mmap_lock. */
#define MM_MT_FLAGS (MT_FLAGS_ALLOC_RANGE | MT_FLAGS_LOCK_EXTERN)

void vma_mt_init(struct mm_struct *mm)
{
	mt_init_flags(&mm->mm_mt, MM_MT_FLAGS);
}

void vma_mt_destroy(struct mm_struct *mm)
{
	mtree_destroy(&mm->mm_mt);
}

/* Store @vma over its bounds with nodes already set aside in @mas. */
void vma_mas_store(struct vm_area_struct *vma, struct ma_state *mas)
{
	mas_set_range(mas, vma->vm_start, vma->vm_end - 1);
	mas_store_prealloc(mas, vma);
}

/* Empty [index, last] of @mas (nodes set aside). */
void vma_mas_remove(struct vm_area_struct *vma, struct ma_state *mas)
{
	(void)vma;
	mas_store_prealloc(mas, NULL);
}

/* Empty every range inside [first, last] that still holds @vma. */
static void vma_mt_clear(struct mm_struct *mm, struct vm_area_struct *vma,
			 unsigned long first, unsigned long last)
{
	MA_STATE(mas, &mm->mm_mt, first, first);
	unsigned long s, l;
	void *entry;

	for (;;) {
		mas_set(&mas, first);
		entry = mas_find(&mas, last);
		if (!entry)
			return;
		s = max(mas.index, first);
		l = min(mas.last, last);
		if (entry == vma) {
			mas_set_range(&mas, s, l);
			if (mas_preallocate(&mas, NULL, GFP_KERNEL))
				mas_store_gfp(&mas, NULL, GFP_KERNEL | __GFP_NOFAIL);
			else
				vma_mas_remove(vma, &mas);
		}
		if (l >= last)
			return;
		first = l + 1;
	}
}

/* Put @vma (bounds set) into the tree; 0 or -ENOMEM (tree unchanged). */
int vma_index_insert(struct mm_struct *mm, struct vm_area_struct *vma)
{
	MA_STATE(mas, &mm->mm_mt, vma->vm_start, vma->vm_end - 1);

	if (mas_preallocate(&mas, vma, GFP_KERNEL))
		return -ENOMEM;
	vma_mas_store(vma, &mas);
	return 0;
}

void vma_index_remove(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_mt_clear(mm, vma, vma->vm_start, vma->vm_end - 1);
}

/* Move @vma, which is in the tree, to [start, end) at @pgoff. */
void vma_index_set_range(struct mm_struct *mm, struct vm_area_struct *vma,
			 unsigned long start, unsigned long end,
			 unsigned long pgoff)
{
	MA_STATE(mas, &mm->mm_mt, start, end - 1);

	vma_mt_clear(mm, vma, vma->vm_start, vma->vm_end - 1);
	if (vma->vm_file)
		shmem_vma_unlink(vma);   /* re-sorted by its new offset below */
	/*
	 * 6.1's vma_adjust: the bounds change under the anon_vma's lock, so
	 * that an rmap walk (reclaim, migration on another CPU) that found
	 * this VMA through the anon_vma sees them whole.
	 */
	if (vma->anon_vma)
		anon_vma_lock_write(vma->anon_vma);
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
	if (vma->anon_vma)
		anon_vma_unlock_write(vma->anon_vma);
	if (vma->vm_file)
		shmem_vma_link(vma);
	if (mas_preallocate(&mas, vma, GFP_KERNEL))
		mas_store_gfp(&mas, vma, GFP_KERNEL | __GFP_NOFAIL);
	else
		vma_mas_store(vma, &mas);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	unsigned long index = addr;

	return mt_find(&mm->mm_mt, &index, ULONG_MAX);
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	MA_STATE(mas, &mm->mm_mt, 0, 0);
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long below = vma && vma->vm_start <= addr ? vma->vm_start : addr;

	*pprev = NULL;
	if (below) {
		mas_set(&mas, below - 1);
		*pprev = mas_find_rev(&mas, 0);
	}
	return vma;
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	return mtree_load(&mm->mm_mt, addr);
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end)
{
	unsigned long index = start;

	if (end <= start)
		return NULL;
	return mt_find(&mm->mm_mt, &index, end - 1);
}

/* The first VMA ending above vmi->index (a fresh walk: safe after writes). */
struct vm_area_struct *vma_next(struct vma_iterator *vmi)
{
	MA_STATE(mas, &vmi->mm->mm_mt, vmi->index, vmi->index);
	struct vm_area_struct *vma;

	vma = mas_find(&mas, ULONG_MAX);
	if (vma)
		vmi->index = vma->vm_end;
	return vma;
}

/* The last VMA starting below vmi->index. */
struct vm_area_struct *vma_prev(struct vma_iterator *vmi)
{
	MA_STATE(mas, &vmi->mm->mm_mt, 0, 0);
	struct vm_area_struct *vma;

	if (!vmi->index)
		return NULL;
	mas_set(&mas, vmi->index - 1);
	vma = mas_find_rev(&mas, 0);
	if (vma)
		vmi->index = vma->vm_start;
	return vma;
}

struct vm_area_struct *mmsim_vma_after(struct vm_area_struct *vma)
{
	return find_vma(vma->vm_mm, vma->vm_end);
}

struct vm_area_struct *mmsim_vma_before(struct vm_area_struct *vma)
{
	MA_STATE(mas, &vma->vm_mm->mm_mt, 0, 0);

	if (!vma->vm_start)
		return NULL;
	mas_set(&mas, vma->vm_start - 1);
	return mas_find_rev(&mas, 0);
}
